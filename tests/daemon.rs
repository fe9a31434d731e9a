//! `accessd run` against real servers: Dovecot (IMAP) and Postfix (SMTP) started from
//! temp dirs by `support::mailstack`. The sample corpus end to end, crashes, outages,
//! a UIDVALIDITY reset, a mail loop, and three instances on PostgreSQL.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use accessd::db::Db;
use mail_parser::MessageParser;
use support::daemon::{pairs, scalar, simple_request, Daemon, COURT};
use support::mailstack::MailStack;

/// Mail domains of the sample accounts and senders: Postfix delivers to all of them,
/// so a reply that should not exist would be caught.
fn sample_domains(samples: &Path) -> Vec<String> {
    let mut domains = BTreeSet::from(["eservices.example".to_string(), "mx.eservices.example".to_string()]);
    let mut reader = csv::Reader::from_path(samples.join("fixtures/accounts.csv")).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        domains.extend(row.iter().filter_map(|f| f.split_once('@').map(|(_, d)| d.to_lowercase())));
    }
    for raw in sample_messages(samples).values() {
        let parsed = MessageParser::new().parse(raw).unwrap();
        if let Some(from) = parsed.from().and_then(|f| f.first()).and_then(|a| a.address()) {
            domains.extend(from.split_once('@').map(|(_, d)| d.to_lowercase()));
        }
    }
    domains.into_iter().collect()
}

fn sample_messages(samples: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(samples.join("messages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

/// A reply as the party's mailbox received it.
#[derive(Debug)]
struct Received {
    kind: String,
    in_reply_to: String,
    message_id: String,
    subject: String,
    auto_submitted: String,
}

fn received(raw: &[u8]) -> Received {
    let m = MessageParser::new().parse(raw).unwrap();
    let header = |name: &str| m.header_raw(name).map(|v| v.trim().to_string()).unwrap_or_default();
    Received {
        kind: header("X-Accessd-Reply"),
        in_reply_to: header("In-Reply-To"),
        message_id: header("Message-ID"),
        subject: m.subject().unwrap_or_default().to_string(),
        auto_submitted: header("Auto-Submitted"),
    }
}

async fn replies_in(stack: &MailStack, user: &str) -> Vec<Received> {
    stack.fetch_all(user, "INBOX").await.iter().map(|r| received(r)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sample_corpus_end_to_end() {
    let samples = support::samples();
    let domains = sample_domains(&samples);
    let stack = MailStack::start(&domains.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    daemon.import(&samples.join("fixtures"));
    let messages = sample_messages(&samples);
    stack.append_many(COURT, "INBOX", &messages.values().cloned().collect::<Vec<_>>()).await;
    daemon.start();
    let db = daemon.db().await;
    let n = messages.len() as i64;
    daemon
        .wait_until("every sample screened", Duration::from_secs(600), || async {
            scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await == n
        })
        .await;
    daemon
        .wait_until("every reply delivered", Duration::from_secs(120), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await == 0
        })
        .await;

    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tickets").await, n, "one ticket per sample");
    let by_message_id: BTreeMap<String, String> =
        pairs(&db, "SELECT m.message_id, t.ticket_id FROM messages m JOIN tickets t ON t.ticket_id = m.ticket_id")
            .await
            .into_iter()
            .collect();
    let mut expected_processed = 0;
    let mut expected_ignored = 0;
    for (name, raw) in &messages {
        let truth: serde_json::Value =
            serde_json::from_slice(&std::fs::read(samples.join(format!("truth/{name}.json"))).unwrap()).unwrap();
        let parsed = MessageParser::new().parse(raw).unwrap();
        let message_id = parsed.message_id().unwrap().to_string();
        let ticket_id = &by_message_id[&message_id];
        let ticket = accessd::tickets::store::show(&db, ticket_id).await.unwrap().unwrap();
        let disposition = truth["disposition"].as_str().unwrap();
        assert_eq!(ticket.summary.disposition, disposition, "{name}: {ticket_id}");
        let sender = parsed.from().unwrap().first().unwrap().address().unwrap().to_lowercase();
        if disposition == "ignored" {
            expected_ignored += 1;
            assert!(ticket.replies.is_empty(), "{name}: automatic mail was answered");
            assert!(replies_in(&stack, &sender).await.is_empty(), "{name}: a reply reached {sender}");
            continue;
        }
        expected_processed += 1;
        // Replies go to the account's address, never to a sender who does not match it.
        let account = ticket.reply_to.clone().expect("every non-automatic sample names an account");
        let kind = match disposition {
            "ready_for_review" => "acknowledgement",
            "needs_information" => "needs_information",
            _ => "flagged",
        };
        let got: Vec<Received> =
            replies_in(&stack, &account).await.into_iter().filter(|r| r.subject.contains(ticket_id.as_str())).collect();
        assert_eq!(got.len(), 1, "{name}: replies to {account}: {got:?}");
        assert_eq!(got[0].kind, kind, "{name}");
        assert_eq!(got[0].auto_submitted, "auto-replied");
        assert_eq!(got[0].in_reply_to, format!("<{message_id}>"), "{name}");
        if sender != account {
            assert!(replies_in(&stack, &sender).await.is_empty(), "{name}: the mismatched sender {sender} got a reply");
        }
    }
    stack.wait_for(COURT, "Processed", expected_processed, Duration::from_secs(30)).await;
    stack.wait_for(COURT, "Ignored", expected_ignored, Duration::from_secs(30)).await;
    assert_eq!(stack.count(COURT, "INBOX").await, 0, "every message moved out of the inbox");
    daemon.stop();

    // The whole run's log at info level holds none of the personal data it handled.
    let log = std::fs::read_to_string(daemon.log_path()).unwrap().to_lowercase();
    let pii = personal_data(&samples, &db).await;
    assert!(pii.len() > 40, "too little personal data collected to make the check mean something: {pii:?}");
    let leaked: Vec<&String> = pii.iter().filter(|p| log.contains(&p.to_lowercase())).collect();
    assert!(leaked.is_empty(), "personal data in the info log: {leaked:?}");
}

/// Personal data the sample run handled: names and addresses from the directory and
/// the truth files, and every name, document number and date of birth the ID reader
/// found (read back from the tickets' screening).
async fn personal_data(samples: &Path, db: &Db) -> BTreeSet<String> {
    let mut pii = BTreeSet::new();
    for (file, columns) in [
        ("accounts.csv", &["full_name", "email"][..]),
        ("parties.csv", &["party_name"][..]),
        ("access_requests.csv", &["party_name"][..]),
    ] {
        let mut reader = csv::Reader::from_path(samples.join("fixtures").join(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        for row in reader.records() {
            let row = row.unwrap();
            if headers.iter().position(|h| h == "party_kind").is_some_and(|i| &row[i] == "business") {
                continue;
            }
            for column in columns {
                let i = headers.iter().position(|h| h == *column).unwrap();
                pii.insert(row[i].to_string());
            }
        }
    }
    for entry in std::fs::read_dir(samples.join("truth")).unwrap() {
        let truth: serde_json::Value = serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        collect_personal(&truth, &mut pii);
    }
    for (_, screening) in pairs(db, "SELECT ticket_id, screening FROM tickets").await {
        collect_personal(&serde_json::from_str(&screening).unwrap(), &mut pii);
    }
    pii.retain(|p| p.trim().len() >= 5);
    pii
}

fn collect_personal(value: &serde_json::Value, into: &mut BTreeSet<String>) {
    const PERSONAL: &[&str] =
        &["name", "name_on_id", "document_number", "date_of_birth", "surname", "given_names", "family_name"];
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match v.as_str() {
                    Some(s) if PERSONAL.contains(&key.as_str()) => {
                        into.insert(s.to_string());
                        // Dates of birth also as a US reader would print them.
                        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                            into.insert(d.format("%m/%d/%Y").to_string());
                        }
                    }
                    _ => collect_personal(v, into),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_personal(v, into)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_at_random_moments_loses_and_duplicates_nothing() {
    const MESSAGES: usize = 500;
    const KILLS: usize = 22;
    let stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    daemon.set("MAILBOX__FETCH_BATCH", "40");
    let raws: Vec<Vec<u8>> = (0..MESSAGES).map(|n| simple_request(&format!("party{n}@party.example"), n)).collect();
    // Mail keeps arriving while the daemon is killed and restarted.
    let (first, rest) = raws.split_at(MESSAGES / 2);
    stack.append_many(COURT, "INBOX", first).await;
    let mut kills = 0;
    let mut rest_appended = false;
    while kills < KILLS {
        daemon.start();
        let millis = rand::random_range(150..1200);
        tokio::time::sleep(Duration::from_millis(millis)).await;
        daemon.kill9();
        kills += 1;
        if kills == KILLS / 2 && !rest_appended {
            stack.append_many(COURT, "INBOX", rest).await;
            rest_appended = true;
        }
    }
    daemon.start();
    let db = daemon.db().await;
    daemon
        .wait_until("every message ticketed after the crashes", Duration::from_secs(600), || async {
            scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await == MESSAGES as i64
        })
        .await;
    daemon
        .wait_until("every reply delivered", Duration::from_secs(300), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await == 0
        })
        .await;
    stack.wait_for(COURT, "Processed", MESSAGES, Duration::from_secs(60)).await;
    daemon.stop();

    // Exactly one ticket per message.
    assert_eq!(
        scalar(&db, "SELECT COUNT(DISTINCT message_id) FROM messages WHERE status = 'screened'").await,
        MESSAGES as i64
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened' AND ticket_id IS NULL").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tickets").await, MESSAGES as i64);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'quarantined'").await, 0);
    assert_eq!(stack.count(COURT, "INBOX").await, 0);
    assert_eq!(stack.count(COURT, "Processed").await, MESSAGES, "no message copied twice");

    assert_one_reply_each(&stack, MESSAGES, KILLS).await;
}

/// Replies sent at once by default (`replies.concurrency`).
const REPLIES_IN_FLIGHT: usize = 16;

/// Each of `messages` parties (`party{n}@party.example`) got exactly one reply: one
/// Message-ID per message and kind. A kill between SMTP's 250 and the outbox update
/// can deliver the same reply (same Message-ID) again: at most the replies in flight
/// per kill.
async fn assert_one_reply_each(stack: &MailStack, messages: usize, kills: usize) {
    let mut deliveries = 0;
    let mut per_message: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for n in 0..messages {
        for reply in replies_in(stack, &format!("party{n}@party.example")).await {
            deliveries += 1;
            per_message.entry((reply.in_reply_to, reply.kind)).or_default().insert(reply.message_id);
        }
    }
    let repeated: Vec<_> = per_message.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(repeated.is_empty(), "several replies of one kind to one message: {repeated:?}");
    assert_eq!(per_message.len(), messages, "every message answered once");
    eprintln!(
        "{kills} kills, {messages} messages, {deliveries} replies delivered ({} resent after a kill)",
        deliveries - messages
    );
    assert!(deliveries - messages <= kills * REPLIES_IN_FLIGHT, "more resends than replies in flight at the kills");
}

/// One `accessd run` per temp dir on the PostgreSQL database `url`, as on as many
/// machines (each its own instance name, `node0`, `node1`, …), with `settings` besides.
fn instances_on(stack: &MailStack, url: &str, dirs: &[tempfile::TempDir], settings: &[(&str, &str)]) -> Vec<Daemon> {
    let instance = |(i, dir): (usize, &tempfile::TempDir)| {
        let mut d = Daemon::new(stack, dir.path());
        d.set("DATABASE__URL", url);
        d.set("DAEMON__INSTANCE_NAME", &format!("node{i}"));
        for (key, value) in settings {
            d.set(key, value);
        }
        d
    };
    dirs.iter().enumerate().map(instance).collect()
}

/// The leader frozen (SIGSTOP) in the middle of sending a backlog's replies, past its
/// lease but within the replies' hold, on PostgreSQL: the other instance takes the
/// mailbox and sends the rest; the frozen one, resumed, finishes what it had in flight,
/// records it under its own claims and stops leading. Every party gets one reply, and
/// no sent row was taken twice or rewritten.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_frozen_while_sending_duplicates_no_reply() {
    const MESSAGES: usize = 600;
    const LEASE_SECONDS: u64 = 6;
    let stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let url = support::postgres::PostgresServer::shared().fresh_database("frozen_sender");
    let dirs: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut daemons = instances_on(&stack, &url, &dirs, &[("DAEMON__LEASE_SECONDS", &LEASE_SECONDS.to_string())]);
    let raws: Vec<Vec<u8>> = (0..MESSAGES).map(|n| simple_request(&format!("party{n}@party.example"), n)).collect();
    stack.append_many(COURT, "INBOX", &raws).await;
    daemons[0].start();
    let db = daemons[0].db().await;
    daemons[0]
        .wait_until("node0 sending replies", Duration::from_secs(120), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await >= 60
        })
        .await;
    daemons[0].pause(true);
    let sent_at_pause = scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await;
    daemons[1].start();
    let frozen_since = std::time::Instant::now();
    daemons[1]
        .wait_until("node1 takes the mailbox", Duration::from_secs(60), || async {
            pairs(&db, "SELECT name, holder FROM leases").await.iter().any(|(_, h)| h.starts_with("node1:"))
        })
        .await;
    // Frozen past the lease, but well within the two-minute hold of its replies.
    tokio::time::sleep(Duration::from_secs(40).saturating_sub(frozen_since.elapsed())).await;
    daemons[0].pause(false);
    daemons[1]
        .wait_until("every reply sent", Duration::from_secs(300), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await == MESSAGES as i64
        })
        .await;
    for d in &mut daemons {
        d.stop();
    }
    eprintln!("{sent_at_pause} of {MESSAGES} replies sent when node0 froze");
    assert!(sent_at_pause < MESSAGES as i64, "node0 froze before the backlog was answered");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM outbox").await, MESSAGES as i64);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM outbox WHERE attempts <> 1 OR last_error IS NOT NULL").await,
        0,
        "no sent row was taken twice or rewritten"
    );
    // Postfix hands the last replies to Dovecot after their 250: wait for them.
    for n in 0..MESSAGES {
        stack.wait_for(&format!("party{n}@party.example"), "INBOX", 1, Duration::from_secs(60)).await;
    }
    assert_one_reply_each(&stack, MESSAGES, 0).await;
}

/// A backlog from few senders (whose messages must be screened one at a time each) on
/// three instances sharing PostgreSQL: each takes a share of the senders' first
/// messages and is woken when the next ones are free, so every instance screens part
/// of it rather than one taking every sender's queue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backlog_of_few_senders_is_shared_by_three_instances() {
    const SENDERS: usize = 8;
    const EACH: usize = 15;
    let stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let url = support::postgres::PostgresServer::shared().fresh_database("few_senders");
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut daemons = instances_on(&stack, &url, &dirs, &[("REPLIES__BUDGET_PER_ADDRESS", "1000")]);
    for d in &mut daemons {
        d.start();
    }
    let db = daemons[0].db().await;
    // Every instance is up (a worker polls or listens) before the backlog arrives.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let raws: Vec<Vec<u8>> =
        (0..SENDERS * EACH).map(|n| simple_request(&format!("sender{}@party.example", n % SENDERS), n)).collect();
    stack.append_many(COURT, "INBOX", &raws).await;
    daemons[0]
        .wait_until("every message screened", Duration::from_secs(300), || async {
            scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await == (SENDERS * EACH) as i64
        })
        .await;
    for d in &mut daemons {
        d.stop();
    }
    let split =
        pairs(&db, "SELECT split_part(claimed_by, ':', 1), CAST(COUNT(*) AS TEXT) FROM messages GROUP BY 1 ORDER BY 1")
            .await;
    eprintln!("{} messages from {SENDERS} senders screened by instance: {split:?}", SENDERS * EACH);
    assert_eq!(split.len(), 3, "every instance screened a share: {split:?}");
}

/// Three `accessd run` on one PostgreSQL database, as on three machines (each its own
/// instance name, so a dead leader's lease must expire). The leader is killed twice
/// while 1,000 messages arrive: another takes the mailbox within 30 s each time, and
/// every message gets exactly one ticket and one reply.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_on_postgresql_lose_their_leader_twice() {
    const MESSAGES: usize = 1000;
    const LEASE_SECONDS: u64 = 6;
    let stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let url = support::postgres::PostgresServer::shared().fresh_database("three_instances");
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut daemons = instances_on(
        &stack,
        &url,
        &dirs,
        &[("DAEMON__LEASE_SECONDS", &LEASE_SECONDS.to_string()), ("MAILBOX__FETCH_BATCH", "40")],
    );
    let raws: Vec<Vec<u8>> = (0..MESSAGES).map(|n| simple_request(&format!("party{n}@party.example"), n)).collect();
    let (first, rest) = raws.split_at(400);
    let (second, third) = rest.split_at(300);
    stack.append_many(COURT, "INBOX", first).await;
    for d in &mut daemons {
        d.start();
    }
    let db = daemons[0].db().await;
    let leader = |db: Db| async move {
        let holder: Option<String> =
            accessd::on_pool!(&db, |pool| sqlx::query_scalar("SELECT holder FROM leases WHERE name = 'mailbox'")
                .fetch_optional(pool)
                .await
                .unwrap());
        holder.and_then(|h| h.strip_prefix("node").and_then(|r| r.split(':').next()?.parse::<usize>().ok()))
    };
    let mut takeovers = Vec::new();
    for (round, (screened_before_kill, more)) in [(150_i64, second), (550, third)].into_iter().enumerate() {
        daemons[0]
            .wait_until("enough screened before the kill", Duration::from_secs(300), || async {
                scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await >= screened_before_kill
            })
            .await;
        let old = leader(db.clone()).await.expect("a leader holds the mailbox");
        daemons[old].kill9();
        let killed_at = std::time::Instant::now();
        stack.append_many(COURT, "INBOX", more).await;
        daemons[0]
            .wait_until("another instance takes the mailbox", Duration::from_secs(60), || async {
                leader(db.clone()).await.is_some_and(|new| new != old)
            })
            .await;
        let took = killed_at.elapsed();
        eprintln!("round {round}: node{old} killed; mailbox taken over in {:.1} s", took.as_secs_f64());
        assert!(took < Duration::from_secs(30), "takeover took {took:?}");
        takeovers.push(took);
        daemons[old].start();
    }
    daemons[0]
        .wait_until("every message ticketed", Duration::from_secs(900), || async {
            scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened'").await == MESSAGES as i64
        })
        .await;
    daemons[0]
        .wait_until("every reply delivered", Duration::from_secs(300), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await == 0
        })
        .await;
    stack.wait_for(COURT, "Processed", MESSAGES, Duration::from_secs(120)).await;
    for d in &mut daemons {
        d.stop();
    }

    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tickets").await, MESSAGES as i64, "one ticket per message");
    assert_eq!(
        scalar(&db, "SELECT COUNT(DISTINCT message_id) FROM messages WHERE status = 'screened'").await,
        MESSAGES as i64
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'screened' AND ticket_id IS NULL").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'quarantined'").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM outbox").await, MESSAGES as i64, "one reply queued per message");
    let screeners = scalar(&db, "SELECT COUNT(DISTINCT split_part(claimed_by, ':', 1)) FROM messages").await;
    assert!(screeners >= 2, "the work was shared: {screeners} instance(s) screened");
    assert_eq!(stack.count(COURT, "INBOX").await, 0);
    assert_eq!(stack.count(COURT, "Processed").await, MESSAGES, "no message copied twice");
    assert_one_reply_each(&stack, MESSAGES, 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outages_imap_restart_smtp_down_and_uidvalidity_reset() {
    let mut stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    let raws: Vec<Vec<u8>> = (0..30).map(|n| simple_request(&format!("p{n}@party.example"), n)).collect();

    // SMTP is down from the start: tickets are made, replies wait.
    stack.stop_smtp().await;
    daemon.start();
    stack.append_many(COURT, "INBOX", &raws[..10]).await;
    let db = daemon.db().await;
    daemon
        .wait_until("10 tickets", Duration::from_secs(120), || async {
            scalar(&db, "SELECT COUNT(*) FROM tickets").await == 10
        })
        .await;
    daemon
        .wait_until("failed delivery attempts", Duration::from_secs(60), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND attempts > 0").await > 0
        })
        .await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await, 0);

    // Dovecot restarts under the daemon: it reconnects and goes on.
    stack.restart_imap().await;
    stack.append_many(COURT, "INBOX", &raws[10..20]).await;
    daemon
        .wait_until("20 tickets after the IMAP restart", Duration::from_secs(120), || async {
            scalar(&db, "SELECT COUNT(*) FROM tickets").await == 20
        })
        .await;

    // SMTP comes back: every waiting reply is delivered, once.
    stack.start_smtp().await;
    daemon
        .wait_until("all replies delivered", Duration::from_secs(180), || async {
            scalar(&db, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await == 20
        })
        .await;
    for n in 0..20 {
        let user = format!("p{n}@party.example");
        stack.wait_for(&user, "INBOX", 1, Duration::from_secs(60)).await;
        assert_eq!(stack.count(&user, "INBOX").await, 1, "{user}");
    }

    // The server loses its UID state: the same messages reappear in the inbox under a
    // new UIDVALIDITY, with new ones. Only the new ones are ticketed.
    stack.wait_for(COURT, "Processed", 20, Duration::from_secs(30)).await;
    daemon.stop();
    stack.append_many(COURT, "INBOX", &raws[..20]).await;
    stack.reset_uidvalidity(COURT, "INBOX").await;
    stack.append_many(COURT, "INBOX", &raws[20..]).await;
    daemon.start();
    daemon
        .wait_until("the reappeared messages recognised", Duration::from_secs(120), || async {
            scalar(&db, "SELECT COUNT(*) FROM messages WHERE status = 'duplicate' AND moved = 1").await == 20
                && scalar(&db, "SELECT COUNT(*) FROM tickets").await == 30
        })
        .await;
    stack.wait_for(COURT, "Processed", 50, Duration::from_secs(30)).await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tickets").await, 30, "no duplicate tickets");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM mailbox_marks").await, 2, "one mark per UIDVALIDITY");
    assert_eq!(stack.count(COURT, "INBOX").await, 0);
    daemon.stop();
}

/// An autoresponder that answers every message it gets, as a misconfigured
/// out-of-office does; `marks_itself` says whether it sends `Auto-Submitted`.
async fn autoresponder(stack: &MailStack, address: &str, marks_itself: bool, until: tokio::time::Instant) -> usize {
    use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
    let smtp = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1").port(stack.smtp_port()).build();
    let domain = address.split_once('@').unwrap().1;
    let mut answered = 0;
    let mut sent = 0;
    // It starts the conversation.
    let first = simple_request(address, 9000 + usize::from(marks_itself));
    let envelope =
        lettre::address::Envelope::new(Some(address.parse().unwrap()), vec![COURT.parse().unwrap()]).unwrap();
    smtp.send_raw(&envelope, &first).await.unwrap();
    while tokio::time::Instant::now() < until {
        let inbox = stack.fetch_all(address, "INBOX").await;
        for raw in &inbox[answered..] {
            let r = received(raw);
            sent += 1;
            let auto = if marks_itself { "Auto-Submitted: auto-replied\r\n" } else { "" };
            let reply = format!(
                "Authentication-Results: mx.eservices.example; dmarc=pass header.from={domain}\r\n\
                 From: <{address}>\r\nTo: {COURT}\r\nSubject: Out of office: {}\r\n\
                 Message-ID: <ooo-{sent}-{marks_itself}@{domain}>\r\nIn-Reply-To: {}\r\n{auto}\
                 Date: Mon, 12 Oct 2026 10:00:00 -0400\r\n\r\nI am away until Monday.\r\n",
                r.subject, r.message_id
            );
            smtp.send_raw(&envelope, reply.as_bytes()).await.unwrap();
        }
        answered = inbox.len();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    answered
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autoresponders_do_not_start_a_mail_loop() {
    let stack = MailStack::start(&["eservices.example", "peer.example"]).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    daemon.start();
    let until = tokio::time::Instant::now() + Duration::from_secs(120);
    let (polite, rude) = tokio::join!(
        autoresponder(&stack, "robot@peer.example", true, until),
        autoresponder(&stack, "rude-robot@peer.example", false, until),
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    daemon.stop();
    // The peer that marks its answers gets our one reply to its first message.
    assert_eq!(polite, 1, "replies to the autoresponder that says it is one");
    // The one that does not is answered as a party until the per-address budget stops it.
    assert!(rude <= 10, "{rude} replies to the unmarked autoresponder: over the budget of 10");
    let db = daemon.db().await;
    assert!(scalar(&db, "SELECT COUNT(*) FROM ticket_events WHERE kind = 'reply_suppressed'").await >= 1);
    assert!(scalar(&db, "SELECT COUNT(*) FROM tickets WHERE state = 'ignored'").await >= 1);
}

/// A token endpoint and introspection endpoint, as Microsoft's or Google's: refresh
/// tokens rotate on every use, access tokens live 61 s (accessd renews a minute early,
/// so every login fetches a fresh one), and `revoke` makes every refresh token invalid.
#[derive(Clone, Default)]
struct TokenServer {
    state: std::sync::Arc<std::sync::Mutex<TokenState>>,
}

#[derive(Default)]
struct TokenState {
    refresh: Option<String>,
    /// The client-credentials grant is refused too.
    revoked: bool,
    access: BTreeSet<String>,
    issued: usize,
    introspected: usize,
}

impl TokenServer {
    async fn serve(&self, port: u16) {
        use axum::routing::post;
        use axum::{Form, Json};
        let token = {
            let server = self.clone();
            move |Form(form): Form<BTreeMap<String, String>>| async move {
                let mut s = server.state.lock().unwrap();
                let client = form.get("client_id").map(String::as_str) == Some("accessd")
                    && form.get("client_secret").map(String::as_str) == Some("app-secret");
                let grant = match form.get("grant_type").map(String::as_str) {
                    Some("refresh_token") => s.refresh.is_some() && form.get("refresh_token") == s.refresh.as_ref(),
                    Some("client_credentials") => !s.revoked,
                    _ => false,
                };
                if !(client && grant) {
                    let body = serde_json::json!({"error": "invalid_grant", "error_description": "token revoked"});
                    return (axum::http::StatusCode::BAD_REQUEST, Json(body));
                }
                s.issued += 1;
                let access = format!("at-{}", s.issued);
                s.access.insert(access.clone());
                let mut body = serde_json::json!({"access_token": access, "token_type": "Bearer", "expires_in": 61});
                if form.get("grant_type").map(String::as_str) == Some("refresh_token") {
                    let refresh = format!("rt-{}", s.issued);
                    s.refresh = Some(refresh.clone());
                    body["refresh_token"] = refresh.into();
                }
                (axum::http::StatusCode::OK, Json(body))
            }
        };
        let introspect = {
            let server = self.clone();
            move |Form(form): Form<BTreeMap<String, String>>| async move {
                let mut s = server.state.lock().unwrap();
                s.introspected += 1;
                let active = form.get("token").is_some_and(|t| s.access.contains(t));
                Json(if active {
                    serde_json::json!({"active": true, "username": COURT})
                } else {
                    serde_json::json!({"active": false})
                })
            }
        };
        let app = axum::Router::new().route("/token", post(token)).route("/introspect", post(introspect));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    }

    fn revoke(&self) {
        let mut s = self.state.lock().unwrap();
        s.refresh = None;
        s.revoked = true;
        s.access.clear();
    }
}

/// IMAP and SMTP with SASL XOAUTH2 against Dovecot's oauth2 passdb (Postfix asks
/// Dovecot): IMAP with a rotating refresh token, SMTP with client credentials. Mail is
/// taken, the rotated refresh token persisted, the reply sent after AUTH XOAUTH2; a
/// revoked grant shows as an alert, a metric and failed readiness.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_and_smtp_log_in_with_oauth2_and_a_revoked_grant_is_loud() {
    let mut stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let tokens = TokenServer::default();
    tokens.state.lock().unwrap().refresh = Some("rt-0".into());
    tokens.serve(stack.oauth_port()).await;
    let tmp = tempfile::tempdir().unwrap();
    let refresh_file = tmp.path().join("refresh_token");
    std::fs::write(&refresh_file, "rt-0\n").unwrap();
    let desk = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    for (key, value) in [
        ("MAILBOX__IMAP__PASSWORD", "not-the-password".to_string()),
        ("MAILBOX__IMAP__OAUTH2__TOKEN_URL", format!("http://127.0.0.1:{}/token", stack.oauth_port())),
        ("MAILBOX__IMAP__OAUTH2__CLIENT_ID", "accessd".into()),
        ("MAILBOX__IMAP__OAUTH2__CLIENT_SECRET", "app-secret".into()),
        ("MAILBOX__IMAP__OAUTH2__FLOW", "refresh_token".into()),
        ("MAILBOX__IMAP__OAUTH2__REFRESH_TOKEN_FILE", refresh_file.display().to_string()),
        ("REPLIES__SMTP__USERNAME", COURT.into()),
        ("REPLIES__SMTP__OAUTH2__TOKEN_URL", format!("http://127.0.0.1:{}/token", stack.oauth_port())),
        ("REPLIES__SMTP__OAUTH2__CLIENT_ID", "accessd".into()),
        ("REPLIES__SMTP__OAUTH2__CLIENT_SECRET", "app-secret".into()),
        ("REPLIES__SMTP__OAUTH2__FLOW", "client_credentials".into()),
        ("DESK__LISTEN", desk.to_string()),
    ] {
        daemon.set(key, &value);
    }
    stack.append(COURT, "INBOX", &simple_request("p1@party.example", 1)).await;
    daemon.start();
    let db = daemon.db().await;
    daemon
        .wait_until("the message taken over XOAUTH2", Duration::from_secs(60), || async {
            scalar(&db, "SELECT COUNT(*) FROM tickets").await == 1
        })
        .await;
    assert!(tokens.state.lock().unwrap().introspected >= 1, "Dovecot checked the token");
    let persisted = std::fs::read_to_string(&refresh_file).unwrap();
    assert_eq!(persisted, tokens.state.lock().unwrap().refresh.clone().unwrap(), "the rotated refresh token was saved");
    assert_ne!(persisted.trim(), "rt-0");
    // The acknowledgement went out through Postfix after AUTH XOAUTH2.
    stack.wait_for("p1@party.example", "INBOX", 1, Duration::from_secs(60)).await;
    let postfix_log = std::fs::read_to_string(stack.dir().join("postfix.log")).unwrap_or_default();
    assert!(postfix_log.contains("sasl_method=XOAUTH2"), "Postfix saw no XOAUTH2 login:\n{postfix_log}");

    // The grant is revoked; the next login needs a new token and cannot get one.
    tokens.revoke();
    stack.restart_imap().await;
    let get = |path: &'static str| async move {
        tokio::task::spawn_blocking(move || support::http_get(desk, path)).await.unwrap()
    };
    daemon
        .wait_until("invalid_grant reported", Duration::from_secs(60), || async {
            get("/metrics").await.1.lines().any(|l| l == "accessd_oauth_invalid_grant 1")
        })
        .await;
    let (status, ready) = get("/readyz/mail").await;
    assert!(status == 503 && ready.contains("invalid_grant"), "{status} {ready}");
    let (status, ready) = get("/readyz").await;
    assert_eq!(status, 200, "the desk stays ready whatever the mail does: {ready}");
    assert!(daemon.log().contains("oauth_invalid_grant"), "an alert event in the log");
    daemon.stop();
}

/// Health from what the session really shows: a quiet mailbox on a healthy session
/// raises no alarm; a dead mail server does, once no read has succeeded for the
/// configured time and not before; the desk stays ready throughout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiet_mailbox_is_healthy_and_a_dead_one_alerts_on_time() {
    let mut stack = MailStack::start(&["eservices.example", "party.example"]).await;
    let tmp = tempfile::tempdir().unwrap();
    let desk = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let mut daemon = Daemon::new(&stack, tmp.path());
    daemon.set("DAEMON__STALL_ALERT_MINUTES", "1");
    daemon.set("DESK__LISTEN", &desk.to_string());
    daemon.start();
    let get = |path: &'static str| async move {
        tokio::task::spawn_blocking(move || support::http_get(desk, path)).await.unwrap()
    };
    let gauge = |metrics: &str, name: &str| -> Option<i64> {
        metrics.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
    };
    daemon
        .wait_until("the desk listening", Duration::from_secs(60), || async {
            std::net::TcpStream::connect(desk).is_ok()
        })
        .await;
    daemon
        .wait_until("the mailbox read", Duration::from_secs(60), || async { get("/readyz/mail").await.0 == 200 })
        .await;

    // Ninety quiet seconds: ready, no alert.
    let quiet_until = tokio::time::Instant::now() + Duration::from_secs(90);
    while tokio::time::Instant::now() < quiet_until {
        let (desk_status, desk_body) = get("/readyz").await;
        let (mail_status, mail_body) = get("/readyz/mail").await;
        assert_eq!(desk_status, 200, "{desk_body}");
        assert_eq!(mail_status, 200, "a quiet mailbox is a healthy one: {mail_body}");
        assert_eq!(gauge(&get("/metrics").await.1, "accessd_mailbox_stalled"), Some(0));
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    assert!(!daemon.log().contains("mailbox_stalled"), "no alert on a quiet night");

    // The mail server dies: the alert comes once nothing was read for a minute. That
    // minute runs from the last read, not from the stop: IDLE renewal reads every 20 s,
    // and on a loaded machine the read before the stop may be half a minute old.
    stack.stop_imap().await;
    let stopped = tokio::time::Instant::now();
    let stopped_at = chrono::Utc::now().timestamp();
    loop {
        let metrics = get("/metrics").await.1;
        if gauge(&metrics, "accessd_mailbox_stalled") == Some(1) {
            let last = gauge(&metrics, "accessd_mailbox_last_fetch_timestamp_seconds").unwrap();
            let quiet = chrono::Utc::now().timestamp() - last;
            assert!(quiet >= 60, "alerted after only {quiet} s without a read");
            assert!(last <= stopped_at, "a read succeeded {} s after the server died", last - stopped_at);
            break;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(150),
            "no alert {} s after the server died",
            stopped.elapsed().as_secs()
        );
        assert_eq!(get("/readyz").await.0, 200, "the desk stays ready while the mail server is down");
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    assert_eq!(get("/readyz/mail").await.0, 503);
    assert_eq!(get("/readyz").await.0, 200);
    assert!(daemon.log().contains("mailbox_stalled"), "an alert event in the log");
    stack.start_imap().await;
    daemon.stop();
}
