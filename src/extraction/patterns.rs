//! Fields in free prose: "my name is …", "my user id is …", captions such as
//! `Feld v. Feld`, and lines that are nothing but a person's name (signatures).

use std::sync::LazyLock;

use regex::Regex;

/// Words that end a name when reading one out of prose, and that never appear in a
/// line that is only a name.
const NOT_NAME_WORDS: &[&str] = &[
    "a",
    "about",
    "access",
    "account",
    "action",
    "afternoon",
    "also",
    "am",
    "an",
    "and",
    "android",
    "any",
    "are",
    "as",
    "at",
    "attached",
    "attachment",
    "back",
    "best",
    "branch",
    "but",
    "by",
    "card",
    "case",
    "cell",
    "cheers",
    "clerk",
    "co",
    "company",
    "connecticut",
    "copy",
    "corp",
    "court",
    "dear",
    "defendant",
    "department",
    "desk",
    "docket",
    "documents",
    "driver",
    "drivers",
    "e",
    "electronic",
    "email",
    "esq",
    "evening",
    "follow",
    "for",
    "from",
    "front",
    "fw",
    "fwd",
    "good",
    "greetings",
    "group",
    "have",
    "hearing",
    "hello",
    "help",
    "here",
    "hey",
    "hi",
    "i",
    "id",
    "important",
    "in",
    "inc",
    "info",
    "information",
    "is",
    "it",
    "judicial",
    "kind",
    "licence",
    "license",
    "llc",
    "ltd",
    "management",
    "manager",
    "many",
    "me",
    "missing",
    "mobile",
    "morning",
    "motion",
    "my",
    "name",
    "needed",
    "not",
    "note",
    "of",
    "office",
    "on",
    "or",
    "our",
    "owner",
    "party",
    "passport",
    "pc",
    "pending",
    "phone",
    "photo",
    "plaintiff",
    "please",
    "pro",
    "properties",
    "question",
    "re",
    "regarding",
    "regards",
    "reply",
    "representing",
    "request",
    "requested",
    "requesting",
    "required",
    "respectfully",
    "response",
    "scan",
    "se",
    "self",
    "sent",
    "services",
    "signed",
    "sincerely",
    "so",
    "state",
    "status",
    "submission",
    "superior",
    "supervisor",
    "support",
    "team",
    "tel",
    "thank",
    "thanks",
    "that",
    "the",
    "this",
    "to",
    "truly",
    "up",
    "update",
    "urgent",
    "user",
    "very",
    "warm",
    "was",
    "we",
    "with",
    "writing",
    "you",
    "your",
    "yours",
];

/// Lower-case words that belong inside names ("Maria de la Cruz", "Ludwig van Beethoven").
const PARTICLES: &[&str] =
    &["de", "del", "della", "der", "di", "da", "dos", "du", "la", "le", "van", "von", "bin", "al", "st"];

/// `II`, `III`, `IV` (with or without a following period, which is then a sentence's).
pub(crate) fn is_generational_numeral(word: &str) -> bool {
    matches!(word.trim_end_matches('.').to_lowercase().as_str(), "ii" | "iii" | "iv")
}

pub(crate) fn is_not_name_word(token: &str) -> bool {
    let folded = token.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    NOT_NAME_WORDS.contains(&folded.as_str())
}

static NAME_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}\.?|\p{Lu}[\p{L}'\-]*\p{L}\.?|\p{Lu}\p{L}?\.)$").expect("name token pattern compiles")
});

/// Takes a person's name from the start of `text` ("Marcus Feld and I just…" gives
/// "Marcus Feld"): capitalised words, initials and particles, up to five, stopping at
/// the first other word or punctuation.
pub fn name_at_start(text: &str) -> Option<String> {
    name_words_at_start(text, false)
}

/// As `name_at_start`; with `lower_case_ok`, words written all in lower case count too
/// ("my name is dana whitlock, …"), and at least two are then required.
fn name_words_at_start(text: &str, lower_case_ok: bool) -> Option<String> {
    static LOWER_TOKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{Ll}[\p{L}'\-]*\p{L}$").expect("pattern compiles"));
    // A lower-case particle joined to a capitalised part: `al-Farsi`, `d'Angelo`.
    static JOINED_PARTICLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:al|el|ad|as|ash|at|d|de|da|di|del|della|du|ibn|bin|ben|la|le|van|von)['\u{2019}\-]\p{Lu}[\p{L}'\-]*\p{L}$")
            .expect("pattern compiles")
    });
    let mut taken: Vec<&str> = Vec::new();
    let raws: Vec<&str> = text.split_whitespace().collect();
    for (i, raw) in raws.iter().copied().enumerate() {
        // Punctuation after a word ends the name, but keep the word ("Feld," → "Feld").
        let word = raw.trim_end_matches([',', ';', ':', '!', '?', ')', '(']);
        let ends_here = word.len() != raw.len() || raw.starts_with('(');
        let word = if ends_here { word.trim_start_matches('(') } else { word };
        // `II.` ends a sentence: a generational numeral takes no period of its own.
        let numeral = is_generational_numeral(word);
        let is_initial_or_abbrev = word.ends_with('.') && word.trim_end_matches('.').chars().count() <= 2 && !numeral;
        let word = if word.ends_with('.') && !is_initial_or_abbrev { word.trim_end_matches('.') } else { word };
        let sentence_end = raw.ends_with('.') && !is_initial_or_abbrev;
        // An initial with its period ("E.") is a name's, though "E" alone is E-Services'.
        let initial = word.len() == 2 && word.ends_with('.') && word.starts_with(|c: char| c.is_uppercase());
        if word.is_empty() || (is_not_name_word(word) && !initial) {
            break;
        }
        // A particle inside a name, or opening a surname written first (`von Essen,
        // Liesel`, `de la Cruz`).
        let opens_surname = || {
            raws.get(i + 1)
                .is_some_and(|n| NAME_TOKEN.is_match(n.trim_end_matches([',', '.'])) || PARTICLES.contains(n))
        };
        let particle = PARTICLES.contains(&word) && !ends_here && (!taken.is_empty() || opens_surname());
        // A middle initial typed in lower case (`Lucía d. Vázquez`), inside a name only.
        let lower_initial = !taken.is_empty() && is_lower_initial(word);
        // Lower-case words count only in a name written all in lower case.
        let lower =
            lower_case_ok && taken.iter().all(|w| !w.chars().any(char::is_uppercase)) && LOWER_TOKEN.is_match(word);
        if !(NAME_TOKEN.is_match(word) || particle || lower || lower_initial || JOINED_PARTICLE.is_match(word)) {
            break;
        }
        taken.push(word);
        if ends_here || sentence_end || taken.len() == 5 {
            break;
        }
    }
    while taken.last().is_some_and(|w| PARTICLES.contains(w) || is_lower_initial(w)) {
        taken.pop();
    }
    let all_lower = taken.iter().all(|w| !w.chars().any(char::is_uppercase));
    let enough = if lower_case_ok && all_lower { 2 } else { 1 };
    (taken.len() >= enough).then(|| taken.join(" "))
}

fn is_lower_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_lowercase())
}

/// A name after "my name is": as written, or surname first with a comma
/// ("QUIÑONES, HÉCTOR and my username is…").
fn surname_first_or_not(text: &str) -> Option<String> {
    let name = name_words_at_start(text, true)?;
    let rest = text.trim_start().get(name.len()..).unwrap_or("");
    let given = rest.strip_prefix(',').and_then(|r| name_words_at_start(r, true).filter(|_| !r.starts_with(",")));
    let surname_words = name.split_whitespace().filter(|w| !PARTICLES.contains(w)).count();
    match given {
        // One surname word, with its particles (`von Essen, Liesel`); or two before one
        // given name that ends the sentence (`Hernández Díaz, María.`), as Spanish
        // surnames are written.
        Some(given) if surname_words == 1 || surname_words == 2 && ends_sentence(rest, &given) => {
            Some(format!("{name}, {given}"))
        }
        _ => Some(name),
    }
}

/// Whether `rest` is `, {given}` and then the end of its sentence or line, or its
/// clause (`, Lucía and my username is…`).
fn ends_sentence(rest: &str, given: &str) -> bool {
    let after = rest.trim_start_matches(',').trim_start().get(given.len()..).unwrap_or("");
    let ends = after.trim().is_empty() || after.starts_with(['.', '!', '\n', '\r']) || after.starts_with(" and ");
    !given.contains(' ') && ends
}

/// Whether a whole line is just a person's name: two to five name words, nothing else.
/// A line ending in a comma leads into what follows, as a closing does ("God bless,",
/// "Warm wishes,"): a signature's name stands alone.
pub fn is_name_line(line: &str) -> bool {
    if line.trim_end().ends_with(',') {
        return false;
    }
    let line = line.trim().trim_end_matches('.');
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || line.len() > 60 {
        return false;
    }
    name_at_start(line).is_some_and(|name| name.split_whitespace().count() == words.len())
        && words.iter().filter(|w| w.trim_end_matches('.').chars().count() > 1).count() >= 2
}

static MY_NAME_IS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bmy\s+(?:full\s+|legal\s+)?name\s+is|\bmy\s+name's|(?:^|[.!?]\s+)name\s+is)\s+")
        .expect("pattern compiles")
});

static I_AM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[.!?]\s+|,\s*)(?i:i\s+am|i'm|this\s+is)\s+").expect("pattern compiles"));

/// Names the sender gives in prose. `strong` ones ("my name is …") outrank names
/// guessed from "I am …" / "This is …".
pub fn prose_names(text: &str) -> (Vec<String>, Vec<String>) {
    let strong = MY_NAME_IS.find_iter(text).filter_map(|m| surname_first_or_not(&text[m.end()..])).collect();
    let weak = I_AM
        .find_iter(text)
        .filter_map(|m| name_at_start(&text[m.end()..]))
        .filter(|n| n.split_whitespace().count() >= 2)
        .collect();
    (strong, weak)
}

static USER_ID_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(?:user\s*-?\s*(?:id|name)|userid|username|login(?:\s+id)?|e-?\s?services\s+(?:id|account|login))(?:\s+(?:that\s+)?i\s+(?:created|chose|made|picked|registered|set\s+up|use|used|have))?(?:\s+(?:is|was|of))?\s*[:=#\-\u2013]?\s*["'(\[]?\s*(?P<uid>[A-Za-z0-9_][A-Za-z0-9._@-]*)"#,
    )
    .expect("user id pattern compiles")
});

/// Words after a user ID label that go on with the sentence ("user ID is attached").
const NOT_USER_IDS: &[&str] = &[
    "is",
    "and",
    "the",
    "a",
    "an",
    "was",
    "of",
    "for",
    "or",
    "please",
    "attached",
    "below",
    "above",
    "number",
    "id",
    "name",
    "password",
    // "My E-Services account" said in a sentence: what follows tells when or how.
    "last",
    "yesterday",
    "today",
    "recently",
    "earlier",
    "already",
    "just",
    "this",
    "with",
    "on",
    "at",
    "in",
    "to",
    "but",
    "that",
    "which",
    "as",
    "under",
    "named",
    "online",
    "using",
];

/// First words of an answer that gives nothing: the party has none, does not know it
/// or will send it later ("will send later", "not sure", "N/A", "don't know it").
const NON_ANSWERS: &[&str] = &[
    "will",
    "not",
    "don't",
    "dont",
    "do",
    "i",
    "none",
    "na",
    "unknown",
    "forgot",
    "unsure",
    "tbd",
    "pending",
    "later",
    "see",
    "same",
    "no",
    "cannot",
    "can't",
    "cant",
    "haven't",
    "havent",
    "idk",
    "forgotten",
    "lost",
    "missing",
];

fn first_word_folded(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase().replace('\u{2019}', "'");
    // An aside in brackets or quotes is answered the same (`(don't remember)`).
    first
        .trim_start_matches(['(', '[', '"', '\'', '*', '_'])
        .trim_end_matches(['.', ',', '?', '!', ')', ']', '"', '*', '_'])
        .to_string()
}

/// Whether a labelled value says the party gave nothing there.
pub fn is_non_answer(value: &str) -> bool {
    non_answer_word(&first_word_folded(value))
}

fn non_answer_word(folded: &str) -> bool {
    folded == "n/a" || NON_ANSWERS.contains(&folded)
}

/// Whether the first word after a user ID label is no ID: the sentence goes on, the
/// party gave none, or one letter (`N` of `N/A`).
pub fn is_no_user_id(word: &str) -> bool {
    let word = first_word_folded(word);
    word.chars().count() < 2 || NOT_USER_IDS.contains(&word.as_str()) || non_answer_word(&word)
}

/// "with the id j_doe84", "my ID is jdoe.ct", "my ID for the website is YukiSat_o", "I log
/// in as jdoe_84": a bare "id" is as
/// often the photo ID, and one logs in with an e-mail address too, so only a token
/// that looks like a login counts after them ("I set up my online account as
/// \"areddy.tc\"", "registered under jdoe84" too). Separate patterns, so that "signed up
/// with the id …" is read by the first.
static BARE_ID_PROSE: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    const UID: &str = r#"["'(\[]?(?P<uid>[A-Za-z0-9_][A-Za-z0-9._@-]*)"#;
    [
        r"(?i)\b(?:the|my|an?)\s+id(?:\s+(?:for|on|at)\s+(?:the\s+)?(?:web\s*site|site|portal|system|e-?\s?services))?\s*(?:is\s+|was\s+|[:=#]\s*)?",
        r"(?i)\b(?:log(?:ged)?|sign(?:ed)?)\s*-?\s*(?:in|on|up)\s+(?:as|with)\s+",
        r"(?i)\b(?:account|registered)\s+(?:is\s+|was\s+|name\s+is\s+)?(?:as|under|named|is|was)\s+",
    ]
    .map(|lead| Regex::new(&format!("{lead}{UID}")).expect("bare id pattern compiles"))
});

/// User IDs the sender states in prose or after a label without a colon ("User ID
/// gtasca", "my user id is mfeld.ct)", "I signed up with the id j_doe84").
pub fn prose_user_ids(text: &str) -> Vec<String> {
    // A leading underscore is part of the ID (`_cgreene` is not `c_greene`); emphasis
    // underscores on both sides are not.
    let clean = |m: regex::Match<'_>| user_id_token(m.as_str()).to_string();
    // No login has an apostrophe: `don` of `don't` is a word cut short.
    let whole_word = |m: &regex::Match<'_>| !text[m.end()..].starts_with(['\'', '\u{2019}']);
    let labelled = USER_ID_PROSE
        .captures_iter(text)
        .filter_map(|c| c.name("uid"))
        .filter(whole_word)
        .map(clean)
        .filter(|uid| uid.chars().any(|c| c.is_ascii_alphanumeric()))
        .filter(|uid| !is_no_user_id(uid));
    let bare = BARE_ID_PROSE
        .iter()
        .flat_map(|p| p.captures_iter(text))
        .filter_map(|c| c.name("uid"))
        .filter(whole_word)
        .map(clean)
        .filter(|u| looks_like_login(u));
    let named_after = ID_BEFORE_SERVICE
        .captures_iter(text)
        .filter(|c| c.name("open").is_some() || c.name("uid").is_some_and(|u| looks_like_login(u.as_str())))
        .filter_map(|c| c.name("uid"))
        .filter(whole_word)
        .map(clean)
        .filter(|uid| !is_no_user_id(uid) && !NOT_LOGINS_BEFORE_SERVICE.contains(&uid.to_lowercase().as_str()));
    labelled.chain(bare).chain(named_after).collect()
}

/// "(jdoe84 on E-Services)", "I'm jdoe.ct on eServices": the login named before the
/// service. In parentheses any token; in running text only one that looks like a login
/// ("I requested access on E-Services" names none).
static ID_BEFORE_SERVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:(?P<open>\()\s*|\b)(?P<uid>[A-Za-z0-9_][A-Za-z0-9._@-]*)\s+(?:on|in|at|for)\s+(?:the\s+)?e-?\s?services\b"#,
    )
    .expect("id before service pattern compiles")
});

/// Words that stand before "on E-Services" in a parenthesis without being a login.
const NOT_LOGINS_BEFORE_SERVICE: &[&str] =
    &["registered", "enrolled", "signed", "account", "me", "myself", "user", "username", "login", "access", "request"];

/// A token as a user ID it may be: a sentence's full stop or a dash after it is not
/// part of it, nor are markdown's emphasis underscores around it (`_jdoe84_`). A
/// leading underscore alone is: `_gvandyke.ct` is not the account `gvandyke.ct`.
pub fn user_id_token(token: &str) -> &str {
    let emphasised = token.len() > 2 && token.starts_with('_') && token.ends_with('_');
    let token = if emphasised { &token[1..token.len() - 1] } else { token };
    token.trim_start_matches(['.', '-']).trim_end_matches(['.', '-', '_'])
}

/// Whether a lone token looks like someone's chosen login rather than a word: it has a
/// digit, a dot or underscore, or a capital after the first letter.
pub fn looks_like_login(token: &str) -> bool {
    // The court's own words in camel case or with a dot are not the party's login.
    const COURT_WORDS: &[&str] = &["e-services", "eservices", "e-service", "e-filing", "efiling", "e-access", "e-mail"];
    if COURT_WORDS.contains(&token.to_ascii_lowercase().as_str()) {
        return false;
    }
    token.chars().any(|c| c.is_ascii_digit() || c == '.' || c == '_')
        || token.chars().skip(1).any(|c| c.is_ascii_uppercase()) && token.chars().any(|c| c.is_ascii_lowercase())
}

static VERSUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:(?:v|V|vs|VS|Vs|versus|VERSUS|Versus)\.?|-(?:v|V|vs|VS|Vs)\.?-)\s")
        .expect("versus pattern compiles")
});

/// Entity words that follow a comma inside a party's name ("Capitol Auto Sales, LLC").
const ENTITY_WORDS: &[&str] = &[
    "llc", "l.l.c", "inc", "co", "corp", "ltd", "pc", "p.c", "llp", "lp", "pllc", "et", "n.a", "jr", "sr", "ii", "iii",
];

/// Short forms that keep their final period ("Co.", "Inc.").
const ABBREVIATIONS: &[&str] =
    &["co", "inc", "corp", "ltd", "jr", "sr", "l.l.c", "p.c", "n.a", "al", "bros", "assn", "mgmt", "st"];

const CAPTION_STOP_WORDS: &[&str] = &[
    "i",
    "am",
    "in",
    "my",
    "is",
    "the",
    "case",
    "for",
    "on",
    "to",
    "re",
    "regarding",
    "docket",
    "number",
    "no",
    "and",
    "with",
    "about",
    "name",
    "caption",
    "matter",
    "title",
    "access",
    "request",
    "requesting",
    "e-access",
    "myself",
    "me",
    "plaintiff",
    "defendant",
    "party",
];

/// Connecting words allowed between capitalised words inside a party name.
const CONNECTORS: &[&str] = &["of", "and", "&", "the", "de", "del", "la", "van", "von", "da", "for", "on"];

/// Case captions in `line`: `X v. Y` with each side extended over capitalised words.
pub fn captions(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for m in VERSUS.find_iter(line) {
        let left = left_side(&line[..m.start()]);
        let right = right_side(&line[m.end()..]);
        if let (Some(l), Some(r)) = (left, right) {
            out.push(format!("{l}{}{r}", &line[m.start()..m.end()]).split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    if out.is_empty() {
        out.extend(lowercase_caption(line).or_else(|| cued_lowercase_caption(line)));
    }
    out
}

/// A caption in lower case inside a sentence, after words that say a case follows
/// (`my case is tasca v. housatonic marina inc. and …`): the cue marks where it starts,
/// the sentence's end or the first word of a sentence where it stops.
fn cued_lowercase_caption(line: &str) -> Option<String> {
    static CASE_CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:case(?:\s+name)?(?:\s+is|\s+was|\s*:)|(?:plaintiff|defendant|party|tenant|landlord)\s+in|access\s+to|matter\s+of|(?:this|it)(?:'s|’s|\s+is)\s+(?:about|for|regarding)|regarding|concerning)\s+",
        )
        .expect("case cue compiles")
    });
    CASE_CUE.find_iter(line).find_map(|cue| {
        let rest = &line[cue.end()..];
        let mut end = 0;
        for word in rest.split_inclusive(char::is_whitespace) {
            let w = word.trim_end();
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&').to_lowercase();
            let versus = VERSUS.is_match(&format!(" {w} "));
            let stop = !versus && CAPTION_STOP_WORDS.contains(&bare.as_str()) && !CONNECTORS.contains(&bare.as_str());
            if stop || crate::domain::DocketNumber::parse(w).is_ok() {
                break;
            }
            end += word.len();
            let closes = w.ends_with(['.', ';', ':', '!', '?', ')']) && !versus;
            if closes && !ABBREVIATIONS.contains(&bare.trim_end_matches('.')) {
                break;
            }
        }
        // A connector the sentence goes on with (`feld vs feld and i need …`) is not the side's.
        let mut span = rest[..end].trim_end();
        while let Some((before, last)) = span.rsplit_once(char::is_whitespace) {
            if !CONNECTORS.contains(&last) {
                break;
            }
            span = before.trim_end();
        }
        lowercase_caption(span).map(|c| c.trim_end_matches(['.', ',', ';', ':', '!', '?']).to_string())
    })
}

/// A caption written all in lower case (`tasca v. housatonic marina inc.`): capitals
/// cannot show where it starts and ends, so only a line that is one caption and nothing
/// else counts, each side a few words without the words of a sentence.
fn lowercase_caption(line: &str) -> Option<String> {
    static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:#\s?\d{1,2}|\d{1,2}[.)]|\(\d{1,2}\)|[-*\u2022])\s+").expect("marker compiles")
    });
    let line = line.trim().trim_end_matches([',', ';']).trim_end();
    let line = LIST_MARKER.find(line).map_or(line, |m| &line[m.end()..]);
    if line.chars().any(char::is_uppercase) || VERSUS.find_iter(line).count() != 1 {
        return None;
    }
    let m = VERSUS.find(line)?;
    let side = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        // Words of names: letters and their punctuation, no login, number or separator.
        let plain = |(i, w): (usize, &&str)| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            let lettered = w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '\'' | '’' | '-' | '&'));
            // A numbered company's numeral (`cavalry spv i, llc`) is not the pronoun.
            let numeral = matches!(bare, "i" | "ii" | "iii" | "iv") && (w.ends_with(',') || i + 1 == words.len());
            lettered && (numeral || CONNECTORS.contains(&bare) || !CAPTION_STOP_WORDS.contains(&bare))
        };
        (1..=8).contains(&words.len()) && words.iter().enumerate().all(plain) && s.chars().any(char::is_alphabetic)
    };
    (side(&line[..m.start()]) && side(&line[m.end()..])).then(|| line.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn is_caption_word(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    core.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || word == "&"
}

fn left_side(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&').to_lowercase();
        let ends_sentence = w.ends_with(['.', ':', ';', '!', '?', '(', ')', '"'])
            && start != words.len()
            && !ABBREVIATIONS.contains(&bare.trim_end_matches('.'));
        if ends_sentence && start < words.len() {
            break;
        }
        if CAPTION_STOP_WORDS.contains(&bare.as_str()) && !is_connector_inside(&words, start - 1) {
            break;
        }
        // Particles opening a surname start the side (`del Valle VS Shoreline`,
        // `de la Cruz, Ana v. …`).
        let leading_particle = PARTICLES.contains(&w) && opens_surname(&words[start..]);
        if !(is_caption_word(w) || is_connector_inside(&words, start - 1) || leading_particle) {
            break;
        }
        // A list's number (`#3 Kessler v. Tran`) is no part of the caption.
        let list_number = w.starts_with('#') && w[1..].chars().all(|c| c.is_ascii_digit());
        if list_number || w.ends_with(':') || crate::domain::DocketNumber::parse(w).is_ok() {
            break;
        }
        start -= 1;
        // An opening bracket or quote starts the caption: "(Whitlock v. …".
        if w.starts_with(['(', '"', '[']) {
            break;
        }
    }
    let side = words[start..].join(" ");
    let side = side.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
    (!side.is_empty() && side.chars().any(char::is_alphabetic)).then(|| side.to_string())
}

/// Whether `words` start with a surname after the particles before it: one or more
/// particles (`de la`, `van der`), then a capitalised word.
fn opens_surname(words: &[&str]) -> bool {
    words.iter().find(|w| !PARTICLES.contains(w)).is_some_and(|w| is_caption_word(w))
}

/// Connectors that as often go on with a sentence written in capitals (`SMITH V. JONES
/// AND NEED ACCESS`).
const PROSE_CONNECTORS: &[&str] = &["and", "for", "on"];

/// `of`, `and`, `van der` between two words of a name. In a caption written all in
/// capitals (`HOUSING AUTHORITY OF THE CITY OF HARTFORD`) the connectors are capitals
/// too; elsewhere a capitalised `Of` or `The` starts prose.
fn is_connector_inside(words: &[&str], i: usize) -> bool {
    let w = words[i].to_lowercase();
    let connector = CONNECTORS.contains(&w.as_str()) || PARTICLES.contains(&w.as_str());
    if !connector || i == 0 || i + 1 >= words.len() {
        return false;
    }
    if !(is_caption_word(words[i - 1]) || PARTICLES.contains(&words[i - 1])) {
        return false;
    }
    let shouting = |word: &str| word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase);
    let case_fits = words[i].chars().all(|c| !c.is_uppercase() || words[i] == "&")
        || !PROSE_CONNECTORS.contains(&w.as_str())
            && shouting(words[i])
            && shouting(words[i - 1])
            && shouting(words[i + 1]);
    // A particle may stand before another (`van der Berg`).
    let next_ok =
        is_caption_word(words[i + 1]) || PARTICLES.contains(&words[i + 1]) && is_connector_inside(words, i + 1);
    case_fits && next_ok
}

fn right_side(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut taken: Vec<String> = Vec::new();
    for (i, raw) in words.iter().enumerate() {
        let bare = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&').to_lowercase();
        let connector = is_connector_inside(&words, i) && !taken.is_empty();
        if crate::domain::DocketNumber::find_all(raw, &[]).len() == 1 && raw.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        let stop_word = CAPTION_STOP_WORDS.contains(&bare.as_str());
        // A parenthesis after the caption is a note on it (`(FST CV 18 6184509)`).
        let note = !taken.is_empty() && raw.starts_with('(');
        if note || !connector && (!is_caption_word(raw) || stop_word) {
            break;
        }
        let mut word = raw.to_string();
        let ends_with_comma = word.ends_with(',');
        let mut stop = false;
        if ends_with_comma {
            // A comma continues the name only before an entity word or a given name
            // ("Jones, Mary"), not before prose or a docket.
            let next = words.get(i + 1).copied().unwrap_or("");
            let next_bare = next.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_lowercase();
            let next_is_entity = ENTITY_WORDS.contains(&next_bare.trim_end_matches('.'));
            let next_is_given_name = is_caption_word(next)
                && !CAPTION_STOP_WORDS.contains(&next_bare.trim_end_matches('.'))
                && crate::domain::DocketNumber::find_all(next, &[]).is_empty()
                && next.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '\'' | '-'));
            if !(next_is_entity || next_is_given_name) {
                word.pop();
                stop = true;
            }
        }
        if word.ends_with(['.', ';', ':', '!', '?', ')']) {
            let core = word.trim_end_matches(['.', ';', ':', '!', '?', ')']).to_lowercase();
            let keeps_period =
                word.ends_with('.') && (ABBREVIATIONS.contains(&core.as_str()) || core.chars().count() == 1);
            if !keeps_period {
                word = word.trim_end_matches(['.', ';', ':', '!', '?', ')']).to_string();
                stop = true;
            } else if i + 1 < words.len() && words[i + 1].chars().next().is_some_and(char::is_lowercase) {
                stop = true;
            }
        }
        if !word.is_empty() {
            taken.push(word);
        }
        if stop {
            break;
        }
    }
    while taken.last().is_some_and(|w| CONNECTORS.contains(&w.to_lowercase().as_str())) {
        taken.pop();
    }
    let side = taken.join(" ");
    (!side.is_empty()).then_some(side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_out_of_prose() {
        let (strong, _) = prose_names("Hi, my name is Marcus Feld and I just signed up");
        assert_eq!(strong, vec!["Marcus Feld"]);
        let (strong, _) = prose_names("My name is Amanda Lindqvist (formerly Amanda Pierce - the case)");
        assert_eq!(strong, vec!["Amanda Lindqvist"]);
        let (strong, _) = prose_names("MY NAME IS JOHN Q. PUBLIC AND MY USER ID IS JQP1");
        assert_eq!(strong, vec!["JOHN Q. PUBLIC"]);
        let (_, weak) = prose_names("Hello, this is Maria de la Cruz. I need access");
        assert_eq!(weak, vec!["Maria de la Cruz"]);
        let (strong, _) = prose_names("MY NAME IS QUIÑONES, HÉCTOR AND MY E-SERVICES USERNAME IS hquinones.");
        assert_eq!(strong, vec!["QUIÑONES, HÉCTOR"]);
        let (strong, _) = prose_names("The case name is Bushnell Park Management Company LLC vs Björn Schroder.");
        assert!(strong.is_empty(), "{strong:?}");
        let (strong, _) = prose_names("My name is Fatima al-Farsi and my E-Services username is fatimaalfarsi.");
        assert_eq!(strong, vec!["Fatima al-Farsi"]);
        let (strong, _) = prose_names("My name is Patrick Doyle II.\n\nMy account is patrickdoyle.");
        assert_eq!(strong, vec!["Patrick Doyle II"]);
        let (strong, _) = prose_names("My name is Thomas Kessler Jr. and my user ID");
        assert_eq!(strong, vec!["Thomas Kessler Jr."]);
        let (strong, _) = prose_names("My name is Hernández Díaz, María.\nYou can find me under");
        assert_eq!(strong, vec!["Hernández Díaz, María"]);
        let (strong, _) = prose_names("My name is García López, Lucía and my E-Services username is lgl88.");
        assert_eq!(strong, vec!["García López, Lucía"]);
        let (strong, _) = prose_names("My name is Jane Doe, Mary Smith is my sister.");
        assert_eq!(strong, vec!["Jane Doe"]);
        let (strong, _) = prose_names("my name is Gianna d'Angelo.");
        assert_eq!(strong, vec!["Gianna d'Angelo"]);
        let (_, weak) = prose_names("I am the owner of the business");
        assert!(weak.is_empty());
    }

    #[test]
    fn lower_case_names_after_my_name_is() {
        let (strong, _) = prose_names("hi my name is dana whitlock, user id dwhitlock84");
        assert_eq!(strong, vec!["dana whitlock"]);
        let (strong, _) = prose_names("my name is misspelled on the case");
        assert!(strong.is_empty(), "{strong:?}");
    }

    #[test]
    fn name_lines() {
        assert!(is_name_line("Gregory Tasca"));
        assert!(is_name_line("Dana R. Whitlock"));
        assert!(is_name_line("Brendan E. McCarthy"));
        assert!(is_name_line("ZOË O'BRIEN"));
        assert!(is_name_line("Priya Raman-Okafor"));
        assert!(is_name_line("Lucía d. Vázquez"));
        let (strong, _) = prose_names("My name is von Essen, Liesel and my E-Services username is lieselv84.");
        assert_eq!(strong, vec!["von Essen, Liesel"]);
        assert_eq!(name_at_start("de la Cruz, Maria").as_deref(), Some("de la Cruz"));
        assert_eq!(name_at_start("de nada"), None);
        assert_eq!(name_at_start("Lucía d. Vázquez, self-represented").as_deref(), Some("Lucía d. Vázquez"));
        assert_eq!(name_at_start("Lucía d. and more").as_deref(), Some("Lucía"));
        assert!(!is_name_line("Kowalczyk Roofing LLC"));
        assert!(!is_name_line("Thank you,"));
        assert!(!is_name_line("Greg"));
        assert!(!is_name_line("Good morning,"));
        assert!(!is_name_line("GOD BLESS,"));
        assert!(!is_name_line("Many Blessings,"));
        assert!(!is_name_line("Photo of my license is attached."));
        assert!(!is_name_line("Dispatch Supervisor | Brightline Freight"));
        assert!(!is_name_line("Hartford Superior Court"));
    }

    #[test]
    fn user_ids_out_of_prose() {
        assert_eq!(prose_user_ids("(my user id is mfeld.ct). I'm"), vec!["mfeld.ct"]);
        assert_eq!(prose_user_ids("Our E-Services user ID is kowalczykroofing."), vec!["kowalczykroofing"]);
        assert_eq!(prose_user_ids("User ID gtasca"), vec!["gtasca"]);
        assert_eq!(
            prose_user_ids("I created an E-Services account last week, user ID elindqvist717."),
            vec!["elindqvist717"]
        );
        assert_eq!(prose_user_ids("my e-services account under jdoe84"), vec!["jdoe84"]);
        assert_eq!(prose_user_ids("user id bszabo"), vec!["bszabo"]);
        assert_eq!(prose_user_ids("I forgot my user id and password"), Vec::<String>::new());
        assert_eq!(prose_user_ids("USERNAME: JQP_01"), vec!["JQP_01"]);
        assert_eq!(prose_user_ids("i signed up on e-services with the id j_delva_lle. del valle"), vec!["j_delva_lle"]);
        assert_eq!(prose_user_ids("My ID is dwhitlock84"), vec!["dwhitlock84"]);
        // The service called by another name, across a wrapped line.
        assert_eq!(prose_user_ids("My ID \nfor the website is YukiSat_o. This"), vec!["YukiSat_o"]);
        assert_eq!(prose_user_ids("my id on the portal: kp_2024"), vec!["kp_2024"]);
        assert_eq!(prose_user_ids("My ID for the website is attached"), Vec::<String>::new());
        assert_eq!(prose_user_ids("I am Natalia Ivanov. I log in as ivan_ovn2025."), vec!["ivan_ovn2025"]);
        assert_eq!(prose_user_ids("I signed in with dw.ct84 yesterday"), vec!["dw.ct84"]);
        assert_eq!(prose_user_ids("I log in with my email"), Vec::<String>::new());
        assert_eq!(prose_user_ids(r#"I set up my online account as "areddy.tc"."#), vec!["areddy.tc"]);
        assert_eq!(prose_user_ids("I registered under kp_2024 last week"), vec!["kp_2024"]);
        assert_eq!(prose_user_ids("my account is under my maiden name"), Vec::<String>::new());
        assert_eq!(prose_user_ids("My E-Services user ID is _cgreene."), vec!["_cgreene"]);
        // The login named before the service.
        for (text, uid) in [
            ("i’m layla al-farsi (laylaa1lfarsi on e-services).", vec!["laylaa1lfarsi"]),
            ("This is Dana Whitlock (dwhitlock on E-Services)", vec!["dwhitlock"]),
            ("I am jdoe.ct on eServices and would like access", vec!["jdoe.ct"]),
            ("I requested access on E-Services yesterday.", vec![]),
            ("(registered on E-Services)", vec![]),
        ] {
            assert_eq!(prose_user_ids(text), uid, "{text}");
        }
        assert_eq!(prose_user_ids("The user name I created is wasehington.jamal."), vec!["wasehington.jamal"]);
        assert_eq!(prose_user_ids("the login that I use is jw_2020"), vec!["jw_2020"]);
        assert_eq!(prose_user_ids("my user id is _jdoe84_ as before"), vec!["jdoe84"], "emphasis, not the ID");
        assert_eq!(prose_user_ids("I log in as _kp2024."), vec!["_kp2024"]);
        assert_eq!(prose_user_ids("User ID: ___"), Vec::<String>::new());
        assert_eq!(user_id_token("jdoe84."), "jdoe84");
        assert_eq!(user_id_token("_jdoe84_"), "jdoe84");
        assert_eq!(user_id_token("_gvandyke.ct"), "_gvandyke.ct", "a leading underscore is the ID's own");
        assert_eq!(user_id_token("-jdoe_"), "jdoe");
        // A bare "id" is the photo ID as often as the account.
        assert_eq!(prose_user_ids("my ID is attached"), Vec::<String>::new());
        assert_eq!(prose_user_ids("a copy of my id card"), Vec::<String>::new());
    }

    #[test]
    fn captions_in_prose() {
        assert_eq!(
            captions("I'm representing myself in Feld v. Feld, docket FBT FA 25 6143307, and"),
            vec!["Feld v. Feld"]
        );
        assert_eq!(
            captions("the plaintiff in the small claims case Kowalczyk Roofing LLC v. Dumont, HHD-CV25-6190233-S. Our"),
            vec!["Kowalczyk Roofing LLC v. Dumont"]
        );
        assert_eq!(captions("Whitlock v. Capitol Auto Sales, LLC"), vec!["Whitlock v. Capitol Auto Sales, LLC"]);
        assert_eq!(
            captions("Tasca v. Middlesex Mutual Assurance Co."),
            vec!["Tasca v. Middlesex Mutual Assurance Co."]
        );
        assert_eq!(captions("SMITH, JOHN v. JONES, MARY"), vec!["SMITH, JOHN v. JONES, MARY"]);
        assert_eq!(
            captions("I'M THE PLAINTIFF IN GREENE -V- BLUE HILLS MOVING & STORAGE LLC, HHBCV165028643S, AND"),
            vec!["GREENE -V- BLUE HILLS MOVING & STORAGE LLC"]
        );
        assert_eq!(captions("Rivera vs City of New Haven."), vec!["Rivera vs City of New Haven"]);
        assert_eq!(captions("It's regarding City of New Haven VS Holloway."), vec!["City of New Haven VS Holloway"]);
        // Particles in a row, connectors in a caption written in capitals.
        assert_eq!(
            captions("Case = Quinnipiac Collision Center, L.L.C. vs. Jurgen van der Berg"),
            vec!["Quinnipiac Collision Center, L.L.C. vs. Jurgen van der Berg"]
        );
        assert_eq!(
            captions("WISNIEWSKI, PAWEL v. HOUSING AUTHORITY OF THE CITY OF HARTFORD"),
            vec!["WISNIEWSKI, PAWEL v. HOUSING AUTHORITY OF THE CITY OF HARTFORD"]
        );
        // A list's number, a particle opening a surname, a note after the caption.
        assert_eq!(captions("#3 Kessler v. Trần"), vec!["Kessler v. Trần"]);
        assert_eq!(
            captions("xiomaradelvalle / del Valle VS Shoreline Marina LLC"),
            vec!["del Valle VS Shoreline Marina LLC"]
        );
        assert_eq!(
            captions("I need access to Raj Raman-Okafor -v- Raman-Okafor (FST CV 18 6184509)."),
            vec!["Raj Raman-Okafor -v- Raman-Okafor"]
        );
        assert_eq!(captions("I AM IN SMITH V. JONES AND NEED ACCESS"), vec!["SMITH V. JONES"]);
        // Two particles opening the first side.
        assert_eq!(
            captions("de la Cruz, Ana V. Long Wharf Insurance Agency, L.L.C."),
            vec!["de la Cruz, Ana V. Long Wharf Insurance Agency, L.L.C."]
        );
        assert_eq!(captions("I need access to van der Berg v. Ng"), vec!["van der Berg v. Ng"]);
        // In lower case, only a line that is the caption alone.
        assert_eq!(captions("tasca v. housatonic marina inc."), vec!["tasca v. housatonic marina inc."]);
        assert_eq!(captions("westville marina company v. lucía cruz"), vec!["westville marina company v. lucía cruz"]);
        assert!(captions("i am in this v. that mess and need my papers").is_empty());
        assert_eq!(captions("3) tasca v. housatonic marina inc."), vec!["tasca v. housatonic marina inc."]);
        assert!(captions("mxm2000 | martínez v. seaview motors, inc.").is_empty());
        assert!(captions("this v. that, see you in court").is_empty());
        assert_eq!(captions("ibáñez ruiz v. cavalry spv i, llc"), vec!["ibáñez ruiz v. cavalry spv i, llc"]);
        // In lower case inside a sentence, after words that say a case follows.
        assert_eq!(
            captions("here. My case is litchfield hills gardens apartments l.l.c. -v- gómez. It's docket NHH-CV25-6085999 S."),
            vec!["litchfield hills gardens apartments l.l.c. -v- gómez"]
        );
        assert_eq!(
            captions("i am the defendant in tasca v. housatonic marina inc, docket HHD-CV17-5022125-S"),
            vec!["tasca v. housatonic marina inc"]
        );
        assert_eq!(captions("the case name is feld vs feld and i need access"), vec!["feld vs feld"]);
        assert!(captions("my case is about this v. that and more").is_empty(), "no cue right before it");
        assert_eq!(
            captions("This is about gómez -v- soundview insurance agency company."),
            vec!["gómez -v- soundview insurance agency company"]
        );
        assert_eq!(captions("it's regarding feld vs feld and i need access"), vec!["feld vs feld"]);
        assert!(captions("my case is 12 v. 13 on the list").is_empty(), "numbers are no side");
        assert_eq!(captions("okafor v. midland funding ii"), vec!["okafor v. midland funding ii"]);
        assert!(captions("i think it is me v. my landlord").is_empty());
        assert_eq!(
            captions("Docket: HHD-CV24-6187342-S (Whitlock v. Capitol Auto Sales)"),
            vec!["Whitlock v. Capitol Auto Sales"]
        );
    }

    #[test]
    fn login_shapes() {
        assert!(looks_like_login("dwhitlock84"));
        assert!(looks_like_login("mfeld.ct"));
        assert!(looks_like_login("PRamanOkafor"));
        assert!(!looks_like_login("Marchetti"));
        assert!(!looks_like_login("access"));
    }
}
