//! Puts a drafted message together the way its client would: text parts in the chosen
//! charset and transfer encoding (HTML falling back to character references), inline
//! images with Content-IDs, attachments with the client's headers and file-name
//! encoding, Outlook's winmail.dat, iPhone's split plain parts, and the top headers.

use chrono::{DateTime, FixedOffset, Utc};

use super::super::rng::Rng;
use super::body::{self, Block};
use super::charset::{Charset, Cte};
use super::clients::{Client, Parts};
use super::containers;
use super::ids;
use super::mime::{self, Part};

/// Where a file goes in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Attachment,
    /// Shown in the body (Content-Disposition: inline, with a Content-ID when there is HTML).
    Inline,
    /// Referenced from the HTML by `cid:` only, no Content-Disposition.
    CidOnly,
    /// Inside Outlook's winmail.dat.
    InTnef,
}

impl Placement {
    pub fn name(self) -> &'static str {
        match self {
            Placement::Attachment => "attachment",
            Placement::Inline => "inline",
            Placement::CidOnly => "inline_cid_only",
            Placement::InTnef => "in_winmail_dat",
        }
    }
}

#[derive(Debug, Clone)]
pub struct File {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub placement: Placement,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub client: Client,
    pub from_display: Option<String>,
    pub from: String,
    pub to: String,
    pub date: DateTime<FixedOffset>,
    pub subject: String,
    /// The new text: body and signature.
    pub blocks: Vec<Block>,
    pub footer: Option<String>,
    /// Quoted or forwarded mail under the new text.
    pub quoted: Vec<Block>,
    pub files: Vec<File>,
    pub charset: Charset,
    pub cte: Cte,
    /// Charset and Q (else B) encoding for encoded words in headers.
    pub words: (Charset, bool),
    pub in_reply_to: Option<String>,
    pub extra_headers: Vec<(String, String)>,
    pub trace: Vec<(String, String)>,
    pub crlf: bool,
}

/// The message, the encoding its (first) text part ended up in, and the order in which
/// the files appear in it (indices into `Draft::files`).
pub struct Built {
    pub eml: Vec<u8>,
    pub charset: Charset,
    pub cte: Cte,
    pub order: Vec<usize>,
}

fn html_bytes(charset: Charset, html: &str) -> Vec<u8> {
    let mut safe = String::with_capacity(html.len());
    for c in html.chars() {
        if charset.encode(c.encode_utf8(&mut [0; 4])).is_some() {
            safe.push(c);
        } else {
            safe.push_str(&format!("&#{};", c as u32));
        }
    }
    charset.encode(&safe).unwrap_or_else(|| safe.into_bytes())
}

/// A transfer encoding that can carry `bytes`.
fn fit(cte: Cte, bytes: &[u8], charset: Charset) -> Cte {
    let long = bytes.split(|&b| b == b'\n').any(|l| l.len() > 900);
    match cte {
        _ if charset == Charset::Utf16 => Cte::Base64,
        Cte::SevenBit if !bytes.is_ascii() || long => Cte::QuotedPrintable,
        Cte::EightBit if long => Cte::QuotedPrintable,
        other => other,
    }
}

fn text_part(client: Client, sub: &str, charset: Charset, cte: Cte, bytes: &[u8], flowed: bool) -> Part {
    let label = charset.label();
    let ctype = match client {
        Client::AppleMail | Client::IPhoneMail | Client::Mutt => format!("text/{sub}; charset={label}"),
        Client::Thunderbird | Client::Roundcube => format!("text/{sub}; charset={label}"),
        _ => format!("text/{sub}; charset=\"{label}\""),
    };
    let ctype = if flowed && sub == "plain" { format!("{ctype}; format=flowed") } else { ctype };
    Part { headers: vec![("Content-Type".into(), ctype)], body: mime::Body::Leaf(Vec::new()) }
        .header("Content-Transfer-Encoding", cte.label())
        .with_leaf(mime::encode_body(bytes, cte))
}

fn file_params(client: Client, name: &str) -> (String, String) {
    if name.is_ascii() {
        return (format!("name=\"{name}\""), format!("filename=\"{name}\""));
    }
    if client.rfc2231_names() {
        (super::charset::rfc2231("name", name), super::charset::rfc2231("filename", name))
    } else {
        let w = super::charset::encoded_words(name, Charset::Utf8, false).replace("\n ", "");
        (format!("name=\"{w}\""), format!("filename=\"{w}\""))
    }
}

fn file_part(client: Client, f: &File, cid: Option<&str>, date: DateTime<FixedOffset>, rng: &mut Rng) -> Part {
    let (np, fp) = file_params(client, &f.filename);
    let disp = match f.placement {
        Placement::Inline => "inline",
        _ => "attachment",
    };
    let mut h: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: String| h.push((k.to_string(), v));
    match client {
        Client::OutlookDesktop
        | Client::OutlookWeb
        | Client::WindowsMail
        | Client::OutlookTnef
        | Client::InlineCidOnly => {
            push("Content-Type", format!("{}; {np}", f.content_type));
            push("Content-Description", f.filename.clone());
            let stamp = date.with_timezone(&Utc).format("%a, %d %b %Y %H:%M:%S GMT");
            if f.placement != Placement::CidOnly {
                push(
                    "Content-Disposition",
                    format!(
                        "{disp}; {fp}; size={};\n\tcreation-date=\"{stamp}\";\n\tmodification-date=\"{stamp}\"",
                        f.bytes.len()
                    ),
                );
            }
        }
        Client::AppleMail | Client::IPhoneMail => {
            push("Content-Disposition", format!("{disp};\n\t{fp}"));
            push("Content-Type", format!("{};\n\tx-unix-mode=0644;\n\t{np}", f.content_type));
        }
        _ => {
            push("Content-Type", format!("{};\n {np}", f.content_type));
            if f.placement != Placement::CidOnly {
                push("Content-Disposition", format!("{disp};\n {fp}"));
            }
        }
    }
    h.push(("Content-Transfer-Encoding".into(), "base64".into()));
    if let Some(c) = cid {
        h.push(("Content-ID".into(), format!("<{c}>")));
    }
    if matches!(client, Client::GmailWeb | Client::GmailAndroid) {
        h.push((
            "X-Attachment-Id".into(),
            cid.map(str::to_string).unwrap_or_else(|| format!("f_{}", ids::alnum(rng, 9).to_lowercase())),
        ));
    }
    Part::binary(h, &f.bytes)
}

fn img_tags(files: &[(usize, String)], all: &[File]) -> String {
    files
        .iter()
        .map(|(i, cid)| {
            format!(
                "<div><img src=\"cid:{cid}\" alt=\"{}\" width=\"540\" style=\"max-width:100%\"><br></div>",
                body::esc(&all[*i].filename)
            )
        })
        .collect()
}

/// Builds the text parts (plain, HTML) and returns them with the final charset and cte.
fn text_parts(d: &Draft, parts: Parts, inline_html: &str) -> (Option<Part>, Option<Part>, Charset, Cte) {
    let style = d.client.plain_style();
    let mut blocks = d.blocks.clone();
    if let Some(f) = &d.footer {
        if !(d.client == Client::IPhoneMail && parts == Parts::PlainOnly && !d.files.is_empty()) {
            blocks.push(Block::Lines(vec![f.clone()]));
        }
    }
    blocks.extend(d.quoted.iter().cloned());
    let plain = body::plain(&blocks, style);
    let html = body::html(d.client.html(), &blocks, inline_html);
    let charset = if d.charset.encode(&plain).is_some() { d.charset } else { Charset::Utf8 };
    let cte = match (charset, d.cte) {
        (Charset::Utf8, Cte::SevenBit) if charset != d.charset => Cte::QuotedPrintable,
        _ => d.cte,
    };
    let pbytes = charset.encode(&plain).unwrap_or_else(|| plain.clone().into_bytes());
    let pcte = fit(cte, &pbytes, charset);
    let hbytes = html_bytes(charset, &html);
    let hcte = fit(
        if cte == Cte::SevenBit && parts == Parts::HtmlOnly { Cte::QuotedPrintable } else { cte },
        &hbytes,
        charset,
    );
    let plain_part =
        (parts != Parts::HtmlOnly).then(|| text_part(d.client, "plain", charset, pcte, &pbytes, style.flowed));
    let html_part = (parts != Parts::PlainOnly).then(|| text_part(d.client, "html", charset, hcte, &hbytes, false));
    let shown = if parts == Parts::HtmlOnly { hcte } else { pcte };
    (plain_part, html_part, charset, shown)
}

/// The message bytes for `d`.
pub fn build(d: &Draft, rng: &mut Rng) -> Built {
    let parts = d.client.parts(rng);
    let has_html = parts != Parts::PlainOnly;
    let mut inline: Vec<(usize, String)> = Vec::new();
    for (i, f) in d.files.iter().enumerate() {
        if matches!(f.placement, Placement::Inline | Placement::CidOnly) && has_html {
            inline.push((i, format!("ii_{}", ids::alnum(rng, 12).to_lowercase())));
        }
    }
    let (plain, html, charset, cte) = text_parts(d, parts, &img_tags(&inline, &d.files));
    let text = match (plain, html) {
        (Some(p), Some(h)) => Part::multi("alternative", &ids::boundary(d.client, 1, rng), "", vec![p, h]),
        (Some(p), None) => p,
        (None, Some(h)) => h,
        (None, None) => unreachable!("a message has a text part"),
    };
    let inline_parts: Vec<Part> =
        inline.iter().map(|(i, cid)| file_part(d.client, &d.files[*i], Some(cid), d.date, rng)).collect();
    let top = if inline_parts.is_empty() {
        text
    } else {
        let mut kids = vec![text];
        kids.extend(inline_parts);
        Part::multi(
            "related",
            &ids::boundary(d.client, 2, rng),
            if has_html { " type=\"multipart/alternative\";" } else { "" },
            kids,
        )
    };
    let attachments = attachment_parts(d, &inline, rng);
    let root = if attachments.is_empty() {
        top
    } else if d.client == Client::IPhoneMail && parts == Parts::PlainOnly {
        let mut kids = vec![top];
        kids.extend(attachments);
        let footer = d.footer.clone().unwrap_or_default();
        kids.push(text_part(
            d.client,
            "plain",
            Charset::Utf8,
            Cte::SevenBit,
            format!("\n\n{footer}").as_bytes(),
            false,
        ));
        Part::multi("mixed", &ids::boundary(d.client, 0, rng), "", kids)
    } else {
        let mut kids = vec![top];
        kids.extend(attachments);
        Part::multi("mixed", &ids::boundary(d.client, 0, rng), "", kids)
    };
    let headers = top_headers(d, rng);
    let mut order: Vec<usize> = inline.iter().map(|(i, _)| *i).collect();
    let rest = |tnef: bool| (0..d.files.len()).filter(move |i| (d.files[*i].placement == Placement::InTnef) == tnef);
    order.extend(rest(false).filter(|i| !inline.iter().any(|(j, _)| j == i)));
    order.extend(rest(true));
    Built { eml: mime::message_bytes(&headers, &root, d.crlf), charset, cte, order }
}

fn attachment_parts(d: &Draft, inline: &[(usize, String)], rng: &mut Rng) -> Vec<Part> {
    let mut out = Vec::new();
    let mut tnef_files = Vec::new();
    for (i, f) in d.files.iter().enumerate() {
        if inline.iter().any(|(j, _)| *j == i) {
            continue;
        }
        if f.placement == Placement::InTnef {
            tnef_files.push((f.filename.clone(), f.bytes.clone()));
            continue;
        }
        out.push(file_part(d.client, f, None, d.date, rng));
    }
    if !tnef_files.is_empty() {
        let bytes = containers::tnef(&tnef_files, rng.range(0, 65535) as u16);
        let h = vec![
            ("Content-Type".to_string(), "application/ms-tnef; name=\"winmail.dat\"".to_string()),
            ("Content-Disposition".to_string(), "attachment; filename=\"winmail.dat\"".to_string()),
            ("Content-Transfer-Encoding".to_string(), "base64".to_string()),
        ];
        out.push(Part::binary(h, &bytes));
    }
    out
}

fn top_headers(d: &Draft, rng: &mut Rng) -> Vec<(String, String)> {
    let (wcs, q) = d.words;
    let domain = d.from.rsplit('@').next().unwrap_or("example");
    let date = match d.client {
        Client::ProtonMail => d.date.with_timezone(&Utc).format("%a, %d %b %Y %H:%M:%S +0000").to_string(),
        Client::Mutt => {
            d.date.format("%a, %-d %b %Y %H:%M:%S %z (EDT)").to_string().replace("-0500 (EDT)", "-0500 (EST)")
        }
        _ => d.date.format("%a, %d %b %Y %H:%M:%S %z").to_string(),
    };
    let mut h = d.trace.clone();
    h.push(("From".into(), mime::mailbox(d.from_display.as_deref(), &d.from, wcs, q)));
    h.push(("To".into(), d.to.clone()));
    h.push(("Subject".into(), mime::header_text(&d.subject, wcs, q)));
    h.push(("Date".into(), date));
    h.push(("Message-ID".into(), ids::message_id(d.client, domain, rng)));
    if let Some(r) = &d.in_reply_to {
        h.push(("In-Reply-To".into(), r.clone()));
        h.push(("References".into(), r.clone()));
    }
    let version = if d.client == Client::IPhoneMail { "1.0 (1.0)" } else { "1.0" };
    h.push(("MIME-Version".into(), version.into()));
    h.extend(d.client.headers(&d.subject, rng).into_iter().map(|(k, v)| {
        if k == "Thread-Topic" {
            (k, mime::header_text(&v, wcs, q))
        } else {
            (k, v)
        }
    }));
    h.extend(d.extra_headers.iter().cloned());
    h
}
