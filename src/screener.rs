//! The shell around the screening core: raw bytes in, a `Screening` out, with the
//! attached documents read (OCR, off the async runtime) and the directory rows loaded
//! from the database in between. `accessd check` and the daemon both screen through
//! here.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::Settings;
use crate::db::{Db, DbError};
use crate::directory::store;
use crate::documents::DocumentProblem;
use crate::domain::PersonName;
use crate::extraction::Source;
use crate::identity::classify::{self, PartyHint};
use crate::identity::decode::DecodeLimits;
use crate::identity::ocr::{OcrError, OcrSettings};
use crate::identity::{Expected, IdReader, ReadError, ReaderSettings};
use crate::intake::{self, IntakeError, IntakeLimits};
use crate::screening::{self, Prepared, Screening, ScreeningPolicy};

#[derive(Debug, thiserror::Error)]
pub enum ScreenError {
    #[error(transparent)]
    Intake(#[from] IntakeError),
    #[error(transparent)]
    Db(#[from] DbError),
    /// accessd's OCR set-up is broken (no language data): an operator problem.
    #[error("the attached documents could not be read: {0}")]
    Reading(#[from] OcrError),
    #[error("reading the attached documents stopped unexpectedly")]
    ReaderPanicked,
}

/// Everything needed to screen a message; cheap to share behind an `Arc`.
#[derive(Debug, Clone)]
pub struct Screener {
    pub db: Db,
    pub policy: ScreeningPolicy,
    pub limits: IntakeLimits,
    pub reader: Arc<IdReader>,
}

/// The reader's configuration from the settings.
pub fn reader_settings(settings: &Settings) -> ReaderSettings {
    let ids = &settings.id_reading;
    ReaderSettings {
        decode: DecodeLimits {
            max_side: settings.screening.max_image_side,
            max_pixels: ids.max_pixels,
            max_alloc: ids.max_decode_bytes,
            max_pdf_pages: ids.max_pdf_pages,
            render_timeout: Duration::from_secs(ids.pdf_render_timeout_secs),
        },
        ocr: OcrSettings { tessdata: ids.tessdata.clone(), language: ids.language.clone(), engines: ids.ocr_engines },
    }
}

impl Screener {
    pub fn new(db: Db, settings: &Settings) -> Self {
        Self {
            db,
            policy: ScreeningPolicy::from_settings(settings),
            limits: IntakeLimits::from(&settings.screening),
            reader: Arc::new(IdReader::new(reader_settings(settings))),
        }
    }

    /// Screens one raw message that arrived at `received_at`.
    pub async fn screen_raw(&self, raw: &[u8], received_at: DateTime<Utc>) -> Result<Screening, ScreenError> {
        let prepared = self.prepare(raw, received_at)?;
        let prepared = self.read(prepared).await?;
        self.judge(&prepared).await
    }

    /// Parses a raw message and reads what it states (no documents read yet).
    pub fn prepare(&self, raw: &[u8], received_at: DateTime<Utc>) -> Result<Prepared, ScreenError> {
        Ok(screening::prepare(intake::parse(raw, self.limits)?, received_at, &self.policy))
    }

    /// Reads the message's documents (OCR), looking first for the names the directory
    /// says an ID of this party's would print.
    pub async fn read(&self, prepared: Prepared) -> Result<Prepared, ScreenError> {
        let snapshot = store::snapshot(&self.db, &prepared.directory_query()).await?;
        let names = screening::names_to_look_for(&prepared, &snapshot);
        read_documents(self.reader.clone(), prepared, names).await
    }

    /// Applies the rules with the directory rows the message concerns.
    pub async fn judge(&self, prepared: &Prepared) -> Result<Screening, ScreenError> {
        let snapshot = store::snapshot(&self.db, &prepared.directory_query()).await?;
        Ok(screening::screen(prepared, &snapshot))
    }
}

/// What the party said about their attachment: its file name, then their own words
/// (subject and body without quoted mail or the court's pasted instructions, which
/// list every kind of ID; their own message forwarded; a letter they attached), unless
/// the file name says it is something else.
fn party_hint(prepared: &Prepared, index: usize) -> Option<PartyHint> {
    let file = prepared.message.attachments.get(index).and_then(|a| a.filename.as_deref()).unwrap_or("");
    if classify::named_as_not_an_id(file) {
        return None;
    }
    let own_words: Vec<&str> = prepared
        .stated
        .own_text
        .iter()
        .filter(|o| matches!(o.source, Source::Prose | Source::Subject | Source::Forwarded | Source::Letter))
        .map(|o| o.text.as_str())
        .collect();
    classify::party_hint(file).or_else(|| classify::party_hint(&own_words.join("\n")))
}

/// Reads every usable attachment on a blocking thread (OCR is CPU-bound; the engine
/// pool bounds how many run at once) and fills in what each document is.
pub async fn read_documents(
    reader: Arc<IdReader>,
    mut prepared: Prepared,
    names: Vec<PersonName>,
) -> Result<Prepared, ScreenError> {
    let jobs: Vec<(usize, crate::documents::FileFormat, Vec<u8>, Expected)> = prepared
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_usable())
        .filter_map(|(i, d)| {
            let bytes = prepared.message.attachments.get(i)?.bytes.clone();
            Some((i, d.format?, bytes, Expected { hint: party_hint(&prepared, i), names: names.clone() }))
        })
        .collect();
    if jobs.is_empty() {
        return Ok(prepared);
    }
    let results = tokio::task::spawn_blocking(move || {
        jobs.into_iter()
            .map(|(i, format, bytes, expected)| (i, reader.read(format, &bytes, &expected)))
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|_| ScreenError::ReaderPanicked)?;
    for (i, result) in results {
        let d = &mut prepared.documents[i];
        match result {
            Ok(r) => {
                tracing::debug!(file = ?d.filename, kind = ?r.kind, id_type = ?r.id_type, legible = r.legible, ms = r.evidence.millis, "document read");
                d.kind = Some(r.kind);
                d.id_type = r.id_type;
                d.name_on_id = r.name_on_id;
                d.expires = r.expires;
                d.legible = Some(r.legible);
                d.evidence = Some(Box::new(r.evidence));
            }
            Err(ReadError::Decode(e)) => d.problem = Some(DocumentProblem::Unsupported(e.to_string())),
            Err(ReadError::Ocr(e)) => return Err(ScreenError::Reading(e)),
        }
    }
    Ok(prepared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::DocumentLimits;
    use crate::extraction::ExtractionRules;

    fn prepared(body: &str, file: &str) -> Prepared {
        let raw = format!(
            "From: a@mail.example\r\nSubject: E-Services access\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n{body}\r\n--B\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"{file}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/\r\n--B--\r\n"
        );
        let message =
            intake::parse(raw.as_bytes(), IntakeLimits { max_message_bytes: 100_000, max_parts: 10 }).unwrap();
        let policy = ScreeningPolicy {
            trusted_authserv_ids: vec![],
            extraction: ExtractionRules::default(),
            court_addresses: vec![],
            documents: DocumentLimits { max_bytes: 100_000, max_image_side: 20_000, max_pixels: 50_000_000 },
        };
        screening::prepare(message, Utc::now(), &policy)
    }

    /// The court's instructions quoted below a reply list every kind of ID: they say
    /// nothing of what the party attached. The party's own words and file name do.
    #[test]
    fn hints_come_from_the_party_s_own_words_not_quoted_instructions() {
        let quoted = "My license is attached.\r\n\r\n________________________________\r\nFrom: E-Services <eservices@court.example>\r\nSent: Monday\r\nSubject: Your request\r\n\r\nAttach a passport, a certificate of naturalization or a licence.\r\n";
        assert_eq!(party_hint(&prepared(quoted, "photo.jpg"), 0), Some(PartyHint::DriverLicense));
        let nothing_said = quoted.replace("My license is attached.", "Here it is.");
        assert_eq!(party_hint(&prepared(&nothing_said, "photo.jpg"), 0), None);
        assert_eq!(
            party_hint(&prepared(&nothing_said, "Naturalization cert.jpg"), 0),
            Some(PartyHint::NaturalizationCertificate)
        );
        assert_eq!(party_hint(&prepared(quoted, "my signature.png"), 0), None);
        // The party forwarding their own earlier message: its words are theirs.
        let forwarded = "FYI\r\n\r\n________________________________\r\nFrom: Sanne Muller <a@mail.example>\r\nSent: Monday\r\nSubject: Access\r\n\r\nI am Sanne Muller, user ID smuller.\r\nCT license attached\r\n";
        assert_eq!(party_hint(&prepared(forwarded, "IMG_1599.jpg"), 0), Some(PartyHint::DriverLicense));
    }
}
