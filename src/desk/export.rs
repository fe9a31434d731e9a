//! What E-Services needs to grant access: one row per approval.

use serde::Serialize;

use crate::db::{Db, DbError};
use crate::on_pool;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovedAccess {
    pub ticket_id: String,
    pub user_id: Option<String>,
    pub docket_number: Option<String>,
    pub party_name: Option<String>,
    pub request_id: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
}

/// Approvals since `since` (an RFC 3339 time or a date), oldest first. An approval
/// later reversed is left out.
pub async fn approved(db: &Db, since: Option<&str>) -> Result<Vec<ApprovedAccess>, DbError> {
    type Row = (String, Option<String>, Option<String>, Option<String>, Option<String>, String, String);
    let rows: Vec<Row> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT d.ticket_id, d.user_id, d.docket_number, d.party_name, d.request_id, d.clerk, d.at
             FROM decisions d JOIN tickets t ON t.ticket_id = d.ticket_id
             WHERE d.decision = 'approved' AND t.state = 'approved' AND ($1 IS NULL OR d.at >= $1)
               AND d.id = (SELECT MAX(id) FROM decisions WHERE ticket_id = d.ticket_id)
             ORDER BY d.at",
        )
        .bind(since)
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

pub fn to_csv(rows: &[ApprovedAccess]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Serialising plain strings into memory cannot fail.
        w.serialize(row).expect("CSV of strings");
    }
    if rows.is_empty() {
        w.write_record([
            "ticket_id",
            "user_id",
            "docket_number",
            "party_name",
            "request_id",
            "decided_by",
            "decided_at",
        ])
        .expect("CSV of strings");
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
