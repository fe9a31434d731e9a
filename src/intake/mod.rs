//! Intake: turns the raw bytes of one e-mail into plain data the screening core reads
//! (`IncomingMessage`). mail-parser does the MIME work (RFC 2047 words, legacy charsets,
//! nested messages); this module caps what it is given and keeps only what screening
//! needs, owned, so the rest of the pipeline has no lifetimes and no parser types.
//! Outlook's `winmail.dat` (TNEF) is replaced by the files inside it (`tnef`).

pub mod automatic;
mod body_text;
mod tnef;

use chrono::{DateTime, FixedOffset, TimeZone};
use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::domain::MessageId;

pub use body_text::html_to_text;

/// SHA-256 of `bytes`, lower-case hex: a message's identity, and the key sessions are
/// stored under.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Limits applied before and while parsing.
#[derive(Debug, Clone, Copy)]
pub struct IntakeLimits {
    pub max_message_bytes: u64,
    pub max_parts: usize,
}

impl From<&crate::config::ScreeningSettings> for IntakeLimits {
    fn from(s: &crate::config::ScreeningSettings) -> Self {
        Self { max_message_bytes: s.max_message_bytes, max_parts: s.max_parts }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IntakeError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is {size} bytes, over the limit of {limit} (screening.max_message_bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("the input is not an e-mail message: no header section could be read")]
    NotAMessage,
}

/// A message as screening sees it: headers it needs, the sender's text and the files.
#[derive(Debug, Clone, Default)]
pub struct IncomingMessage {
    /// SHA-256 of the raw bytes, hex: the message's identity when Message-ID lies.
    pub sha256: String,
    pub message_id: Option<MessageId>,
    pub in_reply_to: Vec<MessageId>,
    pub references: Vec<MessageId>,
    pub subject: String,
    pub date: Option<DateTime<FixedOffset>>,
    /// The addresses in From (display names dropped; groups flattened).
    pub from: Vec<String>,
    /// The display name of the single From address, for the clerk only.
    pub from_display_name: Option<String>,
    pub sender: Option<String>,
    pub return_path: ReturnPath,
    /// Header fields that mark automatic mail and the authentication results, in
    /// message order (topmost first), names as written.
    pub headers: Vec<(String, String)>,
    /// Top-level `multipart/report` (DSNs, read receipts, feedback reports).
    pub is_report: bool,
    /// The sender's own text: text/plain parts, or HTML converted to text.
    pub text: String,
    /// Text of messages forwarded inside this one (message/rfc822 parts).
    pub forwarded: Vec<ForwardedMessage>,
    /// Every file: attachments, inline images, files inside forwarded messages.
    pub attachments: Vec<Attachment>,
    /// Parts beyond `max_parts` that were not looked at.
    pub parts_skipped: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ReturnPath {
    #[default]
    Absent,
    /// `Return-Path: <>`, the null sender of bounces and other automatic mail.
    Null,
    Address(String),
}

#[derive(Debug, Clone, Default)]
pub struct ForwardedMessage {
    pub from: Vec<String>,
    pub subject: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    pub filename: Option<String>,
    pub declared_type: String,
    pub content_id: Option<String>,
    pub inline: bool,
    pub bytes: Vec<u8>,
    /// The transfer encoding could not be decoded cleanly.
    pub damaged: bool,
}

impl IncomingMessage {
    /// Names and values of header fields called `name`, topmost first.
    pub fn header_values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + 'a {
        let name = name.to_string();
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(&name)).map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_values(name).next()
    }
}

/// Header fields screening reads; everything else is dropped at intake.
const KEPT_HEADERS: &[&str] = &[
    "Authentication-Results",
    "Auto-Submitted",
    "Precedence",
    "List-Id",
    "List-Unsubscribe",
    "List-Post",
    "List-Help",
    "List-Subscribe",
    "List-Owner",
    "List-Archive",
    "X-Autoreply",
    "X-Autorespond",
    "X-Auto-Response-Suppress",
    "X-Loop",
    "Feedback-ID",
];

/// Parses one raw message. Never panics on any input; returns an error only when the
/// bytes are not a message at all or exceed the configured size.
pub fn parse(raw: &[u8], limits: IntakeLimits) -> Result<IncomingMessage, IntakeError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(IntakeError::Empty);
    }
    let size = raw.len() as u64;
    if size > limits.max_message_bytes {
        return Err(IntakeError::TooLarge { size, limit: limits.max_message_bytes });
    }
    let message = MessageParser::default().parse(raw).ok_or(IntakeError::NotAMessage)?;
    if message.headers().is_empty() {
        return Err(IntakeError::NotAMessage);
    }

    let mut incoming = IncomingMessage {
        sha256: sha256_hex(raw),
        message_id: message.message_id().and_then(MessageId::parse),
        in_reply_to: message_ids(message.in_reply_to()),
        references: message_ids(message.references()),
        subject: message.subject().unwrap_or_default().to_string(),
        date: message.date().and_then(to_chrono),
        ..Default::default()
    };

    let (addresses, display) = addresses_of(message.from());
    incoming.from = addresses;
    incoming.from_display_name = display;
    incoming.sender = addresses_of(message.sender()).0.into_iter().next();
    incoming.return_path = match message.header_raw("Return-Path") {
        None => ReturnPath::Absent,
        Some(raw) => {
            let inner = raw.trim().trim_start_matches('<').trim_end_matches('>').trim();
            if inner.is_empty() {
                ReturnPath::Null
            } else {
                ReturnPath::Address(inner.to_string())
            }
        }
    };
    incoming.headers = message
        .headers_raw()
        .filter(|(name, _)| KEPT_HEADERS.iter().any(|k| k.eq_ignore_ascii_case(name)))
        .map(|(name, value)| (name.to_string(), unfold(value)))
        .collect();
    incoming.is_report = message.root_part().is_content_type("multipart", "report");

    let mut budget = PartBudget { left: limits.max_parts, skipped: 0 };
    incoming.text = own_text(&message);
    collect_files(&message, &mut incoming, &mut budget, 0);
    incoming.parts_skipped = budget.skipped;
    Ok(incoming)
}

struct PartBudget {
    left: usize,
    skipped: usize,
}

/// Text the sender wrote in this message: every text/plain body part, or the HTML
/// alternative converted when there is no plain text.
fn own_text(message: &mail_parser::Message<'_>) -> String {
    let mut out = String::new();
    for id in &message.text_body {
        let Some(part) = message.parts.get(*id as usize) else {
            continue;
        };
        let chunk = match &part.body {
            PartType::Text(text) => text.to_string(),
            PartType::Html(html) => html_to_text(html),
            _ => continue,
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&chunk);
    }
    if out.trim().is_empty() {
        // Some clients send HTML with an empty plain-text alternative.
        for id in &message.html_body {
            if let Some(PartType::Html(html)) = message.parts.get(*id as usize).map(|p| &p.body) {
                out.push_str(&html_to_text(html));
                out.push('\n');
            }
        }
    }
    out
}

fn collect_files(
    message: &mail_parser::Message<'_>,
    incoming: &mut IncomingMessage,
    budget: &mut PartBudget,
    depth: usize,
) {
    for id in &message.attachments {
        let Some(part) = message.parts.get(*id as usize) else {
            continue;
        };
        if budget.left == 0 {
            budget.skipped += 1;
            continue;
        }
        budget.left -= 1;
        match &part.body {
            PartType::Message(nested) => {
                // A forwarded message: its text is kept apart (it is not the sender's
                // statement) and its files count as the sender's attachments.
                let (from, _) = addresses_of(nested.from());
                let subject = nested.subject().unwrap_or_default().to_string();
                incoming.forwarded.push(ForwardedMessage { from, subject, text: own_text(nested) });
                if depth < 3 {
                    collect_files(nested, incoming, budget, depth + 1);
                }
            }
            PartType::Multipart(_) => {}
            body => {
                let bytes: Vec<u8> = match body {
                    PartType::Text(t) | PartType::Html(t) => t.as_bytes().to_vec(),
                    PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
                    _ => Vec::new(),
                };
                let declared_type = part
                    .content_type()
                    .map(|ct| match ct.subtype() {
                        Some(sub) => format!("{}/{}", ct.ctype(), sub),
                        None => ct.ctype().to_string(),
                    })
                    .unwrap_or_else(|| "application/octet-stream".to_string())
                    .to_ascii_lowercase();
                let attachment = Attachment {
                    filename: part.attachment_name().map(str::to_string),
                    declared_type,
                    content_id: part.content_id().map(|c| c.trim_matches(['<', '>']).to_string()),
                    inline: part.content_disposition().is_none_or(|cd| cd.is_inline()),
                    bytes,
                    damaged: part.is_encoding_problem,
                };
                // Outlook's winmail.dat gives way to the files inside it.
                incoming.attachments.extend(tnef::unpack(attachment, budget));
            }
        }
    }
}

fn addresses_of(address: Option<&Address<'_>>) -> (Vec<String>, Option<String>) {
    let Some(address) = address else {
        return (Vec::new(), None);
    };
    let addrs: Vec<&mail_parser::Addr<'_>> = match address {
        Address::List(list) => list.iter().collect(),
        Address::Group(groups) => groups.iter().flat_map(|g| g.addresses.iter()).collect(),
    };
    let display = match addrs.as_slice() {
        [one] => one.name.as_ref().map(|n| n.to_string()),
        _ => None,
    };
    let list = addrs
        .iter()
        .filter_map(|a| a.address.as_ref().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    (list, display)
}

fn message_ids(value: &mail_parser::HeaderValue<'_>) -> Vec<MessageId> {
    match value {
        mail_parser::HeaderValue::Text(t) => MessageId::parse(t).into_iter().collect(),
        mail_parser::HeaderValue::TextList(list) => list.iter().filter_map(|t| MessageId::parse(t)).collect(),
        _ => Vec::new(),
    }
}

fn to_chrono(date: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    let offset_seconds =
        (i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60) * if date.tz_before_gmt { -1 } else { 1 };
    let offset = FixedOffset::east_opt(offset_seconds)?;
    offset
        .with_ymd_and_hms(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
            u32::from(date.hour),
            u32::from(date.minute),
            u32::from(date.second),
        )
        .single()
}

/// Header values as one line: folding whitespace collapsed.
fn unfold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
