//! People's names as written by parties, on the court file and on identity documents.

use std::fmt;

use serde::{Serialize, Serializer};

/// A person's name as written (`Dana R. Whitlock`, `WHITLOCK, DANA R.`, `Zoë O'Brien`).
/// Constructed only by parsing, so it holds letters and nothing a name never has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("a name cannot be empty")]
    Empty,
    #[error("`{0}` is not a name: it has no letters")]
    NoLetters(String),
    #[error("`{0}` is not a name: it contains digits or symbols a name does not have")]
    Characters(String),
    #[error("`{0}` is too long for a name (at most 200 characters)")]
    TooLong(String),
    #[error("`{0}` is not in Latin letters: give the name as the court's file spells it")]
    Script(String),
}

/// Letters of the Latin alphabet, accented or not (`Zoë`, `Łukasz`, `Nguyễn`): the
/// court's file spells names in them, so a name in another script cannot be compared.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Generational suffixes that names may carry or drop.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "esq"];

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, PersonNameError> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if s.chars().count() > 200 {
            return Err(PersonNameError::TooLong(s));
        }
        if !s.chars().any(char::is_alphabetic) {
            return Err(PersonNameError::NoLetters(s));
        }
        let allowed =
            |c: char| c.is_alphabetic() || matches!(c, ' ' | '.' | ',' | '\'' | '\u{2019}' | '-' | '\u{2010}');
        if !s.chars().all(allowed) {
            return Err(PersonNameError::Characters(s));
        }
        if !s.chars().filter(|c| c.is_alphabetic()).all(is_latin_letter) {
            return Err(PersonNameError::Script(s));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as comparable tokens: lower case, accents folded to ASCII, apostrophes
    /// dropped (`O'Brien` → `obrien`), hyphenated names split (`raman`, `okafor`).
    pub fn tokens(&self) -> Vec<String> {
        name_tokens(&self.0)
    }

    /// The tokens that must agree for two names to match: initials and generational
    /// suffixes are optional, so they are left out.
    pub fn significant_tokens(&self) -> Vec<String> {
        self.tokens().into_iter().filter(|t| t.len() > 1 && !SUFFIXES.contains(&t.as_str())).collect()
    }

    /// The court's rule: ignoring case, accents, punctuation, order, initials and
    /// suffixes, one name's tokens are all in the other's, and at least two agree.
    pub fn matches(&self, other: &PersonName) -> bool {
        let a = self.significant_tokens();
        let b = other.significant_tokens();
        let (small, large) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
        small.len() >= 2 && small.iter().all(|t| large.contains(t))
    }
}

/// Tokenises any name-like text the same way `PersonName::tokens` does; used for
/// business names and OCR text too.
pub fn name_tokens(text: &str) -> Vec<String> {
    // Split before transliterating: deunicode drops line breaks, which would glue words.
    text.replace(['\'', '\u{2019}', '`'], "")
        .split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            deunicode::deunicode(word)
                .to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PersonName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> PersonName {
        PersonName::parse(s).unwrap()
    }

    #[test]
    fn court_file_and_id_names_match() {
        assert!(n("WHITLOCK, DANA R.").matches(&n("DANA RUTH WHITLOCK")));
        assert!(n("RAMAN-OKAFOR, PRIYA").matches(&n("PRIYA RAMAN-OKAFOR")));
        assert!(n("O'BRIEN, ZOË C.").matches(&n("ZOE CATHERINE O'BRIEN")));
        assert!(n("KESSLER, THOMAS").matches(&n("Thomas Kessler Jr.")));
    }

    #[test]
    fn different_people_do_not_match() {
        assert!(!n("PIERCE, AMANDA J.").matches(&n("AMANDA JO LINDQVIST")));
        assert!(!n("FELD, MARCUS A.").matches(&n("FELD, JENNIFER L.")));
        // One shared token is not enough.
        assert!(!n("Marcus").matches(&n("MARCUS ALLEN FELD")));
    }

    #[test]
    fn parse_refuses_what_is_not_a_name() {
        assert_eq!(PersonName::parse("  "), Err(PersonNameError::Empty));
        assert!(matches!(PersonName::parse("...,"), Err(PersonNameError::NoLetters(_))));
        assert!(matches!(PersonName::parse("Dana 84"), Err(PersonNameError::Characters(_))));
        assert!(matches!(PersonName::parse("Наталья Соколова"), Err(PersonNameError::Script(_))));
        assert!(matches!(PersonName::parse("Ana Παπαδοπούλου"), Err(PersonNameError::Script(_))));
        assert_eq!(n("Łukasz Nguyễn-Müller").as_str(), "Łukasz Nguyễn-Müller");
        assert_eq!(n("  Dana   R.  Whitlock ").as_str(), "Dana R. Whitlock");
    }
}
