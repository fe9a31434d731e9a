//! The clerk desk: a small server-rendered web application served by `accessd run`
//! (axum + maud, no JavaScript). Clerks sign in, work the queue of tickets, read each
//! ticket beside the directory rows it was checked against, and decide. A JSON API under
//! `/api` mirrors the actions with the same sessions. Administrators manage the clerks
//! under `/admin`. Behind the court's reverse proxy, its sign-on may stand in for the
//! password (`sso`).

pub mod actions;
mod admin;
pub mod clerks;
mod evidence;
pub mod export;
mod pages;
pub mod sso;
pub mod webhook;

use std::sync::Arc;

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use crate::config::Settings;
use crate::db::Db;
use crate::domain::Since;
use crate::identity::decode::DecodeLimits;
use crate::tickets::store::ReplyPolicy;
use actions::{Action, ActionError, ActionRequest};
use clerks::{LoginRefused, Session};

pub const SESSION_COOKIE: &str = "accessd_session";

/// What every request handler shares.
#[derive(Clone)]
pub struct Desk {
    pub db: Db,
    pub replies: ReplyPolicy,
    pub idle: chrono::Duration,
    pub secure_cookie: bool,
    pub deny_reasons: Arc<Vec<String>>,
    pub decode: DecodeLimits,
    pub max_attachment_bytes: u64,
    pub max_parts: usize,
    /// Wakes the reply sender (and the webhook) when a decision queues something.
    pub replies_queued: Arc<tokio::sync::Notify>,
    /// Approvals go to `desk.webhook_url`.
    pub webhook: bool,
    /// `/readyz/mail` fails when the mailbox was not read for this long.
    pub stall: std::time::Duration,
    /// Decrypts stored messages for the document images.
    pub vault: Arc<crate::vault::Vault>,
    /// The court sign-on through the reverse proxy, when `desk.sso_header` is set.
    pub sso: Option<Arc<sso::CourtSso>>,
    /// The reply templates as read at start, for administrators.
    pub templates: Arc<admin::ReplyTemplates>,
}

impl Desk {
    /// The desk, reading stored messages as plaintext; the daemon sets `vault` to its
    /// own when documents are encrypted at rest.
    pub fn new(db: Db, settings: &Settings, replies: ReplyPolicy, replies_queued: Arc<tokio::sync::Notify>) -> Self {
        Self {
            vault: Arc::default(),
            replies_queued,
            webhook: !settings.desk.webhook_url.is_empty(),
            db,
            replies,
            idle: chrono::Duration::minutes(i64::from(settings.desk.session_idle_minutes)),
            secure_cookie: settings.desk.secure_cookie,
            deny_reasons: Arc::new(settings.desk.deny_reasons.clone()),
            decode: crate::screener::reader_settings(settings).decode,
            max_attachment_bytes: settings.screening.max_attachment_bytes,
            max_parts: settings.screening.max_parts,
            stall: std::time::Duration::from_secs(u64::from(settings.daemon.stall_alert_minutes) * 60),
            sso: sso::CourtSso::from_settings(&settings.desk).map(Arc::new),
            templates: Arc::new(admin::ReplyTemplates::read(&settings.replies.templates)),
        }
    }
}

/// Every route that needs a session, as (method, example path), for the security test.
pub const PROTECTED_ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/queue"),
    ("GET", "/tickets/EA-2026-000001"),
    ("GET", "/tickets/EA-2026-000001/documents/1/0"),
    ("POST", "/tickets/EA-2026-000001/actions"),
    ("POST", "/logout"),
    ("GET", "/export/approved.csv"),
    ("GET", "/api/tickets"),
    ("GET", "/api/tickets/EA-2026-000001"),
    ("POST", "/api/tickets/EA-2026-000001/actions"),
    ("GET", "/admin/clerks"),
    ("POST", "/admin/clerks"),
    ("GET", "/admin/templates"),
];

/// The desk's readiness: 200 when the desk can serve clerks (the database answers),
/// else 503, whatever the mail server does; every check as JSON either way.
async fn readyz(State(desk): State<Desk>) -> Response {
    let r = crate::health::judge(&crate::health::observe(&desk.db).await, desk.stall);
    readiness_answer(r.desk_ready(), &r)
}

/// Mail in and out: 200 while the mailbox was read within the alert time and no reply
/// is overdue, else 503 (for monitoring, not for the desk's proxy).
async fn readyz_mail(State(desk): State<Desk>) -> Response {
    let r = crate::health::judge(&crate::health::observe(&desk.db).await, desk.stall);
    readiness_answer(r.mail_flows(), &r)
}

fn readiness_answer(ready: bool, r: &crate::health::Readiness) -> Response {
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let checks: Vec<&crate::health::Check> = r.desk.iter().chain(&r.mail).collect();
    (status, Json(serde_json::json!({ "ready": ready, "checks": checks }))).into_response()
}

/// Prometheus metrics; no personal data, so no session (restrict it at the proxy).
async fn metrics(State(desk): State<Desk>) -> Response {
    // Observing refreshes the outbox backlog gauge.
    crate::health::observe(&desk.db).await;
    let content_type = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    ([(header::CONTENT_TYPE, content_type)], crate::metrics::metrics().render()).into_response()
}

pub fn router(desk: Desk) -> Router {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/readyz/mail", get(readyz_mail))
        .route("/metrics", get(metrics))
        .route("/static/desk.css", get(|| async { ([(header::CONTENT_TYPE, "text/css")], pages::CSS) }))
        .route("/", get(home))
        .route("/queue", get(queue))
        .route("/tickets/{id}", get(ticket))
        .route("/tickets/{id}/documents/{row}/{index}", get(document))
        .route("/tickets/{id}/actions", post(act_form))
        .route("/logout", post(logout))
        .route("/export/approved.csv", get(export_csv))
        .route("/api/tickets", get(api_list))
        .route("/api/tickets/{id}", get(api_ticket))
        .route("/api/tickets/{id}/actions", post(api_act))
        .route("/admin/clerks", get(admin::clerks_page).post(admin::change_clerks))
        .route("/admin/templates", get(admin::templates_page))
        .layer(axum::middleware::from_fn_with_state(desk.clone(), sso::sign_in))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(desk)
}

async fn security_headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::X_FRAME_OPTIONS, "DENY".parse().expect("static"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, "nosniff".parse().expect("static"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self'; form-action 'self'".parse().expect("static"),
    );
    h.insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
    response
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|c| {
        let (name, value) = c.trim().split_once('=')?;
        (name == SESSION_COOKIE).then(|| value.to_string())
    })
}

/// The signed-in clerk, or the response that refuses the request.
async fn require(desk: &Desk, headers: &HeaderMap, api: bool) -> Result<Session, Response> {
    let refused = || {
        if api {
            (StatusCode::UNAUTHORIZED, "sign in first").into_response()
        } else {
            Redirect::to("/login").into_response()
        }
    };
    let Some(token) = cookie_token(headers) else { return Err(refused()) };
    match clerks::session(&desk.db, &token, desk.idle, Utc::now()).await {
        Ok(Some(session)) => Ok(session),
        Ok(None) => Err(refused()),
        Err(e) => Err(server_error(e)),
    }
}

/// The session cookie for `token`.
fn session_cookie(desk: &Desk, token: &str) -> String {
    let secure = if desk.secure_cookie { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

fn server_error(e: impl std::fmt::Display) -> Response {
    tracing::warn!(error = %e, "desk request failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "accessd could not complete this request; the error is in its log")
        .into_response()
}

/// Compares tokens in time independent of where they differ.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn home(State(desk): State<Desk>, headers: HeaderMap) -> Response {
    match require(&desk, &headers, false).await {
        Ok(_) => Redirect::to("/queue").into_response(),
        Err(r) => r,
    }
}

#[derive(Deserialize)]
struct LoginForm {
    name: String,
    password: String,
}

/// The sign-in form, unless the request is signed in already (as the court sign-on
/// does for every request it passes).
async fn login_page(State(desk): State<Desk>, headers: HeaderMap) -> Response {
    match require(&desk, &headers, false).await {
        Ok(_) => Redirect::to("/queue").into_response(),
        Err(_) => pages::login(None).into_response(),
    }
}

async fn login(State(desk): State<Desk>, Form(form): Form<LoginForm>) -> Response {
    match clerks::login(&desk.db, form.name.trim(), &form.password, Utc::now()).await {
        Ok(Ok(session)) => {
            tracing::info!(clerk = %session.clerk.name, "clerk signed in");
            ([(header::SET_COOKIE, session_cookie(&desk, &session.token))], Redirect::to("/queue")).into_response()
        }
        Ok(Err(LoginRefused::Invalid)) => {
            (StatusCode::UNAUTHORIZED, pages::login(Some("The name or password is not right."))).into_response()
        }
        Ok(Err(LoginRefused::Throttled)) => (
            StatusCode::TOO_MANY_REQUESTS,
            pages::login(Some("Too many attempts. Wait 15 minutes, or ask an administrator to reset your password.")),
        )
            .into_response(),
        Err(e) => server_error(e),
    }
}

/// The fields of a posted form, read only after the session is checked, so a request
/// without a session is refused the same way whatever its body.
fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field(fields: &[(String, String)], name: &str) -> String {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

async fn logout(State(desk): State<Desk>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let session = match require(&desk, &headers, false).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !same_token(&field(&form_fields(&body), "csrf"), &session.csrf) {
        return (StatusCode::FORBIDDEN, "the form was stale; reload the page").into_response();
    }
    if let Some(token) = cookie_token(&headers) {
        let _ = clerks::logout(&desk.db, &token).await;
    }
    let cookie = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response()
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    pub tab: Option<String>,
    pub q: Option<String>,
    pub page: Option<u32>,
}

async fn queue(State(desk): State<Desk>, headers: HeaderMap, Query(query): Query<QueueQuery>) -> Response {
    let session = match require(&desk, &headers, false).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match pages::queue(&desk.db, &session, &query).await {
        Ok(page) => page.into_response(),
        Err(e) => server_error(e),
    }
}

async fn ticket(State(desk): State<Desk>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let session = match require(&desk, &headers, false).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match crate::tickets::store::show(&desk.db, &id).await {
        Ok(Some(t)) => match crate::audit::events(&desk.db, Some(&id)).await {
            Ok(audit) => pages::ticket(&session, &t, &audit, &desk.deny_reasons).into_response(),
            Err(e) => server_error(e),
        },
        Ok(None) => (StatusCode::NOT_FOUND, "no such ticket").into_response(),
        Err(e) => server_error(e),
    }
}

/// One attached document as an upright PNG (HEIC and PDF included).
async fn document(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Path((id, row, index)): Path<(String, i64, usize)>,
) -> Response {
    if let Err(r) = require(&desk, &headers, false).await {
        return r;
    }
    let raw = match crate::ledger::ticket_message(&desk.db, &desk.vault, &id, row).await {
        Ok(raw) => raw,
        Err(e) => return server_error(e),
    };
    let Some(raw) = raw else {
        return (StatusCode::NOT_FOUND, "no such document, or it was purged after the decision").into_response();
    };
    let limits = crate::intake::IntakeLimits { max_message_bytes: u64::MAX, max_parts: desk.max_parts };
    let decode = desk.decode;
    let max_bytes = desk.max_attachment_bytes;
    let png = tokio::task::spawn_blocking(move || -> Option<Vec<u8>> {
        let message = crate::intake::parse(&raw, limits).ok()?;
        let attachment = message.attachments.get(index)?;
        if attachment.bytes.len() as u64 > max_bytes {
            return None;
        }
        let format = crate::documents::FileFormat::sniff(&attachment.bytes)?;
        let page = crate::identity::decode::decode(format, &attachment.bytes, &decode).ok()?.into_iter().next()?;
        let mut out = Vec::new();
        page.image.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).ok()?;
        Some(out)
    })
    .await
    .ok()
    .flatten();
    match png {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        None => (StatusCode::NOT_FOUND, "this document cannot be shown as a picture").into_response(),
    }
}

/// The action form: one submit button per action, fields for reasons and items.
struct ActionForm {
    csrf: String,
    action: String,
    reason: String,
    items: Vec<String>,
    text: String,
    /// The ticket's version when the page was drawn.
    version: String,
}

impl ActionForm {
    fn action(&self) -> Option<Action> {
        Some(match self.action.as_str() {
            "approve" => Action::Approve,
            "deny" => Action::Deny { reason: self.reason.clone() },
            "ask" => Action::Ask { items: self.items.clone() },
            "note" => Action::Note { text: self.text.clone() },
            "withdraw" => Action::Withdraw,
            "assign" => Action::AssignToMe,
            _ => return None,
        })
    }
}

async fn act_form(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let session = match require(&desk, &headers, false).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    // `items` repeats (one per checkbox), so the pairs are read by hand.
    let pairs = form_fields(&body);
    let form = ActionForm {
        csrf: field(&pairs, "csrf"),
        action: field(&pairs, "action"),
        reason: field(&pairs, "reason"),
        items: pairs.iter().filter(|(k, _)| k == "items").map(|(_, v)| v.clone()).collect(),
        text: field(&pairs, "text"),
        version: field(&pairs, "version"),
    };
    if !same_token(&form.csrf, &session.csrf) {
        return (StatusCode::FORBIDDEN, "the form was stale or forged; reload the ticket and try again")
            .into_response();
    }
    let Some(action) = form.action() else { return (StatusCode::BAD_REQUEST, "unknown action").into_response() };
    let request = ActionRequest { action, version: Some(form.version.clone()).filter(|v| !v.is_empty()) };
    match actions::act(&desk.db, &desk.replies, &session.clerk, &id, &request, desk.webhook, Utc::now()).await {
        Ok(_) => {
            desk.replies_queued.notify_one();
            Redirect::to(&format!("/tickets/{id}")).into_response()
        }
        Err(e) => action_error(e),
    }
}

fn action_error(e: ActionError) -> Response {
    match e {
        ActionError::NoTicket(_) => (StatusCode::NOT_FOUND, e.to_string()).into_response(),
        ActionError::NeedsSupervisor { .. } => (StatusCode::FORBIDDEN, e.to_string()).into_response(),
        ActionError::Conflict { .. } => (StatusCode::CONFLICT, e.to_string()).into_response(),
        ActionError::NotARequest { .. } | ActionError::Incomplete(_) => {
            (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response()
        }
        ActionError::Db(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct SinceQuery {
    since: Option<String>,
}

async fn export_csv(State(desk): State<Desk>, headers: HeaderMap, Query(q): Query<SinceQuery>) -> Response {
    if let Err(r) = require(&desk, &headers, false).await {
        return r;
    }
    let since = match q.since.as_deref().map(Since::parse).transpose() {
        Ok(since) => since,
        Err(bad) => return (StatusCode::BAD_REQUEST, bad.to_string()).into_response(),
    };
    match export::approved(&desk.db, since).await {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"approved-access.csv\""),
            ],
            export::to_csv(&rows),
        )
            .into_response(),
        Err(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct ListQuery {
    state: Option<String>,
}

async fn api_list(State(desk): State<Desk>, headers: HeaderMap, Query(q): Query<ListQuery>) -> Response {
    if let Err(r) = require(&desk, &headers, true).await {
        return r;
    }
    let state = match q.state.as_deref().map(str::parse).transpose() {
        Ok(s) => s,
        Err(e) => return (StatusCode::BAD_REQUEST, e).into_response(),
    };
    match crate::tickets::store::list(&desk.db, state, 500).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => server_error(e),
    }
}

async fn api_ticket(State(desk): State<Desk>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = require(&desk, &headers, true).await {
        return r;
    }
    match crate::tickets::store::show(&desk.db, &id).await {
        Ok(Some(t)) => Json(t).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "no such ticket").into_response(),
        Err(e) => server_error(e),
    }
}

/// `POST /api/tickets/{id}/actions` with a JSON action and the session's CSRF token in
/// `X-CSRF-Token` (the desk pages show it to signed-in clerks' scripts).
async fn api_act(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let session = match require(&desk, &headers, true).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let csrf = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !same_token(csrf, &session.csrf) {
        return (StatusCode::FORBIDDEN, "missing or wrong X-CSRF-Token").into_response();
    }
    let request: ActionRequest = match serde_json::from_slice(&body) {
        Ok(a) => a,
        Err(e) => return (StatusCode::BAD_REQUEST, format!("the action is not understood: {e}")).into_response(),
    };
    match actions::act(&desk.db, &desk.replies, &session.clerk, &id, &request, desk.webhook, Utc::now()).await {
        Ok(state) => {
            desk.replies_queued.notify_one();
            Json(serde_json::json!({"ticket_id": id, "state": state})).into_response()
        }
        Err(e) => action_error(e),
    }
}
