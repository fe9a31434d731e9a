//! Pieces the ID designs share: label/value pairs in the conventions IDs use, the
//! SAMPLE marks, and turning a finished canvas into a `Sheet`.

use chrono::NaiveDate;

use super::art;
use super::canvas::{fit, Align, Canvas, Color, Pen, Rect};
use super::facts::{date, DateFmt, Facts, Shape, Sheet};
use super::fonts::Face;
use super::Rng;

/// ID-1 card size in millimetres and the resolution cards are drawn at (≈406 dpi).
pub const CARD_W: f32 = 85.6;
pub const CARD_H: f32 = 54.0;
pub const CARD_S: f32 = 16.0;

/// The pens of one design: small labels and the values under or beside them.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub label: Pen,
    pub value: Pen,
}

impl Style {
    pub fn new(label: Pen, value: Pen) -> Style {
        Style { label, value }
    }

    /// A label with its value on the next line; returns the value's box. `y` is the
    /// label's baseline.
    pub fn stacked(&self, cv: &mut Canvas, x: f32, y: f32, label: &str, value: &str) -> Rect {
        cv.text(&self.label, x, y, label);
        cv.text(&self.value, x, y + self.value.size * 1.02, value)
    }

    /// A label followed by its value on the same baseline; returns the value's box.
    pub fn inline(&self, cv: &mut Canvas, x: f32, y: f32, label: &str, value: &str) -> Rect {
        let r = cv.text(&self.label, x, y, label);
        cv.text(&self.value, r.right() + self.label.size * 0.45, y, value)
    }

    /// The same style with another value pen.
    pub fn with_value(&self, value: Pen) -> Style {
        Style { value, ..*self }
    }
}

/// Light security print over the whole card: waves and, sometimes, a rosette.
pub fn security(cv: &mut Canvas, color: Color, rng: &mut Rng) {
    let full = Rect::new(0.0, 0.0, cv.w_mm(), cv.h_mm());
    art::waves(cv, full, color, 0.35, rng);
    if rng.chance(0.6) {
        let c = (cv.w_mm() * rng.float(0.45, 0.75), cv.h_mm() * rng.float(0.35, 0.65));
        art::rosette(cv, c, cv.h_mm() * rng.float(0.25, 0.45), color, 0.28, rng);
    }
}

/// The specimen mark, in one of three styles, or nothing: large and faint across the
/// document, a stamp over the lower part of the portrait `photo`, or small print up
/// the right edge.
pub fn mark(cv: &mut Canvas, f: &Facts, photo: Rect, rng: &mut Rng) {
    let Some(word) = f.mark else { return };
    let (w, h) = (cv.w_mm(), cv.h_mm());
    match rng.range(0, 3) {
        0 => {
            let color = *rng.pick(&[[200, 40, 40], [40, 70, 160], [90, 90, 90]]);
            let size = w.min(h) * 0.22;
            let pen = Pen::new(Face::ArialBold, size, color).alpha(0.16).spacing(size * 0.1);
            cv.text_turned(&pen, (w * 0.55, h * 0.55), rng.float(15.0, 30.0), word);
        }
        1 => {
            let red = [190, 30, 30];
            let pen = fit(Pen::new(Face::NimbusBold, photo.h * 0.12, red).spacing(0.3), word, photo.w * 0.8);
            let r = Rect::new(photo.x + photo.w * 0.06, photo.y + photo.h * 0.66, photo.w * 0.88, photo.h * 0.18);
            cv.frame(r, photo.h * 0.015, red);
            cv.text(&pen.align(Align::Center), r.x + r.w / 2.0, r.y + r.h * 0.5 + pen.size * 0.35, word);
        }
        _ => {
            let size = h.min(60.0) * 0.035;
            let pen = Pen::new(Face::Narrow, size, [150, 40, 40]).alpha(0.6);
            let text = format!("{word} · ").repeat((h / (size * 4.5)) as usize);
            cv.text_turned(&pen, (w - size * 0.9, h / 2.0), 90.0, &text);
        }
    }
}

/// The finished front (and back) as a card `Sheet`.
pub fn card_sheet(front: Canvas, back: Option<Canvas>, name: &[Rect], name_em: f32, printed: Printed) -> Sheet {
    let dates: Vec<String> = printed.expires.map(|d| DateFmt::ALL.map(|f| date(d, f)).to_vec()).unwrap_or_default();
    let keep_boxes = front.log.iter().filter(|(t, _)| dates.contains(t)).map(|(_, r)| *r).collect();
    Sheet {
        keep_boxes,
        s: front.s,
        front: front.img,
        back: back.map(|b| b.img),
        corner_mm: 3.2,
        shape: Shape::Card,
        name_boxes: name.to_vec(),
        name_em,
        name_on_id: printed.name,
        expires: printed.expires,
    }
}

/// What the truth records about a drawn ID.
pub struct Printed {
    pub name: String,
    pub expires: Option<NaiveDate>,
}

/// A back of a licence: barcode, stacked code, small print.
pub fn licence_back(state: &str, tint: Color, rng: &mut Rng) -> Canvas {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [246, 246, 242]);
    security(&mut cv, tint, rng);
    art::stacked_code(&mut cv, Rect::new(6.0, 6.0, 73.0, 22.0), rng);
    art::barcode(&mut cv, Rect::new(12.0, 33.0, 60.0, 7.0), rng);
    let pen = Pen::new(Face::Arial, 1.7, [60, 60, 60]);
    cv.text(&pen, 6.0, 45.0, &format!("{state} — THIS CARD IS THE PROPERTY OF THE STATE"));
    cv.text(&pen, 6.0, 48.0, "ORGAN DONOR: Y    VETERAN: N");
    cv
}
