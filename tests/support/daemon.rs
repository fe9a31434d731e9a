//! `accessd run` as a child process against a `MailStack`, configured through the
//! environment, with its log in a temp dir so a failing test can show it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use accessd::db::Db;

use super::mailstack::MailStack;

/// The court's mailbox in the sample corpus (config/default.toml).
pub const COURT: &str = "eservices@eservices.example";

pub struct Daemon {
    dir: PathBuf,
    env: Vec<(String, String)>,
    child: Option<Child>,
    starts: usize,
}

impl Daemon {
    /// A daemon reading the court's INBOX on `stack` over IMAP and replying through its
    /// Postfix; its SQLite database and log live in `dir`.
    pub fn new(stack: &MailStack, dir: &Path) -> Self {
        let db = database_url(dir);
        let env = [
            ("DATABASE__URL", db),
            ("MAILBOX__SOURCE", "imap".into()),
            ("MAILBOX__IMAP__HOST", "127.0.0.1".into()),
            ("MAILBOX__IMAP__PORT", stack.imap_port().to_string()),
            ("MAILBOX__IMAP__SECURITY", "none".into()),
            ("MAILBOX__IMAP__USERNAME", COURT.into()),
            ("MAILBOX__IMAP__PASSWORD", stack.password().into()),
            ("MAILBOX__IMAP__MAX_BACKOFF_SECS", "2".into()),
            ("REPLIES__TRANSPORT", "smtp".into()),
            ("REPLIES__SMTP__HOST", "127.0.0.1".into()),
            ("REPLIES__SMTP__PORT", stack.smtp_port().to_string()),
            ("REPLIES__SMTP__SECURITY", "none".into()),
            ("REPLIES__RETRY_BASE_SECS", "1".into()),
            // Each daemon's desk on a port of its own.
            ("DESK__LISTEN", "127.0.0.1:0".into()),
        ]
        .into_iter()
        .map(|(k, v)| (format!("ACCESSD__{k}"), v))
        .collect();
        Self { dir: dir.to_path_buf(), env, child: None, starts: 0 }
    }

    /// Overrides one setting (`SECTION__KEY`).
    pub fn set(&mut self, key: &str, value: &str) {
        let key = format!("ACCESSD__{key}");
        self.env.retain(|(k, _)| *k != key);
        self.env.push((key, value.to_string()));
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_accessd"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).envs(self.env.iter().cloned()).env("OMP_THREAD_LIMIT", "1");
        cmd
    }

    /// Imports the directory fixtures in `fixtures` (the sample corpus's layout).
    pub fn import(&self, fixtures: &Path) {
        for (kind, file) in [
            ("accounts", "accounts.csv"),
            ("cases", "cases.csv"),
            ("parties", "parties.csv"),
            ("requests", "access_requests.csv"),
        ] {
            let out = self.command().args(["import", kind]).arg(fixtures.join(file)).output().unwrap();
            assert!(out.status.success(), "import {kind}: {}", String::from_utf8_lossy(&out.stderr));
        }
    }

    pub fn start(&mut self) {
        assert!(self.child.is_none(), "the daemon is already running");
        self.starts += 1;
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.log_path()).unwrap();
        let child = self
            .command()
            .arg("run")
            .env("RUST_LOG", "accessd=info")
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap();
        self.child = Some(child);
    }

    /// The running daemon's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// `kill -9`: no chance to finish anything.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// SIGSTOP (`true`) or SIGCONT (`false`): the process freezes, as a machine that
    /// stalls, and later goes on where it was.
    pub fn pause(&self, paused: bool) {
        let signal = if paused { libc::SIGSTOP } else { libc::SIGCONT };
        if let Some(pid) = self.pid() {
            unsafe { libc::kill(pid as i32, signal) };
        }
    }

    /// SIGTERM, then waits for a clean exit.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "accessd exited with {status} after SIGTERM\n{}", self.log());
                return;
            }
            if Instant::now() > deadline {
                child.kill().ok();
                panic!("accessd did not stop within 60 s of SIGTERM\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.join("accessd.log")
    }

    /// The log's last 200 lines.
    pub fn log(&self) -> String {
        let text = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(200)..].join("\n")
    }

    /// The daemon's database, once the daemon has created its tables.
    pub async fn db(&self) -> Db {
        let url = &self.env.iter().find(|(k, _)| k == "ACCESSD__DATABASE__URL").unwrap().1;
        let db =
            Db::connect(&accessd::config::DatabaseSettings { url: url.clone(), max_connections: 2 }).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while accessd::on_pool!(&db, |pool| sqlx::query("SELECT 1 FROM outbox LIMIT 1").fetch_all(pool).await.is_err())
        {
            assert!(Instant::now() < deadline, "the daemon did not create its tables\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        db
    }

    /// Polls `check` until it holds or `timeout` passes (then panics with the log).
    pub async fn wait_until<F, Fut>(&self, what: &str, timeout: Duration, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + timeout;
        while !check().await {
            assert!(Instant::now() < deadline, "timed out waiting for {what}\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// The daemon's database: SQLite in `dir`, or with `ACCESSD_TEST_ENGINE=postgres` a fresh
/// database on the shared PostgreSQL server (tests/run.sh runs the daemon suite both ways).
fn database_url(dir: &Path) -> String {
    match std::env::var("ACCESSD_TEST_ENGINE").as_deref() {
        Ok("postgres") => super::postgres::PostgresServer::shared().fresh_database("daemon"),
        _ => format!("sqlite://{}/accessd.db?mode=rwc", dir.display()),
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One number from the database.
pub async fn scalar(db: &Db, sql: &str) -> i64 {
    accessd::on_pool!(db, |pool| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap())
}

/// Rows of text pairs from the database.
pub async fn pairs(db: &Db, sql: &str) -> Vec<(String, String)> {
    accessd::on_pool!(db, |pool| sqlx::query_as::<_, (String, String)>(sql).fetch_all(pool).await.unwrap())
}

/// A plain request from `from`, authenticated by the court's MX, with nothing attached.
pub fn simple_request(from: &str, n: usize) -> Vec<u8> {
    let domain = from.rsplit_once('@').map_or("party.example", |(_, d)| d);
    format!(
        "Authentication-Results: mx.eservices.example; dmarc=pass header.from={domain}; spf=pass smtp.mailfrom={from}\r\n\
         From: Party {n} <{from}>\r\n\
         To: {COURT}\r\n\
         Subject: Electronic access request {n}\r\n\
         Date: Mon, 12 Oct 2026 10:00:00 -0400\r\n\
         Message-ID: <req-{n}-{}@{domain}>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Name: Party Number {n}\r\nUser ID: party{n}\r\nPlease give me access to my case.\r\n",
        from.replace('@', ".")
    )
    .into_bytes()
}
