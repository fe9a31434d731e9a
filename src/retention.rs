//! Purging personal data a while after a ticket's final state: the raw messages (and
//! the ID images in them), the replies' text and what was read from the documents.
//! The ticket — its fields, findings, disposition, history — and the audit log stay,
//! so the court can still say who was given access, when and why.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::{timestamp, BeginWrite, Db, DbError};
use crate::on_pool;

/// States after which nothing more is expected of a ticket.
pub const FINAL_STATES: &[&str] = &["approved", "denied", "withdrawn", "ignored"];

/// What a purge did (or, dry, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    pub tickets: Vec<String>,
    pub messages: i64,
    pub bytes: i64,
}

/// The screening JSON without what was read from the documents; the documents' kind,
/// type and legibility stay, since the findings rest on them.
pub fn purge_screening(mut screening: serde_json::Value) -> serde_json::Value {
    const KEPT: &[&str] = &["filename", "kind", "id_type", "legible", "format"];
    if let Some(map) = screening.as_object_mut() {
        map.remove("document_evidence");
        if let Some(docs) = map.get_mut("documents").and_then(|d| d.as_array_mut()) {
            for doc in docs.iter_mut().filter_map(|d| d.as_object_mut()) {
                doc.retain(|k, _| KEPT.contains(&k.as_str()));
            }
        }
        map.insert("purged".into(), serde_json::Value::Bool(true));
    }
    screening
}

/// Purges tickets whose final state is older than `after_days`; with `dry_run`, only
/// reports what would go.
pub async fn purge(db: &Db, after_days: u32, now: DateTime<Utc>, dry_run: bool) -> Result<PurgeReport, DbError> {
    let cutoff = timestamp(now - chrono::Duration::days(i64::from(after_days)));
    let at = timestamp(now);
    let states = FINAL_STATES.join("','");
    let due = format!(
        "SELECT ticket_id, screening FROM tickets
         WHERE state IN ('{states}') AND purged_at IS NULL AND updated_at < $1 ORDER BY ticket_id"
    );
    let mut report = PurgeReport::default();
    on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let tickets: Vec<(String, String)> = sqlx::query_as(&due).bind(&cutoff).fetch_all(&mut *tx).await?;
        for (ticket_id, screening) in &tickets {
            // A ticket's messages and the duplicates recorded of them.
            let scope = "(ticket_id = $1 OR duplicate_of IN (SELECT id FROM messages WHERE ticket_id = $1))";
            let (messages, bytes): (i64, i64) = sqlx::query_as(&format!(
                "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM messages WHERE {scope} AND purged_at IS NULL"
            ))
            .bind(ticket_id)
            .fetch_one(&mut *tx)
            .await?;
            report.messages += messages;
            report.bytes += bytes;
            if dry_run {
                continue;
            }
            sqlx::query(&format!("UPDATE messages SET raw = $2, purged_at = $3 WHERE {scope} AND purged_at IS NULL"))
                .bind(ticket_id)
                .bind(Vec::<u8>::new())
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            // Replies still due keep their text; sent or failed ones are history.
            sqlx::query("UPDATE outbox SET raw = $2 WHERE ticket_id = $1 AND state <> 'pending'")
                .bind(ticket_id)
                .bind(Vec::<u8>::new())
                .execute(&mut *tx)
                .await?;
            let purged = serde_json::from_str(screening).map(purge_screening).unwrap_or(serde_json::Value::Null);
            sqlx::query("UPDATE tickets SET screening = $2, purged_at = $3 WHERE ticket_id = $1")
                .bind(ticket_id)
                .bind(purged.to_string())
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($1, $2, 'purged', $3)")
                .bind(ticket_id)
                .bind(&at)
                .bind(format!("{messages} messages and the document readings purged after {after_days} days"))
                .execute(&mut *tx)
                .await?;
        }
        if !dry_run && !tickets.is_empty() {
            let detail = format!("{} tickets, {} messages", tickets.len(), report.messages);
            crate::append_audit!(tx, &at, "accessd", None, "purge", &detail);
        }
        tx.commit().await?;
        report.tickets = tickets.into_iter().map(|(id, _)| id).collect();
    });
    Ok(report)
}

/// Purges once a day while `shutdown` is not cancelled (run by the mailbox holder, so
/// one instance does it).
pub async fn run_daily(db: Db, after_days: u32, shutdown: tokio_util::sync::CancellationToken) {
    if after_days == 0 {
        return;
    }
    loop {
        let hours = match purge(&db, after_days, Utc::now(), false).await {
            Ok(r) => {
                if !r.tickets.is_empty() {
                    tracing::info!(
                        tickets = r.tickets.len(),
                        messages = r.messages,
                        bytes = r.bytes,
                        "personal data purged"
                    );
                }
                24
            }
            Err(e) => {
                tracing::warn!(error = %e, "purge failed; trying again in an hour");
                1
            }
        };
        let wait = std::time::Duration::from_secs(hours * 3600);
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purging_keeps_the_findings_and_drops_what_was_read() {
        let screening = serde_json::json!({
            "fields": {"name": "Dana R. Whitlock"},
            "findings": ["id_expired"],
            "disposition": "needs_information",
            "documents": [{"filename": "dl.png", "kind": "photo_id", "id_type": "ct_driver_license",
                           "name_on_id": "DANA RUTH WHITLOCK", "expires": "2020-05-10", "legible": true}],
            "document_evidence": [{"evidence": {"mrz": {"document_number": "L898902C3"}}}]
        });
        let purged = purge_screening(screening);
        let text = purged.to_string();
        assert!(!text.contains("L898902C3") && !text.contains("DANA RUTH"), "{text}");
        assert_eq!(purged["findings"][0], "id_expired");
        assert_eq!(purged["documents"][0]["id_type"], "ct_driver_license");
        assert_eq!(purged["purged"], true);
    }
}
