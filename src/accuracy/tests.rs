use super::decisions::{pair, Event};
use super::*;
use crate::domain::Since;

fn court(disposition: Disposition, findings: &[FindingCode], name: Option<&str>) -> CourtResult {
    CourtResult {
        fields: CourtFields {
            name: name.map(String::from),
            user_id: Some("dw84".into()),
            case_name: Some("Whitlock v. Capitol Auto Sales, LLC".into()),
            docket_number: Some("HHD-CV24-6187342-S".into()),
        },
        sender_matches_account: true,
        sender_authenticated: true,
        request_id: Some("EAR-1".into()),
        documents: vec![CourtDocument {
            filename: Some("id.png".into()),
            kind: Some("photo_id".into()),
            id_type: Some("ct_driver_license".into()),
            name_on_id: Some("DANA RUTH WHITLOCK".into()),
            expires: Some("2030-05-10".into()),
            legible: Some(true),
        }],
        findings: findings.to_vec(),
        disposition,
    }
}

fn compared(id: &str, ours: CourtResult, truth: CourtResult) -> Compared {
    Compared { id: id.into(), accessd: ours.into(), clerk: truth.into() }
}

#[test]
fn agreement_disagreement_and_safety() {
    use Disposition::*;
    use FindingCode::*;
    let pairs = vec![
        compared(
            "a",
            court(ReadyForReview, &[], Some("Dana R. Whitlock")),
            court(ReadyForReview, &[], Some("DANA R WHITLOCK")),
        ),
        compared(
            "b",
            court(NeedsInformation, &[IllegiblePhotoId], None),
            court(ReadyForReview, &[], Some("Dana Whitlock")),
        ),
        compared("c", court(ReadyForReview, &[], None), court(Flagged, &[SenderUnauthenticated], None)),
        compared("d", court(NeedsInformation, &[MissingPhotoId], None), court(Ignored, &[AutoSubmitted], None)),
    ];
    let r = report(&pairs);
    assert_eq!((r.disposition.agree, r.disposition.total), (1, 4));
    assert_eq!(r.disposition.disagreements, vec!["b", "c", "d"]);
    assert_eq!(r.confusion["ready_for_review"]["needs_information"], vec!["b"]);
    assert_eq!(r.safety_errors, vec!["c", "d"], "a flagged sender made ready, and automatic mail answered");
    assert_eq!(r.findings[&IllegiblePhotoId].false_positives, vec!["b"]);
    assert_eq!(r.findings[&SenderUnauthenticated].false_negatives, vec!["c"]);
    assert_eq!(r.findings_overall.true_positives, 0);
    // Names compare as token sets: "Dana R. Whitlock" = "DANA R WHITLOCK".
    assert_eq!(r.fields["name"].disagreements, vec!["b"]);
    assert_eq!(r.documents["name_on_id (legible IDs)"].total, 4);
    let text = render(&r);
    assert!(text.contains("disposition agreement: 1/4 (25.0%)"), "{text}");
    assert!(text.contains("clerk flagged, accessd ready_for_review:  [c]"), "{text}");
}

#[test]
fn precision_and_recall() {
    let s = FindingScore { true_positives: 8, false_positives: vec!["x".into(), "y".into()], false_negatives: vec![] };
    assert!((s.precision() - 0.8).abs() < 1e-9);
    assert!((s.recall() - 1.0).abs() < 1e-9);
    assert_eq!(FindingScore::default().precision(), 1.0, "nothing found, nothing wrong");
}

fn event(ticket: &str, at: &str, kind: &str, detail: &str) -> Event {
    Event { ticket_id: ticket.into(), at: at.into(), kind: kind.into(), detail: detail.into() }
}

#[test]
fn clerk_decisions_pair_with_the_screening_before_them() {
    let asked_for_id = FindingCode::MissingPhotoId.rule().asks_party;
    let events = vec![
        // The clerk approved what accessd sent back: accessd was wrong.
        event("EA-1", "2026-11-02T10:00:00.000000Z", "screened", "needs_information (illegible_photo_id)"),
        event("EA-1", "2026-11-02T11:00:00.000000Z", "approve", "alice: "),
        // The clerk asked for the ID accessd also missed, after a first round that agreed.
        event("EA-2", "2026-11-03T10:00:00.000000Z", "screened", "ready_for_review ()"),
        event("EA-2", "2026-11-03T11:00:00.000000Z", "ask", &format!("bob: {asked_for_id}")),
        event("EA-2", "2026-11-04T10:00:00.000000Z", "screened", "ready_for_review (name_change_proof_attached)"),
        event("EA-2", "2026-11-04T11:00:00.000000Z", "approve", "bob: "),
        // A decision with no screening before it is not compared.
        event("EA-3", "2026-11-05T11:00:00.000000Z", "deny", "bob: not a party"),
    ];
    let pairs = pair(&events, None);
    assert_eq!(pairs.len(), 3);
    let r = report(&pairs);
    assert_eq!(r.disposition.agree, 1, "only EA-2's approval agreed");
    assert_eq!(r.confusion["ready_for_review"]["needs_information"].len(), 1);
    assert_eq!(r.confusion["needs_information"]["ready_for_review"].len(), 1);
    assert_eq!(r.findings[&FindingCode::MissingPhotoId].false_negatives.len(), 1);
    assert_eq!(
        r.findings[&FindingCode::NameChangeProofAttached].true_positives,
        1,
        "informational findings are not held against accessd"
    );

    let later = pair(&events, Some(Since::parse("2026-11-04").unwrap().at()));
    assert_eq!(later.len(), 1, "only decisions at or after --since");
}
