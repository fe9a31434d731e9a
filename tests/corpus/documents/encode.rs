//! File formats as devices write them: JPEG (with an EXIF orientation and camera tags),
//! PNG, HEIC (libheif's HEVC encoder), PDF with one scanned page (a DCT image), and PDF
//! with a text layer in base-14 fonts.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage, RgbaImage};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};

use super::canvas::Align;
use super::fonts::Face;
use super::typeset::{Doc, Item};

/// EXIF written with a JPEG: the orientation tag and the camera that took it.
pub struct Exif {
    pub orientation: u16,
    pub make: &'static str,
    pub model: &'static str,
}

fn exif_bytes(e: &Exif) -> Vec<u8> {
    // Little-endian TIFF: header, IFD0 with Make, Model, Orientation, then the strings.
    let make = format!("{}\0", e.make);
    let model = format!("{}\0", e.model);
    let entries = 3u16;
    let ifd_len = 2 + 12 * u32::from(entries) + 4;
    let data0 = 8 + ifd_len;
    let mut b = b"II*\0".to_vec();
    b.extend_from_slice(&8u32.to_le_bytes());
    b.extend_from_slice(&entries.to_le_bytes());
    let mut entry = |tag: u16, kind: u16, count: u32, value: u32| {
        b.extend_from_slice(&tag.to_le_bytes());
        b.extend_from_slice(&kind.to_le_bytes());
        b.extend_from_slice(&count.to_le_bytes());
        b.extend_from_slice(&value.to_le_bytes());
    };
    entry(0x010F, 2, make.len() as u32, data0);
    entry(0x0110, 2, model.len() as u32, data0 + make.len() as u32);
    entry(0x0112, 3, 1, u32::from(e.orientation));
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(make.as_bytes());
    b.extend_from_slice(model.as_bytes());
    b
}

pub fn jpeg(img: &RgbImage, quality: u8, exif: Option<&Exif>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(e) = exif {
        enc.set_exif_metadata(exif_bytes(e)).expect("jpeg encoder takes exif");
    }
    enc.write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8).expect("jpeg encodes");
    out
}

pub fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .expect("png encodes");
    out
}

pub fn png_rgba(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgba8)
        .expect("png encodes");
    out
}

/// HEIC as an iPhone writes it (HEVC, lossy).
pub fn heic(img: &RgbImage, quality: u8) -> Vec<u8> {
    use libheif_rs::{
        Channel, ColorSpace, CompressionFormat, EncoderParameterValue, EncoderQuality, HeifContext, Image, LibHeif,
        RgbChroma,
    };
    let (w, h) = img.dimensions();
    let mut out = Image::new(w, h, ColorSpace::Rgb(RgbChroma::Rgb)).expect("heif image");
    out.create_plane(Channel::Interleaved, w, h, 8).expect("heif plane");
    {
        let planes = out.planes_mut();
        let plane = planes.interleaved.expect("interleaved plane");
        let row = w as usize * 3;
        for (y, src) in img.as_raw().chunks_exact(row).enumerate() {
            plane.data[y * plane.stride..y * plane.stride + row].copy_from_slice(src);
        }
    }
    let lib = LibHeif::new();
    let mut ctx = HeifContext::new().expect("heif context");
    let mut enc = lib.encoder_for_format(CompressionFormat::Hevc).expect("HEVC encoder (libheif with x265)");
    enc.set_quality(EncoderQuality::Lossy(quality)).expect("heif quality");
    // x265's default preset takes half a minute for a 12-megapixel photo on two cores.
    let _ = enc.set_parameter_value("preset", EncoderParameterValue::String("ultrafast".into()));
    ctx.encode_image(&out, &mut enc, None).expect("heif encodes");
    ctx.write_to_bytes().expect("heif writes")
}

fn finish_pdf(mut doc: Document, pages_id: lopdf::ObjectId, page_id: lopdf::ObjectId) -> Vec<u8> {
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let info = doc.add_object(dictionary! {
        "Producer" => Object::string_literal("Scan to PDF"),
    });
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf writes");
    out
}

/// A one-page PDF showing the JPEG `jpg` (`w`×`h` pixels) across a `page` (points),
/// at `place` = (x, y, width, height) in points from the lower left.
pub fn pdf_image(jpg: Vec<u8>, (w, h): (u32, u32), page: (f32, f32), place: (f32, f32, f32, f32)) -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => i64::from(w), "Height" => i64::from(h),
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        jpg,
    )
    .with_compression(false);
    let image_id = doc.add_object(image);
    let (x, y, pw, ph) = place;
    let ops = vec![
        Operation::new("q", vec![]),
        Operation::new("cm", vec![pw.into(), 0.into(), 0.into(), ph.into(), x.into(), y.into()]),
        Operation::new("Do", vec!["Im0".into()]),
        Operation::new("Q", vec![]),
    ];
    let content = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("content")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), page.0.into(), page.1.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
    });
    finish_pdf(doc, pages_id, page_id)
}

fn base14(face: Face) -> (&'static str, &'static str) {
    match face {
        Face::ArialBold => ("F2", "Helvetica-Bold"),
        Face::TimesLike => ("F3", "Times-Roman"),
        Face::TimesLikeBold => ("F4", "Times-Bold"),
        Face::CourierLike => ("F5", "Courier"),
        _ => ("F1", "Helvetica"),
    }
}

/// Latin-1 bytes for WinAnsiEncoding (characters outside it become `?`).
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '—' | '–' => 0x96,
            '·' => 0xB7,
            c if (c as u32) < 256 => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// A one-page PDF whose text is a real text layer in Helvetica and Times.
pub fn pdf_text(d: &Doc) -> Vec<u8> {
    let mm = 72.0 / 25.4;
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut fonts = lopdf::Dictionary::new();
    for face in [Face::Arial, Face::ArialBold, Face::TimesLike, Face::TimesLikeBold, Face::CourierLike] {
        let (key, name) = base14(face);
        let id = doc.add_object(
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name, "Encoding" => "WinAnsiEncoding" },
        );
        fonts.set(key, id);
    }
    let mut ops = Vec::new();
    for item in &d.items {
        match item {
            Item::Text { pen, x, y, text } => {
                let width = super::canvas::measure(pen, text);
                let left = match pen.align {
                    Align::Left => *x,
                    Align::Center => x - width / 2.0,
                    Align::Right => x - width,
                };
                let [r, g, b] = pen.color.map(|c| f32::from(c) / 255.0);
                ops.push(Operation::new("rg", vec![r.into(), g.into(), b.into()]));
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new("Tf", vec![base14(pen.face).0.into(), (pen.size * mm).into()]));
                ops.push(Operation::new("Td", vec![(left * mm).into(), ((d.h - y) * mm).into()]));
                ops.push(Operation::new("Tj", vec![Object::String(win_ansi(text), StringFormat::Literal)]));
                ops.push(Operation::new("ET", vec![]));
            }
            Item::Rule { r, color } => {
                let [cr, cg, cb] = color.map(|c| f32::from(c) / 255.0);
                ops.push(Operation::new("rg", vec![cr.into(), cg.into(), cb.into()]));
                let rect =
                    vec![(r.x * mm).into(), ((d.h - r.y - r.h) * mm).into(), (r.w * mm).into(), (r.h * mm).into()];
                ops.push(Operation::new("re", rect));
                ops.push(Operation::new("f", vec![]));
            }
        }
    }
    let content = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().expect("content")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), (d.w * mm).into(), (d.h * mm).into()],
        "Resources" => dictionary! { "Font" => fonts },
    });
    finish_pdf(doc, pages_id, page_id)
}
