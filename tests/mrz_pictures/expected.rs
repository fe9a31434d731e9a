//! The zones of `tests/mrz_pictures/` as transcribed by eye in `expected.txt`, for the
//! pictures test and the ID-reading bench.

use std::path::Path;

/// One picture's zone as transcribed.
pub struct Expected {
    pub picture: String,
    /// Printed with every check digit right (`invalid` in the file says not).
    pub valid: bool,
    pub lines: Vec<String>,
}

/// Every picture's zone, in the file's order.
pub fn expected() -> Vec<Expected> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mrz_pictures");
    let text = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
    let blocks = text.split("\n\n").map(|b| b.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>());
    blocks
        .filter(|b| !b.is_empty())
        .map(|b| {
            let (picture, valid) = match b[0].split_once(' ') {
                Some((name, "invalid")) => (name.to_string(), false),
                _ => (b[0].to_string(), true),
            };
            Expected { picture, valid, lines: b[1..].iter().map(|l| l.to_string()).collect() }
        })
        .collect()
}

/// The holder fields of a zone as printed: surname, given names, number, nationality,
/// birth and expiry dates (`YYMMDD`).
pub fn holder_fields(lines: &[String]) -> [String; 6] {
    let cut = |l: &str, a: usize, b: usize| l.get(a..b).unwrap_or("").to_string();
    let (number, nationality, born, expires, name) = match lines {
        [l1, l2, l3] => (cut(l1, 5, 14), cut(l2, 15, 18), cut(l2, 0, 6), cut(l2, 8, 14), l3.clone()),
        [l1, l2] => (cut(l2, 0, 9), cut(l2, 10, 13), cut(l2, 13, 19), cut(l2, 21, 27), cut(l1, 5, l1.len())),
        _ => panic!("a zone has two or three lines: {lines:?}"),
    };
    let (surname, given) = name.split_once("<<").unwrap_or((&name, ""));
    let words = |s: &str| s.split('<').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    // A one-letter code (Germany's `D`) is filled out with fillers.
    let nationality = nationality.trim_end_matches('<').to_string();
    [words(surname), words(given), number.trim_end_matches('<').to_string(), nationality, born, expires]
}
