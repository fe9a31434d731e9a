use super::*;
use crate::intake::IncomingMessage;

const TRUSTED: &str = "mx.court.example";

fn message(from: &[&str], results: &[&str]) -> IncomingMessage {
    IncomingMessage {
        from: from.iter().map(|s| s.to_string()).collect(),
        headers: results.iter().map(|r| ("Authentication-Results".to_string(), r.to_string())).collect(),
        ..Default::default()
    }
}

fn check(from: &[&str], results: &[&str]) -> SenderEvidence {
    verify(&message(from, results), &[TRUSTED.to_string()])
}

#[test]
fn dmarc_pass_from_trusted_mx_authenticates() {
    let e = check(&["jane@mail.example"], &["mx.court.example; dmarc=pass header.from=mail.example"]);
    assert!(e.authentication.authenticated);
    assert_eq!(e.authentication.basis, Some(AuthBasis::Dmarc("mail.example".into())));
}

#[test]
fn untrusted_authserv_id_is_ignored() {
    let e = check(&["jane@mail.example"], &["mx.evil.example; dmarc=pass header.from=mail.example"]);
    assert!(!e.authentication.authenticated);
    assert_eq!(e.authentication.ignored_headers, 1);
}

#[test]
fn forged_lower_header_with_trusted_id_is_ignored() {
    // The real MX said fail; the sender planted a "pass" below it.
    let e = check(
        &["jane@mail.example"],
        &[
            "mx.court.example; dmarc=fail header.from=mail.example",
            "mx.court.example; dmarc=pass header.from=mail.example",
        ],
    );
    assert!(!e.authentication.authenticated);
}

#[test]
fn dmarc_pass_for_another_domain_does_not_count() {
    let e = check(&["jane@mail.example"], &["mx.court.example; dmarc=pass header.from=other.example"]);
    assert!(!e.authentication.authenticated);
}

#[test]
fn aligned_dkim_and_spf() {
    let e = check(&["jane@mail.example"], &["mx.court.example; dkim=pass header.d=mail.example; dmarc=none"]);
    assert_eq!(e.authentication.basis, Some(AuthBasis::AlignedDkim("mail.example".into())));
    let e = check(&["jane@mail.example"], &["mx.court.example; dkim=pass header.i=@sub.mail.example"]);
    assert!(e.authentication.authenticated, "relaxed alignment accepts a subdomain signer");
    let e = check(&["jane@mail.example"], &["mx.court.example; spf=pass smtp.mailfrom=bounce@mail.example"]);
    assert_eq!(e.authentication.basis, Some(AuthBasis::AlignedSpf("mail.example".into())));
}

#[test]
fn unaligned_dkim_and_spf_do_not_count() {
    let e = check(
        &["jane@mail.example"],
        &["mx.court.example; dkim=pass header.d=sendgrid.example; spf=pass smtp.mailfrom=x@bulk.example"],
    );
    assert!(!e.authentication.authenticated);
}

#[test]
fn softfail_and_none_do_not_count() {
    let e = check(
        &["carla@aol.example"],
        &["mx.court.example; dkim=none header.i=@aol.example; spf=softfail smtp.mailfrom=carla@aol.example; dmarc=fail header.from=aol.example"],
    );
    assert!(!e.authentication.authenticated);
}

#[test]
fn display_name_address_is_not_the_sender() {
    // `"jane@real.example" <x@evil.example>`: mail-parser hands intake only x@evil.example.
    let e = check(&["x@evil.example"], &["mx.court.example; dmarc=pass header.from=evil.example"]);
    assert_eq!(e.from.unwrap().to_string(), "x@evil.example");
}

#[test]
fn from_must_be_one_address() {
    let e = check(&["a@x.example", "b@x.example"], &["mx.court.example; dmarc=pass header.from=x.example"]);
    assert_eq!(e.from_problem, Some(FromProblem::SeveralAddresses));
    assert!(!e.authentication.authenticated);
    let e = check(&[], &[]);
    assert_eq!(e.from_problem, Some(FromProblem::Missing));
    let e = check(&["not an address"], &[]);
    assert_eq!(e.from_problem, Some(FromProblem::Unparseable));
}

#[test]
fn authserv_id_compares_without_case() {
    let e = check(&["jane@mail.example"], &["MX.Court.Example; dmarc=pass"]);
    assert!(e.authentication.authenticated);
}
