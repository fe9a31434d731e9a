//! A reader for the `Authentication-Results` header field (RFC 8601). No maintained
//! crate parses it (mail-auth writes it but does not read it), so this is by hand and
//! small: comments are removed, the value is split into the authserv-id and one
//! `method=result` with properties per `;`-separated clause.

/// One parsed `Authentication-Results` header.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuthenticationResults {
    pub authserv_id: String,
    pub results: Vec<MethodResult>,
}

/// One `method=result` clause with its `ptype.property=value` pairs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MethodResult {
    /// Lower case: `dmarc`, `dkim`, `spf`, `arc`, …
    pub method: String,
    /// Lower case: `pass`, `fail`, `none`, `softfail`, …
    pub result: String,
    /// `(ptype.property, value)`, e.g. `("header.d", "gmail.com")`; names lower case.
    pub properties: Vec<(String, String)>,
}

impl MethodResult {
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Parses one header value. Returns `None` when there is no authserv-id at all; clauses
/// that are not `method=result` are skipped rather than failing the whole header.
pub fn parse(value: &str) -> Option<AuthenticationResults> {
    let cleaned = strip_comments(value);
    let mut clauses = split_outside_quotes(&cleaned, ';').into_iter();
    let head = clauses.next()?;
    let authserv_id = head.split_whitespace().next()?.trim_matches('"').to_ascii_lowercase();
    if authserv_id.is_empty() {
        return None;
    }
    let results = clauses.filter_map(|clause| parse_clause(&clause)).collect();
    Some(AuthenticationResults { authserv_id, results })
}

fn parse_clause(clause: &str) -> Option<MethodResult> {
    let tokens = tokens(clause);
    let mut iter = tokens.into_iter();
    let (method, result) = iter.next()?.split_once('=').map(|(m, r)| (m.to_string(), r.to_string()))?;
    // `method/version`: the version is irrelevant here.
    let method = method.split('/').next().unwrap_or("").trim().to_ascii_lowercase();
    let result = result.trim().trim_matches('"').to_ascii_lowercase();
    if method.is_empty() || result.is_empty() || method == "none" {
        return None;
    }
    let properties = iter
        .filter_map(|t| {
            let (name, value) = t.split_once('=')?;
            let name = name.trim().to_ascii_lowercase();
            (name.contains('.')).then(|| (name, value.trim().trim_matches('"').to_string()))
        })
        .collect();
    Some(MethodResult { method, result, properties })
}

/// Splits a clause into `name=value` tokens, joining `name = value` written with spaces.
fn tokens(clause: &str) -> Vec<String> {
    let raw = split_outside_quotes(clause, ' ');
    let mut out: Vec<String> = Vec::new();
    for piece in raw.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
        match out.last_mut() {
            Some(last) if last.ends_with('=') || piece.starts_with('=') => last.push_str(&piece),
            _ => out.push(piece),
        }
    }
    out
}

/// Removes RFC 5322 comments `( … )`, nested, but not inside quoted strings.
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if depth == 0 {
                out.push(c);
            }
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                escaped = true;
                if depth == 0 {
                    out.push(c);
                }
            }
            '"' if depth == 0 => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn split_outside_quotes(value: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in value.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        let is_sep = if separator == ' ' { c.is_whitespace() } else { c == separator };
        if is_sep && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_typical_header() {
        let ar = parse(
            "mx.eservices.example; dkim=pass header.i=@gmail.example header.s=20230601 header.b=KNUkEMFE; \
             spf=pass (mx.eservices.example: domain of dana@gmail.example designates 209.85.220.85 as permitted sender) smtp.mailfrom=dana@gmail.example; \
             dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.example",
        )
        .unwrap();
        assert_eq!(ar.authserv_id, "mx.eservices.example");
        assert_eq!(ar.results.len(), 3);
        assert_eq!(ar.results[0].method, "dkim");
        assert_eq!(ar.results[0].property("header.i"), Some("@gmail.example"));
        assert_eq!(ar.results[1].property("smtp.mailfrom"), Some("dana@gmail.example"));
        assert_eq!(ar.results[2].result, "pass");
        assert_eq!(ar.results[2].property("header.from"), Some("gmail.example"));
    }

    #[test]
    fn version_reason_and_spacing() {
        let ar = parse("MX.Court.Example 1; dkim = pass reason=\"good; sig\" header.d = example.org").unwrap();
        assert_eq!(ar.authserv_id, "mx.court.example");
        assert_eq!(ar.results[0].result, "pass");
        assert_eq!(ar.results[0].property("header.d"), Some("example.org"));
    }

    #[test]
    fn comment_cannot_fake_a_result() {
        let ar = parse("mx.example; dmarc=fail (dmarc=pass; spf=pass) header.from=x.example").unwrap();
        assert_eq!(ar.results.len(), 1);
        assert_eq!(ar.results[0].result, "fail");
    }

    #[test]
    fn no_result_and_garbage() {
        assert_eq!(parse("mx.example; none").unwrap().results, vec![]);
        assert_eq!(parse(""), None);
        assert_eq!(parse(";;;"), None);
        let _ = parse("((((((\"\\");
    }
}
