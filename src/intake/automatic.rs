//! Mail that must never be answered (RFC 3834 §2 and §3.1): auto-replies, bounces,
//! list traffic. accessd keeps it, records why, and sends nothing back.

use super::{IncomingMessage, ReturnPath};

/// Why a message counts as automatic. The first reason found is reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum AutomaticReason {
    /// `Auto-Submitted` with any value but `no` (RFC 3834 §5).
    AutoSubmitted(String),
    /// `Precedence: bulk`, `junk` or `list`.
    Precedence(String),
    /// A `List-*` header (RFC 2369, RFC 2919).
    ListHeader(String),
    /// A `multipart/report`: delivery status, read receipt, feedback report.
    Report,
    /// The null reverse path `Return-Path: <>` (RFC 5321 §4.5.5).
    NullReturnPath,
    /// From or Sender is MAILER-DAEMON, postmaster or similar.
    SystemSender(String),
    /// Legacy auto-responder headers such as `X-Autoreply`.
    AutoresponderHeader(String),
}

const LIST_HEADERS: &[&str] =
    &["List-Id", "List-Unsubscribe", "List-Post", "List-Help", "List-Subscribe", "List-Owner", "List-Archive"];

const SYSTEM_LOCAL_PARTS: &[&str] = &["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"];

/// Decides whether a message is automatic. `X-Auto-Response-Suppress` is a request to
/// others not to auto-reply, not a sign that this mail is automatic, so it is ignored.
pub fn classify(message: &IncomingMessage) -> Option<AutomaticReason> {
    if let Some(value) = message.header("Auto-Submitted") {
        let keyword = value.split([';', '(']).next().unwrap_or("").trim().to_ascii_lowercase();
        if keyword != "no" {
            return Some(AutomaticReason::AutoSubmitted(keyword));
        }
    }
    if let Some(value) = message.header("Precedence") {
        let keyword = value.trim().to_ascii_lowercase();
        if matches!(keyword.as_str(), "bulk" | "junk" | "list") {
            return Some(AutomaticReason::Precedence(keyword));
        }
    }
    if let Some(name) = LIST_HEADERS.iter().find(|h| message.header(h).is_some()) {
        return Some(AutomaticReason::ListHeader(name.to_string()));
    }
    if message.is_report {
        return Some(AutomaticReason::Report);
    }
    if message.return_path == ReturnPath::Null {
        return Some(AutomaticReason::NullReturnPath);
    }
    let senders = message.from.iter().chain(message.sender.iter());
    for address in senders {
        let local = address.rsplit_once('@').map_or(address.as_str(), |(l, _)| l).to_ascii_lowercase();
        if SYSTEM_LOCAL_PARTS.contains(&local.as_str()) {
            return Some(AutomaticReason::SystemSender(address.clone()));
        }
    }
    for name in ["X-Autoreply", "X-Autorespond"] {
        if let Some(value) = message.header(name) {
            let v = value.trim().to_ascii_lowercase();
            if !matches!(v.as_str(), "no" | "false" | "0") {
                return Some(AutomaticReason::AutoresponderHeader(name.to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(headers: &[(&str, &str)]) -> IncomingMessage {
        IncomingMessage {
            from: vec!["party@example.org".into()],
            return_path: ReturnPath::Address("party@example.org".into()),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn auto_submitted_values() {
        assert_eq!(classify(&msg(&[("Auto-Submitted", "no")])), None);
        assert_eq!(classify(&msg(&[("Auto-Submitted", "No (manual)")])), None);
        assert_eq!(
            classify(&msg(&[("Auto-Submitted", "auto-replied")])),
            Some(AutomaticReason::AutoSubmitted("auto-replied".into()))
        );
        assert!(classify(&msg(&[("auto-submitted", "auto-generated; owner-email=x@y")])).is_some());
        assert!(classify(&msg(&[("Auto-Submitted", "auto-notified")])).is_some());
    }

    #[test]
    fn suppress_header_alone_is_not_automatic() {
        assert_eq!(classify(&msg(&[("X-Auto-Response-Suppress", "All")])), None);
    }

    #[test]
    fn precedence_and_lists() {
        assert!(classify(&msg(&[("Precedence", "bulk")])).is_some());
        assert!(classify(&msg(&[("Precedence", "JUNK")])).is_some());
        assert!(classify(&msg(&[("Precedence", "list")])).is_some());
        assert_eq!(classify(&msg(&[("Precedence", "first-class")])), None);
        assert!(classify(&msg(&[("List-Id", "<x.lists.example>")])).is_some());
        assert!(classify(&msg(&[("List-Unsubscribe", "<mailto:x>")])).is_some());
    }

    #[test]
    fn bounces() {
        let mut m = msg(&[]);
        m.return_path = ReturnPath::Null;
        assert_eq!(classify(&m), Some(AutomaticReason::NullReturnPath));
        let mut m = msg(&[]);
        m.from = vec!["MAILER-DAEMON@mx.example".into()];
        assert!(matches!(classify(&m), Some(AutomaticReason::SystemSender(_))));
        let mut m = msg(&[]);
        m.from = vec!["postmaster@mx.example".into()];
        assert!(classify(&m).is_some());
        let mut m = msg(&[]);
        m.is_report = true;
        assert_eq!(classify(&m), Some(AutomaticReason::Report));
    }

    #[test]
    fn absent_return_path_is_not_null() {
        let mut m = msg(&[]);
        m.return_path = ReturnPath::Absent;
        assert_eq!(classify(&m), None);
    }

    #[test]
    fn legacy_autoresponders() {
        assert!(classify(&msg(&[("X-Autoreply", "yes")])).is_some());
        assert_eq!(classify(&msg(&[("X-Autoreply", "no")])), None);
    }
}
