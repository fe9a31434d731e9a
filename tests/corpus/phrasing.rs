//! The words of a request: the many ways people state their name, E-Services user ID,
//! case name and docket number (labelled lists with typos, prose, tables, one-liners,
//! numbered answers, the subject line, the signature, an attachment's file name, a
//! letter), and the greetings, notes and sign-offs around them.
//!
//! Every stated value appears verbatim where it is placed, so the truth can record it as
//! written; a field that is not stated appears nowhere in the sender's own text.

use super::mail::body::{Block, Rows};
use super::rng::Rng;

/// The four fields, in the truth's order.
pub const FIELDS: [&str; 4] = ["name", "user_id", "case_name", "docket_number"];

/// Stands for the user ID while text is composed, so a change of case leaves it as typed.
pub const UID_MARK: char = '\u{E000}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Labelled,
    Markdown,
    Bullets,
    Table,
    Prose,
    Mixed,
    OneLine,
    Numbered,
    Subject,
    Signature,
    FileName,
    Letter,
    InlineReply,
}

impl Style {
    pub const ALL: &'static [(Style, u64)] = &[
        (Style::Labelled, 20),
        (Style::Markdown, 3),
        (Style::Bullets, 5),
        (Style::Table, 4),
        (Style::Prose, 18),
        (Style::Mixed, 9),
        (Style::OneLine, 5),
        (Style::Numbered, 4),
        (Style::Subject, 6),
        (Style::Signature, 6),
        (Style::FileName, 6),
        (Style::Letter, 3),
        (Style::InlineReply, 5),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Style::Labelled => "labelled",
            Style::Markdown => "markdown",
            Style::Bullets => "bullets",
            Style::Table => "table",
            Style::Prose => "prose",
            Style::Mixed => "mixed",
            Style::OneLine => "one_line",
            Style::Numbered => "numbered",
            Style::Subject => "subject",
            Style::Signature => "signature",
            Style::FileName => "file_name",
            Style::Letter => "docx_letter",
            Style::InlineReply => "inline_reply",
        }
    }
}

/// Where a stated field is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Body,
    Subject,
    Signature,
    FileName,
    Letter,
}

/// Upper or lower case for the whole message (the user ID stays as typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    AsTyped,
    Upper,
    Lower,
}

/// The values as the sender writes them (the user ID as typed; the docket in its shape).
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub fields: [Option<String>; 4],
}

/// Everything else the text needs.
#[derive(Debug, Clone)]
pub struct Setting {
    pub first: String,
    pub sign_first: bool,
    pub role: &'static str,
    pub kind: &'static str,
    pub business: Option<String>,
    pub native: Option<String>,
    pub attachment_note: String,
    pub phone: String,
    pub fancy: bool,
    pub reply: bool,
    pub unknown_markers: bool,
}

#[derive(Debug, Clone)]
pub struct Written {
    pub subject: String,
    pub body: Vec<Block>,
    pub signature: Option<Block>,
    pub filename_stem: Option<String>,
    pub letter: Option<Vec<String>>,
    /// How each field was stated (meta): `label:Docket #`, `prose:…`, `subject`…
    pub ways: [Option<String>; 4],
    /// For inline replies: the answer for each field in order, without labels.
    pub answers: Vec<Option<String>>,
}

mod labels {
    //! Labels people put before each field.
    pub const NAME: &[&str] = &[
        "Name",
        "Full name",
        "Full Name",
        "Full legal name",
        "Legal name",
        "Your name",
        "Party name",
        "Name of party",
        "Requester",
        "Requestor name",
        "Applicant",
        "First and last name",
        "Nmae",
        "Name(s)",
        "NAME",
        "Name on file",
        "Self-represented party",
        "My name",
        "Printed name",
        "name",
        "Full Legal Name",
        "Party",
    ];
    pub const USER: &[&str] = &[
        "User ID",
        "E-Services User ID",
        "E-Services username",
        "Login",
        "Username",
        "User name",
        "UserID",
        "User Id",
        "Userid",
        "E-services ID",
        "eServices ID",
        "E Services user id",
        "Account ID",
        "Login ID",
        "Log-in name",
        "User ID#",
        "Usre ID",
        "Online user ID",
        "USER ID",
        "user id",
        "E-Services login",
        "ID",
    ];
    pub const CASE: &[&str] = &[
        "Case Name",
        "Case name",
        "Case",
        "Case title",
        "Caption",
        "Case caption",
        "Matter",
        "Case Nmae",
        "Title of case",
        "Name of case",
        "Parties",
        "Case name (plaintiff v. defendant)",
        "Regarding",
        "Lawsuit",
        "CASE NAME",
        "case",
        "Case Name/Parties",
        "Re",
    ];
    pub const DOCKET: &[&str] = &[
        "Docket Number",
        "Docket No.",
        "Docket #",
        "Docket no",
        "Docket",
        "Case No.",
        "Case Number",
        "Case #",
        "Case number",
        "Dkt. No.",
        "Dkt #",
        "Docket No",
        "Dockect number",
        "Court docket number",
        "Case ID",
        "Docket num",
        "DOCKET NO.",
        "docket number",
        "Docket Nbr",
        "Doc. No.",
    ];
    pub const SEPS: &[&str] = &[": ", ": ", ": ", ":  ", " - ", " = ", ":\t", " : ", " -- ", ":", " # "];
    pub const BULLETS: &[&str] = &["- ", "* ", "\u{2022} ", "\u{2022}\t", "o  ", "\u{00b7} ", "-> "];
}

mod prose {
    //! Sentences that state fields. `{name}`, `{uid}`, `{case}`, `{docket}`, `{role}`,
    //! `{kind}` are filled in.
    pub const NAME: &[&str] = &[
        "My name is {name}.",
        "I, {name}, am writing to request electronic access to my case.",
        "This is {name}.",
        "{name} here.",
        "I am {name}, the {role} in this case.",
        "My full name is {name}.",
        "I'm {name} and I'm representing myself.",
        "Hello, this is {name} writing about my case.",
        "I am writing on my own behalf ({name}).",
        "The undersigned, {name}, respectfully requests electronic access.",
        "It's {name} again.",
        "I am the self-represented {role}, {name}.",
        "My legal name is {name}.",
        "Writing as {name}, self-represented.",
        "This email is from {name}.",
        "{name}, {role}, pro se.",
        "I'm writing for myself, {name}, about getting online access.",
        "my name is {name}",
        "Name is {name}.",
        "I am {name}.",
    ];
    pub const USER: &[&str] = &[
        "My user ID is {uid}.",
        "My E-Services user ID is {uid}.",
        "my username on E-Services is {uid}",
        "I log in as {uid}.",
        "I registered under the user ID {uid}.",
        "My login is {uid}.",
        "The user name I created is {uid}.",
        "I signed up on E-Services with the ID {uid}.",
        "My account is {uid}.",
        "User ID {uid}.",
        "my eservices id is {uid}",
        "I created an E-Services account last week, user ID {uid}.",
        "The account I made is under {uid}.",
        "You can find me under the username {uid}.",
        "My e-services login name: {uid}",
        "My ID for the website is {uid}.",
        "I set up my online account as \"{uid}\".",
        "username - {uid}",
        "Account user ID is {uid}.",
        "my user name is {uid} on the judicial website",
    ];
    pub const NAME_USER: &[&str] = &[
        "This is {name} (E-Services: {uid}).",
        "{name}, user ID {uid}, here.",
        "I am {name} and my user ID is {uid}.",
        "My name is {name} and my E-Services username is {uid}.",
        "I'm {name} ({uid} on E-Services).",
    ];
    pub const CASE: &[&str] = &[
        "My case is {case}.",
        "The case is {case}.",
        "This is about {case}.",
        "It's regarding {case}.",
        "I am the {role} in {case}.",
        "I'm a party in {case}.",
        "The case name is {case}.",
        "This is in the matter of {case}.",
        "I need access to the {kind} case {case}.",
        "It is for my case, {case}.",
        "Case name is {case}.",
        "My {kind} case is called {case}.",
        "I'm representing myself in {case}.",
        "The matter is {case}.",
        "It's the case {case}.",
        "i need to see the papers in {case}",
    ];
    pub const DOCKET: &[&str] = &[
        "The docket number is {docket}.",
        "Docket number {docket}.",
        "My case number is {docket}.",
        "case number is {docket}",
        "The docket # is {docket}.",
        "It's docket {docket}.",
        "It is filed under docket number {docket}.",
        "Docket No. {docket}.",
        "The number on my papers is {docket}.",
        "Case no. {docket}.",
        "The court number is {docket}.",
        "docket no {docket}",
        "Its docket number: {docket}.",
        "The case number from the summons is {docket}.",
        "The docket is {docket} if that helps.",
    ];
    pub const CASE_DOCKET: &[&str] = &[
        "I'm the {role} in {case}, {docket}.",
        "I need access to {case} ({docket}).",
        "My case is {case}, docket no. {docket}.",
        "This is regarding case {docket} ({case}).",
        "Re: {case}, Docket No. {docket}",
        "I am a party to {case}, Docket Number {docket}.",
        "The case is {case} and the docket number is {docket}.",
        "I'm the {role} in {case}, {docket}, and I want to see the filings online.",
        "{case} - {docket}",
    ];
}

mod chatter {
    //! Greetings, openers, closings: text that states no field.
    pub const GREETINGS: &[&str] = &[
        "Hello,",
        "Hi,",
        "Good morning,",
        "Good afternoon,",
        "Dear Clerk,",
        "To whom it may concern,",
        "Dear E-Services,",
        "Hello E-Services team,",
        "Hi there,",
        "Good evening,",
        "Dear Sir or Madam,",
        "Hello",
        "Dear Clerk of Court,",
        "Greetings,",
    ];
    pub const OPENERS: &[&str] = &[
        "Please grant me electronic access to my case.",
        "I am requesting electronic access to my case.",
        "I submitted a request for electronic access and was told to send the following.",
        "Following up on my request for e-access.",
        "As requested, here is my information.",
        "I clicked on Request Electronic Access and got your email.",
        "I would like to view my case documents online.",
        "I'm trying to get online access to my file so I don't have to come to the courthouse.",
        "I was told by the clerk's office to email this address.",
        "Sending the information for my electronic access request.",
        "I need e-access to my case please.",
        "Per the instructions on the website, here are my details.",
    ];
    pub const REPLY_OPENERS: &[&str] = &[
        "Here is the information you asked for.",
        "Thanks for getting back to me. See below.",
        "Replying with my details.",
        "Ok here it is.",
        "Sorry for the delay, here is everything.",
        "Please see below and attached.",
    ];
    pub const CLOSINGS: &[&str] = &[
        "Thank you,",
        "Thanks,",
        "Thanks!",
        "Regards,",
        "Best,",
        "Sincerely,",
        "Respectfully,",
        "Best regards,",
        "Thank you for your help,",
        "Thanks so much,",
        "Kind regards,",
        "God bless,",
        "Thank you very much.",
    ];
    pub const UNKNOWN: &[&str] =
        &["I don't have it", "not sure", "?", "(don't remember)", "N/A", "don't know it sorry", "will send later"];
}

/// `template` with the setting's apostrophes, then the values and role words filled in.
fn fill(template: &str, vals: &Values, s: &Setting) -> String {
    let mut out = fancy(template, s);
    let keys = ["{name}", "{uid}", "{case}", "{docket}"];
    for (k, v) in keys.iter().zip(vals.fields.iter()) {
        if let Some(v) = v {
            out = out.replace(k, v);
        }
    }
    out.replace("{role}", s.role).replace("{kind}", s.kind)
}

fn fancy(text: &str, s: &Setting) -> String {
    if s.fancy {
        text.replace("I'm", "I\u{2019}m")
            .replace("It's", "It\u{2019}s")
            .replace("don't", "don\u{2019}t")
            .replace("'s ", "\u{2019}s ")
    } else {
        text.to_string()
    }
}

/// Composes the sender's text for `vals` placed by `places` in `style`.
pub fn write(
    rng: &mut Rng,
    style: Style,
    vals: &Values,
    places: &[Option<Place>; 4],
    s: &Setting,
    case: Case,
) -> Written {
    let mut marked = vals.clone();
    marked.fields[1] = vals.fields[1].as_ref().map(|_| UID_MARK.to_string());
    let mut w = Written {
        subject: String::new(),
        body: Vec::new(),
        signature: None,
        filename_stem: None,
        letter: None,
        ways: Default::default(),
        answers: Vec::new(),
    };
    let in_body: Vec<usize> = (0..4).filter(|&i| places[i] == Some(Place::Body)).collect();
    body(rng, style, &marked, &in_body, s, &mut w);
    w.subject = subject(rng, &marked, places, s, &mut w.ways);
    w.signature = Some(signature(rng, &marked, places, s, &mut w.ways));
    w.filename_stem = filename(rng, &marked, places, &mut w.ways);
    w.letter = letter(rng, &marked, places, s, &mut w.ways);
    recase(&mut w, case, vals.fields[1].as_deref().unwrap_or(""));
    w
}

fn body(rng: &mut Rng, style: Style, vals: &Values, fields: &[usize], s: &Setting, w: &mut Written) {
    if rng.chance(0.8) {
        w.body.push(Block::Lines(vec![rng.pick(chatter::GREETINGS).to_string()]));
    }
    let opener = if s.reply && rng.chance(0.6) { rng.pick(chatter::REPLY_OPENERS) } else { rng.pick(chatter::OPENERS) };
    let lead_prose = matches!(style, Style::Prose | Style::Mixed);
    if !lead_prose || rng.chance(0.5) {
        w.body.push(Block::Para(fancy(opener, s)));
    }
    match style {
        Style::Prose => prose_block(rng, vals, fields, s, w),
        Style::Mixed => {
            let (lead, rest): (Vec<usize>, Vec<usize>) = fields.iter().partition(|&&f| f <= 1 && rng.chance(0.8));
            prose_block(rng, vals, &lead, s, w);
            rows_block(rng, style, vals, &rest, s, w);
        }
        Style::Table => table_block(rng, vals, fields, w),
        Style::OneLine => one_line(rng, vals, fields, w),
        Style::Numbered => numbered(rng, vals, fields, s, w),
        Style::InlineReply => {
            w.answers = (0..4).map(|i| fields.contains(&i).then(|| vals.fields[i].clone()).flatten()).collect();
            for &f in fields {
                w.ways[f] = Some("inline_reply".into());
            }
        }
        _ => rows_block(rng, style, vals, fields, s, w),
    }
    if !s.attachment_note.is_empty() {
        w.body.push(Block::Para(fancy(&s.attachment_note, s)));
    }
}

fn prose_block(rng: &mut Rng, vals: &Values, fields: &[usize], s: &Setting, w: &mut Written) {
    let has = |i: usize| fields.contains(&i);
    let mut sentences = Vec::new();
    let mark = |i: usize, way: String, ways: &mut [Option<String>; 4]| ways[i] = Some(way);
    if has(0) && has(1) && rng.chance(0.3) {
        let k = rng.range(0, prose::NAME_USER.len() as u64) as usize;
        sentences.push(fill(prose::NAME_USER[k], vals, s));
        mark(0, format!("prose:name_user#{k}"), &mut w.ways);
        mark(1, format!("prose:name_user#{k}"), &mut w.ways);
    } else {
        for (i, set) in [(0, prose::NAME), (1, prose::USER)] {
            if has(i) {
                let k = rng.range(0, set.len() as u64) as usize;
                sentences.push(fill(set[k], vals, s));
                mark(i, format!("prose:{}#{k}", FIELDS[i]), &mut w.ways);
            }
        }
    }
    if has(2) && has(3) && rng.chance(0.5) {
        let k = rng.range(0, prose::CASE_DOCKET.len() as u64) as usize;
        sentences.push(fill(prose::CASE_DOCKET[k], vals, s));
        mark(2, format!("prose:case_docket#{k}"), &mut w.ways);
        mark(3, format!("prose:case_docket#{k}"), &mut w.ways);
    } else {
        for (i, set) in [(2, prose::CASE), (3, prose::DOCKET)] {
            if has(i) {
                let k = rng.range(0, set.len() as u64) as usize;
                sentences.push(fill(set[k], vals, s));
                mark(i, format!("prose:{}#{k}", FIELDS[i]), &mut w.ways);
            }
        }
    }
    if sentences.is_empty() {
        return;
    }
    if rng.chance(0.5) {
        w.body.push(Block::Para(sentences.join(" ")));
    } else {
        for sentence in sentences {
            w.body.push(Block::Para(sentence));
        }
    }
}

fn label_for(rng: &mut Rng, field: usize) -> &'static str {
    let set = [labels::NAME, labels::USER, labels::CASE, labels::DOCKET][field];
    rng.pick::<&str>(set)
}

fn rows_block(rng: &mut Rng, style: Style, vals: &Values, fields: &[usize], s: &Setting, w: &mut Written) {
    let sep = rng.pick(labels::SEPS).to_string();
    let bullet = match style {
        Style::Bullets => rng.pick(labels::BULLETS).to_string(),
        _ => String::new(),
    };
    let markdown = style == Style::Markdown;
    let mut rows = Vec::new();
    for f in 0..4 {
        let label = label_for(rng, f);
        let label_text = if markdown { format!("**{label}") } else { label.to_string() };
        let sep_text = if markdown { format!("{}** ", sep.trim_end()) } else { sep.clone() };
        if fields.contains(&f) {
            if let Some(v) = &vals.fields[f] {
                rows.push((label_text, sep_text, v.clone()));
                w.ways[f] = Some(format!("{}:{label}", if markdown { "markdown" } else { "label" }));
            }
        } else if s.unknown_markers && vals.fields[f].is_none() && rng.chance(0.5) {
            rows.push((label_text, sep_text, rng.pick(chatter::UNKNOWN).to_string()));
        }
    }
    if rows.is_empty() {
        return;
    }
    if rng.chance(0.15) {
        rows.reverse();
    }
    let same_sep = rows.iter().all(|(_, sp, _)| *sp == rows[0].1);
    let sep = if same_sep { rows[0].1.clone() } else { sep };
    let rows = Rows {
        rows: rows.into_iter().map(|(l, _, v)| (l, v)).collect(),
        sep,
        bullet,
        bold: !markdown && rng.chance(0.25),
        pad: rng.chance(0.15),
    };
    w.body.push(Block::Rows(rows));
}

fn table_block(rng: &mut Rng, vals: &Values, fields: &[usize], w: &mut Written) {
    let mut cells = Vec::new();
    for &f in fields {
        if let Some(v) = &vals.fields[f] {
            let label = label_for(rng, f);
            cells.push((label.to_string(), v.clone()));
            w.ways[f] = Some(format!("table:{label}"));
        }
    }
    if !cells.is_empty() {
        w.body.push(Block::Table(cells));
    }
}

fn one_line(rng: &mut Rng, vals: &Values, fields: &[usize], w: &mut Written) {
    let sep = *rng.pick(&[" / ", " | ", ", ", " ; ", "  ", " \u{2014} "]);
    let parts: Vec<String> = fields.iter().filter_map(|&f| vals.fields[f].clone()).collect();
    for &f in fields {
        w.ways[f] = Some(format!("one_line:{}", sep.trim()));
    }
    if !parts.is_empty() {
        w.body.push(Block::Lines(vec![parts.join(sep)]));
    }
}

fn numbered(rng: &mut Rng, vals: &Values, fields: &[usize], s: &Setting, w: &mut Written) {
    let fmt = *rng.pick(&["{n}. ", "{n}) ", "{n} - ", "#{n} "]);
    let mut lines = Vec::new();
    for f in 0..4 {
        let n = (f + 1).to_string();
        let lead = fmt.replace("{n}", &n);
        match (&vals.fields[f], fields.contains(&f)) {
            (Some(v), true) => {
                lines.push(format!("{lead}{v}"));
                w.ways[f] = Some(format!("numbered:{}", fmt.replace("{n}", "N").trim()));
            }
            (None, _) if s.unknown_markers => lines.push(format!("{lead}{}", rng.pick(chatter::UNKNOWN))),
            _ => {}
        }
    }
    if !lines.is_empty() {
        w.body.push(Block::Lines(lines));
    }
}

const SUBJECT_PLAIN: &[&str] = &[
    "Electronic access request",
    "access to my case",
    "ID",
    "",
    "e services",
    "Request Electronic Access",
    "Photo ID",
    "Documents",
    "my ID for court website",
    "E-Services",
    "Request for electronic access",
    "E-access",
    "Access request",
    "Requested information",
    "ID for electronic access",
    "e-access request",
];
const SUBJECT_REPLY: &[&str] = &[
    "Re: Your request for electronic access",
    "RE: Your request for electronic access",
    "Re: E-Services Electronic Access Request - Action Required",
    "Re: Request for Electronic Access",
    "RE: E-Services access",
];

fn subject(
    rng: &mut Rng,
    vals: &Values,
    places: &[Option<Place>; 4],
    s: &Setting,
    ways: &mut [Option<String>; 4],
) -> String {
    let chosen: Vec<usize> = (0..4).filter(|&i| places[i] == Some(Place::Subject)).collect();
    let base = if s.reply { rng.pick(SUBJECT_REPLY) } else { rng.pick(SUBJECT_PLAIN) };
    if chosen.is_empty() {
        let docket_known = vals.fields[3].is_some() && places[3].is_some();
        if docket_known && rng.chance(0.25) && !s.reply {
            let d = vals.fields[3].clone().unwrap_or_default();
            return format!("{} {}", rng.pick(&["Access request", "E-access", "Request for e-access", "Re:"]), d);
        }
        return base.to_string();
    }
    for &i in &chosen {
        ways[i] = Some("subject".into());
    }
    let parts: Vec<String> = chosen.iter().filter_map(|&i| vals.fields[i].clone()).collect();
    let joined = parts.join(*rng.pick(&[" / ", " - ", ", ", " \u{2013} ", " | "]));
    match rng.range(0, 5) {
        0 => joined,
        1 => format!("Access request - {joined}"),
        2 => format!("E-Services access: {joined}"),
        3 if s.reply => format!("{base} - {joined}"),
        _ => format!("Request for electronic access ({joined})"),
    }
}

fn signature(
    rng: &mut Rng,
    vals: &Values,
    places: &[Option<Place>; 4],
    s: &Setting,
    ways: &mut [Option<String>; 4],
) -> Block {
    let mut lines = vec![rng.pick(chatter::CLOSINGS).to_string()];
    let sig_name = places[0] == Some(Place::Signature);
    match (&vals.fields[0], sig_name) {
        (Some(n), true) => {
            lines.push(n.clone());
            ways[0] = Some("signature".into());
        }
        (Some(n), false) if places[0] == Some(Place::Body) && rng.chance(0.2) => lines.push(n.clone()),
        _ if s.sign_first && rng.chance(0.75) => lines.push(s.first.clone()),
        _ => {}
    }
    if places[1] == Some(Place::Signature) {
        let uid = vals.fields[1].clone().unwrap_or_default();
        let fmt = rng.pick(&["E-Services ID: {}", "User ID {}", "({})", "E-Services user: {}", "Login: {}"]);
        lines.push(fmt.replace("{}", &uid));
        ways[1] = Some("signature".into());
    }
    if let Some(b) = &s.business {
        lines.push(b.clone());
    } else if rng.chance(0.25) {
        let role = if matches!(s.role, "plaintiff" | "defendant" | "tenant" | "landlord") { s.role } else { "party" };
        lines.push(format!("Self-represented {role}"));
    }
    if rng.chance(0.35) {
        lines.push(s.phone.clone());
    }
    if let Some(native) = &s.native {
        lines.push(native.clone());
    }
    Block::Signature { lines, delimiter: rng.chance(0.1) }
}

fn filename(
    rng: &mut Rng,
    vals: &Values,
    places: &[Option<Place>; 4],
    ways: &mut [Option<String>; 4],
) -> Option<String> {
    let chosen: Vec<usize> = (0..4).filter(|&i| places[i] == Some(Place::FileName)).collect();
    if chosen.is_empty() {
        return None;
    }
    for &i in &chosen {
        ways[i] = Some("file_name".into());
    }
    let parts: Vec<String> = chosen.iter().filter_map(|&i| vals.fields[i].clone()).collect();
    let sep = *rng.pick(&[" - ", "_", " ", " + "]);
    let tail = *rng.pick(&["ID", "drivers license", "photo id", "license", "ID front", ""]);
    let lead = *rng.pick(&["", "", "ID - ", "E-access "]);
    let mut stem = format!("{lead}{}", parts.join(sep));
    if !tail.is_empty() {
        stem = format!("{stem}{sep}{tail}");
    }
    Some(stem)
}

fn letter(
    rng: &mut Rng,
    vals: &Values,
    places: &[Option<Place>; 4],
    s: &Setting,
    ways: &mut [Option<String>; 4],
) -> Option<Vec<String>> {
    let chosen: Vec<usize> = (0..4).filter(|&i| places[i] == Some(Place::Letter)).collect();
    if chosen.is_empty() {
        return None;
    }
    let mut paras = vec![rng
        .pick(&["To the Clerk:", "Dear Clerk,", "To Whom It May Concern:", "RE: Electronic Access"])
        .to_string()];
    let v = |i: usize| chosen.contains(&i).then(|| vals.fields[i].clone()).flatten();
    let mut ask = String::from("I ");
    if let Some(n) = v(0) {
        ask = format!("I, {n}, ");
    }
    ask.push_str("respectfully request electronic access to ");
    match (v(2), v(3)) {
        (Some(c), Some(d)) => ask.push_str(&format!("the case {c}, Docket No. {d}.")),
        (Some(c), None) => ask.push_str(&format!("the case {c}.")),
        (None, Some(d)) => ask.push_str(&format!("Docket No. {d}.")),
        (None, None) => ask.push_str("my case."),
    }
    paras.push(ask);
    if let Some(u) = v(1) {
        paras.push(format!("My E-Services user ID is {u}."));
    }
    paras.push(format!(
        "I am the {} in this matter and I am representing myself. A copy of my photo identification is enclosed.",
        s.role
    ));
    paras.push("Respectfully submitted,".into());
    paras.push(v(0).unwrap_or_else(|| "________________".into()));
    for i in chosen {
        ways[i] = Some("docx_letter".into());
    }
    Some(paras)
}

fn recase(w: &mut Written, case: Case, uid: &str) {
    let f = |t: &str| -> String {
        let t = match case {
            Case::AsTyped => t.to_string(),
            Case::Upper => t.to_uppercase(),
            Case::Lower => t.to_lowercase(),
        };
        t.replace(UID_MARK, uid)
    };
    w.subject = f(&w.subject);
    for b in w.body.iter_mut().chain(w.signature.iter_mut()) {
        map_block(b, &f);
    }
    w.filename_stem = w.filename_stem.as_deref().map(f);
    if let Some(l) = &mut w.letter {
        l.iter_mut().for_each(|p| *p = f(p));
    }
    for a in w.answers.iter_mut().flatten() {
        *a = f(a);
    }
}

/// Applies `f` to every piece of text in `b`.
pub fn map_block(b: &mut Block, f: &dyn Fn(&str) -> String) {
    match b {
        Block::Para(t) => *t = f(t),
        Block::Lines(ls) => ls.iter_mut().for_each(|l| *l = f(l)),
        Block::Rows(r) => {
            r.sep = f(&r.sep);
            r.rows.iter_mut().for_each(|(l, v)| {
                *l = f(l);
                *v = f(v);
            })
        }
        Block::Table(cells) => cells.iter_mut().for_each(|(l, v)| {
            *l = f(l);
            *v = f(v);
        }),
        Block::Signature { lines, .. } => lines.iter_mut().for_each(|l| *l = f(l)),
        Block::Quote(q) => q.blocks.iter_mut().for_each(|b| map_block(b, f)),
    }
}

/// The written values after the message's change of case (the truth records these).
pub fn recased(vals: &Values, case: Case) -> Values {
    let mut out = vals.clone();
    for (i, v) in out.fields.iter_mut().enumerate() {
        if i == 1 {
            continue;
        }
        if let Some(t) = v {
            *t = match case {
                Case::AsTyped => t.clone(),
                Case::Upper => t.to_uppercase(),
                Case::Lower => t.to_lowercase(),
            };
        }
    }
    out
}
