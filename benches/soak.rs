//! Soak: a steady stream of requests through real Postfix (SMTP in) and Dovecot (LMTP
//! delivery, IMAP out) into `accessd run`, whose replies go back out through Postfix
//! to the parties' mailboxes. Measures the daemon's resident memory over the run: the
//! figure after warm-up is the baseline the rest of the run is compared with.
//!
//! Run: `cargo bench --bench soak` (20,000 messages over 30 minutes); shorter with
//! `SOAK_MESSAGES=2000 SOAK_SECONDS=180`. Under `cargo test` it is a smoke test: 200
//! messages over 20 seconds, failing if anything is lost.

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
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use mailstack::MailStack;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Resident memory of a process in KiB, from /proc.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let (default_messages, default_seconds) = if smoke { (200, 20) } else { (20_000, 1800) };
    let messages = env_or("SOAK_MESSAGES", default_messages) as usize;
    let run_for = Duration::from_secs(env_or("SOAK_SECONDS", default_seconds));
    let warm_up = run_for / 6;
    // Parties repeat, as real ones do not, only past this many: their replies land in
    // distinct mailboxes without the reply budget getting in the way.
    let parties = 2_000;

    let stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    daemon.set("REPLIES__BUDGET_PER_ADDRESS", "1000000");
    daemon.start();
    let db = daemon.db().await;
    let pid = daemon.pid().unwrap();

    let smtp = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(stack.smtp_port()).build();
    let interval = run_for.div_f64(messages as f64);
    let started = Instant::now();
    let mut samples: Vec<(Duration, u64)> = Vec::new();
    let mut next_sample = Duration::ZERO;
    let mut refused = 0;
    for n in 0..messages {
        let due = interval.mul_f64(n as f64);
        if let Some(wait) = due.checked_sub(started.elapsed()) {
            tokio::time::sleep(wait).await;
        }
        let from = format!("party{}@party.example", n % parties);
        // Each message its own request: a fresh Message-ID and subject per n.
        let raw = simple_request(&from, n);
        let envelope =
            lettre::address::Envelope::new(Some(from.parse().unwrap()), vec![COURT.parse().unwrap()]).unwrap();
        if smtp.send_raw(&envelope, &raw).await.is_err() {
            refused += 1;
        }
        if started.elapsed() >= next_sample {
            samples.push((started.elapsed(), rss_kib(pid)));
            next_sample += Duration::from_secs(15);
        }
    }
    let sent_in = started.elapsed();
    let expected = (messages - refused) as i64;
    let drain_started = Instant::now();
    while scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await < expected
        || scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await > 0
    {
        assert!(drain_started.elapsed() < Duration::from_secs(900), "not drained\n{}", daemon.log());
        samples.push((started.elapsed(), rss_kib(pid)));
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    samples.push((started.elapsed(), rss_kib(pid)));
    stack.wait_for(COURT, "Processed", expected as usize, Duration::from_secs(300)).await;
    let screened = scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await;
    let quarantined = scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'quarantined'").await;
    let replies = scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await;
    let inbox = stack.count(COURT, "INBOX").await;
    daemon.stop();

    let after_warm_up: Vec<u64> = samples.iter().filter(|(t, _)| *t >= warm_up).map(|(_, r)| *r).collect();
    let baseline = after_warm_up.first().copied().unwrap_or(1).max(1);
    let peak = after_warm_up.iter().copied().max().unwrap_or(0);
    let last = samples.last().map_or(0, |s| s.1);
    let growth = (peak as f64 - baseline as f64) / baseline as f64 * 100.0;
    println!(
        "soak: {messages} messages over {:.1} min through Postfix -> Dovecot -> accessd -> Postfix",
        sent_in.as_secs_f64() / 60.0
    );
    println!("  refused by Postfix {refused}, screened {screened}, quarantined {quarantined}, replies sent {replies}, left in INBOX {inbox}");
    println!("  RSS at the end of warm-up ({:.0} min) {} KiB (baseline)", warm_up.as_secs_f64() / 60.0, baseline);
    println!("  RSS peak after warm-up     {peak} KiB  ({growth:+.1}% of baseline)");
    println!("  RSS at the end             {last} KiB");
    for (t, rss) in samples.iter().step_by((samples.len() / 12).max(1)) {
        println!("    {:>6.1} min  {rss:>7} KiB", t.as_secs_f64() / 60.0);
    }
    let nothing_lost = screened == expected && replies == expected && inbox == 0 && quarantined == 0;
    println!("  nothing lost: {}", if nothing_lost { "yes" } else { "NO" });
    println!("  floor RSS growth after warm-up < 10%: {}", if growth < 10.0 { "met" } else { "NOT MET" });
    assert!(!smoke || nothing_lost, "the smoke run lost messages");
}
