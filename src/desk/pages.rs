//! The desk's pages, rendered on the server with maud (escaped by construction).

use maud::{html, Markup, DOCTYPE};

use super::clerks::{Role, Session};
use super::QueueQuery;
use crate::audit::AuditEvent;
use crate::db::{Db, DbError};
use crate::on_pool;
use crate::screening::RULES;
use crate::tickets::store::TicketDetail;

pub const CSS: &str = "body{font:16px/1.4 system-ui,sans-serif;margin:0;color:#1b1b1b}
header{background:#12355b;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center}
header a{color:#fff}main{padding:1rem;max-width:1300px}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
nav.tabs a{margin-right:1rem;padding:.3rem .6rem;border:1px solid #12355b;border-radius:4px;text-decoration:none}
nav.tabs a.on{background:#12355b;color:#fff}.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
section{border:1px solid #ccc;border-radius:4px;padding:.5rem 1rem;margin-bottom:1rem}
.notes{border-left:4px solid #8a5300;padding-left:.75rem}.flag{color:#9b1c1c}.need{color:#8a5300}.ok{color:#1d6b2f}img.doc{max-width:100%;border:1px solid #999}
pre{white-space:pre-wrap;font-size:13px;background:#f6f6f6;padding:.5rem}table.read{width:auto;margin-bottom:.5rem}
button{font-size:1rem;padding:.3rem .8rem;margin:.2rem}:focus{outline:3px solid #f0b400}";

pub(super) fn layout(title: &str, session: Option<&Session>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — accessd" }
                link rel="stylesheet" href="/static/desk.css";
            }
            body {
                header {
                    strong { "E-Services access requests" }
                    @if let Some(s) = session {
                        a href="/queue" { "Queue" }
                        a href="/export/approved.csv" { "Approved access (CSV)" }
                        @if s.clerk.role == Role::Admin {
                            a href="/admin/clerks" { "Clerks" }
                            a href="/admin/templates" { "Reply templates" }
                        }
                        span { "Signed in as " (s.clerk.name) " (" (s.clerk.role.as_str()) ")" }
                        form method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(s.csrf);
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

pub fn login(error: Option<&str>) -> Markup {
    layout(
        "Sign in",
        None,
        html! {
            h1 { "Sign in" }
            @if let Some(e) = error { p.flag role="alert" { (e) } }
            form method="post" action="/login" {
                p { label { "Name " input name="name" autocomplete="username" required autofocus; } }
                p { label { "Password " input name="password" type="password" autocomplete="current-password" required; } }
                button type="submit" { "Sign in" }
            }
        },
    )
}

/// Queue tabs: label, states.
const TABS: &[(&str, &str, &[&str])] = &[
    ("ready", "Ready for review", &["ready_for_review"]),
    ("flagged", "Flagged", &["flagged"]),
    ("awaiting", "Awaiting party", &["awaiting_party"]),
    ("decided", "Decided", &["approved", "denied", "withdrawn"]),
    ("ignored", "Automatic mail", &["ignored"]),
];

const PAGE: i64 = 100;

pub async fn queue(db: &Db, session: &Session, query: &QueueQuery) -> Result<Markup, DbError> {
    let tab = TABS.iter().find(|t| Some(t.0) == query.tab.as_deref()).unwrap_or(&TABS[0]);
    let counts: Vec<(String, i64)> = on_pool!(db, |pool| {
        sqlx::query_as("SELECT state, COUNT(*) FROM tickets GROUP BY state").fetch_all(pool).await?
    });
    let count =
        |states: &[&str]| counts.iter().filter(|(s, _)| states.contains(&s.as_str())).map(|(_, n)| n).sum::<i64>();
    let search = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let like = search.map(|q| format!("%{}%", q.to_lowercase().replace(['%', '_'], "")));
    let page = i64::from(query.page.unwrap_or(0));
    type Row = (String, String, Option<String>, Option<String>, String, Option<String>, String);
    let rows: Vec<Row> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT ticket_id, state, docket_number, user_id, subject, assignee, created_at FROM tickets
             WHERE state IN ($1, $2, $3)
               AND ($4 IS NULL OR LOWER(ticket_id) LIKE $4 OR LOWER(COALESCE(docket_number, '')) LIKE $4
                    OR LOWER(COALESCE(user_id, '')) LIKE $4 OR LOWER(screening) LIKE $4)
             ORDER BY created_at, ticket_id LIMIT $5 OFFSET $6",
        )
        .bind(tab.2[0])
        .bind(tab.2.get(1).copied().unwrap_or(tab.2[0]))
        .bind(tab.2.get(2).copied().unwrap_or(tab.2[0]))
        .bind(&like)
        .bind(PAGE)
        .bind(page * PAGE)
        .fetch_all(pool)
        .await?
    });
    Ok(layout(
        "Queue",
        Some(session),
        html! {
            h1 { "Queue" }
            nav.tabs aria-label="Queues" {
                @for (key, label, states) in TABS {
                    a class=[(key == &tab.0).then_some("on")] href={ "/queue?tab=" (key) } { (label) " (" (count(states)) ")" }
                }
            }
            form method="get" action="/queue" role="search" {
                input type="hidden" name="tab" value=(tab.0);
                label { "Search docket, User ID, name or ticket " input name="q" value=[search]; }
                button type="submit" { "Search" }
            }
            table {
                thead { tr { th { "Ticket" } th { "State" } th { "Docket" } th { "User ID" } th { "Subject" } th { "Assigned" } th { "Received" } } }
                tbody {
                    @for (id, state, docket, user, subject, assignee, created) in &rows {
                        tr {
                            td { a href={ "/tickets/" (id) } { (id) } }
                            td { (state.replace('_', " ")) }
                            td { (docket.as_deref().unwrap_or("—")) }
                            td { (user.as_deref().unwrap_or("—")) }
                            td { (subject) }
                            td { (assignee.as_deref().unwrap_or("")) }
                            td { (created.get(..16).unwrap_or(created).replace('T', " ")) }
                        }
                    }
                }
            }
            @if rows.len() as i64 == PAGE {
                p { a href={ "/queue?tab=" (tab.0) "&page=" (page + 1) } { "Next page" } }
            }
        },
    ))
}

fn meaning(code: &str) -> &'static str {
    RULES.iter().find(|r| r.code.as_str() == code).map_or("", |r| r.meaning)
}

fn asks() -> impl Iterator<Item = &'static str> {
    RULES.iter().filter(|r| !r.asks_party.is_empty()).map(|r| r.asks_party)
}

pub fn ticket(session: &Session, t: &TicketDetail, audit: &[AuditEvent], deny_reasons: &[String]) -> Markup {
    let s = &t.screening;
    let dir = &s["directory"];
    let json = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let message_row = t.messages.iter().find(|m| m.status == "screened").map(|m| m.row);
    layout(
        &t.summary.ticket_id,
        Some(session),
        html! {
            h1 { (t.summary.ticket_id) " — " (t.summary.state.replace('_', " ")) }
            p { "Subject: " (t.subject) }
            @if t.summary.reply_failed { p.flag role="alert" { "A reply to the party could not be delivered." } }
            @if let Some(notes) = s["clerk_notes"].as_array().filter(|n| !n.is_empty()) {
                section.notes aria-labelledby="clerk-notes" {
                    h2 #clerk-notes { "Check by eye" }
                    ul { @for n in notes { li { (n.as_str().unwrap_or("")) } } }
                }
            }
            section {
                h2 { "Findings" }
                @if s["finding_details"].as_array().is_none_or(|f| f.is_empty()) { p.ok { "Nothing to report: everything checked agrees." } }
                ul {
                    @for f in s["finding_details"].as_array().into_iter().flatten() {
                        @let code = f["code"].as_str().unwrap_or("");
                        li { strong { (code.replace('_', " ")) } ": " (meaning(code)) @if let Some(d) = f["detail"].as_str().filter(|d| !d.is_empty()) { " — " em { (d) } } }
                    }
                }
            }
            div.cols {
                section {
                    h2 { "What the party stated" }
                    table {
                        tr { th { "Name" } td { (s["fields"]["name"].as_str().unwrap_or("—")) } }
                        tr { th { "User ID" } td { (s["fields"]["user_id"].as_str().unwrap_or("—")) } }
                        tr { th { "Case name" } td { (s["fields"]["case_name"].as_str().unwrap_or("—")) } }
                        tr { th { "Docket" } td { (s["fields"]["docket_number"].as_str().unwrap_or("—")) } }
                        tr { th { "From" } td { (t.party_address.as_deref().unwrap_or("—")) } }
                        tr { th { "Sender matches account" } td { (if s["sender_matches_account"].as_bool() == Some(true) { "yes" } else { "no" }) } }
                        tr { th { "Sender authenticated" } td { (if s["sender_authenticated"].as_bool() == Some(true) { "yes" } else { "no" }) } }
                    }
                }
                section {
                    h2 { "The directory" }
                    table {
                        tr { th { "Account" } td { (dir["account"]["full_name"].as_str().unwrap_or("—")) " · " (dir["account"]["email"].as_str().unwrap_or("")) } }
                        tr { th { "Case" } td { (dir["case"]["case_name"].as_str().unwrap_or("—")) } }
                        tr { th { "Party" } td { (dir["party"]["party_name"].as_str().unwrap_or("—")) " " (dir["party"]["role"].as_str().unwrap_or("")) } }
                        tr { th { "Pending request" } td { (dir["request"]["request_id"].as_str().unwrap_or("—")) } }
                    }
                }
            }
            section {
                h2 { "Sender evidence" }
                pre { (json(&s["sender"])) }
            }
            section {
                h2 { "Documents" }
                @for (i, d) in s["document_evidence"].as_array().into_iter().flatten().enumerate() {
                    @let summary = &s["documents"][i];
                    h3 { (d["filename"].as_str().unwrap_or("(no name)")) }
                    p { "Kind: " (summary["kind"].as_str().unwrap_or("not read")) " · ID type: " (summary["id_type"].as_str().unwrap_or("—"))
                        " · name on ID: " (summary["name_on_id"].as_str().unwrap_or("—")) " · expires: " (summary["expires"].as_str().unwrap_or("—"))
                        " · legible: " (summary["legible"].as_bool().map_or("—", |l| if l { "yes" } else { "no" })) }
                    @if let Some(row) = message_row {
                        a href={ "/tickets/" (t.summary.ticket_id) "/documents/" (row) "/" (i) } target="_blank" {
                            img.doc src={ "/tickets/" (t.summary.ticket_id) "/documents/" (row) "/" (i) } alt={ "Document " (i + 1) " (open full size)" };
                        }
                    }
                    (super::evidence::what_was_read(&d["evidence"]))
                }
            }
            section {
                h2 { "Decide" }
                form method="post" action={ "/tickets/" (t.summary.ticket_id) "/actions" } {
                    input type="hidden" name="csrf" value=(session.csrf);
                    input type="hidden" name="version" value=(t.summary.updated_at);
                    p { button name="action" value="approve" { "Approve" } button name="action" value="assign" { "Assign to me" } button name="action" value="withdraw" { "Withdraw" } }
                    p { label { "Reason for denial " select name="reason" { option value="" { "— choose —" } @for r in deny_reasons { option value=(r) { (r) } } } } button name="action" value="deny" { "Deny" } }
                    fieldset { legend { "Ask the party for" }
                        @for a in asks() { label { input type="checkbox" name="items" value=(a); " " (a) } br; }
                        button name="action" value="ask" { "Ask the party" }
                    }
                    p { label { "Internal note " textarea name="text" rows="2" cols="60" {} } button name="action" value="note" { "Add note" } }
                }
            }
            section {
                h2 { "History" }
                table { @for e in &t.events { tr { td { (e.at.get(..19).unwrap_or(&e.at).replace('T', " ")) } td { (e.kind.replace('_', " ")) } td { (e.detail) } } } }
                h3 { "Replies" }
                table { @for r in &t.replies { tr { td { (r.kind.replace('_', " ")) } td { (r.recipient) } td { (r.state) } td { (r.attempts) " attempt(s)" } } } }
                h3 { "Audit" }
                table { @for e in audit { tr { td { (e.at.get(..19).unwrap_or(&e.at).replace('T', " ")) } td { (e.clerk) } td { (e.action) } td { (e.detail) } } } }
            }
        },
    )
}
