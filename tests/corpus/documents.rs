//! Attachments for corpus messages: photo IDs in many designs, name-change papers,
//! proofs of a tie to a business and unrelated files, drawn as flat scans or as phone
//! photos, each with what a careful clerk would record about it.
//!
//! INTERFACE (agreed between the mail writer and the document drawer; signatures may
//! grow, not change).
//!
//! Written from the court's definitions (`shared/samples/README.md`) without looking at
//! accessd's reading code or its own synthetic IDs, and in designs, fonts and captures
//! unlike the court's samples. Submodules: `fonts`, `canvas`, `art` (drawing);
//! `facts`, `kit`, `licences`, `cards`, `federal` (the ID designs); `typeset`, `papers`,
//! `business` (other papers); `scene`, `capture`, `deliver`, `encode`, `names` (from a
//! drawn sheet to an attached file).
//!
//! Fonts come from Debian packages listed in `deploy/debian-deps.sh` (Liberation,
//! FreeFont, Carlito/Caladea, URW base 35, OCR-B, Dancing Script).

use chrono::NaiveDate;

use super::rng::Rng;

mod art;
mod business;
mod canvas;
mod capture;
mod cards;
mod deliver;
mod encode;
mod facts;
mod federal;
mod fonts;
mod kit;
mod licences;
mod names;
mod papers;
mod scene;
mod typeset;
mod unrelated;

use deliver::File;
use facts::{Facts, Sheet};

/// Whose document it is. Names in capitals or mixed case as the person writes them;
/// the designs decide how they are printed.
#[derive(Debug, Clone)]
pub struct Holder {
    pub given: String,
    pub middle: Option<String>,
    pub surname: String,
    /// `JR`, `III`…
    pub suffix: Option<String>,
    pub dob: NaiveDate,
    pub expires: NaiveDate,
    /// `M` or `F` (or `X`).
    pub sex: char,
    pub street: String,
    /// `HARTFORD, CT 06103`
    pub city_line: String,
}

/// The ID designs the corpus draws. See `IdDesign::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdDesign {
    /// Connecticut licence: AAMVA numbered fields (`1` surname, `2` given names).
    CtLicense,
    /// Connecticut's vertical under-21 licence: reversed header, `LN`/`FN`.
    CtUnder21,
    /// New York: `SURNAME, GIVEN MIDDLE` unlabelled under a hologram.
    NyLicense,
    /// Massachusetts: reversed maroon band, numbered lines, middle initial.
    MaLicense,
    /// Rhode Island: `LN`/`FN` labels above the values.
    RiLicense,
    /// New Jersey: surname and given names on two unlabelled lines, hologram.
    NjLicense,
    /// Texas: star watermark, numbered fields with mixed-case labels.
    TxLicense,
    /// California: `LN`/`FN`, expiry beside the licence number.
    CaLicense,
    /// Florida: the name unlabelled in natural order, green band.
    FlLicense,
    /// A state's non-driver ID: `FAMILY NAME` / `GIVEN NAME`.
    StateIdCard,
    /// A town's resident ID: mixed-case name, no labels.
    TownIdCard,
    /// Uniformed-services ID: `SURNAME, GIVEN M`, dates as `2030MAY10`.
    MilitaryId,
    /// US passport book data page with a TD3 zone.
    PassportBook,
    /// US passport card, a TD1 zone on its back.
    PassportCard,
    /// Permanent resident card, a TD1 zone on its back.
    PermanentResident,
    /// Certificate of naturalization (a page, no expiry).
    Naturalization,
    /// Certificate of citizenship (a page, no expiry).
    Citizenship,
}

impl IdDesign {
    pub const ALL: &'static [IdDesign] = &[
        IdDesign::CtLicense,
        IdDesign::CtUnder21,
        IdDesign::NyLicense,
        IdDesign::MaLicense,
        IdDesign::RiLicense,
        IdDesign::NjLicense,
        IdDesign::TxLicense,
        IdDesign::CaLicense,
        IdDesign::FlLicense,
        IdDesign::StateIdCard,
        IdDesign::TownIdCard,
        IdDesign::MilitaryId,
        IdDesign::PassportBook,
        IdDesign::PassportCard,
        IdDesign::PermanentResident,
        IdDesign::Naturalization,
        IdDesign::Citizenship,
    ];

    /// The court's `id_type` for this design (`ct_driver_license`, `us_passport`, …).
    pub fn id_type(self) -> &'static str {
        use IdDesign::*;
        match self {
            CtLicense | CtUnder21 => "ct_driver_license",
            NyLicense | MaLicense | RiLicense | NjLicense | TxLicense | CaLicense | FlLicense => {
                "out_of_state_driver_license"
            }
            StateIdCard | TownIdCard => "government_id",
            MilitaryId => "military_id",
            PassportBook => "us_passport",
            PassportCard => "passport_card",
            PermanentResident => "permanent_resident_card",
            Naturalization => "naturalization_certificate",
            Citizenship => "citizenship_certificate",
        }
    }

    /// Whether the document prints an expiry date.
    pub fn expires(self) -> bool {
        !matches!(self, IdDesign::Naturalization | IdDesign::Citizenship)
    }

    fn draw(self, f: &Facts, rng: &mut Rng) -> Sheet {
        use IdDesign::*;
        match self {
            CtLicense => licences::connecticut(f, rng),
            CtUnder21 => licences::connecticut_under21(f, rng),
            NyLicense => licences::new_york(f, rng),
            MaLicense => licences::massachusetts(f, rng),
            RiLicense => licences::rhode_island(f, rng),
            NjLicense => licences::new_jersey(f, rng),
            TxLicense => cards::texas(f, rng),
            CaLicense => cards::california(f, rng),
            FlLicense => cards::florida(f, rng),
            StateIdCard => cards::state_id(f, rng),
            TownIdCard => cards::town_id(f, rng),
            MilitaryId => cards::military(f, rng),
            PassportBook => federal::passport_book(f, rng),
            PassportCard => federal::passport_card(f, rng),
            PermanentResident => federal::permanent_resident(f, rng),
            Naturalization => federal::certificate(federal::Certificate::Naturalization, f, rng),
            Citizenship => federal::certificate(federal::Certificate::Citizenship, f, rng),
        }
    }

    /// What a person calls this document in a file name.
    fn hint(self, rng: &mut Rng) -> &'static str {
        use IdDesign::*;
        let options: &[&'static str] = match self {
            CtLicense | CtUnder21 | NyLicense | MaLicense | RiLicense | NjLicense | TxLicense | CaLicense
            | FlLicense => &["drivers license", "license", "DL", "ID", "driver license"],
            StateIdCard | TownIdCard => &["ID", "state ID", "id card"],
            MilitaryId => &["military ID", "CAC", "ID"],
            PassportBook => &["passport", "Passport"],
            PassportCard => &["passport card", "ID"],
            PermanentResident => &["green card", "PR card", "ID"],
            Naturalization => &["naturalization certificate", "certificate"],
            Citizenship => &["citizenship certificate", "certificate"],
        };
        rng.pick::<&str>(options)
    }
}

/// How a legible document reaches the court.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// A flatbed scan or a phone "scan" app: flat, straight, even light.
    Scan,
    /// A phone photo: the document on a surface, turned, in perspective, uneven light.
    Photo,
}

/// Ways a picture defeats a person who tries to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spoil {
    Blurred,
    Dark,
    Tiny,
    Glare,
    CutOff,
}

/// One drawn file and what a clerk records about it (the truth's `documents` entry).
#[derive(Debug, Clone)]
pub struct Drawn {
    /// A file name as the party's phone, scanner or computer would give it.
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    /// `photo_id`, `name_change`, `business_proof` or `other`.
    pub kind: &'static str,
    pub id_type: Option<&'static str>,
    /// The name as printed on the ID; `None` unless a legible photo ID.
    pub name_on_id: Option<String>,
    /// The printed expiry; `None` for documents without one and illegible IDs.
    pub expires: Option<NaiveDate>,
    pub legible: bool,
}

impl Drawn {
    fn of(file: File, kind: &'static str) -> Drawn {
        Drawn {
            filename: file.name,
            content_type: file.content_type,
            bytes: file.bytes,
            kind,
            id_type: None,
            name_on_id: None,
            expires: None,
            legible: true,
        }
    }
}

fn deliver(sheet: &Sheet, capture: Capture, hint: &str, rng: &mut Rng) -> File {
    match capture {
        Capture::Scan => deliver::scan(sheet, hint, rng),
        Capture::Photo => deliver::photo(sheet, hint, rng),
    }
}

/// A legible photo ID of `holder` in `design`.
pub fn photo_id(design: IdDesign, holder: &Holder, capture: Capture, rng: &mut Rng) -> Drawn {
    let mut rng = rng.fork("photo_id");
    let facts = Facts::new(holder, &mut rng);
    let sheet = design.draw(&facts, &mut rng);
    let hint = design.hint(&mut rng);
    let file = deliver(&sheet, capture, hint, &mut rng);
    Drawn {
        id_type: Some(design.id_type()),
        name_on_id: Some(sheet.name_on_id.clone()),
        expires: sheet.expires,
        ..Drawn::of(file, "photo_id")
    }
}

/// A photo ID of `holder` that no person could read.
pub fn spoiled_photo_id(design: IdDesign, holder: &Holder, spoil: Spoil, rng: &mut Rng) -> Drawn {
    let mut rng = rng.fork("spoiled_photo_id");
    let facts = Facts::new(holder, &mut rng);
    let sheet = design.draw(&facts, &mut rng);
    let hint = design.hint(&mut rng);
    let file = deliver::spoiled(&sheet, spoil, hint, &mut rng);
    Drawn { id_type: Some(design.id_type()), legible: false, ..Drawn::of(file, "photo_id") }
}

/// A paper laid out as `doc`: a PDF with a text layer when `text_pdf`, else printed
/// (with seals and signatures) and scanned or photographed.
fn paper_file(doc: &typeset::Doc, text_pdf: bool, capture: Capture, hint: &str, rng: &mut Rng) -> File {
    if text_pdf {
        let name = names::person_name(hint, "pdf", rng);
        return File { content_type: "application/pdf", name, bytes: encode::pdf_text(doc) };
    }
    let mut seal_rng = rng.fork("seal");
    let sheet = papers::sheet_of(doc, |cv| papers::officialise(cv, doc, &mut seal_rng));
    deliver(&sheet, capture, hint, rng)
}

/// Which paper shows a change of name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameChangePaper {
    MarriageCertificate,
    DivorceDecree,
    CourtOrder,
}

/// A document showing that `former` (the name on the court file) became `current` (the
/// name on the ID).
pub fn name_change(paper: NameChangePaper, former: &str, current: &str, capture: Capture, rng: &mut Rng) -> Drawn {
    let mut rng = rng.fork("name_change");
    let text_pdf = capture == Capture::Scan && rng.chance(0.4);
    let fam = papers::family(text_pdf, &mut rng);
    let doc = papers::name_change_doc(paper, former, current, fam, &mut rng);
    let hint = *rng.pick(match paper {
        NameChangePaper::MarriageCertificate => {
            &["Marriage Certificate", "marriage certificate", "marriage license"][..]
        }
        NameChangePaper::DivorceDecree => &["divorce decree", "Judgment", "name restored"][..],
        NameChangePaper::CourtOrder => &["name change order", "Probate decree", "name change"][..],
    });
    Drawn::of(paper_file(&doc, text_pdf, capture, hint, &mut rng), "name_change")
}

/// Which paper shows the sender's tie to a business.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusinessPaper {
    SecretaryOfStatePage,
    ArticlesOfOrganization,
    Letterhead,
    BusinessCard,
    UtilityBill,
}

/// A document naming `business` and `person`'s role in it.
pub fn business_proof(paper: BusinessPaper, business: &str, person: &str, capture: Capture, rng: &mut Rng) -> Drawn {
    let mut rng = rng.fork("business_proof");
    let role = business::role(business, &mut rng);
    let text_pdf = capture == Capture::Scan && rng.chance(0.35);
    let fam = papers::family(text_pdf, &mut rng);
    let file = match paper {
        BusinessPaper::SecretaryOfStatePage if !text_pdf && rng.chance(0.6) => {
            business::sots_screenshot(business, person, role, capture == Capture::Photo, fam, &mut rng)
        }
        BusinessPaper::SecretaryOfStatePage => {
            let doc = business::sots_record(business, person, role, papers::PAGE, fam, &mut rng);
            paper_file(&doc, text_pdf, capture, "business record", &mut rng)
        }
        BusinessPaper::ArticlesOfOrganization => {
            let doc = business::articles(business, person, role, fam, &mut rng);
            paper_file(&doc, text_pdf, capture, "articles of organization", &mut rng)
        }
        BusinessPaper::Letterhead => {
            let doc = business::letter(business, person, role, fam, &mut rng);
            paper_file(&doc, text_pdf, capture, "letter", &mut rng)
        }
        BusinessPaper::UtilityBill => {
            let doc = business::utility_bill(business, person, role, fam, &mut rng);
            paper_file(&doc, text_pdf, capture, "bill", &mut rng)
        }
        BusinessPaper::BusinessCard => {
            let card = business::business_card(business, person, role, &mut rng);
            deliver(&business::card_sheet(card), capture, "business card", &mut rng)
        }
    };
    Drawn::of(file, "business_proof")
}

/// Files that are not an ID or proof: a photo of a pet, a screenshot of the E-Services
/// page, a court notice, a signature image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrelated {
    Screenshot,
    CourtNotice,
    SignatureImage,
    Snapshot,
}

pub fn unrelated(what: Unrelated, rng: &mut Rng) -> Drawn {
    let mut rng = rng.fork("unrelated");
    let file = match what {
        Unrelated::Screenshot => {
            let page = unrelated::eservices_page(&mut rng);
            File {
                name: names::screenshot("eservices", &mut rng),
                content_type: "image/png",
                bytes: encode::png(&page.img),
            }
        }
        Unrelated::CourtNotice => {
            let doc = unrelated::court_notice(&mut rng);
            let text_pdf = rng.chance(0.4);
            let capture = if rng.chance(0.6) { Capture::Scan } else { Capture::Photo };
            paper_file(&doc, text_pdf, capture, "notice", &mut rng)
        }
        Unrelated::SignatureImage => {
            let name =
                rng.pick(&["signature.png", "Signature.png", "sig.png", "my signature.png", "esign.png"]).to_string();
            File { name, content_type: "image/png", bytes: unrelated::signature_png(&mut rng) }
        }
        Unrelated::Snapshot => {
            let (w, h) = if rng.chance(0.6) { (4032, 3024) } else { (3024, 4032) };
            let shot = unrelated::snapshot(w, h, &mut rng);
            let img = capture::develop(shot.img, &scene::Light::random(&mut rng), 1.2, &mut rng);
            let exif = encode::Exif { orientation: 1, make: "Apple", model: "iPhone 13" };
            File {
                name: names::photo("photo", "jpg", &mut rng),
                content_type: "image/jpeg",
                bytes: encode::jpeg(&img, 85, Some(&exif)),
            }
        }
    };
    Drawn { legible: true, ..Drawn::of(file, "other") }
}

/// A holder varied by `seed` (accents, hyphens, apostrophes, suffixes, middle names),
/// for drawing every design without a whole world: the tests here and the ID-reading
/// benchmark.
pub fn sample_holder(seed: u64) -> Holder {
    Holder {
        given: ["Dana", "José", "Priya", "Oluwaseun"][seed as usize % 4].into(),
        middle: [None, Some("Ruth".to_string()), Some("J".to_string())][seed as usize % 3].clone(),
        surname: ["Whitlock", "Raman-Okafor", "O'Connell", "Nguyen"][seed as usize % 4].into(),
        suffix: [None, None, Some("JR".to_string()), Some("III".to_string())][seed as usize % 4].clone(),
        dob: NaiveDate::from_ymd_opt(1960 + (seed % 40) as i32, 3, 9).expect("valid date"),
        expires: NaiveDate::from_ymd_opt(2027 + (seed % 6) as i32, 5, 10).expect("valid date"),
        sex: ['F', 'M', 'X'][seed as usize % 3],
        street: "41 Fenwick St".into(),
        city_line: "Wethersfield, CT 06109".into(),
    }
}

/// Every design in both captures, every spoil, paper and unrelated file draws without
/// panicking, in a file that decodes, with a truth that matches what was printed. Each
/// case has its own seed, so one run covers seventeen designs × two captures × a few
/// seeds of the choices inside them (fonts, layouts, formats, names).
#[test]
fn every_design_and_capture_draws() {
    let holder = sample_holder;
    let mut cases = Vec::new();
    for (i, &design) in IdDesign::ALL.iter().enumerate() {
        for capture in [Capture::Scan, Capture::Photo] {
            cases.push((design, capture, 7 * i as u64 + capture as u64 * 3));
        }
    }
    std::thread::scope(|scope| {
        for part in cases.chunks(cases.len().div_ceil(2)) {
            scope.spawn(move || {
                for &(design, capture, seed) in part {
                    let h = holder(seed);
                    let d = photo_id(design, &h, capture, &mut Rng::new(seed));
                    assert_file(&d);
                    let name = d.name_on_id.as_deref().unwrap_or_default();
                    let key = |s: &str| s.to_uppercase().chars().filter(|c| c.is_alphabetic()).collect::<String>();
                    assert!(key(name).contains(&key(&h.surname)), "{design:?}: {name} lacks {}", h.surname);
                    assert_eq!(d.expires, design.expires().then_some(h.expires), "{design:?}");
                    assert_eq!(d.id_type, Some(design.id_type()));
                }
            });
        }
        scope.spawn(move || other_documents_draw(&holder));
    });
}

/// The spoiled IDs, papers and unrelated files of `every_design_and_capture_draws`.
#[cfg(test)]
fn other_documents_draw(holder: &dyn Fn(u64) -> Holder) {
    let mut rng = Rng::new(11);
    for (i, spoil) in [Spoil::Blurred, Spoil::Dark, Spoil::Tiny, Spoil::Glare, Spoil::CutOff].into_iter().enumerate() {
        let design = IdDesign::ALL[(5 * i) % IdDesign::ALL.len()];
        let d = spoiled_photo_id(design, &holder(i as u64), spoil, &mut rng);
        assert_file(&d);
        assert!(!d.legible && d.name_on_id.is_none() && d.expires.is_none());
    }
    let papers = [NameChangePaper::MarriageCertificate, NameChangePaper::DivorceDecree, NameChangePaper::CourtOrder];
    for (i, paper) in papers.into_iter().enumerate() {
        let capture = [Capture::Scan, Capture::Photo][i % 2];
        assert_file(&name_change(paper, "Dana Ruth Marsh", "Dana Ruth Whitlock", capture, &mut rng));
    }
    let proofs = [
        BusinessPaper::SecretaryOfStatePage,
        BusinessPaper::ArticlesOfOrganization,
        BusinessPaper::Letterhead,
        BusinessPaper::BusinessCard,
        BusinessPaper::UtilityBill,
    ];
    for (i, paper) in proofs.into_iter().enumerate() {
        let capture = [Capture::Scan, Capture::Photo][i % 2];
        assert_file(&business_proof(paper, "Sparkle Clean CT LLC", "Nadia M. Castellanos", capture, &mut rng));
    }
    for what in [Unrelated::Screenshot, Unrelated::CourtNotice, Unrelated::SignatureImage, Unrelated::Snapshot] {
        let d = unrelated(what, &mut rng);
        assert_file(&d);
        assert!(d.kind == "other" && d.id_type.is_none());
    }
}

/// The bytes are what their type promises: a PDF, or a picture of a sensible size.
#[cfg(test)]
fn assert_file(d: &Drawn) {
    assert!(!d.filename.is_empty() && d.bytes.len() > 1000, "{}", d.filename);
    if d.bytes.starts_with(b"%PDF") {
        assert_eq!(d.content_type, "application/pdf", "{}", d.filename);
    } else if &d.bytes[4..8] == b"ftyp" {
        assert!(d.content_type == "image/heic" || d.filename.to_lowercase().ends_with(".jpg"), "{}", d.filename);
    } else {
        let img = image::load_from_memory(&d.bytes).unwrap_or_else(|e| panic!("{}: {e}", d.filename));
        assert!(img.width().max(img.height()) >= 200, "{}", d.filename);
        let png = d.bytes.starts_with(b"\x89PNG");
        assert_eq!(png, d.content_type == "image/png", "{}", d.filename);
    }
}
