//! Extraction: what the sender states — name, E-Services user ID, case name, docket
//! number — from labelled lists, prose, the subject, signatures and file names. Pure
//! functions over text; the directory is consulted later, in screening, to choose
//! between weaker candidates.

pub mod guided;
mod labels;
mod nicknames;
mod patterns;
mod text;

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::{CaseName, DocketNumber, PersonName, UserId};
use labels::Label;
pub use text::normalise;

/// Where a candidate value was found, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// After a label such as `Name:`.
    Label,
    /// In a sentence: "my name is …", "my user id is …", a caption in prose.
    Prose,
    /// A line of its own (a signature, an unlabelled list).
    Line,
    Subject,
    FileName,
    /// A message the sender forwarded (not the court's own).
    Forwarded,
    /// A letter attached to the message (`.docx`, a PDF's text).
    Letter,
}

/// A piece of the party's own text: what they wrote, without quoted replies, the
/// court's pasted instructions or other people's forwarded mail. Directory-guided
/// reading searches these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnText {
    pub source: Source,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<T> {
    pub value: T,
    pub source: Source,
    /// Strong candidates are taken as stated; weak ones only when the directory
    /// confirms them or nothing stronger exists.
    pub strong: bool,
}

/// Everything the sender may have stated, in order of preference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatedFields {
    pub names: Vec<Candidate<PersonName>>,
    pub user_ids: Vec<Candidate<UserId>>,
    pub case_names: Vec<Candidate<CaseName>>,
    pub dockets: Vec<Candidate<DocketNumber>>,
    /// The party's own text the candidates were read from.
    pub own_text: Vec<OwnText>,
}

impl StatedFields {
    /// Every token of the party's text that could be a user ID: the directory is asked
    /// which of them are accounts.
    pub fn possible_user_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for piece in &self.own_text {
            for token in piece.text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')))
            {
                let token = patterns::user_id_token(token);
                if token.len() >= 2 && UserId::parse(token).is_ok() {
                    let folded = token.to_ascii_lowercase();
                    if !out.contains(&folded) {
                        out.push(folded);
                    }
                }
            }
        }
        out
    }
}

/// A message forwarded inside the party's mail.
#[derive(Debug, Clone, Copy)]
pub struct Forwarded<'a> {
    /// Its author's address, when the mail says.
    pub from: Option<&'a str>,
    pub text: &'a str,
}

/// What extraction reads.
#[derive(Debug, Clone, Copy)]
pub struct ExtractionInput<'a> {
    pub body: &'a str,
    pub subject: &'a str,
    /// The sender's address: a forwarded message they wrote themselves is their
    /// statement, one someone else wrote is not.
    pub sender: Option<&'a str>,
    /// Messages forwarded as attachments whose author is not the court.
    pub forwarded: &'a [Forwarded<'a>],
    pub file_names: &'a [&'a str],
    /// Text of letters the party attached.
    pub letters: &'a [&'a str],
}

/// Court-specific knowledge extraction needs.
#[derive(Debug, Clone, Default)]
pub struct ExtractionRules {
    pub court_locations: Vec<String>,
    pub example_dockets: Vec<DocketNumber>,
    pub boilerplate_markers: Vec<String>,
}

pub fn extract(input: &ExtractionInput<'_>, rules: &ExtractionRules) -> StatedFields {
    let mut fields = StatedFields::default();
    let body = normalise(input.body);
    let own = text::sender_text(&body, &rules.boilerplate_markers);
    read_lines(&own.lines, Origin::Body, rules, &mut fields);
    keep_own(&mut fields, Source::Prose, own.lines.join("\n"));
    let subject = normalise(input.subject);
    read_subject(&subject, rules, &mut fields);
    keep_own(&mut fields, Source::Subject, SUBJECT_PREFIX.replace(&subject, "").into_owned());
    read_file_names(input.file_names, rules, &mut fields);
    for name in input.file_names {
        let stem = name.rsplit_once('.').map_or(*name, |(s, _)| s);
        keep_own(&mut fields, Source::FileName, stem.to_string());
        keep_own(&mut fields, Source::FileName, stem.replace(['_', '+'], " "));
    }
    for letter in input.letters {
        let letter_own = text::sender_text(&normalise(letter), &rules.boilerplate_markers);
        read_lines(&letter_own.lines, Origin::Letter, rules, &mut fields);
        keep_own(&mut fields, Source::Letter, letter_own.lines.join("\n"));
    }
    let inline = own.forwarded.iter().map(|t| Forwarded { from: None, text: t.as_str() });
    for forwarded in input.forwarded.iter().copied().chain(inline) {
        read_forwarded(forwarded, input.sender, Unknown::Weak, rules, &mut fields);
    }
    if let Some(earlier) = &own.earlier {
        let earlier = Forwarded { from: None, text: earlier };
        read_forwarded(earlier, input.sender, Unknown::Skip, rules, &mut fields);
    }
    fields.dockets.retain(|c| !rules.example_dockets.contains(&c.value));
    dedupe(&mut fields);
    fields
}

/// What an earlier message of unknown author counts for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unknown {
    /// Weak evidence (a message the party forwarded on purpose).
    Weak,
    /// Nothing (a quoted message below a reply, most often the court's).
    Skip,
}

/// A message the party forwarded or resent: their own earlier mail is their
/// statement; someone else's is not theirs; one of unknown author counts as `unknown`
/// says.
fn read_forwarded(
    forwarded: Forwarded<'_>,
    sender: Option<&str>,
    unknown: Unknown,
    rules: &ExtractionRules,
    fields: &mut StatedFields,
) {
    let (author, body) = text::forwarded_parts(&normalise(forwarded.text));
    let author = forwarded.from.map(str::to_ascii_lowercase).or(author);
    let origin = match (author, sender) {
        (Some(a), Some(s)) if a.eq_ignore_ascii_case(s) => Origin::OwnForwarded,
        (Some(_), _) => return,
        (None, _) if unknown == Unknown::Weak => Origin::Forwarded,
        (None, _) => return,
    };
    let forwarded_own = text::sender_text(&body, &rules.boilerplate_markers);
    read_lines(&forwarded_own.lines, origin, rules, fields);
    keep_own(fields, Source::Forwarded, forwarded_own.lines.join("\n"));
}

fn keep_own(fields: &mut StatedFields, source: Source, text: String) {
    if !text.trim().is_empty() && !fields.own_text.iter().any(|o| o.text == text) {
        fields.own_text.push(OwnText { source, text });
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Body,
    Letter,
    /// The party's own earlier message, forwarded: their statement.
    OwnForwarded,
    /// A forwarded message whose author is not known.
    Forwarded,
}

impl Origin {
    fn source(self, in_body: Source) -> Source {
        match self {
            Origin::Body => in_body,
            Origin::Letter => Source::Letter,
            Origin::OwnForwarded | Origin::Forwarded => Source::Forwarded,
        }
    }
}

/// A label alone on its line, waiting for its value on a following line.
#[derive(Clone, Copy)]
struct PendingLabel {
    label: Label,
    /// No colon (`Self-represented party` closing a signature is a role, not a
    /// label), or a blank line since: a name is then taken only from a name line.
    loose: bool,
}

impl PendingLabel {
    fn accepts(self, line: &str) -> bool {
        !self.loose || self.label != Label::Name || patterns::is_name_line(line)
    }
}

fn read_lines(lines: &[String], origin: Origin, rules: &ExtractionRules, fields: &mut StatedFields) {
    let strong = origin != Origin::Forwarded;
    let mut first_name: Option<String> = None;
    let mut last_name: Option<String> = None;
    let mut pending: Option<PendingLabel> = None;

    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            // A value after a blank line may be anything: only a name line is a name.
            pending = pending.map(|p| PendingLabel { loose: true, ..p });
            continue;
        }
        // A label on its own line: the value is on the next line.
        if let Some(p) = pending.take() {
            if labels::read(line).is_none() && labels::bare_label(line).is_none() && p.accepts(line) {
                take_labelled(p.label, line, origin, rules, fields, &mut first_name, &mut last_name);
                continue;
            }
        }
        if let Some(label) = labels::bare_label(line) {
            pending = Some(PendingLabel { label, loose: !line.trim_end().ends_with([':', '\u{FF1A}']) });
            continue;
        }
        let labelled = labels::read_all(line);
        for lv in &labelled {
            take_labelled(lv.label, &lv.value, origin, rules, fields, &mut first_name, &mut last_name);
        }
        let mentions = DocketNumber::find_all(line, &rules.court_locations);
        let docket_words: Vec<&str> =
            mentions.iter().flat_map(|m| line[m.start..m.end].split(|c: char| !c.is_alphanumeric())).collect();
        for mention in mentions {
            push(&mut fields.dockets, mention.docket, origin.source(Source::Prose), strong);
        }
        if labelled.is_empty() {
            read_prose_line(line, &docket_words, origin, fields);
        }
    }
    if let (Some(first), Some(last)) = (first_name, last_name) {
        if let Ok(name) = PersonName::parse(&format!("{first} {last}")) {
            push(&mut fields.names, name, origin.source(Source::Label), strong);
        }
    }
    // Prose spread over wrapped lines: join each paragraph and read sentences.
    for paragraph in lines.split(|l| l.trim().is_empty()) {
        let joined = paragraph.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        // A docket number the mail client wrapped onto the next line (`NWH` / `CV18-…`).
        if paragraph.len() > 1 {
            for mention in DocketNumber::find_all(&joined, &rules.court_locations) {
                push(&mut fields.dockets, mention.docket, origin.source(Source::Prose), strong);
            }
        }
        let (strong_names, weak_names) = patterns::prose_names(&joined);
        for n in strong_names.iter().filter_map(|n| PersonName::parse(n).ok()) {
            push(&mut fields.names, n, origin.source(Source::Prose), strong);
        }
        for n in weak_names.iter().filter_map(|n| PersonName::parse(n).ok()) {
            push(&mut fields.names, n, origin.source(Source::Prose), false);
        }
        for uid in patterns::prose_user_ids(&joined).iter().filter_map(|u| UserId::parse(u).ok()) {
            push(&mut fields.user_ids, uid, origin.source(Source::Prose), strong);
        }
        if paragraph.len() > 1 {
            for caption in patterns::captions(&joined).iter().filter_map(|c| CaseName::parse(c).ok()) {
                push(&mut fields.case_names, caption, origin.source(Source::Prose), strong);
            }
        }
    }
}

/// Captions and lone names/logins on an unlabelled line; `docket_words` are the pieces
/// of the docket numbers on it (`BPH - CV23 - 6120049 - S` cut at its dashes leaves a
/// lone `CV23` that is no login).
fn read_prose_line(line: &str, docket_words: &[&str], origin: Origin, fields: &mut StatedFields) {
    let strong = origin != Origin::Forwarded;
    for caption in patterns::captions(line).iter().filter_map(|c| CaseName::parse(c).ok()) {
        push(&mut fields.case_names, caption, origin.source(Source::Line), strong);
    }
    if patterns::is_name_line(line) {
        if let Ok(name) = PersonName::parse(line.trim_end_matches([',', '.'])) {
            push(&mut fields.names, name, origin.source(Source::Line), false);
        }
    }
    // A lone word on its line, or in one field of a line cut by dashes, bars or
    // semicolons (`Zoë Tasca — ZTasca1 — Tasca v. Elm City — WTHCV155052840S`); a name
    // in such a field.
    let segments: Vec<&str> = FIELD_SEPARATOR.split(line).collect();
    for segment in &segments {
        if segment.len() < line.len() && patterns::is_name_line(segment) {
            if let Ok(name) = PersonName::parse(segment.trim().trim_end_matches([',', '.'])) {
                push(&mut fields.names, name, origin.source(Source::Line), false);
            }
        }
        if let Some(uid) = lone_login(labels::without_list_marker(segment), docket_words) {
            let listed = strong && listed_login(&segments, &uid, docket_words);
            push(&mut fields.user_ids, uid, origin.source(Source::Line), listed);
        }
    }
    for uid in comma_listed_logins(line, docket_words) {
        push(&mut fields.user_ids, uid, origin.source(Source::Line), false);
    }
}

/// A lone word in small letters among the fields of a line that lists the request
/// (`Volkov, Dmitri  dvolkovx  Volkov vs. Volkov  MMX-FA23-6157493-S`): the docket is
/// there and the other fields are written with capitals, so the word is no name typed
/// in small letters but the login, stated as such.
fn listed_login(segments: &[&str], uid: &UserId, docket_words: &[&str]) -> bool {
    let small_letters = !uid.as_str().chars().any(|c| c.is_uppercase());
    let capitalised = |s: &&&str| !s.contains(uid.as_str()) && s.chars().any(char::is_uppercase);
    segments.len() >= 3 && !docket_words.is_empty() && small_letters && segments.iter().filter(capitalised).count() >= 2
}

/// Fields listed with commas (`Jane Doe, jdoe_84, Doe v. Acme, HHD-CV17-5022125-S`).
/// Names and captions hold commas too, so a field here is a login only if it looks one.
fn comma_listed_logins(line: &str, docket_words: &[&str]) -> Vec<UserId> {
    let comma_fields: Vec<&str> = line.split(',').collect();
    if comma_fields.len() < 3 {
        return Vec::new();
    }
    comma_fields.iter().filter_map(|f| lone_login(f, docket_words)).filter(looks_like_login).collect()
}

/// The one word of a field, as a login: a login in parentheses under the name
/// (`(jdoe84)`), as a signature gives it, counts; a docket or a piece of one does not.
fn lone_login(field: &str, docket_words: &[&str]) -> Option<UserId> {
    let words: Vec<&str> = field.split_whitespace().collect();
    let [one] = words.as_slice() else {
        return None;
    };
    let one = one.trim_end_matches(['.', ',']);
    let one = one.strip_prefix('(').and_then(|w| w.strip_suffix(')')).unwrap_or(one);
    let uid = UserId::parse(one).ok()?;
    (DocketNumber::find_all(one, &[]).is_empty() && !docket_words.contains(&uid.as_str())).then_some(uid)
}

#[allow(clippy::too_many_arguments)]
fn take_labelled(
    label: Label,
    value: &str,
    origin: Origin,
    rules: &ExtractionRules,
    fields: &mut StatedFields,
    first_name: &mut Option<String>,
    last_name: &mut Option<String>,
) {
    let strong = origin != Origin::Forwarded;
    let source = origin.source(Source::Label);
    let dockets = DocketNumber::find_all(value, &rules.court_locations);
    for mention in &dockets {
        push(&mut fields.dockets, mention.docket.clone(), source, strong);
    }
    // `Full Name: don't know it sorry`, `Name: N/A`: no name stated. A name whose first
    // word looks like such an answer (`Na Young Kim`) is still a name.
    let no_answer = patterns::is_non_answer(value) && !patterns::is_name_line(&clean_name_value(value));
    match label {
        Label::Name | Label::FirstName | Label::LastName if no_answer => {}
        Label::Name => {
            if let Ok(name) = PersonName::parse(&clean_name_value(value)) {
                push(&mut fields.names, name, source, strong);
            }
        }
        Label::FirstName => *first_name = Some(clean_name_value(value)),
        Label::LastName => *last_name = Some(clean_name_value(value)),
        Label::UserId => {
            if let Some(uid) = labelled_user_id(value) {
                push(&mut fields.user_ids, uid, source, strong);
            }
        }
        Label::CaseName | Label::Case | Label::Docket | Label::Regarding => {
            let mut rest = value.to_string();
            for mention in dockets.iter().rev() {
                rest.replace_range(mention.start..mention.end, "");
            }
            let rest = rest
                .replace("()", "")
                .trim()
                .trim_matches(|c: char| matches!(c, ',' | ';' | '-' | '(' | ')' | '/' | '|') || c.is_whitespace())
                .to_string();
            let caption = match patterns::captions(&rest).into_iter().next() {
                Some(caption) => caption,
                None if patterns::is_non_answer(&rest) => return,
                // After a docket label or a subject line only a caption counts, not any
                // leftover words.
                None if matches!(label, Label::Docket | Label::Regarding) => return,
                None => rest,
            };
            if caption.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                if let Ok(case_name) = CaseName::parse(&caption) {
                    push(&mut fields.case_names, case_name, source, strong);
                }
            }
        }
    }
}

/// `Nadia Castellanos (Member, Sparkle Clean CT LLC)` → `Nadia Castellanos`.
fn clean_name_value(value: &str) -> String {
    static PARENTHETICAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[(\[][^)\]]*[)\]]").expect("pattern compiles"));
    let without = PARENTHETICAL.replace_all(value, "");
    let without = without.split(" - ").next().unwrap_or("").split(" | ").next().unwrap_or("");
    without.trim().trim_end_matches([',', ';', '.']).trim().to_string()
}

/// What people put between fields written on one line: a dash, bar or slash between
/// spaces, or a wider gap (columns of a table pasted as text).
static FIELD_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:[-\u2013\u2014|/•·]|--)\s+|\s*;\s*|\s*\t\s*|\s{2,}").expect("field separator pattern compiles")
});

static SUBJECT_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:re|fwd?|aw|sv|antw|tr|rv)\s*(?:\[\d+\])?\s*:\s*|\[[^\]]*\]\s*)+")
        .expect("subject prefix pattern compiles")
});

fn read_subject(subject: &str, rules: &ExtractionRules, fields: &mut StatedFields) {
    let mut subject = SUBJECT_PREFIX.replace(subject, "").into_owned();
    let mentions = DocketNumber::find_all(&subject, &rules.court_locations);
    // The docket is taken whole before the subject is cut into segments: written
    // `FBT - FA17 - 5087674 - S`, its parts would read as words.
    for mention in mentions.iter().rev() {
        subject.replace_range(mention.start..mention.end, " ");
    }
    for mention in mentions {
        push(&mut fields.dockets, mention.docket, Source::Subject, true);
    }
    for uid in comma_listed_logins(&subject, &[]) {
        push(&mut fields.user_ids, uid, Source::Subject, false);
    }
    static SEGMENT_SPLIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:/|\||;|\s[-\u2013\u2014]\s)\s*").expect("split pattern compiles"));
    for segment in SEGMENT_SPLIT.split(&subject) {
        // The docket was taken above; what is left may still be a caption or a name.
        let mut rest = segment.to_string();
        for mention in DocketNumber::find_all(segment, &rules.court_locations).iter().rev() {
            rest.replace_range(mention.start..mention.end, " ");
        }
        let segment = rest.trim().trim_matches([',', ';', ':', '-', '(', ')']).trim();
        if segment.is_empty() {
            continue;
        }
        for caption in patterns::captions(segment).iter().filter_map(|c| CaseName::parse(c).ok()) {
            push(&mut fields.case_names, caption, Source::Subject, false);
        }
        if patterns::is_name_line(segment) {
            if let Ok(name) = PersonName::parse(segment) {
                push(&mut fields.names, name, Source::Subject, false);
            }
        }
        if !segment.contains(char::is_whitespace) {
            if let Ok(uid) = UserId::parse(segment) {
                push(&mut fields.user_ids, uid, Source::Subject, false);
            }
        }
    }
}

/// Words a file is named with for what it shows, not who sent it.
const DOCUMENT_WORDS: &[&str] = &[
    "dl",
    "id",
    "license",
    "licence",
    "drivers",
    "driver",
    "passport",
    "card",
    "scan",
    "front",
    "back",
    "copy",
    "photo",
    "img",
    "image",
    "picture",
    "pic",
    "green",
    "certificate",
    "marriage",
    "page",
    "doc",
    "document",
];

/// `Dana Whitlock - license.jpg`, `HHD-CV24-6187342-S ID.pdf`.
fn read_file_names(names: &[&str], rules: &ExtractionRules, fields: &mut StatedFields) {
    for file_name in names {
        let stem = file_name.rsplit_once('.').map_or(*file_name, |(s, _)| s);
        // Fields run together with underscores (`Doyle_knlcv236038274s_drivers license`).
        let spaced = stem.replace(['_', '+'], " ");
        let mut mentions = DocketNumber::find_all(stem, &rules.court_locations);
        mentions.extend(DocketNumber::find_all(&spaced, &rules.court_locations));
        for mention in mentions {
            push(&mut fields.dockets, mention.docket, Source::FileName, true);
        }
        for login in file_name_logins(stem, &rules.court_locations) {
            push(&mut fields.user_ids, login, Source::FileName, false);
        }
        // A caption that is one of the fields, whole (`jdoe_Doe v. Acme Corp_photo id`):
        // within a field, capitals cannot show where a name ends and the caption begins.
        let fields_of_stem: Vec<&str> = stem.split(['_', '+']).flat_map(|f| f.split(" - ")).collect();
        for field in &fields_of_stem {
            let field = field.split_whitespace().collect::<Vec<_>>().join(" ");
            let whole = patterns::captions(&field).into_iter().find(|c| *c == field);
            if let Some(caption) = whole.and_then(|c| CaseName::parse(&c).ok()) {
                push(&mut fields.case_names, caption, Source::FileName, false);
            }
        }
        // The whole name (`Dana_Whitlock_license`), or, when the fields hold words of
        // their own (`WHITLOCK, BRITTANY_WHITLOCK VS TOWN OF WEST HARTFORD_ID`), one field.
        let spaced_fields = fields_of_stem.iter().filter(|f| f.trim().contains(' '));
        let candidates = std::iter::once(stem).chain(spaced_fields.copied().filter(|_| fields_of_stem.len() > 1));
        for candidate in candidates.filter_map(file_name_person) {
            push(&mut fields.names, candidate, Source::FileName, false);
        }
    }
}

/// A party's name a file (or one field of its name) is named with, once the words for
/// the document (`license`, `ID`) are left out.
fn file_name_person(text: &str) -> Option<PersonName> {
    let words: Vec<&str> = text
        .split(['_', '-', ' ', '.'])
        .filter(|w| !w.is_empty() && !DOCUMENT_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    let candidate = words.join(" ");
    let plain = candidate.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == ',');
    // Written surname first (`WHITLOCK, BRITTANY`): the comma is the only one, between words.
    let uncomma = candidate.replacen(", ", " ", 1);
    let name_line = candidate.matches(',').count() <= 1 && !uncomma.contains(',') && patterns::is_name_line(&uncomma);
    (plain && name_line).then(|| PersonName::parse(&candidate).ok()).flatten()
}

/// Logins among the fields a party named a file with (`Nwosu, Yetunde + ynwosu912 +
/// FST-CV17-5038761-S + photo id`): words shaped like a login, not a docket and not a
/// camera's or scanner's own name (`IMG_5241`, `PXL_20261028_185808`, `scan0010`).
fn file_name_logins(stem: &str, court_locations: &[String]) -> Vec<UserId> {
    const DEVICE_PREFIXES: &[&str] = &[
        "img",
        "image",
        "dsc",
        "dscn",
        "dcim",
        "pxl",
        "mvimg",
        "scan",
        "screenshot",
        "photo",
        "pic",
        "doc",
        "file",
        "thumbnail",
        "thumb",
        "attachment",
        "att",
        "unnamed",
        "download",
        "upload",
        "camera",
        "cam",
        "wp",
        "pdf",
    ];
    let device_named = |word: &str| {
        let lower = word.to_ascii_lowercase();
        let prefix = lower.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '_' | '-'));
        let prefix = prefix.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        prefix.len() < lower.len() && (prefix.is_empty() || DEVICE_PREFIXES.contains(&prefix))
    };
    // Words joined by underscores or dashes (`drivers_license`, `ID-1`, `Jane_Doe`) are a
    // description or a name: a login here has a digit or a dot, or is written in small
    // letters joined by an underscore as logins are (`n_adeymi`), and has a word of its own.
    let own_word = |w: &str| {
        w.split(['_', '-', '.']).any(|part| {
            part.chars().any(|c| c.is_ascii_alphabetic()) && !DOCUMENT_WORDS.contains(&part.to_lowercase().as_str())
        })
    };
    // A file named by one word only is named by a device or an app (`thumbnail_751`).
    if stem.split_whitespace().count() < 2 {
        return Vec::new();
    }
    stem.split([' ', '+', ','])
        .map(patterns::user_id_token)
        .filter(|w| w.len() >= 3 && (w.chars().any(|c| c.is_ascii_digit() || c == '.') || underscored_login(w)))
        .filter(|w| own_word(w) && !device_named(w))
        .filter(|w| DocketNumber::find_all(&w.replace('_', " "), court_locations).is_empty())
        .filter_map(|w| UserId::parse(w).ok())
        .collect()
}

/// `n_adeymi`, `mary_smith_ct`: words in small letters joined by underscores.
fn underscored_login(word: &str) -> bool {
    word.contains('_') && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn push<T: PartialEq>(list: &mut Vec<Candidate<T>>, value: T, source: Source, strong: bool) {
    list.push(Candidate { value, source, strong });
}

/// Keeps the first (best) occurrence of each value, strong before weak, stable.
fn dedupe(fields: &mut StatedFields) {
    fn one<T: PartialEq + Clone>(list: &mut Vec<Candidate<T>>) {
        list.sort_by_key(|c| !c.strong);
        let mut seen: Vec<T> = Vec::new();
        list.retain(|c| {
            if seen.contains(&c.value) {
                false
            } else {
                seen.push(c.value.clone());
                true
            }
        });
    }
    one(&mut fields.names);
    one(&mut fields.user_ids);
    one(&mut fields.case_names);
    one(&mut fields.dockets);
}

/// Whether a weak user-ID candidate looks like a login on its own (see `patterns`).
/// The user ID after a user ID label: its first word, unless the party wrote that they
/// have none or will give it later ("will send later", "not sure", "N/A").
fn labelled_user_id(value: &str) -> Option<UserId> {
    let first = value.split_whitespace().find(|w| !matches!(w.to_ascii_lowercase().as_str(), "is" | "-" | ":"))?;
    if patterns::is_no_user_id(first) {
        return None;
    }
    let token = first
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '"' | '\'' | ',' | ';' | '<' | '>'))
        .trim_end_matches('.');
    UserId::parse(token).ok()
}

pub fn looks_like_login(user_id: &UserId) -> bool {
    patterns::looks_like_login(user_id.as_str())
}

#[cfg(test)]
mod tests;
