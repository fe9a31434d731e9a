//! Directory-guided reading. The directory knows what a party could mean: the user IDs
//! of the accounts the message may concern, the dockets and captions of their pending
//! requests, the names they enrolled and are on the case under. This module looks for
//! exactly those values in the party's own text — tolerant of case, spacing,
//! punctuation, word order and docket shapes — and reports each one only where the text
//! really states it, with the words as written. Pure functions over text.
//!
//! Nothing here makes a value stated because the directory has it: a value is found in
//! the party's words or not at all.

use std::sync::LazyLock;

use regex::Regex;

use super::{OwnText, Source};
use crate::domain::{name_tokens, CaseName, DocketNumber, PersonName, UserId};

/// A directory value found in the party's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub source: Source,
    /// The party's words for it, as written.
    pub as_written: String,
}

/// One word of the party's text with where it sits.
#[derive(Debug, Clone)]
struct Word<'a> {
    raw: &'a str,
    start: usize,
    end: usize,
    line: usize,
}

/// Splits on whitespace and on the marks that end a label run into its value
/// (`Applicant:Dwayne`, `ID=jdoe`), keeping byte offsets and the line each word is on.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for (line, (offset, line_text)) in line_offsets(text).enumerate() {
        let mut start = None;
        // A file name's underscores separate its words (`Dana_Whitlock_license`), or,
        // where its fields are phrases with spaces of their own, the fields themselves
        // (`WHITLOCK, BRITTANY_WHITLOCK VS TOWN OF WEST HARTFORD_ID`).
        let field_mark = |c: char| c == '_' && line_text.contains(' ');
        for (i, c) in line_text.char_indices().chain(std::iter::once((line_text.len(), ' '))) {
            let blank = c.is_whitespace() || c == '_';
            let splits = blank || matches!(c, ':' | '=' | '|' | ';');
            match (splits, start) {
                (true, Some(st)) => {
                    // Keep a trailing mark on the word it ends ("Whitlock," / "Name:").
                    let end = if blank || i == line_text.len() { i } else { i + c.len_utf8() };
                    out.push(Word { raw: &line_text[st..end], start: offset + st, end: offset + end, line });
                    start = None;
                    if field_mark(c) {
                        out.push(Word { raw: &line_text[i..i + 1], start: offset + i, end: offset + i + 1, line });
                    }
                }
                (false, None) => start = Some(i),
                // A bar or semicolon standing alone separates fields (`Ed Whitlock |
                // ewhitlock | Whitlock v. Capital One`): a word of its own that no
                // caption or name runs across.
                (true, None) if matches!(c, '|' | ';') || field_mark(c) => {
                    let end = i + c.len_utf8();
                    out.push(Word { raw: &line_text[i..end], start: offset + i, end: offset + end, line });
                }
                _ => {}
            }
        }
    }
    out
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |l| {
        let start = offset;
        offset += l.len() + 1;
        (start, l)
    })
}

/// Punctuation that wraps a word without being part of it.
fn bare(raw: &str) -> &str {
    raw.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '"' | '\'' | '<' | '>' | '*' | '`'))
        .trim_end_matches([',', ';', ':', '!', '?'])
}

// ---------------------------------------------------------------------------------
// User IDs

/// Words that, on the same line, say a user ID is being given.
const USER_ID_CUES: &[&str] = &[
    "user",
    "userid",
    "username",
    "usename",
    "login",
    "logon",
    "id",
    "account",
    "e-services",
    "eservices",
    "handle",
    "uid",
    "sign-in",
    "signin",
];

/// Where the user IDs of candidate accounts appear as whole tokens (split where a user
/// ID cannot continue: `*eServices ID*:e_deleon`, `(E-Services: tran.duc).`). A user ID
/// that is an ordinary word or name (`tasca`, `dana`) counts only where the line says
/// a user ID is given, the token stands alone on its line, or it is written with the
/// exact capitalisation the account has and is not part of a name the party wrote.
pub fn find_user_ids(own: &[OwnText], ids: &[UserId], name_tokens_seen: &[String]) -> Vec<Found<UserId>> {
    let mut out: Vec<Found<UserId>> = Vec::new();
    for text in own {
        for line in text.text.lines() {
            let tokens = id_tokens(line);
            for token in &tokens {
                let in_file_name = |id: &&UserId| text.source == Source::FileName && joined_in_file_name(token, id);
                let Some(id) = ids.iter().find(|id| id.as_str().eq_ignore_ascii_case(token) || in_file_name(id)) else {
                    continue;
                };
                if out.iter().any(|f| &f.value == id) {
                    continue;
                }
                if user_id_stated_here(line, tokens.len(), token, id, text.source, name_tokens_seen) {
                    out.push(Found { value: id.clone(), source: text.source, as_written: token.to_string() });
                }
            }
        }
    }
    out
}

/// A file name's fields run together with underscores or dashes
/// (`E-access c_mcgillicuddy_photo id`): a user ID shaped like a login may be one or
/// more of those fields.
fn joined_in_file_name(token: &str, id: &UserId) -> bool {
    // Compared as bytes, without copies: this runs for every account the directory has.
    let (token, id) = (token.as_bytes(), id.as_str().as_bytes());
    let edge = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b'_' | b'-'));
    let at_edges = |at: usize| {
        token[at..at + id.len()].eq_ignore_ascii_case(id)
            && edge(at.checked_sub(1).and_then(|i| token.get(i)))
            && edge(token.get(at + id.len()))
    };
    token.len() >= id.len()
        && (0..=token.len() - id.len()).any(at_edges)
        && super::patterns::looks_like_login(&String::from_utf8_lossy(id).to_ascii_lowercase())
}

/// The pieces of a line that could be a user ID.
fn id_tokens(line: &str) -> Vec<&str> {
    line.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')))
        .map(super::patterns::user_id_token)
        .filter(|t| !t.is_empty())
        .collect()
}

fn user_id_stated_here(
    line: &str,
    tokens_on_line: usize,
    token: &str,
    id: &UserId,
    source: Source,
    name_tokens_seen: &[String],
) -> bool {
    if super::patterns::looks_like_login(token) || source == Source::FileName {
        return true;
    }
    let lower = line.to_lowercase();
    let cue = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| USER_ID_CUES.contains(&w) || w.starts_with("user") || w.starts_with("login"));
    let alone = tokens_on_line == 1;
    let part_of_name = name_tokens_seen.iter().any(|t| t.eq_ignore_ascii_case(token));
    cue || alone || (token == id.as_str() && !part_of_name)
}

// ---------------------------------------------------------------------------------
// Docket numbers

static SEVEN_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])(\d{7})(?:[^0-9]|$)").expect("seven-digit pattern compiles"));

/// Dockets of candidate cases written without their location or category: the
/// seven-digit number with the year just before it (`CV24-6187342`, `24 6187342`) or
/// after a docket or case-number cue (`docket no. 6187342`).
pub fn find_dockets(own: &[OwnText], dockets: &[DocketNumber]) -> Vec<Found<DocketNumber>> {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:docket|dkt|case|file)\s*(?:number|num|no|#)?\.?\s*[:#]?\s*$").expect("cue pattern compiles")
    });
    let mut out: Vec<Found<DocketNumber>> = Vec::new();
    for text in own {
        for caps in SEVEN_DIGITS.captures_iter(&text.text) {
            let Some(m) = caps.get(1) else { continue };
            let before = &text.text[..m.start()];
            let window: String = before.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            let compact: String = window.chars().filter(char::is_ascii_alphanumeric).collect();
            for d in dockets.iter().filter(|d| d.number() == m.as_str()) {
                let year_before = compact.ends_with(d.year());
                let cue_before = CUE.is_match(before.trim_end_matches([' ', '\t']));
                if (year_before || cue_before) && !out.iter().any(|f| &f.value == d) {
                    out.push(Found { value: d.clone(), source: text.source, as_written: m.as_str().to_string() });
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Case names

/// Words between the two sides of a caption.
fn is_versus(raw: &str) -> bool {
    let w = bare(raw).to_lowercase();
    matches!(w.as_str(), "v" | "v." | "vs" | "vs." | "versus" | "-v-" | "v/s" | "vs.," | "v.," | "against")
}

/// Words a caption may carry that do not tell one party from another.
const CAPTION_FILLER: &[&str] = &[
    "llc",
    "l",
    "c",
    "inc",
    "incorporated",
    "co",
    "company",
    "corp",
    "corporation",
    "pc",
    "llp",
    "ltd",
    "limited",
    "lp",
    "pllc",
    "the",
    "of",
    "and",
    "et",
    "al",
    "a",
    "an",
    "dba",
    "n",
    "na",
];

/// Filler that ends a caption (an entity form, `et al.`); other filler at the edge
/// (`and`, `the`) belongs to the prose around it.
const CAPTION_TAIL: &[&str] = &[
    "llc",
    "l",
    "c",
    "inc",
    "incorporated",
    "co",
    "company",
    "corp",
    "corporation",
    "pc",
    "llp",
    "ltd",
    "limited",
    "lp",
    "pllc",
    "et",
    "al",
    "n",
    "na",
];

/// Captions of candidate cases written in the party's words: each side of the party's
/// caption made only of words from one side of the court's (any order, abbreviations,
/// one typo in long words), with `v.`, `vs`, `versus` or `against` between them. A
/// caption found inside a longer one another case explains (`Haven VS Holloway` within
/// `City of New Haven VS Holloway`) is that other case's.
pub fn find_case_names(own: &[OwnText], cases: &[(DocketNumber, CaseName)]) -> Vec<Found<(DocketNumber, CaseName)>> {
    let mut spans = Vec::new();
    for (piece, text) in own.iter().enumerate() {
        let ws = words(&text.text);
        for m in (1..ws.len().saturating_sub(1)).filter(|&m| is_versus(ws[m].raw)) {
            for (docket, court) in cases {
                let Some((from, to)) = caption_span(&ws, m, court) else { continue };
                let written = trim_caption(&text.text[ws[from].start..ws[to].end]);
                if let Ok(stated) = CaseName::parse(&written) {
                    if stated.names_same_case_as(court) {
                        let found = Found { value: (docket.clone(), stated), source: text.source, as_written: written };
                        spans.push(((piece, ws[from].start, ws[to].end), found));
                    }
                }
            }
        }
    }
    let within = |a: (usize, usize, usize), b: (usize, usize, usize)| a.0 == b.0 && b.1 <= a.1 && a.2 <= b.2 && a != b;
    let outer: Vec<_> = spans.iter().map(|(span, _)| *span).collect();
    spans.into_iter().filter(|(span, _)| !outer.iter().any(|o| within(*span, *o))).map(|(_, found)| found).collect()
}

/// The word range of a caption around the versus word `m`, when both sides fit the
/// court's caption. Where both orders of the court's sides fit, the wider reading is
/// the party's: in `Maeve Doyle v. Doyle` for `DOYLE, NIAMH v. DOYLE, MAEVE` the
/// writer put their own side first, and `Maeve` belongs to the caption.
fn caption_span(ws: &[Word<'_>], m: usize, court: &CaseName) -> Option<(usize, usize)> {
    let (sides, words) = (court.side_tokens(), court.side_words());
    if sides.len() < 2 || words.len() < 2 {
        return None;
    }
    [(0, 1), (1, 0)]
        .into_iter()
        .filter_map(|(left, right)| {
            let from = extend(ws, m, Side { telling: &sides[left], all: &words[left] }, Direction::Left)?;
            let to = extend(ws, m, Side { telling: &sides[right], all: &words[right] }, Direction::Right)?;
            Some((from, to))
        })
        .max_by_key(|&(from, to)| (to - from, std::cmp::Reverse(from)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Left,
    Right,
}

/// One side of the court's caption: its telling tokens, and all its tokens.
#[derive(Clone, Copy)]
struct Side<'a> {
    telling: &'a [String],
    all: &'a [String],
}

/// Walks away from the versus word over words of `side` (and filler), on its line or
/// across one wrap of a hard-wrapped line, and returns the farthest word index that is
/// a telling word of the side, a short word the court's side also has (`SPV I`,
/// `Ó Súilleabháin`, `N.A.`) or, to the right, an entity or `et al.` tail. `None` when
/// no telling word of the side was met.
fn extend(ws: &[Word<'_>], m: usize, side: Side<'_>, direction: Direction) -> Option<usize> {
    let indices: Box<dyn Iterator<Item = usize>> = match direction {
        Direction::Left => Box::new((0..m).rev()),
        Direction::Right => Box::new(m + 1..ws.len()),
    };
    let (mut edge, mut telling_seen) = (None, false);
    let mut met: Vec<String> = Vec::new();
    let mut previous = m;
    for i in indices {
        let w = &ws[i];
        let sentence_end = w.raw.ends_with(['.', ';', ':', '!', '?']) && !ends_with_abbreviation(w.raw);
        if !same_or_wrapped(ws, previous, i) || (direction == Direction::Left && sentence_end) {
            break;
        }
        previous = i;
        if w.raw == "&" {
            continue;
        }
        let tokens = name_tokens(w.raw);
        let telling: Vec<&String> =
            tokens.iter().filter(|t| !CAPTION_FILLER.contains(&t.as_str()) && t.len() > 1).collect();
        // A side names each word once: "Jefferson, Jefferson Home…" is a name, then a side.
        let repeated = telling.iter().any(|t| crate::domain::side_word_within(t, &met));
        // Short words and particles the court's side also has (`SPV I`, `Ó`, `Al Saadi`,
        // `de Vries`): part of the side once one of its telling words was met.
        let courts_word = tokens.iter().all(|t| side.all.contains(t));
        let of_side = telling.iter().all(|t| crate::domain::side_word_within(t, side.telling));
        if tokens.is_empty() || repeated || !(of_side || courts_word) {
            break;
        }
        met.extend(telling.iter().map(|t| t.to_string()));
        let tail = tokens.iter().all(|t| CAPTION_TAIL.contains(&t.as_str()) || side.all.contains(t));
        if !telling.is_empty() && of_side {
            (edge, telling_seen) = (Some(i), true);
        } else if telling_seen && (courts_word || (direction == Direction::Right && tail)) {
            edge = Some(i);
        }
        let opens = w.raw.starts_with(['(', '"', '[']);
        if (direction == Direction::Right && sentence_end) || (direction == Direction::Left && opens) {
            break;
        }
    }
    edge.filter(|_| telling_seen)
}

/// Lines at least this long were wrapped by the mail client, not ended by the writer.
const WRAPPED_LINE: usize = 40;

/// Whether word `b` continues word `a`'s text: on the same line, or on the next line
/// when `a` ends a long line and `b` starts the next (prose wrapped at a fixed width;
/// a list's short lines are separate statements).
fn same_or_wrapped(ws: &[Word<'_>], a: usize, b: usize) -> bool {
    let (first, second) = (a.min(b), a.max(b));
    let (x, y) = (&ws[first], &ws[second]);
    if x.line == y.line {
        return true;
    }
    let line_start = ws[..first].iter().rev().take_while(|w| w.line == x.line).last().map_or(x.start, |w| w.start);
    y.line == x.line + 1 && second == first + 1 && x.end - line_start >= WRAPPED_LINE
}

fn ends_with_abbreviation(raw: &str) -> bool {
    let core = raw.trim_end_matches(['.', ',', ')']).to_lowercase();
    // An initialism (`N.A.`, `L.L.C.`) ends with its own period.
    let initialism = core.contains('.') && core.split('.').all(|piece| piece.chars().count() == 1);
    initialism
        || core.chars().count() <= 2
        || ["inc", "co", "corp", "ltd", "l.l.c", "p.c", "al"].contains(&core.as_str())
        || crate::domain::is_caption_abbreviation(&core)
}

fn trim_caption(s: &str) -> String {
    let s = s.trim_start_matches(['(', '"', '[', '\'', '*']);
    let mut s = s.trim_end_matches([')', '"', ']', '\'', '*', ',', ';', ':', '!', '?']);
    if s.ends_with('.') && !ends_with_abbreviation(s.rsplit(' ').next().unwrap_or("")) {
        s = s.trim_end_matches('.');
    } else if s.ends_with("..") {
        // An abbreviation ending the sentence: `Co..` keeps one full stop.
        s = &s[..s.len() - 1];
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------
// People's names

/// Generational suffixes a written name may end with.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "esq"];

/// Names the directory expects (the account holder's, the party's on the request)
/// written in the party's text: a run of name words on one line holding at least two
/// significant tokens of the expected name and nothing but its tokens, initials,
/// suffixes and at most two middle names. `skip` lists byte ranges (per text) already
/// taken by a caption.
pub fn find_names(own: &[OwnText], names: &[PersonName], skip: &[(usize, usize, usize)]) -> Vec<Found<PersonName>> {
    let mut out = Vec::new();
    for (t, text) in own.iter().enumerate() {
        let ws = words(&text.text);
        for expected in names {
            let wanted = expected.significant_tokens();
            if wanted.len() < 2 {
                continue;
            }
            for (from, to) in name_runs(&ws, &wanted) {
                let (start, end) = (ws[from].start, ws[to].end);
                if skip.iter().any(|&(st, s, e)| st == t && start < e && s < end) {
                    continue;
                }
                let written = text.text[start..end].trim_end_matches([',', ';', ':']);
                // A name in brackets ending the sentence: "(Thomas Whitlock)."
                let written = written.strip_suffix(").").or_else(|| written.strip_suffix(')')).unwrap_or(written);
                let written = written.trim_start_matches(['(', '"', '\'']).trim_end_matches('"');
                // A sentence's full stop is not part of the name; an initial's or an
                // abbreviated suffix's (`Jr.`) is, a numeral's (`II.`) is not.
                let last_word = written.rsplit(' ').next().unwrap_or_default();
                let keeps_stop = (is_initial_or_suffix(last_word) || is_lower_initial(last_word))
                    && !super::patterns::is_generational_numeral(last_word);
                let written = match written.strip_suffix('.') {
                    Some(w) if !keeps_stop => w,
                    _ => written,
                }
                .to_string();
                if let Ok(name) = PersonName::parse(&written) {
                    if !out.iter().any(|f: &Found<PersonName>| f.as_written == written) {
                        out.push(Found { value: name, source: text.source, as_written: written });
                    }
                }
            }
        }
    }
    out
}

/// Word ranges on one line that spell `wanted` (significant tokens of a name).
fn name_runs(ws: &[Word<'_>], wanted: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some(Run { from, to, hits, interior }) = run_from(ws, i, wanted) else {
            i += 1;
            continue;
        };
        // The court's rule: one name's tokens within the other's, two agreeing. A middle
        // name the directory lacks is fine only when every expected token is there.
        if hits >= 2 && (interior == 0 || hits == wanted.len()) {
            out.push((from, extend_name_edges(ws, from, to)));
        }
        i = to + 1;
    }
    out
}

/// Words of a name found in text.
struct Run {
    /// First and last word holding a wanted token.
    from: usize,
    to: usize,
    /// Distinct wanted tokens met.
    hits: usize,
    /// Capitalised words between wanted tokens that the expected name lacks.
    interior: usize,
}

/// A run starting at word `i` (which must hold a wanted token): it continues over
/// wanted tokens, initials, suffixes and up to two capitalised middle names between
/// wanted tokens.
fn run_from(ws: &[Word<'_>], i: usize, wanted: &[String]) -> Option<Run> {
    if looks_like_login_word(ws[i].raw) {
        return None;
    }
    let first = name_tokens(bare(ws[i].raw));
    let shortened = |t: &String| shortened_given_name(t, wanted) && !is_not_name(ws[i].raw);
    if first.is_empty() || !first.iter().all(|t| wanted.contains(t) || shortened(t)) {
        return None;
    }
    let line = ws[i].line;
    // A name written all in lower case ("dana jo brooks") has its middle name so too.
    let lower_case = !bare(ws[i].raw).chars().any(char::is_uppercase);
    let mut met: Vec<String> = first;
    let (mut last, mut extras, mut interior) = (i, 0, 0);
    for (j, w) in ws.iter().enumerate().skip(i + 1) {
        if w.line != line || ws[j - 1].raw.ends_with([';', ':', '!', '?', ')']) {
            break;
        }
        let tokens = name_tokens(bare(w.raw));
        if tokens.is_empty() {
            break;
        }
        if tokens.iter().all(|t| wanted.contains(t)) {
            if tokens.iter().any(|t| met.contains(t)) {
                break;
            }
            met.extend(tokens);
            last = j;
            interior += extras;
            extras = 0;
        } else if is_initial_or_suffix(w.raw) || (lower_case && is_lower_initial(w.raw)) {
            continue;
        } else if (is_capitalised(w.raw) || (lower_case && is_lower_word(w.raw))) && extras < 2 && !is_not_name(w.raw) {
            extras += 1;
        } else {
            break;
        }
    }
    Some(Run { from: i, to: last, hits: met.len(), interior })
}

/// Takes a trailing initial (`Whitlock, Dana R.`) or suffix (`Jr.`) into the name.
fn extend_name_edges(ws: &[Word<'_>], from: usize, to: usize) -> usize {
    let mut to = to;
    while let Some(next) = ws.get(to + 1) {
        let prev_ends = ws[to].raw.ends_with(['.', ';', ':', '!', '?', ')']) && !is_initial_or_suffix(ws[to].raw);
        let joins = next.line == ws[from].line && !prev_ends;
        let bare_next = bare(next.raw);
        let initial = bare_next.len() == 2 && bare_next.ends_with('.') && bare_next.starts_with(char::is_uppercase);
        let suffix = SUFFIXES.contains(&bare_next.trim_end_matches('.').to_lowercase().as_str());
        if joins && (initial || suffix) {
            to += 1;
        } else {
            break;
        }
    }
    to
}

fn is_initial_or_suffix(raw: &str) -> bool {
    let b = bare(raw).trim_end_matches('.');
    (b.chars().count() == 1 && b.chars().all(char::is_uppercase)) || SUFFIXES.contains(&b.to_lowercase().as_str())
}

/// `e.` in a name written all in lower case.
fn is_lower_initial(raw: &str) -> bool {
    let b = bare(raw).trim_end_matches('.');
    b.chars().count() == 1 && b.chars().all(char::is_lowercase)
}

/// A given name as people sign it, only as a run's first word, so another of the
/// name's words must still follow: its start (`Jen` for Jennifer, three letters or
/// more), its end (`Emeka` for Chukwuemeka, four or more: names built of words are
/// shortened to the last), or a known nickname (`Bob` for Robert, `Liz` for Elizabeth).
fn shortened_given_name(token: &str, wanted: &[String]) -> bool {
    wanted.iter().any(|w| {
        let shorter = w.len() > token.len();
        (shorter && token.len() >= 3 && w.starts_with(token))
            || (shorter && token.len() >= 4 && w.ends_with(token))
            || super::nicknames::is_nickname_of(token, w)
    })
}

fn is_capitalised(raw: &str) -> bool {
    let b = bare(raw);
    b.chars().next().is_some_and(char::is_uppercase)
        && b.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
}

/// `brendan.mccarthy`, `d_whitlock`, `jdoe84`: a user ID made of a name, not a name.
fn looks_like_login_word(raw: &str) -> bool {
    let b = bare(raw).trim_end_matches('.');
    b.contains(['_', '@']) || b.chars().any(|c| c.is_ascii_digit()) || b.split('.').filter(|p| p.len() > 1).count() >= 2
}

fn is_lower_word(raw: &str) -> bool {
    let b = bare(raw);
    b.chars().count() >= 2 && b.chars().all(|c| c.is_lowercase() || matches!(c, '\'' | '-'))
}

fn is_not_name(raw: &str) -> bool {
    super::patterns::is_not_name_word(bare(raw))
}

#[cfg(test)]
mod tests;
