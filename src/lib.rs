//! accessd pre-screens court e-filing access requests that arrive by e-mail.
//!
//! The modules follow a message through the daemon:
//! `intake` (parse, automatic mail) → `sender` (who sent it, authenticated?) →
//! `extraction` (what the party states) → `documents` (the attached files) →
//! `identity` (reading photo IDs and other documents) →
//! `directory` (accounts, cases, parties, pending requests) → `screening` (findings
//! and one disposition). `domain` holds the parsed value types they share.
//!
//! The daemon (`daemon`) wraps that core: `mailbox` (Maildir or IMAP) stores each
//! message in the `ledger` before anything else, `tickets` screens queued messages into
//! tickets, and `replies` tells the party where their request stands.

pub mod accuracy;
pub mod audit;
pub mod check;
pub mod cluster;
pub mod config;
pub mod daemon;
pub mod db;
pub mod desk;
pub mod directory;
pub mod documents;
pub mod domain;
pub mod extraction;
pub mod health;
pub mod identity;
pub mod intake;
pub mod ledger;
pub mod mailbox;
pub mod metrics;
pub mod oauth;
pub mod replies;
pub mod retention;
pub mod screener;
pub mod screening;
pub mod sender;
pub mod telemetry;
pub mod tickets;
pub mod vault;
