//! The attached documents judged against the request: which photo IDs are legible,
//! in date and in the party's name (the name looked for in what was read off each ID
//! before any layout guess is trusted), whether a name-change paper bridges two names,
//! whether a business party sent proof of their tie to the business, and what the
//! clerk must check by eye. Pure.

use chrono::NaiveDate;

use super::resolve::Resolved;
use super::DocumentReport;
use super::{Finding, FindingCode, Prepared};
use crate::directory::{AccessRequest, Account, CaseType, Party, PartyKind};
use crate::documents::DocumentProblem;
use crate::domain::PersonName;
use crate::identity::legibility::{IllegibleReason, MIN_SHARPNESS};
use crate::identity::names::{self, NameBand, NameComparison, NameSource};
use crate::identity::DocumentKind;
use crate::identity::{DocumentEvidence, PageEvidence};

/// The documents judged, the findings they give and what the clerk must check by eye.
pub struct Judged {
    pub documents: Vec<DocumentReport>,
    pub findings: Vec<Finding>,
    pub clerk_notes: Vec<String>,
}

/// Reads what the documents show against the request: business proof recognised,
/// the expected names looked for on each ID, ID findings, each document's name-match
/// explanation, and notes for what no machine confirmed.
pub fn judge(prepared: &Prepared, r: &Resolved, request: Option<&AccessRequest>, party: Option<&Party>) -> Judged {
    let mut documents = prepared.documents.clone();
    let business = party.filter(|p| p.party_kind == PartyKind::Business).map(|p| p.party_name.clone());
    if let Some(business) = business.or_else(|| r.account.as_ref().and_then(|a| a.business_name.clone())) {
        recognise_business_proof(&mut documents, &business);
    }
    let party_name = party_name_for_id(request, party, r.account.as_ref());
    let expected_names = names_an_id_may_print(r, request, party);
    let expected: Vec<&str> = expected_names.iter().map(PersonName::as_str).collect();
    for d in documents.iter_mut() {
        recognise_id_by_expected_name(d, &expected);
        look_for_expected_name(d, &expected);
        if let Some(party) = &party_name {
            read_name_beside_surname(d, party);
        }
        picture_problem_over_the_name(d, party_name.as_ref());
        cut_off(d, party_name.as_ref());
    }
    blank_pictures_beside_a_named_id(&mut documents);
    let (findings, comparisons) = document_findings(&DocumentContext {
        documents: &documents,
        as_of: prepared.as_of,
        party_name,
        business_case: party.is_some_and(|p| p.party_kind == PartyKind::Business)
            && r.case.as_ref().is_some_and(|c| c.case_type == CaseType::SmallClaims),
    });
    for (d, c) in documents.iter_mut().zip(comparisons) {
        if let (Some(e), Some(c)) = (d.evidence.as_mut(), c) {
            e.name_match = Some(c);
        }
    }
    let clerk_notes = clerk_notes(&documents);
    Judged { documents, findings, clerk_notes }
}

/// A picture on which no word was read and no document was found (not dark,
/// which hides what it shows) was taken for the ID only because the party said they
/// sent one. Beside an ID whose name was read, the party's ID is that one: the blank
/// picture (a snapshot of a room, a pet) is another file, not an illegible ID.
fn blank_pictures_beside_a_named_id(documents: &mut [DocumentReport]) {
    let named_id =
        |d: &DocumentReport| d.kind == Some(DocumentKind::PhotoId) && d.legible == Some(true) && d.name_on_id.is_some();
    if !documents.iter().any(named_id) {
        return;
    }
    for d in documents.iter_mut().filter(|d| d.kind == Some(DocumentKind::PhotoId) && d.legible == Some(false)) {
        let Some(evidence) = d.evidence.as_deref_mut() else { continue };
        // A dark picture hides what it shows: it may be the ID, spoiled.
        let dark = evidence.illegible_reason == Some(IllegibleReason::TooDark);
        // No letter or digit read (a dash from a shadow's edge is none), no document
        // framed: a blurred ID still shows its outline.
        let no_document = |p: &PageEvidence| {
            !p.text.chars().any(char::is_alphanumeric) && p.framing.whole_picture && !p.appearance.card_shaped
        };
        let blank = !dark
            && !evidence.pages.is_empty()
            && evidence.pages.iter().all(no_document)
            && evidence.mrz.is_none()
            && evidence.barcode.is_none();
        if blank {
            // Another file is legible unless too dark or small to make out.
            if !evidence.illegible_reason.is_some_and(IllegibleReason::hides_what_it_shows) {
                (d.legible, evidence.illegible_reason) = (Some(true), None);
            }
            (d.kind, d.id_type) = (Some(DocumentKind::Other), None);
            evidence.classification = Some(crate::identity::classify::Classification {
                kind: DocumentKind::Other,
                id_type: None,
                because: "nothing read on it and no card seen, beside the ID whose name was read".into(),
            });
        }
    }
}

/// The names looked for on an ID, the party's first: the party on the access request
/// (the account holder for a business), the account holder, the name the party gave.
pub fn names_an_id_may_print(r: &Resolved, request: Option<&AccessRequest>, party: Option<&Party>) -> Vec<PersonName> {
    let party_name = party_name_for_id(request, party, r.account.as_ref());
    party_name.into_iter().chain(r.account.as_ref().map(|a| a.full_name.clone())).chain(r.name.clone()).collect()
}

/// A picture or scan whose kind was not told (its title and labels misread) but which
/// prints a name this request expects beside two or more dates, in the few words a card
/// prints and without a letter's prose, is the party's ID: the clerk is told its type
/// was not recognised. A court notice naming the party beside its dates is not.
fn recognise_id_by_expected_name(d: &mut DocumentReport, expected: &[&str]) {
    if d.kind != Some(DocumentKind::Other) || expected.is_empty() {
        return;
    }
    let Some(evidence) = d.evidence.as_deref_mut() else { return };
    let text = evidence.searchable_text();
    let tokens = crate::identity::text::tokens(&text);
    let card_sized = crate::identity::classify::prints_as_a_card(&tokens);
    let dated = crate::identity::dates::find_dates(&text).len() >= 2;
    if !card_sized || !dated || names::find_on_id(&text, expected).is_none() {
        return;
    }
    evidence.classification = Some(crate::identity::classify::Classification {
        kind: DocumentKind::PhotoId,
        id_type: None,
        because: "prints the party's name beside dates, as an ID does".into(),
    });
    let (expires, source) = crate::identity::expiry_of(evidence);
    evidence.expiry_source = source;
    evidence.illegible_reason = None;
    (d.kind, d.legible, d.expires) = (Some(DocumentKind::PhotoId), Some(true), expires);
}

/// Searches what was read off a photo ID for the names this request expects (the
/// party's first). A found name replaces a layout guess that does not match the party,
/// and a zone's or barcode's name that disagrees with it (set aside for the clerk); and
/// a name found proves the picture readable unless it was too dark to see.
fn look_for_expected_name(d: &mut DocumentReport, expected: &[&str]) {
    if d.kind != Some(DocumentKind::PhotoId) || expected.is_empty() {
        return;
    }
    let Some(evidence) = d.evidence.as_deref_mut() else { return };
    let Some(found) = names::find_on_id(&evidence.searchable_text(), expected) else { return };
    let machine_read = evidence.name_source.as_deref().is_some_and(|s| !s.starts_with("printed"));
    let source = match evidence.name_source.as_deref() {
        Some(s) if s.starts_with("machine-readable zone") => NameSource::Zone,
        _ => NameSource::Print,
    };
    // A zone's reading is compared as spelled by the expected name, so a filler read as
    // a letter after a name (`LINHK`) does not set the zone aside.
    let spelled = d.name_on_id.as_deref().map(|n| names::spelled_as_expected(n, &found.expected, source));
    let agrees = |spelled: &str| names::compare(&found.expected, spelled).band == NameBand::Match;
    // The layout's reading stands when it is the name that was found, and more of it:
    // middle names or initials, not a two-letter scrap of a label or the guilloche
    // (`CD`, `Zn`) read into the name's line; or the same words, one read whole that
    // the search's reading cut short (`CARMELA RUTH` where it read `CARMELA RUT`).
    let tokens = |n: &str| crate::domain::name_tokens(n);
    let more_of_the_name = |n: &str| {
        let (read, printed, expected) = (tokens(n), tokens(&found.printed), tokens(&found.expected));
        let scrap = |t: &String| !printed.contains(t) && !expected.contains(t) && t.chars().count() == 2;
        let whole = |t: &String| read.iter().any(|r| r.starts_with(t.as_str()));
        let fuller_words = read.len() == printed.len() && read.concat().len() > printed.concat().len();
        (read.len() > printed.len() || (fuller_words && printed.iter().all(whole))) && !read.iter().any(scrap)
    };
    let fuller = d.name_on_id.as_deref().zip(spelled.as_deref()).is_some_and(|(n, s)| agrees(s) && more_of_the_name(n));
    let relative = d.name_on_id.as_deref().is_some_and(|n| found.shows_other_given_names(n));
    if relative {
        return;
    }
    if fuller || (machine_read && spelled.as_deref().is_none_or(agrees)) {
        d.name_on_id = spelled;
        return;
    }
    if machine_read {
        // A zone or barcode disagreeing with the printed name is for the clerk to see.
        evidence.machine_name_set_aside = d.name_on_id.clone();
    }
    // Finding the name proves it readable, not the dates a dark or tiny picture hides.
    let unseen = matches!(evidence.illegible_reason, Some(IllegibleReason::TooDark | IllegibleReason::TooSmall));
    if d.legible == Some(false) && !unseen {
        d.legible = Some(true);
        evidence.illegible_reason = None;
        let (expires, source) = crate::identity::expiry_of(evidence);
        d.expires = expires;
        evidence.expiry_source = source;
    }
    if d.legible == Some(true) {
        evidence.name_source = Some(format!("found by searching the ID's text for the name {}", found.expected));
        d.name_on_id = Some(names::spelled_as_expected(&found.printed, &found.expected, NameSource::Print));
    }
}

/// An ID on which neither the expected name nor a layout gave a name, but the party's
/// surname stands beside other given names: whose ID it is, for the name check.
fn read_name_beside_surname(d: &mut DocumentReport, party: &PersonName) {
    if d.kind != Some(DocumentKind::PhotoId) || d.legible != Some(true) || d.name_on_id.is_some() {
        return;
    }
    let Some(evidence) = d.evidence.as_deref_mut() else { return };
    if let Some(other) = names::other_name_beside_surname(&evidence.searchable_text(), party.as_str()) {
        evidence.name_source = Some("printed around the party's surname, with other given names".into());
        d.name_on_id = Some(other);
    }
}

/// Glare this strong, or blur this far below what a sharp photo shows, with no part of
/// the name read anywhere on the ID means the name is lost under it: a person could
/// not read it either (large print such as the title may still read). Measured with
/// `examples/legibility.rs`: good phone photos of coloured IDs show at most 0.03 of
/// blown-out pixels, flash reflections over the name 0.05 to 0.25. Where the framing
/// runs off the picture it may hold the table or paper around the ID as well, whose
/// white is no glare: there only the higher share counts.
const GLARE_OVER_NAME: f32 = 0.05;
const GLARE_OVER_NAME_ROUGHLY_FRAMED: f32 = 0.12;
const BLUR_OVER_NAME: f32 = MIN_SHARPNESS / 2.0;

fn picture_problem_over_the_name(d: &mut DocumentReport, party: Option<&PersonName>) {
    let Some(evidence) = unnamed_legible_id(d) else { return };
    let glare = evidence.pages.iter().any(glare_over_name);
    let blur = evidence.pages.iter().any(|p| p.quality.sharpness < BLUR_OVER_NAME);
    let problem = match (glare, blur) {
        (true, _) => IllegibleReason::Glare,
        (false, true) => IllegibleReason::TooBlurry,
        (false, false) => return,
    };
    if !shows_party_name(evidence, party) {
        set_illegible(d, problem);
    }
}

/// Whether a page's glare could hide a name (`GLARE_OVER_NAME`).
fn glare_over_name(p: &PageEvidence) -> bool {
    let limit = if p.framing.runs_off_picture { GLARE_OVER_NAME_ROUGHLY_FRAMED } else { GLARE_OVER_NAME };
    p.quality.glare >= limit
}

/// The evidence of a photo ID judged legible whose name was not read.
fn unnamed_legible_id(d: &DocumentReport) -> Option<&DocumentEvidence> {
    let unnamed = d.kind == Some(DocumentKind::PhotoId) && d.legible == Some(true) && d.name_on_id.is_none();
    d.evidence.as_deref().filter(|_| unnamed)
}

fn shows_party_name(evidence: &DocumentEvidence, party: Option<&PersonName>) -> bool {
    party.is_some_and(|p| names::shows_name(&evidence.searchable_text(), p.as_str()))
}

/// An ID whose name a person could not read either: illegible, its dates unread.
fn set_illegible(d: &mut DocumentReport, reason: IllegibleReason) {
    d.legible = Some(false);
    d.expires = None;
    if let Some(evidence) = d.evidence.as_deref_mut() {
        evidence.illegible_reason = Some(reason);
    }
}

/// What a certificate of naturalization or citizenship prints above its holder's name
/// (the description block) and around and below it (the grant).
const CERTIFICATE_HEAD: &[&str] = &["personal description", "marital status", "former nationality", "date of birth"];
const CERTIFICATE_GRANT: &[&str] = &[
    "be it known",
    "found that",
    "having complied",
    "oath of allegiance",
    "admitted as a citizen",
    "has become a citizen",
    "director",
    "secretary of homeland security",
];

/// How a document is named to the clerk: its file name.
fn label(d: &DocumentReport) -> String {
    d.filename.clone().unwrap_or_else(|| "an unnamed attachment".into())
}

/// The finding for an ID whose name is not the party's: proof of the change for the
/// clerk when an attached name-change paper bridges the names, names the party's
/// former name, or could not be read for its picture (blurred or glared, showing
/// neither name: a person may read it); otherwise a mismatch the party must explain.
fn name_change_finding(party: &str, on_id: &str, why: &str, name_changes: &[&DocumentReport]) -> Finding {
    let paper_showing = |test: fn(&str, &str, &[String]) -> bool| {
        name_changes.iter().find(|d| d.evidence.as_ref().is_some_and(|e| test(party, on_id, &e.tokens())))
    };
    let unread = |d: &&&DocumentReport| {
        d.evidence.as_deref().is_some_and(|e| {
            let poor = e.pages.iter().any(|p| p.quality.sharpness < MIN_SHARPNESS || glare_over_name(p));
            let text = e.searchable_text();
            poor && !names::shows_name(&text, party) && !names::shows_name(&text, on_id)
        })
    };
    let proof = |detail: String| Finding { code: FindingCode::NameChangeProofAttached, detail };
    if let Some(doc) = paper_showing(names::bridges) {
        return proof(format!("{} shows both {party} and {on_id}", label(doc)));
    }
    if let Some(doc) = paper_showing(names::names_former_name) {
        return proof(format!(
            "{} shows {party}, but the name it changes to was not read: compare it with {on_id} by eye",
            label(doc)
        ));
    }
    if let Some(doc) = name_changes.iter().find(unread) {
        return proof(format!(
            "{} could not be read by machine (blurred or glared): compare its names with {party} and {on_id} by eye",
            label(doc)
        ));
    }
    let mut detail = format!("the ID reads {on_id}, the request names {party} ({why})");
    if !name_changes.is_empty() {
        detail.push_str("; the attached name-change document does not show both names");
    }
    Finding { code: FindingCode::IdNameMismatch, detail }
}

/// The grant's words that lead into the holder's name, and how many words may follow
/// them on the line before it (`of the United States:`).
const GRANT_BEFORE_NAME: &[&str] = &["has become a citizen", "found that"];
const WORDS_BEFORE_NAME: usize = 5;

/// A certificate whose picture ends where the holder's name begins: the text read runs
/// out within a line of the grant's lead-in words.
fn ends_before_the_name(tokens: &[String]) -> bool {
    GRANT_BEFORE_NAME.iter().any(|phrase| {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let last =
            (0..tokens.len()).rev().find(|&i| crate::identity::text::find_phrase(&tokens[i..], &words) == Some(0));
        last.is_some_and(|i| tokens.len() - (i + words.len()) <= WORDS_BEFORE_NAME)
    })
}

/// An ID with no part of the name read whose name lies outside the picture, by either
/// sign below: a person could not read the name either.
fn cut_off(d: &mut DocumentReport, party: Option<&PersonName>) {
    let id_type = d.id_type;
    let Some(evidence) = unnamed_legible_id(d) else { return };
    let cut = certificate_cut_short(id_type, evidence) || runs_off_as_a_strip(evidence);
    if cut && !shows_party_name(evidence, party) {
        set_illegible(d, IllegibleReason::CutOff);
    }
}

/// A certificate whose lower part is outside the picture: a photo (not a scan of the
/// whole sheet) showing its description block but no word of the grant around the
/// holder's name, or any picture whose text ends at the grant's words that lead into
/// the name.
fn certificate_cut_short(id_type: Option<crate::identity::IdType>, evidence: &DocumentEvidence) -> bool {
    use crate::identity::text::has_phrase;
    use crate::identity::IdType;
    if !matches!(id_type, Some(IdType::NaturalizationCertificate | IdType::CitizenshipCertificate)) {
        return false;
    }
    let tokens = crate::identity::text::tokens(&evidence.searchable_text());
    let photographed = !evidence.pages.is_empty() && evidence.pages.iter().all(|p| !p.framing.whole_picture);
    let head = CERTIFICATE_HEAD.iter().any(|p| has_phrase(&tokens, p));
    let grant = CERTIFICATE_GRANT.iter().any(|p| has_phrase(&tokens, p));
    (photographed && head && !grant) || ends_before_the_name(&tokens)
}

/// A document photographed with most of it outside the picture: on every page its
/// outline or print meets the picture's edge, and what shows is a strip, far longer
/// than any ID is wide or tall.
fn runs_off_as_a_strip(evidence: &DocumentEvidence) -> bool {
    const STRIP: f32 = 2.2;
    let strip = |f: &crate::identity::framing::Framing| f.aspect() >= STRIP || f.aspect() <= 1.0 / STRIP;
    !evidence.pages.is_empty() && evidence.pages.iter().all(|p| p.framing.runs_off_picture && strip(&p.framing))
}

/// An expiry read from a label, a zone or a barcode. One guessed as the latest date
/// printed proves nothing when it is past: the real expiry may be the date OCR missed.
fn firm_expiry(d: &DocumentReport) -> Option<NaiveDate> {
    let guessed =
        d.evidence.as_ref().and_then(|e| e.expiry_source.as_deref()).is_some_and(|s| s.contains("latest printed date"));
    d.expires.filter(|_| !guessed)
}

/// What the clerk must check by eye because no machine confirmed it, first on the desk.
fn clerk_notes(documents: &[DocumentReport]) -> Vec<String> {
    let mut notes = Vec::new();
    for d in documents.iter().filter(|d| d.kind == Some(DocumentKind::PhotoId) && d.legible == Some(true)) {
        if d.name_on_id.is_none() {
            notes.push(format!(
                "name on the ID in {} not confirmed automatically: compare it with the party's name by eye",
                label(d)
            ));
        }
        let lasting = matches!(
            d.id_type,
            Some(crate::identity::IdType::NaturalizationCertificate | crate::identity::IdType::CitizenshipCertificate)
        );
        if d.expires.is_none() && !lasting {
            notes.push(format!("expiry date on the ID in {} not read: check that it has not expired", label(d)));
        } else if d.expires.is_some() && firm_expiry(d).is_none() && !lasting {
            notes.push(format!("expiry date on the ID in {} read only as the latest date printed: check it", label(d)));
        }
        if let (Some(machine), Some(printed)) =
            (d.evidence.as_ref().and_then(|e| e.machine_name_set_aside.as_ref()), d.name_on_id.as_ref())
        {
            notes.push(format!(
                "the machine-readable part of the ID in {} reads “{machine}” but its printed name reads “{printed}”: compare by eye",
                label(d)
            ));
        }
        if d.id_type.is_none() {
            notes.push(format!("type of ID in {} not recognised: check that it is one the court accepts", label(d)));
        }
    }
    notes
}

/// The name the photo ID must carry: the party on the request, or for a business party
/// the account holder.
fn party_name_for_id(
    request: Option<&AccessRequest>,
    party: Option<&Party>,
    account: Option<&Account>,
) -> Option<PersonName> {
    // The court's rule: the party on the access request; without one there is no
    // name the ID must carry.
    let request = request?;
    let business = party.is_some_and(|p| p.party_kind == PartyKind::Business)
        || account
            .and_then(|a| a.business_name.as_deref())
            .is_some_and(|b| b.eq_ignore_ascii_case(&request.party_name));
    if business {
        account.map(|a| a.full_name.clone())
    } else {
        PersonName::parse(&request.party_name).ok()
    }
}

/// Letterhead, a business card or mail that names the business shows the sender's tie
/// to it even without a Secretary of the State heading. Every word of the business's
/// name read on it proves it readable, whatever its picture's quality figures say.
/// A paper that reads well and names none of the business's words (a court notice
/// naming another case's LLC) shows no tie to this business.
fn recognise_business_proof(documents: &mut [DocumentReport], business: &str) {
    const ENTITY: &[&str] = &["llc", "inc", "co", "corp", "ltd", "pc", "llp", "lp", "company", "the"];
    let wanted: Vec<String> = crate::domain::name_tokens(business)
        .into_iter()
        .filter(|t| t.len() > 1 && !ENTITY.contains(&t.as_str()))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let papers =
        documents.iter_mut().filter(|d| matches!(d.kind, Some(DocumentKind::Other | DocumentKind::BusinessProof)));
    for doc in papers {
        let Some(evidence) = doc.evidence.as_mut() else { continue };
        let text = crate::domain::name_tokens(&evidence.text());
        match doc.kind {
            Some(DocumentKind::Other) if wanted.iter().all(|w| text.contains(w)) => {
                doc.kind = Some(DocumentKind::BusinessProof);
                doc.legible = Some(true);
                evidence.illegible_reason = None;
            }
            Some(DocumentKind::BusinessProof)
                if reads_in_full(evidence) && !wanted.iter().any(|w| text.contains(w)) =>
            {
                doc.kind = Some(DocumentKind::Other);
            }
            _ => {}
        }
    }
}

/// Enough words read with confidence that a business's name printed on the paper
/// would have been read too.
fn reads_in_full(e: &DocumentEvidence) -> bool {
    e.pages.iter().map(|p| p.confident_words).sum::<usize>() >= 25
}

struct DocumentContext<'a> {
    documents: &'a [DocumentReport],
    as_of: NaiveDate,
    party_name: Option<PersonName>,
    business_case: bool,
}

/// Findings about the attached files, and for each file the name-match explanation
/// the clerk sees. A document not yet read (kind unknown) leaves the ID findings
/// undecided rather than guessing.
fn document_findings(ctx: &DocumentContext<'_>) -> (Vec<Finding>, Vec<Option<NameComparison>>) {
    let mut out = Vec::new();
    let mut comparisons = vec![None; ctx.documents.len()];
    for d in ctx.documents {
        match &d.problem {
            Some(DocumentProblem::Oversized { bytes, limit }) => out.push(Finding {
                code: FindingCode::OversizedAttachment,
                detail: format!("{} is {} MB, over the {} MB limit", label(d), bytes / 1_000_000, limit / 1_000_000),
            }),
            Some(DocumentProblem::Unsupported(why)) => {
                out.push(Finding { code: FindingCode::UnsupportedAttachment, detail: format!("{}: {why}", label(d)) })
            }
            None => {}
        }
    }
    let unread = ctx.documents.iter().any(|d| d.is_usable() && d.kind.is_none());
    if unread {
        return (out, comparisons);
    }
    let of_kind = |k: DocumentKind| ctx.documents.iter().filter(move |d| d.kind == Some(k));
    let photo_ids: Vec<&DocumentReport> = of_kind(DocumentKind::PhotoId).collect();
    let name_changes: Vec<&DocumentReport> = of_kind(DocumentKind::NameChange).collect();
    if photo_ids.is_empty() {
        out.push(Finding { code: FindingCode::MissingPhotoId, detail: String::new() });
    } else {
        let legible: Vec<&DocumentReport> = photo_ids.iter().copied().filter(|d| d.legible == Some(true)).collect();
        if legible.is_empty() {
            let reasons: Vec<String> = photo_ids
                .iter()
                .filter_map(|d| Some(format!("{}: {}", label(d), d.evidence.as_ref()?.illegible_reason?.for_party())))
                .collect();
            out.push(Finding { code: FindingCode::IllegiblePhotoId, detail: reasons.join("; ") });
        } else {
            if legible.iter().all(|d| firm_expiry(d).is_some_and(|e| e < ctx.as_of)) {
                let dates: Vec<String> =
                    legible.iter().filter_map(|d| d.expires).map(|e| e.format("%Y-%m-%d").to_string()).collect();
                out.push(Finding {
                    code: FindingCode::IdExpired,
                    detail: format!("expired {} (message dated {})", dates.join(", "), ctx.as_of.format("%Y-%m-%d")),
                });
            }
            if let Some(party) = &ctx.party_name {
                // Compare every legible ID; the best band decides.
                let mut best: Option<(NameBand, &str, String)> = None;
                for (i, d) in ctx.documents.iter().enumerate() {
                    let Some(on_id) = d
                        .name_on_id
                        .as_deref()
                        .filter(|_| d.kind == Some(DocumentKind::PhotoId) && d.legible == Some(true))
                    else {
                        continue;
                    };
                    let c = names::compare(party.as_str(), on_id);
                    if best.as_ref().is_none_or(|(b, _, _)| rank(c.band) < rank(*b)) {
                        best = Some((c.band, on_id, c.explanation.clone()));
                    }
                    comparisons[i] = Some(c);
                }
                match best {
                    // A clerk reviews every request; a doubtful match is shown on the
                    // document, not turned into a request to the party.
                    Some((NameBand::Match | NameBand::ClerkMustLook, _, _)) => {}
                    Some((NameBand::Mismatch, on_id, why)) => {
                        out.push(name_change_finding(party.as_str(), on_id, &why, &name_changes));
                    }
                    None => {}
                }
            }
        }
    }
    if ctx.business_case && of_kind(DocumentKind::BusinessProof).next().is_none() {
        out.push(Finding { code: FindingCode::BusinessProofMissing, detail: String::new() });
    }
    (out, comparisons)
}

fn rank(band: NameBand) -> u8 {
    match band {
        NameBand::Match => 0,
        NameBand::ClerkMustLook => 1,
        NameBand::Mismatch => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::IdType;

    fn doc(kind: DocumentKind, name: Option<&str>, expires: Option<(i32, u32, u32)>, legible: bool) -> DocumentReport {
        DocumentReport {
            filename: Some(format!("{kind:?}.png")),
            declared_type: "image/png".into(),
            format: Some(crate::documents::FileFormat::Png),
            bytes: 1000,
            problem: None,
            kind: Some(kind),
            id_type: (kind == DocumentKind::PhotoId).then_some(IdType::CtDriverLicense),
            name_on_id: name.map(str::to_string),
            expires: expires.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            legible: Some(legible),
            evidence: Some(Box::default()),
        }
    }

    fn with_text(mut d: DocumentReport, text: &str) -> DocumentReport {
        let mut e = DocumentEvidence::default();
        e.pages.push(crate::identity::PageEvidence::with_text(text));
        d.evidence = Some(Box::new(e));
        d
    }

    fn codes(documents: &[DocumentReport], party: &str) -> Vec<FindingCode> {
        let ctx = DocumentContext {
            documents,
            as_of: NaiveDate::from_ymd_opt(2026, 10, 13).unwrap(),
            party_name: PersonName::parse(party).ok(),
            business_case: false,
        };
        document_findings(&ctx).0.into_iter().map(|f| f.code).collect()
    }

    const ID: DocumentKind = DocumentKind::PhotoId;

    #[test]
    fn matching_id_in_date_has_no_findings() {
        assert_eq!(
            codes(&[doc(ID, Some("DANA RUTH WHITLOCK"), Some((2030, 5, 10)), true)], "WHITLOCK, DANA R."),
            vec![]
        );
        // OCR look-alikes still match.
        assert_eq!(
            codes(&[doc(ID, Some("DANA RUTH WH1TL0CK"), Some((2030, 5, 10)), true)], "WHITLOCK, DANA R."),
            vec![]
        );
    }

    /// A paper naming the party's business is its proof; a well-read paper naming none of
    /// its words is not, whatever LLC it names.
    #[test]
    fn business_proof_names_the_business() {
        let notice = "STATE OF CONNECTICUT SUPERIOR COURT NOTICE OF HEARING Case: LINDGREN v. ELM STREET \
            PROPERTIES LLC You are hereby notified that the above case is scheduled for a hearing on July 17 \
            at 9:30 a.m. at 95 Washington Street Hartford Connecticut contact a court clerk";
        let table: &[(DocumentKind, &str, usize, DocumentKind)] = &[
            (DocumentKind::Other, "Raman & Sons Catering Rahul Raman Owner", 3, DocumentKind::BusinessProof),
            (DocumentKind::Other, "Rahul Raman 12 Main St", 3, DocumentKind::Other),
            (DocumentKind::BusinessProof, notice, 40, DocumentKind::Other),
            // Read too little to tell: the paper's title decides.
            (DocumentKind::BusinessProof, "Business Records Search ELM ST LLC", 5, DocumentKind::BusinessProof),
            (DocumentKind::BusinessProof, "RAMAN SONS CATERING LLC annual report", 40, DocumentKind::BusinessProof),
        ];
        for (kind, text, confident, want) in table {
            let mut d = with_text(doc(*kind, None, None, false), text);
            if let Some(e) = d.evidence.as_mut() {
                e.pages[0].confident_words = *confident;
            }
            let mut docs = [d];
            recognise_business_proof(&mut docs, "RAMAN & SONS CATERING");
            assert_eq!(docs[0].kind, Some(*want), "{text}");
        }
    }

    #[test]
    fn a_blank_picture_beside_a_named_id_is_another_file() {
        let named = || doc(ID, Some("DANA RUTH WHITLOCK"), Some((2030, 5, 10)), true);
        let blank = || with_text(doc(ID, None, None, false), "");
        let title_only = || with_text(doc(ID, None, None, false), "DRIVER LICENSE");
        // A shadow's edge read as a dash is no word.
        let dash = || with_text(doc(ID, None, None, false), "\n—\n");
        let dark = || {
            let mut d = blank();
            d.evidence.as_mut().unwrap().illegible_reason = Some(IllegibleReason::TooDark);
            d
        };
        let blurred = || {
            let mut d = blank();
            d.evidence.as_mut().unwrap().illegible_reason = Some(IllegibleReason::TooBlurry);
            d
        };
        let framed_blur = || {
            let mut d = blurred();
            d.evidence.as_mut().unwrap().pages[0].framing.whole_picture = false;
            d
        };
        // (documents, the second one's kind, and whether it is legible)
        let table: Vec<(Vec<DocumentReport>, DocumentKind, bool)> = vec![
            // Another file, plain to see (a room, a signature): legible.
            (vec![named(), blank()], DocumentKind::Other, true),
            // Its sharpness is measured on print: a smooth room photo "blurred" is no less seen.
            (vec![named(), blurred()], DocumentKind::Other, true),
            (vec![named(), dash()], DocumentKind::Other, true),
            // A blurred ID, nothing read on it, its outline framed.
            (vec![named(), framed_blur()], ID, false),
            // Alone, it is the ID the party sent, too poor to read.
            (vec![blank(), blank()], ID, false),
            // Something was read on it: a poor picture of an ID.
            (vec![named(), title_only()], ID, false),
            // Too dark to see what it shows: it may be the ID, spoiled.
            (vec![named(), dark()], ID, false),
        ];
        for (mut docs, want, legible) in table {
            blank_pictures_beside_a_named_id(&mut docs);
            assert_eq!((docs[1].kind, docs[1].legible), (Some(want), Some(legible)));
        }
    }

    #[test]
    fn a_document_running_off_the_picture_without_its_name_is_illegible() {
        let party = PersonName::parse("NOWAK, WOJCIECH").unwrap();
        let dates = "3 DOB 05/15/1997\t4b EXP 10/15/2028\nNEW LONDON, CT 06320";
        let photographed = |text: &str, runs_off: bool| {
            let mut d = with_text(doc(ID, None, Some((2028, 10, 15)), true), text);
            let page = &mut d.evidence.as_mut().unwrap().pages[0];
            (page.framing.whole_picture, page.framing.runs_off_picture) = (false, runs_off);
            (page.framing.width, page.framing.height) = (1300.0, 500.0);
            d
        };
        let table = [
            (photographed(dates, true), false),
            // The whole document in the picture: the clerk reads the name.
            (photographed(dates, false), true),
            // A whole card's proportions: the edge may cut a corner, not the name.
            {
                let mut d = photographed(dates, true);
                d.evidence.as_mut().unwrap().pages[0].framing.height = 820.0;
                (d, true)
            },
            // Part of the name read: the picture shows it.
            (photographed(&format!("NOWAK\n{dates}"), true), true),
        ];
        for (mut d, legible) in table {
            cut_off(&mut d, Some(&party));
            assert_eq!(d.legible, Some(legible));
        }
    }

    /// A zone whose filler after the given name was read as a letter (`LINHK`) agrees
    /// with the name printed on the ID: its reading stands, spelled as expected; a zone
    /// naming someone else is set aside for the clerk.
    #[test]
    fn a_zone_with_a_filler_read_as_a_letter_still_names_the_party() {
        let table = [("LINHK BUI", Some("LINH BUI"), None), ("MAIK BUI", Some("BÙI LINH"), Some("MAIK BUI"))];
        for (zone, want, set_aside) in table {
            let mut d = with_text(doc(ID, Some(zone), Some((2030, 5, 10)), true), "PASSPORT\nBÙI\nLINH\n");
            if let Some(e) = d.evidence.as_mut() {
                e.name_source = Some("machine-readable zone".into());
            }
            look_for_expected_name(&mut d, &["BÙI, LINH"]);
            assert_eq!(d.name_on_id.as_deref(), want, "{zone}");
            let e = d.evidence.as_ref().unwrap();
            assert_eq!(e.machine_name_set_aside.as_deref(), set_aside, "{zone}");
        }
    }

    #[test]
    fn other_name_without_proof_is_a_mismatch() {
        let docs = [doc(ID, Some("AMANDA JO LINDQVIST"), Some((2031, 10, 1)), true)];
        assert_eq!(codes(&docs, "PIERCE, AMANDA J."), vec![FindingCode::IdNameMismatch]);
    }

    #[test]
    fn a_picture_printing_the_party_name_beside_dates_is_their_id() {
        let expected = ["LEE, KEVIN R.", "Kevin Lee"];
        let table = [
            ("CONNECTICUT\tRigeiiscte\nLEE\nKEVIN RAY\n661 ELM ST\n2 12/21/1986\texe 02/23/2029", true),
            // The height label `HGT` read as `net`, which is no web address here.
            ("NEW JERSEY\tppp\nLEE\nKEVIN RAY\npos: 10-27-1990\texp: 07-08-2030\nex:F\tnet: S01\"\teves BLK", true),
            ("Kevin Lee\nkevinlee.net\nwww kevinlee net\n10-27-1990 07-08-2030", false),
            ("E————\nCONNECTICUT\tRigeiiscte\nLEE\nKEVIN RAY\n661 ELM ST\nBRIDGEPORT, CT 06604\n2 12/21/1986\ta»\texe 02/23/2029\nss 02/23/2023\tass D\nex M__ 16xcT 6'-00\"\tigeves BLK\nKevin Lee\t*™\"\"\tee\n4\n|\tCONNECTICUT — THIS CARD IS THE PROPERTY OF THE STATE\nORGAN DONOR: Y\tVETERAN N", true),
            // The name without dates (a signature image), or dates about someone else.
            ("Kevin Ray Lee", false),
            ("MARY SMITH\n12/21/1986 02/23/2029", false),
            // A court notice naming the party beside its dates.
            ("NOTICE OF HEARING\nNotice date: 02/23/2020\nKEVIN LEE\nYou are hereby notified that the above case \
              is scheduled for a hearing on 07/17/2021. If you need an accommodation, contact the clerk and \
              your attorney will be told.", false),
        ];
        for (text, is_id) in table {
            // A picture, or a scanner app's PDF holding one.
            for format in [crate::documents::FileFormat::Png, crate::documents::FileFormat::Pdf] {
                let mut d = with_text(doc(DocumentKind::Other, None, None, false), text);
                d.format = Some(format);
                recognise_id_by_expected_name(&mut d, &expected);
                assert_eq!(d.kind == Some(ID), is_id, "{format:?} {text:?}");
                assert_eq!(d.legible, Some(is_id), "{format:?} {text:?}");
            }
        }
        assert_eq!(
            clerk_notes(&[{
                let mut d = with_text(doc(DocumentKind::Other, None, None, false), table[0].0);
                recognise_id_by_expected_name(&mut d, &expected);
                d.id_type = None;
                d
            }])
            .iter()
            .filter(|n| n.contains("type of ID"))
            .count(),
            1
        );
    }

    #[test]
    fn glare_or_heavy_blur_with_no_part_of_the_name_read_is_illegible() {
        let party = PersonName::parse("NOWAK, WOJCIECH").unwrap();
        let title_only = "DRIVER LICENSE\nUSA\nExP 01/29/2029\ncLass C";
        let table = [
            // (text, sharpness, glare, legible after)
            (title_only, 0.57, 0.0, false),
            (title_only, 5.0, 0.30, false),
            (title_only, 5.0, 0.07, false),
            (title_only, 5.0, 0.0, true),
            // A good photo's few blown-out pixels hide nothing.
            (title_only, 5.0, 0.03, true),
            // Blurred, but the surname reads: the clerk compares by eye.
            ("DRIVER LICENSE\nNOWAK\nExP 01/29/2029", 0.57, 0.0, true),
            // Soft, not lost: only a blur far below a sharp photo's hides the name.
            (title_only, 1.2, 0.0, true),
        ];
        for (text, sharpness, glare, legible) in table {
            let mut d = with_text(doc(ID, None, Some((2029, 1, 29)), true), text);
            let page = &mut d.evidence.as_mut().unwrap().pages[0];
            (page.quality.sharpness, page.quality.glare) = (sharpness, glare);
            picture_problem_over_the_name(&mut d, Some(&party));
            assert_eq!(d.legible, Some(legible), "{text:?} sharpness {sharpness} glare {glare}");
        }
        let mut roughly_framed = with_text(doc(ID, None, Some((2029, 1, 29)), true), title_only);
        let page = &mut roughly_framed.evidence.as_mut().unwrap().pages[0];
        (page.quality.sharpness, page.quality.glare, page.framing.runs_off_picture) = (5.0, 0.10, true);
        picture_problem_over_the_name(&mut roughly_framed, Some(&party));
        assert_eq!(roughly_framed.legible, Some(true), "white around an ID framed past the picture's edge is no glare");
    }

    #[test]
    fn a_certificate_photographed_without_its_lower_half_is_illegible() {
        const HEAD: &str =
            "USCIS Registration No. A686764443\nTHE UNITED STATES OF AMERICA\nCertificate of Citizenship\n\
            Personal description of holder as of date of issuance of this certificate:\nDate of birth: March 25, 1967\n\
            Marital status: Married\nCountry of former nationality: Mexico";
        let party = PersonName::parse("MORALES, ANA").unwrap();
        let table = [
            // Photographed, the sheet cut below its description block.
            (HEAD.to_string(), false, Some(false)),
            // A scan of the whole sheet: the name was only not read, the clerk reads it.
            (HEAD.to_string(), true, Some(true)),
            // The grant around the name was in the picture, or the surname was read.
            (format!("{HEAD}\nBe it known that, pursuant to an application"), false, Some(true)),
            (format!("{HEAD}\nANA L MORALES"), false, Some(true)),
            // A scan whose text ends at the grant's words before the name: cut short.
            (
                format!(
                    "{HEAD}\nBe it known that, pursuant to an application filed with the Secretary of \
                Homeland Security, the Secretary having found that the person named below has become a citizen \
                of the United\nStates:"
                ),
                true,
                Some(false),
            ),
            // The grant goes on past the name (not read): for the clerk.
            (
                format!(
                    "{HEAD}\nBe it known that the Secretary having found that the person named below has become \
                a citizen of the United States:\n~~ ..\nhaving complied in all respects with all of the applicable \
                provisions of the naturalization laws"
                ),
                true,
                Some(true),
            ),
        ];
        for (text, whole_picture, legible) in table {
            let mut d = with_text(doc(ID, None, None, true), &text);
            d.id_type = Some(IdType::CitizenshipCertificate);
            d.evidence.as_mut().unwrap().pages[0].framing.whole_picture = whole_picture;
            cut_off(&mut d, Some(&party));
            assert_eq!(d.legible, legible, "{text:?} whole picture {whole_picture}");
        }
    }

    #[test]
    fn a_certificate_bridging_both_names_is_name_change_proof() {
        let cert = with_text(
            doc(DocumentKind::NameChange, None, None, true),
            "CERTIFICATE OF MARRIAGE\nPARTY A CURRENT LEGAL NAME\nAMANDA JO PIERCE\nSURNAME AFTER MARRIAGE\nLINDQVIST",
        );
        let docs = [doc(ID, Some("AMANDA JO LINDQVIST"), Some((2031, 10, 1)), true), cert];
        assert_eq!(codes(&docs, "PIERCE, AMANDA J."), vec![FindingCode::NameChangeProofAttached]);
    }

    #[test]
    fn a_decree_naming_the_former_name_whose_new_name_was_not_read_goes_to_the_clerk() {
        let decree = with_text(
            doc(DocumentKind::NameChange, None, None, true),
            "petitioner is a resident of this district, that the petition granted.\nThat the name of FOX is changed\n\
             Attest: a true copy of the decree on file. Clerk of the Probate Court.",
        );
        let docs = [doc(ID, Some("GREGORY JOSEPH LINDQVIST"), Some((2031, 10, 1)), true), decree];
        assert_eq!(codes(&docs, "FOX, GREGORY J."), vec![FindingCode::NameChangeProofAttached]);
    }

    #[test]
    fn a_certificate_about_other_people_bridges_nothing() {
        // (sharpness, names in the text, finding): a sharp paper about other people is
        // no proof; a blurred one whose names were not read is for the clerk's eyes,
        // unless what it shows is another person's name.
        let table = [
            (5.0, "CERTIFICATE OF MARRIAGE MARY SMITH JOHN DOE", FindingCode::IdNameMismatch),
            (0.7, "CERTIFICATE OF MARRIAGE Date of Marriage: April 16, 2018", FindingCode::NameChangeProofAttached),
            (0.7, "CERTIFICATE OF MARRIAGE MARY SMITH AMANDA LINDQVIST", FindingCode::IdNameMismatch),
        ];
        for (sharpness, text, finding) in table {
            let mut cert = with_text(doc(DocumentKind::NameChange, None, None, true), text);
            cert.evidence.as_mut().unwrap().pages[0].quality.sharpness = sharpness;
            let docs = [doc(ID, Some("AMANDA JO LINDQVIST"), Some((2031, 10, 1)), true), cert];
            assert_eq!(codes(&docs, "PIERCE, AMANDA J."), vec![finding], "{text} sharpness {sharpness}");
        }
    }

    #[test]
    fn a_near_name_goes_to_the_clerk_not_the_party() {
        let docs = [doc(ID, Some("JOHN PRUITT"), Some((2030, 5, 10)), true)];
        assert_eq!(codes(&docs, "PRUITT, JON"), vec![]);
        let ctx = DocumentContext {
            documents: &docs,
            as_of: NaiveDate::from_ymd_opt(2026, 10, 13).unwrap(),
            party_name: PersonName::parse("PRUITT, JON").ok(),
            business_case: false,
        };
        assert_eq!(document_findings(&ctx).1[0].as_ref().map(|c| c.band), Some(NameBand::ClerkMustLook));
    }

    #[test]
    fn expiry_against_the_message_date() {
        let expired = doc(ID, Some("ZOE CATHERINE O'BRIEN"), Some((2026, 8, 8)), true);
        assert_eq!(codes(std::slice::from_ref(&expired), "O'BRIEN, ZOË C."), vec![FindingCode::IdExpired]);
        // Another legible ID still in date is enough.
        let passport = doc(ID, Some("ZOE O'BRIEN"), Some((2030, 1, 1)), true);
        assert_eq!(codes(&[expired, passport], "O'BRIEN, ZOË C."), vec![]);
        // An ID without an expiry (a naturalization certificate) never expires.
        assert_eq!(codes(&[doc(ID, Some("ZOE O'BRIEN"), None, true)], "O'BRIEN, ZOË C."), vec![]);
    }

    #[test]
    fn illegible_ids_and_missing_ids() {
        assert_eq!(codes(&[doc(ID, None, None, false)], "SZABO, BRENDA"), vec![FindingCode::IllegiblePhotoId]);
        assert_eq!(
            codes(&[doc(DocumentKind::Other, None, None, true)], "SZABO, BRENDA"),
            vec![FindingCode::MissingPhotoId]
        );
        // A document not yet read decides nothing.
        let mut unread = doc(ID, None, None, false);
        unread.kind = None;
        assert_eq!(codes(&[unread], "SZABO, BRENDA"), vec![]);
    }
}
