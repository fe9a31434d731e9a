//! The machine-readable zone (ICAO 9303 TD1, TD2, TD3) of passports, passport
//! cards, permanent resident cards and other travel documents.
//!
//! Parsing, check digits and check-digit-confirmed repair of OCR confusions are the
//! `mrz` crate's (kept, zero-dependency, per-field evidence). This module only picks
//! the MRZ-shaped lines out of OCR text and keeps the evidence for the clerk.

use chrono::NaiveDate;
use serde::Serialize;

use super::zone_repair;

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
    /// A line's fillers were told from letters by their look, not only as OCR read
    /// them (`zone_glyphs`): the name, which no check digit covers, is the surer.
    pub fillers_seen: bool,
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

    /// How many printed check digits hold.
    fn verified_checks(&self) -> usize {
        let c = &self.checks;
        [c.document_number, c.date_of_birth, c.date_of_expiry, c.personal_number, c.composite]
            .iter()
            .filter(|c| **c == Some(true))
            .count()
    }

    /// A reading of lines shifted to fit their width: its document number holds a
    /// stand-in or another field's cells, so no check digit over it proves anything
    /// (one may hold by chance, or by the parser's own look-alike repair).
    fn number_unproven(self) -> MrzReading {
        let unproven = |check: Option<bool>| check.map(|_| false);
        let checks = MrzChecks {
            document_number: unproven(self.checks.document_number),
            composite: unproven(self.checks.composite),
            ..self.checks
        };
        MrzReading { checks, valid: false, repaired: true, ..self }
    }

    /// Whether the zone was read the right way up: two check digits holding over
    /// their fields is no chance (one in a hundred), while the page the zone is on may
    /// read too little to tell.
    pub(super) fn read_right_way_up(&self) -> bool {
        self.verified_checks() >= 2
    }

    /// Whether more printed check digits hold here than on `other` (or there is none):
    /// of two readings of a zone, the one to keep.
    pub(super) fn holds_more_checks_than(&self, other: Option<&MrzReading>) -> bool {
        other.is_none_or(|o| self.verified_checks() > o.verified_checks())
    }

    /// Of two readings of a zone, whether this one is to keep over `other`: more check
    /// digits hold, or as many over the same fields and only this one's fillers were
    /// seen (its name is the surer).
    pub(super) fn reads_better_than(&self, other: Option<&MrzReading>) -> bool {
        other.is_none_or(|o| {
            let (mine, theirs) = (self.verified_checks(), o.verified_checks());
            mine > theirs || (mine == theirs && self.fillers_seen_where_not(o))
        })
    }

    /// Whether this reading of the same number and dates as `other` had its fillers
    /// seen and `other` did not.
    pub(super) fn fillers_seen_where_not(&self, other: &MrzReading) -> bool {
        self.fillers_seen && !other.fillers_seen && self.same_zone_as(other)
    }

    /// The same document number and dates: two readings of one zone.
    fn same_zone_as(&self, other: &MrzReading) -> bool {
        self.document_number == other.document_number
            && self.date_of_birth == other.date_of_birth
            && self.date_of_expiry == other.date_of_expiry
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

    /// Whether the issuer is a code ICAO lists (ISO 3166-1 and its own): no check
    /// digit covers it, so a misread one (`USB`) shows only by not being a code.
    pub fn issuer_known(&self) -> bool {
        mrz::country_name(self.issuing_country.trim_end_matches('<')).is_some()
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

/// Small letters OCR writes for the filler `<`.
const FILLER_READS: &str = "ckexls";

/// Letters OCR writes for the filler `<`.
const FILLER_LOOKALIKES: &[char] = &['K', 'C', 'E', 'X', 'L', 'S', '<'];

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
    // Spelled exactly as printed: a filler read as a letter at a word's end is a
    // near miss (`SUPERMANK` for the printed SUPERMAN), so the exact spelling a
    // trim or split gives comes before the near one.
    let exactly = |w: &str| support.iter().any(|t| *t == w.to_ascii_lowercase());
    let fix = |field: &str| -> String {
        let mut out: Vec<String> = Vec::new();
        for word in field.split_whitespace() {
            if let Some(words) = repair_word(word, &exactly, &completed).filter(|_| !exactly(word)) {
                out.extend(words);
                continue;
            }
            // LEE is letters the printed zone shows; KKK, or a K or EE alone, is fillers
            // (a letter or two alike is in any page's noise).
            // A name has no digits: a word of digits and look-alikes is fillers misread.
            let fillers = word.chars().all(|c| FILLER_LOOKALIKES.contains(&c) || c.is_ascii_digit());
            if shown(word) && !(fillers && word.len() < 3) {
                out.push(word.to_string());
                continue;
            }
            match repair_word(word, &shown, &completed) {
                Some(words) => out.extend(words),
                None if fillers => {}
                None => out.push(word.to_string()),
            }
        }
        out.join(" ")
    };
    reading.surname = fix(&reading.surname);
    reading.given_names = fix(&reading.given_names);
    rewrite_name_line(reading);
}

/// Of two readings of one zone (same number and dates), each cleaned, the name whose
/// words the printed zone shows more of: a second reading that made every check digit
/// pass may have read the name worse, and the name has no check digit.
pub fn take_better_name(reading: &mut MrzReading, earlier: &MrzReading, support: &[String]) {
    if !reading.same_zone_as(earlier) {
        return;
    }
    let mut earlier = earlier.clone();
    clean_name(&mut earlier, support);
    let shown = |r: &MrzReading| {
        let words = r.full_name().to_ascii_lowercase();
        // Single letters are everywhere in OCR noise: they show nothing.
        words.split_whitespace().filter(|w| w.len() >= 2 && support.iter().any(|t| t == w)).count()
    };
    if shown(&earlier) > shown(reading) {
        reading.surname = earlier.surname;
        reading.given_names = earlier.given_names;
        rewrite_name_line(reading);
    }
}

/// Writes the zone's name line again from its name, cleaned, as the standard lays it
/// out (OCR's letters for fillers after the name are gone): surname words joined by `<`, `<<`, given names joined by `<`, then fillers to
/// the line's width (a name too long for the line is left as read).
fn rewrite_name_line(reading: &mut MrzReading) {
    let mut lines: Vec<String> = reading.lines.lines().map(str::to_string).collect();
    let (index, prefix) = match (reading.format, lines.len()) {
        ("td1", 3) => (2, 0),
        (_, 2) => (0, 5),
        _ => return,
    };
    let width = lines[index].len();
    let join = |words: &str| words.split_whitespace().collect::<Vec<_>>().join("<");
    let name = match join(&reading.given_names) {
        given if given.is_empty() => join(&reading.surname),
        given => format!("{}<<{given}", join(&reading.surname)),
    };
    let head = lines[index].get(..prefix).unwrap_or("").to_string();
    if head.len() + name.len() > width {
        return;
    }
    let laid_out = format!("{head}{name:<<width$}", width = width - head.len());
    if laid_out != lines[index] {
        lines[index] = laid_out;
        reading.lines = lines.join("\n");
        reading.repaired = true;
    }
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
            // At one filler read as a letter, or two (`ANNAKXMARIA`).
            let splits = (2..core.len()).flat_map(|i| [(i, 1), (i, 2)]);
            for (i, n) in splits {
                let fillers = core.get(i..i + n).is_some_and(|f| f.chars().all(|c| FILLER_LOOKALIKES.contains(&c)));
                if fillers && i + n + 1 < core.len() {
                    let (left, right) = (&core[..i], &core[i + n..]);
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
            // The zone is all capitals: a small `c`, `k`, `e`, `x`, `l` or `s` is OCR's
            // guess at a filler; other small letters are specks read as a word, dropped.
            c if FILLER_READS.contains(c) => '<',
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
    // OCR loses characters of a long filler run: a line ending in fillers may be short.
    let min = if line.ends_with("<<<") { 20 } else { 26 };
    (min..=MAX_LINE_READ + 2).contains(&n) && (fillers >= 2 || digits * 3 >= n)
}

/// The MRZ-shaped lines of an OCR text, cleaned, in order. On a photo, specks and the
/// page's edge beside the zone are read as words of their own on its lines (`% . L
/// 4666483005USA…04 — NJ mw`), and a zone line may be cut in pieces (`OBINNAKKKK KKK
/// KKK`): each line gives the run of its words that is most like a zone line.
pub fn candidate_lines(text: &str) -> Vec<String> {
    text.lines().filter_map(zone_line_in).collect()
}

/// On a name line (letters and fillers only, as OCR text gives no layout), fillers
/// after the name (`zone_repair::fill_after_name`). The first five cells (document
/// code and issuer, `P<D<<`) are left as read.
fn fillers_after_name(line: String) -> String {
    if line.len() <= 5 || !line.is_ascii() || line.chars().any(|c| c.is_ascii_digit()) {
        return line;
    }
    let mut cells = line.into_bytes();
    zone_repair::fill_after_name(&mut cells[5..]);
    String::from_utf8_lossy(&cells).into_owned()
}

fn zone_line_in(line: &str) -> Option<String> {
    // A name line's fillers read as letters may run past a zone's width (`ERIKA<<<<<
    // <<<<<<K<KKKKKKKKKKK`): once they are fillers again, the surplus comes off.
    let whole = without_surplus_fillers(fillers_after_name(clean_line(line)));
    if whole.len() <= MAX_LINE_READ {
        return (mrz_shaped(&whole) && zone_like(line)).then_some(whole);
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut best: Option<(usize, usize, String)> = None;
    for from in 0..words.len() {
        for to in from + 1..=words.len() {
            let raw = words[from..to].concat();
            let run = clean_line(&raw);
            // Longer runs from here only grow: a line of many words costs little.
            if run.len() > MAX_LINE_READ {
                break;
            }
            if !mrz_shaped(&run) || !zone_like(&raw) {
                continue;
            }
            // Nearest a zone's width; of equals, the run of fewest words.
            let rank = (width_gap(run.len()), to - from);
            if best.as_ref().is_none_or(|(gap, n, _)| rank < (*gap, *n)) {
                best = Some((rank.0, rank.1, run));
            }
        }
    }
    best.map(|(_, _, run)| fillers_after_name(run))
}

fn without_surplus_fillers(mut line: String) -> String {
    let content = line.trim_end_matches('<').len();
    line.truncate(content.max(MAX_LINE_READ).min(line.len()));
    line
}

/// Whether OCR text could be a zone line read with a few faults: a zone is capitals,
/// digits and fillers, and OCR writes a filler as one of `FILLER_READS` at times;
/// other small letters are the words of a page (or noise read as words).
fn zone_like(raw: &str) -> bool {
    let wordish = raw.chars().filter(|c| c.is_lowercase() && !FILLER_READS.contains(*c)).count();
    wordish * 8 <= raw.chars().count()
}

/// The longest zone line (44 characters) with a character or two OCR added.
const MAX_LINE_READ: usize = 46;

/// The widths of a zone's lines: TD1, TD2 (and MRV-B), TD3 (and MRV-A).
pub const LINE_WIDTHS: [usize; 3] = [30, 36, 44];

/// How far a length is from the nearest zone line width.
fn width_gap(len: usize) -> usize {
    LINE_WIDTHS.iter().map(|w| len.abs_diff(*w)).min().unwrap_or(usize::MAX)
}

/// A document number holds five characters or more, fillers after it only (a number
/// longer than its field ends in a filler and goes on in the optional data).
fn is_document_number(field: &str) -> bool {
    let number = field.trim_end_matches('<');
    number.len() >= 5 && !number.contains('<')
}

/// Finds and parses the zone in OCR text. `None` when nothing MRZ-shaped is there
/// or no reading gets at least one check digit right.
pub fn read(text: &str) -> Option<MrzReading> {
    let read_lines = candidate_lines(text);
    let lines = zone_repair::fit_widths(&read_lines);
    let as_read = parse_lines(&lines);
    // Each cell put back in its class by the standard: taken unless fewer check digits
    // then hold (the name has none, and its look-alikes are put back all the same,
    // on a zone whose check digits all hold as read too).
    let repaired = zone_repair::repair(&lines, zone_repair::Alignment::AsRead);
    let mut best = match parse_lines(&repaired) {
        Some(r) if repaired != lines && as_read.as_ref().is_none_or(|a| r.verified_checks() >= a.verified_checks()) => {
            Some(MrzReading { repaired: true, ..r })
        }
        _ => as_read,
    };
    // A data line a cell short most often lost its first at the picture's edge, and
    // one a cell or two long may have gained them anywhere, not only in its fillers: a
    // stand-in put first, or the first cells taken off, puts every field from the
    // nationality on back in its cells, and the check digits say whether that was
    // right (the number's own cannot: it is not as read).
    let shifted: Vec<String> = read_lines
        .iter()
        .zip(&lines)
        .map(|(read, fitted)| one_cell_short(read).or_else(|| first_cells_off(read)).unwrap_or_else(|| fitted.clone()))
        .collect();
    if best.as_ref().is_some_and(|b| b.valid) || shifted == lines {
        return best;
    }
    for candidate in [zone_repair::repair(&shifted, zone_repair::Alignment::Shifted), shifted] {
        if let Some(r) = parse_lines(&candidate).map(MrzReading::number_unproven) {
            if r.holds_more_checks_than(best.as_ref()) {
                best = Some(r);
            }
        }
    }
    best
}

/// A line holding digits (a data line) one cell short of a zone's width, with a
/// stand-in put first (`0`: a filler cannot open a document number).
fn one_cell_short(line: &str) -> Option<String> {
    let short = LINE_WIDTHS.iter().any(|w| line.len() + 1 == *w);
    (short && line.chars().any(|c| c.is_ascii_digit())).then(|| format!("0{line}"))
}

/// A line holding digits (a data line) a cell or two longer than a zone's width, its
/// first cells taken off.
fn first_cells_off(line: &str) -> Option<String> {
    let surplus = LINE_WIDTHS.iter().map(|w| line.len().wrapping_sub(*w)).find(|s| (1..=2).contains(s))?;
    line.chars().any(|c| c.is_ascii_digit()).then(|| line[surplus..].to_string())
}

fn parse_lines(lines: &[String]) -> Option<MrzReading> {
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
        document_number: over(data.checks.document_number, is_document_number(&data.document_number)),
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
        fillers_seen: false,
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
        // Noise on a dark photo read as a TD1 zone: a "number" with fillers inside.
        let noise = "CMMIUN<<<1<S<<<MECCARERLS<<<<P\n<<<<<<<<<<<<<<<<M<SEA<<<<<<R<<\nV<<<<<M<<<<<<<<<<<<<YS<<<<<<<<";
        assert_eq!(read(noise), None);
        // Nor are the words of a page, run together, a zone line.
        assert!(candidate_lines("ga\tBless,\tEP hg RE. ne nnd RAE\tTe\tSRE lp MC\tadd\tha\tUN OO\too bein Ot Rg\ts")
            .is_empty());
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
        // A name made of look-alike letters (L, E, E) is a name where the printed zone
        // shows it.
        let mut r = read("P<USAOCONNOR<<BRENDAN<LEE<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04")
            .unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("O'CONNOR Given Names BRENDAN LEE"));
        assert_eq!(r.full_name(), "BRENDAN LEE OCONNOR");
        // A filler read as a letter at a name's end is a near miss of the printed
        // name: the exact spelling wins (a real final K, printed, stays).
        let mut r = read("P<USAOCONNOR<<BRENDANK<<<<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04")
            .unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("O'CONNOR Given Names BRENDAN"));
        assert_eq!(r.full_name(), "BRENDAN OCONNOR");
        let mut r = read("P<USANOWAK<<MAREK<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04")
            .unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Surname NOWAK Given Names MAREK"));
        assert_eq!(r.full_name(), "MAREK NOWAK");
        // A lone look-alike is a filler even where the page's noise has that letter.
        let mut r = read("P<USAOKAFOR<<K<FOLASADE<X<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04")
            .unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Surname OKAFOR k x Given Names FOLASADE"));
        assert_eq!(r.full_name(), "FOLASADE OKAFOR");
        // Fillers read as digits and look-alikes after the name.
        let mut r =
            read("P<FRAULYSSE<<CHRISTOPHE<<<<<6<666K66SKEREKKK\n08CD503380FRA6004103M1806058<<<<<<<<<<<<<<06").unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Nom ULYSSE Prénoms CHRISTOPHE"));
        assert_eq!(r.full_name(), "CHRISTOPHE ULYSSE");
        // A second reading of the zone that lost a name word keeps the first's name.
        let mut earlier =
            read("P<USAOCONNOR<<BRENDANKLEE<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04")
                .unwrap();
        let mut second =
            read("P<USAOCONNOR<<BRENDAN<<<<<<<<<<<<<<<<<<<<<<<<\nN506406655USA7204036M2612214<<<<<<<<<<<<<<04")
                .unwrap();
        let support = crate::identity::text::tokens("O'CONNOR OCONNOR Given Names BRENDAN LEE");
        take_better_name(&mut second, &earlier, &support);
        assert_eq!(second.full_name(), "BRENDAN LEE OCONNOR");
        assert!(second.lines.starts_with("P<USAOCONNOR<<BRENDAN<LEE<<<"), "{}", second.lines);
        // Not from another document.
        earlier.document_number = "X12345678".into();
        second.given_names = "BRENDAN".into();
        take_better_name(&mut second, &earlier, &support);
        assert_eq!(second.full_name(), "BRENDAN OCONNOR");
        // Without support from the printed zone nothing is guessed.
        let mut r = read(text).unwrap();
        clean_name(&mut r, &[]);
        assert!(r.given_names.starts_with("MARCUSKALLEN"), "{}", r.given_names);
        // Two fillers read as two letters between given names.
        let mut r = read("I<UTOERIKSSON<<ANNAKXMARIAK<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6").unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Primary identifier ERIKSSON Secondary ANNA MARIA"));
        assert_eq!(r.full_name(), "ANNA MARIA ERIKSSON");
        assert_eq!(r.lines, TD2);
    }

    #[test]
    fn a_zone_line_among_specks_read_as_words_of_their_own() {
        // A phone photo: the page's edge and specks beside the zone, fillers read as K
        // and the name line cut in pieces.
        let text = "*\tP<USAADEYEMI<<OBINNASKKKKKKKKK KKK KKK KKK KK KKK\ti\t\\\t&\n\
                    %\t.\tL\t4666483005USA0303273M2511214<<<<<<<<<<<<<<04\t—\tNJ\tmw";
        let lines = candidate_lines(text);
        assert_eq!(lines[1], "4666483005USA0303273M2511214<<<<<<<<<<<<<<04");
        let mut r = read(text).unwrap();
        assert!(r.valid, "{:?}", r.checks);
        assert_eq!(r.date_of_expiry, d(2025, 11, 21));
        clean_name(&mut r, &crate::identity::text::tokens("Surname ADEYEMI Given Names OBINNA"));
        assert_eq!(r.full_name(), "OBINNA ADEYEMI");
        assert_eq!(r.lines.lines().next(), Some("P<USAADEYEMI<<OBINNA<<<<<<<<<<<<<<<<<<<<<<<<"));
        // A line short of its width by a filler or two is taken whole, not cut to a
        // narrower format's width.
        assert_eq!(
            candidate_lines("P<CANMARTIN<<SARAH<< KKK KKK KEE KEKE KEE KK"),
            ["P<CANMARTIN<<SARAH<<KKKKKKKEEKEKEKEEKK"]
        );
    }

    #[test]
    fn after_three_fillers_a_name_line_holds_only_fillers() {
        let table = [
            ("P<LTUBASANAVICIENE<<BIRUTE<<<<<<<<K<<<<<K<<<", "P<LTUBASANAVICIENE<<BIRUTE<<<<<<<<<<<<<<<<<<"),
            ("VADIS<<QUO<<<<<<KK<<<<<<<<<<<", "VADIS<<QUO<<<<<<<<<<<<<<<<<<<"),
            // Germany's one-letter code keeps its fillers; lines with digits are left.
            ("P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<X<<<<<<<<<", "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<"),
            ("L898902C36UTO7408122F1204159ZE184226B<<<<<10", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"),
            // Two fillers are inside a name: nothing follows three.
            ("P<UTOERIKSSON<<ANNA<MARIAKKKKKKKKKKKKKKKKKKK", "P<UTOERIKSSON<<ANNA<MARIAKKKKKKKKKKKKKKKKKKK"),
        ];
        for (read, want) in table {
            assert_eq!(fillers_after_name(read.to_string()), want, "{read}");
        }
    }

    #[test]
    fn a_data_line_one_cell_short_is_put_back_in_its_cells() {
        // The passport number's first digit lost at the picture's edge: the dates'
        // check digits hold once the fields are back in place; the number's does not.
        let text = "P<USAOKAFOR<<DEEPA<PRASAD<<<<<<<<<<<<<<<<<<<\n231547227USA8604242F2401232<<<<<<<<<<<<<<00";
        let r = read(text).unwrap();
        assert_eq!((r.date_of_birth, r.date_of_expiry), (d(1986, 4, 24), d(2024, 1, 23)));
        assert_eq!(r.checks.document_number, Some(false));
        assert!(!r.valid && r.repaired);
        // A whole line is read as it is.
        assert_eq!(read(TD3).map(|r| r.lines), Some(TD3.to_string()));
    }

    #[test]
    fn the_name_line_is_laid_out_again_from_the_cleaned_name() {
        let text = "P<UTOERIKSSON<<ANNA<MARIAKKKKKKKKKKKKKKKKKKK\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
        let mut r = read(text).unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("Surname ERIKSSON Given names ANNA MARIA"));
        assert_eq!(r.lines, TD3);
        assert!(r.repaired);
        // A TD1 card: the third line is the name.
        let mut r =
            read("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIAKKKKKKKKKK")
                .unwrap();
        clean_name(&mut r, &crate::identity::text::tokens("ERIKSSON ANNA MARIA"));
        assert_eq!(r.lines, TD1);
    }

    #[test]
    fn a_line_of_many_words_is_searched_only_as_far_as_a_zone_line_reaches() {
        // Every run of 20,000 words would be 200 million runs: the search stops where a
        // run outgrows a zone line, so this ends at once.
        assert!(candidate_lines(&"WORD ".repeat(20_000)).is_empty());
        let zone_after_words = candidate_lines(&format!("{}{TD3}", "WORD ".repeat(5_000)));
        assert_eq!(zone_after_words.join("\n"), TD3);
    }

    #[test]
    fn ordinary_text_has_no_zone() {
        assert_eq!(read("Connecticut\nDRIVER LICENSE\nWHITLOCK, DANA RUTH\n41 FENWICK ST"), None);
    }
}
