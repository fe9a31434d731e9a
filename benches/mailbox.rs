//! Mailbox intake against a real Dovecot, side by side in one run:
//! - baseline: a bare one-message-at-a-time `UID FETCH n BODY.PEEK[]` loop over the
//!   2,000-message backlog, storing nothing;
//! - accessd: the daemon draining the same backlog, every message durably committed
//!   (SQLite, synchronous=FULL), then screened into tickets with acknowledgements;
//! - latency: with the daemon idle in IDLE, from APPEND to ticket + queued reply;
//! - replies: daemons answering through the real Postfix (holding what it accepts, as a
//!   court's relay passes it on): 300 replies one at a time as the baseline, then a
//!   3,000-message backlog with the default concurrency, replies/s beside the same
//!   run's ticketing msg/s.
//!
//! Floors from the issues: 1,000 messages/s and a quarter of the bare loop's rate;
//! p95 latency under 1 s without OCR; 200 replies/s through Postfix.
//!
//! Run: `cargo bench --bench mailbox`.

// The integration tests' harness; the bench uses part of it.
#[allow(dead_code)]
#[path = "../tests/support/daemon.rs"]
mod daemon;
#[allow(dead_code)]
#[path = "../tests/support/mailstack.rs"]
mod mailstack;
#[allow(dead_code)]
#[path = "../tests/support/postgres.rs"]
mod postgres;

use std::time::{Duration, Instant};

use daemon::{scalar, simple_request, Daemon, COURT};
use futures::TryStreamExt;
use mailstack::MailStack;

const BACKLOG: usize = 2000;
const LATENCY_SAMPLES: usize = 40;
const REPLY_BACKLOG: usize = 3000;
/// The baseline: replies one at a time, as accessd sent them before, on a shorter backlog.
const REPLY_BASELINE: usize = 300;

async fn bare_fetch_loop(stack: &MailStack) -> Duration {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", stack.imap_port())).await.unwrap();
    let mut client = async_imap::Client::new(tcp);
    client.read_response().await.unwrap();
    let mut session = client.login(COURT, stack.password()).await.map_err(|(e, _)| e).unwrap();
    session.select("INBOX").await.unwrap();
    let uids: Vec<u32> = {
        let stream = session.uid_fetch("1:*", "UID").await.unwrap();
        stream.try_collect::<Vec<_>>().await.unwrap().iter().filter_map(|f| f.uid).collect()
    };
    assert_eq!(uids.len(), BACKLOG);
    let started = Instant::now();
    let mut bytes = 0;
    for uid in uids {
        let stream = session.uid_fetch(uid.to_string(), "BODY.PEEK[]").await.unwrap();
        let fetched: Vec<_> = stream.try_collect().await.unwrap();
        bytes += fetched.iter().filter_map(|f| f.body()).map(<[u8]>::len).sum::<usize>();
    }
    let elapsed = started.elapsed();
    assert!(bytes > BACKLOG * 300);
    session.logout().await.ok();
    elapsed
}

/// Ticketing and reply rates (per second) of a daemon answering a backlog of `count`
/// through Postfix, sending `concurrency` replies at once (None: the default).
async fn replies_through_postfix(
    stack: &MailStack,
    first: usize,
    count: usize,
    concurrency: Option<usize>,
) -> (f64, f64) {
    let backlog: Vec<Vec<u8>> =
        (first..first + count).map(|n| simple_request(&format!("reply{n}@party.example"), 20_000 + n)).collect();
    stack.append_many(COURT, "INBOX", &backlog).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(stack, tmp.path());
    daemon.set("REPLIES__BUDGET_PER_ADDRESS", "1000000");
    if let Some(concurrency) = concurrency {
        daemon.set("REPLIES__CONCURRENCY", &concurrency.to_string());
    }
    let started = Instant::now();
    daemon.start();
    let db = daemon.db().await;
    let (mut ticketed, mut first_sent) = (None, None);
    loop {
        let now = started.elapsed();
        if ticketed.is_none()
            && scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await == count as i64
        {
            ticketed = Some(now);
        }
        let sent = scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await;
        if first_sent.is_none() && sent > 0 {
            first_sent = Some(now);
        }
        if sent == count as i64 && ticketed.is_some() {
            break;
        }
        assert!(now < Duration::from_secs(900), "replies not all sent\n{}", daemon.log());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let all_sent = started.elapsed();
    daemon.stop();
    let ticket_rate = count as f64 / ticketed.unwrap().as_secs_f64();
    let reply_rate = count as f64 / (all_sent - first_sent.unwrap()).as_secs_f64();
    (ticket_rate, reply_rate)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let backlog: Vec<Vec<u8>> = (0..BACKLOG).map(|n| simple_request(&format!("party{n}@party.example"), n)).collect();
    stack.append_many(COURT, "INBOX", &backlog).await;

    let bare = bare_fetch_loop(&stack).await;
    let bare_rate = BACKLOG as f64 / bare.as_secs_f64();

    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    // Replies go to files: this measures intake, not Postfix.
    daemon.set("REPLIES__TRANSPORT", "file");
    daemon.set("REPLIES__FILE_DIR", &tmp.path().join("outbox").display().to_string());
    daemon.set("REPLIES__BUDGET_PER_ADDRESS", "1000000");
    let started = Instant::now();
    daemon.start();
    let db = daemon.db().await;
    let mut stored_at = None;
    loop {
        let stored = scalar(&db, "SELECT COUNT(*) FROM messages").await;
        if stored_at.is_none() && stored == BACKLOG as i64 {
            stored_at = Some(started.elapsed());
        }
        if scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await == BACKLOG as i64 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(600), "backlog not drained\n{}", daemon.log());
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let ticketed = started.elapsed();
    let stored = stored_at.unwrap();
    let drain_rate = BACKLOG as f64 / stored.as_secs_f64();
    let ticket_rate = BACKLOG as f64 / ticketed.as_secs_f64();
    stack.wait_for(COURT, "Processed", BACKLOG, Duration::from_secs(120)).await;

    // Latency: one message at a time into the idle mailbox.
    let mut latencies = Vec::new();
    for n in 0..LATENCY_SAMPLES {
        let raw = simple_request(&format!("late{n}@party.example"), 10_000 + n);
        let before = scalar(&db, "SELECT COUNT(*) FROM outbox").await;
        let t0 = Instant::now();
        stack.append(COURT, "INBOX", &raw).await;
        while scalar(&db, "SELECT COUNT(*) FROM outbox").await == before {
            assert!(t0.elapsed() < Duration::from_secs(30), "no ticket for a new message\n{}", daemon.log());
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        latencies.push(t0.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    daemon.stop();
    if std::env::var_os("BENCH_LOG").is_some() {
        std::fs::copy(daemon.log_path(), "/tmp/accessd-bench.log").unwrap();
    }
    latencies.sort();
    stack.hold_deliveries().await;
    let (_, one_at_a_time) = replies_through_postfix(&stack, 0, REPLY_BASELINE, Some(1)).await;
    let (reply_ticket_rate, reply_rate) = replies_through_postfix(&stack, REPLY_BASELINE, REPLY_BACKLOG, None).await;

    println!("mailbox intake, {BACKLOG}-message backlog from Dovecot on loopback (2 cores)");
    println!("  baseline bare UID FETCH loop     {:>8.0} msg/s  ({:.2} s)", bare_rate, bare.as_secs_f64());
    println!(
        "  accessd durably stored           {:>8.0} msg/s  ({:.2} s)  = {:.2}x the bare loop",
        drain_rate,
        stored.as_secs_f64(),
        drain_rate / bare_rate
    );
    println!("  accessd stored + ticketed        {:>8.0} msg/s  ({:.2} s)", ticket_rate, ticketed.as_secs_f64());
    println!(
        "  arrival -> ticket + reply queued p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms ({LATENCY_SAMPLES} samples, IDLE)",
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.95).as_secs_f64() * 1000.0,
        latencies.last().unwrap().as_secs_f64() * 1000.0
    );
    println!("  baseline replies one at a time ({REPLY_BASELINE})  {one_at_a_time:>8.0} replies/s");
    println!(
        "  {REPLY_BACKLOG}-message backlog answered          {reply_rate:>8.0} replies/s  (ticketed {reply_ticket_rate:.0} msg/s in the same run) = {:.1}x",
        reply_rate / one_at_a_time
    );
    let floors = [
        ("200 replies/s through Postfix", reply_rate >= 200.0),
        ("1,000 msg/s durably stored", drain_rate >= 1000.0),
        ("a quarter of the bare loop", drain_rate >= bare_rate / 4.0),
        ("p95 latency under 1 s", percentile(&latencies, 0.95) < Duration::from_secs(1)),
    ];
    for (floor, met) in floors {
        println!("  floor {floor}: {}", if met { "met" } else { "NOT MET" });
    }
}
