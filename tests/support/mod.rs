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

/// A plain HTTP/1.1 GET: (status, body).
pub fn http_get(address: std::net::SocketAddr, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    (status, body)
}
