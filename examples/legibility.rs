//! Measures the ID reader's legibility verdict on drawn pictures, spoiled and good:
//! `cargo run --release --example legibility -- --seed S --count N` (set
//! OMP_THREAD_LIMIT=1). For each of N holders it draws every spoil and a good photo
//! and scan in a design taken in turn, reads each with accessd's reader and prints
//! one tab-separated line: design, capture, the truth's legibility, the reader's, the
//! reason, whether the holder's surname is in the text read, and the quality figures
//! of the first page. Thresholds in `identity::legibility` are chosen on such tables,
//! a seed kept apart for checking them.

#[path = "../tests/corpus/mod.rs"]
mod corpus;

use accessd::documents::FileFormat;
use accessd::identity::{Expected, IdReader, ReaderSettings};
use corpus::documents::{photo_id, sample_holder, spoiled_photo_id, Capture, Drawn, IdDesign, Spoil};
use corpus::rng::Rng;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut seed, mut count) = (1u64, 20usize);
    while let (Some(flag), Some(value)) = (args.next(), args.next()) {
        match flag.as_str() {
            "--seed" => seed = value.parse().expect("--seed is a number"),
            "--count" => count = value.parse().expect("--count is a number"),
            other => panic!("unknown argument {other}; usage: legibility --seed S --count N"),
        }
    }
    let reader = IdReader::new(ReaderSettings::default());
    reader.load_engines().expect("tesseract loads");
    println!("design\tcapture\ttruth\treader\treason\tsurname_read\twidth\tsharpness\tbrightness\tcontrast\tglare");
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let design = IdDesign::ALL[(i + seed as usize) % IdDesign::ALL.len()];
        let holder = sample_holder(seed.wrapping_mul(1000) + i as u64);
        let spoils = [Spoil::Blurred, Spoil::Dark, Spoil::Tiny, Spoil::Glare, Spoil::CutOff];
        for spoil in spoils {
            let drawn = spoiled_photo_id(design, &holder, spoil, &mut rng);
            report(&reader, design, &format!("{spoil:?}"), &drawn, &holder.surname);
        }
        for capture in [Capture::Photo, Capture::Scan] {
            let drawn = photo_id(design, &holder, capture, &mut rng);
            report(&reader, design, &format!("{capture:?}"), &drawn, &holder.surname);
        }
    }
}

fn report(reader: &IdReader, design: IdDesign, capture: &str, drawn: &Drawn, surname: &str) {
    let Some(format) = FileFormat::sniff(&drawn.bytes) else { return };
    let reading = match reader.read(format, &drawn.bytes, &Expected::default()) {
        Ok(r) => r,
        Err(e) => {
            println!("{design:?}\t{capture}\t{}\terror: {e}", drawn.legible);
            return;
        }
    };
    let text = reading.evidence.searchable_text().to_uppercase();
    let surname_read = text.contains(&surname.to_uppercase());
    let q = reading.evidence.pages.first().map(|p| p.quality);
    let figures = q.map_or(String::new(), |q| {
        format!("{}\t{:.2}\t{:.0}\t{:.0}\t{:.3}", q.document_width_px, q.sharpness, q.brightness, q.contrast, q.glare)
    });
    println!(
        "{design:?}\t{capture}\t{}\t{}\t{:?}\t{surname_read}\t{figures}",
        drawn.legible, reading.legible, reading.evidence.illegible_reason
    );
}
