//! Shadow-mode accuracy: accessd's automatic screening beside what a careful clerk
//! decided, message by message. The comparison and the report are pure; two shells
//! feed them: [`corpus`] (a folder of messages with truth files, the samples' layout)
//! and [`decisions`] (tickets the clerks have acted on).

pub mod corpus;
pub mod decisions;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::name_tokens;
use crate::screening::{Disposition, FindingCode};

/// One screening in the court's result format (`../shared/samples/truth/*.json`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct CourtResult {
    pub fields: CourtFields,
    pub sender_matches_account: bool,
    pub sender_authenticated: bool,
    pub request_id: Option<String>,
    pub documents: Vec<CourtDocument>,
    pub findings: Vec<FindingCode>,
    pub disposition: Disposition,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct CourtFields {
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub case_name: Option<String>,
    pub docket_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct CourtDocument {
    pub filename: Option<String>,
    pub kind: Option<String>,
    pub id_type: Option<String>,
    pub name_on_id: Option<String>,
    pub expires: Option<String>,
    pub legible: Option<bool>,
}

/// What one side decided: the disposition and its findings, and in a corpus the whole
/// court result.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub disposition: Disposition,
    pub findings: BTreeSet<FindingCode>,
    pub result: Option<CourtResult>,
}

impl From<CourtResult> for Verdict {
    fn from(r: CourtResult) -> Self {
        Verdict { disposition: r.disposition, findings: r.findings.iter().copied().collect(), result: Some(r) }
    }
}

/// One message (or one clerk decision) compared.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The message file or ticket id.
    pub id: String,
    pub accessd: Verdict,
    /// The clerk's decision or the truth file.
    pub clerk: Verdict,
}

/// How often two answers agreed, and where they did not.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub agree: usize,
    pub total: usize,
    pub disagreements: Vec<String>,
}

impl Score {
    fn add(&mut self, id: &str, agreed: bool) {
        self.total += 1;
        if agreed {
            self.agree += 1;
        } else {
            self.disagreements.push(id.to_string());
        }
    }

    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.agree as f64 / self.total as f64
        }
    }
}

/// Precision and recall of one finding code (or of all together).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingScore {
    pub true_positives: usize,
    /// accessd found it, the clerk did not.
    pub false_positives: Vec<String>,
    /// The clerk found it, accessd did not.
    pub false_negatives: Vec<String>,
}

impl FindingScore {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives.len())
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives.len())
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AccuracyReport {
    pub compared: usize,
    pub disposition: Score,
    /// (clerk's disposition, accessd's) → messages.
    pub confusion: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    pub findings: BTreeMap<FindingCode, FindingScore>,
    pub findings_overall: FindingScore,
    /// The clerk flagged or ignored it (a spoofed, unauthenticated or wrong-account
    /// sender, automatic mail) and accessd made it ready for review or would answer it.
    pub safety_errors: Vec<String>,
    /// In a corpus: each field, the sender checks, the request, and each document
    /// property compared.
    pub fields: BTreeMap<String, Score>,
    pub documents: BTreeMap<String, Score>,
    /// Messages that could not be screened at all, with why (filled in by the shell).
    pub unscreened: Vec<(String, String)>,
}

/// Compares every pair.
pub fn report(pairs: &[Compared]) -> AccuracyReport {
    let mut r = AccuracyReport { compared: pairs.len(), ..Default::default() };
    for p in pairs {
        let (ours, theirs) = (&p.accessd, &p.clerk);
        r.disposition.add(&p.id, ours.disposition == theirs.disposition);
        r.confusion
            .entry(theirs.disposition.to_string())
            .or_default()
            .entry(ours.disposition.to_string())
            .or_default()
            .push(p.id.clone());
        score_findings(&mut r, &p.id, ours, theirs);
        if is_safety_error(ours.disposition, theirs.disposition) {
            r.safety_errors.push(p.id.clone());
        }
        if let (Some(o), Some(t)) = (&ours.result, &theirs.result) {
            score_fields(&mut r.fields, &p.id, o, t);
            score_documents(&mut r.documents, &p.id, o, t);
        }
    }
    r
}

/// A request a clerk would flag or ignore that accessd sends on as ready, or automatic
/// mail accessd would answer.
fn is_safety_error(ours: Disposition, theirs: Disposition) -> bool {
    match theirs {
        Disposition::Flagged => ours == Disposition::ReadyForReview,
        Disposition::Ignored => ours != Disposition::Ignored,
        _ => false,
    }
}

fn score_findings(r: &mut AccuracyReport, id: &str, ours: &Verdict, theirs: &Verdict) {
    for code in ours.findings.union(&theirs.findings) {
        let (found, wanted) = (ours.findings.contains(code), theirs.findings.contains(code));
        for score in [r.findings.entry(*code).or_default(), &mut r.findings_overall] {
            match (found, wanted) {
                (true, true) => score.true_positives += 1,
                (true, false) => score.false_positives.push(id.to_string()),
                (false, true) => score.false_negatives.push(id.to_string()),
                (false, false) => {}
            }
        }
    }
}

fn score_fields(scores: &mut BTreeMap<String, Score>, id: &str, ours: &CourtResult, theirs: &CourtResult) {
    let (o, t) = (&ours.fields, &theirs.fields);
    let mut add = |key: &str, agreed: bool| scores.entry(key.to_string()).or_default().add(id, agreed);
    add("name", same_option(&o.name, &t.name, same_name));
    add("user_id", same_option(&o.user_id, &t.user_id, |a, b| a.eq_ignore_ascii_case(b)));
    add("case_name", same_option(&o.case_name, &t.case_name, same_caption));
    add("docket_number", o.docket_number == t.docket_number);
    add("sender_matches_account", ours.sender_matches_account == theirs.sender_matches_account);
    add("sender_authenticated", ours.sender_authenticated == theirs.sender_authenticated);
    add("request_id", ours.request_id == theirs.request_id);
}

/// Documents are compared file by file, in message order; a different list of files
/// counts against every property.
fn score_documents(scores: &mut BTreeMap<String, Score>, id: &str, ours: &CourtResult, theirs: &CourtResult) {
    let same_files = ours.documents.len() == theirs.documents.len()
        && ours.documents.iter().zip(&theirs.documents).all(|(a, b)| a.filename == b.filename);
    scores.entry("files".into()).or_default().add(id, same_files);
    if !same_files {
        return;
    }
    for (o, t) in ours.documents.iter().zip(&theirs.documents) {
        let mut add = |key: &str, agreed: bool| scores.entry(key.to_string()).or_default().add(id, agreed);
        add("kind", o.kind == t.kind);
        add("legible", o.legible == t.legible);
        if t.kind.as_deref() == Some("photo_id") {
            add("id_type", o.id_type == t.id_type);
            add("expires", o.expires == t.expires);
        }
        if t.kind.as_deref() == Some("photo_id") && t.legible == Some(true) {
            add("name_on_id (legible IDs)", same_option(&o.name_on_id, &t.name_on_id, same_name));
        }
    }
}

fn same_option(a: &Option<String>, b: &Option<String>, same: impl Fn(&str, &str) -> bool) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Names compare as sets of tokens, ignoring case, accents and punctuation.
fn same_name(a: &str, b: &str) -> bool {
    let set = |s: &str| name_tokens(s).into_iter().collect::<BTreeSet<_>>();
    set(a) == set(b)
}

/// Captions compare ignoring case, spacing and the punctuation around words.
fn same_caption(a: &str, b: &str) -> bool {
    name_tokens(a) == name_tokens(b)
}

/// The report as text for people.
pub fn render(r: &AccuracyReport) -> String {
    let mut out = format!("compared: {}\n\n", r.compared);
    out.push_str(&format!(
        "disposition agreement: {}/{} ({:.1}%)\n",
        r.disposition.agree,
        r.disposition.total,
        100.0 * r.disposition.rate()
    ));
    out.push_str(&render_confusion(r));
    out.push_str(&format!(
        "\nfindings: precision {:.3}, recall {:.3}\n",
        r.findings_overall.precision(),
        r.findings_overall.recall()
    ));
    out.push_str(&format!(
        "  {:<28} {:>4} {:>4} {:>4}  {:>9} {:>6}\n",
        "code", "tp", "fp", "fn", "precision", "recall"
    ));
    for (code, s) in &r.findings {
        out.push_str(&format!(
            "  {:<28} {:>4} {:>4} {:>4}  {:>9.3} {:>6.3}{}\n",
            code.as_str(),
            s.true_positives,
            s.false_positives.len(),
            s.false_negatives.len(),
            s.precision(),
            s.recall(),
            examples(&s.false_positives, &s.false_negatives)
        ));
    }
    for (title, scores) in [("fields", &r.fields), ("documents", &r.documents)] {
        if !scores.is_empty() {
            out.push_str(&format!("\n{title}:\n"));
        }
        for (key, s) in scores {
            out.push_str(&format!(
                "  {:<28} {:>5}/{:<5} {:>6.1}%{}\n",
                key,
                s.agree,
                s.total,
                100.0 * s.rate(),
                examples(&s.disagreements, &[])
            ));
        }
    }
    out.push_str(&format!("\nsafety errors: {}{}\n", r.safety_errors.len(), examples(&r.safety_errors, &[])));
    for (id, why) in &r.unscreened {
        out.push_str(&format!("not screened: {id}: {why}\n"));
    }
    out
}

fn render_confusion(r: &AccuracyReport) -> String {
    let all = ["ready_for_review", "needs_information", "flagged", "ignored"];
    let mut out = format!("  {:<19}", "clerk \\ accessd");
    for d in all {
        out.push_str(&format!(" {:>17}", d));
    }
    out.push('\n');
    for clerk in all {
        out.push_str(&format!("  {clerk:<19}"));
        for ours in all {
            let n = r.confusion.get(clerk).and_then(|m| m.get(ours)).map_or(0, Vec::len);
            out.push_str(&format!(" {n:>17}"));
        }
        out.push('\n');
    }
    for (clerk, row) in &r.confusion {
        for (ours, ids) in row.iter().filter(|(ours, _)| *ours != clerk) {
            out.push_str(&format!("  clerk {clerk}, accessd {ours}:{}\n", examples(ids, &[])));
        }
    }
    out
}

/// A few of the messages behind a number, so a disagreement can be looked up.
fn examples(a: &[String], b: &[String]) -> String {
    let ids: Vec<&String> = a.iter().chain(b).collect();
    if ids.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = ids.iter().take(8).map(|s| s.as_str()).collect();
    let more = if ids.len() > 8 { format!(" and {} more", ids.len() - 8) } else { String::new() };
    format!("  [{}{more}]", shown.join(", "))
}

#[cfg(test)]
mod tests;
