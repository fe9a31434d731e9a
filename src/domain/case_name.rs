//! Case names (captions) such as `Smith v. Jones` or `SMITH, JOHN v. JONES, MARY`.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Serialize, Serializer};

use super::person_name::name_tokens;

/// A case name as the sender wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseNameError {
    #[error("a case name cannot be empty")]
    Empty,
    #[error("`{0}` is not a case name: it has no letters")]
    NoLetters(String),
    #[error("`{0}` is too long for a case name (at most 300 characters)")]
    TooLong(String),
}

static VERSUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+(?:v|vs|versus)\.?\s+").expect("versus pattern compiles"));

/// Words that do not tell one party from another: entity forms, articles, "et al".
const FILLER: &[&str] = &[
    "llc",
    "l",
    "c",
    "inc",
    "incorporated",
    "co",
    "company",
    "corp",
    "corporation",
    "pc",
    "llp",
    "ltd",
    "limited",
    "lp",
    "pllc",
    "the",
    "of",
    "and",
    "et",
    "al",
    "a",
    "an",
    "dba",
];

/// Abbreviations people use for words in business names.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("mgmt", "management"),
    ("mgt", "management"),
    ("assn", "association"),
    ("assoc", "associates"),
    ("ins", "insurance"),
    ("intl", "international"),
    ("natl", "national"),
    ("dept", "department"),
    ("svcs", "services"),
    ("svc", "service"),
    ("bros", "brothers"),
    ("ctr", "center"),
    ("mfg", "manufacturing"),
    ("prop", "properties"),
    ("props", "properties"),
    ("apts", "apartments"),
    ("st", "saint"),
];

impl CaseName {
    pub fn parse(input: &str) -> Result<Self, CaseNameError> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(CaseNameError::Empty);
        }
        if s.chars().count() > 300 {
            return Err(CaseNameError::TooLong(s));
        }
        if !s.chars().any(char::is_alphabetic) {
            return Err(CaseNameError::NoLetters(s));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The caption split at "v." into its sides, each as a set of telling tokens
    /// (abbreviations spelled out, entity forms and articles left out).
    pub fn side_tokens(&self) -> Vec<Vec<String>> {
        self.side_words()
            .into_iter()
            .map(|side| side.into_iter().filter(|t| !FILLER.contains(&t.as_str()) && t.len() > 1).collect::<Vec<_>>())
            .filter(|side| !side.is_empty())
            .collect()
    }

    /// Every token of each side, filler and single letters included (`SPV I, LLC`,
    /// `Ó SÚILLEABHÁIN`, `N.A.`), abbreviations spelled out.
    pub fn side_words(&self) -> Vec<Vec<String>> {
        VERSUS.split(&self.0).map(|side| name_tokens(side).into_iter().map(spelled_out).collect()).collect()
    }

    /// Whether the stated caption names the directory's case: wording, abbreviations,
    /// case and the order of names do not matter. Every side the sender wrote must be
    /// found (as a subset, tolerating one typo in longer words) in a different side of
    /// the court's caption.
    pub fn names_same_case_as(&self, court: &CaseName) -> bool {
        let stated = self.side_tokens();
        let official = court.side_tokens();
        if stated.is_empty() || official.is_empty() {
            return false;
        }
        if stated.len() == 1 {
            let all: Vec<String> = official.concat();
            return side_within(&stated[0], &all);
        }
        // Try the sides in the court's order and swapped.
        let assign = |order: &[usize]| {
            stated.iter().zip(order).all(|(side, &i)| official.get(i).is_some_and(|o| side_within(side, o)))
        };
        stated.len() <= official.len() && (assign(&[0, 1]) || assign(&[1, 0]))
    }
}

/// Whether a word is an abbreviation captions use (`Ins.`, `Assn.`, `Apts.`): its
/// period does not end a sentence.
pub fn is_caption_abbreviation(word: &str) -> bool {
    let core = word.trim_end_matches(['.', ',']).to_lowercase();
    ABBREVIATIONS.iter().any(|(short, _)| *short == core)
}

fn spelled_out(token: String) -> String {
    ABBREVIATIONS.iter().find(|(short, _)| *short == token).map_or(token, |(_, long)| long.to_string())
}

fn side_within(stated: &[String], official: &[String]) -> bool {
    stated.iter().all(|word| side_word_within(word, official))
}

/// Whether one word of a stated caption (a folded token) is a word of the court's
/// side: the same, its abbreviation, one typo away in words of five letters or more,
/// or the initials of several of its words.
pub fn side_word_within(word: &str, side: &[String]) -> bool {
    let word = spelled_out(word.to_string());
    side.iter().any(|o| {
        *o == word
            || (word.len() >= 5
                && o.len() >= 5
                && o.len().abs_diff(word.len()) <= 1
                && strsim::osa_distance(o, &word) <= 1)
    }) || initials_of_words(&word, side)
}

/// Whether `word` is the initials of three to five consecutive telling words of a side,
/// as parties shorten an institution (`FCU` for Federal Credit Union, `DCF` for
/// Department of Children and Families once its filler is left out).
fn initials_of_words(word: &str, side: &[String]) -> bool {
    let n = word.len();
    (3..=5).contains(&n)
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && side.windows(n).any(|run| run.iter().zip(word.bytes()).all(|(w, b)| w.as_bytes().first() == Some(&b)))
}

impl fmt::Display for CaseName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CaseName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(stated: &str, court: &str) -> bool {
        CaseName::parse(stated).unwrap().names_same_case_as(&CaseName::parse(court).unwrap())
    }

    #[test]
    fn differently_worded_captions_match() {
        assert!(same("Smith v Jones", "SMITH, JOHN v. JONES, MARY"));
        assert!(same("Whitlock v. Capitol Auto Sales, LLC", "WHITLOCK, DANA v. CAPITOL AUTO SALES, LLC"));
        assert!(same("Elm City Properties v. Raman-Okafor", "ELM CITY PROPERTIES LLC v. RAMAN-OKAFOR, PRIYA"));
        assert!(same("Feld v. Feld", "FELD, MARCUS v. FELD, JENNIFER"));
        assert!(same("Pierce vs. Parkville Mgmt Co", "PIERCE, AMANDA v. PARKVILLE MANAGEMENT CO."));
        assert!(same(
            "O'Brien v. Soundview Property Management LLC",
            "O'BRIEN, ZOË v. SOUNDVIEW PROPERTY MANAGEMENT LLC"
        ));
        assert!(same("Jones v. Smith", "SMITH, JOHN v. JONES, MARY"));
        assert!(same("Tasca versus Middlesex Mutual Assurence", "TASCA, GREGORY v. MIDDLESEX MUTUAL ASSURANCE CO."));
        assert!(same(
            "Nutmeg State FCU -v- Amira's Electric",
            "NUTMEG STATE FEDERAL CREDIT UNION v. AMIRA'S ELECTRIC LLC"
        ));
        assert!(same("DCF v. Okafor", "DEPARTMENT OF CHILDREN AND FAMILIES v. OKAFOR, ADA"));
    }

    #[test]
    fn other_cases_do_not_match() {
        assert!(!same("Smith v. Brown", "SMITH, JOHN v. JONES, MARY"));
        assert!(!same("Rivera v. City of New Haven", "SZABO, BRENDA v. SHORELINE DENTAL GROUP PC"));
        assert!(!same("LLC v. Inc.", "SMITH, JOHN v. JONES, MARY"));
        // Initials stand for several words, never for one, and must be those words'.
        assert!(!same(
            "Nutmeg State FU v. Amira's Electric",
            "NUTMEG STATE FEDERAL CREDIT UNION v. AMIRA'S ELECTRIC LLC"
        ));
        assert!(!same(
            "Nutmeg State FCB v. Amira's Electric",
            "NUTMEG STATE FEDERAL CREDIT UNION v. AMIRA'S ELECTRIC LLC"
        ));
        assert!(!same("Jcm v. Jones", "SMITH, JOHN v. JONES, MARY"));
    }

    #[test]
    fn parse_refuses_empty() {
        assert_eq!(CaseName::parse(" "), Err(CaseNameError::Empty));
        assert!(matches!(CaseName::parse("123 / 456"), Err(CaseNameError::NoLetters(_))));
    }
}
