//! Earlier mail that a request carries along: the court's instructions (with their
//! example name, user ID, case and docket) quoted under a reply, a follow-up from the
//! court quoting the party's own earlier details, another party's message in the
//! thread, and the party's own earlier message forwarded (which does state their
//! details). Attribution lines follow each client's habit.

use chrono::{DateTime, Duration, FixedOffset};

use super::super::rng::Rng;
use super::body::{Block, Quote};

/// The thread a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thread {
    Fresh,
    ReplyToCourt,
    InlineReply,
    ForwardOwn,
    OtherParty,
    FollowUp,
}

impl Thread {
    pub fn name(self) -> &'static str {
        match self {
            Thread::Fresh => "fresh",
            Thread::ReplyToCourt => "reply_to_court",
            Thread::InlineReply => "inline_reply",
            Thread::ForwardOwn => "forward_own",
            Thread::OtherParty => "other_party_thread",
            Thread::FollowUp => "court_follow_up",
        }
    }
}

/// How a client introduces quoted or forwarded mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Gmail,
    Outlook,
    Yahoo,
    Apple,
    Thunderbird,
    Proton,
    Samsung,
    Zimbra,
    Mutt,
    Roundcube,
    Gmx,
    Generic,
}

pub const COURT: &str = "eservices@eservices.example";
pub const COURT_NAME: &str = "E-Services";

/// The court's instruction mail (lines), and for each field the index of the line that
/// asks for it (for inline answers).
pub fn instructions(rng: &mut Rng) -> (Vec<String>, [usize; 4]) {
    if rng.chance(0.5) {
        let lines = [
            "Good afternoon,",
            "",
            "Thank you for submitting your request for electronic access. To finish the",
            "request, reply to this e-mail FROM THE E-MAIL ADDRESS ON YOUR E-SERVICES",
            "ACCOUNT and include:",
            "",
            "  1. Your name",
            "  2. Your E-Services User ID",
            "  3. The case name (for example: Smith, John v. Jones, Mary)",
            "  4. The docket number (for example: HHD-CV17-5022125-S)",
            "  5. A legible photo or scan of a valid photo ID (U.S. passport, Connecticut",
            "     driver's license, out-of-state driver's license with photo, current",
            "     government or military ID, passport card, certificate of naturalization",
            "     or citizenship, or permanent resident card)",
            "",
            "Example: John Q. Sample, User ID jqsample01, Sample v. Example,",
            "HHD-CV17-5022125-S, photo of driver's license attached.",
            "",
            "The name on the photo ID must match your name on the court file.",
            "",
            "E-Services Procedures and Technology Support Desk",
            "State of Connecticut Judicial Branch",
        ];
        (lines.iter().map(|s| s.to_string()).collect(), [6, 7, 8, 9])
    } else {
        let lines = [
            "Hello,",
            "",
            "We received your Request Electronic Access submission. Please reply with:",
            "",
            "Name: (e.g. John Q. Sample)",
            "User ID: (e.g. jqsample01)",
            "Case Name: (e.g. Sample v. Example)",
            "Docket Number: (e.g. HHD-CV17-5022125-S)",
            "",
            "and attach a copy of your government-issued photo ID. Requests without an ID",
            "cannot be processed.",
            "",
            "Thank you,",
            "E-Services Support",
        ];
        (lines.iter().map(|s| s.to_string()).collect(), [4, 5, 6, 7])
    }
}

/// The court's follow-up quoting what the party sent before (their own earlier details
/// are quoted text now, not a statement).
pub fn follow_up(name: &str, uid: &str, case: &str, docket: &str) -> Vec<String> {
    vec![
        format!("Dear {name},"),
        String::new(),
        "We could not complete your request for electronic access because no photo ID".into(),
        "was attached. Please reply to this message with a legible photo of your ID.".into(),
        String::new(),
        "Your request:".into(),
        format!("  User ID: {uid}"),
        format!("  Case: {case}"),
        format!("  Docket No.: {docket}"),
        String::new(),
        "E-Services Support".into(),
    ]
}

fn long_date(d: DateTime<FixedOffset>) -> String {
    d.format("%A, %B %-d, %Y %-I:%M %p").to_string()
}

/// Who wrote the quoted mail, to whom, about what, when.
pub struct Earlier<'a> {
    pub who: (&'a str, &'a str),
    pub to: (&'a str, &'a str),
    pub subject: &'a str,
    pub when: DateTime<FixedOffset>,
}

impl Earlier<'_> {
    fn to_text(&self) -> String {
        if self.to.0.is_empty() {
            self.to.1.to_string()
        } else {
            format!("{} <{}>", self.to.0, self.to.1)
        }
    }

    fn sender_text(&self) -> String {
        if self.who.0.is_empty() {
            format!("<{}>", self.who.1)
        } else {
            format!("{} <{}>", self.who.0, self.who.1)
        }
    }
}

/// The attribution lines for a quote (`forward` for a forwarded message), and whether
/// the plain part prefixes quoted lines with `>` and uses a header block.
pub fn attribution(flavor: Flavor, e: &Earlier, forward: bool) -> (Vec<String>, bool, bool) {
    if flavor == Flavor::Outlook {
        let lines = vec![
            format!("From: {}", e.sender_text()),
            format!("Sent: {}", long_date(e.when)),
            format!("To: {}", e.to_text()),
            format!("Subject: {}", e.subject),
        ];
        return (lines, false, true);
    }
    if forward {
        (forward_lines(flavor, e), false, false)
    } else {
        reply_lines(flavor, e)
    }
}

fn reply_lines(flavor: Flavor, e: &Earlier) -> (Vec<String>, bool, bool) {
    let (name, from, w) = (e.who.0, e.sender_text(), e.when);
    let one = |line: String| (vec![line], true, false);
    match flavor {
        Flavor::Gmail => one(format!("On {} {from} wrote:", w.format("%a, %b %-d, %Y at %-I:%M %p"))),
        Flavor::Yahoo => one(format!("On {}, {from} wrote:", w.format("%A, %B %-d, %Y, %I:%M:%S %p EDT"))),
        Flavor::Apple => one(format!("On {}, {from} wrote:", w.format("%b %-d, %Y, at %-I:%M %p"))),
        Flavor::Thunderbird => one(format!("On {}, {name} wrote:", w.format("%-m/%-d/%Y %-I:%M %p"))),
        Flavor::Mutt => one(format!("On {}, {name} wrote:", w.format("%a, %b %d, %Y at %I:%M:%S%p %z"))),
        Flavor::Roundcube => one(format!("On {}, {name} wrote:", w.format("%Y-%m-%d %H:%M"))),
        Flavor::Proton => (
            vec![
                "------- Original Message -------".into(),
                format!("On {}, {from} wrote:", w.format("%A, %B %-d, %Y at %-I:%M %p")),
            ],
            true,
            false,
        ),
        Flavor::Samsung | Flavor::Zimbra | Flavor::Gmx => (forward_lines(flavor, e), flavor == Flavor::Zimbra, false),
        _ => one(format!("On {}, {from} wrote:", w.format("%b %-d, %Y, at %-I:%M %p"))),
    }
}

fn forward_lines(flavor: Flavor, e: &Earlier) -> Vec<String> {
    let (from, to, subject, w) = (e.sender_text(), e.to_text(), e.subject, e.when);
    match flavor {
        Flavor::Gmail => vec![
            "---------- Forwarded message ---------".into(),
            format!("From: {from}"),
            format!("Date: {}", w.format("%a, %b %-d, %Y at %-I:%M %p")),
            format!("Subject: {subject}"),
            format!("To: <{}>", e.to.1),
        ],
        Flavor::Yahoo => vec![
            "----- Forwarded Message -----".into(),
            format!("From: {from}"),
            format!("To: {to}"),
            format!("Sent: {}", long_date(w)),
            format!("Subject: {subject}"),
        ],
        Flavor::Apple => vec![
            "Begin forwarded message:".into(),
            String::new(),
            format!("From: {from}"),
            format!("Subject: {subject}"),
            format!("Date: {}", w.format("%B %-d, %Y at %-I:%M:%S %p EDT")),
            format!("To: {to}"),
        ],
        Flavor::Samsung => vec![
            "-------- Original message --------".into(),
            format!("From: {from} "),
            format!("Date: {} (GMT-05:00) ", w.format("%-m/%-d/%y %-I:%M %p")),
            format!("To: {to} "),
            format!("Subject: {subject} "),
        ],
        Flavor::Zimbra => vec![
            "----- Original Message -----".into(),
            format!("From: \"{}\" <{}>", e.who.0, e.who.1),
            format!("To: {to}"),
            format!("Sent: {}", w.format("%A, %B %-d, %Y %-I:%M:%S %p")),
            format!("Subject: {subject}"),
        ],
        Flavor::Gmx => vec![
            format!("Sent: {}", w.format("%A, %B %d, %Y at %-I:%M %p")),
            format!("From: \"{}\" <{}>", e.who.0, e.who.1),
            format!("To: {to}"),
            format!("Subject: {subject}"),
        ],
        Flavor::Proton => vec![
            "------- Forwarded Message -------".into(),
            format!("On {}, {from} wrote:", w.format("%A, %B %-d, %Y at %-I:%M %p")),
        ],
        Flavor::Thunderbird => vec![
            "-------- Forwarded Message --------".into(),
            format!("Subject: \t{subject}"),
            format!("Date: \t{}", w.format("%a, %-d %b %Y %H:%M:%S %z")),
            format!("From: \t{from}"),
            format!("To: \t{to}"),
        ],
        _ => vec![
            "-------- Original Message --------".into(),
            format!("Subject: {subject}"),
            format!("Date: {}", w.format("%a, %-d %b %Y %H:%M:%S %z")),
            format!("From: {from}"),
            format!("To: {to}"),
        ],
    }
}

/// A quote block of `lines` under an attribution.
pub fn quote(attr: (Vec<String>, bool, bool), lines: &[String]) -> Block {
    let (attribution, prefixed, header_block) = attr;
    Block::Quote(Quote { attribution, blocks: vec![Block::Lines(lines.to_vec())], prefixed, header_block })
}

/// A forward: the party's earlier text (blocks) under a forward attribution.
pub fn forward(attr: (Vec<String>, bool, bool), blocks: Vec<Block>) -> Block {
    let (attribution, prefixed, header_block) = attr;
    Block::Quote(Quote { attribution, blocks, prefixed, header_block })
}

/// The court's instructions with the party's answers written under each item.
pub fn inline_answers(
    attr: (Vec<String>, bool, bool),
    lines: &[String],
    asks: [usize; 4],
    answers: &[Option<String>],
) -> Vec<Block> {
    let (attribution, prefixed, _) = attr;
    let mut out = Vec::new();
    let mut start = 0;
    let mut first = true;
    for (field, &at) in asks.iter().enumerate() {
        let Some(Some(answer)) = answers.get(field) else { continue };
        let chunk = lines[start..=at].to_vec();
        let attribution = if first { attribution.clone() } else { Vec::new() };
        out.push(Block::Quote(Quote { attribution, blocks: vec![Block::Lines(chunk)], prefixed, header_block: false }));
        out.push(Block::Lines(vec![answer.clone()]));
        start = at + 1;
        first = false;
    }
    let rest = lines[start..].to_vec();
    let attribution = if first { attribution } else { Vec::new() };
    out.push(Block::Quote(Quote { attribution, blocks: vec![Block::Lines(rest)], prefixed, header_block: false }));
    out
}

/// When the quoted mail was sent: some hours or days before `date`.
pub fn earlier(rng: &mut Rng, date: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    date - Duration::minutes(rng.range(30, 6 * 24 * 60) as i64)
}

/// A short message from another party (spouse, co-party, landlord's office) that the
/// sender replies to or forwards along with their own request.
pub fn other_party_lines(rng: &mut Rng, other_first: &str, other_full: &str) -> Vec<String> {
    let body = match rng.range(0, 3) {
        0 => vec![
            "The court says each of us has to ask for e-access separately. I sent mine".to_string(),
            "yesterday with my license, you need to send yours too.".to_string(),
        ],
        1 => vec![
            "Did you send the court your ID yet? They want the user id and the docket".to_string(),
            "number too. I already did mine.".to_string(),
        ],
        _ => vec!["Forwarding the instructions from the clerk. Send them your info.".to_string()],
    };
    let mut lines = body;
    lines.push(String::new());
    lines.push(if rng.chance(0.5) { other_first.to_string() } else { other_full.to_string() });
    lines
}
