//! Documents: every file the party attached, told apart by its bytes (never by its
//! name or declared type), checked for size and sanity, and described for screening.

pub mod letter;

use serde::Serialize;

use crate::intake::Attachment;

/// File formats accessd can read an ID from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Jpeg,
    Png,
    Gif,
    Webp,
    Tiff,
    Bmp,
    Heic,
    Pdf,
}

impl FileFormat {
    /// Identifies a file by its magic bytes.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        let kind = infer::get(bytes)?;
        Some(match kind.mime_type() {
            "image/jpeg" => FileFormat::Jpeg,
            "image/png" => FileFormat::Png,
            "image/gif" => FileFormat::Gif,
            "image/webp" => FileFormat::Webp,
            "image/tiff" => FileFormat::Tiff,
            "image/bmp" => FileFormat::Bmp,
            "image/heif" | "image/heic" | "image/heif-sequence" | "image/heic-sequence" => FileFormat::Heic,
            "application/pdf" => FileFormat::Pdf,
            _ => return None,
        })
    }

    fn image_format(self) -> Option<image::ImageFormat> {
        Some(match self {
            FileFormat::Jpeg => image::ImageFormat::Jpeg,
            FileFormat::Png => image::ImageFormat::Png,
            FileFormat::Gif => image::ImageFormat::Gif,
            FileFormat::Webp => image::ImageFormat::WebP,
            FileFormat::Tiff => image::ImageFormat::Tiff,
            FileFormat::Bmp => image::ImageFormat::Bmp,
            FileFormat::Heic | FileFormat::Pdf => return None,
        })
    }
}

/// What a document is, as far as the court cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    PhotoId,
    NameChange,
    BusinessProof,
    Other,
}

/// The nine kinds of photo ID the court accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    UsPassport,
    CtDriverLicense,
    OutOfStateDriverLicense,
    GovernmentId,
    MilitaryId,
    PassportCard,
    NaturalizationCertificate,
    CitizenshipCertificate,
    PermanentResidentCard,
}

impl IdType {
    /// Certificates of naturalization and citizenship are issued for life; every other
    /// accepted ID carries an expiry date.
    pub fn expires(self) -> bool {
        !matches!(self, IdType::NaturalizationCertificate | IdType::CitizenshipCertificate)
    }
}

/// Why a file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", content = "detail", rename_all = "snake_case")]
pub enum DocumentProblem {
    /// Larger than `screening.max_attachment_bytes`; not inspected further.
    Oversized { bytes: u64, limit: u64 },
    /// Not an image or PDF, damaged, or declaring absurd dimensions.
    Unsupported(String),
}

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
    pub evidence: Option<Box<crate::identity::DocumentEvidence>>,
}

impl DocumentReport {
    /// Whether the file can be read for an ID at all.
    pub fn is_usable(&self) -> bool {
        self.problem.is_none() && self.format.is_some()
    }
}

/// Limits applied to every file.
#[derive(Debug, Clone, Copy)]
pub struct DocumentLimits {
    pub max_bytes: u64,
    pub max_image_side: u32,
    pub max_pixels: u64,
}

impl DocumentLimits {
    pub fn from_settings(s: &crate::config::Settings) -> Self {
        Self {
            max_bytes: s.screening.max_attachment_bytes,
            max_image_side: s.screening.max_image_side,
            max_pixels: s.id_reading.max_pixels,
        }
    }
}

/// Checks one file without decoding its pixels: size, format by magic bytes, and the
/// dimensions its header declares.
pub fn inspect(attachment: &Attachment, limits: DocumentLimits) -> DocumentReport {
    let bytes = attachment.bytes.len() as u64;
    let format = FileFormat::sniff(&attachment.bytes);
    let problem = if bytes > limits.max_bytes {
        Some(DocumentProblem::Oversized { bytes, limit: limits.max_bytes })
    } else if attachment.damaged {
        Some(DocumentProblem::Unsupported("the attachment's transfer encoding is damaged".into()))
    } else {
        match format {
            None => Some(DocumentProblem::Unsupported(format!(
                "not an image or PDF (declared as {})",
                attachment.declared_type
            ))),
            Some(f) => header_problem(f, &attachment.bytes, limits),
        }
    };
    DocumentReport {
        filename: attachment.filename.clone(),
        declared_type: attachment.declared_type.clone(),
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

/// Reads only the image header: a file that cannot state sane dimensions is refused
/// before any pixel is decoded.
fn header_problem(format: FileFormat, bytes: &[u8], limits: DocumentLimits) -> Option<DocumentProblem> {
    let max_side = limits.max_image_side;
    let image_format = format.image_format()?;
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image_format);
    // Worded as the ID reader's decoder words the same refusals.
    use crate::identity::decode::DecodeError;
    match reader.into_dimensions() {
        Ok((w, h)) if w == 0 || h == 0 => Some(DocumentProblem::Unsupported(DecodeError::Empty.to_string())),
        Ok((w, h)) if w > max_side || h > max_side || u64::from(w) * u64::from(h) > limits.max_pixels => {
            let refused = DecodeError::TooLarge { width: w.into(), height: h.into() };
            Some(DocumentProblem::Unsupported(refused.to_string()))
        }
        Ok(_) => None,
        Err(e) => Some(DocumentProblem::Unsupported(format!("the image cannot be read: {e}"))),
    }
}

#[cfg(test)]
pub(crate) mod tests;
