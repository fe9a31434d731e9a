//! The machine-readable zone (ICAO 9303 TD1, TD2, TD3) of passports, passport
//! cards, permanent resident cards and other travel documents.
//!
//! Parsing, check digits and check-digit-confirmed repair of OCR confusions are the
//! `mrz` crate's (kept, zero-dependency, per-field evidence). This module only picks
//! the MRZ-shaped lines out of OCR text and keeps the evidence for the clerk.

use chrono::NaiveDate;
use serde::Serialize;

/// A zone read and checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MrzReading {
    /// `td1`, `td2`, `td3`, `mrv_a`, `mrv_b`.
    pub format: &'static str,
    pub document_type: String,
    pub issuing_country: String,
    pub document_number: String,
    pub surname: String,
    pub given_names: String,
    pub nationality: String,
    pub date_of_birth: Option<NaiveDate>,
    pub date_of_expiry: Option<NaiveDate>,
    /// Each printed check digit: `Some(true)` verified, `Some(false)` failed, `None`
    /// not printed in this format.
    pub checks: MrzChecks,
    /// Every printed check digit verified.
    pub valid: bool,
    /// The zone as validated (after any repair).
    pub lines: String,
    /// The zone differs from what OCR read: look-alike characters were repaired
    /// where the check digits confirm it.
    pub repaired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MrzChecks {
    pub document_number: Option<bool>,
    pub date_of_birth: Option<bool>,
    pub date_of_expiry: Option<bool>,
    pub personal_number: Option<bool>,
    pub composite: Option<bool>,
}

impl MrzReading {
    /// The check digits over the fields screening uses (document number, birth and
    /// expiry dates) pass. The composite and personal-number digits also cover the
    /// optional-data fillers, which OCR often garbles without touching the fields.
    pub fn core_fields_verified(&self) -> bool {
        self.valid
            || [self.checks.document_number, self.checks.date_of_birth, self.checks.date_of_expiry]
                .iter()
                .all(|c| *c == Some(true))
    }

    /// Whether this is a zone at all rather than fillers OCR made of a printed page:
    /// an issuer, a surname, and a check digit that passes over a field that holds
    /// something.
    pub fn plausible(&self) -> bool {
        let number = !self.document_number.trim_matches('<').is_empty() && self.checks.document_number == Some(true);
        let born = self.date_of_birth.is_some() && self.checks.date_of_birth == Some(true);
        let expires = self.date_of_expiry.is_some() && self.checks.date_of_expiry == Some(true);
        !self.issuing_country.trim_matches('<').is_empty() && !self.surname.is_empty() && (number || born || expires)
    }

    /// `GIVEN NAMES SURNAME`, as a person would say it.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_names, self.surname).trim().to_string()
    }

    /// The name field may be cut short when a name is longer than the zone: the
    /// last name cell then holds a letter instead of a filler.
    pub fn name_may_be_truncated(&self) -> bool {
        let name_line = match self.format {
            "td1" => self.lines.lines().nth(2),
            _ => self.lines.lines().next(),
        };
        name_line.is_some_and(|l| l.ends_with(|c: char| c.is_ascii_alphabetic()))
    }
}

/// Letters OCR writes for the filler `<`.
const FILLER_LOOKALIKES: &[char] = &['K', 'C', 'E', 'X', 'L', '<'];

/// The name field has no check digit, and OCR often reads its fillers as `K`
/// (`MARCUSKALLEN`, `KOKAFORK`). Each name word is checked against the printed zone
/// (`support`: tokens of the rest of the document): a word the printed zone does not
/// show is split or trimmed at filler look-alikes when that yields words it does show.
/// Words that are nothing but look-alikes are filler and dropped.
pub fn clean_name(reading: &mut MrzReading, support: &[String]) {
    let shown = |w: &str| support.iter().any(|t| super::text::ocr_distance(t, &w.to_ascii_lowercase()) <= 0.5);
    // A word OCR cut short by a letter at the end of the name (`WILLIAMKPAU` where the
    // printed zone shows PAUL) is spelled as printed.
    let completed = |w: &str| {
        let w = w.to_ascii_lowercase();
        let whole = |t: &&String| t.len() == w.len() + 1 && t.starts_with(&w);
        support.iter().find(whole).filter(|_| w.len() >= 3).map(|t| t.to_ascii_uppercase())
    };
    let fix = |field: &str| -> String {
        let mut out: Vec<String> = Vec::new();
        for word in field.split_whitespace() {
            if word.chars().all(|c| FILLER_LOOKALIKES.contains(&c)) {
                continue;
            }
            if shown(word) {
                out.push(word.to_string());
                continue;
            }
            out.extend(repair_word(word, &shown, &completed).unwrap_or_else(|| vec![word.to_string()]));
        }
        out.join(" ")
    };
    reading.surname = fix(&reading.surname);
    reading.given_names = fix(&reading.given_names);
}

/// Trims look-alikes at either end and splits at one inside, keeping the first way
/// that leaves only words the printed zone shows.
fn repair_word(
    word: &str,
    shown: &dyn Fn(&str) -> bool,
    completed: &dyn Fn(&str) -> Option<String>,
) -> Option<Vec<String>> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let lead = chars.iter().take_while(|c| FILLER_LOOKALIKES.contains(c)).count();
    let trail = chars.iter().rev().take_while(|c| FILLER_LOOKALIKES.contains(c)).count();
    for a in 0..=lead.min(n) {
        for b in 0..=trail.min(n - a) {
            let core: String = chars[a..n - b].iter().collect();
            if core.len() < 2 {
                continue;
            }
            if shown(&core) {
                return Some(vec![core]);
            }
            for (i, c) in core.char_indices().skip(2) {
                if FILLER_LOOKALIKES.contains(&c) && i + 2 < core.len() {
                    let (left, right) = (&core[..i], &core[i + 1..]);
                    if !shown(left) {
                        continue;
                    }
                    if shown(right) {
                        return Some(vec![left.to_string(), right.to_string()]);
                    }
                    if let Some(whole) = completed(right) {
                        return Some(vec![left.to_string(), whole]);
                    }
                }
            }
        }
    }
    None
}

/// Turns one OCR line into an MRZ candidate: capitals, no spaces, and the filler
/// `<` where OCR wrote a guillemet or similar.
fn clean_line(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '«' | '‹' | '≤' | '⟨' | '〈' | '＜' => '<',
            // The zone is all capitals: a lower-case letter is OCR's guess at a filler.
            c if c.is_ascii_lowercase() => '<',
            c => c,
        })
        .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<')
        .collect()
}

/// Whether a cleaned line could be an MRZ line: long, and either carrying fillers or
/// mostly digits (line 2 of a passport may have no fillers at all).
fn mrz_shaped(line: &str) -> bool {
    let n = line.len();
    let fillers = line.matches('<').count();
    let digits = line.chars().filter(char::is_ascii_digit).count();
    (26..=48).contains(&n) && (fillers >= 2 || digits * 3 >= n)
}

/// The MRZ-shaped lines of an OCR text, cleaned, in order.
pub fn candidate_lines(text: &str) -> Vec<String> {
    text.lines().map(clean_line).filter(|l| mrz_shaped(l)).collect()
}

/// Finds and parses the zone in OCR text. `None` when nothing MRZ-shaped is there
/// or no reading gets at least one check digit right.
pub fn read(text: &str) -> Option<MrzReading> {
    let lines = candidate_lines(text);
    if lines.is_empty() {
        return None;
    }
    let joined = lines.join("\n");
    let data = mrz::find_and_parse(&joined).ok()?;
    let date = |d: mrz::MrzDate| d.calendar().and_then(|c| NaiveDate::from_ymd_opt(c.year, c.month, c.day));
    // A check digit over fillers (`A<<<<<<<<0` on a court notice's border) passes and
    // verifies nothing.
    let over = |check: Option<bool>, holds: bool| check.filter(|&ok| !ok || holds);
    let checks = MrzChecks {
        document_number: over(data.checks.document_number, data.document_number.trim_matches('<').len() >= 5),
        date_of_birth: over(data.checks.date_of_birth, date(data.date_of_birth).is_some()),
        date_of_expiry: over(data.checks.date_of_expiry, date(data.date_of_expiry).is_some()),
        personal_number: data.checks.personal_number,
        composite: data.checks.composite,
    };
    let verified = [checks.document_number, checks.date_of_birth, checks.date_of_expiry, checks.composite]
        .iter()
        .filter(|c| **c == Some(true))
        .count();
    if verified == 0 {
        return None;
    }
    let repaired = !data.mrz_lines.lines().all(|l| lines.iter().any(|c| c == l));
    Some(MrzReading {
        format: match data.format {
            mrz::Format::Td1 => "td1",
            mrz::Format::Td2 => "td2",
            mrz::Format::Td3 => "td3",
            mrz::Format::MrvA => "mrv_a",
            mrz::Format::MrvB => "mrv_b",
            _ => "other",
        },
        document_type: data.document_type.clone(),
        issuing_country: data.issuing_country.clone(),
        document_number: data.document_number.clone(),
        surname: data.surname.clone(),
        given_names: data.given_names.clone(),
        nationality: data.nationality.clone(),
        date_of_birth: date(data.date_of_birth),
        date_of_expiry: date(data.date_of_expiry),
        valid: data.valid(),
        checks,
        lines: data.mrz_lines.clone(),
        repaired,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    /// ICAO 9303 Part 4 specimen (TD3), with its published check digits.
    const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    /// ICAO 9303 Part 5 specimen (TD1).
    const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    /// ICAO 9303 Part 6 specimen (TD2).
    const TD2: &str = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6";

    #[test]
    fn icao_specimens_verify() {
        for (zone, format) in [(TD3, "td3"), (TD1, "td1"), (TD2, "td2")] {
            let r = read(zone).unwrap_or_else(|| panic!("{format} not read"));
            assert_eq!(r.format, format);
            assert!(r.valid, "{format}: {:?}", r.checks);
            assert_eq!(r.surname, "ERIKSSON");
            assert_eq!(r.given_names, "ANNA MARIA");
            assert_eq!(r.date_of_birth, d(1974, 8, 12));
            assert_eq!(r.date_of_expiry, d(2012, 4, 15));
            assert!(!r.repaired);
        }
        let r = read(TD3).unwrap();
        assert_eq!(r.document_number, "L898902C3");
        assert_eq!(r.checks.personal_number, Some(true));
        assert_eq!(r.checks.composite, Some(true));
    }

    #[test]
    fn finds_the_zone_among_other_ocr_lines_with_spaces() {
        let text = "PASSPORT\nUNITED STATES OF AMERICA\nSurname / Nom\nFELD\n\
                    P < USAFELD<<MARCUS<ALLEN<<<<<<<<<<<<<<<<<<<<<\n\
                    5812046778USA7911233M3108011<<<<<<<<<<<<<<8";
        let r = read(text).unwrap();
        assert_eq!(r.full_name(), "MARCUS ALLEN FELD");
        assert_eq!(r.date_of_expiry, d(2031, 8, 1));
        assert!(r.valid, "{:?}", r.checks);
    }

    #[test]
    fn look_alike_misreads_are_repaired_only_when_check_digits_agree() {
        // O for 0 in the document number and B for 8 in the birth date.
        let misread = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8122F1204159ZE184226B<<<<<10";
        let r = read(misread).unwrap();
        assert!(r.valid, "{:?}", r.checks);
        assert_eq!(r.date_of_birth, d(1974, 8, 12));
        assert!(r.repaired);
        // A real change of digit (74 → 75) is not "repaired": its check digit fails.
        let altered = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7508122F1204159ZE184226B<<<<<10";
        let r = read(altered).unwrap();
        assert!(!r.valid);
        assert_eq!(r.checks.date_of_birth, Some(false));
    }

    #[test]
    fn check_digits_over_fillers_verify_nothing() {
        // A court notice's caption and border read as a TD2 zone: no number, no dates.
        assert_eq!(read("C<<<OYELARAN<ELMSTREETPROPERTIESLLC<\nA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<ADA"), None);
    }

    #[test]
    fn permanent_resident_card_td1() {
        let text = "C1USASRC9044129A103721342<<<<<\n9106307F3402111USA<<<<<<<<<<<7\nRAMAN<OKAFOR<<PRIYA<<<<<<<<<<<";
        let r = read(text).unwrap();
        assert_eq!(r.format, "td1");
        assert_eq!(r.document_type, "C1");
        assert_eq!(r.surname, "RAMAN OKAFOR");
        assert_eq!(r.date_of_expiry, d(2034, 2, 11));
    }

    #[test]
    fn fillers_read_as_letters_are_cleaned_against_the_printed_zone() {
        let text = "P<USAFELD<<MARCUSKALLENKKKKKKKKKKKKKKKKKKKKKKK\n5812046778USA7911233M3108011<<<<<<<<<<<<<<8";
        let mut r = read(text).unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Surname FELD Given Names MARCUS ALLEN"));
        assert_eq!(r.full_name(), "MARCUS ALLEN FELD");
        let mut r =
            read("C1USASRC9044129A103721342<<<<<\n9106307F3402111USA<<<<<<<<<<<7\nKRAMAN<OKAFOR<<PRIYAKKKK<<<<<<")
                .unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Surname RAMAN-OKAFOR Given Name PRIYA"));
        assert_eq!(r.full_name(), "PRIYA RAMAN OKAFOR");
        // A filler read as K and the last letter of the name lost.
        let mut r =
            read("P<USANG<<WILLIAMKPAU<<<<<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04").unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Surname Given Names WILLIAM PAUL"));
        assert_eq!(r.full_name(), "WILLIAM PAUL NG");
        // Without support from the printed zone nothing is guessed.
        let mut r = read(text).unwrap();
        clean_name(&mut r, &[]);
        assert!(r.given_names.starts_with("MARCUSKALLEN"), "{}", r.given_names);
    }

    #[test]
    fn ordinary_text_has_no_zone() {
        assert_eq!(read("Connecticut\nDRIVER LICENSE\nWHITLOCK, DANA RUTH\n41 FENWICK ST"), None);
    }
}
