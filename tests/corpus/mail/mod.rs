//! The mail side of the corpus: MIME structure, character sets and transfer encodings,
//! the habits of mail clients, quoting and forwarding, trace and authentication
//! headers, containers (ZIP, DOCX, TNEF) and automatic mail.

pub mod assemble;
pub mod automatic;
pub mod body;
pub mod charset;
pub mod clients;
pub mod containers;
pub mod ids;
pub mod mime;
pub mod thread;
pub mod trace;
