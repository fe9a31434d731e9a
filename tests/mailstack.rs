//! Smoke tests of the Dovecot + Postfix test harness in `support::mailstack`.

mod support;

use std::time::{Duration, Instant};

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use support::mailstack::MailStack;

const DOMAINS: &[&str] = &["eservices.example", "party.example"];
const COURT: &str = "court@eservices.example";
const JANE: &str = "jane@party.example";

fn raw(subject: &str) -> Vec<u8> {
    format!(
        "From: Jane <{JANE}>\r\nTo: <{COURT}>\r\nSubject: {subject}\r\nMessage-ID: <{subject}@party.example>\r\n\
         Date: Mon, 3 Mar 2025 10:00:00 +0000\r\n\r\nHello court,\r\nplease find my filing.\r\n"
    )
    .into_bytes()
}

fn lf(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n").into_bytes()
}

fn smtp(stack: &MailStack) -> AsyncSmtpTransport<Tokio1Executor> {
    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(stack.smtp_port())
        .timeout(Some(Duration::from_secs(10)))
        .build()
}

fn message(to: &str, subject: &str) -> Message {
    Message::builder()
        .from(COURT.parse::<Mailbox>().unwrap())
        .to(to.parse::<Mailbox>().unwrap())
        .subject(subject)
        .body(String::from("A reply from the court.\n"))
        .unwrap()
}

/// Whether an SMTP error is a refused TCP connection.
fn refused(err: &lettre::transport::smtp::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        source = e.source();
    }
    false
}

#[tokio::test]
async fn append_count_and_fetch() {
    let started = Instant::now();
    let stack = MailStack::start(DOMAINS).await;
    assert!(started.elapsed() < Duration::from_secs(10), "start took {:?}", started.elapsed());
    assert_eq!(stack.count(COURT, "INBOX").await, 0);
    let message = raw("append");
    stack.append(COURT, "INBOX", &message).await;
    assert_eq!(stack.count(COURT, "INBOX").await, 1);
    let fetched = stack.fetch_all(COURT, "INBOX").await;
    assert_eq!(fetched.len(), 1);
    assert_eq!(lf(&fetched[0]), lf(&message));
    // Folders are created on demand; a missing folder counts as empty.
    assert_eq!(stack.count(COURT, "Processed").await, 0);
    stack.append_many(COURT, "Processed", &[raw("a"), raw("b"), raw("c")]).await;
    let processed = stack.fetch_all(COURT, "Processed").await;
    assert_eq!(processed.iter().map(|m| lf(m)).collect::<Vec<_>>(), vec![lf(&raw("a")), lf(&raw("b")), lf(&raw("c"))]);
    // User names are the full address, case-insensitive.
    assert_eq!(stack.count("Court@EServices.example", "INBOX").await, 1);
}

#[tokio::test]
async fn smtp_delivers_into_the_recipients_inbox() {
    let stack = MailStack::start(DOMAINS).await;
    smtp(&stack).send(message(JANE, "Your filing")).await.expect("send to jane");
    stack.wait_for(JANE, "INBOX", 1, Duration::from_secs(20)).await;
    let inbox = stack.fetch_all(JANE, "INBOX").await;
    let parsed = mail_parser::MessageParser::default().parse(&inbox[0]).unwrap();
    assert_eq!(parsed.subject(), Some("Your filing"));
    assert_eq!(stack.count(COURT, "INBOX").await, 0);
    // Recipients outside the stack's domains are refused at RCPT TO.
    let err = smtp(&stack).send(message("someone@elsewhere.example", "No")).await.unwrap_err();
    assert!(err.is_permanent(), "{err}");
}

#[tokio::test]
async fn smtp_can_be_stopped_and_started() {
    let mut stack = MailStack::start(DOMAINS).await;
    stack.stop_smtp().await;
    let err = smtp(&stack).send(message(JANE, "while down")).await.unwrap_err();
    assert!(refused(&err), "expected a refused connection, got {err:?}");
    stack.start_smtp().await;
    smtp(&stack).send(message(JANE, "after restart")).await.expect("send after start_smtp");
    stack.wait_for(JANE, "INBOX", 1, Duration::from_secs(20)).await;
}

#[tokio::test]
async fn restart_imap_keeps_the_mail() {
    let mut stack = MailStack::start(DOMAINS).await;
    stack.append_many(COURT, "INBOX", &[raw("one"), raw("two")]).await;
    let mut session = stack.login(COURT).await.unwrap();
    session.select("INBOX").await.unwrap();
    stack.restart_imap().await;
    // The old session is gone; a new one sees the same mail.
    assert!(session.noop().await.is_err(), "a session survived the restart");
    assert_eq!(stack.count(COURT, "INBOX").await, 2);
    // Mail sent while Dovecot restarts is delivered too.
    smtp(&stack).send(message(COURT, "during")).await.unwrap();
    stack.restart_imap().await;
    stack.wait_for(COURT, "INBOX", 3, Duration::from_secs(20)).await;
}

#[tokio::test]
async fn reset_uidvalidity_keeps_the_messages() {
    let mut stack = MailStack::start(DOMAINS).await;
    stack.append_many(COURT, "INBOX", &[raw("one"), raw("two")]).await;
    let mut session = stack.login(COURT).await.unwrap();
    let before = session.select("INBOX").await.unwrap().uid_validity.unwrap();
    session.logout().await.unwrap();
    stack.reset_uidvalidity(COURT, "INBOX").await;
    let mut session = stack.login(COURT).await.unwrap();
    let selected = session.select("INBOX").await.unwrap();
    assert_ne!(selected.uid_validity.unwrap(), before);
    assert_eq!(selected.exists, 2);
    session.logout().await.unwrap();
    assert_eq!(stack.count(COURT, "INBOX").await, 2);
}

#[tokio::test]
async fn stacks_run_side_by_side() {
    let (a, b, c) =
        tokio::join!(MailStack::start(DOMAINS), MailStack::start(DOMAINS), MailStack::start(&["other.example"]));
    let ports = [a.imap_port(), a.smtp_port(), b.imap_port(), b.smtp_port(), c.imap_port(), c.smtp_port()];
    let mut unique = ports.to_vec();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ports.len());
    smtp(&a).send(message(JANE, "to a")).await.unwrap();
    smtp(&c).send(message("x@other.example", "to c")).await.unwrap();
    a.wait_for(JANE, "INBOX", 1, Duration::from_secs(20)).await;
    c.wait_for("x@other.example", "INBOX", 1, Duration::from_secs(20)).await;
    assert_eq!(b.count(JANE, "INBOX").await, 0);
    assert_ne!(a.password(), b.password());
}
