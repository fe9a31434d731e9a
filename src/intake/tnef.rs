//! Outlook's `winmail.dat` (TNEF, MS-OXTNEF): the files packed inside it replace it.
//!
//! Outlook sometimes sends its own encoding of a message as one `application/ms-tnef`
//! part (also `application/vnd.ms-tnef`, or `application/octet-stream` named
//! `winmail.dat`) with the real attachments inside. A part is recognised by its bytes
//! (the TNEF signature), whatever its name or declared type, and each attached file in
//! it becomes an ordinary [`Attachment`]. A file that cannot be read (bad checksum,
//! truncated attribute) or that holds no files is left as it is, and is reported as an
//! unsupported attachment like any other file accessd cannot read.
//!
//! The `tnef` crate (0.1.1) was looked at and not used: it fails on any attribute it
//! does not know, drops attachments without creation and modification dates, and does
//! not read the MAPI properties that hold the long file name. This parser reads only
//! what it needs; every length is checked against the bytes left, and what it returns
//! are copies of slices of its input, so it never holds more than the file's own size.

use super::{Attachment, PartBudget};

/// `0x223E9F78`, little-endian, at offset 0.
const SIGNATURE: [u8; 4] = [0x78, 0x9f, 0x3e, 0x22];
/// Attribute levels.
const LEVEL_MESSAGE: u8 = 0x01;
const LEVEL_ATTACHMENT: u8 = 0x02;
/// Attribute identifiers (the low 16 bits; the high 16 bits name the data type).
const ATT_OEM_CODEPAGE: u16 = 0x9007;
const ATT_ATTACH_REND_DATA: u16 = 0x9002;
const ATT_ATTACH_TITLE: u16 = 0x8010;
const ATT_ATTACH_DATA: u16 = 0x800f;
const ATT_ATTACHMENT: u16 = 0x9005;
/// MAPI properties of an attachment (in `attAttachment`).
const PR_ATTACH_DATA: u16 = 0x3701;
const PR_ATTACH_LONG_FILENAME: u16 = 0x3707;
const PR_ATTACH_MIME_TAG: u16 = 0x370e;
/// MAPI property types.
const PT_STRING8: u16 = 0x001e;
const PT_UNICODE: u16 = 0x001f;
const PT_BINARY: u16 = 0x0102;
const PT_OBJECT: u16 = 0x000d;
const MV_FLAG: u16 = 0x1000;

/// Why a TNEF file could not be read; logged, never shown (the file stays as it is).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum TnefError {
    #[error("the TNEF stream ends inside an attribute at offset {0}")]
    Truncated(usize),
    #[error("the TNEF attribute at offset {0} has a wrong checksum")]
    Checksum(usize),
    #[error("the TNEF attribute at offset {offset} has an unknown level {level}")]
    Level { offset: usize, level: u8 },
}

/// Whether `bytes` start with the TNEF signature.
pub(super) fn is_tnef(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// `attachment` as the files it carries when it is a TNEF (winmail.dat) container, in
/// order; otherwise, or when it cannot be read or holds no file, `attachment` itself.
///
/// The files replace the container, so the first takes the part the container took
/// from `budget` and each further one takes one more; those beyond `max_parts` are
/// counted as skipped.
pub(super) fn unpack(attachment: Attachment, budget: &mut PartBudget) -> Vec<Attachment> {
    if !is_tnef(&attachment.bytes) {
        return vec![attachment];
    }
    let files = match files(&attachment.bytes) {
        Ok(files) if !files.is_empty() => files,
        Ok(_) => {
            tracing::debug!("winmail.dat (TNEF) holds no file; kept as it is");
            return vec![attachment];
        }
        Err(e) => {
            tracing::debug!(error = %e, "winmail.dat (TNEF) could not be read; kept as it is");
            return vec![attachment];
        }
    };
    let mut out = Vec::new();
    for (i, file) in files.into_iter().enumerate() {
        if i > 0 {
            if budget.left == 0 {
                budget.skipped += 1;
                continue;
            }
            budget.left -= 1;
        }
        out.push(file.into_attachment(attachment.damaged));
    }
    out
}

/// One TNEF attribute: its level, identifier (low 16 bits) and data.
struct Attribute<'a> {
    level: u8,
    id: u16,
    data: &'a [u8],
}

/// The attributes after the signature and the legacy key, checksums verified.
fn attributes(bytes: &[u8]) -> Result<Vec<Attribute<'_>>, TnefError> {
    let mut out = Vec::new();
    let mut at = SIGNATURE.len() + 2;
    if bytes.len() < at {
        return Err(TnefError::Truncated(bytes.len()));
    }
    while at < bytes.len() {
        let start = at;
        let head = bytes.get(at..at + 9).ok_or(TnefError::Truncated(start))?;
        let level = head[0];
        if level != LEVEL_MESSAGE && level != LEVEL_ATTACHMENT {
            return Err(TnefError::Level { offset: start, level });
        }
        let id = u16::from_le_bytes([head[1], head[2]]);
        let len = u32::from_le_bytes([head[5], head[6], head[7], head[8]]) as usize;
        at += 9;
        let end = at.checked_add(len).filter(|end| end + 2 <= bytes.len()).ok_or(TnefError::Truncated(start))?;
        let data = &bytes[at..end];
        let checksum = u16::from_le_bytes([bytes[end], bytes[end + 1]]);
        if checksum != data.iter().fold(0u16, |sum, b| sum.wrapping_add(u16::from(*b))) {
            return Err(TnefError::Checksum(start));
        }
        out.push(Attribute { level, id, data });
        at = end + 2;
    }
    Ok(out)
}

/// One attached file as the TNEF stream describes it.
#[derive(Default)]
struct Packed<'a> {
    title: Option<String>,
    long_filename: Option<String>,
    mime_tag: Option<String>,
    data: Option<&'a [u8]>,
    /// An embedded OLE object rather than a file.
    ole: bool,
}

/// The files in a TNEF stream, in order. OLE objects and entries without data are left
/// out.
fn files(bytes: &[u8]) -> Result<Vec<Packed<'_>>, TnefError> {
    let mut code_page = 1252;
    let mut packed: Vec<Packed<'_>> = Vec::new();
    for attr in attributes(bytes)? {
        if attr.level == LEVEL_MESSAGE {
            if attr.id == ATT_OEM_CODEPAGE && attr.data.len() >= 4 {
                code_page = u32::from_le_bytes([attr.data[0], attr.data[1], attr.data[2], attr.data[3]]);
            }
            continue;
        }
        // attAttachRendData opens each attachment.
        if attr.id == ATT_ATTACH_REND_DATA || packed.is_empty() {
            packed.push(Packed::default());
        }
        let current = packed.last_mut().expect("pushed above");
        match attr.id {
            ATT_ATTACH_REND_DATA => current.ole = attr.data.get(..2) == Some(&[2, 0]),
            ATT_ATTACH_TITLE => current.title = Some(decode_string8(attr.data, code_page)),
            ATT_ATTACH_DATA => current.data = Some(attr.data),
            ATT_ATTACHMENT => read_properties(attr.data, code_page, current),
            _ => {}
        }
    }
    Ok(packed.into_iter().filter(|p| !p.ole && p.data.is_some_and(|d| !d.is_empty())).collect())
}

/// Takes the long file name, the MIME type and (when attAttachData is missing) the data
/// from the MAPI properties of `attAttachment`. Stops quietly at the first property it
/// cannot size: what was read before it is kept.
fn read_properties<'a>(data: &'a [u8], code_page: u32, packed: &mut Packed<'a>) {
    let mut cursor = Cursor { data, at: 0 };
    let Some(count) = cursor.u32() else { return };
    for _ in 0..count {
        let Some((id, value)) = read_property(&mut cursor) else { return };
        match (id, value) {
            (PR_ATTACH_LONG_FILENAME, Value::String8(s)) => packed.long_filename = Some(decode_string8(s, code_page)),
            (PR_ATTACH_LONG_FILENAME, Value::Unicode(s)) => packed.long_filename = Some(decode_unicode(s)),
            (PR_ATTACH_MIME_TAG, Value::String8(s)) => packed.mime_tag = Some(decode_string8(s, code_page)),
            (PR_ATTACH_MIME_TAG, Value::Unicode(s)) => packed.mime_tag = Some(decode_unicode(s)),
            (PR_ATTACH_DATA, Value::Binary(b)) if packed.data.is_none() => packed.data = Some(b),
            _ => {}
        }
    }
}

/// A property value this module reads; anything else is skipped.
enum Value<'a> {
    String8(&'a [u8]),
    Unicode(&'a [u8]),
    Binary(&'a [u8]),
    Other,
}

/// One MAPI property: its identifier and value. `None` when it runs past the data or
/// has a type whose size is unknown.
fn read_property<'a>(cursor: &mut Cursor<'a>) -> Option<(u16, Value<'a>)> {
    let tag = cursor.u32()?;
    let (kind, id) = ((tag & 0xffff) as u16, (tag >> 16) as u16);
    if id >= 0x8000 {
        // A named property: GUID, then a number or a padded UTF-16 name.
        cursor.take(16)?;
        if cursor.u32()? == 0 {
            cursor.u32()?;
        } else {
            let len = cursor.u32()? as usize;
            cursor.take_padded(len)?;
        }
    }
    let base = kind & !MV_FLAG;
    let variable = matches!(base, PT_STRING8 | PT_UNICODE | PT_BINARY | PT_OBJECT);
    let values = if kind & MV_FLAG != 0 || variable { cursor.u32()? as usize } else { 1 };
    let mut first = None;
    for _ in 0..values {
        let bytes = if variable {
            let len = cursor.u32()? as usize;
            cursor.take_padded(len)?
        } else {
            cursor.take(fixed_size(base)?)?
        };
        first.get_or_insert(bytes);
    }
    let value = match (base, first) {
        _ if kind & MV_FLAG != 0 => Value::Other,
        (PT_STRING8, Some(b)) => Value::String8(b),
        (PT_UNICODE, Some(b)) => Value::Unicode(b),
        (PT_BINARY, Some(b)) => Value::Binary(b),
        _ => Value::Other,
    };
    Some((id, value))
}

/// Bytes of one value of a fixed-size MAPI type (16-bit values are padded to 4).
fn fixed_size(kind: u16) -> Option<usize> {
    Some(match kind {
        0x0001..=0x0004 | 0x000a | 0x000b => 4,
        0x0005..=0x0007 | 0x0014 | 0x0040 => 8,
        0x0048 => 16,
        _ => return None,
    })
}

/// Reads little-endian values out of a slice, never past its end.
struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let bytes = self.data.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(bytes)
    }

    /// `len` bytes, then the padding to the next multiple of 4.
    fn take_padded(&mut self, len: usize) -> Option<&'a [u8]> {
        let bytes = self.take(len)?;
        self.take((4 - len % 4) % 4)?;
        Some(bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// An 8-bit string in the stream's code page, NUL-terminated.
fn decode_string8(bytes: &[u8], code_page: u32) -> String {
    let bytes = bytes.split(|b| *b == 0).next().unwrap_or_default();
    let encoding = match code_page {
        65001 => encoding_rs::UTF_8,
        932 => encoding_rs::SHIFT_JIS,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        874 | 1250..=1258 => encoding_rs::Encoding::for_label(format!("windows-{code_page}").as_bytes())
            .unwrap_or(encoding_rs::WINDOWS_1252),
        _ => encoding_rs::WINDOWS_1252,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// A UTF-16LE string, NUL-terminated.
fn decode_unicode(bytes: &[u8]) -> String {
    let units: Vec<u16> =
        bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|u| *u != 0).collect();
    String::from_utf16_lossy(&units)
}

impl Packed<'_> {
    fn into_attachment(self, damaged: bool) -> Attachment {
        let bytes = self.data.unwrap_or_default().to_vec();
        let filename = [self.long_filename, self.title].into_iter().flatten().find_map(|name| file_name(&name));
        let declared_type = self
            .mime_tag
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| t.contains('/'))
            .or_else(|| filename.as_deref().and_then(type_from_extension).map(str::to_string))
            .or_else(|| infer::get(&bytes).map(|k| k.mime_type().to_string()))
            .unwrap_or_else(|| "application/octet-stream".to_string());
        Attachment { filename, declared_type, content_id: None, inline: false, bytes, damaged }
    }
}

/// The last component of a path, trimmed; `None` when nothing is left.
fn file_name(name: &str) -> Option<String> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The usual MIME type for a file name's extension.
fn type_from_extension(name: &str) -> Option<&'static str> {
    let (_, ext) = name.rsplit_once('.')?;
    Some(match ext.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" | "jpe" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "tif" | "tiff" => "image/tiff",
        "bmp" => "image/bmp",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "htm" | "html" => "text/html",
        "rtf" => "application/rtf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "eml" => "message/rfc822",
        "zip" => "application/zip",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::{parse, IntakeLimits};

    const LIMITS: IntakeLimits = IntakeLimits { max_message_bytes: 10_000_000, max_parts: 50 };
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

    /// One TNEF attribute: level, identifier, length, data and the 16-bit checksum.
    fn attribute(level: u8, id: u32, data: &[u8]) -> Vec<u8> {
        let mut out = vec![level];
        out.extend(id.to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out.extend(data);
        out.extend(data.iter().fold(0u16, |sum, b| sum.wrapping_add(u16::from(*b))).to_le_bytes());
        out
    }

    /// A winmail.dat as Outlook writes it: signature, key, version and code page, then
    /// per file attAttachRendData, attAttachTitle (8.3 name), attAttachData and, when
    /// given, attAttachment with PR_ATTACH_LONG_FILENAME in UTF-16.
    fn tnef(files: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut out = 0x223e_9f78u32.to_le_bytes().to_vec();
        out.extend(0x0001u16.to_le_bytes());
        out.extend(attribute(LEVEL_MESSAGE, 0x0008_9006, &[0, 0, 1, 0]));
        out.extend(attribute(LEVEL_MESSAGE, 0x0006_9007, &[0xe4, 0x04, 0, 0, 0, 0, 0, 0]));
        out.extend(attribute(LEVEL_MESSAGE, 0x0007_8008, b"IPM.Microsoft Mail.Note\0"));
        for (title, long_name, data) in files {
            let rend = [1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];
            out.extend(attribute(LEVEL_ATTACHMENT, 0x0006_9002, &rend));
            out.extend(attribute(LEVEL_ATTACHMENT, 0x0001_8010, format!("{title}\0").as_bytes()));
            out.extend(attribute(LEVEL_ATTACHMENT, 0x0006_800f, data));
            if let Some(long_name) = long_name {
                out.extend(attribute(LEVEL_ATTACHMENT, 0x0006_9005, &long_filename_props(long_name)));
            }
        }
        out
    }

    /// MAPI properties: a PT_LONG (skipped) then PR_ATTACH_LONG_FILENAME (PT_UNICODE).
    fn long_filename_props(name: &str) -> Vec<u8> {
        let mut props = 2u32.to_le_bytes().to_vec();
        props.extend(0x0e21_0003u32.to_le_bytes());
        props.extend(7u32.to_le_bytes());
        props.extend(0x3707_001fu32.to_le_bytes());
        let utf16: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
        props.extend(1u32.to_le_bytes());
        props.extend((utf16.len() as u32).to_le_bytes());
        props.extend(&utf16);
        props.resize(props.len() + (4 - utf16.len() % 4) % 4, 0);
        props
    }

    fn b64(bytes: &[u8]) -> String {
        const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..4 {
                out.push(if i <= chunk.len() { T[((n >> (18 - 6 * i)) & 63) as usize] as char } else { '=' });
            }
        }
        out.as_bytes().chunks(76).map(|l| format!("{}\r\n", std::str::from_utf8(l).unwrap())).collect()
    }

    /// A part holding `bytes` as a base64 attachment.
    fn part(content_type: &str, name: &str, bytes: &[u8]) -> String {
        format!(
            "Content-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}",
            b64(bytes)
        )
    }

    fn message(parts: &[String]) -> String {
        let mut raw =
            String::from("From: a@b.example\r\nSubject: request\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n");
        raw.push_str("--B\r\nContent-Type: text/plain\r\n\r\nName: Dana Whitlock\r\n");
        for p in parts {
            raw.push_str(&format!("--B\r\n{p}"));
        }
        raw.push_str("--B--\r\n");
        raw
    }

    fn names(m: &crate::intake::IncomingMessage) -> Vec<Option<&str>> {
        m.attachments.iter().map(|a| a.filename.as_deref()).collect()
    }

    #[test]
    fn winmail_dat_is_replaced_by_the_files_inside_it() {
        let dat = tnef(&[("DLSCAN~1.PNG", Some("DL scan.png"), PNG), ("letter.pdf", None, PDF)]);
        // Recognised by its bytes, whatever type it is declared as.
        for declared in ["application/ms-tnef", "application/vnd.ms-tnef", "application/octet-stream"] {
            let m = parse(message(&[part(declared, "winmail.dat", &dat)]).as_bytes(), LIMITS).unwrap();
            assert_eq!(names(&m), vec![Some("DL scan.png"), Some("letter.pdf")], "{declared}");
            assert_eq!(m.attachments[0].bytes, PNG);
            assert_eq!(m.attachments[0].declared_type, "image/png");
            assert_eq!(m.attachments[1].bytes, PDF);
            assert_eq!(m.attachments[1].declared_type, "application/pdf");
            assert!(m.attachments.iter().all(|a| !a.inline && !a.damaged && a.content_id.is_none()));
        }
        let m = parse(message(&[part("application/octet-stream", "noname.bin", &dat)]).as_bytes(), LIMITS).unwrap();
        assert_eq!(names(&m), vec![Some("DL scan.png"), Some("letter.pdf")]);
    }

    #[test]
    fn a_minimal_stream_without_version_or_code_page_is_read() {
        let mut dat = 0x223e_9f78u32.to_le_bytes().to_vec();
        dat.extend([0, 0]);
        dat.extend(attribute(LEVEL_ATTACHMENT, 0x0006_9002, &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        dat.extend(attribute(LEVEL_ATTACHMENT, 0x0001_8010, b"ID.png\0"));
        dat.extend(attribute(LEVEL_ATTACHMENT, 0x0006_800f, PNG));
        let m = parse(message(&[part("application/ms-tnef", "winmail.dat", &dat)]).as_bytes(), LIMITS).unwrap();
        assert_eq!(names(&m), vec![Some("ID.png")]);
        assert_eq!(m.attachments[0].bytes, PNG);
    }

    #[test]
    fn corrupt_or_empty_tnef_stays_one_attachment() {
        let good = tnef(&[("ID.png", None, PNG)]);
        let mut bad_checksum = good.clone();
        let last = bad_checksum.len() - 1;
        bad_checksum[last] ^= 0xff;
        let truncated = good[..good.len() - 10].to_vec();
        let no_files = tnef(&[]);
        for (what, dat) in [("checksum", bad_checksum), ("truncated", truncated), ("no files", no_files)] {
            let m = parse(message(&[part("application/ms-tnef", "winmail.dat", &dat)]).as_bytes(), LIMITS).unwrap();
            assert_eq!(names(&m), vec![Some("winmail.dat")], "{what}");
            assert_eq!(m.attachments[0].bytes, dat, "{what}");
            assert_eq!(m.attachments[0].declared_type, "application/ms-tnef");
        }
    }

    #[test]
    fn tnef_inside_a_forwarded_message_is_unpacked_too() {
        let dat = tnef(&[("ID.png", None, PNG), ("letter.pdf", None, PDF)]);
        let forwarded = format!(
            "Content-Type: message/rfc822\r\n\r\nFrom: Dana <dana@gmail.example>\r\nSubject: my request\r\n\
             Content-Type: multipart/mixed; boundary=IN\r\n\r\n--IN\r\nContent-Type: text/plain\r\n\r\nhello\r\n\
             --IN\r\n{}--IN--\r\n",
            part("application/ms-tnef", "winmail.dat", &dat)
        );
        let m = parse(message(&[forwarded]).as_bytes(), LIMITS).unwrap();
        assert_eq!(m.forwarded.len(), 1);
        assert_eq!(names(&m), vec![Some("ID.png"), Some("letter.pdf")]);
        assert_eq!(m.attachments[1].bytes, PDF);
    }

    #[test]
    fn unpacked_files_count_against_max_parts() {
        let dat = tnef(&[("a.png", None, PNG), ("b.png", None, PNG), ("c.pdf", None, PDF)]);
        let raw = message(&[
            part("application/octet-stream", "x.bin", PNG),
            part("application/ms-tnef", "winmail.dat", &dat),
        ]);
        let m = parse(raw.as_bytes(), IntakeLimits { max_message_bytes: 10_000_000, max_parts: 3 }).unwrap();
        assert_eq!(names(&m), vec![Some("x.bin"), Some("a.png"), Some("b.png")]);
        assert_eq!(m.parts_skipped, 1);
    }

    #[test]
    fn ole_objects_and_unknown_property_types_are_skipped_safely() {
        let mut dat = tnef(&[("ID.png", None, PNG)]);
        dat.extend(attribute(LEVEL_ATTACHMENT, 0x0006_9002, &[2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        dat.extend(attribute(LEVEL_ATTACHMENT, 0x0006_800f, b"OLE stream"));
        // A property of an unknown type ends the property list without harm.
        let mut props = 2u32.to_le_bytes().to_vec();
        props.extend(0x1234_0099u32.to_le_bytes());
        props.extend([0xff; 3]);
        dat.extend(attribute(LEVEL_ATTACHMENT, 0x0006_9005, &props));
        let files = files(&dat).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].title.as_deref(), Some("ID.png"));
    }

    #[test]
    fn titles_in_the_stream_code_page_and_paths_are_cleaned() {
        assert_eq!(decode_string8(b"Zo\xeb.png\0junk", 1252), "Zoë.png");
        assert_eq!(file_name("C:\\Users\\dana\\ID.png"), Some("ID.png".to_string()));
        assert_eq!(file_name("  "), None);
        assert_eq!(type_from_extension("scan.JPG"), Some("image/jpeg"));
        assert_eq!(type_from_extension("README"), None);
    }
}
