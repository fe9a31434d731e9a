//! Reading the directory's CSV exports. Pure: bytes in, typed rows or an error that
//! names the line and the column out. The store writes the rows.

use std::collections::HashMap;

use chrono::DateTime;

use super::{AccessRequest, Account, AccountType, Case, CaseType, Party, PartyKind};
use crate::domain::{CaseName, DocketNumber, EmailAddress, PersonName, UserId};

/// The four files E-Services exports, with exactly these columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DirectoryFile {
    Accounts,
    Cases,
    Parties,
    Requests,
}

impl DirectoryFile {
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            DirectoryFile::Accounts => &["user_id", "full_name", "email", "account_type", "business_name"],
            DirectoryFile::Cases => &["docket_number", "case_name", "case_type"],
            DirectoryFile::Parties => &["docket_number", "party_name", "role", "party_kind"],
            DirectoryFile::Requests => &["request_id", "user_id", "docket_number", "party_name", "requested_at"],
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("line {line}, column `{column}`: {reason}. Nothing from this file was imported; fix the line and run the import again")]
    Field { line: u64, column: String, reason: String },
    #[error("the header line has no column `{column}`; a {file} file needs the columns {expected}")]
    MissingColumn { column: String, file: String, expected: String },
    #[error("the header line has a column `{column}` that a {file} file does not have (expected {expected}); is this the right file?")]
    UnexpectedColumn { column: String, file: String, expected: String },
    #[error("line {line}: {reason}. Nothing from this file was imported")]
    Csv { line: u64, reason: String },
    #[error(
        "line {line}: `{key}` appears twice in this file (first on line {first}). Nothing from this file was imported"
    )]
    Duplicate { line: u64, key: String, first: u64 },
}

/// Rows of one file, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryRows {
    Accounts(Vec<Account>),
    Cases(Vec<Case>),
    Parties(Vec<Party>),
    Requests(Vec<AccessRequest>),
}

impl DirectoryRows {
    pub fn len(&self) -> usize {
        match self {
            DirectoryRows::Accounts(r) => r.len(),
            DirectoryRows::Cases(r) => r.len(),
            DirectoryRows::Parties(r) => r.len(),
            DirectoryRows::Requests(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A CSV record with its columns addressed by name.
struct Record<'a> {
    line: u64,
    values: &'a csv::StringRecord,
    index: &'a HashMap<String, usize>,
}

impl Record<'_> {
    fn raw(&self, column: &str) -> &str {
        self.index.get(column).and_then(|&i| self.values.get(i)).unwrap_or("").trim()
    }

    fn fail(&self, column: &str, reason: impl std::fmt::Display) -> ImportError {
        ImportError::Field { line: self.line, column: column.to_string(), reason: reason.to_string() }
    }

    fn required(&self, column: &str) -> Result<&str, ImportError> {
        let v = self.raw(column);
        if v.is_empty() {
            Err(self.fail(column, "is empty"))
        } else {
            Ok(v)
        }
    }

    fn parse<T, E: std::fmt::Display>(&self, column: &str, f: impl Fn(&str) -> Result<T, E>) -> Result<T, ImportError> {
        f(self.required(column)?).map_err(|e| self.fail(column, e))
    }
}

/// Parses one export file. The whole file is refused at the first bad row.
pub fn parse(file: DirectoryFile, bytes: &[u8]) -> Result<DirectoryRows, ImportError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(bytes);
    let headers = reader.headers().map_err(|e| ImportError::Csv { line: 1, reason: e.to_string() })?.clone();
    let index = check_header(file, &headers)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut rows = match file {
        DirectoryFile::Accounts => DirectoryRows::Accounts(Vec::new()),
        DirectoryFile::Cases => DirectoryRows::Cases(Vec::new()),
        DirectoryFile::Parties => DirectoryRows::Parties(Vec::new()),
        DirectoryFile::Requests => DirectoryRows::Requests(Vec::new()),
    };
    for result in reader.records() {
        let values = result
            .map_err(|e| ImportError::Csv { line: e.position().map_or(0, |p| p.line()), reason: e.to_string() })?;
        let line = values.position().map_or(0, |p| p.line());
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let rec = Record { line, values: &values, index: &index };
        let key = match &mut rows {
            DirectoryRows::Accounts(v) => {
                let a = account(&rec)?;
                let key = a.user_id.folded();
                v.push(a);
                key
            }
            DirectoryRows::Cases(v) => {
                let c = case(&rec)?;
                let key = c.docket.to_string();
                v.push(c);
                key
            }
            DirectoryRows::Parties(v) => {
                let p = party(&rec)?;
                let key = format!("{} / {}", p.docket, p.party_name.to_uppercase());
                v.push(p);
                key
            }
            DirectoryRows::Requests(v) => {
                let r = request(&rec)?;
                let key = r.request_id.clone();
                v.push(r);
                key
            }
        };
        if let Some(first) = seen.insert(key.clone(), line) {
            return Err(ImportError::Duplicate { line, key, first });
        }
    }
    Ok(rows)
}

fn check_header(file: DirectoryFile, headers: &csv::StringRecord) -> Result<HashMap<String, usize>, ImportError> {
    let expected = file.columns();
    let name = format!("{file:?}").to_lowercase();
    let expected_list = expected.join(",");
    let index: HashMap<String, usize> =
        headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i)).collect();
    for column in expected {
        if !index.contains_key(*column) {
            return Err(ImportError::MissingColumn { column: column.to_string(), file: name, expected: expected_list });
        }
    }
    if let Some(extra) = index.keys().find(|k| !expected.contains(&k.as_str())) {
        return Err(ImportError::UnexpectedColumn { column: extra.clone(), file: name, expected: expected_list });
    }
    Ok(index)
}

fn one_of<'a, T: Copy>(options: &'a [(&'a str, T)]) -> impl Fn(&str) -> Result<T, String> + 'a {
    move |v: &str| {
        options.iter().find(|(name, _)| name.eq_ignore_ascii_case(v)).map(|(_, t)| *t).ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            format!("`{v}` is not one of {}", names.join(", "))
        })
    }
}

fn account(rec: &Record<'_>) -> Result<Account, ImportError> {
    let account_type = rec.parse(
        "account_type",
        one_of(&[("individual", AccountType::Individual), ("business", AccountType::Business)]),
    )?;
    let business_name = Some(rec.raw("business_name").to_string()).filter(|b| !b.is_empty());
    if account_type == AccountType::Business && business_name.is_none() {
        return Err(rec.fail("business_name", "is empty, but account_type is business"));
    }
    Ok(Account {
        user_id: rec.parse("user_id", UserId::parse)?,
        full_name: rec.parse("full_name", PersonName::parse)?,
        email: rec.parse("email", EmailAddress::parse)?,
        account_type,
        business_name,
    })
}

fn complete_docket(v: &str) -> Result<DocketNumber, String> {
    let d = DocketNumber::parse(v).map_err(|e| e.to_string())?;
    if d.is_complete() {
        Ok(d)
    } else {
        Err(format!(
            "`{v}` has no suffix letter (the directory must hold full docket numbers such as HHD-CV17-5022125-S)"
        ))
    }
}

fn case(rec: &Record<'_>) -> Result<Case, ImportError> {
    Ok(Case {
        docket: rec.parse("docket_number", complete_docket)?,
        case_name: rec.parse("case_name", CaseName::parse)?,
        case_type: rec.parse(
            "case_type",
            one_of(&[
                ("civil", CaseType::Civil),
                ("family", CaseType::Family),
                ("housing", CaseType::Housing),
                ("small_claims", CaseType::SmallClaims),
            ]),
        )?,
    })
}

fn party(rec: &Record<'_>) -> Result<Party, ImportError> {
    Ok(Party {
        docket: rec.parse("docket_number", complete_docket)?,
        party_name: rec.required("party_name")?.to_string(),
        role: rec.required("role")?.to_string(),
        party_kind: rec
            .parse("party_kind", one_of(&[("person", PartyKind::Person), ("business", PartyKind::Business)]))?,
    })
}

fn request(rec: &Record<'_>) -> Result<AccessRequest, ImportError> {
    Ok(AccessRequest {
        request_id: rec.required("request_id")?.to_string(),
        user_id: rec.parse("user_id", UserId::parse)?,
        docket: rec.parse("docket_number", complete_docket)?,
        party_name: rec.required("party_name")?.to_string(),
        requested_at: rec.parse("requested_at", |v| {
            DateTime::parse_from_rfc3339(v)
                .map_err(|_| format!("`{v}` is not an ISO 8601 time such as 2026-10-05T20:14:00-04:00"))
        })?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sample_fixtures() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/fixtures");
        if !dir.exists() {
            return;
        }
        for (file, name) in [
            (DirectoryFile::Accounts, "accounts.csv"),
            (DirectoryFile::Cases, "cases.csv"),
            (DirectoryFile::Parties, "parties.csv"),
            (DirectoryFile::Requests, "access_requests.csv"),
        ] {
            let rows = parse(file, &std::fs::read(dir.join(name)).unwrap()).unwrap();
            assert!(rows.len() >= 14, "{name}");
        }
    }

    #[test]
    fn bad_row_names_line_and_column() {
        let csv =
            "docket_number,case_name,case_type\nHHD-CV24-6187342-S,A v. B,civil\nHHD-CV24-618734-S,C v. D,civil\n";
        let err = parse(DirectoryFile::Cases, csv.as_bytes()).unwrap_err();
        assert!(matches!(&err, ImportError::Field { line: 3, column, .. } if column == "docket_number"), "{err}");
        assert!(err.to_string().contains("line 3"));

        let csv = "docket_number,case_name,case_type\nHHD-CV24-6187342-S,A v. B,criminal\n";
        let err = parse(DirectoryFile::Cases, csv.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("case_type") && err.contains("small_claims"), "{err}");
    }

    #[test]
    fn wrong_file_is_refused_by_its_header() {
        let csv = "docket_number,party_name,role,party_kind\n";
        let err = parse(DirectoryFile::Accounts, csv.as_bytes()).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumn { .. }));
    }

    #[test]
    fn duplicates_and_short_rows_are_refused() {
        let csv =
            "docket_number,case_name,case_type\nHHD-CV24-6187342-S,A v. B,civil\nhhd cv24 6187342 s,A v. B,civil\n";
        assert!(matches!(parse(DirectoryFile::Cases, csv.as_bytes()), Err(ImportError::Duplicate { line: 3, .. })));
        let csv = "docket_number,case_name,case_type\nHHD-CV24-6187342-S,A v. B\n";
        assert!(matches!(parse(DirectoryFile::Cases, csv.as_bytes()), Err(ImportError::Csv { .. })));
    }

    #[test]
    fn business_account_needs_business_name() {
        let csv = "user_id,full_name,email,account_type,business_name\nbiz1,Ray K,ray@x.example,business,\n";
        let err = parse(DirectoryFile::Accounts, csv.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("business_name"), "{err}");
    }
}
