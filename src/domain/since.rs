//! `since`: where a report or an export starts, as the clerk or the operator writes it.

use chrono::{DateTime, NaiveDate, Utc};

/// A moment in UTC, parsed from a date (its start, UTC) or an RFC 3339 time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Since(DateTime<Utc>);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a time: give a date such as 2026-11-01 or an RFC 3339 time such as 2026-11-01T09:00:00-05:00")]
pub struct BadSince(pub String);

impl Since {
    pub fn parse(s: &str) -> Result<Self, BadSince> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Self(t.with_timezone(&Utc)));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| Self(t.and_utc()))
            .ok_or_else(|| BadSince(s.to_string()))
    }

    pub fn at(self) -> DateTime<Utc> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_with_offsets_are_read_as_utc() {
        let table = [
            ("2026-11-04", Some("2026-11-04T00:00:00+00:00")),
            (" 2026-11-04T06:00:00+01:00 ", Some("2026-11-04T05:00:00+00:00")),
            ("2026-12-04T20:30:00Z", Some("2026-12-04T20:30:00+00:00")),
            ("12/31/2099", None),
            ("2026-13-01", None),
            ("yesterday", None),
            ("", None),
        ];
        for (written, want) in table {
            assert_eq!(Since::parse(written).ok().map(|s| s.at().to_rfc3339()).as_deref(), want, "{written:?}");
        }
    }
}
