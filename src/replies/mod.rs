//! Status replies to the party: composed from the templates in `config/templates/`
//! (pure), queued in the outbox in the same transaction as the ticket change that
//! causes them (`outbox`), delivered with retries by `delivery`.
//!
//! A reply never carries data read from an ID (numbers, dates of birth, text): only the
//! ticket, the docket the party gave, and what the court's rules ask of the party.

pub mod delivery;
pub mod outbox;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;

/// The replies accessd sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReplyKind {
    /// Received, complete: a clerk will review it.
    Acknowledgement,
    /// Received, something is missing or unreadable: lists exactly what.
    NeedsInformation,
    /// Received, a member of staff will look at it (neutral: says nothing of why).
    Flagged,
    Approved,
    Denied,
}

impl ReplyKind {
    pub const ALL: [ReplyKind; 5] = [
        ReplyKind::Acknowledgement,
        ReplyKind::NeedsInformation,
        ReplyKind::Flagged,
        ReplyKind::Approved,
        ReplyKind::Denied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReplyKind::Acknowledgement => "acknowledgement",
            ReplyKind::NeedsInformation => "needs_information",
            ReplyKind::Flagged => "flagged",
            ReplyKind::Approved => "approved",
            ReplyKind::Denied => "denied",
        }
    }

    /// The reply a screening outcome calls for; automatic mail gets none.
    pub fn for_disposition(d: crate::screening::Disposition) -> Option<Self> {
        use crate::screening::Disposition::*;
        match d {
            ReadyForReview => Some(ReplyKind::Acknowledgement),
            NeedsInformation => Some(ReplyKind::NeedsInformation),
            Flagged => Some(ReplyKind::Flagged),
            Ignored => None,
        }
    }
}

/// Why a screened message gets no reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoReply {
    Automatic,
    /// No account is known and the sender is not authenticated: the From address may
    /// be forged, and answering it would write to a stranger.
    UnverifiedSender,
    /// The address is the court's own: answering would loop.
    CourtAddress,
    /// A clerk decided the ticket while this follow-up was being screened.
    DecidedMeanwhile,
}

impl NoReply {
    pub fn as_str(self) -> &'static str {
        match self {
            NoReply::Automatic => "automatic mail is never answered",
            NoReply::UnverifiedSender => "no account found and the sender is not authenticated: not answered",
            NoReply::CourtAddress => "the address is the court's own: not answered",
            NoReply::DecidedMeanwhile => "a clerk decided the ticket while this follow-up was screened: not answered",
        }
    }
}

/// Who a screening's reply goes to: the account's address whenever an account is
/// known (never a sender who does not match it), else an authenticated sender.
pub fn recipient(screening: &crate::screening::Screening, court_addresses: &[String]) -> Result<String, NoReply> {
    if screening.disposition == crate::screening::Disposition::Ignored {
        return Err(NoReply::Automatic);
    }
    let address = match (&screening.account, &screening.sender.from) {
        (Some(account), _) => account.email.to_string(),
        (None, Some(from)) if screening.sender_authenticated => from.to_string(),
        _ => return Err(NoReply::UnverifiedSender),
    };
    if court_addresses.iter().any(|c| c.eq_ignore_ascii_case(&address)) {
        return Err(NoReply::CourtAddress);
    }
    Ok(address)
}

/// What a needs-information reply asks for, from the rules table, once each.
pub fn asks(screening: &crate::screening::Screening) -> Vec<String> {
    let mut asks: Vec<String> = Vec::new();
    for finding in &screening.findings {
        let rule = finding.code.rule();
        if rule.effect == crate::screening::findings::Effect::NeedsInformation && !rule.asks_party.is_empty() {
            let ask = rule.asks_party.to_string();
            if !asks.contains(&ask) {
                asks.push(ask);
            }
        }
    }
    asks
}

/// Placeholders a template may use.
const PLACEHOLDERS: &[&str] = &["ticket", "name", "docket", "subject", "missing", "reason"];

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read reply template {path}: {source}. Check replies.templates")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("reply template {path} must start with a `Subject:` line, then a blank line, then the text")]
    NoSubject { path: PathBuf },
    #[error("reply template {path} uses {{{name}}}, which accessd does not fill in; use one of {PLACEHOLDERS:?}")]
    UnknownPlaceholder { path: PathBuf, name: String },
}

#[derive(Debug, Clone)]
struct Template {
    subject: String,
    body: String,
}

/// Every reply template, loaded and checked at start so a typo stops the daemon
/// before it answers anyone.
#[derive(Debug, Clone)]
pub struct Templates {
    by_kind: BTreeMap<ReplyKind, Template>,
}

impl Templates {
    pub fn load(dir: &Path) -> Result<Self, TemplateError> {
        let mut by_kind = BTreeMap::new();
        for kind in ReplyKind::ALL {
            let path = dir.join(format!("{}.txt", kind.as_str()));
            let text =
                std::fs::read_to_string(&path).map_err(|source| TemplateError::Read { path: path.clone(), source })?;
            let template = parse_template(&text).ok_or_else(|| TemplateError::NoSubject { path: path.clone() })?;
            for name in placeholders(&template.subject).chain(placeholders(&template.body)) {
                if !PLACEHOLDERS.contains(&name) {
                    return Err(TemplateError::UnknownPlaceholder { path, name: name.to_string() });
                }
            }
            by_kind.insert(kind, template);
        }
        Ok(Self { by_kind })
    }
}

fn parse_template(text: &str) -> Option<Template> {
    let text = text.replace("\r\n", "\n");
    let (first, rest) = text.split_once('\n')?;
    let subject = first.strip_prefix("Subject:")?.trim().to_string();
    let body = rest.strip_prefix('\n').unwrap_or(rest).to_string();
    Some(Template { subject, body })
}

fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// What a reply says, before it becomes a message.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: ReplyKind,
    pub ticket_id: String,
    pub recipient: String,
    /// Whom to greet: the account holder's name, when known.
    pub party_name: Option<String>,
    pub docket: Option<String>,
    pub original_subject: String,
    /// What the party is asked to do, one line each (needs-information replies).
    pub asks: Vec<String>,
    /// The clerk's words on a denial.
    pub reason: Option<String>,
    /// Threading: the message answered and its references.
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
}

/// The court's side of a reply.
#[derive(Debug, Clone)]
pub struct Letterhead {
    pub from_name: String,
    pub from_address: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("a reply address is not usable: {0}")]
    Address(#[from] lettre::address::AddressError),
    #[error("the reply could not be built: {0}")]
    Build(#[from] lettre::error::Error),
}

/// A reply ready for the outbox: its Message-ID and the complete message.
#[derive(Debug, Clone)]
pub struct Composed {
    pub message_id: String,
    pub raw: Vec<u8>,
}

/// Header text from a party's subject: one line, no control characters, bounded.
fn one_line(s: &str, max: usize) -> String {
    let cleaned: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    trimmed.chars().take(max).collect()
}

/// The party's subject without the reply prefixes mail clients stack up (`Re:`, `RE[2]:`,
/// `AW:`, `SV:`, `Antw:` …) and without this ticket's tag, so a reply's subject carries one
/// "Re: " and one tag however many rounds a conversation has had.
fn reply_topic(original: &str, ticket_id: &str) -> String {
    static PREFIXES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:\s*(?:re|aw|sv|vs|antw|antwort|odp|rif|res|ynt)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+")
            .expect("valid")
    });
    let tag = Regex::new(&format!(r"(?i)\[?\s*{}\s*\]?", regex::escape(ticket_id))).expect("escaped");
    let mut topic = one_line(original, 300);
    loop {
        let untagged = tag.replace_all(&topic, " ");
        let bare = one_line(&PREFIXES.replace(untagged.trim(), ""), 300);
        if bare == topic {
            return topic;
        }
        topic = bare;
    }
}

/// The random part of our Message-IDs.
pub fn unique_token() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// Builds the reply message. Pure apart from the random part of the Message-ID, which
/// the caller passes in.
pub fn compose(
    draft: &Draft,
    templates: &Templates,
    letterhead: &Letterhead,
    unique: &str,
    date: DateTime<Utc>,
) -> Result<Composed, ComposeError> {
    let template = &templates.by_kind[&draft.kind];
    let missing: String = draft.asks.iter().map(|a| format!("  - {a}\n")).collect();
    let subject: String = reply_topic(&draft.original_subject, &draft.ticket_id).chars().take(150).collect();
    let values = [
        ("ticket", draft.ticket_id.as_str()),
        ("name", draft.party_name.as_deref().unwrap_or("E-Services user")),
        ("docket", draft.docket.as_deref().unwrap_or("(not stated)")),
        ("subject", if subject.is_empty() { "Request for electronic access" } else { &subject }),
        ("missing", missing.trim_end()),
        ("reason", draft.reason.as_deref().unwrap_or("")),
    ];
    let mut subject_line = one_line(&fill(&template.subject, &values), 250);
    if !subject_line.contains(&format!("[{}]", draft.ticket_id)) {
        subject_line.push_str(&format!(" [{}]", draft.ticket_id));
    }
    let domain = letterhead.from_address.rsplit_once('@').map_or("accessd.invalid", |(_, d)| d);
    let message_id = format!("<{}.{}@{}>", draft.ticket_id, unique, domain);
    let from = lettre::message::Mailbox::new(Some(letterhead.from_name.clone()), letterhead.from_address.parse()?);
    let to = lettre::message::Mailbox::new(None, draft.recipient.parse()?);
    let mut builder = lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(subject_line)
        .date(date.into())
        .message_id(Some(message_id.clone()))
        .header(AutoSubmitted)
        .header(ReplyKindHeader(draft.kind));
    if let Some(parent) = &draft.in_reply_to {
        builder = builder.in_reply_to(parent.clone());
        let mut references = draft.references.clone();
        if !references.contains(parent) {
            references.push(parent.clone());
        }
        builder = builder.references(references.join(" "));
    }
    let message =
        builder.header(lettre::message::header::ContentType::TEXT_PLAIN).body(fill(&template.body, &values))?;
    Ok(Composed { message_id, raw: message.formatted() })
}

/// `Auto-Submitted: auto-replied` (RFC 3834): tells every other robot not to answer.
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "auto-replied".to_string())
    }
}

/// `X-Accessd-Reply: needs_information`: which reply this is, for mail filters and
/// for tracing a reply back to the ticket event that queued it.
#[derive(Debug, Clone, Copy)]
struct ReplyKindHeader(ReplyKind);

impl lettre::message::header::Header for ReplyKindHeader {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("X-Accessd-Reply")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        ReplyKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .map(ReplyKindHeader)
            .ok_or_else(|| "unknown reply kind".into())
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.as_str().to_string())
    }
}

#[cfg(test)]
mod tests;
