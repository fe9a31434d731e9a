//! Federal documents: the passport book's data page (TD3 zone), the passport card and
//! the permanent resident card (TD1 zones on their backs), and the certificates of
//! naturalization and citizenship (no expiry).

use chrono::{Datelike, NaiveDate};

use super::art;
use super::canvas::{fit, measure, Align, Canvas, Pen, Rect, BLACK};
use super::facts::{date, digits, letter, title_case, DateFmt, Facts, Shape, Sheet};
use super::fonts::Face;
use super::kit::{card_sheet, mark, security, Printed, Style, CARD_H, CARD_S, CARD_W};
use super::typeset::wrap;
use super::Rng;

const BOOK_W: f32 = 125.0;
const BOOK_H: f32 = 88.0;

fn mrz_date(d: NaiveDate) -> mrz::MrzDate {
    mrz::MrzDate::Calendar(mrz::Date::new(d.year(), d.month(), d.day()))
}

fn mrz_sex(c: char) -> mrz::Sex {
    match c {
        'M' => mrz::Sex::Male,
        'F' => mrz::Sex::Female,
        _ => mrz::Sex::Unspecified,
    }
}

/// MRZ given names: given, middle and suffix.
fn mrz_given(f: &Facts) -> String {
    let mut g = f.given_names(false);
    if let Some(s) = &f.suffix {
        g = format!("{g} {s}");
    }
    g
}

/// Prints the lines of a machine-readable zone in OCR-B, `width` mm wide, first
/// baseline at `y`, and returns the box of the line with the name.
fn print_mrz(cv: &mut Canvas, zone: &str, x: f32, y: f32, width: f32, pitch: f32) -> Rect {
    let lines: Vec<&str> = zone.lines().collect();
    let unit = measure(&Pen::new(Face::OcrB, 1.0, BLACK), lines[0]);
    let pen = Pen::new(Face::OcrB, width / unit, [25, 25, 30]);
    let mut name_line = Rect::default();
    for (i, l) in lines.iter().enumerate() {
        let r = cv.text(&pen, x, y + i as f32 * pitch, l);
        if l.contains("<<")
            && l.chars().filter(|c| c.is_ascii_alphabetic()).count() > 8
            && !l.starts_with(char::is_numeric)
        {
            name_line = if name_line.w > 0.0 { name_line.union(r) } else { r };
        }
    }
    name_line
}

/// The data page of a US passport book, with a valid TD3 zone. `back` is the facing
/// page with the bearer's signature.
pub fn passport_book(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(BOOK_W, BOOK_H, 14.0, [236, 240, 246]);
    cv.gradient(Rect::new(0.0, 0.0, BOOK_W, BOOK_H), [226, 236, 248], [248, 236, 228], true);
    security(&mut cv, [150, 160, 200], rng);
    art::seal(&mut cv, (92.0, 40.0), 20.0, [140, 150, 190], 0.15);
    let navy = [28, 40, 96];
    let head = *rng.pick(&[Face::CenturyBold, Face::TimesLikeBold, Face::PalatinoBold]);
    cv.text(&Pen::new(head, 3.4, navy), 6.0, 7.5, "PASSPORT");
    cv.text(&Pen::new(head, 4.2, navy).spacing(0.3), 46.0, 7.5, "UNITED STATES OF AMERICA");
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(6.0, 14.0, 32.0, 41.0), &mut face.clone(), false);
    let sans = *rng.pick(&[
        (Face::Nimbus, Face::NimbusBold),
        (Face::Arial, Face::ArialBold),
        (Face::FreeSans, Face::FreeSansBold),
    ]);
    let st = Style::new(Pen::new(sans.0, 1.5, [60, 60, 90]), Pen::new(sans.1, 2.8, BLACK));
    let fmt = *rng.pick(&[DateFmt::DayMon, DateFmt::Bilingual, DateFmt::DayMonMixed]);
    let number = if rng.chance(0.5) { digits(rng, 9) } else { format!("{}{}", letter(rng), digits(rng, 8)) };
    let x = 44.0;
    st.stacked(&mut cv, x, 14.5, "Type / Type / Tipo", "P");
    st.stacked(&mut cv, x + 22.0, 14.5, "Code / Code / Código", "USA");
    st.stacked(&mut cv, x + 46.0, 14.5, "Passport No. / No. du Passeport / No. de Pasaporte", &number);
    let big =
        st.with_value(fit(fit(Pen::new(sans.1, 3.4, BLACK), &f.surname_suffix(), 70.0), &f.given_names(false), 70.0));
    let name = big.stacked(&mut cv, x, 22.0, "Surname / Nom / Apellidos", &f.surname_suffix());
    let name = name.union(big.stacked(&mut cv, x, 29.5, "Given Names / Prénoms / Nombres", &f.given_names(false)));
    st.stacked(&mut cv, x, 37.0, "Nationality / Nationalité / Nacionalidad", "UNITED STATES OF AMERICA");
    st.stacked(&mut cv, x, 44.0, "Date of birth / Date de naissance / Fecha de nacimiento", &date(f.dob, fmt));
    st.stacked(&mut cv, x + 48.0, 44.0, "Sex / Sexe / Sexo", &f.sex.to_string());
    let place =
        format!("{}, U.S.A.", rng.pick(&["CONNECTICUT", "NEW YORK", "MASSACHUSETTS", "PUERTO RICO", "TEXAS", "OHIO"]));
    st.stacked(&mut cv, x, 51.0, "Place of birth / Lieu de naissance / Lugar de nacimiento", &place);
    st.stacked(&mut cv, x, 58.0, "Date of issue / Date de délivrance / Fecha de expedición", &date(f.issued(10), fmt));
    let small = st.with_value(Pen::new(sans.0, 2.2, BLACK));
    small.stacked(&mut cv, x + 42.0, 58.0, "Authority / Autorité / Autoridad", "United States");
    cv.text(&small.value, x + 42.0, 63.4, "Department of State");
    st.stacked(&mut cv, x, 65.5, "Date of expiration / Date d'expiration / Fecha de caducidad", &date(f.expires, fmt));
    small.stacked(&mut cv, x + 42.0, 68.5, "Endorsements / Mentions Spéciales / Anotaciones", "SEE PAGE 27");
    art::portrait(&mut cv, Rect::new(106.0, 26.0, 13.0, 17.0), &mut face, true);
    let line = book_zone(&mut cv, f, &number);
    mark(&mut cv, f, Rect::new(6.0, 14.0, 32.0, 41.0), rng);
    let back = signature_page(f, rng);
    let printed = Printed { name: f.first_last(false), expires: Some(f.expires) };
    let mut sheet = card_sheet(cv, Some(back), &[name, line], big.value.size, printed);
    sheet.shape = Shape::Book;
    sheet.corner_mm = 4.0;
    sheet
}

/// The perforated passport number up the right edge and the TD3 zone across the
/// foot of the page; returns the box of the zone's name line.
fn book_zone(cv: &mut Canvas, f: &Facts, number: &str) -> Rect {
    let perf = Pen::new(Face::NarrowBold, 3.4, [120, 110, 130]).alpha(0.6).spacing(0.6);
    cv.text_turned(&perf, (122.0, 44.0), 90.0, number);
    cv.fill(Rect::new(0.0, 74.0, BOOK_W, 14.0), [246, 246, 244], 0.7);
    print_mrz(cv, &td3(f, number), 5.5, 79.8, 114.0, 5.4)
}

/// The passport's TD3 zone.
fn td3(f: &Facts, number: &str) -> String {
    mrz::format_td3(&mrz::Td3Fields {
        document_code: "P".into(),
        issuing_country: "USA".into(),
        document_number: number.to_string(),
        surname: f.surname.clone(),
        given_names: mrz_given(f),
        nationality: "USA".into(),
        date_of_birth: mrz_date(f.dob),
        sex: mrz_sex(f.sex),
        date_of_expiry: mrz_date(f.expires),
        personal_number: None,
    })
}

/// The page facing the data page: a visa-page pattern and the bearer's signature.
fn signature_page(f: &Facts, rng: &mut Rng) -> Canvas {
    let mut cv = Canvas::new(BOOK_W, BOOK_H, 14.0, [240, 238, 232]);
    security(&mut cv, [190, 170, 160], rng);
    let pen = Pen::new(Face::Arial, 1.8, [90, 80, 80]);
    cv.text(&pen, 10.0, 62.0, "SIGNATURE OF BEARER / SIGNATURE DU TITULAIRE / FIRMA DEL TITULAR");
    cv.fill(Rect::new(10.0, 74.0, 100.0, 0.3), [90, 80, 80], 1.0);
    let name = format!("{} {}", title_case(&f.given), title_case(&f.surname));
    art::signature(&mut cv, Rect::new(14.0, 64.0, 60.0, 10.0), &name, f.scribble, rng);
    cv
}

/// A US passport card: the front with labelled fields, a back with a TD1 zone.
pub fn passport_card(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [238, 242, 248]);
    cv.gradient(Rect::new(0.0, 0.0, CARD_W, CARD_H), [214, 226, 242], [244, 244, 240], false);
    security(&mut cv, [140, 160, 200], rng);
    art::seal(&mut cv, (66.0, 34.0), 13.0, [120, 140, 190], 0.16);
    let navy = [24, 40, 100];
    cv.text(&Pen::new(Face::CenturyBold, 4.4, navy).spacing(0.3), 4.0, 7.4, "PASSPORT CARD");
    cv.text(&Pen::new(Face::Century, 2.2, navy), 4.0, 10.6, "UNITED STATES OF AMERICA");
    let number = format!("C{}", digits(rng, 8));
    cv.text(&Pen::new(Face::NarrowBold, 2.8, [170, 30, 40]).align(Align::Right), 82.0, 6.6, &number);
    let mut face = rng.fork("face");
    art::portrait(&mut cv, Rect::new(3.5, 13.0, 22.0, 28.0), &mut face.clone(), false);
    let st = Style::new(Pen::new(Face::Nimbus, 1.5, [70, 80, 110]), Pen::new(Face::NimbusBold, 2.3, BLACK));
    let big = st.with_value(fit(
        fit(Pen::new(Face::NimbusBold, 3.0, BLACK), &f.surname_suffix(), 52.0),
        &f.given_names(false),
        52.0,
    ));
    let x = 29.0;
    let name = big.stacked(&mut cv, x, 13.8, "Surname", &f.surname_suffix());
    let name = name.union(big.stacked(&mut cv, x, 20.0, "Given Names", &f.given_names(false)));
    st.stacked(&mut cv, x, 26.3, "Nationality", "USA");
    st.stacked(&mut cv, x + 18.0, 26.3, "Sex", &f.sex.to_string());
    st.stacked(&mut cv, x + 28.0, 26.3, "Date of Birth", &date(f.dob, DateFmt::DayMon));
    st.stacked(
        &mut cv,
        x,
        32.3,
        "Place of Birth",
        rng.pick::<&str>(&["CONNECTICUT, U.S.A.", "NEW YORK, U.S.A.", "RHODE ISLAND, U.S.A."]),
    );
    st.stacked(&mut cv, x, 38.3, "Issued On", &date(f.issued(10), DateFmt::DayMon));
    st.stacked(&mut cv, x + 28.0, 38.3, "Expires On", &date(f.expires, DateFmt::DayMon));
    st.stacked(&mut cv, x, 44.3, "Passport Card no.", &number);
    art::portrait(&mut cv, Rect::new(74.0, 40.0, 8.5, 10.5), &mut face, true);
    mark(&mut cv, f, Rect::new(3.5, 13.0, 22.0, 28.0), rng);
    let zone = mrz::format_td1(&mrz::Td1Fields {
        document_code: "IP".into(),
        issuing_country: "USA".into(),
        document_number: number,
        surname: f.surname.clone(),
        given_names: mrz_given(f),
        nationality: "USA".into(),
        date_of_birth: mrz_date(f.dob),
        sex: mrz_sex(f.sex),
        date_of_expiry: mrz_date(f.expires),
        ..Default::default()
    });
    let back = td1_back("This card is not valid for international air travel.", &zone, [200, 210, 230], rng);
    card_sheet(cv, Some(back), &[name], big.value.size, Printed { name: f.first_last(false), expires: Some(f.expires) })
}

/// A card back with a TD1 zone across its lower third.
fn td1_back(note: &str, zone: &str, tint: [u8; 3], rng: &mut Rng) -> Canvas {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [244, 246, 246]);
    security(&mut cv, tint, rng);
    cv.fill(Rect::new(5.0, 4.0, 75.6, 9.0), [200, 200, 205], 0.8);
    art::hologram(&mut cv, Rect::new(5.0, 4.0, 75.6, 9.0), 0.25, rng);
    cv.text(&Pen::new(Face::Arial, 1.7, [70, 70, 70]), 5.0, 19.0, note);
    art::barcode(&mut cv, Rect::new(5.0, 22.0, 40.0, 6.0), rng);
    print_mrz(&mut cv, zone, 4.5, 38.5, 76.0, 5.4);
    cv
}

/// A permanent resident card: `SURNAME` / `GIVEN NAME`, category and A-number, a back
/// with a TD1 zone.
pub fn permanent_resident(f: &Facts, rng: &mut Rng) -> Sheet {
    let mut cv = Canvas::new(CARD_W, CARD_H, CARD_S, [236, 244, 238]);
    cv.gradient(Rect::new(0.0, 0.0, CARD_W, CARD_H), [226, 242, 232], [244, 242, 230], true);
    security(&mut cv, [120, 170, 140], rng);
    let green = [20, 80, 50];
    cv.fill(Rect::new(0.0, 0.0, CARD_W, 10.0), [206, 230, 214], 1.0);
    cv.text(&Pen::new(Face::CaladeaBold, 3.7, green), 4.0, 6.0, "PERMANENT RESIDENT CARD");
    cv.text(&Pen::new(Face::Caladea, 2.0, green).align(Align::Right), 82.0, 6.0, "UNITED STATES OF AMERICA");
    art::portrait(&mut cv, Rect::new(3.5, 12.5, 22.0, 28.0), rng, false);
    let st = Style::new(Pen::new(Face::Carlito, 1.5, [60, 90, 70]), Pen::new(Face::CarlitoBold, 2.3, BLACK));
    let x = 29.0;
    let big = st.with_value(fit(
        fit(Pen::new(Face::CarlitoBold, 3.0, BLACK), &f.surname_suffix(), 52.0),
        &f.given_names(false),
        52.0,
    ));
    let name = big.stacked(&mut cv, x, 13.5, "SURNAME", &f.surname_suffix());
    let name = name.union(big.stacked(&mut cv, x, 19.5, "GIVEN NAME", &f.given_names(false)));
    let a_number = digits(rng, 9);
    st.stacked(&mut cv, x, 25.5, "USCIS#", &format!("A{}-{}-{}", &a_number[..3], &a_number[3..6], &a_number[6..]));
    st.stacked(&mut cv, x + 28.0, 25.5, "CATEGORY", rng.pick::<&str>(&["IR1", "CR1", "E21", "F21", "IR5", "DV1"]));
    let country = *rng.pick(&["INDIA", "MEXICO", "JAMAICA", "POLAND", "BRAZIL", "VIETNAM", "GHANA", "PERU"]);
    st.stacked(&mut cv, x, 31.5, "COUNTRY OF BIRTH", country);
    st.stacked(&mut cv, x + 28.0, 31.5, "DATE OF BIRTH", &date(f.dob, DateFmt::Slash));
    st.stacked(&mut cv, x, 37.5, "SEX", &f.sex.to_string());
    st.stacked(&mut cv, x + 10.0, 37.5, "CARD EXPIRES", &date(f.expires, DateFmt::Slash));
    st.stacked(&mut cv, x + 34.0, 37.5, "RESIDENT SINCE", &date(f.issued(10), DateFmt::Slash));
    let mut boxes = vec![name];
    if !f.scribble {
        let r = Rect::new(29.0, 44.0, 30.0, 7.0);
        art::signature(&mut cv, r, &format!("{} {}", title_case(&f.given), title_case(&f.surname)), false, rng);
        boxes.push(r);
    }
    art::star(&mut cv, (76.0, 46.0), 5.0, [190, 160, 70], 0.5);
    mark(&mut cv, f, Rect::new(3.5, 12.5, 22.0, 28.0), rng);
    let zone = mrz::format_td1(&mrz::Td1Fields {
        document_code: "C1".into(),
        issuing_country: "USA".into(),
        document_number: format!("{}{}{}{}", letter(rng), letter(rng), letter(rng), digits(rng, 6)),
        optional_data_1: Some(a_number),
        surname: f.surname.clone(),
        given_names: mrz_given(f),
        nationality: mrz::code_for_name(&title_case(country)).unwrap_or("XXX").into(),
        date_of_birth: mrz_date(f.dob),
        sex: mrz_sex(f.sex),
        date_of_expiry: mrz_date(f.expires),
        ..Default::default()
    });
    let back = td1_back(
        "Department of Homeland Security · U.S. Citizenship and Immigration Services",
        &zone,
        [150, 190, 160],
        rng,
    );
    card_sheet(cv, Some(back), &boxes, big.value.size, Printed { name: f.first_last(false), expires: Some(f.expires) })
}

/// Which certificate to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certificate {
    Naturalization,
    Citizenship,
}

/// A certificate of naturalization or of citizenship: a portrait page with the holder's
/// description, photograph and signature, and the name set large in the text.
pub fn certificate(kind: Certificate, f: &Facts, rng: &mut Rng) -> Sheet {
    let (w, h, s) = (216.0, 279.0, 8.0);
    let mut cv = Canvas::new(w, h, s, [250, 248, 238]);
    certificate_border(&mut cv, rng);
    let ink = [30, 50, 40];
    let serif = *rng.pick(&[
        (Face::Century, Face::CenturyBold),
        (Face::Palatino, Face::PalatinoBold),
        (Face::TimesLike, Face::TimesLikeBold),
    ]);
    let number = format!("No. {}", digits(rng, 8));
    cv.text(&Pen::new(Face::BookmanDemi, 5.0, [170, 30, 30]).align(Align::Right), w - 22.0, 24.0, &number);
    cv.text(&Pen::new(serif.0, 3.4, ink), 22.0, 24.0, &format!("USCIS Registration No. A{}", digits(rng, 9)));
    let title = Pen::new(serif.1, 6.5, ink).align(Align::Center);
    cv.text(&title, w / 2.0, 42.0, "THE UNITED STATES OF AMERICA");
    let heading = match kind {
        Certificate::Naturalization => "Certificate of Naturalization",
        Certificate::Citizenship => "Certificate of Citizenship",
    };
    cv.text(&Pen::new(Face::Chancery, 11.0, ink).align(Align::Center), w / 2.0, 58.0, heading);
    art::portrait(&mut cv, Rect::new(24.0, 70.0, 36.0, 45.0), rng, false);
    let body = Pen::new(serif.0, 3.6, ink);
    description(&mut cv, kind, f, body, rng);
    let name = if rng.chance(0.5) { f.first_last(false) } else { title_case(&f.first_last(false)) };
    let mut boxes = Vec::new();
    let sig = Rect::new(22.0, 118.0, 60.0, 11.0);
    let sig_name = format!("{} {}", title_case(&f.given), title_case(&f.surname));
    art::signature(&mut cv, sig, &sig_name, f.scribble, rng);
    if !f.scribble {
        boxes.push(sig);
    }
    let name_pen = fit(Pen::new(serif.1, 7.0, [10, 10, 10]).align(Align::Center), &name, 160.0);
    let y = certificate_text(&mut cv, kind, body, 146.0, rng);
    let name_box = cv.text(&name_pen, w / 2.0, y + 10.0, &name);
    cv.fill(Rect::new(40.0, y + 12.5, w - 80.0, 0.4), ink, 1.0);
    boxes.push(name_box);
    certificate_close(&mut cv, kind, body, y + 22.0, rng);
    art::seal(&mut cv, (62.0, 236.0), 16.0, [170, 40, 40], 0.6);
    mark(&mut cv, f, Rect::new(24.0, 70.0, 36.0, 45.0), rng);
    Sheet {
        front: cv.img,
        back: None,
        s,
        corner_mm: 0.0,
        shape: Shape::Page,
        name_boxes: boxes,
        keep_boxes: Vec::new(),
        name_em: name_pen.size,
        name_on_id: name,
        expires: None,
    }
}

fn certificate_border(cv: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (cv.w_mm(), cv.h_mm());
    let col = [120, 140, 110];
    for (x, y, ww, hh) in [(0.0, 0.0, w, 14.0), (0.0, h - 14.0, w, 14.0)] {
        art::waves(cv, Rect::new(x, y, ww, hh), col, 0.5, rng);
    }
    art::rosette(cv, (w / 2.0, h * 0.55), 70.0, [200, 205, 185], 0.3, rng);
    cv.frame(Rect::new(10.0, 10.0, w - 20.0, h - 20.0), 0.8, col);
    cv.frame(Rect::new(13.0, 13.0, w - 26.0, h - 26.0), 0.3, col);
}

fn description(cv: &mut Canvas, kind: Certificate, f: &Facts, body: Pen, rng: &mut Rng) {
    let x = 70.0;
    let intro = match kind {
        Certificate::Naturalization => "Personal description of holder as of date of naturalization:",
        Certificate::Citizenship => "Personal description of holder as of date of issuance of this certificate:",
    };
    let mut y = 76.0;
    for l in wrap(&body, intro, 124.0) {
        cv.text(&body.face(Face::FreeSerifItalic), x, y, &l);
        y += 5.0;
    }
    let sex = match f.sex {
        'F' => "Female",
        'M' => "Male",
        _ => "X",
    };
    let marital = *rng.pick(&["Single", "Married", "Divorced", "Widowed"]);
    let country = *rng.pick(&["India", "Mexico", "Jamaica", "Poland", "Brazil", "Vietnam", "Ghana", "Canada"]);
    let lines = [
        format!("Date of birth: {}", date(f.dob, DateFmt::Long)),
        format!("Sex: {sex}"),
        format!("Height: {}", f.height_words()),
        format!("Marital status: {marital}"),
        format!("Country of former nationality: {country}"),
    ];
    for l in lines {
        y += 1.0;
        cv.text(&body, x + 4.0, y, &l);
        y += 5.0;
    }
    let oath = "I certify that the description above given is true, and that the photograph affixed hereto is a likeness of me.";
    y += 3.0;
    for l in wrap(&body.size(3.0), oath, 124.0) {
        cv.text(&body.size(3.0), x, y, &l);
        y += 4.2;
    }
}

fn certificate_text(cv: &mut Canvas, kind: Certificate, body: Pen, y: f32, rng: &mut Rng) -> f32 {
    let place = *rng.pick(&[
        "Hartford, Connecticut",
        "New Haven, Connecticut",
        "Bridgeport, Connecticut",
        "Boston, Massachusetts",
    ]);
    let text = match kind {
        Certificate::Naturalization => format!(
            "Be it known that, pursuant to an application filed with the Secretary of Homeland Security at {place}, the Secretary having found that:"
        ),
        Certificate::Citizenship => format!(
            "Be it known that, pursuant to an application filed with the Secretary of Homeland Security at {place}, the Secretary having found that the person named below has become a citizen of the United States:"
        ),
    };
    let mut y = y;
    for l in wrap(&body, &text, 168.0) {
        cv.text(&body.align(Align::Center), 108.0, y, &l);
        y += 5.2;
    }
    y
}

fn certificate_close(cv: &mut Canvas, kind: Certificate, body: Pen, y: f32, rng: &mut Rng) {
    let day = date(
        NaiveDate::from_ymd_opt(2010 + rng.range(0, 15) as i32, rng.range(1, 13) as u32, rng.range(1, 29) as u32)
            .unwrap_or_default(),
        DateFmt::Long,
    );
    let text = match kind {
        Certificate::Naturalization => format!("having complied in all respects with all of the applicable provisions of the naturalization laws of the United States, and being entitled to be admitted to citizenship, such person having taken the oath of allegiance at a ceremony conducted on {day}, such person is admitted as a citizen of the United States of America."),
        Certificate::Citizenship => format!("and the Secretary being satisfied that the person named above became a citizen of the United States on {day}, and is now a citizen of the United States of America, this certificate of citizenship is issued under the seal of the Department of Homeland Security."),
    };
    let mut y = y;
    for l in wrap(&body, &text, 168.0) {
        cv.text(&body.align(Align::Center), 108.0, y, &l);
        y += 5.2;
    }
    let right = Pen::new(body.face, 3.0, body.color).align(Align::Center);
    art::signature(cv, Rect::new(130.0, 232.0, 55.0, 10.0), "M. Alvarez Reyes", true, rng);
    cv.fill(Rect::new(125.0, 244.0, 65.0, 0.3), body.color, 1.0);
    cv.text(&right, 157.0, 249.0, "Director, U.S. Citizenship and Immigration Services");
    cv.text(
        &Pen::new(body.face, 2.4, body.color).align(Align::Center),
        108.0,
        262.0,
        "IT IS PUNISHABLE BY U.S. LAW TO COPY, PRINT OR PHOTOGRAPH THIS CERTIFICATE WITHOUT LAWFUL AUTHORITY.",
    );
}
