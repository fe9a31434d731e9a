//! Labelled lines: `Name: …`, `E-Services User ID - …`, `Docket # | …`, bullets, tables,
//! all caps and typo'd labels (`Nmae:`, `Dokcet No:`).

use std::sync::LazyLock;

use regex::Regex;

/// Which field a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Name,
    FirstName,
    LastName,
    UserId,
    CaseName,
    /// `Case:` may introduce a caption or a docket; the value decides.
    Case,
    Docket,
    /// A letter's or mail's subject line (`Re:`, `Regarding:`): a caption or a docket
    /// when it holds one ("RE: Electronic Access" names no case).
    Regarding,
}

impl Label {
    /// The label as a party would write it.
    pub fn name(self) -> &'static str {
        match self {
            Label::Name => "Name",
            Label::FirstName => "First name",
            Label::LastName => "Last name",
            Label::UserId => "User ID",
            Label::CaseName => "Case name",
            Label::Case => "Case",
            Label::Docket => "Docket number",
            Label::Regarding => "Re",
        }
    }
}

const VOCABULARY: &[(&str, Label)] = &[
    ("name", Label::Name),
    ("full name", Label::Name),
    ("legal name", Label::Name),
    ("party name", Label::Name),
    ("name of party", Label::Name),
    ("first and last name", Label::Name),
    ("print name", Label::Name),
    ("printed name", Label::Name),
    ("applicant", Label::Name),
    ("applicant name", Label::Name),
    ("petitioner", Label::Name),
    ("requester", Label::Name),
    ("requestor", Label::Name),
    ("requester name", Label::Name),
    ("requestor name", Label::Name),
    ("name of requester", Label::Name),
    ("name of requestor", Label::Name),
    ("requesting party", Label::Name),
    ("self-represented party", Label::Name),
    ("first name", Label::FirstName),
    ("given name", Label::FirstName),
    ("last name", Label::LastName),
    ("surname", Label::LastName),
    ("family name", Label::LastName),
    ("user id", Label::UserId),
    ("userid", Label::UserId),
    ("user name", Label::UserId),
    ("username", Label::UserId),
    ("user", Label::UserId),
    ("id", Label::UserId),
    ("login", Label::UserId),
    ("login id", Label::UserId),
    ("login name", Label::UserId),
    ("account", Label::UserId),
    ("account id", Label::UserId),
    ("account name", Label::UserId),
    ("user identification", Label::UserId),
    ("uid", Label::UserId),
    ("case name", Label::CaseName),
    ("case title", Label::CaseName),
    ("caption", Label::CaseName),
    ("case caption", Label::CaseName),
    ("name of case", Label::CaseName),
    ("style of case", Label::CaseName),
    ("matter", Label::CaseName),
    ("lawsuit", Label::CaseName),
    ("parties", Label::CaseName),
    ("party names", Label::CaseName),
    ("law suit", Label::CaseName),
    ("suit", Label::CaseName),
    ("case style", Label::CaseName),
    ("title of case", Label::CaseName),
    ("civil action", Label::CaseName),
    ("re", Label::Regarding),
    ("regarding", Label::Regarding),
    ("case", Label::Case),
    ("docket", Label::Docket),
    ("docket number", Label::Docket),
    ("docket no", Label::Docket),
    ("docket num", Label::Docket),
    ("docket #", Label::Docket),
    ("docket no #", Label::Docket),
    ("docket id", Label::Docket),
    ("dkt", Label::Docket),
    ("dkt no", Label::Docket),
    ("case number", Label::Docket),
    ("case no", Label::Docket),
    ("case num", Label::Docket),
    ("case #", Label::Docket),
    ("case id", Label::Docket),
    ("file number", Label::Docket),
];

/// Words that may stand before a label without changing it: "Your E-Services User ID".
const LEAD_WORDS: &[&str] =
    &["your", "my", "the", "e-services", "eservices", "e", "services", "judicial", "court", "ct"];

static LABELLED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<label>[\p{L}][\p{L}0-9 .#/'&()-]{0,40}?)\s*(?:[:\uFF1A=|\u2502\t]+|\s[-\u2013\u2014]+\s|\s{2,}|#)\s*(?P<value>.*)$",
    )
    .expect("labelled line pattern compiles")
});

/// A label in bold or italics as mail clients write it in plain text (`*Account ID*`,
/// `**Name:**`, `_Docket_`): the marks are not part of it.
fn without_emphasis(line: &str) -> std::borrow::Cow<'_, str> {
    static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\*{1,2}|_{1,2})([\p{L}][^*_]{0,40}?)(?:\*{1,2}|_{1,2})").expect("emphasis pattern compiles")
    });
    EMPHASIS.replace(line, "$1")
}

/// A line split into its label and value, when it has a label accessd knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledValue {
    pub label: Label,
    pub value: String,
}

/// Reads `line` as `label: value`. The value may be empty (it is then on the next
/// line, as in two-column tables rendered one cell per line).
pub fn read(line: &str) -> Option<LabelledValue> {
    let plain = without_emphasis(line.trim());
    let line = strip_list_marker(&plain);
    let caps = LABELLED_LINE.captures(line)?;
    let label = classify(caps.name("label")?.as_str())?;
    let value = caps
        .name("value")
        .map_or("", |m| m.as_str())
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | ':' | '#' | '=' | '*' | '\u{2502}'))
        .trim_end();
    Some(LabelledValue { label, value: value.to_string() })
}

/// A line that is only a label (`Name`, `Docket #`), whose value follows on the next line.
pub fn bare_label(line: &str) -> Option<Label> {
    let plain = without_emphasis(line.trim());
    let line = strip_list_marker(&plain).trim_end_matches([':', '\u{FF1A}', '-', '|']).trim();
    // Something after a colon is the value, even in brackets (`UserID: (don't remember)`).
    if line.is_empty() || line.len() > 40 || line.contains([':', '\u{FF1A}']) {
        return None;
    }
    classify(line)
}

/// Several labelled values on one line: `Name: Dana Whitlock, User ID: dw84; Docket: …`.
pub fn read_all(line: &str) -> Vec<LabelledValue> {
    static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[,;|\u2502]\s*|\s{2,})((?:e-?services\s+)?(?:user\s*id|user\s*name|username|docket(?:\s*(?:number|no\.?|#))?|case(?:\s*(?:name|number|no\.?|#))?|name)\s*[:#])")
            .expect("label start pattern compiles")
    });
    let starts: Vec<usize> = LABEL_START.captures_iter(line).filter_map(|c| c.get(1)).map(|m| m.start()).collect();
    if starts.len() < 2 {
        return read(line).into_iter().collect();
    }
    let mut out = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(line.len());
        let chunk = line[start..end].trim().trim_end_matches([',', ';', '|', '\u{2502}']).trim();
        out.extend(read(chunk));
    }
    out
}

/// A bullet, arrow or number opening a list item. Outlook's plain text writes a
/// second-level bullet as `o` and spaces; Word's Symbol-font bullet comes through as
/// U+F0B7; people type arrows as `->` or `=>`.
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*\u2013\u2022\u00b7\u2219\u25aa\u25e6\u25ba\u2023\u2043\u25cf\u27a2\u2713\uf0b7]+|[-=]+>|[\u2192\u21d2\u279c\u27a4\u00bb\u203a]|#\s?\d{1,2}[.)]?|\(?\d{1,2}[.)]|\(?[a-e][.)]|o\s)\s+")
        .expect("list marker pattern compiles")
});

/// `line` without the list marker that opens it.
pub(super) fn without_list_marker(line: &str) -> &str {
    let line = line.trim();
    LIST_MARKER.find(line).map_or(line, |m| &line[m.end()..])
}

/// A label's line without its list marker and the emphasis marks round it.
fn strip_list_marker(line: &str) -> &str {
    without_list_marker(line).trim_matches(|c: char| c == '*' || c == '_').trim()
}

/// Maps a label as written to the field it names, tolerating one typo.
fn classify(raw: &str) -> Option<Label> {
    // A form's optional plural (`Name(s)`) and a note in parentheses (`Case name
    // (plaintiff v. defendant)`, `Name (as on my ID)`) name the same field.
    static NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("note pattern compiles"));
    let lowered = NOTE.replace_all(&raw.to_lowercase(), " ").replace(['.', '\'', '_'], " ");
    let mut words: Vec<&str> = lowered.split_whitespace().collect();
    while words.len() > 1 && LEAD_WORDS.contains(&words[0]) {
        words.remove(0);
    }
    let label = words.join(" ").replace("e-services ", "");
    if label.is_empty() {
        return None;
    }
    if let Some((_, l)) = VOCABULARY.iter().find(|(w, _)| *w == label) {
        return Some(*l);
    }
    // Alternatives for one field (`Case Name/Parties`, `Docket/Case No`): the first
    // that is a label names it.
    if label.contains('/') {
        return label.split('/').filter(|part| !part.trim().is_empty()).find_map(classify);
    }
    // Typos: one edit for short labels, two for long ones; never for one- or two-letter labels.
    let allowed = match label.chars().count() {
        0..=3 => return None,
        4..=8 => 1,
        _ => 2,
    };
    VOCABULARY
        .iter()
        .filter(|(w, _)| w.len() > 3 && w.len().abs_diff(label.len()) <= allowed)
        .map(|(w, l)| (strsim::osa_distance(w, &label), *l))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lv(line: &str) -> Option<(Label, String)> {
        read(line).map(|v| (v.label, v.value))
    }

    #[test]
    fn common_labels() {
        assert_eq!(lv("Name: Dana R. Whitlock"), Some((Label::Name, "Dana R. Whitlock".into())));
        assert_eq!(lv("E-Services User ID: dwhitlock84"), Some((Label::UserId, "dwhitlock84".into())));
        assert_eq!(lv("Case Name: Whitlock v. Capitol"), Some((Label::CaseName, "Whitlock v. Capitol".into())));
        assert_eq!(lv("Docket Number: HHD-CV24-6187342-S"), Some((Label::Docket, "HHD-CV24-6187342-S".into())));
        assert_eq!(lv("\u{2022} Docket No.: FBT-CV25-6149876-S"), Some((Label::Docket, "FBT-CV25-6149876-S".into())));
        assert_eq!(lv("Case: Pruitt v. Seaview"), Some((Label::Case, "Pruitt v. Seaview".into())));
        assert_eq!(lv("Docket # | DBD-FA24-6049921-S"), Some((Label::Docket, "DBD-FA24-6049921-S".into())));
        assert_eq!(lv("Name | Helen L. Marchetti"), Some((Label::Name, "Helen L. Marchetti".into())));
        assert_eq!(lv("3. User ID - abc12"), Some((Label::UserId, "abc12".into())));
        assert_eq!(lv("**Name:** Jo Ann Smith"), Some((Label::Name, "Jo Ann Smith".into())));
        assert_eq!(lv("*Account ID* # m_clon"), Some((Label::UserId, "m_clon".into())));
        assert_eq!(lv("_Docket_: KNL-CV23-6038274-S"), Some((Label::Docket, "KNL-CV23-6038274-S".into())));
        assert_eq!(lv("Parties - Housing Partners VS Washington").map(|x| x.0), Some(Label::CaseName));
        // Outlook's and Word's bullets.
        assert_eq!(lv("o  Requestor name: Bill Brooks"), Some((Label::Name, "Bill Brooks".into())));
        assert_eq!(lv("\u{f0b7}  Login: brooks.william"), Some((Label::UserId, "brooks.william".into())));
        assert_eq!(lv("\u{2013} Dkt #: TTD-FA16-5056950-S"), Some((Label::Docket, "TTD-FA16-5056950-S".into())));
        assert_eq!(lv("Olga Brooks: the party"), None, "a name beginning with O is no bullet");
        // Arrows typed or drawn as bullets.
        assert_eq!(lv("-> name of party = liz lee"), Some((Label::Name, "liz lee".into())));
        assert_eq!(lv("=> User ID: lee84"), Some((Label::UserId, "lee84".into())));
        assert_eq!(lv("\u{2192} Docket: HFH-CV18-5034247-S").map(|x| x.0), Some(Label::Docket));
        assert_eq!(lv("#2 User ID: lee84"), Some((Label::UserId, "lee84".into())));
        // A form's optional plural.
        assert_eq!(lv("name(s): liz tasca"), Some((Label::Name, "liz tasca".into())));
        assert_eq!(lv("Docket number(s): NNH-CV24-6141187-S").map(|x| x.0), Some(Label::Docket));
        // A note in parentheses on the label.
        assert_eq!(
            lv("Case name (plaintiff v. defendant): nutmeg residential v. lee"),
            Some((Label::CaseName, "nutmeg residential v. lee".into()))
        );
        assert_eq!(lv("Name (as on my ID): Ann Lee"), Some((Label::Name, "Ann Lee".into())));
        assert_eq!(lv("(1): Ann Lee"), None);
        // Alternatives for one field.
        assert_eq!(
            lv("Case Name/Parties\tDISCOVER BANK v. Balogun"),
            Some((Label::CaseName, "DISCOVER BANK v. Balogun".into()))
        );
        assert_eq!(lv("Docket/Case No: HHD-CV24-6187342-S").map(|x| x.0), Some(Label::Docket));
    }

    #[test]
    fn all_caps_and_typos() {
        assert_eq!(lv("NAME: JOHN SMITH"), Some((Label::Name, "JOHN SMITH".into())));
        assert_eq!(lv("Nmae: John Smith").map(|x| x.0), Some(Label::Name));
        assert_eq!(lv("Dokcet Number: HHD-CV24-6187342-S").map(|x| x.0), Some(Label::Docket));
        assert_eq!(lv("Usre ID: js01").map(|x| x.0), Some(Label::UserId));
        assert_eq!(lv("Case nane: Smith v. Jones").map(|x| x.0), Some(Label::CaseName));
    }

    #[test]
    fn prose_is_not_a_label() {
        assert_eq!(lv("Please grant me electronic access to my case."), None);
        assert_eq!(lv("Thank you, Dana"), None);
        assert_eq!(lv("Hello,"), None);
    }

    #[test]
    fn bare_labels_and_several_per_line() {
        assert_eq!(bare_label("Docket #"), Some(Label::Docket));
        assert_eq!(bare_label("User ID:"), Some(Label::UserId));
        assert_eq!(bare_label("Thanks"), None);
        let all = read_all("Name: Dana Whitlock, User ID: dw84; Docket: HHD-CV24-6187342-S");
        let labels: Vec<Label> = all.iter().map(|v| v.label).collect();
        assert_eq!(labels, vec![Label::Name, Label::UserId, Label::Docket]);
        assert_eq!(all[0].value, "Dana Whitlock");
        assert_eq!(all[1].value, "dw84");
    }
}
