//! The sender's own words: typography evened out, quoted replies, forwarded blocks and
//! the court's pasted boilerplate removed. Nothing here looks for fields.

use std::sync::LazyLock;

use regex::Regex;

/// Evens out typography so patterns see one shape: curly quotes become straight,
/// no-break and zero-width spaces become spaces or vanish, CRLF becomes LF.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{2002}' | '\u{2003}' => out.push(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{00ad}' => {}
            c => out.push(c),
        }
    }
    out
}

static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            on\b.{0,300}\bwrote\s*:?
          | le\b.{0,300}\ba\s+écrit\s*:?
          | am\b.{0,300}\bschrieb\b.{0,200}:?
          | el\b.{0,300}\bescribió\s*:?
          | .{0,200}\bwrote\s*:
        )\s*$",
    )
    .expect("attribution pattern compiles")
});

static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:-{2,}\s*(?:original|reply)\s+message\s*-{2,}|_{10,}|-{5,}\s*forwarded message\s*-{5,}|begin forwarded message\s*:|-{2,}\s*forwarded by\b.*)$")
        .expect("separator pattern compiles")
});

static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\*?(from|sent|date|to|cc|subject)\s*:\*?\s").expect("header pattern compiles"));

static MOBILE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sent from my \w+|sent from (?:yahoo|outlook|mail) for \w+|get outlook for \w+)")
        .expect("footer pattern compiles")
});

/// What the sender wrote, as lines, and what they forwarded inline.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SenderText {
    pub lines: Vec<String>,
    /// Text after a "Forwarded message" marker: someone's earlier mail.
    pub forwarded: Option<String>,
    /// An earlier message below the sender's part, quoted without `>` (after a
    /// separator, an Outlook header block or an attribution): perhaps the sender's
    /// own, resent.
    pub earlier: Option<String>,
}

/// Splits a body into the sender's own lines. Quoted lines (`>`) are dropped; an
/// Outlook header block or separator ends the sender's part, and so does a reply
/// attribution ("On … wrote:") unless a `>` quote follows it, in which case the
/// sender may answer between the quoted lines: an answer written under a quoted
/// question ("> User ID: (e.g. jqsample01)") is labelled by it. Paragraphs carrying
/// the court's boilerplate markers, and lines that give examples, are dropped.
pub fn sender_text(body: &str, boilerplate_markers: &[String]) -> SenderText {
    let lines: Vec<&str> = body.lines().collect();
    let mut own: Vec<String> = Vec::new();
    let mut forwarded = None;
    let mut earlier = None;
    let mut asked: Option<&'static str> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(quoted) = line.strip_prefix('>') {
            let quoted = quoted.trim_start_matches(['>', ' ']).trim();
            if !quoted.is_empty() {
                asked = question(quoted);
            }
            i += 1;
            continue;
        }
        if SEPARATOR.is_match(line) && is_forward_marker(line) {
            forwarded = Some(lines[i + 1..].join("\n"));
            break;
        }
        // A separator or attribution over `>` quotes: the sender may answer between
        // the quoted lines, so reading goes on.
        let quote_follows = |from: usize| {
            let next = lines[from..].iter().position(|l| !l.trim().is_empty()).map(|k| from + k);
            next.is_some_and(|k| {
                lines[k].trim_start().starts_with('>')
                    || attribution_lines(&lines[k..]).is_some_and(|n| {
                        lines[k + n..]
                            .iter()
                            .find(|l| !l.trim().is_empty())
                            .is_some_and(|l| l.trim_start().starts_with('>'))
                    })
            })
        };
        if SEPARATOR.is_match(line) && quote_follows(i + 1) {
            i += 1;
            continue;
        }
        if SEPARATOR.is_match(line) || starts_header_block(&lines[i..]) {
            earlier = Some(lines[i..].join("\n"));
            break;
        }
        if let Some(n) = attribution_lines(&lines[i..]) {
            if quote_follows(i + n) {
                i += n;
                continue;
            }
            earlier = Some(lines[i..].join("\n"));
            break;
        }
        if !MOBILE_FOOTER.is_match(line) {
            let label = if line.is_empty() { None } else { asked.take() };
            match label {
                Some(label) if is_short_answer(line) => own.push(format!("{label}: {line}")),
                _ => own.push(line.to_string()),
            }
        }
        i += 1;
    }
    SenderText { lines: drop_boilerplate(own, boilerplate_markers), forwarded, earlier }
}

/// The field a quoted line asks for, when it is a form prompt: a label ending in a
/// colon or followed by an example ("Name: (e.g. John Q. Sample)", "Docket #:").
fn question(quoted: &str) -> Option<&'static str> {
    static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\((?:e\.g\.|eg|for example|example|ex\.)[^)]*\)\s*$").expect("example pattern compiles")
    });
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\(?\d{1,2}[.)]\s").expect("numbered prompt pattern compiles"));
    let had_example = EXAMPLE.is_match(quoted);
    let prompt = EXAMPLE.replace(quoted, "");
    let prompt = prompt.trim();
    // A form prompt: a label with an example, a colon, or a number ("1. Your name").
    if !(had_example || prompt.ends_with(':') || NUMBERED.is_match(prompt)) {
        return None;
    }
    super::labels::bare_label(prompt).map(super::labels::Label::name)
}

/// An answer to a form prompt is a value, not a sentence.
fn is_short_answer(line: &str) -> bool {
    line.split_whitespace().count() <= 8 && !line.ends_with(['?', ':'])
}

/// A forwarded or quoted message split into its author's address (from its `From:`
/// line or its "On … <address> wrote:" attribution) and its body. Leading separator
/// lines are skipped.
pub fn forwarded_parts(text: &str) -> (Option<String>, String) {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}").expect("address pattern compiles")
    });
    let lines: Vec<&str> = text.lines().collect();
    let mut i = lines.iter().position(|l| !l.trim().is_empty() && !SEPARATOR.is_match(l.trim())).unwrap_or(lines.len());
    if let Some(n) = attribution_lines(&lines[i..]) {
        let author = ADDRESS.find(&lines[i..i + n].join(" ")).map(|m| m.as_str().to_ascii_lowercase());
        let body: Vec<&str> =
            lines[i + n..].iter().map(|l| l.trim_start().trim_start_matches('>').trim_start()).collect();
        return (author, body.join("\n"));
    }
    let first = i;
    let mut author = None;
    while i < lines.len() && HEADER_LINE.is_match(&format!("{} ", lines[i].trim())) {
        let line = lines[i].trim();
        if line.to_ascii_lowercase().trim_start_matches('*').starts_with("from") {
            author = ADDRESS.find(line).map(|m| m.as_str().to_ascii_lowercase());
        }
        i += 1;
    }
    if i == first {
        return (None, text.to_string());
    }
    // A client that quotes the forwarded body (`>`, or a blockquote turned to text).
    let body: Vec<&str> = lines[i..].iter().map(|l| l.trim_start().trim_start_matches('>').trim_start()).collect();
    (author, body.join("\n"))
}

fn is_forward_marker(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    l.contains("forwarded message") || l.starts_with("begin forwarded") || l.contains("forwarded by")
}

/// An attribution may be wrapped over up to three lines: how many it takes.
fn attribution_lines(rest: &[&str]) -> Option<usize> {
    let first = rest[0].trim();
    let starts_like = {
        let l = first.to_ascii_lowercase();
        ["on ", "le ", "am ", "el "].iter().any(|p| l.starts_with(p)) || l.contains("wrote")
    };
    if !starts_like {
        return None;
    }
    let mut joined = String::new();
    for (n, line) in rest.iter().take(3).enumerate() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line.trim());
        if ATTRIBUTION.is_match(&joined) {
            return Some(n + 1);
        }
    }
    None
}

/// Outlook and webmail quote without `>`: a header block of `From:`, `Sent:`/`Date:`
/// and `To:`/`Subject:` lines close together, starting with `From:` or, as GMX and
/// others write it, with `Sent:`/`Date:`.
fn starts_header_block(rest: &[&str]) -> bool {
    let field = |l: &str| HEADER_LINE.captures(l.trim()).map(|c| c[1].to_ascii_lowercase());
    if !matches!(field(rest[0]).as_deref(), Some("from" | "sent" | "date")) {
        return false;
    }
    let fields: Vec<String> = rest.iter().take(6).filter_map(|l| field(l)).collect();
    let has = |names: &[&str]| fields.iter().any(|f| names.contains(&f.as_str()));
    has(&["from"]) && has(&["sent", "date"]) && has(&["to", "subject"])
}

fn drop_boilerplate(lines: Vec<String>, markers: &[String]) -> Vec<String> {
    let markers: Vec<String> = markers.iter().map(|m| m.to_lowercase()).filter(|m| !m.is_empty()).collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut paragraph: Vec<String> = Vec::new();
    let flush = |paragraph: &mut Vec<String>, out: &mut Vec<String>| {
        let lower = paragraph.join(" ").to_lowercase();
        if !markers.iter().any(|m| lower.contains(m.as_str())) {
            out.append(paragraph);
        }
        paragraph.clear();
        out.push(String::new());
    };
    for line in lines {
        if line.is_empty() {
            flush(&mut paragraph, &mut out);
        } else if !gives_example(&line) {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

fn gives_example(line: &str) -> bool {
    let l = line.to_lowercase();
    l.contains("for example") || l.contains("e.g.") || l.starts_with("example:") || l.contains("such as:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(body: &str) -> Vec<String> {
        sender_text(body, &["E-Services Procedures and Technology Support Desk".to_string()])
            .lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn stops_at_attribution_even_when_wrapped() {
        let body = "My info\nOn Tue, Oct 7, 2026 at 9:12 AM E-Services Support <\neservices@court.example> wrote:\nquoted instructions\n";
        assert_eq!(own(body), vec!["My info"]);
        let body = "Mine\n\nOn 10/7/2026 9:12 AM, E-Services Support wrote:\n> Example HHD-CV17-5022125-S";
        assert_eq!(own(body), vec!["Mine"]);
    }

    #[test]
    fn drops_quoted_lines_and_outlook_blocks() {
        let body = "Top\n> quoted\nMore\n\nFrom: E-Services <eservices@court.example>\nSent: Monday\nTo: me\nSubject: x\n\nold text";
        assert_eq!(own(body), vec!["Top", "More"]);
        let body = "Top\n-----Original Message-----\nold";
        assert_eq!(own(body), vec!["Top"]);
        // GMX and others start the block with its date.
        let body = "Top\n\nSent: Monday, January 11, 2027 at 5:33 PM\nFrom: \"E-Services\" <e@court.example>\nTo: Owen Pruitt <op@gmx.example>\nSubject: Your request\nold text";
        assert_eq!(own(body), vec!["Top"]);
        // A party's own labelled date is no header block.
        assert_eq!(own("Date: 10/12/2026\nUser ID: dw1"), vec!["Date: 10/12/2026", "User ID: dw1"]);
    }

    #[test]
    fn answers_between_quoted_questions_are_the_sender_s_and_labelled() {
        let body = "On Thu, Jan 21, 2027 at 8:22 PM E-Services <eservices@court.example> wrote:\n> Please reply with:\n>\n> Name: (e.g. John Q. Sample)\n\nMinh Vu\n\n> User ID: (e.g. jqsample01)\n\nminhvu\n\n> and attach your photo ID.\n\ngreen card attached\n";
        assert_eq!(own(body), vec!["Name: Minh Vu", "User ID: minhvu", "green card attached"]);
        // A separator over the quote, numbered prompts.
        let body = "Good morning,\n\n------- Original Message -------\nOn Friday, October 30, 2026 at 1:49 PM, E-Services <e@court.example> wrote:\n>   1. Your name\n\nSofia Vazquez\n\n>   2. Your E-Services User ID\n\nvazquezs2022\n";
        assert_eq!(own(body), vec!["Good morning,", "Name: Sofia Vazquez", "User ID: vazquezs2022"]);
        // A quote that is not a form prompt labels nothing.
        assert_eq!(own("On Mon, X wrote:\n> Thank you for writing\nDana Whitlock"), vec!["Dana Whitlock"]);
    }

    #[test]
    fn a_from_line_alone_is_not_a_quote() {
        assert_eq!(own("From: Dana\nUser ID: dw1"), vec!["From: Dana", "User ID: dw1"]);
    }

    #[test]
    fn pasted_boilerplate_paragraph_and_examples_are_dropped() {
        let body = "Name: Dana\n\nPlease include your docket number (for example: HHD-CV17-5022125-S)\n\nThank you\nE-Services Procedures and Technology Support Desk\n";
        assert_eq!(own(body), vec!["Name: Dana"]);
    }

    #[test]
    fn forwarded_block_is_kept_apart() {
        let t = sender_text("See below\n---------- Forwarded message ---------\nFrom: me\nUser ID: abc1", &[]);
        assert_eq!(t.lines.iter().filter(|l| !l.is_empty()).count(), 1);
        assert!(t.forwarded.unwrap().contains("User ID: abc1"));
    }

    #[test]
    fn typography_is_evened_out() {
        assert_eq!(normalise("Zoë O\u{2019}Brien\u{00a0}x\r\n"), "Zoë O'Brien x\n");
    }
}
