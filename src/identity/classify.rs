//! What kind of document this is, and for a photo ID which of the nine kinds the
//! court accepts. Decided from the strongest evidence first: a machine-readable
//! zone or barcode, then the document's printed title, then how it looks.

use serde::Serialize;

use super::barcode::AamvaLicence;
use super::mrz::MrzReading;
use super::text::{find_phrase, has_phrase, token_is, STREET_WORDS};
use super::{DocumentKind, IdType};

/// How the picture looks, measured without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Appearance {
    /// A card-shaped object (ID-1, 85.6 × 54 mm) was found in the picture.
    pub card_shaped: bool,
    /// Colour of the document's title band (the bluest row of its top quarter).
    pub top_band_rgb: [u8; 3],
}

impl Appearance {
    /// Connecticut licences (the design the court sees) carry a dark blue title band
    /// across the top; it stays recognisable when the text is not.
    fn connecticut_title_band(&self) -> bool {
        let [r, g, b] = self.top_band_rgb.map(i32::from);
        self.card_shaped && b > r + 20 && b >= g && (r + g + b) / 3 < 110
    }
}

/// What the party called the attachment, in the message or its file name
/// ("my passport", "DL scan.png"). Used only when the picture itself cannot say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyHint {
    DriverLicense,
    Passport,
    PassportCard,
    PermanentResidentCard,
    NaturalizationCertificate,
    CitizenshipCertificate,
    MilitaryId,
    /// A state's or town's identification card ("state ID", "ID card").
    IdentificationCard,
    /// An ID of a type the party did not say ("photo ID attached").
    AnyId,
}

impl PartyHint {
    /// The ID type the party's words point to, when they name one.
    pub fn id_type(self) -> Option<IdType> {
        match self {
            PartyHint::DriverLicense => Some(IdType::CtDriverLicense),
            PartyHint::Passport => Some(IdType::UsPassport),
            PartyHint::PassportCard => Some(IdType::PassportCard),
            PartyHint::PermanentResidentCard => Some(IdType::PermanentResidentCard),
            PartyHint::NaturalizationCertificate => Some(IdType::NaturalizationCertificate),
            PartyHint::CitizenshipCertificate => Some(IdType::CitizenshipCertificate),
            PartyHint::MilitaryId => Some(IdType::MilitaryId),
            PartyHint::IdentificationCard => Some(IdType::GovernmentId),
            PartyHint::AnyId => None,
        }
    }
}

/// What a party calls an ID without saying which ("photo ID", "ID attached"). `my ID`
/// alone is not among them: parties write "my ID is jdoe84" for their login.
const ANY_ID_PHRASES: &[&str] = &[
    "photo id",
    "picture id",
    "government id",
    "id attached",
    "attached id",
    "copy of my id",
    "copy of id",
    "my id card",
    "identification",
];
const IDENTIFICATION_CARD_PHRASES: &[&str] =
    &["state id", "id card", "identification card", "non driver", "nondriver", "identity card"];

/// Reads the party's own description of the attachment.
pub fn party_hint(words: &str) -> Option<PartyHint> {
    let t = super::text::tokens(words);
    let has = |p: &str| has_phrase(&t, p);
    if has("naturalization") || has("naturalisation") {
        Some(PartyHint::NaturalizationCertificate)
    } else if has("citizenship certificate") || has("certificate of citizenship") {
        Some(PartyHint::CitizenshipCertificate)
    } else if has("passport card") {
        Some(PartyHint::PassportCard)
    } else if has("passport") {
        Some(PartyHint::Passport)
    } else if has("green card") || has("permanent resident") {
        Some(PartyHint::PermanentResidentCard)
    } else if has("license") || has("licence") || t.iter().any(|w| w == "dl") {
        Some(PartyHint::DriverLicense)
    } else if has("military") || has("common access card") || has("uniformed services") {
        Some(PartyHint::MilitaryId)
    } else if IDENTIFICATION_CARD_PHRASES.iter().any(|p| has(p)) {
        Some(PartyHint::IdentificationCard)
    } else if ANY_ID_PHRASES.iter().any(|p| has(p)) {
        Some(PartyHint::AnyId)
    } else {
        None
    }
}

/// A file the party named as something other than an ID (`my signature.png`,
/// `esign.png`, `logo.jpg`): their words about "my ID" elsewhere are not about it.
pub fn named_as_not_an_id(file_name: &str) -> bool {
    const OTHER: &[&str] = &["signature", "sig", "esign", "esignature", "logo", "letterhead", "selfie"];
    super::text::tokens(file_name).iter().any(|t| OTHER.contains(&t.as_str()))
}

/// Everything classification looks at.
#[derive(Debug, Clone, Copy)]
pub struct Clues<'a> {
    /// Folded OCR tokens of the whole document.
    pub tokens: &'a [String],
    pub mrz: Option<&'a MrzReading>,
    pub barcode: Option<&'a AamvaLicence>,
    pub appearance: Option<Appearance>,
    pub hint: Option<PartyHint>,
}

/// The answer and the evidence that decided it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub kind: DocumentKind,
    pub id_type: Option<IdType>,
    pub because: String,
}

fn photo_id(id_type: IdType, because: impl Into<String>) -> Classification {
    Classification { kind: DocumentKind::PhotoId, id_type: Some(id_type), because: because.into() }
}

const STATES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "district of columbia",
];

const NAME_CHANGE_TITLES: &[&str] = &[
    "certificate of marriage",
    "marriage certificate",
    "marriage license",
    "marriage record",
    "civil union",
    "dissolution of marriage",
    "judgment of dissolution",
    "decree of dissolution",
    "divorce decree",
    "decree of divorce",
    "judgment of divorce",
    "divorce judgment",
    "former name",
    "change of name",
    "name change",
    "decree changing name",
    "hereafter be known as",
];

const BUSINESS_TITLES: &[&str] = &[
    "secretary of the state",
    "secretary of state",
    "business records",
    "business details",
    "articles of organization",
    "articles of incorporation",
    "certificate of organization",
    "certificate of incorporation",
    "certificate of formation",
    "annual report",
    "good standing",
    "principal details",
    "registered agent",
    "limited liability company",
    "member information",
    "manager information",
];

/// Business entity endings: a letterhead, business card or letter addressed to a
/// company shows one.
const ENTITY_SUFFIXES: &[&str] =
    &["llc", "inc", "corp", "corporation", "ltd", "llp", "pllc", "incorporated", "company"];

/// The strongest evidence first: a machine-readable zone, a barcode, an ID's printed
/// title, the title of a name-change or business paper, licence field labels, a
/// business named on it, and last how the picture looks.
pub fn classify(c: &Clues<'_>) -> Option<Classification> {
    by_zone(c)
        .or_else(|| by_zone_line(c.tokens))
        .or_else(|| by_barcode(c))
        .or_else(|| by_id_title(c.tokens))
        .or_else(|| by_paper_title(c.tokens))
        .or_else(|| by_certificate_fields(c))
        .or_else(|| by_uscis(c))
        .or_else(|| by_passport_fields(c.tokens))
        .or_else(|| by_id_fields(c))
        .or_else(|| by_zone_of_unknown_issuer(c))
        .or_else(|| by_court_paper(c.tokens))
        .or_else(|| by_entity(c.tokens))
        .or_else(|| by_appearance(c))
        .or_else(|| by_party_word_and_issuer(c))
}

/// A picture the party called their ID whose title and labels were misread (`PASSp`,
/// `O o ARD`) but which shows an issuer (the United States, a state) and dates of two
/// or more years, in the few words a card prints: their ID, of the type they said, for
/// the clerk to check.
fn by_party_word_and_issuer(c: &Clues<'_>) -> Option<Classification> {
    let hint = c.hint?;
    let issuer = has_phrase(c.tokens, "united states") || STATES.iter().any(|s| names_state(c.tokens, s));
    let card_sized = c.tokens.len() <= 60 && prose_words(c.tokens) <= 1 && !reads_as_correspondence(c.tokens);
    (issuer && card_sized && dated(c.tokens)).then(|| Classification {
        kind: DocumentKind::PhotoId,
        id_type: hinted_type(hint, c.tokens),
        because: "an issuer and dates as on an ID the party described; title not read".into(),
    })
}

/// Two or more different years printed, as a card's birth, issue and expiry dates.
fn dated(tokens: &[String]) -> bool {
    let mut years: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")) && t.parse::<u16>().is_ok())
        .collect();
    years.sort_unstable();
    years.dedup();
    years.len() >= 2
}

/// A zone whose issuer is a code ICAO lists outranks the print; one whose issuer code
/// was misread (`USB`, `TUS`) gives way to the printed title and is weighed after it.
fn by_zone(c: &Clues<'_>) -> Option<Classification> {
    let m = c.mrz.filter(|m| m.plausible() && m.issuer_known())?;
    Some(zone_type(m, m.issuing_country == "USA"))
}

/// A zone whose issuer code was misread, when nothing printed told the type: a holder
/// of US nationality holds a US document.
fn by_zone_of_unknown_issuer(c: &Clues<'_>) -> Option<Classification> {
    let m = c.mrz.filter(|m| m.plausible())?;
    Some(zone_type(m, m.nationality == "USA"))
}

fn zone_type(m: &MrzReading, us: bool) -> Classification {
    let code = m.document_type.as_str();
    let because = format!("machine-readable zone, document code {code}, issued by {}", m.issuing_country);
    match (code.chars().next(), us) {
        _ if code == "IP" || code == "PC" => photo_id(IdType::PassportCard, because),
        (Some('P'), true) => photo_id(IdType::UsPassport, because),
        (Some('C'), true) => photo_id(IdType::PermanentResidentCard, because),
        _ => photo_id(IdType::GovernmentId, because),
    }
}

/// The first line of a US passport's zone read too poorly to parse (`P<USAHARRINGTON<<JO`):
/// its document code and issuing state still show.
fn by_zone_line(tokens: &[String]) -> Option<Classification> {
    let zone = tokens.windows(2).any(|w| w[0] == "p" && w[1].starts_with("usa") && w[1].len() >= 6);
    zone.then(|| photo_id(IdType::UsPassport, "a passport's machine-readable zone line (P<USA…)"))
}

fn by_barcode(c: &Clues<'_>) -> Option<Classification> {
    let b = c.barcode?;
    let ct = b.jurisdiction.as_deref() == Some("CT") || b.iin == "636006";
    let because =
        format!("AAMVA barcode, {} subfile, jurisdiction {}", b.subfile, b.jurisdiction.as_deref().unwrap_or("?"));
    Some(match (b.subfile.as_str(), ct) {
        ("ID", _) => photo_id(IdType::GovernmentId, because),
        (_, true) => photo_id(IdType::CtDriverLicense, because),
        _ => photo_id(IdType::OutOfStateDriverLicense, because),
    })
}

const MILITARY_WORDS: &[&str] = &[
    "uniformed services",
    "armed forces",
    "department of defense",
    "common access card",
    "geneva conventions",
    "military",
];

const LICENCE_TITLES: &[&str] =
    &["driver license", "drivers license", "driver licence", "operator license", "learner permit", "commercial driver"];

const ID_CARD_TITLES: &[&str] =
    &["identification card", "identity card", "id card", "non driver", "state id", "municipal id"];

/// The title an accepted ID prints. Checked before the papers' titles: a certificate
/// of citizenship reads "Marital status: Divorced".
fn by_id_title(tokens: &[String]) -> Option<Classification> {
    let has = |p: &str| has_phrase(tokens, p);
    let said = |p: &str| format!("printed “{p}”");
    let found = if has("passport card") {
        photo_id(IdType::PassportCard, said("passport card"))
    } else if has("permanent resident") || has("resident alien") {
        photo_id(IdType::PermanentResidentCard, said("permanent resident"))
    } else if has("naturalization") {
        photo_id(IdType::NaturalizationCertificate, said("naturalization"))
    } else if has("certificate of citizenship") || has("citizenship certificate") {
        photo_id(IdType::CitizenshipCertificate, said("certificate of citizenship"))
    } else if MILITARY_WORDS.iter().any(|p| has(p)) {
        photo_id(IdType::MilitaryId, "printed armed-forces wording")
    } else if has("passport") && has("card") {
        // The card's title cut off or its label's words read out of order
        // (`PASSPORT CA`, `Passport no. Card`): a passport book prints no "card".
        photo_id(IdType::PassportCard, "printed “passport” and “card” apart")
    } else if has("passport") {
        // A photo read in columns may give the issuer's words out of order (`STATES UNITED`).
        // Not both words apart: "United Mexican States".
        let us = has("united states") || has("states united") || has("usa");
        photo_id(if us { IdType::UsPassport } else { IdType::GovernmentId }, said("passport"))
    } else if let Some(p) = LICENCE_TITLES.iter().find(|p| has(p)) {
        if issued_in_connecticut(tokens) {
            photo_id(IdType::CtDriverLicense, format!("printed “{p}” and Connecticut"))
        } else {
            photo_id(IdType::OutOfStateDriverLicense, format!("printed “{p}”, not Connecticut"))
        }
    } else if ID_CARD_TITLES.iter().any(|p| says_id_card(tokens, p)) {
        photo_id(IdType::GovernmentId, "printed identification-card wording")
    } else if has("resident card") {
        photo_id(IdType::PermanentResidentCard, said("resident card"))
    } else if let Some(issuer) = licence_issuer_beside_driver(tokens) {
        photo_id(issuer, "printed “driver” beside the state that issued it")
    } else {
        return None;
    };
    Some(found)
}

/// An ID card's title, its `ID` read as written: a licence's field number `4d` read as
/// `1d` beside its `STATE` motto is no "state ID".
fn says_id_card(tokens: &[String], title: &str) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    if !words.contains(&"id") {
        return has_phrase(tokens, title);
    }
    tokens
        .windows(words.len())
        .any(|w| w.iter().zip(&words).all(|(t, p)| if *p == "id" { t == p } else { token_is(t, p) }))
}

/// A licence's title half read (`DRIVER` and a word OCR made of `LICENSE` in display
/// type) beside the state named on the card: that state's licence. A state's
/// non-driver ID says "non-driver", and a card's few words are not a letter's.
fn licence_issuer_beside_driver(tokens: &[String]) -> Option<IdType> {
    let driver = tokens.iter().enumerate().any(|(i, t)| t == "driver" && (i == 0 || tokens[i - 1] != "non"));
    licence_issuer(tokens).filter(|_| driver && prints_as_a_card(tokens))
}

/// USCIS issues permanent resident cards and the certificates of naturalization and
/// citizenship; when its name is read but no title, the party's word says which, and
/// the card is the common one.
fn by_uscis(c: &Clues<'_>) -> Option<Classification> {
    if !has_phrase(c.tokens, "uscis") {
        return None;
    }
    let certificate = |t: &IdType| matches!(t, IdType::NaturalizationCertificate | IdType::CitizenshipCertificate);
    let id_type = c.hint.and_then(PartyHint::id_type).filter(certificate).unwrap_or(IdType::PermanentResidentCard);
    Some(photo_id(id_type, "printed “USCIS”, no title read; the type the party named, else a resident card"))
}

fn by_paper_title(tokens: &[String]) -> Option<Classification> {
    let has = |p: &str| has_phrase(tokens, p);
    if let Some(t) = NAME_CHANGE_TITLES.iter().find(|t| has(t)) {
        return Some(Classification {
            kind: DocumentKind::NameChange,
            id_type: None,
            because: format!("titled “{t}”"),
        });
    }
    // A decree's operative words when its title was not read: "that the name of … is
    // changed".
    if has("the name of") && has("is changed") {
        return Some(Classification {
            kind: DocumentKind::NameChange,
            id_type: None,
            because: "orders that a name is changed".into(),
        });
    }
    let t = BUSINESS_TITLES.iter().find(|t| has(t))?;
    Some(Classification { kind: DocumentKind::BusinessProof, id_type: None, because: format!("shows “{t}”") })
}

/// A court's own paper (a notice of hearing, an order) names the parties of a case,
/// a business among them (`LINDGREN v. ELM STREET PROPERTIES LLC`): it shows no one's
/// tie to that business.
fn by_court_paper(tokens: &[String]) -> Option<Classification> {
    let has = |p: &str| has_phrase(tokens, p);
    let court = has("superior court") || has("small claims session") || has("judicial branch");
    let paper = has("docket no") || has("notice of hearing") || has("it is ordered") || has("notice to");
    (court && paper).then(|| Classification {
        kind: DocumentKind::Other,
        id_type: None,
        because: "a court's own paper (notice or order)".into(),
    })
}

fn by_entity(tokens: &[String]) -> Option<Classification> {
    // "L.L.C." reads as the tokens `l`, `l`, `c`.
    let named = tokens.iter().cloned().chain(spelled_runs(tokens, 2)).any(|t| ENTITY_SUFFIXES.contains(&t.as_str()));
    named.then(|| Classification {
        kind: DocumentKind::BusinessProof,
        id_type: None,
        because: "names a business entity (letterhead, card or mail)".into(),
    })
}

fn by_appearance(c: &Clues<'_>) -> Option<Classification> {
    let look = c.appearance.filter(|a| a.card_shaped && !reads_as_correspondence(c.tokens))?;
    let (id_type, because) = if look.connecticut_title_band() {
        (Some(IdType::CtDriverLicense), "card with a Connecticut licence's dark blue title band".to_string())
    } else {
        (
            c.hint.and_then(|h| hinted_type(h, c.tokens)),
            "card-shaped; type from the party's own description".to_string(),
        )
    };
    Some(Classification { kind: DocumentKind::PhotoId, id_type, because })
}

/// Words of prose: a letter or bill says several of them, an ID card none or one.
const PROSE_WORDS: &[&str] = &[
    "the",
    "and",
    "to",
    "is",
    "this",
    "that",
    "please",
    "you",
    "your",
    "we",
    "our",
    "for",
    "with",
    "sincerely",
    "dear",
    "concern",
    "are",
    "has",
    "will",
];

/// The most words an ID card or certificate prints, as OCR tokens: a letter that happens
/// to say "class" and "end" prints more.
const MAX_CARD_TOKENS: usize = 150;

/// A few words and no letter's prose or address, as an ID prints.
pub fn prints_as_a_card(tokens: &[String]) -> bool {
    tokens.len() <= MAX_CARD_TOKENS && !reads_as_correspondence(tokens)
}

/// A letter, bill or business card: prose, or a web or mail address (IDs print
/// neither). Its printed block may be card-shaped, its shape says nothing then.
pub fn reads_as_correspondence(tokens: &[String]) -> bool {
    // Not `net`: OCR makes it of a licence's height label `HGT`.
    let address = tokens.iter().any(|t| matches!(t.as_str(), "com" | "www" | "org"));
    address || prose_words(tokens) >= 5
}

/// How many different words of prose the text says.
fn prose_words(tokens: &[String]) -> usize {
    PROSE_WORDS.iter().filter(|w| tokens.iter().any(|t| t == *w)).count()
}

/// Runs of at least `min` single letters joined: letters spaced or dotted apart
/// (`L.L.C.`, a title letter-spaced across a card, `C O N N E C T | C U T`).
fn spelled_runs(tokens: &[String], min: usize) -> impl Iterator<Item = String> + '_ {
    tokens.split(|t| t.len() != 1).filter(move |run| run.len() >= min).map(|run| run.concat())
}

/// Field labels every US licence and ID card prints (AAMVA): a card whose title was
/// not read still shows them.
const ID_FIELDS: &[&str] = &[
    "dob",
    "exp",
    "iss",
    "sex",
    "hgt",
    "height",
    "eyes",
    "hair",
    "wgt",
    "weight",
    "class",
    "dln",
    "dl",
    "rstr",
    "restr",
    "restrictions",
    "end",
    "endorsements",
    "donor",
    "veteran",
    "dd",
    "4a",
    "4b",
    "4d",
    "license",
    "licence",
];

/// Labels only a driver's licence prints.
const DRIVING_FIELDS: &[&str] =
    &["dln", "dl", "class", "rstr", "restr", "restrictions", "end", "endorsements", "license", "licence"];

/// Whether an OCR token is a licence field label. AAMVA prints each label's field
/// number right before it (`12RESTR`, `18EYES`), which OCR often reads as a letter
/// (`gCLASS`, `isEYES`); the small print of longer labels is misread (`ciass`).
fn shows_field_label(token: &str, field: &str) -> bool {
    let label = token.trim_start_matches(|c: char| c.is_ascii_digit());
    if token == field || label == field {
        return true;
    }
    let long = field.len() >= 4;
    let after_misread_number = label.get(1..).filter(|_| label.len() > field.len());
    // A long label run into the word before it, its first letter lost (`DRIVER
    // LICENSE` in display type read as `oaveruicense`).
    let run_in = field.len() >= 7 && label.len() > field.len() && label.ends_with(&field[1..]);
    run_in || long && (token_is(label, field) || after_misread_number.is_some_and(|l| token_is(l, field)))
}

/// A card showing several licence field labels is a photo ID even when its title was
/// not read (white on a dark band, under a hologram): a driver's licence when it has
/// driving fields, else a state or town ID.
/// Labels state and municipal ID cards print in words (no AAMVA numbers).
/// "Of birth" stands for "date of birth", whose small print "Date" is often misread.
const ID_FIELD_PHRASES: &[&str] =
    &["id no", "family name", "given name", "given names", "of birth", "expires", "expiration date", "issued"];

/// Issuers a municipal ID prints in words.
const MUNICIPAL_ISSUERS: &[&str] = &["city of", "town of", "municipal"];

fn by_id_fields(c: &Clues<'_>) -> Option<Classification> {
    let tokens = c.tokens;
    // A card prints little; a letter that happens to say "class" and "end" is no card.
    if tokens.len() > MAX_CARD_TOKENS {
        return None;
    }
    let seen: Vec<&str> = ID_FIELDS
        .iter()
        .copied()
        .filter(|f| tokens.iter().any(|t| shows_field_label(t, f)))
        .chain(ID_FIELD_PHRASES.iter().copied().filter(|p| has_phrase(tokens, p)))
        .collect();
    // A town's or city's ID names its issuer in words; two of its fields then do, or
    // one beside the dates a card prints (its small labels misread: `ste of Birth`,
    // `es 12/25/2033`).
    let municipal = MUNICIPAL_ISSUERS.iter().any(|p| has_phrase(tokens, p)) && !reads_as_correspondence(tokens);
    let needed = match (municipal, dated(tokens)) {
        (false, _) => 3,
        (true, false) => 2,
        (true, true) => 1,
    };
    if seen.len() < needed {
        return None;
    }
    let because = format!("licence field labels {}", seen.join(", "));
    // Identification cards print a class too, and often say they are not for driving.
    // Most labels are on both: when no driving label was read, the party's word for
    // their card decides.
    let not_for_driving = has_phrase(tokens, "not for driving");
    let driving_label = seen.iter().any(|f| DRIVING_FIELDS.contains(f));
    let called_a_licence = c.hint == Some(PartyHint::DriverLicense);
    let driving = (driving_label || called_a_licence) && !not_for_driving;
    Some(match (driving, issued_in_connecticut(tokens)) {
        (true, true) => photo_id(IdType::CtDriverLicense, because),
        (true, false) => photo_id(IdType::OutOfStateDriverLicense, because),
        (false, _) => photo_id(IdType::GovernmentId, because),
    })
}

/// Labels a passport book's data page and a passport card print beside "Nationality"
/// (ICAO 9303), which no licence or resident card prints.
const PASSPORT_FIELDS: &[&str] =
    &["surname", "given names", "given name", "date of birth", "place of birth", "date of issue", "authority", "sex"];

fn by_passport_fields(tokens: &[String]) -> Option<Classification> {
    if tokens.len() > MAX_CARD_TOKENS || !has_phrase(tokens, "nationality") {
        return None;
    }
    let seen: Vec<&str> = PASSPORT_FIELDS.iter().copied().filter(|f| has_phrase(tokens, f)).collect();
    if seen.len() < 2 {
        return None;
    }
    let because = format!("passport field labels nationality, {}", seen.join(", "));
    let id_type = if tokens.iter().any(|t| t == "card") {
        IdType::PassportCard
    } else if has_phrase(tokens, "united states") || tokens.iter().any(|t| t == "usa") {
        IdType::UsPassport
    } else {
        IdType::GovernmentId
    };
    Some(photo_id(id_type, because))
}

/// Who issues certificates of naturalization and citizenship, and the warning they print.
const CERTIFICATE_ISSUERS: &[&str] =
    &["citizenship and immigration services", "immigration and naturalization service", "photograph this certificate"];

/// Fields and wording those certificates print about their holder and no other
/// accepted ID does.
const CERTIFICATE_FIELDS: &[&str] = &[
    "former nationality",
    "marital status",
    "oath of allegiance",
    "admitted as a citizen",
    "be it known that",
    "having complied in all respects",
    "has become a citizen",
];

/// A certificate of naturalization or citizenship whose title was not read (a photo
/// of the whole sheet): its issuer and its holder's fields. Which of the two, the party
/// may have said; naturalization is the common one.
fn by_certificate_fields(c: &Clues<'_>) -> Option<Classification> {
    let has = |p: &str| has_phrase(c.tokens, p);
    if c.tokens.len() > MAX_CARD_TOKENS || !CERTIFICATE_ISSUERS.iter().any(|p| has(p)) {
        return None;
    }
    let field = CERTIFICATE_FIELDS.iter().find(|p| has(p))?;
    let id_type = match c.hint {
        Some(PartyHint::CitizenshipCertificate) => IdType::CitizenshipCertificate,
        _ => IdType::NaturalizationCertificate,
    };
    Some(photo_id(id_type, format!("a USCIS certificate's issuer and “{field}”")))
}

/// Connecticut named on the card, or no state named and only Connecticut addresses.
fn issued_in_connecticut(tokens: &[String]) -> bool {
    match licence_issuer(tokens) {
        Some(id_type) => id_type == IdType::CtDriverLicense,
        None => tokens.windows(2).any(|w| w[0] == "ct" && w[1].len() == 5 && w[1].chars().all(|c| c.is_ascii_digit())),
    }
}

/// The licence type the state named on the card gives: Connecticut (its name, also
/// letter-spaced across the title, or its motto "Constitution State"), another state,
/// or `None` when the card names no state (an address's `CT` is not an issuer).
fn licence_issuer(tokens: &[String]) -> Option<IdType> {
    if has_phrase(tokens, "connecticut") || has_phrase(tokens, "constitution state") {
        return Some(IdType::CtDriverLicense);
    }
    // Titles letter-spaced across the card (`F L O R i D A`) spell a state, and one in
    // display type may be read in two pieces (`TE XAS`, `FLO RIDA`).
    let cut_in_two = tokens.windows(2).filter(|w| w[0].len() >= 2 && w[1].len() >= 2).map(|w| w.concat());
    let spaced: Vec<String> = spelled_runs(tokens, 4).chain(cut_in_two).collect();
    // Spelled out, or a one-word name cut off at its end.
    let spelled = |state: &str| {
        spaced.iter().any(|run| token_is(run, &state.replace(' ', ""))) || tokens.iter().any(|t| cut_off(t, state))
    };
    if spelled("connecticut") {
        return Some(IdType::CtDriverLicense);
    }
    // A two-word state is only taken as written, where a street's name can be told.
    let spelled_alone = |state: &&str| !state.contains(' ') && spelled(state);
    let named = STATES.iter().any(|s| names_state(tokens, s) || spelled_alone(s));
    (named || names_state_by_nickname(tokens)).then_some(IdType::OutOfStateDriverLicense)
}

/// The fewest letters of a state's name that tell it when the rest was cut off by the
/// card's edge or lost in a title's display type (`CONNECTI`, `MASSACHU`); shorter
/// beginnings are words of their own (`connect`, `indian`).
const CUT_OFF_STATE: usize = 8;

/// Whether `token` is the beginning of `state`'s one-word name, cut off.
fn cut_off(token: &str, state: &str) -> bool {
    token.len() >= CUT_OFF_STATE && token.len() < state.len() && state.starts_with(token)
}

/// Nicknames states print on their cards (Connecticut's is taken above).
const STATE_NICKNAMES: &[&str] = &[
    "ocean state",
    "garden state",
    "empire state",
    "sunshine state",
    "lone star state",
    "golden state",
    "bay state",
    "keystone state",
    "granite state",
    "green mountain state",
    "pine tree state",
    "first state",
    "old line state",
];

/// Another state named by its nickname (`Ocean State`), or by the end of a two-word
/// name before "State" whose first word the card's edge or a picture cut off
/// (`YORK STATE` of NEW YORK STATE).
fn names_state_by_nickname(tokens: &[String]) -> bool {
    let tail_of_state = |w: &[String]| {
        w[1] == "state" && STATES.iter().any(|s| s.contains(' ') && s.rsplit(' ').next() == Some(w[0].as_str()))
    };
    STATE_NICKNAMES.iter().any(|n| has_phrase(tokens, n)) || tokens.windows(2).any(tail_of_state)
}

/// The type the party's word gives, a licence's state taken from the card when it
/// names one ("my driver's license" that reads NEW JERSEY is out of state).
fn hinted_type(hint: PartyHint, tokens: &[String]) -> Option<IdType> {
    match hint {
        PartyHint::DriverLicense => Some(licence_issuer(tokens).unwrap_or(IdType::CtDriverLicense)),
        _ => hint.id_type(),
    }
}

/// A licence, or a card of no known type, whose issuing state the text does not name:
/// the state may be printed in display type the page's reading passed over.
pub fn issuer_unread(c: Option<&Classification>, tokens: &[String]) -> bool {
    let licence_or_unknown = c.is_some_and(|c| {
        c.kind == DocumentKind::PhotoId
            && matches!(c.id_type, None | Some(IdType::CtDriverLicense | IdType::OutOfStateDriverLicense))
    });
    licence_or_unknown && licence_issuer(tokens).is_none()
}

/// The type told from a page read a second time, beside the first reading's: the
/// second decides when the first told nothing or missed a licence's state, and when
/// the first told a state ID by field labels alone (ID cards print most of a licence's
/// labels) where the second reads a licence's title.
pub fn after_reading_again(
    first: Option<Classification>,
    second: Option<Classification>,
    issuer_was_unread: bool,
) -> Option<Classification> {
    let licence =
        |c: &Classification| matches!(c.id_type, Some(IdType::CtDriverLicense | IdType::OutOfStateDriverLicense));
    let id_card = first.as_ref().is_some_and(|c| c.id_type == Some(IdType::GovernmentId));
    match (first, second) {
        (None, second) => second,
        (Some(_), Some(second)) if issuer_was_unread || (id_card && licence(&second)) => Some(second),
        (first, _) => first,
    }
}

/// Whether the words name the state (or Connecticut) that issued a licence.
pub fn names_an_issuer(tokens: &[String]) -> bool {
    licence_issuer(tokens).is_some()
}

/// Whether a state is named on the card other than as a street's name.
fn names_state(tokens: &[String], state: &str) -> bool {
    let words: Vec<&str> = state.split_whitespace().collect();
    let mut from = 0;
    while let Some(at) = tokens.get(from..).and_then(|rest| find_phrase(rest, &words)) {
        let after = tokens.get(from + at + words.len()).map(String::as_str);
        if !after.is_some_and(|w| STREET_WORDS.contains(&w)) {
            return true;
        }
        from += at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::text::tokens;

    fn classify_text(text: &str) -> Option<(DocumentKind, Option<IdType>)> {
        let t = tokens(text);
        classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: None, hint: None })
            .map(|c| (c.kind, c.id_type))
    }

    #[test]
    fn printed_titles() {
        use DocumentKind::*;
        use IdType::*;
        let cases = [
            ("Connecticut USA DRIVER LICENSE DL NO 184402913", Some((PhotoId, Some(CtDriverLicense)))),
            ("Connecticur DRIVER LICENSE", Some((PhotoId, Some(CtDriverLicense)))),
            ("NEW YORK STATE DRIVER LICENSE", Some((PhotoId, Some(OutOfStateDriverLicense)))),
            (
                "Massachusetts DRIVER'S LICENSE 12 MAIN ST BOSTON, MA 02110",
                Some((PhotoId, Some(OutOfStateDriverLicense))),
            ),
            ("DRIVER LICENSE 12 MAIN ST HARTFORD, CT 06103", Some((PhotoId, Some(CtDriverLicense)))),
            ("UNITED STATES OF AMERICA PASSPORT CARD", Some((PhotoId, Some(PassportCard)))),
            ("PASSPORT UNITED STATES OF AMERICA Surname", Some((PhotoId, Some(UsPassport)))),
            ("UNITED STATES OF AMERICA PERMANENT RESIDENT", Some((PhotoId, Some(PermanentResidentCard)))),
            ("CERTIFICATE OF NATURALIZATION", Some((PhotoId, Some(NaturalizationCertificate)))),
            ("CERTIFICATE OF CITIZENSHIP", Some((PhotoId, Some(CitizenshipCertificate)))),
            ("UNITED STATES UNIFORMED SERVICES ARMED FORCES", Some((PhotoId, Some(MilitaryId)))),
            ("STATE OF CONNECTICUT IDENTIFICATION CARD", Some((PhotoId, Some(GovernmentId)))),
            // A licence's title half read beside the state's name.
            ("T E X A S DRIVER a 1799 MAPLE AVE WEST HARTFORD, CT 06107", Some((PhotoId, Some(OutOfStateDriverLicense)))),
            ("CONNECTICUT DRIVER Iic 1 DOE 2 JANE", Some((PhotoId, Some(CtDriverLicense)))),
            ("NEW YORK STATE NON-DRIVER ID", Some((PhotoId, Some(GovernmentId)))),
            ("USA - CONSTITUTION STATE\n1d DLN 241672637", None),
            ("NEW YORK STATE ID CARD", Some((PhotoId, Some(GovernmentId)))),
            ("DRIVER 1 DOE 2 JANE 12 MAIN ST HARTFORD, CT 06103", None),
            ("Uscis Registration No A20947 Date of birth", Some((PhotoId, Some(PermanentResidentCard)))),
            ("STATE OF CONNECTICUT CERTIFIED COPY CERTIFICATE OF MARRIAGE", Some((NameChange, None))),
            ("SUPERIOR COURT DECREE CHANGE OF NAME", Some((NameChange, None))),
            ("CT.gov Business Records Search Secretary of the State", Some((BusinessProof, None))),
            ("Kowalczyk Roofing LLC 12 Main St Raymond Kowalczyk, Owner", Some((BusinessProof, None))),
            ("Asylum Hill Landscaping L.L.C. Yesenia de la Cruz Member", Some((BusinessProof, None))),
            ("Ibanez Ruiz Trucking, Inc. Ana Ibanez Ruiz President", Some((BusinessProof, None))),
            // A court's notice names another case's business: no tie to it.
            (
                "STATE OF CONNECTICUT - SUPERIOR COURT NOTICE OF HEARING Docket No.: HHD-CV24-0933064-S \
                 Case: LINDGREN v. ELM STREET PROPERTIES LLC",
                Some((Other, None)),
            ),
            // The title was not read, the licence fields were.
            (
                "in KESSLER rv ASHLEY LYNN 1870 PARK ST NEW LONDON, CT 06320 Dos 04/18/2004 EXP 06/26/2029 DLN 739579758 CLASS D SEX F HGT 5'-08\" EYES BLU",
                Some((PhotoId, Some(CtDriverLicense))),
            ),
            ("NEW JERSEY FITZGERALD MAEVE RUTH DOB: 10-18-1963 exp: 01-22-2029 iss: 01-22-2025 class: D SEX: F", Some((PhotoId, Some(OutOfStateDriverLicense)))),
            ("RMANENT RESIDENT CARD SURNAME MACDONALD USCIS# 149-746-024", Some((PhotoId, Some(PermanentResidentCard)))),
            ("TOWN OF MANCHESTER MUNICIPAL ID DOB 01/02/1990 SEX F EYES BRO HGT 5-06", Some((PhotoId, Some(GovernmentId)))),
            // Field numbers glued to their labels.
            (
                "CONNECTICUT 4d ON 278041808 JEFFERSON exp 12/07/2032 9ciass D 12RESTR B",
                Some((PhotoId, Some(CtDriverLicense))),
            ),
            // Titles cut off or misread, the passport's own labels read.
            (
                "3SPORT CARD 02024504 STATES OF AMERICA Surname NAKAMURA Given Names YUKI Nationality Sex Date of Birth USA F",
                Some((PhotoId, Some(PassportCard))),
            ),
            ("STATES OF AMERICA Surname OKAFOR Given Names ADA Nationality USA Place of Birth NIGERIA", Some((PhotoId, Some(UsPassport)))),
            // A passport card's title cut off and its label read out of order; a
            // passport book's issuer read out of order; a foreign passport.
            ("CONNECTICUT, U. PASSPORT CA C06093269 Passport no. Card 2023 DEC 27", Some((PhotoId, Some(PassportCard)))),
            ("PASSPORT OF STATES UNITED Surname BISHOP", Some((PhotoId, Some(UsPassport)))),
            ("PASSPORT PASSEPORT CANADA Surname BISHOP", Some((PhotoId, Some(GovernmentId)))),
            ("PASAPORTE PASSPORT UNITED MEXICAN STATES Apellidos ROJAS", Some((PhotoId, Some(GovernmentId)))),
            // A non-driver ID's labels in words; a zone line too garbled to parse.
            (
                "ID NO. 524433641 MARCHETTI GIVEN NAME CARMELA RUTH ADDRESS 1762 MAPLE AVE DATE OF BIRTH EXPIRES 12/11/1992 05/10/2028",
                Some((PhotoId, Some(GovernmentId))),
            ),
            ("P<USAHARRINGTON<<JO<C 4910046415USA7801055", Some((PhotoId, Some(UsPassport)))),
            (
                "STATE OF CONNECTICUT CLASS ID FAMILY NAME DOYLE GIVEN NAME PATRICK EXPIRES 04/16/2029 SEX M HGT 5'-04\" NOT FOR DRIVING",
                Some((PhotoId, Some(GovernmentId))),
            ),
            // A state's name as a street's; Connecticut letter-spaced or by its motto;
            // labels after misread field numbers; another state's licence number label.
            (
                "DRIVER LICENSE C O N N E (e T | c U T USA - CONSTITUTION STATE 4d DLN 662553598 8 484 WASHINGTON BLVD HARTFORD, CT 06103",
                Some((PhotoId, Some(CtDriverLicense))),
            ),
            ("DRIVER LICENSE 1761 WASHINGTON BLVD WEST HARTFORD, CT 06107", Some((PhotoId, Some(CtDriverLicense)))),
            (
                "= : iF L O R i D A DRIVER LICENSE 892 WASHINGTON BLVD BRIDGEPORT, CT 06604",
                Some((PhotoId, Some(OutOfStateDriverLicense))),
            ),
            ("CONNECTICUT 4d Dn 002348855 4b Exp 09/05/2032 4aiss 09/05/2025 gciass D 5 DD 5588275439", Some((PhotoId, Some(CtDriverLicense)))),
            (
                "Massachusetts 4d LICENSE NO. S20130586 AL-FARSI 2OMAR 8 1006 PARK ST NEW HAVEN, CT 06511 4b ExP 12/23/2025 5 DD 678025733891",
                Some((PhotoId, Some(OutOfStateDriverLicense))),
            ),
            // The title run into one word; the labels alone would tell a state ID.
            (
                "FLORIDA oaveruicense MARISOL IBANEZ RUIZ 4a iss 07/19/2025 16 HGT 18 EYES DONOR: Y VETERAN: N",
                Some((PhotoId, Some(OutOfStateDriverLicense))),
            ),
            ("FLORIDA IDENTIFICATION CARD 4a iss 07/19/2025 16 HGT 18 EYES", Some((PhotoId, Some(GovernmentId)))),
            ("Grocery list: milk, eggs", None),
            (
                "petitioner is a resident of this district, that the petition granted. That the name of FOX is changed Attest: a true copy of the decree on file.",
                Some((NameChange, None)),
            ),
            ("the name of the street is Main and the office hours have changed", None),
            // A state filing's sections, its title lost to glare.
            ("1. NAME oF Umirep MABILITY Compa MEMBER INFORMATION (at least one) Manager", Some((BusinessProof, None))),
            ("Please send your date of birth and the date your ID expires to the clerk.", None),
            ("My nationality is American and my surname is Okafor", None),
            // An ID's title outranks a word a paper's title shares.
            (
                "THE UNITED STATES OF AMERICA Certificate of Citizenship Marital status: Divorced",
                Some((PhotoId, Some(CitizenshipCertificate))),
            ),
            ("SUPERIOR COURT JUDGMENT OF DISSOLUTION the wife's former name is restored", Some((NameChange, None))),
            // A photo of a whole certificate whose title was not read.
            (
                "THE UNITED STATES OF AMERICA Height: 5 feet 7 inches Marital status: Widowed Country of former nationality: Mexico Aoife Brennan Director, U.S. Citizenship and Immigration Services",
                Some((PhotoId, Some(NaturalizationCertificate))),
            ),
            ("U.S. Citizenship and Immigration Services Receipt Notice: your application was received", None),
            // Only its body wording read, the holder's fields cut off or skewed.
            (
                "Be it known that, pursuant to an application filed with the Secretary of Homeland Security Katarzyna Wojcik having taken the oath of allegiance such person is admitted as a citizen of the United States of America. Director, US. Citizenship and Immigration Services",
                Some((PhotoId, Some(NaturalizationCertificate))),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(classify_text(text), want, "{text}");
        }
    }

    #[test]
    fn zone_and_barcode_outrank_print() {
        let m = crate::identity::mrz::read(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        )
        .unwrap();
        let t = tokens("PASSPORT");
        let c = classify(&Clues { tokens: &t, mrz: Some(&m), barcode: None, appearance: None, hint: None }).unwrap();
        assert_eq!(c.id_type, Some(IdType::GovernmentId), "a foreign passport is another government ID");
    }

    #[test]
    fn a_zone_with_a_misread_issuer_gives_way_to_the_print() {
        let zone = "P<USBFOX<<ZOE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n5134662764USA4807023F3001259<<<<<<<<<<<<<<08";
        let m = crate::identity::mrz::read(zone).unwrap();
        assert!(m.valid && !m.issuer_known(), "no check digit covers the issuer");
        let by = |text: &str| {
            let t = tokens(text);
            classify(&Clues { tokens: &t, mrz: Some(&m), barcode: None, appearance: None, hint: None })
                .and_then(|c| c.id_type)
        };
        assert_eq!(by("PASSPORT CARD UNITED STATES OF AMERICA"), Some(IdType::PassportCard), "the printed title");
        assert_eq!(by("SEE PAGE 27"), Some(IdType::UsPassport), "no title: the holder's US nationality");
        let known = crate::identity::mrz::read(&zone.replace("P<USB", "P<USA")).unwrap();
        let t = tokens("PASSPORT CARD");
        let c = classify(&Clues { tokens: &t, mrz: Some(&known), barcode: None, appearance: None, hint: None });
        assert_eq!(c.and_then(|c| c.id_type), Some(IdType::UsPassport), "a known issuer's zone outranks print");
    }

    #[test]
    fn the_party_word_decides_what_the_print_leaves_open() {
        let with = |text: &str, said: &str| {
            let t = tokens(text);
            classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: None, hint: party_hint(said) })
                .and_then(|c| c.id_type)
        };
        use IdType::*;
        let cases = [
            // Labels on both licences and ID cards, none for driving.
            ("NEW JERSEY RUSSO exp: 04-25-2029 sex. M eves: BRO", "my driver's license", Some(OutOfStateDriverLicense)),
            ("NEW JERSEY RUSSO exp: 04-25-2029 sex. M eves: BRO", "my ID card", Some(GovernmentId)),
            ("NEW JERSEY RUSSO exp: 04-25-2029 sex. M eves: BRO", "", Some(GovernmentId)),
            ("exp 04-25-2029 sex M eyes BRO NOT FOR DRIVING", "my license", Some(GovernmentId)),
            // USCIS issues the card and both certificates.
            (
                "USCIS Registration No. A209479904 Date of birth",
                "certificate of citizenship",
                Some(CitizenshipCertificate),
            ),
            ("USCIS Registration No. A209479904", "naturalization certificate", Some(NaturalizationCertificate)),
            ("USCIS Registration No. A209479904", "my driver's license", Some(PermanentResidentCard)),
        ];
        for (text, said, want) in cases {
            assert_eq!(with(text, said), want, "{text} / {said}");
        }
    }

    #[test]
    fn unreadable_cards_by_appearance() {
        let t: Vec<String> = Vec::new();
        let navy = Appearance { card_shaped: true, top_band_rgb: [25, 45, 100] };
        let c = classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: Some(navy), hint: None }).unwrap();
        assert_eq!(c.id_type, Some(IdType::CtDriverLicense));
        let pale = Appearance { card_shaped: true, top_band_rgb: [220, 225, 230] };
        let c = classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: Some(pale), hint: None }).unwrap();
        assert_eq!((c.kind, c.id_type), (DocumentKind::PhotoId, None));
        let c = classify(&Clues {
            tokens: &t,
            mrz: None,
            barcode: None,
            appearance: Some(pale),
            hint: party_hint("my passport card"),
        })
        .unwrap();
        assert_eq!(c.id_type, Some(IdType::PassportCard));
        // A short letter's printed block, or a business card, is card-shaped too.
        for correspondence in [
            "This letter confirms that Dana Q. Whitlock is the Manager of Charter Oak and is authorized to act for the firm. Please contact our office. Sincerely",
            "Dana Q. Whitlock Owner 575 Chapel St Hartford CT 06103 (203) 908-7342 whitlock@example.com",
        ] {
            let t = tokens(correspondence);
            let c = classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: Some(pale), hint: None });
            assert_eq!(c, None, "{correspondence}");
        }
        let garbled = tokens("DRIVER LICENSF 1 WHITLOCK 2 DANA Q 08/12/1990 03/09/2029 41 FENWICK ST");
        let c = classify(&Clues { tokens: &garbled, mrz: None, barcode: None, appearance: Some(pale), hint: None });
        assert_eq!(c.map(|c| c.kind), Some(DocumentKind::PhotoId), "an ID's text read poorly");
        let not_card = Appearance { card_shaped: false, ..pale };
        assert_eq!(
            classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: Some(not_card), hint: None }),
            None
        );
    }

    /// The party's "driver's license" on a card whose title was not read: the state the
    /// card names decides in or out of state; an address in Connecticut does not.
    #[test]
    fn a_described_licence_takes_its_state_from_the_card() {
        let pale = Appearance { card_shaped: true, top_band_rgb: [220, 225, 230] };
        for (text, want) in [
            (
                "NEW JERSEY GARDEN STATE USA Ge KOWALCZYK 1031 SILAS DEANE HWY MIDDLETOWN, CT 06457",
                IdType::OutOfStateDriverLicense,
            ),
            ("T E X A S 4d DL 64976426 986 ELM ST NORWALK, CT 06851", IdType::OutOfStateDriverLicense),
            ("TE XAS 1 MC NAMARA 2 BRENDAN NEW HAVEN, CT 06511", IdType::OutOfStateDriverLicense),
            ("DRIVER LICENSE FLO RIDA AMIRA ABDEL-RAHMAN NEW BRITAIN ct 06051", IdType::OutOfStateDriverLicense),
            ("CONNECT ICUT 1 WHITLOCK 2 DANA", IdType::CtDriverLicense),
            // The state's first word lost, or only its nickname read.
            (
                "YORK STATE DRIVER LICENSE HOLLOWAY, ASHLEY 2298 MAPLE AVE NEW HAVEN, CT 06511",
                IdType::OutOfStateDriverLicense,
            ),
            ("E ISLAND Ocean State DRIVER LICENSE LN AL-RASHID BRIDGEPORT, CT 06604", IdType::OutOfStateDriverLicense),
            ("CONSTITUTION STATE DRIVER LICENSE 1 WHITLOCK 41 STATE ST HARTFORD, CT 06103", IdType::CtDriverLicense),
            // A two-word state cut up on a street's name is no issuer.
            ("1 WHITLOCK 41 NEW YORK AVE HARTFORD, CT 06103", IdType::CtDriverLicense),
            ("1 WHITLOCK 41 NEWY ORK AVE HARTFORD, CT 06103", IdType::CtDriverLicense),
            ("C O N N E C T I C U T 1 WHITLOCK 2 DANA", IdType::CtDriverLicense),
            ("1 WHITLOCK 2 DANA 41 FENWICK ST HARTFORD, CT 06103", IdType::CtDriverLicense),
            // A street named for a state names no issuer.
            ("1 WHITLOCK 2 DANA 41 VERMONT AVE HARTFORD, CT 06103", IdType::CtDriverLicense),
            // A state's name cut off at its end, beside a holder named like a state;
            // a beginning too short to tell a state is no issuer.
            ("CONNECTI DRIVER LICENSE tn WASHINGTON rv AMANDA DANBURY, CT 06810", IdType::CtDriverLicense),
            ("MASSACHU DRIVER LICENSE 1 WHITLOCK NORWALK, CT 06851", IdType::OutOfStateDriverLicense),
            ("CALIFOR 1 WHITLOCK NORWALK, CT 06851", IdType::CtDriverLicense),
        ] {
            let t = tokens(text);
            let hint = party_hint("my driver's license");
            let c = classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: Some(pale), hint }).unwrap();
            assert_eq!(c.id_type, Some(want), "{text}");
        }
    }

    /// Which readings send a card's title band to be read alone: a licence or an
    /// unknown card naming no state; not one whose state was read, nor a passport.
    #[test]
    fn an_unread_issuer_is_looked_for_on_licences_only() {
        let licence = |id_type| Classification { kind: DocumentKind::PhotoId, id_type, because: String::new() };
        let unread = tokens("DRIVER LICENSE USA 4d DL 64976426 1 MCCARTHY 2 SIOBHAN NORWALK, CT 06851");
        let named = tokens("TEXAS DRIVER LICENSE 1 MCCARTHY");
        assert!(issuer_unread(Some(&licence(Some(IdType::CtDriverLicense))), &unread));
        assert!(issuer_unread(Some(&licence(None)), &unread));
        assert!(!issuer_unread(Some(&licence(Some(IdType::OutOfStateDriverLicense))), &named));
        assert!(!issuer_unread(Some(&licence(Some(IdType::UsPassport))), &unread));
        assert!(!issuer_unread(None, &unread));
        let paper = Classification { kind: DocumentKind::NameChange, id_type: None, because: String::new() };
        assert!(!issuer_unread(Some(&paper), &unread));
    }

    /// A town's or city's ID card: its issuer in words and two fields make it an ID
    /// when its title was not read; a city's letter naming the same fields does not.
    #[test]
    fn a_municipal_id_by_its_issuer_and_fields() {
        for (text, want) in [
            (
                "City of Norwalk Tuan Q. Phm 1214 CHAPEL ST ste of Birth 08/05/1948 sed 11/30/2021 Expires 11/30/2024",
                Some(IdType::GovernmentId),
            ),
            ("City of Norwalk MUNICIPAL ID Marcus M. Sutherland 923 MAIN ST", Some(IdType::GovernmentId)),
            ("Town of Hamden Dana Whitlock Date of Birth 08/05/1948", None),
            // One field read beside the card's dates, the others' labels misread.
            (
                "City of Bridgeport Nicold R. Russo RESIDENT 991 CHAPEL ST ste of Birth 04/28/1981 ed 12/25/2025 es 12/25/2033",
                Some(IdType::GovernmentId),
            ),
            ("City of Bridgeport Nicold R. Russo 991 CHAPEL ST 04/28/1981 12/25/2025", None),
            ("Tuan Q. Phm 1214 CHAPEL ST ste of Birth 08/05/1948 Expires 11/30/2024", None),
        ] {
            let t = tokens(text);
            let c = classify(&Clues { tokens: &t, mrz: None, barcode: None, appearance: None, hint: None });
            assert_eq!(c.and_then(|c| c.id_type), want, "{text}");
        }
        let letter = tokens(
            "City of Norwalk. Dear resident, your permit expires on 11/30/2024. Please bring proof of birth date and this notice to our office.",
        );
        assert_eq!(classify(&Clues { tokens: &letter, mrz: None, barcode: None, appearance: None, hint: None }), None);
    }

    /// A second reading decides the type only where the first told little: nothing,
    /// a licence without its state, or a state ID by its labels alone that reads as a
    /// licence; it never undoes a passport or a licence already told.
    #[test]
    fn a_second_reading_settles_what_the_first_left_open() {
        let id = |id_type| {
            Some(Classification { kind: DocumentKind::PhotoId, id_type: Some(id_type), because: String::new() })
        };
        use IdType::*;
        let cases = [
            (None, id(OutOfStateDriverLicense), false, Some(OutOfStateDriverLicense)),
            (id(CtDriverLicense), id(OutOfStateDriverLicense), true, Some(OutOfStateDriverLicense)),
            (id(GovernmentId), id(OutOfStateDriverLicense), false, Some(OutOfStateDriverLicense)),
            (id(GovernmentId), id(MilitaryId), false, Some(GovernmentId)),
            (id(UsPassport), id(CtDriverLicense), false, Some(UsPassport)),
            (id(CtDriverLicense), id(GovernmentId), false, Some(CtDriverLicense)),
            (id(GovernmentId), None, true, Some(GovernmentId)),
            (None, None, false, None),
        ];
        for (first, second, unread, want) in cases {
            let got = after_reading_again(first.clone(), second.clone(), unread).and_then(|c| c.id_type);
            assert_eq!(got, want, "{first:?} then {second:?}");
        }
    }

    #[test]
    fn a_misread_card_the_party_described() {
        let t = tokens(
            "PASSp O o ARD C92661593 UNITED STATES OF AMERICA M 06 MAR 1946 CONNECTICUT. US.A, 01 DEC 2019 01 DEC 2029",
        );
        let clues = |hint| Clues { tokens: &t, mrz: None, barcode: None, appearance: None, hint };
        let c = classify(&clues(party_hint("my passport card"))).unwrap();
        assert_eq!((c.kind, c.id_type), (DocumentKind::PhotoId, Some(IdType::PassportCard)));
        assert_eq!(classify(&clues(None)), None, "without the party's word it is not known to be an ID");
        let letter =
            tokens("Dear clerk, I was born in 1970 in the United States and moved here in 2019, and you have it now.");
        let c = classify(&Clues {
            tokens: &letter,
            mrz: None,
            barcode: None,
            appearance: None,
            hint: party_hint("passport card"),
        });
        assert_eq!(c, None);
    }

    #[test]
    fn party_hints() {
        assert_eq!(
            party_hint("A scan of my Connecticut driver's license is attached."),
            Some(PartyHint::DriverLicense)
        );
        assert_eq!(party_hint("DL scan.png"), Some(PartyHint::DriverLicense));
        assert_eq!(party_hint("Please see my green card attached"), Some(PartyHint::PermanentResidentCard));
        assert_eq!(party_hint("ID CARD ATTACHED"), Some(PartyHint::IdentificationCard));
        assert_eq!(party_hint("my CT state ID is attached"), Some(PartyHint::IdentificationCard));
        assert_eq!(party_hint("Attached is a copy of my photo ID."), Some(PartyHint::AnyId));
        assert_eq!(party_hint("id attached"), Some(PartyHint::AnyId));
        assert_eq!(party_hint("here is my military ID"), Some(PartyHint::MilitaryId));
        // A login is no ID: "my ID is jdoe84", "my user ID".
        assert_eq!(party_hint("My ID is dwhitlock84"), None);
        assert_eq!(party_hint("my user id is attached below"), None);
        assert_eq!(party_hint("IMG_5241.jpg"), None);
        assert_eq!(party_hint("Citizenship certificate front.jpg"), Some(PartyHint::CitizenshipCertificate));
        assert_eq!(party_hint("my naturalization papers"), Some(PartyHint::NaturalizationCertificate));
        assert!(named_as_not_an_id("my signature.png"));
        assert!(named_as_not_an_id("esign.png"));
        assert!(!named_as_not_an_id("DL scan.png"));
        assert!(!named_as_not_an_id("IMG_4411.HEIC"));
    }
}
