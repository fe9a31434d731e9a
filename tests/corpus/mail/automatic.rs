//! Mail no person wrote to the court: out-of-office replies, ticket acknowledgements,
//! delivery failures (Postfix, Exchange and Gmail styles) and list mail (digests,
//! newsletters). Some carry docket numbers and names that must not be read as a request.

use chrono::{DateTime, FixedOffset};

use super::super::rng::Rng;
use super::body::Block;
use super::charset::base64;
use super::ids;
use super::mime::{self, Part};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    OutOfOffice,
    TicketAck,
    Bounce,
    List,
    Newsletter,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::OutOfOffice => "out_of_office",
            Kind::TicketAck => "ticket_ack",
            Kind::Bounce => "bounce",
            Kind::List => "list_digest",
            Kind::Newsletter => "newsletter",
        }
    }
}

/// Subject, body blocks and marking headers of an auto-reply from `name`.
pub fn auto_reply(kind: Kind, name: &str, docket: &str, rng: &mut Rng) -> (String, Vec<Block>, Vec<(String, String)>) {
    let h = |k: &str, v: &str| (k.to_string(), v.to_string());
    let in_reply = format!("<eservices.{}.ack@eservices.example>", rng.range(100_000, 140_000));
    match kind {
        Kind::TicketAck => (
            format!("[Ticket #{}] Re: Your request for electronic access", rng.range(10_000, 99_999)),
            vec![
                Block::Para("Thank you for contacting the Legal Aid help desk. Your message has been received and a ticket has been opened. A staff member will respond within two business days.".into()),
                Block::Para("Please do not reply to this automated message.".into()),
            ],
            vec![h("Auto-Submitted", "auto-generated"), h("X-Auto-Response-Suppress", "All"), ("In-Reply-To".into(), in_reply)],
        ),
        _ => {
            let (subject, marks) = match rng.range(0, 4) {
                0 => ("Automatic reply: Your request for electronic access", vec![h("Auto-Submitted", "auto-replied"), h("X-Auto-Response-Suppress", "All")]),
                1 => ("Out of Office: Re: E-Services access", vec![h("Auto-Submitted", "auto-replied")]),
                2 => ("Auto: Your request for electronic access", vec![h("Precedence", "bulk"), h("X-Autoreply", "yes")]),
                _ => ("I am away from my email", vec![h("Auto-Submitted", "auto-replied (vacation)"), h("Precedence", "junk")]),
            };
            let body = vec![
                Block::Para(format!(
                    "Thank you for your email. I am out of the office until {} with limited access to email. For anything about {docket} please call (203) 555-01{:02}.",
                    rng.pick(&["Monday", "next week", "October 19", "after the holiday"]),
                    rng.range(0, 99)
                )),
                Block::Lines(vec![name.to_string()]),
            ];
            let mut marks = marks;
            marks.push(("In-Reply-To".into(), in_reply));
            (subject.to_string(), body, marks)
        }
    }
}

/// Subject, body blocks and list headers of list mail that quotes a member's request.
pub fn list_mail(
    kind: Kind,
    member: (&str, &str, &str, &str),
    rng: &mut Rng,
) -> (String, Vec<Block>, Vec<(String, String)>) {
    let (name, uid, case, docket) = member;
    let h = |k: &str, v: String| (k.to_string(), v);
    if kind == Kind::Newsletter {
        let body = vec![
            Block::Para("Judicial Branch News - Self-Represented Parties".into()),
            Block::Para("Did you know you can view your case file online? To request electronic access, e-mail your name, E-Services user ID, case name and docket number (for example John Q. Sample, jqsample01, Sample v. Example, HHD-CV17-5022125-S) with a photo ID.".into()),
            Block::Para("To stop receiving these messages, unsubscribe below.".into()),
        ];
        let headers = vec![
            h("List-Id", "Judicial Branch News <news.jud.example>".into()),
            h("List-Unsubscribe", "<mailto:unsubscribe@news.jud.example>".into()),
            h("Precedence", "bulk".into()),
        ];
        return (
            format!("Court news for {}", rng.pick(&["October", "November", "December", "January"])),
            body,
            headers,
        );
    }
    let issue = rng.range(1, 60);
    let body = vec![
        Block::Lines(vec!["Today's Topics:".into(), String::new(), "   1. e-access for my case".into()]),
        Block::Lines(vec!["----------------------------------------------------------------------".into()]),
        Block::Lines(vec!["Message: 1".into(), format!("From: {name}"), "Subject: e-access for my case".into()]),
        Block::Para(format!("Name: {name}, user id {uid}, case {case}, {docket} - I sent this with a photo of my license and got access two days later.")),
        Block::Lines(vec!["_______________________________________________".into(), "ct-selfhelp mailing list".into()]),
    ];
    let headers = vec![
        h("List-Id", "CT Self-Help discussion <ct-selfhelp.lists.example>".into()),
        h("List-Unsubscribe", "<mailto:ct-selfhelp-request@lists.example?subject=unsubscribe>".into()),
        h("Precedence", "list".into()),
        h("Sender", "\"ct-selfhelp\" <ct-selfhelp-bounces@lists.example>".into()),
    ];
    (format!("[ct-selfhelp] Digest, Vol 14, Issue {issue}"), body, headers)
}

/// A delivery status notification for a court reply to `rcpt` (a complete message).
pub fn bounce(rcpt: &str, date: DateTime<FixedOffset>, rng: &mut Rng, crlf: bool) -> (String, Vec<u8>) {
    let qid = ids::upper(rng, 12);
    let boundary = format!("{qid}.{}/mx.eservices.example", date.timestamp());
    let stamp = date.format("%a, %-d %b %Y %H:%M:%S %z (EDT)").to_string();
    let (from, subject, notice) = match rng.range(0, 3) {
        0 => ("MAILER-DAEMON@mx.eservices.example (Mail Delivery System)", "Undelivered Mail Returned to Sender", "This is the mail system at host mx.eservices.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below."),
        1 => ("Microsoft Outlook <postmaster@outlook.example>", "Undeliverable: Your request for electronic access", "Delivery has failed to these recipients or groups:\n\nThe email address you entered couldn't be found. Please check the recipient's\nemail address and try to resend the message."),
        _ => ("Mail Delivery Subsystem <mailer-daemon@googlemail.example>", "Delivery Status Notification (Failure)", "** Address not found **\n\nYour message wasn't delivered because the address couldn't be found, or is\nunable to receive mail."),
    };
    let status = format!(
        "Reporting-MTA: dns; mx.eservices.example\nArrival-Date: {stamp}\n\nFinal-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown\n"
    );
    let original = format!(
        "From: E-Services <eservices@eservices.example>\nTo: {rcpt}\nSubject: Your request for electronic access\nDate: {}\nMessage-ID: <eservices.{}.ack@eservices.example>\n\nPlease reply with your name, E-Services user ID, case name, docket number\n(for example HHD-CV17-5022125-S) and a photo of your ID.\n",
        date.format("%a, %d %b %Y %H:%M:%S %z"),
        rng.range(100_000, 140_000)
    );
    let leaf = |ct: &str, desc: &str, text: &str| Part {
        headers: vec![("Content-Description".into(), desc.into()), ("Content-Type".into(), ct.into())],
        body: mime::Body::Leaf(format!("{text}\n").into_bytes()),
    };
    let root = Part::multi(
        "report",
        &boundary,
        " report-type=delivery-status;",
        vec![
            leaf("text/plain; charset=us-ascii", "Notification", notice),
            leaf("message/delivery-status", "Delivery report", &status),
            leaf("message/rfc822", "Undelivered Message", &original),
        ],
    )
    .with_preamble("This is a MIME-encapsulated message.");
    let headers: Vec<(String, String)> = vec![
        ("Return-Path".into(), "<>".into()),
        ("Delivered-To".into(), "eservices@eservices.example".into()),
        ("Date".into(), stamp),
        ("From".into(), from.into()),
        ("Subject".into(), subject.into()),
        ("To".into(), "eservices@eservices.example".into()),
        ("Auto-Submitted".into(), "auto-replied".into()),
        ("MIME-Version".into(), "1.0".into()),
        (
            "Message-Id".into(),
            format!(
                "<{}.{}@mx.eservices.example>",
                date.format("%Y%m%d%H%M%S"),
                base64(qid.as_bytes()).trim_end_matches('=')
            ),
        ),
    ];
    let addr = from
        .split(['<', '>', ' '])
        .find(|s| s.contains('@'))
        .unwrap_or("MAILER-DAEMON@mx.eservices.example")
        .to_string();
    (addr, mime::message_bytes(&headers, &root, crlf))
}
