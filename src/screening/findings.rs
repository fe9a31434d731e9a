//! Findings and dispositions: the court's rules, in one table.

use serde::Serialize;

/// What a finding does to the disposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Shown to the clerk, changes nothing.
    Informational,
    /// The party can fix it: the reply asks for it.
    NeedsInformation,
    /// A clerk must look before anything else happens.
    Flag,
    /// Automatic mail: kept, never answered.
    Ignore,
}

/// The outcome of screening one message. Ordered by precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    ReadyForReview,
    NeedsInformation,
    Flagged,
    Ignored,
}

impl Disposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::ReadyForReview => "ready_for_review",
            Disposition::NeedsInformation => "needs_information",
            Disposition::Flagged => "flagged",
            Disposition::Ignored => "ignored",
        }
    }
}

impl std::fmt::Display for Disposition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! finding_codes {
    ($($variant:ident => $code:literal, $effect:ident, $meaning:literal, $asks:literal;)*) => {
        /// A finding code, exactly as the court's sample README defines them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FindingCode { $($variant,)* }

        /// One row of the rules table.
        #[derive(Debug, Clone, Copy)]
        pub struct Rule {
            pub code: FindingCode,
            pub effect: Effect,
            /// What the finding means, for clerks and the README.
            pub meaning: &'static str,
            /// What the reply asks the party to do; empty when the party is not asked.
            pub asks_party: &'static str,
        }

        /// The rules, in the order findings are listed.
        pub const RULES: &[Rule] = &[
            $(Rule { code: FindingCode::$variant, effect: Effect::$effect, meaning: $meaning, asks_party: $asks },)*
        ];

        impl FindingCode {
            pub fn as_str(self) -> &'static str {
                match self { $(FindingCode::$variant => $code,)* }
            }
        }
    };
}

finding_codes! {
    AutoSubmitted => "auto_submitted", Ignore,
        "auto-reply, out-of-office, bounce or list mail", "";
    SenderMismatch => "sender_mismatch", Flag,
        "the account named by the user ID exists but its e-mail is not the From address",
        "";
    SenderUnauthenticated => "sender_unauthenticated", Flag,
        "no trusted Authentication-Results pass (DMARC, or aligned DKIM/SPF) for the From domain", "";
    UnknownUserId => "unknown_user_id", Flag,
        "the stated user ID is not an E-Services account", "";
    NoPendingRequest => "no_pending_request", Flag,
        "account and docket are known but there is no access request for them", "";
    MissingName => "missing_name", NeedsInformation,
        "the sender did not state their name", "your full name as it appears on the case";
    MissingUserId => "missing_user_id", NeedsInformation,
        "the sender did not state their E-Services user ID", "your E-Services user ID";
    MissingCaseName => "missing_case_name", NeedsInformation,
        "the sender did not state the case name", "the case name (for example: Smith v. Jones)";
    MissingDocketNumber => "missing_docket_number", NeedsInformation,
        "the sender did not state the docket number", "the docket number (for example: HHD-CV17-5022125-S)";
    UnknownDocket => "unknown_docket", NeedsInformation,
        "the stated docket number is not a case in the directory",
        "the docket number exactly as it appears on your court papers";
    CaseNameMismatch => "case_name_mismatch", NeedsInformation,
        "the stated case name names a different case than the docket number",
        "the case name and docket number of the same case";
    MissingPhotoId => "missing_photo_id", NeedsInformation,
        "no photo ID among the attachments",
        "a photo or scan of an accepted photo ID";
    IllegiblePhotoId => "illegible_photo_id", NeedsInformation,
        "photo IDs are attached but none is legible",
        "a clearer photo or scan of your photo ID";
    IdExpired => "id_expired", NeedsInformation,
        "every legible photo ID expired before the message date",
        "a photo ID that has not expired";
    IdNameMismatch => "id_name_mismatch", NeedsInformation,
        "no legible photo ID carries the party's name and no name-change proof is attached",
        "a photo ID in the name on the case, or proof of your name change (marriage certificate, divorce decree or court order)";
    NameChangeProofAttached => "name_change_proof_attached", Informational,
        "the ID name differs from the party name and a name-change document is attached", "";
    BusinessProofMissing => "business_proof_missing", NeedsInformation,
        "a business party in a small-claims case, with no document showing the sender's relationship to the business",
        "proof of your relationship to the business (Secretary of State page, articles, business card, letterhead or recent mail)";
    UnsupportedAttachment => "unsupported_attachment", Informational,
        "an attachment that cannot be used (not an image or PDF, content that does not match its name, absurd image dimensions)",
        "";
    OversizedAttachment => "oversized_attachment", NeedsInformation,
        "an attachment over the size limit; it was not inspected",
        "a smaller photo or scan (under 25 MB)";
}

impl FindingCode {
    pub fn rule(self) -> &'static Rule {
        RULES.iter().find(|r| r.code == self).expect("every finding code has a rule")
    }
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding with the specifics a clerk or the reply needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    /// Plain-language specifics ("IMG_1.jpg is too blurry"). No ID numbers or dates of birth.
    pub detail: String,
}

/// The one disposition for a set of findings: the strongest effect wins
/// (ignored > flagged > needs_information > ready_for_review).
pub fn disposition(findings: &[Finding]) -> Disposition {
    match findings.iter().map(|f| f.code.rule().effect).max() {
        Some(Effect::Ignore) => Disposition::Ignored,
        Some(Effect::Flag) => Disposition::Flagged,
        Some(Effect::NeedsInformation) => Disposition::NeedsInformation,
        Some(Effect::Informational) | None => Disposition::ReadyForReview,
    }
}

/// Findings in table order, each code once (details of repeats are joined).
pub fn in_table_order(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by_key(|f| RULES.iter().position(|r| r.code == f.code));
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        match out.last_mut() {
            Some(last) if last.code == f.code => {
                if !f.detail.is_empty() && !last.detail.contains(&f.detail) {
                    last.detail = format!("{}; {}", last.detail, f.detail);
                }
            }
            _ => out.push(f),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(code: FindingCode) -> Finding {
        Finding { code, detail: String::new() }
    }

    #[test]
    fn precedence() {
        use FindingCode::*;
        assert_eq!(disposition(&[]), Disposition::ReadyForReview);
        assert_eq!(disposition(&[f(NameChangeProofAttached), f(UnsupportedAttachment)]), Disposition::ReadyForReview);
        assert_eq!(disposition(&[f(MissingPhotoId), f(UnsupportedAttachment)]), Disposition::NeedsInformation);
        assert_eq!(disposition(&[f(MissingPhotoId), f(SenderMismatch)]), Disposition::Flagged);
        assert_eq!(disposition(&[f(SenderUnauthenticated), f(AutoSubmitted)]), Disposition::Ignored);
    }

    #[test]
    fn each_rule_has_its_effect() {
        use FindingCode::*;
        for code in [SenderMismatch, SenderUnauthenticated, NoPendingRequest, UnknownUserId] {
            assert_eq!(disposition(&[f(code)]), Disposition::Flagged, "{code}");
        }
        for code in [
            MissingName,
            MissingUserId,
            MissingCaseName,
            MissingDocketNumber,
            UnknownDocket,
            CaseNameMismatch,
            MissingPhotoId,
            IllegiblePhotoId,
            IdExpired,
            IdNameMismatch,
            BusinessProofMissing,
            OversizedAttachment,
        ] {
            assert_eq!(disposition(&[f(code)]), Disposition::NeedsInformation, "{code}");
            assert!(!code.rule().asks_party.is_empty(), "{code} must tell the party what to send");
        }
        for code in [NameChangeProofAttached, UnsupportedAttachment] {
            assert_eq!(disposition(&[f(code)]), Disposition::ReadyForReview, "{code}");
        }
        assert_eq!(disposition(&[f(AutoSubmitted)]), Disposition::Ignored);
    }

    #[test]
    fn codes_serialise_as_the_readme_spells_them() {
        for rule in RULES {
            assert_eq!(serde_json::to_value(rule.code).unwrap(), rule.code.as_str());
        }
    }

    #[test]
    fn ordering_and_merging() {
        use FindingCode::*;
        let merged = in_table_order(vec![
            Finding { code: UnsupportedAttachment, detail: "a.exe".into() },
            f(MissingName),
            Finding { code: UnsupportedAttachment, detail: "b.zip".into() },
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].code, MissingName);
        assert_eq!(merged[1].detail, "a.exe; b.zip");
    }
}
