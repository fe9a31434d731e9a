//! What E-Services needs to grant access: one row per approval.

use std::borrow::Cow;

use crate::db::{timestamp, Db, DbError};
use crate::domain::Since;
use crate::on_pool;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedAccess {
    pub ticket_id: String,
    pub user_id: Option<String>,
    pub docket_number: Option<String>,
    pub party_name: Option<String>,
    pub request_id: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
}

/// Approvals at or after `since`, oldest first. An approval later reversed is left out.
pub async fn approved(db: &Db, since: Option<Since>) -> Result<Vec<ApprovedAccess>, DbError> {
    // Stored times are all written by `timestamp` (UTC, fixed width), so comparing the
    // text compares the times.
    let since = since.map(|s| timestamp(s.at()));
    type Row = (String, Option<String>, Option<String>, Option<String>, Option<String>, String, String);
    let rows: Vec<Row> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT d.ticket_id, d.user_id, d.docket_number, d.party_name, d.request_id, d.clerk, d.at
             FROM decisions d JOIN tickets t ON t.ticket_id = d.ticket_id
             WHERE d.decision = 'approved' AND t.state = 'approved' AND ($1 IS NULL OR d.at >= $1)
               AND d.id = (SELECT MAX(id) FROM decisions WHERE ticket_id = d.ticket_id)
             ORDER BY d.at",
        )
        .bind(&since)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(ticket_id, user_id, docket_number, party_name, request_id, decided_by, decided_at)| ApprovedAccess {
            ticket_id,
            user_id,
            docket_number,
            party_name,
            request_id,
            decided_by,
            decided_at,
        })
        .collect())
}

/// The columns, in order.
const HEADER: [&str; 7] =
    ["ticket_id", "user_id", "docket_number", "party_name", "request_id", "decided_by", "decided_at"];

/// The rows as CSV for a spreadsheet, every cell safe to open (see `spreadsheet_safe`).
pub fn to_csv(rows: &[ApprovedAccess]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing strings into memory cannot fail.
    w.write_record(HEADER).expect("CSV of strings");
    for row in rows {
        let cells = [
            Some(&row.ticket_id),
            row.user_id.as_ref(),
            row.docket_number.as_ref(),
            row.party_name.as_ref(),
            row.request_id.as_ref(),
            Some(&row.decided_by),
            Some(&row.decided_at),
        ]
        .map(|cell| spreadsheet_safe(cell.map_or("", String::as_str)));
        w.write_record(cells.iter().map(|c| c.as_ref())).expect("CSV of strings");
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a
/// tab or a carriage return: a user ID the party wrote as `=HYPERLINK(…)` or `-2+3`)
/// is written behind a `'`, which shows it as the text it is (OWASP, CSV injection).
fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approval(user_id: &str, party_name: &str) -> ApprovedAccess {
        ApprovedAccess {
            ticket_id: "EA-2026-000001".into(),
            user_id: Some(user_id.into()),
            docket_number: Some("HHD-CV17-5022125-S".into()),
            party_name: Some(party_name.into()),
            request_id: None,
            decided_by: "clerk1".into(),
            decided_at: "2026-12-04T19:30:00.000000Z".into(),
        }
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        let table = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+1", "'+1+1"),
            ("-A1", "'-A1"),
            ("-2-cmd", "'-2-cmd"),
            ("@A1", "'@A1"),
            ("\tA1", "'\tA1"),
            ("\rA1", "'\rA1"),
            ("jdoe", "jdoe"),
            ("j-doe=1", "j-doe=1"),
            ("", ""),
        ];
        for (stated, written) in table {
            let csv = to_csv(&[approval(stated, "Jane Doe")]);
            let mut reader = csv::Reader::from_reader(csv.as_bytes());
            let row = reader.records().next().unwrap().unwrap();
            assert_eq!(&row[1], written, "{stated:?}");
            assert_eq!(&row[3], "Jane Doe");
        }
    }

    #[test]
    fn the_header_is_written_with_or_without_rows() {
        assert_eq!(to_csv(&[]).lines().next(), Some(HEADER.join(",").as_str()));
        assert_eq!(to_csv(&[approval("jdoe", "Jane Doe")]).lines().next(), Some(HEADER.join(",").as_str()));
    }
}
