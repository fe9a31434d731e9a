//! Tickets: one per access request, what a clerk works from. A ticket holds the latest
//! screening of everything its party sent, the messages themselves, its history and
//! its replies. `process` turns queued messages into tickets; `store` keeps them.

pub mod process;
pub mod store;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::screening::Disposition;

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// The party was asked for something.
    AwaitingParty,
    ReadyForReview,
    /// A clerk must look first (spoofing, unknown account or docket, …).
    Flagged,
    /// Automatic mail, kept and never answered.
    Ignored,
    Approved,
    Denied,
    Withdrawn,
}

impl TicketState {
    pub const ALL: [TicketState; 7] = [
        TicketState::AwaitingParty,
        TicketState::ReadyForReview,
        TicketState::Flagged,
        TicketState::Ignored,
        TicketState::Approved,
        TicketState::Denied,
        TicketState::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketState::AwaitingParty => "awaiting_party",
            TicketState::ReadyForReview => "ready_for_review",
            TicketState::Flagged => "flagged",
            TicketState::Ignored => "ignored",
            TicketState::Approved => "approved",
            TicketState::Denied => "denied",
            TicketState::Withdrawn => "withdrawn",
        }
    }

    pub fn after_screening(disposition: Disposition) -> Self {
        match disposition {
            Disposition::ReadyForReview => TicketState::ReadyForReview,
            Disposition::NeedsInformation => TicketState::AwaitingParty,
            Disposition::Flagged => TicketState::Flagged,
            Disposition::Ignored => TicketState::Ignored,
        }
    }

    /// Open tickets take follow-ups from their party; decided ones do not.
    pub fn is_open(self) -> bool {
        matches!(self, TicketState::AwaitingParty | TicketState::ReadyForReview | TicketState::Flagged)
    }
}

impl std::str::FromStr for TicketState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TicketState::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| {
            let known: Vec<&str> = TicketState::ALL.iter().map(|t| t.as_str()).collect();
            format!("`{s}` is not a ticket state; use one of {}", known.join(", "))
        })
    }
}

impl std::fmt::Display for TicketState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `EA-2026-000123`.
pub fn format_ticket_id(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:06}")
}

/// The ticket tag in a subject (`[EA-2026-000123]`, or the bare id), if any.
pub fn ticket_tag(subject: &str, prefix: &str) -> Option<String> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([A-Z]{1,8})-(\d{4})-(\d{6})\b").expect("valid"));
    TAG.captures_iter(&subject.to_uppercase())
        .find(|c| &c[1] == prefix)
        .map(|c| format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_ids_and_tags() {
        assert_eq!(format_ticket_id("EA", 2026, 123), "EA-2026-000123");
        assert_eq!(ticket_tag("Re: my request [EA-2026-000123]", "EA").as_deref(), Some("EA-2026-000123"));
        assert_eq!(ticket_tag("RE: ea-2026-000007 ID attached", "EA").as_deref(), Some("EA-2026-000007"));
        assert_eq!(ticket_tag("Docket HHD-CV17-5022125-S", "EA"), None);
        assert_eq!(ticket_tag("[XY-2026-000001]", "EA"), None);
    }

    #[test]
    fn states_round_trip_and_bad_ones_are_explained() {
        for s in TicketState::ALL {
            assert_eq!(s.as_str().parse::<TicketState>().unwrap(), s);
        }
        let err = "open".parse::<TicketState>().unwrap_err();
        assert!(err.contains("awaiting_party"), "{err}");
        assert!(TicketState::after_screening(Disposition::NeedsInformation).is_open());
        assert!(!TicketState::Ignored.is_open());
    }
}
