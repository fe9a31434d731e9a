//! The court's IMAP mailbox. One long-lived session: TLS or STARTTLS (rustls), LOGIN,
//! SELECT, new mail by UID above the ledger's mark for this UIDVALIDITY (never by
//! `\Seen`), sizes first (`RFC822.SIZE`) so oversize mail is never downloaded whole,
//! bodies with `BODY.PEEK[]`, then IDLE (renewed before 29 minutes) or polling. Settled
//! messages move with `UID MOVE`, or COPY + `\Deleted` + `UID EXPUNGE` without MOVE.
//! Lost connections come back with jittered exponential backoff; a server that says it
//! is throttling us is left alone for longer.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use async_imap::extensions::idle::IdleResponse;
use async_imap::types::UnsolicitedResponse;
use async_imap::Session;
use futures::TryStreamExt;
use secrecy::ExposeSecret;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::ClientConfig;
use tokio_rustls::TlsConnector;
use tokio_util::sync::CancellationToken;

use super::{Intake, Taken};
use crate::config::{ImapSettings, Security};
use crate::ledger::{self, Arrival};
use crate::oauth::TokenSource;

/// Any stream IMAP can run over (plain TCP on loopback, or TLS).
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send + Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + Debug> Stream for T {}

type ImapSession = Session<Box<dyn Stream>>;

#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("cannot connect to {host}:{port}: {source}")]
    Connect { host: String, port: u16, source: std::io::Error },
    #[error("TLS with {host} failed: {source}")]
    Tls { host: String, source: std::io::Error },
    #[error("TLS set-up failed: {0}")]
    TlsConfig(String),
    #[error("the server refused the login for {user}: {source}. Check mailbox.imap.username and the password (or the OAuth2 app's mailbox permission)")]
    Login { user: String, source: async_imap::error::Error },
    #[error("IMAP: {0}")]
    Protocol(#[from] async_imap::error::Error),
    #[error("the server did not send UIDVALIDITY for {0}")]
    NoUidValidity(String),
    #[error("timed out waiting for the server ({0})")]
    Timeout(&'static str),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("no OAuth2 token for the mailbox: {0}")]
    OAuth(#[from] crate::oauth::OAuthError),
}

impl ImapError {
    /// RFC 5530 response codes a server uses when it wants clients to back off.
    fn is_throttling(&self) -> bool {
        let text = self.to_string().to_ascii_uppercase();
        ["THROTTLED", "[UNAVAILABLE]", "[LIMIT]", "[INUSE]", "TOO MANY"].iter().any(|code| text.contains(code))
    }
}

/// Longest wait for any single server response outside IDLE.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

async fn timed<T>(
    what: &'static str,
    f: impl std::future::Future<Output = Result<T, ImapError>>,
) -> Result<T, ImapError> {
    tokio::time::timeout(COMMAND_TIMEOUT, f).await.map_err(|_| ImapError::Timeout(what))?
}

fn tls_connector() -> Result<TlsConnector, ImapError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| ImapError::TlsConfig(e.to_string()))?
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

async fn tls_wrap(tcp: TcpStream, host: &str) -> Result<Box<dyn Stream>, ImapError> {
    let name = ServerName::try_from(host.to_string()).map_err(|e| ImapError::TlsConfig(e.to_string()))?;
    let tls = tls_connector()?
        .connect(name, tcp)
        .await
        .map_err(|source| ImapError::Tls { host: host.to_string(), source })?;
    Ok(Box::new(tls))
}

/// SASL XOAUTH2: the token first; an error challenge after it is answered empty, as the
/// mechanism asks, so the server can send its tagged NO.
struct XOAuth2 {
    response: Option<String>,
}

impl async_imap::Authenticator for XOAuth2 {
    type Response = String;
    fn process(&mut self, _challenge: &[u8]) -> String {
        self.response.take().unwrap_or_default()
    }
}

/// Connects, secures and logs in (LOGIN, or XOAUTH2 with a token from `tokens`).
async fn connect(settings: &ImapSettings, tokens: Option<&TokenSource>) -> Result<ImapSession, ImapError> {
    let host = settings.host.as_str();
    let tcp = TcpStream::connect((host, settings.port)).await.map_err(|source| ImapError::Connect {
        host: host.to_string(),
        port: settings.port,
        source,
    })?;
    tcp.set_nodelay(true).ok();
    let stream: Box<dyn Stream> = match settings.security {
        Security::Tls => tls_wrap(tcp, host).await?,
        Security::None => Box::new(tcp),
        Security::Starttls => {
            let mut client = async_imap::Client::new(tcp);
            client.read_response().await.map_err(|e| ImapError::Protocol(e.into()))?;
            client.run_command_and_check_ok("STARTTLS", None).await?;
            tls_wrap(client.into_inner(), host).await?
        }
    };
    let mut client = async_imap::Client::new(stream);
    if settings.security != Security::Starttls {
        client.read_response().await.map_err(|e| ImapError::Protocol(e.into()))?;
    }
    let login_failed = |(source, _)| ImapError::Login { user: settings.username.clone(), source };
    match tokens {
        Some(tokens) => {
            let token = tokens.access_token().await?;
            let auth = XOAuth2 { response: Some(crate::oauth::xoauth2(&settings.username, &token)) };
            client.authenticate("XOAUTH2", auth).await.map_err(login_failed)
        }
        None => client.login(&settings.username, settings.password.expose_secret()).await.map_err(login_failed),
    }
}

/// What the server can do.
struct Capabilities {
    idle: bool,
    mv: bool,
    uidplus: bool,
}

/// `1:3,7,9:10` from sorted UIDs.
pub fn uid_set(uids: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < uids.len() {
        let start = uids[i];
        let mut end = start;
        while i + 1 < uids.len() && uids[i + 1] == end + 1 {
            i += 1;
            end = uids[i];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}:{end}") });
        i += 1;
    }
    parts.join(",")
}

/// The wait after the `failures`th failure in a row: 1 s doubling to `max`, jittered.
fn reconnect_delay(failures: u32, max: Duration, throttled: bool) -> Duration {
    let base = Duration::from_secs(1u64 << failures.min(16)).min(max);
    let base = if throttled { base.max(Duration::from_secs(60)).min(max.max(Duration::from_secs(60))) } else { base };
    base.mul_f64(rand::random_range(0.5..1.0))
}

/// Runs the IMAP intake until `shutdown`, reconnecting as needed.
pub async fn run(settings: ImapSettings, intake: Intake, shutdown: CancellationToken) {
    let tokens = match settings.oauth2.as_ref().map(TokenSource::new).transpose() {
        Ok(tokens) => tokens,
        Err(e) => {
            tracing::error!(error = %e, "mailbox.imap.oauth2 is unusable; no mail will be taken");
            return;
        }
    };
    let mut failures = 0u32;
    while !shutdown.is_cancelled() {
        let ended = session(&settings, tokens.as_ref(), &intake, &shutdown, &mut failures).await;
        crate::metrics::metrics().mailbox_session_up.set(0);
        match ended {
            Ok(()) => return,
            Err(e) => {
                failures += 1;
                let wait = reconnect_delay(failures, Duration::from_secs(settings.max_backoff_secs), e.is_throttling());
                tracing::warn!(error = %e, retry_in_ms = wait.as_millis() as u64, "IMAP session ended; reconnecting");
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    _ = tokio::time::sleep(wait) => {}
                }
            }
        }
    }
}

/// One connection's life: returns Ok only on shutdown.
async fn session(
    settings: &ImapSettings,
    tokens: Option<&TokenSource>,
    intake: &Intake,
    shutdown: &CancellationToken,
    failures: &mut u32,
) -> Result<(), ImapError> {
    let mut session = timed("login", connect(settings, tokens)).await?;
    let caps = timed("CAPABILITY", async { Ok(session.capabilities().await?) }).await?;
    let caps = Capabilities { idle: caps.has_str("IDLE"), mv: caps.has_str("MOVE"), uidplus: caps.has_str("UIDPLUS") };
    for folder in [&intake.folders.processed, &intake.folders.ignored, &intake.folders.quarantine] {
        // Already there is the usual answer; a real problem shows at the first move.
        let _ = session.create(folder).await;
    }
    let mailbox = format!("imap://{}@{}/{}", settings.username, settings.host, settings.folder);
    tracing::info!(mailbox = %mailbox, idle = caps.idle, r#move = caps.mv, "IMAP session open");
    *failures = 0;
    loop {
        let selected = timed("SELECT", async { Ok(session.select(&settings.folder).await?) }).await?;
        let uid_validity =
            i64::from(selected.uid_validity.ok_or_else(|| ImapError::NoUidValidity(settings.folder.clone()))?);
        loop {
            match take_new(&mut session, &mailbox, uid_validity, intake).await? {
                Fetched::Saw(n) if n == intake.fetch_batch => {}
                Fetched::Saw(_) => break,
                Fetched::NotLeader => {
                    let _ = session.logout().await;
                    return Ok(());
                }
            }
        }
        move_settled(&mut session, &mailbox, uid_validity, &caps, intake).await?;
        crate::metrics::metrics().fetched();
        if shutdown.is_cancelled() {
            let _ = session.logout().await;
            return Ok(());
        }
        session = if caps.idle {
            idle(session, &mailbox, settings, intake, shutdown).await?
        } else {
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = intake.wakers.moves.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(settings.poll_secs)) => {}
            }
            session
        };
    }
}

/// What one fetch of new messages came to.
enum Fetched {
    /// How many new messages the server had (all stored).
    Saw(usize),
    /// The mailbox lease was lost: nothing stored, this session ends.
    NotLeader,
}

/// Fetches and stores up to one batch of new messages.
async fn take_new(
    session: &mut ImapSession,
    mailbox: &str,
    uid_validity: i64,
    intake: &Intake,
) -> Result<Fetched, ImapError> {
    let mark = ledger::last_uid(&intake.db, mailbox, uid_validity).await?;
    let from = u32::try_from(mark + 1).unwrap_or(u32::MAX);
    // Sizes first: `n:*` always includes the highest UID, even below n, so filter.
    let sizes: Vec<(u32, u64)> = timed("UID FETCH sizes", async {
        let stream = session.uid_fetch(format!("{from}:*"), "(UID RFC822.SIZE)").await?;
        let fetched: Vec<_> = stream.try_collect().await?;
        Ok(fetched.iter().filter_map(|f| Some((f.uid?, u64::from(f.size?)))).filter(|(uid, _)| *uid >= from).collect())
    })
    .await?;
    let mut sizes = sizes;
    sizes.sort_unstable();
    sizes.truncate(intake.fetch_batch);
    if sizes.is_empty() {
        return Ok(Fetched::Saw(0));
    }
    let (small, large): (Vec<_>, Vec<_>) = sizes.iter().partition(|(_, size)| *size <= intake.max_message_bytes);
    let mut arrivals: Vec<Arrival> = Vec::with_capacity(sizes.len());
    for (items, query, refused) in [(&small, "BODY.PEEK[]", false), (&large, "BODY.PEEK[HEADER]", true)] {
        if items.is_empty() {
            continue;
        }
        let uids: Vec<u32> = items.iter().map(|(uid, _)| *uid).collect();
        let size_of: BTreeMap<u32, u64> = items.iter().copied().collect();
        let fetched = timed("UID FETCH bodies", async {
            let stream = session.uid_fetch(uid_set(&uids), format!("(UID {query})")).await?;
            Ok(stream.try_collect::<Vec<_>>().await?)
        })
        .await?;
        for f in fetched {
            let (Some(uid), Some(body)) = (f.uid, if refused { f.header() } else { f.body() }) else { continue };
            arrivals.push(Arrival {
                uid: uid.to_string(),
                size: size_of.get(&uid).copied().unwrap_or(body.len() as u64),
                raw: body.to_vec(),
                refused_for_size: refused,
            });
        }
    }
    // A message expunged between the two fetches is simply not there; the mark only
    // rises to what was stored.
    Ok(match intake.take(mailbox, uid_validity, &arrivals).await? {
        Taken::Stored(_) => Fetched::Saw(sizes.len()),
        Taken::NotLeader => Fetched::NotLeader,
    })
}

/// Moves every settled message of this mailbox to its folder.
async fn move_settled(
    session: &mut ImapSession,
    mailbox: &str,
    uid_validity: i64,
    caps: &Capabilities,
    intake: &Intake,
) -> Result<(), ImapError> {
    let pending = ledger::pending_moves(&intake.db, mailbox).await?;
    if pending.is_empty() {
        return Ok(());
    }
    // UIDs from an earlier UIDVALIDITY mean nothing now; copies still in the inbox
    // come again under the new UIDVALIDITY and are recognised as duplicates.
    let (current, stale): (Vec<_>, Vec<_>) = pending.into_iter().partition(|m| m.uid_validity == uid_validity);
    ledger::mark_moved(&intake.db, &stale.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    let mut by_folder: BTreeMap<String, Vec<(u32, i64)>> = BTreeMap::new();
    for m in current {
        if let Ok(uid) = m.uid.parse::<u32>() {
            by_folder.entry(m.destination).or_default().push((uid, m.id));
        }
    }
    for (folder, mut items) in by_folder {
        items.sort_unstable();
        for chunk in items.chunks(500) {
            let uids: Vec<u32> = chunk.iter().map(|(uid, _)| *uid).collect();
            let set = uid_set(&uids);
            timed("UID MOVE", async {
                if caps.mv {
                    session.uid_mv(&set, &folder).await?;
                } else {
                    session.uid_copy(&set, &folder).await?;
                    let _: Vec<_> = session.uid_store(&set, "+FLAGS.SILENT (\\Deleted)").await?.try_collect().await?;
                    if caps.uidplus {
                        let _: Vec<_> = session.uid_expunge(&set).await?.try_collect().await?;
                    } else {
                        let _: Vec<_> = session.expunge().await?.try_collect().await?;
                    }
                }
                Ok(())
            })
            .await?;
            ledger::mark_moved(&intake.db, &chunk.iter().map(|(_, id)| *id).collect::<Vec<_>>()).await?;
        }
    }
    Ok(())
}

/// Waits in IDLE until the server reports a change, the worker has messages to move,
/// the renewal time comes, or shutdown.
async fn idle(
    session: ImapSession,
    mailbox: &str,
    settings: &ImapSettings,
    intake: &Intake,
    shutdown: &CancellationToken,
) -> Result<ImapSession, ImapError> {
    // New mail reported while another command ran (e.g. the MOVE) arrives as an
    // unsolicited EXISTS and is not reported again in IDLE: look for mail first.
    let mut new_mail = false;
    while let Ok(response) = session.unsolicited_responses.try_recv() {
        new_mail |= matches!(response, UnsolicitedResponse::Exists(_) | UnsolicitedResponse::Recent(_));
    }
    if new_mail {
        return Ok(session);
    }
    let mut handle = session.idle();
    timed("IDLE", async { Ok(handle.init().await?) }).await?;
    let response = {
        let (wait, stop) = handle.wait_with_timeout(Duration::from_secs(settings.idle_renew_secs));
        tokio::pin!(wait);
        let early = tokio::select! {
            r = &mut wait => Some(r),
            _ = intake.wakers.moves.notified() => None,
            _ = moves_settled_elsewhere(intake, mailbox) => None,
            _ = shutdown.cancelled() => None,
        };
        match early {
            Some(r) => r,
            None => {
                drop(stop);
                wait.await
            }
        }
    };
    match response? {
        IdleResponse::NewData(_) | IdleResponse::Timeout | IdleResponse::ManualInterrupt => {}
    }
    timed("DONE", async { Ok(handle.done().await?) }).await
}

/// Returns once messages of this mailbox wait to be moved. Another instance's worker
/// settles them without waking this one, so the ledger is asked every few seconds.
async fn moves_settled_elsewhere(intake: &Intake, mailbox: &str) {
    loop {
        tokio::time::sleep(Duration::from_secs(5)).await;
        if ledger::pending_moves(&intake.db, mailbox).await.is_ok_and(|moves| !moves.is_empty()) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_compress_runs() {
        assert_eq!(uid_set(&[1, 2, 3, 7, 9, 10]), "1:3,7,9:10");
        assert_eq!(uid_set(&[5]), "5");
        assert_eq!(uid_set(&[]), "");
    }

    #[test]
    fn reconnect_waits_grow_and_respect_throttling() {
        let max = Duration::from_secs(300);
        assert!(reconnect_delay(1, max, false) <= Duration::from_secs(2));
        assert!(reconnect_delay(20, max, false) <= max);
        assert!(reconnect_delay(1, max, true) >= Duration::from_secs(30));
    }
}
