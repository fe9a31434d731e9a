//! What a party attaches, drawn through the documents API (photo IDs, spoiled IDs,
//! name-change papers, business proofs, unrelated pictures) or made here (a `.docx`
//! letter, a `.zip`, an `.exe`, a `.txt`), with the truth's entry for each file and the
//! file name it travels under.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::documents::{self, BusinessPaper, Capture, Drawn, Holder, IdDesign, NameChangePaper, Spoil, Unrelated};
use super::mail::assemble::{File, Placement};
use super::mail::containers;
use super::rng::Rng;
use super::truth::Document;
use super::world::Resident;

/// Files a party cannot use: not an image or PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Junk {
    Zip,
    Exe,
    Txt,
    Docx,
}

/// One planned attachment.
#[derive(Debug, Clone)]
pub enum Plan {
    /// A legible ID of `holder` (the sender or someone else), valid or expired on `date`.
    PhotoId {
        holder: Resident,
        expired: bool,
    },
    Spoiled {
        holder: Resident,
    },
    NameChange {
        former: String,
        current: String,
    },
    BusinessProof {
        business: String,
        person: String,
    },
    Unrelated,
    /// The party's letter stating their details (Word).
    Letter(Vec<String>),
    Junk(Junk),
}

/// An attachment ready for the message, with its truth entry.
#[derive(Debug, Clone)]
pub struct Attached {
    pub file: File,
    pub doc: Document,
    pub unsupported: bool,
    /// What it is, for the meta record (`photo_id:us_passport:photo`).
    pub source: String,
}

fn holder(r: &Resident, expires: NaiveDate) -> Holder {
    let p = &r.person;
    Holder {
        given: p.given.clone(),
        middle: p.middle.clone(),
        surname: p.surname.clone(),
        suffix: p.suffix.clone(),
        dob: r.dob,
        expires,
        sex: p.sex,
        street: r.street.clone(),
        city_line: r.city_line.clone(),
    }
}

fn expiry(rng: &mut Rng, date: DateTime<FixedOffset>, expired: bool) -> NaiveDate {
    let d = date.date_naive();
    if expired {
        d - Duration::days(rng.range(3, 1100) as i64)
    } else {
        d + Duration::days(rng.range(45, 8 * 365) as i64)
    }
}

fn capture(rng: &mut Rng) -> Capture {
    if rng.chance(0.5) {
        Capture::Scan
    } else {
        Capture::Photo
    }
}

fn entry(d: &Drawn) -> Document {
    Document {
        filename: d.filename.clone(),
        kind: d.kind,
        id_type: d.id_type,
        name_on_id: d.name_on_id.clone(),
        expires: d.expires.map(|e| e.format("%Y-%m-%d").to_string()),
        legible: d.legible,
    }
}

/// An ID design, weighted as a Connecticut court would see them (mostly Connecticut
/// licences); only designs that print an expiry when `expiring`.
fn design(rng: &mut Rng, expiring: bool) -> IdDesign {
    let weight = |d: IdDesign| match d.id_type() {
        "ct_driver_license" => 22,
        "out_of_state_driver_license" => 2,
        "us_passport" => 10,
        "government_id" => 4,
        "passport_card" => 5,
        "permanent_resident_card" => 6,
        _ => 3,
    };
    let designs: Vec<(IdDesign, u64)> =
        IdDesign::ALL.iter().filter(|d| !expiring || d.expires()).map(|&d| (d, weight(d))).collect();
    let total: u64 = designs.iter().map(|(_, w)| w).sum();
    let mut roll = rng.range(0, total);
    for (d, w) in &designs {
        if roll < *w {
            return *d;
        }
        roll -= w;
    }
    designs[0].0
}

fn photo(rng: &mut Rng, r: &Resident, expired: bool, date: DateTime<FixedOffset>) -> (Drawn, String) {
    let design = design(rng, expired);
    let cap = capture(rng);
    let h = holder(r, expiry(rng, date, expired));
    let drawn = documents::photo_id(design, &h, cap, rng);
    let source = format!("photo_id:{}:{}", design.id_type(), if cap == Capture::Scan { "scan" } else { "photo" });
    (drawn, source)
}

/// Draws the planned attachment.
pub fn draw(rng: &mut Rng, plan: &Plan, date: DateTime<FixedOffset>) -> Attached {
    let (drawn, source) = match plan {
        Plan::PhotoId { holder: r, expired } => photo(rng, r, *expired, date),
        Plan::Spoiled { holder: r } => {
            let design = design(rng, false);
            let spoil = *rng.pick(&[Spoil::Blurred, Spoil::Dark, Spoil::Tiny, Spoil::Glare, Spoil::CutOff]);
            let h = holder(r, expiry(rng, date, false));
            (documents::spoiled_photo_id(design, &h, spoil, rng), format!("spoiled:{}:{spoil:?}", design.id_type()))
        }
        Plan::NameChange { former, current } => {
            let paper = *rng.pick(&[
                NameChangePaper::MarriageCertificate,
                NameChangePaper::DivorceDecree,
                NameChangePaper::CourtOrder,
            ]);
            (documents::name_change(paper, former, current, capture(rng), rng), format!("name_change:{paper:?}"))
        }
        Plan::BusinessProof { business, person } => {
            let papers = [
                BusinessPaper::SecretaryOfStatePage,
                BusinessPaper::ArticlesOfOrganization,
                BusinessPaper::Letterhead,
                BusinessPaper::BusinessCard,
                BusinessPaper::UtilityBill,
            ];
            let paper = *rng.pick(&papers);
            (documents::business_proof(paper, business, person, capture(rng), rng), format!("business_proof:{paper:?}"))
        }
        Plan::Unrelated => {
            let what = *rng.pick(&[
                Unrelated::Screenshot,
                Unrelated::CourtNotice,
                Unrelated::SignatureImage,
                Unrelated::Snapshot,
            ]);
            (documents::unrelated(what, rng), format!("unrelated:{what:?}"))
        }
        Plan::Letter(paras) => (letter(rng, paras), "docx_letter".to_string()),
        Plan::Junk(j) => (junk(rng, *j), format!("junk:{j:?}")),
    };
    let unsupported = matches!(plan, Plan::Letter(_) | Plan::Junk(_));
    let doc = entry(&drawn);
    let file = File {
        filename: drawn.filename,
        content_type: drawn.content_type.to_string(),
        bytes: drawn.bytes,
        placement: Placement::Attachment,
    };
    Attached { file, doc, unsupported, source }
}

fn other(filename: &str, content_type: &'static str, bytes: Vec<u8>) -> Drawn {
    Drawn {
        filename: filename.to_string(),
        content_type,
        bytes,
        kind: "other",
        id_type: None,
        name_on_id: None,
        expires: None,
        legible: true,
    }
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn letter(rng: &mut Rng, paras: &[String]) -> Drawn {
    let name = *rng.pick(&[
        "Letter to Clerk.docx",
        "request letter.docx",
        "E-Access Request.docx",
        "Letter.docx",
        "access_request.docx",
    ]);
    other(name, DOCX, containers::docx(paras))
}

/// A file of no use to the court. An archive or a program is not legible: the clerk
/// sees no text in it without unpacking or running it (the README's `legible` is what
/// a person could read); a note or a letter is.
fn junk(rng: &mut Rng, j: Junk) -> Drawn {
    match j {
        Junk::Zip => {
            let inner = b"Scanned with CamScanner\r\n".to_vec();
            let name = *rng.pick(&["documents.zip", "scans.zip", "ID files.zip"]);
            Drawn { legible: false, ..other(name, "application/zip", containers::zip(&[("readme.txt", inner)])) }
        }
        Junk::Exe => {
            let name = rng.pick::<&str>(&["ScanViewer.exe", "setup.exe"]);
            Drawn { legible: false, ..other(name, "application/octet-stream", containers::exe()) }
        }
        Junk::Txt => {
            let text = "Notes: called the clerk on Monday, was told to email the ID.\r\n".as_bytes().to_vec();
            other(rng.pick::<&str>(&["notes.txt", "info.txt", "message.txt"]), "text/plain", text)
        }
        Junk::Docx => other(
            rng.pick::<&str>(&["Document1.docx", "receipt.docx"]),
            DOCX,
            containers::docx(&["Receipt for payment of rent, October.".to_string()]),
        ),
    }
}

/// The extension of `filename` (with its dot), or one for the content type.
pub fn extension(filename: &str, content_type: &str) -> String {
    match filename.rsplit_once('.') {
        Some((_, ext)) if ext.len() <= 5 => format!(".{ext}"),
        _ => match content_type {
            "image/png" => ".png".into(),
            "application/pdf" => ".pdf".into(),
            "image/heic" => ".heic".into(),
            _ => ".jpg".into(),
        },
    }
}

/// A name a camera, phone or scanner gives a file, keeping `ext`.
pub fn generic_name(rng: &mut Rng, ext: &str) -> String {
    let n = rng.range(1000, 9999);
    let stamp = format!("2026{:02}{:02}_{:06}", rng.range(8, 13), rng.range(1, 29), rng.range(80000, 235959));
    match rng.range(0, 9) {
        0 => format!("IMG_{n}{}", ext.to_uppercase()),
        1 => format!("IMG_{n}{ext}"),
        2 => format!("PXL_{stamp}{ext}"),
        3 => format!("{stamp}{ext}"),
        4 => format!("scan{:04}{ext}", rng.range(1, 40)),
        5 => format!("image{}{ext}", rng.range(0, 3)),
        6 => format!("Scan {}{ext}", rng.range(1, 20)),
        7 => format!("photo{ext}"),
        _ => format!("ID{ext}"),
    }
}

/// Renames files whose drawn name would state something the sender must not state
/// (`forbidden`, lower case), keeping the extension.
pub fn sanitise(rng: &mut Rng, a: &mut Attached, forbidden: &[String]) {
    let lower = super::names::ascii(&a.file.filename).to_lowercase();
    if forbidden.iter().any(|f| f.len() > 2 && lower.contains(f.as_str())) {
        let ext = extension(&a.file.filename, &a.file.content_type);
        rename(a, generic_name(rng, &ext));
    }
}

pub fn rename(a: &mut Attached, name: String) {
    a.file.filename = name.clone();
    a.doc.filename = name;
}
