//! The clerk desk in headless Chromium (Debian `chromium` + `chromium-driver`, driven
//! with fantoccini over WebDriver): `accessd run` on a Maildir with the sample corpus,
//! a clerk signs in, works the queue, reads a ticket with its ID image, approves, denies
//! and asks; a clerk cannot reverse a decision; a passport's MRZ shows as a table with
//! its check digits; an administrator adds and deactivates a clerk; the court sign-on
//! header from the reverse proxy's address signs a clerk in. Screenshots of the
//! queue, a ticket, the MRZ and the Clerks page are kept in `target/desk-screenshots/`
//! as artifacts of the run.

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const PASSWORD: &str = "browser-test-password";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Desk {
    tmp: tempfile::TempDir,
    port: u16,
    webhook_port: u16,
}

/// The court's E-Services side of the approval webhook: refuses the first delivery
/// (to show the retry), then records what it is sent and the Authorization header.
async fn webhook_receiver(port: u16) -> Arc<Mutex<Vec<(String, String)>>> {
    let received: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let seen = received.clone();
    let refused_once = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let seen = seen.clone();
            let refused_once = refused_once.clone();
            async move {
                if !refused_once.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                }
                let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                seen.lock().unwrap().push((auth, body));
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    received
}

impl Desk {
    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_accessd"));
        let t = self.tmp.path();
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("ACCESSD__DATABASE__URL", format!("sqlite://{}/d.db?mode=rwc", t.display()))
            .env("ACCESSD__MAILBOX__MAILDIR", t.join("mail"))
            .env("ACCESSD__REPLIES__FILE_DIR", t.join("outbox"))
            .env("ACCESSD__DESK__LISTEN", format!("127.0.0.1:{}", self.port))
            .env("ACCESSD__DESK__SECURE_COOKIE", "false")
            .env("ACCESSD__DESK__WEBHOOK_URL", format!("http://127.0.0.1:{}/hook", self.webhook_port))
            .env("ACCESSD__DESK__WEBHOOK_TOKEN", "e-services-secret")
            // Documents encrypted at rest: the ID image the clerk sees is decrypted.
            .env("ACCESSD__STORAGE__DOCUMENT_KEYS", "6a".repeat(32))
            .env("ACCESSD__DESK__SSO_HEADER", "X-Remote-User")
            .env("ACCESSD__DESK__SSO_TRUSTED_PROXIES", "127.0.0.1")
            .env("ACCESSD__REPLIES__RETRY_BASE_SECS", "1")
            .env("OMP_THREAD_LIMIT", "1")
            .env("RUST_LOG", "warn");
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "accessd {args:?}: {text}{}", String::from_utf8_lossy(&out.stderr));
        text
    }

    fn tickets(&self) -> Vec<serde_json::Value> {
        serde_json::from_str::<serde_json::Value>(&self.run(&["tickets", "list", "--json"]))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// `GET path` as the court's reverse proxy on this machine sends it, naming `clerk`:
/// the status line and the page.
async fn through_proxy(port: u16, path: &str, clerk: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Remote-User: {clerk}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

async fn wait_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(Instant::now() < deadline, "nothing listens on port {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn browser() -> (Client, Killed) {
    let port = free_port();
    let driver =
        Command::new("chromedriver").arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    let driver = Killed(driver.expect("chromedriver (Debian package chromium-driver) is needed"));
    wait_port(port).await;
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,768"]}),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("headless Chromium starts");
    (client, driver)
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/desk-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn sign_in(c: &Client, desk: &Desk, name: &str) {
    c.goto(&desk.url("/login")).await.unwrap();
    c.find(Locator::Css("input[name=name]")).await.unwrap().send_keys(name).await.unwrap();
    c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("form[action='/login'] button")).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while !c.current_url().await.unwrap().path().starts_with("/queue") {
        assert!(Instant::now() < deadline, "sign-in did not reach the queue: {}", page_text(c).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_out(c: &Client) {
    c.find(Locator::Css("form[action='/logout'] button")).await.unwrap().click().await.unwrap();
    wait_text(c, "Sign in").await;
}

async fn press(c: &Client, action: &str) {
    c.find(Locator::Css(&format!("button[name=action][value={action}]"))).await.unwrap().click().await.unwrap();
}

async fn page_text(c: &Client) -> String {
    c.find(Locator::Css("body")).await.unwrap().text().await.unwrap()
}

/// Waits for the page (after a form post and redirect) to show `needle`.
async fn wait_text(c: &Client, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(body) = c.find(Locator::Css("body")).await {
            if body.text().await.is_ok_and(|t| t.contains(needle)) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "the page never showed {needle:?}: {}", page_text(c).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_works_the_queue_in_chromium() {
    let samples = support::samples();
    let desk = Desk { tmp: tempfile::tempdir().unwrap(), port: free_port(), webhook_port: free_port() };
    let webhook = webhook_receiver(desk.webhook_port).await;
    for (kind, file) in [
        ("accounts", "accounts.csv"),
        ("cases", "cases.csv"),
        ("parties", "parties.csv"),
        ("requests", "access_requests.csv"),
    ] {
        desk.run(&["import", kind, samples.join("fixtures").join(file).to_str().unwrap()]);
    }
    let password_file = desk.tmp.path().join("pw");
    std::fs::write(&password_file, PASSWORD).unwrap();
    for (name, role) in [("clerk1", "clerk"), ("super1", "supervisor"), ("admin1", "admin")] {
        desk.run(&["clerks", "add", name, "--role", role, "--password-file", password_file.to_str().unwrap()]);
    }
    let mut messages: Vec<String> =
        std::fs::read_dir(samples.join("messages")).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    messages.sort();
    let mut deliver = vec!["deliver"];
    deliver.extend(messages.iter().map(String::as_str));
    desk.run(&deliver);
    let daemon = Killed(desk.command().arg("run").spawn().unwrap());
    let deadline = Instant::now() + Duration::from_secs(300);
    while desk.tickets().len() < messages.len() {
        assert!(Instant::now() < deadline, "the samples were not screened");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    wait_port(desk.port).await;
    let tickets = desk.tickets();
    let in_state = |state: &str| -> Vec<String> {
        tickets.iter().filter(|t| t["state"] == state).map(|t| t["ticket_id"].as_str().unwrap().to_string()).collect()
    };
    let ready = in_state("ready_for_review");
    assert!(ready.len() >= 2, "{tickets:?}");

    let (c, _driver) = browser().await;
    // Not signed in: the desk sends the browser to the sign-in page.
    c.goto(&desk.url("/queue")).await.unwrap();
    assert_eq!(c.current_url().await.unwrap().path(), "/login");
    sign_in(&c, &desk, "clerk1").await;
    let queue = page_text(&c).await;
    assert!(queue.contains(&format!("Ready for review ({})", ready.len())), "{queue}");
    std::fs::write(screenshots().join("queue.png"), c.screenshot().await.unwrap()).unwrap();

    // A ready ticket: findings, the directory, and the ID image actually rendered.
    c.find(Locator::LinkText(&ready[0])).await.unwrap().click().await.unwrap();
    let text = page_text(&c).await;
    assert!(text.contains("Findings") && text.contains("The directory") && text.contains("Documents"), "{text}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let loaded = c
            .execute(
                "const i = document.querySelector('img.doc'); return i !== null && i.complete && i.naturalWidth > 100;",
                vec![],
            )
            .await
            .unwrap();
        if loaded == serde_json::Value::Bool(true) {
            break;
        }
        assert!(Instant::now() < deadline, "the ID image did not render");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    std::fs::write(screenshots().join("ticket.png"), c.screenshot().await.unwrap()).unwrap();

    // Approve: the party's reply is queued and the export lists the approval.
    press(&c, "approve").await;
    wait_text(&c, &format!("{} — approved", ready[0])).await;
    let csv = desk.run(&["decisions", "export"]);
    assert!(csv.contains(&ready[0]) && csv.contains("clerk1"), "{csv}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while webhook.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the approval webhook was not delivered");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (auth, body) = webhook.lock().unwrap()[0].clone();
    assert_eq!(auth, "Bearer e-services-secret");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["ticket_id"], ready[0].as_str());
    assert_eq!(body["decided_by"], "clerk1");
    assert!(body["user_id"].is_string() && body["docket_number"].is_string(), "{body}");
    let shown = desk.run(&["tickets", "show", &ready[0], "--json"]);
    assert!(shown.contains("\"kind\": \"approved\""), "{shown}");

    // A clerk cannot reverse it.
    c.find(Locator::Css("select[name=reason] option:nth-child(2)")).await.unwrap().click().await.unwrap();
    press(&c, "deny").await;
    wait_text(&c, "only a supervisor").await;

    // Deny another with a reason; ask the party for something on a third.
    c.goto(&desk.url(&format!("/tickets/{}", ready[1]))).await.unwrap();
    c.find(Locator::Css("select[name=reason] option:nth-child(2)")).await.unwrap().click().await.unwrap();
    press(&c, "deny").await;
    wait_text(&c, &format!("{} — denied", ready[1])).await;
    let flagged = in_state("flagged");
    c.goto(&desk.url(&format!("/tickets/{}", flagged[0]))).await.unwrap();
    c.find(Locator::Css("input[name=items]")).await.unwrap().click().await.unwrap();
    press(&c, "ask").await;
    wait_text(&c, &format!("{} — awaiting party", flagged[0])).await;

    // A supervisor can reverse the approval.
    c.goto(&desk.url("/queue")).await.unwrap();
    sign_out(&c).await;
    sign_in(&c, &desk, "super1").await;
    c.goto(&desk.url(&format!("/tickets/{}", ready[0]))).await.unwrap();
    c.find(Locator::Css("select[name=reason] option:nth-child(2)")).await.unwrap().click().await.unwrap();
    press(&c, "deny").await;
    wait_text(&c, &format!("{} — denied", ready[0])).await;

    // A passport's machine-readable zone: a table of its fields with their check
    // digits; the document number and birth date are not on the page.
    let (passport, mrz) = tickets
        .iter()
        .find_map(|t| {
            let id = t["ticket_id"].as_str()?;
            let shown: serde_json::Value = serde_json::from_str(&desk.run(&["tickets", "show", id, "--json"])).ok()?;
            let documents = shown["screening"]["document_evidence"].as_array()?.clone();
            documents
                .into_iter()
                .find(|d| d["evidence"]["mrz"].is_object())
                .map(|d| (id.to_string(), d["evidence"]["mrz"].clone()))
        })
        .expect("an MRZ was read from a sample passport");
    c.goto(&desk.url(&format!("/tickets/{passport}"))).await.unwrap();
    let text = page_text(&c).await;
    assert!(text.contains("Machine-readable zone") && text.contains("✓ passed"), "{text}");
    let source = c.source().await.unwrap();
    let surname = format!("<th>Surname</th><td>{}</td>", mrz["surname"].as_str().unwrap());
    assert!(source.contains(&surname), "{surname} not in {source}");
    let number = mrz["document_number"].as_str().unwrap().trim_matches('<');
    let born = mrz["date_of_birth"].as_str().unwrap();
    assert!(!source.contains(number) && !source.contains(born), "{number} or {born} on the page");
    c.execute("document.querySelector('h4').scrollIntoView();", vec![]).await.unwrap();
    std::fs::write(screenshots().join("mrz.png"), c.screenshot().await.unwrap()).unwrap();

    // An administrator adds a clerk, who signs in, and deactivates them.
    c.goto(&desk.url("/queue")).await.unwrap();
    sign_out(&c).await;
    sign_in(&c, &desk, "admin1").await;
    c.find(Locator::LinkText("Clerks")).await.unwrap().click().await.unwrap();
    wait_text(&c, "Add a clerk").await;
    let add = c.find(Locator::Css("section form")).await.unwrap();
    add.find(Locator::Css("input[name=name]")).await.unwrap().send_keys("clerk2").await.unwrap();
    add.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    add.find(Locator::Css("button[value=add]")).await.unwrap().click().await.unwrap();
    wait_text(&c, "clerk2").await;
    std::fs::write(screenshots().join("clerks.png"), c.screenshot().await.unwrap()).unwrap();
    sign_out(&c).await;
    sign_in(&c, &desk, "clerk2").await;
    sign_out(&c).await;
    sign_in(&c, &desk, "admin1").await;
    c.goto(&desk.url("/admin/clerks")).await.unwrap();
    c.find(Locator::Css("tr:has(input[value=clerk2]) button[value=deactivate]")).await.unwrap().click().await.unwrap();
    wait_text(&c, "Reactivate").await;
    sign_out(&c).await;
    c.find(Locator::Css("input[name=name]")).await.unwrap().send_keys("clerk2").await.unwrap();
    c.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("form[action='/login'] button")).await.unwrap().click().await.unwrap();
    wait_text(&c, "not right").await;
    c.close().await.unwrap();

    // The court sign-on: the proxy's header signs the clerk it names in (the browser's
    // requests above, without it, signed in with passwords).
    let page = through_proxy(desk.port, "/queue", "clerk1").await;
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("Signed in as clerk1 (clerk)"), "{page}");
    let page = through_proxy(desk.port, "/queue", "clerk2").await;
    assert!(page.starts_with("HTTP/1.1 403") && page.contains("deactivated"), "{page}");

    // Every decision, account change and sign-on is on the audit chain, and the
    // replies went out as files.
    assert!(desk.run(&["audit", "verify"]).contains("7 events"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(desk.tmp.path().join("outbox")).unwrap().count() < messages.len() - 3 + 4 {
        assert!(Instant::now() < deadline, "decision replies were not written");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(daemon);
}
