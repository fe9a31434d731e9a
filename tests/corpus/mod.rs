//! A corpus of access-request mail written to vary, with the truth for each message in
//! the court's result format (`../shared/samples` layout: `fixtures/`, `messages/`,
//! `truth/`, plus `meta/` recording how each message was made). Used by
//! `examples/corpus.rs` (the developers' evaluation set, split by seed) and
//! `tests/accuracy.rs` (a held-out slice in CI).
//!
//! Written apart from accessd's reading code, from the court's definitions only, so
//! that it tests what a clerk would read rather than what accessd already does.
//!
//! Entry points: [`generate`] (a world and messages `first..first+count` for a seed),
//! [`Corpus::write`], [`check::check`] (consistency of the truth) and
//! [`summary::table`].
#![allow(dead_code)]

pub mod attachments;
pub mod check;
pub mod choices;
pub mod compose;
pub mod documents;
pub mod generate;
pub mod mail;
pub mod names;
pub mod phrasing;
pub mod rng;
pub mod scenarios;
pub mod summary;
pub mod truth;
pub mod wording;
pub mod world;

#[allow(unused_imports)]
pub use generate::{generate, Corpus};
