//! A real PostgreSQL server for tests: `initdb` into a temp dir, started on a free
//! loopback port, trust authentication, stopped when the test binary exits. One server
//! per test binary; each test gets its own database.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub struct PostgresServer {
    data: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

fn bin_dir() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is not installed: run deploy/debian-deps.sh")
        .map(|e| e.unwrap().path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().expect("no PostgreSQL server binaries under /usr/lib/postgresql")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// PostgreSQL refuses to run as root; as root the server runs as the `postgres` user.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl PostgresServer {
    fn start() -> Self {
        let bin = bin_dir();
        let data = tempfile::Builder::new().prefix("accessd-pg-").tempdir().unwrap();
        if is_root() {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(data.path()).status().unwrap();
            assert!(status.success());
        }
        let pgdata = data.path().join("data");
        let out = as_server_user(&bin.join("initdb"))
            .args(["--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8", "-D"])
            .arg(&pgdata)
            .output()
            .unwrap();
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let port = free_port();
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            data.path().display()
        );
        let out = as_server_user(&bin.join("pg_ctl"))
            .args(["-D"])
            .arg(&pgdata)
            .args(["-l"])
            .arg(data.path().join("server.log"))
            .args(["-o", &options, "-w", "start"])
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "pg_ctl start: {}", String::from_utf8_lossy(&out.stderr));
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "PostgreSQL did not start listening on {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        PostgresServer { data, bin, port }
    }

    /// The shared server of this test binary, started on first use.
    pub fn shared() -> &'static PostgresServer {
        static SERVER: OnceLock<PostgresServer> = OnceLock::new();
        SERVER.get_or_init(|| {
            let server = PostgresServer::start();
            // Stop the server when the test binary exits, even though statics are not dropped.
            let stop_cmd = (server.bin.join("pg_ctl"), server.data.path().join("data"));
            STOP.get_or_init(|| stop_cmd);
            extern "C" fn stop_at_exit() {
                if let Some((pg_ctl, data)) = STOP.get() {
                    let _ = as_server_user(pg_ctl)
                        .args(["-D"])
                        .arg(data)
                        .args(["-m", "immediate", "stop"])
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status();
                    if let Some(dir) = data.parent() {
                        let _ = std::fs::remove_dir_all(dir);
                    }
                }
            }
            // SAFETY: registers a plain function with the C runtime; it only reads a static.
            unsafe { libc::atexit(stop_at_exit) };
            server
        })
    }

    /// A new, empty database on this server; returns its URL.
    pub fn fresh_database(&self, name_hint: &str) -> String {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name: String = format!("t_{}_{}_{n}", name_hint, std::process::id())
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .collect();
        let out = Command::new(self.bin.join("psql"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres", "-d", "postgres", "-qc"])
            .arg(format!("CREATE DATABASE {name}"))
            .output()
            .unwrap();
        assert!(out.status.success(), "create database: {}", String::from_utf8_lossy(&out.stderr));
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

static STOP: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
