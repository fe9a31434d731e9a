//! Accuracy on mail accessd was not tuned on: a slice of the generated corpus under a
//! seed kept for this test (the developers tune on other seeds), screened as
//! `accessd report accuracy --corpus` screens it, must agree with the truth the
//! court's rules give. Both the generator and the OCR are deterministic, so a drop
//! below a floor is a regression in reading, not noise.
//!
//! The floors guard what the held-out split measured when they were set (see the
//! README's accuracy section); the targets are higher and are reported on the
//! full never-tuned split with `cargo run --example corpus` + `accessd report accuracy`.

#[path = "corpus/mod.rs"]
mod corpus;

use accessd::accuracy::{self, corpus as corpus_run};
use accessd::config::Settings;

/// Never tuned on: only this test generates mail under it.
const SEED: u64 = 7_003;
const MESSAGES: usize = 60;

#[tokio::test]
async fn generated_mail_never_tuned_on_is_screened_as_a_clerk_would() {
    let dir = tempfile::tempdir().unwrap();
    let world = corpus::generate::world(SEED);
    corpus::world::write_fixtures(&world, dir.path()).unwrap();
    let batch = corpus::generate::messages(&world, SEED, 0, MESSAGES);
    assert!(corpus::check::check(&world, &batch).is_empty(), "the generated truth is inconsistent");
    corpus::generate::write_messages(&batch, dir.path()).unwrap();

    let settings = Settings::load_with_env(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"),
        Vec::new(),
    )
    .unwrap();
    let (pairs, unscreened) = corpus_run::compare(dir.path(), &settings, 2).await.unwrap();
    assert!(unscreened.is_empty(), "messages not screened: {unscreened:?}");
    let report = accuracy::report(&pairs);
    let summary = accuracy::render(&report);

    // Safety never moves: no spoofed, unauthenticated or wrong-account sender reaches
    // a clerk as ready.
    assert!(report.safety_errors.is_empty(), "safety errors: {:?}\n{summary}", report.safety_errors);
    assert!(report.disposition.rate() >= 0.93, "disposition agreement fell\n{summary}");
    let overall = &report.findings_overall;
    assert!(overall.precision() >= 0.90 && overall.recall() >= 0.90, "finding accuracy fell\n{summary}");
    for (field, score) in &report.fields {
        assert!(score.rate() >= 0.95, "field {field} fell to {:.3}\n{summary}", score.rate());
    }
}
