//! The screening worker: takes queued messages from the ledger, screens them (several
//! at once, OCR bounded by the engine pool), joins follow-ups to their tickets and
//! commits each batch's outcomes in one transaction. A message that fails is retried,
//! then quarantined with its error; the queue goes on.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::store::{self, Outcome, ReplyPolicy};
use crate::cluster::Instance;
use crate::db::DbError;
use crate::ledger::{self, Folders, QueuedMessage};
use crate::screener::{ScreenError, Screener};
use crate::screening::{thread, Disposition, Prepared};
use crate::vault::Vault;

/// Everything the worker needs.
#[derive(Clone)]
pub struct Worker {
    pub screener: Arc<Screener>,
    pub replies: ReplyPolicy,
    pub folders: Folders,
    pub max_attempts: u32,
    /// Messages screened at once.
    pub concurrency: usize,
    /// This instance, which claims the messages it screens.
    pub instance: Arc<Instance>,
    /// How long a claim lasts unless renewed (daemon.lease_seconds).
    pub claim_for: Duration,
    /// Decrypts the raw messages.
    pub vault: Arc<Vault>,
}

/// Who to wake when a batch is committed.
#[derive(Clone, Default)]
pub struct Wakers {
    /// The worker itself: new messages are queued.
    pub queued: Arc<Notify>,
    /// The mailbox: messages have a destination folder.
    pub moves: Arc<Notify>,
    /// The reply sender: the outbox has new rows.
    pub replies: Arc<Notify>,
}

#[derive(Debug, thiserror::Error)]
enum Failure {
    /// The bytes are not a message at all; retrying cannot help.
    #[error("{0}")]
    Unreadable(String),
    #[error("{0}")]
    Retry(String),
}

impl From<ScreenError> for Failure {
    fn from(e: ScreenError) -> Self {
        match e {
            ScreenError::Intake(e) => Failure::Unreadable(e.to_string()),
            other => Failure::Retry(other.to_string()),
        }
    }
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Self {
        Failure::Retry(e.to_string())
    }
}

impl Worker {
    pub fn new(
        db: crate::db::Db,
        settings: &crate::config::Settings,
        replies: ReplyPolicy,
        instance: Arc<Instance>,
        vault: Arc<Vault>,
    ) -> Self {
        Self {
            screener: Arc::new(Screener::new(db, settings)),
            replies,
            folders: Folders::from(&settings.mailbox),
            max_attempts: settings.mailbox.max_attempts,
            concurrency: settings.daemon.workers,
            instance,
            claim_for: Duration::from_secs(u64::from(settings.daemon.lease_seconds)),
            vault,
        }
    }

    /// Loads the OCR engines before the first message needs them.
    pub async fn load_ocr_engines(&self) -> Result<(), crate::identity::ocr::OcrError> {
        let reader = self.screener.reader.clone();
        tokio::task::spawn_blocking(move || reader.load_engines())
            .await
            .unwrap_or_else(|e| Err(crate::identity::ocr::OcrError::Engine(e.to_string())))
    }

    /// Screens until `shutdown`; the batch in hand is always finished first.
    pub async fn run(self, wakers: Wakers, shutdown: CancellationToken) {
        while !shutdown.is_cancelled() {
            match self.run_batch().await {
                Ok(0) => {
                    tokio::select! {
                        _ = shutdown.cancelled() => {}
                        _ = wakers.queued.notified() => {}
                        _ = tokio::time::sleep(Duration::from_secs(5)) => {}
                    }
                }
                Ok(_) => {
                    wakers.moves.notify_one();
                    wakers.replies.notify_one();
                    // Each sender's next message is free now, for any instance.
                    crate::cluster::announce_queued(&self.screener.db).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "the work queue cannot be read; trying again shortly");
                    tokio::select! {
                        _ = shutdown.cancelled() => {}
                        _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                    }
                }
            }
        }
    }

    /// One worker's message at least, eight each at most (batches commit together).
    fn share(&self) -> ledger::Share {
        ledger::Share { least: self.concurrency, most: self.concurrency * 8 }
    }

    /// Screens and commits one batch; returns how many messages it settled.
    pub async fn run_batch(&self) -> Result<usize, DbError> {
        let db = &self.screener.db;
        let claim_until = || Utc::now() + chrono::Duration::from_std(self.claim_for).unwrap_or_default();
        let batch =
            ledger::claim_queued(db, &self.vault, &self.instance, self.share(), Utc::now(), claim_until()).await?;
        if batch.is_empty() {
            return Ok(0);
        }
        let screening = futures::stream::iter(batch)
            .map(|message| async move {
                let result = self.screen_message(&message).await;
                (message, result)
            })
            .buffer_unordered(self.concurrency)
            .collect::<Vec<(QueuedMessage, Result<Outcome, Failure>)>>();
        tokio::pin!(screening);
        // The claims are renewed while the batch is screened, so no other instance
        // takes these messages over unless this one stops.
        let results = loop {
            tokio::select! {
                results = &mut screening => break results,
                _ = tokio::time::sleep(self.claim_for / 3) => {
                    if let Err(e) = ledger::extend_claims(db, &self.instance, claim_until()).await {
                        tracing::warn!(error = %e, "claims on queued mail cannot be renewed");
                    }
                }
            }
        };
        let mut outcomes = Vec::new();
        let mut settled = 0;
        for (message, result) in results {
            match result {
                Ok(outcome) => outcomes.push(outcome),
                Err(failure) => {
                    settled += 1;
                    let (error, attempts_left) = match &failure {
                        Failure::Unreadable(e) => (e.clone(), 1),
                        Failure::Retry(e) => (e.clone(), self.max_attempts),
                    };
                    let quarantined =
                        ledger::record_failure(&self.screener.db, message.id, &error, attempts_left, &self.folders)
                            .await?;
                    crate::metrics::metrics().screening_failures.inc();
                    if quarantined {
                        crate::metrics::metrics().messages_quarantined.inc();
                        tracing::warn!(row = message.id, %error, "message quarantined");
                    } else {
                        tracing::info!(row = message.id, %error, "screening failed; will retry");
                    }
                }
            }
        }
        outcomes.sort_by_key(|o| o.message_row);
        settled += self.commit(&outcomes).await?;
        Ok(settled)
    }

    /// Commits outcomes together; when the batch fails, one by one, so one bad row
    /// cannot hold up the rest.
    async fn commit(&self, outcomes: &[Outcome]) -> Result<usize, DbError> {
        let db = &self.screener.db;
        match store::commit_outcomes(db, outcomes, &self.replies, Utc::now()).await {
            Ok(done) => {
                log_committed(&done);
                Ok(outcomes.len())
            }
            Err(batch_error) if outcomes.len() > 1 => {
                tracing::warn!(error = %batch_error, "batch commit failed; committing one by one");
                for outcome in outcomes {
                    match store::commit_outcomes(db, std::slice::from_ref(outcome), &self.replies, Utc::now()).await {
                        Ok(done) => log_committed(&done),
                        Err(e) => {
                            ledger::record_failure(
                                db,
                                outcome.message_row,
                                &e.to_string(),
                                self.max_attempts,
                                &self.folders,
                            )
                            .await?;
                        }
                    }
                }
                Ok(outcomes.len())
            }
            Err(e) => Err(e),
        }
    }

    async fn screen_message(&self, queued: &QueuedMessage) -> Result<Outcome, Failure> {
        let screener = &self.screener;
        let prepared = screener.prepare(&queued.raw, queued.received_at)?;
        let sender = prepared.sender.from.as_ref().map(|f| f.folded());
        let subject = prepared.message.subject.clone();
        let message_id = prepared.message.message_id.clone();
        let mut references = prepared.message.references.clone();
        references.extend(message_id.clone());

        let mut ticket = None;
        let screening = if prepared.automatic.is_some() {
            screener.judge(&prepared).await?
        } else {
            let prefix = &self.replies.ticket_prefix;
            ticket = store::find_thread(&screener.db, &prepared.message, sender.as_deref(), prefix).await?;
            let latest = screener.read(prepared).await?;
            match &ticket {
                Some(t) => screener.judge(&self.with_earlier(latest, &t.ticket_id).await?).await?,
                None => {
                    let alone = screener.judge(&latest).await?;
                    // A fresh message about a request already under way joins its ticket.
                    let open = match (&alone.request_id, &sender) {
                        (Some(request), Some(sender)) => {
                            store::open_ticket_for_request(&screener.db, request, sender).await?
                        }
                        _ => None,
                    };
                    match open {
                        Some(t) => {
                            let combined = self.with_earlier(latest, &t.ticket_id).await?;
                            ticket = Some(t);
                            screener.judge(&combined).await?
                        }
                        None => alone,
                    }
                }
            }
        };
        let destination = if screening.disposition == Disposition::Ignored {
            self.folders.ignored.clone()
        } else {
            self.folders.processed.clone()
        };
        Ok(Outcome {
            message_row: queued.id,
            ticket: ticket.map(|t| t.ticket_id),
            screening,
            subject,
            message_id,
            references,
            sender,
            destination,
        })
    }

    /// The latest message combined with everything its ticket already holds.
    async fn with_earlier(&self, latest: Prepared, ticket_id: &str) -> Result<Prepared, Failure> {
        let mut earlier = Vec::new();
        for message in ledger::ticket_messages(&self.screener.db, &self.vault, ticket_id).await? {
            let prepared = self.screener.prepare(&message.raw, message.received_at)?;
            earlier.push(self.screener.read(prepared).await?);
        }
        Ok(thread::combine(latest, earlier))
    }
}

fn log_committed(done: &[store::Committed]) {
    for c in done {
        crate::metrics::metrics().screened(c.disposition.as_str());
        tracing::info!(row = c.message_row, ticket = %c.ticket_id, disposition = %c.disposition, reply = c.reply_queued, "ticket updated");
    }
}
