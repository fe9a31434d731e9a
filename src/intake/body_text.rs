//! HTML bodies turned into text that reads like what the sender typed. Tables become
//! one row per line with cells separated by ` | `, so `Name | Helen L. Marchetti`
//! reads as a labelled line.

/// Converts an HTML body to plain text. Never fails: unreadable HTML gives the text
/// content html2text could recover, or nothing.
pub fn html_to_text(html: &str) -> String {
    let rendered = html2text::config::plain_no_decorate()
        .no_table_borders()
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_default();
    rendered.lines().map(|line| line.trim_end().replace('\u{a0}', " ")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_become_labelled_lines() {
        let html = "<table><tr><td><b>Name</b></td><td>Helen L. Marchetti</td></tr>\
                    <tr><td>Docket #</td><td>DBD-FA24-6049921-S</td></tr></table>";
        let text = html_to_text(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("Name") && lines[0].contains("Helen L. Marchetti"), "{text}");
    }

    #[test]
    fn paragraphs_and_entities() {
        let text = html_to_text("<p>O&#8217;Brien&nbsp;v. Soundview</p><div>Next</div>");
        assert!(text.contains("O\u{2019}Brien v. Soundview"), "{text}");
        assert!(text.contains("Next"));
    }

    #[test]
    fn garbage_does_not_panic() {
        let _ = html_to_text("<table><tr><td colspan=99999999>x</td></table><<<>>>&#xFFFFFFFF;");
        let _ = html_to_text(&"<div>".repeat(5000));
    }
}
