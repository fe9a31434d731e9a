//! Does the name on the ID belong to the party on the access request?
//!
//! The court's rule: ignoring case, accents, punctuation, order, middle names or
//! initials and suffixes (Jr., III), one name's tokens are all in the other's, with at
//! least two tokens agreeing. On top of it accessd forgives what OCR gets wrong
//! (look-alike letters such as `0`/`O`, `rn`/`m`) and joins compound surnames written
//! with or without a hyphen. Anything close but not certain goes to a clerk.

use serde::Serialize;

use super::text::{self, ocr_distance};

/// Generational suffixes and honorifics a name may carry or drop.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "esq", "mr", "mrs", "ms", "dr"];

/// The three answers a clerk would give.
/// Ordered from the best answer to the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameBand {
    /// Same person's name, allowing for OCR look-alikes.
    Match,
    /// Close, but a person should compare (one real letter differs, or too few
    /// tokens to apply the court's two-token rule).
    ClerkMustLook,
    /// A different name.
    Mismatch,
}

/// The band and why, for the clerk's desk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameComparison {
    pub band: NameBand,
    pub explanation: String,
}

/// How one token of the shorter name was found in the longer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grade {
    Exact,
    /// Differs only by OCR look-alikes.
    LookAlike,
    /// One ordinary letter differs (two in long names).
    Near,
    Missing,
}

#[derive(Debug, Clone)]
struct NameTokens {
    significant: Vec<String>,
    initials: Vec<char>,
}

fn name_tokens(name: &str) -> NameTokens {
    let all: Vec<String> = text::tokens(name).into_iter().filter(|t| !SUFFIXES.contains(&t.as_str())).collect();
    NameTokens {
        initials: all.iter().filter(|t| t.len() == 1).filter_map(|t| t.chars().next()).collect(),
        significant: all.into_iter().filter(|t| t.len() > 1).collect(),
    }
}

fn grade(a: &str, b: &str) -> Grade {
    if a == b {
        return Grade::Exact;
    }
    let len = a.chars().count().max(b.chars().count());
    let d = ocr_distance(a, b);
    let look_alike_budget = match len {
        0..=3 => 0.25,
        4..=5 => 0.5,
        _ => 0.75,
    };
    if d <= look_alike_budget {
        Grade::LookAlike
    } else if (len >= 3 && d <= 1.0)
        || (len >= 4 && d <= 1.0 + look_alike_budget / 2.0)
        || (len >= 8 && d <= 2.0)
        || (len >= 2 && d <= 1.0 && a.len() == b.len())
    {
        // A short name (`VU`, `HO` read `HOX`) with one letter misread or added, and
        // perhaps a look-alike beside it (`KXLU` for `XIU`), is for a clerk to
        // compare, not a different person.
        Grade::Near
    } else {
        Grade::Missing
    }
}

/// A surname's particle against a longer word (`la` of DE LA CRUZ and `lam`): another
/// word, not the particle misread.
fn particle_grown(a: &str, b: &str) -> bool {
    const PARTICLES: &[&str] =
        &["de", "del", "la", "le", "da", "di", "du", "van", "von", "der", "den", "dos", "das", "al", "el"];
    a.len() != b.len() && (PARTICLES.contains(&a) || PARTICLES.contains(&b))
}

/// Finds each token of `small` among `large`, each partner used once. Compound
/// surnames match across spellings: `raman` + `okafor` against `ramanokafor`, and
/// the other way round.
/// `id_is_small` says which side is the ID's, whose words may be read cut short.
fn align(small: &[String], large: &[String], id_is_small: bool) -> Vec<(String, Grade, String)> {
    let mut used = vec![false; large.len()];
    let mut result: Vec<Option<(Grade, String)>> = vec![None; small.len()];
    // Best pairs first, so an exact match is never stolen by a near one.
    let mut pairs: Vec<(Grade, usize, usize)> = Vec::new();
    for (i, s) in small.iter().enumerate() {
        for (j, l) in large.iter().enumerate() {
            let g = if cut_short_as_aligned(s, l, id_is_small) { Grade::Near } else { grade(s, l) };
            if g != Grade::Missing && !(g == Grade::Near && particle_grown(s, l)) {
                pairs.push((g, i, j));
            }
        }
    }
    pairs.sort();
    for (g, i, j) in pairs {
        if result[i].is_none() && !used[j] {
            result[i] = Some((g, large[j].clone()));
            used[j] = true;
        }
    }
    // A small token against two or three adjacent unused large tokens run together
    // (`delacruz` against `de la cruz`).
    for (i, s) in small.iter().enumerate() {
        if result[i].is_some() {
            continue;
        }
        let mut best: Option<(Grade, usize, usize)> = None;
        for span in 2..=3 {
            for j in 0..(large.len() + 1).saturating_sub(span) {
                if used[j..j + span].iter().any(|u| *u) {
                    continue;
                }
                let g = grade(s, &large[j..j + span].concat());
                if g != Grade::Missing && best.is_none_or(|(b, _, _)| g < b) {
                    best = Some((g, j, span));
                }
            }
        }
        if let Some((g, j, span)) = best {
            result[i] = Some((g, large[j..j + span].join(" ")));
            used[j..j + span].iter_mut().for_each(|u| *u = true);
        }
    }
    // Two adjacent small tokens against one unused large token.
    for i in 0..small.len().saturating_sub(1) {
        if result[i].is_some() || result[i + 1].is_some() {
            continue;
        }
        let joined = format!("{}{}", small[i], small[i + 1]);
        if let Some(j) = (0..large.len()).find(|&j| !used[j] && grade(&joined, &large[j]) != Grade::Missing) {
            let g = grade(&joined, &large[j]);
            result[i] = Some((g, large[j].clone()));
            result[i + 1] = Some((g, large[j].clone()));
            used[j] = true;
        }
    }
    small
        .iter()
        .zip(result)
        .map(|(s, r)| match r {
            Some((g, partner)) => (s.clone(), g, partner),
            None => (s.clone(), Grade::Missing, String::new()),
        })
        .collect()
}

/// The ID's word the start of the party's, four letters at least (`KATARZ` of
/// `KATARZYNA`): OCR stopped at the picture's edge, a column or a smudge. Worth a
/// clerk's look, not another person's name.
fn cut_short(on_id: &str, party: &str) -> bool {
    on_id.len() >= 4 && on_id.len() < party.len() && party.starts_with(on_id)
}

/// `cut_short` for a `small` and `large` word as `align` pairs them.
fn cut_short_as_aligned(small: &str, large: &str, id_is_small: bool) -> bool {
    if id_is_small {
        cut_short(small, large)
    } else {
        cut_short(large, small)
    }
}

/// A given name of two words printed as one (`LIJIA`, `SEOYEON`) where the party wrote
/// the first word and the second's initial (`Li J.`): the party's word is the ID's, its
/// initial spent.
fn run_together_with_initial(words: &[String], initials: &[char], other: &[String]) -> (Vec<String>, Vec<char>) {
    let mut initials = initials.to_vec();
    let words = words
        .iter()
        .map(|w| {
            let joined = other.iter().find_map(|t| {
                let rest = t.strip_prefix(w.as_str())?;
                let initial = rest.chars().next().filter(|c| initials.contains(c))?;
                (!other.contains(w) && rest.len() >= 2).then_some((t, initial))
            });
            match joined {
                Some((t, initial)) => {
                    initials.retain(|c| *c != initial);
                    t.clone()
                }
                None => w.clone(),
            }
        })
        .collect();
    (words, initials)
}

/// `tokens` with two or three neighbours joined where `other` has them as one word: a
/// surname of several words written or read without its spaces (`Lo Bianco` and
/// `LOBIANCO`, `De La Rosa` and `DELAROSA`).
fn joined_as_in(tokens: &[String], other: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let joined = [3, 2]
            .into_iter()
            .filter(|n| i + n <= tokens.len())
            .map(|n| (n, tokens[i..i + n].concat()))
            .find(|(_, word)| other.contains(word));
        let (n, word) = joined.unwrap_or_else(|| (1, tokens[i].clone()));
        out.push(word);
        i += n;
    }
    out
}

/// Compares the party's name (from the access request) with the name read off an ID.
/// A name spelled on one side as a passport's machine-readable zone spells it (ICAO
/// 9303: `Ö` as `OE`, `ß` as `SS`) and on the other with its letters (`BJOERN MUELLER`,
/// `Björn Müller`) is the same name.
pub fn compare(party: &str, on_id: &str) -> NameComparison {
    let as_written = compare_as_written(party, on_id);
    if as_written.band == NameBand::Match {
        return as_written;
    }
    let spelled = [(icao_spelling(party), on_id.to_string()), (party.to_string(), icao_spelling(on_id))];
    let best = spelled
        .into_iter()
        .filter(|(p, d)| p != party || d != on_id)
        .map(|(p, d)| compare_as_written(&p, &d))
        .min_by_key(|c| c.band);
    match best {
        Some(mut c) if c.band < as_written.band => {
            c.explanation =
                format!("{} (letters such as Ö spelled OE, as in a passport's machine-readable zone)", c.explanation);
            c
        }
        _ => as_written,
    }
}

/// A name with the letters ICAO 9303 (Part 3, transliteration) spells with two written
/// out so; other accents are left for the token folding to drop.
pub fn icao_spelling(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        let two = match c {
            'Ä' | 'Æ' => "AE",
            'ä' | 'æ' => "ae",
            'Ö' | 'Ø' | 'Œ' => "OE",
            'ö' | 'ø' | 'œ' => "oe",
            'Ü' => "UE",
            'ü' => "ue",
            'Å' => "AA",
            'å' => "aa",
            'ß' => "ss",
            'Þ' => "TH",
            'þ' => "th",
            'Ĳ' => "IJ",
            'ĳ' => "ij",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(two);
    }
    out
}

/// Whether a printed name and a zone's name are the same letters once the printed one
/// is spelled as a zone spells it (`Björn Müller`, `BJOERN MUELLER`; `LO BIANCO`,
/// `LOBIANCO`): not merely alike, as an OCR misread would be.
pub fn same_name_in_zone_letters(printed: &str, zone: &str) -> bool {
    let letters = |s: &str| text::tokens(s).concat();
    !zone.trim().is_empty() && letters(&icao_spelling(printed)) == letters(zone)
}

/// Whether `fuller` has every word of `name` (two at least) and more besides.
pub fn holds_more_words(fuller: &str, name: &str) -> bool {
    let (fuller, name) = (text::tokens(fuller), text::tokens(name));
    name.len() >= 2 && fuller.len() > name.len() && name.iter().all(|t| fuller.contains(t))
}

fn compare_as_written(party: &str, on_id: &str) -> NameComparison {
    let p = name_tokens(party);
    let d = name_tokens(on_id);
    if p.significant.is_empty() || d.significant.is_empty() {
        return NameComparison {
            band: NameBand::Mismatch,
            explanation: "one of the names has no usable tokens".into(),
        };
    }
    let (party_significant, party_initials) = run_together_with_initial(&p.significant, &p.initials, &d.significant);
    let p = NameTokens { significant: party_significant, initials: party_initials };
    let party_words = joined_as_in(&p.significant, &d.significant);
    let id_words = joined_as_in(&d.significant, &party_words);
    let party_is_smaller = party_words.len() <= id_words.len();
    let (small, large, small_initials, large_name) = if party_is_smaller {
        (&party_words, &id_words, &p.initials, &d)
    } else {
        (&id_words, &party_words, &d.initials, &p)
    };
    let aligned = align(small, large, !party_is_smaller);
    let worst = aligned.iter().map(|(_, g, _)| *g).max().unwrap_or(Grade::Missing);
    let nears = aligned.iter().filter(|(_, g, _)| *g == Grade::Near).count();
    let missing: Vec<&str> =
        aligned.iter().filter(|(_, g, _)| *g == Grade::Missing).map(|(t, _, _)| t.as_str()).collect();

    let mut notes: Vec<String> = aligned
        .iter()
        .map(|(t, g, partner)| match g {
            Grade::Exact => format!("{t} = {partner}"),
            Grade::LookAlike => format!("{t} ≈ {partner} (OCR look-alike letters)"),
            Grade::Near if cut_short_as_aligned(t, partner, !party_is_smaller) => {
                format!("{t} ~ {partner} (read cut short)")
            }
            Grade::Near => format!("{t} ~ {partner} (one letter differs)"),
            Grade::Missing => format!("{t}: not in the other name"),
        })
        .collect();
    // Initials are optional, but one that contradicts the other name is worth showing.
    let partners: Vec<&str> = aligned.iter().map(|(_, _, p)| p.as_str()).collect();
    for c in small_initials {
        let fits = large_name.initials.contains(c)
            || large.iter().any(|t| t.starts_with(*c) && !partners.contains(&t.as_str()));
        if !fits {
            notes.push(format!("initial {} has no counterpart", c.to_ascii_uppercase()));
        }
    }
    let side = if party_is_smaller { "the party's name" } else { "the name on the ID" };

    let band = if !missing.is_empty() {
        if party_is_smaller && shows_only_party_words(&aligned, large, small_initials) {
            notes.push("the ID as read shows part of the name and no other: the rest may not have been read".into());
            NameBand::ClerkMustLook
        } else {
            NameBand::Mismatch
        }
    } else if small.len() < 2 {
        notes.push(format!("{side} has only one full token; the court's rule needs two"));
        NameBand::ClerkMustLook
    } else if worst <= Grade::LookAlike {
        NameBand::Match
    } else if nears <= 1 || nears < small.len() {
        // Misread letters in several words beside one read exactly: for a clerk.
        NameBand::ClerkMustLook
    } else {
        NameBand::Mismatch
    };
    NameComparison { band, explanation: notes.join("; ") }
}

/// Whether every word of the ID's name (`id_words`) is one of the party's, or a middle
/// name for one of the party's initials, with at least one matched: the ID shows part
/// of the party's name (`KEISHA LOUISE` of `LINDQVIST, KEISHA L.`, its surname line
/// unread) and nothing of another person's.
fn shows_only_party_words(aligned: &[(String, Grade, String)], id_words: &[String], initials: &[char]) -> bool {
    let matched: Vec<&str> =
        aligned.iter().filter(|(_, g, _)| *g <= Grade::LookAlike).map(|(_, _, partner)| partner.as_str()).collect();
    let mut initials = initials.to_vec();
    let explained = |word: &String| {
        if matched.contains(&word.as_str()) {
            return true;
        }
        let initial = initials.iter().position(|c| word.starts_with(*c));
        initial.map(|i| initials.remove(i)).is_some()
    };
    !matched.is_empty() && id_words.iter().all(explained)
}

/// Whether a name-change paper shows `word`: as one of its words (look-alike letters
/// allowed), or, for a word of four letters or more, with one letter misread or split
/// in two by OCR (`MAI D NG` for `MAI DANG`).
fn paper_shows(word: &str, paper: &[String]) -> bool {
    let close = |read: &str| {
        let g = grade(word, read);
        g <= Grade::LookAlike || (g == Grade::Near && word.chars().count() >= 4)
    };
    paper.iter().any(|t| close(t)) || paper.windows(2).any(|w| close(&format!("{}{}", w[0], w[1])))
}

/// Whether a name-change document (marriage certificate, divorce decree, court
/// order) connects the party's name with the name on the ID: it must show every
/// token of the party's name and the part of the ID name that is new.
pub fn bridges(party: &str, on_id: &str, document_tokens: &[String]) -> bool {
    let p = name_tokens(party);
    let d = name_tokens(on_id);
    let shows = |t: &String| paper_shows(t, document_tokens);
    // What is new on the ID: tokens the party's name lacks, less one middle name for
    // each initial the party wrote. The initial explains one token only, and not the
    // new surname that shares its letter (`LUZ LAM` for `DE LA CRUZ, SOFÍA L.`).
    let mut new_on_id: Vec<&String> =
        d.significant.iter().filter(|t| !p.significant.iter().any(|u| grade(t, u) <= Grade::LookAlike)).collect();
    for initial in &p.initials {
        let starts = |t: &&String| t.starts_with(*initial);
        let explained =
            new_on_id.iter().position(|t| starts(t) && !shows(t)).or_else(|| new_on_id.iter().position(starts));
        if let Some(i) = explained {
            new_on_id.remove(i);
        }
    }
    !p.significant.is_empty()
        && p.significant.iter().all(shows)
        && !new_on_id.is_empty()
        && new_on_id.iter().any(|t| shows(t))
}

/// Whether a name-change document names the party's name as the court has it, the
/// part the ID lacks (`FOX` of `FOX, GREGORY J.` against `GREGORY JOSEPH LINDQVIST`),
/// though the name it changes to was not read: it concerns this change, and the clerk
/// reads the rest by eye.
pub fn names_former_name(party: &str, on_id: &str, document_tokens: &[String]) -> bool {
    let p = name_tokens(party);
    let d = name_tokens(on_id);
    let former: Vec<&String> = p
        .significant
        .iter()
        .filter(|t| t.len() >= 3 && !d.significant.iter().any(|u| grade(t, u) <= Grade::LookAlike))
        .collect();
    !former.is_empty() && former.into_iter().all(|t| paper_shows(t, document_tokens))
}

/// A name the ticket expects, found in the text read off an ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundOnId {
    /// The name as printed: the name words of the lines it was found on, in order.
    pub printed: String,
    /// The expected name it was found for.
    pub expected: String,
}

impl FoundOnId {
    /// Whether every word of the expected name was read as spelled, not matched through
    /// a look-alike or a lost letter (`DECLA` for `DECLAN`): given-name initials aside,
    /// but the surname's one-letter words too (`Ó` of `Ó SÚILLEABHÁIN`).
    pub fn read_as_spelled(&self) -> bool {
        use crate::domain::name_tokens;
        let printed = name_tokens(&self.printed);
        let surname = self.expected.split_once(',').map(|(s, _)| name_tokens(s)).unwrap_or_default();
        name_tokens(&self.expected)
            .iter()
            .filter(|t| t.chars().count() >= 2 || surname.contains(t))
            .all(|t| printed.contains(t))
    }

    /// Whether the name was found in capitals, as a card's data field prints it (a
    /// signature or a mention in running text is in mixed case).
    pub fn in_capitals(&self) -> bool {
        self.printed.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    }

    /// Whether `layout`, the name the ID's layout read, is this found name with other
    /// given names where the expected ones were not found: a relative's ID sharing the
    /// party's (often two-part) surname, `LUIS GARCIA LOPEZ` where `GARCIA LOPEZ` was
    /// found for `GARCÍA LÓPEZ, JOSÉ M.`.
    pub fn shows_other_given_names(&self, layout: &str) -> bool {
        let layout = crate::domain::name_tokens(layout);
        let found = crate::domain::name_tokens(&self.printed);
        let expected = crate::domain::name_tokens(&self.expected);
        let holds_found = found.iter().all(|t| layout.contains(t));
        let expected_missing = expected.iter().any(|t| t.len() >= 2 && !found.contains(t));
        let other = layout.iter().any(|t| t.len() >= 2 && !expected.contains(t));
        holds_found && expected_missing && other
    }
}

/// Words printed on IDs next to a name that are never part of it: field labels,
/// titles and marks.
const NOT_NAME_ON_ID: &[&str] = &[
    "name",
    "names",
    "surname",
    "given",
    "first",
    "last",
    "family",
    "middle",
    "full",
    "holder",
    "ln",
    "fn",
    "mn",
    "nom",
    "nombres",
    "apellidos",
    "prenoms",
    "sample",
    "specimen",
    "void",
    "copy",
    "license",
    "licence",
    "driver",
    "drivers",
    "operator",
    "id",
    "identification",
    "card",
    "state",
    "usa",
    "dob",
    "exp",
    "expires",
    "iss",
    "issued",
    "sex",
    "class",
    "hgt",
    "ht",
    "eyes",
    "eye",
    "hair",
    "wgt",
    "weight",
    "donor",
    "veteran",
    "address",
    "signature",
    "passport",
    "type",
    "code",
    "no",
    "number",
    "dl",
    "rest",
    "restr",
    "end",
    "none",
    "real",
    "birth",
    "date",
    "of",
    "the",
    "dd",
    "date",
    "nationality",
    "place",
    "authority",
    "endorsements",
    "under",
    "until",
    "valid",
    "resident",
    "united",
    "states",
    "america",
    "department",
];

/// One word of an OCR line.
#[derive(Clone)]
struct OcrToken<'a> {
    raw: &'a str,
    folded: Vec<String>,
    segment: usize,
    /// A licence's field number was read into the word (`2DANA`, `i1NWOSU`): it starts
    /// a field, so a name found before it does not run on into it.
    numbered: bool,
    /// Read off a machine-readable zone's line, whose fillers OCR reads as letters
    /// (`DELGADO<<LIESEL<RUTH<<<K<<`): the printed name is preferred.
    zone: bool,
}

fn ocr_tokens(line: &str) -> Vec<OcrToken<'_>> {
    line.split('\t')
        .enumerate()
        .flat_map(|(segment, seg)| {
            seg.split_whitespace().flat_map(move |chunk| {
                // `<` fills a machine-readable zone between names (`PENA<<WILFREDO<MANUEL`).
                let zone = chunk.contains('<');
                chunk.split('<').filter_map(move |piece| {
                    let word = without_stray_marks(piece);
                    // A mark before `N` is the small LN/FN label OCR misread (`‘N TASCA`);
                    // before a name word it is a speck (`NEHA ‘LAKSHMI`, `_O SUILLEABHAIN`).
                    let label = matches!(word, "N" | "LN" | "FN");
                    let marked = word.len() < piece.len() && !piece.starts_with(word) && label;
                    let raw = without_field_number(word);
                    let folded = text::tokens(&as_letters(raw));
                    let numbered = raw.len() < word.len() || marked;
                    (!word.is_empty()).then_some(OcrToken { raw, folded, segment, numbered, zone })
                })
            })
        })
        .collect()
}

/// Symbols OCR puts at a word's ends from a card's background (`QUINONES™`, `»DANA`)
/// are no part of it; name punctuation and a label's colon stay.
fn without_stray_marks(raw: &str) -> &str {
    let keep = |c: char| c.is_alphanumeric() || is_name_mark(c) || is_misread_i(c);
    // A label's colon ends it; one before a word is a field number OCR misread (`:PENA`).
    raw.trim_start_matches(|c: char| !keep(c)).trim_end_matches(|c: char| !keep(c) && !matches!(c, ':' | ';'))
}

/// Punctuation a printed name carries (`O'NEIL`, `SMITH-JONES`, `JR.`, `DOE,`).
fn is_name_mark(c: char) -> bool {
    matches!(c, ',' | '.' | '-' | '\'' | '’')
}

/// OCR reads a capital `I` as `!` or `|` (`SERGE!`).
fn is_misread_i(c: char) -> bool {
    matches!(c, '!' | '|')
}

/// Inside a word of letters, `!` and `|` are the letter `I`.
fn as_letters(raw: &str) -> String {
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return raw.to_string();
    }
    // In a word of capitals a small `l` is a capital `I` read wrong (`lYER`).
    let capitals = raw.chars().filter(|c| c.is_alphabetic() && *c != 'l').all(char::is_uppercase);
    raw.chars().map(|c| if is_misread_i(c) || (capitals && c == 'l') { 'I' } else { c }).collect()
}

/// A licence's field number run into its value (`2DANA` for field 2, the given names)
/// is not part of the name; nor is one OCR read as a letter before capitals (`i1NWOSU`,
/// `iNG` for `1 NG`), nor a small `LN`/`FN` label read as one or two small letters run
/// into a name printed in capitals (`wIYER`).
fn without_field_number(raw: &str) -> &str {
    let rest = raw.trim_start_matches(|c: char| c.is_ascii_lowercase());
    let small = raw.len() - rest.len();
    if (1..=2).contains(&small) && rest.chars().count() >= 3 && rest.chars().all(|c| c.is_uppercase()) {
        // A small `l` next to the capitals is their `I` (`wlYER` for `LN IYER`).
        return if small == 2 && raw[..small].ends_with('l') { &raw[1..] } else { rest };
    }
    let rest = raw.trim_start_matches(|c: char| c.is_ascii_digit());
    let letters = rest.chars().take_while(|c| c.is_alphabetic()).count();
    if rest.len() < raw.len() && letters >= 2 {
        return rest;
    }
    let rest = raw.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, 'i' | 'l' | '|'));
    let marks = raw.len() - rest.len();
    let capitals = rest.chars().count() >= 2 && rest.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\''));
    if (1..=2).contains(&marks) && capitals {
        rest
    } else {
        raw
    }
}

/// A line's words without its address fields (a house number and a street word:
/// `8 638 OLD COLONY RD`): a street's name one letter from the party's (`COLONY` for
/// `COLÓN`) is not their name.
fn without_address(tokens: Vec<OcrToken<'_>>) -> Vec<OcrToken<'_>> {
    let address = |segment: usize| {
        let words = || tokens.iter().filter(move |t| t.segment == segment);
        words().any(|t| !t.raw.is_empty() && t.raw.chars().all(|c| c.is_ascii_digit()))
            && words().any(|t| t.folded.iter().any(|f| text::STREET_WORDS.contains(&f.as_str())))
    };
    let addresses: Vec<usize> = tokens.iter().map(|t| t.segment).filter(|&s| address(s)).collect();
    tokens.into_iter().filter(|t| !addresses.contains(&t.segment)).collect()
}

/// Whether a word can be part of a printed name: letters (and name punctuation) only,
/// not a label.
fn name_like(t: &OcrToken<'_>) -> bool {
    let letters = t.raw.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && t.raw.chars().all(|c| c.is_alphabetic() || is_name_mark(c))
        && !t.folded.iter().any(|f| NOT_NAME_ON_ID.contains(&f.as_str()))
}

/// Whether a word may be a misread name word: mostly letters, the rest look-alikes
/// (`Z0E`, `SERGE!`). Only a word close to an expected one is taken so.
fn misread_name_like(t: &OcrToken<'_>) -> bool {
    let letters = t.raw.chars().filter(|c| c.is_alphabetic()).count();
    let look_alikes = t.raw.chars().filter(|&c| c.is_ascii_digit() || is_misread_i(c)).count();
    let others = t.raw.chars().filter(|&c| !c.is_alphanumeric() && !is_name_mark(c) && !is_misread_i(c));
    letters >= 2
        && look_alikes < letters
        && others.count() == 0
        && !t.folded.iter().any(|f| NOT_NAME_ON_ID.contains(&f.as_str()))
}

/// Searches OCR text (lines separated by newlines, side-by-side fields by tabs) for
/// each expected name in turn, tolerating OCR look-alikes and one slipped letter in
/// long names, surname-first order and a name broken over up to three lines. The
/// printed name is the found words with the name words around them (a middle name
/// the directory lacks), up to a label or another field.
pub fn find_on_id(ocr_text: &str, expected: &[&str]) -> Option<FoundOnId> {
    let all_lines: Vec<Vec<OcrToken<'_>>> = ocr_text.lines().map(|l| without_address(ocr_tokens(l))).collect();
    for name in expected {
        let NameTokens { significant, initials } = name_tokens(name);
        let wanted: Vec<Wanted> = significant.into_iter().map(|token| Wanted::new(name, token)).collect();
        if wanted.len() < 2 {
            continue;
        }
        // Marks OCR reads off a photo or a pattern (`=`, `<p)`, `Lu`) make lines of
        // their own between a name's lines; they do not count in a window.
        let lines: Vec<Vec<OcrToken<'_>>> = all_lines
            .iter()
            .map(|line| with_initial_apart(line, &wanted, &initials))
            .filter(|line| {
                line.iter().any(|t| {
                    t.raw.chars().filter(|c| c.is_alphabetic()).count() >= 3
                        || t.folded.iter().any(|f| wanted.iter().any(|w| grade_wanted(w, f) <= Grade::Near))
                })
            })
            .collect();
        // The best reading first; among equals the data field (capitals, with the
        // middle names) before a signature or a mention in running text.
        let best = (0..lines.len())
            .flat_map(|start| (1..=4).map(move |n| (start, n)))
            .filter(|(start, n)| start + n <= lines.len())
            .filter_map(|(start, n)| match_window(&lines[start..start + n], &wanted).map(|m| (m, n)))
            .min_by_key(|(m, n)| {
                let capitals = m.printed.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                let scraps = scraps(&m.printed, &wanted);
                (m.cost, m.zone, !capitals, *n, scraps, std::cmp::Reverse(m.printed.split_whitespace().count()))
            });
        if let Some((m, _)) = best {
            return Some(FoundOnId { printed: m.printed, expected: name.to_string() });
        }
    }
    None
}

/// `line` with a word that is a wanted word and then one of the name's initials
/// (`BAOM` for `BAO M`) read as the two: OCR lost the narrow space before a middle
/// initial.
fn with_initial_apart<'a>(line: &[OcrToken<'a>], wanted: &[Wanted], initials: &[char]) -> Vec<OcrToken<'a>> {
    let mut out = Vec::with_capacity(line.len());
    for t in line {
        let last = t.raw.char_indices().next_back().filter(|(i, _)| *i > 0);
        let split = last.filter(|(i, c)| {
            initials.contains(&c.to_ascii_lowercase())
                && match text::tokens(&t.raw[..*i]).as_slice() {
                    [word] => wanted.iter().any(|w| grade_wanted(w, word) <= Grade::LookAlike),
                    _ => false,
                }
        });
        match split {
            Some((i, _)) => {
                for raw in [&t.raw[..i], &t.raw[i..]] {
                    out.push(OcrToken { raw, folded: text::tokens(&as_letters(raw)), ..t.clone() });
                }
            }
            None => out.push(t.clone()),
        }
    }
    out
}

/// Two-letter words in a reading that are none of the wanted name's: scraps of a label
/// or the guilloche read into the name's line (`Zn Hao Huang`), where another reading
/// of the same name has none.
fn scraps(printed: &str, wanted: &[Wanted]) -> usize {
    text::tokens(printed)
        .iter()
        .filter(|t| t.chars().count() == 2 && !wanted.iter().any(|w| grade_wanted(w, t) <= Grade::Near))
        .count()
}

/// A name read by a zone, a barcode or a layout that agrees with the expected name,
/// its look-alike misreadings (`PRLYA`, `THA0`) written as the expected word is spelled;
/// real differences stay as read.
pub fn spelled_as_expected(read: &str, expected: &str, source: NameSource) -> String {
    let words: Vec<(&str, Wanted)> = expected
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|word| {
            let [token] = text::tokens(word).try_into().ok()?;
            Some((word, Wanted::new(expected, token)))
        })
        .collect();
    let zone = source == NameSource::Zone;
    let respell = |seen: &str| {
        let folded = text::tokens(seen);
        let look_alike = |(word, w): &&(&str, Wanted)| match folded.as_slice() {
            [f] => {
                grade_seen(w, f, zone) == Grade::LookAlike || without_accented_letter(word).any(|(a, b)| a + &b == *f)
            }
            _ => false,
        };
        words.iter().find(look_alike).map_or_else(|| seen.to_string(), |(word, _)| word.to_uppercase())
    };
    let read: Vec<&str> = read.split_whitespace().collect();
    let mut out = Vec::with_capacity(read.len());
    let mut i = 0;
    while i < read.len() {
        let split = read.get(i + 1).and_then(|&b| words.iter().find(|(w, _)| split_at_dropped_letter(read[i], b, w)));
        match split {
            Some((word, _)) => {
                out.push(word.to_uppercase());
                i += 2;
            }
            None => {
                out.push(respell(read[i]));
                i += 1;
            }
        }
    }
    out.join(" ")
}

/// Whether `a b` is `word` with one accented letter OCR could not read and wrote as a
/// gap (`NGUY N` for `NGUYỄN`, `D NG` for `ĐẶNG`).
fn split_at_dropped_letter(a: &str, b: &str, word: &str) -> bool {
    let (a, b) = (text::fold(a), text::fold(b));
    !a.is_empty() && !b.is_empty() && without_accented_letter(word).any(|(before, after)| before == a && after == b)
}

/// `word` folded to plain letters with one of its accented letters left out, as the
/// text before and after it: OCR drops a letter whose marks it cannot read (`QUC` for
/// `QUỐC`, `NGC` for `NGỌC`).
fn without_accented_letter(word: &str) -> impl Iterator<Item = (String, String)> + '_ {
    word.char_indices()
        .filter(|(_, c)| c.is_alphabetic() && !c.is_ascii())
        .map(|(i, c)| (text::fold(&word[..i]), text::fold(&word[i + c.len_utf8()..])))
}

/// Where a name was read: a machine-readable zone's line (whose fillers OCR reads as
/// letters beside a name) or print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    Zone,
    Print,
}

/// When the party's name is not on the ID, the name printed around the party's
/// surname: a relative's ID (the same surname, other given names) is the commonest
/// wrong ID, and a clerk must see whose it is. `None` unless the name read there is
/// clearly another (the court's rule says Mismatch), so an OCR slip never reads as
/// someone else.
pub fn other_name_beside_surname(ocr_text: &str, party: &str) -> Option<String> {
    let surname = surname_of(party)?;
    let lines: Vec<Vec<OcrToken<'_>>> = ocr_text.lines().map(ocr_tokens).collect();
    for (li, line) in lines.iter().enumerate() {
        for (wi, t) in line.iter().enumerate() {
            if !reads_as(t, &surname) || !name_like(t) {
                continue;
            }
            let hit = Hit { line: 0, word: wi, grade: Grade::Exact, expected: &surname };
            let mut name = printed_name(std::slice::from_ref(line), &[hit]);
            if name.split_whitespace().count() == 1 {
                let Some(given) = nearest_name_line(&lines, li) else { continue };
                name = format!("{name} {given}");
            }
            if compare(party, &name).band == NameBand::Mismatch {
                return Some(name);
            }
        }
    }
    None
}

/// Whether the party's surname is printed on the ID (exactly or with look-alike
/// letters): part of the name a person could read.
fn shows_surname(ocr_text: &str, party: &str) -> bool {
    let Some(surname) = surname_of(party) else { return false };
    ocr_text.lines().flat_map(ocr_tokens).any(|t| reads_as(&t, &surname))
}

/// Whether the OCR text shows the party's name: its surname read (look-alike letters
/// allowed), or one line holding two or more of its words, one read exactly and the
/// others with a letter misread at most (`LAN NGC DBNG` for `ĐẶNG, LAN NGỌC`).
pub fn shows_name(ocr_text: &str, party: &str) -> bool {
    let words = name_tokens(party).significant;
    let line_shows = |line: &str| {
        let read: Vec<String> = ocr_tokens(line).into_iter().flat_map(|t| t.folded).collect();
        let best = |w: &String| read.iter().map(|r| grade(w, r)).min().unwrap_or(Grade::Missing);
        let grades: Vec<Grade> = words.iter().map(best).collect();
        grades.iter().filter(|g| **g <= Grade::Near).count() >= 2 && grades.iter().any(|g| *g <= Grade::LookAlike)
    };
    shows_surname(ocr_text, party) || ocr_text.lines().any(line_shows)
}

/// Whether one OCR word is `token`, exactly or with look-alike letters.
fn reads_as(t: &OcrToken<'_>, token: &str) -> bool {
    matches!(t.folded.as_slice(), [f] if grade(token, f) <= Grade::LookAlike)
}

/// The surname of a directory name: before the comma of `SURNAME, GIVEN`, else the
/// last word; its longest token when compound, at least three letters.
fn surname_of(name: &str) -> Option<String> {
    let surname_part = match name.split_once(',') {
        Some((surname, _)) => surname,
        None => name.split_whitespace().rfind(|w| !SUFFIXES.contains(&text::tokens(w).concat().as_str()))?,
    };
    text::tokens(surname_part).into_iter().max_by_key(String::len).filter(|t| t.len() >= 3)
}

/// The given names of a licence printed on their own line near the surname's: the
/// nearest line, below before above, that is AAMVA field 2 (`2 SANNE RUTH`) holding one
/// to three words in capitals. Only the field number tells given names from the other
/// capitals printed on an ID (places, titles).
fn nearest_name_line(lines: &[Vec<OcrToken<'_>>], surname_line: usize) -> Option<String> {
    // A surname alone on its line (a field without numbers: `DIMAGGIO` over `FRANCESCA`)
    // has the given names on the line right under it.
    let alone = lines[surname_line].iter().filter(|t| name_like(t)).count() == 1;
    let near = (1..=3).flat_map(|d| [surname_line + d, surname_line.wrapping_sub(d)]);
    near.filter_map(|li| lines.get(li).map(|line| (li, line))).find_map(|(li, line)| {
        let first = line.first()?;
        let under_lone_surname = alone && li == surname_line + 1;
        let field: Vec<&OcrToken<'_>> = match () {
            // Field 2, its number apart (`2 SANNE RUTH`) or run into the name (`2JO`).
            _ if first.raw == "2" => line[1..].iter().filter(|t| t.segment == first.segment).collect(),
            _ if first.numbered || under_lone_surname => line.iter().filter(|t| t.segment == first.segment).collect(),
            _ => return None,
        };
        // Words in capitals; after the first, an initial (`NIAMH R`).
        let capitals = |(i, t): (usize, &&OcrToken<'_>)| {
            let letters: Vec<char> = t.raw.chars().filter(|c| c.is_alphabetic()).collect();
            (letters.len() >= 2 || (i > 0 && letters.len() == 1)) && letters.iter().all(|c| c.is_uppercase())
        };
        let whole = (1..=3).contains(&field.len()) && field.iter().enumerate().all(|w| name_like(w.1) && capitals(w));
        whole.then(|| field.iter().map(|t| t.raw).collect::<Vec<_>>().join(" "))
    })
}

struct WindowMatch {
    printed: String,
    /// Sum of grades (0 exact, 1 look-alike, 3 near) plus unmatched expected tokens.
    cost: u32,
    /// Found on a zone's line (OCR of the MRZ) rather than the printed name.
    zone: bool,
}

/// One expected token found on the ID: where, how well, and which token it was.
#[derive(Debug, Clone, Copy)]
struct Hit<'w> {
    line: usize,
    word: usize,
    grade: Grade,
    expected: &'w str,
}

/// One token of the expected name, and what is left of it when OCR drops its
/// accented letters (`TRẦN` read `TRN`, `QUỐC` read `QUC`), a common misreading; or
/// reads each as some other letter (`PAWEŁ` read `PAWEE`).
struct Wanted {
    token: String,
    skeleton: Option<String>,
    /// The word's letters, `None` where an accented letter stands.
    accented: Option<Vec<Option<char>>>,
    /// The word as a machine-readable zone spells it, where that differs from the
    /// folded token (`BJÖRN` as `BJOERN`).
    zone_spelled: Option<String>,
}

impl Wanted {
    fn new(name: &str, token: String) -> Wanted {
        // The word of the name that folds to this token, when it has accented letters.
        let accented_word = name
            .split(|c: char| !c.is_alphanumeric())
            .find(|word| text::tokens(word) == [token.as_str()])
            .map(str::to_lowercase)
            .filter(|w| !w.is_ascii());
        let skeleton = accented_word
            .as_deref()
            .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
            .filter(|skeleton| skeleton.len() >= 2);
        let accented = accented_word.as_deref().map(|w| w.chars().map(|c| c.is_ascii().then_some(c)).collect());
        let zone_spelled =
            accented_word.as_deref().map(|w| text::tokens(&icao_spelling(w)).concat()).filter(|z| *z != token);
        Wanted { token, skeleton, accented, zone_spelled }
    }
}

fn grade_wanted(w: &Wanted, seen: &str) -> Grade {
    if w.skeleton.as_deref() == Some(seen)
        || w.zone_spelled.as_deref() == Some(seen)
        || w.accented.as_deref().is_some_and(|a| accent_misread(a, &seen.chars().collect::<Vec<_>>()))
    {
        return Grade::LookAlike;
    }
    grade(&w.token, seen)
}

/// On a machine-readable zone's line the filler after a name is often read as a letter
/// (`DANGELOX<ANGELAK<<`): the name with one such letter after it is the name.
fn grade_seen(w: &Wanted, seen: &str, zone: bool) -> Grade {
    let g = grade_wanted(w, seen);
    let filler_after =
        || seen.strip_suffix(['k', 'x', 'c']).is_some_and(|name| grade_wanted(w, name) <= Grade::LookAlike);
    if zone && g > Grade::LookAlike && filler_after() {
        return Grade::LookAlike;
    }
    g
}

/// Whether `seen` is the accented word with each accented letter read as none, one or
/// two letters (`Ł` as `LE`) and the others as printed or look-alikes, and at least
/// three letters unaccented.
fn accent_misread(accented: &[Option<char>], seen: &[char]) -> bool {
    let plain = accented.iter().flatten().count();
    plain >= 3 && reads_as_accented(accented, seen)
}

fn reads_as_accented(accented: &[Option<char>], seen: &[char]) -> bool {
    match accented.split_first() {
        None => seen.is_empty(),
        Some((Some(a), rest)) => {
            seen.first().is_some_and(|&s| text::confusable(*a, s)) && reads_as_accented(rest, &seen[1..])
        }
        Some((None, rest)) => (0..=2.min(seen.len())).any(|n| reads_as_accented(rest, &seen[n..])),
    }
}

fn match_window(lines: &[Vec<OcrToken<'_>>], wanted: &[Wanted]) -> Option<WindowMatch> {
    let mut hits: Vec<Hit<'_>> = Vec::new();
    let mut cost = 0u32;
    for w in wanted {
        let best = lines
            .iter()
            .enumerate()
            .flat_map(|(li, line)| line.iter().enumerate().map(move |(wi, t)| (li, wi, t)))
            .filter(|(li, wi, t)| !hits.iter().any(|h| (h.line, h.word) == (*li, *wi)) && misread_name_like(t))
            .filter_map(|(li, wi, t)| {
                let g = t.folded.iter().map(|f| grade_seen(w, f, t.zone)).min().unwrap_or(Grade::Missing);
                let usable = g <= Grade::LookAlike || (g == Grade::Near && w.token.len() >= 5);
                // Among equals the data field's capitals before a signature's.
                let signed = t.raw.chars().any(char::is_lowercase);
                usable.then_some((g, signed, li, wi))
            })
            .min();
        match best {
            Some((grade, _, line, word)) => {
                hits.push(Hit { line, word, grade, expected: &w.token });
                cost += match grade {
                    Grade::Exact => 0,
                    Grade::LookAlike => 1,
                    _ => 3,
                };
            }
            None => cost += 4,
        }
    }
    // A label line may sit between the surname and the given names; the window
    // starts and ends on a line holding part of the name.
    let every_line_used = [0, lines.len() - 1].iter().all(|li| hits.iter().any(|h| h.line == *li));
    let enough = hits.len() == wanted.len() || (hits.len() >= 2 && wanted.len() >= 3);
    let zone = hits.iter().any(|h| lines[h.line][h.word].zone);
    (enough && every_line_used).then(|| WindowMatch { printed: printed_name(lines, &hits), cost, zone })
}

/// Three-letter codes printed beside a name (eye and hair colours, sex) that are
/// never part of it.
const CODES: &[&str] = &["bro", "blu", "grn", "haz", "blk", "gry", "mul", "pnk", "dic", "unk", "whi", "sdy", "bal"];

/// The printed name: on each line, the run of name words around the found ones,
/// within their field. A found word OCR garbled with look-alike letters (`PRLYA`,
/// `RNARCUS`) is written as the expected word it is; a word with a real difference
/// keeps what OCR read, so a different name still shows. Suffixes OCR misreads
/// (`Ill`) are written as printed (`III`).
fn printed_name(lines: &[Vec<OcrToken<'_>>], hits: &[Hit<'_>]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let on_line: Vec<&Hit<'_>> = hits.iter().filter(|h| h.line == li).collect();
        let (Some(lo), Some(hi)) = (on_line.iter().map(|h| h.word).min(), on_line.iter().map(|h| h.word).max()) else {
            continue;
        };
        let capitals = line[lo].raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let joins = |i: usize| {
            line[i].segment == line[lo].segment
                && !line[i].numbered
                && !(line[i].zone && line[i].raw.chars().count() == 1)
                && name_like(&line[i])
                && belongs(&line[i], capitals)
        };
        let mut from = lo;
        while from > 0 && joins(from - 1) && !line[from - 1].raw.ends_with([':', ';']) {
            from -= 1;
        }
        let mut to = hi;
        while to + 1 < line.len() && joins(to + 1) && !line[to].raw.ends_with([':', ';']) {
            to += 1;
        }
        // A speck or a label's letter before the name (`E Ed J. Holloway`, `B LUCÍA`)
        // is no initial: a name read does not start with a bare letter beside a word.
        while from < lo && stray_letter(&line[from]) {
            from += 1;
        }
        if to > hi && sex_beside_dates(line, to) {
            to -= 1;
        }
        for (wi, t) in line.iter().enumerate().take(to + 1).skip(from) {
            let hit = on_line.iter().find(|h| h.word == wi);
            if hit.is_none() && label_or_speck(t) {
                continue;
            }
            parts.push(match hit {
                Some(h)
                    if h.grade <= Grade::LookAlike
                        && t.folded.len() == 1
                        && (h.grade == Grade::LookAlike || !name_like(t)) =>
                {
                    h.expected.to_uppercase()
                }
                _ => printed_suffix(t.raw).unwrap_or(t.raw).to_string(),
            });
        }
    }
    parts.join(" ").trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace()).to_string()
}

/// How OCR reads the small `FN`/`LN` labels between a licence's name lines (`EN`,
/// `rv`), or a speck with marks (`P,-`): never a word of a name.
fn label_or_speck(t: &OcrToken<'_>) -> bool {
    const LABELS_MISREAD: &[&str] = &["ln", "fn", "en", "rn", "rv"];
    let letters = t.raw.chars().filter(|c| c.is_alphabetic()).count();
    let marks = t.raw.chars().any(|c| !c.is_alphabetic() && c != '.');
    let label = matches!(t.folded.as_slice(), [f] if LABELS_MISREAD.contains(&f.as_str())) && !t.raw.ends_with('.');
    label || (letters == 1 && marks && !name_particle(t))
}

/// The word ending its column is the sex field beside a date (`EL-AMIN M\t02 JUL 1962`).
fn sex_beside_dates(line: &[OcrToken<'_>], i: usize) -> bool {
    line.get(i + 1).is_some_and(|n| n.segment != line[i].segment && text::sex_field_beside_date(line[i].raw, n.raw))
}

/// Irish `Ó` and Spanish `y`: one-letter words of names.
fn name_particle(t: &OcrToken<'_>) -> bool {
    matches!(t.folded.as_slice(), [f] if f == "o" || f == "y")
}

/// One or two letters with no full stop after them, or one letter with marks
/// (`P,-`): what OCR makes of a label or a speck, not an initial.
fn stray_letter(t: &OcrToken<'_>) -> bool {
    let letters = t.raw.chars().filter(|c| c.is_alphabetic()).count();
    let marks = t.raw.chars().filter(|c| !c.is_alphabetic()).collect::<String>();
    !name_particle(t) && ((letters <= 2 && marks.is_empty()) || (letters == 1 && marks != "."))
}

/// Whether a word beside a found name is more of the name: in a line of capitals a
/// word in capitals or an initial; elsewhere a capitalised word. Never a lone
/// lower-case letter or a colour code.
fn belongs(t: &OcrToken<'_>, capitals: bool) -> bool {
    let letters: String = t.raw.chars().filter(|c| c.is_alphabetic()).collect();
    let first_upper = letters.chars().next().is_some_and(char::is_uppercase);
    let all_upper = letters.chars().all(char::is_uppercase);
    let code = t.folded.iter().any(|f| CODES.contains(&f.as_str()));
    let fits = if capitals { all_upper || printed_suffix(t.raw).is_some() } else { first_upper };
    fits && !code
}

/// A generational suffix as OCR may read it (`Ill`, `IIl`, `Jr`), as printed.
fn printed_suffix(raw: &str) -> Option<&'static str> {
    let core: String = raw.trim_matches(|c: char| !c.is_alphanumeric()).chars().collect();
    let roman: String = core.chars().map(|c| if matches!(c, 'l' | '1' | '|') { 'I' } else { c }).collect();
    match roman.as_str() {
        "II" => Some("II"),
        "III" => Some("III"),
        "IV" => Some("IV"),
        _ => match core.to_ascii_lowercase().as_str() {
            "jr" => Some("JR"),
            "sr" => Some("SR"),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(a: &str, b: &str) -> NameBand {
        compare(a, b).band
    }

    #[test]
    fn must_match() {
        let pairs = [
            ("WHITLOCK, DANA R.", "DANA RUTH WHITLOCK"),
            ("RAMAN-OKAFOR, PRIYA", "PRIYA RAMAN-OKAFOR"),
            ("MUÑOZ TORRES, LUIS A.", "Luis Antonio Muiioz Torres"),
            ("RAMAN-OKAFOR, PRIYA", "RAMAN OKAFOR PRIYA"),
            ("RAMAN-OKAFOR, PRIYA", "PRIYA RAMANOKAFOR"),
            ("O'BRIEN, ZOË C.", "ZOE CATHERINE O'BRIEN"),
            ("KESSLER, THOMAS", "Thomas Kessler Jr."),
            ("TASCA, GREGORY P.", "GREGORY PAUL TASCA"),
            ("Raymond Kowalczyk", "KOWALCZYK, RAYMOND STANLEY"),
            ("MARCHETTI, HELEN L.", "HELEN LOUISE MARCHETTI III"),
            ("de la Cruz, Maria", "MARIA DELACRUZ"),
            // A surname of two words read or written without its space.
            ("LO BIANCO, ANGELA J.", "LOBIANCO ANGELA JEAN"),
            ("Angela Lobianco", "ANGELA LO BIANCO"),
            ("García Márquez, José", "JOSE GARCIA MARQUEZ"),
            // A two-word given name printed as one, the party giving its initial.
            ("HUANG, LI J.", "LIJIA HUANG"),
            ("Seo Y. Park", "SEOYEON PARK"),
            // OCR-garbled reads of the ID.
            ("WHITLOCK, DANA R.", "DANA RUTH WH1TL0CK"),
            ("Raymond Kowalczyk", "RAYMOND STANLEY KOWALCZVK"),
            ("FELD, MARCUS A.", "RNARCUS ALLEN FELD"),
            ("CASTELLANOS, NADIA", "NADIA MARIE CASTELLAN0S"),
            // Spelled as a machine-readable zone spells it, on either side.
            ("MÜLLER, BJÖRN", "BJOERN MUELLER"),
            ("Bjoern Mueller", "BJÖRN MÜLLER"),
            ("STRAßBURG, JÖRG", "JOERG STRASSBURG"),
            ("Åsa Ødegård", "AASA OEDEGAARD"),
        ];
        for (a, b) in pairs {
            assert_eq!(band(a, b), NameBand::Match, "{a} vs {b}: {}", compare(a, b).explanation);
        }
    }

    #[test]
    fn a_printed_name_is_the_zone_s_in_other_letters() {
        assert!(same_name_in_zone_letters("BJÖRN MÜLLER", "BJOERN MUELLER"));
        assert!(same_name_in_zone_letters("NICOLÒ EDWARD LO BIANCO", "NICOLO EDWARD LOBIANCO"));
        assert!(same_name_in_zone_letters("JOSÉ PEÑA", "JOSE PENA"));
        // A misread is not the same letters, nor another name.
        assert!(!same_name_in_zone_letters("DANA WH1TLOCK", "DANA WHITLOCK"));
        assert!(!same_name_in_zone_letters("DANA RUTH WHITLOCK", "DANA WHITLOCK"));
        assert!(!same_name_in_zone_letters("", ""));
        assert!(holds_more_words("MARCUS LEE STANTON", "MARCUS STANTON"));
        assert!(!holds_more_words("MARCUS STANTON", "MARCUS STANTON"));
        assert!(!holds_more_words("MARCUS LEE STANTON", "MARCOS STANTON"));
        assert!(!holds_more_words("MARCUS LEE STANTON", "STANTON"));
    }

    #[test]
    fn must_not_match() {
        let pairs = [
            ("PIERCE, AMANDA J.", "AMANDA JO LINDQVIST"),
            ("FELD, MARCUS A.", "FELD, JENNIFER L."),
            ("FELD, MARCUS A.", "JENNIFER LYNN FELD"),
            ("PRUITT, OWEN", "DANA RUTH WHITLOCK"),
            ("SZABO, BRENDA", "BRENDA KOVACS"),
            ("Luis Ortega", "ROSA GOMEZ"),
            ("Dana Whitlock", "DAVID WHITMORE"),
            // Part of the party's name beside another person's word.
            ("LINDQVIST, KEISHA L.", "KEISHA MARIE"),
            ("LINDQVIST, KEISHA L.", "KEISHA LOUISE OKAFOR"),
            // Another word begun by the party's, not by its initial.
            ("HUANG, LI J.", "LIMING HUANG"),
            ("HUANG, LI", "LIJIA HUANG"),
            // Every word a letter off: no anchor.
            ("LO BIANCO, ANGELA", "ANGELO BIANCA"),
            // The zone's spelling of another person's name is still another name.
            ("MÜLLER, BJÖRN", "JOERG MUELLER"),
            // Three letters are no word cut short; a longer name is not a shorter one.
            ("SMITH, ANNABEL", "ANN SMITH"),
            ("SMITH, JOHN", "JOHNSON SMITH"),
            // A relative's short given name is not a misread of the party's.
            ("Xiu Wang", "MEI WANG"),
            ("Xiu Wang", "KAI WANG"),
            // A surname taken in marriage beside a particle of the former one.
            ("DE LA CRUZ, LUIS", "LUIS LAM"),
        ];
        for (a, b) in pairs {
            assert_eq!(band(a, b), NameBand::Mismatch, "{a} vs {b}: {}", compare(a, b).explanation);
        }
    }

    #[test]
    fn clerk_must_look() {
        let pairs = [
            // One real letter differs: a typo on the request or a misread.
            ("Jon Pruitt", "JOHN PRUITT"),
            ("VU, QUANG", "QUANG VG"),
            ("HO, HAO", "HAD HOX"),
            ("KOWALCZYK, RAYMOND", "RAYMOND KOWALCZIK"),
            // Too few tokens for the two-token rule.
            ("Marcus", "MARCUS ALLEN FELD"),
            ("D. Whitlock", "DANA RUTH WHITLOCK"),
            // Part of the name read and nothing else (the surname line unread).
            ("LINDQVIST, KEISHA L.", "KEISHA LOUISE"),
            ("Keisha Lindqvist", "KEISHA"),
            // Letters misread in two words beside one read exactly.
            ("LO BIANCO, ANGELA J.", "Angela Le Biance"),
            // A word read cut short at the picture's edge or a column.
            ("BRZĘCZYSZCZYKIEWICZ, KATARZYNA J.", "BRZECZYSZCZYKIEWICZ, KATARZ'"),
            // A speck read as a letter before a short name with a look-alike in it.
            ("Xiu Wang", "KXLU WANG"),
            ("OKAFOR, CHRISTOPHER", "CHRIS OKAFOR"),
        ];
        for (a, b) in pairs {
            assert_eq!(band(a, b), NameBand::ClerkMustLook, "{a} vs {b}: {}", compare(a, b).explanation);
        }
    }

    #[test]
    fn expected_names_are_found_in_ocr_text() {
        let table: &[(&str, &[&str], Option<&str>)] = &[
            // Labelled lines, surname first, a middle name the directory lacks.
            (
                "DL NO 184402913\nNAME\nWHITLOCK,\nDANA RUTH\n41 FENWICK ST",
                &["Dana R. Whitlock"],
                Some("WHITLOCK, DANA RUTH"),
            ),
            // AAMVA field numbers, a value beside another field.
            ("1 OKONKWO\n2 CHIDI EMEKA\tSEX M\n3 DOB 03/09/1984", &["OKONKWO, CHIDI"], Some("OKONKWO CHIDI EMEKA")),
            ("4d DLN 612846149\n1 BROOKS\n2DANA JO\n8 48 PARK ST", &["dana jo brooks"], Some("BROOKS DANA JO")),
            // Accented letters OCR dropped; a signature line is not part of the name line.
            ("TRN\nDUC QUC\n1523 WASHINGTON BLVD", &["DUC QUỐC TRẦN"], Some("TRAN DUC QUOC")),
            ("Keuin Greene\nKevin Lee Greene II\nSex: Male", &["Kevin Greene"], Some("Kevin Lee Greene II")),
            // Look-alike letters are the expected name; a real difference stays as read.
            ("FN RNARCUS ALLEN\nLN FELD", &["FELD, MARCUS A."], Some("MARCUS ALLEN FELD")),
            ("KOWALCZVK RAYMOND STANLEY", &["Raymond Kowalczyk"], Some("KOWALCZYK RAYMOND STANLEY")),
            ("PRLYA LYER", &["IYER, PRIYA"], Some("PRIYA IYER")),
            ("JOHN PRUITTE", &["PRUITT, JOHN"], Some("JOHN PRUITTE")),
            // A suffix misread, a colour code beside the name.
            ("JEFFERSON Ill\nCHRISTOPHER RAY", &["JEFFERSON, CHRISTOPHER R."], Some("JEFFERSON III CHRISTOPHER RAY")),
            ("NADIA DELACROIX BRO", &["Nadia Delacroix"], Some("NADIA DELACROIX")),
            // A label line between the surname and the given names.
            ("FAMILY NAME\nZHANG\nGIVEN NAME\nADDRESS\nBO JIA", &["ZHANG, BO JIA"], Some("ZHANG BO JIA")),
            ("MARIA ELENA GARCIA LOPEZ", &["GARCIA, MARIA"], Some("MARIA ELENA GARCIA LOPEZ")),
            // Under a watermark: noise words on the line are not the name.
            ("SAMPLE PRIYA RAMAN-OKAFOR", &["RAMAN-OKAFOR, PRIYA"], Some("PRIYA RAMAN-OKAFOR")),
            // Marks from the card's pattern: a symbol on a word, `!` for `I`, a zero for
            // `O`, lines of marks between the surname and the given names.
            (
                "FAMItY NAME\nQUINONES™ S\tS\nGIVEN NAME\nMARIA\tA\nMarta Quirenes",
                &["QUIÑONES, MARÍA"],
                Some("QUINONES S MARIA"),
            ),
            (
                "4d DLN 641588409\n. KUZNETSOV\n<7\t> SERGE!\n8 2202 OLD COLONY RD",
                &["Sergei Kuznetsov"],
                Some("KUZNETSOV SERGEI"),
            ),
            ("WASHINGTON\nNombres\nZ0E\nP<USAWASHINGTONK<KZOE", &["WASHINGTON, ZOË"], Some("WASHINGTON ZOE")),
            (
                "in IVANOVA\tQO.\n=\n<=\nop)\nrv NATALIA LYNN\nuu\nNatalia Ivanova",
                &["Natalia Ivanova"],
                Some("IVANOVA NATALIA LYNN"),
            ),
            // A field number read as a letter; a signature does not run into the next field.
            ("4d DLN 265140599\ni1NWOSU\n2 FOLASADE TOBI", &["Folasade Nwosu"], Some("NWOSU FOLASADE TOBI")),
            ("1 DLN 313855223\niNG\n2 JENNIFER\n308 ELM ST", &["NG, JENNIFER"], Some("NG JENNIFER")),
            // The small LN label run into the surname, the FN label read apart; the span
            // is given as read (`lYER`), and screening spells it as expected.
            ("UNDER 21 UNTIL 05/03/2027\nwIYER\nrv SANJAY KUMAR\n279 BOSTON POST RD", &["Sanjay Kumar Iyer"], Some("IYER SANJAY KUMAR")),
            ("rvSANJAY KUMAR\nIYER", &["Sanjay Kumar Iyer"], Some("SANJAY KUMAR IYER")),
            ("wlYER\nen NEHA PRASAD\n683 PROSPECT AVE", &["Neha Prasad Iyer"], Some("lYER NEHA PRASAD")),
            // A speck or a label's letter before the name is no initial; a full stop
            // makes one.
            ("E Ed J. Holloway\n12 OAK ST", &["Holloway, Ed"], Some("Ed J. Holloway")),
            ("DLN 12345\nB LUCÍA Cruz", &["Cruz, Lucía"], Some("LUCIA Cruz")),
            ("DLN 12345\nJ. ROBERT SMITH", &["Smith, Robert"], Some("J. ROBERT SMITH")),
            // A label misread or a speck between the surname and the given names.
            ("HARRINGTON EN BRITTANY JEAN", &["Brittany Harrington"], Some("HARRINGTON BRITTANY JEAN")),
            ("MACDONALD P,- MAEVE RUTH", &["Maeve MacDonald"], Some("MACDONALD MAEVE RUTH")),
            ("YESENIA I MARTINEZ", &["Yesenia Martinez"], Some("YESENIA I MARTINEZ")),
            ("Fatima N. Haddad", &["Fatima Haddad"], Some("Fatima N. Haddad")),
            // A middle initial run into the given name; a word ending in a letter that
            // is no initial of the name stays whole.
            ("TRN, BAOM\nPay Grade", &["Bao M. Trần"], Some("TRAN BAO M")),
            ("HALEY, ANNAM", &["Haley, Anna M."], Some("HALEY, ANNA M")),
            ("HALEY, ANNAK", &["Haley, Anna M."], None),
            // The sex field beside the name's line is no initial; a last initial is.
            ("EL-AMIN M\t02 JUL 1962\nYOUSSEF BIN KHALID", &["EL-AMIN, YOUSSEF B."], Some("EL-AMIN YOUSSEF BIN KHALID")),
            ("YOUSSEF EL-AMIN M\nDOB 02 JUL 1962", &["EL-AMIN, YOUSSEF"], Some("YOUSSEF EL-AMIN M")),
            ("MAI THU NGUY N", &["Mai Thu Nguyen"], Some("MAI THU NGUY N")),
            ("DLN 206776334\n,O SUILLEABHAIN\n> NIAMH MARIE", &["Niamh Ó Súilleabháin"], Some("O SUILLEABHAIN NIAMH MARIE")),
            ("CLASS D\nJennifer Ng 12RestrR NONE", &["NG, JENNIFER"], Some("Jennifer Ng")),
            // A zone's fillers between names; a field number read as a colon.
            ("PENA\nC1USARHZ6882254041346998<<<<<<\nWilfredo Peria\tPENA<<WILFREDO<MANUEL<<<<<<<<<", &["wilfredo manuel peña"], Some("PENA WILFREDO MANUEL")),
            ("4d OLN 774252779\n:PENA\n2 JOSE MANUEL\nJosé Petia", &["Jose Pena"], Some("PENA JOSE MANUEL")),
            ("‘N TASCA\n*N GREGORY PAUL\n9 RIDGE RD", &["TASCA, GREGORY P."], Some("TASCA GREGORY PAUL")),
            ("VENKATARAMAN\nNEHA ‘LAKSHMI\nGIVEN", &["VENKATARAMAN, NEHA"], Some("VENKATARAMAN NEHA LAKSHMI")),
            ("4d DLN 760068131\n_O SUILLEABHAIN\n> AOIFE", &["Aoife Ó Súilleabháin"], Some("O SUILLEABHAIN AOIFE")),
            (
                "SURNAME\nDELGADO\nGIVEN NAME\tDepartment of Homeland Security\nLIESEL RUTH\n9912245F3102178MEX<<<<\nDELGADO<<LIESEL<RUTH<<<<<<<<K<<",
                &["Liesel Delgado"],
                Some("DELGADO LIESEL RUTH"),
            ),
            ("DELGADO<<LIESEL<RUTH<<<<<<<<K<<", &["Liesel Delgado"], Some("DELGADO LIESEL RUTH")),
            ("8007267F2907066USA<<<ccccccecy\nDANGELOX<ANGELAK<<<<ccccececece", &["D'ANGELO, ANGELA"], Some("DANGELO ANGELA")),
            // An accented letter read as another letter.
            ("FAMILY NAME\nDABROWSKI\nGIVEN NAME\nPAWEE ALLEN", &["dąbrowski, paweł"], Some("DABROWSKI PAWEL ALLEN")),
            // Someone else's ID: the surname alone is not the party's name.
            ("FELD\nJENNIFER LYNN", &["FELD, MARCUS A."], None),
            ("BRENDA KOVACS", &["SZABO, BRENDA"], None),
            // A street one letter from the surname is no part of the name.
            ("1 FERREIRA\n2 XIOMARA\n8 638 OLD COLONY RD\nMANCHESTER, CT 06040", &["COLÓN, XIOMARA"], None),
            ("1 COLON\n2 XIOMARA\n8 638 OLD COLONY RD", &["COLÓN, XIOMARA"], Some("COLON XIOMARA")),
            // Of two readings of the same name, the one without a label's scrap.
            ("MUNICIPAL IDENTIFICATION CARD\nHao Huang\nMUNICIPAL IDENTIFICATION CARD\nZn Hao Huang", &["HUANG, HAO"], Some("Hao Huang")),
            // The second expected name is tried when the first is not there.
            ("AMANDA JO LINDQVIST", &["PIERCE, AMANDA J.", "Amanda Lindqvist"], Some("AMANDA JO LINDQVIST")),
        ];
        for (text, expected, want) in table {
            let got = find_on_id(text, expected).map(|f| f.printed);
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn look_alikes_spelled_as_expected() {
        let table = [
            ("PRLYA LYER", "IYER, PRIYA", "PRIYA IYER"),
            ("THA0 NGUYN", "THAO NGUYỄN", "THAO NGUYỄN"),
            ("KATARZYNA YNNC KOWALCZYK", "KOWALCZYK, KATARZYNA L.", "KATARZYNA YNNC KOWALCZYK"),
            ("JOHN PRUITTE", "PRUITT, JOHN", "JOHN PRUITTE"),
            // A letter with a stroke read as two, a lone accented initial read as a digit.
            ("MALEGORZATA KOWALCZYK", "KOWALCZYK, MAŁGORZATA", "MAŁGORZATA KOWALCZYK"),
            ("Kieran Edward 0 Suilleabhain", "Ó SÚILLEABHÁIN, KIERAN", "Kieran Edward Ó SÚILLEABHÁIN"),
            // Three letters for one is no misread; nor is a filler after a printed name.
            ("MALEKGORZATA KOWALCZYK", "KOWALCZYK, MAŁGORZATA", "MALEKGORZATA KOWALCZYK"),
            ("ANNAK MARIA", "MARIA, ANNA", "ANNAK MARIA"),
            // An accented letter OCR wrote as a gap; not two words that are two names.
            ("MAI THU NGUY N", "Mai Thu Nguyễn", "MAI THU NGUYỄN"),
            ("THI D NG", "ĐẶNG, THI", "THI ĐẶNG"),
            ("ANNA MARIA", "ANNAMARIA, ROSE", "ANNA MARIA"),
            ("NGUY N", "NGUYEN, MAI", "NGUY N"),
            // An accented letter OCR left out; a plain letter left out is a real difference.
            ("QUANG QUC NGUYỄN", "Quang Quốc Nguyễn", "QUANG QUỐC NGUYỄN"),
            ("MAI NGC PHẠM", "Phạm, Mai Ngọc", "MAI NGỌC PHẠM"),
            ("MAI NGC PHAM", "Pham, Mai Ngoc", "MAI NGC PHAM"),
            ("QUANG QC", "Quang Quốc", "QUANG QC"),
        ];
        for (read, expected, want) in table {
            assert_eq!(spelled_as_expected(read, expected, NameSource::Print), want, "{read}");
        }
        // A zone spells Ö as OE, and reads the filler after a name as a letter.
        let zone = [
            ("BJOERN STANLEY SCHROEDER", "SCHRÖDER, BJÖRN S.", "BJÖRN STANLEY SCHRÖDER"),
            ("ANNAK MARIA", "MARIA, ANNA", "ANNA MARIA"),
            ("KANNA MARIA", "MARIA, ANNA", "KANNA MARIA"),
        ];
        for (read, expected, want) in zone {
            assert_eq!(spelled_as_expected(read, expected, NameSource::Zone), want, "{read}");
        }
    }

    #[test]
    fn a_relatives_id_shows_whose_it_is() {
        let table: &[(&str, &str, Option<&str>)] = &[
            (
                "4d DL 69582736\nMULLER\t=\nWw\n=\n2 SANNE RUTH\tSo\n8 11 FARMINGTON AVE",
                "MULLER, ANKE",
                Some("MULLER SANNE RUTH"),
            ),
            (
                "FLORIDA\tDRIVER LICENSE\nWILLIAM JOSEPH MARSH IV\n808 PROSPECT AVE",
                "MARSH, TIFFANY",
                Some("WILLIAM JOSEPH MARSH IV"),
            ),
            (
                "City of Stamford\nRESIDENT Tiffany J. Holloway\n1054 ELM ST",
                "Kevin Holloway",
                Some("Tiffany J. Holloway"),
            ),
            // The party's own name, misread: never someone else.
            ("1 BROOKS\n2 DAMA JO", "BROOKS, DANA", None),
            ("1 BROOKS\n2 DANA JO", "BROOKS, DANA", None),
            // Given names run into their field number, or under a surname alone on its line.
            ("4d ON 731282179\n1 HARRINGTON\n2JO\n8 1167 BOSTON POST RD", "Bill Harrington", Some("HARRINGTON JO")),
            (
                "PASSPORT CARD\nABUBAKAR\nBABATUNDE IFEOMA\nUSA\tM\t11 NOV 1967",
                "Oluwaseun Abubakar",
                Some("ABUBAKAR BABATUNDE IFEOMA"),
            ),
            (": O'CONNOR\n2NIAMH R\n8 1983 PARK ST", "Aoife O'Connor", Some("O'CONNOR NIAMH R")),
            // Capitals near a lone surname that are not field 2 are not given names.
            ("PHAM\nde>\twinnvan\nUNITED STATES OF AMERICA\nTEXAS, U.S.A.", "Minh Van Pham", None),
            (", BENNING\n>ED LEE\n3 690 WHITNEY AVE", "BENNING, ED", None),
            // No surname, or the surname alone with nothing readable near it.
            ("2 SANNE RUTH", "MULLER, ANKE", None),
            ("MULLER\n4d DL 69582736", "MULLER, ANKE", None),
        ];
        for (text, party, want) in table {
            assert_eq!(other_name_beside_surname(text, party).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn a_layout_reading_with_other_given_names_beside_the_found_surname() {
        let found = |printed: &str, expected: &str| FoundOnId { printed: printed.into(), expected: expected.into() };
        let table = [
            (found("GARCIA LOPEZ", "GARCÍA LÓPEZ, JOSÉ M."), "LUIS GARCIA LOPEZ", true),
            (found("MULLER", "MULLER, ANKE"), "SANNE RUTH MULLER", true),
            // The party's own name found whole, a watermark beside it: not a relative.
            (found("JANE HAYES", "HAYES, JANE"), "JANE HAYES SAMPLE", false),
            // The layout read part of the name the search found.
            (found("JOSE GARCIA LOPEZ", "GARCÍA LÓPEZ, JOSÉ M."), "GARCIA LOPEZ", false),
            // The layout's reading lost the found surname: no evidence whose ID it is.
            (found("GARCIA LOPEZ", "GARCÍA LÓPEZ, JOSÉ M."), "LUIS GARCIA", false),
        ];
        for (found, layout, want) in table {
            assert_eq!(found.shows_other_given_names(layout), want, "{layout} for {found:?}");
        }
    }

    #[test]
    fn surname_shown() {
        assert!(shows_surname("PASSPORT\nPHAM\nde>\twinnvan", "Minh Van Pham"));
        assert!(shows_surname("1 WH1TL0CK\n2 DANA", "WHITLOCK, DANA R."));
        assert!(!shows_surname("PASSPORT\nUNITED STATES", "Minh Van Pham"));
        assert!(!shows_surname("1 PHAMS", "PHAM, MINH"));
        // A name line read with letters misread beside one word read exactly.
        assert!(shows_name("FLORIDA DRIVER LICENSE\nLAN NGC DBNG\n1513 CHAPEL ST", "ĐẶNG, LAN NGỌC"));
        assert!(!shows_name("LAN\nCHAPEL ST", "ĐẶNG, LAN NGỌC"));
        assert!(!shows_name("DANA LANE", "ĐẶNG, LAN NGỌC"));
    }

    #[test]
    fn explanation_says_what_differs() {
        let c = compare("PIERCE, AMANDA J.", "AMANDA JO LINDQVIST");
        assert!(c.explanation.contains("pierce: not in the other name"), "{}", c.explanation);
        let c = compare("WHITLOCK, DANA R.", "DANA RUTH WH1TL0CK");
        assert!(c.explanation.contains("look-alike"), "{}", c.explanation);
    }

    #[test]
    fn marriage_certificate_bridges_maiden_and_married_names() {
        let cert = text::tokens(
            "CERTIFICATE OF MARRIAGE PARTY A CURRENT LEGAL NAME AMANDA JO PIERCE \
             PARTY A SURNAME AFTER MARRIAGE LINDQVIST PARTY B ERIK JOHAN LINDQVIST",
        );
        assert!(bridges("PIERCE, AMANDA J.", "AMANDA JO LINDQVIST", &cert));
        // A certificate about other people bridges nothing.
        let other = text::tokens("CERTIFICATE OF MARRIAGE MARY SMITH JOHN LINDQVIST");
        assert!(!bridges("PIERCE, AMANDA J.", "AMANDA JO LINDQVIST", &other));
        // Nor one that never mentions the new name.
        let old_only = text::tokens("DECREE AMANDA JO PIERCE");
        assert!(!bridges("PIERCE, AMANDA J.", "AMANDA JO LINDQVIST", &old_only));
        // A surname of particles, and a middle name on the ID the record leaves out.
        let record = text::tokens(
            "CERTIFIED COPY OF MARRIAGE RECORD SPOUSE 1 Name betore marriage: SOFIA DE LA CRUZ \
             Name after marriage: SOFIA LAM Surname after marriage: LAM",
        );
        assert!(bridges("DE LA CRUZ, SOFÍA L.", "LAM SOFIA LUZ", &record));
        // The former surname split and cut by OCR on a decree still names it; a
        // different surname does not.
        let decree =
            text::tokens("Present name: MAID NG ORDERED: That the name of MAI D NG is changed to MAI BRENNAN.");
        assert!(bridges("DANG, MAI", "Mai N. Brennan", &decree));
        assert!(!bridges("DUONG, MAI", "Mai N. Brennan", &decree));
        let other = text::tokens("ORDERED: That the name of MAI LE is changed to MAI BRENNAN.");
        assert!(!bridges("DANG, MAI", "Mai N. Brennan", &other));
    }
}
