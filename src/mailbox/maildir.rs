//! A Maildir as the mailbox: the embedded default, so accessd runs with no mail server.
//! Each file in `new/` or `cur/` is a message; its unique name (before `:`) is its UID.
//! Taken messages are renamed into Maildir++ folders (`.Processed/cur/`), which is
//! atomic, so a crash leaves each file either in the inbox or in its folder.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{Intake, Taken};
use crate::ledger::{self, Arrival};

/// How often the inbox is looked at.
const POLL: Duration = Duration::from_millis(500);

#[derive(Debug, thiserror::Error)]
pub enum MaildirError {
    #[error("cannot use the Maildir {path}: {source}. Check mailbox.maildir")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> MaildirError + '_ {
    move |source| MaildirError::Io { path: path.to_path_buf(), source }
}

/// Creates the Maildir (and a folder's) `new`, `cur` and `tmp` when missing.
pub fn create(root: &Path) -> Result<(), MaildirError> {
    for sub in ["new", "cur", "tmp"] {
        let dir = root.join(sub);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    }
    Ok(())
}

fn folder_path(root: &Path, folder: &str) -> PathBuf {
    root.join(format!(".{folder}"))
}

/// The unique part of a Maildir file name.
fn unique_name(file_name: &str) -> &str {
    file_name.split_once(':').map_or(file_name, |(unique, _)| unique)
}

/// Puts a message into the Maildir the way an MTA does: written in `tmp/`, then renamed
/// into `new/`. Returns its unique name.
pub fn deliver(root: &Path, raw: &[u8]) -> Result<String, MaildirError> {
    create(root)?;
    let unique = format!(
        "{}.M{}P{}R{:08x}.accessd",
        chrono::Utc::now().timestamp(),
        chrono::Utc::now().timestamp_subsec_micros(),
        std::process::id(),
        rand::random::<u32>()
    );
    let tmp = root.join("tmp").join(&unique);
    std::fs::write(&tmp, raw).map_err(io(&tmp))?;
    let file = std::fs::File::open(&tmp).map_err(io(&tmp))?;
    file.sync_all().map_err(io(&tmp))?;
    let new = root.join("new").join(&unique);
    std::fs::rename(&tmp, &new).map_err(io(&new))?;
    Ok(unique)
}

/// The mailbox name the ledger knows this Maildir by.
fn mailbox_name(root: &Path) -> String {
    let absolute = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    format!("maildir:{}", absolute.display())
}

/// Files in the inbox, by unique name.
fn inbox_files(root: &Path) -> Result<Vec<(String, PathBuf)>, MaildirError> {
    let mut files = Vec::new();
    for sub in ["new", "cur"] {
        let dir = root.join(sub);
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            files.push((unique_name(&name).to_string(), entry.path()));
        }
    }
    files.sort();
    Ok(files)
}

/// Reads a message file; over `max` bytes only its header section is kept.
fn read_message(path: &Path, max: u64) -> std::io::Result<Arrival> {
    let size = std::fs::metadata(path)?.len();
    let uid = path.file_name().map(|n| unique_name(&n.to_string_lossy()).to_string()).unwrap_or_default();
    if size <= max {
        return Ok(Arrival { uid, size, raw: std::fs::read(path)?, refused_for_size: false });
    }
    let mut head = Vec::new();
    std::fs::File::open(path)?.take(256 * 1024).read_to_end(&mut head)?;
    let end = head
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .or_else(|| head.windows(2).position(|w| w == b"\n\n").map(|p| p + 2));
    head.truncate(end.unwrap_or(head.len()));
    Ok(Arrival { uid, size, raw: head, refused_for_size: true })
}

/// One pass: take new files, then move the settled ones.
async fn pass(root: &Path, mailbox: &str, intake: &Intake) -> Result<(), MaildirError> {
    let known: HashSet<String> = ledger::unmoved_uids(&intake.db, mailbox).await?.into_iter().collect();
    let fresh: Vec<PathBuf> =
        inbox_files(root)?.into_iter().filter(|(u, _)| !known.contains(u)).map(|(_, p)| p).collect();
    for chunk in fresh.chunks(intake.fetch_batch) {
        let mut arrivals = Vec::with_capacity(chunk.len());
        for path in chunk {
            match read_message(path, intake.max_message_bytes) {
                Ok(arrival) => arrivals.push(arrival),
                // Renamed away between listing and reading: someone else's business.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(MaildirError::Io { path: path.clone(), source }),
            }
        }
        if intake.take(mailbox, 0, &arrivals).await? == Taken::NotLeader {
            return Ok(());
        }
    }
    let moves = ledger::pending_moves(&intake.db, mailbox).await?;
    if moves.is_empty() {
        return Ok(());
    }
    let files: std::collections::HashMap<String, PathBuf> = inbox_files(root)?.into_iter().collect();
    let mut done = Vec::new();
    for m in moves {
        if let Some(path) = files.get(&m.uid) {
            let folder = folder_path(root, &m.destination);
            create(&folder)?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let name = if name.contains(':') { name } else { format!("{name}:2,") };
            let target = folder.join("cur").join(name);
            std::fs::rename(path, &target).map_err(io(&target))?;
        }
        done.push(m.id);
    }
    ledger::mark_moved(&intake.db, &done).await?;
    Ok(())
}

/// Watches the Maildir until `shutdown`.
pub async fn run(root: &Path, intake: Intake, shutdown: CancellationToken) {
    if let Err(e) = create(root) {
        tracing::error!(error = %e, "the Maildir cannot be used; no mail will be taken");
        return;
    }
    let mailbox = mailbox_name(root);
    tracing::info!(mailbox = %mailbox, "watching the Maildir");
    while !shutdown.is_cancelled() {
        match pass(root, &mailbox, &intake).await {
            Ok(()) => crate::metrics::metrics().fetched(),
            Err(e) => {
                crate::metrics::metrics().mailbox_session_up.set(0);
                tracing::warn!(error = %e, "Maildir pass failed; trying again shortly");
            }
        }
        tokio::select! {
            _ = shutdown.cancelled() => {}
            _ = intake.wakers.moves.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
    // Move what the last batch settled before leaving.
    if let Err(e) = pass(root, &mailbox, &intake).await {
        tracing::warn!(error = %e, "last Maildir pass failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_drop_the_flags() {
        assert_eq!(unique_name("1700000000.M1P2.host:2,S"), "1700000000.M1P2.host");
        assert_eq!(unique_name("1700000000.M1P2.host"), "1700000000.M1P2.host");
    }

    #[test]
    fn oversize_files_keep_only_their_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m1");
        std::fs::write(&path, b"Subject: big\r\nFrom: a@b.example\r\n\r\nxxxxxxxxxxxxxxxxxxxxxxxx").unwrap();
        let a = read_message(&path, 20).unwrap();
        assert!(a.refused_for_size);
        assert_eq!(a.raw, b"Subject: big\r\nFrom: a@b.example\r\n\r\n");
        let a = read_message(&path, 1000).unwrap();
        assert!(!a.refused_for_size);
        assert_eq!(a.size, a.raw.len() as u64);
    }

    #[test]
    fn delivered_messages_land_in_new() {
        let dir = tempfile::tempdir().unwrap();
        let unique = deliver(dir.path(), b"Subject: hi\r\n\r\nbody").unwrap();
        let files = inbox_files(dir.path()).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, unique);
        assert!(std::fs::read_dir(dir.path().join("tmp")).unwrap().next().is_none());
    }
}
