//! Real servers and fixtures shared by the integration tests.
#![allow(dead_code)]

pub mod daemon;
pub mod mailstack;
pub mod postgres;

use std::path::{Path, PathBuf};

/// The court's sample corpus beside the repository.
pub fn samples() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    assert!(dir.join("truth").is_dir(), "the sample corpus is missing at {}", dir.display());
    dir
}

/// The database engines every storage test runs on: SQLite in a temp dir and a
/// database on the shared PostgreSQL server.
pub fn engines(name: &str, tmp: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("sqlite", format!("sqlite://{}/{name}.db?mode=rwc", tmp.display())),
        ("postgres", postgres::PostgresServer::shared().fresh_database(name)),
    ]
}
