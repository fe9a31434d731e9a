//! One attached file as screening sees it: what its bytes showed
//! ([`documents::inspect`](crate::documents::inspect)), then what reading it found.

use serde::Serialize;

use crate::documents::{DocumentProblem, FileFormat, Inspection};
use crate::identity::{DocumentEvidence, DocumentKind, IdType};

/// One attached file as screening sees it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub filename: Option<String>,
    pub declared_type: String,
    pub format: Option<FileFormat>,
    pub bytes: u64,
    pub problem: Option<DocumentProblem>,
    /// `None` until the document has been read (ID reading fills these in).
    pub kind: Option<DocumentKind>,
    pub id_type: Option<IdType>,
    pub name_on_id: Option<String>,
    pub expires: Option<chrono::NaiveDate>,
    pub legible: Option<bool>,
    /// What the reading rests on, for the clerk. Personal data: never logged at
    /// info level, never in the court's result format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Box<DocumentEvidence>>,
}

impl DocumentReport {
    /// Whether the file can be read for an ID at all.
    pub fn is_usable(&self) -> bool {
        self.problem.is_none() && self.format.is_some()
    }
}

impl From<Inspection> for DocumentReport {
    /// A file inspected and not yet read.
    fn from(file: Inspection) -> Self {
        let Inspection { filename, declared_type, format, bytes, problem } = file;
        Self {
            filename,
            declared_type,
            format,
            bytes,
            problem,
            kind: None,
            id_type: None,
            name_on_id: None,
            expires: None,
            legible: None,
            evidence: None,
        }
    }
}
