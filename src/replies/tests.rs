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
