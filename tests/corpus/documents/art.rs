//! The pictures and security printing on documents: portraits, guilloche waves and
//! rosettes, microtext, an iridescent overlay, stars and seals, signatures, barcodes.

use super::canvas::{mix, Canvas, Color, Pen, Rect};
use super::fonts::Face;
use super::Rng;

use std::f32::consts::TAU;

/// Colours that vary between holders: skin, hair, clothing, backdrop.
struct Looks {
    skin: Color,
    hair: Color,
    shirt: Color,
    backdrop: Color,
    long_hair: bool,
    glasses: bool,
}

fn looks(rng: &mut Rng) -> Looks {
    let skins: [Color; 6] =
        [[241, 205, 180], [224, 172, 138], [198, 140, 105], [160, 110, 80], [120, 80, 58], [88, 58, 44]];
    let hairs: [Color; 6] = [[30, 24, 20], [70, 48, 30], [120, 86, 50], [190, 160, 110], [150, 150, 150], [95, 40, 25]];
    let shirts: [Color; 6] =
        [[40, 60, 110], [120, 30, 40], [50, 90, 60], [60, 60, 64], [200, 200, 205], [110, 80, 140]];
    let drops: [Color; 4] = [[214, 222, 232], [236, 236, 236], [190, 205, 225], [225, 218, 200]];
    Looks {
        skin: *rng.pick(&skins),
        hair: *rng.pick(&hairs),
        shirt: *rng.pick(&shirts),
        backdrop: *rng.pick(&drops),
        long_hair: rng.chance(0.45),
        glasses: rng.chance(0.25),
    }
}

/// A head-and-shoulders portrait filling `r`; `ghost` draws it faint and grey, as the
/// small second portrait on licences.
pub fn portrait(cv: &mut Canvas, r: Rect, rng: &mut Rng, ghost: bool) {
    let lk = looks(rng);
    let mut sub = Canvas::new(r.w, r.h, cv.s, lk.backdrop);
    let (w, h) = (r.w, r.h);
    sub.gradient(Rect::new(0.0, 0.0, w, h), mix(lk.backdrop, [255, 255, 255], 0.3), lk.backdrop, false);
    let (cx, head_y) = (w / 2.0 + rng.float(-0.04, 0.04) * w, h * 0.42);
    let (hrx, hry) = (w * 0.22, h * 0.24);
    if lk.long_hair {
        sub.ellipse((cx, head_y + hry * 0.35), (hrx * 1.35, hry * 1.3), lk.hair, 1.0);
    }
    sub.ellipse((cx, h * 1.0), (w * 0.5, h * 0.3), lk.shirt, 1.0);
    sub.fill(
        Rect::new(cx - hrx * 0.45, head_y + hry * 0.6, hrx * 0.9, h * 0.73 - head_y - hry * 0.6),
        shade(lk.skin, 0.88),
        1.0,
    );
    sub.ellipse((cx, h * 0.72), (hrx * 0.55, h * 0.035), shade(lk.skin, 0.85), 1.0);
    sub.ellipse((cx - hrx, head_y + hry * 0.05), (hrx * 0.16, hry * 0.2), shade(lk.skin, 0.9), 1.0);
    sub.ellipse((cx + hrx, head_y + hry * 0.05), (hrx * 0.16, hry * 0.2), shade(lk.skin, 0.9), 1.0);
    sub.ellipse((cx, head_y), (hrx, hry), lk.skin, 1.0);
    sub.ellipse((cx + hrx * 0.25, head_y - hry * 0.1), (hrx * 0.6, hry * 0.75), shade(lk.skin, 1.06), 0.5);
    sub.ellipse((cx, head_y - hry * 0.62), (hrx * 1.04, hry * 0.5), lk.hair, 1.0);
    face_features(&mut sub, (cx, head_y), (hrx, hry), &lk);
    if ghost {
        grey_out(&mut sub);
    }
    cv.paste(&sub.img, r.x, r.y, if ghost { 0.55 } else { 1.0 });
}

fn face_features(sub: &mut Canvas, (cx, cy): (f32, f32), (rx, ry): (f32, f32), lk: &Looks) {
    let dark = shade(lk.hair, 0.8);
    for side in [-1.0f32, 1.0] {
        let ex = cx + side * rx * 0.4;
        let ey = cy - ry * 0.05;
        sub.line((ex - rx * 0.2, ey - ry * 0.2), (ex + rx * 0.2, ey - ry * 0.22), ry * 0.05, dark, 0.9);
        sub.ellipse((ex, ey), (rx * 0.14, ry * 0.07), [245, 245, 240], 1.0);
        sub.ellipse((ex, ey), (rx * 0.07, ry * 0.065), [50, 40, 35], 1.0);
        if lk.glasses {
            sub.ring((ex, ey), rx * 0.26, rx * 0.04, [40, 40, 40], 0.9);
        }
    }
    let nose = shade(lk.skin, 0.78);
    sub.line((cx, cy), (cx - rx * 0.08, cy + ry * 0.3), rx * 0.05, nose, 0.8);
    sub.line((cx - rx * 0.08, cy + ry * 0.3), (cx + rx * 0.08, cy + ry * 0.32), rx * 0.05, nose, 0.8);
    let lip = mix(lk.skin, [150, 60, 60], 0.45);
    let mouth: Vec<(f32, f32)> = (0..=8)
        .map(|i| (i as f32 / 8.0 - 0.5, 0.0))
        .map(|(t, _)| (cx + t * rx * 0.7, cy + ry * (0.55 + 0.12 * (1.0 - 4.0 * t * t) * 0.4)))
        .collect();
    sub.polyline(&mouth, ry * 0.05, lip, 1.0);
}

fn shade(c: Color, k: f32) -> Color {
    c.map(|v| (f32::from(v) * k).clamp(0.0, 255.0) as u8)
}

fn grey_out(cv: &mut Canvas) {
    for p in cv.img.pixels_mut() {
        let l = (0.3 * f32::from(p.0[0]) + 0.59 * f32::from(p.0[1]) + 0.11 * f32::from(p.0[2])) as u8;
        let l = 120 + l / 2;
        p.0 = [l, l, l];
    }
}

/// Rows of fine wavy lines over `r`, as printed under the data of most IDs.
pub fn waves(cv: &mut Canvas, r: Rect, color: Color, alpha: f32, rng: &mut Rng) {
    let rows = rng.range(8, 22) as usize;
    let amp = rng.float(0.8, 3.0);
    let wave = rng.float(9.0, 30.0);
    let harmonic = rng.float(1.5, 3.5);
    let phase0 = rng.float(0.0, TAU);
    let step = (0.6 / cv.s * 4.0).max(0.25);
    for k in 0..rows {
        let y0 = r.y + r.h * (k as f32 + 0.5) / rows as f32;
        let phase = phase0 + k as f32 * 0.55;
        let n = (r.w / step) as usize + 1;
        let pts: Vec<(f32, f32)> = (0..=n)
            .map(|i| {
                let x = r.x + i as f32 * step;
                let t = x / wave * TAU;
                (x, y0 + amp * (t + phase).sin() + amp * 0.4 * (t * harmonic + phase * 2.0).sin())
            })
            .collect();
        cv.polyline(&pts, 0.09, color, alpha);
    }
}

/// A guilloche rosette centred at `c` with outer radius `radius`.
pub fn rosette(cv: &mut Canvas, c: (f32, f32), radius: f32, color: Color, alpha: f32, rng: &mut Rng) {
    let petals = rng.range(9, 24) as f32;
    let loops = rng.range(10, 26);
    for k in 0..loops {
        let base = radius * (0.45 + 0.5 * k as f32 / loops as f32);
        let phase = k as f32 * 0.37;
        let pts: Vec<(f32, f32)> = (0..=360)
            .map(|i| {
                let t = i as f32 / 360.0 * TAU;
                let rr = base + radius * 0.12 * (petals * t + phase).sin();
                (c.0 + rr * t.cos(), c.1 + rr * t.sin())
            })
            .collect();
        cv.polyline(&pts, 0.08, color, alpha);
    }
}

/// Lines of tiny repeated words filling `r` (microprinting).
pub fn microtext(cv: &mut Canvas, r: Rect, word: &str, color: Color, alpha: f32) {
    let pen = Pen::new(Face::Narrow, 0.9, color).alpha(alpha);
    let line = format!("{word} ").repeat((r.w / (word.len() as f32 * 0.45)).ceil() as usize + 2);
    let mut y = r.y + 1.0;
    let mut shift = 0.0;
    while y < r.bottom() {
        cv.text(&pen, r.x - shift, y, &line);
        y += 1.3;
        shift = (shift + 1.7) % 6.0;
    }
}

/// A translucent rainbow sheen over `r`, with a few concentric ovals: the laminate's
/// hologram. It lies over whatever was printed there.
pub fn hologram(cv: &mut Canvas, r: Rect, alpha: f32, rng: &mut Rng) {
    let (x0, y0) = ((r.x * cv.s) as i64, (r.y * cv.s) as i64);
    let (x1, y1) = (((r.x + r.w) * cv.s) as i64, ((r.y + r.h) * cv.s) as i64);
    let freq = rng.float(0.006, 0.02);
    let (cx, cy) = ((x0 + x1) as f32 / 2.0, (y0 + y1) as f32 / 2.0);
    let (rx, ry) = ((x1 - x0) as f32 / 2.0, (y1 - y0) as f32 / 2.0);
    for y in y0..y1 {
        for x in x0..x1 {
            let (nx, ny) = ((x as f32 - cx) / rx, (y as f32 - cy) / ry);
            let d = nx * nx + ny * ny;
            if d > 1.0 {
                continue;
            }
            let hue = ((x + y) as f32 * freq + d * 3.0).fract();
            let ringy = 0.5 + 0.5 * (d.sqrt() * 40.0).sin();
            cv.put(x, y, hue_color(hue), alpha * (1.0 - d) * (0.5 + 0.5 * ringy));
        }
    }
}

fn hue_color(h: f32) -> Color {
    let f = |o: f32| ((((h + o) * TAU).cos() * 0.5 + 0.5) * 200.0 + 55.0) as u8;
    [f(0.0), f(0.33), f(0.67)]
}

/// A filled star with `points` points.
pub fn star(cv: &mut Canvas, c: (f32, f32), radius: f32, color: Color, alpha: f32) {
    let pts: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let t = i as f32 / 10.0 * TAU - TAU / 4.0;
            let rr = if i % 2 == 0 { radius } else { radius * 0.4 };
            (c.0 + rr * t.cos(), c.1 + rr * t.sin())
        })
        .collect();
    polygon(cv, &pts, color, alpha);
}

/// A filled polygon (even-odd rule), 2×2 supersampled.
pub fn polygon(cv: &mut Canvas, pts: &[(f32, f32)], color: Color, alpha: f32) {
    let s = cv.s;
    let xs = pts.iter().map(|p| p.0 * s);
    let ys = pts.iter().map(|p| p.1 * s);
    let (x0, x1) = (xs.clone().fold(f32::MAX, f32::min) as i64, xs.fold(f32::MIN, f32::max) as i64 + 1);
    let (y0, y1) = (ys.clone().fold(f32::MAX, f32::min) as i64, ys.fold(f32::MIN, f32::max) as i64 + 1);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let mut cov = 0.0;
            for (ox, oy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                if inside(pts, (x as f32 + ox) / s, (y as f32 + oy) / s) {
                    cov += 0.25;
                }
            }
            cv.put(x, y, color, cov * alpha);
        }
    }
}

fn inside(pts: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = pts.len() - 1;
    for i in 0..pts.len() {
        let (a, b) = (pts[i], pts[j]);
        if (a.1 > y) != (b.1 > y) && x < (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0 {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// An embossed-looking seal: rings, ticks and a star, with `label` above the star.
pub fn seal(cv: &mut Canvas, c: (f32, f32), radius: f32, color: Color, alpha: f32) {
    cv.ring(c, radius, radius * 0.04, color, alpha);
    cv.ring(c, radius * 0.82, radius * 0.025, color, alpha);
    for i in 0..48 {
        let t = i as f32 / 48.0 * TAU;
        let (a, b) = (radius * 0.85, radius * 0.97);
        cv.line((c.0 + a * t.cos(), c.1 + a * t.sin()), (c.0 + b * t.cos(), c.1 + b * t.sin()), 0.15, color, alpha);
    }
    star(cv, c, radius * 0.45, color, alpha * 0.8);
    cv.ring(c, radius * 0.6, radius * 0.02, color, alpha);
}

/// A handwritten signature in `r`: the name in a script face, or (`scribble`) an
/// unreadable flourish.
pub fn signature(cv: &mut Canvas, r: Rect, name: &str, scribble: bool, rng: &mut Rng) {
    let ink = *rng.pick(&[[20, 30, 90], [25, 25, 30], [30, 40, 120]]);
    if !scribble {
        let face = *rng.pick(&[Face::Script, Face::Chancery]);
        let pen = super::canvas::fit(Pen::new(face, r.h * 0.8, ink), name, r.w);
        cv.text(&pen, r.x, r.y + r.h * 0.75, name);
        return;
    }
    let n = 120;
    let loops = rng.float(5.0, 11.0);
    let slant = rng.float(0.1, 0.35);
    let pts: Vec<(f32, f32)> = (0..=n)
        .map(|i| {
            let t = i as f32 / n as f32;
            let a = t * loops * TAU;
            let amp = r.h * 0.38 * (1.0 - 0.5 * t) * (0.6 + 0.4 * (t * 7.0).sin());
            let y = r.y + r.h * 0.55 + amp * a.sin();
            let x = r.x + r.w * (0.05 + 0.9 * t) + r.h * 0.25 * a.cos() + slant * (r.y + r.h * 0.55 - y);
            (x, y)
        })
        .collect();
    cv.polyline(&pts, 0.28, ink, 0.95);
    let y = r.y + r.h * 0.85;
    cv.line((r.x + r.w * 0.1, y), (r.x + r.w * 0.8, y - r.h * 0.1), 0.25, ink, 0.9);
}

/// A one-dimensional barcode of random bars filling `r`.
pub fn barcode(cv: &mut Canvas, r: Rect, rng: &mut Rng) {
    let mut x = r.x;
    let unit = r.w / 180.0;
    while x < r.right() - unit * 4.0 {
        let w = unit * rng.range(1, 4) as f32;
        cv.fill(Rect::new(x, r.y, w, r.h), [15, 15, 15], 1.0);
        x += w + unit * rng.range(1, 4) as f32;
    }
}

/// A PDF417-like block of modules filling `r` (decorative: it encodes nothing).
pub fn stacked_code(cv: &mut Canvas, r: Rect, rng: &mut Rng) {
    let rows = 24;
    let cols = 110;
    let (mw, mh) = (r.w / cols as f32, r.h / rows as f32);
    for row in 0..rows {
        for col in 0..cols {
            let edge = !(8..cols - 8).contains(&col);
            let on = if edge { (col % 3 == 0) || col == 1 } else { rng.chance(0.5) };
            if on {
                cv.fill(Rect::new(r.x + col as f32 * mw, r.y + row as f32 * mh, mw, mh), [12, 12, 12], 1.0);
            }
        }
    }
}
