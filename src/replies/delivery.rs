//! Delivers the outbox: SMTP (STARTTLS, TLS, AUTH) or files in a folder. Temporary
//! failures (4xx, connection refused, timeouts) are retried with growing, jittered waits;
//! a permanent refusal (5xx) stops at once and marks the ticket.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::outbox;
use crate::config::{ReplySettings, ReplyTransport, Security, SmtpSettings};
use crate::db::Db;
use crate::oauth::TokenSource;

/// How often and how patiently temporary failures are retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base_secs: u64,
}

impl From<&ReplySettings> for RetryPolicy {
    fn from(s: &ReplySettings) -> Self {
        Self { max_attempts: s.max_attempts, base_secs: s.retry_base_secs }
    }
}

/// Where replies go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// SMTP with AUTH XOAUTH2: the transport is rebuilt when the token changes.
    SmtpOAuth(Arc<SmtpOAuth>),
    File(AsyncFileTransport<Tokio1Executor>),
}

pub struct SmtpOAuth {
    settings: SmtpSettings,
    connections: usize,
    tokens: TokenSource,
    current: tokio::sync::Mutex<Option<(String, AsyncSmtpTransport<Tokio1Executor>)>>,
}

impl SmtpOAuth {
    async fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, (bool, String)> {
        let token = self.tokens.access_token().await.map_err(|e| (false, e.to_string()))?;
        let mut current = self.current.lock().await;
        if let Some((used, transport)) = current.as_ref() {
            if *used == token {
                return Ok(transport.clone());
            }
        }
        let user = self.settings.username.clone().unwrap_or_default();
        let login = (Credentials::new(user, token.clone()), vec![Mechanism::Xoauth2]);
        let transport =
            smtp_transport(&self.settings, self.connections, Some(login)).map_err(|e| (false, e.to_string()))?;
        *current = Some((token, transport.clone()));
        Ok(transport)
    }
}

/// An SMTP transport for `smtp` keeping up to `connections` open for reuse, logging in
/// with `login` when given.
fn smtp_transport(
    smtp: &SmtpSettings,
    connections: usize,
    login: Option<(Credentials, Vec<Mechanism>)>,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, TransportError> {
    let tls = match smtp.security {
        Security::None => Tls::None,
        Security::Starttls => Tls::Required(TlsParameters::new(smtp.host.clone())?),
        Security::Tls => Tls::Wrapper(TlsParameters::new(smtp.host.clone())?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)))
        .pool_config(PoolConfig::new().max_size(u32::try_from(connections).unwrap_or(u32::MAX)));
    if let Some((credentials, mechanisms)) = login {
        builder = builder.credentials(credentials).authentication(mechanisms);
    }
    Ok(builder.build())
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("replies.smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("cannot create the reply folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("replies.smtp.oauth2: {0}")]
    OAuth(#[from] crate::oauth::OAuthError),
}

impl Transport {
    pub fn from_settings(settings: &ReplySettings) -> Result<Self, TransportError> {
        match settings.transport {
            ReplyTransport::File => {
                std::fs::create_dir_all(&settings.file_dir).map_err(|source| TransportError::Folder {
                    path: settings.file_dir.display().to_string(),
                    source,
                })?;
                Ok(Transport::File(AsyncFileTransport::new(&settings.file_dir)))
            }
            ReplyTransport::Smtp => {
                let smtp = settings.smtp.as_ref().expect("validated: replies.smtp is set for the smtp transport");
                if let Some(oauth2) = &smtp.oauth2 {
                    // Checked now, so a bad address fails at start, not at the first reply.
                    smtp_transport(smtp, settings.concurrency, None)?;
                    return Ok(Transport::SmtpOAuth(Arc::new(SmtpOAuth {
                        settings: smtp.clone(),
                        connections: settings.concurrency,
                        tokens: TokenSource::new(oauth2)?,
                        current: tokio::sync::Mutex::new(None),
                    })));
                }
                let login = match (&smtp.username, &smtp.password) {
                    (Some(user), Some(password)) => Some((
                        Credentials::new(user.clone(), password.expose_secret().to_string()),
                        vec![Mechanism::Plain, Mechanism::Login],
                    )),
                    _ => None,
                };
                Ok(Transport::Smtp(smtp_transport(smtp, settings.concurrency, login)?))
            }
        }
    }

    /// Sends one reply. `Err(true)` is a permanent refusal, `Err(false)` worth retrying.
    async fn send(&self, recipient: &str, raw: &[u8]) -> Result<(), (bool, String)> {
        let to = recipient.parse().map_err(|e| (true, format!("the recipient address is not usable: {e}")))?;
        // RFC 3834 3.3: automatic responses go out with the null reverse-path, so that
        // a bounce of a reply can never start a loop.
        let envelope = Envelope::new(None, vec![to]).map_err(|e| (true, e.to_string()))?;
        match self {
            Transport::Smtp(t) => {
                t.send_raw(&envelope, raw).await.map(|_| ()).map_err(|e| (e.is_permanent(), e.to_string()))
            }
            Transport::SmtpOAuth(o) => {
                let t = o.transport().await?;
                t.send_raw(&envelope, raw).await.map(|_| ()).map_err(|e| (e.is_permanent(), e.to_string()))
            }
            Transport::File(t) => t.send_raw(&envelope, raw).await.map(|_| ()).map_err(|e| (false, e.to_string())),
        }
    }
}

/// The wait before attempt `attempts + 1`: `base` doubling to 1 h, ±20 %.
pub(crate) fn backoff(base: u64, attempts: i64) -> Duration {
    let base = base.max(1).saturating_mul(1u64 << attempts.clamp(0, 7)).min(3600);
    let jitter = rand::random_range(0.8..1.2);
    Duration::from_secs_f64(base as f64 * jitter)
}

const IDLE_POLL: Duration = Duration::from_secs(5);

/// Delivers due replies until `shutdown`, up to `concurrency` at once; woken early by
/// `wake` when new ones are queued.
pub async fn run(
    db: Db,
    transport: Arc<Transport>,
    policy: RetryPolicy,
    concurrency: usize,
    wake: Arc<Notify>,
    shutdown: CancellationToken,
) {
    loop {
        let delivered_any = deliver_due(&db, &transport, policy, concurrency, &shutdown).await;
        if shutdown.is_cancelled() {
            return;
        }
        if delivered_any {
            continue;
        }
        // Replies queued by another instance's desk wake nobody here: look every few
        // seconds.
        let wait = match outbox::next_due(&db).await {
            Ok(Some(next)) => (next - Utc::now()).to_std().unwrap_or_default().min(IDLE_POLL),
            _ => IDLE_POLL,
        };
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = wake.notified() => {}
            _ = tokio::time::sleep(wait.max(Duration::from_millis(50))) => {}
        }
    }
}

/// Delivers what is due, `concurrency` replies in flight, until nothing is due or
/// shutdown; returns whether it delivered anything. Replies are taken a batch at a time
/// as the senders free up, so at most one batch waits beside those in flight; each is
/// sent and recorded on its own, so a crash leaves only the unrecorded ones due again
/// once their hold has passed.
async fn deliver_due(
    db: &Db,
    transport: &Transport,
    policy: RetryPolicy,
    concurrency: usize,
    shutdown: &CancellationToken,
) -> bool {
    let taken = std::sync::atomic::AtomicUsize::new(0);
    // Outcomes are recorded one at a time: SQLite has one writer, and its busy handler
    // sleeps milliseconds when writers collide, which would cap the senders' pace.
    let recording = tokio::sync::Mutex::new(());
    // The claiming state is owned (not borrowed) so the stream stays `Send` for spawn.
    let batches = futures::stream::unfold((db.clone(), shutdown.clone()), |(db, shutdown)| async move {
        if shutdown.is_cancelled() {
            return None;
        }
        let now = Utc::now();
        match outbox::claim_due(&db, now, now + ATTEMPT_HOLD, concurrency).await {
            Ok(due) if !due.is_empty() => Some((futures::stream::iter(due), (db, shutdown))),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "cannot take due replies; trying again shortly");
                None
            }
        }
    });
    batches
        .flatten()
        .for_each_concurrent(concurrency, |reply| {
            taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            deliver_one(db, transport, reply, policy, &recording)
        })
        .await;
    taken.into_inner() > 0
}

/// The longest one delivery attempt may take (lettre's timeout is per SMTP command).
const ATTEMPT_LIMIT: Duration = Duration::from_secs(60);
/// Time kept, after an attempt's limit, to record its outcome (a busy pool, a database
/// that answers slowly, a sender paused by its host): a reply the server accepted but
/// that was not recorded in its hold would be sent again by the next sender.
const RECORD_WINDOW: Duration = Duration::from_secs(30);
/// How long a claim holds its reply: the attempt's limit twice over, so two senders
/// never send it at once, yet it is due again soon after a sender crashes.
const ATTEMPT_HOLD: chrono::Duration = chrono::Duration::seconds(2 * ATTEMPT_LIMIT.as_secs() as i64);

async fn deliver_one(
    db: &Db,
    transport: &Transport,
    reply: outbox::Due,
    policy: RetryPolicy,
    recording: &tokio::sync::Mutex<()>,
) {
    let Some(claim) = hold_for_attempt(db, &reply.claim).await else {
        return;
    };
    let attempt = tokio::time::timeout(ATTEMPT_LIMIT, transport.send(&reply.recipient, &reply.raw));
    let sent = attempt.await.unwrap_or_else(|_| Err((false, format!("no answer in {} s", ATTEMPT_LIMIT.as_secs()))));
    let _turn = recording.lock().await;
    let outcome = match sent {
        Ok(()) => {
            crate::metrics::metrics().replies_sent.inc();
            tracing::info!(ticket = %reply.ticket_id, outbox = claim.id, "reply delivered");
            Outcome::Sent
        }
        Err((permanent, error)) if permanent || reply.attempts + 1 >= i64::from(policy.max_attempts) => {
            crate::metrics::metrics().replies_failed.inc();
            tracing::warn!(ticket = %reply.ticket_id, outbox = claim.id, %error, "reply given up");
            Outcome::GivenUp(error)
        }
        Err((_, error)) => {
            crate::metrics::metrics().reply_retries.inc();
            let wait = backoff(policy.base_secs, reply.attempts);
            tracing::info!(ticket = %reply.ticket_id, outbox = claim.id, %error, retry_in_secs = wait.as_secs(), "reply delayed");
            Outcome::Delayed(error, wait)
        }
    };
    record(db, &claim, &reply.ticket_id, &outcome).await;
}

/// The claim under which to attempt a reply: as taken, or renewed when the reply waited
/// for a free sender until too little of its hold was left for an attempt and its
/// record. `None` when another sender has it, or the renewal could not be written (the
/// reply comes due again when the hold passes).
async fn hold_for_attempt(db: &Db, claim: &outbox::Claim) -> Option<outbox::Claim> {
    let now = Utc::now();
    if claim.hold_left(now) >= ATTEMPT_LIMIT + RECORD_WINDOW {
        return Some(claim.clone());
    }
    match outbox::renew(db, claim, now + ATTEMPT_HOLD).await {
        Ok(Some(renewed)) => Some(renewed),
        Ok(None) => {
            tracing::debug!(outbox = claim.id, "reply's hold passed while it waited; another sender has it");
            None
        }
        Err(e) => {
            tracing::warn!(outbox = claim.id, error = %e, "cannot renew a reply's hold; it comes due again");
            None
        }
    }
}

/// What one attempt came to.
enum Outcome {
    Sent,
    GivenUp(String),
    Delayed(String, Duration),
}

/// Records `outcome` under `claim`, trying again while the hold lasts when the database
/// cannot be reached: above all a reply the server accepted must be marked sent, or the
/// next sender sends it again.
async fn record(db: &Db, claim: &outbox::Claim, ticket_id: &str, outcome: &Outcome) {
    let mut wait = Duration::from_millis(500);
    loop {
        let now = Utc::now();
        let result = match outcome {
            Outcome::Sent => outbox::mark_sent(db, claim, now).await,
            Outcome::GivenUp(error) => outbox::mark_failed(db, claim, ticket_id, error, now).await,
            Outcome::Delayed(error, after) => {
                outbox::mark_retry(db, claim, error, now + chrono::Duration::from_std(*after).unwrap_or_default()).await
            }
        };
        match result {
            Ok(outbox::Recorded::Yes) => return,
            Ok(outbox::Recorded::ClaimLost) => {
                tracing::warn!(
                    outbox = claim.id,
                    "this attempt outlasted its hold; another sender has the reply, so this outcome is not recorded"
                );
                return;
            }
            Err(e) if claim.hold_left(Utc::now()) > wait => {
                tracing::warn!(outbox = claim.id, error = %e, "cannot record a delivery outcome yet; trying again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(8));
            }
            Err(e) => {
                tracing::error!(
                    outbox = claim.id,
                    error = %e,
                    "cannot record a delivery outcome within the reply's hold; it will be attempted again"
                );
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(30, 0).as_secs() >= 24 && backoff(30, 0).as_secs() <= 36);
        assert!(backoff(30, 3).as_secs() >= 190);
        assert!(backoff(30, 40).as_secs() <= 4320);
        assert!(backoff(1, 0).as_millis() >= 800);
    }
}
