//! Tickets in the database. A screening outcome is committed in one transaction: the
//! message marked screened with its destination folder, the ticket created or updated,
//! its history, and the reply queued in the outbox. So a crash leaves either all of it
//! or none, and a message is never ticketed twice.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use sqlx::Row;

use super::{format_ticket_id, ticket_tag, TicketState};
use crate::db::{timestamp, BeginWrite, Db, DbError};
use crate::domain::MessageId;
use crate::intake::IncomingMessage;
use crate::on_pool;
use crate::replies::{self, outbox, Draft, Letterhead, ReplyKind, Templates};
use crate::screening::{Disposition, Screening};

/// An open ticket a new message may belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadTicket {
    pub ticket_id: String,
}

/// The open ticket a message answers: by In-Reply-To/References to one of our replies,
/// else by the ticket tag in its subject. Only the ticket's own party (the same From
/// address) continues it; anyone else starts a new ticket.
pub async fn find_thread(
    db: &Db,
    message: &IncomingMessage,
    sender: Option<&str>,
    prefix: &str,
) -> Result<Option<ThreadTicket>, DbError> {
    let Some(sender) = sender else { return Ok(None) };
    let mut candidates: Vec<String> = Vec::new();
    for id in message.in_reply_to.iter().chain(message.references.iter().rev()) {
        let ticket: Option<String> = on_pool!(db, |pool| {
            sqlx::query_scalar("SELECT ticket_id FROM outbox WHERE message_id = $1")
                .bind(id.as_str())
                .fetch_optional(pool)
                .await?
        });
        candidates.extend(ticket);
    }
    candidates.extend(ticket_tag(&message.subject, prefix));
    for ticket_id in candidates {
        if let Some(open) = open_ticket(db, &ticket_id, sender).await? {
            return Ok(Some(open));
        }
    }
    Ok(None)
}

/// The party's open ticket for this access request, when a new message (not a reply)
/// is about a request already under way.
pub async fn open_ticket_for_request(db: &Db, request_id: &str, sender: &str) -> Result<Option<ThreadTicket>, DbError> {
    let rows: Vec<(String, String)> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT ticket_id, state FROM tickets WHERE request_id = $1 AND party_address = $2 ORDER BY created_at DESC",
        )
        .bind(request_id)
        .bind(sender)
        .fetch_all(pool)
        .await?
    });
    Ok(rows.into_iter().find(|(_, state)| is_open(state)).map(|(ticket_id, _)| ThreadTicket { ticket_id }))
}

async fn open_ticket(db: &Db, ticket_id: &str, sender: &str) -> Result<Option<ThreadTicket>, DbError> {
    let row: Option<(String, Option<String>)> = on_pool!(db, |pool| {
        sqlx::query_as("SELECT state, party_address FROM tickets WHERE ticket_id = $1")
            .bind(ticket_id)
            .fetch_optional(pool)
            .await?
    });
    Ok(row
        .filter(|(state, party)| is_open(state) && party.as_deref() == Some(sender))
        .map(|_| ThreadTicket { ticket_id: ticket_id.to_string() }))
}

fn is_open(state: &str) -> bool {
    state.parse::<TicketState>().is_ok_and(TicketState::is_open)
}

/// A message screened, ready to be committed.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub message_row: i64,
    /// The open ticket it continues, if any.
    pub ticket: Option<String>,
    pub screening: Screening,
    pub subject: String,
    pub message_id: Option<MessageId>,
    pub references: Vec<MessageId>,
    /// The lower-cased From address.
    pub sender: Option<String>,
    pub destination: String,
}

/// What the daemon needs to queue replies.
#[derive(Debug, Clone)]
pub struct ReplyPolicy {
    pub templates: Arc<Templates>,
    pub letterhead: Letterhead,
    pub court_addresses: Vec<String>,
    pub budget_per_address: u32,
    pub budget_window: chrono::Duration,
    pub ticket_prefix: String,
}

/// What committing one outcome did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub message_row: i64,
    pub ticket_id: String,
    pub disposition: Disposition,
    pub reply_queued: bool,
}

fn screening_json(s: &Screening) -> String {
    let mut json = s.result_json();
    // The clerk also sees why each finding was made.
    json["finding_details"] = s
        .findings
        .iter()
        .map(|f| serde_json::json!({"code": f.code, "detail": f.detail}))
        .collect::<serde_json::Value>();
    // What no machine confirmed, for the clerk to check by eye.
    json["clerk_notes"] = serde_json::to_value(&s.clerk_notes).unwrap_or_default();
    // The desk shows the request beside the directory rows it was checked against, the
    // sender evidence, and what was read from each document.
    json["directory"] =
        serde_json::json!({"account": s.account, "case": s.case, "party": s.party, "request": s.request});
    json["sender"] = serde_json::to_value(&s.sender).unwrap_or_default();
    json["document_evidence"] = s
        .documents
        .iter()
        .map(|d| serde_json::json!({"filename": d.filename, "format": d.format, "problem": d.problem, "evidence": d.evidence}))
        .collect::<serde_json::Value>();
    json.to_string()
}

/// Commits outcomes in one transaction. An outcome whose message is no longer queued
/// (another worker or instance got there first) is skipped.
pub async fn commit_outcomes(
    db: &Db,
    outcomes: &[Outcome],
    policy: &ReplyPolicy,
    now: DateTime<Utc>,
) -> Result<Vec<Committed>, DbError> {
    let at = timestamp(now);
    let window_start = timestamp(now - policy.budget_window);
    let mut committed = Vec::new();
    on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        for outcome in outcomes {
            let s = &outcome.screening;
            let state = TicketState::after_screening(s.disposition);
            let claimed = sqlx::query(
                "UPDATE messages SET status = 'screened', destination = $2 WHERE id = $1 AND status = 'queued'",
            )
            .bind(outcome.message_row)
            .bind(&outcome.destination)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                continue;
            }
            let user_id = s.fields.user_id.as_ref().map(|u| u.to_string());
            let docket = s.fields.docket_number.as_ref().map(|d| d.to_string());
            let recipient = replies::recipient(s, &policy.court_addresses);
            // A clerk may decide the ticket while its follow-up is screened: the
            // decision stands, and the follow-up is kept on the ticket unanswered.
            let mut still_open = true;
            let ticket_id = match &outcome.ticket {
                Some(ticket_id) => {
                    still_open = sqlx::query(
                        "UPDATE tickets SET state = $2, disposition = $3, user_id = COALESCE($4, user_id),
                             docket_number = COALESCE($5, docket_number), request_id = COALESCE($6, request_id),
                             reply_to = COALESCE($7, reply_to), screening = $8, updated_at = $9
                         WHERE ticket_id = $1 AND state IN ('awaiting_party', 'ready_for_review', 'flagged')",
                    )
                    .bind(ticket_id)
                    .bind(state.as_str())
                    .bind(s.disposition.as_str())
                    .bind(&user_id)
                    .bind(&docket)
                    .bind(&s.request_id)
                    .bind(recipient.as_ref().ok())
                    .bind(screening_json(s))
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                        == 1;
                    ticket_id.clone()
                }
                None => {
                    let year = now.year();
                    // The counter row's lock makes instances committing at once take turns.
                    let seq: i64 = sqlx::query_scalar(
                        "INSERT INTO ticket_counters (year, last_seq) VALUES ($1, 1)
                         ON CONFLICT (year) DO UPDATE SET last_seq = ticket_counters.last_seq + 1
                         RETURNING last_seq",
                    )
                    .bind(i64::from(year))
                    .fetch_one(&mut *tx)
                    .await?;
                    let ticket_id = format_ticket_id(&policy.ticket_prefix, year, seq);
                    sqlx::query(
                        "INSERT INTO tickets (ticket_id, year, seq, state, disposition, party_address, reply_to, user_id,
                                              docket_number, request_id, subject, screening, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
                    )
                    .bind(&ticket_id)
                    .bind(i64::from(year))
                    .bind(seq)
                    .bind(state.as_str())
                    .bind(s.disposition.as_str())
                    .bind(&outcome.sender)
                    .bind(recipient.as_ref().ok())
                    .bind(&user_id)
                    .bind(&docket)
                    .bind(&s.request_id)
                    .bind(&outcome.subject)
                    .bind(screening_json(s))
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                    ticket_id
                }
            };
            sqlx::query("UPDATE messages SET ticket_id = $2 WHERE id = $1")
                .bind(outcome.message_row)
                .bind(&ticket_id)
                .execute(&mut *tx)
                .await?;
            let mut events = vec![
                (
                    if outcome.ticket.is_some() { "follow_up" } else { "received" },
                    format!("message {}", outcome.message_row),
                ),
                (
                    "screened",
                    format!(
                        "{} ({})",
                        s.disposition,
                        s.findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                ),
            ];
            let mut reply_queued = false;
            let recipient = if still_open { recipient } else { Err(replies::NoReply::DecidedMeanwhile) };
            match (recipient, ReplyKind::for_disposition(s.disposition)) {
                (Ok(address), Some(kind)) => {
                    let recent: i64 = sqlx::query_scalar(outbox::COUNT_RECENT)
                        .bind(&address)
                        .bind(&window_start)
                        .fetch_one(&mut *tx)
                        .await?;
                    if recent >= i64::from(policy.budget_per_address) {
                        events.push((
                            "reply_suppressed",
                            format!("{} replies to this address already in the budget window", recent),
                        ));
                    } else {
                        let draft = Draft {
                            kind,
                            ticket_id: ticket_id.clone(),
                            recipient: address.clone(),
                            party_name: s.account.as_ref().map(|a| a.full_name.to_string()),
                            docket: docket.clone(),
                            original_subject: outcome.subject.clone(),
                            asks: replies::asks(s),
                            reason: None,
                            in_reply_to: outcome.message_id.as_ref().map(MessageId::to_string),
                            references: outcome.references.iter().map(MessageId::to_string).collect(),
                        };
                        match crate::enqueue_reply!(tx, &draft, policy, outcome.message_row, &at, now) {
                            Ok(inserted) => {
                                reply_queued = inserted;
                                events.push(("reply_queued", kind.as_str().to_string()));
                            }
                            Err(e) => events.push(("reply_not_composed", e.to_string())),
                        }
                    }
                }
                (Err(why), _) => events.push(("no_reply", why.as_str().to_string())),
                (Ok(_), None) => {}
            }
            for (kind, detail) in events {
                sqlx::query("INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($1, $2, $3, $4)")
                    .bind(&ticket_id)
                    .bind(&at)
                    .bind(kind)
                    .bind(detail)
                    .execute(&mut *tx)
                    .await?;
            }
            committed.push(Committed {
                message_row: outcome.message_row,
                ticket_id,
                disposition: s.disposition,
                reply_queued,
            });
        }
        tx.commit().await?;
    });
    Ok(committed)
}

/// A ticket as listed.
#[derive(Debug, Clone, Serialize)]
pub struct TicketSummary {
    pub ticket_id: String,
    pub state: String,
    pub disposition: String,
    pub user_id: Option<String>,
    pub docket_number: Option<String>,
    pub request_id: Option<String>,
    pub reply_failed: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// Tickets, newest first, optionally in one state.
pub async fn list(db: &Db, state: Option<TicketState>, limit: i64) -> Result<Vec<TicketSummary>, DbError> {
    let rows = on_pool!(db, |pool| {
        sqlx::query(
            "SELECT ticket_id, state, disposition, user_id, docket_number, request_id, reply_failed, created_at, updated_at
             FROM tickets WHERE ($1 IS NULL OR state = $1) ORDER BY year DESC, seq DESC LIMIT $2",
        )
        .bind(state.map(|s| s.as_str()))
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(summary_from_row)
        .collect::<Result<Vec<_>, sqlx::Error>>()?
    });
    Ok(rows)
}

fn summary_from_row<R: Row>(row: &R) -> Result<TicketSummary, sqlx::Error>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(TicketSummary {
        ticket_id: row.try_get("ticket_id")?,
        state: row.try_get("state")?,
        disposition: row.try_get("disposition")?,
        user_id: row.try_get("user_id")?,
        docket_number: row.try_get("docket_number")?,
        request_id: row.try_get("request_id")?,
        reply_failed: row.try_get::<i64, _>("reply_failed")? != 0,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Everything about one ticket, for `accessd tickets show` and the desk.
#[derive(Debug, Clone, Serialize)]
pub struct TicketDetail {
    #[serde(flatten)]
    pub summary: TicketSummary,
    pub subject: String,
    pub party_address: Option<String>,
    pub reply_to: Option<String>,
    pub screening: serde_json::Value,
    pub messages: Vec<MessageLine>,
    pub events: Vec<EventLine>,
    pub replies: Vec<ReplyLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageLine {
    pub row: i64,
    pub message_id: Option<String>,
    pub received_at: String,
    pub size: i64,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventLine {
    pub at: String,
    pub kind: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReplyLine {
    pub kind: String,
    pub recipient: String,
    pub message_id: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

pub async fn show(db: &Db, ticket_id: &str) -> Result<Option<TicketDetail>, DbError> {
    let detail = on_pool!(db, |pool| {
        let Some(row) = sqlx::query(
            "SELECT ticket_id, state, disposition, user_id, docket_number, request_id, reply_failed, created_at, updated_at,
                    subject, party_address, reply_to, screening
             FROM tickets WHERE ticket_id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(pool)
        .await?
        else {
            return Ok(None);
        };
        let screening: String = row.try_get("screening")?;
        let messages: Vec<(i64, Option<String>, String, i64, String)> = sqlx::query_as(
            "SELECT id, message_id, received_at, size, status FROM messages WHERE ticket_id = $1 ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await?;
        let events: Vec<(String, String, String)> =
            sqlx::query_as("SELECT at, kind, detail FROM ticket_events WHERE ticket_id = $1 ORDER BY id")
                .bind(ticket_id)
                .fetch_all(pool)
                .await?;
        let replies: Vec<(String, String, String, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT kind, recipient, message_id, state, attempts, last_error FROM outbox WHERE ticket_id = $1 ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(pool)
        .await?;
        TicketDetail {
            summary: summary_from_row(&row)?,
            subject: row.try_get("subject")?,
            party_address: row.try_get("party_address")?,
            reply_to: row.try_get("reply_to")?,
            screening: serde_json::from_str(&screening).unwrap_or(serde_json::Value::Null),
            messages: messages
                .into_iter()
                .map(|(row, message_id, received_at, size, status)| MessageLine {
                    row,
                    message_id,
                    received_at,
                    size,
                    status,
                })
                .collect(),
            events: events.into_iter().map(|(at, kind, detail)| EventLine { at, kind, detail }).collect(),
            replies: replies
                .into_iter()
                .map(|(kind, recipient, message_id, state, attempts, last_error)| ReplyLine {
                    kind,
                    recipient,
                    message_id,
                    state,
                    attempts,
                    last_error,
                })
                .collect(),
        }
    });
    Ok(Some(detail))
}
