//! File names as phones, scanners, scan apps and people give them. None carries the
//! holder's name: the mail side decides what the sender states.

use super::Rng;

/// A moment in the autumn of 2026: (year, month, day, hour, minute, second).
fn moment(rng: &mut Rng) -> (u32, u32, u32, u32, u32, u32) {
    let month = rng.range(9, 12) as u32;
    (2026, month, rng.range(1, 29) as u32, rng.range(7, 23) as u32, rng.range(0, 60) as u32, rng.range(0, 60) as u32)
}

/// What a person calls the document in a file name (`license`, `passport`, …).
pub fn person_name(hint: &str, ext: &str, rng: &mut Rng) -> String {
    let side = *rng.pick(&["", " front", "_front", " (1)", "-1", ""]);
    let base = match rng.range(0, 3) {
        0 => hint.to_string(),
        1 => hint.replace(' ', "_"),
        _ => {
            let mut c = hint.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        }
    };
    format!("{base}{side}.{ext}")
}

/// A phone camera's name for a photo with extension `ext` (`jpg`, `jpeg`, `HEIC`).
pub fn photo(hint: &str, ext: &str, rng: &mut Rng) -> String {
    let (y, mo, d, h, mi, s) = moment(rng);
    match rng.range(0, 9) {
        0 | 1 => format!("IMG_{}.{ext}", rng.range(1000, 9999)),
        2 => format!("IMG_{y}{mo:02}{d:02}_{h:02}{mi:02}{s:02}.{ext}"),
        3 => format!("PXL_{y}{mo:02}{d:02}_{h:02}{mi:02}{s:02}{:03}.{ext}", rng.range(0, 1000)),
        4 => format!("{y}{mo:02}{d:02}_{h:02}{mi:02}{s:02}.{ext}"),
        5 => format!("image{}.{}", rng.range(0, 3), if ext == "jpg" { "jpeg" } else { ext }),
        6 => format!("photo.{ext}"),
        _ => person_name(hint, ext, rng),
    }
}

/// A scanner's or scan app's name with extension `ext` (`pdf`, `jpg`, `png`).
pub fn scan(hint: &str, ext: &str, rng: &mut Rng) -> String {
    let (y, mo, d, h, mi, s) = moment(rng);
    let months = ["Sep", "Oct", "Nov"];
    match rng.range(0, 10) {
        0 => format!("Scan {y}-{mo:02}-{d:02}.{ext}"),
        1 => format!("scan{:04}.{ext}", rng.range(1, 40)),
        2 => format!("Scan_{y}{mo:02}{d:02}_{h:02}{mi:02}{s:02}.{ext}"),
        3 => format!("doc{:05}{y}{mo:02}{d:02}{h:02}{mi:02}{s:02}.{ext}", rng.range(0, 99999)),
        4 => format!("CamScanner {mo:02}-{d:02}-{y} {h:02}.{mi:02}.{ext}"),
        5 => format!("Adobe Scan {} {d}, {y}.{ext}", months[(mo - 9) as usize]),
        6 => format!("Scanned Document.{ext}"),
        7 => format!("{} scan.{ext}", hint),
        _ => person_name(hint, ext, rng),
    }
}

/// A screenshot's name (PNG).
pub fn screenshot(hint: &str, rng: &mut Rng) -> String {
    let (y, mo, d, h, mi, s) = moment(rng);
    match rng.range(0, 5) {
        0 => format!("Screenshot_{y}{mo:02}{d:02}-{h:02}{mi:02}{s:02}.png"),
        1 => {
            let (h12, ampm) = if h >= 12 { (if h == 12 { 12 } else { h - 12 }, "PM") } else { (h, "AM") };
            format!("Screen Shot {y}-{mo:02}-{d:02} at {h12}.{mi:02}.{s:02} {ampm}.png")
        }
        2 => format!("IMG_{}.PNG", rng.range(1000, 9999)),
        3 => format!("Screenshot {y}-{mo:02}-{d:02} {h:02}{mi:02}{s:02}.png"),
        _ => person_name(hint, "png", rng),
    }
}

/// The MIME type a mail client declares for a file name.
pub fn content_type(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".pdf") {
        "application/pdf"
    } else if lower.ends_with(".png") {
        "image/png"
    } else if lower.ends_with(".heic") {
        "image/heic"
    } else {
        "image/jpeg"
    }
}
