use super::*;

const LIMITS: IntakeLimits = IntakeLimits { max_message_bytes: 10_000_000, max_parts: 50 };

fn parse_str(raw: &str) -> IncomingMessage {
    parse(raw.as_bytes(), LIMITS).unwrap()
}

const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn b64(bytes: &[u8]) -> String {
    use std::fmt::Write;
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    let mut wrapped = String::new();
    for line in out.as_bytes().chunks(76) {
        let _ = writeln!(wrapped, "{}", std::str::from_utf8(line).unwrap());
    }
    wrapped
}

#[test]
fn rfc2047_names_and_subject_are_decoded() {
    let m = parse_str(
        "From: =?UTF-8?Q?Zo=C3=AB_O=E2=80=99Brien?= <zoe.obrien@outlook.example>\r\n\
         Subject: =?UTF-8?B?UmVxdWVzdCDigJMgT+KAmUJyaWVu?=\r\n\
         Date: Wed, 14 Oct 2026 08:31:00 -0400\r\n\
         Message-ID: <a@b>\r\n\r\nhello\r\n",
    );
    assert_eq!(m.from, vec!["zoe.obrien@outlook.example"]);
    assert_eq!(m.from_display_name.as_deref(), Some("Zoë O\u{2019}Brien"));
    assert_eq!(m.subject, "Request \u{2013} O\u{2019}Brien");
    assert_eq!(m.message_id.as_ref().map(MessageId::as_str), Some("<a@b>"));
    assert_eq!(m.date.unwrap().to_rfc3339(), "2026-10-14T08:31:00-04:00");
}

#[test]
fn legacy_charsets_are_decoded() {
    let m = parse_str(
        "From: a@b.example\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\nName: Zo=EB O'Brien\r\n",
    );
    assert!(m.text.contains("Name: Zoë O'Brien"), "{}", m.text);
    let m = parse_str(
        "From: a@b.example\r\nContent-Type: text/plain; charset=windows-1252\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\nCase: O=92Brien v. Soundview\r\n",
    );
    assert!(m.text.contains("O\u{2019}Brien"), "{}", m.text);
}

#[test]
fn html_only_bodies_become_text() {
    let m = parse_str(
        "From: a@b.example\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Name: Helen</p><table><tr><td>Docket #</td><td>DBD-FA24-6049921-S</td></tr></table>",
    );
    assert!(m.text.contains("Name: Helen"));
    assert!(m.text.lines().any(|l| l.contains("Docket #") && l.contains("DBD-FA24-6049921-S")), "{}", m.text);
}

#[test]
fn inline_cid_images_and_forwarded_files_are_attachments() {
    let raw = format!(
        "From: a@b.example\r\nSubject: fw\r\nContent-Type: multipart/mixed; boundary=OUT\r\n\r\n\
--OUT\r\nContent-Type: multipart/related; boundary=REL\r\n\r\n\
--REL\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>See <img src=\"cid:id1\"></p>\r\n\
--REL\r\nContent-Type: image/png\r\nContent-ID: <id1>\r\nContent-Transfer-Encoding: base64\r\n\r\n{png}\r\n\
--REL--\r\n\
--OUT\r\nContent-Type: message/rfc822\r\n\r\n\
From: Dana <dana@gmail.example>\r\nSubject: my earlier mail\r\nContent-Type: multipart/mixed; boundary=IN\r\n\r\n\
--IN\r\nContent-Type: text/plain\r\n\r\nUser ID: dwhitlock84\r\n\
--IN\r\nContent-Type: image/png; name=\"DL.png\"\r\nContent-Disposition: attachment; filename=\"DL.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{png}\r\n\
--IN--\r\n\
--OUT--\r\n",
        png = b64(PNG_1X1)
    );
    let m = parse_str(&raw);
    assert_eq!(m.attachments.len(), 2, "{:?}", m.attachments.iter().map(|a| &a.filename).collect::<Vec<_>>());
    let inline = &m.attachments[0];
    assert_eq!(inline.content_id.as_deref(), Some("id1"));
    assert!(inline.inline);
    assert_eq!(inline.bytes, PNG_1X1);
    assert_eq!(m.attachments[1].filename.as_deref(), Some("DL.png"));
    assert_eq!(m.forwarded.len(), 1);
    assert_eq!(m.forwarded[0].from, vec!["dana@gmail.example"]);
    assert!(m.forwarded[0].text.contains("dwhitlock84"));
    assert!(!m.text.contains("dwhitlock84"), "forwarded text is not the sender's own");
}

#[test]
fn headers_for_rfc3834_and_authentication_are_kept_in_order() {
    let m = parse_str(
        "Return-Path: <>\r\nAuthentication-Results: mx.a; dmarc=pass\r\nAuthentication-Results: mx.b;\r\n dkim=fail\r\n\
         Auto-Submitted: auto-replied\r\nFrom: MAILER-DAEMON@mx.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=X\r\n\r\n--X\r\n\r\nbody\r\n--X--\r\n",
    );
    assert_eq!(m.return_path, ReturnPath::Null);
    let ar: Vec<&str> = m.header_values("authentication-results").collect();
    assert_eq!(ar, vec!["mx.a; dmarc=pass", "mx.b; dkim=fail"]);
    assert_eq!(m.header("auto-submitted"), Some("auto-replied"));
    assert!(m.is_report);
}

#[test]
fn part_count_is_capped() {
    let mut raw = String::from("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n");
    for i in 0..80 {
        raw.push_str(&format!("--B\r\nContent-Type: application/octet-stream; name=f{i}.bin\r\nContent-Disposition: attachment\r\n\r\nx\r\n"));
    }
    raw.push_str("--B--\r\n");
    let m = parse_str(&raw);
    assert_eq!(m.attachments.len(), 50);
    assert_eq!(m.parts_skipped, 30);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    assert_eq!(parse(b"", LIMITS).unwrap_err(), IntakeError::Empty);
    assert_eq!(parse(b"  \r\n ", LIMITS).unwrap_err(), IntakeError::Empty);
    let small = IntakeLimits { max_message_bytes: 10, max_parts: 5 };
    assert!(matches!(parse(b"From: a@b.example\r\n\r\nhello", small), Err(IntakeError::TooLarge { .. })));
    // Binary noise and truncated messages give a result or a clear error.
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let _ = parse(&noise, LIMITS);
    let truncated = "From: a@b.example\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAA";
    let m = parse(truncated.as_bytes(), LIMITS).unwrap();
    assert_eq!(m.from, vec!["a@b.example"]);
}

#[test]
fn every_sample_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/messages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let m = parse(&std::fs::read(&path).unwrap(), LIMITS).unwrap();
        assert_eq!(m.sha256.len(), 64);
        assert!(!m.from.is_empty(), "{}", path.display());
    }
}
