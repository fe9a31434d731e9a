//! Dates as printed on IDs and court papers: `05/10/2030`, `01 AUG 2031`,
//! `02 11 2034`, `2030-05-10`, `AUG 01, 2031`. US documents write the month first.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

const MONTHS: &[&str] = &["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_uppercase();
    let w = w.get(..3)?;
    // OCR look-alikes in month abbreviations: `0CT`, `N0V`, `AUC`.
    let w: String = w.chars().map(|c| if c == '0' { 'O' } else { c }).collect();
    MONTHS.iter().position(|m| *m == w).map(|i| i as u32 + 1).or(match w.as_str() {
        "AUC" => Some(8),
        "0CT" | "QCT" => Some(10),
        "SFP" => Some(9),
        _ => None,
    })
}

/// In a token that is mostly digits, letters OCR confuses with digits are digits.
fn repair_digits(token: &str) -> String {
    let digits = token.chars().filter(char::is_ascii_digit).count();
    if digits * 2 < token.chars().filter(char::is_ascii_alphanumeric).count() || names_a_month(token) {
        return token.to_string();
    }
    token.chars().map(as_digit).collect()
}

/// The digit OCR may have read as a letter, or the character as it is.
fn as_digit(c: char) -> char {
    match c {
        'O' | 'o' | 'D' | 'Q' => '0',
        'I' | 'l' | '|' | 'i' => '1',
        'S' | 's' => '5',
        'B' => '8',
        'Z' | 'z' => '2',
        'G' => '6',
        c => c,
    }
}

/// Whether a token holds a month's abbreviation (`2026JUL18`, as military IDs print).
fn names_a_month(token: &str) -> bool {
    let upper = token.to_ascii_uppercase();
    MONTHS.iter().any(|m| upper.contains(m))
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // One separator throughout, so a field number before a date (`3 12/21/1986`)
        // is not read as its first part.
        r"(?x)
        \b(?P<a>\d{1,4})\s?/[\s.,'`]{0,2}(?P<b>\d{1,2})\s?/[\s.,'`]{0,2}(?P<c>\d{2,4})\b
        |\b(?P<a2>\d{1,4})\s?-\s?(?P<b2>\d{1,2})\s?-\s?(?P<c2>\d{2,4})\b
        |\b(?P<a3>\d{1,4})\.(?P<b3>\d{1,2})\.(?P<c3>\d{2,4})\b
        |\b(?P<a4>\d{1,2})\s(?P<b4>\d{1,2})\s(?P<c4>\d{4})\b
        |\b(?P<compact>\d{8})\b
        # Slashes OCR read as ones (`01/29/2026` as `0112912026`).
        |\b(?P<slashed>\d{2}1\d{2}1(?:19|20)\d{2})\b",
    )
    .expect("valid regex")
});

static WORDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?P<d1>\d{1,2})\s*(?P<m1>[A-Z0]{3})[A-Z]*\.?(?:\s*/\s*[A-Z]+\.?)?\s*,?\s*(?P<y1>\d{4})\b
        |\b(?P<m2>[A-Z0]{3})[A-Z]*\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})\b
        |\b(?P<y3>\d{4})\s?(?P<m3>[A-Z0]{3})\s?(?P<d3>[\dOSIl]{1,2})\b",
    )
    .expect("valid regex")
});

fn year(y: &str) -> Option<i32> {
    let y: i32 = y.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn month_day_year(m: &str, d: &str, y: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year(y)?, m.parse().ok()?, d.parse().ok()?)
}

/// Every date in `text`, in the order they appear.
pub fn find_dates(text: &str) -> Vec<NaiveDate> {
    // A label OCR ran into its date (`ExP_07/10/2027`, `EXP07/10/2027`) is split off.
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"([A-Za-z])[_:]*(\d{1,2}[/\-.]\d)").expect("glued label pattern compiles"));
    // Folded character by character: deunicode drops the line breaks and tabs of a
    // text with non-ASCII in it, which would run a date into the next word.
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '_' => ascii.push(' '),
            c if c.is_ascii() => ascii.push(c),
            c => ascii.push_str(deunicode::deunicode_char(c).unwrap_or("")),
        }
    }
    let ascii = GLUED.replace_all(&ascii, "$1 $2");
    let repaired: String = ascii.split(' ').map(repair_digits).collect::<Vec<_>>().join(" ");
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for c in NUMERIC.captures_iter(&repaired) {
        let at = c.get(0).map_or(0, |m| m.start());
        let date = if let Some(slashed) = c.name("slashed") {
            let s = slashed.as_str();
            month_day_year(&s[..2], &s[3..5], &s[6..])
        } else if let Some(compact) = c.name("compact") {
            let s = compact.as_str();
            // US cards print MMDDYYYY; also accept YYYYMMDD.
            let mdy = || NaiveDate::from_ymd_opt(year(&s[4..])?, s[..2].parse().ok()?, s[2..4].parse().ok()?);
            let ymd = || NaiveDate::from_ymd_opt(year(&s[..4])?, s[4..6].parse().ok()?, s[6..].parse().ok()?);
            mdy().or_else(ymd)
        } else {
            let part = |names: [&str; 4]| names.iter().find_map(|n| c.name(n)).map_or("", |m| m.as_str());
            let (a, b, cc) =
                (part(["a", "a2", "a3", "a4"]), part(["b", "b2", "b3", "b4"]), part(["c", "c2", "c3", "c4"]));
            if a.len() == 4 {
                year(a).and_then(|y| NaiveDate::from_ymd_opt(y, b.parse().ok()?, cc.parse().ok()?))
            } else if cc.len() == 4 {
                let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
                let y = year(cc);
                // Month first, as US documents print it; day first only when the first
                // number cannot be a month.
                y.and_then(|y| NaiveDate::from_ymd_opt(y, a, b).or_else(|| NaiveDate::from_ymd_opt(y, b, a)))
            } else {
                None
            }
        };
        if let Some(d) = date {
            found.push((at, d));
        }
    }
    for c in WORDY.captures_iter(&repaired) {
        let at = c.get(0).map_or(0, |m| m.start());
        let (d, m, y) = match (c.name("d1"), c.name("m1"), c.name("y1"), c.name("y3")) {
            (Some(d), Some(m), Some(y), _) => (d.as_str(), m.as_str(), y.as_str()),
            // A military ID's day in bold type read as letters (`2031JANOS`), run into its
            // month as printed; apart from it, such letters are a word.
            (_, _, _, Some(y)) => {
                let day = &c["d3"];
                let run_in = c.name("m3").map(|m| m.end()) == c.name("d3").map(|d| d.start());
                if !day.chars().all(|ch| ch.is_ascii_digit()) && !run_in {
                    continue;
                }
                (day, &c["m3"], y.as_str())
            }
            _ => (&c["d2"], &c["m2"], &c["y2"]),
        };
        let d: String = d.chars().map(as_digit).collect();
        if let (Some(m), Some(y), Ok(d)) = (month_number(m), year(y), d.parse::<u32>()) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                found.push((at, date));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.dedup_by_key(|(_, d)| *d);
    found.into_iter().map(|(_, d)| d).collect()
}

/// The first date in `text`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    find_dates(text).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn printed_forms() {
        let cases = [
            ("05/10/2030", d(2030, 5, 10)),
            ("EXP 08/08/2026", d(2026, 8, 8)),
            ("01 AUG 2031", d(2031, 8, 1)),
            ("01 AUG/AOÛT 2031", d(2031, 8, 1)),
            ("02 11 2034", d(2034, 2, 11)),
            ("2030-05-10", d(2030, 5, 10)),
            ("AUG 01, 2031", d(2031, 8, 1)),
            ("June 14, 2025", d(2025, 6, 14)),
            ("19 APR 2032", d(2032, 4, 19)),
            ("25/12/2030", d(2030, 12, 25)),
            ("05102030", d(2030, 5, 10)),
            // OCR misreads inside the digits.
            ("O5/1O/2O3O", d(2030, 5, 10)),
            ("0l/14/1966", d(1966, 1, 14)),
            ("01 0CT 2029", d(2029, 10, 1)),
            // Military IDs: year, month, day run together.
            ("2026JUL18", d(2026, 7, 18)),
            ("20240CT28", d(2024, 10, 28)),
            ("2031 JANOS", d(2031, 1, 5)),
            ("2029MAYI2", d(2029, 5, 12)),
            // Specks OCR reads beside a separator.
            ("4 o1/ 22/1948", d(1948, 1, 22)),
            ("03/. 24/2034", d(2034, 3, 24)),
            ("03/ '24/2026", d(2026, 3, 24)),
            // A licence field number before the date.
            ("3 12/21/1986", d(1986, 12, 21)),
            ("4b 03-13-1984", d(1984, 3, 13)),
            // Non-ASCII elsewhere in the text keeps the line breaks between words.
            ("E————\nCT 06604\n2 12/21/1986\ta»\texe", d(1986, 12, 21)),
            ("Expiration Date 2026 JUL 18", d(2026, 7, 18)),
            // Slashes read as ones, or as bars.
            ("a exP 0112912026", d(2026, 1, 29)),
            ("4b EXP 07|10|2027", d(2027, 7, 10)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text), Some(want), "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "5'-08\"",
            "DL NO 184402913",
            "12/. 5",
            "2024 ODD 28",
            "2020 MAY IS",
            "2031 JAN OS",
            "13/45/2030",
            "A-103-721-342",
            "06109",
            "DLN 0113512026",
            "1234567890",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn several_dates_in_order() {
        assert_eq!(find_dates("05/10/2030 05/10/2022"), vec![d(2030, 5, 10), d(2022, 5, 10)]);
    }
}
