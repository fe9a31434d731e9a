//! What a document is, as the court names it: the kind of every attached file and the
//! type of a photo ID. Reading produces them ([`classify`](super::classify)); screening
//! and the desk speak in them.

use serde::Serialize;

/// What a document is, as far as the court cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    PhotoId,
    NameChange,
    BusinessProof,
    Other,
}

/// The nine kinds of photo ID the court accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    UsPassport,
    CtDriverLicense,
    OutOfStateDriverLicense,
    GovernmentId,
    MilitaryId,
    PassportCard,
    NaturalizationCertificate,
    CitizenshipCertificate,
    PermanentResidentCard,
}

impl IdType {
    /// Certificates of naturalization and citizenship are issued for life; every other
    /// accepted ID carries an expiry date.
    pub fn expires(self) -> bool {
        !matches!(self, IdType::NaturalizationCertificate | IdType::CitizenshipCertificate)
    }
}
