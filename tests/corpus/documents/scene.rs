//! What a phone sees around the document: table tops, counters, cloth, a hand, and the
//! light falling on all of it. Textures are made at a quarter of the photo's size and
//! enlarged, as a camera's softness would leave them.

use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};

use super::canvas::{mix, Color};
use super::Rng;

/// Smooth value noise in [0, 1] on a lattice of unit cells.
fn hash(seed: u64, x: i64, y: i64) -> f32 {
    let mut z = seed ^ (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 40) as f32 / (1u64 << 24) as f32
}

pub fn noise(seed: u64, x: f32, y: f32) -> f32 {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let (ix, iy) = (x0 as i64, y0 as i64);
    let a = hash(seed, ix, iy) * (1.0 - sx) + hash(seed, ix + 1, iy) * sx;
    let b = hash(seed, ix, iy + 1) * (1.0 - sx) + hash(seed, ix + 1, iy + 1) * sx;
    a * (1.0 - sy) + b * sy
}

fn fbm(seed: u64, x: f32, y: f32) -> f32 {
    (noise(seed, x, y) * 0.5 + noise(seed + 1, x * 2.0, y * 2.0) * 0.3 + noise(seed + 2, x * 4.0, y * 4.0) * 0.2)
        .clamp(0.0, 1.0)
}

/// The surface a document lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Wood,
    Granite,
    Marble,
    Cloth,
    Carpet,
    Hand,
}

pub const SURFACES: &[Surface] =
    &[Surface::Wood, Surface::Wood, Surface::Granite, Surface::Marble, Surface::Cloth, Surface::Carpet, Surface::Hand];

fn texel(surface: Surface, seed: u64, palette: (Color, Color), x: f32, y: f32, angle: f32) -> Color {
    let (a, b) = palette;
    match surface {
        Surface::Wood => {
            let (u, v) = (x * angle.cos() + y * angle.sin(), -x * angle.sin() + y * angle.cos());
            let plank = (v / 420.0).floor();
            let warp = fbm(seed + plank as u64, u * 0.0015, v * 0.004) * 14.0;
            let grain = ((v * 0.05 + warp).sin() * 0.5 + 0.5).powf(3.0);
            let fine = noise(seed + 7, u * 0.01, v * 0.8);
            let seam = if (v / 420.0).fract() < 0.006 { 0.35 } else { 0.0 };
            mix(mix(a, b, grain * 0.6 + fine * 0.25 + hash(seed, plank as i64, 0) * 0.15), [30, 20, 12], seam)
        }
        Surface::Granite => {
            let n = hash(seed, x as i64, y as i64);
            let base = mix(a, b, fbm(seed, x * 0.02, y * 0.02));
            if n > 0.93 {
                mix(base, [20, 20, 20], 0.7)
            } else if n < 0.05 {
                mix(base, [240, 240, 235], 0.6)
            } else {
                base
            }
        }
        Surface::Marble => {
            let vein = ((x * 0.01 + y * 0.004 + fbm(seed, x * 0.006, y * 0.006) * 6.0).sin()).abs();
            mix(b, a, vein.powf(0.25))
        }
        Surface::Cloth => {
            let weave = ((x * 1.3).sin() * (y * 1.3).sin()) * 0.5 + 0.5;
            mix(a, b, weave * 0.4 + fbm(seed, x * 0.01, y * 0.01) * 0.6)
        }
        Surface::Carpet | Surface::Hand => {
            mix(a, b, hash(seed, x as i64, y as i64) * 0.5 + fbm(seed, x * 0.03, y * 0.03) * 0.5)
        }
    }
}

fn palette(surface: Surface, rng: &mut Rng) -> (Color, Color) {
    let options: &[(Color, Color)] = match surface {
        Surface::Wood => &[
            ([196, 160, 112], [150, 110, 70]),
            ([110, 74, 48], [70, 45, 30]),
            ([214, 200, 180], [180, 165, 145]),
            ([150, 100, 60], [100, 62, 36]),
        ],
        Surface::Granite => {
            &[([60, 60, 62], [100, 98, 96]), ([190, 180, 165], [150, 140, 125]), ([30, 30, 32], [70, 70, 75])]
        }
        Surface::Marble => &[([235, 235, 232], [150, 150, 155]), ([240, 236, 228], [190, 175, 160])],
        Surface::Cloth => {
            &[([50, 70, 110], [80, 100, 140]), ([120, 120, 120], [90, 90, 95]), ([140, 40, 45], [110, 30, 35])]
        }
        Surface::Carpet => &[([150, 140, 120], [110, 100, 85]), ([90, 90, 100], [60, 60, 70])],
        Surface::Hand => &[([70, 75, 80], [120, 120, 118]), ([160, 150, 135], [110, 100, 90])],
    };
    *rng.pick(options)
}

/// A `w`×`h` picture of `surface`.
pub fn background(surface: Surface, w: u32, h: u32, rng: &mut Rng) -> RgbImage {
    let pal = palette(surface, rng);
    let seed = rng.next_u64();
    let angle = rng.float(-0.3, 0.3) + if rng.chance(0.5) { std::f32::consts::FRAC_PI_2 } else { 0.0 };
    let (sw, sh) = (w / 4, h / 4);
    let small = RgbImage::from_fn(sw, sh, |x, y| Rgb(texel(surface, seed, pal, x as f32 * 4.0, y as f32 * 4.0, angle)));
    let blur_out = if surface == Surface::Hand { 6.0 } else { 0.0 };
    let small = if blur_out > 0.0 { imageops::blur(&small, blur_out) } else { small };
    imageops::resize(&small, w, h, FilterType::Triangle)
}

/// A hand holding the document: fingers behind the far edge, a thumb over the near
/// edge at `thumb` (photo pixels), pointing along `dir`.
pub fn thumb(img: &mut RgbImage, at: (f32, f32), dir: (f32, f32), size: f32, skin: Color) {
    let (w, h) = img.dimensions();
    let (len, rad) = (size * 1.6, size * 0.42);
    let (x0, x1) = ((at.0 - len).max(0.0) as u32, ((at.0 + len) as u32).min(w));
    let (y0, y1) = ((at.1 - len).max(0.0) as u32, ((at.1 + len) as u32).min(h));
    for y in y0..y1 {
        for x in x0..x1 {
            let (px, py) = (x as f32 - at.0, y as f32 - at.1);
            let t = (px * dir.0 + py * dir.1).clamp(-len, 0.0);
            let (qx, qy) = (px - t * dir.0, py - t * dir.1);
            let d = (qx * qx + qy * qy).sqrt() - rad;
            if d < 1.0 {
                let a = (0.5 - d).clamp(0.0, 1.0);
                let side = ((-qy * dir.0 + qx * dir.1) / rad).clamp(-1.0, 1.0);
                let edge = ((qx * qx + qy * qy).sqrt() / rad).min(1.0).powi(4);
                let light = (0.88 + 0.12 * side) * (1.0 - 0.3 * edge);
                let c = skin.map(|v| (f32::from(v) * light).clamp(0.0, 255.0) as u8);
                let p = img.get_pixel_mut(x, y);
                p.0 = mix(p.0, c, a);
            }
        }
    }
}

/// Skin tones for hands.
pub const SKIN: &[Color] = &[[232, 190, 160], [205, 150, 115], [160, 110, 80], [110, 75, 55]];

/// Light falling on the scene: exposure, a gradient across the frame, vignetting, a
/// colour cast and sensor noise of `noise_sigma` levels.
pub struct Light {
    pub exposure: f32,
    pub gradient: (f32, f32),
    pub vignette: f32,
    pub tint: [f32; 3],
    pub noise_sigma: f32,
}

impl Light {
    pub fn random(rng: &mut Rng) -> Light {
        let warm = rng.float(-0.08, 0.1);
        Light {
            exposure: rng.float(0.82, 1.05),
            gradient: (rng.float(-0.35, 0.35), rng.float(-0.35, 0.35)),
            vignette: rng.float(0.03, 0.25),
            tint: [1.0 + warm, 1.0, 1.0 - warm],
            noise_sigma: rng.float(1.0, 4.0),
        }
    }

    /// Applies the light to every pixel.
    pub fn apply(&self, img: &mut RgbImage, rng: &mut Rng) {
        let (w, h) = img.dimensions();
        let (fw, fh) = (w as f32, h as f32);
        for (x, y, p) in img.enumerate_pixels_mut() {
            let (nx, ny) = (x as f32 / fw - 0.5, y as f32 / fh - 0.5);
            let l = self.exposure
                * (1.0 + self.gradient.0 * nx + self.gradient.1 * ny)
                * (1.0 - self.vignette * (nx * nx + ny * ny) * 2.0);
            let r = rng.next_u64();
            let n = (((r & 0xFFFF) as f32 + ((r >> 16) & 0xFFFF) as f32) / 65535.0 - 1.0) * self.noise_sigma * 2.45;
            for c in 0..3 {
                p.0[c] = (f32::from(p.0[c]) * l * self.tint[c] + n).clamp(0.0, 255.0) as u8;
            }
        }
    }
}
