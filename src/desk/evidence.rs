//! What was read from one document, rendered from the ticket's stored screening JSON
//! (`identity::DocumentEvidence` as serialised): the MRZ and barcode fields beside their
//! check results, then the OCR text and picture quality. The document number and the
//! date of birth are masked: the clerk needs to see that their check digits passed,
//! not to copy them; the number's last characters still match it to the picture. The
//! OCR text shows its words but not its digits, which hold the same number and dates.

use maud::{html, Markup};
use serde_json::Value;

/// Characters of the document number left visible.
const NUMBER_TAIL: usize = 3;

pub(super) fn what_was_read(e: &Value) -> Markup {
    if e.is_null() {
        return html! { p { "Nothing was read from this file." } };
    }
    let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).unwrap_or("—").replace('_', " ");
    html! {
        table.read {
            @if let Some(because) = e["classification"]["because"].as_str() {
                tr { th { "Taken for this kind of document because" } td { (because) } }
            }
            tr { th { "Name read from" } td { (text(&e["name_source"])) } }
            tr { th { "Expiry read from" } td { (text(&e["expiry_source"])) } }
            @if e["name_match"].is_object() {
                tr { th { "Name against the party's" } td { (text(&e["name_match"]["band"])) " — " (text(&e["name_match"]["explanation"])) } }
            }
            @if !e["illegible_reason"].is_null() {
                tr { th { "Not legible" } td.flag { (text(&e["illegible_reason"])) } }
            }
        }
        @if e["mrz"].is_object() { (mrz(&e["mrz"])) }
        @if e["barcode"].is_object() { (barcode(&e["barcode"])) }
        details {
            summary { "OCR text (digits masked) and picture quality" }
            @for (i, page) in e["pages"].as_array().into_iter().flatten().enumerate() {
                @let q = &page["quality"];
                p {
                    "Picture " (i + 1) ": " (text(&page["decoded"]))
                    " · document " (figure(&q["document_width_px"])) " px wide · sharpness " (figure(&q["sharpness"]))
                    " · brightness " (figure(&q["brightness"])) " · contrast " (figure(&q["contrast"]))
                    " · glare " (figure(&q["glare"])) " · OCR confidence " (figure(&page["mean_conf"]))
                }
                pre { (without_digits(page["text"].as_str().unwrap_or(""))) }
            }
        }
    }
}

fn without_digits(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_digit() { '•' } else { c }).collect()
}

fn figure(v: &Value) -> String {
    match (v.as_u64(), v.as_f64()) {
        (Some(n), _) => n.to_string(),
        (None, Some(f)) => format!("{f:.1}"),
        _ => "—".to_string(),
    }
}

/// A check digit's result: `true` verified, `false` failed, `null` not printed in this
/// format.
fn check(v: &Value) -> Markup {
    match v.as_bool() {
        Some(true) => html! { span.ok { "✓ passed" } },
        Some(false) => html! { span.flag { "✗ failed" } },
        None => html! { "— not printed" },
    }
}

/// `…789`: the number's last characters, none of it when it is that short.
fn masked_number(number: &str) -> String {
    let chars: Vec<char> = number.trim_matches('<').chars().collect();
    let shown = if chars.len() > NUMBER_TAIL { &chars[chars.len() - NUMBER_TAIL..] } else { &[][..] };
    format!("…{}", shown.iter().collect::<String>())
}

/// The year of an ISO date; the day and month stay off the page.
fn birth_year(v: &Value) -> String {
    v.as_str()
        .and_then(|d| d.get(..4))
        .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
        .map_or_else(|| "—".to_string(), |y| format!("{y} (year only)"))
}

fn mrz(m: &Value) -> Markup {
    let c = &m["checks"];
    let plain = |v: &Value| v.as_str().filter(|s| !s.is_empty()).unwrap_or("—").to_string();
    let no_digit = html! { "— none for this field" };
    let rows: [(&str, String, Markup); 10] = [
        ("Document type", plain(&m["document_type"]), no_digit.clone()),
        ("Issuing country", plain(&m["issuing_country"]), no_digit.clone()),
        ("Surname", plain(&m["surname"]), no_digit.clone()),
        ("Given names", plain(&m["given_names"]), no_digit.clone()),
        ("Nationality", plain(&m["nationality"]), no_digit),
        ("Document number", masked_number(m["document_number"].as_str().unwrap_or("")), check(&c["document_number"])),
        ("Date of birth", birth_year(&m["date_of_birth"]), check(&c["date_of_birth"])),
        ("Expiry", plain(&m["date_of_expiry"]), check(&c["date_of_expiry"])),
        ("Personal number", "not shown".to_string(), check(&c["personal_number"])),
        ("Composite (the fields together)", String::new(), check(&c["composite"])),
    ];
    html! {
        h4 { "Machine-readable zone (" (m["format"].as_str().unwrap_or("").to_uppercase()) ")" }
        @if m["valid"].as_bool() == Some(true) {
            p.ok { "Every printed check digit passed." }
        } @else {
            p.flag { "A check digit failed: the zone was misread or altered. Compare it with the picture." }
        }
        @if m["repaired"].as_bool() == Some(true) {
            p { "OCR look-alike characters were corrected where the check digits confirm it." }
        }
        table.read {
            thead { tr { th { "Field" } th { "Read" } th { "Check digit" } } }
            tbody { @for (label, value, result) in &rows { tr { th { (label) } td { (value) } td { (result) } } } }
        }
    }
}

fn barcode(b: &Value) -> Markup {
    let plain = |v: &Value| v.as_str().filter(|s| !s.is_empty()).unwrap_or("—").to_string();
    let name = format!("{} {}", b["given_names"].as_str().unwrap_or(""), b["family_name"].as_str().unwrap_or(""));
    let card = match b["subfile"].as_str() {
        Some("DL") => "driver's licence",
        Some("ID") => "identification card",
        _ => "—",
    };
    html! {
        h4 { "Barcode (AAMVA PDF417)" }
        p { "The barcode has no check digits: compare its fields with the printed card." }
        table.read {
            tr { th { "Name" } td { (if name.trim().is_empty() { "—" } else { name.trim() }) } }
            tr { th { "Expiry" } td { (plain(&b["expiry"])) } }
            tr { th { "Jurisdiction" } td { (plain(&b["jurisdiction"])) " " (b["country"].as_str().unwrap_or("")) } }
            tr { th { "Card" } td { (card) } }
            tr { th { "Date of birth" } td { (birth_year(&b["date_of_birth"])) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::barcode::AamvaLicence;
    use crate::identity::mrz::{MrzChecks, MrzReading};
    use chrono::NaiveDate;

    /// The evidence as the screening stores it, from the real types.
    fn stored_evidence() -> Value {
        let mrz = MrzReading {
            format: "td3",
            document_type: "P".into(),
            issuing_country: "USA".into(),
            document_number: "E12345678".into(),
            surname: "FELD".into(),
            given_names: "MARCUS ALLEN".into(),
            nationality: "USA".into(),
            date_of_birth: NaiveDate::from_ymd_opt(1984, 3, 17),
            date_of_expiry: NaiveDate::from_ymd_opt(2031, 8, 1),
            checks: MrzChecks {
                document_number: Some(true),
                date_of_birth: Some(true),
                date_of_expiry: Some(false),
                personal_number: None,
                composite: Some(true),
            },
            valid: false,
            lines: "P<USAFELD<<MARCUS<ALLEN<<<<<<<<<<<<<<<<<<<<<\nE123456784USA8403177M3108019<<<<<<<<<<<<<<02".into(),
            repaired: true,
            fillers_seen: false,
        };
        let barcode = AamvaLicence {
            iin: "636006".into(),
            version: Some(9),
            subfile: "DL".into(),
            family_name: Some("WHITLOCK".into()),
            given_names: Some("DANA RUTH".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1979, 11, 2),
            expiry: NaiveDate::from_ymd_opt(2030, 5, 10),
            jurisdiction: Some("CT".into()),
            country: Some("USA".into()),
        };
        serde_json::json!({
            "pages": [{"decoded": "jpeg", "quality": {"document_width_px": 1200, "sharpness": 20.5}, "mean_conf": 87.0,
                       "text": "PASSPORT\nSurname FELD\nPassport No. E12345678\nDate of birth 17 MAR 1984\n\
                                P<USAFELD<<MARCUS<ALLEN<<<<<<<<<<<<<<<<<<<<<\nE123456784USA8403177M3108019<<<<<<<<<<<<<<02"}],
            "mrz": serde_json::to_value(&mrz).unwrap(),
            "barcode": serde_json::to_value(&barcode).unwrap(),
            "name_source": "mrz",
            "expiry_source": "mrz",
            "illegible_reason": null,
            "name_match": {"band": "match", "explanation": "every word matches"},
        })
    }

    #[test]
    fn mrz_and_barcode_fields_show_their_checks_and_mask_the_number_and_birth_date() {
        let html = what_was_read(&stored_evidence()).into_string();
        for shown in [
            "Machine-readable zone (TD3)",
            "<th>Issuing country</th><td>USA</td>",
            "<th>Surname</th><td>FELD</td>",
            "<th>Given names</th><td>MARCUS ALLEN</td>",
            "<th>Document number</th><td>…678</td><td><span class=\"ok\">✓ passed</span>",
            "<th>Date of birth</th><td>1984 (year only)</td>",
            "<th>Expiry</th><td>2031-08-01</td><td><span class=\"flag\">✗ failed</span>",
            "<th>Personal number</th><td>not shown</td><td>— not printed</td>",
            "A check digit failed",
            "look-alike characters were corrected",
            "<th>Name</th><td>DANA RUTH WHITLOCK</td>",
            "<th>Expiry</th><td>2030-05-10</td>",
            "<th>Jurisdiction</th><td>CT USA</td>",
            "<th>Date of birth</th><td>1979 (year only)</td>",
            "Surname FELD",
            "Passport No. E••••••••",
            "document 1200 px wide · sharpness 20.5",
        ] {
            assert!(html.contains(shown), "{shown:?} not in {html}");
        }
        // Neither the whole number nor a birth date, not even in the OCR text.
        for hidden in ["12345678", "1984-03-17", "17 MAR", "840317", "1979-11-02"] {
            assert!(!html.contains(hidden), "{hidden:?} in {html}");
        }
    }

    #[test]
    fn masking() {
        assert_eq!(masked_number("E12345678"), "…678");
        assert_eq!(masked_number("AB1<<<<<<"), "…");
        assert_eq!(birth_year(&Value::String("1984-03-17".into())), "1984 (year only)");
        assert_eq!(birth_year(&Value::Null), "—");
    }

    #[test]
    fn a_file_not_read_says_so() {
        assert!(what_was_read(&Value::Null).into_string().contains("Nothing was read"));
    }
}
