//! Several accessd instances on one database (PostgreSQL on several machines). Each
//! instance has an identity, `name:pid:nonce`. One at a time holds the `mailbox` lease
//! and with it the mailbox and the senders (replies, webhook); every instance screens
//! queued mail (claims in `ledger`) and serves the desk.
//!
//! A lease or claim lasts `daemon.lease_seconds` unless renewed. One held by a process
//! of this machine (same instance name) that no longer runs is free at once, so a
//! restart after a crash does not wait; one held by another machine waits for expiry.
//! Correctness never rests on the lease alone: the ledger deduplicates what two
//! mailbox readers take, and only one commit per queued message succeeds.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

use crate::db::{timestamp, BeginWrite, Db, DbError};
use crate::on_pool;

/// Who this process is among the instances sharing the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// `daemon.instance_name`, or the host name.
    pub name: String,
    pid: u32,
    /// `name:pid:nonce`: what leases and claims record.
    pub id: String,
}

impl Instance {
    pub fn new(configured_name: &str) -> Self {
        let name = if configured_name.is_empty() {
            hostname::get().ok().and_then(|h| h.into_string().ok()).unwrap_or_else(|| "accessd".into())
        } else {
            configured_name.to_string()
        };
        let pid = std::process::id();
        let id = format!("{name}:{pid}:{:08x}", rand::random::<u32>());
        Self { name, pid, id }
    }

    /// Whether `holder` is a process of this machine that no longer runs (its lease
    /// and claims are free at once). Another machine's holder is never judged here.
    pub fn holder_gone(&self, holder: &str) -> bool {
        holder_gone(&self.name, self.pid, holder, |pid| std::path::Path::new(&format!("/proc/{pid}")).exists())
    }

    /// Whether a lease or claim held by `holder` until `until` may be taken now.
    pub fn may_take(&self, holder: Option<&str>, until: Option<&str>, now: DateTime<Utc>) -> bool {
        match (holder, until) {
            (None, _) | (_, None) => true,
            (Some(holder), Some(until)) => {
                holder == self.id || until < timestamp(now).as_str() || self.holder_gone(holder)
            }
        }
    }
}

/// Pure core of [`Instance::holder_gone`]: same name, another pid, and that pid is not
/// running. A reused pid reads as alive, which only means waiting for expiry.
fn holder_gone(name: &str, my_pid: u32, holder: &str, running: impl Fn(u32) -> bool) -> bool {
    let mut parts = holder.split(':');
    let (Some(holder_name), Some(pid)) = (parts.next(), parts.next().and_then(|p| p.parse::<u32>().ok())) else {
        return false;
    };
    holder_name == name && pid != my_pid && !running(pid)
}

/// The PostgreSQL channel on which instances tell each other that mail is queued.
const QUEUED_CHANNEL: &str = "accessd_queued";

/// Tells every instance that messages are queued or a sender's next message is free
/// (PostgreSQL `NOTIFY`), so idle ones start screening at once instead of at their next
/// look. On SQLite there is nobody else to tell.
pub async fn announce_queued(db: &Db) {
    if let Db::Postgres(pool) = db {
        if let Err(e) = sqlx::query("SELECT pg_notify($1, '')").bind(QUEUED_CHANNEL).execute(pool).await {
            tracing::debug!(error = %e, "queued mail not announced; other instances find it at their next look");
        }
    }
}

/// Wakes `queued` whenever an instance announces queued mail, until `shutdown`. A lost
/// listener connects again after a pause; meanwhile the worker's own periodic look
/// still finds the work.
pub async fn listen_for_queued(db: Db, queued: Arc<tokio::sync::Notify>, shutdown: CancellationToken) {
    let Db::Postgres(pool) = db else { return };
    loop {
        let listening = async {
            let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
            listener.listen(QUEUED_CHANNEL).await?;
            Ok::<_, sqlx::Error>(listener)
        };
        match listening.await {
            Ok(mut listener) => loop {
                tokio::select! {
                    _ = shutdown.cancelled() => return,
                    heard = listener.recv() => match heard {
                        Ok(_) => queued.notify_one(),
                        Err(e) => {
                            tracing::warn!(error = %e, "listening for queued mail stopped; connecting again");
                            break;
                        }
                    },
                }
            },
            Err(e) => tracing::warn!(error = %e, "cannot listen for queued mail; connecting again shortly"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
    }
}

/// A named lease in the `leases` table.
#[derive(Clone)]
pub struct Lease {
    db: Db,
    name: &'static str,
    instance: Arc<Instance>,
    ttl: Duration,
}

impl Lease {
    pub fn new(db: Db, name: &'static str, instance: Arc<Instance>, ttl: Duration) -> Self {
        Self { db, name, instance, ttl }
    }

    /// Takes or renews the lease; true while this instance holds it. A compare-and-set
    /// on the holder read, so two instances never both succeed.
    pub async fn hold(&self, now: DateTime<Utc>) -> Result<bool, DbError> {
        let expires = timestamp(now + chrono::Duration::from_std(self.ttl).unwrap_or_default());
        let me = self.instance.id.as_str();
        let held = on_pool!(&self.db, |pool| {
            let mut tx = pool.begin_write().await?;
            let current: Option<(String, String)> =
                sqlx::query_as("SELECT holder, expires_at FROM leases WHERE name = $1")
                    .bind(self.name)
                    .fetch_optional(&mut *tx)
                    .await?;
            let taken = match &current {
                None => sqlx::query(
                    "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                )
                .bind(self.name)
                .bind(me)
                .bind(&expires)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                Some((holder, until)) if self.instance.may_take(Some(holder), Some(until), now) => {
                    sqlx::query("UPDATE leases SET holder = $2, expires_at = $3 WHERE name = $1 AND holder = $4")
                        .bind(self.name)
                        .bind(me)
                        .bind(&expires)
                        .bind(holder)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                }
                Some(_) => 0,
            };
            tx.commit().await?;
            taken == 1
        });
        Ok(held)
    }

    /// Whether this instance holds the lease right now (read only: the serving loop
    /// renews it). Checked before work that only the holder may do.
    pub async fn held_now(&self, now: DateTime<Utc>) -> Result<bool, DbError> {
        let current: Option<(String, String)> = on_pool!(&self.db, |pool| {
            sqlx::query_as("SELECT holder, expires_at FROM leases WHERE name = $1")
                .bind(self.name)
                .fetch_optional(pool)
                .await?
        });
        Ok(current.is_some_and(|(holder, until)| {
            holder == self.instance.id && crate::db::parse_timestamp(&until).is_some_and(|t| t > now)
        }))
    }

    /// Gives the lease up (on a clean stop), so another instance need not wait.
    pub async fn release(&self) -> Result<(), DbError> {
        on_pool!(&self.db, |pool| {
            sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
                .bind(self.name)
                .bind(&self.instance.id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Runs `duty` whenever this instance holds the lease, until `shutdown`. The lease
    /// is renewed every third of its time; when it is lost (another instance took it,
    /// or the database was unreachable for two thirds of it) `duty`'s token is
    /// cancelled and the instance waits to take it again.
    pub async fn serve<F, Fut>(self, shutdown: CancellationToken, mut duty: F)
    where
        F: FnMut(CancellationToken) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let every = self.ttl / 3;
        loop {
            match self.hold(Utc::now()).await {
                Ok(true) => {
                    tracing::info!(lease = self.name, instance = %self.instance.id, "lease taken: this instance reads the mailbox and sends replies");
                    let term = shutdown.child_token();
                    crate::metrics::metrics().mailbox_leader.set(1);
                    let task = tokio::spawn(duty(term.clone()));
                    let mut renewed = Instant::now();
                    while !term.is_cancelled() {
                        tokio::select! {
                            _ = term.cancelled() => break,
                            _ = tokio::time::sleep(every) => {}
                        }
                        match self.hold(Utc::now()).await {
                            Ok(true) => renewed = Instant::now(),
                            Ok(false) => {
                                tracing::warn!(lease = self.name, "lease lost to another instance; standing by");
                                term.cancel();
                            }
                            Err(e) if renewed.elapsed() > every * 2 => {
                                tracing::warn!(lease = self.name, error = %e, "lease cannot be renewed; standing by");
                                term.cancel();
                            }
                            Err(e) => tracing::warn!(lease = self.name, error = %e, "lease renewal failed; retrying"),
                        }
                    }
                    let _ = task.await;
                    crate::metrics::metrics().mailbox_leader.set(0);
                    if shutdown.is_cancelled() {
                        if let Err(e) = self.release().await {
                            tracing::warn!(lease = self.name, error = %e, "lease not released; it expires by itself");
                        }
                        return;
                    }
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(lease = self.name, error = %e, "cannot read the lease; retrying"),
            }
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tokio::time::sleep(every) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gone_process_of_this_machine_frees_its_holds() {
        let dead = |_| false;
        let alive = |_| true;
        assert!(holder_gone("court-a", 10, "court-a:42:0badcafe", dead));
        assert!(!holder_gone("court-a", 10, "court-a:42:0badcafe", alive), "a running process keeps its hold");
        assert!(!holder_gone("court-a", 42, "court-a:42:0badcafe", dead), "our own pid is never gone");
        assert!(!holder_gone("court-a", 10, "court-b:42:0badcafe", dead), "another machine waits for expiry");
        assert!(!holder_gone("court-a", 10, "garbage", dead));
    }

    #[test]
    fn expired_own_and_missing_holds_may_be_taken() {
        let me = Instance::new("court-test");
        let now = Utc::now();
        let later = timestamp(now + chrono::Duration::seconds(10));
        let earlier = timestamp(now - chrono::Duration::seconds(1));
        let other = format!("elsewhere:{}:00000000", std::process::id());
        assert!(me.may_take(None, None, now));
        assert!(me.may_take(Some(&me.id), Some(&later), now));
        assert!(me.may_take(Some(&other), Some(&earlier), now));
        assert!(!me.may_take(Some(&other), Some(&later), now));
    }
}
