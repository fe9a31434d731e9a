//! One message from a scenario: draws its attachments, writes its words, wraps them in
//! the thread and the client's MIME, and works out its truth and meta record.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::attachments::{self, Attached, Plan};
use super::choices;
use super::mail::assemble::{self, Draft, Placement};
use super::mail::automatic::{self, Kind};
use super::mail::body::Block;
use super::mail::charset::{Charset, Cte};
use super::mail::clients::Client;
use super::mail::thread::{self, Thread};
use super::mail::trace::{self, Auth};
use super::names;
use super::phrasing::{self, Setting, Style, Values};
use super::rng::Rng;
use super::scenarios::{Request, Scenario};
use super::truth::{self, Facts, Fields, Truth};
use super::wording;
use super::world::{Side, World};

/// A generated message with its truth and meta record.
#[derive(Debug, Clone)]
pub struct Message {
    pub index: usize,
    pub slug: String,
    pub eml: Vec<u8>,
    pub truth: Truth,
    pub meta: Meta,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetaFile {
    pub filename: String,
    pub placement: &'static str,
    pub source: String,
}

/// How a message was made, for grouping results (`meta/NNNN-slug.json`).
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub index: usize,
    pub seed: u64,
    pub slug: String,
    pub class: &'static str,
    pub intended_findings: Vec<&'static str>,
    pub client: &'static str,
    pub charset: &'static str,
    pub transfer_encoding: &'static str,
    pub header_words: String,
    pub line_endings: &'static str,
    pub style: &'static str,
    pub case_style: &'static str,
    pub thread: &'static str,
    /// Per field: how it was stated (`label:Docket #`, `prose:name#3`, `subject`…).
    pub statements: BTreeMap<&'static str, String>,
    pub docket_shape: Option<&'static str>,
    pub case_name_style: Option<&'static str>,
    pub auth: &'static str,
    pub from_display: Option<String>,
    pub attachments: Vec<MetaFile>,
}

/// Message `index` for `seed` in `world`.
pub fn message(world: &World, seed: u64, index: usize) -> Message {
    let mut rng = Rng::new(seed).fork(&format!("message {index}"));
    let (class, intended, scenario) = super::scenarios::pick(world, &mut rng);
    let mut m = match scenario {
        Scenario::Request(r) => request(world, &mut rng, &r),
        Scenario::Automatic { kind, account, date } => auto(world, &mut rng, kind, account, date),
    };
    m.meta.class = class;
    m.meta.intended_findings = intended.to_vec();
    m.meta.seed = seed;
    m.meta.index = index;
    let slug = format!("{index:04}-{}-{}", class.replace('_', "-"), m.meta.client.replace('_', "-"));
    m.meta.slug = slug.clone();
    m.slug = slug;
    m.index = index;
    m
}

fn blank_meta() -> Meta {
    Meta {
        index: 0,
        seed: 0,
        slug: String::new(),
        class: "",
        intended_findings: Vec::new(),
        client: "",
        charset: "",
        transfer_encoding: "",
        header_words: String::new(),
        line_endings: "lf",
        style: "",
        case_style: "as_typed",
        thread: "fresh",
        statements: BTreeMap::new(),
        docket_shape: None,
        case_name_style: None,
        auth: "",
        from_display: None,
        attachments: Vec::new(),
    }
}

fn id_word(rng: &mut Rng, id_type: Option<&str>) -> &'static str {
    match id_type {
        Some("ct_driver_license") => {
            rng.pick::<&str>(&["driver's license", "license", "CT license", "drivers license"])
        }
        Some("out_of_state_driver_license") => rng.pick::<&str>(&["driver's license", "license"]),
        Some("us_passport") => "passport",
        Some("passport_card") => "passport card",
        Some("permanent_resident_card") => rng.pick::<&str>(&["green card", "permanent resident card"]),
        Some("military_id") => "military ID",
        Some("government_id") => rng.pick::<&str>(&["state ID", "ID card"]),
        Some("naturalization_certificate") => "naturalization certificate",
        Some("citizenship_certificate") => "certificate of citizenship",
        _ => "ID",
    }
}

/// What the sender says about the attachments.
fn attachment_note(rng: &mut Rng, files: &[Attached], forgot: bool) -> String {
    let id = files.iter().find(|a| a.doc.kind == "photo_id");
    let mut note = match (id, forgot) {
        (Some(a), _) => {
            let w = id_word(rng, a.doc.id_type);
            let t = *rng.pick(&[
                "A scan of my {} is attached.",
                "Attached is a photo of my {}.",
                "My {} is attached.",
                "I attached my {}.",
                "Please see the attached picture of my {}.",
                "Here is a copy of my {}.",
                "{} attached",
                "I have included a copy of my {} (front).",
            ]);
            t.replace("{}", w)
        }
        (None, true) => rng.pick(&["My ID is attached.", "ID attached.", "I attached my license."]).to_string(),
        (None, false) => rng
            .pick(&[
                "I will send a copy of my ID tomorrow.",
                "",
                "I don't have a scanner, can I send the ID later?",
                "",
            ])
            .to_string(),
    };
    if files.iter().any(|a| a.doc.kind == "name_change") {
        note.push_str(rng.pick::<&str>(&[
            " My name changed, so I attached the paperwork too.",
            " I also attached proof of my name change.",
            " The case is under my old name; the certificate is attached.",
        ]));
    }
    if files.iter().any(|a| a.doc.kind == "business_proof") {
        note.push_str(rng.pick::<&str>(&[
            " I also attached a document showing I own the business.",
            " The business registration is attached too.",
        ]));
    }
    if files.iter().any(|a| a.unsupported) {
        note.push_str(rng.pick::<&str>(&[
            " I also attached another file.",
            " There is one more document attached.",
            "",
        ]));
    }
    note.trim().to_string()
}

/// Draws the scenario's files (the letter later) and keeps names from stating anything.
fn draw_files(rng: &mut Rng, r: &Request, forbidden: &[String]) -> Vec<Attached> {
    let mut files = Vec::new();
    for plan in &r.attachments {
        if matches!(plan, Plan::Letter(_)) {
            continue;
        }
        let mut a = attachments::draw(rng, plan, r.date);
        attachments::sanitise(rng, &mut a, forbidden);
        files.push(a);
    }
    files
}

fn forbidden_words(world: &World, r: &Request) -> Vec<String> {
    let p = &world.people[world.accounts[r.account].person].person;
    let mut words = vec![names::handle(&p.given), names::handle(&p.surname), r.user_id.to_lowercase()];
    if let Some(f) = &p.former_surname {
        words.push(names::handle(f));
    }
    words.push(r.docket.split('-').nth(2).unwrap_or("").to_string());
    words
}

struct Text {
    vals: Values,
    docket_shape: Option<&'static str>,
    case_style: Option<&'static str>,
}

/// The values as written (before a change of case).
fn values(rng: &mut Rng, world: &World, r: &Request, charset: Charset) -> Text {
    let acct = &world.accounts[r.account];
    let p = &world.people[acct.person].person;
    let fancy_ok = charset.encode("\u{2019}\u{2013}").is_some();
    let mut name = choices::written_name(rng, p, &acct.full_name);
    if fancy_ok && rng.chance(0.3) {
        name = name.replace('\'', "\u{2019}");
    }
    if charset.encode(&name).is_none() {
        name = names::ascii(&name);
    }
    let bare = (!r.stated[0]).then_some(acct.person);
    let (case_name, cstyle) = wording::case_name(rng, world, &world.cases[r.case_named], bare);
    let case_name = if charset.encode(&case_name).is_none() { names::ascii(&case_name) } else { case_name };
    let shape = wording::pick_docket_shape(rng, fancy_ok);
    let docket = wording::docket_shape(&r.docket, shape);
    let all = [Some(name), Some(r.user_id.clone()), Some(case_name), Some(docket)];
    let fields = [0, 1, 2, 3].map(|i| if r.stated[i] { all[i].clone() } else { None });
    Text {
        vals: Values { fields },
        docket_shape: r.stated[3].then_some(shape),
        case_style: r.stated[2].then_some(cstyle),
    }
}

fn setting(rng: &mut Rng, world: &World, r: &Request, files: &[Attached], charset: Charset, reply: bool) -> Setting {
    let acct = &world.accounts[r.account];
    let p = &world.people[acct.person].person;
    let case = &world.cases[r.case];
    let role = world.side_of(r.account, r.case).map(|(_, role)| role).unwrap_or("Plaintiff");
    let native = p.native.clone().filter(|n| charset.encode(n).is_some());
    Setting {
        first: p.nickname().filter(|_| rng.chance(0.3)).unwrap_or(&p.given).to_string(),
        sign_first: r.stated[0],
        role: wording::role_word(rng, case, role, p.sex),
        kind: wording::case_kind_word(rng, case),
        business: acct.business.map(|b| world.businesses[b].name.clone()),
        native,
        attachment_note: attachment_note(rng, files, r.forgot_id),
        phone: format!("({}) 555-01{:02}", rng.pick(&["860", "203", "475", "959"]), rng.range(0, 100)),
        fancy: charset.encode("\u{2019}").is_some() && rng.chance(0.4),
        reply,
        unknown_markers: rng.chance(0.12),
    }
}

/// The choices made for one request message before its MIME is built.
struct Choices {
    client: Client,
    style: Style,
    thread: Thread,
    charset: Charset,
    cte: Cte,
    case: phrasing::Case,
    text: Text,
    written: phrasing::Written,
    files: Vec<Attached>,
    other_party: Option<(String, String, String)>,
}

fn plan(world: &World, rng: &mut Rng, r: &Request) -> Choices {
    let person = &world.people[world.accounts[r.account].person].person;
    let domain = r.from.rsplit('@').next().unwrap_or("");
    let client = Client::for_domain(domain, &mut rng.fork("client"));
    let mut files = draw_files(&mut rng.fork("documents"), r, &forbidden_words(world, r));
    let can_name = files.iter().any(|a| a.doc.kind != "other");
    let mut style = choices::style(rng, can_name, client);
    let other_party = other_party(world, r);
    let mut thread = r.thread.unwrap_or_else(|| choices::thread(rng, style, other_party.is_some()));
    if thread == Thread::FollowUp && style == Style::InlineReply {
        style = Style::Labelled;
    }
    if style == Style::InlineReply {
        thread = Thread::InlineReply;
    }
    let (charset, cte) = choices::encoding(rng, client, person.origin);
    let text = values(rng, world, r, charset);
    let places = choices::places(rng, style, &r.stated);
    let case = choices::case_style(rng);
    let reply = matches!(thread, Thread::ReplyToCourt | Thread::InlineReply | Thread::FollowUp | Thread::OtherParty);
    let set = setting(rng, world, r, &files, charset, reply);
    let written = phrasing::write(rng, style, &text.vals, &places, &set, case);
    finish_files(rng, &mut files, &written, client, r.date);
    Choices { client, style, thread, charset, cte, case, text, written, files, other_party }
}

fn request(world: &World, rng: &mut Rng, r: &Request) -> Message {
    let p = plan(world, rng, r);
    let acct = &world.accounts[r.account];
    let person = &world.people[acct.person].person;
    let domain = r.from.rsplit('@').next().unwrap_or("").to_string();
    let ctx =
        Ctx { world, r, client: p.client, thread: p.thread, written: &p.written, other_party: p.other_party.clone() };
    let (blocks, quoted, subject, in_reply_to) = threaded(rng, &ctx);
    let auth = if r.auth_good { *rng.pick(Auth::GOOD) } else { *rng.pick(Auth::BAD) };
    let results = trace::results(auth, &domain, rng);
    let from_display = choices::display(rng, person, &acct.full_name, r.stated[0]);
    let draft = Draft {
        client: p.client,
        from_display: from_display.clone(),
        from: r.from.clone(),
        to: rng.pick::<&str>(TO).to_string(),
        date: r.date,
        subject,
        blocks,
        footer: p.client.footer(rng).map(str::to_string),
        quoted,
        files: p.files.iter().map(|a| a.file.clone()).collect(),
        charset: p.charset,
        cte: p.cte,
        words: choices::header_words(rng, p.charset),
        in_reply_to,
        extra_headers: Vec::new(),
        trace: trace::headers(&r.from, r.date, &results, rng),
        crlf: choices::crlf(rng),
    };
    let built = assemble::build(&draft, rng);
    let truth = request_truth(world, r, &p, &built.order, results);
    let mut meta = request_meta(&p, &draft, &built);
    meta.auth = auth.name();
    meta.from_display = from_display;
    Message { index: 0, slug: String::new(), eml: built.eml, truth, meta }
}

const TO: &[&str] = &[
    "E-Services <eservices@eservices.example>",
    "eservices@eservices.example",
    "\"eservices@eservices.example\" <eservices@eservices.example>",
];

fn request_truth(world: &World, r: &Request, p: &Choices, order: &[usize], auth: Vec<truth::AuthResult>) -> Truth {
    let shown = phrasing::recased(&p.text.vals, p.case);
    let docs = order.iter().map(|&i| (p.files[i].doc.clone(), p.files[i].unsupported)).collect();
    let fields = Fields {
        name: shown.fields[0].clone(),
        user_id: shown.fields[1].clone(),
        case_name: shown.fields[2].clone(),
        docket_number: r.stated[3].then(|| r.docket.clone()),
    };
    let facts = Facts {
        from: r.from.clone(),
        auth,
        automatic: false,
        fields,
        case_named: r.stated[2].then_some(r.case_named),
        date: r.date.date_naive(),
        documents: docs,
    };
    truth::judge(world, &facts)
}

fn request_meta(p: &Choices, draft: &Draft, built: &assemble::Built) -> Meta {
    let mut meta = blank_meta();
    meta.client = p.client.name();
    meta.charset = built.charset.label();
    meta.transfer_encoding = built.cte.label();
    meta.header_words = format!("{}/{}", draft.words.0.label(), if draft.words.1 { "Q" } else { "B" });
    meta.line_endings = if draft.crlf { "crlf" } else { "lf" };
    meta.style = p.style.name();
    meta.case_style = choices::case_style_name(p.case);
    meta.thread = p.thread.name();
    meta.statements = (0..4).filter_map(|i| p.written.ways[i].clone().map(|w| (phrasing::FIELDS[i], w))).collect();
    meta.docket_shape = p.text.docket_shape;
    meta.case_name_style = p.text.case_style;
    meta.attachments = built
        .order
        .iter()
        .map(|&i| MetaFile {
            filename: p.files[i].file.filename.clone(),
            placement: p.files[i].file.placement.name(),
            source: p.files[i].source.clone(),
        })
        .collect();
    meta
}

/// Adds the letter, names the file that carries fields, and places files for the client.
fn finish_files(
    rng: &mut Rng,
    files: &mut Vec<Attached>,
    written: &phrasing::Written,
    client: Client,
    date: chrono::DateTime<chrono::FixedOffset>,
) {
    if let Some(paras) = &written.letter {
        let at = if rng.chance(0.5) { 0 } else { files.len() };
        files.insert(at, attachments::draw(rng, &Plan::Letter(paras.clone()), date));
    }
    if let Some(stem) = &written.filename_stem {
        if let Some(a) = files.iter_mut().find(|a| a.doc.kind != "other") {
            let ext = attachments::extension(&a.file.filename, &a.file.content_type);
            attachments::rename(a, format!("{}{ext}", stem.replace(['/', '\\', ':'], " ")));
        }
    }
    if written.filename_stem.is_none() && rng.chance(0.08) {
        if let Some(a) = files.iter_mut().find(|a| a.doc.kind == "photo_id") {
            let ext = attachments::extension(&a.file.filename, &a.file.content_type);
            let stem = *rng.pick(&[
                "Führerschein",
                "licencia de conducción",
                "prawo jazdy \u{2013} przód",
                "pièce d'identité",
                "ID \u{2013} front",
                "carteira de motorista",
            ]);
            attachments::rename(a, format!("{stem}{ext}"));
        }
    }
    let mut first_image = true;
    for a in files.iter_mut() {
        let p = choices::placement(rng, client, &a.file.content_type, first_image);
        if p == Placement::InTnef && Charset::Cp1252.encode(&a.file.filename).is_none() {
            let plain = names::ascii(&a.file.filename);
            attachments::rename(a, plain);
        }
        if a.file.content_type.starts_with("image/") {
            first_image = false;
        }
        a.file.placement = p;
    }
}

/// Another party in the sender's case who could write to them (name, address).
fn other_party(world: &World, r: &Request) -> Option<(String, String, String)> {
    let case = &world.cases[r.case];
    let me = world.accounts[r.account].person;
    case.plaintiffs.iter().chain(&case.defendants).find_map(|s| match *s {
        Side::Person(p, _) if p != me => {
            let person = &world.people[p].person;
            let addr = format!("{}.{}@gmail.example", names::handle(&person.given), names::handle(&person.surname));
            Some((person.given.clone(), format!("{} {}", person.given, person.surname), addr))
        }
        _ => None,
    })
}

struct Ctx<'a> {
    world: &'a World,
    r: &'a Request,
    client: Client,
    thread: Thread,
    written: &'a phrasing::Written,
    other_party: Option<(String, String, String)>,
}

fn own_blocks(w: &phrasing::Written) -> Vec<Block> {
    let mut b = w.body.clone();
    b.extend(w.signature.clone());
    b
}

/// New text, quoted part, subject and In-Reply-To.
type Threaded = (Vec<Block>, Vec<Block>, String, Option<String>);

/// The new text, the quoted part, the subject and In-Reply-To for the thread.
fn threaded(rng: &mut Rng, c: &Ctx) -> Threaded {
    let when = thread::earlier(rng, c.r.date);
    let ack = format!("<eservices.{}.ack@eservices.example>", rng.range(100_000, 140_000));
    let subject = c.written.subject.clone();
    match c.thread {
        Thread::Fresh => (own_blocks(c.written), Vec::new(), subject, None),
        Thread::ReplyToCourt => {
            let (lines, _) = thread::instructions(rng);
            let attr = thread::attribution(c.client.flavor(), &court_mail(c, when, COURT_SUBJECT), false);
            (own_blocks(c.written), vec![thread::quote(attr, &lines)], reply_subject(c.client, &subject), Some(ack))
        }
        Thread::InlineReply => (inline_reply(rng, c, when), Vec::new(), reply_subject(c.client, &subject), Some(ack)),
        Thread::ForwardOwn => forward_own(rng, c, when, subject),
        Thread::OtherParty => {
            let (first, full, addr) = c.other_party.clone().unwrap_or_default();
            let lines = thread::other_party_lines(rng, &first, &full);
            let acct = &c.world.accounts[c.r.account];
            let e = thread::Earlier {
                who: (&full, &addr),
                to: (&acct.full_name, &c.r.from),
                subject: "court e-access",
                when,
            };
            let attr = thread::attribution(c.client.flavor(), &e, false);
            (own_blocks(c.written), vec![thread::quote(attr, &lines)], subject, None)
        }
        Thread::FollowUp => {
            let acct = &c.world.accounts[c.r.account];
            let case = &c.world.cases[c.r.case];
            let lines = thread::follow_up(&acct.full_name, &acct.user_id, &c.world.caption(case), &case.docket);
            let attr = thread::attribution(c.client.flavor(), &court_mail(c, when, FOLLOW_UP_SUBJECT), false);
            let quote = vec![thread::quote(attr, &lines)];
            (own_blocks(c.written), quote, reply_subject(c.client, FOLLOW_UP_SUBJECT), Some(ack))
        }
    }
}

const COURT_SUBJECT: &str = "Your request for electronic access";
const FOLLOW_UP_SUBJECT: &str = "Your request for electronic access - ID needed";

fn court_mail<'a>(c: &'a Ctx, when: DateTime<FixedOffset>, subject: &'a str) -> thread::Earlier<'a> {
    let acct = &c.world.accounts[c.r.account];
    thread::Earlier { who: (thread::COURT_NAME, thread::COURT), to: (&acct.full_name, &c.r.from), subject, when }
}

fn reply_subject(client: Client, s: &str) -> String {
    if s.to_lowercase().starts_with("re:") {
        s.to_string()
    } else {
        format!("{}{s}", client.reply_prefix())
    }
}

/// The court's instructions with the answers typed under each item.
fn inline_reply(rng: &mut Rng, c: &Ctx, when: DateTime<FixedOffset>) -> Vec<Block> {
    let (lines, asks) = thread::instructions(rng);
    let attr = thread::attribution(c.client.flavor(), &court_mail(c, when, COURT_SUBJECT), false);
    let body = &c.written.body;
    let mut blocks: Vec<Block> = body.iter().filter(|b| !matches!(b, Block::Para(_))).take(1).cloned().collect();
    blocks.extend(thread::inline_answers(attr, &lines, asks, &c.written.answers));
    blocks.extend(body.iter().filter(|b| matches!(b, Block::Para(_))).skip(1).cloned());
    blocks.extend(c.written.signature.clone());
    blocks
}

/// The party's own earlier message (sent to a wrong address or to themselves) forwarded.
fn forward_own(rng: &mut Rng, c: &Ctx, when: DateTime<FixedOffset>, subject: String) -> Threaded {
    let acct = &c.world.accounts[c.r.account];
    let wrong = *rng.pick(&["eservice@eservices.example", "eservices@eservice.example", "clerk@jud.example", "me"]);
    let to = if wrong == "me" { c.r.from.as_str() } else { wrong };
    let name = if c.r.stated[0] { acct.full_name.as_str() } else { "" };
    let e = thread::Earlier { who: (name, &c.r.from), to: ("", to), subject: &subject, when };
    let attr = thread::attribution(c.client.flavor(), &e, true);
    let note = *rng.pick(&[
        "Sorry, I sent this to the wrong address.",
        "Forwarding my request below.",
        "Resending - see below.",
        "",
        "FYI",
    ]);
    let new = if note.is_empty() { Vec::new() } else { vec![Block::Para(note.to_string())] };
    let fwd = format!("{}{subject}", c.client.forward_prefix());
    (new, vec![thread::forward(attr, own_blocks(c.written))], fwd, None)
}

/// An automatic message (no person wrote it).
fn auto(
    world: &World,
    rng: &mut Rng,
    kind: Kind,
    account: Option<usize>,
    date: chrono::DateTime<chrono::FixedOffset>,
) -> Message {
    let mut meta = blank_meta();
    let crlf = choices::crlf(rng);
    if kind == Kind::Bounce {
        let rcpt = format!(
            "{}@{}",
            names::handle(&names::anyone(rng).surname),
            rng.pick(&["hotmail.example", "yahoo.example", "gmial.example"])
        );
        let (from, eml) = automatic::bounce(&rcpt, date, rng, crlf);
        return auto_message(world, meta_for(&mut meta, "postfix_dsn", crlf, "none"), eml, from, Vec::new(), date);
    }
    let (name, from, member) = auto_sender(world, rng, kind, account);
    let (subject, blocks, extra) = match kind {
        Kind::List | Kind::Newsletter => automatic::list_mail(kind, (&member.0, &member.1, &member.2, &member.3), rng),
        _ => automatic::auto_reply(kind, &name, &member.3, rng),
    };
    let domain = from.rsplit('@').next().unwrap_or("").to_string();
    let client = Client::for_domain(&domain, rng);
    let auth = if rng.chance(0.8) { *rng.pick(Auth::GOOD) } else { *rng.pick(Auth::BAD) };
    let results = trace::results(auth, &domain, rng);
    let draft = Draft {
        client,
        from_display: Some(name),
        from: from.clone(),
        to: "E-Services <eservices@eservices.example>".into(),
        date,
        subject,
        blocks,
        footer: None,
        quoted: Vec::new(),
        files: Vec::new(),
        charset: Charset::Utf8,
        cte: Cte::QuotedPrintable,
        words: (Charset::Utf8, false),
        in_reply_to: None,
        extra_headers: extra,
        trace: trace::headers(&from, date, &results, rng),
        crlf,
    };
    let built = assemble::build(&draft, rng);
    meta_for(&mut meta, client.name(), crlf, auth.name());
    auto_message(world, meta, built.eml, from, results, date)
}

fn meta_for(meta: &mut Meta, client: &'static str, crlf: bool, auth: &'static str) -> Meta {
    meta.client = client;
    meta.charset = "UTF-8";
    meta.transfer_encoding = "quoted-printable";
    meta.line_endings = if crlf { "crlf" } else { "lf" };
    meta.style = "automatic";
    meta.auth = auth;
    meta.clone()
}

/// Who sends it: an account holder's auto-reply, a help desk, a list; and a member's
/// details quoted in list mail (name, user ID, case, docket).
fn auto_sender(
    world: &World,
    rng: &mut Rng,
    kind: Kind,
    account: Option<usize>,
) -> (String, String, (String, String, String, String)) {
    let req = &world.requests[rng.range(0, world.requests.len() as u64) as usize];
    let a = &world.accounts[req.account];
    let case = &world.cases[req.case];
    let member = (a.full_name.clone(), a.user_id.clone(), world.caption(case), case.docket.clone());
    match (kind, account) {
        (Kind::OutOfOffice, Some(i)) => (world.accounts[i].full_name.clone(), world.accounts[i].email.clone(), member),
        (Kind::OutOfOffice, None) => {
            let p = names::anyone(rng);
            let name = format!("{} {}", p.given, p.surname);
            let addr = format!(
                "{}{}@harborlegalaid.example",
                names::handle(&p.given).chars().next().unwrap_or('x'),
                names::handle(&p.surname)
            );
            (name, addr, member)
        }
        (Kind::TicketAck, _) => ("Legal Aid Help Desk".into(), "helpdesk@ctlegalaid.example".into(), member),
        (Kind::Newsletter, _) => ("Judicial Branch News".into(), "news@news.jud.example".into(), member),
        _ => ("CT Self-Help Digest".into(), "ct-selfhelp@lists.example".into(), member),
    }
}

fn auto_message(
    world: &World,
    meta: Meta,
    eml: Vec<u8>,
    from: String,
    auth: Vec<truth::AuthResult>,
    date: chrono::DateTime<chrono::FixedOffset>,
) -> Message {
    let facts = Facts {
        from,
        auth,
        automatic: true,
        fields: Fields::default(),
        case_named: None,
        date: date.date_naive(),
        documents: Vec::new(),
    };
    let truth = truth::judge(world, &facts);
    Message { index: 0, slug: String::new(), eml, truth, meta }
}
