//! Screening: from one parsed message, its documents and a directory snapshot to
//! findings and one disposition. Pure functions; the shell loads the snapshot between
//! `prepare` (which says what to load) and `screen`.

pub mod findings;
mod resolve;
pub mod thread;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Settings;
use crate::directory::{AccessRequest, Account, Case, CaseType, DirectoryQuery, DirectorySnapshot, Party, PartyKind};
use crate::documents::{self, DocumentKind, DocumentLimits, DocumentProblem, DocumentReport};
use crate::domain::{CaseName, DocketNumber, EmailAddress, PersonName, UserId};
use crate::extraction::{self, ExtractionInput, ExtractionRules, StatedFields};
use crate::identity::names::{self, NameBand, NameComparison};
use crate::intake::automatic::{self, AutomaticReason};
use crate::intake::IncomingMessage;
use crate::sender::{self, SenderEvidence};
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
    let forwarded: Vec<&str> = message
        .forwarded
        .iter()
        .filter(|f| !f.from.iter().any(|a| policy.court_addresses.contains(&a.to_lowercase())))
        .map(|f| f.text.as_str())
        .collect();
    let file_names: Vec<&str> = message.attachments.iter().filter_map(|a| a.filename.as_deref()).collect();
    let letters = letters(&message);
    let letters: Vec<&str> = letters.iter().map(String::as_str).collect();
    let stated = extraction::extract(
        &ExtractionInput {
            body: &message.text,
            subject: &message.subject,
            forwarded: &forwarded,
            file_names: &file_names,
            letters: &letters,
        },
        &policy.extraction,
    );
    let mut documents: Vec<DocumentReport> =
        message.attachments.iter().map(|a| documents::inspect(a, policy.documents)).collect();
    if message.parts_skipped > 0 {
        documents.push(DocumentReport {
            filename: None,
            declared_type: "multipart/mixed".into(),
            format: None,
            bytes: 0,
            problem: Some(DocumentProblem::Unsupported(format!(
                "{} more parts than accessd reads in one message were not looked at",
                message.parts_skipped
            ))),
            kind: None,
            id_type: None,
            name_on_id: None,
            expires: None,
            legible: None,
            evidence: None,
        });
    }
    Prepared { message, automatic, sender, stated, documents, as_of }
}

/// The text of letters the party attached: word-processor files, plain text, and PDFs
/// whose text layer is about this request (a scanned certificate's text is not the
/// party's statement).
fn letters(message: &IncomingMessage) -> Vec<String> {
    const ABOUT_THE_REQUEST: &[&str] =
        &["e-services", "eservices", "electronic access", "user id", "username", "docket"];
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
    let request = match (&r.account, &r.case) {
        (Some(account), Some(case)) => {
            let request = directory.request_for(&account.user_id, &case.docket).cloned();
            if request.is_none() {
                findings.push(Finding {
                    code: FindingCode::NoPendingRequest,
                    detail: format!("no pending access request from {} on {}", account.user_id, case.docket),
                });
            }
            request
        }
        _ => None,
    };
    let party = match (&request, &r.case) {
        (Some(req), Some(c)) => directory.party(&c.docket, &req.party_name).cloned(),
        _ => None,
    };
    let documents = judge_documents(prepared, &r, request.as_ref(), party.as_ref(), &mut findings);
    let findings = findings::in_table_order(findings);
    Screening {
        sender_matches_account: r.account.as_ref().is_some_and(|a| from == Some(&a.email)),
        sender_authenticated: sender.authentication.authenticated,
        request_id: request.as_ref().map(|req| req.request_id.clone()),
        documents,
        disposition: findings::disposition(&findings),
        findings,
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

/// Reads what the documents show against the request: business proof recognised,
/// ID findings, and each document's name-match explanation.
fn judge_documents(
    prepared: &Prepared,
    r: &resolve::Resolved,
    request: Option<&AccessRequest>,
    party: Option<&Party>,
    findings: &mut Vec<Finding>,
) -> Vec<DocumentReport> {
    let mut documents = prepared.documents.clone();
    let business = party.filter(|p| p.party_kind == PartyKind::Business).map(|p| p.party_name.clone());
    if let Some(business) = business.or_else(|| r.account.as_ref().and_then(|a| a.business_name.clone())) {
        recognise_business_proof(&mut documents, &business);
    }
    let (document_findings, comparisons) = document_findings(&DocumentContext {
        documents: &documents,
        as_of: prepared.as_of,
        party_name: party_name_for_id(request, party, r.account.as_ref()),
        business_case: party.is_some_and(|p| p.party_kind == PartyKind::Business)
            && r.case.as_ref().is_some_and(|c| c.case_type == CaseType::SmallClaims),
    });
    findings.extend(document_findings);
    for (d, c) in documents.iter_mut().zip(comparisons) {
        if let (Some(e), Some(c)) = (d.evidence.as_mut(), c) {
            e.name_match = Some(c);
        }
    }
    documents
}

/// The name the photo ID must carry: the party on the request, or for a business party
/// the account holder.
fn party_name_for_id(
    request: Option<&AccessRequest>,
    party: Option<&Party>,
    account: Option<&Account>,
) -> Option<PersonName> {
    match party {
        Some(p) if p.party_kind == PartyKind::Business => account.map(|a| a.full_name.clone()),
        _ => {
            request.and_then(|r| PersonName::parse(&r.party_name).ok()).or_else(|| account.map(|a| a.full_name.clone()))
        }
    }
}

/// Letterhead, a business card or mail that names the business shows the sender's tie
/// to it even without a Secretary of the State heading.
fn recognise_business_proof(documents: &mut [DocumentReport], business: &str) {
    const ENTITY: &[&str] = &["llc", "inc", "co", "corp", "ltd", "pc", "llp", "lp", "company", "the"];
    let wanted: Vec<String> = crate::domain::name_tokens(business)
        .into_iter()
        .filter(|t| t.len() > 1 && !ENTITY.contains(&t.as_str()))
        .collect();
    if wanted.is_empty() {
        return;
    }
    for doc in documents.iter_mut().filter(|d| d.kind == Some(DocumentKind::Other) && d.legible == Some(true)) {
        let text = doc.evidence.as_ref().map(|e| crate::domain::name_tokens(&e.text())).unwrap_or_default();
        if wanted.iter().all(|w| text.contains(w)) {
            doc.kind = Some(DocumentKind::BusinessProof);
        }
    }
}

struct DocumentContext<'a> {
    documents: &'a [DocumentReport],
    as_of: NaiveDate,
    party_name: Option<PersonName>,
    business_case: bool,
}

/// Findings about the attached files, and for each file the name-match explanation
/// the clerk sees. A document not yet read (kind unknown) leaves the ID findings
/// undecided rather than guessing.
fn document_findings(ctx: &DocumentContext<'_>) -> (Vec<Finding>, Vec<Option<NameComparison>>) {
    let mut out = Vec::new();
    let mut comparisons = vec![None; ctx.documents.len()];
    let label = |d: &DocumentReport| d.filename.clone().unwrap_or_else(|| "an unnamed attachment".into());
    for d in ctx.documents {
        match &d.problem {
            Some(DocumentProblem::Oversized { bytes, limit }) => out.push(Finding {
                code: FindingCode::OversizedAttachment,
                detail: format!("{} is {} MB, over the {} MB limit", label(d), bytes / 1_000_000, limit / 1_000_000),
            }),
            Some(DocumentProblem::Unsupported(why)) => {
                out.push(Finding { code: FindingCode::UnsupportedAttachment, detail: format!("{}: {why}", label(d)) })
            }
            None => {}
        }
    }
    let unread = ctx.documents.iter().any(|d| d.is_usable() && d.kind.is_none());
    if unread {
        return (out, comparisons);
    }
    let of_kind = |k: DocumentKind| ctx.documents.iter().filter(move |d| d.kind == Some(k));
    let photo_ids: Vec<&DocumentReport> = of_kind(DocumentKind::PhotoId).collect();
    let name_changes: Vec<&DocumentReport> = of_kind(DocumentKind::NameChange).collect();
    if photo_ids.is_empty() {
        out.push(Finding { code: FindingCode::MissingPhotoId, detail: String::new() });
    } else {
        let legible: Vec<&DocumentReport> = photo_ids.iter().copied().filter(|d| d.legible == Some(true)).collect();
        if legible.is_empty() {
            let reasons: Vec<String> = photo_ids
                .iter()
                .filter_map(|d| Some(format!("{}: {}", label(d), d.evidence.as_ref()?.illegible_reason?.for_party())))
                .collect();
            out.push(Finding { code: FindingCode::IllegiblePhotoId, detail: reasons.join("; ") });
        } else {
            if legible.iter().all(|d| d.expires.is_some_and(|e| e < ctx.as_of)) {
                let dates: Vec<String> =
                    legible.iter().filter_map(|d| d.expires).map(|e| e.format("%Y-%m-%d").to_string()).collect();
                out.push(Finding {
                    code: FindingCode::IdExpired,
                    detail: format!("expired {} (message dated {})", dates.join(", "), ctx.as_of.format("%Y-%m-%d")),
                });
            }
            if let Some(party) = &ctx.party_name {
                // Compare every legible ID; the best band decides.
                let mut best: Option<(NameBand, &str, String)> = None;
                for (i, d) in ctx.documents.iter().enumerate() {
                    let Some(on_id) = d
                        .name_on_id
                        .as_deref()
                        .filter(|_| d.kind == Some(DocumentKind::PhotoId) && d.legible == Some(true))
                    else {
                        continue;
                    };
                    let c = names::compare(party.as_str(), on_id);
                    if best.as_ref().is_none_or(|(b, _, _)| rank(c.band) < rank(*b)) {
                        best = Some((c.band, on_id, c.explanation.clone()));
                    }
                    comparisons[i] = Some(c);
                }
                match best {
                    // A clerk reviews every request; a doubtful match is shown on the
                    // document, not turned into a request to the party.
                    Some((NameBand::Match | NameBand::ClerkMustLook, _, _)) => {}
                    Some((NameBand::Mismatch, on_id, why)) => {
                        let bridge = name_changes.iter().find(|d| {
                            d.evidence.as_ref().is_some_and(|e| names::bridges(party.as_str(), on_id, &e.tokens()))
                        });
                        match bridge {
                            Some(doc) => out.push(Finding {
                                code: FindingCode::NameChangeProofAttached,
                                detail: format!("{} shows both {party} and {on_id}", label(doc)),
                            }),
                            None => {
                                let mut detail = format!("the ID reads {on_id}, the request names {party} ({why})");
                                if !name_changes.is_empty() {
                                    detail.push_str("; the attached name-change document does not show both names");
                                }
                                out.push(Finding { code: FindingCode::IdNameMismatch, detail });
                            }
                        }
                    }
                    None => {}
                }
            }
        }
    }
    if ctx.business_case && of_kind(DocumentKind::BusinessProof).next().is_none() {
        out.push(Finding { code: FindingCode::BusinessProofMissing, detail: String::new() });
    }
    (out, comparisons)
}

fn rank(band: NameBand) -> u8 {
    match band {
        NameBand::Match => 0,
        NameBand::ClerkMustLook => 1,
        NameBand::Mismatch => 2,
    }
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

#[cfg(test)]
mod document_rules {
    use super::*;
    use crate::documents::IdType;
    use crate::identity::DocumentEvidence;

    fn doc(kind: DocumentKind, name: Option<&str>, expires: Option<(i32, u32, u32)>, legible: bool) -> DocumentReport {
        DocumentReport {
            filename: Some(format!("{kind:?}.png")),
            declared_type: "image/png".into(),
            format: Some(crate::documents::FileFormat::Png),
            bytes: 1000,
            problem: None,
            kind: Some(kind),
            id_type: (kind == DocumentKind::PhotoId).then_some(IdType::CtDriverLicense),
            name_on_id: name.map(str::to_string),
            expires: expires.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            legible: Some(legible),
            evidence: Some(Box::default()),
        }
    }

    fn with_text(mut d: DocumentReport, text: &str) -> DocumentReport {
        let mut e = DocumentEvidence::default();
        e.pages.push(crate::identity::PageEvidence::with_text(text));
        d.evidence = Some(Box::new(e));
        d
    }

    fn codes(documents: &[DocumentReport], party: &str) -> Vec<FindingCode> {
        let ctx = DocumentContext {
            documents,
            as_of: NaiveDate::from_ymd_opt(2026, 10, 13).unwrap(),
            party_name: PersonName::parse(party).ok(),
            business_case: false,
        };
        document_findings(&ctx).0.into_iter().map(|f| f.code).collect()
    }

    const ID: DocumentKind = DocumentKind::PhotoId;

    #[test]
    fn matching_id_in_date_has_no_findings() {
        assert_eq!(
            codes(&[doc(ID, Some("DANA RUTH WHITLOCK"), Some((2030, 5, 10)), true)], "WHITLOCK, DANA R."),
            vec![]
        );
        // OCR look-alikes still match.
        assert_eq!(
            codes(&[doc(ID, Some("DANA RUTH WH1TL0CK"), Some((2030, 5, 10)), true)], "WHITLOCK, DANA R."),
            vec![]
        );
    }

    #[test]
    fn other_name_without_proof_is_a_mismatch() {
        let docs = [doc(ID, Some("AMANDA JO LINDQVIST"), Some((2031, 10, 1)), true)];
        assert_eq!(codes(&docs, "PIERCE, AMANDA J."), vec![FindingCode::IdNameMismatch]);
    }

    #[test]
    fn a_certificate_bridging_both_names_is_name_change_proof() {
        let cert = with_text(
            doc(DocumentKind::NameChange, None, None, true),
            "CERTIFICATE OF MARRIAGE\nPARTY A CURRENT LEGAL NAME\nAMANDA JO PIERCE\nSURNAME AFTER MARRIAGE\nLINDQVIST",
        );
        let docs = [doc(ID, Some("AMANDA JO LINDQVIST"), Some((2031, 10, 1)), true), cert];
        assert_eq!(codes(&docs, "PIERCE, AMANDA J."), vec![FindingCode::NameChangeProofAttached]);
    }

    #[test]
    fn a_certificate_about_other_people_bridges_nothing() {
        let cert =
            with_text(doc(DocumentKind::NameChange, None, None, true), "CERTIFICATE OF MARRIAGE MARY SMITH JOHN DOE");
        let docs = [doc(ID, Some("AMANDA JO LINDQVIST"), Some((2031, 10, 1)), true), cert];
        assert_eq!(codes(&docs, "PIERCE, AMANDA J."), vec![FindingCode::IdNameMismatch]);
    }

    #[test]
    fn a_near_name_goes_to_the_clerk_not_the_party() {
        let docs = [doc(ID, Some("JOHN PRUITT"), Some((2030, 5, 10)), true)];
        assert_eq!(codes(&docs, "PRUITT, JON"), vec![]);
        let ctx = DocumentContext {
            documents: &docs,
            as_of: NaiveDate::from_ymd_opt(2026, 10, 13).unwrap(),
            party_name: PersonName::parse("PRUITT, JON").ok(),
            business_case: false,
        };
        assert_eq!(document_findings(&ctx).1[0].as_ref().map(|c| c.band), Some(NameBand::ClerkMustLook));
    }

    #[test]
    fn expiry_against_the_message_date() {
        let expired = doc(ID, Some("ZOE CATHERINE O'BRIEN"), Some((2026, 8, 8)), true);
        assert_eq!(codes(std::slice::from_ref(&expired), "O'BRIEN, ZOË C."), vec![FindingCode::IdExpired]);
        // Another legible ID still in date is enough.
        let passport = doc(ID, Some("ZOE O'BRIEN"), Some((2030, 1, 1)), true);
        assert_eq!(codes(&[expired, passport], "O'BRIEN, ZOË C."), vec![]);
        // An ID without an expiry (a naturalization certificate) never expires.
        assert_eq!(codes(&[doc(ID, Some("ZOE O'BRIEN"), None, true)], "O'BRIEN, ZOË C."), vec![]);
    }

    #[test]
    fn illegible_ids_and_missing_ids() {
        assert_eq!(codes(&[doc(ID, None, None, false)], "SZABO, BRENDA"), vec![FindingCode::IllegiblePhotoId]);
        assert_eq!(
            codes(&[doc(DocumentKind::Other, None, None, true)], "SZABO, BRENDA"),
            vec![FindingCode::MissingPhotoId]
        );
        // A document not yet read decides nothing.
        let mut unread = doc(ID, None, None, false);
        unread.kind = None;
        assert_eq!(codes(&[unread], "SZABO, BRENDA"), vec![]);
    }
}
