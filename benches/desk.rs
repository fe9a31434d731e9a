//! The clerk desk's queue page with 10,000 tickets: server time per render (session
//! check, counts, the page's query, HTML), beside the page's bare SQL query in the same
//! run as the baseline. Floor from the issue: under 50 ms per render.
//!
//! Run: `cargo bench --bench desk`.

use std::path::Path;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use accessd::config::Settings;
use accessd::db::Db;

const TICKETS: usize = 10_000;
const RENDERS: usize = 50;

fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(samples[samples.len() / 2]), ms(samples[samples.len() * 95 / 100]))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let env = vec![("ACCESSD__DATABASE__URL".to_string(), format!("sqlite://{}/d.db?mode=rwc", tmp.path().display()))];
    let settings =
        Settings::load_with_env(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"), env).unwrap();
    let db = Db::open(&settings.database).await.unwrap();
    let states = ["ready_for_review", "flagged", "awaiting_party", "approved", "denied", "ignored"];
    let screening = serde_json::json!({
        "fields": {"name": "Pat Party", "user_id": "pparty", "case_name": "Party v. Other", "docket_number": "HHD-CV24-6187342-S"},
        "finding_details": [{"code": "missing_photo_id", "detail": ""}],
        "directory": {"account": {"full_name": "Pat Party"}},
        "sender": {"authentication": {"authenticated": true}},
    })
    .to_string();
    accessd::on_pool!(&db, |pool| {
        let mut tx = pool.begin().await.unwrap();
        for n in 0..TICKETS {
            let at = format!("2026-{:02}-{:02}T{:02}:{:02}:00.000000Z", 1 + n % 12, 1 + n % 28, n % 24, n % 60);
            sqlx::query(
                "INSERT INTO tickets (ticket_id, year, seq, state, disposition, party_address, reply_to, user_id, docket_number,
                                      request_id, subject, screening, created_at, updated_at)
                 VALUES ($1, 2026, $2, $3, 'ready_for_review', $4, $4, $5, $6, $7, $8, $9, $10, $10)",
            )
            .bind(format!("EA-2026-{:06}", n + 1))
            .bind(n as i64 + 1)
            .bind(states[n % states.len()])
            .bind(format!("party{n}@mail.example"))
            .bind(format!("pparty{n}"))
            .bind(format!("HHD-CV24-{:07}-S", 6_000_000 + n))
            .bind(format!("EAR-2026-{n:06}"))
            .bind(format!("Access request {n}"))
            .bind(&screening)
            .bind(&at)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    });
    accessd::desk::clerks::add(&db, "bench", accessd::desk::clerks::Role::Clerk, "bench password 123").await.unwrap();
    let replies = accessd::daemon::reply_policy(&settings).unwrap();
    let app = accessd::desk::router(accessd::desk::Desk::new(db.clone(), &settings, replies, Default::default()));
    let login = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("name=bench&password=bench+password+123"))
        .unwrap();
    let res = app.clone().oneshot(login).await.unwrap();
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();

    let mut baseline = Vec::new();
    for _ in 0..RENDERS {
        let t = Instant::now();
        let rows: Vec<(String,)> = accessd::on_pool!(&db, |pool| {
            sqlx::query_as("SELECT ticket_id FROM tickets WHERE state = 'ready_for_review' ORDER BY created_at, ticket_id LIMIT 100")
                .fetch_all(pool)
                .await
                .unwrap()
        });
        assert_eq!(rows.len(), 100);
        baseline.push(t.elapsed());
    }
    let mut results = Vec::new();
    for (label, uri) in [("queue, first tab", "/queue"), ("queue, search by name", "/queue?tab=ready&q=pparty4242")] {
        let mut samples = Vec::new();
        for _ in 0..RENDERS {
            let req = Request::get(uri).header(header::COOKIE, &cookie).body(Body::empty()).unwrap();
            let t = Instant::now();
            let res = app.clone().oneshot(req).await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            let body = res.into_body().collect().await.unwrap().to_bytes();
            samples.push(t.elapsed());
            assert!(body.len() > 1000);
        }
        results.push((label, stats(samples)));
    }
    let (b50, b95) = stats(baseline);
    println!("desk queue with {TICKETS} tickets, {RENDERS} renders each (SQLite, 2 cores)");
    println!("  baseline: the page's bare SQL query        median {b50:6.2} ms  p95 {b95:6.2} ms");
    for (label, (m, p)) in &results {
        println!(
            "  {label:<42} median {m:6.2} ms  p95 {p:6.2} ms  floor 50 ms: {}",
            if *p < 50.0 { "met" } else { "NOT MET" }
        );
    }
}
