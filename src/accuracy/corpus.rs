//! `accessd report accuracy --corpus DIR`: every message of a corpus laid out like the
//! court's samples (`fixtures/`, `messages/`, `truth/`) screened against its own
//! directory, imported into a scratch SQLite database, and paired with its truth file.
//! The developers' evaluation tool; it writes nothing outside a temporary directory.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use futures::StreamExt;

use super::{Compared, CourtResult, Verdict};
use crate::config::{DatabaseSettings, Settings};
use crate::db::Db;
use crate::directory::import::{self, DirectoryFile};
use crate::directory::store;
use crate::screener::Screener;

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{dir} is not a corpus: it needs fixtures/, messages/ and truth/ as in the court's samples")]
    NotACorpus { dir: String },
    #[error("the fixtures in {path} were not imported: {reason}")]
    Fixtures { path: String, reason: String },
    #[error("the scratch database could not be used: {0}")]
    Db(#[from] crate::db::DbError),
}

/// Messages that could not be screened at all, with why.
pub type Unscreened = Vec<(String, String)>;

/// Screens every message with `workers` at once and pairs it with its truth.
pub async fn compare(
    dir: &Path,
    settings: &Settings,
    workers: usize,
) -> Result<(Vec<Compared>, Unscreened), CorpusError> {
    for sub in ["fixtures", "messages", "truth"] {
        if !dir.join(sub).is_dir() {
            return Err(CorpusError::NotACorpus { dir: dir.display().to_string() });
        }
    }
    let scratch = tempfile::tempdir().map_err(|e| unreadable(Path::new("temporary directory"), e))?;
    let mut settings = settings.clone();
    settings.database = DatabaseSettings {
        url: format!("sqlite://{}/corpus.db?mode=rwc", scratch.path().display()),
        max_connections: 4,
    };
    settings.id_reading.ocr_engines = workers;
    let db = Db::open(&settings.database).await?;
    import_fixtures(&db, &dir.join("fixtures")).await?;
    let screener = Arc::new(Screener::new(db.clone(), &settings));
    screener.reader.load_engines().map_err(|e| unreadable(Path::new("OCR engines"), e))?;

    let messages = messages(&dir.join("messages"))?;
    let total = messages.len();
    let results: Vec<(PathBuf, Result<CourtResult, String>)> = futures::stream::iter(messages)
        .map(|path| {
            let screener = screener.clone();
            async move {
                let result = screen_one(&screener, &path).await;
                (path, result)
            }
        })
        .buffer_unordered(workers.max(1))
        .enumerate()
        .map(|(i, r)| {
            if (i + 1) % 50 == 0 {
                tracing::info!(done = i + 1, total, "corpus messages screened");
            }
            r
        })
        .collect()
        .await;
    db.close().await;
    pair_with_truth(dir, results)
}

async fn screen_one(screener: &Screener, path: &Path) -> Result<CourtResult, String> {
    let raw = std::fs::read(path).map_err(|e| e.to_string())?;
    let screening = screener.screen_raw(&raw, Utc::now()).await.map_err(|e| e.to_string())?;
    serde_json::from_value(screening.result_json()).map_err(|e| e.to_string())
}

fn pair_with_truth(
    dir: &Path,
    mut results: Vec<(PathBuf, Result<CourtResult, String>)>,
) -> Result<(Vec<Compared>, Unscreened), CorpusError> {
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut compared = Vec::new();
    let mut unscreened = Vec::new();
    for (path, result) in results {
        let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let truth_path = dir.join("truth").join(format!("{stem}.json"));
        let text = std::fs::read_to_string(&truth_path).map_err(|e| unreadable(&truth_path, e))?;
        let truth: CourtResult = serde_json::from_str(&text).map_err(|e| unreadable(&truth_path, e))?;
        match result {
            Ok(ours) => compared.push(Compared { id: stem, accessd: Verdict::from(ours), clerk: Verdict::from(truth) }),
            Err(why) => unscreened.push((stem, why)),
        }
    }
    Ok((compared, unscreened))
}

fn messages(dir: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    out.sort();
    Ok(out)
}

async fn import_fixtures(db: &Db, fixtures: &Path) -> Result<(), CorpusError> {
    for (file, name) in [
        (DirectoryFile::Accounts, "accounts.csv"),
        (DirectoryFile::Cases, "cases.csv"),
        (DirectoryFile::Parties, "parties.csv"),
        (DirectoryFile::Requests, "access_requests.csv"),
    ] {
        let path = fixtures.join(name);
        let bytes = std::fs::read(&path).map_err(|e| unreadable(&path, e))?;
        let rows = import::parse(file, &bytes)
            .map_err(|e| CorpusError::Fixtures { path: path.display().to_string(), reason: e.to_string() })?;
        store::import(db, &rows).await?;
    }
    Ok(())
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> CorpusError {
    CorpusError::Unreadable { path: path.display().to_string(), reason: e.to_string() }
}
