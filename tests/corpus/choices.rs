//! Independent choices for one request message: the phrasing style and where each
//! field goes, the charset and transfer encoding for the client, the name as the sender
//! writes it, how the From display reads, the thread, and how attachments are placed.

use super::mail::assemble::Placement;
use super::mail::charset::{Charset, Cte};
use super::mail::clients::Client;
use super::mail::thread::Thread;
use super::names::{self, Origin, Person};
use super::phrasing::{Case, Place, Style};
use super::rng::Rng;

fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u64)]) -> T {
    let total: u64 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.range(0, total.max(1));
    for (item, w) in items {
        if roll < *w {
            return *item;
        }
        roll -= w;
    }
    items[0].0
}

/// A phrasing style; file-name statements need a file to name, inline answers a client
/// that quotes with `>` and a reply to the court.
pub fn style(rng: &mut Rng, can_name_file: bool, client: Client) -> Style {
    loop {
        let s = weighted(rng, Style::ALL);
        let ok = match s {
            Style::FileName => can_name_file,
            Style::InlineReply => client.quotes_with_prefix(),
            _ => true,
        };
        if ok {
            return s;
        }
    }
}

/// Where each stated field goes for `style`.
pub fn places(rng: &mut Rng, style: Style, stated: &[bool; 4]) -> [Option<Place>; 4] {
    let mut p: [Option<Place>; 4] = [0, 1, 2, 3].map(|i| stated[i].then_some(Place::Body));
    let stated_idx: Vec<usize> = (0..4).filter(|&i| stated[i]).collect();
    let mut move_some = |rng: &mut Rng, to: Place, min: usize| {
        let mut moved = 0;
        for &i in &stated_idx {
            if rng.chance(0.5) || moved < min && i == *stated_idx.last().unwrap_or(&3) {
                p[i] = Some(to);
                moved += 1;
            }
        }
    };
    match style {
        Style::Subject => move_some(rng, Place::Subject, 1),
        Style::FileName => move_some(rng, Place::FileName, 1),
        Style::Letter => {
            let all = rng.chance(0.7);
            for &i in &stated_idx {
                if all || i >= 2 {
                    p[i] = Some(Place::Letter);
                }
            }
        }
        Style::Signature => {
            if stated[0] {
                p[0] = Some(Place::Signature);
            }
            if stated[1] && rng.chance(0.5) {
                p[1] = Some(Place::Signature);
            }
        }
        Style::InlineReply => {}
        _ => {
            if stated[3] && rng.chance(0.08) {
                p[3] = Some(Place::Subject);
            }
            if stated[0] && rng.chance(0.08) {
                p[0] = Some(Place::Signature);
            }
        }
    }
    p
}

pub fn case_style(rng: &mut Rng) -> Case {
    weighted(rng, &[(Case::AsTyped, 90), (Case::Upper, 5), (Case::Lower, 5)])
}

pub fn case_style_name(c: Case) -> &'static str {
    match c {
        Case::AsTyped => "as_typed",
        Case::Upper => "all_caps",
        Case::Lower => "all_lower",
    }
}

/// The body charset and transfer encoding for `client` and a writer of `origin`.
pub fn encoding(rng: &mut Rng, client: Client, origin: Origin) -> (Charset, Cte) {
    use Charset::*;
    use Client::*;
    use Cte::*;
    if rng.chance(0.015) {
        return (Utf16, Base64);
    }
    let outlookish = matches!(client, OutlookDesktop | OutlookTnef | WindowsMail | InlineCidOnly | OutlookWeb);
    match origin {
        Origin::Polish if rng.chance(0.6) => {
            return if outlookish { (Cp1250, QuotedPrintable) } else { (Latin2, QuotedPrintable) }
        }
        Origin::Russian if rng.chance(0.5) => return (Koi8r, if rng.chance(0.5) { EightBit } else { QuotedPrintable }),
        Origin::Japanese if rng.chance(0.6) => {
            return if outlookish { (ShiftJis, Base64) } else { (Iso2022Jp, SevenBit) }
        }
        _ => {}
    }
    let table: &[((Charset, Cte), u64)] = match client {
        GmailWeb | GmailAndroid => &[((Utf8, SevenBit), 5), ((Utf8, QuotedPrintable), 3), ((Utf8, Base64), 2)],
        OutlookDesktop | OutlookTnef | WindowsMail | InlineCidOnly => &[
            ((Cp1252, QuotedPrintable), 35),
            ((Utf8, QuotedPrintable), 25),
            ((Latin1, QuotedPrintable), 20),
            ((Utf8, Base64), 10),
            ((Latin9, QuotedPrintable), 10),
        ],
        OutlookWeb => &[((Utf8, QuotedPrintable), 5), ((Cp1252, QuotedPrintable), 2), ((Utf8, Base64), 3)],
        AppleMail | IPhoneMail => {
            &[((Utf8, QuotedPrintable), 5), ((Ascii, SevenBit), 2), ((Utf8, SevenBit), 2), ((Utf8, EightBit), 1)]
        }
        YahooWeb | AolWeb => &[((Utf8, QuotedPrintable), 8), ((Utf8, Base64), 2)],
        Thunderbird => &[
            ((Utf8, EightBit), 4),
            ((Utf8, QuotedPrintable), 3),
            ((Latin1, EightBit), 1),
            ((Latin9, QuotedPrintable), 1),
            ((Cp1252, QuotedPrintable), 1),
        ],
        Mutt => {
            &[((Ascii, SevenBit), 3), ((Latin1, EightBit), 3), ((Utf8, EightBit), 3), ((Latin9, QuotedPrintable), 1)]
        }
        SamsungEmail => &[((Utf8, Base64), 7), ((Utf8, QuotedPrintable), 3)],
        ProtonMail => &[((Utf8, QuotedPrintable), 5), ((Utf8, Base64), 5)],
        _ => {
            &[((Utf8, QuotedPrintable), 5), ((Utf8, EightBit), 2), ((Latin1, QuotedPrintable), 2), ((Utf8, Base64), 1)]
        }
    };
    weighted(rng, table)
}

/// Charset and Q/B for encoded words in headers.
pub fn header_words(rng: &mut Rng, body: Charset) -> (Charset, bool) {
    match rng.range(0, 20) {
        0..=9 => (Charset::Utf8, false),
        10..=14 => (Charset::Utf8, true),
        15..=17 => (Charset::Latin1, true),
        _ if matches!(body, Charset::Koi8r | Charset::Iso2022Jp | Charset::Latin2 | Charset::Cp1252) => (body, false),
        _ => (Charset::Cp1252, true),
    }
}

/// The name as the sender writes it.
pub fn written_name(rng: &mut Rng, p: &Person, enrolled: &str) -> String {
    let g = p.given.as_str();
    let s = if p.former_surname.is_some() && rng.chance(0.3) { p.court_surname() } else { p.surname.as_str() };
    let join = |parts: &[Option<&str>]| names::join(parts);
    let v = match rng.range(0, 12) {
        0..=2 => enrolled.to_string(),
        3..=4 => join(&[Some(g), Some(s)]),
        5 => join(&[Some(g), p.middle_initial().as_deref(), Some(s)]),
        6 => join(&[Some(g), p.middle.as_deref(), Some(s)]),
        7 => format!("{s}, {g}"),
        8 => names::ascii(&join(&[Some(g), Some(s)])),
        9 => join(&[Some(g), Some(s), p.suffix.as_deref()]),
        10 => join(&[Some(p.nickname().unwrap_or(g)), Some(s)]),
        _ => join(&[Some(g), p.middle_initial().as_deref(), Some(s), p.suffix.as_deref()]),
    };
    if v.trim().is_empty() {
        join(&[Some(g), Some(s)])
    } else {
        v
    }
}

/// The display name in From.
pub fn display(rng: &mut Rng, p: &Person, enrolled: &str, name_stated: bool) -> Option<String> {
    match rng.range(0, 10) {
        0..=4 => Some(enrolled.to_string()),
        5 => Some(p.given.clone()),
        6 => Some(format!("{} {}", p.given, p.surname).to_uppercase()),
        7 if name_stated => Some(names::ascii(&format!("{} {}", p.given, p.surname))),
        8 => Some(format!("{} {}", p.nickname().unwrap_or(&p.given), p.surname.chars().next().unwrap_or('X'))),
        _ => None,
    }
}

pub fn thread(rng: &mut Rng, style: Style, has_other_party: bool) -> Thread {
    if style == Style::InlineReply {
        return Thread::InlineReply;
    }
    let t = weighted(
        rng,
        &[(Thread::Fresh, 56), (Thread::ReplyToCourt, 28), (Thread::ForwardOwn, 9), (Thread::OtherParty, 7)],
    );
    if t == Thread::OtherParty && !has_other_party {
        Thread::ReplyToCourt
    } else {
        t
    }
}

/// How a client places an image or PDF.
pub fn placement(rng: &mut Rng, client: Client, content_type: &str, first_image: bool) -> Placement {
    let image = content_type.starts_with("image/");
    match client {
        Client::OutlookTnef => Placement::InTnef,
        Client::InlineCidOnly if image && first_image => Placement::CidOnly,
        Client::IPhoneMail if image => Placement::Inline,
        Client::AppleMail if image && rng.chance(0.5) => Placement::Inline,
        Client::GmailWeb | Client::OutlookDesktop if image && rng.chance(0.12) => Placement::Inline,
        _ => Placement::Attachment,
    }
}

/// Upper or lower case, CRLF or LF.
pub fn crlf(rng: &mut Rng) -> bool {
    rng.chance(0.4)
}
