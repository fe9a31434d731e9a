//! How parties write what the court prints: docket numbers in the shapes people type
//! them, case names worded apart from the caption (order swapped, first names dropped,
//! "vs", "L.L.C.", "Mgmt"), and the tokens a clerk compares names by.

use std::collections::BTreeSet;

use super::names;
use super::rng::Rng;
use super::world::{Case, Side, World};

/// The parts of a normalised docket `[X08-]LLL-TTYY-NNNNNNN-S`.
struct Docket<'a> {
    prefix: Option<&'a str>,
    loc: &'a str,
    cat: &'a str,
    yy: &'a str,
    num: &'a str,
}

fn split(docket: &str) -> Option<Docket<'_>> {
    let parts: Vec<&str> = docket.split('-').collect();
    let (prefix, rest) = match parts.len() {
        5 => (Some(parts[0]), &parts[1..]),
        4 => (None, &parts[..]),
        _ => return None,
    };
    let (cat, yy) = rest[1].split_at(2);
    Some(Docket { prefix, loc: rest[0], cat, yy, num: rest[2] })
}

/// Docket shapes and their names (the meta records which one a message used).
pub const DOCKET_SHAPES: &[&str] = &[
    "canonical",
    "spaced",
    "compact",
    "lower_dashed",
    "en_dash",
    "no_suffix",
    "dashed_year",
    "space_after_loc",
    "compact_loc",
    "space_suffix",
    "lower",
    "compact_lower",
    "spaced_no_suffix",
    "spaced_dashes",
];

/// `docket` written in the named shape.
pub fn docket_shape(docket: &str, shape: &str) -> String {
    let Some(d) = split(docket) else { return docket.to_string() };
    let x = d.prefix.map(|p| format!("{p}-")).unwrap_or_default();
    let xs = d.prefix.map(|p| format!("{p} ")).unwrap_or_default();
    let xc = d.prefix.unwrap_or("");
    let (l, c, y, n) = (d.loc, d.cat, d.yy, d.num);
    match shape {
        "spaced" => format!("{xs}{l} {c} {y} {n} S"),
        "compact" => format!("{xc}{l}{c}{y}{n}S"),
        "lower_dashed" => format!("{x}{l}-{c}-{y}-{n}-s").to_lowercase(),
        "en_dash" => format!("{x}{l}\u{2013}{c}{y}\u{2013}{n}\u{2013}S"),
        "no_suffix" => format!("{x}{l}-{c}{y}-{n}"),
        "dashed_year" => format!("{x}{l}-{c}-{y}-{n}-S"),
        "space_after_loc" => format!("{xs}{l} {c}{y}-{n}-S"),
        "compact_loc" => format!("{x}{l}{c}{y}-{n}-S"),
        "space_suffix" => format!("{x}{l}-{c}{y}-{n} S"),
        "lower" => docket.to_lowercase(),
        "compact_lower" => format!("{xc}{l}{c}{y}{n}s").to_lowercase(),
        "spaced_no_suffix" => format!("{xs}{l} {c} {y} {n}"),
        "spaced_dashes" => format!("{xs}{l} - {c}{y} - {n} - S"),
        _ => docket.to_string(),
    }
}

/// A random docket shape; `non_ascii` allows the en-dash one.
pub fn pick_docket_shape(rng: &mut Rng, non_ascii: bool) -> &'static str {
    if rng.chance(0.45) {
        return "canonical";
    }
    loop {
        let s = *rng.pick(DOCKET_SHAPES);
        if s != "en_dash" || non_ascii {
            return s;
        }
    }
}

/// A docket not in the directory: a mistyped digit of `near`, or an invented one.
pub fn unknown_docket(world: &World, rng: &mut Rng, near: &str) -> String {
    for _ in 0..50 {
        let cand = match rng.range(0, 3) {
            0 | 1 => mistype(rng, near),
            _ => {
                let d = split(near).map(|d| d.loc.to_string()).unwrap_or_else(|| "HHD".into());
                format!("{d}-CV{}-{:07}-S", rng.range(18, 27), rng.range(6_000_000, 6_199_999))
            }
        };
        if !world.docket_taken(&cand) {
            return cand;
        }
    }
    format!("HHD-CV26-{:07}-S", rng.range(6_200_000, 6_299_999))
}

fn mistype(rng: &mut Rng, docket: &str) -> String {
    let mut chars: Vec<char> = docket.chars().collect();
    let digits: Vec<usize> =
        chars.iter().enumerate().filter(|(i, c)| c.is_ascii_digit() && *i > 6).map(|(i, _)| i).collect();
    if digits.len() < 2 {
        return docket.to_string();
    }
    let i = *rng.pick(&digits);
    if rng.chance(0.5) {
        let j = digits.iter().position(|&k| k == i).unwrap_or(0);
        let other = digits[(j + 1) % digits.len()];
        chars.swap(i, other);
    } else {
        let d = chars[i].to_digit(10).unwrap_or(0);
        chars[i] = char::from_digit((d + rng.range(1, 9) as u32) % 10, 10).unwrap_or('0');
    }
    chars.into_iter().collect()
}

const ENTITY_WORDS: &[&str] =
    &[", LLC", " LLC", " L.L.C.", ", Inc.", " Inc.", " Co.", " Corp.", " PC", " Company", ", N.A.", ", LLC."];

const ABBREVIATIONS: &[(&str, &str)] = &[
    ("Management", "Mgmt"),
    ("Management", "Mgmt."),
    ("Association", "Assn"),
    ("Association", "Ass'n"),
    ("Apartments", "Apts"),
    ("Services", "Svcs"),
    ("Company", "Co."),
    ("Corporation", "Corp."),
    ("Incorporated", "Inc."),
    ("Insurance", "Ins."),
    ("Federal Credit Union", "FCU"),
    ("Homeowners", "HOA"),
    ("Associates", "Assocs."),
];

/// A business name written by a party: as registered, without the entity word, with a
/// different entity spelling, or abbreviated.
fn business_words(rng: &mut Rng, name: &str) -> String {
    let bare = ENTITY_WORDS.iter().fold(name.to_string(), |acc, e| acc.trim_end_matches(e).to_string());
    match rng.range(0, 10) {
        0..=3 => name.to_string(),
        4..=5 => bare,
        6 if bare != name => format!("{bare}, L.L.C."),
        7 => {
            let mut out = name.to_string();
            for (long, short) in ABBREVIATIONS {
                if out.contains(long) && rng.chance(0.8) {
                    out = out.replace(long, short);
                }
            }
            out
        }
        8 => name.replace(", ", " "),
        _ => name.to_uppercase(),
    }
}

fn person_words(rng: &mut Rng, world: &World, p: usize, bare: bool) -> String {
    let person = &world.people[p].person;
    let sur = person.court_surname();
    let sur = if rng.chance(0.2) { names::ascii(sur) } else { sur.to_string() };
    let pick = if bare { rng.range(0, 6) } else { rng.range(0, 10) };
    match pick {
        0..=5 => sur,
        6..=7 => format!("{} {sur}", person.given),
        8 => format!("{sur}, {}", person.given),
        _ => {
            // The first of two Hispanic surnames ("García" of "García López"), not a particle.
            let parts: Vec<&str> = sur.split(' ').collect();
            let two = parts.len() == 2 && parts[0].starts_with(char::is_uppercase);
            if person.origin == names::Origin::Hispanic && two {
                parts[0].to_string()
            } else {
                sur.clone()
            }
        }
    }
}

fn side_words(rng: &mut Rng, world: &World, sides: &[Side], bare: Option<usize>) -> String {
    let first = match sides[0] {
        Side::Person(p, _) => person_words(rng, world, p, bare == Some(p)),
        Side::Business(b) => business_words(rng, &world.businesses[b].name),
    };
    if sides.len() > 1 && rng.chance(0.6) {
        format!("{first} {}", rng.pick(&["et al.", "et al", "et. al.", "ET AL"]))
    } else {
        first
    }
}

/// A case name for `case` as a party might write it, and the style used. The person
/// `bare` (a sender who does not state their name) appears by surname only.
pub fn case_name(rng: &mut Rng, world: &World, case: &Case, bare: Option<usize>) -> (String, &'static str) {
    if bare.is_none() && rng.chance(0.08) {
        return (world.caption(case), "caption");
    }
    let pl = side_words(rng, world, &case.plaintiffs, bare);
    let df = side_words(rng, world, &case.defendants, bare);
    let connector = *rng.pick(&[" v. ", " v. ", " v. ", " v ", " vs ", " vs. ", " versus ", " V. ", " -v- ", " VS "]);
    let swapped = rng.chance(0.15);
    let text = if swapped { format!("{df}{connector}{pl}") } else { format!("{pl}{connector}{df}") };
    match rng.range(0, 20) {
        0 | 1 => (text.to_lowercase(), "lower"),
        2 => (text.to_uppercase(), "upper"),
        _ if swapped => (text, "swapped"),
        _ => (text, "worded"),
    }
}

const STOP: &[&str] = &[
    "v",
    "vs",
    "versus",
    "et",
    "al",
    "llc",
    "inc",
    "co",
    "corp",
    "pc",
    "company",
    "the",
    "of",
    "na",
    "and",
    "l",
    "c",
    "corporation",
    "incorporated",
];

/// Folded word tokens of `text` (accents off, lower case, apostrophes and periods
/// dropped, other punctuation separating).
pub fn tokens(text: &str) -> Vec<String> {
    let folded = names::ascii(text).to_lowercase();
    let cleaned: String = folded
        .chars()
        .filter(|c| !matches!(c, '\'' | '.' | '\u{2019}'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// The words that tell one case from another: the first party's surname or business
/// words on each side.
pub fn case_key(world: &World, case: &Case) -> BTreeSet<String> {
    let mut key = BTreeSet::new();
    for side in [case.plaintiffs[0], case.defendants[0]] {
        let text = match side {
            Side::Person(p, _) => world.people[p].person.court_surname().to_string(),
            Side::Business(b) => world.businesses[b].name.clone(),
        };
        key.extend(tokens(&text).into_iter().filter(|t| !STOP.contains(&t.as_str())));
    }
    key
}

/// True when a person reading both would take them for different cases.
pub fn different_cases(world: &World, a: &Case, b: &Case) -> bool {
    let (ka, kb) = (case_key(world, a), case_key(world, b));
    !ka.is_subset(&kb) && !kb.is_subset(&ka)
}

/// The party's role word for prose ("the tenant", "the defendant").
pub fn role_word(rng: &mut Rng, case: &Case, role: &str, sex: char) -> &'static str {
    use super::world::CaseType::*;
    match (case.case_type, role) {
        (Housing, "Defendant") if rng.chance(0.6) => "tenant",
        (Housing, "Plaintiff") if rng.chance(0.5) => "landlord",
        (Family, _) if rng.chance(0.3) && sex == 'F' => rng.pick::<&str>(&["mother", "wife"]),
        (Family, _) if rng.chance(0.3) && sex == 'M' => rng.pick::<&str>(&["father", "husband"]),
        (_, "Plaintiff") => "plaintiff",
        _ => "defendant",
    }
}

/// Which kind of case for prose ("my eviction case").
pub fn case_kind_word(rng: &mut Rng, case: &Case) -> &'static str {
    use super::world::CaseType::*;
    match case.case_type {
        Housing => rng.pick::<&str>(&["eviction", "housing", "summary process"]),
        Family => rng.pick::<&str>(&["divorce", "custody", "family", "child support"]),
        SmallClaims => "small claims",
        Civil => rng.pick::<&str>(&["civil", "lawsuit", "court"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(s: &str) -> String {
        s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase()
    }

    #[test]
    fn every_docket_shape_keeps_the_docket() {
        for d in ["HHD-CV24-6187342-S", "X08-FST-CV25-6076444-S"] {
            for shape in DOCKET_SHAPES {
                let written = docket_shape(d, shape);
                let want = compact(d);
                let got = compact(&written);
                assert!(got == want || got == want[..want.len() - 1], "{shape}: {written}");
            }
        }
        assert_eq!(docket_shape("HHD-CV24-6187342-S", "spaced"), "HHD CV 24 6187342 S");
        assert_eq!(docket_shape("HHD-CV24-6187342-S", "lower_dashed"), "hhd-cv-24-6187342-s");
    }
}
