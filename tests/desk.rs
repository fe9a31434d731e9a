//! The clerk desk over HTTP (the axum router driven in process): sessions, CSRF,
//! throttling, roles, decisions with their replies and audit events, the export.

mod support;

use std::path::Path;

use axum::body::Body;
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
    let tmp = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/d.db?mode=rwc", tmp.path().display());
    fixture_on(tmp, url).await
}

/// The desk over a database the real worker filled; `url` picks the engine.
async fn fixture_on(tmp: tempfile::TempDir, url: String) -> Fixture {
    let env = vec![("ACCESSD__DATABASE__URL".to_string(), url)];
    let settings =
        Settings::load_with_env(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"), env).unwrap();
    let db = Db::open(&settings.database).await.unwrap();
    for (name, role) in [("clerk1", Role::Clerk), ("super1", Role::Supervisor)] {
        accessd::desk::clerks::add(&db, name, role, PASSWORD).await.unwrap();
    }
    // Three tickets, screened by the real worker.
    let folders = Folders::from(&settings.mailbox);
    let arrivals: Vec<Arrival> = (0..3)
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
    assert_eq!(worker.run_batch().await.unwrap(), 3);
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
    let f = fixture_on(tmp, url).await;
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
