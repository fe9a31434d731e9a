//! Paper documents that are not IDs: proofs of a change of name, proofs of a tie to a
//! business, and unrelated files. Each paper is laid out once (`typeset::Doc`) and then
//! printed for a scan or photo, or written as a PDF with a text layer.

use chrono::NaiveDate;

use super::art;
use super::canvas::{Align, Canvas, Pen, Rect};
use super::facts::{date, digits, title_case, DateFmt, Shape, Sheet};
use super::fonts::Face;
use super::typeset::{Doc, Family, BASE14, FAMILIES};
use super::{NameChangePaper, Rng};

pub const PAGE: (f32, f32) = (215.9, 279.4);
const PAGE_S: f32 = 8.0;

/// A name split into given names and surname (last word).
pub struct Split {
    pub given: String,
    pub surname: String,
}

pub fn split(name: &str) -> Split {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => Split { given: rest.join(" "), surname: last.to_string() },
        _ => Split { given: String::new(), surname: name.trim().to_string() },
    }
}

/// A plausible day in the past few years.
pub fn past_day(rng: &mut Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(2018 + rng.range(0, 8) as i32, rng.range(1, 13) as u32, rng.range(1, 29) as u32)
        .unwrap_or_default()
}

const TOWNS: &[&str] = &[
    "Glastonbury",
    "Wethersfield",
    "Manchester",
    "Hamden",
    "Milford",
    "Danbury",
    "Norwich",
    "Enfield",
    "Bristol",
    "Meriden",
];
const GIVEN: &[&str] = &["Michael", "Jason", "Carlos", "Daniel", "Sarah", "Kevin", "Priya", "Thomas", "Andre", "Laura"];

/// The page `doc` printed on a canvas, with `decorate` adding seals and signatures.
pub fn sheet_of(doc: &Doc, decorate: impl FnOnce(&mut Canvas)) -> Sheet {
    let mut cv = Canvas::new(doc.w, doc.h, PAGE_S, [252, 252, 249]);
    doc.render(&mut cv);
    decorate(&mut cv);
    Sheet {
        front: cv.img,
        back: None,
        s: PAGE_S,
        corner_mm: 0.0,
        shape: Shape::Page,
        name_boxes: Vec::new(),
        keep_boxes: Vec::new(),
        name_em: 3.6,
        name_on_id: String::new(),
        expires: None,
    }
}

fn centered(doc: &mut Doc, face: Face, size: f32, text: &str) {
    doc.line(Pen::new(face, size, [20, 20, 30]).align(Align::Center), text, 1.3);
}

/// A certified copy of a marriage record: the name before and after the marriage.
pub fn marriage(former: &str, current: &str, fam: Family, rng: &mut Rng) -> Doc {
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 24.0);
    let town = *rng.pick(TOWNS);
    d.gap(6.0);
    centered(&mut d, fam.serif_bold, 5.2, "STATE OF CONNECTICUT");
    centered(&mut d, fam.serif, 3.6, &format!("Office of the Town Clerk · Town of {town}"));
    d.gap(3.0);
    centered(&mut d, fam.serif_bold, 4.6, "CERTIFIED COPY OF MARRIAGE RECORD");
    d.rule(0.5, [40, 40, 40]);
    let cur = split(current);
    let spouse = format!("{} {}", rng.pick(GIVEN).to_uppercase(), cur.surname.to_uppercase());
    let size = 3.5;
    d.field(size, "State File Number:", &format!("{}-{}", 2018 + rng.range(0, 8), digits(rng, 6)));
    let married = past_day(rng);
    d.field(size, "Date of Marriage:", &date(married, DateFmt::Long));
    d.field(size, "Place of Marriage:", &format!("Town of {town}, Connecticut"));
    d.gap(3.0);
    d.line(Pen::new(fam.sans_bold, 3.6, [20, 20, 30]), "SPOUSE 1", 1.2);
    d.field(size, "Name before marriage:", &former.to_uppercase());
    d.field(size, "Name after marriage:", &current.to_uppercase());
    d.field(size, "Surname after marriage:", &cur.surname.to_uppercase());
    d.field(
        size,
        "Birthplace:",
        rng.pick::<&str>(&["Hartford, CT", "Providence, RI", "Springfield, MA", "Kingston, Jamaica"]),
    );
    d.gap(3.0);
    d.line(Pen::new(fam.sans_bold, 3.6, [20, 20, 30]), "SPOUSE 2", 1.2);
    d.field(size, "Name before marriage:", &spouse);
    d.field(size, "Surname after marriage:", &cur.surname.to_uppercase());
    d.gap(3.0);
    d.field(size, "Officiant:", "Hon. R. Delgado-Finch, Justice of the Peace");
    let recorded = married + chrono::Days::new(rng.range(3, 40));
    d.field(size, "Date Recorded:", &date(recorded, DateFmt::Slash));
    d.rule(0.3, [40, 40, 40]);
    let body = Pen::new(fam.serif, 3.4, [20, 20, 30]);
    d.para(body, "I hereby certify that this is a true copy of the record of marriage on file in this office.");
    d.signature_space(14.0, false);
    d.seal = true;
    d.line(body, &format!("Registrar of Vital Statistics, Town of {town}"), 1.3);
    d.line(Pen::new(fam.sans, 2.6, [90, 90, 90]), "NOT VALID WITHOUT THE RAISED SEAL OF THE TOWN", 1.3);
    d
}

/// A judgment of dissolution that restores the former name.
pub fn divorce(former: &str, current: &str, fam: Family, rng: &mut Rng) -> Doc {
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 25.0);
    let town = *rng.pick(TOWNS);
    let prefix = *rng.pick(&["HHD", "NNH", "FBT", "KNL", "TTD"]);
    let docket = format!("{prefix}-FA{}-{}-S", rng.range(20, 26), digits(rng, 7));
    let spouse = format!("{} {}", rng.pick(GIVEN).to_uppercase(), split(former).surname.to_uppercase());
    let head = Pen::new(fam.sans_bold, 3.4, [20, 20, 20]);
    d.gap(8.0);
    d.text(head, d.margin, d.y, &format!("DOCKET NO. {docket}"));
    d.text(head.align(Align::Right), d.w - d.margin, d.y, "SUPERIOR COURT");
    d.gap(5.0);
    d.text(head, d.margin, d.y, &former.to_uppercase());
    d.text(head.align(Align::Right), d.w - d.margin, d.y, "JUDICIAL DISTRICT OF HARTFORD");
    d.gap(5.0);
    d.text(head, d.margin, d.y, &format!("V. {spouse}"));
    d.text(head.align(Align::Right), d.w - d.margin, d.y, &date(past_day(rng), DateFmt::Long).to_uppercase());
    d.gap(10.0);
    centered(&mut d, fam.sans_bold, 4.4, "JUDGMENT OF DISSOLUTION OF MARRIAGE");
    d.gap(4.0);
    let body = Pen::new(fam.serif, 3.5, [20, 20, 20]);
    d.para(body, "This action, seeking the dissolution of the marriage of the parties, came to this court and thence to the present time, when the parties appeared. The court finds that it has jurisdiction, that the allegations of the complaint are proven and true, and that the marriage of the parties has broken down irretrievably.");
    d.para(body, "WHEREUPON it is adjudged that the marriage of the parties is dissolved and that they are each single and unmarried.");
    d.para(body, &format!("IT IS FURTHER ORDERED that the plaintiff's former name of {} is restored. The plaintiff, {}, shall hereafter be known as {}.", current.to_uppercase(), former.to_uppercase(), current.to_uppercase()));
    d.gap(10.0);
    d.line(body, "BY THE COURT,", 1.3);
    d.signature_space(12.0, false);
    d.seal = true;
    d.line(body, &format!("{}, J.", rng.pick(&["Ostrowski", "Bellamy", "Nwosu", "Hargrove"])), 1.3);
    d.gap(8.0);
    d.para(
        Pen::new(fam.sans, 2.8, [60, 60, 60]),
        &format!("A true copy. Attest: Assistant Clerk, Superior Court, {town}."),
    );
    d
}

/// A probate court's decree changing an adult's name.
pub fn court_order(former: &str, current: &str, fam: Family, rng: &mut Rng) -> Doc {
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 24.0);
    let town = *rng.pick(TOWNS);
    d.gap(6.0);
    centered(&mut d, fam.serif_bold, 5.0, "STATE OF CONNECTICUT");
    centered(&mut d, fam.serif_bold, 4.2, "COURT OF PROBATE");
    centered(&mut d, fam.serif, 3.6, &format!("{town} Probate District, District No. {}", rng.range(10, 60)));
    d.gap(4.0);
    centered(&mut d, fam.sans_bold, 4.2, "DECREE ON PETITION FOR CHANGE OF NAME (ADULT)");
    d.rule(0.4, [30, 30, 30]);
    let size = 3.5;
    d.field(size, "Petitioner:", &former.to_uppercase());
    d.field(size, "Present name:", &former.to_uppercase());
    d.field(size, "Name requested:", &current.to_uppercase());
    d.field(size, "Date of hearing:", &date(past_day(rng), DateFmt::Long));
    d.gap(4.0);
    let body = Pen::new(fam.serif, 3.5, [20, 20, 20]);
    d.para(body, "After due hearing, at which all persons interested were given an opportunity to be heard, the court finds that the petitioner is a resident of this district, that the petition is not made for a fraudulent purpose, and that it should be granted.");
    d.para(
        body,
        &format!("ORDERED: That the name of {} is changed to {}.", former.to_uppercase(), current.to_uppercase()),
    );
    d.gap(4.0);
    d.line(body, &format!("Dated at {town}, Connecticut, on {}.", date(past_day(rng), DateFmt::Long)), 1.3);
    d.signature_space(16.0, true);
    d.seal = true;
    d.line(body.align(Align::Right), "Judge of Probate", 1.3);
    d.gap(10.0);
    d.para(
        Pen::new(fam.sans, 2.8, [60, 60, 60]),
        "Attest: a true copy of the decree on file. Clerk of the Probate Court.",
    );
    d
}

/// The paper for `kind`, laid out in `fam`.
pub fn name_change_doc(kind: NameChangePaper, former: &str, current: &str, fam: Family, rng: &mut Rng) -> Doc {
    match kind {
        NameChangePaper::MarriageCertificate => marriage(former, current, fam, rng),
        NameChangePaper::DivorceDecree => divorce(former, current, fam, rng),
        NameChangePaper::CourtOrder => court_order(former, current, fam, rng),
    }
}

/// The signature (and seal) a printed copy of `doc` bears.
pub fn officialise(cv: &mut Canvas, doc: &Doc, rng: &mut Rng) {
    let Some(sig) = doc.sign else { return };
    art::signature(cv, sig, "", true, rng);
    if doc.seal {
        let (w, h) = (cv.w_mm(), cv.h_mm());
        let x = if sig.x > w / 2.0 { w * 0.25 } else { (sig.right() + 30.0).min(w - 30.0) };
        art::seal(cv, (x, sig.y + 4.0), 16.0, [150, 40, 40], 0.35);
        if rng.chance(0.5) {
            cv.frame(Rect::new(8.0, 8.0, w - 16.0, h - 16.0), 0.6, [80, 90, 80]);
        }
    }
}

/// A family to set a paper in: base-14 metrics when it will be a text PDF.
pub fn family(text_pdf: bool, rng: &mut Rng) -> Family {
    if text_pdf {
        BASE14
    } else {
        *rng.pick(FAMILIES)
    }
}

/// A mixed-case version of an all-capitals name.
pub fn display(name: &str) -> String {
    title_case(name)
}
