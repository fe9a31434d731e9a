//! More plastic cards: Texas, California and Florida licences, a state non-driver ID,
//! a town resident card and a uniformed-services ID.

use super::art;
use super::canvas::{fit, Align, Canvas, Pen, Rect, BLACK, WHITE};
use super::facts::{date, digits, letter, title_case, DateFmt, Facts, Sheet};
use super::fonts::Face;
use super::kit::{card_sheet, licence_back, mark, security, Printed, Style, CARD_H, CARD_S, CARD_W};
use super::Rng;

fn full() -> Rect {
    Rect::new(0.0, 0.0, CARD_W, CARD_H)
}

fn sign(cv: &mut Canvas, r: Rect, f: &Facts, rng: &mut Rng, boxes: &mut Vec<Rect>) {
    let name = format!("{} {}", title_case(&f.given), title_case(&f.surname));
    art::signature(cv, r, &name, f.scribble, rng);
    if !f.scribble {
        boxes.push(r);
    }
}

/// Texas: a large star watermark under everything, numbered fields with mixed-case
/// labels, surname and given names on separate lines.
pub fn texas(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [240, 238, 232]);
    cv.gradient(full(), [242, 238, 230], [226, 234, 244], false);
    security(&mut cv, [160, 160, 190], rng);
    art::star(&mut cv, (47.0, 31.0), 23.0, [170, 160, 200], 0.28);
    cv.text(&Pen::new(Face::TimesLikeBold, 6.0, [20, 40, 90]).spacing(1.0), 4.0, 8.5, "TEXAS");
    let right = Pen::new(Face::ArialBold, 2.5, [150, 30, 40]).align(Align::Right);
    cv.text(&right, 82.0, 6.0, "DRIVER LICENSE");
    cv.text(&right.color([20, 40, 90]).size(1.8), 82.0, 9.0, "USA");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.5, 12.0, 22.5, 28.5), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::Arial, 1.6, [60, 50, 90]), Pen::new(Face::ArialBold, 2.4, BLACK));
    let x = 29.0;
    st.inline(&mut cv, x, 14.6, "4d DL", &digits(rng, 8));
    let given = f.given_names(false);
    let big = st.with_value(fit(fit(Pen::new(Face::ArialBold, 3.2, BLACK), &given, 50.0), &f.surname_suffix(), 50.0));
    let name = big.inline(&mut cv, x, 19.8, "1", &f.surname_suffix()).union(big.inline(&mut cv, x, 23.9, "2", &given));
    let plain = st.with_value(fit(Pen::new(Face::Arial, 2.1, BLACK), &f.city_line, 50.0));
    let addr = plain.inline(&mut cv, x, 27.8, "8", &f.street);
    cv.text(&plain.value, addr.x, 30.6, &f.city_line);
    st.inline(&mut cv, x, 34.7, "3 DOB", &date(f.dob, DateFmt::Slash));
    st.with_value(st.value.color([170, 20, 30])).inline(
        &mut cv,
        x + 26.0,
        34.7,
        "4b Exp",
        &date(f.expires, DateFmt::Slash),
    );
    st.inline(&mut cv, x, 38.6, "4a Iss", &date(f.issued(8), DateFmt::Slash));
    st.inline(&mut cv, x + 26.0, 38.6, "9 Class", "C");
    st.inline(&mut cv, x, 42.5, "15 Sex", &f.sex.to_string());
    st.inline(&mut cv, x + 11.5, 42.5, "16 Hgt", &f.height);
    st.inline(&mut cv, x + 30.5, 42.5, "18 Eyes", f.eyes);
    st.inline(&mut cv, x, 46.4, "9a End", "NONE");
    st.inline(&mut cv, x + 20.0, 46.4, "12 Restr", "NONE");
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.5, 42.0, 22.5, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(73.0, 35.5, 9.5, 12.0), &mut face, true);
    mark(&mut cv, f, Rect::new(3.5, 12.0, 22.5, 28.5), rng);
    let back = licence_back("TEXAS", [170, 160, 200], rng);
    card_sheet(cv, Some(back), &boxes, big.value.size, Printed { name: f.first_last(false), expires: Some(f.expires) })
}

/// California: `LN`/`FN`, red labels, the expiry up top beside the licence number.
pub fn california(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [246, 242, 228]);
    cv.gradient(full(), [250, 244, 222], [214, 228, 240], true);
    security(&mut cv, [190, 170, 120], rng);
    cv.ellipse((62.0, 36.0), (15.0, 8.0), [150, 110, 60], 0.14);
    cv.ellipse((74.0, 31.0), (5.0, 4.5), [150, 110, 60], 0.14);
    cv.text(&Pen::new(Face::PalatinoBold, 5.4, [25, 60, 140]), 4.0, 8.5, "California");
    let right = Pen::new(Face::FreeSansBold, 2.2, [25, 60, 140]).align(Align::Right);
    cv.text(&right, 82.0, 5.8, "DRIVER LICENSE");
    cv.text(&right.size(1.8), 82.0, 8.6, "USA");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.0, 11.5, 23.0, 29.0), &mut face.clone(), false);
    let red = [180, 30, 40];
    let st = Style::new(Pen::new(Face::FreeSans, 1.6, red), Pen::new(Face::FreeSansBold, 2.3, BLACK));
    let x = 29.0;
    st.with_value(st.value.color(red)).inline(&mut cv, x, 14.5, "DL", &format!("{}{}", letter(rng), digits(rng, 7)));
    st.with_value(st.value.color(red)).inline(&mut cv, x + 24.0, 14.5, "EXP", &date(f.expires, DateFmt::Slash));
    let given = f.given_names(false);
    let big =
        st.with_value(fit(fit(Pen::new(Face::FreeSansBold, 3.0, BLACK), &given, 50.0), &f.surname_suffix(), 50.0));
    let name =
        big.inline(&mut cv, x, 19.4, "LN", &f.surname_suffix()).union(big.inline(&mut cv, x, 23.4, "FN", &given));
    let addr = fit(Pen::new(Face::FreeSans, 2.1, BLACK), &f.city_line, 52.0);
    cv.text(&addr, x, 27.2, &f.street);
    cv.text(&addr, x, 29.9, &f.city_line);
    st.inline(&mut cv, x, 33.8, "DOB", &date(f.dob, DateFmt::Slash));
    st.inline(&mut cv, x, 37.6, "RSTR", "NONE");
    st.inline(&mut cv, x + 24.0, 37.6, "CLASS", "C");
    st.inline(&mut cv, x, 41.4, "SEX", &f.sex.to_string());
    st.inline(&mut cv, x + 10.0, 41.4, "HAIR", f.hair);
    st.inline(&mut cv, x + 24.0, 41.4, "EYES", f.eyes);
    st.inline(&mut cv, x, 45.2, "HGT", &f.height);
    st.inline(&mut cv, x + 16.0, 45.2, "WGT", &format!("{} lb", f.weight));
    st.inline(&mut cv, x + 34.0, 45.2, "ISS", &date(f.issued(5), DateFmt::Slash));
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.0, 42.0, 23.0, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(73.0, 27.0, 9.0, 11.0), &mut face, true);
    mark(&mut cv, f, Rect::new(3.0, 11.5, 23.0, 29.0), rng);
    card_sheet(cv, None, &boxes, big.value.size, Printed { name: f.first_last(false), expires: Some(f.expires) })
}

/// Florida: green band, the name unlabelled in natural order, numbered labels above
/// their values.
pub fn florida(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [240, 246, 242]);
    cv.gradient(full(), [236, 246, 240], [252, 250, 238], false);
    security(&mut cv, [120, 180, 150], rng);
    cv.fill(Rect::new(0.0, 0.0, CARD_W, 10.0), [0, 110, 80], 1.0);
    cv.ellipse((78.0, 5.0), (3.6, 3.6), [245, 150, 40], 1.0);
    cv.text(&Pen::new(Face::NimbusBold, 5.0, WHITE).spacing(0.4), 4.0, 7.6, "FLORIDA");
    cv.text(&Pen::new(Face::ArialBold, 2.3, WHITE), 36.0, 7.2, "DRIVER LICENSE");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.5, 12.5, 22.0, 28.0), &mut face.clone(), false);
    let one_line = f.first_last(false);
    let pen = fit(Pen::new(Face::NimbusBold, 3.0, BLACK), &one_line, 54.0);
    let x = 29.0;
    let name = cv.text(&pen, x, 16.2, &one_line);
    let addr = fit(Pen::new(Face::Nimbus, 2.1, BLACK), &f.city_line, 54.0);
    cv.text(&addr, x, 20.0, &f.street);
    cv.text(&addr, x, 22.8, &f.city_line);
    let st = Style::new(Pen::new(Face::Nimbus, 1.5, [0, 90, 60]), Pen::new(Face::NimbusBold, 2.4, BLACK));
    let number = format!(
        "{}{}-{}-{}-{}-{}",
        letter(rng),
        digits(rng, 3),
        digits(rng, 3),
        digits(rng, 2),
        digits(rng, 3),
        digits(rng, 1)
    );
    st.stacked(&mut cv, x, 26.5, "4d DLN", &number);
    st.stacked(&mut cv, x, 32.6, "3 DOB", &date(f.dob, DateFmt::Slash));
    st.with_value(st.value.color([170, 20, 30])).stacked(
        &mut cv,
        x + 26.0,
        32.6,
        "4b EXP",
        &date(f.expires, DateFmt::Slash),
    );
    st.stacked(&mut cv, x, 38.7, "4a ISS", &date(f.issued(8), DateFmt::Slash));
    st.stacked(&mut cv, x + 26.0, 38.7, "9 CLASS", "E");
    st.stacked(&mut cv, x + 40.0, 38.7, "15 SEX", &f.sex.to_string());
    st.stacked(&mut cv, x, 44.8, "16 HGT", &f.height);
    st.stacked(&mut cv, x + 14.0, 44.8, "18 EYES", f.eyes);
    st.stacked(&mut cv, x + 28.0, 44.8, "12 RESTR", "A");
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.5, 42.0, 22.0, 7.0), f, rng, &mut boxes);
    art::portrait(&mut cv, Rect::new(74.0, 26.0, 8.5, 10.5), &mut face, true);
    mark(&mut cv, f, Rect::new(3.5, 12.5, 22.0, 28.0), rng);
    let back = licence_back("FLORIDA", [120, 180, 150], rng);
    card_sheet(cv, Some(back), &boxes, pen.size, Printed { name: one_line, expires: Some(f.expires) })
}

/// A state's non-driver identification card: `FAMILY NAME` / `GIVEN NAME` labels,
/// the name printed over a rosette.
pub fn state_id(f: &Facts, rng: &mut Rng) -> Sheet {
    let state = *rng.pick(&["CONNECTICUT", "NEW YORK", "MASSACHUSETTS", "NEW HAMPSHIRE", "VERMONT", "MAINE"]);
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [244, 240, 248]);
    cv.gradient(full(), [244, 238, 250], [234, 242, 248], true);
    security(&mut cv, [160, 130, 190], rng);
    art::rosette(&mut cv, (54.0, 23.0), 14.0, [150, 110, 190], 0.35, rng);
    cv.fill(Rect::new(0.0, 0.0, CARD_W, 9.5), [226, 214, 240], 1.0);
    cv.fill(Rect::new(0.0, 9.5, CARD_W, 0.4), [90, 50, 130], 1.0);
    let head = fit(Pen::new(Face::CaladeaBold, 3.6, [70, 30, 110]), &format!("STATE OF {state}"), 46.0);
    cv.text(&head, 4.0, 6.4, &format!("STATE OF {state}"));
    cv.text(&Pen::new(Face::CarlitoBold, 2.4, [70, 30, 110]).align(Align::Right), 82.0, 6.2, "IDENTIFICATION CARD");
    art::portrait(&mut cv, Rect::new(3.5, 12.0, 22.0, 28.0), rng, false);
    let st = Style::new(Pen::new(Face::Carlito, 1.5, [90, 60, 120]), Pen::new(Face::CarlitoBold, 2.3, BLACK));
    let x = 29.0;
    st.stacked(&mut cv, x, 13.6, "ID NO.", &format!("{}{}", letter(rng), digits(rng, 8)));
    st.stacked(&mut cv, x + 30.0, 13.6, "CLASS", "ID");
    let given = f.given_names(false);
    let big = st.with_value(fit(fit(Pen::new(Face::CarlitoBold, 3.1, BLACK), &given, 52.0), &f.surname_suffix(), 52.0));
    let name = big.stacked(&mut cv, x, 19.6, "FAMILY NAME", &f.surname_suffix());
    let name = name.union(big.stacked(&mut cv, x, 25.6, "GIVEN NAME", &given));
    let addr = st.with_value(fit(Pen::new(Face::Carlito, 2.0, BLACK), &f.city_line, 52.0));
    addr.stacked(&mut cv, x, 31.4, "ADDRESS", &f.street);
    cv.text(&addr.value, x, 36.1, &f.city_line);
    st.stacked(&mut cv, x, 39.4, "DATE OF BIRTH", &date(f.dob, DateFmt::Slash));
    st.stacked(&mut cv, x + 27.0, 39.4, "EXPIRES", &date(f.expires, DateFmt::Slash));
    st.stacked(&mut cv, x, 45.4, "ISSUED", &date(f.issued(6), DateFmt::Slash));
    st.stacked(&mut cv, x + 27.0, 45.4, "SEX", &f.sex.to_string());
    st.stacked(&mut cv, x + 36.0, 45.4, "HGT", &f.height);
    let mut boxes = vec![name];
    sign(&mut cv, Rect::new(3.5, 41.0, 22.0, 6.5), f, rng, &mut boxes);
    cv.text(&Pen::new(Face::ArialBold, 1.7, [170, 30, 40]), 3.5, 51.5, "NOT FOR DRIVING");
    mark(&mut cv, f, Rect::new(3.5, 12.0, 22.0, 28.0), rng);
    card_sheet(cv, None, &boxes, big.value.size, Printed { name: f.first_last(false), expires: Some(f.expires) })
}

/// `Jr.`, `Sr.` in mixed case; roman numerals stay capitals.
fn suffix_mixed(s: &str) -> String {
    match s {
        "JR" => "Jr.".into(),
        "SR" => "Sr.".into(),
        other => other.into(),
    }
}

/// A town's resident card: flat design, the name in mixed case with a middle initial,
/// no labels on the name.
pub fn town_id(f: &Facts, rng: &mut Rng) -> Sheet {
    let town = *rng.pick(&["New Haven", "Hartford", "Bridgeport", "New London", "Middletown", "Norwalk", "Stamford"]);
    let color = *rng.pick(&[[20, 60, 110], [30, 100, 60], [120, 30, 50], [90, 60, 20]]);
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [252, 252, 250]);
    art::waves(&mut cv, full(), [200, 205, 215], 0.25, rng);
    cv.fill(Rect::new(0.0, 0.0, 7.0, CARD_H), color, 1.0);
    cv.text_turned(&Pen::new(Face::GothicDemi, 3.0, WHITE).spacing(0.6), (3.5, CARD_H / 2.0), 90.0, "RESIDENT");
    cv.text(&Pen::new(Face::GothicDemi, 4.2, color), 10.0, 8.0, &format!("City of {town}"));
    cv.text(&Pen::new(Face::Gothic, 2.0, [90, 90, 90]).spacing(0.2), 10.0, 11.6, "MUNICIPAL IDENTIFICATION CARD");
    art::seal(&mut cv, (46.0, 38.0), 9.0, color, 0.15);
    art::portrait(&mut cv, Rect::new(60.0, 14.0, 22.0, 27.0), rng, false);
    let mut name = title_case(&f.given);
    if let Some(m) = &f.middle {
        name.push_str(&format!(" {}.", m.chars().next().unwrap_or('X')));
    }
    name.push_str(&format!(" {}", title_case(&f.surname)));
    if let Some(s) = &f.suffix {
        name.push_str(&format!(" {}", suffix_mixed(s)));
    }
    let pen = fit(Pen::new(Face::GothicDemi, 3.6, BLACK), &name, 47.0);
    let name_box = cv.text(&pen, 10.0, 20.5, &name);
    let addr = fit(Pen::new(Face::Gothic, 2.2, BLACK), &f.city_line, 47.0);
    cv.text(&addr, 10.0, 25.0, &f.street);
    cv.text(&addr, 10.0, 28.0, &f.city_line);
    let st = Style::new(Pen::new(Face::Gothic, 1.8, [90, 90, 90]), Pen::new(Face::GothicDemi, 2.3, BLACK));
    st.inline(&mut cv, 10.0, 33.2, "ID #", &format!("{}-{}", &town[..1], digits(rng, 6)));
    st.inline(&mut cv, 10.0, 37.2, "Date of Birth", &date(f.dob, DateFmt::Slash));
    st.inline(&mut cv, 10.0, 41.2, "Issued", &date(f.issued(3), DateFmt::Slash));
    st.with_value(st.value.color(color)).inline(&mut cv, 10.0, 45.2, "Expires", &date(f.expires, DateFmt::Slash));
    art::barcode(&mut cv, Rect::new(10.0, 48.0, 40.0, 4.0), rng);
    mark(&mut cv, f, Rect::new(60.0, 14.0, 22.0, 27.0), rng);
    card_sheet(cv, None, &[name_box], pen.size, Printed { name, expires: Some(f.expires) })
}

/// A uniformed-services ID in the style of a common access card: `SURNAME, GIVEN M`
/// without a label, dates as `2030MAY10`.
pub fn military(f: &Facts, rng: &mut Rng) -> Sheet {
    let branches = [
        ("United States Army", "SGT", "E5"),
        ("United States Navy", "PO2", "E5"),
        ("United States Air Force", "SSgt", "E5"),
        ("United States Marine Corps", "CPL", "E4"),
        ("United States Army", "CPT", "O3"),
        ("United States Coast Guard", "PO1", "E6"),
    ];
    let (branch, rank, grade) = *rng.pick(&branches);
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [250, 250, 250]);
    art::waves(&mut cv, full(), [190, 200, 215], 0.25, rng);
    art::seal(&mut cv, (34.0, 31.0), 13.0, [150, 160, 190], 0.18);
    let navy = [20, 35, 80];
    cv.text(&Pen::new(Face::NimbusBold, 2.3, navy), 4.0, 5.6, "UNIFORMED SERVICES IDENTIFICATION CARD");
    cv.text(&Pen::new(Face::Nimbus, 2.1, navy), 4.0, 8.8, branch);
    art::portrait(&mut cv, Rect::new(62.0, 11.0, 20.0, 25.0), rng, false);
    let name = f.last_first(true);
    let pen = fit(Pen::new(Face::NimbusBold, 3.2, BLACK), &name, 55.0);
    let name_box = cv.text(&pen, 4.0, 15.5, &name);
    let st = Style::new(Pen::new(Face::Nimbus, 1.5, [80, 80, 90]), Pen::new(Face::NimbusBold, 2.4, BLACK));
    st.stacked(&mut cv, 4.0, 19.8, "Pay Grade", grade);
    st.stacked(&mut cv, 22.0, 19.8, "Rank", rank);
    cv.fill(Rect::new(5.0, 27.0, 10.0, 8.0), [205, 170, 90], 1.0);
    for i in 0..4 {
        cv.fill(Rect::new(5.0, 28.5 + i as f32 * 1.6, 10.0, 0.25), [150, 120, 60], 1.0);
    }
    st.stacked(&mut cv, 20.0, 28.0, "DoD ID Number", &digits(rng, 10));
    st.stacked(&mut cv, 4.0, 39.0, "Issue Date", &date(f.issued(3), DateFmt::Military));
    st.stacked(&mut cv, 28.0, 39.0, "Expiration Date", &date(f.expires, DateFmt::Military));
    st.stacked(&mut cv, 4.0, 45.5, "Date of Birth", &date(f.dob, DateFmt::Military));
    art::barcode(&mut cv, Rect::new(58.0, 40.0, 26.0, 7.0), rng);
    cv.text(&Pen::new(Face::Nimbus, 1.4, [80, 80, 90]), 58.0, 50.0, "Geneva Conventions Category");
    mark(&mut cv, f, Rect::new(62.0, 11.0, 20.0, 25.0), rng);
    card_sheet(cv, None, &[name_box], pen.size, Printed { name: f.first_last(true), expires: Some(f.expires) })
}
