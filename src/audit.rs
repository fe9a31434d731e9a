//! The audit log: every clerk action, append-only, each event hash-chained to the one
//! before it. `verify` recomputes the chain, so an edited, inserted or deleted event is
//! found. The chain's head (newest hash and event count) is kept in one row, which also
//! makes concurrent appenders on several instances take turns, and lets `verify` find
//! the newest events deleted.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::{Db, DbError};
use crate::on_pool;

/// The hash of the chain's first link's predecessor.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One event's hash: SHA-256 over the previous hash and the event's fields, each
/// length-prefixed so no two different events hash alike.
pub fn event_hash(prev: &str, at: &str, clerk: &str, ticket_id: Option<&str>, action: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    for field in [prev, at, clerk, ticket_id.unwrap_or(""), action, detail] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends an audit event inside the caller's transaction `$tx` (either engine). The
/// head row is updated first: its row lock holds other appenders until commit, so the
/// chain never forks.
#[macro_export]
macro_rules! append_audit {
    ($tx:expr, $at:expr, $clerk:expr, $ticket:expr, $action:expr, $detail:expr) => {{
        let prev: String =
            sqlx::query_scalar("UPDATE audit_head SET events = events + 1 WHERE id = 1 RETURNING hash")
                .fetch_one(&mut *$tx)
                .await?;
        let ticket: Option<&str> = $ticket;
        let hash = $crate::audit::event_hash(&prev, $at, $clerk, ticket, $action, $detail);
        sqlx::query(
            "INSERT INTO audit_events (at, clerk, ticket_id, action, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($at)
        .bind($clerk)
        .bind(ticket)
        .bind($action)
        .bind($detail)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(&mut *$tx).await?;
    }};
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: String,
    pub clerk: String,
    pub ticket_id: Option<String>,
    pub action: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// What is wrong with the chain, at which event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The event's content no longer matches its hash: it was edited.
    Edited { id: i64 },
    /// The event does not follow the one before it: something between was deleted or
    /// inserted.
    Broken { id: i64 },
    /// The chain ends before its recorded head: the newest events were deleted.
    Truncated { events: usize, recorded: usize },
}

/// Checks a chain of events in id order; pure.
pub fn check_chain(events: &[AuditEvent]) -> Result<usize, ChainBreak> {
    let mut prev = GENESIS.to_string();
    for e in events {
        if e.prev_hash != prev {
            return Err(ChainBreak::Broken { id: e.id });
        }
        if event_hash(&e.prev_hash, &e.at, &e.clerk, e.ticket_id.as_deref(), &e.action, &e.detail) != e.hash {
            return Err(ChainBreak::Edited { id: e.id });
        }
        prev = e.hash.clone();
    }
    Ok(events.len())
}

pub async fn events(db: &Db, ticket_id: Option<&str>) -> Result<Vec<AuditEvent>, DbError> {
    type Row = (i64, String, String, Option<String>, String, String, String, String);
    let rows: Vec<Row> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, at, clerk, ticket_id, action, detail, prev_hash, hash FROM audit_events
             WHERE ($1 IS NULL OR ticket_id = $1) ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, at, clerk, ticket_id, action, detail, prev_hash, hash)| AuditEvent {
            id,
            at,
            clerk,
            ticket_id,
            action,
            detail,
            prev_hash,
            hash,
        })
        .collect())
}

/// Checks the chain against its recorded head (newest hash, event count); pure.
pub fn check_head(events: &[AuditEvent], head_hash: &str, head_events: usize) -> Result<usize, ChainBreak> {
    let n = check_chain(events)?;
    let newest = events.last().map_or(GENESIS, |e| e.hash.as_str());
    if n != head_events || newest != head_hash {
        return Err(ChainBreak::Truncated { events: n, recorded: head_events });
    }
    Ok(n)
}

/// Verifies the whole log: the number of events, or where it breaks.
pub async fn verify(db: &Db) -> Result<Result<usize, ChainBreak>, DbError> {
    let (hash, count): (String, i64) = on_pool!(db, |pool| {
        sqlx::query_as("SELECT hash, events FROM audit_head WHERE id = 1").fetch_one(pool).await?
    });
    Ok(check_head(&events(db, None).await?, &hash, usize::try_from(count).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Vec<AuditEvent> {
        let mut prev = GENESIS.to_string();
        (0..n)
            .map(|i| {
                let at = format!("2026-11-23T10:00:0{i}Z");
                let hash = event_hash(&prev, &at, "mlopez", Some("EA-2026-000001"), "approve", "");
                let e = AuditEvent {
                    id: i as i64 + 1,
                    at,
                    clerk: "mlopez".into(),
                    ticket_id: Some("EA-2026-000001".into()),
                    action: "approve".into(),
                    detail: String::new(),
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(check_chain(&chain(5)), Ok(5));
        assert_eq!(check_chain(&[]), Ok(0));
    }

    #[test]
    fn edits_and_deletions_are_found() {
        let mut edited = chain(5);
        edited[2].detail = "approved by someone else".into();
        assert_eq!(check_chain(&edited), Err(ChainBreak::Edited { id: 3 }));
        let mut deleted = chain(5);
        deleted.remove(1);
        assert_eq!(check_chain(&deleted), Err(ChainBreak::Broken { id: 3 }));
        let mut rehashed = chain(5);
        rehashed[1].clerk = "intruder".into();
        rehashed[1].hash = event_hash(
            &rehashed[1].prev_hash,
            &rehashed[1].at,
            "intruder",
            rehashed[1].ticket_id.as_deref(),
            "approve",
            "",
        );
        assert_eq!(
            check_chain(&rehashed),
            Err(ChainBreak::Broken { id: 3 }),
            "re-hashing one event breaks the next link"
        );
    }

    #[test]
    fn deleting_the_newest_events_is_found_against_the_head() {
        let full = chain(5);
        let head = full.last().unwrap().hash.clone();
        assert_eq!(check_head(&full, &head, 5), Ok(5));
        assert_eq!(check_head(&full[..3], &head, 5), Err(ChainBreak::Truncated { events: 3, recorded: 5 }));
        assert_eq!(check_head(&[], GENESIS, 0), Ok(0));
    }

    #[test]
    fn fields_cannot_be_shifted_between_each_other() {
        assert_ne!(event_hash(GENESIS, "a", "bc", None, "x", ""), event_hash(GENESIS, "ab", "c", None, "x", ""));
    }
}
