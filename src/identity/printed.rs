//! The printed (visual) zone of an ID: the holder's name and the expiry date, found
//! the way a person finds them, by their labels (`LN`/`FN`, `NAME`, `Surname` /
//! `Given Names`, `EXP`, `Expires On`, `Date of expiration`) and the text beside or
//! under the label.

use chrono::NaiveDate;
use serde::Serialize;

use super::dates;
use super::text::{fold, sex_field_beside_date, token_is, words_text, OcrPage, OcrWord};

/// A name as printed, split where the document splits it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedName {
    pub surname: String,
    pub given: String,
    /// Mean OCR confidence of the words read.
    pub conf: f32,
    /// Which labels it was found by.
    pub found_by: &'static str,
}

impl PrintedName {
    /// `GIVEN SURNAME`, as the court writes a name on an ID.
    pub fn full(&self) -> String {
        format!("{} {}", self.given, self.surname).trim().to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedDate {
    pub date: NaiveDate,
    pub conf: f32,
    pub found_by: String,
}

const SURNAME_LABELS: &[&str] = &["surname", "last name", "family name", "ln", "1 ln", "1 family name"];
const GIVEN_LABELS: &[&str] = &["given names", "given name", "first name", "fn", "2 fn", "2 given names", "first"];
const NAME_LABELS: &[&str] = &["name", "full name", "holder", "name of holder"];
const EXPIRY_LABELS: &[&str] = &[
    "date of expiration",
    "date of expiry",
    "expiration date",
    "expiry date",
    "exp date",
    "card expires",
    "expires on",
    "expires",
    "expiration",
    "valid until",
    "4b exp",
    "exp",
];

/// A label found at the start of a segment of a line.
#[derive(Debug)]
struct Label<'a> {
    line: usize,
    words: &'a [OcrWord],
    /// Words after the label in the same segment.
    rest: &'a [OcrWord],
}

impl Label<'_> {
    fn left(&self) -> i32 {
        self.words[0].left
    }
    fn height(&self) -> i32 {
        self.words.iter().map(|w| w.height).max().unwrap_or(10).max(6)
    }
}

/// Words of a label phrase, folded; `/` separated translations (`Surname / Nom`)
/// are not part of it.
fn label_len(segment: &[OcrWord], phrase: &str) -> Option<usize> {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    let seen: Vec<String> = segment.iter().map(OcrWord::folded).collect();
    if seen.len() >= wanted.len() && wanted.iter().enumerate().all(|(i, w)| label_token(&seen[i], w)) {
        return Some(wanted.len());
    }
    // Run together by OCR: `IssuedOn`, `CardExpires`.
    let joined: String = wanted.concat();
    (wanted.len() > 1 && !seen.is_empty() && label_token(&seen[0], &joined)).then_some(1)
}

fn label_token(seen: &str, wanted: &str) -> bool {
    // Short labels (`LN`, `FN`, `EXP`) must be read exactly: one slip makes another label.
    if wanted.len() <= 3 {
        seen == wanted
    } else {
        token_is(seen, wanted)
    }
}

fn find_labels<'a>(page: &'a OcrPage, phrases: &[&str]) -> Vec<Label<'a>> {
    let mut out = Vec::new();
    for (i, line) in page.lines.iter().enumerate() {
        for seg in line.segments() {
            // A label may follow a field number (`4b EXP`, `1 LN`) or a slash.
            for start in 0..seg.len().min(2) {
                if start == 1 && !seg[0].text.chars().all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()) {
                    break;
                }
                let s = &seg[start..];
                if let Some(n) = phrases.iter().find_map(|p| label_len(s, p)) {
                    let mut rest = &s[n..];
                    // Translations follow a slash (`Surname / Nom / Apellidos`): the
                    // value is then under the label, not beside it.
                    if rest.first().is_some_and(|w| w.text.starts_with('/')) {
                        rest = &[];
                    }
                    out.push(Label { line: i, words: &s[..n], rest });
                    break;
                }
            }
        }
    }
    out
}

/// The segment written under a label: on one of the next lines, starting near the
/// label's left edge.
fn below<'a>(page: &'a OcrPage, label: &Label<'_>) -> Option<(usize, &'a [OcrWord])> {
    let h = label.height();
    let label_bottom = page.lines[label.line].words.iter().map(OcrWord::bottom).max().unwrap_or(0);
    for (i, line) in page.lines.iter().enumerate().skip(label.line + 1) {
        if line.top() > label_bottom + h * 4 {
            break;
        }
        if line.top() + line.height() / 2 <= label_bottom {
            continue;
        }
        // The segment under the label, without stray marks OCR put left of it.
        for seg in line.segments() {
            if let Some(start) = seg.iter().position(|w| (w.left - label.left()).abs() <= h * 2) {
                return Some((i, &seg[start..]));
            }
        }
    }
    None
}

/// Field labels a layout may put where a name's value is expected.
const FIELD_WORDS: &[&str] = &[
    "address",
    "sex",
    "dob",
    "hgt",
    "eyes",
    "class",
    "expires",
    "issued",
    "signature",
    "height",
    "name",
    "surname",
    "given",
];

fn is_name_word(w: &OcrWord) -> bool {
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && !FIELD_WORDS.contains(&fold(&w.text).as_str())
        && w.text.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | ',' | '.'))
        && w.text.chars().filter(|c| c.is_uppercase()).count() * 10 >= letters * 7
}

fn name_text(words: &[OcrWord]) -> Option<(String, f32)> {
    if words.is_empty() || !words.iter().all(is_name_word) {
        return None;
    }
    let text = words_text(words);
    let text = text.trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace()).to_string();
    let conf = words.iter().map(|w| w.conf).sum::<f32>() / words.len() as f32;
    (text.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some((text, conf))
}

/// The value of a label: the rest of its segment, else the segment under it.
fn value<'a>(page: &'a OcrPage, label: &Label<'a>) -> Option<(usize, &'a [OcrWord])> {
    if !label.rest.is_empty() {
        return Some((label.line, label.rest));
    }
    below(page, label)
}

/// The holder's name from the printed zone.
pub fn name(page: &OcrPage) -> Option<PrintedName> {
    by_surname_and_given(page)
        .or_else(|| by_name_label(page))
        .or_else(|| by_numbered_fields(page))
        .or_else(|| by_comma_line(page))
        .or_else(|| by_grant_line(page))
}

/// The words of a certificate's grant that end the line before its holder's name:
/// "…the person named below has become a citizen of the United States:",
/// "…the Secretary having found that:".
const GRANT_LEAD_INS: &[&str] = &["named below", "citizen of the united states", "found that"];

/// A certificate of naturalization or citizenship prints its holder's name on a line of
/// its own under the grant's lead-in (ending in a colon), as written (`Lucía Colón`),
/// given names first. A letter OCR read as a digit (`Colé6n`) leaves the word a name's.
fn by_grant_line(page: &OcrPage) -> Option<PrintedName> {
    // The lead-in may wrap: its words are looked for on its line and the one before.
    let lead_in = |i: &usize| {
        let text = page.lines[*i].text();
        if !text.trim_end().ends_with(':') {
            return false;
        }
        let before = i.checked_sub(1).map(|b| page.lines[b].text()).unwrap_or_default();
        let words = super::text::tokens(&format!("{before} {text}"));
        GRANT_LEAD_INS.iter().any(|p| super::text::has_phrase(&words, p))
    };
    let i = (0..page.lines.len()).find(lead_in)?;
    let words = &page.lines.get(i + 1)?.words;
    let name_word = |w: &&OcrWord| {
        let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
        let digits = w.text.chars().filter(char::is_ascii_digit).count();
        let inner_digit = digits == 1 && letters >= 3 && !w.text.starts_with(|c: char| c.is_ascii_digit());
        w.text.starts_with(char::is_uppercase)
            && (digits == 0 || inner_digit)
            && w.text.chars().all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.'))
    };
    if !(2..=5).contains(&words.len()) || !words.iter().all(|w| name_word(&w)) {
        return None;
    }
    let (given, surname) = words.split_at(words.len() - 1);
    let conf = words.iter().map(|w| w.conf).sum::<f32>() / words.len() as f32;
    Some(PrintedName {
        surname: words_text(surname),
        given: words_text(given),
        conf,
        found_by: "the line under a certificate's grant",
    })
}

/// Licences in the AAMVA layout print the family name, then the given names, each
/// after a small field label (`LN`, `FN`, `1`, `2`). Small labels are often misread,
/// so two consecutive lines that each start with a small label and continue in
/// large capitals are read as surname, then given names.
fn by_numbered_fields(page: &OcrPage) -> Option<PrintedName> {
    let labelled = |i: usize| -> Option<(String, f32, i32)> {
        // The field's own segment: a watermark beside it (`HAYES   SAMPLE`) is not the name.
        let field = *page.lines.get(i)?.segments().first()?;
        let (label, rest) = field.split_first()?;
        let big = rest.first()?;
        let small_label = label.text.chars().count() <= 3 && label.height * 4 <= big.height * 3;
        let (text, conf) = name_text(rest)?;
        (small_label && !text.contains(',')).then_some((text, conf, big.height))
    };
    (0..page.lines.len().saturating_sub(1)).find_map(|i| {
        let (surname, c1, h1) = labelled(i)?;
        let (given, c2, h2) = labelled(i + 1)?;
        let gap = page.lines[i + 1].top() - page.lines[i].bottom();
        (gap < h1.max(h2) * 2 && (h1 - h2).abs() * 4 <= h1.max(h2)).then(|| PrintedName {
            surname,
            given,
            conf: (c1 + c2) / 2.0,
            found_by: "two labelled name lines (family name, then given names)",
        })
    })
}

fn by_surname_and_given(page: &OcrPage) -> Option<PrintedName> {
    let given_labels = find_labels(page, GIVEN_LABELS);
    let (given_label, given) =
        given_labels.iter().find_map(|l| value(page, l).and_then(|(_, v)| name_text(v)).map(|g| (l, g)))?;
    let labelled =
        find_labels(page, SURNAME_LABELS).iter().find_map(|l| value(page, l).and_then(|(_, v)| name_text(v)));
    let (surname, found_by) = match labelled {
        Some(surname) => (surname, "surname and given-name labels"),
        None => (surname_over_given_label(page, given_label)?, "given-name label under a surname line"),
    };
    Some(PrintedName { surname: surname.0, given: given.0, conf: (surname.1 + given.1) / 2.0, found_by })
}

/// Cards that print `SURNAME` over the surname, then `GIVEN NAME` over the given names
/// (a permanent resident card, a state ID) lose the first label to the title or the
/// photo's edge more often than the second: the surname is then the lone name line
/// right above the given-name label, in the label's column.
fn surname_over_given_label(page: &OcrPage, given_label: &Label<'_>) -> Option<(String, f32)> {
    let above = page.lines.get(given_label.line.checked_sub(1)?)?;
    let h = given_label.height();
    let segments = above.segments();
    let at = segments.iter().position(|seg| (seg[0].left - given_label.left()).abs() <= h * 2)?;
    let segment = without_sex_field(segments[at], segments.get(at + 1).copied());
    let is_label = |words: &[OcrWord]| {
        [SURNAME_LABELS, GIVEN_LABELS, NAME_LABELS]
            .iter()
            .any(|phrases| phrases.iter().any(|p| label_len(words, p).is_some()))
    };
    let near = given_label.words[0].top - above.bottom() < h * 3;
    (near && segment.len() <= 3 && !is_label(segment)).then(|| name_text(segment)).flatten()
}

/// A name's column without the sex field that OCR ran into it (`EL-AMIN M` beside
/// `02 JUL 1962`).
fn without_sex_field<'w>(segment: &'w [OcrWord], next: Option<&[OcrWord]>) -> &'w [OcrWord] {
    let next = next.and_then(|n| n.first()).map_or("", |w| w.text.as_str());
    match segment.split_last() {
        Some((last, name)) if !name.is_empty() && sex_field_beside_date(&last.text, next) => name,
        _ => segment,
    }
}

/// `NAME` over `LAST,` / `FIRST MIDDLE` (or `LAST, FIRST MIDDLE` on one line).
fn by_name_label(page: &OcrPage) -> Option<PrintedName> {
    for label in find_labels(page, NAME_LABELS) {
        let Some((first_line, first)) = value(page, &label) else {
            continue;
        };
        let Some((first_text, c1)) = name_text(first) else {
            continue;
        };
        if let Some((last, given)) = first_text.split_once(',') {
            if !given.trim().is_empty() {
                return Some(PrintedName {
                    surname: last.trim().into(),
                    given: given.trim().into(),
                    conf: c1,
                    found_by: "NAME label, LAST, FIRST",
                });
            }
        }
        // The given names on the next line, under the surname.
        let next = Label { line: first_line, words: first, rest: &[] };
        if let Some((given, c2)) = below(page, &next).and_then(|(_, v)| name_text(v)) {
            return Some(PrintedName {
                surname: first_text.trim_end_matches(',').trim().into(),
                given,
                conf: (c1 + c2) / 2.0,
                found_by: "NAME label, surname line over given-name line",
            });
        }
    }
    None
}

/// Any line reading `LAST, FIRST MIDDLE` in capitals.
fn by_comma_line(page: &OcrPage) -> Option<PrintedName> {
    page.lines.iter().find_map(|line| {
        let (text, conf) = name_text(&line.words)?;
        let (last, given) = text.split_once(',')?;
        // Places (`CONNECTICUT, U.S.A.`) and titles (`HON. RUTH A. CALLOWAY, JUSTICE
        // OF THE PEACE`) also read as `WORDS, WORDS`: only short, plain names count.
        let plain = |s: &str| {
            let words: Vec<&str> = s.split_whitespace().collect();
            (1..=3).contains(&words.len()) && words.iter().all(|w| w.len() >= 2 && !w.contains('.'))
        };
        (conf >= 70.0 && plain(last) && plain(given)).then(|| PrintedName {
            surname: last.trim().into(),
            given: given.trim().into(),
            conf,
            found_by: "a LAST, FIRST line",
        })
    })
}

/// The expiry date from the printed zone: the date after an expiry label, or glued to
/// one by OCR (`ExP_07/10/2027`).
pub fn expiry(page: &OcrPage) -> Option<PrintedDate> {
    find_labels(page, EXPIRY_LABELS)
        .into_iter()
        .find_map(|label| {
            let (_, words) = value(page, &label)?;
            let text = words_text(words);
            let date = dates::parse_date(&text)?;
            Some(PrintedDate {
                date,
                conf: words.iter().map(|w| w.conf).sum::<f32>() / words.len().max(1) as f32,
                found_by: label.words.iter().map(|w| fold(&w.text)).collect::<Vec<_>>().join(" "),
            })
        })
        .or_else(|| glued_expiry(page))
}

/// An expiry label inside a run of words rather than at the start of a field: run into
/// its date (`EXP11/04/2029`), or after a signature OCR put in the same run
/// (`Robert Fowler EXPIRES: 11/23/2024`). The date must follow in the same run: across
/// a gap it is the next column's value (`CARD EXPIRES   10/08/2019` beside "Resident
/// since").
fn glued_expiry(page: &OcrPage) -> Option<PrintedDate> {
    // A field number or speck may be read into the label's start (`eExP 02/07/2026`).
    static GLUED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b[a-z]?exp(?:ires?|iration)?[_:.\s]*\d").expect("glued expiry pattern compiles")
    });
    page.lines.iter().flat_map(|line| line.segments()).find_map(|run| {
        let text = words_text(run);
        let m = GLUED.find(&text)?;
        let date = dates::find_dates(&text[m.start()..]).into_iter().next()?;
        let conf = run.iter().map(|w| w.conf).sum::<f32>() / run.len().max(1) as f32;
        Some(PrintedDate { date, conf, found_by: "exp inside a run of words".into() })
    })
}

const ISSUE_LABELS: &[&str] = &["date of issue", "issue date", "issued on", "issued", "4a iss", "iss"];

/// When no expiry label was read (`4p Exe`, `res` for `Expires`): a date printed two
/// to ten years after the labelled issue date is the expiry. Licences and ID cards run
/// that long; a birth date comes before the issue date, and an `UNDER 21 UNTIL` date
/// says what it is.
pub fn after_issue_date(page: &OcrPage) -> Option<PrintedDate> {
    let issued = issue_date(page)?;
    let other_dates = |run: &&[OcrWord]| {
        let folded: Vec<String> = run.iter().map(|w| fold(&w.text)).collect();
        !folded.iter().any(|w| matches!(w.as_str(), "until" | "birth" | "dob" | "born"))
    };
    let expiry = page
        .lines
        .iter()
        .flat_map(|l| l.segments())
        .filter(other_dates)
        .flat_map(|run| dates::find_dates(&words_text(run)))
        .filter(|d| (700..=3900).contains(&(*d - issued).num_days()))
        .max()?;
    Some(PrintedDate { date: expiry, conf: 0.0, found_by: "a date years after the issue date".into() })
}

/// The date labelled as the issue date.
fn issue_date(page: &OcrPage) -> Option<NaiveDate> {
    find_labels(page, ISSUE_LABELS).into_iter().find_map(|label| {
        let (_, words) = value(page, &label)?;
        dates::parse_date(&words_text(words))
    })
}

/// When no label was read at all: of two dates on the same day of the year two to ten
/// years apart (`03/13/2015`, `03/13/2025` on a resident card), the later is the expiry.
/// Cards run that long from their issue date; a birth date and an `UNDER 21 UNTIL`
/// date are further apart.
pub fn anniversary_date(page: &OcrPage) -> Option<PrintedDate> {
    use chrono::Datelike;
    let mut found: Vec<NaiveDate> = page.lines.iter().flat_map(|l| dates::find_dates(&l.text())).collect();
    found.sort();
    found.dedup();
    let anniversary = |a: &NaiveDate, b: &NaiveDate| {
        (a.month(), a.day()) == (b.month(), b.day()) && (2..=10).contains(&(b.year() - a.year()))
    };
    let expiry = found.iter().filter(|b| found.iter().any(|a| anniversary(a, b))).max()?;
    Some(PrintedDate { date: *expiry, conf: 0.0, found_by: "a date years to the day after another".into() })
}

/// When no expiry label was read: the latest of two or more dates printed on an ID
/// that has an expiry, since it comes after the birth and issue dates. None when that
/// is the issue date itself: the expiry's own date was not read (`exp 06/12/20:`).
pub fn latest_date(page: &OcrPage) -> Option<PrintedDate> {
    let mut found: Vec<NaiveDate> = page.lines.iter().flat_map(|l| dates::find_dates(&l.text())).collect();
    found.sort();
    found.dedup();
    let latest = *found.last()?;
    let after_issue = issue_date(page).is_none_or(|issued| latest > issued);
    (found.len() >= 2 && after_issue).then(|| PrintedDate {
        date: latest,
        conf: 0.0,
        found_by: "latest printed date".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::text::OcrLine;

    /// Lays out lines of `(left, text)` pieces, 40 px apart, 20 px high words.
    fn page(lines: &[&[(i32, &str)]]) -> OcrPage {
        let lines = lines
            .iter()
            .enumerate()
            .map(|(i, pieces)| {
                let mut words = Vec::new();
                for (left, text) in pieces.iter() {
                    let mut x = *left;
                    for w in text.split_whitespace() {
                        let width = 14 * w.chars().count() as i32;
                        words.push(OcrWord {
                            text: w.into(),
                            conf: 90.0,
                            left: x,
                            top: 40 * i as i32,
                            width,
                            height: 20,
                        });
                        x += width + 10;
                    }
                }
                OcrLine { words }
            })
            .collect();
        OcrPage { lines }
    }

    #[test]
    fn connecticut_licence_layout() {
        let p = page(&[
            &[(40, "Connecticut"), (800, "DRIVER LICENSE")],
            &[(370, "DL NO 184402913")],
            &[(370, "EXP"), (590, "ISS")],
            &[(370, "05/10/2030"), (590, "05/10/2022")],
            &[(370, "NAME")],
            &[(370, "WHITLOCK,")],
            &[(370, "DANA RUTH")],
            &[(370, "41 FENWICK ST")],
        ]);
        let n = name(&p).unwrap();
        assert_eq!((n.surname.as_str(), n.given.as_str()), ("WHITLOCK", "DANA RUTH"));
        assert_eq!(n.full(), "DANA RUTH WHITLOCK");
        assert_eq!(expiry(&p).unwrap().date, NaiveDate::from_ymd_opt(2030, 5, 10).unwrap());
    }

    #[test]
    fn a_certificate_s_holder_under_its_grant() {
        let grant =
            "Haven, Connecticut, the Secretary having found that the person named below has become a citizen of the";
        let table: &[(&[&str], Option<&str>)] = &[
            (&[grant, "United States:", "Lucia Colé6n", "and the Secretary being satisfied"], Some("Lucia Colé6n")),
            (&["the Secretary having found that:", "AHMED AL-RASHID", "then residing at"], Some("AHMED AL-RASHID")),
            // Not a name: the grant goes on, or a date stands there.
            (&[grant, "United States:", "February 15, 2017, and is now a citizen"], None),
            (&["the Secretary having found that the applicant", "Lucia Colón"], None),
            (&["found that:", "I"], None),
        ];
        for (lines, want) in table {
            let pieces: Vec<[(i32, &str); 1]> = lines.iter().map(|l| [(40, *l)]).collect();
            let rows: Vec<&[(i32, &str)]> = pieces.iter().map(|p| p.as_slice()).collect();
            assert_eq!(by_grant_line(&page(&rows)).map(|n| n.full()).as_deref(), *want, "{lines:?}");
        }
    }

    #[test]
    fn ln_fn_layout() {
        let p = page(&[
            &[(450, "EXP"), (650, "ISS")],
            &[(450, "05/10/2030"), (650, "05/10/2022")],
            &[(450, "LN TASCA")],
            &[(450, "FN GREGORY PAUL")],
            &[(450, "9 RIDGE RD")],
        ]);
        assert_eq!(name(&p).unwrap().full(), "GREGORY PAUL TASCA");
    }

    #[test]
    fn misread_small_labels_still_give_family_then_given_name() {
        // `LN` and `FN` read as `‘"` and `*N`: small marks before large capitals.
        let mut p =
            page(&[&[(370, "05/10/2030")], &[(370, "X TASCA")], &[(370, "*N GREGORY PAUL")], &[(370, "9 RIDGE RD")]]);
        for line in &mut p.lines[1..3] {
            line.words[0].height = 12;
            line.words[0].top += 6;
        }
        assert_eq!(name(&p).unwrap().full(), "GREGORY PAUL TASCA");
    }

    #[test]
    fn passport_layout_with_translated_labels() {
        let p = page(&[
            &[(520, "Surname / Nom / Apellidos")],
            &[(520, "FELD")],
            &[(520, "Given Names / Prénoms / Nombres")],
            &[(520, "MARCUS ALLEN")],
            &[(500, "Date of expiration / Date d'expiration")],
            &[(500, "01 AUG 2031")],
        ]);
        assert_eq!(name(&p).unwrap().full(), "MARCUS ALLEN FELD");
        assert_eq!(expiry(&p).unwrap().date, NaiveDate::from_ymd_opt(2031, 8, 1).unwrap());
    }

    #[test]
    fn card_layout_with_columns() {
        let p = page(&[
            &[(350, "Surname")],
            &[(350, "MARCHETTI")],
            &[(350, "Given Names")],
            &[(350, "HELEN LOUISE")],
            &[(350, "Date of Birth"), (650, "Place of Birth")],
            &[(350, "02 SEP 1972"), (650, "CONNECTICUT, U.S.A.")],
            &[(350, "Issued On"), (650, "Expires On")],
            &[(350, "20 APR 2022"), (650, "19 APR 2032")],
        ]);
        assert_eq!(name(&p).unwrap().full(), "HELEN LOUISE MARCHETTI");
        assert_eq!(expiry(&p).unwrap().date, NaiveDate::from_ymd_opt(2032, 4, 19).unwrap());
    }

    /// The surname label lost, and the sex field run into the surname's column beside
    /// the date of birth: the surname is the line above the given names, without it.
    #[test]
    fn surname_line_with_the_sex_field_beside_it() {
        let p = page(&[
            &[(350, "PASSPORT CARD")],
            &[(350, "EL-AMIN M"), (650, "02 JUL 1962")],
            &[(350, "Given Names")],
            &[(350, "YOUSSEF BIN KHALID")],
        ]);
        assert_eq!(name(&p).unwrap().full(), "YOUSSEF BIN KHALID EL-AMIN");
        let p = page(&[&[(350, "EL-AMIN M")], &[(350, "Given Names")], &[(350, "YOUSSEF")]]);
        assert_eq!(name(&p).unwrap().full(), "YOUSSEF EL-AMIN M");
    }

    #[test]
    fn surname_label_lost_to_the_title() {
        // A permanent resident card whose `SURNAME` label OCR ran into the title.
        let p = page(&[
            &[(40, "PERMANENT RESIDENT CARD - unrrensraresor america")],
            &[(350, "EL-AMIN")],
            &[(350, "GIVEN NAME")],
            &[(350, "AHMED IBRAHIM")],
            &[(350, "USCIS#"), (650, "CATEGORY")],
        ]);
        assert_eq!(name(&p).unwrap().full(), "AHMED IBRAHIM EL-AMIN");
        // A label above the given-name label is not a surname.
        let p = page(&[&[(350, "NAME")], &[(350, "GIVEN NAME")], &[(350, "AHMED IBRAHIM")]]);
        assert_eq!(name(&p), None);
    }

    #[test]
    fn a_watermark_beside_the_family_name_is_not_part_of_it() {
        let mut p =
            page(&[&[(370, "tn HAYES"), (700, "SAMPLE")], &[(370, "ev IRINA")], &[(370, "1651 BOSTON POST RD")]]);
        for line in &mut p.lines[0..2] {
            line.words[0].height = 12;
            line.words[0].top += 6;
        }
        assert_eq!(name(&p).unwrap().full(), "IRINA HAYES");
    }

    #[test]
    fn military_card_dates_under_their_labels() {
        let p = page(&[
            &[(40, "STANTON, MARGARET L")],
            &[(40, "Issue Date"), (400, "Expiration Date")],
            &[(40, "2023JUL18"), (400, "2026JUL18")],
            &[(40, "Date of Birth")],
            &[(40, "1991JUL16")],
        ]);
        assert_eq!(expiry(&p).unwrap().date, NaiveDate::from_ymd_opt(2026, 7, 18).unwrap());
    }

    #[test]
    fn latest_date_when_the_expiry_label_was_missed() {
        let p = page(&[&[(370, "05/10/2030"), (590, "05/10/2022")], &[(370, "DOB 01/14/1966")]]);
        assert_eq!(expiry(&p), None);
        assert_eq!(latest_date(&p).unwrap().date, NaiveDate::from_ymd_opt(2030, 5, 10).unwrap());
        assert_eq!(latest_date(&page(&[&[(10, "DOB 01/14/1966")]])), None);
        // The expiry's year cut off: the latest date read is the issue date, no expiry.
        let cut = page(&[&[(10, "3 DOB 08/17/1982"), (300, "4b EXP 06/12/20:")], &[(10, "4a ISS 06/12/2022")]]);
        assert_eq!(latest_date(&cut), None);
    }

    #[test]
    fn expiry_label_misread_but_issue_date_read() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let p = page(&[
            &[(40, "3008 04/11/1977"), (400, "4p Exe 03/04/2025")],
            &[(40, "4a iss 03/04/2020"), (400, "aciass/D")],
        ]);
        assert_eq!(expiry(&p), None);
        assert_eq!(after_issue_date(&p).unwrap().date, date(2025, 3, 4));
        let city = page(&[&[(40, "te of Birth 01/01/1975")], &[(40, "issued 01/10/2023")], &[(40, "res 01/10/2026")]]);
        assert_eq!(after_issue_date(&city).unwrap().date, date(2026, 1, 10));
        // An under-21 date is not the expiry; nor a date weeks after the issue date.
        let young = page(&[&[(40, "UNDER 21 UNTIL 06/19/2025")], &[(40, "ISS 02/27/2023"), (400, "DOB 06/19/2004")]]);
        assert_eq!(after_issue_date(&young), None);
        let soon = page(&[&[(40, "ISS 02/27/2023")], &[(40, "03/30/2023")]]);
        assert_eq!(after_issue_date(&soon), None);
    }

    #[test]
    fn no_label_but_issue_and_expiry_on_the_same_day_of_the_year() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let card = page(&[&[(40, "MEXICO 05/09/1976")], &[(40, "M 03/13/2025 03/13/2015")]]);
        assert_eq!(anniversary_date(&card).unwrap().date, date(2025, 3, 13));
        // A birth date and an under-21 date share a day too, 21 years apart.
        let young = page(&[&[(40, "UNDER 21 UNTIL 08/17/2023")], &[(40, "08/17/2002 02/07/2026")]]);
        assert_eq!(anniversary_date(&young), None);
        assert_eq!(anniversary_date(&page(&[&[(40, "05/10/2030 06/11/2022")]])), None);
    }

    #[test]
    fn expiry_label_inside_a_line() {
        let signed =
            page(&[&[(40, "issueD: 11/23/2016")], &[(40, "Robert Fowler EXPIRES: 11/23/2024 NEW YORK STATE")]]);
        assert_eq!(expiry(&signed).unwrap().date, NaiveDate::from_ymd_opt(2024, 11, 23).unwrap());
        let glued = page(&[&[(40, "DOB 01/14/1966")], &[(40, "4b ExP_07/10/2027")]]);
        assert_eq!(expiry(&glued).unwrap().date, NaiveDate::from_ymd_opt(2027, 7, 10).unwrap());
        let speck = page(&[&[(40, "pos 08/17/2002 eExP 02/07/2026")]]);
        assert_eq!(expiry(&speck).unwrap().date, NaiveDate::from_ymd_opt(2026, 2, 7).unwrap());
        let words = page(&[&[(40, "Work experience 2019 to 2024")]]);
        assert_eq!(expiry(&words), None);
        // Across a column gap the date is another field's.
        let columns = page(&[&[(40, "SEX"), (300, "CARD EXPIRES"), (700, "10/08/2019")]]);
        assert_eq!(expiry(&columns), None);
    }

    #[test]
    fn no_labels_no_guess() {
        let p = page(&[&[(10, "Business Details")], &[(10, "Business Name: SPARKLE CLEAN CT LLC")]]);
        assert_eq!(name(&p), None);
        assert_eq!(expiry(&p), None);
    }
}
