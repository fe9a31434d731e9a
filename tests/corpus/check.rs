//! Consistency checks on generated truth: findings in the README's order and matching
//! the disposition, null fields for ignored mail, missing-field findings exactly where
//! a field is null, one document per attached file, intended findings present.

use super::compose::Message;
use super::truth::{self, FINDINGS};
use super::world::World;

fn docket_ok(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let core = if parts.len() == 5 { &parts[1..] } else { &parts[..] };
    core.len() == 4
        && core[0].len() == 3
        && core[0].chars().all(|c| c.is_ascii_uppercase())
        && (core[1].starts_with("CV") || core[1].starts_with("FA"))
        && core[1].len() == 4
        && core[2].len() == 7
        && core[2].chars().all(|c| c.is_ascii_digit())
        && core[3] == "S"
}

/// Non-text leaf parts in the raw message: a count made from the bytes, apart from how
/// the generator placed them (winmail.dat counts as its inner files, from the meta).
fn attached_parts(m: &Message) -> usize {
    let text = String::from_utf8_lossy(&m.eml).to_lowercase().replace("\r\n", "\n");
    let unfolded = text.replace("\n\t", " ").replace("\n ", " ");
    let types: Vec<&str> = unfolded.lines().filter(|l| l.starts_with("content-type:")).collect();
    let leaves = types
        .iter()
        .filter(|l| !l.contains("multipart/") && !l.contains("message/"))
        .filter(|l| !(l.contains("text/plain") || l.contains("text/html")) || l.contains("name="))
        .count();
    let tnef = types.iter().filter(|l| l.contains("application/ms-tnef")).count();
    let inner = m.meta.attachments.iter().filter(|a| a.placement == "in_winmail_dat").count();
    leaves - tnef + inner
}

/// Problems with one message's truth (empty when consistent).
pub fn check_message(world: &World, m: &Message) -> Vec<String> {
    let t = &m.truth;
    let mut p = Vec::new();
    let order: Vec<usize> = t.findings.iter().filter_map(|f| FINDINGS.iter().position(|x| x == f)).collect();
    if order.len() != t.findings.len() || order.windows(2).any(|w| w[0] >= w[1]) {
        p.push(format!("findings out of order or unknown: {:?}", t.findings));
    }
    if t.disposition != truth::disposition(&t.findings) {
        p.push(format!("disposition {} does not follow {:?}", t.disposition, t.findings));
    }
    for f in &m.meta.intended_findings {
        if !t.findings.contains(f) {
            p.push(format!("class {} should give {f}, truth has {:?}", m.meta.class, t.findings));
        }
    }
    if m.meta.intended_findings.is_empty() && t.disposition != "ready_for_review" {
        p.push(format!("class {} should be ready, truth has {:?}", m.meta.class, t.findings));
    }
    if t.disposition == "ignored" {
        let f = &t.fields;
        if f.name.is_some()
            || f.user_id.is_some()
            || f.case_name.is_some()
            || f.docket_number.is_some()
            || t.request_id.is_some()
        {
            p.push("ignored message with fields or request".into());
        }
        return p;
    }
    p.extend(check_fields(world, m));
    p
}

/// Field, request and document checks for a message that is not ignored.
fn check_fields(world: &World, m: &Message) -> Vec<String> {
    let t = &m.truth;
    let mut p = Vec::new();
    let fields = [&t.fields.name, &t.fields.user_id, &t.fields.case_name, &t.fields.docket_number];
    for (i, code) in
        ["missing_name", "missing_user_id", "missing_case_name", "missing_docket_number"].iter().enumerate()
    {
        if fields[i].is_none() != t.findings.contains(code) {
            p.push(format!("{code} disagrees with field {i}"));
        }
    }
    if let Some(d) = &t.fields.docket_number {
        if !docket_ok(d) {
            p.push(format!("docket not normalised: {d}"));
        }
    }
    if let Some(r) = &t.request_id {
        let req = world.requests.iter().find(|q| &q.id == r);
        if req.map(|q| world.cases[q.case].docket.as_str()) != t.fields.docket_number.as_deref() {
            p.push(format!("request {r} is not for the stated docket"));
        }
    }
    for d in &t.documents {
        if !d.legible && (d.name_on_id.is_some() || d.expires.is_some()) {
            p.push(format!("illegible {} has a name or expiry", d.filename));
        }
        if d.kind != "photo_id" && d.id_type.is_some() {
            p.push(format!("{} is not an ID but has an id_type", d.filename));
        }
    }
    let parts = attached_parts(m);
    if parts != t.documents.len() {
        p.push(format!("{} attached parts but {} documents", parts, t.documents.len()));
    }
    p
}

/// Problems across `messages`, each prefixed with the message's slug.
pub fn check(world: &World, messages: &[Message]) -> Vec<String> {
    messages.iter().flat_map(|m| check_message(world, m).into_iter().map(move |p| format!("{}: {p}", m.slug))).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_small_corpus_is_consistent() {
        let c = super::super::generate(7, 0, 6);
        let problems = super::check(&c.world, &c.messages);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn messages_depend_only_on_seed_and_index() {
        let a = super::super::generate(11, 5, 2);
        let b = super::super::generate(11, 6, 1);
        assert_eq!(a.messages[1].eml, b.messages[0].eml);
    }
}
