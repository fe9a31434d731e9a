use super::*;

fn templates() -> Templates {
    Templates::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/templates")).unwrap()
}

fn letterhead() -> Letterhead {
    Letterhead { from_name: "E-Services Support".into(), from_address: "eservices@court.example".into() }
}

fn draft(kind: ReplyKind) -> Draft {
    Draft {
        kind,
        ticket_id: "EA-2026-000042".into(),
        recipient: "ann.lee@mail.example".into(),
        party_name: Some("Ann Lee".into()),
        docket: Some("NNH-CV24-6141187-S".into()),
        original_subject: "Access request\r\nBcc: victim@example.com".into(),
        asks: vec!["a legible photo ID".into(), "your docket number".into()],
        reason: None,
        in_reply_to: Some("<m1@mail.example>".into()),
        references: vec!["<m0@mail.example>".into()],
    }
}

fn compose_text(kind: ReplyKind) -> (Composed, String) {
    let c = compose(&draft(kind), &templates(), &letterhead(), "abc", chrono::Utc::now()).unwrap();
    let text = String::from_utf8(c.raw.clone()).unwrap();
    (c, text)
}

#[test]
fn replies_carry_threading_and_the_auto_submitted_mark() {
    let (c, text) = compose_text(ReplyKind::NeedsInformation);
    assert_eq!(c.message_id, "<EA-2026-000042.abc@court.example>");
    assert!(text.contains("Auto-Submitted: auto-replied\r\n"), "{text}");
    assert!(text.contains("In-Reply-To: <m1@mail.example>"), "{text}");
    assert!(text.contains("References: <m0@mail.example> <m1@mail.example>"), "{text}");
    assert!(text.contains("Message-ID: <EA-2026-000042.abc@court.example>"), "{text}");
    assert!(text.contains("[EA-2026-000042]"), "{text}");
    assert!(text.contains("X-Accessd-Reply: needs_information\r\n"), "{text}");
    assert!(text.contains("  - a legible photo ID"), "{text}");
}

#[test]
fn a_subject_cannot_inject_headers() {
    let (_, text) = compose_text(ReplyKind::Acknowledgement);
    let headers = text.split("\r\n\r\n").next().unwrap();
    assert!(!headers.lines().any(|l| l.starts_with("Bcc:")), "{headers}");
}

#[test]
fn every_kind_has_a_template_that_names_the_ticket() {
    for kind in ReplyKind::ALL {
        let (_, text) = compose_text(kind);
        assert!(text.contains("EA-2026-000042"), "{kind:?}");
    }
}

#[test]
fn templates_with_unknown_placeholders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ReplyKind::ALL {
        std::fs::write(dir.path().join(format!("{}.txt", kind.as_str())), "Subject: hi {ticket}\n\nBody {name}\n")
            .unwrap();
    }
    assert!(Templates::load(dir.path()).is_ok());
    std::fs::write(dir.path().join("denied.txt"), "Subject: hi\n\nYour {date_of_birth}\n").unwrap();
    let err = Templates::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("date_of_birth") && err.contains("denied.txt"), "{err}");
    std::fs::write(dir.path().join("denied.txt"), "Hello\n").unwrap();
    assert!(Templates::load(dir.path()).unwrap_err().to_string().contains("Subject:"));
}

/// Three rounds of follow-ups from different clients: the subject keeps one "Re: " and
/// one tag, whatever prefixes the party's clients added.
#[test]
fn subjects_keep_one_reply_prefix_and_one_tag_over_follow_ups() {
    let subject_of = |original: &str| {
        let mut d = draft(ReplyKind::NeedsInformation);
        d.original_subject = original.into();
        let c = compose(&d, &templates(), &letterhead(), "abc", chrono::Utc::now()).unwrap();
        let text = String::from_utf8(c.raw).unwrap();
        let line = text.lines().find(|l| l.starts_with("Subject: ")).unwrap().to_string();
        line.trim_start_matches("Subject: ").to_string()
    };
    let first = subject_of("Electronic access request");
    assert_eq!(first, "Re: Electronic access request [EA-2026-000042]");
    let mut current = first.clone();
    for client_prefix in ["AW: ", "RE[2]: ", "Antw: Re: ", "SV:", "re (3) : "] {
        current = subject_of(&format!("{client_prefix}{current}"));
        assert_eq!(current, first, "after {client_prefix:?}");
    }
    assert_eq!(subject_of("[EA-2026-000042] RE: ea-2026-000042 Electronic access request"), first);
    assert_eq!(subject_of("Re: "), "Re: Request for electronic access [EA-2026-000042]");
    assert_eq!(
        subject_of("Regarding my case EA-2026-000041"),
        "Re: Regarding my case EA-2026-000041 [EA-2026-000042]",
        "another ticket's tag and a word starting with 're' are the party's words"
    );
}

/// Replies that ask for something, and denials, name the other ways to finish a
/// request (in person, by mail), as the court's pending-request page does.
#[test]
fn asking_and_denying_replies_name_the_other_ways_to_finish() {
    for kind in [ReplyKind::NeedsInformation, ReplyKind::Denied] {
        let (_, text) = compose_text(kind);
        let body =
            text.split("\r\n\r\n").skip(1).collect::<Vec<_>>().join("\n").replace("\r\n", " ").replace('\n', " ");
        assert!(body.contains("in person") && body.contains("by mail"), "{kind:?}: {body}");
    }
    let (_, acknowledgement) = compose_text(ReplyKind::Acknowledgement);
    assert!(!acknowledgement.contains("in person"), "nothing is asked of the party");
}
