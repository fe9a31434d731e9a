//! Finding a machine-readable zone by its look, as document readers do (Hans Boone's
//! method, as PassportEye applies it): dark print on a lighter ground (black-hat),
//! where many upright strokes stand side by side (horizontal gradient), closed into
//! solid bands; a band far longer than it is high, at any angle, is a zone or one of
//! its lines, and lines side by side are joined into one zone. The zone is then cut
//! out upright for OCR. Pure over pixels: no OCR here.

use image::GrayImage;

use super::framing;

/// Widths the picture is searched at: a passport page's zone shows at the first; a
/// card's on a phone photo of a table, or a zone in a large scan, at the larger ones.
const SEARCH_WIDTHS: [u32; 3] = [250, 500, 1000];
/// Side of the square structuring element, in pixels at the search width.
const STROKE: usize = 5;
/// A zone (or one of its lines) is at least this many times longer than high.
const MIN_ASPECT: f32 = 5.0;
/// Smallest bounding box worth a look, in pixels at the 250-px width (PassportEye's).
const MIN_AREA_AT_250: f32 = 500.0;
/// The largest bands kept at each width.
const BANDS_PER_WIDTH: usize = 4;
/// Bands whose directions differ by less than this (radians) are parallel.
const ANGLE_TOLERANCE: f32 = 0.1;

/// A band of a picture that may hold a zone: its centre, the direction its lines run
/// (radians, within ±π/2, as the picture's rows run at 0), and its extent along and
/// across that direction, in the picture's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoneBox {
    pub cx: f32,
    pub cy: f32,
    pub angle: f32,
    pub length: f32,
    pub thickness: f32,
}

impl ZoneBox {
    fn area(&self) -> f32 {
        self.length * self.thickness
    }

    /// The angle that turns the band's lines to run left to right, the way up given.
    pub fn reading_angle(&self, turned: bool) -> f32 {
        if turned {
            self.angle + std::f32::consts::PI
        } else {
            self.angle
        }
    }
}

/// A band while it is found: its box and the pixels it was made of (search scale).
struct Band {
    zone: ZoneBox,
    points: Vec<(f32, f32)>,
}

/// Bands that may hold a zone, the most likely first (largest at the smallest width,
/// then the larger widths' bands that are new).
pub fn find(gray: &GrayImage) -> Vec<ZoneBox> {
    let mut found: Vec<ZoneBox> = Vec::new();
    let mut widths: Vec<u32> = SEARCH_WIDTHS.iter().map(|&w| w.min(gray.width())).collect();
    widths.dedup();
    for width in widths {
        let scale = width as f32 / gray.width().max(1) as f32;
        let height = ((gray.height() as f32 * scale).round() as u32).max(1);
        if width < 2 * STROKE as u32 || height < 2 * STROKE as u32 {
            continue;
        }
        let small = framing::resize_gray(gray, width, height);
        for band in bands(&small) {
            let z = band.zone;
            let zone = ZoneBox {
                cx: z.cx / scale,
                cy: z.cy / scale,
                angle: z.angle,
                length: z.length / scale,
                thickness: z.thickness / scale,
            };
            if !found.iter().any(|f| same_place(f, &zone)) {
                found.push(zone);
            }
        }
    }
    found
}

/// Whether two boxes found at different widths are the same band.
fn same_place(a: &ZoneBox, b: &ZoneBox) -> bool {
    let near = (a.cx - b.cx).hypot(a.cy - b.cy) < a.thickness.max(b.thickness);
    near && parallel(a.angle, b.angle) && (0.8..1.25).contains(&(a.length / b.length.max(1.0)))
}

fn parallel(a: f32, b: f32) -> bool {
    let d = (a - b).abs();
    d <= ANGLE_TOLERANCE || (std::f32::consts::PI - d).abs() <= ANGLE_TOLERANCE
}

/// The long bands of a small grey picture, lines side by side joined.
fn bands(small: &GrayImage) -> Vec<Band> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let strokes = closing(&horizontal_gradient(&black_hat(small.as_raw(), w, h), w, h), w, h);
    let Some(strokes) = GrayImage::from_raw(w as u32, h as u32, strokes) else { return Vec::new() };
    let threshold = framing::otsu(&strokes);
    let mask: Vec<bool> = strokes.as_raw().iter().map(|&v| v > threshold).collect();
    let min_area = MIN_AREA_AT_250 * (w as f32 / 250.0).powi(2);
    let mut found: Vec<Band> = framing::regions(&mask, w, h)
        .into_iter()
        .filter_map(|region| {
            let points: Vec<(f32, f32)> = region.iter().map(|&i| ((i % w) as f32, (i / w) as f32)).collect();
            let band = band_of(points);
            (band.zone.area() >= min_area && band.zone.length >= MIN_ASPECT * band.zone.thickness).then_some(band)
        })
        .collect();
    found.sort_by(|a, b| b.zone.area().total_cmp(&a.zone.area()));
    found.truncate(BANDS_PER_WIDTH);
    join_lines(found)
}

/// The box of a set of pixels along their main direction (the principal axis).
fn band_of(points: Vec<(f32, f32)>) -> Band {
    let n = points.len().max(1) as f32;
    let (mx, my) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p.0, y + p.1));
    let (mx, my) = (mx / n, my / n);
    let (mut sxx, mut syy, mut sxy) = (0f32, 0f32, 0f32);
    for &(x, y) in &points {
        let (dx, dy) = (x - mx, y - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let b = framing::turned_box(points.iter().copied(), angle);
    // Extents counted in pixels, ends included.
    let zone = ZoneBox { cx: b.cx, cy: b.cy, angle, length: b.along + 1.0, thickness: b.across + 1.0 };
    Band { zone, points }
}

/// Joins parallel bands lying close side by side and of like length (the lines of one
/// zone) until no two are left to join.
fn join_lines(mut bands: Vec<Band>) -> Vec<Band> {
    'again: loop {
        for i in 0..bands.len() {
            for j in i + 1..bands.len() {
                if !side_by_side(&bands[i].zone, &bands[j].zone) {
                    continue;
                }
                let mut points = bands[i].points.clone();
                points.extend_from_slice(&bands[j].points);
                let joined = band_of(points);
                if joined.zone.length >= MIN_ASPECT * joined.zone.thickness {
                    bands.swap_remove(j);
                    bands[i] = joined;
                    continue 'again;
                }
            }
        }
        return bands;
    }
}

fn side_by_side(a: &ZoneBox, b: &ZoneBox) -> bool {
    if !parallel(a.angle, b.angle) {
        return false;
    }
    let angle = a.angle.min(b.angle);
    let apart = ((b.cx - a.cx) * -angle.sin() + (b.cy - a.cy) * angle.cos()).abs();
    let ratio = a.length / b.length.max(1.0);
    apart < 1.5 * (a.thickness + b.thickness) && (0.5..2.0).contains(&ratio)
}

/// The band cut out upright, its lines running left to right (or, `turned`, the other
/// way up), `out_width` pixels wide, with a margin so no character is clipped.
pub fn cut(gray: &GrayImage, zone: &ZoneBox, out_width: u32, turned: bool) -> GrayImage {
    let along = zone.length * 1.04 + zone.thickness * 0.3;
    let across = zone.thickness * 1.3 + zone.length * 0.01;
    let step = along / out_width.max(1) as f32;
    let out_height = ((across / step).round() as u32).max(1);
    framing::affine_sample(gray, (out_width, out_height), (zone.cx, zone.cy), step, zone.reading_angle(turned), 255)
}

/// The whole picture turned so that the zone's lines run left to right (`turned`: it
/// was found reading the other way up), large enough to hold every corner.
pub fn upright(gray: &GrayImage, zone: &ZoneBox, turned: bool) -> GrayImage {
    let angle = zone.reading_angle(turned);
    let (w, h) = (gray.width() as f32, gray.height() as f32);
    let (s, c) = (angle.sin().abs(), angle.cos().abs());
    let out = (((w * c + h * s).round() as u32).max(1), ((w * s + h * c).round() as u32).max(1));
    framing::affine_sample(gray, out, (w / 2.0, h / 2.0), 1.0, angle, 255)
}

/// The text lines of a band cut out upright, each cut out with a margin: rows where
/// dark print runs, apart by rows without it. Lines much thinner than the tallest are
/// specks or a border, left out.
pub fn lines(band: &GrayImage) -> Vec<GrayImage> {
    let (w, h) = band.dimensions();
    let threshold = framing::otsu(band);
    let inked: Vec<u32> =
        (0..h).map(|y| (0..w).filter(|&x| band.get_pixel(x, y).0[0] < threshold).count() as u32).collect();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut start = None;
    for (y, &n) in inked.iter().enumerate() {
        let text = n * 50 > w;
        match (text, start) {
            (true, None) => start = Some(y as u32),
            (false, Some(s)) => {
                runs.push((s, y as u32));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, h));
    }
    let tallest = runs.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    runs.retain(|(a, b)| (b - a) * 2 >= tallest);
    runs.iter()
        .map(|&(a, b)| {
            let margin = (b - a) / 3 + 2;
            let (top, bottom) = (a.saturating_sub(margin), (b + margin).min(h));
            image::imageops::crop_imm(band, 0, top, w, bottom - top).to_image()
        })
        .collect()
}

/// Dark detail smaller than the structuring element, bright on black: closing minus
/// the picture.
fn black_hat(px: &[u8], w: usize, h: usize) -> Vec<u8> {
    closing(px, w, h).iter().zip(px).map(|(c, p)| c.saturating_sub(*p)).collect()
}

/// Dilation then erosion by the square: fills gaps narrower than the square.
fn closing(px: &[u8], w: usize, h: usize) -> Vec<u8> {
    let dilated = square_filter(px, w, h, u8::max);
    square_filter(&dilated, w, h, u8::min)
}

/// The brightest (or darkest) value in the `STROKE`-sided square about each pixel,
/// separably: along rows, then along columns.
fn square_filter(px: &[u8], w: usize, h: usize, pick: fn(u8, u8) -> u8) -> Vec<u8> {
    let r = STROKE / 2;
    let pass = |src: &[u8], step: usize, len: usize, lines: usize, line_step: usize| {
        let mut out = vec![0u8; src.len()];
        for line in 0..lines {
            let base = line * line_step;
            for i in 0..len {
                let (from, to) = (i.saturating_sub(r), (i + r).min(len - 1));
                out[base + i * step] = (from..=to).map(|k| src[base + k * step]).reduce(pick).unwrap_or(0);
            }
        }
        out
    };
    let rows = pass(px, 1, w, h, w);
    pass(&rows, w, h, w, 1)
}

/// The absolute horizontal Sobel gradient, scaled to 0–255: upright strokes.
fn horizontal_gradient(px: &[u8], w: usize, h: usize) -> Vec<u8> {
    let at = |x: usize, y: usize| i32::from(px[y * w + x]);
    let mut grad = vec![0i32; px.len()];
    for y in 1..h.saturating_sub(1) {
        for x in 1..w.saturating_sub(1) {
            let right = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1);
            let left = at(x - 1, y - 1) + 2 * at(x - 1, y) + at(x - 1, y + 1);
            grad[y * w + x] = (right - left).abs();
        }
    }
    let top = grad.iter().copied().max().unwrap_or(0).max(1);
    grad.iter().map(|&g| (g * 255 / top) as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A white page with dark "characters" (short upright bars) in rows, turned by
    /// `angle` about the page's centre.
    fn page_with_lines(rows: &[(u32, u32, u32)], angle: f32) -> GrayImage {
        let mut img = GrayImage::from_pixel(900, 900, Luma([235]));
        for &(y, x0, count) in rows {
            for k in 0..count {
                let x = x0 + k * 16;
                for dy in 0..22 {
                    for dx in [0, 1, 2, 3, 8, 9, 10] {
                        img.put_pixel(x + dx, y + dy, Luma([20]));
                    }
                }
            }
        }
        if angle == 0.0 {
            img
        } else {
            framing::rotate_gray(&img, angle, 235)
        }
    }

    #[test]
    fn a_two_line_zone_is_found_as_one_band_at_its_angle() {
        for angle in [0.0f32, 0.2, -0.35, std::f32::consts::FRAC_PI_2] {
            let img = page_with_lines(&[(420, 40, 44), (460, 40, 44)], angle);
            let zones = find(&img);
            let z = zones.first().unwrap_or_else(|| panic!("no band at {angle}"));
            assert!(parallel(z.angle, -angle), "angle {} for {angle}", z.angle);
            assert!((650.0..800.0).contains(&z.length), "length {} at {angle}", z.length);
            assert!((50.0..110.0).contains(&z.thickness), "thickness {} at {angle}", z.thickness);
        }
    }

    #[test]
    fn a_bands_lines_are_cut_apart() {
        let img = page_with_lines(&[(420, 40, 44), (460, 40, 44)], 0.0);
        let z = find(&img)[0];
        let lines = lines(&cut(&img, &z, 900, false));
        assert_eq!(lines.len(), 2);
        assert!(
            lines.iter().all(|l| l.width() == 900 && l.height() > 15),
            "{:?}",
            lines.iter().map(|l| l.dimensions()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_picture_is_turned_upright_by_its_zone() {
        // A page whose zone is near its top, stored a quarter turn off either way (as a
        // phone may store it): turned back, the zone is level and near the top again.
        let level = page_with_lines(&[(150, 40, 44), (190, 40, 44)], 0.0);
        let wide = GrayImage::from_fn(900, 700, |x, y| *level.get_pixel(x, y + 100));
        for (stored, turned) in [(image::imageops::rotate90(&wide), false), (image::imageops::rotate270(&wide), true)] {
            // Which way up the zone reads is what reading its cut tells; here it is known.
            let zone = find(&stored)[0];
            let up = upright(&stored, &zone, turned);
            assert_eq!(up.dimensions(), (900, 700));
            let again = find(&up)[0];
            assert!(again.angle.abs() < 0.05, "{}", again.angle);
            assert!((again.cy - 81.0).abs() < 15.0, "zone at {}, not near the top", again.cy);
            let upside_down = find(&upright(&stored, &zone, !turned))[0];
            assert!(upside_down.cy > 600.0, "zone at {} the other way up", upside_down.cy);
        }
    }

    #[test]
    fn a_blank_page_has_no_band() {
        assert!(find(&GrayImage::from_pixel(800, 560, Luma([235]))).is_empty());
    }

    #[test]
    fn a_band_is_cut_out_upright_either_way_up() {
        let img = page_with_lines(&[(420, 40, 44), (460, 40, 44)], 0.3);
        let z = find(&img)[0];
        let upright = cut(&img, &z, 900, false);
        assert_eq!(upright.width(), 900);
        assert!(upright.height() > 60 && upright.height() < 200, "{}", upright.height());
        let turned = cut(&img, &z, 900, true);
        assert_eq!(turned.dimensions(), upright.dimensions());
        // Turned half a turn, the first pixel row is the last one reversed.
        let (w, h) = upright.dimensions();
        let row = |img: &GrayImage, x: u32, y: u32| u32::from(img.get_pixel(x, y).0[0]);
        let diff: u32 = (0..w).map(|x| row(&upright, x, h / 2).abs_diff(row(&turned, w - 1 - x, h - 1 - h / 2))).sum();
        assert!(diff / w < 40, "{}", diff / w);
    }
}
