//! Files that are neither an ID nor a proof: a screenshot of the E-Services site, a
//! court notice, a signature image, a snapshot of a pet or a room.

use image::{Rgba, RgbaImage};

use super::art;
use super::canvas::{mix, Align, Canvas, Color, Pen, Rect, BLACK, WHITE};
use super::facts::{date, digits, DateFmt};
use super::papers::{past_day, PAGE};
use super::scene::{self, Surface};
use super::typeset::{wrap, Doc, Family, FAMILIES};
use super::Rng;

/// A browser screenshot of the E-Services request page (no ID, no proof).
pub fn eservices_page(rng: &mut Rng) -> Canvas {
    let (w, h) = (360.0, 225.0);
    let mut cv = Canvas::new(w, h, 4.0, [246, 247, 249]);
    let fam: Family = *rng.pick(FAMILIES);
    cv.fill(Rect::new(0.0, 0.0, w, 14.0), [0, 51, 102], 1.0);
    cv.text(&Pen::new(fam.sans_bold, 5.5, WHITE), 10.0, 9.5, "State of Connecticut Judicial Branch · E-Services");
    cv.text(&Pen::new(fam.sans, 3.6, WHITE).align(Align::Right), w - 10.0, 9.0, "Logout");
    cv.text(&Pen::new(fam.sans_bold, 6.5, BLACK), 14.0, 30.0, "Request Electronic Access");
    let body = Pen::new(fam.sans, 3.8, [40, 40, 40]);
    let text = "Your request for electronic access has been received and is pending review by the clerk's office. To complete the request, reply to the confirmation e-mail with a copy of a current government-issued photo identification. You will receive an e-mail when the request is processed.";
    let mut y = 42.0;
    for l in wrap(&body, text, w - 28.0) {
        cv.text(&body, 14.0, y, &l);
        y += 6.0;
    }
    cv.fill(Rect::new(14.0, y + 4.0, 50.0, 11.0), [0, 102, 170], 1.0);
    cv.text(&Pen::new(fam.sans_bold, 3.8, WHITE).align(Align::Center), 39.0, y + 11.3, "Return to Home");
    cv.text(&Pen::new(fam.sans, 3.0, [110, 110, 110]), 14.0, h - 8.0, &format!("Confirmation {}", digits(rng, 8)));
    cv
}

/// A hearing notice for someone else's case: a court paper that proves nothing here.
pub fn court_notice(rng: &mut Rng) -> Doc {
    let fam: Family = *rng.pick(FAMILIES);
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 22.0);
    let names = ["LAURA MORENO", "TOM KACZMAREK", "RENEE OYELARAN", "SAMUEL LINDGREN"];
    let person = *rng.pick(&names);
    d.gap(6.0);
    d.line(Pen::new(fam.serif_bold, 4.6, BLACK).align(Align::Center), "STATE OF CONNECTICUT · SUPERIOR COURT", 1.3);
    d.line(Pen::new(fam.serif_bold, 5.2, BLACK).align(Align::Center), "NOTICE OF HEARING", 1.6);
    d.rule(0.4, BLACK);
    d.field(
        3.5,
        "Docket No.:",
        &format!("{}-CV{}-{}-S", rng.pick(&["HHD", "NNH", "FBT"]), rng.range(22, 26), digits(rng, 7)),
    );
    d.field(3.5, "Case:", &format!("{} v. ELM STREET PROPERTIES LLC", person.split(' ').next_back().unwrap_or(person)));
    d.field(3.5, "Notice date:", &date(past_day(rng), DateFmt::Slash));
    d.gap(4.0);
    d.line(Pen::new(fam.sans, 3.5, BLACK), person, 1.3);
    d.line(Pen::new(fam.sans, 3.5, BLACK), &format!("{} OAK ST", rng.range(10, 300)), 1.3);
    d.line(Pen::new(fam.sans, 3.5, BLACK), "HARTFORD, CT 06106", 1.8);
    let body = Pen::new(fam.serif, 3.6, BLACK);
    d.para(body, &format!("You are hereby notified that the above case is scheduled for a hearing on {} at 9:30 a.m. at 95 Washington Street, Hartford, Connecticut.", date(past_day(rng), DateFmt::Long)));
    d.para(body, "If you need a reasonable accommodation in accordance with the Americans with Disabilities Act, contact a court clerk or an ADA contact person listed at www.jud.ct.gov/ADA.");
    d.signature_space(12.0, false);
    d.seal = true;
    d.line(body, "Chief Clerk", 1.3);
    d
}

/// A scanned signature on white or transparent: a PNG.
pub fn signature_png(rng: &mut Rng) -> Vec<u8> {
    let mut cv = Canvas::new(120.0, 40.0, 6.0, WHITE);
    let name =
        format!("{} {}", rng.pick(GIVEN_SIG), rng.pick(&["Whitfield", "Moreno", "Kaczmarek", "Oyelaran", "Lindgren"]));
    art::signature(&mut cv, Rect::new(8.0, 6.0, 100.0, 26.0), &name, rng.chance(0.5), rng);
    if rng.chance(0.5) {
        return super::encode::png(&cv.img);
    }
    let rgba = RgbaImage::from_fn(cv.img.width(), cv.img.height(), |x, y| {
        let p = cv.img.get_pixel(x, y).0;
        let ink = 255 - p.iter().copied().min().unwrap_or(255);
        Rgba([p[0], p[1], p[2], ink.saturating_mul(2)])
    });
    super::encode::png_rgba(&rgba)
}

const GIVEN_SIG: &[&str] = &["Laura", "Marcus", "Ines", "Tom", "Renee", "Samuel"];

/// A photo that is not of a document: a pet on the floor, or a corner of a room.
pub fn snapshot(w: u32, h: u32, rng: &mut Rng) -> Canvas {
    let mut cv = Canvas::new(w as f32, h as f32, 1.0, [200, 190, 170]);
    let (fw, fh) = (w as f32, h as f32);
    let wall: Color = *rng.pick(&[[214, 206, 190], [190, 200, 205], [230, 225, 215]]);
    let floor: Color = *rng.pick(&[[150, 110, 75], [120, 120, 125], [170, 150, 120]]);
    cv.gradient(Rect::new(0.0, 0.0, fw, fh * 0.55), mix(wall, WHITE, 0.2), wall, false);
    let surface = *rng.pick(&[Surface::Wood, Surface::Carpet, Surface::Cloth]);
    let texture = scene::background(surface, w, h - (fh * 0.55) as u32, rng);
    cv.paste(&texture, 0.0, fh * 0.55, 1.0);
    for y in (fh * 0.55) as u32..h {
        let t = (y as f32 - fh * 0.55) / (fh * 0.45);
        for x in 0..w {
            let p = cv.img.get_pixel_mut(x, y);
            p.0 = mix(p.0, mix(floor, BLACK, t * 0.4), 0.35);
        }
    }
    cv.fill(Rect::new(fw * 0.6, fh * 0.12, fw * 0.25, fh * 0.3), [235, 240, 250], 1.0);
    cv.frame(Rect::new(fw * 0.6, fh * 0.12, fw * 0.25, fh * 0.3), fw * 0.01, [250, 250, 250]);
    if rng.chance(0.6) {
        pet(&mut cv, rng);
    } else {
        cv.fill(Rect::new(fw * 0.1, fh * 0.45, fw * 0.45, fh * 0.25), [90, 80, 110], 1.0);
        cv.fill(Rect::new(fw * 0.1, fh * 0.38, fw * 0.45, fh * 0.1), [100, 90, 120], 1.0);
    }
    cv
}

fn pet(cv: &mut Canvas, rng: &mut Rng) {
    let (fw, fh) = (cv.w_mm(), cv.h_mm());
    let fur: Color = *rng.pick(&[[60, 50, 45], [200, 140, 70], [230, 225, 215], [120, 100, 80]]);
    let (cx, cy) = (fw * rng.float(0.3, 0.6), fh * 0.72);
    cv.ellipse((cx, cy), (fw * 0.16, fh * 0.1), fur, 1.0);
    cv.ellipse((cx + fw * 0.15, cy - fh * 0.08), (fw * 0.07, fh * 0.075), fur, 1.0);
    for dx in [0.11, 0.19] {
        let ear = [
            (cx + fw * dx, cy - fh * 0.17),
            (cx + fw * (dx - 0.03), cy - fh * 0.11),
            (cx + fw * (dx + 0.03), cy - fh * 0.11),
        ];
        art::polygon(cv, &ear, fur, 1.0);
    }
    cv.ellipse((cx + fw * 0.13, cy - fh * 0.09), (fw * 0.008, fw * 0.008), [30, 60, 30], 1.0);
    cv.ellipse((cx + fw * 0.17, cy - fh * 0.09), (fw * 0.008, fw * 0.008), [30, 60, 30], 1.0);
}
