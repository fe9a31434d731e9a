//! Connecticut docket numbers: `LLL-TTYY-NNNNNNN-S`, optionally with a complex-litigation
//! prefix (`X08-FST-CV25-6076444-S`). People write them in many shapes; everything is
//! parsed into one value whose `Display` is the canonical form.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Serialize, Serializer};

/// A docket number as the court writes it. Only constructed by parsing, so every value
/// has a three-letter location, a two-letter category, a two-digit year and a seven-digit
/// number. The suffix may be missing when the sender left it off; the screening step
/// fills it in from the directory when exactly one case matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocketNumber {
    complex_prefix: Option<String>,
    location: String,
    category: String,
    year: String,
    number: String,
    suffix: Option<char>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocketError {
    #[error("`{0}` is not a docket number; write it as LLL-TTYY-NNNNNNN-S, for example HHD-CV17-5022125-S")]
    Malformed(String),
}

/// Separators people put between the parts: hyphens, dashes, spaces, dots, slashes.
const SEP: &str = r"[\s\-\u{2010}-\u{2015}\u{2212}_./]*";

static DOCKET_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<prefix>X\d{{2}}){SEP})?(?P<loc>[A-Z]{{3}}){SEP}(?P<cat>[A-Z]{{2}}){SEP}(?P<year>\d{{2}}){SEP}(?P<num>\d{{7}})(?:\s*[\-\u{{2010}}-\u{{2015}}\u{{2212}}]\s*(?P<dashed>[A-Z])|[._]?(?P<joined>[A-Z])|\s+(?P<spaced>S))?\b"
    ))
    .expect("docket pattern compiles")
});

/// A docket found in free text, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocketMention {
    pub docket: DocketNumber,
    pub start: usize,
    pub end: usize,
}

impl DocketNumber {
    /// Parses a string that holds one docket number and nothing else (surrounding
    /// whitespace and a `Docket No.` label are tolerated).
    pub fn parse(input: &str) -> Result<Self, DocketError> {
        let trimmed = strip_label(input.trim());
        let found = Self::find_all(trimmed, &[]);
        match found.as_slice() {
            [one] if one.start == 0 && one.end == trimmed.len() => Ok(one.docket.clone()),
            _ => Err(DocketError::Malformed(input.trim().to_string())),
        }
    }

    /// Every docket number in `text`, in order. `known_locations` lists the court
    /// location codes; a code not in it is accepted only when written in capitals, so
    /// prose such as "for cv17 5022125" is not read as a docket of court "FOR".
    pub fn find_all(text: &str, known_locations: &[String]) -> Vec<DocketMention> {
        DOCKET_IN_TEXT
            .captures_iter(text)
            .filter_map(|caps| {
                let whole = caps.get(0)?;
                let loc = caps.name("loc")?.as_str();
                let known = known_locations.iter().any(|k| k.eq_ignore_ascii_case(loc));
                let written_as_code = loc.chars().all(|c| c.is_ascii_uppercase());
                if !(known || written_as_code || known_locations.is_empty()) {
                    return None;
                }
                let suffix = caps
                    .name("dashed")
                    .or_else(|| caps.name("joined"))
                    .or_else(|| caps.name("spaced"))
                    .and_then(|m| m.as_str().chars().next())
                    .map(|c| c.to_ascii_uppercase());
                Some(DocketMention {
                    docket: DocketNumber {
                        complex_prefix: caps.name("prefix").map(|m| m.as_str().to_ascii_uppercase()),
                        location: loc.to_ascii_uppercase(),
                        category: caps.name("cat")?.as_str().to_ascii_uppercase(),
                        year: caps.name("year")?.as_str().to_string(),
                        number: caps.name("num")?.as_str().to_string(),
                        suffix,
                    },
                    start: whole.start(),
                    end: whole.end(),
                })
            })
            .collect()
    }

    /// The part that identifies the case regardless of prefix and suffix:
    /// `FST-CV25-6076444`. Used to find the directory's docket when the sender left
    /// the suffix or the complex-litigation prefix off.
    pub fn core(&self) -> String {
        format!("{}-{}{}-{}", self.location, self.category, self.year, self.number)
    }

    /// The seven-digit case number.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The two-digit year.
    pub fn year(&self) -> &str {
        &self.year
    }

    pub fn suffix(&self) -> Option<char> {
        self.suffix
    }

    pub fn complex_prefix(&self) -> Option<&str> {
        self.complex_prefix.as_deref()
    }

    pub fn location(&self) -> &str {
        &self.location
    }

    pub fn is_complete(&self) -> bool {
        self.suffix.is_some()
    }

    /// True when `other` (from the directory, complete) is what the sender meant: the
    /// same core, and the same prefix and suffix wherever the sender wrote them.
    pub fn could_be(&self, other: &DocketNumber) -> bool {
        self.core() == other.core()
            && (self.suffix.is_none() || self.suffix == other.suffix)
            && (self.complex_prefix.is_none() || self.complex_prefix == other.complex_prefix)
    }
}

fn strip_label(s: &str) -> &str {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:docket|case)\s*(?:number|no\.?|num\.?|#)?\s*[:#.]?\s*").expect("label pattern compiles")
    });
    match LABEL.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

impl fmt::Display for DocketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(prefix) = &self.complex_prefix {
            write!(f, "{prefix}-")?;
        }
        write!(f, "{}", self.core())?;
        if let Some(suffix) = self.suffix {
            write!(f, "-{suffix}")?;
        }
        Ok(())
    }
}

impl Serialize for DocketNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::str::FromStr for DocketNumber {
    type Err = DocketError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canon(s: &str) -> String {
        DocketNumber::parse(s).unwrap().to_string()
    }

    #[test]
    fn every_common_shape_normalises() {
        for shape in [
            "HHD-CV17-5022125-S",
            "HHD CV 17 5022125 S",
            "HHDCV175022125S",
            "hhd-cv17-5022125-s",
            "HHD\u{2013}CV17\u{2013}5022125\u{2013}S",
            "Docket No. HHD-CV17-5022125-S",
            "docket #HHD-CV-17-5022125-S",
            "HHD.CV.17.5022125.S",
        ] {
            assert_eq!(canon(shape), "HHD-CV17-5022125-S", "{shape}");
        }
    }

    #[test]
    fn missing_suffix_is_kept_missing() {
        let d = DocketNumber::parse("HHD CV 17 5022125").unwrap();
        assert!(!d.is_complete());
        assert_eq!(d.to_string(), "HHD-CV17-5022125");
    }

    #[test]
    fn complex_litigation_prefix_is_kept() {
        assert_eq!(canon("X08-FST-CV25-6076444-S"), "X08-FST-CV25-6076444-S");
        assert_eq!(canon("x08 fst cv 25 6076444 s"), "X08-FST-CV25-6076444-S");
        let d = DocketNumber::parse("X08FSTCV256076444S").unwrap();
        assert_eq!(d.complex_prefix(), Some("X08"));
        assert_eq!(d.core(), "FST-CV25-6076444");
    }

    #[test]
    fn not_dockets_are_refused_with_advice() {
        for bad in ["", "HHD-CV17-502212-S", "HHD-CV1-5022125-S", "12345", "HHD-CV17-50221250-S"] {
            let err = DocketNumber::parse(bad).unwrap_err();
            assert!(err.to_string().contains("HHD-CV17-5022125-S"));
        }
    }

    #[test]
    fn found_in_prose_without_eating_the_next_word() {
        let known = vec!["FBT".to_string()];
        let found = DocketNumber::find_all("I'm in Feld v. Feld, docket FBT FA 25 6143307 and I clicked", &known);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].docket.to_string(), "FBT-FA25-6143307");
        let found = DocketNumber::find_all("docket FBT FA 25 6143307 S please", &known);
        assert_eq!(found[0].docket.to_string(), "FBT-FA25-6143307-S");
        let found = DocketNumber::find_all("FBT-FA25-6143307 I sent", &known);
        assert_eq!(found[0].docket.to_string(), "FBT-FA25-6143307");
    }

    #[test]
    fn lower_case_unknown_location_is_prose_not_a_docket() {
        let known = vec!["HHD".to_string()];
        assert!(DocketNumber::find_all("see for cv17 5022125 thanks", &known).is_empty());
        assert_eq!(DocketNumber::find_all("see ABC-CV17-5022125-S", &known)[0].docket.location(), "ABC");
    }

    #[test]
    fn could_be_respects_what_was_written() {
        let full = DocketNumber::parse("X08-FST-CV25-6076444-S").unwrap();
        assert!(DocketNumber::parse("FST-CV25-6076444").unwrap().could_be(&full));
        assert!(DocketNumber::parse("FST-CV25-6076444-S").unwrap().could_be(&full));
        assert!(!DocketNumber::parse("FST-CV25-6076444-T").unwrap().could_be(&full));
        assert!(!DocketNumber::parse("X07-FST-CV25-6076444-S").unwrap().could_be(&full));
    }

    fn separator() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("-".to_string()),
            Just(" ".to_string()),
            Just("\u{2013}".to_string()),
            Just(" - ".to_string()),
            Just(".".to_string()),
        ]
    }

    proptest! {
        /// A canonical docket survives every formatting variant people produce.
        #[test]
        fn canonical_survives_formatting(
            loc in "[A-Z]{3}", cat in "[A-Z]{2}", year in "[0-9]{2}", num in "[0-9]{7}",
            suf in "[A-Z]", prefix in proptest::option::of("X[0-9]{2}"),
            s1 in separator(), s2 in separator(), s3 in separator(), s4 in separator(),
            s0 in separator(), lower in any::<bool>(), label in any::<bool>(),
            space_in_category in any::<bool>(),
        ) {
            let canonical = match &prefix {
                Some(p) => format!("{p}-{loc}-{cat}{year}-{num}-{suf}"),
                None => format!("{loc}-{cat}{year}-{num}-{suf}"),
            };
            let year_sep = if space_in_category { " " } else { s2.as_str() };
            let body = format!("{loc}{s1}{cat}{year_sep}{year}{s3}{num}{s4}{suf}");
            let mut written = match &prefix {
                Some(p) => format!("{p}{s0}{body}"),
                None => body,
            };
            // A spaced suffix is only read as a suffix when it is "S"; other letters
            // need a joining dash, as people write them.
            prop_assume!(!(s4.trim().is_empty() && !s4.is_empty() && suf != "S"));
            if lower { written = written.to_lowercase(); }
            if label { written = format!("Docket No. {written}"); }
            let parsed = DocketNumber::parse(&written);
            prop_assert!(parsed.is_ok(), "{written}");
            prop_assert_eq!(parsed.unwrap().to_string(), canonical);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,60}") {
            let _ = DocketNumber::parse(&s);
            let _ = DocketNumber::find_all(&s, &[]);
        }
    }
}
