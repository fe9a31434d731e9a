//! The expected screening of a message, worked out from the facts the generator put in
//! it by the court's written rules (`shared/samples/README.md`): fields as written,
//! sender checks, the access request, one entry per attached file, findings in the
//! README's order and the disposition by precedence. Never by running accessd.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::wording;
use super::world::{CaseType, World};

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Fields {
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub case_name: Option<String>,
    /// Normalised `LLL-TTYY-NNNNNNN-S`.
    pub docket_number: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Document {
    pub filename: String,
    pub kind: &'static str,
    pub id_type: Option<&'static str>,
    pub name_on_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub expires: Option<String>,
    pub legible: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    pub fields: Fields,
    pub sender_matches_account: bool,
    pub sender_authenticated: bool,
    pub request_id: Option<String>,
    pub documents: Vec<Document>,
    pub findings: Vec<&'static str>,
    pub disposition: &'static str,
}

/// Findings in the README table's order.
pub const FINDINGS: &[&str] = &[
    "sender_mismatch",
    "sender_unauthenticated",
    "unknown_user_id",
    "missing_name",
    "missing_user_id",
    "missing_case_name",
    "missing_docket_number",
    "unknown_docket",
    "case_name_mismatch",
    "no_pending_request",
    "missing_photo_id",
    "illegible_photo_id",
    "id_expired",
    "id_name_mismatch",
    "name_change_proof_attached",
    "business_proof_missing",
    "auto_submitted",
    "unsupported_attachment",
    "oversized_attachment",
];

pub const FLAGGING: &[&str] = &["sender_mismatch", "sender_unauthenticated", "no_pending_request", "unknown_user_id"];
pub const INFORMATIONAL: &[&str] = &["name_change_proof_attached", "unsupported_attachment"];

/// One `Authentication-Results` header as the receiving side wrote it.
#[derive(Debug, Clone)]
pub struct AuthResult {
    pub authserv_id: String,
    pub dmarc: Option<&'static str>,
    /// (result, signing domain `d=`).
    pub dkim: Vec<(&'static str, String)>,
    /// (result, domain of `smtp.mailfrom`).
    pub spf: Option<(&'static str, String)>,
}

pub const TRUSTED_AUTHSERV: &str = "mx.eservices.example";

/// The README's rule: a trusted header with `dmarc=pass`, or a DKIM or SPF pass aligned
/// with the From domain.
pub fn authenticated(results: &[AuthResult], from_domain: &str) -> bool {
    let from_domain = from_domain.to_lowercase();
    results.iter().filter(|r| r.authserv_id == TRUSTED_AUTHSERV).any(|r| {
        r.dmarc == Some("pass")
            || r.dkim.iter().any(|(res, d)| *res == "pass" && d.to_lowercase() == from_domain)
            || r.spf.as_ref().is_some_and(|(res, d)| *res == "pass" && d.to_lowercase() == from_domain)
    })
}

/// What the generator knows about a message, in the terms of the rules.
#[derive(Debug, Clone)]
pub struct Facts {
    pub from: String,
    pub auth: Vec<AuthResult>,
    pub automatic: bool,
    pub fields: Fields,
    /// The case (index into `World::cases`) the written case name names.
    pub case_named: Option<usize>,
    pub date: NaiveDate,
    pub documents: Vec<(Document, bool)>,
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Name tokens compared by the README's rule: no case, accents, punctuation, middle
/// initials or suffixes.
pub fn name_tokens(name: &str) -> BTreeSet<String> {
    wording::tokens(name).into_iter().filter(|t| t.chars().count() > 1 && !SUFFIXES.contains(&t.as_str())).collect()
}

/// Names match when one's tokens are contained in the other's (at least two tokens).
pub fn names_match(a: &str, b: &str) -> bool {
    let (ta, tb) = (name_tokens(a), name_tokens(b));
    let (small, big) = if ta.len() <= tb.len() { (&ta, &tb) } else { (&tb, &ta) };
    small.len() >= 2 && small.is_subset(big)
}

fn domain_of(addr: &str) -> &str {
    addr.rsplit('@').next().unwrap_or("")
}

/// The truth for `facts` against `world`.
pub fn judge(world: &World, facts: &Facts) -> Truth {
    let authenticated = authenticated(&facts.auth, domain_of(&facts.from));
    let by_email = world.account_index_by_email(&facts.from);
    if facts.automatic {
        return Truth {
            fields: Fields::default(),
            sender_matches_account: by_email.is_some(),
            sender_authenticated: authenticated,
            request_id: None,
            documents: Vec::new(),
            findings: vec!["auto_submitted"],
            disposition: "ignored",
        };
    }
    let f = &facts.fields;
    let named = f.user_id.as_deref().and_then(|u| world.account_by_user(u));
    let account = match &f.user_id {
        Some(u) => world.accounts.iter().position(|a| a.user_id == *u),
        None => by_email,
    };
    let matches = match (&f.user_id, named) {
        (Some(_), Some(a)) => a.email.eq_ignore_ascii_case(&facts.from),
        (Some(_), None) => false,
        (None, _) => by_email.is_some(),
    };
    let case = f.docket_number.as_deref().and_then(|d| world.case_index(d));
    let request = account.zip(case).and_then(|(a, c)| world.request_for(a, c));
    let mut found: BTreeSet<&'static str> = BTreeSet::new();
    let mut add = |code: &'static str, cond: bool| {
        if cond {
            found.insert(code);
        }
    };
    add("sender_mismatch", named.is_some() && !matches);
    add("sender_unauthenticated", !authenticated);
    add("unknown_user_id", f.user_id.is_some() && named.is_none());
    add("missing_name", f.name.is_none());
    add("missing_user_id", f.user_id.is_none());
    add("missing_case_name", f.case_name.is_none());
    add("missing_docket_number", f.docket_number.is_none());
    add("unknown_docket", f.docket_number.is_some() && case.is_none());
    let mismatch = match (case, facts.case_named) {
        (Some(c), Some(n)) => n != c && wording::different_cases(world, &world.cases[n], &world.cases[c]),
        _ => false,
    };
    add("case_name_mismatch", mismatch);
    add("no_pending_request", account.is_some() && case.is_some() && request.is_none());
    for code in document_findings(world, facts, account, case) {
        found.insert(code);
    }
    let findings: Vec<&'static str> = FINDINGS.iter().copied().filter(|c| found.contains(c)).collect();
    Truth {
        fields: f.clone(),
        sender_matches_account: matches,
        sender_authenticated: authenticated,
        request_id: request.map(|r| r.id.clone()),
        documents: facts.documents.iter().map(|(d, _)| d.clone()).collect(),
        disposition: disposition(&findings),
        findings,
    }
}

/// The name an ID must carry: the request's party name, or for a business party the
/// account holder's name; and whether the party is a business in a small-claims case.
/// Without a request there is no party to compare with.
fn party_name(world: &World, account: Option<usize>, case: Option<usize>) -> (Option<String>, bool) {
    let request = account.zip(case).and_then(|(a, c)| world.request_for(a, c));
    match (request, account) {
        (Some(r), Some(a)) if world.accounts[a].business.is_some() => {
            let small = world.cases[r.case].case_type == CaseType::SmallClaims;
            (Some(world.accounts[a].full_name.clone()), small)
        }
        (Some(r), _) => (Some(r.party_name.clone()), false),
        _ => (None, false),
    }
}

fn document_findings(world: &World, facts: &Facts, account: Option<usize>, case: Option<usize>) -> Vec<&'static str> {
    let docs: Vec<&Document> = facts.documents.iter().map(|(d, _)| d).collect();
    let ids: Vec<&&Document> = docs.iter().filter(|d| d.kind == "photo_id").collect();
    let legible: Vec<&&Document> = ids.iter().copied().filter(|d| d.legible).collect();
    let mut out = Vec::new();
    if ids.is_empty() {
        out.push("missing_photo_id");
    } else if legible.is_empty() {
        out.push("illegible_photo_id");
    }
    let expired = |d: &Document| {
        d.expires.as_deref().and_then(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").ok()).is_some_and(|e| e < facts.date)
    };
    if !legible.is_empty() && legible.iter().all(|d| expired(d)) {
        out.push("id_expired");
    }
    let (party, business_small_claims) = party_name(world, account, case);
    let change_paper = docs.iter().any(|d| d.kind == "name_change");
    if let (false, Some(party)) = (legible.is_empty(), party) {
        let carries = legible.iter().any(|d| d.name_on_id.as_deref().is_some_and(|n| names_match(n, &party)));
        if !carries {
            out.push(if change_paper { "name_change_proof_attached" } else { "id_name_mismatch" });
        }
    }
    if business_small_claims && !docs.iter().any(|d| d.kind == "business_proof") {
        out.push("business_proof_missing");
    }
    if facts.documents.iter().any(|(_, unsupported)| *unsupported) {
        out.push("unsupported_attachment");
    }
    out
}

/// ignored > flagged > needs_information > ready_for_review.
pub fn disposition(findings: &[&str]) -> &'static str {
    if findings.contains(&"auto_submitted") {
        "ignored"
    } else if findings.iter().any(|f| FLAGGING.contains(f)) {
        "flagged"
    } else if findings.iter().any(|f| !INFORMATIONAL.contains(f)) {
        "needs_information"
    } else {
        "ready_for_review"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_the_readme_rule() {
        assert!(names_match("DANA RUTH WHITLOCK", "WHITLOCK, DANA R."));
        assert!(names_match("ZOE CATHERINE O'BRIEN", "O'BRIEN, ZO\u{cb} C."));
        assert!(names_match("DANA R WHITLOCK JR", "WHITLOCK, DANA R., JR."));
        assert!(names_match("MARIA GARCIA LOPEZ", "GARC\u{cd}A L\u{d3}PEZ, MAR\u{cd}A"));
        assert!(!names_match("JENNIFER L FELD", "FELD, MARCUS A."));
        assert!(!names_match("AMANDA JO LINDQVIST", "PIERCE, AMANDA J."));
        assert!(!names_match("PRINCE", "PRINCE"));
    }

    #[test]
    fn disposition_follows_precedence() {
        assert_eq!(disposition(&[]), "ready_for_review");
        assert_eq!(disposition(&["unsupported_attachment", "name_change_proof_attached"]), "ready_for_review");
        assert_eq!(disposition(&["missing_name", "sender_mismatch"]), "flagged");
        assert_eq!(disposition(&["id_expired"]), "needs_information");
        assert_eq!(disposition(&["auto_submitted", "sender_unauthenticated"]), "ignored");
    }

    #[test]
    fn authentication_trusts_only_the_court_mx() {
        let pass = |id: &str| AuthResult { authserv_id: id.into(), dmarc: Some("pass"), dkim: vec![], spf: None };
        assert!(authenticated(&[pass(TRUSTED_AUTHSERV)], "gmail.example"));
        assert!(!authenticated(&[pass("mx.google.example")], "gmail.example"));
        let dkim = |d: &str| AuthResult {
            authserv_id: TRUSTED_AUTHSERV.into(),
            dmarc: Some("none"),
            dkim: vec![("pass", d.into())],
            spf: None,
        };
        assert!(authenticated(&[dkim("gmail.example")], "gmail.example"));
        assert!(!authenticated(&[dkim("sendgrid.example")], "gmail.example"));
    }
}
