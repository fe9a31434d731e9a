//! Reading the documents a party attaches: which kind of document each is, and for
//! a photo ID its type, the name on it, its expiry and whether a person could read
//! it, with the evidence a clerk needs to check the reading.
//!
//! Functional core, thin shell: classification, MRZ and barcode parsing, printed-zone
//! fields, name matching, dates and the legibility verdict are pure functions over
//! pixels or text. [`IdReader`] is the shell: it decodes, frames, and lends the
//! prepared pixels to a pooled tesseract engine.
//!
//! Pipeline for one picture: [`decode`] (limits first, EXIF orientation) →
//! [`framing`] (find the document, square it up, scale it) → [`legibility`]
//! (sharpness, light, glare) → [`ocr`] → [`mrz`] / [`barcode`] / [`printed`] →
//! [`classify`] → the verdict in [`IdReader::read`].

pub mod barcode;
pub mod classify;
pub mod dates;
pub mod decode;
pub mod framing;
mod kinds;
pub mod legibility;
pub mod mrz;
pub mod names;
pub mod ocr;
pub mod printed;
pub mod text;
pub mod zone_glyphs;
pub mod zone_repair;
pub mod zone_search;

pub use kinds::{DocumentKind, IdType};

use std::time::Instant;

use chrono::NaiveDate;
use image::{imageops, GrayImage, RgbImage};
use serde::Serialize;

use crate::documents::FileFormat;
use crate::domain::PersonName;
use barcode::AamvaLicence;
use classify::{Appearance, Classification, Clues, PartyHint};
use decode::{DecodeError, DecodeLimits};
use framing::Framing;
use legibility::{IllegibleReason, Quality};
use mrz::MrzReading;
use ocr::{Layout, OcrError, OcrPool, OcrSettings};
use printed::{PrintedDate, PrintedName};
use text::OcrPage;

/// Characters of a machine-readable zone.
const MRZ_ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Bands found by their look that are cut out and read, at most, per picture.
const ZONE_CANDIDATES: usize = 4;
/// Width a zone is cut out at: a 44-character line's characters about 20 px apart.
const ZONE_CUT_WIDTH: u32 = 900;
/// OCR confidence below which a printed name is not trusted on its own.
const MIN_NAME_CONF: f32 = 55.0;

/// What the request leads the reader to expect of a file: what the party called it,
/// and the names an ID of theirs would print (the party on the access request, the
/// account holder, the name they gave). The names are looked for in what the first
/// reading gave before the page is read again to find a name its layout did not show.
#[derive(Debug, Clone, Default)]
pub struct Expected {
    pub hint: Option<PartyHint>,
    pub names: Vec<PersonName>,
}

/// What one attached file turned out to be.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    pub kind: DocumentKind,
    pub id_type: Option<IdType>,
    /// `GIVEN NAMES SURNAME` as on the ID; `None` unless legible.
    pub name_on_id: Option<String>,
    pub expires: Option<NaiveDate>,
    pub legible: bool,
    pub evidence: DocumentEvidence,
}

/// Everything the reading rests on, for the clerk's desk. Holds personal data:
/// never log it at info level.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentEvidence {
    pub pages: Vec<PageEvidence>,
    pub classification: Option<Classification>,
    pub mrz: Option<MrzReading>,
    pub barcode: Option<AamvaLicence>,
    pub printed_name: Option<PrintedName>,
    pub printed_expiry: Option<PrintedDate>,
    /// Where `name_on_id` came from (`mrz`, `barcode`, `printed zone`).
    pub name_source: Option<String>,
    pub expiry_source: Option<String>,
    pub illegible_reason: Option<IllegibleReason>,
    /// Filled in by screening, which knows the party's name.
    pub name_match: Option<names::NameComparison>,
    /// The name a zone or barcode gave, set aside by screening because the ID's printed
    /// text carries the expected name (a zone's name field has no check digit).
    pub machine_name_set_aside: Option<String>,
    pub millis: u64,
}

impl DocumentEvidence {
    /// All OCR text of the document.
    pub fn text(&self) -> String {
        self.pages.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
    }
    pub fn tokens(&self) -> Vec<String> {
        text::tokens(&self.text())
    }

    /// Everything read off the document where a name may be: the OCR text of every
    /// page, and the names the machine-readable zone and the barcode give.
    pub fn searchable_text(&self) -> String {
        let mut text = self.text();
        let zone = self.mrz.as_ref().filter(|m| m.plausible()).map(MrzReading::full_name);
        for name in zone.into_iter().chain(self.barcode.as_ref().and_then(AamvaLicence::full_name)) {
            text.push('\n');
            text.push_str(&name);
        }
        text
    }
}

/// One picture (an image file, or a PDF page).
#[derive(Debug, Clone, Serialize)]
pub struct PageEvidence {
    pub decoded: String,
    pub framing: Framing,
    pub appearance: Appearance,
    pub quality: Quality,
    /// OCR passes run (`auto`, `turned 180°`, `mrz`).
    pub passes: Vec<String>,
    pub text: String,
    pub mean_conf: f32,
    /// Words of three or more letters read with confidence: many of them prove the
    /// picture readable whatever the quality figures say.
    pub confident_words: usize,
    /// Milliseconds spent framing (find, square up, scale) and in OCR.
    pub frame_ms: u64,
    pub ocr_ms: u64,
}

impl PageEvidence {
    /// Evidence holding only OCR text (tests of the rules that read it).
    pub fn with_text(text: &str) -> Self {
        Self {
            decoded: String::new(),
            framing: Framing {
                cx: 0.0,
                cy: 0.0,
                width: 0.0,
                height: 0.0,
                angle: 0.0,
                whole_picture: true,
                card_shaped: false,
                runs_off_picture: false,
            },
            appearance: Appearance { card_shaped: false, top_band_rgb: [0, 0, 0] },
            quality: Quality {
                photo: false,
                document_width_px: 0,
                sharpness: 0.0,
                brightness: 0.0,
                contrast: 0.0,
                glare: 0.0,
            },
            passes: Vec::new(),
            text: text.to_string(),
            mean_conf: 0.0,
            confident_words: 0,
            frame_ms: 0,
            ocr_ms: 0,
        }
    }
}

/// Configuration of the reader.
#[derive(Debug, Clone, Default)]
pub struct ReaderSettings {
    pub decode: DecodeLimits,
    pub ocr: OcrSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be used: reported to the party as an unsupported attachment.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// accessd's own OCR set-up is broken: an operator problem, not the party's.
    #[error(transparent)]
    Ocr(#[from] OcrError),
}

/// Reads documents with a pool of tesseract engines. Share it behind an `Arc`.
#[derive(Debug)]
pub struct IdReader {
    pool: OcrPool,
    limits: DecodeLimits,
}

/// One picture read: its evidence, the OCR pass (none when the picture is hopelessly
/// blurred), its appearance and any picture-quality problem.
struct PictureRead {
    evidence: PageEvidence,
    pass: Option<PagePass>,
    look: Appearance,
    problem: Option<IllegibleReason>,
}

impl PictureRead {
    /// A second reading of the same picture that replaces this one: its passes follow
    /// this one's and `note`, and the time of both is counted.
    fn replaced_by(self, mut second: PictureRead, note: &str) -> PictureRead {
        let mut passes = self.evidence.passes;
        passes.push(note.to_string());
        passes.append(&mut second.evidence.passes);
        second.evidence.passes = passes;
        second.evidence.frame_ms += self.evidence.frame_ms;
        second.evidence.ocr_ms += self.evidence.ocr_ms;
        second
    }

    /// This reading kept over a second one that did no better, whose time is counted.
    fn kept_over(mut self, second: &PictureRead, note: &str) -> PictureRead {
        self.evidence.passes.push(note.to_string());
        self.evidence.ocr_ms += second.evidence.frame_ms + second.evidence.ocr_ms;
        self
    }
}

/// What one OCR pass of one picture produced.
struct PagePass {
    page: OcrPage,
    gray: GrayImage,
    /// The document was found and squared up: no need to try it turned a little.
    squared_up: bool,
    /// Which picture of the file (its page evidence).
    index: usize,
    /// The picture was turned to level its text lines.
    straightened: bool,
    /// The zone searched for by its look while the picture was read (its first reading
    /// read too little to tell which way up it is); `None` when it was not.
    zone: Option<ZoneSearched>,
}

/// What the search for a zone by its look gave while a picture was read.
struct ZoneSearched {
    reading: Option<MrzReading>,
    /// A band's read showed which way up the picture is.
    way_up_shown: bool,
}

/// Whether a page is known to be the right way up.
#[derive(Clone, Copy)]
enum WayUp {
    Upright,
    Unknown,
}

/// A band found by its look and read: what the read gave, the band, and whether it
/// reads the other way up.
struct ZoneFound {
    read: CutRead,
    zone: zone_search::ZoneBox,
    turned: bool,
}

/// Fillers in a band's read that show it was read the right way up: read upside
/// down, a zone's `<` is a `>`, which its alphabet does not hold, and reads as none.
const FILLERS_SHOW_WAY_UP: usize = 8;

impl ZoneFound {
    /// Whether the read shows which way up the picture is: two check digits holding,
    /// or many fillers where no check digit did (a small or soft zone).
    fn shows_way_up(&self) -> bool {
        self.read.reading.as_ref().is_some_and(MrzReading::read_right_way_up)
            || self.read.fillers >= FILLERS_SHOW_WAY_UP
    }

    /// The better of two bands: more check digits holding, else more fillers.
    fn better_than(&self, other: Option<&ZoneFound>) -> bool {
        match (other.map(|o| &o.read), &self.read.reading) {
            (None, _) => true,
            (Some(o), Some(r)) => r.holds_more_checks_than(o.reading.as_ref()),
            (Some(o), None) => o.reading.is_none() && self.read.fillers > o.fillers,
        }
    }
}

/// A band cut out and read: the zone's reading, if any check digit held, and how many
/// fillers the read showed.
struct CutRead {
    reading: Option<MrzReading>,
    fillers: usize,
}

impl IdReader {
    pub fn new(settings: ReaderSettings) -> Self {
        Self { pool: OcrPool::new(settings.ocr), limits: settings.decode }
    }

    /// Loads every OCR engine now (blocking, ~100 ms each) instead of at first use.
    pub fn load_engines(&self) -> Result<(), OcrError> {
        self.pool.load_all()
    }

    pub fn limits(&self) -> &DecodeLimits {
        &self.limits
    }

    /// Reads one file. Blocking and CPU-bound: run it off the async runtime.
    pub fn read(&self, format: FileFormat, bytes: &[u8], expected: &Expected) -> Result<Reading, ReadError> {
        let started = Instant::now();
        let hint = expected.hint;
        let pictures = decode::decode(format, bytes, &self.limits)?;
        let mut evidence = DocumentEvidence::default();
        let mut appearance = None;
        let mut problems = Vec::new();
        let mut all = OcrPage::default();
        let mut passes: Vec<PagePass> = Vec::new();
        for (index, picture) in pictures.iter().enumerate() {
            let PictureRead { evidence: page_evidence, pass, look, problem } =
                self.read_picture(&picture.image, &picture.how, index)?;
            appearance = appearance.or(Some(look));
            problems.push(problem);
            if let Some(pass) = pass {
                all.append(pass.page.clone());
                passes.push(pass);
            }
            evidence.pages.push(page_evidence);
        }
        let mut tokens = all.tokens();
        let mut zone_text = ZoneText::default();
        passes.iter().for_each(|p| zone_text.append(ZoneText::of(&p.page, &p.gray)));
        evidence.mrz = zone_text.read();
        // The first reading, kept when a second replaces it: its name may be the better.
        let mut earlier_zone = None;
        if let Some(found) = valid_zone_found(&passes).filter(|f| reads_better(Some(f), evidence.mrz.as_ref())) {
            earlier_zone = evidence.mrz.replace(found.clone());
        }
        let mut classification =
            classify::classify(&Clues { tokens: &tokens, mrz: evidence.mrz.as_ref(), barcode: None, appearance, hint });

        // A zone that should be there but was not read cleanly: find it, enlarge it
        // and read it again with only its own characters allowed.
        if expects_mrz(&classification, evidence.mrz.as_ref(), &all, &tokens) {
            let better = self.read_zone_again(&passes, &mut evidence)?;
            if reads_better(better.as_ref(), evidence.mrz.as_ref()) {
                earlier_zone = std::mem::replace(&mut evidence.mrz, better);
                classification = classify::classify(&Clues {
                    tokens: &tokens,
                    mrz: evidence.mrz.as_ref(),
                    barcode: None,
                    appearance,
                    hint,
                });
            }
        }

        clean_zone_name(&mut evidence, &all, earlier_zone.as_ref());
        evidence.printed_name = printed::name(&all);
        evidence.printed_expiry = printed::expiry(&all);

        // Licences carry their data in a barcode on the back: look for it when the
        // printed zone did not give a name.
        let may_have_barcode = classification.as_ref().is_none_or(|c| {
            c.kind == DocumentKind::PhotoId
                && matches!(
                    c.id_type,
                    None | Some(IdType::CtDriverLicense | IdType::OutOfStateDriverLicense | IdType::GovernmentId)
                )
        });
        if evidence.mrz.is_none()
            && evidence.printed_name.as_ref().is_none_or(|n| n.conf < MIN_NAME_CONF)
            && may_have_barcode
        {
            evidence.barcode = passes
                .iter()
                .find_map(|p| barcode::detect_pdf417(&p.gray, !p.squared_up))
                .and_then(|payload| barcode::parse_aamva(&payload).ok());
            if evidence.barcode.is_some() {
                classification = classify::classify(&Clues {
                    tokens: &tokens,
                    mrz: None,
                    barcode: evidence.barcode.as_ref(),
                    appearance,
                    hint,
                });
            }
        }

        // A licence whose state was not read (a title in large display type that the
        // page's layout passed over as a picture): its title band read on its own.
        let mut title_band = Vec::new();
        if classify::issuer_unread(classification.as_ref(), &tokens) {
            title_band = self.read_title_band(&passes, &mut evidence)?;
            classification = classify_with_band(&tokens, &title_band, &evidence, appearance, hint).or(classification);
        }

        let picture_problem = problems.iter().flatten().next().copied();
        // An expiry label misread (`4b exe`) beside a labelled issue date: the date years
        // after it is the expiry, as it would be taken after a second reading too.
        let dated_by_issue = printed::after_issue_date(&all).is_some();
        let first = FirstReading { class: classification.as_ref(), tokens: &tokens, dated_by_issue };
        if worth_reading_again(&evidence, &first, picture_problem, &expected.names) {
            let block = self.read_as_block(&passes, &mut evidence)?;
            // Read as one block, a photo's zone may come out whole where the page
            // layout had cut it into columns.
            let zone = mrz::read(&block.text());
            all.append(block);
            if reads_better(zone.as_ref(), evidence.mrz.as_ref()) {
                let earlier = std::mem::replace(&mut evidence.mrz, zone);
                clean_zone_name(&mut evidence, &all, earlier.as_ref().or(earlier_zone.as_ref()));
            }
            let issuer_was_unread = classify::issuer_unread(classification.as_ref(), &tokens);
            tokens = all.tokens();
            evidence.printed_name = printed::name(&all);
            evidence.printed_expiry = printed::expiry(&all);
            let second = classify_with_band(&tokens, &title_band, &evidence, appearance, hint);
            classification = classify::after_reading_again(classification, second, issuer_was_unread);
        }
        let classification = classification.or_else(|| unreadable_id(picture_problem, &evidence, hint));
        let (kind, id_type) = classification.as_ref().map_or((DocumentKind::Other, None), |c| (c.kind, c.id_type));
        // Certificates of naturalization and citizenship do not expire; other IDs do,
        // and when its label was not read their expiry is the date some years after the
        // issue date, else (read again as scattered words first, for a label in bold
        // type) the latest date printed, for the clerk to check.
        let expiring = id_type.is_none_or(IdType::expires);
        if kind == DocumentKind::PhotoId && expiring {
            // A zone's dates are read from the zone; its document's print is read well enough.
            let no_zone = evidence.mrz.is_none();
            let unread = expiry_of(&evidence).0.is_none() && printed::after_issue_date(&all).is_none();
            if no_zone && unread && seen(picture_problem) {
                let note = "read again as scattered words: no expiry read";
                all.append(self.read_first_page_again(&passes, &mut evidence, Layout::Sparse, note)?);
                evidence.printed_expiry = printed::expiry(&all);
            }
            if evidence.printed_expiry.is_none() {
                evidence.printed_expiry = printed::after_issue_date(&all)
                    .or_else(|| printed::anniversary_date(&all))
                    .or_else(|| printed::latest_date(&all));
            }
        }
        if kind == DocumentKind::NameChange && seen(picture_problem) && !shows_any(&evidence, &expected.names) {
            let note = "read again as small print: no expected name read";
            self.read_first_page_again(&passes, &mut evidence, Layout::SmallPrint, note)?;
        }
        evidence.classification = classification;

        let mut reading = Reading { kind, id_type, name_on_id: None, expires: None, legible: false, evidence };
        if kind == DocumentKind::PhotoId {
            photo_id_verdict(&mut reading, picture_problem);
        } else {
            // Any other file is legible when a person could make out what it shows,
            // whether or not it prints words. As for IDs, what was read with confidence
            // proves a doubtful picture readable.
            let readable_anyway =
                read_well(&reading.evidence) && !matches!(picture_problem, Some(IllegibleReason::TooDark));
            let hidden = picture_problem.filter(|p| p.hides_what_it_shows());
            reading.legible = hidden.is_none() || readable_anyway;
            if !reading.legible {
                reading.evidence.illegible_reason = hidden;
            }
        }
        reading.evidence.millis = started.elapsed().as_millis() as u64;
        Ok(reading)
    }

    /// Frames, measures and OCRs one picture; when that read little (a document on a
    /// busy, bright table the framing mistook), frames it again by its print and reads
    /// it so, at the picture's own resolution.
    fn read_picture(&self, img: &RgbImage, how: &str, index: usize) -> Result<PictureRead, OcrError> {
        let first = self.read_framed(img, how, None, index)?;
        if too_dark_to_frame(first.problem, &first.evidence.framing) {
            return self.read_brightened(img, how, index, first);
        }
        let Some(print) = zoom_framing(img, &first) else {
            return Ok(first);
        };
        let zoomed = self.read_framed(img, how, Some(print), index)?;
        if zoomed.evidence.confident_words > first.evidence.confident_words {
            Ok(first.replaced_by(zoomed, "framed again by its print"))
        } else {
            Ok(first.kept_over(&zoomed, "framed again by its print: read no better"))
        }
    }

    /// A photo too dark to find the card in (not read as sent: its stretched noise
    /// costs tesseract seconds a turn and reads as nothing): framed and read with its
    /// levels stretched, for what still shows (a state's name in large type tells the
    /// ID's type). It stays too dark, as a person sees it, with the darkness measured
    /// first.
    fn read_brightened(
        &self,
        img: &RgbImage,
        how: &str,
        index: usize,
        dark: PictureRead,
    ) -> Result<PictureRead, OcrError> {
        let lit = self.read_framed(&framing::brightened(img), how, None, index)?;
        let note = if lit.evidence.framing.whole_picture {
            "brightened: no card found, read whole"
        } else {
            "brightened and framed again: too dark to find the card"
        };
        let (quality, problem) = (dark.evidence.quality, dark.problem);
        let mut lit = dark.replaced_by(lit, note);
        lit.evidence.quality = quality;
        lit.problem = problem;
        Ok(lit)
    }

    /// Frames (or takes the framing given), measures and OCRs one picture.
    fn read_framed(
        &self,
        img: &RgbImage,
        how: &str,
        given: Option<GivenFraming>,
        index: usize,
    ) -> Result<PictureRead, OcrError> {
        let t0 = Instant::now();
        let (inner, framing, out_width) = match given {
            Some(g) => (None, g.framing, g.out_width),
            None => {
                let (inner, framing) = framing::locate_within(img);
                (inner, framing, framing::target_width(&framing))
            }
        };
        let img = inner.as_ref().unwrap_or(img);
        let look =
            Appearance { card_shaped: framing.card_shaped, top_band_rgb: framing::top_band_colour(img, &framing) };
        let mut gray = framing::extract(img, &framing, out_width);
        let quality = legibility::measure(&gray, framing.width.round() as u32, !framing.whole_picture);
        let problem = legibility::picture_problem(&quality);
        let frame_ms = t0.elapsed().as_millis() as u64;
        let t1 = Instant::now();
        let mut evidence = PageEvidence {
            decoded: how.to_string(),
            framing,
            appearance: look,
            quality,
            passes: Vec::new(),
            text: String::new(),
            mean_conf: 0.0,
            confident_words: 0,
            frame_ms,
            ocr_ms: 0,
        };
        // Nothing a person could read, nothing OCR could: spare the engine.
        if problem == Some(IllegibleReason::TooBlurry) && quality.sharpness < legibility::MIN_SHARPNESS / 5.0 {
            evidence.passes.push("skipped: too blurry to read".into());
            return Ok(PictureRead { evidence, pass: None, look, problem });
        }
        // A photo too dark to find the card in is read brightened instead (`read_picture`).
        if too_dark_to_frame(problem, &framing) {
            evidence.passes.push("skipped as sent: too dark to read".into());
            return Ok(PictureRead { evidence, pass: None, look, problem });
        }
        framing::stretch_contrast(&mut gray);
        if let Some(dir) = std::env::var_os("ACCESSD_DEBUG_IMAGES") {
            let _ = gray.save(std::path::Path::new(&dir).join(format!("prepared-{}.png", std::process::id())));
        }
        let mut page = self.pool.read(&gray, Layout::Auto, None)?;
        evidence.passes.push("auto".into());

        let mut straightened = false;
        let zone = if reads_well(&page) {
            None
        } else {
            Some(self.orient_by_zone(&mut page, &mut gray, &mut straightened, &mut evidence)?)
        };
        if !zone.as_ref().is_some_and(|z| z.way_up_shown) {
            straightened = self.straighten_or_turn(&mut page, &mut gray, &mut evidence)?;
        }
        evidence.text = page.text_with_gaps();
        evidence.mean_conf = page.mean_word_conf();
        evidence.confident_words = page.confident_words();
        evidence.ocr_ms = t1.elapsed().as_millis() as u64;
        let squared_up = !evidence.framing.whole_picture;
        Ok(PictureRead {
            evidence,
            pass: Some(PagePass { page, gray, squared_up, index, straightened, zone }),
            look,
            problem,
        })
    }

    /// A page read too little to tell which way up it is: its zone, found and read the
    /// right way up, tells (and how far off level it lies), so one more page read does
    /// instead of four. The page is then turned upright and read again.
    fn orient_by_zone(
        &self,
        page: &mut OcrPage,
        gray: &mut GrayImage,
        straightened: &mut bool,
        evidence: &mut PageEvidence,
    ) -> Result<ZoneSearched, OcrError> {
        let found = self.zone_on_picture(gray, WayUp::Unknown)?;
        let way_up_shown = found.as_ref().is_some_and(ZoneFound::shows_way_up);
        if let Some(found) = found.as_ref().filter(|_| way_up_shown) {
            let off_level = found.zone.angle.abs() > 1f32.to_radians();
            let note = if found.turned || off_level {
                *gray = zone_search::upright(gray, &found.zone, found.turned);
                *page = self.pool.read(gray, Layout::Auto, None)?;
                *straightened = true;
                let turn = found.zone.reading_angle(found.turned).to_degrees();
                format!("turned upright by {turn:.0}° and read again")
            } else {
                "the picture is upright".to_string()
            };
            evidence.passes.push(format!("machine-readable zone found by its look: {note}"));
        }
        Ok(ZoneSearched { reading: found.and_then(|f| f.read.reading), way_up_shown })
    }

    /// A page read as noise or guesses: straightened when its lines slope, else tried
    /// the other three ways up; the best reading is kept. Says whether it was
    /// straightened.
    fn straighten_or_turn(
        &self,
        page: &mut OcrPage,
        gray: &mut GrayImage,
        evidence: &mut PageEvidence,
    ) -> Result<bool, OcrError> {
        // A document lying askew on a table the framing could not tell it from (a
        // marble counter, a photo shown on a screen) reads as noise, or as words
        // half of which are guesses: straighten its text lines and read again.
        let read_little = page.confident_words() < PROOF_OF_READING;
        let mut straightened = false;
        if read_little || page.mean_word_conf() < GUESSED_READING {
            // Tesseract reads a few degrees of skew itself: words it guessed at are
            // worth a second pass only when the lines are well off level.
            let worth = if read_little { 2f32 } else { 5f32 };
            let skew = framing::text_skew(gray);
            if skew.abs() > worth.to_radians() {
                let straight = framing::rotate_gray(gray, skew, 255);
                let candidate = self.pool.read(&straight, Layout::Auto, None)?;
                evidence.passes.push(format!("straightened by {:.0}°", skew.to_degrees()));
                if score(&candidate) > score(page) {
                    *page = candidate;
                    *gray = straight;
                    straightened = true;
                }
            }
        }
        // A picture taken upside down or sideways (and not marked so in EXIF) reads as
        // noise: try the other three ways up and keep the one that reads best.
        if !reads_well(page) {
            for (label, turned) in [
                ("turned 180°", imageops::rotate180(gray)),
                ("turned 90°", imageops::rotate90(gray)),
                ("turned 270°", imageops::rotate270(gray)),
            ] {
                let candidate = self.pool.read(&turned, Layout::Auto, None)?;
                evidence.passes.push(label.into());
                if score(&candidate) > score(page) {
                    *page = candidate;
                    *gray = turned;
                }
                if reads_well(page) {
                    break;
                }
            }
        }
        Ok(straightened)
    }

    /// The zone read again with only its own characters allowed: the strip where the
    /// page's lines looked zone-like, enlarged; failing every check digit there, the zone
    /// found by its look.
    fn read_zone_again(
        &self,
        passes: &[PagePass],
        evidence: &mut DocumentEvidence,
    ) -> Result<Option<MrzReading>, OcrError> {
        let mut better = None;
        for pass in passes {
            let band = mrz_band(&pass.page, &pass.gray);
            let page = self.pool.read(&band, Layout::Block, Some(MRZ_ALPHABET))?;
            if let Some(m) = ZoneText::of(&page, &band).read() {
                if better.as_ref().is_none_or(|b: &MrzReading| m.valid && !b.valid) {
                    better = Some(m);
                }
            }
        }
        if let Some(p) = evidence.pages.first_mut() {
            p.passes.push("machine-readable zone, enlarged, its characters only".into());
        }
        if better.as_ref().is_some_and(|m| m.valid) {
            return Ok(better);
        }
        let by_look = self.zone_by_its_look(passes)?;
        if let Some(p) = evidence.pages.first_mut() {
            p.passes.push("machine-readable zone found by its look, cut out, its characters only".into());
        }
        Ok(if by_look.as_ref().is_some_and(|l| l.holds_more_checks_than(better.as_ref())) { by_look } else { better })
    }

    /// The zone found on each picture by its look (at any angle, either way up), cut
    /// out and read with only its own characters allowed (unless that was done while
    /// the picture was read): the first reading whose check digits all hold, else the
    /// one with the most that do.
    fn zone_by_its_look(&self, passes: &[PagePass]) -> Result<Option<MrzReading>, OcrError> {
        let mut best: Option<MrzReading> = None;
        for pass in passes.iter().take(MAX_PAGES_READ_AGAIN) {
            let reading = match &pass.zone {
                Some(searched) => searched.reading.clone(),
                None => {
                    // A page that reads well is the right way up: so are its zone's lines.
                    let way_up = if reads_well(&pass.page) { WayUp::Upright } else { WayUp::Unknown };
                    self.zone_on_picture(&pass.gray, way_up)?.and_then(|f| f.read.reading)
                }
            };
            let Some(reading) = reading else { continue };
            if reading.valid {
                return Ok(Some(reading));
            }
            if reading.holds_more_checks_than(best.as_ref()) {
                best = Some(reading);
            }
        }
        Ok(best)
    }

    /// The zone of one picture found by its look: each band cut out and read, the
    /// right way up first and (unless the page is known to be upright) the other way
    /// only when that read nothing; the first reading whose check digits all hold, else
    /// the one with the most that do.
    fn zone_on_picture(&self, gray: &GrayImage, way_up: WayUp) -> Result<Option<ZoneFound>, OcrError> {
        let mut best: Option<ZoneFound> = None;
        for zone in zone_search::find(gray).into_iter().take(ZONE_CANDIDATES) {
            let cut = |turned| zone_search::cut(gray, &zone, ZONE_CUT_WIDTH, turned);
            let mut read = self.read_cut_zone(&cut(false))?;
            let mut turned = false;
            let nothing = read.reading.is_none() && read.fillers < FILLERS_SHOW_WAY_UP;
            if nothing && matches!(way_up, WayUp::Unknown) {
                read = self.read_cut_zone(&cut(true))?;
                turned = true;
            }
            let valid = read.reading.as_ref().is_some_and(|r| r.valid);
            let band = ZoneFound { read, zone, turned };
            if band.better_than(best.as_ref()) {
                best = Some(band);
            }
            if valid {
                break;
            }
        }
        Ok(best)
    }

    /// A band cut out, read as a block and, when that is zone-like but does not pass
    /// every check, line by line (a block's long filler runs lose characters).
    fn read_cut_zone(&self, cut: &GrayImage) -> Result<CutRead, OcrError> {
        let block_page = self.pool.read(cut, Layout::Block, Some(MRZ_ALPHABET))?;
        let block = ZoneText::of(&block_page, cut);
        let as_block = block.read();
        // Fillers as OCR read them: upside down, a zone's `<` is a `>` and reads as none.
        let fillers = block_page.text().matches('<').count();
        if as_block.as_ref().is_some_and(|r| r.valid) || fillers < 3 {
            return Ok(CutRead { reading: as_block, fillers });
        }
        let mut lines = ZoneText::default();
        let mut fillers_read = 0;
        for line in zone_search::lines(cut) {
            let page = self.pool.read(&line, Layout::Line, Some(MRZ_ALPHABET))?;
            fillers_read += page.text().matches('<').count();
            lines.append(ZoneText::of(&page, &line));
        }
        // The zone is personal data: trace level only.
        tracing::trace!(block = %block.text, lines = %lines.text, "zone read as a block and line by line");
        let by_line = lines.read();
        let fillers = fillers.max(fillers_read);
        let reading =
            if by_line.as_ref().is_some_and(|l| l.reads_better_than(as_block.as_ref())) { by_line } else { as_block };
        Ok(CutRead { reading, fillers })
    }

    /// Reads each picture again as one block of lines, straightened when its lines
    /// slope, and adds what it read to that page's text.
    /// The top of the first page, where a card prints its issuer and title, read as
    /// scattered words; its words are for classifying only (a portrait page's band may
    /// cut through the holder's name), so they go to the pass note, not the page text.
    fn read_title_band(&self, passes: &[PagePass], evidence: &mut DocumentEvidence) -> Result<Vec<String>, OcrError> {
        let Some(pass) = passes.first() else { return Ok(Vec::new()) };
        let t0 = Instant::now();
        let (w, h) = pass.gray.dimensions();
        let band = imageops::crop_imm(&pass.gray, 0, 0, w, (h as f32 * TITLE_BAND) as u32).to_image();
        let mut page = self.pool.read(&band, Layout::Sparse, None)?;
        // Scattered-word reading finds no words at all beside some bands (a dark table
        // above the card's corner); letters twice the body's height, spaced wide
        // (`T E X A S`), read as one line at half the size.
        if !classify::names_an_issuer(&page.tokens()) {
            let half = framing::resize_gray(&band, (band.width() / 2).max(1), (band.height() / 2).max(1));
            page.append(self.pool.read(&half, Layout::Block, None)?);
        }
        // A card in a photo framed with the table above it: its title is in the row of
        // the licence's title words, below the band or beside the table's edge.
        if let Some(row) = title_row(&pass.page).filter(|_| !classify::names_an_issuer(&page.tokens())) {
            let strip = imageops::crop_imm(&pass.gray, 0, row.start, w, row.end.min(h) - row.start).to_image();
            page.append(self.pool.read(&strip, Layout::Sparse, None)?);
        }
        if let Some(p) = evidence.pages.get_mut(pass.index) {
            let words = page.text().split_whitespace().collect::<Vec<_>>().join(" ");
            p.passes.push(format!("title band read alone for the issuing state: {words}"));
            p.ocr_ms += t0.elapsed().as_millis() as u64;
        }
        Ok(page.tokens())
    }

    /// The first page read again the way `layout` says, what it read added to that
    /// page's text with `note` among its passes:
    /// - as scattered words, for an ID whose expiry no reading gave: dates in bold type
    ///   (`2024OCT28` on a military ID) that the page's layout read as noise come out
    ///   as words of their own;
    /// - as small print, for a name-change paper on which no name the request expects
    ///   was read: a page photographed from afar prints smaller than the reader's scale
    ///   assumes, and its lines below the title may have been taken for specks.
    fn read_first_page_again(
        &self,
        passes: &[PagePass],
        evidence: &mut DocumentEvidence,
        layout: Layout,
        note: &str,
    ) -> Result<OcrPage, OcrError> {
        let Some(pass) = passes.first() else { return Ok(OcrPage::default()) };
        let t0 = Instant::now();
        let page = self.pool.read(&pass.gray, layout, None)?;
        if let Some(p) = evidence.pages.get_mut(pass.index) {
            p.passes.push(note.into());
            p.text.push('\n');
            p.text.push_str(&page.text_with_gaps());
            p.ocr_ms += t0.elapsed().as_millis() as u64;
        }
        Ok(page)
    }

    fn read_as_block(&self, passes: &[PagePass], evidence: &mut DocumentEvidence) -> Result<OcrPage, OcrError> {
        let mut read = OcrPage::default();
        for pass in passes.iter().take(MAX_PAGES_READ_AGAIN) {
            let t0 = Instant::now();
            // A picture already straightened is level; its turned borders would only
            // mislead a second measure.
            let skew = if pass.straightened { 0.0 } else { framing::text_skew(&pass.gray) };
            let straightened = (skew.abs() > 1f32.to_radians()).then(|| framing::rotate_gray(&pass.gray, skew, 255));
            let page = self.pool.read(straightened.as_ref().unwrap_or(&pass.gray), Layout::Block, None)?;
            if let Some(p) = evidence.pages.get_mut(pass.index) {
                p.passes.push("read again as one block of lines: its name, type or expiry not read".into());
                p.text.push('\n');
                p.text.push_str(&page.text_with_gaps());
                p.ocr_ms += t0.elapsed().as_millis() as u64;
            }
            read.append(page);
        }
        Ok(read)
    }
}

/// The rows of a card's title, around the line reading its licence or ID title: the
/// issuing state's name beside the title is set in type up to three times the title's
/// height, above or below its line.
fn title_row(page: &OcrPage) -> Option<std::ops::Range<u32>> {
    let title = |w: &text::OcrWord| {
        let word = w.text.to_ascii_lowercase();
        ["driver", "driver's", "drivers", "license", "licence", "identification"].contains(&word.as_str())
    };
    let word = page.lines.iter().flat_map(|l| &l.words).find(|w| title(w))?;
    let top = (word.top - 3 * word.height).max(0) as u32;
    let bottom = (word.top + 4 * word.height).max(0) as u32;
    Some(top..bottom)
}

/// Classifies the page's words with those of its title band read alone, beside the
/// zone and barcode already read.
fn classify_with_band(
    tokens: &[String],
    title_band: &[String],
    evidence: &DocumentEvidence,
    appearance: Option<Appearance>,
    hint: Option<PartyHint>,
) -> Option<Classification> {
    let with_band: Vec<String> = tokens.iter().chain(title_band).cloned().collect();
    let (mrz, barcode) = (evidence.mrz.as_ref(), evidence.barcode.as_ref());
    classify::classify(&Clues { tokens: &with_band, mrz, barcode, appearance, hint })
}

/// Whether any name the request expects shows in what was read.
fn shows_any(e: &DocumentEvidence, names: &[PersonName]) -> bool {
    let text = e.searchable_text();
    names.iter().any(|n| names::shows_name(&text, n.as_str()))
}

/// A zone every check digit proves, found by its look while a picture was read (a
/// lesser one is weighed with the zone's other readings when it is read again).
fn valid_zone_found(passes: &[PagePass]) -> Option<&MrzReading> {
    passes.iter().filter_map(|p| p.zone.as_ref()?.reading.as_ref()).find(|r| r.valid)
}

/// Whether a second reading of the zone is worth taking over the first: there was none,
/// or only the second passes every check digit, or both do over the same fields and
/// only the second's fillers were seen.
fn reads_better(second: Option<&MrzReading>, first: Option<&MrzReading>) -> bool {
    second.is_some_and(|b| first.is_none_or(|m| b.valid && (!m.valid || b.fillers_seen_where_not(m))))
}

/// The zone's name, its fillers misread as letters cleaned against the rest of the
/// document's text (the printed zone shows the same name).
fn clean_zone_name(evidence: &mut DocumentEvidence, all: &OcrPage, earlier: Option<&MrzReading>) {
    if let Some(m) = evidence.mrz.as_mut() {
        let support: Vec<String> = all
            .lines
            .iter()
            .map(|l| l.text())
            .filter(|l| mrz::candidate_lines(l).is_empty())
            // As printed, and as the zone spells it (`BJÖRN` is `BJOERN` there).
            .flat_map(|l| [text::tokens(&l), text::tokens(&names::icao_spelling(&l))].concat())
            .collect();
        mrz::clean_name(m, &support);
        if let Some(earlier) = earlier {
            mrz::take_better_name(m, earlier, &support);
        }
    }
}

/// A sound picture of what may be an ID on which no reading found the holder's name:
/// tesseract's page layout can drop the lines beside a portrait or over a guilloche
/// (a card askew on a busy table, a screenshot of a photo), and a person reads them.
/// Not for a dark or tiny picture, which no reading would improve.
fn name_not_found(e: &DocumentEvidence, c: Option<&Classification>, problem: Option<IllegibleReason>) -> bool {
    let may_be_id = c.is_none_or(|c| c.kind == DocumentKind::PhotoId);
    may_be_id && seen(problem) && choose_name(e).0.is_none()
}

/// A photo measured too dark whose framing found no card in it: not read as sent, but
/// brightened, framed and read.
fn too_dark_to_frame(problem: Option<IllegibleReason>, framing: &Framing) -> bool {
    problem == Some(IllegibleReason::TooDark) && framing.whole_picture
}

/// A picture whose print can be made out, so reading it again may tell more: not one
/// too dark or too small to show it.
fn seen(problem: Option<IllegibleReason>) -> bool {
    !matches!(problem, Some(IllegibleReason::TooDark | IllegibleReason::TooSmall))
}

/// Whether a picture that may be an ID is worth reading again as one block: its layout
/// showed no name, and what was read does not already hold a name the request expects
/// with the ID's type and expiry (a licence's state unread, or no expiry on an ID that
/// expires, is still looked for in the second reading).
fn worth_reading_again(
    e: &DocumentEvidence,
    first: &FirstReading,
    problem: Option<IllegibleReason>,
    names: &[PersonName],
) -> bool {
    let c = first.class;
    if !name_not_found(e, c, problem) {
        return false;
    }
    let told = c.is_some_and(|c| c.id_type.is_some()) && !classify::issuer_unread(c, first.tokens);
    let expiring = c.and_then(|c| c.id_type).is_none_or(IdType::expires);
    let dated = expiry_of(e).0.is_some() || first.dated_by_issue || !expiring;
    let names: Vec<&str> = names.iter().map(PersonName::as_str).collect();
    // A name matched through a misread letter may read whole the second time; so may
    // a card's data field when only the signature below it was found.
    let as_printed = |f: &names::FoundOnId| f.read_as_spelled() && (f.in_capitals() || !expiring);
    let found = || names::find_on_id(&e.searchable_text(), &names).is_some_and(|f| as_printed(&f));
    !(told && dated && found())
}

/// What the first reading told of the document, beside its evidence.
struct FirstReading<'a> {
    class: Option<&'a Classification>,
    tokens: &'a [String],
    /// A date printed years after the labelled issue date: the expiry, its label unread.
    dated_by_issue: bool,
}

/// Pages of a file read again as one block when no name was found: an ID has one or
/// two sides; a long PDF is a letter.
const MAX_PAGES_READ_AGAIN: usize = 2;

/// The share of a card's height its title band takes at most (a fifth to a quarter on
/// the licences of most states).
const TITLE_BAND: f32 = 0.28;

/// Where to read a picture again, closer: only when little was read. The framing then
/// took the whole picture, a photo's band in a screenshot, part of a card lying on a
/// table of its own colours, or a card-shaped patch of a busy table (veined marble)
/// beside the document. The document is framed again by its print, found on the whole
/// picture, which the first read shrank, cut off, missed or drowned in the table.
fn zoom_framing(img: &RgbImage, first: &PictureRead) -> Option<GivenFraming> {
    let read_little = first.pass.as_ref().is_some_and(|p| p.page.confident_words() < PROOF_OF_READING);
    if !read_little {
        return None;
    }
    let whole = framing::whole(img);
    let gray = framing::extract(img, &whole, framing::target_width(&whole));
    let print = framing::text_region(&gray)?;
    let scale = whole.width / gray.width().max(1) as f32;
    let part = print.width * print.height / (gray.width() * gray.height()).max(1) as f32;
    if part > 0.5 && scale < 1.4 && print.angle.abs() < 2f32.to_radians() {
        return None;
    }
    let width = print.width * scale;
    let framing = Framing {
        cx: print.cx * scale,
        cy: print.cy * scale,
        width,
        height: print.height * scale,
        // The print's box is no card outline: a letter's paragraphs can have a card's
        // proportions.
        card_shaped: false,
        ..print
    };
    // Read at the picture's own resolution: a page's small print needs it.
    Some(GivenFraming { framing, out_width: width.clamp(1100.0, 2200.0) })
}

/// A framing found otherwise than by the document's outline, and the width to read
/// the document at.
struct GivenFraming {
    framing: Framing,
    out_width: f32,
}

/// Enough confident words that the picture is the right way up.
fn reads_well(page: &OcrPage) -> bool {
    page.words().filter(|w| w.conf >= 70.0 && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3).count() >= 6
}

fn score(page: &OcrPage) -> f32 {
    page.words().filter(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3).map(|w| w.conf / 100.0).sum()
}

/// A line of OCR text that may be a zone line: fillers, or a zone line's shape.
fn zone_like_line(text: &str) -> bool {
    text.matches('<').count() >= 3 || !mrz::candidate_lines(text).is_empty()
}

/// OCR text with its zone-like lines mended where the look of their cells showed
/// which are fillers (`zone_glyphs`): OCR's letters for `<` put back, the rest as read.
#[derive(Default)]
struct ZoneText {
    text: String,
    /// The lines mended by the look of their cells.
    seen: Vec<String>,
}

impl ZoneText {
    fn of(page: &OcrPage, gray: &GrayImage) -> Self {
        let mut zone = ZoneText::default();
        for line in &page.lines {
            let text = line.text();
            if !zone_like_line(&text) {
                zone.add(Err(text));
                continue;
            }
            let fillers = zone_glyphs::fillers_seen(&line_cut_out(line, gray));
            let mended = fillers.as_ref().and_then(|f| zone_glyphs::mend(&text, f));
            // The zone is personal data: trace level only.
            tracing::trace!(read = %text, cells = ?fillers.map(|f| zone_glyphs::shown(&f)), mended = ?mended, "a zone-like line and its fillers as seen");
            zone.add(mended.ok_or(text));
        }
        zone
    }

    /// Adds a line: `Ok` mended by its look, `Err` as read.
    fn add(&mut self, line: Result<String, String>) {
        let one = match line {
            Ok(mended) => ZoneText { text: mended.clone(), seen: vec![mended] },
            Err(read) => ZoneText { text: read, seen: Vec::new() },
        };
        self.append(one);
    }

    fn append(&mut self, other: ZoneText) {
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(&other.text);
        self.seen.extend(other.seen);
    }

    /// The zone in the text, marked when one of its lines was mended by its look.
    fn read(&self) -> Option<MrzReading> {
        let mut reading = mrz::read(&self.text)?;
        reading.fillers_seen = reading.lines.lines().any(|l| self.seen.iter().any(|s| s == l));
        Some(reading)
    }
}

/// One OCR line cut out of the picture it was read on, with a margin of a fifth of its
/// height above and below (zone lines stand about one height apart) and half a height
/// at each end.
fn line_cut_out(line: &text::OcrLine, gray: &GrayImage) -> GrayImage {
    let (w, h) = (gray.width() as i32, gray.height() as i32);
    let height = line.height().max(1);
    let left = (line.left() - height / 2).clamp(0, w);
    let right = (line.right() + height / 2).clamp(left, w);
    let top = (line.top() - height / 5).clamp(0, h);
    let bottom = (line.bottom() + height / 5).clamp(top, h);
    let (cw, ch) = ((right - left).max(1) as u32, (bottom - top).max(1) as u32);
    imageops::crop_imm(gray, left as u32, top as u32, cw, ch).to_image()
}

/// The strip of the prepared image holding the machine-readable zone, enlarged so
/// its characters are about 36 px high: the lines OCR saw as zone-like, else the
/// bottom third (where passports and card backs print it).
fn mrz_band(page: &OcrPage, gray: &GrayImage) -> GrayImage {
    let (w, h) = gray.dimensions();
    let zone: Vec<&text::OcrLine> = page.lines.iter().filter(|l| zone_like_line(&l.text())).collect();
    let (top, bottom, line_h) = if zone.is_empty() {
        (h * 2 / 3, h, (h / 20).max(10) as i32)
    } else {
        let line_h = zone.iter().map(|l| l.height()).max().unwrap_or(20).max(8);
        let top = zone.iter().map(|l| l.top()).min().unwrap_or(0) - line_h;
        let bottom = zone.iter().map(|l| l.bottom()).max().unwrap_or(h as i32) + line_h;
        (top.max(0) as u32, (bottom.max(0) as u32).min(h), line_h)
    };
    let band = imageops::crop_imm(gray, 0, top, w, bottom.saturating_sub(top).max(1)).to_image();
    let factor = (36.0 / line_h as f32).clamp(1.0, 2.5).min(1800.0 / w.max(1) as f32);
    if factor > 1.05 {
        let (bw, bh) = band.dimensions();
        framing::resize_gray(&band, (bw as f32 * factor) as u32, (bh as f32 * factor) as u32)
    } else {
        band
    }
}

/// A picture no one could read, attached to an access request, is taken for the ID
/// the party meant to send (the reply asks for a clearer one). A tiny picture only
/// when the party said they sent an ID: a mail signature's logo is tiny too.
fn unreadable_id(
    problem: Option<IllegibleReason>,
    evidence: &DocumentEvidence,
    hint: Option<PartyHint>,
) -> Option<Classification> {
    let read_well = read_well(evidence);
    // A sound picture on which nothing at all was read is an ID only when the party
    // said they sent one (a photo cut off or glared all over; not a signature image).
    let nothing_read = evidence.pages.iter().all(|p| p.text.trim().is_empty());
    // "Glare" on a white image (a signature, a blank page) is its paper: only a card or
    // a picture the party called their ID is taken for one.
    let card = evidence.pages.iter().any(|p| p.appearance.card_shaped);
    match problem.or(nothing_read.then_some(IllegibleReason::TextUnreadable)) {
        None => return None,
        Some(_) if read_well => return None,
        Some(IllegibleReason::TooSmall | IllegibleReason::TextUnreadable) if hint.is_none() => return None,
        // Nor is a soft picture with no card in it that the party did not call their ID
        // (a photo of a room or a pet): a blurred ID still shows a card's shape.
        Some(IllegibleReason::Glare | IllegibleReason::TooBlurry) if hint.is_none() && !card => return None,
        Some(_) => {}
    }
    Some(Classification {
        kind: DocumentKind::PhotoId,
        id_type: hint.and_then(PartyHint::id_type),
        because: "a picture too poor to read, sent as the ID".into(),
    })
}

/// Words read with confidence that prove a picture readable whatever its quality
/// figures say (a small or soft but clean scan).
const PROOF_OF_READING: usize = 10;

/// Mean word confidence below which tesseract guessed at most words: a straight
/// print of any quality reads above it.
const GUESSED_READING: f32 = 65.0;

fn read_well(e: &DocumentEvidence) -> bool {
    e.pages.iter().any(|p| p.confident_words >= PROOF_OF_READING)
}

/// Legible means a person could read it: only the picture itself (too small, blurred,
/// dark, glare) makes an ID illegible. What a machine read with confidence proves a
/// doubtful picture readable, except a dark one: OCR reads a contrast-stretched picture
/// a person would see as black, so only a check-digit or barcode reading outranks "too
/// dark". A readable ID whose name was not found keeps `name_on_id` empty for the
/// clerk to read.
fn photo_id_verdict(reading: &mut Reading, picture_problem: Option<IllegibleReason>) {
    let (name, source) = choose_name(&reading.evidence);
    let (expires, expiry_source) = expiry_of(&reading.evidence);
    let machine_verified = source.as_deref().is_some_and(|s| !s.starts_with("printed"));
    let read_well = read_well(&reading.evidence);
    reading.legible = match picture_problem {
        None => true,
        Some(IllegibleReason::TooDark) => machine_verified,
        // A thumbnail may show the name in large print, never the dates in small print.
        Some(IllegibleReason::TooSmall) => machine_verified || (name.is_some() && expires.is_some()),
        Some(_) => name.is_some() || read_well,
    };
    if reading.legible {
        reading.name_on_id = name;
        reading.expires = expires;
        reading.evidence.name_source = source;
        reading.evidence.expiry_source = expiry_source;
    } else {
        reading.evidence.illegible_reason = picture_problem;
    }
}

/// Whether the document should have a machine-readable zone that was not read with
/// every check digit right.
fn expects_mrz(c: &Option<Classification>, found: Option<&MrzReading>, page: &OcrPage, tokens: &[String]) -> bool {
    if found.is_some_and(MrzReading::core_fields_verified) {
        return false;
    }
    // Certificates of naturalization and citizenship have no zone: what looks like
    // one there is a border or a serial number, and a second pass over a whole page
    // costs as much as the first.
    let certificate = c
        .as_ref()
        .is_some_and(|c| matches!(c.id_type, Some(IdType::NaturalizationCertificate | IdType::CitizenshipCertificate)));
    let zone_like = page.lines.iter().any(|l| l.text().matches('<').count() >= 3);
    // A state's or town's ID card is a government ID without a zone; a foreign
    // passport is one with.
    let passport = || tokens.iter().any(|t| t == "passport" || t == "nationality");
    let type_with_zone = c.as_ref().is_some_and(|c| match c.id_type {
        Some(IdType::UsPassport | IdType::PermanentResidentCard) => true,
        Some(IdType::GovernmentId) => passport(),
        _ => false,
    });
    !certificate && (zone_like || found.is_some() || type_with_zone)
}

/// The name, by strength of evidence: a zone whose check digits all pass, the
/// barcode, the printed zone, then a zone with some failed checks.
fn choose_name(e: &DocumentEvidence) -> (Option<String>, Option<String>) {
    let printed = e.printed_name.as_ref().filter(|p| p.conf >= MIN_NAME_CONF);
    if let Some(m) =
        e.mrz.as_ref().filter(|m| m.core_fields_verified() && !m.name_may_be_truncated() && !m.surname.is_empty())
    {
        let how = if m.valid { "every check digit passes" } else { "number and date check digits pass" };
        let (zone, printed) = (m.full_name(), printed.map(PrintedName::full));
        // The zone spells the name in its alphabet (`BJOERN MUELLER`, `LOBIANCO`); the
        // printed zone, when it shows the same letters, has the name as written.
        if let Some(p) = printed.as_ref().filter(|p| names::same_name_in_zone_letters(p, &zone)) {
            return (Some(p.clone()), Some(format!("machine-readable zone ({how}), as printed")));
        }
        // Fillers misread inside the name line (`STANTON<X<MARCUS<KLEE`) can cost the
        // zone a name word the printed zone shows beside all of the zone's.
        if let Some(p) = printed.filter(|p| names::holds_more_words(p, &zone)) {
            return (Some(p), Some(format!("printed zone, holding every word of the machine-readable zone ({how})")));
        }
        return (Some(zone), Some(format!("machine-readable zone ({how})")));
    }
    if let Some(n) = e.barcode.as_ref().and_then(AamvaLicence::full_name) {
        return (Some(n), Some("PDF417 barcode".into()));
    }
    if let Some(p) = printed {
        return (Some(p.full()), Some(format!("printed zone ({})", p.found_by)));
    }
    if let Some(m) = e.mrz.as_ref().filter(|m| !m.surname.is_empty()) {
        let verified = [m.checks.document_number, m.checks.date_of_birth, m.checks.date_of_expiry]
            .iter()
            .filter(|c| **c == Some(true))
            .count();
        if verified >= 2 {
            return (Some(m.full_name()), Some("machine-readable zone (some check digits fail)".into()));
        }
    }
    (None, None)
}

/// The expiry, by strength of evidence, and where it came from.
pub fn expiry_of(e: &DocumentEvidence) -> (Option<NaiveDate>, Option<String>) {
    if let Some(d) = e.mrz.as_ref().filter(|m| m.checks.date_of_expiry == Some(true)).and_then(|m| m.date_of_expiry) {
        return (Some(d), Some("machine-readable zone".into()));
    }
    if let Some(d) = e.barcode.as_ref().and_then(|b| b.expiry) {
        return (Some(d), Some("PDF417 barcode".into()));
    }
    if let Some(p) = &e.printed_expiry {
        return (Some(p.date), Some(format!("printed zone ({})", p.found_by)));
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use printed::{PrintedDate, PrintedName};

    /// A page whose layout showed no name is read again unless the search finds a name
    /// the request expects and the ID's type and expiry are known (its label read, or a
    /// date years after the issue date).
    #[test]
    fn a_page_is_read_again_only_when_something_is_still_missing() {
        let text = "FLORIDA DRIVER LICENSE\nMARISOL IBANEZ RUIZ\n4b EXP 07/19/2034";
        let id = |id_type| Classification { kind: DocumentKind::PhotoId, id_type, because: String::new() };
        let dated = |e: &mut DocumentEvidence| {
            e.printed_expiry = Some(PrintedDate {
                date: NaiveDate::from_ymd_opt(2034, 7, 19).unwrap(),
                conf: 90.0,
                found_by: "exp".into(),
            })
        };
        let expected = vec!["Marisol Ibanez Ruiz"];
        let tokens = text::tokens(text);
        let licence = Some(IdType::OutOfStateDriverLicense);
        let certificate = Some(IdType::NaturalizationCertificate);
        // (type, expiry read, a date years after the issue date, names expected,
        // picture problem, read again)
        let cases = [
            (id(licence), true, false, expected.clone(), None, false),
            (id(licence), true, false, vec![], None, true),
            (id(licence), true, false, vec!["Dana Whitlock"], None, true),
            (id(licence), true, false, vec!["Marisol Ibanez Ruizz"], None, true),
            (id(licence), true, false, vec!["O Ruiz, Marisol"], None, true),
            (id(licence), false, false, expected.clone(), None, true),
            (id(licence), false, true, expected.clone(), None, false),
            (id(licence), false, true, vec![], None, true),
            (id(certificate), false, false, expected.clone(), None, false),
            (id(None), true, false, expected.clone(), None, true),
            (id(licence), true, false, vec![], Some(IllegibleReason::TooDark), false),
        ];
        for (i, (class, has_expiry, dated_by_issue, names, problem, want)) in cases.into_iter().enumerate() {
            let mut e = DocumentEvidence { pages: vec![PageEvidence::with_text(text)], ..Default::default() };
            if has_expiry {
                dated(&mut e);
            }
            let names: Vec<PersonName> = names.iter().map(|n| PersonName::parse(n).unwrap()).collect();
            let first = FirstReading { class: Some(&class), tokens: &tokens, dated_by_issue };
            assert_eq!(worth_reading_again(&e, &first, problem, &names), want, "case {i}");
        }
    }

    #[test]
    fn a_band_shows_its_way_up_by_check_digits_or_fillers() {
        let zone = zone_search::ZoneBox { cx: 0.0, cy: 0.0, angle: 0.0, length: 900.0, thickness: 90.0 };
        let band = |text: &str, fillers| ZoneFound {
            read: CutRead { reading: mrz::read(text), fillers },
            zone,
            turned: false,
        };
        // ICAO 9303's specimen, every check digit holding; then with only the dates'.
        let valid =
            band("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", 0);
        let dates =
            band("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<19", 0);
        let one = band("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204158ZE184226B<<<<<29", 0);
        let soft = band("", FILLERS_SHOW_WAY_UP);
        let noise = band("", FILLERS_SHOW_WAY_UP - 1);
        let table = [(&valid, true), (&dates, true), (&one, false), (&soft, true), (&noise, false)];
        for (i, (band, shows)) in table.iter().enumerate() {
            assert_eq!(band.shows_way_up(), *shows, "case {i}");
        }
        // A reading beats fillers; more check digits beat fewer; more fillers beat fewer.
        assert!(one.better_than(Some(&soft)) && !soft.better_than(Some(&one)));
        assert!(valid.better_than(Some(&dates)) && !dates.better_than(Some(&valid)));
        assert!(soft.better_than(Some(&noise)) && !noise.better_than(Some(&soft)));
        assert!(noise.better_than(None));
    }

    fn reading(name: bool, expiry: bool) -> Reading {
        let evidence = DocumentEvidence {
            printed_name: name.then(|| PrintedName {
                surname: "OKAFOR".into(),
                given: "EMEKA".into(),
                conf: 90.0,
                found_by: "test",
            }),
            printed_expiry: expiry.then(|| PrintedDate {
                date: NaiveDate::from_ymd_opt(2031, 1, 1).unwrap(),
                conf: 90.0,
                found_by: "exp".into(),
            }),
            ..DocumentEvidence::default()
        };
        Reading {
            kind: DocumentKind::PhotoId,
            id_type: None,
            name_on_id: None,
            expires: None,
            legible: false,
            evidence,
        }
    }

    #[test]
    fn what_a_poor_picture_still_shows_decides_legibility() {
        use IllegibleReason::*;
        let table = [
            (None, false, false, true),
            (Some(TooBlurry), true, false, true),
            (Some(TooBlurry), false, false, false),
            // A thumbnail showing the name but not the dates: a person could not check it.
            (Some(TooSmall), true, false, false),
            (Some(TooSmall), true, true, true),
            (Some(TooDark), true, true, false),
        ];
        for (problem, name, expiry, legible) in table {
            let mut r = reading(name, expiry);
            photo_id_verdict(&mut r, problem);
            assert_eq!(r.legible, legible, "{problem:?} name {name} expiry {expiry}");
            assert_eq!(r.evidence.illegible_reason, if legible { None } else { problem });
        }
    }
}
