//! Directory rows in the database: upserted per file in one transaction, read back as
//! the small snapshot one message needs.

use chrono::DateTime;
use sqlx::Row;

use super::import::DirectoryRows;
use super::{AccessRequest, Account, AccountType, Case, CaseType, DirectoryQuery, DirectorySnapshot, Party, PartyKind};
use crate::db::{BeginWrite, Db, DbError};
use crate::domain::{CaseName, DocketNumber, EmailAddress, PersonName, UserId};
use crate::on_pool;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: usize,
    /// Rows inserted or changed; re-importing the same file gives 0.
    pub changed: u64,
}

const UPSERT_ACCOUNT: &str = "INSERT INTO accounts (user_id_key, user_id, full_name, email, email_key, account_type, business_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (user_id_key) DO UPDATE SET user_id = excluded.user_id, full_name = excluded.full_name,
        email = excluded.email, email_key = excluded.email_key, account_type = excluded.account_type,
        business_name = excluded.business_name
     WHERE accounts.user_id IS DISTINCT FROM excluded.user_id OR accounts.full_name IS DISTINCT FROM excluded.full_name
        OR accounts.email IS DISTINCT FROM excluded.email OR accounts.account_type IS DISTINCT FROM excluded.account_type
        OR accounts.business_name IS DISTINCT FROM excluded.business_name";

const UPSERT_CASE: &str = "INSERT INTO cases (docket_number, docket_core, case_name, case_type) VALUES ($1, $2, $3, $4)
     ON CONFLICT (docket_number) DO UPDATE SET case_name = excluded.case_name, case_type = excluded.case_type
     WHERE cases.case_name IS DISTINCT FROM excluded.case_name OR cases.case_type IS DISTINCT FROM excluded.case_type";

const UPSERT_PARTY: &str =
    "INSERT INTO parties (docket_number, party_key, party_name, role, party_kind) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (docket_number, party_key) DO UPDATE SET party_name = excluded.party_name, role = excluded.role,
        party_kind = excluded.party_kind
     WHERE parties.party_name IS DISTINCT FROM excluded.party_name OR parties.role IS DISTINCT FROM excluded.role
        OR parties.party_kind IS DISTINCT FROM excluded.party_kind";

const UPSERT_REQUEST: &str =
    "INSERT INTO access_requests (request_id, user_id_key, user_id, docket_number, party_name, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (request_id) DO UPDATE SET user_id_key = excluded.user_id_key, user_id = excluded.user_id,
        docket_number = excluded.docket_number, party_name = excluded.party_name, requested_at = excluded.requested_at
     WHERE access_requests.user_id IS DISTINCT FROM excluded.user_id
        OR access_requests.docket_number IS DISTINCT FROM excluded.docket_number
        OR access_requests.party_name IS DISTINCT FROM excluded.party_name
        OR access_requests.requested_at IS DISTINCT FROM excluded.requested_at";

fn account_type_str(t: AccountType) -> &'static str {
    match t {
        AccountType::Individual => "individual",
        AccountType::Business => "business",
    }
}

fn case_type_str(t: CaseType) -> &'static str {
    match t {
        CaseType::Civil => "civil",
        CaseType::Family => "family",
        CaseType::Housing => "housing",
        CaseType::SmallClaims => "small_claims",
    }
}

fn party_kind_str(k: PartyKind) -> &'static str {
    match k {
        PartyKind::Person => "person",
        PartyKind::Business => "business",
    }
}

/// Upserts every row of one file in a single transaction: all or nothing.
pub async fn import(db: &Db, rows: &DirectoryRows) -> Result<ImportSummary, DbError> {
    let changed = on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let mut changed = 0u64;
        match rows {
            DirectoryRows::Accounts(list) => {
                for a in list {
                    changed += sqlx::query(UPSERT_ACCOUNT)
                        .bind(a.user_id.folded())
                        .bind(a.user_id.as_str())
                        .bind(a.full_name.as_str())
                        .bind(a.email.to_string())
                        .bind(a.email.folded())
                        .bind(account_type_str(a.account_type))
                        .bind(a.business_name.as_deref())
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }
            DirectoryRows::Cases(list) => {
                for c in list {
                    changed += sqlx::query(UPSERT_CASE)
                        .bind(c.docket.to_string())
                        .bind(c.docket.core())
                        .bind(c.case_name.as_str())
                        .bind(case_type_str(c.case_type))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }
            DirectoryRows::Parties(list) => {
                for p in list {
                    changed += sqlx::query(UPSERT_PARTY)
                        .bind(p.docket.to_string())
                        .bind(p.party_name.to_uppercase())
                        .bind(p.party_name.as_str())
                        .bind(p.role.as_str())
                        .bind(party_kind_str(p.party_kind))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }
            DirectoryRows::Requests(list) => {
                for r in list {
                    changed += sqlx::query(UPSERT_REQUEST)
                        .bind(r.request_id.as_str())
                        .bind(r.user_id.folded())
                        .bind(r.user_id.as_str())
                        .bind(r.docket.to_string())
                        .bind(r.party_name.as_str())
                        .bind(r.requested_at.to_rfc3339())
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }
        }
        tx.commit().await?;
        Ok::<u64, sqlx::Error>(changed)
    })?;
    Ok(ImportSummary { rows: rows.len(), changed })
}

/// Loads the rows a message can concern: the accounts it names or comes from, the
/// cases whose docket core it mentions with their parties, and those accounts' requests.
pub async fn snapshot(db: &Db, query: &DirectoryQuery) -> Result<DirectorySnapshot, DbError> {
    let mut snapshot = DirectorySnapshot::default();
    on_pool!(db, |pool| {
        let mut conn = pool.acquire().await?;
        // Every word of a message may be asked about: a hundred keys per query.
        for keys in query.user_ids.chunks(100) {
            let placeholders: Vec<String> = (1..=keys.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT user_id, full_name, email, account_type, business_name FROM accounts WHERE user_id_key IN ({})",
                placeholders.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for key in keys {
                q = q.bind(key);
            }
            for row in q.fetch_all(&mut *conn).await? {
                push_unique(&mut snapshot.accounts, account_from(&row)?);
            }
        }
        for key in &query.emails {
            let rows = sqlx::query(
                "SELECT user_id, full_name, email, account_type, business_name FROM accounts WHERE email_key = $1",
            )
            .bind(key)
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                push_unique(&mut snapshot.accounts, account_from(&row)?);
            }
        }
        for core in &query.docket_cores {
            let rows = sqlx::query("SELECT docket_number, case_name, case_type FROM cases WHERE docket_core = $1")
                .bind(core)
                .fetch_all(&mut *conn)
                .await?;
            for row in rows {
                let case = case_from(&row)?;
                let parties = sqlx::query(
                    "SELECT docket_number, party_name, role, party_kind FROM parties WHERE docket_number = $1",
                )
                .bind(case.docket.to_string())
                .fetch_all(&mut *conn)
                .await?;
                for p in parties {
                    push_unique(&mut snapshot.parties, party_from(&p)?);
                }
                push_unique(&mut snapshot.cases, case);
            }
        }
        let user_keys: Vec<String> = snapshot.accounts.iter().map(|a| a.user_id.folded()).collect();
        for key in user_keys {
            let rows = sqlx::query("SELECT request_id, user_id, docket_number, party_name, requested_at FROM access_requests WHERE user_id_key = $1")
                .bind(key)
                .fetch_all(&mut *conn)
                .await?;
            for row in rows {
                push_unique(&mut snapshot.requests, request_from(&row)?);
            }
        }
        // The cases of those requests, so the party's words can be searched for them.
        let request_dockets: Vec<String> = snapshot.requests.iter().map(|r| r.docket.to_string()).collect();
        for docket in request_dockets {
            if snapshot.cases.iter().any(|c| c.docket.to_string() == docket) {
                continue;
            }
            let rows = sqlx::query("SELECT docket_number, case_name, case_type FROM cases WHERE docket_number = $1")
                .bind(&docket)
                .fetch_all(&mut *conn)
                .await?;
            for row in rows {
                push_unique(&mut snapshot.cases, case_from(&row)?);
            }
            let parties =
                sqlx::query("SELECT docket_number, party_name, role, party_kind FROM parties WHERE docket_number = $1")
                    .bind(&docket)
                    .fetch_all(&mut *conn)
                    .await?;
            for p in parties {
                push_unique(&mut snapshot.parties, party_from(&p)?);
            }
        }
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(snapshot)
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Stored values were validated on import; a value that no longer parses means the
/// database was edited by hand, which is reported as a decode error.
fn corrupt(column: &str, e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: column.to_string(), source: e.to_string().into() }
}

fn account_from<R: Row>(row: &R) -> Result<Account, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database>,
{
    let get = |c: &str| row.try_get::<String, _>(c);
    Ok(Account {
        user_id: UserId::parse(&get("user_id")?).map_err(|e| corrupt("user_id", e))?,
        full_name: PersonName::parse(&get("full_name")?).map_err(|e| corrupt("full_name", e))?,
        email: EmailAddress::parse(&get("email")?).map_err(|e| corrupt("email", e))?,
        account_type: match get("account_type")?.as_str() {
            "business" => AccountType::Business,
            _ => AccountType::Individual,
        },
        business_name: row.try_get::<Option<String>, _>("business_name")?,
    })
}

fn case_from<R: Row>(row: &R) -> Result<Case, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let get = |c: &str| row.try_get::<String, _>(c);
    Ok(Case {
        docket: DocketNumber::parse(&get("docket_number")?).map_err(|e| corrupt("docket_number", e))?,
        case_name: CaseName::parse(&get("case_name")?).map_err(|e| corrupt("case_name", e))?,
        case_type: match get("case_type")?.as_str() {
            "family" => CaseType::Family,
            "housing" => CaseType::Housing,
            "small_claims" => CaseType::SmallClaims,
            _ => CaseType::Civil,
        },
    })
}

fn party_from<R: Row>(row: &R) -> Result<Party, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let get = |c: &str| row.try_get::<String, _>(c);
    Ok(Party {
        docket: DocketNumber::parse(&get("docket_number")?).map_err(|e| corrupt("docket_number", e))?,
        party_name: get("party_name")?,
        role: get("role")?,
        party_kind: match get("party_kind")?.as_str() {
            "business" => PartyKind::Business,
            _ => PartyKind::Person,
        },
    })
}

fn request_from<R: Row>(row: &R) -> Result<AccessRequest, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let get = |c: &str| row.try_get::<String, _>(c);
    Ok(AccessRequest {
        request_id: get("request_id")?,
        user_id: UserId::parse(&get("user_id")?).map_err(|e| corrupt("user_id", e))?,
        docket: DocketNumber::parse(&get("docket_number")?).map_err(|e| corrupt("docket_number", e))?,
        party_name: get("party_name")?,
        requested_at: DateTime::parse_from_rfc3339(&get("requested_at")?).map_err(|e| corrupt("requested_at", e))?,
    })
}
