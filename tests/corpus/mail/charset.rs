//! Character sets a court mailbox receives (UTF-8, Latin-1, windows-1252, ISO-8859-15,
//! ISO-8859-2, windows-1250, KOI8-R, ISO-2022-JP, Shift_JIS, UTF-16) and the transfer
//! encodings around them: quoted-printable, base64, RFC 2047 encoded words and RFC 2231
//! parameters. Written by hand from the standards; tables checked against Python's codecs.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Ascii,
    Utf8,
    Latin1,
    Cp1252,
    Latin9,
    Latin2,
    Cp1250,
    Koi8r,
    Iso2022Jp,
    ShiftJis,
    Utf16,
}

/// How the bytes of a body travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cte {
    SevenBit,
    EightBit,
    QuotedPrintable,
    Base64,
}

impl Cte {
    pub fn label(self) -> &'static str {
        match self {
            Cte::SevenBit => "7bit",
            Cte::EightBit => "8bit",
            Cte::QuotedPrintable => "quoted-printable",
            Cte::Base64 => "base64",
        }
    }
}

const CP1252: &str = "€\u{0}‚ƒ„…†‡ˆ‰Š‹Œ\u{0}Ž\u{0}\u{0}‘’“”•–—˜™š›œ\u{0}žŸ\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ";
const LATIN9: &str = "\u{80}\u{81}\u{82}\u{83}\u{84}\u{85}\u{86}\u{87}\u{88}\u{89}\u{8a}\u{8b}\u{8c}\u{8d}\u{8e}\u{8f}\u{90}\u{91}\u{92}\u{93}\u{94}\u{95}\u{96}\u{97}\u{98}\u{99}\u{9a}\u{9b}\u{9c}\u{9d}\u{9e}\u{9f}\u{a0}¡¢£€¥Š§š©ª«¬\u{ad}®¯°±²³Žµ¶·ž¹º»ŒœŸ¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ";
const LATIN2: &str = "\u{80}\u{81}\u{82}\u{83}\u{84}\u{85}\u{86}\u{87}\u{88}\u{89}\u{8a}\u{8b}\u{8c}\u{8d}\u{8e}\u{8f}\u{90}\u{91}\u{92}\u{93}\u{94}\u{95}\u{96}\u{97}\u{98}\u{99}\u{9a}\u{9b}\u{9c}\u{9d}\u{9e}\u{9f}\u{a0}Ą˘Ł¤ĽŚ§¨ŠŞŤŹ\u{ad}ŽŻ°ą˛ł´ľśˇ¸šşťź˝žżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙";
const CP1250: &str = "€\u{0}‚\u{0}„…†‡\u{0}‰Š‹ŚŤŽŹ\u{0}‘’“”•–—\u{0}™š›śťžź\u{a0}ˇ˘Ł¤Ą¦§¨©Ş«¬\u{ad}®Ż°±˛ł´µ¶·¸ąş»Ľ˝ľżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙";
const KOI8R: &str = "─│┌┐└┘├┤┬┴┼▀▄█▌▐░▒▓⌠■∙√≈≤≥\u{a0}⌡°²·÷═║╒ё╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡Ё╢╣╤╥╦╧╨╩╪╫╬©юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ";

fn upper_half(table: &str, c: char) -> Option<u8> {
    if (c as u32) < 0x80 {
        return Some(c as u8);
    }
    table.chars().position(|t| t == c && t != '\0').map(|i| 0x80 + i as u8)
}

impl Charset {
    /// The name in a `charset=` parameter.
    pub fn label(self) -> &'static str {
        match self {
            Charset::Ascii => "us-ascii",
            Charset::Utf8 => "UTF-8",
            Charset::Latin1 => "iso-8859-1",
            Charset::Cp1252 => "windows-1252",
            Charset::Latin9 => "ISO-8859-15",
            Charset::Latin2 => "iso-8859-2",
            Charset::Cp1250 => "windows-1250",
            Charset::Koi8r => "KOI8-R",
            Charset::Iso2022Jp => "ISO-2022-JP",
            Charset::ShiftJis => "Shift_JIS",
            Charset::Utf16 => "UTF-16",
        }
    }

    /// `text` in this charset, or `None` when a character has no code in it.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Charset::Utf8 => Some(text.as_bytes().to_vec()),
            Charset::Utf16 => {
                let mut out = vec![0xFF, 0xFE];
                for unit in text.encode_utf16() {
                    out.extend_from_slice(&unit.to_le_bytes());
                }
                Some(out)
            }
            Charset::Iso2022Jp => iso2022jp(text),
            Charset::ShiftJis => text.chars().map(sjis).collect::<Option<Vec<Vec<u8>>>>().map(|v| v.concat()),
            _ => text.chars().map(|c| self.single(c)).collect(),
        }
    }

    fn single(self, c: char) -> Option<u8> {
        match self {
            Charset::Ascii => c.is_ascii().then_some(c as u8),
            Charset::Latin1 => ((c as u32) < 0x100).then_some(c as u32 as u8),
            Charset::Cp1252 => upper_half(CP1252, c),
            Charset::Latin9 => upper_half(LATIN9, c),
            Charset::Latin2 => upper_half(LATIN2, c),
            Charset::Cp1250 => upper_half(CP1250, c),
            Charset::Koi8r => upper_half(KOI8R, c),
            _ => None,
        }
    }
}

/// JIS X 0208 row and cell for the kana and punctuation the corpus writes.
fn jis(c: char) -> Option<(u8, u8)> {
    let u = c as u32;
    match u {
        0x3041..=0x3093 => Some((0x24, 0x21 + (u - 0x3041) as u8)),
        0x30A1..=0x30F6 => Some((0x25, 0x21 + (u - 0x30A1) as u8)),
        0x3000 => Some((0x21, 0x21)),
        0x3001 => Some((0x21, 0x22)),
        0x3002 => Some((0x21, 0x23)),
        0x30FB => Some((0x21, 0x26)),
        0x30FC => Some((0x21, 0x3C)),
        _ => None,
    }
}

fn sjis(c: char) -> Option<Vec<u8>> {
    if c.is_ascii() {
        return Some(vec![c as u8]);
    }
    let (row, cell) = jis(c)?;
    let (j1, j2) = (row as u16, cell as u16);
    let s1 = j1.div_ceil(2) + if j1 <= 0x5E { 0x70 } else { 0xB0 };
    let s2 = if j1 % 2 == 1 { j2 + if j2 <= 0x5F { 0x1F } else { 0x20 } } else { j2 + 0x7E };
    Some(vec![s1 as u8, s2 as u8])
}

fn iso2022jp(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut in_jis = false;
    for c in text.chars() {
        if c.is_ascii() {
            if in_jis {
                out.extend_from_slice(b"\x1b(B");
                in_jis = false;
            }
            out.push(c as u8);
        } else {
            let (a, b) = jis(c)?;
            if !in_jis {
                out.extend_from_slice(b"\x1b$B");
                in_jis = true;
            }
            out.extend_from_slice(&[a, b]);
        }
    }
    if in_jis {
        out.extend_from_slice(b"\x1b(B");
    }
    Some(out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 without line breaks.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 in lines of `width` characters, each ended by a newline.
pub fn base64_lines(bytes: &[u8], width: usize) -> String {
    let flat = base64(bytes);
    let mut out = String::with_capacity(flat.len() + flat.len() / width + 2);
    for line in flat.as_bytes().chunks(width) {
        out.push_str(std::str::from_utf8(line).unwrap_or(""));
        out.push('\n');
    }
    out
}

/// Quoted-printable (RFC 2045) of `bytes` whose lines end in `\n`.
pub fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    for (n, line) in lines.iter().enumerate() {
        let mut col = 0;
        for (i, &b) in line.iter().enumerate() {
            let last = i + 1 == line.len();
            let blank = b == b' ' || b == b'\t';
            let literal = blank && !last || (33..=126).contains(&b) && b != b'=';
            let token = if !literal { format!("={b:02X}") } else { (b as char).to_string() };
            if col + token.len() > 75 {
                out.push_str("=\n");
                col = 0;
            }
            out.push_str(&token);
            col += token.len();
        }
        if n + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

/// RFC 2047 encoded words for `text` in `charset`, each at most 75 characters, split
/// at character boundaries and joined by folding white space (UTF-8 when `charset`
/// cannot carry the text).
pub fn encoded_words(text: &str, charset: Charset, q: bool) -> String {
    let charset = if charset.encode(text).is_some() && charset != Charset::Utf16 { charset } else { Charset::Utf8 };
    let label = charset.label();
    let mut words = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let mut trial = current.clone();
        trial.push(c);
        let encoded = encode_word(&trial, charset, q);
        if encoded.len() + label.len() + 7 > 75 && !current.is_empty() {
            words.push(format!("=?{label}?{}?{}?=", if q { 'Q' } else { 'B' }, encode_word(&current, charset, q)));
            current = c.to_string();
        } else {
            current = trial;
        }
    }
    if !current.is_empty() {
        words.push(format!("=?{label}?{}?{}?=", if q { 'Q' } else { 'B' }, encode_word(&current, charset, q)));
    }
    words.join("\n ")
}

fn encode_word(text: &str, charset: Charset, q: bool) -> String {
    let bytes = charset.encode(text).unwrap_or_else(|| text.as_bytes().to_vec());
    if !q {
        return base64(&bytes);
    }
    let mut out = String::new();
    for b in bytes {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'!' | b'*' | b'+' | b'-' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out
}

/// An RFC 2231 extended parameter (`filename*=UTF-8''…`, with continuations when long).
pub fn rfc2231(param: &str, value: &str) -> String {
    let tokens: Vec<String> = value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let total: usize = tokens.iter().map(String::len).sum();
    if total < 60 {
        return format!("{param}*=UTF-8''{}", tokens.concat());
    }
    let mut chunks: Vec<String> = vec![String::new()];
    for t in tokens {
        if chunks.last().is_some_and(|c| c.len() + t.len() > 48) {
            chunks.push(String::new());
        }
        if let Some(last) = chunks.last_mut() {
            last.push_str(&t);
        }
    }
    let parts: Vec<String> = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{param}*{i}*={}{c}", if i == 0 { "UTF-8''" } else { "" }))
        .collect();
    parts.join(";\n\t")
}

/// True when every character is ASCII.
pub fn is_ascii(text: &str) -> bool {
    text.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_byte_tables_agree_with_the_standards() {
        assert_eq!(
            Charset::Cp1252.encode("O\u{2019}Brien \u{2013} Zo\u{eb}"),
            Some(b"O\x92Brien \x96 Zo\xeb".to_vec())
        );
        assert_eq!(Charset::Latin2.encode("\u{141}ukasz"), Some(b"\xa3ukasz".to_vec()));
        assert_eq!(Charset::Cp1250.encode("\u{15a}"), Some(b"\x8c".to_vec()));
        assert_eq!(Charset::Koi8r.encode("\u{418}\u{440}"), Some(b"\xe9\xd2".to_vec()));
        assert_eq!(Charset::Latin9.encode("\u{20ac}"), Some(b"\xa4".to_vec()));
        assert_eq!(Charset::Latin1.encode("\u{141}"), None);
    }

    #[test]
    fn kana_in_japanese_charsets() {
        assert_eq!(Charset::ShiftJis.encode("\u{30bf}\u{30ca}\u{30ab}"), Some(b"\x83\x5e\x83\x69\x83\x4a".to_vec()));
        assert_eq!(Charset::Iso2022Jp.encode("A\u{30bf}"), Some(b"A\x1b$B%?\x1b(B".to_vec()));
    }

    #[test]
    fn quoted_printable_keeps_lines_short_and_marks_soft_breaks() {
        let text = "x".repeat(200) + " \nend =";
        let qp = quoted_printable(text.as_bytes());
        assert!(qp.lines().all(|l| l.len() <= 76), "{qp}");
        assert!(qp.contains("=20\n") || qp.contains(" =\n"));
        assert!(qp.ends_with("end =3D"));
    }

    #[test]
    fn base64_and_encoded_words() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(encoded_words("Zo\u{eb}", Charset::Latin1, true), "=?iso-8859-1?Q?Zo=EB?=");
        assert!(rfc2231("filename", &"\u{142}".repeat(40)).contains("filename*1*="));
    }
}
