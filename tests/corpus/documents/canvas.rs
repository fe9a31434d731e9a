//! A small raster canvas addressed in millimetres: filled shapes, anti-aliased lines
//! and ellipses, and text set with `ab_glyph`. Documents are drawn on it at a fixed
//! resolution (`s` pixels per millimetre) and the captures resample the result.

use ab_glyph::{point, Font, FontArc, PxScale, ScaleFont};
use image::{Rgb, RgbImage};

use super::fonts::Face;

pub type Color = [u8; 3];

pub const BLACK: Color = [20, 20, 24];
pub const WHITE: Color = [255, 255, 255];

/// A rectangle in millimetres (or in pixels where a comment says so).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn union(self, o: Rect) -> Rect {
        let x0 = self.x.min(o.x);
        let y0 = self.y.min(o.y);
        let x1 = (self.x + self.w).max(o.x + o.w);
        let y1 = (self.y + self.h).max(o.y + o.h);
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    pub fn pad(self, m: f32) -> Rect {
        Rect::new(self.x - m, self.y - m, self.w + 2.0 * m, self.h + 2.0 * m)
    }

    pub fn scaled(self, k: f32) -> Rect {
        Rect::new(self.x * k, self.y * k, self.w * k, self.h * k)
    }

    pub fn right(self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(self) -> f32 {
        self.y + self.h
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a run of text is set: face, em size in millimetres, colour, opacity, extra
/// letter spacing in millimetres and alignment about the given x.
#[derive(Debug, Clone, Copy)]
pub struct Pen {
    pub face: Face,
    pub size: f32,
    pub color: Color,
    pub alpha: f32,
    pub spacing: f32,
    pub align: Align,
}

impl Pen {
    pub fn new(face: Face, size: f32, color: Color) -> Pen {
        Pen { face, size, color, alpha: 1.0, spacing: 0.0, align: Align::Left }
    }

    pub fn alpha(self, alpha: f32) -> Pen {
        Pen { alpha, ..self }
    }

    pub fn spacing(self, spacing: f32) -> Pen {
        Pen { spacing, ..self }
    }

    pub fn align(self, align: Align) -> Pen {
        Pen { align, ..self }
    }

    pub fn size(self, size: f32) -> Pen {
        Pen { size, ..self }
    }

    pub fn color(self, color: Color) -> Pen {
        Pen { color, ..self }
    }

    pub fn face(self, face: Face) -> Pen {
        Pen { face, ..self }
    }
}

fn em_scale(font: &FontArc, em_px: f32) -> PxScale {
    let upem = font.units_per_em().unwrap_or(1000.0);
    PxScale::from(em_px * font.height_unscaled() / upem)
}

/// Width in millimetres of `text` set with `pen`.
pub fn measure(pen: &Pen, text: &str) -> f32 {
    let font = pen.face.font();
    let scaled = font.as_scaled(em_scale(&font, 100.0));
    let mut width = 0.0;
    let mut prev = None;
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = prev {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id) + pen.spacing * 100.0 / pen.size;
        prev = Some(id);
    }
    width * pen.size / 100.0
}

/// `pen` made smaller, if needed, so that `text` fits in `max_w` millimetres.
pub fn fit(pen: Pen, text: &str, max_w: f32) -> Pen {
    let w = measure(&pen, text);
    if w <= max_w {
        pen
    } else {
        pen.size(pen.size * max_w / w)
    }
}

/// A drawing surface: `img` with `s` pixels per millimetre, and every run of text set
/// on it with its box (mm), so that a design's fields can be found afterwards.
pub struct Canvas {
    pub img: RgbImage,
    pub s: f32,
    pub log: Vec<(String, Rect)>,
}

impl Canvas {
    pub fn new(w_mm: f32, h_mm: f32, s: f32, bg: Color) -> Canvas {
        let w = (w_mm * s).round() as u32;
        let h = (h_mm * s).round() as u32;
        Canvas { img: RgbImage::from_pixel(w, h, Rgb(bg)), s, log: Vec::new() }
    }

    pub fn w_mm(&self) -> f32 {
        self.img.width() as f32 / self.s
    }

    pub fn h_mm(&self) -> f32 {
        self.img.height() as f32 / self.s
    }

    /// Blends `c` into one pixel with opacity `a`.
    pub fn put(&mut self, x: i64, y: i64, c: Color, a: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.img.width()) || y >= i64::from(self.img.height()) || a <= 0.0 {
            return;
        }
        let a = a.min(1.0);
        let p = self.img.get_pixel_mut(x as u32, y as u32);
        for (v, n) in p.0.iter_mut().zip(c) {
            *v = (f32::from(*v) * (1.0 - a) + f32::from(n) * a).round() as u8;
        }
    }

    fn px_span(&self, r: Rect) -> (i64, i64, i64, i64) {
        let x0 = (r.x * self.s).floor().max(0.0) as i64;
        let y0 = (r.y * self.s).floor().max(0.0) as i64;
        let x1 = ((r.x + r.w) * self.s).ceil().min(self.img.width() as f32) as i64;
        let y1 = ((r.y + r.h) * self.s).ceil().min(self.img.height() as f32) as i64;
        (x0, y0, x1, y1)
    }

    pub fn fill(&mut self, r: Rect, c: Color, a: f32) {
        let (x0, y0, x1, y1) = self.px_span(r);
        for y in y0..y1 {
            for x in x0..x1 {
                self.put(x, y, c, a);
            }
        }
    }

    /// A linear gradient from `from` to `to`, top to bottom or (`across`) left to right.
    pub fn gradient(&mut self, r: Rect, from: Color, to: Color, across: bool) {
        let (x0, y0, x1, y1) = self.px_span(r);
        for y in y0..y1 {
            for x in x0..x1 {
                let t = if across {
                    (x - x0) as f32 / (x1 - x0).max(1) as f32
                } else {
                    (y - y0) as f32 / (y1 - y0).max(1) as f32
                };
                self.put(x, y, mix(from, to, t), 1.0);
            }
        }
    }

    /// The outline of `r`, `width` millimetres wide.
    pub fn frame(&mut self, r: Rect, width: f32, c: Color) {
        self.fill(Rect::new(r.x, r.y, r.w, width), c, 1.0);
        self.fill(Rect::new(r.x, r.bottom() - width, r.w, width), c, 1.0);
        self.fill(Rect::new(r.x, r.y, width, r.h), c, 1.0);
        self.fill(Rect::new(r.right() - width, r.y, width, r.h), c, 1.0);
    }

    /// An anti-aliased segment `width` millimetres wide.
    pub fn line(&mut self, a: (f32, f32), b: (f32, f32), width: f32, c: Color, alpha: f32) {
        let s = self.s;
        let (ax, ay, bx, by) = (a.0 * s, a.1 * s, b.0 * s, b.1 * s);
        let half = (width * s / 2.0).max(0.35);
        let x0 = (ax.min(bx) - half - 1.0).floor() as i64;
        let x1 = (ax.max(bx) + half + 1.0).ceil() as i64;
        let y0 = (ay.min(by) - half - 1.0).floor() as i64;
        let y1 = (ay.max(by) + half + 1.0).ceil() as i64;
        let (dx, dy) = (bx - ax, by - ay);
        let len2 = (dx * dx + dy * dy).max(1e-6);
        let thin = (width * s).min(1.0);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let t = (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0);
                let (qx, qy) = (ax + t * dx - px, ay + t * dy - py);
                let d = (qx * qx + qy * qy).sqrt();
                let cov = (half - d + 0.5).clamp(0.0, 1.0) * thin;
                self.put(x, y, c, cov * alpha);
            }
        }
    }

    pub fn polyline(&mut self, pts: &[(f32, f32)], width: f32, c: Color, alpha: f32) {
        for w in pts.windows(2) {
            self.line(w[0], w[1], width, c, alpha);
        }
    }

    /// A filled, anti-aliased ellipse.
    pub fn ellipse(&mut self, center: (f32, f32), radii: (f32, f32), c: Color, alpha: f32) {
        let s = self.s;
        let (cx, cy, rx, ry) = (center.0 * s, center.1 * s, radii.0 * s, radii.1 * s);
        let rmin = rx.min(ry).max(0.5);
        for y in (cy - ry - 1.0).floor() as i64..=(cy + ry + 1.0).ceil() as i64 {
            for x in (cx - rx - 1.0).floor() as i64..=(cx + rx + 1.0).ceil() as i64 {
                let nx = (x as f32 + 0.5 - cx) / rx;
                let ny = (y as f32 + 0.5 - cy) / ry;
                let d = ((nx * nx + ny * ny).sqrt() - 1.0) * rmin;
                self.put(x, y, c, (0.5 - d).clamp(0.0, 1.0) * alpha);
            }
        }
    }

    /// A circle outline `width` millimetres wide.
    pub fn ring(&mut self, center: (f32, f32), r: f32, width: f32, c: Color, alpha: f32) {
        let s = self.s;
        let (cx, cy, rp, half) = (center.0 * s, center.1 * s, r * s, width * s / 2.0);
        let reach = rp + half + 1.0;
        for y in (cy - reach).floor() as i64..=(cy + reach).ceil() as i64 {
            for x in (cx - reach).floor() as i64..=(cx + reach).ceil() as i64 {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                let d = ((dx * dx + dy * dy).sqrt() - rp).abs();
                self.put(x, y, c, (half - d + 0.5).clamp(0.0, 1.0) * alpha);
            }
        }
    }

    /// Sets `text` with its baseline at `y` and returns the box it occupies (mm).
    pub fn text(&mut self, pen: &Pen, x: f32, y: f32, text: &str) -> Rect {
        let mask = Mask::new(pen, self.s, text);
        let left = match pen.align {
            Align::Left => x,
            Align::Center => x - mask.width_mm / 2.0,
            Align::Right => x - mask.width_mm,
        };
        let ox = (left * self.s).round() as i64 - mask.pad;
        let oy = (y * self.s).round() as i64 - mask.base;
        for my in 0..mask.h {
            for mx in 0..mask.w {
                let a = mask.data[my * mask.w + mx];
                if a > 0.0 {
                    self.put(ox + mx as i64, oy + my as i64, pen.color, a * pen.alpha);
                }
            }
        }
        let r = Rect::new(left, y - mask.ascent_mm, mask.width_mm, mask.ascent_mm + mask.descent_mm);
        self.log.push((text.to_string(), r));
        r
    }

    /// Sets `text` centred on `c` (mm), turned by `degrees` (counter-clockwise).
    pub fn text_turned(&mut self, pen: &Pen, c: (f32, f32), degrees: f32, text: &str) {
        let mask = Mask::new(pen, self.s, text);
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (mcx, mcy) = (mask.w as f32 / 2.0, (mask.base as f32 - mask.ascent_mm * self.s / 2.0).max(0.0));
        let reach = ((mask.w * mask.w + mask.h * mask.h) as f32).sqrt() / 2.0 + mask.h as f32;
        let (cx, cy) = (c.0 * self.s, c.1 * self.s);
        for y in (cy - reach) as i64..=(cy + reach) as i64 {
            for x in (cx - reach) as i64..=(cx + reach) as i64 {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                let u = dx * cos - dy * sin + mcx;
                let v = dx * sin + dy * cos + mcy;
                let a = mask.sample(u, v);
                if a > 0.0 {
                    self.put(x, y, pen.color, a * pen.alpha);
                }
            }
        }
    }

    /// Copies `src` onto the canvas at (`x`, `y`) mm, with opacity `alpha`.
    pub fn paste(&mut self, src: &RgbImage, x: f32, y: f32, alpha: f32) {
        let (ox, oy) = ((x * self.s).round() as i64, (y * self.s).round() as i64);
        for (sx, sy, p) in src.enumerate_pixels() {
            self.put(ox + i64::from(sx), oy + i64::from(sy), p.0, alpha);
        }
    }

    /// Paints `outside` over the corners beyond a rounded rectangle of radius `r` mm.
    pub fn round_corners(&mut self, r: f32, outside: Color) {
        let rp = r * self.s;
        let (w, h) = (self.img.width() as f32, self.img.height() as f32);
        for y in 0..self.img.height() {
            for x in 0..self.img.width() {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let cx = px.clamp(rp, w - rp);
                let cy = py.clamp(rp, h - rp);
                let d = ((px - cx).powi(2) + (py - cy).powi(2)).sqrt() - rp;
                if d > -1.0 {
                    self.put(i64::from(x), i64::from(y), outside, (d + 0.5).clamp(0.0, 1.0));
                }
            }
        }
    }
}

/// Linear mix of two colours, `t` = 0 gives `a`.
pub fn mix(a: Color, b: Color, t: f32) -> Color {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

/// Glyph coverage of one run of text, `pad` pixels of margin on the left and the
/// baseline `base` pixels from the top.
struct Mask {
    data: Vec<f32>,
    w: usize,
    h: usize,
    pad: i64,
    base: i64,
    width_mm: f32,
    ascent_mm: f32,
    descent_mm: f32,
}

impl Mask {
    fn new(pen: &Pen, s: f32, text: &str) -> Mask {
        let font = pen.face.font();
        let scale = em_scale(&font, pen.size * s);
        let scaled = font.as_scaled(scale);
        let width_mm = measure(pen, text);
        let pad = (pen.size * s).ceil() as i64;
        let base = (scaled.ascent() * 1.3).ceil() as i64 + 2;
        let w = ((width_mm * s).ceil() as i64 + 2 * pad) as usize;
        let h = (base as f32 - scaled.descent() * 1.3 + 2.0).ceil() as usize;
        let mut data = vec![0.0f32; w * h];
        let mut cx = pad as f32;
        let mut prev = None;
        for ch in text.chars() {
            let id = scaled.glyph_id(ch);
            if let Some(p) = prev {
                cx += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(scale, point(cx, base as f32));
            if let Some(outlined) = font.outline_glyph(glyph) {
                let b = outlined.px_bounds();
                outlined.draw(|gx, gy, cov| {
                    let x = b.min.x as i64 + i64::from(gx);
                    let y = b.min.y as i64 + i64::from(gy);
                    if x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h {
                        let cell = &mut data[y as usize * w + x as usize];
                        *cell = (*cell + cov).min(1.0);
                    }
                });
            }
            cx += scaled.h_advance(id) + pen.spacing * s;
            prev = Some(id);
        }
        Mask { data, w, h, pad, base, width_mm, ascent_mm: scaled.ascent() / s, descent_mm: -scaled.descent() / s }
    }

    fn sample(&self, u: f32, v: f32) -> f32 {
        if u < 0.0 || v < 0.0 {
            return 0.0;
        }
        let (x, y) = (u.floor() as usize, v.floor() as usize);
        if x + 1 >= self.w || y + 1 >= self.h {
            return 0.0;
        }
        let (fx, fy) = (u - x as f32, v - y as f32);
        let at = |xx: usize, yy: usize| self.data[yy * self.w + xx];
        let top = at(x, y) * (1.0 - fx) + at(x + 1, y) * fx;
        let bottom = at(x, y + 1) * (1.0 - fx) + at(x + 1, y + 1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}
