//! Paper documents as a list of positioned text runs and rules, so that one layout can
//! be printed on a canvas (for scans and photos) or written as a PDF text layer.

use super::canvas::{measure, Align, Canvas, Color, Pen, Rect};
use super::fonts::Face;

/// The faces a paper is set in: sans, sans bold, serif, serif bold.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    pub sans: Face,
    pub sans_bold: Face,
    pub serif: Face,
    pub serif_bold: Face,
}

/// Liberation faces: metrically the PDF base-14 Helvetica and Times, so a layout made
/// with them fits when written as PDF text.
pub const BASE14: Family =
    Family { sans: Face::Arial, sans_bold: Face::ArialBold, serif: Face::TimesLike, serif_bold: Face::TimesLikeBold };

pub const FAMILIES: &[Family] = &[
    BASE14,
    Family {
        sans: Face::FreeSans,
        sans_bold: Face::FreeSansBold,
        serif: Face::FreeSerif,
        serif_bold: Face::FreeSerifBold,
    },
    Family { sans: Face::Carlito, sans_bold: Face::CarlitoBold, serif: Face::Caladea, serif_bold: Face::CaladeaBold },
    Family { sans: Face::Nimbus, sans_bold: Face::NimbusBold, serif: Face::Century, serif_bold: Face::CenturyBold },
];

#[derive(Debug, Clone)]
pub enum Item {
    Text { pen: Pen, x: f32, y: f32, text: String },
    Rule { r: Rect, color: Color },
}

/// A page being laid out top to bottom, in millimetres.
pub struct Doc {
    pub w: f32,
    pub h: f32,
    pub items: Vec<Item>,
    pub fam: Family,
    /// The next baseline.
    pub y: f32,
    pub margin: f32,
    /// Where a printed copy is signed, and whether it bears a seal.
    pub sign: Option<Rect>,
    pub seal: bool,
}

impl Doc {
    pub fn new(w: f32, h: f32, fam: Family, margin: f32) -> Doc {
        Doc { w, h, items: Vec::new(), fam, y: margin, margin, sign: None, seal: false }
    }

    pub fn text(&mut self, pen: Pen, x: f32, y: f32, text: &str) {
        self.items.push(Item::Text { pen, x, y, text: text.to_string() });
    }

    /// One line at the cursor, then moves down by `lead` × size.
    pub fn line(&mut self, pen: Pen, text: &str, lead: f32) {
        let x = match pen.align {
            Align::Left => self.margin,
            Align::Center => self.w / 2.0,
            Align::Right => self.w - self.margin,
        };
        self.y += pen.size;
        self.text(pen, x, self.y, text);
        self.y += pen.size * (lead - 1.0);
    }

    /// A wrapped paragraph between the margins (or centred), then a small gap.
    pub fn para(&mut self, pen: Pen, text: &str) {
        let width = self.w - 2.0 * self.margin;
        for l in wrap(&pen, text, width) {
            self.line(pen, &l, 1.35);
        }
        self.y += pen.size * 0.6;
    }

    /// `label` in the sans face, `value` after it in bold, on one line.
    pub fn field(&mut self, size: f32, label: &str, value: &str) {
        let lab = Pen::new(self.fam.sans, size, [60, 60, 60]);
        self.y += size * 1.4;
        self.text(lab, self.margin, self.y, label);
        let x = self.margin + measure(&lab, label) + size * 0.6;
        self.text(Pen::new(self.fam.sans_bold, size, [15, 15, 15]), x, self.y, value);
        self.y += size * 0.5;
    }

    pub fn rule(&mut self, thick: f32, color: Color) {
        self.y += 1.5;
        self.items.push(Item::Rule { r: Rect::new(self.margin, self.y, self.w - 2.0 * self.margin, thick), color });
        self.y += 1.5 + thick;
    }

    /// Leaves `h` mm for a handwritten signature (on the right half when `right`).
    pub fn signature_space(&mut self, h: f32, right: bool) {
        let x = if right { self.w - self.margin - 60.0 } else { self.margin };
        self.sign = Some(Rect::new(x, self.y + 1.0, 60.0, h - 1.0));
        self.y += h;
    }

    pub fn gap(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Prints every item on `cv` (which must have the page's size).
    pub fn render(&self, cv: &mut Canvas) {
        for item in &self.items {
            match item {
                Item::Text { pen, x, y, text } => {
                    cv.text(pen, *x, *y, text);
                }
                Item::Rule { r, color } => cv.fill(*r, *color, 1.0),
            }
        }
    }
}

/// Splits `text` into lines no wider than `width` mm.
pub fn wrap(pen: &Pen, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
        if measure(pen, &candidate) > width && !cur.is_empty() {
            lines.push(std::mem::replace(&mut cur, word.to_string()));
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}
