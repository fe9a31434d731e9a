//! E-Services user IDs: the login name a party chose when enrolling.

use std::fmt;

use serde::{Serialize, Serializer};

/// A plausible E-Services user ID, as the party wrote it. E-Services compares user IDs
/// without regard to case, so equality and hashing here do too.
#[derive(Debug, Clone)]
pub struct UserId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserIdError {
    #[error("a user ID cannot be empty")]
    Empty,
    #[error("`{0}` is too long for a user ID (at most 64 characters)")]
    TooLong(String),
    #[error("`{0}` is not a user ID: use letters, digits, `.`, `_`, `-` or `@` only")]
    BadCharacters(String),
    #[error("`{0}` is not a user ID: it must contain a letter")]
    NoLetter(String),
}

impl UserId {
    pub fn parse(input: &str) -> Result<Self, UserIdError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(UserIdError::Empty);
        }
        if s.chars().count() > 64 {
            return Err(UserIdError::TooLong(s.to_string()));
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')) {
            return Err(UserIdError::BadCharacters(s.to_string()));
        }
        if !s.chars().any(|c| c.is_ascii_alphabetic()) {
            return Err(UserIdError::NoLetter(s.to_string()));
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key the directory is indexed by.
    pub fn folded(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl PartialEq for UserId {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}
impl Eq for UserId {}

impl std::hash::Hash for UserId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.folded().hash(state)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for UserId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_shapes() {
        for ok in ["dwhitlock84", "mfeld.ct", "PRamanOkafor", "castellanos_cleaning", "a-b"] {
            assert_eq!(UserId::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn compares_without_case() {
        assert_eq!(UserId::parse("PRamanOkafor").unwrap(), UserId::parse("pramanokafor").unwrap());
    }

    #[test]
    fn refuses_garbage() {
        assert_eq!(UserId::parse("  "), Err(UserIdError::Empty));
        assert!(matches!(UserId::parse("two words"), Err(UserIdError::BadCharacters(_))));
        assert!(matches!(UserId::parse("12345"), Err(UserIdError::NoLetter(_))));
        assert!(matches!(UserId::parse(&"a".repeat(65)), Err(UserIdError::TooLong(_))));
    }
}
