//! Counts over a corpus for the example's report: dispositions, findings, classes,
//! clients, charsets, transfer encodings, phrasing styles, threads, docket shapes and
//! how each field was stated.

use std::collections::BTreeMap;

use super::compose::Message;

fn section(out: &mut String, title: &str, counts: BTreeMap<String, usize>) {
    out.push_str(&format!("\n{title}\n"));
    let mut rows: Vec<(String, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (k, n) in rows {
        out.push_str(&format!("  {n:6}  {k}\n"));
    }
}

fn count<'a>(items: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i.to_string()).or_insert(0) += 1;
    }
    m
}

/// A plain-text table of counts.
pub fn table(messages: &[Message]) -> String {
    let mut out = format!("{} messages\n", messages.len());
    section(&mut out, "disposition", count(messages.iter().map(|m| m.truth.disposition)));
    section(&mut out, "finding", count(messages.iter().flat_map(|m| m.truth.findings.iter().copied())));
    section(&mut out, "class", count(messages.iter().map(|m| m.meta.class)));
    section(&mut out, "client", count(messages.iter().map(|m| m.meta.client)));
    section(&mut out, "charset", count(messages.iter().map(|m| m.meta.charset)));
    section(&mut out, "transfer encoding", count(messages.iter().map(|m| m.meta.transfer_encoding)));
    section(&mut out, "header encoded words", count(messages.iter().map(|m| m.meta.header_words.as_str())));
    section(&mut out, "line endings", count(messages.iter().map(|m| m.meta.line_endings)));
    section(&mut out, "phrasing style", count(messages.iter().map(|m| m.meta.style)));
    section(&mut out, "case style", count(messages.iter().map(|m| m.meta.case_style)));
    section(&mut out, "thread", count(messages.iter().map(|m| m.meta.thread)));
    section(&mut out, "auth", count(messages.iter().map(|m| m.meta.auth)));
    section(&mut out, "docket shape", count(messages.iter().filter_map(|m| m.meta.docket_shape)));
    section(&mut out, "case name style", count(messages.iter().filter_map(|m| m.meta.case_name_style)));
    section(
        &mut out,
        "attachment placement",
        count(messages.iter().flat_map(|m| m.meta.attachments.iter().map(|a| a.placement))),
    );
    let sources: Vec<String> = messages
        .iter()
        .flat_map(|m| m.meta.attachments.iter().map(|a| a.source.split(':').take(2).collect::<Vec<_>>().join(":")))
        .collect();
    section(&mut out, "attachment source", count(sources.iter().map(String::as_str)));
    for field in ["name", "user_id", "case_name", "docket_number"] {
        let ways = messages.iter().filter_map(|m| m.meta.statements.get(field).map(String::as_str));
        let distinct = count(ways);
        out.push_str(&format!("\n{field}: {} distinct ways stated\n", distinct.len()));
    }
    out
}
