//! The mailbox: where requests arrive. Two sources share one discipline:
//! take each message exactly once — store it raw in the ledger (one transaction per
//! batch) before anything else — and move it on the server only after its outcome is
//! committed. `maildir` is the embedded default; `imap` is the court's real mailbox.

pub mod imap;
pub mod maildir;

use tokio_util::sync::CancellationToken;

use crate::cluster::Lease;
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
    /// The mailbox lease this instance reads under, and its term: checked before each
    /// batch is stored, so a former leader stops at once instead of reading on.
    pub lease: Option<(Lease, CancellationToken)>,
}

/// What became of a batch handed to the intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Stored(StoreSummary),
    /// This instance no longer holds the mailbox lease: nothing was stored and the
    /// lease's term is over.
    NotLeader,
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
            lease: None,
        }
    }

    /// Reads only while `lease` is held; `term` is cancelled when it is found lost.
    pub fn under_lease(self, lease: Lease, term: CancellationToken) -> Self {
        Self { lease: Some((lease, term)), ..self }
    }

    /// Stores arrivals durably and wakes the worker, if this instance still holds the
    /// mailbox lease.
    async fn take(&self, mailbox: &str, uid_validity: i64, arrivals: &[Arrival]) -> Result<Taken, DbError> {
        if let Some((lease, term)) = &self.lease {
            if !lease.held_now(chrono::Utc::now()).await? {
                tracing::warn!(mailbox, "mailbox lease no longer held: this batch is left for the new holder");
                term.cancel();
                return Ok(Taken::NotLeader);
            }
        }
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
            crate::cluster::announce_queued(&self.db).await;
            if summary.duplicates > 0 || summary.refused > 0 {
                self.wakers.moves.notify_one();
            }
        }
        Ok(Taken::Stored(summary))
    }
}

/// Runs the configured source until `shutdown`.
pub async fn run(settings: &Settings, intake: Intake, shutdown: CancellationToken) {
    match settings.mailbox.source {
        MailSource::Maildir => maildir::run(&settings.mailbox.maildir, intake, shutdown).await,
        MailSource::Imap => {
            let mut imap = settings.mailbox.imap.clone().expect("validated: mailbox.imap is set for the imap source");
            // IDLE is renewed (and the mailbox looked at) well within the stall alert's
            // time, so a quiet mailbox on a healthy session never looks stalled.
            let stall_secs = u64::from(settings.daemon.stall_alert_minutes) * 60;
            imap.idle_renew_secs = imap.idle_renew_secs.min((stall_secs / 3).max(20));
            imap::run(imap, intake, shutdown).await
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::cluster::Instance;
    use crate::config::DatabaseSettings;

    fn arrival(uid: &str) -> Arrival {
        Arrival {
            uid: uid.into(),
            size: 40,
            raw: format!("Message-ID: <{uid}@mail.example>\r\nSubject: access\r\n\r\nhello\r\n").into_bytes(),
            refused_for_size: false,
        }
    }

    /// A former leader stores nothing: the lease is checked before each batch, and
    /// losing it ends the lease's term at once.
    #[tokio::test]
    async fn a_batch_is_stored_only_under_a_held_lease() {
        let tmp = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/lease.db?mode=rwc", tmp.path().display());
        let db = Db::open(&DatabaseSettings { url, max_connections: 2 }).await.unwrap();
        let me = Lease::new(db.clone(), "mailbox", Arc::new(Instance::new("court-a")), Duration::from_secs(60));
        let term = CancellationToken::new();
        let intake = Intake {
            db: db.clone(),
            folders: Folders { processed: "P".into(), ignored: "I".into(), quarantine: "Q".into() },
            fetch_batch: 10,
            max_message_bytes: 1_000_000,
            wakers: Wakers::default(),
            vault: Arc::new(crate::vault::Vault::from_hex_keys([]).unwrap()),
            lease: None,
        }
        .under_lease(me.clone(), term.clone());

        assert!(me.hold(chrono::Utc::now()).await.unwrap());
        let first = intake.take("maildir:test", 0, &[arrival("1")]).await.unwrap();
        assert!(matches!(first, Taken::Stored(s) if s.stored == 1), "{first:?}");

        // Another instance takes the lease over (this one stalled past it).
        let other = Lease::new(db.clone(), "mailbox", Arc::new(Instance::new("court-b")), Duration::from_secs(60));
        crate::on_pool!(&db, |pool| {
            sqlx::query("UPDATE leases SET expires_at = '2000-01-01T00:00:00Z' WHERE name = 'mailbox'")
                .execute(pool)
                .await
                .unwrap();
        });
        assert!(other.hold(chrono::Utc::now()).await.unwrap());
        assert_eq!(intake.take("maildir:test", 0, &[arrival("2")]).await.unwrap(), Taken::NotLeader);
        assert!(term.is_cancelled(), "the term ends at once");
        let stored: i64 = crate::on_pool!(&db, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(pool).await.unwrap()
        });
        assert_eq!(stored, 1, "nothing stored after the lease was lost");
        db.close().await;
    }
}
