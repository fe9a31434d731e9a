//! What a clerk does to a ticket. Each action is one transaction: the ticket change,
//! its history, the audit event and, where the party is told, the outbox reply.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::clerks::{Clerk, Role};
use crate::db::{timestamp, BeginWrite, Db, DbError};
use crate::domain::MessageId;
use crate::replies::{Draft, ReplyKind};
use crate::tickets::store::ReplyPolicy;
use crate::tickets::TicketState;
use crate::{append_audit, on_pool};

/// A clerk's action, as the desk form and the JSON API send it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Approve,
    Deny {
        reason: String,
    },
    /// Ask the party for these items (the rules' wording).
    Ask {
        items: Vec<String>,
    },
    Note {
        text: String,
    },
    Withdraw,
    AssignToMe,
}

/// An action with the version of the ticket the clerk saw (its `updated_at`), when the
/// desk sends it: an action on a ticket that changed since is refused, so a clerk never
/// decides on what another clerk has already changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ActionRequest {
    #[serde(flatten)]
    pub action: Action,
    #[serde(default)]
    pub version: Option<String>,
}

impl From<Action> for ActionRequest {
    fn from(action: Action) -> Self {
        Self { action, version: None }
    }
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Deny { .. } => "deny",
            Action::Ask { .. } => "ask",
            Action::Note { .. } => "note",
            Action::Withdraw => "withdraw",
            Action::AssignToMe => "assign",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("no ticket {0}")]
    NoTicket(String),
    #[error("ticket {ticket} is {state}; only a supervisor may change a decision")]
    NeedsSupervisor { ticket: String, state: TicketState },
    #[error("ticket {ticket} is {state}: automatic mail cannot be decided")]
    NotARequest { ticket: String, state: TicketState },
    #[error("{0}")]
    Incomplete(&'static str),
    /// Another clerk changed the ticket first; `what` says how.
    #[error(
        "ticket {ticket} changed before this action was taken: it is now {state} ({what}); reload it and decide again"
    )]
    Conflict { ticket: String, state: TicketState, what: String },
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for ActionError {
    fn from(e: sqlx::Error) -> Self {
        ActionError::Db(DbError::Query(e))
    }
}

/// The state an action leads to, or why the clerk may not take it. Pure.
pub fn next_state(
    current: TicketState,
    action: &Action,
    role: Role,
    ticket: &str,
) -> Result<Option<TicketState>, ActionError> {
    let decided = matches!(current, TicketState::Approved | TicketState::Denied | TicketState::Withdrawn);
    let target = match action {
        Action::Approve => TicketState::Approved,
        Action::Deny { reason } if reason.trim().is_empty() => {
            return Err(ActionError::Incomplete("a denial needs a reason"))
        }
        Action::Deny { .. } => TicketState::Denied,
        Action::Ask { items } if items.iter().all(|i| i.trim().is_empty()) => {
            return Err(ActionError::Incomplete("choose what to ask the party for"))
        }
        Action::Ask { .. } => TicketState::AwaitingParty,
        Action::Withdraw => TicketState::Withdrawn,
        Action::Note { text } if text.trim().is_empty() => return Err(ActionError::Incomplete("the note is empty")),
        Action::Note { .. } | Action::AssignToMe => return Ok(None),
    };
    if current == TicketState::Ignored && target != TicketState::Withdrawn {
        return Err(ActionError::NotARequest { ticket: ticket.to_string(), state: current });
    }
    if decided && target == current {
        return Err(ActionError::Conflict {
            ticket: ticket.to_string(),
            state: current,
            what: format!("already {current}"),
        });
    }
    if decided && role < Role::Supervisor {
        return Err(ActionError::NeedsSupervisor { ticket: ticket.to_string(), state: current });
    }
    Ok(Some(target))
}

/// Takes `request.action` on `ticket_id` as `clerk`. The ticket's state and version are
/// compared and set in the same transaction, so of two clerks acting at once the
/// second sees the first's result and is refused with [`ActionError::Conflict`].
pub async fn act(
    db: &Db,
    policy: &ReplyPolicy,
    clerk: &Clerk,
    ticket_id: &str,
    request: &ActionRequest,
    webhook: bool,
    now: DateTime<Utc>,
) -> Result<TicketState, ActionError> {
    let at = timestamp(now);
    let action = &request.action;
    let state = on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        type TicketRow =
            (String, Option<String>, Option<String>, Option<String>, Option<String>, String, String, String);
        let row: Option<TicketRow> = sqlx::query_as(
            "SELECT state, reply_to, user_id, docket_number, request_id, subject, screening, updated_at
             FROM tickets WHERE ticket_id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((state, reply_to, user_id, docket, request_id, subject, screening, version)) = row else {
            return Err(ActionError::NoTicket(ticket_id.to_string()));
        };
        let current: TicketState = state.parse().map_err(|_| ActionError::NoTicket(ticket_id.to_string()))?;
        if request.version.as_ref().is_some_and(|seen| *seen != version) {
            let what = last_change(&mut tx, ticket_id).await?;
            return Err(ActionError::Conflict { ticket: ticket_id.to_string(), state: current, what });
        }
        let target = next_state(current, action, clerk.role, ticket_id)?;
        let screening: serde_json::Value = serde_json::from_str(&screening).unwrap_or_default();
        let party_name = screening["directory"]["party"]["party_name"].as_str().map(String::from);
        let account_name = screening["directory"]["account"]["full_name"].as_str().map(String::from);
        let detail = match action {
            Action::Deny { reason } => reason.clone(),
            Action::Ask { items } => items.join("; "),
            Action::Note { text } => text.clone(),
            _ => String::new(),
        };
        match action {
            Action::AssignToMe => {
                sqlx::query("UPDATE tickets SET assignee = $2, updated_at = $3 WHERE ticket_id = $1")
                    .bind(ticket_id)
                    .bind(&clerk.name)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
            }
            _ => {
                if let Some(target) = target {
                    // Compare and set: a concurrent action changed the version first.
                    let changed = sqlx::query(
                        "UPDATE tickets SET state = $2, updated_at = $3 WHERE ticket_id = $1 AND updated_at = $4",
                    )
                    .bind(ticket_id)
                    .bind(target.as_str())
                    .bind(&at)
                    .bind(&version)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if changed == 0 {
                        let what = last_change(&mut tx, ticket_id).await?;
                        return Err(ActionError::Conflict { ticket: ticket_id.to_string(), state: current, what });
                    }
                }
            }
        }
        if let Some(decision @ (TicketState::Approved | TicketState::Denied | TicketState::Withdrawn)) = target {
            sqlx::query(
                "INSERT INTO decisions (ticket_id, decision, clerk, at, user_id, docket_number, party_name, request_id, reason,
                                        webhook_state, webhook_next)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4)",
            )
            .bind(ticket_id)
            .bind(decision.as_str())
            .bind(&clerk.name)
            .bind(&at)
            .bind(&user_id)
            .bind(&docket)
            .bind(&party_name)
            .bind(&request_id)
            .bind(&detail)
            .bind(if webhook && decision == TicketState::Approved { "pending" } else { "none" })
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($1, $2, $3, $4)")
            .bind(ticket_id)
            .bind(&at)
            .bind(action.name())
            .bind(format!("{}: {detail}", clerk.name))
            .execute(&mut *tx)
            .await?;
        append_audit!(tx, &at, &clerk.name, Some(ticket_id), action.name(), &detail);
        let audit_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_events").fetch_one(&mut *tx).await?;

        let reply = match action {
            Action::Approve => Some((ReplyKind::Approved, Vec::new(), None)),
            Action::Deny { reason } => Some((ReplyKind::Denied, Vec::new(), Some(reason.clone()))),
            Action::Ask { items } => Some((ReplyKind::NeedsInformation, items.clone(), None)),
            _ => None,
        };
        if let (Some((kind, asks, reason)), Some(recipient)) = (reply, reply_to) {
            let last: Option<Option<String>> = sqlx::query_scalar(
                "SELECT message_id FROM messages WHERE ticket_id = $1 AND status = 'screened' ORDER BY id DESC LIMIT 1",
            )
            .bind(ticket_id)
            .fetch_optional(&mut *tx)
            .await?;
            let in_reply_to = last.flatten().and_then(|id| MessageId::parse(&id)).map(|id| id.to_string());
            let draft = Draft {
                kind,
                ticket_id: ticket_id.to_string(),
                recipient: recipient.clone(),
                party_name: account_name,
                docket: docket.clone(),
                original_subject: subject,
                asks,
                reason,
                in_reply_to: in_reply_to.clone(),
                references: in_reply_to.into_iter().collect(),
            };
            // A decision's reply is keyed by its audit event, so each decision sends once.
            // A reply that cannot be composed is left out; the decision itself stands.
            crate::enqueue_reply!(tx, &draft, policy, -audit_id, &at, now).ok();
        }
        tx.commit().await?;
        target.unwrap_or(current)
    });
    Ok(state)
}

/// The ticket's newest event, for a clerk told that someone else acted first.
async fn last_change<'c, DB>(tx: &mut sqlx::Transaction<'c, DB>, ticket_id: &str) -> Result<String, sqlx::Error>
where
    DB: sqlx::Database,
    for<'e> &'e mut DB::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'r> (String, String, String): sqlx::FromRow<'r, DB::Row>,
{
    let last: Option<(String, String, String)> =
        sqlx::query_as("SELECT kind, detail, at FROM ticket_events WHERE ticket_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(ticket_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(last.map_or_else(
        || "changed by another process".to_string(),
        |(kind, detail, at)| format!("{kind} {detail} at {at}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_follow_the_roles() {
        use TicketState::*;
        let t = "EA-2026-000001";
        assert_eq!(next_state(ReadyForReview, &Action::Approve, Role::Clerk, t).unwrap(), Some(Approved));
        assert!(matches!(
            next_state(Approved, &Action::Deny { reason: "x".into() }, Role::Clerk, t),
            Err(ActionError::NeedsSupervisor { .. })
        ));
        assert_eq!(
            next_state(Approved, &Action::Deny { reason: "x".into() }, Role::Supervisor, t).unwrap(),
            Some(Denied)
        );
        assert!(matches!(
            next_state(Flagged, &Action::Deny { reason: " ".into() }, Role::Admin, t),
            Err(ActionError::Incomplete(_))
        ));
        assert!(matches!(next_state(Ignored, &Action::Approve, Role::Admin, t), Err(ActionError::NotARequest { .. })));
        // A second approval, even a supervisor's, is a conflict: the ticket is decided.
        assert!(matches!(
            next_state(Approved, &Action::Approve, Role::Supervisor, t),
            Err(ActionError::Conflict { .. })
        ));
        assert_eq!(next_state(Approved, &Action::Note { text: "called".into() }, Role::Clerk, t).unwrap(), None);
        assert_eq!(
            next_state(Flagged, &Action::Ask { items: vec!["a photo ID".into()] }, Role::Clerk, t).unwrap(),
            Some(AwaitingParty)
        );
    }
}
