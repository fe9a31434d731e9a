//! Safe decoding of whatever a phone or scanner sends: every decoder gets its size
//! limits before it sees a pixel, EXIF orientation is applied (phones store the
//! picture sideways and say so in EXIF), and only decoded pixels leave this module.
//!
//! - JPEG, PNG, GIF, WebP, TIFF, BMP: the `image` crate with `Limits` set.
//! - HEIC/HEIF (iPhones): `libheif-rs` 0.20 over Debian's libheif 1.15 (newer
//!   libheif-rs needs libheif ≥ 1.17 or an embedded build). Its declared size is
//!   checked before decoding; libheif applies the file's rotation itself.
//! - PDF: the page's embedded scan, taken out with `lopdf` (JPEG streams decode like
//!   any JPEG, raw Flate streams are inflated with a cap); pages without one are
//!   rendered by `pdftoppm` in a child process, with a time limit.

use std::io::{Cursor, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage};
use serde::Serialize;

use crate::documents::{check_picture_size, FileFormat, PictureSizeError};

/// Caps on what a decoder may be asked to produce.
#[derive(Debug, Clone, Copy)]
pub struct DecodeLimits {
    /// Longest side, pixels.
    pub max_side: u32,
    /// Width × height.
    pub max_pixels: u64,
    /// Bytes a decoder may allocate.
    pub max_alloc: u64,
    /// PDF pages looked at.
    pub max_pdf_pages: usize,
    /// How long `pdftoppm` may take per document.
    pub render_timeout: Duration,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        Self {
            max_side: 20_000,
            max_pixels: 50_000_000,
            max_alloc: 256 * 1024 * 1024,
            max_pdf_pages: 3,
            render_timeout: Duration::from_secs(20),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(transparent)]
    Size(#[from] PictureSizeError),
    #[error("decoding it would take more than {} MB; it was refused unread", limit / (1024 * 1024))]
    TooMuchMemory { limit: u64 },
    #[error("the file is damaged or not what its header says: {0}")]
    Damaged(String),
    #[error("the PDF holds no page that could be read: {0}")]
    Pdf(String),
}

/// One picture ready for reading, upright.
#[derive(Debug, Clone)]
pub struct DecodedPage {
    pub image: RgbImage,
    /// How it was obtained, for the clerk (`jpeg, EXIF orientation Rotate90`).
    pub how: String,
}

/// What decoding did, for the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct DecodeNote {
    pub pages: usize,
    pub how: Vec<String>,
}

fn check_size(width: u64, height: u64, limits: &DecodeLimits) -> Result<(), DecodeError> {
    Ok(check_picture_size(width, height, limits.max_side, limits.max_pixels)?)
}

/// Decodes a file whose format was told by its bytes.
pub fn decode(format: FileFormat, bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<DecodedPage>, DecodeError> {
    match format {
        FileFormat::Heic => decode_heic(bytes, limits).map(|p| vec![p]),
        FileFormat::Pdf => decode_pdf(bytes, limits),
        raster => decode_raster(raster, bytes, limits).map(|p| vec![p]),
    }
}

/// The `image` crate's limits for our caps.
pub fn image_limits(limits: &DecodeLimits) -> image::Limits {
    let mut l = image::Limits::default();
    l.max_image_width = Some(limits.max_side);
    l.max_image_height = Some(limits.max_side);
    l.max_alloc = Some(limits.max_alloc);
    l
}

/// A JPEG whose last scan has no end marker after it was cut short (a mail client or a
/// relay truncated it): the decoder would fill the missing part with grey and a reader
/// could take what is left for the whole ID. Scan data never holds `FF D9` (its `FF`
/// bytes are stuffed), so the marker after the last scan header is the image's end.
fn jpeg_cut_short(bytes: &[u8]) -> bool {
    let Some(last_scan) = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]) else {
        return false;
    };
    !bytes[last_scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

fn decode_raster(format: FileFormat, bytes: &[u8], limits: &DecodeLimits) -> Result<DecodedPage, DecodeError> {
    let fmt = format.image_format().ok_or_else(|| DecodeError::Damaged("not a raster image".into()))?;
    if format == FileFormat::Jpeg && jpeg_cut_short(bytes) {
        return Err(DecodeError::Damaged("the JPEG ends before its picture does (the file was cut short)".into()));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), fmt);
    reader.limits(image_limits(limits));
    let damaged = |e: image::ImageError| match e {
        // The decoder's header check refuses the size before ours sees it.
        image::ImageError::Limits(l) if l.kind() == image::error::LimitErrorKind::DimensionError => {
            DecodeError::Size(PictureSizeError::TooLarge { width: 0, height: 0 })
        }
        image::ImageError::Limits(_) => DecodeError::TooMuchMemory { limit: limits.max_alloc },
        e => DecodeError::Damaged(e.to_string()),
    };
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let (w, h) = decoder.dimensions();
    check_size(w.into(), h.into(), limits)?;
    // A decoder that cannot read the orientation is not a reason to refuse the picture.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    img.apply_orientation(orientation);
    let mut how = format!("{format:?}").to_lowercase();
    if orientation != image::metadata::Orientation::NoTransforms {
        how.push_str(&format!(", EXIF orientation {orientation:?} applied"));
    }
    Ok(DecodedPage { image: img.into_rgb8(), how })
}

fn heif() -> &'static libheif_rs::LibHeif {
    static LIB: std::sync::OnceLock<libheif_rs::LibHeif> = std::sync::OnceLock::new();
    LIB.get_or_init(libheif_rs::LibHeif::new)
}

fn decode_heic(bytes: &[u8], limits: &DecodeLimits) -> Result<DecodedPage, DecodeError> {
    use libheif_rs::{ColorSpace, HeifContext, RgbChroma};
    let damaged = |e: libheif_rs::HeifError| DecodeError::Damaged(e.to_string());
    let ctx = HeifContext::read_from_bytes(bytes).map_err(damaged)?;
    let handle = ctx.primary_image_handle().map_err(damaged)?;
    check_size(handle.width().into(), handle.height().into(), limits)?;
    let img = heif().decode(&handle, ColorSpace::Rgb(RgbChroma::Rgb), None).map_err(damaged)?;
    let planes = img.planes();
    let plane = planes.interleaved.ok_or_else(|| DecodeError::Damaged("no RGB plane".into()))?;
    let (w, h) = (plane.width, plane.height);
    check_size(w.into(), h.into(), limits)?;
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for row in 0..h as usize {
        let start = row * plane.stride;
        out.extend_from_slice(&plane.data[start..start + w as usize * 3]);
    }
    let image = RgbImage::from_raw(w, h, out).ok_or_else(|| DecodeError::Damaged("short RGB plane".into()))?;
    Ok(DecodedPage { image, how: "heic (libheif), file rotation applied".into() })
}

/// Bytes one PDF structure stream may unpack to.
const PDF_STREAM_LIMIT: usize = 16 * 1024 * 1024;

fn decode_pdf(bytes: &[u8], limits: &DecodeLimits) -> Result<Vec<DecodedPage>, DecodeError> {
    let mut pages = Vec::new();
    let mut need_render = Vec::new();
    // A scan's object and cross-reference streams are kilobytes, and every object
    // parsed from them takes many times its text: a low cap keeps a crafted file from
    // inflating into gigabytes while the document loads.
    let options = lopdf::LoadOptions { max_decompressed_size: Some(PDF_STREAM_LIMIT), ..Default::default() };
    match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => {
            for (number, id) in doc.get_pages().into_iter().take(limits.max_pdf_pages) {
                let scan = doc
                    .get_page_images(id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|i| i.width > 0 && i.height > 0)
                    .max_by_key(|i| i.width * i.height);
                match scan.map(|i| embedded_image(&i, limits)) {
                    Some(Ok(image)) => {
                        pages.push(DecodedPage { image, how: format!("pdf page {number}, embedded scan") })
                    }
                    Some(Err(DecodeError::Size(refused @ PictureSizeError::TooLarge { .. }))) => {
                        return Err(refused.into())
                    }
                    _ => need_render.push(number),
                }
            }
        }
        // Not handed to the renderer either: it would unpack the same streams.
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(DecodeError::TooMuchMemory { limit: PDF_STREAM_LIMIT as u64 })
        }
        Err(e) => {
            tracing::debug!(error = %e, "lopdf could not read the PDF; rendering it instead");
            need_render.push(1);
        }
    }
    for number in need_render {
        let image = render_page(bytes, number, limits)?;
        pages.push(DecodedPage { image, how: format!("pdf page {number}, rendered by pdftoppm") });
    }
    if pages.is_empty() {
        return Err(DecodeError::Pdf("it has no pages".into()));
    }
    Ok(pages)
}

/// An image XObject as pixels: JPEG streams through the JPEG decoder, raw 8-bit
/// gray or RGB Flate streams inflated up to their declared size and no further.
fn embedded_image(img: &lopdf::xobject::PdfImage<'_>, limits: &DecodeLimits) -> Result<RgbImage, DecodeError> {
    let (w, h) = (img.width as u64, img.height as u64);
    check_size(w, h, limits)?;
    let filters: Vec<&str> = img.filters.iter().flatten().map(String::as_str).collect();
    match filters.as_slice() {
        ["DCTDecode"] => decode_raster(FileFormat::Jpeg, img.content, limits).map(|p| p.image),
        ["FlateDecode"] if img.bits_per_component == Some(8) && !img.origin_dict.has(b"DecodeParms") => {
            let channels = match img.color_space.as_deref() {
                Some("DeviceRGB") => 3,
                Some("DeviceGray") => 1,
                _ => return Err(DecodeError::Damaged("unsupported colour space".into())),
            };
            let want = w * h * channels;
            let mut raw = Vec::with_capacity(want as usize);
            flate2::read::ZlibDecoder::new(img.content)
                .take(want)
                .read_to_end(&mut raw)
                .map_err(|e| DecodeError::Damaged(e.to_string()))?;
            if (raw.len() as u64) < want {
                return Err(DecodeError::Damaged("the image stream is shorter than its size".into()));
            }
            let (w, h) = (w as u32, h as u32);
            let dynamic = if channels == 3 {
                RgbImage::from_raw(w, h, raw).map(DynamicImage::ImageRgb8)
            } else {
                image::GrayImage::from_raw(w, h, raw).map(DynamicImage::ImageLuma8)
            };
            dynamic.map(DynamicImage::into_rgb8).ok_or_else(|| DecodeError::Damaged("bad image stream".into()))
        }
        _ => Err(DecodeError::Damaged(format!("stream filters {filters:?} are rendered instead"))),
    }
}

/// Renders one page with poppler's `pdftoppm` (150 dpi, longest side at most 2000
/// px) in a child process that is killed if it runs too long.
fn render_page(bytes: &[u8], page: u32, limits: &DecodeLimits) -> Result<RgbImage, DecodeError> {
    let failed = |why: String| DecodeError::Pdf(why);
    let mut command = Command::new("pdftoppm");
    command
        .args(["-png", "-r", "150", "-scale-to", "2000", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // The renderer parses the same untrusted file: cap its memory as ours is capped
    // (twice the decode allowance, for its own code and fonts), so a crafted PDF
    // fails the render instead of starving the server.
    let address_space = limits.max_alloc.saturating_mul(2);
    // SAFETY: between fork and exec the closure only calls setrlimit, which is
    // async-signal-safe, and touches no memory shared with the parent.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(move || {
            let cap = libc::rlimit { rlim_cur: address_space, rlim_max: address_space };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(|e| failed(format!("pdftoppm could not start: {e}")))?;
    let mut stdin = child.stdin.take().ok_or_else(|| failed("no stdin".into()))?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().ok_or_else(|| failed("no stdout".into()))?;
    let cap = limits.max_alloc;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout).take(cap).read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limits.render_timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed("pdftoppm took too long".into()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let _ = writer.join();
    let png = reader.join().map_err(|_| failed("reading pdftoppm's output failed".into()))?;
    if !status.success() || png.is_empty() {
        return Err(failed("pdftoppm could not render it".into()));
    }
    decode_raster(FileFormat::Png, &png, limits).map(|p| p.image)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_pixel(w, h, image::Rgb([200, 100, 50]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn decodes_a_plain_png() {
        let pages = decode(FileFormat::Png, &png(40, 30), &DecodeLimits::default()).unwrap();
        assert_eq!(pages[0].image.dimensions(), (40, 30));
    }

    #[test]
    fn refuses_more_pixels_than_allowed() {
        let limits = DecodeLimits { max_pixels: 1000, ..DecodeLimits::default() };
        assert_eq!(
            decode(FileFormat::Png, &png(40, 30), &limits).unwrap_err(),
            DecodeError::Size(PictureSizeError::TooLarge { width: 40, height: 30 })
        );
    }

    #[test]
    fn a_jpeg_cut_short_is_damaged() {
        let mut jpeg = Vec::new();
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 90]))
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        assert!(decode(FileFormat::Jpeg, &jpeg, &DecodeLimits::default()).is_ok());
        let cut = &jpeg[..jpeg.len() * 2 / 3];
        let err = decode(FileFormat::Jpeg, cut, &DecodeLimits::default()).unwrap_err();
        assert!(matches!(err, DecodeError::Damaged(ref m) if m.contains("cut short")), "{err:?}");
    }

    #[test]
    fn truncated_file_is_damaged_not_a_panic() {
        let bytes = png(40, 30);
        let err = decode(FileFormat::Png, &bytes[..bytes.len() / 2], &DecodeLimits::default()).unwrap_err();
        assert!(matches!(err, DecodeError::Damaged(_)), "{err:?}");
        assert!(decode(FileFormat::Heic, b"\0\0\0\x18ftypheic\0\0\0\0garbage", &DecodeLimits::default()).is_err());
        assert!(decode(FileFormat::Pdf, b"%PDF-1.4\n%%EOF", &DecodeLimits::default()).is_err());
    }

    /// A PDF whose only object stream inflates from ~64 KB to 64 MB of zeros.
    fn pdf_with_object_stream_bomb() -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b'0'; 1024 * 1024];
        for _ in 0..64 {
            z.write_all(&zeros).unwrap();
        }
        let packed = z.finish().unwrap();
        let mut pdf = b"%PDF-1.5\n1 0 obj\n".to_vec();
        pdf.extend(
            format!("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n", packed.len())
                .bytes(),
        );
        pdf.extend(&packed);
        pdf.extend(b"\nendstream\nendobj\n");
        let xref = pdf.len();
        pdf.extend(b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n");
        pdf.extend(format!("trailer\n<< /Size 2 /Root 2 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
        pdf
    }

    #[test]
    fn pdf_object_stream_bomb_is_refused_unread() {
        let bomb = pdf_with_object_stream_bomb();
        assert!(bomb.len() < 200 * 1024);
        let started = Instant::now();
        match decode(FileFormat::Pdf, &bomb, &DecodeLimits::default()) {
            Ok(pages) => panic!("{} page(s) read from a bomb", pages.len()),
            Err(err) => assert!(matches!(err, DecodeError::TooMuchMemory { .. }), "{err:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    }
}
