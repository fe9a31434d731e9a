//! The mailbox: where requests arrive. Two sources share one discipline:
//! take each message exactly once — store it raw in the ledger (one transaction per
//! batch) before anything else — and move it on the server only after its outcome is
//! committed. `maildir` is the embedded default; `imap` is the court's real mailbox.

pub mod imap;
pub mod maildir;

use tokio_util::sync::CancellationToken;

use crate::config::{MailSource, Settings};
use crate::db::{Db, DbError};
use crate::ledger::{self, Arrival, Folders, StoreSummary};
use crate::tickets::process::Wakers;

/// What every source needs besides its own settings.
#[derive(Clone)]
pub struct Intake {
    pub db: Db,
    pub folders: Folders,
    pub fetch_batch: usize,
    pub max_message_bytes: u64,
    pub wakers: Wakers,
    /// Encrypts raw messages as they are stored.
    pub vault: std::sync::Arc<crate::vault::Vault>,
}

impl Intake {
    pub fn new(db: Db, settings: &Settings, wakers: Wakers, vault: std::sync::Arc<crate::vault::Vault>) -> Self {
        Self {
            db,
            folders: Folders::from(&settings.mailbox),
            fetch_batch: settings.mailbox.fetch_batch,
            max_message_bytes: settings.screening.max_message_bytes,
            wakers,
            vault,
        }
    }

    /// Stores arrivals durably and wakes the worker.
    async fn take(&self, mailbox: &str, uid_validity: i64, arrivals: &[Arrival]) -> Result<StoreSummary, DbError> {
        let started = std::time::Instant::now();
        let rules = ledger::StoreRules {
            vault: &self.vault,
            folders: &self.folders,
            max_message_bytes: self.max_message_bytes,
        };
        let summary =
            ledger::store_arrivals(&self.db, &rules, mailbox, uid_validity, arrivals, chrono::Utc::now()).await?;
        crate::metrics::metrics().messages_received.inc_by(summary.stored as u64);
        if summary.stored > 0 || summary.duplicates > 0 || summary.refused > 0 {
            tracing::info!(
                mailbox,
                stored = summary.stored,
                duplicates = summary.duplicates,
                refused_for_size = summary.refused,
                ms = started.elapsed().as_millis() as u64,
                "messages taken"
            );
            self.wakers.queued.notify_one();
            if summary.duplicates > 0 || summary.refused > 0 {
                self.wakers.moves.notify_one();
            }
        }
        Ok(summary)
    }
}

/// Runs the configured source until `shutdown`.
pub async fn run(settings: &Settings, intake: Intake, shutdown: CancellationToken) {
    match settings.mailbox.source {
        MailSource::Maildir => maildir::run(&settings.mailbox.maildir, intake, shutdown).await,
        MailSource::Imap => {
            let imap = settings.mailbox.imap.clone().expect("validated: mailbox.imap is set for the imap source");
            imap::run(imap, intake, shutdown).await
        }
    }
}
