//! The command line as an operator uses it: imports, and `check` on hostile input.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::http_get;

fn accessd(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_accessd"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("ACCESSD__DATABASE__URL", format!("sqlite://{}?mode=rwc", db.display()))
        .env("RUST_LOG", "warn");
    cmd
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let csv = tmp.path().join("cases.csv");
    std::fs::write(
        &csv,
        "docket_number,case_name,case_type\nHHD-CV24-6187342-S,\"WHITLOCK, DANA v. CAPITOL AUTO SALES, LLC\",civil\n",
    )
    .unwrap();
    let first = accessd(&db).args(["import", "cases"]).arg(&csv).output().unwrap();
    assert!(first.status.success(), "{}", text(&first));
    assert!(text(&first).contains("1 inserted or changed"), "{}", text(&first));
    let again = accessd(&db).args(["import", "cases"]).arg(&csv).output().unwrap();
    assert!(text(&again).contains("0 inserted or changed, 1 already up to date"), "{}", text(&again));
}

#[test]
fn a_bad_row_rejects_the_whole_file_naming_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let csv = tmp.path().join("accounts.csv");
    std::fs::write(
        &csv,
        "user_id,full_name,email,account_type,business_name\nok1,Ann Lee,ann@x.example,individual,\nbad2,Bo Li,not-an-address,individual,\n",
    )
    .unwrap();
    let out = accessd(&db).args(["import", "accounts"]).arg(&csv).output().unwrap();
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("line 3") && msg.contains("`email`"), "{msg}");
    // Nothing was imported: the good first row is not in the database either.
    let good = tmp.path().join("good.csv");
    std::fs::write(
        &good,
        "user_id,full_name,email,account_type,business_name\nok1,Ann Lee,ann@x.example,individual,\n",
    )
    .unwrap();
    let out = accessd(&db).args(["import", "accounts"]).arg(&good).output().unwrap();
    assert!(text(&out).contains("1 inserted or changed"), "{}", text(&out));
}

#[test]
fn check_survives_hostile_files() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.eml", Vec::new()),
        ("binary.eml", (0..65536u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8).collect()),
        ("truncated.eml", b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQAAAQABAAD".to_vec()),
        ("nul.eml", vec![0u8; 1000]),
    ];
    for (name, bytes) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = accessd(&db).args(["check", "--json"]).arg(&path).output().unwrap();
        let msg = text(&out);
        assert!(!msg.contains("panicked"), "{name}: {msg}");
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(v["disposition"].is_string(), "{name}");
        } else {
            assert!(msg.contains(name), "{name}: the error names the file: {msg}");
        }
    }
}

#[test]
fn check_handles_a_30_mb_message() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let path = tmp.path().join("big.eml");
    let mut raw = b"From: Ann <ann@x.example>\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nName: Ann Lee\r\n--B\r\nContent-Type: image/jpeg; name=big.jpg\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".to_vec();
    let line = [b'A'; 78].iter().chain(b"\r\n").copied().collect::<Vec<u8>>();
    while raw.len() < 30_000_000 {
        raw.extend_from_slice(&line);
    }
    raw.extend_from_slice(b"--B--\r\n");
    std::fs::write(&path, &raw).unwrap();
    let out = accessd(&db).args(["check", "--json"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].to_string();
    assert!(findings.contains("oversized_attachment"), "{findings}");
}

#[test]
fn a_bad_config_fails_at_start_naming_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let out = accessd(&tmp.path().join("d.db"))
        .env("ACCESSD__SENDER_AUTH__TRUSTED_AUTHSERV_IDS", "")
        .args(["check", "x.eml"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("sender_auth.trusted_authserv_ids"), "{}", text(&out));
}

/// `--since` that is not a time is refused with what to write, before anything is read.
#[test]
fn an_export_since_a_non_time_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    for args in [["decisions", "export", "--since", "12/31/2099"], ["report", "accuracy", "--since", "last week"]] {
        let out = accessd(&db).args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert!(text(&out).contains("is not a time") && text(&out).contains("2026-11-01"), "{}", text(&out));
    }
    let out = accessd(&db).args(["decisions", "export", "--since", "2026-11-01T09:00:00-05:00"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ticket_id,user_id,"), "{}", text(&out));
}

/// What an operator writes first, and nothing else: the compiled-in defaults supply the
/// rest, so a binary installed without the repository's files screens a message.
#[test]
fn check_starts_on_a_file_with_only_the_database_and_trust_anchor() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let config = tmp.path().join("accessd.toml");
    let file = format!(
        "[database]\nurl = \"sqlite://{}?mode=rwc\"\n\n[sender_auth]\ntrusted_authserv_ids = [\"mx.eservices.example\"]\n",
        db.display()
    );
    std::fs::write(&config, file).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/messages/001-labelled-ct-license.eml");
    let out = Command::new(env!("CARGO_BIN_EXE_accessd"))
        .current_dir(tmp.path())
        .env("RUST_LOG", "warn")
        .arg("--config")
        .arg(&config)
        .args(["check", "--json"])
        .arg(&sample)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fields"]["docket_number"], "HHD-CV24-6187342-S", "{v}");
    assert_eq!(v["sender_authenticated"], true, "{v}");
}

/// The embedded defaults: a Maildir in, reply files out. The demo mail is delivered
/// twice; the second copy is recognised, not ticketed again.
/// The demo directory and mail (each message delivered twice) through `accessd run` on
/// a Maildir in `dir`, with `env` set; `while_running` gets the desk's address once the
/// inbox is empty, then the daemon is stopped with SIGTERM.
struct DemoRun {
    db: std::path::PathBuf,
    maildir: std::path::PathBuf,
    outbox: std::path::PathBuf,
    mails: Vec<std::path::PathBuf>,
}

fn run_demo(dir: &Path, env: &[(&str, &str)], while_running: impl FnOnce(std::net::SocketAddr)) -> DemoRun {
    let db = dir.join("d.db");
    let maildir = dir.join("mail");
    let outbox = dir.join("outbox");
    let desk = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let with_dirs = |mut cmd: Command| {
        cmd.env("ACCESSD__MAILBOX__MAILDIR", &maildir)
            .env("ACCESSD__REPLIES__FILE_DIR", &outbox)
            .env("ACCESSD__DESK__LISTEN", desk.to_string())
            .envs(env.iter().copied());
        cmd
    };
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/demo");
    for kind in ["accounts", "cases", "parties", "requests"] {
        let out = accessd(&db).args(["import", kind]).arg(demo.join(format!("directory/{kind}.csv"))).output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
    }
    let mails: Vec<_> = std::fs::read_dir(demo.join("mail")).unwrap().map(|e| e.unwrap().path()).collect();
    for _ in 0..2 {
        let out = with_dirs(accessd(&db)).arg("deliver").args(&mails).output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
    }
    let mut daemon = with_dirs(accessd(&db)).arg("run").spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let inbox_empty =
        || ["new", "cur"].iter().all(|d| std::fs::read_dir(maildir.join(d)).map(|r| r.count() == 0).unwrap_or(false));
    while !inbox_empty() {
        assert!(std::time::Instant::now() < deadline, "the Maildir was not emptied");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    while_running(desk);
    unsafe { libc::kill(daemon.id() as i32, libc::SIGTERM) };
    let status = daemon.wait().unwrap();
    assert!(status.success(), "exit after SIGTERM: {status}");
    DemoRun { db, maildir, outbox, mails }
}

/// One number from the SQLite database, by the sqlite3 command.
fn sqlite_scalar(db: &Path, sql: &str) -> i64 {
    let out = Command::new("sqlite3").arg(db).arg(sql).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or_else(|_| panic!("{sql}: {}", text(&out)))
}

#[test]
fn the_daemon_on_a_maildir_tickets_each_message_once_and_stops_on_sigterm() {
    let tmp = tempfile::tempdir().unwrap();
    // systemd's notification socket: accessd says READY=1, pings the watchdog (every
    // half of WATCHDOG_USEC) and says STOPPING=1.
    let socket_path = tmp.path().join("notify.sock");
    let systemd = std::os::unix::net::UnixDatagram::bind(&socket_path).unwrap();
    systemd.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    // Read as systemd does, all the time, until STOPPING=1 (or silence).
    let listener = std::thread::spawn(move || {
        let mut notifications = Vec::new();
        let mut buf = [0u8; 256];
        while let Ok(n) = systemd.recv(&mut buf) {
            let text = String::from_utf8_lossy(&buf[..n]).trim_end().to_string();
            let stopping = text == "STOPPING=1";
            notifications.push(text);
            if stopping {
                break;
            }
        }
        notifications
    });
    let socket = socket_path.display().to_string();
    let notify_env = [("NOTIFY_SOCKET", socket.as_str()), ("WATCHDOG_USEC", "400000")];
    let DemoRun { db, maildir, outbox, mails } = run_demo(tmp.path(), &notify_env, |desk| {
        // Ready, and the metrics count what happened.
        let (status, body) = http_get(desk, "/readyz");
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(r#""ready":true"#), "{body}");
        let (status, metrics) = http_get(desk, "/metrics");
        assert_eq!(status, 200);
        let demo_mails =
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/demo/mail")).unwrap().count();
        for line in [
            format!("accessd_messages_received_total {demo_mails}"),
            "accessd_messages_screened_total{disposition=\"ignored\"} 1".to_string(),
            "accessd_mailbox_leader 1".to_string(),
            "accessd_mailbox_session_up 1".to_string(),
        ] {
            assert!(metrics.lines().any(|l| l == line), "{line} not in\n{metrics}");
        }
    });
    let notifications = listener.join().unwrap();
    assert_eq!(notifications.first().map(String::as_str), Some("READY=1"), "{notifications:?}");
    assert!(notifications.iter().filter(|n| *n == "WATCHDOG=1").count() >= 2, "{notifications:?}");
    assert_eq!(notifications.last().map(String::as_str), Some("STOPPING=1"), "{notifications:?}");

    let out = accessd(&db).args(["tickets", "list", "--json"]).output().unwrap();
    let tickets: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tickets = tickets.as_array().unwrap();
    assert_eq!(tickets.len(), mails.len(), "one ticket per message: {tickets:?}");
    let in_state = |state: &str| tickets.iter().filter(|t| t["state"] == state).count();
    assert_eq!(in_state("ignored"), 1, "the out-of-office reply");
    assert_eq!(in_state("ready_for_review"), 1, "the complete request, its licence read: {tickets:?}");
    assert_eq!(in_state("awaiting_party"), 2, "no ID; a business without proof: {tickets:?}");
    assert_eq!(in_state("flagged"), 1, "the spoofed sender: {tickets:?}");
    let processed = std::fs::read_dir(maildir.join(".Processed/cur")).unwrap().count();
    let ignored_files = std::fs::read_dir(maildir.join(".Ignored/cur")).unwrap().count();
    assert_eq!(processed + ignored_files, 2 * mails.len(), "both copies moved out of the inbox");
    let replies = std::fs::read_dir(&outbox)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml"))
        .count();
    assert_eq!(replies, mails.len() - 1, "a reply per ticket, none for automatic mail");

    let id = tickets[0]["ticket_id"].as_str().unwrap();
    let show = accessd(&db).args(["tickets", "show", id]).output().unwrap();
    assert!(text(&show).contains("history:") && text(&show).contains("screened"), "{}", text(&show));
    let missing = accessd(&db).args(["tickets", "show", "EA-1999-000001"]).output().unwrap();
    assert!(!missing.status.success() && text(&missing).contains("tickets list"), "{}", text(&missing));
    let bad_state = accessd(&db).args(["tickets", "list", "--state", "open"]).output().unwrap();
    assert!(text(&bad_state).contains("awaiting_party"), "{}", text(&bad_state));
}

#[test]
fn messages_are_encrypted_at_rest_keys_rotate_and_decided_tickets_are_purged() {
    let tmp = tempfile::tempdir().unwrap();
    let key_of = |out: Output| String::from_utf8(out.stdout).unwrap().trim().to_string();
    let old_key = key_of(accessd(&tmp.path().join("k.db")).args(["keys", "generate"]).output().unwrap());
    let new_key = key_of(accessd(&tmp.path().join("k.db")).args(["keys", "generate"]).output().unwrap());
    assert_eq!(old_key.len(), 64);
    let run = run_demo(tmp.path(), &[("ACCESSD__STORAGE__DOCUMENT_KEYS", old_key.as_str())], |_| {});
    let db = &run.db;
    let stored = sqlite_scalar(db, "SELECT COUNT(*) FROM messages");
    assert_eq!(stored, 2 * run.mails.len() as i64);
    assert_eq!(
        sqlite_scalar(db, "SELECT COUNT(*) FROM messages WHERE substr(raw, 1, 8) = CAST('ACCESSD1' AS BLOB)"),
        stored,
        "every raw message encrypted"
    );
    assert_eq!(sqlite_scalar(db, "SELECT COUNT(*) FROM messages WHERE instr(raw, CAST('Subject:' AS BLOB)) > 0"), 0);

    // Rotation: the new key first, the old one still there to read; then the new alone.
    let both = format!("{new_key},{old_key}");
    let out = accessd(db).args(["keys", "rotate"]).env("ACCESSD__STORAGE__DOCUMENT_KEYS", &both).output().unwrap();
    assert!(text(&out).contains(&format!("{stored} messages re-encrypted")), "{}", text(&out));
    let out = accessd(db).args(["keys", "rotate"]).env("ACCESSD__STORAGE__DOCUMENT_KEYS", &new_key).output().unwrap();
    assert!(text(&out).contains("0 messages re-encrypted"), "{}", text(&out));

    // A ticket approved 100 days ago is purged; the others are not.
    let ticket = "(SELECT ticket_id FROM tickets WHERE state <> 'ignored' ORDER BY ticket_id LIMIT 1)";
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(format!(
            "UPDATE tickets SET state = 'approved', updated_at = '2020-01-01T00:00:00.000000Z' WHERE ticket_id = {ticket}"
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let dry = accessd(db).args(["purge", "--dry-run"]).output().unwrap();
    assert!(text(&dry).contains("would purge 1 tickets (2 messages"), "{}", text(&dry));
    assert_eq!(
        sqlite_scalar(db, "SELECT COUNT(*) FROM messages WHERE purged_at IS NOT NULL"),
        0,
        "a dry run purges nothing"
    );
    let purge = accessd(db).args(["purge"]).output().unwrap();
    assert!(text(&purge).contains("purged 1 tickets (2 messages"), "{}", text(&purge));
    assert_eq!(sqlite_scalar(db, "SELECT COUNT(*) FROM messages WHERE purged_at IS NOT NULL AND length(raw) = 0"), 2);
    assert_eq!(sqlite_scalar(db, "SELECT COUNT(*) FROM tickets WHERE purged_at IS NOT NULL"), 1);
    assert_eq!(
        sqlite_scalar(
            db,
            "SELECT COUNT(*) FROM tickets WHERE purged_at IS NOT NULL AND screening LIKE '%document_evidence%'"
        ),
        0
    );
    assert_eq!(sqlite_scalar(db, "SELECT COUNT(*) FROM ticket_events WHERE kind = 'purged'"), 1);
    let again = accessd(db).args(["purge"]).output().unwrap();
    assert!(text(&again).contains("purged 0 tickets"), "{}", text(&again));
    let audit = accessd(db).args(["audit", "verify"]).output().unwrap();
    assert!(audit.status.success() && text(&audit).contains("1 events"), "{}", text(&audit));
    // The ticket itself is still there to show.
    let id = String::from_utf8(
        Command::new("sqlite3")
            .arg(db)
            .arg("SELECT ticket_id FROM tickets WHERE purged_at IS NOT NULL")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let show = accessd(db).args(["tickets", "show", id.trim()]).output().unwrap();
    assert!(show.status.success() && text(&show).contains("purged"), "{}", text(&show));
}
