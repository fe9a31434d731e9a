//! Finding the document in a photo and squaring it up for OCR.
//!
//! A phone photo is mostly table; the ID is a rectangle somewhere in it, a few
//! degrees off square. On a small copy of the picture what differs in colour from
//! the picture's edge is separated from it (Otsu's threshold), its tilt found as the angle
//! whose bounding box is smallest, and the document cut out, turned upright and
//! scaled so its text is the size tesseract reads best. Scans that are all document
//! are left as they are, apart from the scale.

use image::{imageops, GrayImage, ImageBuffer, Rgb, RgbImage};
use serde::Serialize;

/// Where the document is in the picture.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Framing {
    /// Centre of the document, in picture pixels.
    pub cx: f32,
    pub cy: f32,
    /// Size of the document when turned upright, in picture pixels.
    pub width: f32,
    pub height: f32,
    /// How far the document is turned, radians (counter-clockwise positive).
    pub angle: f32,
    /// The document fills the picture (a scan or a cropped photo).
    pub whole_picture: bool,
    /// Its proportions are those of an ID-1 card (85.6 × 54 mm).
    pub card_shaped: bool,
    /// Its outline (found on a table) or its print (found by its text) meets the
    /// picture's edge: part of it may lie outside the picture.
    pub runs_off_picture: bool,
}

impl Framing {
    pub fn aspect(&self) -> f32 {
        self.width / self.height.max(1.0)
    }
}

/// An ID-1 card's width over its height (85.6 × 54 mm).
const ID1_ASPECT: f32 = 1.586;

/// Side of the copy the document is searched on.
const SEARCH_SIDE: u32 = 400;

/// Levels a page must span for stretching them to show more than noise.
const MIN_STRETCHED_LEVELS: usize = 10;

/// A photo taken in the dark may hold a card in as few levels as this (a person with
/// the screen turned up still makes out its title).
const MIN_DARK_LEVELS: usize = 5;

/// The longer side a dark photo is shrunk to, or a little under, before its levels
/// are stretched: its noise averaged out, a licence's title still stands tall.
const DARK_PHOTO_SIDE: u32 = 1000;

/// Otsu's threshold of a grey histogram.
pub fn otsu(gray: &GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    for p in gray.pixels() {
        hist[p.0[0] as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist.iter().enumerate().map(|(i, &c)| i as f64 * c as f64).sum();
    let (mut sum_b, mut w_b, mut best, mut best_t) = (0f64, 0u64, 0f64, 127u8);
    for (t, &c) in hist.iter().enumerate() {
        w_b += c;
        if w_b == 0 {
            continue;
        }
        let w_f = total - w_b;
        if w_f == 0 {
            break;
        }
        sum_b += t as f64 * c as f64;
        let m_b = sum_b / w_b as f64;
        let m_f = (sum - sum_b) / w_f as f64;
        let between = w_b as f64 * w_f as f64 * (m_b - m_f).powi(2);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t
}

/// Connected regions of `mask` (4-neighbour), as lists of pixel indices, largest first.
pub(super) fn regions(mask: &[bool], w: usize, h: usize) -> Vec<Vec<usize>> {
    let mut label = vec![false; mask.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || label[start] {
            continue;
        }
        let mut region = Vec::new();
        label[start] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            region.push(i);
            let (x, y) = (i % w, i / w);
            let mut visit = |j: usize| {
                if mask[j] && !label[j] {
                    label[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        out.push(region);
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.len()));
    out
}

/// Pixels that differ from the background, the background being what lies along
/// the picture's edge (a table, a bedspread). Colour distance rather than brightness,
/// so a licence's dark blue title band counts as document, not table. `None` when
/// the edge is bright: a scan or a screenshot, all document.
fn foreground(small: &RgbImage, bg: [i32; 3]) -> Option<Vec<bool>> {
    let (w, h) = small.dimensions();
    if (bg[0] + bg[1] + bg[2]) / 3 > 190 {
        return None;
    }
    let dist: Vec<u8> = small.pixels().map(|p| colour_distance(p, bg)).collect();
    // Otsu separates the document's brightest parts from the table; capped so its
    // darker parts (a navy title band) stay document too.
    let t = otsu(&GrayImage::from_raw(w, h, dist.clone())?).clamp(25, 40);
    Some(dist.into_iter().map(|d| d > t).collect())
}

/// The picture's edge colour, channel by channel (the median of a 3-pixel border).
fn edge_colour(small: &RgbImage) -> [i32; 3] {
    let (w, h) = small.dimensions();
    let mut edge: [Vec<u8>; 3] = Default::default();
    for (x, y, p) in small.enumerate_pixels() {
        if x < 3 || y < 3 || x + 3 >= w || y + 3 >= h {
            for (channel, value) in edge.iter_mut().zip(p.0) {
                channel.push(value);
            }
        }
    }
    edge.map(|mut c| {
        c.sort_unstable();
        i32::from(c.get(c.len() / 2).copied().unwrap_or(0))
    })
}

/// Mean absolute difference of a pixel from `bg` over the three channels.
fn colour_distance(p: &image::Rgb<u8>, bg: [i32; 3]) -> u8 {
    let d: i32 = (0..3).map(|k| (i32::from(p.0[k]) - bg[k]).abs()).sum();
    (d / 3).min(255) as u8
}

/// The tilt (within ±20°) at which the points' bounding box is smallest.
fn min_area_angle(points: &[(f32, f32)]) -> f32 {
    let mut best = (f32::MAX, 0f32);
    let mut deg = -20.0f32;
    while deg <= 20.0 {
        let (s, c) = deg.to_radians().sin_cos();
        let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for &(x, y) in points {
            let u = x * c + y * s;
            let v = -x * s + y * c;
            x0 = x0.min(u);
            x1 = x1.max(u);
            y0 = y0.min(v);
            y1 = y1.max(v);
        }
        let area = (x1 - x0) * (y1 - y0);
        if area < best.0 - 1e-3 {
            best = (area, deg);
        }
        deg += 0.5;
    }
    best.1.to_radians()
}

/// The whole picture taken as the document.
pub fn whole(img: &RgbImage) -> Framing {
    let (w, h) = img.dimensions();
    Framing {
        cx: w as f32 / 2.0,
        cy: h as f32 / 2.0,
        width: w as f32,
        height: h as f32,
        angle: 0.0,
        whole_picture: true,
        card_shaped: is_card(w as f32 / h as f32),
        runs_off_picture: false,
    }
}

/// Locates the document in an upright picture.
pub fn locate(img: &RgbImage) -> Framing {
    let (w0, h0) = img.dimensions();
    let scale = (SEARCH_SIDE as f32 / w0.max(h0) as f32).min(1.0);
    let (w, h) = (((w0 as f32 * scale).round() as u32).max(1), ((h0 as f32 * scale).round() as u32).max(1));
    let small_rgb = shrink_rgb(img, w, h);
    let whole = whole(img);
    let bg = edge_colour(&small_rgb);
    let Some(mask) = foreground(&small_rgb, bg) else {
        // A bright edge: a scan or a screenshot. A card scanned on a letter-size page
        // is the printed part of it.
        return content_on_page(&small_rgb, scale).or_else(|| photo_band(&small_rgb, scale)).unwrap_or(whole);
    };
    let (wu, hu) = (w as usize, h as usize);
    let found = regions(&mask, wu, hu);
    let Some(largest) = found.first() else {
        return whole;
    };
    let area = (wu * hu) as f32;
    // A region touching most of the border is the page itself (a scan); a small one is
    // speckle on the table, unless it is a document photographed from afar.
    let small = (largest.len() as f32) < 0.03 * area;
    if largest.len() as f32 > 0.80 * area || small && !far_off_document(&found, wu) {
        return whole;
    }
    let boundary = |r: &Vec<usize>| -> Vec<(f32, f32)> {
        r.iter()
            .filter(|&&i| {
                let (x, y) = (i % wu, i / wu);
                x == 0
                    || y == 0
                    || x + 1 == wu
                    || y + 1 == hu
                    || !mask[i - 1]
                    || !mask[i + 1]
                    || !mask[i - wu]
                    || !mask[i + wu]
            })
            .map(|&i| ((i % wu) as f32, (i / wu) as f32))
            .collect()
    };
    let angle = min_area_angle(&boundary(largest));
    // Other large bright regions (the back of a card photographed beside its front)
    // belong to the document too.
    let mut points = Vec::new();
    for r in found.iter().take_while(|r| r.len() * 4 >= largest.len()) {
        points.extend(boundary(r));
    }
    // Bright regions spanning the picture edge to edge are the page of a scan.
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for &(x, y) in &points {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    if x1 - x0 >= 0.92 * w as f32 && y1 - y0 >= 0.92 * h as f32 {
        return whole;
    }
    let found_box = turned_box(points.iter().copied(), angle);
    let margin = 1.03;
    let (along, across) = ((found_box.along + 1.0) * margin, (found_box.across + 1.0) * margin);
    let (width, mut height) = (along / scale, across / scale);
    let (mut cx, mut cy) = (found_box.cx, found_box.cy);
    // A card whose title band is close in colour to the table is found short (a
    // band is up to a quarter of a licence): grow it back to ID-1 proportions, toward
    // the band where one side's strip stands out from the table, else evenly.
    if (1.66..2.3).contains(&(width / height)) {
        let missing = along / ID1_ASPECT - across;
        let toward = band_side(&small_rgb, bg, &found_box, angle, missing);
        (cx, cy) = (cx - toward * missing / 2.0 * angle.sin(), cy + toward * missing / 2.0 * angle.cos());
        height = width / ID1_ASPECT;
    }
    let single_card = found.get(1).is_none_or(|r| r.len() * 4 < largest.len());
    Framing {
        cx: (cx + 0.5) / scale,
        cy: (cy + 0.5) / scale,
        width,
        height,
        angle,
        whole_picture: false,
        card_shaped: single_card && is_card(width / height) || is_card(largest_aspect(largest, wu, angle)),
        runs_off_picture: x0 <= 0.0 || y0 <= 0.0 || x1 + 1.0 >= w as f32 || y1 + 1.0 >= h as f32,
    }
}

/// Where the part of a card found short lies: -1.0 above the box (toward smaller
/// `v` across the tilt), 1.0 below it, 0.0 when neither strip of `missing` pixels
/// beyond the box differs from the table clearly more than the other.
fn band_side(small: &RgbImage, bg: [i32; 3], found: &TurnedBox, angle: f32, missing: f32) -> f32 {
    let (s, c) = angle.sin_cos();
    let (uc, vc) = (found.cx * c + found.cy * s, -found.cx * s + found.cy * c);
    // (sum of distances, pixels) above and below.
    let mut strips = [(0u64, 0u64); 2];
    for (x, y, p) in small.enumerate_pixels() {
        let (x, y) = (x as f32, y as f32);
        let (u, v) = (x * c + y * s - uc, -x * s + y * c - vc);
        let beyond = v.abs() - found.across / 2.0;
        if u.abs() > found.along / 2.0 || beyond <= 1.0 || beyond > missing {
            continue;
        }
        let strip = &mut strips[usize::from(v > 0.0)];
        strip.0 += u64::from(colour_distance(p, bg));
        strip.1 += 1;
    }
    let [above, below] = strips.map(|(sum, n)| if n == 0 { 0.0 } else { sum as f32 / n as f32 });
    if above > 1.5 * below + 3.0 {
        -1.0
    } else if below > 1.5 * above + 3.0 {
        1.0
    } else {
        0.0
    }
}

/// Locates the document, looking twice when the first find is a straight, not
/// card-shaped region (a phone photo inside a screenshot, a photo pasted on a page):
/// the card is then searched for on that region's own background. Returns the region
/// cut out when the second look found the card in it.
pub fn locate_within(img: &RgbImage) -> (Option<RgbImage>, Framing) {
    let outer = locate(img);
    let (w, h) = img.dimensions();
    // A photo shown edge to edge in a screenshot may happen to be card-shaped itself.
    let edge_to_edge = outer.width >= 0.95 * w as f32 || outer.height >= 0.95 * h as f32;
    if (outer.card_shaped && !edge_to_edge) || outer.whole_picture || outer.angle.abs() > 0.01 {
        return (None, outer);
    }
    let x0 = (outer.cx - outer.width / 2.0).max(0.0) as u32;
    let y0 = (outer.cy - outer.height / 2.0).max(0.0) as u32;
    let x1 = ((outer.cx + outer.width / 2.0) as u32).min(w);
    let y1 = ((outer.cy + outer.height / 2.0) as u32).min(h);
    if x1 <= x0 + 32 || y1 <= y0 + 32 {
        return (None, outer);
    }
    let region = imageops::crop_imm(img, x0, y0, x1 - x0, y1 - y0).to_image();
    let inner = locate(&region);
    let smaller = inner.width * inner.height < 0.8 * (x1 - x0) as f32 * (y1 - y0) as f32;
    if inner.card_shaped && !inner.whole_picture && smaller {
        (Some(region), inner)
    } else {
        (None, outer)
    }
}

/// Where a picture's print is, as a framing in the picture's pixels: blocks dense with
/// sharp, strong edges (text), joined to their neighbours three blocks away, the
/// component holding the most of them, boxed at the tilt of its lines and grown by a
/// card's margins. A marble counter's soft veins, a carpet's weave and a room's walls
/// have no such edges, so a document the framing could not tell from a busy, bright
/// table is still found by its text. `None` when there is too little print to be a
/// document.
pub fn text_region(gray: &GrayImage) -> Option<Framing> {
    const EDGE: u8 = 70;
    const DENSE: f32 = 0.08;
    const JOIN: usize = 3;
    let (w, h) = gray.dimensions();
    let block = (w.max(h) / 100).max(8);
    let (bw, bh) = ((w / block) as usize, (h / block) as usize);
    if bw < 8 || bh < 8 {
        return None;
    }
    let edges = strong_edges(gray, EDGE);
    let mut lit = vec![false; bw * bh];
    for (i, cell) in lit.iter_mut().enumerate() {
        let (bx, by) = ((i % bw) as u32 * block, (i / bw) as u32 * block);
        let count =
            (by..by + block).map(|y| (bx..bx + block).filter(|&x| edges[(y * w + x) as usize]).count()).sum::<usize>();
        *cell = count as f32 > DENSE * (block * block) as f32;
    }
    // A line across the whole picture is a screen's or a photo's edge, not print.
    for y in 0..bh {
        if lit[y * bw..(y + 1) * bw].iter().filter(|&&l| l).count() * 10 >= bw * 9 {
            lit[y * bw..(y + 1) * bw].fill(false);
        }
    }
    for x in 0..bw {
        if (0..bh).filter(|&y| lit[y * bw + x]).count() * 10 >= bh * 9 {
            (0..bh).for_each(|y| lit[y * bw + x] = false);
        }
    }
    let near = |i: usize| {
        let (x, y) = (i % bw, i / bw);
        (y.saturating_sub(JOIN)..(y + JOIN + 1).min(bh))
            .any(|yy| (x.saturating_sub(JOIN)..(x + JOIN + 1).min(bw)).any(|xx| lit[yy * bw + xx]))
    };
    let joined: Vec<bool> = (0..bw * bh).map(near).collect();
    let best = regions(&joined, bw, bh).into_iter().max_by_key(|r| r.iter().filter(|&&i| lit[i]).count())?;
    if best.iter().filter(|&&i| lit[i]).count() < 80 {
        return None;
    }
    let print: Vec<usize> = best.into_iter().filter(|&i| lit[i]).collect();
    // Print in the picture's outermost blocks runs on beyond it.
    let at_edge = print.iter().any(|&i| i % bw == 0 || i / bw == 0 || i % bw + 1 == bw || i / bw + 1 == bh);
    let points: Vec<(f32, f32)> = print.iter().map(|&i| ((i % bw) as f32 + 0.5, (i / bw) as f32 + 0.5)).collect();
    let angle = min_area_angle(&points);
    let TurnedBox { cx, cy, along, across } = turned_box(points, angle);
    // Blocks are counted whole; a card's print stops a few millimetres from its edge.
    let (width, height) = ((along + 2.0) * block as f32 * 1.08, (across + 2.0) * block as f32 * 1.12);
    Some(Framing {
        cx: cx * block as f32,
        cy: cy * block as f32,
        width,
        height,
        angle,
        whole_picture: false,
        card_shaped: is_card(width / height),
        runs_off_picture: at_edge,
    })
}

/// Pixels whose 3×3 neighbourhood spans more than `threshold` grey levels.
fn strong_edges(gray: &GrayImage, threshold: u8) -> Vec<bool> {
    let (w, h) = (gray.width() as usize, gray.height() as usize);
    let px = gray.as_raw();
    let mut row_max = vec![0u8; w * h];
    let mut row_min = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let span = &px[y * w + x.saturating_sub(1)..y * w + (x + 2).min(w)];
            row_max[y * w + x] = span.iter().copied().max().unwrap_or(0);
            row_min[y * w + x] = span.iter().copied().min().unwrap_or(0);
        }
    }
    (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            let rows = y.saturating_sub(1)..(y + 2).min(h);
            let hi = rows.clone().map(|yy| row_max[yy * w + x]).max().unwrap_or(0);
            let lo = rows.map(|yy| row_min[yy * w + x]).min().unwrap_or(0);
            hi - lo > threshold
        })
        .collect()
}

/// Print on a bright page or screen: clearly darker than white in the three channels.
fn is_ink(p: &image::Rgb<u8>) -> bool {
    p.0.iter().map(|&v| 255 - i32::from(v)).sum::<i32>() > 3 * 24
}

/// On a scanned page, the box around what is printed on it, when that is a card or a
/// document much smaller than the page (a licence scanned on a letter-size sheet).
/// `None` when the print fills the page.
fn content_on_page(small: &RgbImage, scale: f32) -> Option<Framing> {
    let (w, h) = small.dimensions();
    let mut rows = vec![0u32; h as usize];
    let mut cols = vec![0u32; w as usize];
    for (x, y, p) in small.enumerate_pixels() {
        if is_ink(p) {
            rows[y as usize] += 1;
            cols[x as usize] += 1;
        }
    }
    // Rows and columns with more than a speck of print.
    let span = |counts: &[u32], other_side: u32| {
        let min = (other_side / 100).max(2);
        let first = counts.iter().position(|&c| c >= min)?;
        let last = counts.iter().rposition(|&c| c >= min)?;
        Some((first as f32, last as f32))
    };
    let ((x0, x1), (y0, y1)) = (span(&cols, h)?, span(&rows, w)?);
    let (bw, bh) = (x1 - x0 + 1.0, y1 - y0 + 1.0);
    if bw * bh > 0.5 * (w * h) as f32 || bw < 0.15 * w as f32 || bh < 0.08 * h as f32 {
        return None;
    }
    let margin = 1.04;
    Some(Framing {
        cx: (x0 + x1 + 1.0) / 2.0 / scale,
        cy: (y0 + y1 + 1.0) / 2.0 / scale,
        width: bw * margin / scale,
        height: bh * margin / scale,
        angle: 0.0,
        whole_picture: false,
        card_shaped: is_card(bw / bh) || is_card(bh / bw),
        runs_off_picture: false,
    })
}

/// In a screenshot (a bright page with a status bar and buttons), a photo shown across
/// the screen: the tallest run of rows whose both ends are covered (the photo runs
/// edge to edge; a light card inside it does not), between blank margins. Locating the
/// card is then done on the photo's own background.
fn photo_band(small: &RgbImage, scale: f32) -> Option<Framing> {
    let (w, h) = small.dimensions();
    let strip = (w / 30).max(1);
    let ends = |y: u32| (0..strip).chain(w - strip..w).filter(|&x| is_ink(small.get_pixel(x, y))).count() as u32;
    let covered: Vec<bool> = (0..h).map(|y| ends(y) * 10 >= strip * 2 * 8).collect();
    let mut best = (0usize, 0usize);
    let mut start = None;
    for (y, &c) in covered.iter().chain(std::iter::once(&false)).enumerate() {
        match (c, start) {
            (true, None) => start = Some(y),
            (false, Some(s)) => {
                if y - s > best.1 - best.0 {
                    best = (s, y);
                }
                start = None;
            }
            _ => {}
        }
    }
    let rows = (best.1 - best.0) as f32;
    // Blank screen above and below: a band at the picture's edge is a paper's dark
    // heading or a table, not a photo on a screen.
    let margin = (h as f32 * 0.05) as usize;
    let blank = |ys: std::ops::Range<usize>| {
        let inked: usize = ys.clone().map(|y| (0..w).filter(|&x| is_ink(small.get_pixel(x, y as u32))).count()).sum();
        !ys.is_empty() && (inked as f32) < 0.1 * (w as usize * ys.len()) as f32
    };
    let framed = best.0 >= margin && best.1 + margin <= h as usize && blank(0..best.0) && blank(best.1..h as usize);
    if !framed || rows < 0.15 * h as f32 || rows > 0.9 * h as f32 {
        return None;
    }
    Some(Framing {
        cx: w as f32 / 2.0 / scale,
        cy: (best.0 + best.1) as f32 / 2.0 / scale,
        width: w as f32 / scale,
        height: rows / scale,
        angle: 0.0,
        whole_picture: false,
        card_shaped: false,
        runs_off_picture: false,
    })
}

/// A region too small to be an ID held near the lens that is still one seen from afar:
/// a card's or a page's shape, filled, and standing out alone (nothing else on the
/// table comes near its size), so speckle in granite or a bedspread's print is not.
fn far_off_document(found: &[Vec<usize>], w: usize) -> bool {
    /// At the search size, about an ID-1 card of 12 × 8 pixels.
    const MIN_PIXELS: usize = 90;
    let Some(largest) = found.first() else { return false };
    let alone = found.get(1).is_none_or(|r| r.len() * 8 <= largest.len());
    if largest.len() < MIN_PIXELS || !alone {
        return false;
    }
    let points: Vec<(f32, f32)> = largest.iter().map(|&i| ((i % w) as f32, (i / w) as f32)).collect();
    let angle = min_area_angle(&points);
    let b = turned_box(points.iter().copied(), angle);
    let filled = largest.len() as f32 / ((b.along + 1.0) * (b.across + 1.0));
    let aspect = (b.along + 1.0) / (b.across + 1.0);
    filled >= 0.7 && (1.25..=2.0).contains(&aspect)
}

fn largest_aspect(region: &[usize], w: usize, angle: f32) -> f32 {
    let b = turned_box(region.iter().map(|&i| ((i % w) as f32, (i / w) as f32)), angle);
    (b.along + 1.0) / (b.across + 1.0).max(1.0)
}

/// Points boxed at a tilt: the box's centre (in the points' own coordinates) and its
/// extent along and across the tilt.
pub(super) struct TurnedBox {
    pub(super) cx: f32,
    pub(super) cy: f32,
    pub(super) along: f32,
    pub(super) across: f32,
}

pub(super) fn turned_box(points: impl IntoIterator<Item = (f32, f32)>, angle: f32) -> TurnedBox {
    let (s, c) = angle.sin_cos();
    let (mut u0, mut u1, mut v0, mut v1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for (x, y) in points {
        let (u, v) = (x * c + y * s, -x * s + y * c);
        (u0, u1, v0, v1) = (u0.min(u), u1.max(u), v0.min(v), v1.max(v));
    }
    let (uc, vc) = ((u0 + u1) / 2.0, (v0 + v1) / 2.0);
    TurnedBox { cx: uc * c - vc * s, cy: uc * s + vc * c, along: u1 - u0, across: v1 - v0 }
}

/// ID-1 cards are 1.586:1; photos add a margin, blur and shadow widen it.
fn is_card(aspect: f32) -> bool {
    (1.35..=1.95).contains(&aspect)
}

/// The width the upright document is scaled to: an ID-1 card's text is then about
/// 20–30 px high, which tesseract's LSTM model reads best; a passport page is
/// larger in the hand, so wider in pixels (its zone's large type reads at less).
pub fn target_width(f: &Framing) -> f32 {
    if f.whole_picture {
        // Scans and screenshots: keep their scale unless it is far off.
        f.width.clamp(1000.0, 1800.0)
    } else if f.aspect() >= 2.6 {
        // A card's front and back side by side, or a passport opened flat: each
        // page as wide as it would be alone.
        2200.0
    } else if f.card_shaped && f.aspect() >= 1.5 {
        1100.0
    } else if f.aspect() >= 1.0 {
        1500.0
    } else {
        1100.0
    }
}

/// The document cut out of the picture, upright, in grey, at `out_w` pixels wide.
pub fn extract(img: &RgbImage, f: &Framing, out_w: f32) -> GrayImage {
    let scale = out_w / f.width.max(1.0);
    let out_w = out_w.round().max(1.0) as u32;
    let out_h = ((f.height * scale).round() as u32).max(1);
    if f.whole_picture && f.angle == 0.0 {
        // A scan: grey, and resized only when the scale is off.
        let gray = imageops::grayscale(img);
        return if (scale - 1.0).abs() < 0.05 { gray } else { resize_gray(&gray, out_w, out_h) };
    }
    // Only the part of the picture the document covers is converted: a phone photo
    // is mostly table.
    let (s, c) = f.angle.sin_cos();
    let half_w = (f.width * c.abs() + f.height * s.abs()) / 2.0 + 2.0;
    let half_h = (f.width * s.abs() + f.height * c.abs()) / 2.0 + 2.0;
    let x0 = ((f.cx - half_w).floor().max(0.0) as u32).min(img.width() - 1);
    let y0 = ((f.cy - half_h).floor().max(0.0) as u32).min(img.height() - 1);
    let x1 = ((f.cx + half_w).ceil() as u32).clamp(x0 + 1, img.width());
    let y1 = ((f.cy + half_h).ceil() as u32).clamp(y0 + 1, img.height());
    // Shrink by whole-block averaging when the document is much larger than needed
    // (bilinear sampling alone would alias fine print); one pass, grey as it goes.
    let block = if scale < 0.7 { (1.0 / scale).floor().max(1.0) as u32 } else { 1 };
    let src = grey_blocks(img, x0, y0, x1, y1, block);
    let k = 1.0 / block as f32;
    let (cx, cy) = ((f.cx - x0 as f32) * k, (f.cy - y0 as f32) * k);
    // source pixels per output pixel
    affine_sample(&src, (out_w, out_h), (cx, cy), k / scale, f.angle, 255)
}

/// `img` resized to `w`×`h` with a triangle (bilinear) filter, as
/// `imageops::resize(…, Triangle)` gives within one grey level, but with SIMD: this
/// runs on every picture and `imageops` takes 10–25 ms where this takes 1–2.
pub fn resize_gray(img: &GrayImage, w: u32, h: u32) -> GrayImage {
    let alg = fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Bilinear);
    resample(img.as_raw(), img.dimensions(), (w, h), fast_image_resize::PixelType::U8, alg)
        .and_then(|raw| GrayImage::from_raw(w, h, raw))
        .unwrap_or_else(|| imageops::resize(img, w, h, imageops::FilterType::Triangle))
}

/// A small copy of a colour picture, each pixel the mean of the area it covers (as
/// `imageops::thumbnail`, 5–7× faster).
fn shrink_rgb(img: &RgbImage, w: u32, h: u32) -> RgbImage {
    let alg = fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Box);
    resample(img.as_raw(), img.dimensions(), (w, h), fast_image_resize::PixelType::U8x3, alg)
        .and_then(|raw| RgbImage::from_raw(w, h, raw))
        .unwrap_or_else(|| imageops::thumbnail(img, w, h))
}

/// fast_image_resize over raw 8-bit pixels; `None` only for sizes it refuses (zero).
fn resample(
    raw: &[u8],
    (w, h): (u32, u32),
    (to_w, to_h): (u32, u32),
    pixel: fast_image_resize::PixelType,
    alg: fast_image_resize::ResizeAlg,
) -> Option<Vec<u8>> {
    use fast_image_resize::images::{Image, ImageRef};
    let src = ImageRef::new(w, h, raw, pixel).ok()?;
    let mut dst = Image::new(to_w, to_h, pixel);
    let options = fast_image_resize::ResizeOptions::new().resize_alg(alg);
    fast_image_resize::Resizer::new().resize(&src, &mut dst, &options).ok()?;
    Some(dst.into_vec())
}

/// The grey of `img`'s rectangle `[x0, x1) × [y0, y1)`, each output pixel the mean of
/// a `block`×`block` square (Rec. 709 luma, as `imageops::grayscale`).
fn grey_blocks(img: &RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, block: u32) -> GrayImage {
    let (ow, oh) = ((x1 - x0).div_ceil(block), (y1 - y0).div_ceil(block));
    let stride = img.width() as usize * 3;
    let raw = img.as_raw();
    let mut out = GrayImage::new(ow, oh);
    let luma = |px: &[u8]| 2126 * u32::from(px[0]) + 7152 * u32::from(px[1]) + 722 * u32::from(px[2]);
    if block == 1 {
        // Plain conversion: the common case for photos taken close up.
        for (y, out_row) in (y0..).zip(out.chunks_exact_mut(ow as usize)) {
            let row = &raw[y as usize * stride..][x0 as usize * 3..x1 as usize * 3];
            for (px, rgb) in out_row.iter_mut().zip(row.chunks_exact(3)) {
                *px = ((luma(rgb) + 5000) / 10000) as u8;
            }
        }
        return out;
    }
    let mut sums = vec![0u32; ow as usize];
    // The last block of a row is narrower when the width is not a whole number of blocks.
    let last_w = (x1 - x0) - (ow - 1) * block;
    for (oy, out_row) in (0..).zip(out.chunks_exact_mut(ow as usize)) {
        sums.fill(0);
        let rows = (y0 + oy * block)..(y0 + (oy + 1) * block).min(y1);
        let n_rows = rows.len() as u32;
        for y in rows {
            let row = &raw[y as usize * stride..][x0 as usize * 3..x1 as usize * 3];
            for (sum, cell) in sums.iter_mut().zip(row.chunks(3 * block as usize)) {
                *sum += cell.chunks_exact(3).map(luma).sum::<u32>();
            }
        }
        for (ox, (sum, px)) in (0..).zip(sums.iter().zip(out_row)) {
            let n = n_rows * if ox == ow - 1 { last_w } else { block } * 10000;
            *px = ((sum + n / 2) / n) as u8;
        }
    }
    out
}

/// The colour of the document's title band: of the rows across its top quarter
/// (central part, from the picture itself), the bluest. Taking the bluest row rather
/// than a fixed strip keeps a blurred or loosely framed band recognisable.
pub fn top_band_colour(img: &RgbImage, f: &Framing) -> [u8; 3] {
    let (s, c) = f.angle.sin_cos();
    let mut best: Option<(i64, [u8; 3])> = None;
    for j in 0..16 {
        let dv = -f.height / 2.0 + (j as f32 / 15.0) * f.height * 0.25;
        let mut sum = [0u64; 3];
        let mut n = 0u64;
        for i in 0..24 {
            let du = ((i as f32 + 0.5) / 24.0 - 0.5) * f.width * 0.6;
            let x = (f.cx + du * c - dv * s).round();
            let y = (f.cy + du * s + dv * c).round();
            if x >= 0.0 && y >= 0.0 && (x as u32) < img.width() && (y as u32) < img.height() {
                let p = img.get_pixel(x as u32, y as u32);
                for (total, value) in sum.iter_mut().zip(p.0) {
                    *total += u64::from(value);
                }
                n += 1;
            }
        }
        if let Some(mean) = sum.map(|t| t.checked_div(n)).into_iter().collect::<Option<Vec<u64>>>() {
            let mean = [mean[0] as u8, mean[1] as u8, mean[2] as u8];
            let blueness = i64::from(mean[2]) - i64::from(mean[0]);
            if best.is_none_or(|(b, _)| blueness > b) {
                best = Some((blueness, mean));
            }
        }
    }
    best.map_or([0, 0, 0], |(_, m)| m)
}

fn bilinear(img: &GrayImage, x: f32, y: f32, fill: u8) -> u8 {
    let (w, h) = img.dimensions();
    if x < -1.0 || y < -1.0 || x > w as f32 || y > h as f32 {
        return fill;
    }
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let get = |xi: f32, yi: f32| -> f32 {
        if xi < 0.0 || yi < 0.0 || xi >= w as f32 || yi >= h as f32 {
            f32::from(fill)
        } else {
            f32::from(img.get_pixel(xi as u32, yi as u32).0[0])
        }
    };
    let top = get(x0, y0) * (1.0 - fx) + get(x0 + 1.0, y0) * fx;
    let bottom = get(x0, y0 + 1.0) * (1.0 - fx) + get(x0 + 1.0, y0 + 1.0) * fx;
    (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
}

/// The tilt of the text in a grey picture, in radians within ±45°: the angle at which
/// the dark strokes, projected across, pile up into the sharpest rows (text lines).
/// Straighten with `rotate_gray(img, text_skew(img), …)`. It looks only at strokes
/// darker than their surroundings, so a table's or a marble counter's broad pattern
/// weighs little; a few milliseconds on a 600-px copy.
pub fn text_skew(gray: &GrayImage) -> f32 {
    let (w, h) = gray.dimensions();
    let scale = (600.0 / w.max(h) as f32).min(1.0);
    let small = resize_gray(gray, ((w as f32 * scale) as u32).max(1), ((h as f32 * scale) as u32).max(1));
    let local = imageops::blur(&small, 4.0);
    let (sw, sh) = small.dimensions();
    // The picture's own edge (a screenshot's black bar) is one long straight line: a
    // margin is left out.
    let (mx, my) = (sw / 40 + 1, sh / 40 + 1);
    let mut points: Vec<(f32, f32)> = Vec::new();
    for (x, y, p) in small.enumerate_pixels() {
        let inside = x >= mx && y >= my && x + mx < sw && y + my < sh;
        if inside && i32::from(p.0[0]) < i32::from(local.get_pixel(x, y).0[0]) - 30 {
            points.push((x as f32, y as f32));
        }
    }
    if points.len() < 200 {
        return 0.0;
    }
    let sharpness = |deg: f32| {
        let (s, c) = deg.to_radians().sin_cos();
        let rows: Vec<i64> = points.iter().map(|&(x, y)| (-x * s + y * c).round() as i64).collect();
        let lo = rows.iter().copied().min().unwrap_or(0);
        let mut hist = vec![0u64; (rows.iter().copied().max().unwrap_or(0) - lo + 1) as usize];
        for r in rows {
            hist[(r - lo) as usize] += 1;
        }
        hist.iter().map(|&n| n * n).sum::<u64>()
    };
    let best = |from: f32, to: f32, step: f32| {
        let mut at = (0u64, 0f32);
        let mut deg = from;
        while deg <= to {
            let score = sharpness(deg);
            if score > at.0 {
                at = (score, deg);
            }
            deg += step;
        }
        at.1
    };
    let coarse = best(-45.0, 44.0, 1.0);
    best(coarse - 1.0, coarse + 1.0, 0.25).to_radians()
}

/// Turns a grey image by `angle` radians about its centre, same size, corners
/// filled with `fill`.
pub fn rotate_gray(img: &GrayImage, angle: f32, fill: u8) -> GrayImage {
    let (w, h) = img.dimensions();
    affine_sample(img, (w, h), (w as f32 / 2.0, h as f32 / 2.0), 1.0, angle, fill)
}

/// An `out` sized picture of `src` turned by `angle` about `centre` (in `src` pixels)
/// and scaled by `step` source pixels per output pixel, sampled bilinearly; outside
/// `src` is `fill`. Steps along each row instead of recomputing the transform per pixel:
/// this runs over every pixel of every photo.
pub(super) fn affine_sample(
    src: &GrayImage,
    out: (u32, u32),
    centre: (f32, f32),
    step: f32,
    angle: f32,
    fill: u8,
) -> GrayImage {
    /// Positions are stepped in 16.16 fixed point and weighted with 8 bits: float
    /// conversions per pixel cost more than the sampling itself.
    const ONE: f32 = 65536.0;
    let (s, c) = angle.sin_cos();
    let (w, h) = src.dimensions();
    let (wu, raw) = (w as usize, src.as_raw());
    let (out_w, out_h) = out;
    let mut img = GrayImage::new(out_w, out_h);
    let du = (0.5 - out_w as f32 / 2.0) * step;
    let (dx, dy) = ((step * c * ONE).round() as i64, (step * s * ONE).round() as i64);
    // Inside when a pixel and its right and lower neighbours exist.
    let (x_max, y_max) = ((i64::from(w) - 1) << 16, (i64::from(h) - 1) << 16);
    for (v, row) in img.chunks_exact_mut(out_w as usize).enumerate() {
        let dv = (v as f32 + 0.5 - out_h as f32 / 2.0) * step;
        // Pixel centres are at +0.5: sample at the corner-based position.
        let x0 = centre.0 + du * c - dv * s - 0.5;
        let y0 = centre.1 + du * s + dv * c - 0.5;
        let (mut x, mut y) = ((x0 * ONE).round() as i64, (y0 * ONE).round() as i64);
        for px in row {
            *px = if x >= 0 && y >= 0 && x < x_max && y < y_max {
                let i = (y >> 16) as usize * wu + (x >> 16) as usize;
                let (fx, fy) = (((x >> 8) & 0xff) as u32, ((y >> 8) & 0xff) as u32);
                let (upper, lower) = (&raw[i..i + 2], &raw[i + wu..i + wu + 2]);
                let top = u32::from(upper[0]) * (256 - fx) + u32::from(upper[1]) * fx;
                let bottom = u32::from(lower[0]) * (256 - fx) + u32::from(lower[1]) * fx;
                ((top * (256 - fy) + bottom * fy + (1 << 15)) >> 16) as u8
            } else {
                bilinear(src, x as f32 / ONE, y as f32 / ONE, fill)
            };
            x += dx;
            y += dy;
        }
    }
    img
}

/// Stretches the grey levels so the darkest 1% is black and the brightest 1% white:
/// dim photos and washed-out scans read like good ones.
pub fn stretch_contrast(img: &mut GrayImage) {
    let Some(lut) = stretch_table(img.pixels().map(|p| p.0[0]), MIN_STRETCHED_LEVELS) else { return };
    for p in img.pixels_mut() {
        p.0[0] = lut[p.0[0] as usize];
    }
}

/// A dark photo with its levels stretched the same way, in colour: the card's edge and
/// print show again for framing. It is shrunk first, each pixel the mean of the block
/// of pixels it covers, since a sensor's noise in the dark drowns the few levels it
/// has; the means are kept to a 256th of a level, so a card held in five levels keeps
/// the shades between them when stretched. Its own levels (too dark for a person) are
/// measured on the picture as sent.
pub fn brightened(img: &RgbImage) -> RgbImage {
    let block = img.width().max(img.height()).div_ceil(DARK_PHOTO_SIDE).max(1);
    let means = rgb_block_means(img, block);
    let luma = |p: &Rgb<u16>| (p.0.iter().map(|&v| u32::from(v)).sum::<u32>() / 3) as usize;
    let mut hist = vec![0u64; 1 << 16];
    means.pixels().for_each(|p| hist[luma(p)] += 1);
    let range = percentile_range(&hist, MIN_DARK_LEVELS << 8).unwrap_or((0, 255 << 8));
    RgbImage::from_fn(means.width(), means.height(), |x, y| {
        let p = means.get_pixel(x, y);
        Rgb(p.0.map(|v| stretched(f32::from(v), range).round().clamp(0.0, 255.0) as u8))
    })
}

/// Each `block`×`block` square of `img` as the mean of its pixels, times 256 (the
/// squares along the right and bottom edges may be narrower).
fn rgb_block_means(img: &RgbImage, block: u32) -> ImageBuffer<Rgb<u16>, Vec<u16>> {
    let (w, h) = img.dimensions();
    let (ow, oh) = (w.div_ceil(block), h.div_ceil(block));
    // Red, green and blue sums, and the pixels counted, per square.
    let mut sums = vec![[0u32; 4]; ow as usize * oh as usize];
    for (x, y, p) in img.enumerate_pixels() {
        let square = &mut sums[((y / block) * ow + x / block) as usize];
        for (sum, v) in square.iter_mut().zip(p.0) {
            *sum += u32::from(v);
        }
        square[3] += 1;
    }
    ImageBuffer::from_fn(ow, oh, |x, y| {
        let [r, g, b, n] = sums[(y * ow + x) as usize];
        Rgb([r, g, b].map(|sum| ((sum * 256 + n / 2) / n) as u16))
    })
}

/// The table mapping the levels between the darkest and brightest 1% of `levels` onto
/// 0–255; none when they span no more than `min_levels`.
fn stretch_table(levels: impl Iterator<Item = u8>, min_levels: usize) -> Option<[u8; 256]> {
    let mut hist = [0u64; 256];
    levels.for_each(|v| hist[v as usize] += 1);
    let range = percentile_range(&hist, min_levels)?;
    Some(std::array::from_fn(|v| stretched(v as f32, range).clamp(0.0, 255.0) as u8))
}

/// Level `v` with the range `lo..=hi` stretched onto 0–255 (unclamped).
fn stretched(v: f32, (lo, hi): (usize, usize)) -> f32 {
    (v - lo as f32) / (hi - lo) as f32 * 255.0
}

/// The levels of a histogram's darkest and brightest 1% of pixels; none when they lie
/// no more than `min_levels` apart.
fn percentile_range(hist: &[u64], min_levels: usize) -> Option<(usize, usize)> {
    let cut = hist.iter().sum::<u64>() / 100;
    let top = hist.len().saturating_sub(1);
    let (mut lo, mut acc) = (0usize, 0u64);
    while lo < top && acc + hist[lo] <= cut {
        acc += hist[lo];
        lo += 1;
    }
    let (mut hi, mut acc) = (top, 0u64);
    while hi > 0 && acc + hist[hi] <= cut {
        acc += hist[hi];
        hi -= 1;
    }
    (hi > lo + min_levels).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Luma, Rgb};

    /// A bright 300×190 "card" turned by `deg` on a dark 800×600 background.
    fn photo(deg: f32) -> RgbImage {
        let (s, c) = deg.to_radians().sin_cos();
        RgbImage::from_fn(800, 600, |x, y| {
            let (dx, dy) = (x as f32 - 420.0, y as f32 - 280.0);
            let (u, v) = (dx * c + dy * s, -dx * s + dy * c);
            if u.abs() < 150.0 && v.abs() < 95.0 {
                Rgb([230, 230, 225])
            } else {
                Rgb([90, 60, 40])
            }
        })
    }

    #[test]
    fn finds_a_tilted_card_on_a_table() {
        for deg in [0.0f32, 6.0, -9.0] {
            let f = locate(&photo(deg));
            assert!(!f.whole_picture);
            assert!((f.angle.to_degrees() - deg).abs() <= 1.0, "{deg}: {}", f.angle.to_degrees());
            assert!((f.cx - 420.0).abs() < 8.0 && (f.cy - 280.0).abs() < 8.0, "{f:?}");
            assert!((f.width - 300.0).abs() < 20.0 && (f.height - 190.0).abs() < 15.0, "{f:?}");
            assert!(f.card_shaped);
        }
    }

    /// A 300×190 card on a dark table whose title band (a fifth of the card, at the
    /// top or the bottom) is close in colour to the table: the card is found short and
    /// grown back over its band, not evenly into the table.
    #[test]
    fn a_title_band_close_to_the_table_is_framed_with_its_card() {
        for band_at_top in [true, false] {
            let card = RgbImage::from_fn(800, 600, |x, y| {
                let (dx, dy) = (x as f32 - 420.0, y as f32 - 280.0);
                let in_band = if band_at_top { dy < -57.0 } else { dy > 57.0 };
                match (dx.abs() < 150.0 && dy.abs() < 95.0, in_band) {
                    (true, true) => Rgb([95, 45, 50]),
                    (true, false) => Rgb([230, 230, 225]),
                    _ => Rgb([70, 70, 72]),
                }
            });
            let f = locate(&card);
            assert!(f.card_shaped, "{f:?}");
            assert!((f.height - 190.0).abs() < 15.0 && (f.cy - 280.0).abs() < 8.0, "band at top {band_at_top}: {f:?}");
        }
    }

    #[test]
    fn a_photo_shown_in_a_screenshot_is_searched_for_the_card() {
        // A phone screen: status-bar text, the photo across the screen, buttons.
        let table = photo(10.0);
        let screen = RgbImage::from_fn(800, 1800, |x, y| match y {
            40..=60 if x % 40 < 20 => Rgb([30, 30, 30]),
            500..=1099 => *table.get_pixel(x, y - 500),
            1600..=1640 if x % 200 < 40 => Rgb([60, 60, 60]),
            _ => Rgb([250, 250, 250]),
        });
        let (region, f) = locate_within(&screen);
        assert!(region.is_some(), "{f:?}");
        assert!(f.card_shaped && !f.whole_picture, "{f:?}");
        assert!((f.angle.to_degrees() - 10.0).abs() <= 1.5, "{f:?}");
    }

    /// A card's print on a bright table with soft, dark veins (marble): the veins are
    /// no print, the lines of text are, and the region holds them all.
    #[test]
    fn print_is_found_on_a_busy_bright_table() {
        let picture = GrayImage::from_fn(1800, 1350, |x, y| {
            let vein = ((x as f32 / 37.0).sin() * 40.0 + y as f32 / 3.0) as u32 % 90 < 6;
            let in_card = (300..900).contains(&x) && (500..880).contains(&y);
            let text_line = in_card && (y - 500) % 40 < 14 && (x / 7) % 2 == 0 && x < 860;
            match (text_line, vein && !in_card) {
                (true, _) => Luma([25]),
                (_, true) => Luma([185]),
                _ => Luma([235]),
            }
        });
        let f = text_region(&picture).expect("the card's text");
        assert!(f.angle.abs() < 0.02, "{f:?}");
        assert!((560.0..=620.0).contains(&f.cx) && (660.0..=720.0).contains(&f.cy), "{f:?}");
        assert!((560.0..=700.0).contains(&f.width) && (360.0..=480.0).contains(&f.height), "{f:?}");
        assert!(!f.runs_off_picture, "{f:?}");
        // The same card with its upper half outside the picture: its print meets the edge.
        let cut = imageops::crop_imm(&picture, 0, 690, 1800, 660).to_image();
        assert!(text_region(&cut).expect("the card's lower lines").runs_off_picture);
        let blank = GrayImage::from_fn(1800, 1350, |x, y| {
            Luma([if ((x as f32 / 37.0).sin() * 40.0 + y as f32 / 3.0) as u32 % 90 < 6 { 185 } else { 235 }])
        });
        assert_eq!(text_region(&blank), None, "veins alone are not print");
    }

    /// A card a few percent of a photo taken from afar is framed (so it is measured
    /// too small); a table's speckle, or a lone round spot, is not a document.
    #[test]
    fn a_card_photographed_from_afar_is_framed_and_speckle_is_not() {
        let speckle = |x: u32, y: u32| (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)).is_multiple_of(23);
        let table = |x: u32, y: u32| if speckle(x, y) { Rgb([160, 150, 140]) } else { Rgb([70, 62, 56]) };
        let far_card = RgbImage::from_fn(4000, 3000, |x, y| {
            let (dx, dy) = (x as f32 - 2100.0, y as f32 - 1000.0);
            if dx.abs() < 80.0 && dy.abs() < 50.0 {
                Rgb([225, 220, 210])
            } else {
                table(x, y)
            }
        });
        let f = locate(&far_card);
        assert!(!f.whole_picture, "{f:?}");
        assert!((f.width - 160.0).abs() < 40.0 && (f.cx - 2100.0).abs() < 30.0, "{f:?}");
        let spot = RgbImage::from_fn(4000, 3000, |x, y| {
            let (dx, dy) = (x as f32 - 2100.0, y as f32 - 1000.0);
            if dx * dx + dy * dy < 70.0 * 70.0 {
                Rgb([225, 220, 210])
            } else {
                table(x, y)
            }
        });
        assert!(locate(&spot).whole_picture);
        assert!(locate(&RgbImage::from_fn(4000, 3000, table)).whole_picture);
    }

    /// A card photographed in the dark spans a few levels: stretched, it is found as by
    /// daylight. A picture of nothing but black stays black.
    #[test]
    fn a_card_photographed_in_the_dark_is_found_once_brightened() {
        let mut dark = photo(6.0);
        dark.pixels_mut().for_each(|p| p.0 = p.0.map(|v| v / 24));
        assert!(locate(&dark).whole_picture, "too dark to frame as sent");
        let lit = brightened(&dark);
        assert!(lit.get_pixel(420, 280).0[0] > 200 && lit.get_pixel(20, 20).0[0] < 120);
        let f = locate(&lit);
        assert!(!f.whole_picture && (f.width - 300.0).abs() < 25.0, "{f:?}");
        let black = RgbImage::from_fn(800, 600, |x, y| Rgb([((x + y) % 3) as u8; 3]));
        assert_eq!(brightened(&black), black);
    }

    /// Shrunk, a dark card's block means keep the shades between its few levels: a
    /// card at level 5 with every fourth pixel at 6 stands apart from its print at 5,
    /// where means rounded to whole levels would make them one.
    #[test]
    fn a_dark_photo_keeps_the_shades_between_its_levels() {
        let dark = RgbImage::from_fn(2000, 1500, |x, y| {
            let on_card = (400..1600).contains(&x) && (300..1100).contains(&y);
            let print = (600..1400).contains(&x) && (600..700).contains(&y);
            match (on_card, print) {
                (true, true) => Rgb([5; 3]),
                (true, false) => Rgb([5 + u8::from(x % 2 == 1 && y % 2 == 1); 3]),
                _ => Rgb([0; 3]),
            }
        });
        let lit = brightened(&dark);
        assert_eq!(lit.dimensions(), (1000, 750), "shrunk by whole blocks");
        let (card, print, table) =
            (lit.get_pixel(250, 200).0[0], lit.get_pixel(500, 325).0[0], lit.get_pixel(50, 50).0[0]);
        assert!(card >= print + 8 && print > table + 200, "card {card}, print {print}, table {table}");
    }

    #[test]
    fn a_scan_is_the_whole_picture() {
        let scan =
            RgbImage::from_fn(1000, 640, |x, _| if x % 50 < 3 { Rgb([20, 20, 20]) } else { Rgb([245, 245, 245]) });
        let f = locate(&scan);
        assert!(f.whole_picture);
        assert!(f.card_shaped);
    }

    #[test]
    fn extract_squares_the_card_up() {
        let img = photo(8.0);
        let f = locate(&img);
        let out = extract(&img, &f, 600.0);
        assert_eq!(out.width(), 600);
        // Corners of the extracted card are card, not table.
        for (x, y) in [(20, 20), (580, 20), (20, out.height() - 20), (580, out.height() - 20)] {
            assert!(out.get_pixel(x, y).0[0] > 180, "({x},{y}) = {}", out.get_pixel(x, y).0[0]);
        }
    }

    #[test]
    fn grey_blocks_average_whole_blocks_and_the_ragged_edge() {
        // 5×3 picture: white except a black top-left 2×2 square.
        let img = RgbImage::from_fn(5, 3, |x, y| if x < 2 && y < 2 { Rgb([0, 0, 0]) } else { Rgb([255, 255, 255]) });
        let out = grey_blocks(&img, 0, 0, 5, 3, 2);
        assert_eq!(out.dimensions(), (3, 2));
        assert_eq!(out.get_pixel(0, 0).0[0], 0);
        assert_eq!(out.get_pixel(1, 0).0[0], 255);
        // The last column and row are one pixel wide or high: their own mean.
        assert_eq!(out.get_pixel(2, 1).0[0], 255);
        assert_eq!(out.get_pixel(0, 1).0[0], 255);
        // Same grey as the image crate's for a plain copy of a rectangle.
        let colour = RgbImage::from_fn(40, 30, |x, y| Rgb([(x * 6) as u8, (y * 8) as u8, ((x + y) * 3) as u8]));
        let ours = grey_blocks(&colour, 5, 4, 33, 27, 1);
        let theirs = imageops::grayscale(&imageops::crop_imm(&colour, 5, 4, 28, 23).to_image());
        assert_eq!(ours.dimensions(), theirs.dimensions());
        for (a, b) in ours.pixels().zip(theirs.pixels()) {
            assert!(a.0[0].abs_diff(b.0[0]) <= 1, "{} vs {}", a.0[0], b.0[0]);
        }
    }

    /// Text-like test card: hard-edged bars over a gradient.
    fn bars(w: u32, h: u32) -> GrayImage {
        GrayImage::from_fn(w, h, |x, y| Luma([if (x / 7 + y / 5) % 3 == 0 { 20 } else { 120 + (x % 100) as u8 }]))
    }

    #[test]
    fn resize_gray_is_the_triangle_filter() {
        let img = bars(431, 277);
        for (w, h) in [(300, 190), (800, 514), (97, 61)] {
            let ours = resize_gray(&img, w, h);
            let theirs = imageops::resize(&img, w, h, imageops::FilterType::Triangle);
            let worst = ours.pixels().zip(theirs.pixels()).map(|(a, b)| a.0[0].abs_diff(b.0[0])).max();
            assert!(worst.is_some_and(|d| d <= 2), "{w}x{h}: off by {worst:?}");
        }
    }

    #[test]
    fn stepped_sampler_agrees_with_direct_bilinear() {
        let src = bars(300, 200);
        let (centre, step, angle) = ((150.0, 100.0), 0.73f32, 0.21f32);
        let out = affine_sample(&src, (260, 150), centre, step, angle, 255);
        let (s, c) = angle.sin_cos();
        for (x, y, p) in out.enumerate_pixels() {
            let du = (x as f32 + 0.5 - 130.0) * step;
            let dv = (y as f32 + 0.5 - 75.0) * step;
            let sx = centre.0 + du * c - dv * s - 0.5;
            let sy = centre.1 + du * s + dv * c - 0.5;
            let expected = bilinear(&src, sx, sy, 255);
            assert!(p.0[0].abs_diff(expected) <= 2, "({x},{y}): {} vs {expected}", p.0[0]);
        }
    }

    #[test]
    fn contrast_stretch_spreads_a_dim_image() {
        let mut img = GrayImage::from_fn(100, 100, |x, _| Luma([20 + (x as u8) / 4]));
        stretch_contrast(&mut img);
        let max = img.pixels().map(|p| p.0[0]).max().unwrap();
        let min = img.pixels().map(|p| p.0[0]).min().unwrap();
        assert!(max > 240 && min < 15, "{min}..{max}");
    }

    #[test]
    fn text_skew_finds_the_tilt_of_text_lines() {
        // Rows of dark word-like blocks on a mottled background, turned by 12°.
        let page = GrayImage::from_fn(900, 600, |x, y| {
            let ink = (y % 40) < 14 && (x % 70) < 55 && x > 60 && x < 840 && y > 60 && y < 540;
            let mottle = (((x / 37 + y / 23) % 5) * 9) as u8;
            Luma([if ink { 30 } else { 200 + mottle }])
        });
        for degrees in [12.0f32, -7.0, 0.0] {
            let tilted = rotate_gray(&page, -degrees.to_radians(), 210);
            let found = text_skew(&tilted).to_degrees();
            assert!((found - degrees).abs() < 1.0, "turned {degrees}°, found {found}°");
            let straight = rotate_gray(&tilted, text_skew(&tilted), 210);
            assert!(text_skew(&straight).to_degrees().abs() < 1.0);
        }
    }
}
