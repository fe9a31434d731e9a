use super::*;
use crate::intake::Attachment;

const LIMITS: DocumentLimits = DocumentLimits { max_bytes: 1_000_000, max_image_side: 20_000, max_pixels: 50_000_000 };

fn attachment(name: &str, declared: &str, bytes: Vec<u8>) -> Attachment {
    Attachment {
        filename: Some(name.into()),
        declared_type: declared.into(),
        content_id: None,
        inline: false,
        bytes,
        damaged: false,
    }
}

fn encoded(format: image::ImageFormat, w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(w, h))
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .unwrap();
    out
}

#[test]
fn formats_are_told_by_bytes_not_names() {
    // A PNG named .jpg and declared as JPEG is still a usable PNG.
    let r = inspect(&attachment("license.jpg", "image/jpeg", encoded(image::ImageFormat::Png, 8, 8)), LIMITS);
    assert_eq!(r.format, Some(FileFormat::Png));
    assert_eq!(r.problem, None);
    let r = inspect(&attachment("a.jpeg", "application/octet-stream", encoded(image::ImageFormat::Jpeg, 8, 8)), LIMITS);
    assert_eq!(r.format, Some(FileFormat::Jpeg));
    assert_eq!(FileFormat::sniff(b"%PDF-1.4\n%\xe2\xe3"), Some(FileFormat::Pdf));
    // iPhone HEIC: an ISO-BMFF `ftyp` box with the heic brand.
    let heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic";
    assert_eq!(FileFormat::sniff(heic), Some(FileFormat::Heic));
}

#[test]
fn content_that_is_not_an_image_is_unsupported() {
    let r = inspect(&attachment("license.jpg", "image/jpeg", b"MZ\x90\x00\x03 not an image".to_vec()), LIMITS);
    assert!(matches!(r.problem, Some(DocumentProblem::Unsupported(_))));
    let r = inspect(&attachment("notes.txt", "text/plain", b"just text".to_vec()), LIMITS);
    assert!(matches!(r.problem, Some(DocumentProblem::Unsupported(_))));
}

#[test]
fn a_truncated_image_is_unsupported() {
    let mut png = encoded(image::ImageFormat::Png, 8, 8);
    png.truncate(20);
    let r = inspect(&attachment("DL.png", "image/png", png), LIMITS);
    assert!(matches!(r.problem, Some(DocumentProblem::Unsupported(_))), "{:?}", r.problem);
}

#[test]
fn oversized_files_are_not_inspected() {
    let r = inspect(&attachment("big.jpg", "image/jpeg", vec![0; 1_000_001]), LIMITS);
    assert_eq!(r.problem, Some(DocumentProblem::Oversized { bytes: 1_000_001, limit: 1_000_000 }));
}

/// A tiny, well-formed PNG whose header declares `w` × `h` pixels: a decompression bomb.
pub(crate) fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = encoded(image::ImageFormat::Png, 1, 1);
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

#[test]
fn decompression_bomb_header_is_refused_quickly() {
    let bomb = png_declaring(50_000, 50_000);
    let started = std::time::Instant::now();
    let r = inspect(&attachment("DL.png", "image/png", bomb), LIMITS);
    assert!(matches!(&r.problem, Some(DocumentProblem::Unsupported(why)) if why.contains("50000")), "{:?}", r.problem);
    // Refused from the header alone: no pixel buffer was allocated.
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn damaged_transfer_encoding_is_reported() {
    let mut a = attachment("DL.png", "image/png", encoded(image::ImageFormat::Png, 8, 8));
    a.damaged = true;
    assert!(matches!(inspect(&a, LIMITS).problem, Some(DocumentProblem::Unsupported(_))));
}
