//! ID reading, in-process, against the tesseract command line on the same pictures.
//!
//! `cargo bench --bench id_reading` times, per ID picture, accessd's whole pipeline
//! (decode, frame, OCR with an engine loaded once, MRZ/barcode, classify, name,
//! expiry, legibility) against `OMP_THREAD_LIMIT=1 tesseract IMG stdout` (Debian's
//! CLI at its fastest setting), reports both, the ratio, and how often each read the
//! holder's name. The pictures are the sample corpus's ID attachments, synthetic
//! IDs of every type, and the evaluation corpus's seventeen ID designs (other states'
//! licences, military, naturalization, citizenship, resident cards…), each as a scan
//! and a phone photo (those delivered as PDF or HEIC, which the CLI cannot open, skipped). It also measures the peak memory of
//! reading a 4000×3000 phone JPEG, in a child process.

// Benches build with cfg(test) but drop #[test] functions: the corpus's test modules'
// imports go unused here.
#[allow(unused_imports)]
#[path = "../tests/corpus/mod.rs"]
mod corpus;
#[path = "../tests/id_images/mod.rs"]
mod id_images;
#[path = "../tests/mrz_pictures/expected.rs"]
mod mrz_expected;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use accessd::documents::FileFormat;
use accessd::domain::PersonName;
use accessd::identity::{Expected, IdReader, ReaderSettings};

struct Picture {
    label: String,
    bytes: Vec<u8>,
    ext: &'static str,
    name: String,
}

fn tokens(s: &str) -> BTreeSet<String> {
    accessd::identity::text::tokens(s).into_iter().collect()
}

/// ID attachments of the sample messages whose truth names a legible ID.
fn sample_pictures() -> Vec<Picture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir.join("messages")) else { return out };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let Ok(truth) = std::fs::read_to_string(dir.join("truth").join(format!("{stem}.json"))) else { continue };
        let truth: serde_json::Value = serde_json::from_str(&truth).unwrap();
        let raw = std::fs::read(&path).unwrap();
        let Ok(msg) = accessd::intake::parse(
            &raw,
            accessd::intake::IntakeLimits { max_message_bytes: 60_000_000, max_parts: 200 },
        ) else {
            continue;
        };
        for doc in truth["documents"].as_array().into_iter().flatten() {
            let Some(name) = doc["name_on_id"].as_str() else { continue };
            let file = doc["filename"].as_str().unwrap_or("");
            let Some(att) = msg.attachments.iter().find(|a| a.filename.as_deref() == Some(file)) else { continue };
            let ext = match FileFormat::sniff(&att.bytes) {
                Some(FileFormat::Jpeg) => "jpg",
                Some(FileFormat::Png) => "png",
                _ => continue,
            };
            out.push(Picture { label: format!("sample {stem}"), bytes: att.bytes.clone(), ext, name: name.into() });
        }
    }
    out
}

fn synthetic_pictures() -> Vec<Picture> {
    let fonts = id_images::Fonts::load();
    let mut out = Vec::new();
    for (id_type, h) in id_images::cases() {
        let card = id_images::draw(&fonts, id_type, &h);
        out.push(Picture {
            label: format!("synthetic {id_type:?} scan"),
            bytes: id_images::png(&card),
            ext: "png",
            name: h.full_name(),
        });
        let photo = id_images::on_table(&card, 5.0, 3000, 2250);
        out.push(Picture {
            label: format!("synthetic {id_type:?} photo"),
            bytes: id_images::jpeg(&photo, 88),
            ext: "jpg",
            name: h.full_name(),
        });
    }
    out
}

/// The real passports, ID cards and visas of `tests/mrz_pictures/` (PassportEye's test
/// pictures), named as their zones give the holder.
fn mrz_pictures() -> Vec<Picture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mrz_pictures");
    let mut out = Vec::new();
    for zone in mrz_expected::expected() {
        let [surname, given, ..] = mrz_expected::holder_fields(&zone.lines);
        let printed = if zone.valid { "" } else { " (printed invalid)" };
        for ext in ["jpg", "png"] {
            let Ok(bytes) = std::fs::read(dir.join(format!("{}.{ext}", zone.picture))) else { continue };
            let label = format!("mrz {}{printed}", zone.picture);
            out.push(Picture { label, bytes, ext, name: format!("{given} {surname}") });
        }
    }
    out
}

/// Every design of the evaluation corpus (`tests/corpus`), as a scan and a phone photo.
fn corpus_pictures() -> Vec<Picture> {
    use corpus::documents::{photo_id, sample_holder, Capture, IdDesign};
    let mut out = Vec::new();
    for (i, &design) in IdDesign::ALL.iter().enumerate() {
        for capture in [Capture::Scan, Capture::Photo] {
            let seed = 11 * i as u64 + capture as u64;
            let drawn = photo_id(design, &sample_holder(seed), capture, &mut corpus::rng::Rng::new(seed));
            let ext = match FileFormat::sniff(&drawn.bytes) {
                Some(FileFormat::Jpeg) => "jpg",
                Some(FileFormat::Png) => "png",
                _ => continue,
            };
            out.push(Picture {
                label: format!("corpus {design:?} {capture:?}"),
                bytes: drawn.bytes,
                ext,
                name: drawn.name_on_id.unwrap_or_default(),
            });
        }
    }
    out
}

fn cli(path: &Path) -> (Duration, String) {
    let started = Instant::now();
    let out = Command::new("tesseract")
        .arg(path)
        .arg("stdout")
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .expect("the tesseract command (tesseract-ocr)");
    (started.elapsed(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// CPU time (user + system) used so far by this process or by its waited-for children.
fn cpu_time(who: libc::c_int) -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn peak_rss_child(path: &str) {
    let bytes = std::fs::read(path).unwrap();
    let reader = IdReader::new(ReaderSettings::default());
    let r = reader.read(FileFormat::Jpeg, &bytes, &Expected::default()).unwrap();
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    println!("{} name={:?}", hwm.split_whitespace().nth(1).unwrap(), r.name_on_id);
}

fn main() {
    accessd::identity::ocr::ensure_single_threaded_openmp();
    if let Ok(path) = std::env::var("ACCESSD_RSS_CHILD") {
        peak_rss_child(&path);
        return;
    }
    // `cargo test --benches` runs this with --test-ish flags: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("id_reading: run with `cargo bench --bench id_reading`");
        return;
    }
    // ACCESSD_BENCH_PICTURES=DIR keeps the pictures there, to look at one closely.
    let kept = std::env::var_os("ACCESSD_BENCH_PICTURES").map(PathBuf::from);
    let tmp =
        kept.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("accessd-bench-{}", std::process::id())));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut pictures = sample_pictures();
    pictures.extend(synthetic_pictures());
    pictures.extend(corpus_pictures());
    pictures.extend(mrz_pictures());

    // The daemon's defaults, the engine loaded at start.
    let reader = IdReader::new(ReaderSettings::default());
    reader.load_engines().expect("tesseract loads");
    let _ = reader.read(FileFormat::Png, &pictures[0].bytes, &Expected::default());

    println!(
        "{:<42} {:>10} {:>7} {:>7} {:>9} {:>8}  {:>5} {:>5}",
        "picture", "accessd ms", "CLI ms", "ratio", "our CPU", "CLI CPU", "ours", "CLI"
    );
    let (mut ours_total, mut cli_total) = (Duration::ZERO, Duration::ZERO);
    let (mut ours_cpu_total, mut cli_cpu_total) = (Duration::ZERO, Duration::ZERO);
    let (mut ours_ok, mut cli_ok) = (0, 0);
    let mut ratios = Vec::new();
    // Pictures of real zones, timed apart: issue 12 holds them to 1.5x the CLI.
    let (mut zone_ours, mut zone_cli) = (Duration::ZERO, Duration::ZERO);
    for (i, p) in pictures.iter().enumerate() {
        let path = tmp.join(format!("{i}.{}", p.ext));
        std::fs::write(&path, &p.bytes).unwrap();
        let format = FileFormat::sniff(&p.bytes).unwrap();
        // Best of two runs for each side, so a noisy neighbour does not decide.
        let mut ours = Duration::MAX;
        let mut reading = None;
        let cpu_before = cpu_time(libc::RUSAGE_SELF);
        // As screening reads it: told the name the request expects.
        let expected = Expected { hint: None, names: PersonName::parse(&p.name).into_iter().collect() };
        for _ in 0..2 {
            let started = Instant::now();
            let r = reader.read(format, &p.bytes, &expected);
            ours = ours.min(started.elapsed());
            reading = Some(r);
        }
        // A damaged file (98_pass-nld.jpg is cut short) is refused, not read: nothing to time.
        let reading = match reading {
            Some(Err(e)) => {
                println!("{:<42} refused: {e}", p.label);
                continue;
            }
            ok => ok.and_then(Result::ok),
        };
        let ours_cpu = (cpu_time(libc::RUSAGE_SELF) - cpu_before) / 2;
        let mut theirs = Duration::MAX;
        let mut text = String::new();
        let cpu_before = cpu_time(libc::RUSAGE_CHILDREN);
        for _ in 0..2 {
            let (t, out) = cli(&path);
            theirs = theirs.min(t);
            text = out;
        }
        let cli_cpu = (cpu_time(libc::RUSAGE_CHILDREN) - cpu_before) / 2;
        ours_cpu_total += ours_cpu;
        cli_cpu_total += cli_cpu;
        let want = tokens(&p.name);
        // As screening reads it: the name the reader reports, or the expected name
        // found in its text by the search screening runs (as the CLI's is counted).
        let ours_read = reading.is_some_and(|r| {
            r.name_on_id.is_some_and(|n| tokens(&n) == want)
                || accessd::identity::names::find_on_id(&r.evidence.searchable_text(), &[p.name.as_str()]).is_some()
        });
        let cli_read = want.is_subset(&tokens(&text));
        ours_ok += usize::from(ours_read);
        cli_ok += usize::from(cli_read);
        ours_total += ours;
        cli_total += theirs;
        if p.label.starts_with("mrz ") {
            zone_ours += ours;
            zone_cli += theirs;
        }
        let ratio = theirs.as_secs_f64() / ours.as_secs_f64();
        ratios.push(ratio);
        println!(
            "{:<42} {:>10.0} {:>7.0} {:>6.2}x {:>9.0} {:>8.0}  {:>5} {:>5}",
            p.label,
            ours.as_secs_f64() * 1000.0,
            theirs.as_secs_f64() * 1000.0,
            ratio,
            ours_cpu.as_secs_f64() * 1000.0,
            cli_cpu.as_secs_f64() * 1000.0,
            if ours_read { "name" } else { "-" },
            if cli_read { "name" } else { "-" },
        );
    }
    let n = ratios.len();
    let geo = (ratios.iter().map(|r| r.ln()).sum::<f64>() / n as f64).exp();
    let min = ratios.iter().cloned().fold(f64::MAX, f64::min);
    println!();
    println!(
        "{} pictures: accessd {:.0} ms per picture, CLI {:.0} ms; ratio of totals {:.2}x, geometric mean {:.2}x, slowest case {:.2}x",
        n,
        ours_total.as_secs_f64() * 1000.0 / n as f64,
        cli_total.as_secs_f64() * 1000.0 / n as f64,
        cli_total.as_secs_f64() / ours_total.as_secs_f64(),
        geo,
        min
    );
    println!(
        "real zones (tests/mrz_pictures): accessd {:.0} ms in all, CLI {:.0} ms; accessd takes {:.2}x the CLI's time",
        zone_ours.as_secs_f64() * 1000.0,
        zone_cli.as_secs_f64() * 1000.0,
        zone_ours.as_secs_f64() / zone_cli.as_secs_f64().max(1e-9)
    );
    println!(
        "CPU time per picture: accessd {:.0} ms, CLI {:.0} ms; ratio {:.2}x",
        ours_cpu_total.as_secs_f64() * 1000.0 / n as f64,
        cli_cpu_total.as_secs_f64() * 1000.0 / n as f64,
        cli_cpu_total.as_secs_f64() / ours_cpu_total.as_secs_f64()
    );
    println!(
        "name read: accessd {ours_ok}/{n}, CLI {cli_ok}/{n} (accessd: the name it reports or the expected name found \
         by screening's search in its text; CLI: every name token anywhere in its text)"
    );

    // Peak memory for a 4000×3000 phone JPEG, in a fresh process.
    let fonts = id_images::Fonts::load();
    let (id_type, h) = id_images::cases().remove(0);
    let photo = id_images::on_table(&id_images::draw(&fonts, id_type, &h), 5.0, 4000, 3000);
    let big = tmp.join("phone-4000x3000.jpg");
    std::fs::write(&big, id_images::jpeg(&photo, 92)).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .env("ACCESSD_RSS_CHILD", &big)
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let kb: u64 = line.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(0);
    println!("peak RSS reading a 4000x3000 phone JPEG: {:.1} MB ({line})", kb as f64 / 1024.0);
    if kept.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
