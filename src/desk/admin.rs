//! Administration, for the admin role only: the clerk accounts (add, change role,
//! deactivate, reactivate, each with its audit event) and the reply templates in use.

use std::path::{Path, PathBuf};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{html, Markup};

use super::clerks::{self, AccountChange, ClerkAccount, ClerkError, Role, Session};
use super::pages::layout;
use super::{field, form_fields, require, same_token, server_error, Desk};
use crate::replies::ReplyKind;

/// The reply templates as read when accessd started: the daemon loaded and checked
/// the same files then, so these are the ones in use.
#[derive(Debug, Clone)]
pub struct ReplyTemplates {
    dir: PathBuf,
    texts: Vec<(ReplyKind, String)>,
}

impl ReplyTemplates {
    /// Reads `{kind}.txt` in `dir`, the files `replies::Templates::load` reads.
    pub fn read(dir: &Path) -> Self {
        let texts = ReplyKind::ALL
            .into_iter()
            .map(|kind| {
                let path = dir.join(format!("{}.txt", kind.as_str()));
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| format!("(cannot be read: {e})"));
                (kind, text)
            })
            .collect();
        Self { dir: dir.to_path_buf(), texts }
    }
}

/// When each reply goes out.
fn sent_when(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Acknowledgement => "On receipt, when the request is complete: a clerk will review it.",
        ReplyKind::NeedsInformation => "On receipt, or when a clerk asks: lists what is missing or unreadable.",
        ReplyKind::Flagged => "On receipt, when a member of staff must look at it (it says nothing of why).",
        ReplyKind::Approved => "When a clerk approves the request.",
        ReplyKind::Denied => "When a clerk denies the request, with the reason chosen.",
    }
}

/// The signed-in administrator, or the response that refuses the request.
async fn require_admin(desk: &Desk, headers: &HeaderMap) -> Result<Session, Response> {
    let session = require(desk, headers, false).await?;
    if session.clerk.role != Role::Admin {
        return Err(
            (StatusCode::FORBIDDEN, "Only an administrator may manage clerks and reply templates.").into_response()
        );
    }
    Ok(session)
}

pub(super) async fn clerks_page(State(desk): State<Desk>, headers: HeaderMap) -> Response {
    match require_admin(&desk, &headers).await {
        Ok(session) => clerks_response(&desk, &session, StatusCode::OK, None).await,
        Err(r) => r,
    }
}

async fn clerks_response(desk: &Desk, session: &Session, status: StatusCode, problem: Option<String>) -> Response {
    match clerks::accounts(&desk.db).await {
        Ok(accounts) => (status, clerks_markup(session, &accounts, problem.as_deref())).into_response(),
        Err(e) => server_error(e),
    }
}

/// One form posts every account change; `action` says which.
pub(super) async fn change_clerks(State(desk): State<Desk>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let session = match require_admin(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let fields = form_fields(&body);
    if !same_token(&field(&fields, "csrf"), &session.csrf) {
        return (StatusCode::FORBIDDEN, "the form was stale or forged; reload the page and try again").into_response();
    }
    let name = field(&fields, "name").trim().to_string();
    let role = Role::parse(&field(&fields, "role"));
    let change = match (field(&fields, "action").as_str(), role) {
        ("add", Some(role)) => AccountChange::Add { name, role, password: field(&fields, "password") },
        ("role", Some(role)) => AccountChange::SetRole { name, role },
        ("deactivate", _) => AccountChange::Deactivate { name },
        ("reactivate", _) => AccountChange::Reactivate { name },
        _ => return (StatusCode::BAD_REQUEST, "unknown action or role").into_response(),
    };
    let e = match clerks::change_account(&desk.db, &session.clerk, &change, Utc::now()).await {
        Ok(()) => return Redirect::to("/admin/clerks").into_response(),
        Err(e) => e,
    };
    let status = match e {
        ClerkError::BadName | ClerkError::WeakPassword => StatusCode::UNPROCESSABLE_ENTITY,
        ClerkError::Exists(_) | ClerkError::LastAdmin(_) => StatusCode::CONFLICT,
        ClerkError::NoClerk(_) => StatusCode::NOT_FOUND,
        ClerkError::Hash(_) | ClerkError::Db(_) => return server_error(e),
    };
    clerks_response(&desk, &session, status, Some(e.to_string())).await
}

fn role_options(current: Option<Role>) -> Markup {
    html! {
        @for r in Role::ALL { option value=(r.as_str()) selected[Some(r) == current] { (r.as_str()) } }
    }
}

fn clerks_markup(session: &Session, accounts: &[ClerkAccount], problem: Option<&str>) -> Markup {
    let when = |at: &str| at.get(..16).unwrap_or(at).replace('T', " ");
    layout(
        "Clerks",
        Some(session),
        html! {
            h1 { "Clerks" }
            @if let Some(p) = problem { p.flag role="alert" { (p) } }
            table {
                thead { tr { th { "Name" } th { "Role" } th { "Active" } th { "Last sign-in" } th { "Access" } } }
                tbody {
                    @for a in accounts {
                        tr {
                            td { (a.name) }
                            td {
                                form method="post" action="/admin/clerks" {
                                    input type="hidden" name="csrf" value=(session.csrf);
                                    input type="hidden" name="name" value=(a.name);
                                    select name="role" aria-label={ "Role of " (a.name) } { (role_options(Some(a.role))) }
                                    button name="action" value="role" { "Change role" }
                                }
                            }
                            td { @if a.active { "yes" } @else { span.flag { "deactivated" } } }
                            td { (a.last_login.as_deref().map_or_else(|| "never".to_string(), when)) }
                            td {
                                form method="post" action="/admin/clerks" {
                                    input type="hidden" name="csrf" value=(session.csrf);
                                    input type="hidden" name="name" value=(a.name);
                                    @if a.active {
                                        button name="action" value="deactivate" { "Deactivate" }
                                    } @else {
                                        button name="action" value="reactivate" { "Reactivate" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p { "A deactivated clerk cannot sign in, with a password or through the court sign-on, and their open sessions end at once. Their decisions and audit events keep their name." }
            section {
                h2 { "Add a clerk" }
                form method="post" action="/admin/clerks" {
                    input type="hidden" name="csrf" value=(session.csrf);
                    p { label { "Name " input name="name" required minlength="2" maxlength="64" autocomplete="off"; } }
                    p { label { "Role " select name="role" { (role_options(None)) } } }
                    p { label { "Initial password (at least 12 characters) " input name="password" type="password" required minlength="12" autocomplete="new-password"; } }
                    button name="action" value="add" { "Add clerk" }
                }
            }
        },
    )
}

pub(super) async fn templates_page(State(desk): State<Desk>, headers: HeaderMap) -> Response {
    let session = match require_admin(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = &desk.templates;
    layout(
        "Reply templates",
        Some(&session),
        html! {
            h1 { "Reply templates" }
            p {
                "The replies accessd sends to parties, as read from " code { (t.dir.display()) } " when it started. "
                "They are shown here, not edited: they are configuration files on the server, checked when accessd starts "
                "so that a mistake stops it before it answers anyone. To change one, edit its file there and restart accessd. "
                "Words in braces, such as {ticket} and {docket}, are filled in for each reply."
            }
            @for (kind, text) in &t.texts {
                section {
                    h2 { (kind.as_str().replace('_', " ")) }
                    p { (sent_when(*kind)) " File: " code { (kind.as_str()) ".txt" } }
                    pre { (text) }
                }
            }
        },
    )
    .into_response()
}
