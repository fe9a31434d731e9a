//! Synthetic ID images for tests and the benchmark, drawn here so nothing real is
//! needed: every accepted ID type as a clean scan, and the ways phones and scanners
//! spoil them (tilted on a table, stored sideways with an EXIF orientation, dim,
//! blurred, HEIC, inside a PDF), plus decompression bombs and broken files.
//! Text is drawn with the DejaVu fonts Debian ships (`fonts-dejavu-core`).
#![allow(dead_code)]

use std::io::Cursor;

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use chrono::NaiveDate;
use image::{imageops, Rgb, RgbImage};

use accessd::identity::IdType;

const FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";

pub struct Fonts {
    sans: FontVec,
    bold: FontVec,
    serif: FontVec,
    mono: FontVec,
}

impl Fonts {
    pub fn load() -> Self {
        let load = |name: &str| {
            let path = format!("{FONT_DIR}/{name}");
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (install fonts-dejavu-core)"));
            FontVec::try_from_vec(bytes).expect("a TrueType font")
        };
        Self {
            sans: load("DejaVuSans.ttf"),
            bold: load("DejaVuSans-Bold.ttf"),
            serif: load("DejaVuSerif-Bold.ttf"),
            mono: load("DejaVuSansMono.ttf"),
        }
    }
}

#[derive(Clone, Copy)]
enum Face {
    Sans,
    Bold,
    Serif,
    Mono,
}

/// Draws `text` with its top-left at (x, y), `px` pixels high.
#[allow(clippy::too_many_arguments, reason = "a drawing call reads best with position, size and colour spelled out")]
fn text(img: &mut RgbImage, fonts: &Fonts, face: Face, px: f32, x: f32, y: f32, color: [u8; 3], s: &str) {
    let font = match face {
        Face::Sans => &fonts.sans,
        Face::Bold => &fonts.bold,
        Face::Serif => &fonts.serif,
        Face::Mono => &fonts.mono,
    };
    let scaled = font.as_scaled(PxScale::from(px));
    let mut caret = x;
    for c in s.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(PxScale::from(px), ab_glyph::point(caret, y + scaled.ascent()));
        caret += scaled.h_advance(id);
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                let (px_x, px_y) = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                if px_x >= 0 && px_y >= 0 && (px_x as u32) < img.width() && (px_y as u32) < img.height() {
                    let p = img.get_pixel_mut(px_x as u32, px_y as u32);
                    for (channel, ink) in p.0.iter_mut().zip(color) {
                        *channel = (f32::from(*channel) * (1.0 - cov) + f32::from(ink) * cov) as u8;
                    }
                }
            });
        }
    }
}

fn rect(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, Rgb(color));
        }
    }
}

/// A background with faint wavy security lines, as on real cards.
fn security_background(w: u32, h: u32, tint: [u8; 3]) -> RgbImage {
    let mut img = RgbImage::from_pixel(w, h, Rgb(tint));
    for k in 0..8 {
        let phase = k as f32 * 0.9;
        for x in 0..w {
            let y = (h as f32 * (0.1 + 0.11 * k as f32) + 14.0 * ((x as f32 / 90.0) + phase).sin()) as u32;
            if y < h {
                img.put_pixel(x, y, Rgb([170, 185, 215]));
            }
        }
    }
    img
}

fn photo_box(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32) {
    rect(img, x, y, w, h, [200, 204, 210]);
    rect(img, x + w / 4, y + h / 6, w / 2, h / 2, [170, 130, 100]);
    rect(img, x + w / 8, y + 2 * h / 3, 3 * w / 4, h / 3, [90, 90, 100]);
}

const RED: [u8; 3] = [150, 30, 30];
const INK: [u8; 3] = [15, 15, 20];
const NAVY: [u8; 3] = [22, 52, 110];

/// Whose ID it is.
#[derive(Debug, Clone)]
pub struct Holder {
    pub surname: String,
    pub given: String,
    pub dob: NaiveDate,
    pub expires: NaiveDate,
    pub number: String,
}

impl Holder {
    pub fn new(surname: &str, given: &str, expires: (i32, u32, u32)) -> Self {
        Self {
            surname: surname.into(),
            given: given.into(),
            dob: NaiveDate::from_ymd_opt(1984, 3, 9).unwrap(),
            expires: NaiveDate::from_ymd_opt(expires.0, expires.1, expires.2).unwrap(),
            number: "184402913".into(),
        }
    }
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
}

fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}
fn dmy(d: NaiveDate) -> String {
    d.format("%d %b %Y").to_string().to_uppercase()
}

fn mrz_date(d: NaiveDate) -> mrz::MrzDate {
    use chrono::Datelike;
    mrz::MrzDate::Calendar(mrz::Date::new(d.year(), d.month(), d.day()))
}

/// Draws an ID of the given type as a flat scan.
pub fn draw(fonts: &Fonts, id_type: IdType, h: &Holder) -> RgbImage {
    match id_type {
        IdType::CtDriverLicense => licence(fonts, h, "Connecticut", "41 FENWICK ST", "WETHERSFIELD, CT 06109", true),
        IdType::OutOfStateDriverLicense => {
            licence(fonts, h, "New York State", "12 STATE ST", "ALBANY, NY 12207", false)
        }
        IdType::GovernmentId => state_id(fonts, h),
        IdType::MilitaryId => military(fonts, h),
        IdType::PassportCard => passport_card(fonts, h),
        IdType::UsPassport => passport(fonts, h),
        IdType::PermanentResidentCard => resident_card(fonts, h),
        IdType::NaturalizationCertificate => certificate(fonts, h, "CERTIFICATE OF NATURALIZATION"),
        IdType::CitizenshipCertificate => certificate(fonts, h, "CERTIFICATE OF CITIZENSHIP"),
    }
}

fn licence(fonts: &Fonts, h: &Holder, state: &str, street: &str, city: &str, name_label: bool) -> RgbImage {
    let mut img = security_background(1100, 700, [236, 240, 246]);
    let band = if name_label { NAVY } else { [120, 20, 30] };
    rect(&mut img, 0, 0, 1100, 95, band);
    text(&mut img, fonts, Face::Serif, 50.0, 35.0, 18.0, [255, 255, 255], state);
    text(&mut img, fonts, Face::Bold, 26.0, 760.0, 55.0, [250, 215, 110], "DRIVER LICENSE");
    photo_box(&mut img, 40, 150, 260, 330);
    text(&mut img, fonts, Face::Sans, 17.0, 340.0, 118.0, RED, "DL NO");
    text(&mut img, fonts, Face::Bold, 32.0, 420.0, 110.0, INK, &h.number);
    text(&mut img, fonts, Face::Sans, 17.0, 340.0, 165.0, RED, "EXP");
    text(&mut img, fonts, Face::Bold, 30.0, 340.0, 185.0, RED, &us(h.expires));
    text(&mut img, fonts, Face::Sans, 17.0, 580.0, 165.0, RED, "ISS");
    text(&mut img, fonts, Face::Bold, 30.0, 580.0, 185.0, INK, "05/10/2022");
    if name_label {
        text(&mut img, fonts, Face::Sans, 17.0, 340.0, 232.0, RED, "NAME");
        text(&mut img, fonts, Face::Bold, 36.0, 340.0, 252.0, INK, &format!("{},", h.surname));
        text(&mut img, fonts, Face::Bold, 30.0, 340.0, 295.0, INK, &h.given);
    } else {
        text(&mut img, fonts, Face::Sans, 17.0, 340.0, 248.0, RED, "LN");
        text(&mut img, fonts, Face::Bold, 34.0, 380.0, 238.0, INK, &h.surname);
        text(&mut img, fonts, Face::Sans, 17.0, 340.0, 296.0, RED, "FN");
        text(&mut img, fonts, Face::Bold, 34.0, 380.0, 286.0, INK, &h.given);
    }
    text(&mut img, fonts, Face::Sans, 24.0, 340.0, 345.0, INK, street);
    text(&mut img, fonts, Face::Sans, 24.0, 340.0, 375.0, INK, city);
    text(&mut img, fonts, Face::Sans, 17.0, 340.0, 420.0, RED, "DOB");
    text(&mut img, fonts, Face::Bold, 30.0, 340.0, 440.0, RED, &us(h.dob));
    text(&mut img, fonts, Face::Sans, 17.0, 600.0, 420.0, RED, "CLASS");
    text(&mut img, fonts, Face::Bold, 30.0, 600.0, 440.0, INK, "D");
    text(&mut img, fonts, Face::Serif, 34.0, 50.0, 520.0, [20, 20, 90], &title_case(&h.full_name()));
    img
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_string() + &c.as_str().to_lowercase()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn state_id(fonts: &Fonts, h: &Holder) -> RgbImage {
    let mut img = security_background(1100, 700, [240, 238, 230]);
    rect(&mut img, 0, 0, 1100, 95, [30, 90, 60]);
    text(&mut img, fonts, Face::Serif, 44.0, 35.0, 22.0, [255, 255, 255], "STATE OF CONNECTICUT");
    text(&mut img, fonts, Face::Bold, 26.0, 690.0, 110.0, INK, "IDENTIFICATION CARD");
    photo_box(&mut img, 40, 150, 260, 330);
    text(&mut img, fonts, Face::Sans, 17.0, 340.0, 165.0, RED, "EXPIRES");
    text(&mut img, fonts, Face::Bold, 30.0, 340.0, 185.0, INK, &us(h.expires));
    text(&mut img, fonts, Face::Sans, 17.0, 340.0, 240.0, RED, "NAME");
    text(&mut img, fonts, Face::Bold, 34.0, 340.0, 260.0, INK, &format!("{}, {}", h.surname, h.given));
    text(&mut img, fonts, Face::Sans, 24.0, 340.0, 330.0, INK, "88 PEQUOT AVE");
    text(&mut img, fonts, Face::Sans, 24.0, 340.0, 360.0, INK, "NEW LONDON, CT 06320");
    text(&mut img, fonts, Face::Sans, 17.0, 340.0, 410.0, RED, "DOB");
    text(&mut img, fonts, Face::Bold, 30.0, 340.0, 430.0, INK, &us(h.dob));
    img
}

fn military(fonts: &Fonts, h: &Holder) -> RgbImage {
    let mut img = security_background(1100, 700, [232, 236, 228]);
    text(&mut img, fonts, Face::Serif, 34.0, 40.0, 25.0, INK, "UNITED STATES UNIFORMED SERVICES");
    text(&mut img, fonts, Face::Bold, 24.0, 40.0, 75.0, [40, 60, 40], "ARMED FORCES OF THE UNITED STATES");
    photo_box(&mut img, 760, 140, 280, 340);
    text(&mut img, fonts, Face::Sans, 18.0, 40.0, 150.0, [60, 60, 60], "Last Name");
    text(&mut img, fonts, Face::Bold, 36.0, 40.0, 172.0, INK, &h.surname);
    text(&mut img, fonts, Face::Sans, 18.0, 40.0, 230.0, [60, 60, 60], "First Name");
    text(&mut img, fonts, Face::Bold, 36.0, 40.0, 252.0, INK, &h.given);
    text(&mut img, fonts, Face::Sans, 18.0, 40.0, 320.0, [60, 60, 60], "Expiration Date");
    text(&mut img, fonts, Face::Bold, 30.0, 40.0, 342.0, INK, &dmy(h.expires));
    text(&mut img, fonts, Face::Sans, 18.0, 40.0, 400.0, [60, 60, 60], "Pay Grade");
    text(&mut img, fonts, Face::Bold, 30.0, 40.0, 422.0, INK, "E5");
    img
}

fn passport_card(fonts: &Fonts, h: &Holder) -> RgbImage {
    let mut img = security_background(1100, 700, [238, 241, 248]);
    text(&mut img, fonts, Face::Serif, 32.0, 40.0, 30.0, [30, 40, 100], "UNITED STATES OF AMERICA");
    text(&mut img, fonts, Face::Bold, 28.0, 780.0, 32.0, [140, 30, 30], "PASSPORT CARD");
    photo_box(&mut img, 40, 120, 260, 330);
    text(&mut img, fonts, Face::Sans, 18.0, 340.0, 115.0, [70, 70, 90], "Surname");
    text(&mut img, fonts, Face::Bold, 34.0, 340.0, 137.0, INK, &h.surname);
    text(&mut img, fonts, Face::Sans, 18.0, 340.0, 190.0, [70, 70, 90], "Given Names");
    text(&mut img, fonts, Face::Bold, 34.0, 340.0, 212.0, INK, &h.given);
    text(&mut img, fonts, Face::Sans, 18.0, 340.0, 270.0, [70, 70, 90], "Date of Birth");
    text(&mut img, fonts, Face::Bold, 30.0, 340.0, 292.0, INK, &dmy(h.dob));
    text(&mut img, fonts, Face::Sans, 18.0, 660.0, 270.0, [70, 70, 90], "Expires On");
    text(&mut img, fonts, Face::Bold, 30.0, 660.0, 292.0, INK, &dmy(h.expires));
    text(&mut img, fonts, Face::Sans, 18.0, 340.0, 350.0, [70, 70, 90], "Card No.");
    text(&mut img, fonts, Face::Bold, 30.0, 340.0, 372.0, INK, "C04418872");
    img
}

pub fn td3(h: &Holder) -> String {
    mrz::format_td3(&mrz::Td3Fields {
        document_code: "P".into(),
        issuing_country: "USA".into(),
        document_number: h.number.clone(),
        surname: h.surname.replace(['\'', '-'], " "),
        given_names: h.given.clone(),
        nationality: "USA".into(),
        date_of_birth: mrz_date(h.dob),
        sex: mrz::Sex::Male,
        date_of_expiry: mrz_date(h.expires),
        ..Default::default()
    })
}

fn passport(fonts: &Fonts, h: &Holder) -> RgbImage {
    let mut img = security_background(1500, 1050, [230, 233, 238]);
    text(&mut img, fonts, Face::Serif, 32.0, 60.0, 40.0, [30, 40, 100], "PASSPORT");
    text(&mut img, fonts, Face::Serif, 34.0, 560.0, 60.0, [30, 40, 100], "UNITED STATES OF AMERICA");
    photo_box(&mut img, 60, 160, 340, 440);
    let label = |img: &mut RgbImage, y: f32, s: &str| text(img, fonts, Face::Sans, 18.0, 470.0, y, [70, 70, 90], s);
    label(&mut img, 150.0, "Surname / Nom / Apellidos");
    text(&mut img, fonts, Face::Bold, 34.0, 470.0, 172.0, INK, &h.surname);
    label(&mut img, 225.0, "Given Names / Prénoms / Nombres");
    text(&mut img, fonts, Face::Bold, 34.0, 470.0, 247.0, INK, &h.given);
    label(&mut img, 300.0, "Date of birth / Date de naissance");
    text(&mut img, fonts, Face::Bold, 30.0, 470.0, 322.0, INK, &dmy(h.dob));
    label(&mut img, 375.0, "Date of expiration / Date d'expiration");
    text(&mut img, fonts, Face::Bold, 30.0, 470.0, 397.0, INK, &dmy(h.expires));
    rect(&mut img, 0, 800, 1500, 250, [240, 240, 240]);
    for (i, line) in td3(h).lines().enumerate() {
        text(&mut img, fonts, Face::Mono, 40.0, 50.0, 840.0 + 80.0 * i as f32, INK, line);
    }
    img
}

pub fn td1_prc(h: &Holder) -> String {
    mrz::format_td1(&mrz::Td1Fields {
        document_code: "C1".into(),
        issuing_country: "USA".into(),
        document_number: "SRC904412".into(),
        optional_data_1: Some("A103721342".into()),
        surname: h.surname.replace(['\'', '-'], " "),
        given_names: h.given.clone(),
        nationality: "IND".into(),
        date_of_birth: mrz_date(h.dob),
        sex: mrz::Sex::Female,
        date_of_expiry: mrz_date(h.expires),
        optional_data_2: None,
    })
}

fn resident_card(fonts: &Fonts, h: &Holder) -> RgbImage {
    // Front above back, as a party photographs both sides on one sheet.
    let mut img = RgbImage::from_pixel(1100, 1480, Rgb([250, 250, 250]));
    let mut front = security_background(1100, 700, [226, 234, 226]);
    text(&mut front, fonts, Face::Bold, 24.0, 40.0, 25.0, [30, 60, 40], "UNITED STATES OF AMERICA");
    text(&mut front, fonts, Face::Serif, 40.0, 40.0, 55.0, [30, 60, 40], "PERMANENT RESIDENT");
    photo_box(&mut front, 40, 130, 260, 330);
    text(&mut front, fonts, Face::Sans, 18.0, 340.0, 130.0, [60, 70, 60], "Surname");
    text(&mut front, fonts, Face::Bold, 34.0, 340.0, 152.0, INK, &h.surname);
    text(&mut front, fonts, Face::Sans, 18.0, 340.0, 205.0, [60, 70, 60], "Given Name");
    text(&mut front, fonts, Face::Bold, 34.0, 340.0, 227.0, INK, &h.given);
    text(&mut front, fonts, Face::Sans, 18.0, 340.0, 290.0, [60, 70, 60], "Date of Birth");
    text(&mut front, fonts, Face::Bold, 30.0, 340.0, 312.0, INK, &us(h.dob).replace('/', " "));
    text(&mut front, fonts, Face::Sans, 18.0, 340.0, 370.0, [60, 70, 60], "Card Expires");
    text(&mut front, fonts, Face::Bold, 30.0, 340.0, 392.0, INK, &us(h.expires).replace('/', " "));
    imageops::overlay(&mut img, &front, 0, 0);
    let mut back = security_background(1100, 700, [226, 234, 226]);
    rect(&mut back, 40, 40, 1020, 110, [170, 150, 100]);
    for (i, line) in td1_prc(h).lines().enumerate() {
        text(&mut back, fonts, Face::Mono, 42.0, 60.0, 430.0 + 75.0 * i as f32, INK, line);
    }
    imageops::overlay(&mut img, &back, 0, 760);
    img
}

fn certificate(fonts: &Fonts, h: &Holder, title: &str) -> RgbImage {
    let mut img = security_background(1100, 1400, [246, 244, 236]);
    text(&mut img, fonts, Face::Serif, 40.0, 120.0, 80.0, [40, 40, 60], "UNITED STATES OF AMERICA");
    text(&mut img, fonts, Face::Serif, 36.0, 120.0, 150.0, [40, 40, 60], title);
    photo_box(&mut img, 80, 260, 260, 330);
    text(&mut img, fonts, Face::Sans, 20.0, 400.0, 270.0, [70, 70, 70], "Name of holder");
    text(&mut img, fonts, Face::Bold, 34.0, 400.0, 295.0, INK, &format!("{}, {}", h.surname, h.given));
    text(&mut img, fonts, Face::Sans, 20.0, 400.0, 370.0, [70, 70, 70], "Date of birth");
    text(&mut img, fonts, Face::Bold, 30.0, 400.0, 395.0, INK, &us(h.dob));
    text(&mut img, fonts, Face::Sans, 20.0, 400.0, 460.0, [70, 70, 70], "Date of issue");
    text(&mut img, fonts, Face::Bold, 30.0, 400.0, 485.0, INK, "06/23/2015");
    text(
        &mut img,
        fonts,
        Face::Sans,
        24.0,
        80.0,
        700.0,
        INK,
        "Be it known that the person named above has complied in all respects",
    );
    text(&mut img, fonts, Face::Sans, 24.0, 80.0, 735.0, INK, "with the applicable provisions of the law.");
    img
}

/// The card lying on a wooden table, photographed from above at an angle: a
/// `w`×`h` phone picture with the card turned by `degrees`.
pub fn on_table(card: &RgbImage, degrees: f32, w: u32, h: u32) -> RgbImage {
    let (cw, ch) = card.dimensions();
    let scale = (w as f32 * 0.72) / cw.max(ch) as f32 * if ch > cw { 0.8 } else { 1.0 };
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = ((x as f32 - cx) / scale, (y as f32 - cy) / scale);
        let u = dx * c + dy * s + cw as f32 / 2.0;
        let v = -dx * s + dy * c + ch as f32 / 2.0;
        if u >= 0.0 && v >= 0.0 && u < cw as f32 - 1.0 && v < ch as f32 - 1.0 {
            *card.get_pixel(u as u32, v as u32)
        } else {
            // Wood: brown with grain.
            let grain = ((x as f32 / 7.0 + (y as f32 / 40.0).sin() * 3.0).sin() * 12.0) as i32;
            Rgb([(110 + grain) as u8, (75 + grain / 2) as u8, (50 + grain / 3) as u8])
        }
    })
}

pub fn dim(img: &RgbImage, factor: f32) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let p = img.get_pixel(x, y);
        Rgb(p.0.map(|v| (f32::from(v) * factor) as u8))
    })
}

pub fn blur(img: &RgbImage, sigma: f32) -> RgbImage {
    imageops::blur(img, sigma)
}

pub fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
    out
}

/// A JPEG whose pixels are stored turned a quarter to the left, with EXIF
/// orientation 6 ("rotate 90° clockwise to view"), as iPhones store portrait shots.
pub fn jpeg_exif_rotated(img: &RgbImage) -> Vec<u8> {
    use image::ImageEncoder;
    let stored = imageops::rotate270(img);
    // A minimal EXIF block: TIFF header, one IFD entry, Orientation (0x0112) = 6.
    let exif: Vec<u8> = vec![
        b'M', b'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF, IFD at offset 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, count 1, value 6
        0, 0, 0, 0, // no next IFD
    ];
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    enc.set_exif_metadata(exif).unwrap();
    enc.write_image(stored.as_raw(), stored.width(), stored.height(), image::ExtendedColorType::Rgb8).unwrap();
    out
}

/// HEIC as an iPhone writes it (HEVC via libheif's x265 encoder).
pub fn heic(img: &RgbImage) -> Vec<u8> {
    use libheif_rs::{Channel, ColorSpace, CompressionFormat, EncoderQuality, HeifContext, Image, LibHeif, RgbChroma};
    let lib = LibHeif::new();
    let (w, h) = img.dimensions();
    let mut image = Image::new(w, h, ColorSpace::Rgb(RgbChroma::Rgb)).unwrap();
    image.create_plane(Channel::Interleaved, w, h, 8).unwrap();
    let planes = image.planes_mut();
    let plane = planes.interleaved.unwrap();
    for y in 0..h as usize {
        let row = &img.as_raw()[y * w as usize * 3..(y + 1) * w as usize * 3];
        plane.data[y * plane.stride..y * plane.stride + row.len()].copy_from_slice(row);
    }
    let mut ctx = HeifContext::new().unwrap();
    let mut encoder = lib.encoder_for_format(CompressionFormat::Hevc).unwrap();
    encoder.set_quality(EncoderQuality::Lossy(90)).unwrap();
    ctx.encode_image(&image, &mut encoder, None).unwrap();
    ctx.write_to_bytes().unwrap()
}

/// A one-page PDF whose page is the image, stored as a JPEG stream (how scanners
/// and phone "scan" apps write PDFs).
pub fn pdf(img: &RgbImage) -> Vec<u8> {
    use lopdf::{dictionary, Stream};
    let (pw, ph) = (612.0, 612.0 * img.height() as f32 / img.width() as f32);
    one_page_pdf((pw, ph), format!("q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q"), |doc| {
        let image_id = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image",
                "Width" => img.width() as i64, "Height" => img.height() as i64,
                "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            },
            jpeg(img, 90),
        ));
        dictionary! { "XObject" => dictionary! { "Im0" => image_id } }
    })
}

/// A letter-size PDF page of text in Helvetica, one line per entry, no images: what
/// a word processor saves, which only a renderer can turn into pixels.
pub fn text_pdf(lines: &[&str]) -> Vec<u8> {
    use lopdf::dictionary;
    let mut content = String::from("BT /F1 22 Tf 72 700 Td 30 TL\n");
    for line in lines {
        content.push_str(&format!("({}) Tj T*\n", line.replace(['(', ')', '\\'], " ")));
    }
    content.push_str("ET");
    one_page_pdf((612.0, 792.0), content, |doc| {
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        dictionary! { "Font" => dictionary! { "F1" => font_id } }
    })
}

/// A one-page PDF of `size` points drawing `content`, with the resources `resources`
/// adds to the document.
fn one_page_pdf(
    (pw, ph): (f32, f32),
    content: String,
    resources: impl FnOnce(&mut lopdf::Document) -> lopdf::Dictionary,
) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let resources = resources(&mut doc);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(pw), Object::Real(ph)],
        "Contents" => content_id,
        "Resources" => resources,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A valid PNG header declaring `w`×`h` pixels followed by a tiny compressed stream:
/// a decompression bomb.
pub fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // A few KB of deflated zeros that would inflate to gigabytes.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &vec![0u8; 4 << 20]).unwrap();
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The sample holders used across tests and the benchmark, one per ID type.
pub fn cases() -> Vec<(IdType, Holder)> {
    vec![
        (IdType::CtDriverLicense, Holder::new("WHITLOCK", "DANA RUTH", (2030, 5, 10))),
        (IdType::OutOfStateDriverLicense, Holder::new("OKONKWO", "CHIDI EMEKA", (2029, 11, 30))),
        (IdType::GovernmentId, Holder::new("BRENNAN", "MAUREEN ANN", (2031, 1, 15))),
        (IdType::MilitaryId, Holder::new("DELGADO", "RAFAEL", (2028, 6, 30))),
        (IdType::PassportCard, Holder::new("MARCHETTI", "HELEN LOUISE", (2032, 4, 19))),
        (IdType::UsPassport, Holder::new("FELD", "MARCUS ALLEN", (2031, 8, 1))),
        (IdType::PermanentResidentCard, Holder::new("RAMAN-OKAFOR", "PRIYA", (2034, 2, 11))),
        (IdType::NaturalizationCertificate, Holder::new("NGUYEN", "THANH LAN", (2099, 1, 1))),
        (IdType::CitizenshipCertificate, Holder::new("KOWALSKI", "PIOTR", (2099, 1, 1))),
    ]
}
