//! The machine-readable zone on real pictures (`tests/mrz_pictures/`, PassportEye's
//! test pictures, transcribed by eye in `expected.txt`): the reader is held to the
//! levels it has reached, and never calls a zone printed with wrong check digits valid.
//! Prints the per-picture table (`cargo test --test mrz_pictures -- --nocapture`).
//! Run with OMP_THREAD_LIMIT=1 (tests/run.sh sets it).

use std::path::Path;

use accessd::documents::FileFormat;
use accessd::identity::mrz::MrzReading;
use accessd::identity::{Expected, IdReader, ReaderSettings};

#[path = "mrz_pictures/expected.rs"]
mod expected;
use expected::{expected, holder_fields};

/// Pictures whose zone (valid by its check digits) the reader reads with every holder
/// field right (surname, given names, number, nationality, birth and expiry dates), and
/// whose lines it reads exactly: the levels reached, which a change may not lower.
const HOLDER_FIELDS_RIGHT_AT_LEAST: usize = 21;
const EXACT_LINES_AT_LEAST: usize = 19;

fn read_fields(m: &MrzReading) -> [String; 6] {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%y%m%d").to_string()).unwrap_or_default();
    [
        m.surname.clone(),
        m.given_names.clone(),
        m.document_number.trim_end_matches('<').to_string(),
        m.nationality.trim_end_matches('<').to_string(),
        date(m.date_of_birth),
        date(m.date_of_expiry),
    ]
}

#[test]
fn real_pictures_of_zones_are_read_and_invalid_ones_never_pass() {
    let reader = IdReader::new(ReaderSettings::default());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mrz_pictures");
    let (mut valid_zones, mut fields_right, mut exact, mut passed_wrongly) = (0, 0, 0, Vec::new());
    for e in expected() {
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|f| f.path())
            .filter(|p| {
                p.file_stem().is_some_and(|s| s == e.picture.as_str()) && p.extension().is_some_and(|x| x != "txt")
            })
            .collect::<Vec<_>>();
        for path in file {
            let bytes = std::fs::read(&path).unwrap();
            let zone = FileFormat::sniff(&bytes)
                .and_then(|format| reader.read(format, &bytes, &Expected::default()).ok())
                .and_then(|r| r.evidence.mrz);
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let right = zone.as_ref().is_some_and(|m| read_fields(m) == holder_fields(&e.lines));
            let same = zone.as_ref().is_some_and(|m| m.lines.lines().eq(e.lines.iter().map(String::as_str)));
            let reported_valid = zone.as_ref().is_some_and(|m| m.valid);
            println!(
                "{name:24} {:8} read {:5} valid {:5} fields {:5} lines {:5} {}",
                if e.valid { "valid" } else { "INVALID" },
                zone.is_some(),
                reported_valid,
                right,
                same,
                zone.as_ref().map(|m| m.lines.replace('\n', " / ")).unwrap_or_default()
            );
            if e.valid {
                valid_zones += 1;
                fields_right += usize::from(right);
                exact += usize::from(same);
            } else if reported_valid {
                passed_wrongly.push(name);
            }
        }
    }
    println!("{valid_zones} pictures of valid zones: holder fields right on {fields_right}, exact lines on {exact}");
    assert!(passed_wrongly.is_empty(), "zones printed with wrong check digits reported valid: {passed_wrongly:?}");
    assert!(fields_right >= HOLDER_FIELDS_RIGHT_AT_LEAST, "holder fields right on {fields_right} of {valid_zones}");
    assert!(exact >= EXACT_LINES_AT_LEAST, "exact lines on {exact} of {valid_zones}");
}
