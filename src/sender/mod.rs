//! Who sent the message, and whether the court's own MX vouches for it. The From
//! header alone proves nothing; only the border MX's Authentication-Results do.

pub mod authentication_results;

use serde::Serialize;

use crate::domain::EmailAddress;
use crate::intake::IncomingMessage;
use authentication_results::{AuthenticationResults, MethodResult};

/// The sender as far as screening is concerned.
#[derive(Debug, Clone, Serialize)]
pub struct SenderEvidence {
    /// The single From address, when there is exactly one and it parses.
    pub from: Option<EmailAddress>,
    /// Why `from` is missing, for the clerk.
    pub from_problem: Option<FromProblem>,
    pub authentication: Authentication,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FromProblem {
    Missing,
    SeveralAddresses,
    Unparseable,
}

/// What the trusted Authentication-Results header says about the From domain.
#[derive(Debug, Clone, Serialize)]
pub struct Authentication {
    pub authenticated: bool,
    /// Which result authenticated the sender.
    pub basis: Option<AuthBasis>,
    /// The header that was believed (topmost with a trusted authserv-id).
    pub trusted_header: Option<AuthenticationResults>,
    /// Authentication-Results headers not believed (other authserv-ids, or lower
    /// headers claiming a trusted id, which the sender could have written).
    pub ignored_headers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "method", content = "domain", rename_all = "snake_case")]
pub enum AuthBasis {
    Dmarc(String),
    AlignedDkim(String),
    AlignedSpf(String),
}

/// Reads the From header and the trusted authentication results of `message`.
pub fn verify(message: &IncomingMessage, trusted_authserv_ids: &[String]) -> SenderEvidence {
    let (from, from_problem) = match message.from.as_slice() {
        [] => (None, Some(FromProblem::Missing)),
        [one] => match EmailAddress::parse(one) {
            Ok(address) => (Some(address), None),
            Err(_) => (None, Some(FromProblem::Unparseable)),
        },
        _ => (None, Some(FromProblem::SeveralAddresses)),
    };
    let authentication = authenticate(message, from.as_ref(), trusted_authserv_ids);
    SenderEvidence { from, from_problem, authentication }
}

fn authenticate(
    message: &IncomingMessage,
    from: Option<&EmailAddress>,
    trusted_authserv_ids: &[String],
) -> Authentication {
    let headers: Vec<AuthenticationResults> =
        message.header_values("Authentication-Results").filter_map(authentication_results::parse).collect();
    let is_trusted = |ar: &AuthenticationResults| {
        trusted_authserv_ids.iter().any(|id| id.trim().eq_ignore_ascii_case(&ar.authserv_id))
    };
    // Headers are prepended on the way in, so the border MX's header is the topmost
    // one carrying its id; any lower one with the same id came from the sender.
    let trusted_header = headers.iter().find(|ar| is_trusted(ar)).cloned();
    let ignored_headers = headers.len() - usize::from(trusted_header.is_some());
    let basis = match (from, &trusted_header) {
        (Some(from), Some(header)) => header.results.iter().find_map(|r| passing_basis(r, from.domain())),
        _ => None,
    };
    Authentication { authenticated: basis.is_some(), basis, trusted_header, ignored_headers }
}

fn passing_basis(result: &MethodResult, from_domain: &str) -> Option<AuthBasis> {
    if result.result != "pass" {
        return None;
    }
    match result.method.as_str() {
        "dmarc" => {
            let checked = result.property("header.from").map(|d| d.trim().to_ascii_lowercase());
            match checked {
                Some(d) if d != from_domain => None,
                _ => Some(AuthBasis::Dmarc(from_domain.to_string())),
            }
        }
        "dkim" => {
            let signer = result
                .property("header.d")
                .map(str::to_string)
                .or_else(|| result.property("header.i").map(|i| domain_of(i).to_string()))?;
            aligned(&signer, from_domain).then(|| AuthBasis::AlignedDkim(signer.to_ascii_lowercase()))
        }
        "spf" => {
            let mail_from = result.property("smtp.mailfrom").map(domain_of)?;
            aligned(mail_from, from_domain).then(|| AuthBasis::AlignedSpf(mail_from.to_ascii_lowercase()))
        }
        _ => None,
    }
}

fn domain_of(identity: &str) -> &str {
    identity.rsplit_once('@').map_or(identity, |(_, d)| d)
}

/// DMARC relaxed alignment (RFC 7489 §3.1): the organisational domains are equal.
fn aligned(a: &str, b: &str) -> bool {
    let a = a.trim().trim_end_matches('.').to_ascii_lowercase();
    let b = b.trim().trim_end_matches('.').to_ascii_lowercase();
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let org = |d: &str| psl::domain_str(d).map(str::to_string).unwrap_or_else(|| d.to_string());
    a == b || org(&a) == org(&b)
}

#[cfg(test)]
mod tests;
