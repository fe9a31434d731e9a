//! A MIME tree and its bytes: parts with headers, leaf bodies already transfer-encoded,
//! multiparts with boundaries, header folding, and the whole message with LF or CRLF
//! line ends.

use super::charset::{base64_lines, quoted_printable, Charset, Cte};

#[derive(Debug, Clone)]
pub struct Part {
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    /// Bytes as they appear in the message (already transfer-encoded), lines ended by `\n`.
    Leaf(Vec<u8>),
    Multi {
        boundary: String,
        preamble: Option<String>,
        parts: Vec<Part>,
    },
}

impl Part {
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// A multipart of `subtype` (`mixed`, `alternative`, `related`, `report`) with
    /// extra Content-Type parameters (`; type="text/html"`).
    pub fn multi(subtype: &str, boundary: &str, params: &str, parts: Vec<Part>) -> Part {
        let ctype = format!("multipart/{subtype};{params}\n\tboundary=\"{boundary}\"");
        Part {
            headers: vec![("Content-Type".into(), ctype)],
            body: Body::Multi { boundary: boundary.to_string(), preamble: None, parts },
        }
    }

    pub fn with_preamble(mut self, text: &str) -> Self {
        if let Body::Multi { preamble, .. } = &mut self.body {
            *preamble = Some(text.to_string());
        }
        self
    }

    /// Text already encoded in `charset` (the bytes) with the given transfer encoding.
    pub fn text(subtype: &str, charset_label: &str, extra: &str, cte: Cte, bytes: &[u8]) -> Part {
        let ctype = format!("text/{subtype}; charset=\"{charset_label}\"{extra}");
        Part { headers: vec![("Content-Type".into(), ctype)], body: Body::Leaf(Vec::new()) }
            .header("Content-Transfer-Encoding", cte.label())
            .with_leaf(encode_body(bytes, cte))
    }

    pub fn with_leaf(mut self, bytes: Vec<u8>) -> Self {
        self.body = Body::Leaf(bytes);
        self
    }

    /// A base64 leaf of `bytes` with the headers given (Content-Type and the rest).
    pub fn binary(headers: Vec<(String, String)>, bytes: &[u8]) -> Part {
        Part { headers, body: Body::Leaf(base64_lines(bytes, 76).into_bytes()) }
    }
}

/// `bytes` in transfer encoding `cte`.
pub fn encode_body(bytes: &[u8], cte: Cte) -> Vec<u8> {
    match cte {
        Cte::SevenBit | Cte::EightBit => {
            let mut v = bytes.to_vec();
            if !v.ends_with(b"\n") {
                v.push(b'\n');
            }
            v
        }
        Cte::QuotedPrintable => {
            let mut s = quoted_printable(bytes);
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s.into_bytes()
        }
        Cte::Base64 => base64_lines(bytes, 76).into_bytes(),
    }
}

/// Folds a header line longer than 78 characters at spaces (unless the value already
/// carries its own folds).
pub fn fold(name: &str, value: &str) -> String {
    let line = format!("{name}: {value}");
    if value.contains('\n') || line.len() <= 78 {
        return line;
    }
    let mut words = value.split(' ');
    let mut out = String::new();
    let mut current = format!("{name}: {}", words.next().unwrap_or(""));
    for word in words {
        if current.len() + word.len() + 1 > 76 {
            out.push_str(&current);
            out.push_str("\n ");
            current = word.to_string();
        } else {
            current.push(' ');
            current.push_str(word);
        }
    }
    out.push_str(&current);
    out
}

fn write_part(part: &Part, out: &mut Vec<u8>) {
    for (name, value) in &part.headers {
        out.extend_from_slice(fold(name, value).as_bytes());
        out.push(b'\n');
    }
    out.push(b'\n');
    match &part.body {
        Body::Leaf(bytes) => out.extend_from_slice(bytes),
        Body::Multi { boundary, preamble, parts } => {
            if let Some(p) = preamble {
                out.extend_from_slice(p.as_bytes());
                out.extend_from_slice(b"\n\n");
            }
            for p in parts {
                out.extend_from_slice(format!("--{boundary}\n").as_bytes());
                write_part(p, out);
                if !out.ends_with(b"\n") {
                    out.push(b'\n');
                }
                out.push(b'\n');
            }
            out.extend_from_slice(format!("--{boundary}--\n").as_bytes());
        }
    }
}

/// The message: top-level headers, then the root part's own headers and body.
pub fn message_bytes(headers: &[(String, String)], root: &Part, crlf: bool) -> Vec<u8> {
    let mut all = Part { headers: headers.to_vec(), body: root.body.clone() };
    all.headers.extend(root.headers.iter().cloned());
    let mut out = Vec::new();
    write_part(&all, &mut out);
    if crlf {
        let mut v = Vec::with_capacity(out.len() + out.len() / 40);
        for b in out {
            if b == b'\n' {
                v.push(b'\r');
            }
            v.push(b);
        }
        v
    } else {
        out
    }
}

/// A header value with non-ASCII text as RFC 2047 encoded words.
pub fn header_text(text: &str, charset: Charset, q: bool) -> String {
    if text.is_ascii() {
        text.to_string()
    } else {
        super::charset::encoded_words(text, charset, q)
    }
}

/// A mailbox `Display Name <addr>`, quoting or encoding the display name as needed.
pub fn mailbox(display: Option<&str>, addr: &str, charset: Charset, q: bool) -> String {
    match display {
        None => addr.to_string(),
        Some(d) if !d.is_ascii() => format!("{} <{addr}>", super::charset::encoded_words(d, charset, q)),
        Some(d) if d.chars().any(|c| ",.;:@()'\"".contains(c)) => format!("\"{}\" <{addr}>", d.replace('"', "")),
        Some(d) => format!("{d} <{addr}>"),
    }
}
