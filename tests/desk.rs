//! The clerk desk over HTTP (the axum router driven in process): sessions, CSRF,
//! throttling, roles, decisions with their replies and audit events, the export, the
//! court sign-on through a trusted proxy, and the administrators' clerk pages.

mod support;

use std::net::SocketAddr;
use std::path::Path;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

use accessd::config::Settings;
use accessd::db::Db;
use accessd::desk::clerks::Role;
use accessd::ledger::{self, Arrival, Folders};
use accessd::tickets::process::Worker;

const PASSWORD: &str = "a long enough password";

struct Fixture {
    _tmp: tempfile::TempDir,
    db: Db,
    app: Router,
}

fn request(from: &str, n: usize) -> Vec<u8> {
    format!(
        "Authentication-Results: mx.eservices.example; dmarc=pass header.from=party.example\r\n\
         From: Party {n} <{from}>\r\nTo: eservices@eservices.example\r\nSubject: Access request {n}\r\n\
         Message-ID: <desk-{n}@party.example>\r\nDate: Mon, 12 Oct 2026 10:00:00 -0400\r\n\r\n\
         Name: Pat Party\r\nUser ID: pparty{n}\r\n"
    )
    .into_bytes()
}

async fn fixture() -> Fixture {
    fixture_with(&[]).await
}

/// The desk on SQLite with these `ACCESSD__…` settings.
async fn fixture_with(env: &[(&str, &str)]) -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/d.db?mode=rwc", tmp.path().display());
    fixture_on(tmp, url, env).await
}

/// The default settings with these `ACCESSD__…` overrides, or the error message.
fn load_settings(env: Vec<(String, String)>) -> Result<Settings, String> {
    Settings::load_with_env(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"), env)
        .map_err(|e| e.to_string())
}

/// The desk over a database the real worker filled; `url` picks the engine.
async fn fixture_on(tmp: tempfile::TempDir, url: String, env: &[(&str, &str)]) -> Fixture {
    fixture_with_tickets(tmp, url, env, 3).await
}

/// As `fixture_on`, with `tickets` tickets.
async fn fixture_with_tickets(tmp: tempfile::TempDir, url: String, env: &[(&str, &str)], tickets: usize) -> Fixture {
    let mut env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    env.push(("ACCESSD__DATABASE__URL".to_string(), url));
    let settings = load_settings(env).unwrap();
    let db = Db::open(&settings.database).await.unwrap();
    for (name, role) in [("clerk1", Role::Clerk), ("super1", Role::Supervisor), ("admin1", Role::Admin)] {
        accessd::desk::clerks::add(&db, name, role, PASSWORD).await.unwrap();
    }
    // Three tickets, screened by the real worker.
    let folders = Folders::from(&settings.mailbox);
    let arrivals: Vec<Arrival> = (0..tickets)
        .map(|n| {
            let raw = request(&format!("p{n}@party.example"), n);
            Arrival { uid: (n + 1).to_string(), size: raw.len() as u64, raw, refused_for_size: false }
        })
        .collect();
    let rules = ledger::StoreRules { vault: &Default::default(), folders: &folders, max_message_bytes: 1 << 20 };
    ledger::store_arrivals(&db, &rules, "test", 1, &arrivals, chrono::Utc::now()).await.unwrap();
    let replies = accessd::daemon::reply_policy(&settings).unwrap();
    let instance = std::sync::Arc::new(accessd::cluster::Instance::new("desk-test"));
    let worker = Worker::new(db.clone(), &settings, replies.clone(), instance, Default::default());
    let mut screened = 0;
    while screened < tickets {
        let n = worker.run_batch().await.unwrap();
        assert!(n > 0, "the worker stopped after {screened} of {tickets}");
        screened += n;
    }
    let app = accessd::desk::router(accessd::desk::Desk::new(db.clone(), &settings, replies, Default::default()));
    Fixture { _tmp: tmp, db, app }
}

struct Reply {
    status: StatusCode,
    location: Option<String>,
    cookie: Option<String>,
    body: String,
}

async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let location = res.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_string());
    let cookie = res.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_string());
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    Reply { status, location, cookie, body }
}

fn form(uri: &str, cookie: Option<&str>, body: &str) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

fn get(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

/// A request as it reaches the desk from `peer` (what `into_make_service_with_connect_info`
/// records), naming `clerk` in the sign-on header.
fn from_peer(uri: &str, peer: &str, clerk: &str) -> Request<Body> {
    let mut req = Request::get(uri).header("X-Remote-User", clerk).body(Body::empty()).unwrap();
    req.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    req
}

/// Signs in and returns the cookie and the CSRF token from the queue page.
async fn sign_in(app: &Router, name: &str) -> (String, String) {
    let r = send(app, form("/login", None, &format!("name={name}&password={}", PASSWORD.replace(' ', "+")))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let set = r.cookie.unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    let queue = send(app, get("/queue", &cookie)).await;
    assert_eq!(queue.status, StatusCode::OK);
    let csrf = queue.body.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    (cookie, csrf)
}

async fn first_ticket(db: &Db) -> String {
    accessd::tickets::store::list(db, None, 10).await.unwrap().last().unwrap().ticket_id.clone()
}

#[tokio::test]
async fn every_route_needs_a_session() {
    let f = fixture().await;
    for (method, path) in accessd::desk::PROTECTED_ROUTES {
        let req = Request::builder().method(*method).uri(*path).body(Body::empty()).unwrap();
        let r = send(&f.app, req).await;
        let refused = r.status == StatusCode::UNAUTHORIZED
            || (r.status == StatusCode::SEE_OTHER && r.location.as_deref() == Some("/login"));
        assert!(refused, "{method} {path} without a session gave {}", r.status);
        // A made-up session is refused the same way.
        let req = Request::builder()
            .method(*method)
            .uri(*path)
            .header(header::COOKIE, "accessd_session=forged")
            .body(Body::empty())
            .unwrap();
        let r = send(&f.app, req).await;
        assert!(
            r.status == StatusCode::UNAUTHORIZED || r.status == StatusCode::SEE_OTHER,
            "{method} {path} with a forged session gave {}",
            r.status
        );
    }
    for open in ["/login", "/healthz", "/static/desk.css"] {
        assert_eq!(
            send(&f.app, Request::get(open).body(Body::empty()).unwrap()).await.status,
            StatusCode::OK,
            "{open}"
        );
    }
}

#[tokio::test]
async fn wrong_passwords_are_throttled() {
    let f = fixture().await;
    for _ in 0..accessd::desk::clerks::MAX_FAILURES {
        let r = send(&f.app, form("/login", None, "name=clerk1&password=wrong+password+here")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.body.contains("not right"));
    }
    // Even the right password is refused now.
    let r = send(&f.app, form("/login", None, &format!("name=clerk1&password={}", PASSWORD.replace(' ', "+")))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Another clerk is not affected.
    sign_in(&f.app, "super1").await;
}

#[tokio::test]
async fn decisions_need_csrf_follow_roles_reply_and_are_audited() {
    decisions_on(fixture().await).await;
}

/// The daemon's and the desk's tables and queries on PostgreSQL: the worker screens
/// into tickets and the same decisions behave the same.
#[tokio::test]
async fn the_same_on_postgresql() {
    let tmp = tempfile::tempdir().unwrap();
    let url = support::postgres::PostgresServer::shared().fresh_database("desk");
    let f = fixture_on(tmp, url, &[]).await;
    assert_eq!(accessd::tickets::store::list(&f.db, None, 10).await.unwrap().len(), 3);
    decisions_on(f).await;
}

async fn decisions_on(f: Fixture) {
    let (cookie, csrf) = sign_in(&f.app, "clerk1").await;
    let ticket = first_ticket(&f.db).await;
    let page = send(&f.app, get(&format!("/tickets/{ticket}"), &cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Findings") && page.body.contains("The directory"), "{}", page.body);

    let uri = format!("/tickets/{ticket}/actions");
    let r = send(&f.app, form(&uri, Some(&cookie), "action=approve")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a post without the CSRF token");
    let r = send(&f.app, form(&uri, Some(&cookie), "csrf=0000&action=approve")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a post with a wrong CSRF token");
    let r = send(&f.app, form(&uri, Some(&cookie), &format!("csrf={csrf}&action=approve"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let t = accessd::tickets::store::show(&f.db, &ticket).await.unwrap().unwrap();
    assert_eq!(t.summary.state, "approved");
    assert!(t.replies.iter().any(|r| r.kind == "approved" && r.state == "pending"), "{:?}", t.replies);
    let csv = send(&f.app, get("/export/approved.csv", &cookie)).await;
    assert!(csv.body.contains(&ticket) && csv.body.contains("clerk1"), "{}", csv.body);
    // `since` is a time, whatever its offset: an hour before the approval (written at
    // UTC+1) finds it, an hour after does not; what is not a time is refused.
    let at_plus_one = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap()).to_rfc3339().replace('+', "%2B")
    };
    let since = |t| format!("/export/approved.csv?since={}", at_plus_one(t));
    let hour = chrono::Duration::hours(1);
    let csv = send(&f.app, get(&since(chrono::Utc::now() - hour), &cookie)).await;
    assert!(csv.body.contains(&ticket), "{}", csv.body);
    let csv = send(&f.app, get(&since(chrono::Utc::now() + hour), &cookie)).await;
    assert_eq!((csv.status, csv.body.contains(&ticket)), (StatusCode::OK, false), "{}", csv.body);
    let bad = send(&f.app, get("/export/approved.csv?since=12/31/2099", &cookie)).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("not a time"), "{}", bad.body);

    // A clerk cannot reverse a decision; a supervisor can.
    let r = send(&f.app, form(&uri, Some(&cookie), &format!("csrf={csrf}&action=deny&reason=Not+a+party"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let (super_cookie, super_csrf) = sign_in(&f.app, "super1").await;
    let r = send(&f.app, form(&uri, Some(&super_cookie), &format!("csrf={super_csrf}&action=deny&reason=Not+a+party")))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let csv = send(&f.app, get("/export/approved.csv", &cookie)).await;
    assert!(!csv.body.contains(&ticket), "a reversed approval is not exported: {}", csv.body);

    // Ask for information on another ticket, through the JSON API.
    let other = accessd::tickets::store::list(&f.db, None, 10).await.unwrap()[0].ticket_id.clone();
    let api = |csrf: &str| {
        Request::post(format!("/api/tickets/{other}/actions"))
            .header(header::COOKIE, &cookie)
            .header("x-csrf-token", csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"action":"ask","items":["a clear photo or scan of your photo ID"]}"#))
            .unwrap()
    };
    assert_eq!(send(&f.app, api("nope")).await.status, StatusCode::FORBIDDEN);
    let r = send(&f.app, api(&csrf)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("awaiting_party"), "{}", r.body);

    // Three decisions, three audit events, chained; an edit is found.
    assert_eq!(accessd::audit::verify(&f.db).await.unwrap(), Ok(3));
    // Deleting the newest event leaves an intact chain, but shorter than its head says.
    accessd::on_pool!(&f.db, |pool| sqlx::query("DELETE FROM audit_events WHERE id = 3")
        .execute(pool)
        .await
        .unwrap()
        .rows_affected());
    assert_eq!(
        accessd::audit::verify(&f.db).await.unwrap(),
        Err(accessd::audit::ChainBreak::Truncated { events: 2, recorded: 3 })
    );
    accessd::on_pool!(&f.db, |pool| sqlx::query("UPDATE audit_events SET clerk = 'someone' WHERE id = 2")
        .execute(pool)
        .await
        .unwrap()
        .rows_affected());
    assert_eq!(accessd::audit::verify(&f.db).await.unwrap(), Err(accessd::audit::ChainBreak::Edited { id: 2 }));
}

/// Two desks (two instances on one database) approve the same tickets at the same
/// moment: each ticket gets one decision, one audit event and one reply; the slower
/// clerk is told what happened (409).
async fn concurrent_approvals_on(tmp: tempfile::TempDir, url: String, other_url: String) {
    const TICKETS: usize = 12;
    let f = fixture_with_tickets(tmp, url, &[], TICKETS).await;
    let settings = load_settings(vec![("ACCESSD__DATABASE__URL".into(), other_url)]).unwrap();
    let other_db = Db::open(&settings.database).await.unwrap();
    let replies = accessd::daemon::reply_policy(&settings).unwrap();
    let other =
        accessd::desk::router(accessd::desk::Desk::new(other_db.clone(), &settings, replies, Default::default()));
    let (cookie_a, csrf_a) = sign_in(&f.app, "clerk1").await;
    let (cookie_b, csrf_b) = sign_in(&other, "super1").await;
    let approve = |ticket: &str, cookie: &str, csrf: &str| {
        Request::post(format!("/api/tickets/{ticket}/actions"))
            .header(header::COOKIE, cookie)
            .header("x-csrf-token", csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"action":"approve"}"#))
            .unwrap()
    };
    let tickets = accessd::tickets::store::list(&f.db, None, 100).await.unwrap();
    assert_eq!(tickets.len(), TICKETS);
    for t in &tickets {
        let (a, b) = tokio::join!(
            send(&f.app, approve(&t.ticket_id, &cookie_a, &csrf_a)),
            send(&other, approve(&t.ticket_id, &cookie_b, &csrf_b))
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{}: {} / {}", t.ticket_id, a.body, b.body);
        let refused = if a.status == StatusCode::CONFLICT { &a.body } else { &b.body };
        assert!(refused.contains("approve"), "the refusal says what happened: {refused}");
    }
    let count = |sql: &'static str| {
        let db = f.db.clone();
        async move { accessd::on_pool!(&db, |pool| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap()) }
    };
    assert_eq!(count("SELECT COUNT(*) FROM decisions").await, TICKETS as i64);
    assert_eq!(count("SELECT COUNT(*) FROM audit_events WHERE action = 'approve'").await, TICKETS as i64);
    assert_eq!(count("SELECT COUNT(*) FROM outbox WHERE kind = 'approved'").await, TICKETS as i64);
    assert_eq!(count("SELECT COUNT(DISTINCT ticket_id) FROM outbox WHERE kind = 'approved'").await, TICKETS as i64);
    other_db.close().await;
}

#[tokio::test]
async fn concurrent_approvals_decide_each_ticket_once() {
    let tmp = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/d.db?mode=rwc", tmp.path().display());
    concurrent_approvals_on(tmp, url.clone(), url).await;
}

#[tokio::test]
async fn concurrent_approvals_decide_each_ticket_once_on_postgresql() {
    let tmp = tempfile::tempdir().unwrap();
    let url = support::postgres::PostgresServer::shared().fresh_database("desk_race");
    concurrent_approvals_on(tmp, url.clone(), url).await;
}

/// A page drawn before another clerk acted carries the old version: its action is
/// refused instead of deciding on what the clerk did not see.
#[tokio::test]
async fn an_action_from_a_stale_page_is_refused() {
    let f = fixture().await;
    let (cookie, csrf) = sign_in(&f.app, "clerk1").await;
    let ticket = first_ticket(&f.db).await;
    let seen = accessd::tickets::store::show(&f.db, &ticket).await.unwrap().unwrap().summary.updated_at;
    let page = send(&f.app, get(&format!("/tickets/{ticket}"), &cookie)).await;
    assert!(page.body.contains(&format!("name=\"version\" value=\"{seen}\"")), "the form carries the version");
    let uri = format!("/tickets/{ticket}/actions");
    let ask = format!("csrf={csrf}&version={seen}&action=ask&items=your+E-Services+user+ID");
    assert_eq!(send(&f.app, form(&uri, Some(&cookie), &ask)).await.status, StatusCode::SEE_OTHER);
    // The same page's Approve button, after the ask went out.
    let r = send(&f.app, form(&uri, Some(&cookie), &format!("csrf={csrf}&version={seen}&action=approve"))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("awaiting_party") && r.body.contains("ask"), "{}", r.body);
}

#[tokio::test]
async fn the_queue_searches_and_counts() {
    let f = fixture().await;
    let (cookie, _) = sign_in(&f.app, "clerk1").await;
    let ticket = first_ticket(&f.db).await;
    let state = accessd::tickets::store::show(&f.db, &ticket).await.unwrap().unwrap().summary.state;
    let tab = match state.as_str() {
        "ready_for_review" => "ready",
        "flagged" => "flagged",
        _ => "awaiting",
    };
    let page = send(&f.app, get(&format!("/queue?tab={tab}&q=pparty0"), &cookie)).await;
    assert!(page.body.contains(&ticket), "{}", page.body);
    let page = send(&f.app, get(&format!("/queue?tab={tab}&q=nobody-at-all"), &cookie)).await;
    assert!(!page.body.contains(&ticket));
    assert!(page.body.contains(&format!("({})", 3)) || page.body.contains("(3)"), "{}", page.body);
}

const SSO: &[(&str, &str)] =
    &[("ACCESSD__DESK__SSO_HEADER", "X-Remote-User"), ("ACCESSD__DESK__SSO_TRUSTED_PROXIES", "127.0.0.1,10.20.0.0/16")];

async fn audit_actions(db: &Db) -> Vec<(String, String, String)> {
    accessd::audit::events(db, None).await.unwrap().into_iter().map(|e| (e.clerk, e.action, e.detail)).collect()
}

async fn sessions(db: &Db) -> i64 {
    accessd::on_pool!(db, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM desk_sessions")
        .fetch_one(pool)
        .await
        .unwrap())
}

#[tokio::test]
async fn the_court_sign_on_is_believed_only_from_a_trusted_proxy() {
    let f = fixture_with(SSO).await;
    // From the proxy: signed in as the clerk it names, with an ordinary session.
    let r = send(&f.app, from_peer("/queue", "127.0.0.1:40000", "clerk1")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Signed in as clerk1"), "{}", r.body);
    let set = r.cookie.expect("a session cookie");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    assert_eq!(send(&f.app, get("/queue", &cookie)).await.status, StatusCode::OK);
    // The session goes on: no new one for each request the proxy passes.
    let mut again = from_peer("/queue", "10.20.3.4:40000", "clerk1");
    again.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    let r = send(&f.app, again).await;
    assert_eq!((r.status, r.cookie), (StatusCode::OK, None));
    assert_eq!(sessions(&f.db).await, 1);
    // The proxy names someone else on the same browser: that clerk, in a new session.
    let mut other = from_peer("/queue", "127.0.0.1:40000", "super1");
    other.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
    let r = send(&f.app, other).await;
    assert!(r.body.contains("Signed in as super1") && r.cookie.is_some(), "{}", r.body);
    assert_eq!(send(&f.app, get("/queue", &cookie)).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        audit_actions(&f.db).await,
        vec![
            ("clerk1".into(), "sso_login".into(), "x-remote-user from 127.0.0.1".into()),
            ("super1".into(), "sso_login".into(), "x-remote-user from 127.0.0.1".into()),
        ]
    );

    // The same header from anyone else is ignored, as is a request whose peer is unknown.
    for peer in ["192.0.2.9:40000", "10.21.0.1:40000", "[::1]:40000"] {
        let r = send(&f.app, from_peer("/queue", peer, "clerk1")).await;
        assert_eq!(
            (r.status, r.location.as_deref(), r.cookie.is_some()),
            (StatusCode::SEE_OTHER, Some("/login"), false)
        );
        let r = send(&f.app, from_peer("/api/tickets", peer, "admin1")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{peer}");
    }
    let unknown_peer = Request::get("/queue").header("X-Remote-User", "clerk1").body(Body::empty()).unwrap();
    assert_eq!(send(&f.app, unknown_peer).await.status, StatusCode::SEE_OTHER);

    // A name the desk does not know: refused, with what to do.
    let r = send(&f.app, from_peer("/queue", "127.0.0.1:40000", "j.doe@court.example")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("Ask a desk administrator to add the clerk"), "{}", r.body);
    assert_eq!(sessions(&f.db).await, 1);
    assert_eq!(accessd::audit::verify(&f.db).await.unwrap(), Ok(2));
}

#[tokio::test]
async fn the_sign_on_header_is_ignored_when_the_mode_is_off() {
    let f = fixture().await;
    let r = send(&f.app, from_peer("/queue", "127.0.0.1:40000", "clerk1")).await;
    assert_eq!((r.status, r.location.as_deref(), r.cookie.is_some()), (StatusCode::SEE_OTHER, Some("/login"), false));
    assert_eq!(sessions(&f.db).await, 0);
}

#[test]
fn sign_on_settings_are_checked() {
    let env = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let err = load_settings(env(&[
        ("ACCESSD__DESK__SSO_HEADER", "X-Remote-User"),
        ("ACCESSD__DESK__SSO_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/33"),
    ]))
    .unwrap_err();
    assert!(err.contains("desk.sso_trusted_proxies") && err.contains("10.0.0.0/33"), "{err}");
    let err = load_settings(env(&[("ACCESSD__DESK__SSO_HEADER", "X-Remote-User")])).unwrap_err();
    assert!(err.contains("desk.sso_trusted_proxies"), "{err}");
    let err = load_settings(env(&[
        ("ACCESSD__DESK__SSO_HEADER", "X Remote User"),
        ("ACCESSD__DESK__SSO_TRUSTED_PROXIES", "127.0.0.1"),
    ]))
    .unwrap_err();
    assert!(err.contains("desk.sso_header"), "{err}");
    let s = load_settings(env(SSO)).unwrap();
    let proxies: Vec<String> = s.desk.sso_trusted_proxies.iter().map(|p| p.0.to_string()).collect();
    assert_eq!(proxies, vec!["127.0.0.1/32", "10.20.0.0/16"]);
    assert!(load_settings(Vec::new()).unwrap().desk.sso_header.is_empty(), "off by default");
}

#[tokio::test]
async fn an_admin_manages_clerks() {
    admin_on(fixture_with(SSO).await).await;
}

#[tokio::test]
async fn an_admin_manages_clerks_on_postgresql() {
    let tmp = tempfile::tempdir().unwrap();
    let url = support::postgres::PostgresServer::shared().fresh_database("desk_admin");
    admin_on(fixture_on(tmp, url, SSO).await).await;
}

async fn admin_on(f: Fixture) {
    // Clerks and supervisors are refused every administration page.
    for name in ["clerk1", "super1"] {
        let (cookie, csrf) = sign_in(&f.app, name).await;
        for path in ["/admin/clerks", "/admin/templates"] {
            assert_eq!(send(&f.app, get(path, &cookie)).await.status, StatusCode::FORBIDDEN, "{name} {path}");
        }
        let body = format!("csrf={csrf}&action=add&name=sneaky&role=admin&password={}", PASSWORD.replace(' ', "+"));
        assert_eq!(send(&f.app, form("/admin/clerks", Some(&cookie), &body)).await.status, StatusCode::FORBIDDEN);
        assert!(!send(&f.app, get("/queue", &cookie)).await.body.contains("/admin/clerks"), "no admin links");
    }

    let (cookie, csrf) = sign_in(&f.app, "admin1").await;
    let page = send(&f.app, get("/admin/clerks", &cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<td>clerk1</td>") && page.body.contains("<td>super1</td>"), "{}", page.body);
    let templates = send(&f.app, get("/admin/templates", &cookie)).await;
    assert_eq!(templates.status, StatusCode::OK);
    assert!(templates.body.contains("Electronic access granted, docket {docket}"), "{}", templates.body);
    assert!(templates.body.contains("restart accessd"), "{}", templates.body);

    let post = |body: String| form("/admin/clerks", Some(&cookie), &body);
    let password = PASSWORD.replace(' ', "+");
    assert_eq!(
        send(&f.app, form("/admin/clerks", Some(&cookie), "action=add&name=clerk2&role=clerk")).await.status,
        StatusCode::FORBIDDEN,
        "a change without the CSRF token"
    );
    // Add a clerk, who signs in; a name taken or a short password is refused.
    let r = send(&f.app, post(format!("csrf={csrf}&action=add&name=clerk2&role=clerk&password={password}"))).await;
    assert_eq!((r.status, r.location.as_deref()), (StatusCode::SEE_OTHER, Some("/admin/clerks")), "{}", r.body);
    let page = send(&f.app, get("/admin/clerks", &cookie)).await;
    assert!(page.body.contains("<td>clerk2</td>") && page.body.contains("<td>never</td>"), "{}", page.body);
    let (clerk2, _) = sign_in(&f.app, "clerk2").await;
    let r = send(&f.app, post(format!("csrf={csrf}&action=add&name=clerk2&role=admin&password={password}"))).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("already a clerk named clerk2"), "{}", r.body);
    let r = send(&f.app, post(format!("csrf={csrf}&action=add&name=clerk3&role=clerk&password=short"))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A new role takes effect in the open session.
    let r = send(&f.app, post(format!("csrf={csrf}&action=role&name=clerk2&role=supervisor"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(send(&f.app, get("/queue", &clerk2)).await.body.contains("Signed in as clerk2 (supervisor)"));

    // Deactivated: the open session ends, and neither the password nor the sign-on works.
    let r = send(&f.app, post(format!("csrf={csrf}&action=deactivate&name=clerk2"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = send(&f.app, get("/queue", &clerk2)).await;
    assert_eq!(r.location.as_deref(), Some("/login"));
    let r = send(&f.app, form("/login", None, &format!("name=clerk2&password={password}"))).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = send(&f.app, from_peer("/queue", "127.0.0.1:40000", "clerk2")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("deactivated"), "{}", r.body);
    let page = send(&f.app, get("/admin/clerks", &cookie)).await;
    assert!(page.body.contains("Reactivate"), "{}", page.body);
    // Deactivating again changes nothing and records nothing.
    send(&f.app, post(format!("csrf={csrf}&action=deactivate&name=clerk2"))).await;

    // Reactivated: signs in again.
    let r = send(&f.app, post(format!("csrf={csrf}&action=reactivate&name=clerk2"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    sign_in(&f.app, "clerk2").await;

    // The last active administrator cannot be demoted or deactivated.
    for change in ["action=deactivate&name=admin1", "action=role&name=admin1&role=clerk"] {
        let r = send(&f.app, post(format!("csrf={csrf}&{change}"))).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{change}");
        assert!(r.body.contains("last active administrator"), "{}", r.body);
    }
    let r = send(&f.app, post(format!("csrf={csrf}&action=role&name=nobody&role=clerk"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let events: Vec<(String, String, String)> =
        audit_actions(&f.db).await.into_iter().filter(|(_, action, _)| action.starts_with("clerk_")).collect();
    assert_eq!(
        events,
        vec![
            ("admin1".into(), "clerk_added".into(), "clerk2 as clerk".into()),
            ("admin1".into(), "clerk_role_changed".into(), "clerk2: clerk to supervisor".into()),
            ("admin1".into(), "clerk_deactivated".into(), "clerk2".into()),
            ("admin1".into(), "clerk_reactivated".into(), "clerk2".into()),
        ]
    );
    assert_eq!(accessd::audit::verify(&f.db).await.unwrap(), Ok(4));
}
