//! From a drawn sheet to the file a party attaches: flatbed and scan-app scans (PNG,
//! JPEG, PDF), phone photos (JPEG with EXIF, sideways JPEG, HEIC under either name,
//! PNG screenshots), and the spoiled pictures nobody can read.

use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};

use super::canvas::{Canvas, Pen, Rect, WHITE};
use super::capture::{self, develop, soften, Pose, Quad};
use super::encode::{self, Exif};
use super::facts::{Shape, Sheet};
use super::fonts::Face;
use super::names;
use super::scene::{Light, Surface, SURFACES};
use super::Rng;

/// An attachment: file name, declared type, bytes.
pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl File {
    fn new(name: String, bytes: Vec<u8>) -> File {
        File { content_type: names::content_type(&name), name, bytes }
    }
}

fn doc_mm(sheet: &Sheet) -> (f32, f32) {
    (sheet.front.width() as f32 / sheet.s, sheet.front.height() as f32 / sheet.s)
}

const LETTER: (f32, f32) = (215.9, 279.4);

/// Poses for a flat, straight scan: the front at `at` (mm), the back beside or below.
fn bed_poses(sheet: &Sheet, k: f32, at: (f32, f32), back: Option<(f32, f32)>, rng: &mut Rng) -> Vec<Pose> {
    let (w, h) = doc_mm(sheet);
    let pose = |x: f32, y: f32, rng: &mut Rng| Pose {
        k,
        angle: rng.float(-0.6, 0.6),
        center: ((x + w / 2.0) * k, (y + h / 2.0) * k),
        tilt: (0.0, 0.0),
    };
    let mut poses = vec![pose(at.0, at.1, rng)];
    if let Some(b) = back {
        poses.push(pose(b.0, b.1, rng));
    }
    poses
}

/// Lays `poses` of `sheet` on a flat bed of `size_mm` at `dpi` and returns the image.
fn on_bed(sheet: &Sheet, size_mm: (f32, f32), dpi: f32, poses: &[Pose], bed: [u8; 3], rng: &mut Rng) -> RgbImage {
    let k = dpi / 25.4;
    let (w, h) = ((size_mm.0 * k).round() as u32, (size_mm.1 * k).round() as u32);
    let mut img = RgbImage::from_pixel(w, h, Rgb(bed));
    let (dw, dh) = doc_mm(sheet);
    for (i, p) in poses.iter().enumerate() {
        let side = if i == 0 { &sheet.front } else { sheet.back.as_ref().unwrap_or(&sheet.front) };
        let q = p.quad(dw, dh);
        if sheet.shape != Shape::Page {
            capture::shadow(&mut img, &q, (k * 0.3, k * 0.3), k * 0.4, 0.25);
        }
        capture::warp_onto(&mut img, side, sheet.corner_mm * sheet.s, &q);
    }
    let light = Light {
        exposure: rng.float(1.0, 1.05),
        gradient: (0.0, 0.0),
        vignette: 0.0,
        tint: [1.0; 3],
        noise_sigma: rng.float(0.8, 2.0),
    };
    develop(img, &light, rng.float(0.3, 0.6) * dpi / 300.0 + 0.2, rng)
}

/// The card or page alone, cropped by the scanner software with a small margin.
fn crop_scan(sheet: &Sheet, dpi: f32, rng: &mut Rng) -> RgbImage {
    let (w, h) = doc_mm(sheet);
    let m = rng.float(1.5, 6.0);
    let both = sheet.back.is_some() && sheet.shape == Shape::Card && rng.chance(0.35);
    let beside = rng.chance(0.5);
    let size = match (both, beside) {
        (false, _) => (w + 2.0 * m, h + 2.0 * m),
        (true, true) => (2.0 * w + 3.0 * m, h + 2.0 * m),
        (true, false) => (w + 2.0 * m, 2.0 * h + 3.0 * m),
    };
    let back = both.then_some(if beside { (w + 2.0 * m, m) } else { (m, h + 2.0 * m) });
    let poses = bed_poses(sheet, dpi / 25.4, (m, m), back, rng);
    let bed = *rng.pick(&[[250, 250, 250], [244, 244, 242], [230, 230, 228]]);
    on_bed(sheet, size, dpi, &poses, bed, rng)
}

/// A letter-size page with the document on it (cards at the top, pages filling it).
fn page_scan(sheet: &Sheet, dpi: f32, rng: &mut Rng) -> RgbImage {
    let (w, h) = doc_mm(sheet);
    let k = dpi / 25.4;
    if sheet.shape == Shape::Page {
        let at = (rng.float(-1.0, 1.0), rng.float(-1.0, 1.0));
        let poses = bed_poses(sheet, k, at, None, rng);
        return on_bed(sheet, LETTER, dpi, &poses, [253, 253, 252], rng);
    }
    let mut at = (rng.float(12.0, 30.0), rng.float(12.0, 30.0));
    if sheet.shape == Shape::Book && sheet.back.is_some() && rng.chance(0.6) {
        // The open book: the signature page above the data page, edge to edge.
        let top = at;
        at.1 += h;
        let mut poses = bed_poses(sheet, k, at, Some(top), rng);
        poses[1].angle = poses[0].angle;
        return on_bed(sheet, LETTER, dpi, &poses, [253, 253, 252], rng);
    }
    let back = if sheet.back.is_some() && sheet.shape == Shape::Card && rng.chance(0.6) {
        if at.0 + 2.0 * w + 8.0 < LETTER.0 - 5.0 && rng.chance(0.5) {
            Some((at.0 + w + rng.float(6.0, 12.0), at.1))
        } else {
            Some((at.0, at.1 + h + rng.float(8.0, 20.0)))
        }
    } else {
        None
    };
    let poses = bed_poses(sheet, k, at, back, rng);
    on_bed(sheet, LETTER, dpi, &poses, [253, 253, 252], rng)
}

/// What scan apps do: whiten the paper, stretch the contrast.
fn enhance(mut img: RgbImage) -> RgbImage {
    let mut hist = [0u32; 256];
    for p in img.pixels() {
        hist[usize::from(((u16::from(p.0[0]) + u16::from(p.0[1]) + u16::from(p.0[2])) / 3) as u8)] += 1;
    }
    let total: u32 = hist.iter().sum();
    let (mut acc, mut white) = (0u32, 255usize);
    for (v, n) in hist.iter().enumerate().rev() {
        acc += n;
        if acc > total / 5 {
            white = v;
            break;
        }
    }
    let gain = 250.0 / (white.max(120) as f32);
    for p in img.pixels_mut() {
        p.0 = p.0.map(|c| (f32::from(c) * gain).min(255.0) as u8);
    }
    img
}

fn pdf_of(img: &RgbImage, dpi: f32, page: Option<(f32, f32)>, quality: u8) -> Vec<u8> {
    let (w, h) = img.dimensions();
    let jpg = encode::jpeg(img, quality, None);
    let size = (w as f32 / dpi * 72.0, h as f32 / dpi * 72.0);
    let page = page.map(|(pw, ph)| (pw / 25.4 * 72.0, ph / 25.4 * 72.0)).unwrap_or(size);
    encode::pdf_image(jpg, (w, h), page, (0.0, page.1 - size.1, size.0, size.1))
}

/// A legible scan of `sheet` as PNG, JPEG or PDF.
pub fn scan(sheet: &Sheet, hint: &str, rng: &mut Rng) -> File {
    let page = sheet.shape == Shape::Page;
    let dpi = match sheet.shape {
        Shape::Page => *rng.pick(&[150.0, 200.0, 200.0]),
        Shape::Book => *rng.pick(&[200.0, 240.0, 300.0]),
        Shape::Card => *rng.pick(&[220.0, 240.0, 300.0, 300.0]),
    };
    let how = if page { *rng.pick(&[1, 1, 2]) } else { *rng.pick(&[0, 0, 0, 1, 1, 2]) };
    let (img, on_letter) = match how {
        0 => (crop_scan(sheet, dpi, rng), false),
        1 => (page_scan(sheet, dpi, rng), true),
        _ => (enhance(crop_scan(sheet, dpi, rng)), false),
    };
    let quality = rng.range(80, 95) as u8;
    match (how, rng.range(0, 10)) {
        (0, 0..=3) => File::new(names::scan(hint, "png", rng), encode::png(&img)),
        (0, 4..=6) | (1, 0..=1) => File::new(names::scan(hint, "jpg", rng), encode::jpeg(&img, quality, None)),
        (1, 2) => File::new(names::scan(hint, "png", rng), encode::png(&img)),
        (2, 0..=3) => File::new(names::scan(hint, "jpg", rng), encode::jpeg(&img, quality, None)),
        _ => File::new(names::scan(hint, "pdf", rng), pdf_of(&img, dpi, on_letter.then_some(LETTER), quality)),
    }
}

const CAMERAS: &[(&str, &str)] = &[
    ("Apple", "iPhone 13"),
    ("Apple", "iPhone 15 Pro"),
    ("Google", "Pixel 7"),
    ("samsung", "SM-S911U"),
    ("motorola", "moto g power (2022)"),
];

/// A frame size for a phone photo, landscape when `wide`.
fn frame(wide: bool, rng: &mut Rng) -> (u32, u32) {
    let (w, h) =
        *rng.pick(&[(4032, 3024), (4032, 3024), (4080, 3072), (4000, 3000), (3264, 2448), (2592, 1944), (2048, 1536)]);
    if wide {
        (w, h)
    } else {
        (h, w)
    }
}

/// Poses that put the document (and sometimes its back beside it) in `frame`, filling
/// `fill` of it, turned by up to `max_turn` degrees.
pub fn photo_poses(sheet: &Sheet, frame: (u32, u32), fill: f32, max_turn: f32, rng: &mut Rng) -> Vec<Pose> {
    let (w, h) = doc_mm(sheet);
    let (fw, fh) = (frame.0 as f32, frame.1 as f32);
    let side_by_side = fw >= fh;
    let gap = rng.float(4.0, 12.0);
    // Mostly a few degrees, now and then up to `max_turn`.
    let turn = match rng.range(0, 20) {
        0..=11 => rng.float(0.3, 4.0),
        12..=16 => rng.float(4.0, 10.0_f32.min(max_turn)),
        _ => rng.float(10.0_f32.min(max_turn - 0.5), max_turn),
    };
    let angle = if rng.chance(0.5) { turn } else { -turn };
    let (s, c) = angle.to_radians().sin_cos();
    let scale = |(ew, eh): (f32, f32)| {
        let (bw, bh) = (ew * c.abs() + eh * s.abs(), ew * s.abs() + eh * c.abs());
        (fill * (fw / bw).min(fh / bh), bw, bh)
    };
    // A card's back beside it, or a passport open at the data page with the facing
    // page above it; only while the name stays a readable size.
    let book = sheet.shape == Shape::Book;
    let (side_by_side, gap) = if book { (false, 0.0) } else { (side_by_side, gap) };
    let pair = if side_by_side { (2.0 * w + gap, h) } else { (w, 2.0 * h + gap) };
    let both = sheet.back.is_some()
        && sheet.shape != Shape::Page
        && rng.chance(if book { 0.5 } else { 0.3 })
        && scale(pair).0 * sheet.name_em >= MIN_NAME_PX;
    let (k, bw, bh) = scale(if both { pair } else { (w, h) });
    let slack = ((fw - bw * k) / 2.0 * 0.8, (fh - bh * k) / 2.0 * 0.8);
    let center = (fw / 2.0 + rng.float(-1.0, 1.0) * slack.0, fh / 2.0 + rng.float(-1.0, 1.0) * slack.1);
    let tilt = (rng.float(-0.06, 0.06), rng.float(-0.05, 0.05));
    if !both {
        return vec![Pose { k, angle, center, tilt }];
    }
    let off = if side_by_side { ((w + gap) / 2.0 * k, 0.0) } else { (0.0, (h + gap) / 2.0 * k) };
    let (ox, oy) = (off.0 * c - off.1 * s, off.0 * s + off.1 * c);
    if book {
        let flat = (0.0, 0.0);
        return vec![
            Pose { k, angle, center: (center.0 + ox, center.1 + oy), tilt: flat },
            Pose { k, angle, center: (center.0 - ox, center.1 - oy), tilt: flat },
        ];
    }
    vec![
        Pose { k, angle, center: (center.0 - ox, center.1 - oy), tilt },
        Pose { k, angle: angle + rng.float(-2.0, 2.0), center: (center.0 + ox, center.1 + oy), tilt },
    ]
}

/// The smallest em size, in pixels, of the printed name in a legible picture.
pub const MIN_NAME_PX: f32 = 24.0;

/// What the document lies on (a hand holds only cards and passports).
fn surface(sheet: &Sheet, rng: &mut Rng) -> Surface {
    loop {
        let s = *rng.pick(SURFACES);
        if s != Surface::Hand || sheet.shape != Shape::Page {
            return s;
        }
    }
}

/// A phone photo of `sheet` in `frame`, lit and blurred but not encoded.
fn photograph(sheet: &Sheet, frame: (u32, u32), fill: f32, rng: &mut Rng) -> RgbImage {
    let max_turn = if sheet.shape == Shape::Page { 10.0 } else { 25.0 };
    let mut poses = photo_poses(sheet, frame, fill, max_turn, rng);
    let name_px = poses[0].k * sheet.name_em;
    if name_px < MIN_NAME_PX {
        poses = photo_poses(sheet, frame, (fill * MIN_NAME_PX / name_px).min(0.95), max_turn, rng);
    }
    let surface = surface(sheet, rng);
    let shot = capture::shoot(sheet, frame, &poses, surface, rng);
    let light = Light::random(rng);
    let sigma = rng.float(0.4, 1.1) * (frame.0.max(frame.1) as f32 / 3000.0).max(0.7);
    develop(shot.img, &light, sigma, rng)
}

/// A legible phone photo: JPEG (sometimes stored sideways), HEIC, or a screenshot.
pub fn photo(sheet: &Sheet, hint: &str, rng: &mut Rng) -> File {
    let (w, h) = doc_mm(sheet);
    let wide = if w >= h { rng.chance(0.75) } else { rng.chance(0.2) };
    let fill = if sheet.shape == Shape::Page { rng.float(0.75, 0.92) } else { rng.float(0.55, 0.92) };
    match rng.range(0, 20) {
        0..=10 => {
            let img = photograph(sheet, frame(wide, rng), fill, rng);
            let (make, model) = *rng.pick(CAMERAS);
            let (img, orientation) = match rng.range(0, 10) {
                0 | 1 => (imageops::rotate270(&img), 6),
                2 => (imageops::rotate90(&img), 8),
                _ => (img, 1),
            };
            let exif = Exif { orientation, make, model };
            let bytes = encode::jpeg(&img, rng.range(70, 93) as u8, Some(&exif));
            File::new(names::photo(hint, "jpg", rng), bytes)
        }
        11..=15 => {
            let (fw, fh) = if wide { (4032, 3024) } else { (3024, 4032) };
            let img = photograph(sheet, (fw, fh), fill, rng);
            let bytes = encode::heic(&img, rng.range(55, 80) as u8);
            let name = if rng.chance(0.6) { names::photo(hint, "HEIC", rng) } else { names::photo(hint, "jpg", rng) };
            File { name, content_type: "image/heic", bytes }.declared()
        }
        _ => {
            let wide = wide && sheet.shape != Shape::Page;
            File::new(names::screenshot(hint, rng), encode::png(&screenshot(sheet, wide, rng)))
        }
    }
}

impl File {
    /// The type the mail client declares: from the name, even for HEIC bytes in a
    /// `.jpg` file.
    fn declared(self) -> File {
        File { content_type: names::content_type(&self.name), ..self }
    }
}

/// A phone screenshot of the photo open in the gallery: status bar, the picture, a
/// toolbar.
fn screenshot(sheet: &Sheet, wide: bool, rng: &mut Rng) -> RgbImage {
    let (sw, sh) = *rng.pick(&[(1170, 2532), (1080, 2400), (1284, 2778), (1080, 2340)]);
    let fh = if wide { sw * 3 / 4 } else { sw * 4 / 3 };
    let pic = photograph(sheet, (sw, fh), rng.float(0.85, 0.95), rng);
    let dark = rng.chance(0.7);
    let bg = if dark { [0, 0, 0] } else { [250, 250, 250] };
    let fg = if dark { WHITE } else { [20, 20, 20] };
    let mut cv = Canvas::new(sw as f32, sh as f32, 1.0, bg);
    let y0 = ((sh - fh) / 2) as f32;
    cv.paste(&pic, 0.0, y0, 1.0);
    let clock = format!("{}:{:02}", rng.range(7, 12), rng.range(0, 60));
    cv.text(&Pen::new(Face::Arial, sw as f32 * 0.04, fg), sw as f32 * 0.08, sw as f32 * 0.075, &clock);
    cv.fill(Rect::new(sw as f32 * 0.82, sw as f32 * 0.045, sw as f32 * 0.07, sw as f32 * 0.032), fg, 1.0);
    for i in 0..4 {
        let x = sw as f32 * (0.12 + 0.25 * i as f32);
        cv.ellipse((x, sh as f32 - sw as f32 * 0.12), (sw as f32 * 0.025, sw as f32 * 0.025), fg, 0.8);
    }
    cv.img
}

/// Where the front of `sheet` lies in the photo taken with `pose`.
fn front_quad(sheet: &Sheet, pose: &Pose) -> Quad {
    let (w, h) = doc_mm(sheet);
    pose.quad(w, h)
}

/// The spoiled picture's pixels for `spoil`, given a plain photo set-up.
pub fn spoiled(sheet: &Sheet, spoil: super::Spoil, hint: &str, rng: &mut Rng) -> File {
    use super::Spoil;
    let (w, h) = doc_mm(sheet);
    let wide = if w >= h { rng.chance(0.75) } else { rng.chance(0.2) };
    let fr = frame(wide, rng);
    let surface = surface(sheet, rng);
    let img = match spoil {
        Spoil::Blurred => {
            let poses = front_only(photo_poses(sheet, fr, rng.float(0.5, 0.85), 20.0, rng));
            let name_px = sheet.name_em * poses[0].k;
            let shot = capture::shoot(sheet, fr, &poses, surface, rng);
            let smeared = smear(shot.img, (name_px * rng.float(0.45, 0.7)).max(10.0));
            develop(smeared, &Light::random(rng), 0.0, rng)
        }
        Spoil::Dark => {
            let poses = front_only(photo_poses(sheet, fr, rng.float(0.5, 0.85), 20.0, rng));
            let shot = capture::shoot(sheet, fr, &poses, surface, rng);
            let mut light = Light::random(rng);
            light.exposure = rng.float(0.025, 0.045);
            light.noise_sigma = rng.float(2.5, 4.0);
            let shake = (sheet.name_em * poses[0].k * 0.12).max(2.5);
            develop(shot.img, &light, shake, rng)
        }
        Spoil::Tiny => return tiny(sheet, hint, rng),
        Spoil::Glare => glare(sheet, fr, surface, rng),
        Spoil::CutOff => cut_off(sheet, fr, surface, rng),
    };
    let (make, model) = *rng.pick(CAMERAS);
    let bytes = encode::jpeg(&img, rng.range(62, 88) as u8, Some(&Exif { orientation: 1, make, model }));
    File::new(names::photo(hint, "jpg", rng), bytes)
}

/// Only the front: a spoiled picture must not show the name on the back (a passport's
/// signature page).
fn front_only(mut poses: Vec<Pose>) -> Vec<Pose> {
    poses.truncate(1);
    poses
}

/// A blur of `sigma` pixels however large: shrink, blur, enlarge.
fn smear(img: RgbImage, sigma: f32) -> RgbImage {
    let f = (sigma / 3.0).max(1.0);
    let (w, h) = img.dimensions();
    let small = imageops::resize(&img, (w as f32 / f) as u32, (h as f32 / f) as u32, FilterType::Triangle);
    let small = soften(small, 3.0);
    imageops::resize(&small, w, h, FilterType::Triangle)
}

/// The document about 150 pixels wide: a thumbnail, or far off in a full photo.
fn tiny(sheet: &Sheet, hint: &str, rng: &mut Rng) -> File {
    let (w, _) = doc_mm(sheet);
    let k = rng.float(120.0, 170.0) / w;
    let fr = if rng.chance(0.5) {
        *rng.pick(&[(320, 240), (480, 360), (400, 300), (240, 320)])
    } else {
        frame(rng.chance(0.7), rng)
    };
    let center = (fr.0 as f32 * rng.float(0.35, 0.65), fr.1 as f32 * rng.float(0.35, 0.65));
    let pose = Pose { k, angle: rng.float(-12.0, 12.0), center, tilt: (0.0, 0.0) };
    let surface = surface(sheet, rng);
    let shot = capture::shoot(sheet, fr, &[pose], surface, rng);
    let img = develop(shot.img, &Light::random(rng), 0.5, rng);
    let bytes = encode::jpeg(&img, rng.range(60, 85) as u8, None);
    let name =
        if fr.0 < 1000 { format!("thumbnail_{}.jpg", rng.range(100, 999)) } else { names::photo(hint, "jpg", rng) };
    File::new(name, bytes)
}

/// A flash reflection blowing out every place the name is printed.
fn glare(sheet: &Sheet, fr: (u32, u32), surface: Surface, rng: &mut Rng) -> RgbImage {
    let poses = front_only(photo_poses(sheet, fr, rng.float(0.55, 0.85), 15.0, rng));
    let shot = capture::shoot(sheet, fr, &poses, surface, rng);
    let mut light = Light::random(rng);
    light.exposure = light.exposure.max(0.95);
    let mut img = develop(shot.img, &light, 0.6, rng);
    for q in &shot.names {
        blow_out(&mut img, q, rng.float(1.1, 1.3), rng.float(1.8, 2.6));
    }
    img
}

/// Saturates an oval around `q` (widened by `along` and `across` times its half sides)
/// to white, fading out beyond it.
fn blow_out(img: &mut RgbImage, q: &Quad, along: f32, across: f32) {
    let c = (q.iter().map(|p| p.0).sum::<f32>() / 4.0, q.iter().map(|p| p.1).sum::<f32>() / 4.0);
    let (ux, uy) = ((q[1].0 - q[0].0 + q[2].0 - q[3].0) / 2.0, (q[1].1 - q[0].1 + q[2].1 - q[3].1) / 2.0);
    let (vx, vy) = ((q[3].0 - q[0].0 + q[2].0 - q[1].0) / 2.0, (q[3].1 - q[0].1 + q[2].1 - q[1].1) / 2.0);
    let (lu, lv) = ((ux * ux + uy * uy).sqrt().max(1.0), (vx * vx + vy * vy).sqrt().max(1.0));
    let (a, b) = (lu / 2.0 * along, (lv / 2.0 * across).max(lu * 0.12));
    let (w, h) = img.dimensions();
    let reach = a.max(b) * 1.7;
    for y in ((c.1 - reach).max(0.0) as u32)..((c.1 + reach) as u32).min(h) {
        for x in ((c.0 - reach).max(0.0) as u32)..((c.0 + reach) as u32).min(w) {
            let (dx, dy) = (x as f32 - c.0, y as f32 - c.1);
            let (du, dv) = ((dx * ux + dy * uy) / lu, (dx * vx + dy * vy) / lv);
            let d = ((du / a).powi(2) + (dv / b).powi(2)).sqrt();
            let g = if d <= 1.0 { 1.0 } else { (1.0 - (d - 1.0) / 0.6).max(0.0).powi(2) };
            let p = img.get_pixel_mut(x, y);
            p.0 = p.0.map(|v| (f32::from(v) + (300.0 - f32::from(v)) * g).min(255.0) as u8);
        }
    }
}

/// A close-up with every place the name is printed outside the frame.
fn cut_off(sheet: &Sheet, fr: (u32, u32), surface: Surface, rng: &mut Rng) -> RgbImage {
    let (w, h) = doc_mm(sheet);
    let base = photo_poses(sheet, fr, rng.float(0.9, 1.2), 8.0, rng)[0];
    let frame_rect = (0.0, 0.0, fr.0 as f32, fr.1 as f32);
    let diag = (fr.0 as f32).hypot(fr.1 as f32);
    let mut best: Option<(Pose, f32)> = None;
    for dir in 0..8 {
        let a = dir as f32 * std::f32::consts::FRAC_PI_4;
        for step in 1..60 {
            let t = diag * step as f32 / 60.0;
            let pose = Pose { center: (base.center.0 + t * a.cos(), base.center.1 + t * a.sin()), ..base };
            let quad = front_quad(sheet, &pose);
            let hom = capture::Homography::between(
                &capture::rect_quad(sheet.front.width() as f32, sheet.front.height() as f32),
                &quad,
            );
            let hidden =
                sheet.name_boxes.iter().all(|r| outside(&capture::map_rect(&hom, r.pad(1.0), sheet.s), frame_rect));
            if hidden {
                let seen = visible(&hom, (w * sheet.s, h * sheet.s), frame_rect);
                if best.is_none_or(|b| seen > b.1) {
                    best = Some((pose, seen));
                }
                break;
            }
        }
    }
    let pose = best.map(|b| b.0).unwrap_or(Pose { center: (-diag, -diag), ..base });
    let shot = capture::shoot(sheet, fr, &[pose], surface, rng);
    develop(shot.img, &Light::random(rng), 0.7, rng)
}

fn outside(q: &Quad, f: (f32, f32, f32, f32)) -> bool {
    q.iter().all(|p| p.0 < f.0)
        || q.iter().all(|p| p.0 > f.2)
        || q.iter().all(|p| p.1 < f.1)
        || q.iter().all(|p| p.1 > f.3)
}

/// The share of the document (w×h pixels, mapped by `hom`) inside the frame.
fn visible(hom: &capture::Homography, (w, h): (f32, f32), f: (f32, f32, f32, f32)) -> f32 {
    let mut inside = 0;
    for i in 0..20 {
        for j in 0..20 {
            let p = hom.map((w * (i as f32 + 0.5) / 20.0, h * (j as f32 + 0.5) / 20.0));
            if p.0 >= f.0 && p.0 < f.2 && p.1 >= f.1 && p.1 < f.3 {
                inside += 1;
            }
        }
    }
    inside as f32 / 400.0
}
