//! The message ledger: every message taken from the mailbox, stored raw with where it
//! came from (mailbox, UIDVALIDITY, UID), its Message-ID and SHA-256, in one
//! transaction before anything else happens to it. It is also the work queue: screening
//! claims `queued` rows (any instance may, see `cluster`), and the mailbox moves a message on the server only once its row
//! says where to (after the outcome is committed). A crash anywhere loses nothing: what
//! was committed is done, what was not is fetched again and deduplicated here.

use chrono::{DateTime, Utc};

use crate::cluster::Instance;
use crate::db::{timestamp, BeginWrite, Db, DbError};
use crate::on_pool;
use crate::vault::Vault;

/// One message as the mailbox handed it over.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// The IMAP UID, or the Maildir file's unique name.
    pub uid: String,
    /// Its size on the server.
    pub size: u64,
    /// The raw message; only the header section when it was refused for size.
    pub raw: Vec<u8>,
    /// Set when the message was over the size limit and not downloaded whole.
    pub refused_for_size: bool,
}

/// Where messages live on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    pub processed: String,
    pub ignored: String,
    pub quarantine: String,
}

impl From<&crate::config::MailboxSettings> for Folders {
    fn from(m: &crate::config::MailboxSettings) -> Self {
        Self {
            processed: m.processed_folder.clone(),
            ignored: m.ignored_folder.clone(),
            quarantine: m.quarantine_folder.clone(),
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StoreSummary {
    pub stored: usize,
    pub duplicates: usize,
    pub refused: usize,
}

/// A message waiting to be screened.
#[derive(Debug, Clone)]
pub struct QueuedMessage {
    pub id: i64,
    pub raw: Vec<u8>,
    pub sender: Option<String>,
    pub received_at: DateTime<Utc>,
    pub attempts: i64,
}

/// `id, raw, sender, received_at, attempts` as selected.
type QueuedRow = (i64, Vec<u8>, Option<String>, String, i64);

impl From<QueuedRow> for QueuedMessage {
    fn from((id, raw, sender, received, attempts): QueuedRow) -> Self {
        let received_at = crate::db::parse_timestamp(&received).unwrap_or_else(Utc::now);
        QueuedMessage { id, raw, sender, received_at, attempts }
    }
}

/// A committed message still to be moved on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMove {
    pub id: i64,
    pub uid_validity: i64,
    pub uid: String,
    pub destination: String,
}

/// The highest UID stored for this mailbox folder under this UIDVALIDITY.
pub async fn last_uid(db: &Db, mailbox: &str, uid_validity: i64) -> Result<i64, DbError> {
    let row: Option<i64> = on_pool!(db, |pool| {
        sqlx::query_scalar("SELECT last_uid FROM mailbox_marks WHERE mailbox = $1 AND uid_validity = $2")
            .bind(mailbox)
            .bind(uid_validity)
            .fetch_optional(pool)
            .await?
    });
    Ok(row.unwrap_or(0))
}

/// Message Id and From address, read cheaply for deduplication.
fn identity_headers(raw: &[u8]) -> (Option<String>, Option<String>) {
    let Some(message) = mail_parser::MessageParser::new().parse_headers(raw) else { return (None, None) };
    let message_id = message.message_id().map(|id| id.trim().to_string()).filter(|id| !id.is_empty());
    let sender = message
        .from()
        .and_then(|f| f.first())
        .and_then(|a| a.address.as_deref())
        .map(|a| a.trim().to_lowercase())
        .filter(|a| !a.is_empty());
    (message_id, sender)
}

/// How arrivals are stored: encrypted by `vault`; over `max_message_bytes` only the
/// header is kept and the message goes to the quarantine folder.
#[derive(Clone, Copy)]
pub struct StoreRules<'a> {
    pub vault: &'a Vault,
    pub folders: &'a Folders,
    pub max_message_bytes: u64,
}

/// Stores a batch of arrivals from one mailbox folder in one transaction and raises
/// the folder's UID mark. Already stored (same place) is skipped; the same message seen
/// again elsewhere (same SHA-256, or same Message-ID from the same sender, e.g. after a
/// UIDVALIDITY reset) is recorded as a duplicate of the first, never screened twice.
pub async fn store_arrivals(
    db: &Db,
    rules: &StoreRules<'_>,
    mailbox: &str,
    uid_validity: i64,
    arrivals: &[Arrival],
    now: DateTime<Utc>,
) -> Result<StoreSummary, DbError> {
    let StoreRules { vault, folders, max_message_bytes } = *rules;
    let now = timestamp(now);
    let mut summary = StoreSummary::default();
    let highest = arrivals.iter().filter_map(|a| a.uid.parse::<i64>().ok()).max();
    on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        for arrival in arrivals {
            let sha = crate::intake::sha256_hex(&arrival.raw);
            let (message_id, sender) = identity_headers(&arrival.raw);
            let original: Option<(i64, Option<String>)> = sqlx::query_as(
                "SELECT id, destination FROM messages
                 WHERE status <> 'duplicate'
                   AND (sha256 = $1 OR (message_id = $2 AND sender = $3))
                 ORDER BY id LIMIT 1",
            )
            .bind(&sha)
            .bind(&message_id)
            .bind(&sender)
            .fetch_optional(&mut *tx)
            .await?;
            let (status, duplicate_of, destination, error) = if arrival.refused_for_size {
                let error = format!(
                    "the message is {} bytes, over the limit of {max_message_bytes} (screening.max_message_bytes); only its header was kept",
                    arrival.size
                );
                ("quarantined", None, Some(folders.quarantine.clone()), Some(error))
            } else if let Some((id, destination)) = original {
                ("duplicate", Some(id), Some(destination.unwrap_or_else(|| folders.processed.clone())), None)
            } else {
                ("queued", None, None, None)
            };
            let inserted = sqlx::query(
                "INSERT INTO messages (mailbox, uid_validity, uid, message_id, sender, sha256, size, raw, received_at,
                                       status, duplicate_of, destination, last_error)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 ON CONFLICT (mailbox, uid_validity, uid) DO NOTHING",
            )
            .bind(mailbox)
            .bind(uid_validity)
            .bind(&arrival.uid)
            .bind(&message_id)
            .bind(&sender)
            .bind(&sha)
            .bind(arrival.size as i64)
            .bind(vault.seal(&arrival.raw))
            .bind(&now)
            .bind(status)
            .bind(duplicate_of)
            .bind(&destination)
            .bind(&error)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                match status {
                    "queued" => summary.stored += 1,
                    "duplicate" => summary.duplicates += 1,
                    _ => summary.refused += 1,
                }
            }
        }
        if let Some(highest) = highest {
            sqlx::query(
                "INSERT INTO mailbox_marks (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
                 ON CONFLICT (mailbox, uid_validity) DO UPDATE SET last_uid = excluded.last_uid
                 WHERE mailbox_marks.last_uid < excluded.last_uid",
            )
            .bind(mailbox)
            .bind(uid_validity)
            .bind(highest)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    });
    Ok(summary)
}

/// UIDs of this mailbox already stored and not yet moved away (the Maildir lists its
/// whole inbox each time and skips these).
pub async fn unmoved_uids(db: &Db, mailbox: &str) -> Result<Vec<String>, DbError> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_scalar("SELECT uid FROM messages WHERE mailbox = $1 AND moved = 0")
            .bind(mailbox)
            .fetch_all(pool)
            .await?
    }))
}

/// How many of `claimable` queued messages one instance takes: half, so another
/// instance finds work beside it (a backlog of few senders, whose messages must go one
/// at a time, is shared rather than taken whole), yet one per worker at least and
/// `share.most` at most.
#[derive(Debug, Clone, Copy)]
pub struct Share {
    pub least: usize,
    pub most: usize,
}

impl Share {
    pub fn of(self, claimable: usize) -> usize {
        claimable.div_ceil(2).max(self.least).min(self.most).min(claimable)
    }
}

/// Claims a [`Share`] of the queued messages for `instance` until `until`: the oldest,
/// each the earliest queued message of its sender, so a party's follow-up is never
/// screened beside or before the message it follows, on any instance. Expired claims,
/// and those of a process of this machine that is gone, are taken over. On PostgreSQL
/// rows another instance is claiming right now are skipped (`FOR UPDATE SKIP LOCKED`);
/// on SQLite the write transaction is exclusive anyway.
pub async fn claim_queued(
    db: &Db,
    vault: &Vault,
    instance: &Instance,
    share: Share,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<QueuedMessage>, DbError> {
    let skip_locked = if matches!(db, Db::Postgres(_)) { " FOR UPDATE SKIP LOCKED" } else { "" };
    let select = format!(
        "SELECT id, claimed_by, claimed_until FROM messages m
         WHERE status = 'queued'
           AND (claimed_until IS NULL OR claimed_until < $1 OR claimed_by LIKE $2)
           AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.status = 'queued' AND e.sender = m.sender AND e.id < m.id)
         ORDER BY id LIMIT $3{skip_locked}"
    );
    let (now_text, until) = (timestamp(now), timestamp(until));
    let rows: Vec<QueuedRow> = on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let candidates: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(&select)
            .bind(&now_text)
            .bind(format!("{}:%", instance.name))
            .bind(i64::try_from(share.most.saturating_mul(2)).unwrap_or(i64::MAX))
            .fetch_all(&mut *tx)
            .await?;
        let takeable: Vec<i64> = candidates
            .into_iter()
            .filter(|(_, holder, held_until)| instance.may_take(holder.as_deref(), held_until.as_deref(), now))
            .map(|(id, _, _)| id)
            .collect();
        let mut claimed = Vec::new();
        for &id in takeable.iter().take(share.of(takeable.len())) {
            let row: QueuedRow = sqlx::query_as(
                "UPDATE messages SET claimed_by = $2, claimed_until = $3 WHERE id = $1
                 RETURNING id, raw, sender, received_at, attempts",
            )
            .bind(id)
            .bind(&instance.id)
            .bind(&until)
            .fetch_one(&mut *tx)
            .await?;
            claimed.push(row);
        }
        tx.commit().await?;
        claimed
    });
    opened(vault, rows)
}

/// Queued rows with their raw messages decrypted.
fn opened(vault: &Vault, rows: Vec<QueuedRow>) -> Result<Vec<QueuedMessage>, DbError> {
    rows.into_iter()
        .map(|(id, raw, sender, received, attempts)| {
            Ok(QueuedMessage::from((id, vault.open(&raw)?, sender, received, attempts)))
        })
        .collect()
}

/// Keeps this instance's claims on the messages it is still screening.
pub async fn extend_claims(db: &Db, instance: &Instance, until: DateTime<Utc>) -> Result<(), DbError> {
    on_pool!(db, |pool| {
        sqlx::query("UPDATE messages SET claimed_until = $2 WHERE claimed_by = $1 AND status = 'queued'")
            .bind(&instance.id)
            .bind(timestamp(until))
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Records a failed attempt; after `max_attempts` the message is quarantined and the
/// queue goes on. Returns true when it was quarantined.
pub async fn record_failure(
    db: &Db,
    id: i64,
    error: &str,
    max_attempts: u32,
    folders: &Folders,
) -> Result<bool, DbError> {
    let quarantined: Option<String> = on_pool!(db, |pool| {
        sqlx::query_scalar(
            "UPDATE messages SET attempts = attempts + 1, last_error = $2, claimed_by = NULL, claimed_until = NULL,
                 status = CASE WHEN attempts + 1 >= $3 THEN 'quarantined' ELSE status END,
                 destination = CASE WHEN attempts + 1 >= $3 THEN $4 ELSE destination END
             WHERE id = $1 RETURNING status",
        )
        .bind(id)
        .bind(error)
        .bind(i64::from(max_attempts))
        .bind(&folders.quarantine)
        .fetch_optional(pool)
        .await?
    });
    Ok(quarantined.as_deref() == Some("quarantined"))
}

/// Committed messages of this mailbox still in its inbox.
pub async fn pending_moves(db: &Db, mailbox: &str) -> Result<Vec<PendingMove>, DbError> {
    let rows: Vec<(i64, i64, String, String)> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, uid_validity, uid, destination FROM messages
             WHERE mailbox = $1 AND moved = 0 AND destination IS NOT NULL ORDER BY id",
        )
        .bind(mailbox)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, uid_validity, uid, destination)| PendingMove { id, uid_validity, uid, destination })
        .collect())
}

/// Marks messages moved (or gone from the server: a UIDVALIDITY change leaves their
/// old UIDs meaningless, and the copies still there are fetched again as duplicates).
pub async fn mark_moved(db: &Db, ids: &[i64]) -> Result<(), DbError> {
    if ids.is_empty() {
        return Ok(());
    }
    on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        for id in ids {
            sqlx::query("UPDATE messages SET moved = 1 WHERE id = $1").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// The raw bytes of earlier messages of a ticket, oldest first (purged ones are gone).
pub async fn ticket_messages(db: &Db, vault: &Vault, ticket_id: &str) -> Result<Vec<QueuedMessage>, DbError> {
    let rows: Vec<QueuedRow> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, raw, sender, received_at, attempts FROM messages
             WHERE ticket_id = $1 AND status = 'screened' AND purged_at IS NULL ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await?
    });
    opened(vault, rows)
}

/// Re-encrypts every stored message not under the vault's encrypting key (plaintext
/// from before encryption, or an older key), in batches; returns how many.
pub async fn rotate_keys(db: &Db, vault: &Vault) -> Result<usize, DbError> {
    let mut after = 0i64;
    let mut rotated = 0;
    loop {
        let rows: Vec<(i64, Vec<u8>)> = on_pool!(db, |pool| {
            sqlx::query_as("SELECT id, raw FROM messages WHERE id > $1 AND purged_at IS NULL ORDER BY id LIMIT 200")
                .bind(after)
                .fetch_all(pool)
                .await?
        });
        let Some(&(last, _)) = rows.last() else { return Ok(rotated) };
        after = last;
        let stale: Vec<(i64, Vec<u8>)> = rows
            .into_iter()
            .filter(|(_, raw)| vault.needs_rotation(raw))
            .map(|(id, raw)| Ok((id, vault.seal(&vault.open(&raw)?))))
            .collect::<Result<_, DbError>>()?;
        on_pool!(db, |pool| {
            let mut tx = pool.begin_write().await?;
            for (id, sealed) in &stale {
                sqlx::query("UPDATE messages SET raw = $2 WHERE id = $1")
                    .bind(id)
                    .bind(sealed)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        rotated += stale.len();
    }
}

/// One message of a ticket, decrypted; `None` when there is none or it was purged.
pub async fn ticket_message(db: &Db, vault: &Vault, ticket_id: &str, row: i64) -> Result<Option<Vec<u8>>, DbError> {
    let raw: Option<Vec<u8>> = on_pool!(db, |pool| {
        sqlx::query_scalar("SELECT raw FROM messages WHERE id = $1 AND ticket_id = $2 AND purged_at IS NULL")
            .bind(row)
            .bind(ticket_id)
            .fetch_optional(pool)
            .await?
    });
    Ok(raw.map(|r| vault.open(&r)).transpose()?)
}

#[cfg(test)]
mod tests {
    use super::Share;

    #[test]
    fn an_instance_takes_half_of_the_queue_at_least_one_per_worker() {
        let share = Share { least: 2, most: 16 };
        // (claimable, taken)
        let table = [(0, 0), (1, 1), (2, 2), (3, 2), (4, 2), (5, 3), (10, 5), (31, 16), (32, 16), (500, 16)];
        for (claimable, taken) in table {
            assert_eq!(share.of(claimable), taken, "{claimable} claimable");
        }
    }
}
