//! `accessd check FILE.eml`: screens one message against the directory in the
//! database. Writes nothing, sends nothing.

use chrono::Utc;

use crate::screener::{ScreenError, Screener};
use crate::screening::Screening;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} cannot be screened: {source}")]
    Screen { path: String, source: ScreenError },
}

/// Screens the raw message at `path`.
pub async fn check_file(screener: &Screener, path: &std::path::Path) -> Result<Screening, CheckError> {
    let display = path.display().to_string();
    let raw = read_capped(path, screener.limits.max_message_bytes)
        .map_err(|source| CheckError::Read { path: display.clone(), source })?;
    screener.screen_raw(&raw, Utc::now()).await.map_err(|source| CheckError::Screen { path: display, source })
}

/// Reads at most one byte more than the limit, so a huge file is refused without
/// being read whole.
fn read_capped(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut raw = Vec::new();
    std::fs::File::open(path)?.take(limit.saturating_add(1)).read_to_end(&mut raw)?;
    Ok(raw)
}

/// A short summary for people.
pub fn human_summary(s: &Screening) -> String {
    let mut out = format!("disposition: {}\n", s.disposition);
    let field = |v: Option<String>| v.unwrap_or_else(|| "(not stated)".into());
    out.push_str(&format!("name:        {}\n", field(s.fields.name.as_ref().map(|v| v.to_string()))));
    out.push_str(&format!("user id:     {}\n", field(s.fields.user_id.as_ref().map(|v| v.to_string()))));
    out.push_str(&format!("case name:   {}\n", field(s.fields.case_name.as_ref().map(|v| v.to_string()))));
    out.push_str(&format!("docket:      {}\n", field(s.fields.docket_number.as_ref().map(|v| v.to_string()))));
    out.push_str(&format!(
        "sender:      {} ({}, {})\n",
        s.sender.from.as_ref().map_or("(no single From address)".to_string(), |f| f.to_string()),
        if s.sender_matches_account { "matches the account" } else { "does not match an account" },
        if s.sender_authenticated { "authenticated" } else { "NOT authenticated" },
    ));
    out.push_str(&format!("request:     {}\n", s.request_id.as_deref().unwrap_or("(none)")));
    for d in &s.documents {
        out.push_str(&format!(
            "document:    {} ({}{})\n",
            d.filename.as_deref().unwrap_or("(unnamed)"),
            d.format.map_or("unknown format".to_string(), |f| format!("{f:?}").to_lowercase()),
            d.kind.map_or(String::new(), |k| format!(
                ", {}",
                serde_json::to_value(k).unwrap_or_default().as_str().unwrap_or("")
            )),
        ));
    }
    for note in &s.clerk_notes {
        out.push_str(&format!("check:       {note}\n"));
    }
    if s.findings.is_empty() {
        out.push_str("findings:    none\n");
    }
    for f in &s.findings {
        let detail = if f.detail.is_empty() { f.code.rule().meaning.to_string() } else { f.detail.clone() };
        out.push_str(&format!("finding:     {} — {}\n", f.code, detail));
    }
    out
}
