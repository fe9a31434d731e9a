//! What an ID prints about its holder besides the name, drawn once per document, and
//! the ways designs spell names and dates. `Sheet` is a drawn document before capture.

use chrono::{Datelike, Months, NaiveDate};
use image::RgbImage;

use super::canvas::Rect;
use super::{Holder, Rng};

/// The holder as a design prints them, with the clutter every ID carries.
#[derive(Debug, Clone)]
pub struct Facts {
    pub given: String,
    pub middle: Option<String>,
    pub surname: String,
    pub suffix: Option<String>,
    pub dob: NaiveDate,
    pub expires: NaiveDate,
    pub sex: char,
    pub street: String,
    pub city_line: String,
    pub height: String,
    pub inches: u32,
    pub eyes: &'static str,
    pub hair: &'static str,
    pub weight: u32,
    /// Draw the signature as an unreadable flourish rather than the name in script.
    pub scribble: bool,
    /// A "SAMPLE"/"SPECIMEN" mark over the card.
    pub mark: Option<&'static str>,
}

impl Facts {
    pub fn new(h: &Holder, rng: &mut Rng) -> Facts {
        let inches = if h.sex == 'F' { rng.range(60, 70) } else { rng.range(64, 76) };
        Facts {
            given: h.given.trim().to_uppercase(),
            middle: h.middle.as_ref().map(|m| m.trim().to_uppercase()).filter(|m| !m.is_empty()),
            surname: h.surname.trim().to_uppercase(),
            suffix: h.suffix.as_ref().map(|s| s.trim().trim_end_matches('.').to_uppercase()).filter(|s| !s.is_empty()),
            dob: h.dob,
            expires: h.expires,
            sex: h.sex,
            street: h.street.to_uppercase(),
            city_line: h.city_line.to_uppercase(),
            height: format!("{}'-{:02}\"", inches / 12, inches % 12),
            inches: inches as u32,
            eyes: rng.pick::<&str>(&["BRO", "BLU", "GRN", "HAZ", "GRY", "BLK"]),
            hair: rng.pick::<&str>(&["BRO", "BLK", "BLN", "GRY", "RED", "BAL"]),
            weight: rng.range(110, 240) as u32,
            scribble: rng.chance(0.35),
            mark: if rng.chance(0.6) { Some(*rng.pick(&["SAMPLE", "SPECIMEN", "SAMPLE", "VOID"])) } else { None },
        }
    }

    /// Given names as printed: the middle name in full or (`initial`) as an initial.
    pub fn given_names(&self, initial: bool) -> String {
        match &self.middle {
            Some(m) if initial => format!("{} {}", self.given, m.chars().next().unwrap_or(' ')),
            Some(m) => format!("{} {}", self.given, m),
            None => self.given.clone(),
        }
    }

    /// `SURNAME SUFFIX` (the suffix is part of the surname field on most IDs).
    pub fn surname_suffix(&self) -> String {
        match &self.suffix {
            Some(s) => format!("{} {}", self.surname, s),
            None => self.surname.clone(),
        }
    }

    /// `GIVEN MIDDLE SURNAME SUFFIX`: the truth's `name_on_id` and the one-line form.
    pub fn first_last(&self, initial: bool) -> String {
        format!("{} {}", self.given_names(initial), self.surname_suffix())
    }

    /// `SURNAME, GIVEN MIDDLE SUFFIX`.
    pub fn last_first(&self, initial: bool) -> String {
        let mut s = format!("{}, {}", self.surname, self.given_names(initial));
        if let Some(x) = &self.suffix {
            s.push(' ');
            s.push_str(x);
        }
        s
    }

    /// `5 feet 8 inches`.
    pub fn height_words(&self) -> String {
        format!("{} feet {} inches", self.inches / 12, self.inches % 12)
    }

    /// The issue date of a document valid for `years`: that long before the expiry, or
    /// whole years earlier still if that would be after mid-2026 (a renewal).
    pub fn issued(&self, years: u32) -> NaiveDate {
        let latest = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or(self.expires);
        let mut d = self.expires.checked_sub_months(Months::new(years * 12)).unwrap_or(self.expires);
        while d > latest {
            d = d.checked_sub_months(Months::new(12)).unwrap_or(latest);
        }
        d
    }

    /// The day the holder turns `age`.
    pub fn birthday(&self, age: u32) -> NaiveDate {
        self.dob.checked_add_months(Months::new(age * 12)).unwrap_or(self.dob)
    }
}

/// Mixed case for documents that print names that way: `RAMAN-OKAFOR` → `Raman-Okafor`;
/// a name the holder wrote in mixed case (`McAllister`) is kept as written, and roman
/// numerals (`III`) stay capitals.
pub fn title_case(s: &str) -> String {
    let mixed = s.chars().any(|c| c.is_lowercase()) && s.chars().any(|c| c.is_uppercase());
    if mixed {
        return s.to_string();
    }
    let words: Vec<String> = s.split(' ').map(title_word).collect();
    words.join(" ")
}

fn title_word(w: &str) -> String {
    if matches!(w, "II" | "III" | "IV" | "VI" | "VII") {
        return w.to_string();
    }
    let mut out = String::new();
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'');
    }
    out
}

/// Date styles seen on US IDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFmt {
    /// 05/10/2030
    Slash,
    /// 05-10-2030
    Dash,
    /// 10 MAY 2030
    DayMon,
    /// 10 May 2030
    DayMonMixed,
    /// 2030MAY10
    Military,
    /// 10 MAY/MAI 2030 (passport books)
    Bilingual,
    /// May 10, 2030
    Long,
}

impl DateFmt {
    pub const ALL: [DateFmt; 7] = [
        DateFmt::Slash,
        DateFmt::Dash,
        DateFmt::DayMon,
        DateFmt::DayMonMixed,
        DateFmt::Military,
        DateFmt::Bilingual,
        DateFmt::Long,
    ];
}

const MONTHS: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const FR_MONTHS: [&str; 12] = ["JAN", "FEV", "MAR", "AVR", "MAI", "JUIN", "JUIL", "AOUT", "SEP", "OCT", "NOV", "DEC"];
const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn date(d: NaiveDate, fmt: DateFmt) -> String {
    let (y, m, day) = (d.year(), d.month0() as usize, d.day());
    match fmt {
        DateFmt::Slash => format!("{:02}/{:02}/{}", m + 1, day, y),
        DateFmt::Dash => format!("{:02}-{:02}-{}", m + 1, day, y),
        DateFmt::DayMon => format!("{:02} {} {}", day, MONTHS[m], y),
        DateFmt::DayMonMixed => format!("{:02} {} {}", day, title_case(MONTHS[m]), y),
        DateFmt::Military => format!("{}{}{:02}", y, MONTHS[m], day),
        DateFmt::Bilingual if MONTHS[m] == FR_MONTHS[m] => format!("{:02} {} {}", day, MONTHS[m], y),
        DateFmt::Bilingual => format!("{:02} {}/{} {}", day, MONTHS[m], FR_MONTHS[m], y),
        DateFmt::Long => format!("{} {}, {}", LONG_MONTHS[m], day, y),
    }
}

/// `n` random digits.
pub fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.range(0, 10) as u8)).collect()
}

/// A random capital letter.
pub fn letter(rng: &mut Rng) -> char {
    char::from(b'A' + rng.range(0, 26) as u8)
}

/// The outline a document has, which decides how it is scanned and photographed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A plastic card, ID-1 size, rounded corners.
    Card,
    /// A passport book's data page.
    Book,
    /// A sheet of paper.
    Page,
}

/// A drawn document before capture.
pub struct Sheet {
    pub front: RgbImage,
    pub back: Option<RgbImage>,
    /// Pixels per millimetre of `front` and `back`.
    pub s: f32,
    pub corner_mm: f32,
    pub shape: Shape,
    /// Where the front shows the holder's name (printed name, signature, MRZ), in mm.
    pub name_boxes: Vec<Rect>,
    /// Where the front prints the expiry, in mm (a thumb must not cover it).
    pub keep_boxes: Vec<Rect>,
    /// Em size of the printed name in mm: the text that must stay readable.
    pub name_em: f32,
    pub name_on_id: String,
    pub expires: Option<NaiveDate>,
}
