//! Putting a drawn document in front of a scanner or a phone: projective placement,
//! the card's shadow and rounded corners, the hand that holds it, light and noise.

use image::imageops::{self, FilterType};
use image::RgbImage;

use super::canvas::{mix, Rect};
use super::facts::{Shape, Sheet};
use super::scene::{self, Light, Surface};
use super::Rng;

/// A point in pixels.
pub type Point = (f32, f32);

/// Four corners, clockwise from the top left, in pixels.
pub type Quad = [Point; 4];

/// A plane-to-plane projective map.
#[derive(Debug, Clone, Copy)]
pub struct Homography([f64; 9]);

impl Homography {
    /// The map taking each corner of `src` to the same corner of `dst`.
    pub fn between(src: &Quad, dst: &Quad) -> Homography {
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let (x, y) = (f64::from(src[i].0), f64::from(src[i].1));
            let (u, v) = (f64::from(dst[i].0), f64::from(dst[i].1));
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        for col in 0..8 {
            let pivot = (col..8).max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs())).unwrap_or(col);
            a.swap(col, pivot);
            let d = a[col][col];
            if d.abs() < 1e-12 {
                continue;
            }
            for v in a[col].iter_mut().skip(col) {
                *v /= d;
            }
            let pivot_row = a[col];
            for (r, row) in a.iter_mut().enumerate() {
                if r != col {
                    let f = row[col];
                    for (v, p) in row.iter_mut().zip(pivot_row).skip(col) {
                        *v -= f * p;
                    }
                }
            }
        }
        let h: Vec<f64> = (0..8).map(|i| a[i][8]).collect();
        Homography([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0])
    }

    pub fn map(&self, p: (f32, f32)) -> (f32, f32) {
        let h = &self.0;
        let (x, y) = (f64::from(p.0), f64::from(p.1));
        let w = h[6] * x + h[7] * y + h[8];
        (((h[0] * x + h[1] * y + h[2]) / w) as f32, ((h[3] * x + h[4] * y + h[5]) / w) as f32)
    }
}

pub fn rect_quad(w: f32, h: f32) -> Quad {
    [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
}

fn bounds(q: &Quad) -> (f32, f32, f32, f32) {
    let xs = q.iter().map(|p| p.0);
    let ys = q.iter().map(|p| p.1);
    (
        xs.clone().fold(f32::MAX, f32::min),
        ys.clone().fold(f32::MAX, f32::min),
        xs.fold(f32::MIN, f32::max),
        ys.fold(f32::MIN, f32::max),
    )
}

fn dist(a: (f32, f32), b: (f32, f32)) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn bilinear(img: &RgbImage, u: f32, v: f32) -> [u8; 3] {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x0, y0) = (u.floor() as i64, v.floor() as i64);
    let (fx, fy) = (u - x0 as f32, v - y0 as f32);
    let at = |x: i64, y: i64| img.get_pixel(x.clamp(0, w - 1) as u32, y.clamp(0, h - 1) as u32).0;
    let top = mix(at(x0, y0), at(x0 + 1, y0), fx);
    let bottom = mix(at(x0, y0 + 1), at(x0 + 1, y0 + 1), fx);
    mix(top, bottom, fy)
}

/// Signed distance (pixels) from (u, v) to a `w`×`h` rectangle with corner radius `r`.
fn rounded_sd(u: f32, v: f32, w: f32, h: f32, r: f32) -> f32 {
    let qx = (u - w / 2.0).abs() - (w / 2.0 - r);
    let qy = (v - h / 2.0).abs() - (h / 2.0 - r);
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - r
}

/// Draws `img` into `dst` with its corners on `quad`, rounding its corners by
/// `corner` (pixels of `img`).
pub fn warp_onto(dst: &mut RgbImage, img: &RgbImage, corner: f32, quad: &Quad) {
    let k = (dist(quad[0], quad[1]) + dist(quad[3], quad[2])) / 2.0 / img.width() as f32;
    let resized;
    let (src, corner) = if k < 0.95 {
        let (w, h) =
            (((img.width() as f32) * k).round().max(1.0) as u32, ((img.height() as f32) * k).round().max(1.0) as u32);
        resized = imageops::resize(img, w, h, FilterType::Triangle);
        (&resized, corner * k)
    } else {
        (img, corner)
    };
    let (sw, sh) = (src.width() as f32, src.height() as f32);
    let inv = Homography::between(quad, &rect_quad(sw, sh));
    let scale = (dist(quad[0], quad[1]) / sw).max(0.05);
    let (x0, y0, x1, y1) = bounds(quad);
    let (dw, dh) = (dst.width() as i64, dst.height() as i64);
    for y in (y0.floor() as i64).max(0)..(y1.ceil() as i64 + 1).min(dh) {
        for x in (x0.floor() as i64).max(0)..(x1.ceil() as i64 + 1).min(dw) {
            let (u, v) = inv.map((x as f32 + 0.5, y as f32 + 0.5));
            let sd = rounded_sd(u, v, sw, sh, corner) * scale;
            let cov = (0.5 - sd).clamp(0.0, 1.0);
            if cov <= 0.0 {
                continue;
            }
            let c = bilinear(src, u - 0.5, v - 0.5);
            let p = dst.get_pixel_mut(x as u32, y as u32);
            p.0 = mix(p.0, c, cov);
        }
    }
}

/// Darkens `dst` under `quad` moved by `offset`, softened over `blur` pixels.
pub fn shadow(dst: &mut RgbImage, quad: &Quad, offset: (f32, f32), blur: f32, strength: f32) {
    let q: Quad = quad.map(|p| (p.0 + offset.0, p.1 + offset.1));
    let (x0, y0, x1, y1) = bounds(&q);
    let (dw, dh) = (dst.width() as i64, dst.height() as i64);
    for y in ((y0 - blur) as i64).max(0)..((y1 + blur) as i64).min(dh) {
        for x in ((x0 - blur) as i64).max(0)..((x1 + blur) as i64).min(dw) {
            let p = (x as f32, y as f32);
            let mut sd = f32::MIN;
            for i in 0..4 {
                let (a, b) = (q[i], q[(i + 1) % 4]);
                let (ex, ey) = (b.0 - a.0, b.1 - a.1);
                let len = (ex * ex + ey * ey).sqrt().max(1e-3);
                sd = sd.max(((p.0 - a.0) * ey - (p.1 - a.1) * ex) / len);
            }
            let t = (0.5 - sd / (2.0 * blur)).clamp(0.0, 1.0);
            if t > 0.0 {
                let px = dst.get_pixel_mut(x as u32, y as u32);
                px.0 = px.0.map(|c| (f32::from(c) * (1.0 - strength * t)) as u8);
            }
        }
    }
}

/// Where a document of `w`×`h` mm lands in a photo: scale (px/mm), turn (degrees),
/// centre and perspective (top edge shrink, left edge shrink; fractions).
#[derive(Debug, Clone, Copy)]
pub struct Pose {
    pub k: f32,
    pub angle: f32,
    pub center: (f32, f32),
    pub tilt: (f32, f32),
}

impl Pose {
    pub fn quad(&self, w: f32, h: f32) -> Quad {
        let (hw, hh) = (w * self.k / 2.0, h * self.k / 2.0);
        let (tx, ty) = (self.tilt.0 * hw, self.tilt.1 * hh);
        let local = [(-hw + tx, -hh + ty), (hw - tx, -hh), (hw, hh), (-hw, hh - ty)];
        let (s, c) = self.angle.to_radians().sin_cos();
        local.map(|(x, y)| (self.center.0 + x * c - y * s, self.center.1 + x * s + y * c))
    }
}

/// A `Rect` in mm on a document mapped to the photo through `h` (document px → photo).
pub fn map_rect(h: &Homography, r: Rect, s: f32) -> Quad {
    let r = r.scaled(s);
    [(r.x, r.y), (r.right(), r.y), (r.right(), r.bottom()), (r.x, r.bottom())].map(|p| h.map(p))
}

/// A composed photo before light, blur and encoding.
pub struct Shot {
    pub img: RgbImage,
    /// Where the front's name boxes ended up.
    pub names: Vec<Quad>,
    /// The front's outline.
    pub front: Quad,
}

/// The document (and its back, when `both`) on `surface`, in a `frame`-sized photo.
pub fn shoot(sheet: &Sheet, frame: (u32, u32), poses: &[Pose], surface: Surface, rng: &mut Rng) -> Shot {
    let mut img = scene::background(surface, frame.0, frame.1, rng);
    let (w_mm, h_mm) = (sheet.front.width() as f32 / sheet.s, sheet.front.height() as f32 / sheet.s);
    let sides: Vec<&RgbImage> = std::iter::once(&sheet.front).chain(sheet.back.as_ref()).take(poses.len()).collect();
    let skin = *rng.pick(scene::SKIN);
    let quads: Vec<Quad> = poses.iter().map(|p| p.quad(w_mm, h_mm)).collect();
    let strength = rng.float(0.2, 0.45);
    for q in &quads {
        let k = poses[0].k;
        let off = (k * rng.float(-1.0, 1.5), k * rng.float(0.5, 2.0));
        shadow(&mut img, q, off, k * rng.float(1.0, 3.0), strength);
    }
    if surface == Surface::Hand {
        fingers(&mut img, &quads[0], poses[0].k, skin);
    }
    for (side, q) in sides.iter().zip(&quads) {
        let thick = sheet.shape == Shape::Card;
        if thick {
            let edge: Quad = q.map(|p| (p.0 + 1.5, p.1 + 2.0));
            let corner = sheet.corner_mm / w_mm * 8.0;
            warp_onto(&mut img, &RgbImage::from_pixel(8, 5, image::Rgb([205, 205, 200])), corner, &edge);
        }
        warp_onto(&mut img, side, sheet.corner_mm * sheet.s, q);
    }
    let h = Homography::between(&rect_quad(sheet.front.width() as f32, sheet.front.height() as f32), &quads[0]);
    let names: Vec<Quad> = sheet.name_boxes.iter().map(|r| map_rect(&h, *r, sheet.s)).collect();
    if surface == Surface::Hand {
        let keep: Vec<Quad> =
            sheet.keep_boxes.iter().map(|r| map_rect(&h, *r, sheet.s)).chain(names.iter().copied()).collect();
        place_thumb(&mut img, &quads[0], &keep, poses[0].k, skin);
    }
    Shot { img, names, front: quads[0] }
}

fn fingers(img: &mut RgbImage, q: &Quad, k: f32, skin: [u8; 3]) {
    // Fingertips peeking out from behind the right edge.
    let (a, b) = (q[1], q[2]);
    let (ex, ey) = (b.0 - a.0, b.1 - a.1);
    let len = (ex * ex + ey * ey).sqrt().max(1.0);
    let out = (ey / len, -ex / len);
    for i in 0..3 {
        let t = 0.2 + 0.3 * i as f32;
        let base = (a.0 + ex * t, a.1 + ey * t);
        let tip = (base.0 + out.0 * k * 7.0, base.1 + out.1 * k * 7.0);
        scene::thumb(img, tip, out, k * 19.0, skin);
    }
}

fn place_thumb(img: &mut RgbImage, q: &Quad, names: &[Quad], k: f32, skin: [u8; 3]) {
    // (tip, direction, clearance from the name)
    let mut best: Option<(Point, Point, f32)> = None;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        let (ex, ey) = (b.0 - a.0, b.1 - a.1);
        let len = (ex * ex + ey * ey).sqrt().max(1.0);
        let inward = (-ey / len, ex / len);
        for j in 1..6 {
            let t = j as f32 / 6.0;
            let tip = (a.0 + ex * t + inward.0 * k * 6.0, a.1 + ey * t + inward.1 * k * 6.0);
            let clear = names.iter().map(|n| quad_distance(tip, n)).fold(f32::MAX, f32::min);
            if best.is_none_or(|b| clear > b.2) {
                best = Some((tip, inward, clear));
            }
        }
    }
    if let Some((tip, dir, clear)) = best {
        if clear > k * 14.0 {
            scene::thumb(img, tip, dir, k * 21.0, skin);
        }
    }
}

/// Distance from `p` to the quadrilateral `q` (0 inside).
fn quad_distance(p: (f32, f32), q: &Quad) -> f32 {
    let mut inside = true;
    let mut best = f32::MAX;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        let (ex, ey) = (b.0 - a.0, b.1 - a.1);
        let cross = ex * (p.1 - a.1) - ey * (p.0 - a.0);
        if cross < 0.0 {
            inside = false;
        }
        let t = (((p.0 - a.0) * ex + (p.1 - a.1) * ey) / (ex * ex + ey * ey).max(1e-6)).clamp(0.0, 1.0);
        best = best.min(dist(p, (a.0 + t * ex, a.1 + t * ey)));
    }
    if inside {
        0.0
    } else {
        best
    }
}

/// Gaussian blur of `sigma` pixels (nothing below 0.3).
pub fn soften(img: RgbImage, sigma: f32) -> RgbImage {
    if sigma < 0.3 {
        img
    } else {
        imageops::blur(&img, sigma)
    }
}

/// Light, blur and noise as a phone camera adds them.
pub fn develop(img: RgbImage, light: &Light, sigma: f32, rng: &mut Rng) -> RgbImage {
    let mut img = soften(img, sigma);
    light.apply(&mut img, rng);
    img
}
