//! The court's directory: E-Services accounts, cases, parties on each case and pending
//! "Request Electronic Access" submissions. Screening reads a small snapshot of it (the
//! rows a message can concern), so the rules stay pure functions over plain data.

pub mod import;
pub mod store;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::domain::{CaseName, DocketNumber, EmailAddress, PersonName, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    Individual,
    Business,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseType {
    Civil,
    Family,
    Housing,
    SmallClaims,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Person,
    Business,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub user_id: UserId,
    pub full_name: PersonName,
    pub email: EmailAddress,
    pub account_type: AccountType,
    pub business_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    pub docket: DocketNumber,
    pub case_name: CaseName,
    pub case_type: CaseType,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    pub docket: DocketNumber,
    pub party_name: String,
    pub role: String,
    pub party_kind: PartyKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessRequest {
    pub request_id: String,
    pub user_id: UserId,
    pub docket: DocketNumber,
    pub party_name: String,
    pub requested_at: DateTime<FixedOffset>,
}

/// The rows of the directory a message can concern (or the whole directory, in tests
/// and benchmarks). Lookups are linear: a snapshot holds a handful of rows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DirectorySnapshot {
    pub accounts: Vec<Account>,
    pub cases: Vec<Case>,
    pub parties: Vec<Party>,
    pub requests: Vec<AccessRequest>,
}

/// Which rows to load for one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryQuery {
    /// Folded user IDs the sender may have stated.
    pub user_ids: Vec<String>,
    /// Folded sender addresses.
    pub emails: Vec<String>,
    /// Docket cores (`LLL-TTYY-NNNNNNN`) the sender may have meant.
    pub docket_cores: Vec<String>,
}

impl DirectorySnapshot {
    /// Adds imported rows (tests and benchmarks build whole directories this way).
    pub fn extend(&mut self, rows: import::DirectoryRows) {
        match rows {
            import::DirectoryRows::Accounts(r) => self.accounts.extend(r),
            import::DirectoryRows::Cases(r) => self.cases.extend(r),
            import::DirectoryRows::Parties(r) => self.parties.extend(r),
            import::DirectoryRows::Requests(r) => self.requests.extend(r),
        }
    }

    pub fn account(&self, user_id: &UserId) -> Option<&Account> {
        self.accounts.iter().find(|a| &a.user_id == user_id)
    }

    pub fn accounts_with_email(&self, email: &EmailAddress) -> impl Iterator<Item = &Account> {
        let email = email.clone();
        self.accounts.iter().filter(move |a| a.email == email)
    }

    /// The directory's docket the sender meant: the exact docket, or the only one that
    /// agrees with everything the sender wrote (a missing suffix or complex-litigation
    /// prefix is filled in only when exactly one case fits).
    pub fn resolve_docket(&self, stated: &DocketNumber) -> Option<&Case> {
        if let Some(case) = self.cases.iter().find(|c| &c.docket == stated) {
            return Some(case);
        }
        let mut fitting = self.cases.iter().filter(|c| stated.could_be(&c.docket));
        match (fitting.next(), fitting.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    pub fn request_for(&self, user_id: &UserId, docket: &DocketNumber) -> Option<&AccessRequest> {
        self.requests.iter().find(|r| &r.user_id == user_id && &r.docket == docket)
    }

    pub fn parties_of<'a>(&'a self, docket: &DocketNumber) -> impl Iterator<Item = &'a Party> + 'a {
        let docket = docket.clone();
        self.parties.iter().filter(move |p| p.docket == docket)
    }

    pub fn party(&self, docket: &DocketNumber, party_name: &str) -> Option<&Party> {
        self.parties_of(docket).find(|p| p.party_name.eq_ignore_ascii_case(party_name))
    }
}
