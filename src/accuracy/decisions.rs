//! Shadow mode from the desk: every clerk decision (approve, deny, ask) beside the
//! automatic screening the ticket held when the clerk acted. Reading the history is a
//! thin query; pairing events into comparisons is pure.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Compared, Verdict};
use crate::db::{parse_timestamp, Db, DbError};
use crate::on_pool;
use crate::screening::findings::Effect;
use crate::screening::{Disposition, FindingCode, RULES};

/// One line of a ticket's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub ticket_id: String,
    pub at: String,
    pub kind: String,
    pub detail: String,
}

/// The history of every ticket, oldest first within each ticket.
pub async fn load_events(db: &Db) -> Result<Vec<Event>, DbError> {
    let rows: Vec<(String, String, String, String)> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT ticket_id, at, kind, detail FROM ticket_events
             WHERE kind IN ('screened', 'approve', 'deny', 'ask') ORDER BY ticket_id, id",
        )
        .fetch_all(pool)
        .await
    })?;
    Ok(rows.into_iter().map(|(ticket_id, at, kind, detail)| Event { ticket_id, at, kind, detail }).collect())
}

/// Pairs each clerk decision at or after `since` with the screening before it. An
/// approval says nothing was missing; an ask names what was (the rules' wording maps
/// back to findings); a denial refuses the request, as a flag would. What the clerk
/// cannot express (informational findings, the reason behind a denial) is taken from
/// accessd's side, so it counts neither for nor against it.
pub fn pair(events: &[Event], since: Option<DateTime<Utc>>) -> Vec<Compared> {
    let mut out = Vec::new();
    let mut screened: Option<(&str, Verdict)> = None;
    for e in events {
        if screened.as_ref().is_some_and(|(t, _)| *t != e.ticket_id) {
            screened = None;
        }
        if e.kind == "screened" {
            screened = screened_verdict(&e.detail).map(|v| (e.ticket_id.as_str(), v));
            continue;
        }
        let Some((_, accessd)) = &screened else { continue };
        if since.is_some_and(|s| parse_timestamp(&e.at).is_none_or(|at| at < s)) {
            continue;
        }
        if let Some(clerk) = clerk_verdict(e, accessd) {
            out.push(Compared {
                id: format!("{} ({} {})", e.ticket_id, e.kind, e.at),
                accessd: accessd.clone(),
                clerk,
            });
        }
    }
    out
}

/// `ready_for_review (name_change_proof_attached, …)` as the worker records it.
fn screened_verdict(detail: &str) -> Option<Verdict> {
    let (disposition, rest) = detail.split_once(' ').unwrap_or((detail, ""));
    let disposition: Disposition = serde_json::from_value(serde_json::Value::String(disposition.into())).ok()?;
    let findings = rest
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(", ")
        .filter_map(|c| serde_json::from_value(serde_json::Value::String(c.trim().into())).ok())
        .collect();
    Some(Verdict { disposition, findings, result: None })
}

fn clerk_verdict(e: &Event, accessd: &Verdict) -> Option<Verdict> {
    let informational: BTreeSet<FindingCode> =
        accessd.findings.iter().copied().filter(|c| c.rule().effect == Effect::Informational).collect();
    // The detail is `clerk: what they chose`.
    let chosen = e.detail.split_once(": ").map_or("", |(_, d)| d);
    let (disposition, mut findings) = match e.kind.as_str() {
        "approve" => (Disposition::ReadyForReview, BTreeSet::new()),
        "ask" => (Disposition::NeedsInformation, asked_findings(chosen)),
        "deny" => (Disposition::Flagged, accessd.findings.clone()),
        _ => return None,
    };
    findings.extend(informational);
    Some(Verdict { disposition, findings, result: None })
}

/// The findings whose request to the party the clerk ticked.
fn asked_findings(items: &str) -> BTreeSet<FindingCode> {
    let items: Vec<&str> = items.split("; ").map(str::trim).collect();
    RULES.iter().filter(|r| !r.asks_party.is_empty() && items.contains(&r.asks_party)).map(|r| r.code).collect()
}
