//! The outbox table: replies written in the same transaction as the ticket change that
//! causes them, then delivered by `delivery`. The row keeps the complete message, so a
//! retry sends exactly the same bytes with the same Message-ID.

use chrono::{DateTime, Utc};

use crate::db::{timestamp, BeginWrite, Db, DbError};
use crate::on_pool;

/// Inserts one reply; the (message, kind) pair is unique, so a message re-screened
/// after a crash never queues the same reply twice.
pub const INSERT: &str =
    "INSERT INTO outbox (ticket_id, message_row, kind, recipient, message_id, raw, next_attempt, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (message_row, kind) DO NOTHING";

/// Composes `$draft` (a `&Draft`) with `$policy`'s templates and letterhead and queues
/// it inside the caller's transaction `$tx` (either engine), keyed by `$row`: the
/// message or decision that caused it. Evaluates to `Result<bool, ComposeError>`,
/// true when a row was inserted (a message screened again never queues its reply twice).
#[macro_export]
macro_rules! enqueue_reply {
    ($tx:expr, $draft:expr, $policy:expr, $row:expr, $at:expr, $now:expr) => {{
        let draft: &$crate::replies::Draft = $draft;
        let unique = $crate::replies::unique_token();
        match $crate::replies::compose(draft, &$policy.templates, &$policy.letterhead, &unique, $now) {
            Ok(composed) => Ok(sqlx::query($crate::replies::outbox::INSERT)
                .bind(&draft.ticket_id)
                .bind($row)
                .bind(draft.kind.as_str())
                .bind(&draft.recipient)
                .bind(&composed.message_id)
                .bind(&composed.raw)
                .bind($at)
                .execute(&mut *$tx)
                .await?
                .rows_affected()
                == 1),
            Err(e) => Err(e),
        }
    }};
}

/// Replies to an address within the budget window (sent or waiting).
pub const COUNT_RECENT: &str = "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND created_at > $2";

/// A reply taken for one delivery attempt.
#[derive(Debug, Clone)]
pub struct Due {
    pub claim: Claim,
    pub ticket_id: String,
    pub recipient: String,
    pub raw: Vec<u8>,
    pub attempts: i64,
}

/// A reply taken for one delivery attempt. Its outcome is recorded only while the
/// reply is still pending under this claim: a sender whose claim passed to another
/// (it stalled past the hold) changes nothing with its late answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    /// The hold this sender set; stored as `timestamp(until)`, it is the claim's token.
    until: DateTime<Utc>,
}

impl Claim {
    /// How long this sender still holds the reply.
    pub fn hold_left(&self, now: DateTime<Utc>) -> std::time::Duration {
        (self.until - now).to_std().unwrap_or_default()
    }
}

/// Whether an outcome was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Yes,
    /// The reply was no longer pending under this claim (another sender took it, or
    /// recorded it): nothing was changed.
    ClaimLost,
}

impl Recorded {
    fn from_rows(rows: u64) -> Self {
        if rows == 1 {
            Recorded::Yes
        } else {
            Recorded::ClaimLost
        }
    }
}

/// Takes up to `limit` due replies, oldest first, for one delivery attempt each: in one
/// statement their next attempt moves to `until`, and this caller gets their claims.
/// Only one sender wins a reply even when two believe they lead (a paused leader
/// resuming after its lease passed); a sender that stops mid-attempt leaves its
/// replies due again at `until`.
pub async fn claim_due(db: &Db, now: DateTime<Utc>, until: DateTime<Utc>, limit: usize) -> Result<Vec<Due>, DbError> {
    let skip_locked = if matches!(db, Db::Postgres(_)) { " FOR UPDATE SKIP LOCKED" } else { "" };
    // The pick is materialised once (a subquery in `IN` may be run again and take
    // more than `limit`); the outer conditions are checked again on a row another
    // sender just changed.
    let sql = format!(
        "WITH picked AS MATERIALIZED (
             SELECT id FROM outbox WHERE state = 'pending' AND next_attempt <= $1 ORDER BY id LIMIT $3{skip_locked})
         UPDATE outbox SET next_attempt = $2
         WHERE state = 'pending' AND next_attempt <= $1 AND id IN (SELECT id FROM picked)
         RETURNING id, ticket_id, recipient, raw, attempts"
    );
    let mut rows: Vec<(i64, String, String, Vec<u8>, i64)> = on_pool!(db, |pool| {
        sqlx::query_as(&sql)
            .bind(timestamp(now))
            .bind(timestamp(until))
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?
    });
    rows.sort_by_key(|row| row.0);
    Ok(rows
        .into_iter()
        .map(|(id, ticket_id, recipient, raw, attempts)| Due {
            claim: Claim { id, until },
            ticket_id,
            recipient,
            raw,
            attempts,
        })
        .collect())
}

/// When the next pending reply is due, if any.
pub async fn next_due(db: &Db) -> Result<Option<DateTime<Utc>>, DbError> {
    let next: Option<String> = on_pool!(db, |pool| {
        sqlx::query_scalar("SELECT MIN(next_attempt) FROM outbox WHERE state = 'pending'").fetch_one(pool).await?
    });
    Ok(next.as_deref().and_then(crate::db::parse_timestamp))
}

/// Extends this sender's hold on a reply to `until`, if the reply is still pending under
/// `claim`: a reply that waited for a free sender until its hold ran low gets a full
/// hold for its attempt and the recording of its outcome. Another sender's claim (the
/// old hold passed) is left alone.
pub async fn renew(db: &Db, claim: &Claim, until: DateTime<Utc>) -> Result<Option<Claim>, DbError> {
    let rows = on_pool!(db, |pool| {
        sqlx::query("UPDATE outbox SET next_attempt = $2 WHERE id = $1 AND state = 'pending' AND next_attempt = $3")
            .bind(claim.id)
            .bind(timestamp(until))
            .bind(timestamp(claim.until))
            .execute(pool)
            .await?
            .rows_affected()
    });
    Ok((rows == 1).then_some(Claim { id: claim.id, until }))
}

pub async fn mark_sent(db: &Db, claim: &Claim, now: DateTime<Utc>) -> Result<Recorded, DbError> {
    let rows = on_pool!(db, |pool| {
        sqlx::query(
            "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = $2, last_error = NULL
             WHERE id = $1 AND state = 'pending' AND next_attempt = $3",
        )
        .bind(claim.id)
        .bind(timestamp(now))
        .bind(timestamp(claim.until))
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(Recorded::from_rows(rows))
}

pub async fn mark_retry(db: &Db, claim: &Claim, error: &str, next: DateTime<Utc>) -> Result<Recorded, DbError> {
    let rows = on_pool!(db, |pool| {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt = $3
             WHERE id = $1 AND state = 'pending' AND next_attempt = $4",
        )
        .bind(claim.id)
        .bind(error)
        .bind(timestamp(next))
        .bind(timestamp(claim.until))
        .execute(pool)
        .await?
        .rows_affected()
    });
    Ok(Recorded::from_rows(rows))
}

/// Gives a reply up and marks its ticket, so the desk shows the party was not told.
pub async fn mark_failed(
    db: &Db,
    claim: &Claim,
    ticket_id: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<Recorded, DbError> {
    let rows = on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let rows = sqlx::query(
            "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = $2
             WHERE id = $1 AND state = 'pending' AND next_attempt = $3",
        )
        .bind(claim.id)
        .bind(error)
        .bind(timestamp(claim.until))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if rows == 1 {
            sqlx::query("UPDATE tickets SET reply_failed = 1, updated_at = $2 WHERE ticket_id = $1")
                .bind(ticket_id)
                .bind(timestamp(now))
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($1, $2, 'reply_failed', $3)")
                .bind(ticket_id)
                .bind(timestamp(now))
                .bind(error)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        rows
    });
    Ok(Recorded::from_rows(rows))
}
