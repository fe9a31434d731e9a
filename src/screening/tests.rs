use chrono::{NaiveDate, TimeZone};

use super::*;
use crate::directory::{AccessRequest, Account, AccountType, Case, CaseType, Party, PartyKind};
use crate::documents::FileFormat;
use crate::identity::{DocumentKind, IdType};
use crate::intake::{self, IntakeLimits};

const MX: &str = "mx.court.example";

fn policy() -> ScreeningPolicy {
    ScreeningPolicy {
        trusted_authserv_ids: vec![MX.into()],
        extraction: ExtractionRules {
            court_locations: vec!["HHD".into(), "NNH".into(), "FST".into()],
            example_dockets: vec![DocketNumber::parse("HHD-CV17-5022125-S").unwrap()],
            boilerplate_markers: vec![],
        },
        court_addresses: vec!["eservices@court.example".into()],
        documents: DocumentLimits { max_bytes: 1_000_000, max_image_side: 20_000, max_pixels: 50_000_000 },
    }
}

fn directory() -> DirectorySnapshot {
    let d = |s: &str| DocketNumber::parse(s).unwrap();
    let account = |uid: &str, name: &str, email: &str, kind: AccountType, business: Option<&str>| Account {
        user_id: UserId::parse(uid).unwrap(),
        full_name: PersonName::parse(name).unwrap(),
        email: EmailAddress::parse(email).unwrap(),
        account_type: kind,
        business_name: business.map(String::from),
    };
    let case = |docket: &str, name: &str, t: CaseType| Case {
        docket: d(docket),
        case_name: CaseName::parse(name).unwrap(),
        case_type: t,
    };
    let party = |docket: &str, name: &str, kind: PartyKind| Party {
        docket: d(docket),
        party_name: name.into(),
        role: "Plaintiff".into(),
        party_kind: kind,
    };
    let request = |id: &str, uid: &str, docket: &str, party: &str| AccessRequest {
        request_id: id.into(),
        user_id: UserId::parse(uid).unwrap(),
        docket: d(docket),
        party_name: party.into(),
        requested_at: chrono::FixedOffset::west_opt(4 * 3600).unwrap().with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap(),
    };
    DirectorySnapshot {
        accounts: vec![
            account("alee1", "Ann Lee", "ann.lee@mail.example", AccountType::Individual, None),
            account("bizowner", "Raymond Kowalczyk", "ray@roof.example", AccountType::Business, Some("Roof LLC")),
        ],
        cases: vec![
            case("HHD-CV24-6187342-S", "LEE, ANN v. ACME WIDGETS, INC.", CaseType::Civil),
            case("NNH-CV24-6141187-S", "LEE, ANN v. CITY OF NEW HAVEN", CaseType::Civil),
            case("FST-CV25-6000001-S", "SMITH, JO v. JONES, AL", CaseType::Civil),
            case("FST-CV25-6000001-T", "SMITH, JO v. BROWN, AL", CaseType::Civil),
            case("HHD-CV25-6190233-S", "ROOF LLC v. DUMONT, GERALD", CaseType::SmallClaims),
        ],
        parties: vec![
            party("HHD-CV24-6187342-S", "LEE, ANN", PartyKind::Person),
            party("NNH-CV24-6141187-S", "LEE, ANN", PartyKind::Person),
            party("HHD-CV25-6190233-S", "ROOF LLC", PartyKind::Business),
        ],
        requests: vec![
            request("EAR-1", "alee1", "NNH-CV24-6141187-S", "LEE, ANN"),
            request("EAR-2", "bizowner", "HHD-CV25-6190233-S", "ROOF LLC"),
        ],
    }
}

const ANN_BODY: &str = "Name: Ann Lee\nUser ID: alee1\nCase: Lee v. City of New Haven\nDocket: NNH-CV24-6141187-S\n";

struct Mail {
    headers: Vec<String>,
    body: String,
    attachments: Vec<(String, Vec<u8>)>,
}

impl Mail {
    fn from_ann(body: &str) -> Self {
        Self {
            headers: vec![
                "Return-Path: <ann.lee@mail.example>".into(),
                format!("Authentication-Results: {MX}; dmarc=pass header.from=mail.example"),
                "From: Ann Lee <ann.lee@mail.example>".into(),
                "Subject: access".into(),
                "Date: Mon, 12 Oct 2026 10:00:00 -0400".into(),
            ],
            body: body.into(),
            attachments: vec![],
        }
    }

    fn header(mut self, h: &str) -> Self {
        let name = h.split(':').next().unwrap().to_string();
        self.headers.retain(|x| !x.starts_with(&format!("{name}:")));
        self.headers.insert(0, h.into());
        self
    }

    fn attach(mut self, name: &str, bytes: &[u8]) -> Self {
        self.attachments.push((name.into(), bytes.to_vec()));
        self
    }

    fn raw(&self) -> Vec<u8> {
        let mut raw = self.headers.join("\r\n");
        raw.push_str("\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        raw.push_str(&self.body);
        for (name, bytes) in &self.attachments {
            raw.push_str(&format!(
                "\r\n--B\r\nContent-Type: application/octet-stream; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            ));
            raw.push_str(&base64(bytes));
        }
        raw.push_str("\r\n--B--\r\n");
        raw.into_bytes()
    }

    fn prepare(&self) -> Prepared {
        let msg = intake::parse(&self.raw(), IntakeLimits { max_message_bytes: 10_000_000, max_parts: 50 }).unwrap();
        prepare(msg, Utc.with_ymd_and_hms(2026, 10, 12, 15, 0, 0).unwrap(), &policy())
    }

    fn screen(&self) -> Screening {
        screen(&self.prepare(), &directory())
    }
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() { T[((n >> (18 - 6 * i)) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

fn codes(s: &Screening) -> Vec<&'static str> {
    s.findings.iter().map(|f| f.code.as_str()).collect()
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::new(w, h).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// Marks every usable document as read, as the ID reader would.
fn read_as(mut p: Prepared, readings: &[(DocumentKind, Option<&str>, Option<&str>, bool)]) -> Prepared {
    for (doc, (kind, name, expires, legible)) in p.documents.iter_mut().zip(readings) {
        doc.kind = Some(*kind);
        doc.id_type = (*kind == DocumentKind::PhotoId).then_some(IdType::CtDriverLicense);
        doc.name_on_id = name.map(String::from);
        doc.expires = expires.map(|e| NaiveDate::parse_from_str(e, "%Y-%m-%d").unwrap());
        doc.legible = Some(*legible);
    }
    p
}

#[test]
fn complete_request_without_id_reading_leaves_id_findings_open() {
    let s = Mail::from_ann(ANN_BODY).attach("DL.png", &png(40, 30)).screen();
    assert_eq!(codes(&s), Vec::<&str>::new());
    assert_eq!(s.disposition, Disposition::ReadyForReview);
    assert_eq!(s.request_id.as_deref(), Some("EAR-1"));
    assert!(s.sender_matches_account && s.sender_authenticated);
    assert_eq!(s.documents[0].format, Some(FileFormat::Png));
}

#[test]
fn missing_photo_id_when_nothing_is_attached() {
    let s = Mail::from_ann(ANN_BODY).screen();
    assert_eq!(codes(&s), vec!["missing_photo_id"]);
    assert_eq!(s.disposition, Disposition::NeedsInformation);
}

#[test]
fn missing_fields() {
    let s = Mail::from_ann("Please give me access.").screen();
    assert_eq!(
        codes(&s),
        vec!["missing_name", "missing_user_id", "missing_case_name", "missing_docket_number", "missing_photo_id"]
    );
    assert!(s.sender_matches_account, "an account has the sender's address");
    assert_eq!(s.disposition, Disposition::NeedsInformation);
}

/// A user ID the directory does not know leaves no account, but the party's name written
/// in lower case is still found: the sender's account says whose name to look for.
#[test]
fn a_stated_unknown_user_id_does_not_lose_the_name() {
    let s = Mail::from_ann(
        "i am ann lee. i signed up with the id a_lee_77. lee v. city of new haven nnh-cv24-6141187-s\n\nthanks\nann lee\n",
    )
    .screen();
    assert_eq!(s.fields.user_id.as_ref().map(|u| u.to_string()).as_deref(), Some("a_lee_77"));
    assert_eq!(s.fields.name.as_ref().map(|n| n.to_string()).as_deref(), Some("ann lee"));
    assert!(codes(&s).contains(&"unknown_user_id"), "{:?}", codes(&s));
    assert!(!codes(&s).contains(&"missing_name"), "{:?}", codes(&s));
}

#[test]
fn unknown_user_id_and_unknown_docket() {
    let s =
        Mail::from_ann("Name: Ann Lee\nUser ID: nobody9\nCase: Lee v. Nobody\nDocket: HHD-CV99-1234567-S\n").screen();
    assert_eq!(codes(&s), vec!["unknown_user_id", "unknown_docket", "missing_photo_id"]);
    assert_eq!(s.disposition, Disposition::Flagged);
    assert!(!s.sender_matches_account);
    assert_eq!(s.request_id, None);
}

#[test]
fn no_pending_request_is_flagged() {
    let s = Mail::from_ann("Name: Ann Lee\nUser ID: alee1\nCase: Lee v. Acme Widgets\nDocket: HHD-CV24-6187342-S\n")
        .screen();
    assert_eq!(codes(&s), vec!["no_pending_request", "missing_photo_id"]);
    assert_eq!(s.disposition, Disposition::Flagged);
}

#[test]
fn case_name_for_another_case() {
    let s = Mail::from_ann("Name: Ann Lee\nUser ID: alee1\nCase: Lee v. Acme Widgets\nDocket: NNH-CV24-6141187-S\n")
        .screen();
    assert_eq!(codes(&s), vec!["case_name_mismatch", "missing_photo_id"]);
}

#[test]
fn several_dockets_choose_the_pending_request() {
    let s = Mail::from_ann(
        "Name: Ann Lee\nUser ID: alee1\nCase: Lee v. City of New Haven\nI have two cases: HHD-CV24-6187342-S and NNH-CV24-6141187-S\n",
    )
    .screen();
    assert_eq!(s.fields.docket_number.as_ref().unwrap().to_string(), "NNH-CV24-6141187-S");
    assert_eq!(s.request_id.as_deref(), Some("EAR-1"));
    assert_eq!(s.other_dockets.len(), 1);
}

#[test]
fn missing_suffix_is_inferred_only_when_one_case_fits() {
    let s =
        Mail::from_ann("Name: Ann Lee\nUser ID: alee1\nCase: Lee v. City of New Haven\nDocket: NNH CV 24 6141187\n")
            .screen();
    assert_eq!(s.fields.docket_number.as_ref().unwrap().to_string(), "NNH-CV24-6141187-S");
    assert_eq!(s.request_id.as_deref(), Some("EAR-1"));

    // Two cases share the core: the suffix cannot be guessed.
    let s = Mail::from_ann("Name: Ann Lee\nUser ID: alee1\nCase: Smith v. Jones\nDocket: FST-CV25-6000001\n").screen();
    assert_eq!(s.fields.docket_number.as_ref().unwrap().to_string(), "FST-CV25-6000001");
    assert!(codes(&s).contains(&"unknown_docket"));
}

#[test]
fn sender_spoofs() {
    // Display name holding the account address: the address is what counts.
    let s = Mail::from_ann(ANN_BODY)
        .header("From: \"ann.lee@mail.example\" <x@evil.example>")
        .header(&format!("Authentication-Results: {MX}; dmarc=pass header.from=evil.example"))
        .screen();
    assert!(!s.sender_matches_account);
    assert_eq!(codes(&s)[0], "sender_mismatch");
    assert_eq!(s.disposition, Disposition::Flagged);

    // Right address, but the court's MX saw DMARC fail; a forged pass below is ignored.
    let mut m = Mail::from_ann(ANN_BODY);
    m.headers.retain(|h| !h.starts_with("Authentication-Results"));
    m.headers.insert(0, format!("Authentication-Results: {MX}; dmarc=fail header.from=mail.example"));
    m.headers.push(format!("Authentication-Results: {MX}; dmarc=pass header.from=mail.example"));
    let s = m.screen();
    assert!(s.sender_matches_account);
    assert!(!s.sender_authenticated);
    assert_eq!(codes(&s), vec!["sender_unauthenticated", "missing_photo_id"]);
    assert_eq!(s.disposition, Disposition::Flagged);

    // A pass from somebody else's server counts for nothing.
    let s = Mail::from_ann(ANN_BODY)
        .header("Authentication-Results: mx.evil.example; dmarc=pass header.from=mail.example")
        .screen();
    assert!(!s.sender_authenticated);

    // Two From addresses.
    let s = Mail::from_ann(ANN_BODY).header("From: ann.lee@mail.example, x@evil.example").screen();
    assert!(!s.sender_matches_account);
    assert!(codes(&s).contains(&"sender_mismatch") && codes(&s).contains(&"sender_unauthenticated"));
}

#[test]
fn automatic_mail_is_ignored_with_nothing_else() {
    for header in [
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
        "List-Id: <x.lists.example>",
        "Return-Path: <>",
        "From: MAILER-DAEMON@mx.court.example",
    ] {
        let s = Mail::from_ann(ANN_BODY).header(header).attach("DL.png", &png(4, 4)).screen();
        assert_eq!(codes(&s), vec!["auto_submitted"], "{header}");
        assert_eq!(s.disposition, Disposition::Ignored);
        assert!(s.fields.name.is_none() && s.documents.is_empty() && s.request_id.is_none());
    }
    let s = Mail::from_ann(ANN_BODY).header("X-Auto-Response-Suppress: All").screen();
    assert_ne!(s.disposition, Disposition::Ignored);
    let s = Mail::from_ann(ANN_BODY).header("Auto-Submitted: no").screen();
    assert_ne!(s.disposition, Disposition::Ignored);
}

#[test]
fn unsupported_and_oversized_attachments() {
    let s = Mail::from_ann(ANN_BODY).attach("license.jpg", b"MZ\x90\x00 this is not a picture").screen();
    assert_eq!(codes(&s), vec!["missing_photo_id", "unsupported_attachment"]);
    assert_eq!(s.disposition, Disposition::NeedsInformation);

    let s = Mail::from_ann(ANN_BODY).attach("DL.png", &png(40, 30)).attach("notes.txt", b"hello there").screen();
    assert_eq!(codes(&s), vec!["unsupported_attachment"], "informational only");
    assert_eq!(s.disposition, Disposition::ReadyForReview);

    let big = vec![0xffu8; 1_100_000];
    let s = Mail::from_ann(ANN_BODY).attach("huge.jpg", &big).screen();
    assert!(codes(&s).contains(&"oversized_attachment"));
    assert_eq!(s.disposition, Disposition::NeedsInformation);
}

#[test]
fn absurd_declared_dimensions_are_refused_unread() {
    // A PNG header declaring 50,000 × 50,000 pixels with almost no data.
    let bomb = crate::documents::tests::png_declaring(50_000, 50_000);
    let s = Mail::from_ann(ANN_BODY).attach("DL.png", &bomb).screen();
    assert_eq!(codes(&s), vec!["missing_photo_id", "unsupported_attachment"]);
    assert!(s.findings[1].detail.contains("50000"), "{}", s.findings[1].detail);
}

#[test]
fn id_findings_once_documents_are_read() {
    let mail = Mail::from_ann(ANN_BODY).attach("DL.png", &png(40, 30));
    let dir = directory();
    use DocumentKind::*;
    let s = screen(&read_as(mail.prepare(), &[(PhotoId, Some("ANN MARIE LEE"), Some("2030-01-01"), true)]), &dir);
    assert_eq!(codes(&s), Vec::<&str>::new());
    let s = screen(&read_as(mail.prepare(), &[(PhotoId, None, None, false)]), &dir);
    assert_eq!(codes(&s), vec!["illegible_photo_id"]);
    let s = screen(&read_as(mail.prepare(), &[(PhotoId, Some("ANN LEE"), Some("2026-01-01"), true)]), &dir);
    assert_eq!(codes(&s), vec!["id_expired"]);
    let s = screen(&read_as(mail.prepare(), &[(PhotoId, Some("ANN SMITH"), Some("2030-01-01"), true)]), &dir);
    assert_eq!(codes(&s), vec!["id_name_mismatch"]);
    let s = screen(&read_as(mail.prepare(), &[(Other, None, None, true)]), &dir);
    assert_eq!(codes(&s), vec!["missing_photo_id"]);

    let two = Mail::from_ann(ANN_BODY).attach("DL.png", &png(40, 30)).attach("marriage.png", &png(40, 30));
    let s = screen(
        &read_as(
            two.prepare(),
            &[(PhotoId, Some("ANN SMITH"), Some("2030-01-01"), true), (NameChange, None, None, true)],
        ),
        &dir,
    );
    // A name-change document counts only when its text links the two names; one whose
    // text was not read proves nothing.
    assert_eq!(codes(&s), vec!["id_name_mismatch"]);
    assert_eq!(s.disposition, Disposition::NeedsInformation);
}

#[test]
fn business_party_in_small_claims_needs_proof_of_tie() {
    let mut mail = Mail::from_ann(
        "Name: Raymond Kowalczyk\nUser ID: bizowner\nCase: Roof LLC v. Dumont\nDocket: HHD-CV25-6190233-S\n",
    )
    .attach("DL.png", &png(40, 30));
    mail.headers = vec![
        format!("Authentication-Results: {MX}; dmarc=pass header.from=roof.example"),
        "From: Ray <ray@roof.example>".into(),
        "Date: Mon, 12 Oct 2026 10:00:00 -0400".into(),
    ];
    use DocumentKind::*;
    let s = screen(
        &read_as(mail.prepare(), &[(PhotoId, Some("RAYMOND S KOWALCZYK"), Some("2030-01-01"), true)]),
        &directory(),
    );
    assert_eq!(codes(&s), vec!["business_proof_missing"], "the ID must match the account holder, not the business");
    let mail = mail.attach("sos.png", &png(40, 30));
    let s = screen(
        &read_as(
            mail.prepare(),
            &[(PhotoId, Some("RAYMOND S KOWALCZYK"), Some("2030-01-01"), true), (BusinessProof, None, None, true)],
        ),
        &directory(),
    );
    assert_eq!(codes(&s), Vec::<&str>::new());
}

#[test]
fn result_json_has_exactly_the_court_format() {
    let s = Mail::from_ann(ANN_BODY).attach("DL.png", &png(40, 30)).screen();
    let v = s.result_json();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "disposition",
            "documents",
            "fields",
            "findings",
            "request_id",
            "sender_authenticated",
            "sender_matches_account"
        ]
    );
    assert_eq!(v["fields"]["docket_number"], "NNH-CV24-6141187-S");
    assert_eq!(v["documents"][0]["filename"], "DL.png");
    assert_eq!(v["disposition"], "ready_for_review");
}

#[test]
fn a_follow_up_is_screened_with_what_the_earlier_message_had() {
    let first = Mail::from_ann("Name: Ann Lee\nUser ID: alee1\nCase: Lee v. City of New Haven\n").prepare();
    let s = screen(&first, &directory());
    assert!(codes(&s).contains(&"missing_docket_number") && codes(&s).contains(&"missing_photo_id"), "{:?}", codes(&s));

    // The answer carries the docket and the ID, and nothing else.
    let answer = Mail::from_ann("Sorry, the docket is NNH-CV24-6141187-S. ID attached.").attach("DL.png", &png(40, 30));
    use DocumentKind::*;
    let answer = read_as(answer.prepare(), &[(PhotoId, Some("ANN MARIE LEE"), Some("2030-01-01"), true)]);
    let combined = thread::combine(answer.clone(), vec![first.clone()]);
    let s = screen(&combined, &directory());
    assert_eq!(codes(&s), Vec::<&str>::new());
    assert_eq!(s.disposition, Disposition::ReadyForReview);
    assert_eq!(s.documents.len(), 1);

    // Nothing stated twice is doubled; the latest message's statements come first.
    let again = thread::combine(first.clone(), vec![first.clone()]);
    assert_eq!(again.stated, first.stated);
    let twice = thread::combine(answer, vec![first.clone(), first]);
    assert_eq!(twice.stated.dockets.len(), 1);
    assert_eq!(twice.documents.len(), 1);
}

/// A caption that reads like a name with a middle initial (`Lee V. Acme Widgets`) is
/// the case the directory knows, not the party's name: the name is still missing.
#[test]
fn a_caption_shaped_like_a_name_is_not_the_party_s_name() {
    let mut mail = Mail::from_ann("My license is attached.\n");
    for header in &mut mail.headers {
        if header.starts_with("Subject:") {
            *header = "Subject: Re: access (alee1 / Lee V. Acme Widgets / HHD-CV24-6187342-S)".into();
        }
    }
    let s = mail.screen();
    assert_eq!(s.fields.case_name.as_ref().map(|c| c.to_string()).as_deref(), Some("Lee V. Acme Widgets"));
    assert_eq!(s.fields.name, None);
    assert!(codes(&s).contains(&"missing_name"), "{:?}", codes(&s));
}
