//! The text of an attached letter: parties sometimes write their request in a file
//! (a Word or OpenDocument letter, an RTF or plain-text file, a PDF) instead of the
//! body of the e-mail. [`text`] reads the text out of such a file, and nothing else.
//!
//! Formats are told apart by their bytes: a ZIP archive holding `word/document.xml`
//! (.docx) or an OpenDocument text (`mimetype` and `content.xml`, .odt), `{\rtf`, and
//! `%PDF-`. Only plain text has no signature, so the file name (`.txt`) is the hint
//! for it. PDFs give their text layer only: a scanned letter has none, and reading
//! pictures is the ID reader's work, not this module's.
//!
//! Everything is bounded, because any party can send any file: an archive may list so
//! many files, each entry may unpack to so many bytes (a zip bomb is refused unread,
//! whatever size it declares), RTF groups may nest so deep, PDF streams are capped as
//! the ID reader caps them, and the text returned is cut at [`LetterLimits::max_text_bytes`].

use std::fmt;
use std::io::{Cursor, Read};

use encoding_rs::Encoding;
use quick_xml::events::{BytesStart, Event};

/// Caps on what reading one letter may take.
#[derive(Debug, Clone, Copy)]
pub struct LetterLimits {
    /// Bytes one archive entry (`word/document.xml`, `content.xml`) or one PDF page's
    /// content may unpack to.
    pub max_entry_bytes: u64,
    /// Bytes of text returned; longer text is cut at a character boundary.
    pub max_text_bytes: usize,
    /// Files a .docx or .odt archive may list.
    pub max_zip_entries: u64,
    /// PDF pages whose text is read.
    pub max_pdf_pages: usize,
}

impl Default for LetterLimits {
    fn default() -> Self {
        Self { max_entry_bytes: 4 * 1024 * 1024, max_text_bytes: 200_000, max_zip_entries: 5_000, max_pdf_pages: 10 }
    }
}

/// The kinds of file whose text can fail to be read (plain text cannot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFormat {
    /// A ZIP archive not yet known to be a .docx or an .odt.
    Archive,
    Docx,
    Odt,
    Rtf,
    Pdf,
}

impl fmt::Display for LetterFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LetterFormat::Archive => "ZIP archive",
            LetterFormat::Docx => "Word document (.docx)",
            LetterFormat::Odt => "OpenDocument text (.odt)",
            LetterFormat::Rtf => "RTF document",
            LetterFormat::Pdf => "PDF",
        })
    }
}

/// Why the text of a letter could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    #[error("the {0} is password-protected; its text cannot be read without the password")]
    Encrypted(LetterFormat),
    #[error("the {format} is damaged: {detail}")]
    Damaged { format: LetterFormat, detail: String },
    #[error("the {format}'s {part} unpacks to more than {limit} bytes; it was refused unread")]
    TooLarge { format: LetterFormat, part: String, limit: u64 },
    #[error("the {format} lists {count} files, more than the {limit} a letter may hold; it was refused unread")]
    TooManyFiles { format: LetterFormat, count: u64, limit: u64 },
}

impl LetterError {
    fn damaged(format: LetterFormat, detail: impl fmt::Display) -> Self {
        LetterError::Damaged { format, detail: detail.to_string() }
    }
}

/// The text of an attached letter, when the file is one accessd can read text from.
///
/// `Ok(None)`: not a letter format (an image, a ZIP that is neither .docx nor .odt, a
/// legacy .doc), or a letter with no text (a scanned PDF, an empty file). `Err`: a
/// letter format that cannot be read, with what was wrong.
pub fn text(bytes: &[u8], filename: Option<&str>, limits: LetterLimits) -> Result<Option<String>, LetterError> {
    let text = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        archive_text(bytes, limits)?
    } else if bytes.starts_with(b"{\\rtf") {
        Some(rtf_text(bytes, limits)?)
    } else if bytes.starts_with(b"%PDF-") {
        pdf_text(bytes, limits)?
    } else if bytes.starts_with(CFB_MAGIC) {
        return compound_file(bytes);
    } else if filename.is_some_and(|n| n.trim().to_ascii_lowercase().ends_with(".txt")) {
        plain_text(bytes, limits)
    } else {
        None
    };
    Ok(text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
}

/// Text that stops growing at `limit` bytes, cut at a character boundary.
struct Capped {
    text: String,
    limit: usize,
}

impl Capped {
    fn new(limit: usize) -> Self {
        Self { text: String::new(), limit }
    }

    fn full(&self) -> bool {
        self.text.len() >= self.limit
    }

    fn push(&mut self, s: &str) {
        let room = self.limit.saturating_sub(self.text.len());
        if s.len() <= room {
            self.text.push_str(s);
        } else {
            let cut = (0..=room).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
            self.text.push_str(&s[..cut]);
            // Nothing fits any more, even a character shorter than the one cut.
            self.limit = self.text.len();
        }
    }
}

// ---------------------------------------------------------------------------------
// .docx and .odt

/// A .docx or .odt archive's text; `None` for any other ZIP archive.
fn archive_text(bytes: &[u8], limits: LetterLimits) -> Result<Option<String>, LetterError> {
    let format = LetterFormat::Archive;
    if let Some(count) = zip_entry_count(bytes).filter(|c| *c > limits.max_zip_entries) {
        return Err(LetterError::TooManyFiles { format, count, limit: limits.max_zip_entries });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| LetterError::damaged(format, e))?;
    if archive.len() as u64 > limits.max_zip_entries {
        let count = archive.len() as u64;
        return Err(LetterError::TooManyFiles { format, count, limit: limits.max_zip_entries });
    }
    if archive.index_for_name("word/document.xml").is_some() {
        let xml = read_entry(&mut archive, "word/document.xml", LetterFormat::Docx, limits.max_entry_bytes)?;
        return xml_text(&xml, Markup::Word, limits).map(Some);
    }
    let mimetype = match archive.index_for_name("mimetype") {
        Some(_) => read_entry(&mut archive, "mimetype", LetterFormat::Odt, 256)?,
        None => return Ok(None),
    };
    if !mimetype.trim_ascii().starts_with(b"application/vnd.oasis.opendocument.text") {
        return Ok(None);
    }
    if archive.index_for_name("META-INF/manifest.xml").is_some() {
        let manifest = read_entry(&mut archive, "META-INF/manifest.xml", LetterFormat::Odt, limits.max_entry_bytes)?;
        if manifest.windows(15).any(|w| w == b"encryption-data") {
            return Err(LetterError::Encrypted(LetterFormat::Odt));
        }
    }
    if archive.index_for_name("content.xml").is_none() {
        return Err(LetterError::damaged(LetterFormat::Odt, "it has no content.xml"));
    }
    let xml = read_entry(&mut archive, "content.xml", LetterFormat::Odt, limits.max_entry_bytes)?;
    xml_text(&xml, Markup::OpenDocument, limits).map(Some)
}

/// The number of files the archive's last end-of-central-directory record (or its
/// ZIP64 record) declares, read before the ZIP reader allocates one record per file.
fn zip_entry_count(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(22 + 0xffff);
    let eocd = tail_start + bytes[tail_start..].windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = u16::from_le_bytes(bytes.get(eocd + 10..eocd + 12)?.try_into().ok()?);
    if count != 0xffff {
        return Some(u64::from(count));
    }
    // ZIP64: the locator just before the record points at the ZIP64 record.
    let locator = bytes.get(eocd.checked_sub(20)?..eocd)?;
    if !locator.starts_with(b"PK\x06\x07") {
        return Some(u64::from(count));
    }
    let at = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record = bytes.get(at..at.checked_add(40)?)?;
    if !record.starts_with(b"PK\x06\x06") {
        return Some(u64::from(count));
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

/// One archive entry, unpacked up to `limit` bytes and no further, whatever size it
/// declares.
fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    format: LetterFormat,
    limit: u64,
) -> Result<Vec<u8>, LetterError> {
    let too_large = || LetterError::TooLarge { format, part: name.to_string(), limit };
    let index =
        archive.index_for_name(name).ok_or_else(|| LetterError::damaged(format, format!("{name} is missing")))?;
    {
        let raw = archive.by_index_raw(index).map_err(|e| LetterError::damaged(format, e))?;
        if raw.encrypted() {
            return Err(LetterError::Encrypted(format));
        }
        if raw.size() > limit {
            return Err(too_large());
        }
    }
    let entry = archive.by_index(index).map_err(|e| LetterError::damaged(format, format!("{name}: {e}")))?;
    let mut out = Vec::new();
    entry.take(limit + 1).read_to_end(&mut out).map_err(|e| LetterError::damaged(format, format!("{name}: {e}")))?;
    if out.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(out)
}

/// The XML vocabularies read: WordprocessingML and OpenDocument text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Word,
    OpenDocument,
}

impl Markup {
    fn format(self) -> LetterFormat {
        match self {
            Markup::Word => LetterFormat::Docx,
            Markup::OpenDocument => LetterFormat::Odt,
        }
    }

    /// Elements whose character data is the document's text (`w:t`; `text:p`, `text:h`).
    fn holds_text(self, name: &str) -> bool {
        match self {
            Markup::Word => name == "t",
            Markup::OpenDocument => name == "p" || name == "h",
        }
    }

    /// Elements whose end ends a line.
    fn is_paragraph(self, name: &str) -> bool {
        name == "p" || (self == Markup::OpenDocument && name == "h")
    }

    /// Elements whose content is not the letter's text: tab-stop definitions and the
    /// fallback copy of text boxes (Word); comments and tracked deletions (ODF).
    fn is_skipped(self, name: &str) -> bool {
        match self {
            Markup::Word => matches!(name, "tabs" | "Fallback"),
            Markup::OpenDocument => matches!(name, "annotation" | "tracked-changes"),
        }
    }

    /// Elements that stand for characters: tabs, line breaks, runs of spaces.
    fn characters(self, name: &str, element: &BytesStart<'_>) -> Option<String> {
        Some(match (self, name) {
            (_, "tab") => "\t".to_string(),
            (Markup::Word, "br" | "cr") | (Markup::OpenDocument, "line-break") => "\n".to_string(),
            (Markup::Word, "noBreakHyphen") => "-".to_string(),
            (Markup::OpenDocument, "s") => {
                let count = element.try_get_attribute("text:c").ok().flatten().and_then(|a| a.value.parse().ok());
                " ".repeat(count.unwrap_or(1usize).min(100))
            }
            _ => return None,
        })
    }
}

/// Where the XML walk is: inside how many text-holding and skipped elements.
struct XmlWalk {
    markup: Markup,
    out: Capped,
    in_text: usize,
    skipped: usize,
}

impl XmlWalk {
    fn start(&mut self, element: &BytesStart<'_>, empty: bool) {
        let local = element.local_name();
        let name = local.as_ref();
        if self.markup.is_skipped(name) {
            self.skipped += usize::from(!empty);
        } else if self.skipped > 0 {
            // Inside a skipped element nothing counts.
        } else if let Some(chars) = self.markup.characters(name, element) {
            self.out.push(&chars);
        } else if self.markup.is_paragraph(name) && empty {
            self.out.push("\n");
        } else if self.markup.holds_text(name) && !empty {
            self.in_text += 1;
        }
    }

    fn end(&mut self, name: &str) {
        if self.markup.is_skipped(name) {
            self.skipped = self.skipped.saturating_sub(1);
        } else if self.skipped > 0 {
            return;
        }
        if self.markup.holds_text(name) {
            self.in_text = self.in_text.saturating_sub(1);
        }
        if self.markup.is_paragraph(name) {
            self.out.push("\n");
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text > 0 && self.skipped == 0 {
            self.out.push(text);
        }
    }
}

/// The text of a WordprocessingML or OpenDocument body: paragraphs as lines, runs
/// joined, tabs and line breaks kept.
fn xml_text(xml: &[u8], markup: Markup, limits: LetterLimits) -> Result<String, LetterError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut walk = XmlWalk { markup, out: Capped::new(limits.max_text_bytes), in_text: 0, skipped: 0 };
    let part = if markup == Markup::Word { "word/document.xml" } else { "content.xml" };
    while !walk.out.full() {
        let event = reader.read_event().map_err(|e| {
            LetterError::damaged(
                markup.format(),
                format!("{part} is not well-formed XML at byte {}: {e}", reader.error_position()),
            )
        })?;
        match event {
            Event::Start(e) => walk.start(&e, false),
            Event::Empty(e) => walk.start(&e, true),
            Event::End(e) => walk.end(e.local_name().as_ref()),
            Event::Text(t) => walk.text(&t.xml10_content()),
            Event::CData(t) => walk.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                walk.text(resolved.as_deref().unwrap_or_default());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(walk.out.text)
}

// ---------------------------------------------------------------------------------
// OLE compound files: legacy .doc, and password-protected .docx

const CFB_MAGIC: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// A password-protected .docx is an OLE compound file holding an `EncryptedPackage`
/// stream; any other compound file (a legacy .doc) is not read.
fn compound_file(bytes: &[u8]) -> Result<Option<String>, LetterError> {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
        return Err(LetterError::Encrypted(LetterFormat::Docx));
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------
// RTF

/// How deep RTF groups may nest; real letters stay well under 50.
const MAX_RTF_DEPTH: usize = 256;

/// RTF destinations that hold no letter text: tables of fonts, colours and styles,
/// document properties, pictures, objects, headers and footers, field instructions.
const RTF_SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "fldinst",
    "filetbl",
    "pgdsctbl",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "bkmkstart",
    "bkmkend",
    "shpinst",
    "nonshppict",
    "mmathPr",
    "wgrffmtfilter",
    "pnseclvl",
    "userprops",
    "docvar",
];

/// What an RTF group changes and its children inherit.
#[derive(Debug, Clone, Copy)]
struct RtfGroup {
    /// Inside a destination that is not text.
    skip: bool,
    /// Characters that follow each `\uN` for readers without Unicode (`\ucN`).
    uc: usize,
}

/// An RTF reader: control words are interpreted or dropped, 8-bit text and `\'hh`
/// escapes are decoded in the document's ANSI code page (`\ansicpgN`, cp1252 unless
/// stated), `\uN` escapes are Unicode.
struct Rtf<'a> {
    bytes: &'a [u8],
    at: usize,
    group: RtfGroup,
    stack: Vec<RtfGroup>,
    encoding: &'static Encoding,
    /// 8-bit text not yet decoded.
    pending: Vec<u8>,
    /// Fallback characters still to drop after a `\uN`.
    fallback: usize,
    /// The first half of a UTF-16 surrogate pair given as two `\uN`.
    high_surrogate: Option<u16>,
    out: Capped,
}

fn rtf_text(bytes: &[u8], limits: LetterLimits) -> Result<String, LetterError> {
    let mut rtf = Rtf {
        bytes,
        at: 0,
        group: RtfGroup { skip: false, uc: 1 },
        stack: Vec::new(),
        encoding: encoding_rs::WINDOWS_1252,
        pending: Vec::new(),
        fallback: 0,
        high_surrogate: None,
        out: Capped::new(limits.max_text_bytes),
    };
    rtf.run()?;
    Ok(rtf.out.text)
}

impl Rtf<'_> {
    fn run(&mut self) -> Result<(), LetterError> {
        while let Some(&b) = self.bytes.get(self.at) {
            if self.out.full() {
                break;
            }
            self.at += 1;
            match b {
                b'{' => {
                    self.flush();
                    if self.stack.len() >= MAX_RTF_DEPTH {
                        let detail = format!("its groups nest more than {MAX_RTF_DEPTH} deep");
                        return Err(LetterError::damaged(LetterFormat::Rtf, detail));
                    }
                    self.stack.push(self.group);
                    self.fallback = 0;
                }
                b'}' => {
                    self.flush();
                    // An unbalanced `}` is tolerated: what was read stays.
                    self.group = self.stack.pop().unwrap_or(self.group);
                    self.fallback = 0;
                }
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                _ => self.byte(b),
            }
        }
        self.flush();
        Ok(())
    }

    /// One 8-bit character of text, literal or from `\'hh`.
    fn byte(&mut self, b: u8) {
        if self.fallback > 0 {
            self.fallback -= 1;
        } else if !self.group.skip {
            self.pending.push(b);
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let (text, _) = self.encoding.decode_without_bom_handling(&self.pending);
            self.out.push(&text);
            self.pending.clear();
        }
    }

    fn emit(&mut self, s: &str) {
        if !self.group.skip {
            self.flush();
            self.out.push(s);
        }
    }

    /// After a backslash: a control symbol or a control word with its parameter.
    fn control(&mut self) {
        let Some(&c) = self.bytes.get(self.at) else { return };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            return self.symbol(c);
        }
        let start = self.at;
        while self.at - start < 32 && self.bytes.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
        let word = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default().to_string();
        let digits_start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        while self.at - digits_start < 11 && self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.bytes[digits_start..self.at]).ok().and_then(|s| s.parse::<i64>().ok());
        if self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.word(&word, param);
    }

    fn symbol(&mut self, c: u8) {
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.at..self.at + 2).and_then(|h| std::str::from_utf8(h).ok());
                if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    self.at += 2;
                    self.byte(b);
                }
            }
            b'\\' | b'{' | b'}' => self.byte(c),
            b'~' => self.emit("\u{a0}"),
            b'_' => self.emit("-"),
            b'*' => self.group.skip = true,
            b'\r' | b'\n' => self.emit("\n"),
            _ => {}
        }
    }

    fn word(&mut self, word: &str, param: Option<i64>) {
        match word {
            "u" => self.unicode(param.unwrap_or(0)),
            "uc" => self.group.uc = param.unwrap_or(1).clamp(0, 8) as usize,
            "ansicpg" => self.encoding = code_page(param.unwrap_or(1252)),
            // Binary data: its bytes are skipped unread.
            "bin" => {
                let skip = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                self.at = self.at.saturating_add(skip).min(self.bytes.len());
            }
            _ if RTF_SKIPPED.contains(&word) => self.group.skip = true,
            _ => {
                if let Some(text) = rtf_word_text(word) {
                    self.emit(text);
                }
            }
        }
    }

    /// `\uN`: a UTF-16 code unit as a signed 16-bit number, then `\uc` fallback
    /// characters to drop.
    fn unicode(&mut self, n: i64) {
        let unit = n.rem_euclid(65_536) as u16;
        self.fallback = self.group.uc;
        let c = match (self.high_surrogate.take(), unit) {
            (_, 0xd800..=0xdbff) => {
                self.high_surrogate = Some(unit);
                return;
            }
            (Some(high), 0xdc00..=0xdfff) => char::decode_utf16([high, unit]).next().and_then(Result::ok),
            (_, unit) => char::from_u32(u32::from(unit)),
        };
        self.emit(&c.unwrap_or('\u{fffd}').to_string());
    }
}

/// The characters RTF control words stand for.
fn rtf_word_text(word: &str) -> Option<&'static str> {
    Some(match word {
        "par" | "line" | "row" | "page" | "sect" => "\n",
        "tab" | "cell" => "\t",
        "emdash" => "\u{2014}",
        "endash" => "\u{2013}",
        "lquote" => "\u{2018}",
        "rquote" => "\u{2019}",
        "ldblquote" => "\u{201c}",
        "rdblquote" => "\u{201d}",
        "bullet" => "\u{2022}",
        "emspace" | "enspace" | "qmspace" => " ",
        _ => return None,
    })
}

/// The encoding of a Windows code page, cp1252 when it is not one encoding_rs knows.
fn code_page(n: i64) -> &'static Encoding {
    match n {
        65001 => encoding_rs::UTF_8,
        932 => encoding_rs::SHIFT_JIS,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        874 | 1250..=1258 => {
            Encoding::for_label(format!("windows-{n}").as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252)
        }
        _ => encoding_rs::WINDOWS_1252,
    }
}

// ---------------------------------------------------------------------------------
// Plain text

/// A `.txt` file: UTF-8 or UTF-16 (with a byte-order mark), else cp1252 (which
/// encoding_rs also uses for Latin-1). A file with NUL bytes is not text.
fn plain_text(bytes: &[u8], limits: LetterLimits) -> Option<String> {
    let head = &bytes[..bytes.len().min(limits.max_text_bytes)];
    let text = if let Some((encoding, bom)) = Encoding::for_bom(head) {
        encoding.decode_without_bom_handling(&head[bom..]).0
    } else if head.contains(&0) {
        return None;
    } else {
        match std::str::from_utf8(head) {
            Ok(s) => s.into(),
            // Cut inside its last character by the cap: the rest is valid.
            Err(e) if e.error_len().is_none() => String::from_utf8_lossy(&head[..e.valid_up_to()]),
            Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(head).0,
        }
    };
    let mut out = Capped::new(limits.max_text_bytes);
    out.push(&text);
    Some(out.text)
}

// ---------------------------------------------------------------------------------
// PDF

/// Bytes one PDF structure stream may unpack to while the document loads, as the ID
/// reader allows (`identity::decode`).
const PDF_STREAM_LIMIT: usize = 16 * 1024 * 1024;

/// The text layer of the first pages; `None` when there is none (a scan).
fn pdf_text(bytes: &[u8], limits: LetterLimits) -> Result<Option<String>, LetterError> {
    let format = LetterFormat::Pdf;
    let options = lopdf::LoadOptions { max_decompressed_size: Some(PDF_STREAM_LIMIT), ..Default::default() };
    let doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword) => return Err(LetterError::Encrypted(format)),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            let part = "structure stream".to_string();
            return Err(LetterError::TooLarge { format, part, limit: PDF_STREAM_LIMIT as u64 });
        }
        Err(e) => return Err(LetterError::damaged(format, e)),
    };
    let pages: Vec<u32> = doc.get_pages().into_keys().take(limits.max_pdf_pages).collect();
    let page_limit = usize::try_from(limits.max_entry_bytes).unwrap_or(usize::MAX);
    let mut out = Capped::new(limits.max_text_bytes);
    for chunk in doc.extract_text_chunks_with_limit(&pages, page_limit) {
        match chunk {
            Ok(text) => out.push(&text),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                let part = "page content".to_string();
                return Err(LetterError::TooLarge { format, part, limit: limits.max_entry_bytes });
            }
            // A font whose encoding cannot be read loses its text, not the page's.
            Err(e) => tracing::debug!(error = %e, "a PDF text chunk could not be read"),
        }
    }
    Ok(Some(out.text))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const LIMITS: LetterLimits = LetterLimits {
        max_entry_bytes: 4 * 1024 * 1024,
        max_text_bytes: 200_000,
        max_zip_entries: 5_000,
        max_pdf_pages: 10,
    };

    /// A ZIP archive of `entries`, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    const DOCUMENT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>To the Clerk &amp; staff,</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Name: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Zoë O&#8217;Brien</w:t></w:r></w:p>
<w:p><w:r><w:t>User ID:</w:t><w:tab/><w:t>zobrien7</w:t><w:br/><w:t>Docket: HHD-CV24-6187342-S</w:t></w:r></w:p>
<w:p><mc:AlternateContent><mc:Choice><w:t>box</w:t></mc:Choice><mc:Fallback><w:t>box</w:t></mc:Fallback></mc:AlternateContent></w:p>
<w:p/><w:sectPr/></w:body></w:document>"#;

    const DOCX_TEXT: &str =
        "To the Clerk & staff,\nName: Zoë O\u{2019}Brien\nUser ID:\tzobrien7\nDocket: HHD-CV24-6187342-S\nbox";

    fn docx() -> Vec<u8> {
        zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", DOCUMENT_XML.as_bytes())])
    }

    const CONTENT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:h text:outline-level="1">Request for electronic access</text:h>
<text:p>Name:<text:s text:c="2"/><text:span>Helen Marsh</text:span></text:p>
<text:p>Case:<text:tab/>Marsh v. Marsh<text:line-break/>Docket: DBD-FA24-6049921-S<office:annotation><text:p>a comment</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>"#;

    fn odt(manifest: &str) -> Vec<u8> {
        zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", CONTENT_XML.as_bytes()),
            ("META-INF/manifest.xml", manifest.as_bytes()),
        ])
    }

    const RTF: &str = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}{\colortbl;\red0\green0\blue0;}
{\*\generator Riched20 10.0;}{\info{\author Zoe}}\pard\f0\fs24 Name: Zo\'eb O\rquote Brien\par
User ID:\tab zobrien7\par
Case: O\u8217?Brien v. Soundview \{LLC\}\line Docket: HHD\_CV24\par
{\pict\pngblip 89504e47}Emoji: \u-10179?\u-8704?\par}";

    const RTF_TEXT: &str =
        "Name: Zoë O\u{2019}Brien\nUser ID:\tzobrien7\nCase: O\u{2019}Brien v. Soundview {LLC}\nDocket: HHD-CV24\nEmoji: \u{1f600}";

    /// A one-page PDF whose page draws `content` with `resources`.
    fn pdf(content: &str, resources: impl FnOnce(&mut lopdf::Document) -> lopdf::Dictionary) -> Vec<u8> {
        use lopdf::{dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let resources = resources(&mut doc);
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content_id, "Resources" => resources,
        });
        let pages = dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 };
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn text_pdf() -> Vec<u8> {
        let content = "BT /F1 12 Tf 72 700 Td 14 TL (Name: Dana Whitlock) Tj T* (Docket: HHD-CV24-6187342-S) Tj ET";
        pdf(content, |doc| {
            use lopdf::dictionary;
            let font =
                doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
            dictionary! { "Font" => dictionary! { "F1" => font } }
        })
    }

    /// A scan: the page only draws an image.
    fn image_pdf() -> Vec<u8> {
        pdf("q 612 0 0 792 0 0 cm /Im0 Do Q", |doc| {
            use lopdf::{dictionary, Stream};
            let image = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
                vec![0, 255, 255, 0],
            );
            let image = doc.add_object(image);
            dictionary! { "XObject" => dictionary! { "Im0" => image } }
        })
    }

    /// Sets the "encrypted" flag of every entry, in the local and central headers.
    fn mark_encrypted(mut zip: Vec<u8>) -> Vec<u8> {
        for at in 0..zip.len().saturating_sub(10) {
            match &zip[at..at + 4] {
                b"PK\x03\x04" => zip[at + 6] |= 1,
                b"PK\x01\x02" => zip[at + 8] |= 1,
                _ => {}
            }
        }
        zip
    }

    /// Makes every entry declare `size` unpacked bytes, whatever it really holds.
    fn declare_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
        for at in 0..zip.len().saturating_sub(30) {
            match &zip[at..at + 4] {
                b"PK\x03\x04" => zip[at + 22..at + 26].copy_from_slice(&size.to_le_bytes()),
                b"PK\x01\x02" => zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes()),
                _ => {}
            }
        }
        zip
    }

    /// A password-protected .docx: an OLE compound file with an EncryptedPackage stream.
    fn encrypted_docx() -> Vec<u8> {
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.resize(512, 0);
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        cfb
    }

    fn utf16_with_bom(text: &str) -> Vec<u8> {
        let mut out = vec![0xff, 0xfe];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    enum Expect {
        Text(&'static str),
        Contains(&'static [&'static str]),
        NoText,
        Fails(fn(&LetterError) -> bool),
    }

    #[test]
    fn letters_in_every_format() {
        let bomb = zip_of(&[("word/document.xml", &vec![b' '; 5 * 1024 * 1024])]);
        let cases: Vec<(&str, Vec<u8>, Option<&str>, Expect)> = vec![
            ("docx", docx(), Some("letter.docx"), Expect::Text(DOCX_TEXT)),
            ("docx named otherwise", docx(), Some("scan.jpg"), Expect::Text(DOCX_TEXT)),
            ("odt", odt("<manifest/>"), None, Expect::Text(
                "Request for electronic access\nName:  Helen Marsh\nCase:\tMarsh v. Marsh\nDocket: DBD-FA24-6049921-S",
            )),
            ("rtf", RTF.as_bytes().to_vec(), None, Expect::Text(RTF_TEXT)),
            ("cp1252 txt", b"Name: Zo\xeb O\x92Brien\r\nDocket: HHD-CV24".to_vec(), Some("Letter.TXT"),
                Expect::Text("Name: Zoë O\u{2019}Brien\r\nDocket: HHD-CV24")),
            ("utf-8 txt", "Name: Zoë".as_bytes().to_vec(), Some("a.txt"), Expect::Text("Name: Zoë")),
            ("utf-16 txt", utf16_with_bom("Zoë"), Some("a.txt"), Expect::Text("Zoë")),
            ("txt without its name", b"Name: Dana".to_vec(), Some("notes"), Expect::NoText),
            ("binary named txt", b"\x00\x01\x02".to_vec(), Some("a.txt"), Expect::NoText),
            ("pdf with text", text_pdf(), None, Expect::Contains(&["Name: Dana Whitlock", "Docket: HHD-CV24-6187342-S"])),
            ("scanned pdf", image_pdf(), None, Expect::NoText),
            ("zip that is not a letter", zip_of(&[("photo.jpg", b"\xff\xd8\xff")]), Some("a.zip"), Expect::NoText),
            ("png", b"\x89PNG\r\n\x1a\n".to_vec(), Some("a.png"), Expect::NoText),
            ("legacy doc", CFB_MAGIC.to_vec(), Some("a.doc"), Expect::NoText),
            ("zip bomb", bomb.clone(), Some("a.docx"),
                Expect::Fails(|e| matches!(e, LetterError::TooLarge { format: LetterFormat::Docx, .. }))),
            ("zip bomb declaring a small size", declare_size(bomb, 100), None,
                Expect::Fails(|e| matches!(e, LetterError::TooLarge { .. } | LetterError::Damaged { .. }))),
            ("corrupt zip", b"PK\x03\x04 this is not an archive".to_vec(), Some("a.docx"),
                Expect::Fails(|e| matches!(e, LetterError::Damaged { format: LetterFormat::Archive, .. }))),
            ("encrypted zip entry", mark_encrypted(docx()), None,
                Expect::Fails(|e| *e == LetterError::Encrypted(LetterFormat::Docx))),
            ("encrypted odt", odt("<manifest:encryption-data/>"), None,
                Expect::Fails(|e| *e == LetterError::Encrypted(LetterFormat::Odt))),
            ("password-protected docx", encrypted_docx(), Some("a.docx"),
                Expect::Fails(|e| *e == LetterError::Encrypted(LetterFormat::Docx))),
            ("malformed xml", zip_of(&[("word/document.xml", b"<w:p><w:t>a</w:p>")]), None,
                Expect::Fails(|e| matches!(e, LetterError::Damaged { format: LetterFormat::Docx, .. }))),
            ("rtf nested too deep", [&b"{\\rtf1 "[..], &[b'{'; 1000]].concat(), None,
                Expect::Fails(|e| matches!(e, LetterError::Damaged { format: LetterFormat::Rtf, .. }))),
            ("truncated pdf", b"%PDF-1.4\n1 0 obj <<".to_vec(), None,
                Expect::Fails(|e| matches!(e, LetterError::Damaged { format: LetterFormat::Pdf, .. }))),
        ];
        for (case, bytes, name, expect) in cases {
            let got = text(&bytes, name, LIMITS);
            match (expect, &got) {
                (Expect::Text(want), Ok(Some(t))) => assert_eq!(t, want, "{case}"),
                (Expect::Contains(parts), Ok(Some(t))) => {
                    assert!(parts.iter().all(|p| t.contains(p)), "{case}: {t:?}")
                }
                (Expect::NoText, Ok(None)) => {}
                (Expect::Fails(check), Err(e)) => assert!(check(e), "{case}: {e:?}"),
                _ => panic!("{case}: unexpected {got:?}"),
            }
        }
    }

    #[test]
    fn errors_say_what_was_wrong() {
        let bomb = zip_of(&[("word/document.xml", &vec![b' '; 5 * 1024 * 1024])]);
        assert_eq!(
            text(&bomb, None, LIMITS).unwrap_err().to_string(),
            "the Word document (.docx)'s word/document.xml unpacks to more than 4194304 bytes; it was refused unread"
        );
        assert_eq!(
            text(&encrypted_docx(), None, LIMITS).unwrap_err().to_string(),
            "the Word document (.docx) is password-protected; its text cannot be read without the password"
        );
        let corrupt = text(b"PK\x03\x04junk", None, LIMITS).unwrap_err().to_string();
        assert!(corrupt.starts_with("the ZIP archive is damaged: "), "{corrupt}");
    }

    #[test]
    fn archives_listing_too_many_files_are_refused_before_reading() {
        let names: Vec<String> = (0..20).map(|i| format!("f{i}.xml")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let limits = LetterLimits { max_zip_entries: 10, ..LIMITS };
        let err = text(&zip_of(&entries), None, limits).unwrap_err();
        assert_eq!(err, LetterError::TooManyFiles { format: LetterFormat::Archive, count: 20, limit: 10 });
    }

    #[test]
    fn text_is_cut_at_the_cap_on_a_character_boundary() {
        let limits = LetterLimits { max_text_bytes: 11, ..LIMITS };
        let long = "é".repeat(1000);
        assert_eq!(text(long.as_bytes(), Some("a.txt"), limits).unwrap().unwrap(), "ééééé");
        let xml = format!("<w:document><w:p><w:t>{}</w:t></w:p></w:document>", "word ".repeat(100_000));
        let docx = zip_of(&[("word/document.xml", xml.as_bytes())]);
        assert_eq!(text(&docx, None, limits).unwrap().unwrap(), "word word w");
        let rtf = format!("{{\\rtf1 {}}}", "x\\par ".repeat(10_000));
        assert!(text(rtf.as_bytes(), None, limits).unwrap().unwrap().len() <= 11);
    }

    #[test]
    fn pdf_pages_beyond_the_limit_are_not_read() {
        let limits = LetterLimits { max_pdf_pages: 0, ..LIMITS };
        assert_eq!(text(&text_pdf(), None, limits).unwrap(), None);
    }
}
