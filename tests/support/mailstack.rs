//! Real mail servers for tests: a private Dovecot (IMAP, plus LMTP for delivery) and a
//! private Postfix instance (SMTP), both run from one temp dir on free loopback ports.
//! Several stacks can run side by side in one test binary.
//!
//! Addressing: the Dovecot user name is the full e-mail address, lower-cased by Dovecot
//! (`auth_username_format = %Lu`). Mail that Postfix accepts for `jane@party.example` is
//! handed over LMTP to Dovecot and lands in the INBOX of the user `jane@party.example`;
//! log in over IMAP with that name and [`MailStack::password`]. Any name is a valid user;
//! its Maildir appears on first use under `TMP/mail/<user>/Maildir`. A `+detail` in the
//! local part is dropped by Dovecot (`jane+x@party.example` goes to `jane@party.example`).
//!
//! Postfix accepts mail only from 127.0.0.0/8 and only for recipients in the domains
//! given to [`MailStack::start`]; any other recipient is refused at `RCPT TO` with a 550.
//! Deliveries that fail while Dovecot is down are retried every second or two.
//!
//! Needs root: both servers start as root and drop privileges. Mail is owned by the
//! system user `accessd-mail`, created (once) when missing.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use async_imap::Session;
use futures::TryStreamExt;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpStream;

/// The system user that owns the mail on disk (Dovecot refuses to store mail as root).
pub const MAIL_USER: &str = "accessd-mail";
/// How long a server may take to start or stop before the test fails.
const SERVER_TIMEOUT: Duration = Duration::from_secs(20);
/// How long Dovecot may take to shut down on SIGTERM before it is killed. Its master
/// sometimes lingers for 6 s when the signal races a child's start-up, holding its
/// sockets open so that LMTP and IMAP clients hang instead of being refused.
const DOVECOT_GRACE: Duration = Duration::from_millis(500);
/// How long one IMAP helper call may take before the test fails.
const IMAP_TIMEOUT: Duration = Duration::from_secs(30);

type Imap = Session<TcpStream>;

/// A running Dovecot + Postfix pair. Dropping it stops both servers and removes the mail.
pub struct MailStack {
    id: u64,
    imap_port: u16,
    smtp_port: u16,
    /// Where Dovecot's oauth2 passdb introspects tokens (XOAUTH2, OAUTHBEARER); a test
    /// that logs in with OAuth2 serves the endpoint there.
    oauth_port: u16,
    password: String,
    /// The Dovecot master, run in the foreground (`dovecot -F`) as our child and as the
    /// leader of its own process group.
    dovecot: Option<Child>,
    smtp_running: bool,
    /// Declared last so the directory is removed only after the servers have stopped.
    dir: tempfile::TempDir,
}

impl MailStack {
    /// Starts Dovecot and Postfix; Postfix delivers mail for every address in `domains`
    /// to the Dovecot user named by the full address. Takes well under a second.
    pub async fn start(domains: &[&str]) -> MailStack {
        assert!(is_root(), "MailStack starts Dovecot and Postfix and must run as root");
        let (uid, gid) = mail_user();
        let dir = tempfile::Builder::new()
            .prefix("accessd-mail-")
            // Unix socket paths must stay short (108 bytes), whatever TMPDIR says.
            .tempdir_in("/tmp")
            .expect("create the mail stack's temp dir");
        let (imap_port, smtp_port, oauth_port) = free_ports();
        let password = format!("{:016x}", RandomState::new().hash_one((std::process::id(), Instant::now())));
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // From here on a panic drops the stack, which stops whatever already started.
        let mut stack =
            MailStack { id, imap_port, smtp_port, oauth_port, password, dovecot: None, smtp_running: false, dir };
        stack.write_config(domains, uid, gid);
        register(&stack);
        // Dovecot first: Postfix's smtpd needs Dovecot's auth socket, and an smtpd that
        // finds none exits, which Postfix's master answers by throttling smtpd for a
        // minute (seen on a loaded CI machine).
        stack.spawn_dovecot();
        stack.wait_dovecot_ready().await;
        stack.start_smtp().await;
        stack
    }

    pub fn imap_port(&self) -> u16 {
        self.imap_port
    }

    pub fn smtp_port(&self) -> u16 {
        self.smtp_port
    }

    /// Dovecot POSTs `token=…` to `http://127.0.0.1:<this>/introspect` and expects
    /// `{"active": true, "username": "<user>"}`.
    pub fn oauth_port(&self) -> u16 {
        self.oauth_port
    }

    /// The password of every IMAP user.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The temp dir holding configuration, logs (`dovecot.log`, `postfix.log`) and mail.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The tails of both servers' logs, for failure messages.
    pub fn logs(&self) -> String {
        let mut out = String::new();
        for name in ["dovecot.log", "dovecot.stderr", "postfix.log"] {
            match std::fs::read(self.path(name)) {
                Ok(text) => {
                    let tail = &text[text.len().saturating_sub(6000)..];
                    out.push_str(&format!("--- {name} ---\n{}\n", String::from_utf8_lossy(tail)));
                }
                Err(e) => out.push_str(&format!("--- {name}: {e} ---\n")),
            }
        }
        out
    }

    /// Stops Dovecot (dropping every IMAP session) and starts it again on the same port
    /// with the same mail.
    pub async fn restart_imap(&mut self) {
        self.stop_imap().await;
        self.start_imap().await;
    }

    /// Stops Dovecot (does nothing if stopped): IMAP connections are refused and Postfix
    /// holds incoming mail in its queue until [`MailStack::start_imap`].
    pub async fn stop_imap(&mut self) {
        self.stop_dovecot().await;
    }

    /// Starts Dovecot again (does nothing if running) and waits for its IMAP greeting.
    pub async fn start_imap(&mut self) {
        if self.dovecot.is_none() {
            self.spawn_dovecot();
            self.wait_dovecot_ready().await;
        }
    }

    /// Stops Postfix (`postfix stop`; does nothing if stopped); afterwards SMTP connections are refused.
    pub async fn stop_smtp(&mut self) {
        if !self.smtp_running {
            return;
        }
        if let Err(e) = self.postfix("stop").await {
            self.fail(&e);
        }
        self.smtp_running = false;
        if let Err(e) = wait_port_closed(self.smtp_port).await {
            self.fail(&format!("Postfix stopped but {e}"));
        }
    }

    /// Starts Postfix (`postfix start`; does nothing if running) and waits for its SMTP greeting.
    pub async fn start_smtp(&mut self) {
        if self.smtp_running {
            return;
        }
        if let Err(e) = self.postfix("start").await {
            self.fail(&e);
        }
        self.smtp_running = true;
        let deadline = Instant::now() + SERVER_TIMEOUT;
        loop {
            match greeting(self.smtp_port).await {
                Ok(line) if line.starts_with("220") => return,
                // smtpd hung up at once: Dovecot's auth socket for Postfix is not
                // listening (Dovecot stopped by a test). Ask again until the deadline.
                Ok(line) if line.is_empty() && Instant::now() <= deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                Ok(line) => self.fail(&format!("unexpected SMTP greeting on {}: {line}", self.smtp_port)),
                Err(e) if Instant::now() > deadline => self
                    .fail(&format!("Postfix did not greet on port {} within {SERVER_TIMEOUT:?}: {e}", self.smtp_port)),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Postfix keeps accepting mail but holds it in its queue instead of delivering it
    /// (`defer_transports`), as a court's relay passes replies on to other machines: a
    /// bench then measures what accessd hands over, not local delivery sharing its CPU.
    pub async fn hold_deliveries(&self) {
        let mut cmd = tokio::process::Command::new("postconf");
        cmd.arg("-c").arg(self.path("postfix/etc")).args(["-e", "defer_transports = lmtp"]);
        if let Err(e) = run(cmd, "postconf defer_transports").await {
            self.fail(&e);
        }
        if let Err(e) = self.postfix("reload").await {
            self.fail(&e);
        }
    }

    /// Gives `folder` of `user` a new UIDVALIDITY (the old one plus one), keeping its
    /// messages and UIDs (`doveadm mailbox update --uid-validity`). Dovecot ends any IMAP
    /// session that has the folder selected ("IMAP session state is inconsistent").
    pub async fn reset_uidvalidity(&mut self, user: &str, folder: &str) {
        let old = self.uid_validity(user, folder).await;
        let new = old.checked_add(1).unwrap_or(1);
        let mut cmd = tokio::process::Command::new("doveadm");
        cmd.arg("-c").arg(self.path("dovecot.conf")).args([
            "mailbox",
            "update",
            "-u",
            user,
            "--uid-validity",
            &new.to_string(),
            folder,
        ]);
        if let Err(e) = run(cmd, "doveadm mailbox update").await {
            self.fail(&e);
        }
        let now = self.uid_validity(user, folder).await;
        if now != new {
            self.fail(&format!("UIDVALIDITY of {user}/{folder} is {now} after setting it to {new}"));
        }
    }

    /// The UIDVALIDITY that SELECT reports for `folder` of `user`.
    pub async fn uid_validity(&self, user: &str, folder: &str) -> u32 {
        self.imap(user, "EXAMINE", async |s| {
            let mailbox = s.examine(folder).await?;
            Ok(mailbox.uid_validity.unwrap_or_else(|| panic!("no UIDVALIDITY for {user}/{folder}")))
        })
        .await
    }

    /// Creates `folder` for `user`; does nothing if it exists.
    pub async fn create_folder(&self, user: &str, folder: &str) {
        self.imap(user, "CREATE", async |s| create_if_missing(s, folder).await).await
    }

    /// Appends one raw message to `folder` of `user`, creating the folder if missing.
    pub async fn append(&self, user: &str, folder: &str, raw: &[u8]) {
        self.append_many(user, folder, &[raw.to_vec()]).await
    }

    /// Appends raw messages, in order, over one IMAP session.
    pub async fn append_many(&self, user: &str, folder: &str, raws: &[Vec<u8>]) {
        self.imap(user, "APPEND", async |s| {
            create_if_missing(s, folder).await?;
            for raw in raws {
                s.append(folder, None, None, raw).await?;
            }
            Ok(())
        })
        .await
    }

    /// Every message in `folder` of `user`, raw as Dovecot serves them (CRLF line ends),
    /// in UID order, without setting \Seen. A missing folder has no messages.
    pub async fn fetch_all(&self, user: &str, folder: &str) -> Vec<Vec<u8>> {
        self.imap(user, "FETCH", async |s| {
            match s.examine(folder).await {
                Ok(mailbox) if mailbox.exists == 0 => return Ok(Vec::new()),
                Ok(_) => {}
                Err(async_imap::error::Error::No(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e),
            }
            let mut fetches: Vec<_> = s.uid_fetch("1:*", "(UID BODY.PEEK[])").await?.try_collect().await?;
            fetches.sort_by_key(|f| f.uid);
            Ok(fetches.iter().map(|f| f.body().unwrap_or_default().to_vec()).collect())
        })
        .await
    }

    /// How many messages `folder` of `user` holds; 0 if the folder does not exist.
    pub async fn count(&self, user: &str, folder: &str) -> usize {
        self.imap(user, "STATUS", async |s| match s.status(folder, "(MESSAGES)").await {
            Ok(mailbox) => Ok(mailbox.exists as usize),
            Err(async_imap::error::Error::No(_)) => Ok(0),
            Err(e) => Err(e),
        })
        .await
    }

    /// Waits until `folder` of `user` holds at least `n` messages; panics after `timeout`.
    pub async fn wait_for(&self, user: &str, folder: &str, n: usize, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let count = self.count(user, folder).await;
            if count >= n {
                return;
            }
            if Instant::now() > deadline {
                self.fail(&format!("{user}/{folder} holds {count} messages, not {n}, after {timeout:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Logs `user` in over IMAP.
    pub async fn login(&self, user: &str) -> Result<Imap, async_imap::error::Error> {
        let tcp = TcpStream::connect(("127.0.0.1", self.imap_port)).await?;
        let mut client = async_imap::Client::new(tcp);
        match client.read_response().await? {
            Some(_greeting) => {}
            None => return Err(async_imap::error::Error::ConnectionLost),
        }
        client.login(user, &self.password).await.map_err(|(e, _)| e)
    }

    /// Runs `op` in a fresh session of `user`, then logs out; panics with the server logs
    /// on any error or after [`IMAP_TIMEOUT`].
    async fn imap<R>(
        &self,
        user: &str,
        what: &str,
        op: impl AsyncFnOnce(&mut Imap) -> Result<R, async_imap::error::Error>,
    ) -> R {
        let work = async {
            let mut session = self.login(user).await?;
            let result = op(&mut session).await?;
            session.logout().await?;
            Ok::<R, async_imap::error::Error>(result)
        };
        match tokio::time::timeout(IMAP_TIMEOUT, work).await {
            Ok(Ok(result)) => result,
            Ok(Err(e)) => self.fail(&format!("IMAP {what} as {user}: {e}")),
            Err(_) => self.fail(&format!("IMAP {what} as {user} took longer than {IMAP_TIMEOUT:?}")),
        }
    }

    fn fail(&self, message: &str) -> ! {
        panic!("{message}\n{}", self.logs())
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write_config(&self, domains: &[&str], uid: u32, gid: u32) {
        let root = self.dir.path();
        let dir = root.display();
        // tempfile makes 0700 dirs; Dovecot's and Postfix's users must reach their files.
        chmod(root, 0o755);
        for sub in ["dovecot", "mail", "postfix/etc", "postfix/spool", "postfix/data"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        chown(&root.join("mail"), uid, gid);
        make_postfix_queue(&root.join("postfix/spool"), &root.join("postfix/data"));

        let instance = root.file_name().unwrap().to_string_lossy();
        let (password, imap_port, smtp_port) = (&self.password, self.imap_port, self.smtp_port);
        let dovecot = format!(
            "# Written by tests/support/mailstack.rs
base_dir = {dir}/dovecot/run
state_dir = {dir}/dovecot/state
instance_name = {instance}
log_path = {dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_uid = {uid}
mail_gid = {gid}
mail_fsync = never
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {dir}/dovecot-oauth2.conf.ext
}}
passdb {{
  driver = static
  mechanisms = plain login
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/mail/%u allow_all_users=yes
}}
protocol imap {{
  mail_max_userip_connections = 1000
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service lmtp {{
  unix_listener {dir}/dovecot/lmtp {{
    mode = 0666
  }}
}}
# Postfix asks Dovecot to check SMTP AUTH (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER).
service auth {{
  unix_listener {dir}/dovecot/auth-postfix {{
    mode = 0666
  }}
}}
"
        );
        std::fs::write(root.join("dovecot.conf"), dovecot).unwrap();
        let oauth2 = format!(
            "introspection_mode = post
introspection_url = http://127.0.0.1:{}/introspect
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
",
            self.oauth_port
        );
        std::fs::write(root.join("dovecot-oauth2.conf.ext"), oauth2).unwrap();

        let domains = domains.join(", ");
        let main_cf = format!(
            "# Written by tests/support/mailstack.rs
compatibility_level = 3.6
queue_directory = {dir}/postfix/spool
data_directory = {dir}/postfix/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = {dir}/postfix.log
maillog_file_prefixes = {dir}
myhostname = localhost
mydomain = localdomain
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains = {domains}
relay_recipient_maps =
relay_transport = lmtp:unix:{dir}/dovecot/lmtp
default_transport = error:this test mail system only delivers to {domains}
local_transport = error:no local delivery here
local_recipient_maps =
alias_maps =
alias_database =
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = {dir}/dovecot/auth-postfix
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
smtpd_peername_lookup = no
smtpd_error_sleep_time = 0
in_flow_delay = 0
message_size_limit = 104857600
queue_run_delay = 1s
minimal_backoff_time = 2s
maximal_backoff_time = 4s
biff = no
append_dot_mydomain = no
"
        );
        std::fs::write(root.join("postfix/etc/main.cf"), main_cf).unwrap();
        // No chroot anywhere (fifth column `n`): the LMTP socket lives in the temp dir.
        let master_cf = format!(
            "# Written by tests/support/mailstack.rs
127.0.0.1:{smtp_port} inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n -  0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n -  - trivial-rewrite
bounce    unix  - - n -  0 bounce
defer     unix  - - n -  0 bounce
trace     unix  - - n -  0 bounce
verify    unix  - - n -  1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -  - proxymap
smtp      unix  - - n -  - smtp
relay     unix  - - n -  - smtp
showq     unix  n - n -  - showq
error     unix  - - n -  - error
retry     unix  - - n -  - error
discard   unix  - - n -  - discard
lmtp      unix  - - n -  - lmtp
anvil     unix  - - n -  1 anvil
scache    unix  - - n -  1 scache
postlog   unix-dgram n - n - 1 postlogd
"
        );
        std::fs::write(root.join("postfix/etc/master.cf"), master_cf).unwrap();
        // Postfix re-reads a "hot" main.cf (changed within the last 2 s) until it cools
        // down, which would add 2 s to every start: backdate the files.
        for name in ["postfix/etc/main.cf", "postfix/etc/master.cf"] {
            let file = std::fs::File::options().append(true).open(root.join(name)).unwrap();
            file.set_modified(std::time::SystemTime::now() - Duration::from_secs(60)).unwrap();
        }
    }

    fn spawn_dovecot(&mut self) {
        let stderr = std::fs::OpenOptions::new().create(true).append(true).open(self.path("dovecot.stderr")).unwrap();
        // Its own process group: the master leaves its children running when it gets
        // SIGTERM alone (IMAP sessions would survive a restart), so stops signal the group.
        let child = Command::new("dovecot")
            .process_group(0)
            .arg("-F")
            .arg("-c")
            .arg(self.path("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(stderr.try_clone().unwrap())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run dovecot (is dovecot-imapd installed?): {e}"));
        self.dovecot = Some(child);
        register(self);
    }

    async fn wait_dovecot_ready(&mut self) {
        let deadline = Instant::now() + SERVER_TIMEOUT;
        loop {
            if let Some(child) = self.dovecot.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    self.dovecot = None;
                    self.fail(&format!("Dovecot exited at start-up: {status}"));
                }
            }
            match greeting(self.imap_port).await {
                Ok(line) if line.starts_with("* OK") => break,
                Ok(line) => self.fail(&format!("unexpected IMAP greeting on {}: {line}", self.imap_port)),
                Err(e) if Instant::now() > deadline => self
                    .fail(&format!("Dovecot did not greet on port {} within {SERVER_TIMEOUT:?}: {e}", self.imap_port)),
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
        // The LMTP socket is made by the master before any listener answers.
        let lmtp = self.path("dovecot/lmtp");
        if !lmtp.exists() {
            self.fail(&format!("Dovecot is up but has no LMTP socket at {}", lmtp.display()));
        }
    }

    async fn stop_dovecot(&mut self) {
        if let Some(mut child) = self.dovecot.take() {
            signal_group(child.id(), libc::SIGTERM);
            let deadline = Instant::now() + DOVECOT_GRACE;
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            // Whatever is left of the old instance must not serve clients any more.
            signal_group(child.id(), libc::SIGKILL);
            let deadline = Instant::now() + SERVER_TIMEOUT;
            loop {
                match child.try_wait() {
                    Ok(Some(_)) => break,
                    Ok(None) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(10)).await,
                    Ok(None) => self.fail("Dovecot survived SIGKILL"),
                    Err(e) => self.fail(&format!("waiting for Dovecot to stop: {e}")),
                }
            }
            register(self);
        }
        // Login processes can outlive the master for a moment, still holding the port.
        if let Err(e) = wait_port_closed(self.imap_port).await {
            self.fail(&format!("Dovecot stopped but {e}"));
        }
    }

    /// Runs `postfix -c DIR action`.
    async fn postfix(&self, action: &str) -> Result<(), String> {
        if action == "start" {
            // The queue is ours and known to be sound: skip `postfix check`.
            std::fs::write(self.path("postfix/spool/quick-start"), "").unwrap();
        }
        let mut cmd = tokio::process::Command::new("postfix");
        cmd.arg("-c").arg(self.path("postfix/etc")).arg(action);
        run(cmd, &format!("postfix {action}")).await
    }

    fn cleanup(&self) -> Cleanup {
        Cleanup {
            dovecot: self.dovecot.as_ref().map(Child::id),
            postfix_pid_file: self.path("postfix/spool/pid/master.pid"),
            dir: self.dir.path().to_path_buf(),
        }
    }
}

impl Drop for MailStack {
    fn drop(&mut self) {
        // Best effort and bounded: SIGTERM, a short wait, then SIGKILL.
        if let Some(mut child) = self.dovecot.take() {
            signal_group(child.id(), libc::SIGTERM);
            let deadline = Instant::now() + DOVECOT_GRACE;
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            signal_group(child.id(), libc::SIGKILL);
            let _ = child.wait();
        }
        stop_postfix_master(&self.cleanup().postfix_pid_file);
        live().retain(|(id, _)| *id != self.id);
    }
}

/// What it takes to stop a stack that was never dropped (leaked, or kept in a static).
struct Cleanup {
    dovecot: Option<u32>,
    postfix_pid_file: PathBuf,
    dir: PathBuf,
}

fn live() -> std::sync::MutexGuard<'static, Vec<(u64, Cleanup)>> {
    static LIVE: Mutex<Vec<(u64, Cleanup)>> = Mutex::new(Vec::new());
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Records (or updates) how to stop `stack` when the test binary exits.
fn register(stack: &MailStack) {
    static AT_EXIT: Once = Once::new();
    AT_EXIT.call_once(|| {
        extern "C" fn stop_all() {
            for (_, cleanup) in live().drain(..) {
                if let Some(pid) = cleanup.dovecot {
                    signal_group(pid, libc::SIGTERM);
                    wait_gone(pid, DOVECOT_GRACE);
                    signal_group(pid, libc::SIGKILL);
                }
                stop_postfix_master(&cleanup.postfix_pid_file);
                let _ = std::fs::remove_dir_all(&cleanup.dir);
            }
        }
        // SAFETY: registers a plain function with the C runtime; it only touches a static.
        unsafe { libc::atexit(stop_all) };
    });
    let mut live = live();
    live.retain(|(id, _)| *id != stack.id);
    live.push((stack.id, stack.cleanup()));
}

/// Stops a Postfix master the way `postfix stop` does (SIGTERM; the master takes its
/// children down), but never waits more than a few seconds.
fn stop_postfix_master(pid_file: &Path) {
    let Some(pid) = std::fs::read_to_string(pid_file).ok().and_then(|s| s.trim().parse::<u32>().ok()) else {
        return;
    };
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if comm.trim() != "master" || !alive(pid) {
        return;
    }
    signal(pid, libc::SIGTERM);
    if !wait_gone(pid, Duration::from_secs(5)) {
        // The master leads its own process group.
        signal_group(pid, libc::SIGKILL);
    }
}

fn signal(pid: u32, sig: libc::c_int) {
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(pid as libc::pid_t, sig) };
}

fn signal_group(pid: u32, sig: libc::c_int) {
    // SAFETY: kill has no memory-safety preconditions.
    unsafe { libc::kill(-(pid as libc::pid_t), sig) };
}

/// Whether `pid` runs (a zombie does not: daemons' orphans may never be reaped here).
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            !matches!(stat.rsplit(')').next().map(str::trim_start).and_then(|s| s.chars().next()), Some('Z' | 'X'))
        }
        Err(_) => false,
    }
}

fn wait_gone(pid: u32, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while alive(pid) {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

/// Runs a command to completion within [`SERVER_TIMEOUT`].
async fn run(mut cmd: tokio::process::Command, what: &str) -> Result<(), String> {
    cmd.stdin(Stdio::null()).env_remove("MAIL_CONFIG").kill_on_drop(true);
    match tokio::time::timeout(SERVER_TIMEOUT, cmd.output()).await {
        Err(_) => Err(format!("`{what}` did not finish within {SERVER_TIMEOUT:?}")),
        Ok(Err(e)) => Err(format!("cannot run `{what}`: {e}")),
        Ok(Ok(out)) if out.status.success() => Ok(()),
        Ok(Ok(out)) => Err(format!(
            "`{what}` failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

/// Connects to a loopback port and reads the server's first line.
async fn greeting(port: u16) -> Result<String, String> {
    let attempt = async {
        let tcp = TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
        let mut line = String::new();
        BufReader::new(tcp).read_line(&mut line).await.map_err(|e| e.to_string())?;
        Ok(line.trim_end().to_string())
    };
    tokio::time::timeout(Duration::from_secs(5), attempt).await.unwrap_or_else(|_| Err("no greeting within 5 s".into()))
}

/// Waits until connections to a loopback port are refused.
async fn wait_port_closed(port: u16) -> Result<(), String> {
    let deadline = Instant::now() + SERVER_TIMEOUT;
    loop {
        match TcpStream::connect(("127.0.0.1", port)).await {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => return Ok(()),
            _ if Instant::now() > deadline => return Err(format!("port {port} still accepts connections")),
            _ => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

async fn create_if_missing(s: &mut Imap, folder: &str) -> Result<(), async_imap::error::Error> {
    if folder.eq_ignore_ascii_case("INBOX") {
        return Ok(());
    }
    match s.status(folder, "(MESSAGES)").await {
        Ok(_) => Ok(()),
        Err(async_imap::error::Error::No(_)) => s.create(folder).await,
        Err(e) => Err(e),
    }
}

/// Makes the queue and data directories as `post-install create-missing` would (see
/// /etc/postfix/postfix-files), so `postfix start` can skip its slow checks (2 s of
/// shell) through the `quick-start` flag file.
fn make_postfix_queue(queue: &Path, data: &Path) {
    let (postfix, _) = user_ids("postfix").expect("Postfix is not installed (no `postfix` user)");
    let postdrop = group_id("postdrop").expect("Postfix is not installed (no `postdrop` group)");
    for (name, gid, mode) in [
        ("active", 0, 0o700),
        ("bounce", 0, 0o700),
        ("corrupt", 0, 0o700),
        ("defer", 0, 0o700),
        ("deferred", 0, 0o700),
        ("flush", 0, 0o700),
        ("hold", 0, 0o700),
        ("incoming", 0, 0o700),
        ("private", 0, 0o700),
        ("saved", 0, 0o700),
        ("trace", 0, 0o700),
        ("maildrop", postdrop, 0o730),
        ("public", postdrop, 0o710),
    ] {
        let dir = queue.join(name);
        std::fs::create_dir(&dir).unwrap();
        chown(&dir, postfix, gid);
        chmod(&dir, mode);
    }
    std::fs::create_dir(queue.join("pid")).unwrap();
    chmod(&queue.join("pid"), 0o755);
    chown(data, postfix, 0);
    chmod(data, 0o700);
}

/// Two distinct free loopback ports, never handed out before in this process.
fn free_ports() -> (u16, u16, u16) {
    static USED: Mutex<Vec<u16>> = Mutex::new(Vec::new());
    let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
    let mut held = Vec::new();
    let mut ports = Vec::new();
    while ports.len() < 3 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        if !used.contains(&port) {
            used.push(port);
            ports.push(port);
        }
        held.push(listener);
    }
    (ports[0], ports[1], ports[2])
}

/// The uid and gid of [`MAIL_USER`], creating the system user if missing.
fn mail_user() -> (u32, u32) {
    static IDS: OnceLock<(u32, u32)> = OnceLock::new();
    *IDS.get_or_init(|| {
        if let Some(ids) = user_ids(MAIL_USER) {
            return ids;
        }
        let out = Command::new("useradd")
            .args(["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent"])
            .args(["--shell", "/usr/sbin/nologin", MAIL_USER])
            .output()
            .expect("run useradd");
        // Another process may have created the user at the same time.
        user_ids(MAIL_USER)
            .unwrap_or_else(|| panic!("useradd {MAIL_USER} failed: {}", String::from_utf8_lossy(&out.stderr)))
    })
}

fn user_ids(name: &str) -> Option<(u32, u32)> {
    let id = |flag: &str| -> Option<u32> {
        let out = Command::new("id").arg(flag).arg(name).stderr(Stdio::null()).output().ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    };
    Some((id("-u")?, id("-g")?))
}

fn group_id(name: &str) -> Option<u32> {
    let out = Command::new("getent").args(["group", name]).stderr(Stdio::null()).output().ok()?;
    String::from_utf8_lossy(&out.stdout).split(':').nth(2)?.trim().parse().ok()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
}
