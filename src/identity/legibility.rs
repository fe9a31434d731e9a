//! Could a person read this ID? Measured the way a photo desk would: is the document
//! big enough in the picture, sharp, lit, free of glare, and did OCR read its text
//! with confidence. The reason is worded for the party ("too blurry"), because the
//! reply asks them to send a better picture.

use image::GrayImage;
use serde::Serialize;

/// The figures, kept for the clerk.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quality {
    /// A photo of a document rather than a scan or screenshot (only photos glare).
    pub photo: bool,
    /// Width of the document in the original picture, pixels.
    pub document_width_px: u32,
    /// Variance of the Laplacian on the prepared image, divided by its grey-level
    /// spread: high for crisp edges, near zero for blur, independent of exposure.
    pub sharpness: f32,
    /// Mean grey level of the document, 0–255.
    pub brightness: f32,
    /// Grey-level spread between the 2nd and 98th percentile.
    pub contrast: f32,
    /// Share of blown-out pixels on a document whose own tone is not white.
    pub glare: f32,
}

/// Why an ID cannot be read, in words a party can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IllegibleReason {
    TooSmall,
    TooBlurry,
    TooDark,
    Glare,
    TextUnreadable,
    /// Part of the document, the holder's name with it, lies outside the picture.
    CutOff,
}

impl IllegibleReason {
    /// Too dark or too small: a person cannot make out what any picture shows. Blur,
    /// glare and a cut-off are measured on a document's print and judge IDs; a photo of
    /// a room or a signature on white paper is plain to see whatever they say.
    pub fn hides_what_it_shows(self) -> bool {
        matches!(self, IllegibleReason::TooDark | IllegibleReason::TooSmall)
    }

    pub fn for_party(self) -> &'static str {
        match self {
            IllegibleReason::TooSmall => {
                "the ID is too small in the picture; take the photo closer, with the ID filling the frame"
            }
            IllegibleReason::TooBlurry => "the photo is too blurry; hold the phone steady and let it focus",
            IllegibleReason::TooDark => "the photo is too dark; take it in better light",
            IllegibleReason::Glare => "glare covers the ID; take the photo without flash or direct light",
            IllegibleReason::TextUnreadable => {
                "the text on the ID cannot be read; send a clear, straight photo or scan"
            }
            IllegibleReason::CutOff => {
                "part of the ID, with your name, is outside the picture; send a photo showing the whole ID"
            }
        }
    }
}

/// Thresholds, chosen on the sample corpus and synthetic phone photos (see the
/// tests): clean scans score sharpness 20–60, phone photos 5–20, a focus blur that
/// makes the name unreadable under 1.5.
pub const MIN_WIDTH_PX: u32 = 400;
pub const MIN_SHARPNESS: f32 = 1.5;
pub const MIN_BRIGHTNESS: f32 = 45.0;
pub const MIN_CONTRAST: f32 = 35.0;
pub const MAX_GLARE: f32 = 0.35;

pub fn measure(gray: &GrayImage, document_width_px: u32, photo: bool) -> Quality {
    let (w, h) = gray.dimensions();
    let mut hist = [0u64; 256];
    let mut sum = 0u64;
    for p in gray.pixels() {
        hist[p.0[0] as usize] += 1;
        sum += u64::from(p.0[0]);
    }
    let n = u64::from(w) * u64::from(h);
    let percentile = |q: f64| {
        let target = (n as f64 * q) as u64;
        let mut acc = 0;
        for (v, &c) in hist.iter().enumerate() {
            acc += c;
            if acc > target {
                return v as f32;
            }
        }
        255.0
    };
    let contrast = percentile(0.98) - percentile(0.02);
    // Glare is blown-out white on a document that is not white itself; on white
    // paper it cannot be told from the paper.
    let unblown: u64 = hist[..253].iter().sum();
    let paper = {
        let mut acc = 0;
        hist[..253]
            .iter()
            .position(|&c| {
                acc += c;
                acc * 2 > unblown
            })
            .unwrap_or(252) as f32
    };
    let glare = if photo && paper < 235.0 { hist[253..].iter().sum::<u64>() as f32 / n.max(1) as f32 } else { 0.0 };

    // Laplacian on a copy at most 800 px wide, and never wider than the document was
    // in the picture: blur shows at any scale and the cost stays fixed, but a small
    // scan enlarged for OCR would look blurred by the enlargement alone.
    let lap_w = w.min(800).min(document_width_px.max(64));
    let small;
    let g = if w > lap_w {
        small = super::framing::resize_gray(gray, lap_w, (h * lap_w / w).max(1));
        &small
    } else {
        gray
    };
    let (gw, gh) = g.dimensions();
    let (mut s1, mut s2, mut m) = (0f64, 0f64, 0f64);
    let (gw, gh, px) = (gw as usize, gh as usize, g.as_raw());
    for y in 1..gh.saturating_sub(1) {
        let row = y * gw;
        for x in 1..gw.saturating_sub(1) {
            let i = row + x;
            let lap = i32::from(px[i - 1]) + i32::from(px[i + 1]) + i32::from(px[i - gw]) + i32::from(px[i + gw])
                - 4 * i32::from(px[i]);
            let lap = f64::from(lap);
            s1 += lap;
            s2 += lap * lap;
            m += 1.0;
        }
    }
    let variance = if m > 0.0 { s2 / m - (s1 / m).powi(2) } else { 0.0 };
    Quality {
        photo,
        document_width_px,
        sharpness: (variance / f64::from(contrast.max(1.0))) as f32,
        brightness: if n > 0 { sum as f32 / n as f32 } else { 0.0 },
        contrast,
        glare,
    }
}

/// The picture-quality reason, if the picture itself rules reading out.
pub fn picture_problem(q: &Quality) -> Option<IllegibleReason> {
    if q.document_width_px < MIN_WIDTH_PX {
        Some(IllegibleReason::TooSmall)
    } else if q.brightness < MIN_BRIGHTNESS || q.contrast < MIN_CONTRAST && q.brightness < 100.0 {
        Some(IllegibleReason::TooDark)
    } else if q.glare > MAX_GLARE {
        Some(IllegibleReason::Glare)
    } else if q.sharpness < MIN_SHARPNESS {
        Some(IllegibleReason::TooBlurry)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn text_like(w: u32, h: u32) -> GrayImage {
        GrayImage::from_fn(w, h, |x, y| if (x / 3 + y / 7) % 4 == 0 && y % 20 < 12 { Luma([20]) } else { Luma([230]) })
    }

    #[test]
    fn sharp_picture_passes() {
        let q = measure(&text_like(1000, 640), 1000, true);
        assert_eq!(picture_problem(&q), None, "{q:?}");
    }

    #[test]
    fn blurred_picture_is_too_blurry() {
        let blurred = image::imageops::blur(&text_like(1000, 640), 8.0);
        let q = measure(&blurred, 1000, true);
        assert_eq!(picture_problem(&q), Some(IllegibleReason::TooBlurry), "{q:?}");
    }

    #[test]
    fn small_dark_and_glare() {
        assert_eq!(picture_problem(&measure(&text_like(300, 200), 300, true)), Some(IllegibleReason::TooSmall));
        let dark = GrayImage::from_fn(1000, 640, |x, _| Luma([(x % 30) as u8]));
        assert_eq!(picture_problem(&measure(&dark, 1000, true)), Some(IllegibleReason::TooDark));
        let glare =
            GrayImage::from_fn(1000, 640, |x, y| if x < 400 { Luma([255]) } else { Luma([((x + y) % 200) as u8]) });
        assert_eq!(picture_problem(&measure(&glare, 1000, true)), Some(IllegibleReason::Glare));
    }
}
