//! Reads ID pictures with accessd's reader and prints what it found:
//! `cargo run --release --example read_id -- FILE...` (set OMP_THREAD_LIMIT=1; set
//! `EXPECTED_NAME` to the party's name to read as screening and the bench do).
use accessd::documents::FileFormat;
use accessd::identity::{Expected, IdReader, ReaderSettings};

fn main() {
    // `RUST_LOG=accessd=trace` shows each reading of a zone (personal data: a
    // developer's own pictures only).
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let verbose = std::env::var_os("VERBOSE").is_some();
    let reader = IdReader::new(ReaderSettings::default());
    reader.load_engines().expect("tesseract loads");
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let Some(format) = FileFormat::sniff(&bytes) else {
            println!("{path}: not an image or PDF");
            continue;
        };
        let t = std::time::Instant::now();
        // `EXPECTED_NAME="GIVEN FAMILY"` reads as screening does, told the party's name.
        let expected = Expected {
            hint: None,
            names: std::env::var("EXPECTED_NAME")
                .ok()
                .and_then(|n| accessd::domain::PersonName::parse(&n).ok())
                .into_iter()
                .collect(),
        };
        match reader.read(format, &bytes, &expected) {
            Ok(r) => {
                println!(
                    "{path}: {:?} {:?} name={:?} expires={:?} legible={} ({} ms) name_from={:?} reason={:?} passes={:?}",
                    r.kind,
                    r.id_type,
                    r.name_on_id,
                    r.expires,
                    r.legible,
                    t.elapsed().as_millis(),
                    r.evidence.name_source,
                    r.evidence.illegible_reason,
                    r.evidence.pages.iter().map(|p| p.passes.clone()).collect::<Vec<_>>(),
                );
                for p in &r.evidence.pages {
                    println!(
                        "   frame {} ms, ocr {} ms; quality {:?} framing {:?} look {:?}",
                        p.frame_ms, p.ocr_ms, p.quality, p.framing, p.appearance
                    );
                }
                if verbose {
                    println!("{}", serde_json::to_string_pretty(&r.evidence).unwrap());
                }
            }
            Err(e) => println!("{path}: error {e}"),
        }
    }
}
