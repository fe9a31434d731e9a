//! The PDF417 barcode on the back of US and Canadian driver's licences and ID cards
//! (AAMVA DL/ID Card Design Standard): holder's name, birth date, expiry, state.
//!
//! Detection is `rxing` fed with grey pixels (its `image` feature pins an old
//! `image` and pulls encoders we do not want). The AAMVA payload is parsed here: the
//! `aamva` crate would do it, but it depends on `rxing` 0.8 with default features,
//! which brings exactly that weight back.

use chrono::NaiveDate;
use image::GrayImage;
use serde::Serialize;

/// What the barcode says, with the raw element IDs kept for the clerk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AamvaLicence {
    /// Issuer identification number (`636006` is Connecticut).
    pub iin: String,
    pub version: Option<u32>,
    /// `DL` (driver licence) or `ID` (identification card).
    pub subfile: String,
    pub family_name: Option<String>,
    pub given_names: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub expiry: Option<NaiveDate>,
    /// Two-letter state or province (`DAJ`).
    pub jurisdiction: Option<String>,
    pub country: Option<String>,
}

impl AamvaLicence {
    pub fn full_name(&self) -> Option<String> {
        let name =
            format!("{} {}", self.given_names.as_deref().unwrap_or(""), self.family_name.as_deref().unwrap_or(""));
        let name = name.trim().to_string();
        (!name.is_empty()).then_some(name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AamvaError {
    #[error("no AAMVA header (`ANSI ` or `AAMVA`) in the barcode")]
    NoHeader,
    #[error("the AAMVA header is too short")]
    ShortHeader,
}

/// AAMVA dates: `MMDDCCYY` in the USA, `CCYYMMDD` in Canada.
fn aamva_date(value: &str, canadian: bool) -> Option<NaiveDate> {
    let v: String = value.chars().filter(char::is_ascii_digit).collect();
    if v.len() != 8 {
        return None;
    }
    let n = |r: std::ops::Range<usize>| v[r].parse::<u32>().ok();
    let mdy = || NaiveDate::from_ymd_opt(n(4..8)? as i32, n(0..2)?, n(2..4)?);
    let ymd = || NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, n(6..8)?);
    if canadian {
        ymd().or_else(mdy)
    } else {
        mdy().or_else(ymd)
    }
}

/// Parses the text of an AAMVA PDF417 barcode.
pub fn parse_aamva(payload: &str) -> Result<AamvaLicence, AamvaError> {
    let start = payload.find("ANSI ").or_else(|| payload.find("AAMVA")).ok_or(AamvaError::NoHeader)?;
    let header = &payload[start + 5..];
    let digits: String = header.chars().take(8).collect();
    if digits.len() < 8 {
        return Err(AamvaError::ShortHeader);
    }
    let iin = digits[..6].to_string();
    let version = digits[6..8].parse().ok();
    let mut elements: Vec<(String, String)> = Vec::new();
    let mut subfile = String::new();
    for raw in payload[start..].split(['\n', '\r', '\u{1e}']) {
        let mut line = raw.trim_end();
        // The first element of a subfile follows its type: `DLDAQ…`, `IDDCS…`.
        for prefix in ["DL", "ID"] {
            if line.len() >= 5 && line.starts_with(prefix) && line[2..].starts_with('D') {
                if subfile.is_empty() {
                    subfile = prefix.to_string();
                }
                line = &line[2..];
            }
        }
        if line.starts_with("ANSI ") || line.starts_with("AAMVA") {
            // Header and first element on one line: `ANSI 636006090002DL00410278…DLDAQ…`.
            let body = &line[5.min(line.len())..];
            let first = ["DLD", "IDD"].iter().filter_map(|p| body.rfind(p).map(|i| (i, &p[..2]))).max();
            match first {
                Some((i, kind)) if i >= 8 => {
                    subfile = kind.to_string();
                    line = &body[i + 2..];
                }
                _ => continue,
            }
        }
        if line.len() > 3 && line.chars().take(3).all(|c| c.is_ascii_uppercase()) {
            elements.push((line[..3].to_string(), line[3..].trim().to_string()));
        }
    }
    let get = |id: &str| elements.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    let country = get("DCG");
    let canadian = country.as_deref() == Some("CAN");
    let (mut family, mut given) = (get("DCS"), get("DAC").or_else(|| get("DCT")));
    if let Some(middle) = get("DAD").filter(|m| m != "NONE") {
        given = given.map(|g| format!("{g} {middle}"));
    }
    if family.is_none() {
        // Version 1 writes the whole name in DAA: `LAST,FIRST,MIDDLE`.
        if let Some(full) = get("DAA") {
            let mut parts = full.split(',').map(str::trim);
            family = parts.next().map(str::to_string);
            let rest: Vec<&str> = parts.filter(|p| !p.is_empty()).collect();
            given = (!rest.is_empty()).then(|| rest.join(" "));
        }
    }
    Ok(AamvaLicence {
        iin,
        version,
        subfile: if subfile.is_empty() { "DL".into() } else { subfile },
        family_name: family,
        given_names: given.map(|g| g.replace(',', " ").split_whitespace().collect::<Vec<_>>().join(" ")),
        date_of_birth: get("DBB").and_then(|d| aamva_date(&d, canadian)),
        expiry: get("DBA").and_then(|d| aamva_date(&d, canadian)),
        jurisdiction: get("DAJ"),
        country,
    })
}

/// Looks for a PDF417 barcode in a grey image and returns its text. `try_turned` also
/// tries the picture turned a few degrees either way (a scan laid crooked on the
/// glass); a document the framing already squared up does not need it, and each turn
/// costs a detection.
pub fn detect_pdf417(gray: &GrayImage, try_turned: bool) -> Option<String> {
    use rxing::{BarcodeFormat, DecodeHints};
    let (w, h) = gray.dimensions();
    let attempt = |img: &GrayImage| {
        let mut hints = DecodeHints::default();
        rxing::helpers::detect_in_luma_with_hints(
            img.as_raw().clone(),
            img.width(),
            img.height(),
            Some(BarcodeFormat::PDF_417),
            &mut hints,
        )
        .ok()
        .map(|r| r.getText().to_string())
    };
    if w == 0 || h == 0 {
        return None;
    }
    attempt(gray).or_else(|| {
        let turns: &[f32] = if try_turned { &[-4.0, 4.0, -8.0, 8.0] } else { &[] };
        turns.iter().find_map(|deg| attempt(&super::framing::rotate_gray(gray, deg.to_radians(), 255)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An AAMVA 2016 (version 09) payload as a Connecticut licence encodes it.
    const CT: &str = "@\n\u{1e}\rANSI 636006090002DL00410278ZC03190008DLDAQ184402913\nDCSWHITLOCK\nDDEN\nDACDANA\nDDFN\nDADRUTH\nDDGN\nDCAD\nDCBNONE\nDCDNONE\nDBD05102022\nDBB03091984\nDBA05102030\nDBC2\nDAYBRO\nDAU068 IN\nDAG41 FENWICK ST\nDAIWETHERSFIELD\nDAJCT\nDAK061090000  \nDCF0184402A4\nDCGUSA\nDCK0184402A4\nDDB08292017\r";

    #[test]
    fn connecticut_payload() {
        let l = parse_aamva(CT).unwrap();
        assert_eq!(l.iin, "636006");
        assert_eq!(l.version, Some(9));
        assert_eq!(l.subfile, "DL");
        assert_eq!(l.full_name().as_deref(), Some("DANA RUTH WHITLOCK"));
        assert_eq!(l.expiry, NaiveDate::from_ymd_opt(2030, 5, 10));
        assert_eq!(l.date_of_birth, NaiveDate::from_ymd_opt(1984, 3, 9));
        assert_eq!(l.jurisdiction.as_deref(), Some("CT"));
    }

    #[test]
    fn version_one_full_name_and_canadian_dates() {
        let p = "@\n\u{1e}\rANSI 636012010001DL00290187DLDAAMARTIN,JEAN,LUC\nDBA20301231\nDBB19800115\nDAJON\nDCGCAN\r";
        let l = parse_aamva(p).unwrap();
        assert_eq!(l.full_name().as_deref(), Some("JEAN LUC MARTIN"));
        assert_eq!(l.expiry, NaiveDate::from_ymd_opt(2030, 12, 31));
        assert_eq!(l.jurisdiction.as_deref(), Some("ON"));
    }

    #[test]
    fn not_aamva() {
        assert_eq!(parse_aamva("https://example.com"), Err(AamvaError::NoHeader));
        assert_eq!(parse_aamva("ANSI 63"), Err(AamvaError::ShortHeader));
    }
}
