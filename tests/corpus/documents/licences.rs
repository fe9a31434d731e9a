//! State driver's licences, each in its own convention for labels, names and dates.
//! The states are real, the designs invented: they only borrow what real cards share
//! (AAMVA field numbers, `LN`/`FN` labels, header bands, ghost portraits, holograms).

use chrono::{Days, Months, NaiveDate};

use super::art;
use super::canvas::{fit, Align, Canvas, Pen, Rect, BLACK, WHITE};
use super::facts::{date, digits, letter, title_case, DateFmt, Facts, Sheet};
use super::fonts::Face;
use super::kit::{card_sheet, licence_back, mark, security, Printed, Style, CARD_H, CARD_S, CARD_W};
use super::Rng;

fn full() -> Rect {
    Rect::new(0.0, 0.0, CARD_W, CARD_H)
}

fn sex(f: &Facts) -> String {
    f.sex.to_string()
}

/// The holder's signature (a name box too, unless it is an unreadable flourish).
fn sign(cv: &mut Canvas, r: Rect, f: &Facts, rng: &mut Rng, boxes: &mut Vec<Rect>) {
    let name = format!("{} {}", title_case(&f.given), title_case(&f.surname));
    art::signature(cv, r, &name, f.scribble, rng);
    if !f.scribble {
        boxes.push(r);
    }
}

fn printed(f: &Facts, initial: bool) -> Printed {
    Printed { name: f.first_last(initial), expires: Some(f.expires) }
}

/// Connecticut: AAMVA numbered fields, surname and given names on lines 1 and 2.
pub fn connecticut(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [244, 248, 249]);
    cv.gradient(full(), [226, 240, 244], [250, 246, 236], false);
    security(&mut cv, [120, 170, 185], rng);
    cv.fill(Rect::new(0.0, 0.0, CARD_W, 2.0), [24, 96, 72], 1.0);
    cv.text(&Pen::new(Face::NimbusBold, 5.0, [20, 50, 105]).spacing(0.5), 4.0, 9.0, "CONNECTICUT");
    let right = Pen::new(Face::ArialBold, 2.5, [175, 30, 40]).align(Align::Right);
    cv.text(&right, 82.0, 6.0, "DRIVER LICENSE");
    cv.text(&right.face(Face::Arial).size(1.7).color([20, 50, 105]), 82.0, 9.0, "USA · CONSTITUTION STATE");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.5, 12.0, 23.0, 29.0), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::Arial, 1.6, [110, 40, 45]), Pen::new(Face::ArialBold, 2.4, BLACK));
    let x = 29.5;
    st.inline(&mut cv, x, 14.5, "4d DLN", &digits(rng, 9));
    let big = st.with_value(fit(Pen::new(Face::ArialBold, 3.2, BLACK), &f.given_names(false), 50.0));
    let name = big.inline(&mut cv, x, 19.5, "1", &f.surname_suffix()).union(big.inline(
        &mut cv,
        x,
        23.6,
        "2",
        &f.given_names(false),
    ));
    let plain = st.with_value(Pen::new(Face::Arial, 2.1, BLACK));
    let addr = plain.inline(&mut cv, x, 27.4, "8", &f.street);
    cv.text(&plain.value, addr.x, 30.2, &f.city_line);
    let red = st.with_value(st.value.color([180, 20, 30]));
    st.inline(&mut cv, x, 34.4, "3 DOB", &date(f.dob, DateFmt::Slash));
    red.inline(&mut cv, x + 26.0, 34.4, "4b EXP", &date(f.expires, DateFmt::Slash));
    st.inline(&mut cv, x, 38.3, "4a ISS", &date(f.issued(6), DateFmt::Slash));
    st.inline(&mut cv, x + 26.0, 38.3, "9 CLASS", "D");
    st.inline(&mut cv, x, 42.2, "15 SEX", &sex(f));
    st.inline(&mut cv, x + 11.0, 42.2, "16 HGT", &f.height);
    st.inline(&mut cv, x + 30.0, 42.2, "18 EYES", f.eyes);
    st.inline(&mut cv, x, 46.1, "12 RESTR", rng.pick::<&str>(&["NONE", "B"]));
    st.inline(&mut cv, x + 26.0, 46.1, "9a END", "NONE");
    cv.text(&st.label, x, 51.5, &format!("5 DD {}{}{}", digits(rng, 8), letter(rng), digits(rng, 2)));
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.5, 42.5, 24.0, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(73.0, 37.5, 9.5, 12.0), &mut face, true);
    art::hologram(&mut cv, Rect::new(52.0, 10.0, 30.0, 20.0), 0.12, rng);
    mark(&mut cv, f, Rect::new(3.5, 12.0, 23.0, 29.0), rng);
    let back = licence_back("CONNECTICUT", [150, 180, 190], rng);
    card_sheet(cv, Some(back), &boxes, big.value.size, printed(f, false))
}

/// Connecticut's vertical under-21 card: reversed header, `LN`/`FN` labels.
pub fn connecticut_under21(f: &Facts, rng: &mut Rng) -> Sheet {
    let (w, h) = (CARD_H, CARD_W);
    let mut cv = Canvas::new(w, h, CARD_S, [240, 246, 246]);
    cv.gradient(Rect::new(0.0, 0.0, w, h), [236, 246, 246], [246, 242, 232], false);
    security(&mut cv, [110, 170, 170], rng);
    cv.fill(Rect::new(0.0, 0.0, w, 13.0), [12, 82, 92], 1.0);
    let head = Pen::new(Face::GothicDemi, 4.6, WHITE).align(Align::Center).spacing(0.3);
    cv.text(&head, w / 2.0, 6.6, "CONNECTICUT");
    cv.text(&head.size(2.2).spacing(0.2), w / 2.0, 10.7, "DRIVER LICENSE");
    cv.fill(Rect::new(0.0, 13.0, w, 4.6), [186, 28, 36], 1.0);
    let dob = young_dob(f, rng);
    let until = format!("UNDER 21 UNTIL {}", date(dob + Months::new(21 * 12), DateFmt::Slash));
    cv.text(&Pen::new(Face::ArialBold, 2.3, WHITE).align(Align::Center), w / 2.0, 16.4, &until);
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(15.0, 19.5, 24.0, 29.0), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::Arial, 1.7, [12, 82, 92]), Pen::new(Face::ArialBold, 2.3, BLACK));
    let big = st.with_value(fit(Pen::new(Face::ArialBold, 3.2, BLACK), &f.given_names(false), 42.0));
    let big = big.with_value(fit(big.value, &f.surname_suffix(), 42.0));
    let x = 4.0;
    let name = big.inline(&mut cv, x, 53.0, "LN", &f.surname_suffix());
    let name = name.union(big.inline(&mut cv, x, 57.3, "FN", &f.given_names(false)));
    let addr = Pen::new(Face::Arial, 2.0, BLACK);
    cv.text(&fit(addr, &f.street, 46.0), x, 61.0, &f.street);
    cv.text(&fit(addr, &f.city_line, 46.0), x, 63.8, &f.city_line);
    st.inline(&mut cv, x, 67.8, "DOB", &date(dob, DateFmt::Slash));
    st.with_value(st.value.color([180, 20, 30])).inline(
        &mut cv,
        x + 24.0,
        67.8,
        "EXP",
        &date(f.expires, DateFmt::Slash),
    );
    st.inline(&mut cv, x, 71.6, "DLN", &digits(rng, 9));
    st.inline(&mut cv, x + 26.0, 71.6, "CLASS", "D");
    st.inline(&mut cv, x, 75.4, "SEX", &sex(f));
    st.inline(&mut cv, x + 10.0, 75.4, "HGT", &f.height);
    st.inline(&mut cv, x + 26.0, 75.4, "EYES", f.eyes);
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(4.0, 77.0, 30.0, 6.5), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(41.0, 72.5, 9.0, 11.0), &mut face, true);
    mark(&mut cv, f, Rect::new(15.0, 19.5, 24.0, 29.0), rng);
    card_sheet(cv, None, &boxes, big.value.size, printed(f, false))
}

/// The birth date an under-21 card shows: the holder's, or (for an older holder) one
/// that made them 16 to 20 when the card was issued.
fn young_dob(f: &Facts, rng: &mut Rng) -> NaiveDate {
    let issued = f.issued(5);
    if f.birthday(21) > issued {
        return f.dob;
    }
    issued - Months::new(rng.range(16 * 12, 21 * 12 - 1) as u32) - Days::new(rng.range(0, 28))
}

/// New York: no labels on the name, `SURNAME, GIVEN MIDDLE` on one line under a
/// hologram, labels with colons.
pub fn new_york(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [246, 248, 252]);
    cv.gradient(full(), [250, 250, 252], [214, 226, 244], true);
    security(&mut cv, [120, 140, 200], rng);
    cv.text(&Pen::new(Face::PalatinoBold, 4.6, [25, 55, 130]), 4.0, 8.0, "NEW YORK STATE");
    let right = Pen::new(Face::FreeSansBold, 2.4, [25, 55, 130]).align(Align::Right);
    cv.text(&right, 82.0, 5.6, "DRIVER LICENSE");
    cv.text(&right.color([170, 30, 40]).size(1.9), 82.0, 8.6, "USA");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.0, 11.0, 22.0, 28.0), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::FreeSans, 1.6, [50, 60, 90]), Pen::new(Face::FreeSansBold, 2.3, BLACK));
    let x = 28.0;
    let number = format!("{} {} {}", digits(rng, 3), digits(rng, 3), digits(rng, 3));
    st.inline(&mut cv, x, 14.0, "ID:", &number);
    st.inline(&mut cv, x + 33.0, 14.0, "CLASS", "D");
    let one_line = f.last_first(false);
    let pen = fit(Pen::new(Face::FreeSansBold, 3.0, BLACK), &one_line, 55.0);
    let name = cv.text(&pen, x, 19.5, &one_line);
    let addr = fit(Pen::new(Face::FreeSans, 2.2, BLACK), &f.city_line, 55.0);
    cv.text(&addr, x, 23.3, &f.street);
    cv.text(&addr, x, 26.3, &f.city_line);
    st.inline(&mut cv, x, 30.5, "DOB:", &date(f.dob, DateFmt::Slash));
    st.inline(&mut cv, x + 27.0, 30.5, "SEX:", &sex(f));
    st.inline(&mut cv, x, 34.5, "HEIGHT:", &f.height);
    st.inline(&mut cv, x + 27.0, 34.5, "EYES:", f.eyes);
    st.inline(&mut cv, x, 38.5, "E:", "NONE");
    st.inline(&mut cv, x + 27.0, 38.5, "R:", "NONE");
    st.inline(&mut cv, x, 42.5, "ISSUED:", &date(f.issued(8), DateFmt::Slash));
    st.inline(&mut cv, x, 46.5, "EXPIRES:", &date(f.expires, DateFmt::Slash));
    art::hologram(&mut cv, Rect::new(26.0, 14.5, 48.0, 15.0), 0.2, rng);
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.0, 41.0, 22.0, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(72.0, 34.0, 10.0, 13.0), &mut face, true);
    mark(&mut cv, f, Rect::new(3.0, 11.0, 22.0, 28.0), rng);
    let back = licence_back("NEW YORK STATE", [140, 160, 210], rng);
    card_sheet(cv, Some(back), &boxes, pen.size, Printed { name: one_line, expires: Some(f.expires) })
}

/// Massachusetts: reversed maroon header, portrait on the right, numbered lines with the
/// middle name as an initial.
pub fn massachusetts(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [248, 242, 242]);
    cv.gradient(full(), [250, 244, 244], [236, 236, 240], false);
    security(&mut cv, [190, 140, 150], rng);
    art::rosette(&mut cv, (40.0, 33.0), 17.0, [200, 150, 160], 0.3, rng);
    cv.fill(Rect::new(0.0, 0.0, CARD_W, 10.5), [120, 20, 35], 1.0);
    cv.text(&Pen::new(Face::CaladeaBold, 5.2, WHITE), 4.0, 7.8, "Massachusetts");
    let right = Pen::new(Face::ArialBold, 2.2, WHITE).align(Align::Right);
    cv.text(&right, 82.0, 5.3, "DRIVER'S LICENSE");
    cv.text(&right.face(Face::Arial).size(1.8), 82.0, 8.6, "USA");
    art::portrait(&mut cv, Rect::new(60.0, 13.0, 22.0, 28.0), rng, false);
    let st = Style::new(Pen::new(Face::Nimbus, 1.5, [110, 30, 45]), Pen::new(Face::NimbusBold, 2.4, BLACK));
    let x = 4.0;
    st.stacked(&mut cv, x, 14.5, "4d LICENSE NO.", &format!("S{}", digits(rng, 8)));
    let given = f.given_names(true);
    let big = st.with_value(fit(fit(Pen::new(Face::NimbusBold, 3.3, BLACK), &given, 50.0), &f.surname_suffix(), 50.0));
    let name = big.inline(&mut cv, x, 22.0, "1", &f.surname_suffix()).union(big.inline(&mut cv, x, 26.3, "2", &given));
    let plain = st.with_value(fit(Pen::new(Face::Nimbus, 2.1, BLACK), &f.city_line, 50.0));
    let addr = plain.inline(&mut cv, x, 30.2, "8", &f.street);
    cv.text(&plain.value, addr.x, 33.0, &f.city_line);
    st.inline(&mut cv, x, 37.2, "3 DOB", &date(f.dob, DateFmt::Slash));
    st.with_value(st.value.color([170, 20, 30])).inline(
        &mut cv,
        x + 27.0,
        37.2,
        "4b EXP",
        &date(f.expires, DateFmt::Slash),
    );
    st.inline(&mut cv, x, 41.0, "4a ISS", &date(f.issued(5), DateFmt::Slash));
    st.inline(&mut cv, x + 27.0, 41.0, "9 CLASS", "D");
    st.inline(&mut cv, x, 44.8, "15 SEX", &sex(f));
    st.inline(&mut cv, x + 13.0, 44.8, "16 HGT", &f.height);
    st.inline(&mut cv, x + 32.0, 44.8, "18 EYES", f.eyes);
    cv.text(&st.label, x, 49.5, &format!("5 DD {}", digits(rng, 12)));
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(59.0, 42.0, 24.0, 7.0), f, rng, &mut boxes);
    art::star(&mut cv, (52.0, 47.0), 3.0, [200, 160, 60], 0.5);
    mark(&mut cv, f, Rect::new(60.0, 13.0, 22.0, 28.0), rng);
    card_sheet(cv, None, &boxes, big.value.size, printed(f, true))
}

/// Rhode Island: `LN`/`FN` labels above their values, anchor motif.
pub fn rhode_island(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [238, 242, 246]);
    cv.gradient(full(), [232, 240, 248], [248, 246, 238], false);
    security(&mut cv, [130, 150, 180], rng);
    anchor(&mut cv, (57.0, 31.0), 15.0);
    cv.text(&Pen::new(Face::CarlitoBold, 4.8, [20, 40, 90]), 4.0, 8.0, "RHODE ISLAND");
    cv.text(&Pen::new(Face::FreeSerifItalic, 2.4, [170, 130, 30]), 41.0, 8.0, "Ocean State");
    let right = Pen::new(Face::CarlitoBold, 2.6, [20, 40, 90]).align(Align::Right);
    cv.text(&right, 82.0, 5.7, "DRIVER LICENSE");
    cv.text(&right.size(1.9), 82.0, 8.6, "USA");
    cv.fill(Rect::new(4.0, 10.0, 78.0, 0.35), [190, 150, 50], 1.0);
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.5, 12.5, 22.5, 28.5), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::Carlito, 1.6, [40, 60, 110]), Pen::new(Face::CarlitoBold, 2.4, BLACK));
    let x = 29.0;
    let big = st.with_value(fit(
        fit(Pen::new(Face::CarlitoBold, 3.1, BLACK), &f.given_names(false), 52.0),
        &f.surname_suffix(),
        52.0,
    ));
    let name = big.stacked(&mut cv, x, 13.5, "LN", &f.surname_suffix());
    let name = name.union(big.stacked(&mut cv, x, 19.3, "FN", &f.given_names(false)));
    let addr = st.with_value(fit(Pen::new(Face::Carlito, 2.2, BLACK), &f.city_line, 52.0));
    addr.stacked(&mut cv, x, 25.0, "ADDRESS", &f.street);
    cv.text(&addr.value, x, 30.1, &f.city_line);
    st.stacked(&mut cv, x, 32.8, "DOB", &date(f.dob, DateFmt::Slash));
    st.with_value(st.value.color([170, 20, 30])).stacked(
        &mut cv,
        x + 18.0,
        32.8,
        "EXP",
        &date(f.expires, DateFmt::Slash),
    );
    st.stacked(&mut cv, x + 36.0, 32.8, "ISS", &date(f.issued(5), DateFmt::Slash));
    st.stacked(&mut cv, x, 38.5, "LIC#", &digits(rng, 7));
    st.stacked(&mut cv, x + 18.0, 38.5, "CLASS", "10");
    st.stacked(&mut cv, x + 30.0, 38.5, "SEX", &sex(f));
    st.stacked(&mut cv, x + 38.0, 38.5, "HGT", &f.height);
    st.stacked(&mut cv, x, 44.2, "EYES", f.eyes);
    st.stacked(&mut cv, x + 18.0, 44.2, "RESTR", "NONE");
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.5, 42.0, 23.0, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(73.5, 40.0, 8.5, 10.5), &mut face, true);
    mark(&mut cv, f, Rect::new(3.5, 12.5, 22.5, 28.5), rng);
    card_sheet(cv, None, &boxes, big.value.size, printed(f, false))
}

fn anchor(cv: &mut Canvas, c: (f32, f32), size: f32) {
    let col = [150, 170, 200];
    cv.line((c.0, c.1 - size * 0.8), (c.0, c.1 + size * 0.8), size * 0.08, col, 0.35);
    cv.line((c.0 - size * 0.4, c.1 - size * 0.5), (c.0 + size * 0.4, c.1 - size * 0.5), size * 0.07, col, 0.35);
    cv.ring((c.0, c.1 - size * 0.9), size * 0.12, size * 0.05, col, 0.35);
    let arc: Vec<(f32, f32)> = (0..=24)
        .map(|i| {
            let t = std::f32::consts::PI * i as f32 / 24.0;
            (c.0 - size * 0.7 * t.cos(), c.1 + size * 0.35 + size * 0.45 * t.sin())
        })
        .collect();
    cv.polyline(&arc, size * 0.08, col, 0.35);
}

/// New Jersey: gold gradient header, surname and given names on two unlabelled lines
/// under a hologram, dashed dates.
pub fn new_jersey(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [250, 248, 236]);
    security(&mut cv, [200, 180, 120], rng);
    cv.gradient(Rect::new(0.0, 0.0, CARD_W, 9.0), [250, 214, 90], [240, 170, 60], true);
    cv.text(&Pen::new(Face::GothicDemi, 4.6, [30, 40, 80]), 4.0, 7.0, "NEW JERSEY");
    let right = Pen::new(Face::GothicDemi, 2.3, [30, 40, 80]).align(Align::Right);
    cv.text(&right, 82.0, 4.6, "DRIVER LICENSE");
    cv.text(&right.face(Face::Gothic).size(1.7), 82.0, 7.6, "GARDEN STATE · USA");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.5, 11.5, 22.0, 28.5), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::Gothic, 1.6, [90, 70, 30]), Pen::new(Face::NarrowBold, 2.5, BLACK));
    let x = 29.0;
    let number = format!("{}{} {} {}", letter(rng), digits(rng, 4), digits(rng, 5), digits(rng, 5));
    st.inline(&mut cv, x, 14.0, "DL", &number);
    let given = match &f.suffix {
        Some(s) => format!("{} {}", f.given_names(false), s),
        None => f.given_names(false),
    };
    let pen = fit(fit(Pen::new(Face::NarrowBold, 3.4, BLACK), &f.surname, 52.0), &given, 52.0);
    let name = cv.text(&pen, x, 19.5, &f.surname).union(cv.text(&pen.size(pen.size * 0.9), x, 23.8, &given));
    let addr = fit(Pen::new(Face::Narrow, 2.3, BLACK), &f.city_line, 52.0);
    cv.text(&addr, x, 27.6, &f.street);
    cv.text(&addr, x, 30.4, &f.city_line);
    st.inline(&mut cv, x, 34.6, "DOB:", &date(f.dob, DateFmt::Dash));
    st.inline(&mut cv, x + 26.0, 34.6, "EXP:", &date(f.expires, DateFmt::Dash));
    st.inline(&mut cv, x, 38.6, "ISS:", &date(f.issued(4), DateFmt::Dash));
    st.inline(&mut cv, x + 26.0, 38.6, "CLASS:", "D");
    st.inline(&mut cv, x, 42.6, "SEX:", &sex(f));
    st.inline(&mut cv, x + 11.0, 42.6, "HGT:", &f.height);
    st.inline(&mut cv, x + 29.0, 42.6, "EYES:", f.eyes);
    st.inline(&mut cv, x, 46.6, "END:", "NONE");
    art::hologram(&mut cv, Rect::new(27.0, 15.0, 46.0, 11.0), 0.22, rng);
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.5, 42.0, 22.0, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(73.0, 36.0, 9.5, 12.0), &mut face, true);
    mark(&mut cv, f, Rect::new(3.5, 11.5, 22.0, 28.5), rng);
    card_sheet(
        cv,
        None,
        &boxes,
        pen.size * 0.9,
        Printed { name: format!("{given} {}", f.surname), expires: Some(f.expires) },
    )
}
