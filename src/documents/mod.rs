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

    /// The `image` crate's decoder for a raster format; `None` for HEIC and PDF.
    pub fn image_format(self) -> Option<image::ImageFormat> {
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

/// Why a file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", content = "detail", rename_all = "snake_case")]
pub enum DocumentProblem {
    /// Larger than `screening.max_attachment_bytes`; not inspected further.
    Oversized { bytes: u64, limit: u64 },
    /// Not an image or PDF, damaged, or declaring absurd dimensions.
    Unsupported(String),
}

/// One attached file as its bytes show it, before anything is read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub filename: Option<String>,
    pub declared_type: String,
    pub format: Option<FileFormat>,
    pub bytes: u64,
    pub problem: Option<DocumentProblem>,
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
pub fn inspect(attachment: &Attachment, limits: DocumentLimits) -> Inspection {
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
    Inspection {
        filename: attachment.filename.clone(),
        declared_type: attachment.declared_type.clone(),
        format,
        bytes,
        problem,
    }
}

/// Reads only the image header: a file that cannot state sane dimensions is refused
/// before any pixel is decoded.
fn header_problem(format: FileFormat, bytes: &[u8], limits: DocumentLimits) -> Option<DocumentProblem> {
    let image_format = format.image_format()?;
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image_format);
    match reader.into_dimensions() {
        Ok((w, h)) => check_picture_size(w.into(), h.into(), limits.max_image_side, limits.max_pixels)
            .err()
            .map(|refused| DocumentProblem::Unsupported(refused.to_string())),
        Err(e) => Some(DocumentProblem::Unsupported(format!("the image cannot be read: {e}"))),
    }
}

/// Why a picture's size refuses it, whether its header declares it or its decoder finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PictureSizeError {
    #[error("the image has no pixels")]
    Empty,
    /// `width` and `height` are 0 when a decoder refused the size itself.
    #[error("{}", too_large(*width, *height))]
    TooLarge { width: u64, height: u64 },
}

fn too_large(width: u64, height: u64) -> String {
    if width == 0 || height == 0 {
        "the image declares more pixels than any photo of an ID".into()
    } else {
        format!("the image declares {width}×{height} pixels, more than any photo of an ID")
    }
}

/// The one size check: no side over `max_side` pixels, no more than `max_pixels` in all.
pub fn check_picture_size(width: u64, height: u64, max_side: u32, max_pixels: u64) -> Result<(), PictureSizeError> {
    if width == 0 || height == 0 {
        return Err(PictureSizeError::Empty);
    }
    if width > u64::from(max_side) || height > u64::from(max_side) || width * height > max_pixels {
        return Err(PictureSizeError::TooLarge { width, height });
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
