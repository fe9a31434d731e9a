//! E-mail addresses as far as accessd needs them: the sender of a message and the
//! address on an E-Services account.

use std::fmt;

use serde::{Serialize, Serializer};

/// A single mailbox address `local@domain`. The domain is kept in lower case. Two
/// addresses are the same mailbox when they are equal ignoring case: RFC 5321 lets a
/// server treat the local part case-sensitively, but no provider parties use does, and
/// accounts are often typed with capitals.
#[derive(Debug, Clone)]
pub struct EmailAddress {
    local: String,
    domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailAddressError {
    #[error("`{0}` is not an e-mail address: it needs exactly one `@` with text on both sides")]
    Shape(String),
    #[error("`{0}` is not an e-mail address: the domain `{1}` is not a host name")]
    Domain(String, String),
    #[error("`{0}` is not an e-mail address: it contains spaces or control characters")]
    Characters(String),
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailAddressError> {
        let s = input.trim().trim_start_matches('<').trim_end_matches('>').trim();
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailAddressError::Characters(s.to_string()));
        }
        let (local, domain) = s
            .rsplit_once('@')
            .filter(|(l, d)| !l.is_empty() && !d.is_empty() && !l.contains('@'))
            .ok_or_else(|| EmailAddressError::Shape(s.to_string()))?;
        let domain = domain.trim_end_matches('.').to_ascii_lowercase();
        let host_ok = domain.len() <= 253
            && domain.split('.').all(|label| {
                !label.is_empty() && label.len() <= 63 && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !host_ok {
            return Err(EmailAddressError::Domain(s.to_string(), domain));
        }
        Ok(Self { local: local.to_string(), domain })
    }

    pub fn local_part(&self) -> &str {
        &self.local
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The key accounts are indexed by.
    pub fn folded(&self) -> String {
        format!("{}@{}", self.local.to_lowercase(), self.domain)
    }
}

impl PartialEq for EmailAddress {
    fn eq(&self, other: &Self) -> bool {
        self.folded() == other.folded()
    }
}
impl Eq for EmailAddress {}

impl std::hash::Hash for EmailAddress {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.folded().hash(state)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

impl Serialize for EmailAddress {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_case_does_not_matter() {
        let a = EmailAddress::parse("Dana.Whitlock@GMAIL.example").unwrap();
        assert_eq!(a.domain(), "gmail.example");
        assert_eq!(a, EmailAddress::parse("dana.whitlock@gmail.example").unwrap());
    }

    #[test]
    fn refuses_what_is_not_one_address() {
        assert!(EmailAddress::parse("").is_err());
        assert!(EmailAddress::parse("no-at-sign").is_err());
        assert!(EmailAddress::parse("a@b@c").is_err());
        assert!(EmailAddress::parse("a b@c.example").is_err());
        assert!(EmailAddress::parse("a@bad_domain.example").is_err());
        assert!(EmailAddress::parse("a@").is_err());
    }

    #[test]
    fn angle_brackets_are_tolerated() {
        assert_eq!(EmailAddress::parse("<x@evil.example>").unwrap().to_string(), "x@evil.example");
    }
}
