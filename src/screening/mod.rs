//! Screening: from one parsed message, its documents and a directory snapshot to
//! findings and one disposition. Pure functions; the shell loads the snapshot between
//! `prepare` (which says what to load) and `screen`.

mod document_report;
mod document_rules;
pub mod findings;
mod resolve;
pub mod thread;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Settings;
use crate::directory::{AccessRequest, Account, Case, DirectoryQuery, DirectorySnapshot, Party};
use crate::documents::{self, DocumentLimits, DocumentProblem, Inspection};
use crate::domain::{CaseName, DocketNumber, EmailAddress, PersonName, UserId};
use crate::extraction::{self, ExtractionInput, ExtractionRules, StatedFields};
use crate::identity::DocumentKind;
use crate::intake::automatic::{self, AutomaticReason};
use crate::intake::IncomingMessage;
use crate::sender::{self, SenderEvidence};
pub use document_report::DocumentReport;
pub use findings::{Disposition, Finding, FindingCode, RULES};

/// Everything screening needs from the configuration.
#[derive(Debug, Clone)]
pub struct ScreeningPolicy {
    pub trusted_authserv_ids: Vec<String>,
    pub extraction: ExtractionRules,
    /// The court's own addresses: text forwarded from them is not the party's.
    pub court_addresses: Vec<String>,
    pub documents: DocumentLimits,
}

impl ScreeningPolicy {
    pub fn from_settings(settings: &Settings) -> Self {
        let s = &settings.screening;
        Self {
            trusted_authserv_ids: settings.sender_auth.trusted_authserv_ids.clone(),
            extraction: ExtractionRules {
                court_locations: s.court_locations.clone(),
                example_dockets: s.example_dockets.iter().filter_map(|d| DocketNumber::parse(d).ok()).collect(),
                boilerplate_markers: s.boilerplate_markers.clone(),
            },
            court_addresses: std::iter::once(&settings.court.mailbox_address)
                .chain(&settings.court.other_addresses)
                .map(|a| a.to_lowercase())
                .collect(),
            documents: DocumentLimits::from_settings(settings),
        }
    }
}

/// A message read and classified, before the directory is consulted.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub message: IncomingMessage,
    pub automatic: Option<AutomaticReason>,
    pub sender: SenderEvidence,
    pub stated: StatedFields,
    /// One per attached file, in message order; ID reading fills in kinds and names.
    pub documents: Vec<DocumentReport>,
    /// The day documents are judged against: the message's Date, else when it arrived.
    pub as_of: NaiveDate,
}

/// Reads a parsed message: automatic or not, who sent it, what it states, which files.
pub fn prepare(message: IncomingMessage, received_at: DateTime<Utc>, policy: &ScreeningPolicy) -> Prepared {
    let automatic = automatic::classify(&message);
    let sender = sender::verify(&message, &policy.trusted_authserv_ids);
    let as_of = message.date.map_or(received_at.date_naive(), |d| d.date_naive());
    if automatic.is_some() {
        // Automatic mail states nothing and its files are not the party's.
        return Prepared { message, automatic, sender, stated: StatedFields::default(), documents: Vec::new(), as_of };
    }
    let forwarded: Vec<extraction::Forwarded<'_>> = message
        .forwarded
        .iter()
        .filter(|f| !f.from.iter().any(|a| policy.court_addresses.contains(&a.to_lowercase())))
        .map(|f| extraction::Forwarded { from: f.from.first().map(String::as_str), text: f.text.as_str() })
        .collect();
    let file_names: Vec<&str> = message.attachments.iter().filter_map(|a| a.filename.as_deref()).collect();
    let letters = letters(&message);
    let letters: Vec<&str> = letters.iter().map(String::as_str).collect();
    let stated = extraction::extract(
        &ExtractionInput {
            body: &message.text,
            subject: &message.subject,
            sender: message.from.first().map(String::as_str),
            forwarded: &forwarded,
            file_names: &file_names,
            letters: &letters,
        },
        &policy.extraction,
    );
    let mut documents: Vec<DocumentReport> =
        message.attachments.iter().map(|a| documents::inspect(a, policy.documents).into()).collect();
    // A file accessd cannot use is still a file the party sent: `other`, legible when
    // it is a letter whose text could be read.
    for (d, a) in documents.iter_mut().zip(&message.attachments) {
        if d.problem.is_some() {
            d.kind = Some(DocumentKind::Other);
            d.legible = Some(
                documents::letter::text(&a.bytes, a.filename.as_deref(), Default::default()).is_ok_and(|t| t.is_some()),
            );
        }
    }
    if message.parts_skipped > 0 {
        documents.push(DocumentReport::from(Inspection {
            filename: None,
            declared_type: "multipart/mixed".into(),
            format: None,
            bytes: 0,
            problem: Some(DocumentProblem::Unsupported(format!(
                "{} more parts than accessd reads in one message were not looked at",
                message.parts_skipped
            ))),
        }));
    }
    Prepared { message, automatic, sender, stated, documents, as_of }
}

/// The text of letters the party attached: word-processor files, plain text, and PDFs
/// whose text layer is about this request. A scanned certificate's text, or a court
/// notice's with its docket and names (often another case's), is not the party's
/// statement: the PDF must speak of the access or the account.
fn letters(message: &IncomingMessage) -> Vec<String> {
    const ABOUT_THE_REQUEST: &[&str] =
        &["e-services", "eservices", "electronic access", "access to my case", "user id", "username", "user name"];
    message
        .attachments
        .iter()
        .filter_map(|a| {
            documents::letter::text(&a.bytes, a.filename.as_deref(), Default::default()).ok().flatten().map(|t| (a, t))
        })
        .filter(|(a, text)| {
            let lower = text.to_lowercase();
            !a.bytes.starts_with(b"%PDF") || ABOUT_THE_REQUEST.iter().any(|w| lower.contains(w))
        })
        .map(|(_, text)| text)
        .collect()
}

impl Prepared {
    /// The directory rows this message can concern.
    pub fn directory_query(&self) -> DirectoryQuery {
        let mut query = DirectoryQuery::default();
        if self.automatic.is_none() {
            query.user_ids = self.stated.user_ids.iter().map(|c| c.value.folded()).collect();
            // Every word that could be a user ID: the directory says which are accounts.
            for token in self.stated.possible_user_ids() {
                if !query.user_ids.contains(&token) {
                    query.user_ids.push(token);
                }
            }
            query.docket_cores = self.stated.dockets.iter().map(|c| c.value.core()).collect();
            query.docket_cores.dedup();
        }
        query.emails = self.sender.from.iter().map(EmailAddress::folded).collect();
        query
    }
}

/// The fields as screening settled on them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fields {
    pub name: Option<PersonName>,
    pub user_id: Option<UserId>,
    pub case_name: Option<CaseName>,
    pub docket_number: Option<DocketNumber>,
}

/// The result of screening one message.
#[derive(Debug, Clone, Serialize)]
pub struct Screening {
    pub fields: Fields,
    pub sender_matches_account: bool,
    pub sender_authenticated: bool,
    pub request_id: Option<String>,
    pub documents: Vec<DocumentReport>,
    pub findings: Vec<Finding>,
    pub disposition: Disposition,
    /// What no machine confirmed and the clerk must check by eye (a name on an ID not
    /// found, an expiry not read); shown first on the desk, never sent to the party.
    pub clerk_notes: Vec<String>,
    /// Context for the clerk and for replies; not part of the court's result format.
    pub automatic: Option<AutomaticReason>,
    pub sender: SenderEvidence,
    pub account: Option<Account>,
    pub case: Option<Case>,
    pub request: Option<AccessRequest>,
    pub party: Option<Party>,
    /// Other dockets the message mentioned.
    pub other_dockets: Vec<DocketNumber>,
}

impl Screening {
    /// The court's result format (`../shared/samples/truth/*.json`), nothing more.
    pub fn result_json(&self) -> serde_json::Value {
        let documents: Vec<serde_json::Value> = self
            .documents
            .iter()
            .map(|d| {
                serde_json::json!({
                    "filename": d.filename,
                    "kind": d.kind,
                    "id_type": d.id_type,
                    "name_on_id": d.name_on_id,
                    "expires": d.expires.map(|e| e.format("%Y-%m-%d").to_string()),
                    "legible": d.legible,
                })
            })
            .collect();
        serde_json::json!({
            "fields": {
                "name": self.fields.name,
                "user_id": self.fields.user_id,
                "case_name": self.fields.case_name,
                "docket_number": self.fields.docket_number,
            },
            "sender_matches_account": self.sender_matches_account,
            "sender_authenticated": self.sender_authenticated,
            "request_id": self.request_id,
            "documents": documents,
            "findings": self.findings.iter().map(|f| f.code).collect::<Vec<_>>(),
            "disposition": self.disposition,
        })
    }
}

/// Applies the court's rules. Pure: the same inputs always give the same result.
pub fn screen(prepared: &Prepared, directory: &DirectorySnapshot) -> Screening {
    let sender = prepared.sender.clone();
    if let Some(reason) = &prepared.automatic {
        return automatic_screening(reason, sender, directory);
    }
    let from = sender.from.as_ref();
    let r = resolve::resolve(&prepared.stated, from, directory);
    let mut findings = field_findings(&r, from);
    if !sender.authentication.authenticated {
        findings.push(Finding { code: FindingCode::SenderUnauthenticated, detail: unauthenticated_detail(&sender) });
    }
    let request = pending_request(&r, directory);
    if let (None, Some(account), Some(case)) = (&request, &r.account, &r.case) {
        findings.push(Finding {
            code: FindingCode::NoPendingRequest,
            detail: format!("no pending access request from {} on {}", account.user_id, case.docket),
        });
    }
    let party = party_on_request(&r, request.as_ref(), directory);
    let judged = document_rules::judge(prepared, &r, request.as_ref(), party.as_ref());
    findings.extend(judged.findings);
    let findings = findings::in_table_order(findings);
    Screening {
        sender_matches_account: r.account.as_ref().is_some_and(|a| from == Some(&a.email)),
        sender_authenticated: sender.authentication.authenticated,
        request_id: request.as_ref().map(|req| req.request_id.clone()),
        documents: judged.documents,
        disposition: findings::disposition(&findings),
        findings,
        clerk_notes: judged.clerk_notes,
        automatic: None,
        sender,
        fields: Fields { name: r.name, user_id: r.user_id, case_name: r.case_name, docket_number: r.docket_number },
        account: r.account,
        case: r.case,
        request,
        party,
        other_dockets: r.other_dockets,
    }
}

/// The account's pending access request on the case the party named.
fn pending_request(r: &resolve::Resolved, directory: &DirectorySnapshot) -> Option<AccessRequest> {
    let (account, case) = (r.account.as_ref()?, r.case.as_ref()?);
    directory.request_for(&account.user_id, &case.docket).cloned()
}

/// The party the access request is for, as the case lists it.
fn party_on_request(
    r: &resolve::Resolved,
    request: Option<&AccessRequest>,
    directory: &DirectorySnapshot,
) -> Option<Party> {
    directory.party(&r.case.as_ref()?.docket, &request?.party_name).cloned()
}

/// The names an ID attached to this message may print, the same the rules later look
/// for: the reader searches its first reading for them before it reads a page again.
pub fn names_to_look_for(prepared: &Prepared, directory: &DirectorySnapshot) -> Vec<PersonName> {
    if prepared.automatic.is_some() {
        return Vec::new();
    }
    let r = resolve::resolve(&prepared.stated, prepared.sender.from.as_ref(), directory);
    let request = pending_request(&r, directory);
    let party = party_on_request(&r, request.as_ref(), directory);
    document_rules::names_an_id_may_print(&r, request.as_ref(), party.as_ref())
}

/// Automatic mail states nothing and is never answered.
fn automatic_screening(reason: &AutomaticReason, sender: SenderEvidence, directory: &DirectorySnapshot) -> Screening {
    Screening {
        fields: Fields::default(),
        sender_matches_account: sender.from.as_ref().is_some_and(|f| directory.accounts_with_email(f).next().is_some()),
        sender_authenticated: sender.authentication.authenticated,
        request_id: None,
        documents: Vec::new(),
        findings: vec![Finding { code: FindingCode::AutoSubmitted, detail: automatic_detail(reason) }],
        disposition: Disposition::Ignored,
        clerk_notes: Vec::new(),
        automatic: Some(reason.clone()),
        sender,
        account: None,
        case: None,
        request: None,
        party: None,
        other_dockets: Vec::new(),
    }
}

/// Findings about the stated fields and the account they name.
fn field_findings(r: &resolve::Resolved, from: Option<&EmailAddress>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut note = |code, detail: String| out.push(Finding { code, detail });
    match (&r.user_id, &r.account) {
        (None, _) => note(FindingCode::MissingUserId, String::new()),
        (Some(uid), None) => note(FindingCode::UnknownUserId, format!("no E-Services account has the user ID {uid}")),
        (Some(_), Some(account)) if from != Some(&account.email) => {
            note(FindingCode::SenderMismatch, "the message did not come from the address on the account".into())
        }
        _ => {}
    }
    match (&r.docket_number, &r.case) {
        (None, _) => note(FindingCode::MissingDocketNumber, String::new()),
        (Some(d), None) => note(FindingCode::UnknownDocket, format!("no case has docket number {d}")),
        _ => {}
    }
    match (&r.case_name, &r.case) {
        (None, _) => note(FindingCode::MissingCaseName, String::new()),
        (Some(stated), Some(case)) if !stated.names_same_case_as(&case.case_name) => note(
            FindingCode::CaseNameMismatch,
            format!("“{stated}” is not the case with docket number {}", case.docket),
        ),
        _ => {}
    }
    if r.name.is_none() {
        note(FindingCode::MissingName, String::new());
    }
    out
}

fn automatic_detail(reason: &AutomaticReason) -> String {
    match reason {
        AutomaticReason::AutoSubmitted(v) => format!("Auto-Submitted: {v}"),
        AutomaticReason::Precedence(v) => format!("Precedence: {v}"),
        AutomaticReason::ListHeader(h) => format!("mailing-list header {h}"),
        AutomaticReason::Report => "a delivery or read report".into(),
        AutomaticReason::NullReturnPath => "null return path (a bounce)".into(),
        AutomaticReason::SystemSender(a) => format!("sent by the mail system ({a})"),
        AutomaticReason::AutoresponderHeader(h) => format!("auto-responder header {h}"),
    }
}

fn unauthenticated_detail(sender: &SenderEvidence) -> String {
    match (&sender.from, &sender.authentication.trusted_header) {
        (None, _) => "the From header does not hold exactly one address".into(),
        (Some(_), None) => "the court's mail server left no authentication result on this message".into(),
        (Some(from), Some(header)) => {
            let results: Vec<String> = header.results.iter().map(|r| format!("{}={}", r.method, r.result)).collect();
            format!("no pass aligned with {} ({})", from.domain(), results.join(", "))
        }
    }
}

#[cfg(test)]
mod tests;
