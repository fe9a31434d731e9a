//! Clerk accounts and desk sessions: argon2id password hashes, server-side sessions
//! (the cookie holds a random token; the database only its SHA-256) with an idle
//! timeout, a CSRF token per session, and login throttling per clerk name. Accounts
//! are deactivated, never deleted, so the audit trail keeps naming who acted.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::db::{parse_timestamp, timestamp, BeginWrite, Db, DbError};
use crate::{append_audit, on_pool};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Clerk,
    /// May also reverse decisions.
    Supervisor,
    /// May also manage clerks.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub const ALL: [Role; 3] = [Role::Clerk, Role::Supervisor, Role::Admin];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A signed-in clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clerk {
    pub name: String,
    pub role: Role,
}

#[derive(Debug, thiserror::Error)]
pub enum ClerkError {
    #[error("a clerk name is 2 to 64 letters, digits, dots, dashes, underscores or @")]
    BadName,
    #[error("the password must be at least 12 characters")]
    WeakPassword,
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("there is already a clerk named {0}")]
    Exists(String),
    #[error("there is no clerk named {0}")]
    NoClerk(String),
    #[error("{0} is the last active administrator; make another clerk an administrator first")]
    LastAdmin(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for ClerkError {
    fn from(e: sqlx::Error) -> Self {
        ClerkError::Db(DbError::Query(e))
    }
}

/// `@` because a court sign-on may name clerks by e-mail address (`desk.sso_header`).
fn valid_name(name: &str) -> bool {
    (2..=64).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
}

pub fn hash_password(password: &str) -> Result<String, ClerkError> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default() // argon2id, v0x13, OWASP-level defaults
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ClerkError::Hash(e.to_string()))
}

fn password_matches(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash).is_ok_and(|h| argon2::Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// The hash of an acceptable new account's password.
fn new_account(name: &str, password: &str) -> Result<String, ClerkError> {
    if !valid_name(name) {
        return Err(ClerkError::BadName);
    }
    if password.chars().count() < 12 {
        return Err(ClerkError::WeakPassword);
    }
    hash_password(password)
}

/// Adds a clerk, or sets an existing clerk's role and password.
pub async fn add(db: &Db, name: &str, role: Role, password: &str) -> Result<(), ClerkError> {
    let hash = new_account(name, password)?;
    let now = timestamp(Utc::now());
    on_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO clerks (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(&hash)
        .bind(&now)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Why a login failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginRefused {
    /// Wrong name or password (never says which).
    Invalid,
    /// Too many failures for this name recently; try again later.
    Throttled,
}

/// Login throttling: at most this many failures per name in the window.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;

/// A new session: the cookie token (only ever in the cookie) and the CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub clerk: Clerk,
}

fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

fn token_hash(token: &str) -> String {
    crate::intake::sha256_hex(token.as_bytes())
}

impl NewSession {
    fn for_clerk(clerk: Clerk) -> Self {
        Self { token: random_token(), csrf: random_token(), clerk }
    }
}

/// Opening a session: $1 token hash, $2 clerk, $3 CSRF token, $4 now.
const INSERT_SESSION: &str =
    "INSERT INTO desk_sessions (token_hash, clerk, csrf_token, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)";
/// Shown to administrators: $1 clerk, $2 now.
const RECORD_LOGIN: &str = "UPDATE clerks SET last_login_at = $2 WHERE name = $1";

/// Opens a session for a signed-in clerk on `$exec` (a pool or a transaction, of
/// either engine) and records the login; evaluates to the [`NewSession`]. A macro
/// because the executor's type differs per engine (see `on_pool!`).
macro_rules! open_session {
    ($exec:expr, $name:expr, $role:expr, $at:expr) => {{
        let session = NewSession::for_clerk(Clerk { name: $name.to_string(), role: $role });
        sqlx::query(INSERT_SESSION)
            .bind(token_hash(&session.token))
            .bind($name)
            .bind(&session.csrf)
            .bind($at)
            .execute($exec)
            .await?;
        sqlx::query(RECORD_LOGIN).bind($name).bind($at).execute($exec).await?;
        session
    }};
}

/// Checks a name and password and opens a session.
pub async fn login(
    db: &Db,
    name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Result<NewSession, LoginRefused>, DbError> {
    let window_start = timestamp(now - Duration::minutes(FAILURE_WINDOW_MINUTES));
    let at = timestamp(now);
    let result = on_pool!(db, |pool| {
        let failures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE name = $1 AND at > $2")
            .bind(name)
            .bind(&window_start)
            .fetch_one(pool)
            .await?;
        if failures >= MAX_FAILURES {
            return Ok(Err(LoginRefused::Throttled));
        }
        // A deactivated clerk is refused like a wrong password.
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT role, password_hash FROM clerks WHERE name = $1 AND deactivated_at IS NULL")
                .bind(name)
                .fetch_optional(pool)
                .await?;
        // Hash even for unknown names, so timing does not tell which names exist.
        let dummy = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0G1fGQ6IOVm3X1g3rCf0zB0lVv0s3wOZs8jv0E0bVQo";
        let checked = row.as_ref().map_or(dummy, |(_, h)| h.as_str());
        let ok = password_matches(password, checked) && row.is_some();
        match row.and_then(|(role, _)| Role::parse(&role)) {
            Some(role) if ok => {
                let session = open_session!(pool, name, role, &at);
                sqlx::query("DELETE FROM login_failures WHERE name = $1").bind(name).execute(pool).await?;
                Ok(session)
            }
            _ => {
                sqlx::query("INSERT INTO login_failures (name, at) VALUES ($1, $2)")
                    .bind(name)
                    .bind(&at)
                    .execute(pool)
                    .await?;
                Err(LoginRefused::Invalid)
            }
        }
    });
    Ok(result)
}

/// A live session found by its cookie token.
#[derive(Debug, Clone)]
pub struct Session {
    pub clerk: Clerk,
    pub csrf: String,
}

/// The session for `token`, if it exists and was used within `idle`; refreshes it.
pub async fn session(db: &Db, token: &str, idle: Duration, now: DateTime<Utc>) -> Result<Option<Session>, DbError> {
    let key = token_hash(token);
    let row: Option<(String, String, String, String)> = on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT s.clerk, c.role, s.csrf_token, s.last_seen FROM desk_sessions s JOIN clerks c ON c.name = s.clerk
             WHERE s.token_hash = $1 AND c.deactivated_at IS NULL",
        )
        .bind(&key)
        .fetch_optional(pool)
        .await?
    });
    let Some((name, role, csrf, last_seen)) = row else { return Ok(None) };
    let fresh = parse_timestamp(&last_seen).is_some_and(|seen| now - seen <= idle);
    let role = Role::parse(&role);
    on_pool!(db, |pool| {
        if fresh && role.is_some() {
            sqlx::query("UPDATE desk_sessions SET last_seen = $2 WHERE token_hash = $1")
                .bind(&key)
                .bind(timestamp(now))
                .execute(pool)
                .await?;
        } else {
            sqlx::query("DELETE FROM desk_sessions WHERE token_hash = $1").bind(&key).execute(pool).await?;
        }
    });
    Ok(match (fresh, role) {
        (true, Some(role)) => Some(Session { clerk: Clerk { name, role }, csrf }),
        _ => None,
    })
}

pub async fn logout(db: &Db, token: &str) -> Result<(), DbError> {
    on_pool!(db, |pool| {
        sqlx::query("DELETE FROM desk_sessions WHERE token_hash = $1").bind(token_hash(token)).execute(pool).await?;
    });
    Ok(())
}

/// Why the court sign-on's clerk gets no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoRefused {
    Unknown,
    Deactivated,
}

/// Opens a session for `name`, whom the court's trusted reverse proxy signed in
/// (`source` says which header, from which proxy, for the audit event).
pub async fn sso_login(
    db: &Db,
    name: &str,
    source: &str,
    now: DateTime<Utc>,
) -> Result<Result<NewSession, SsoRefused>, DbError> {
    let at = timestamp(now);
    let result = on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT role, deactivated_at FROM clerks WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
        match row.map(|(role, deactivated)| (Role::parse(&role), deactivated)) {
            None | Some((None, _)) => Err(SsoRefused::Unknown),
            Some((_, Some(_))) => Err(SsoRefused::Deactivated),
            Some((Some(role), None)) => {
                let session = open_session!(&mut *tx, name, role, &at);
                append_audit!(tx, &at, name, None, "sso_login", source);
                tx.commit().await?;
                Ok(session)
            }
        }
    });
    Ok(result)
}

/// A clerk account as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClerkAccount {
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub last_login: Option<String>,
}

pub async fn accounts(db: &Db) -> Result<Vec<ClerkAccount>, DbError> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = on_pool!(db, |pool| {
        sqlx::query_as("SELECT name, role, deactivated_at, last_login_at FROM clerks ORDER BY name")
            .fetch_all(pool)
            .await?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(name, role, deactivated, last_login)| {
            Some(ClerkAccount { name, role: Role::parse(&role)?, active: deactivated.is_none(), last_login })
        })
        .collect())
}

/// What an administrator does to the clerk accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    Add {
        name: String,
        role: Role,
        password: String,
    },
    SetRole {
        name: String,
        role: Role,
    },
    /// The clerk can no longer sign in, and their sessions end.
    Deactivate {
        name: String,
    },
    Reactivate {
        name: String,
    },
}

impl AccountChange {
    fn name(&self) -> &str {
        match self {
            AccountChange::Add { name, .. }
            | AccountChange::SetRole { name, .. }
            | AccountChange::Deactivate { name }
            | AccountChange::Reactivate { name } => name,
        }
    }
}

/// Makes `change` as the administrator `by`, with its audit event, in one transaction.
/// A change that changes nothing (deactivating a deactivated clerk) records nothing.
pub async fn change_account(db: &Db, by: &Clerk, change: &AccountChange, now: DateTime<Utc>) -> Result<(), ClerkError> {
    let hash = match change {
        AccountChange::Add { name, password, .. } => Some(new_account(name, password)?),
        _ => None,
    };
    let name = change.name();
    let at = timestamp(now);
    on_pool!(db, |pool| {
        let mut tx = pool.begin_write().await?;
        // The audit head's row lock, taken before anything is read, makes concurrent
        // account changes take turns: two administrators cannot demote each other.
        sqlx::query("UPDATE audit_head SET events = events WHERE id = 1").execute(&mut *tx).await?;
        let current: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT role, deactivated_at FROM clerks WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
        let current = current.map(|(role, deactivated)| (Role::parse(&role), deactivated.is_none()));
        let other_admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM clerks WHERE role = 'admin' AND deactivated_at IS NULL AND name <> $1",
        )
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        let (action, detail) = match (change, current) {
            (AccountChange::Add { .. }, Some(_)) => return Err(ClerkError::Exists(name.to_string())),
            (AccountChange::Add { role, .. }, None) => {
                sqlx::query("INSERT INTO clerks (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(name)
                    .bind(role.as_str())
                    .bind(&hash)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                ("clerk_added", format!("{name} as {}", role.as_str()))
            }
            (_, None) => return Err(ClerkError::NoClerk(name.to_string())),
            (AccountChange::SetRole { role, .. }, Some((old, active))) => {
                if old == Some(*role) {
                    return Ok(());
                }
                if old == Some(Role::Admin) && active && other_admins == 0 {
                    return Err(ClerkError::LastAdmin(name.to_string()));
                }
                sqlx::query("UPDATE clerks SET role = $2 WHERE name = $1")
                    .bind(name)
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await?;
                let old = old.map_or("?", Role::as_str);
                ("clerk_role_changed", format!("{name}: {old} to {}", role.as_str()))
            }
            (AccountChange::Deactivate { .. }, Some((old, active))) => {
                if !active {
                    return Ok(());
                }
                if old == Some(Role::Admin) && other_admins == 0 {
                    return Err(ClerkError::LastAdmin(name.to_string()));
                }
                sqlx::query("UPDATE clerks SET deactivated_at = $2 WHERE name = $1")
                    .bind(name)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM desk_sessions WHERE clerk = $1").bind(name).execute(&mut *tx).await?;
                ("clerk_deactivated", name.to_string())
            }
            (AccountChange::Reactivate { .. }, Some((_, active))) => {
                if active {
                    return Ok(());
                }
                sqlx::query("UPDATE clerks SET deactivated_at = NULL WHERE name = $1")
                    .bind(name)
                    .execute(&mut *tx)
                    .await?;
                ("clerk_reactivated", name.to_string())
            }
        };
        append_audit!(tx, &at, &by.name, None, action, &detail);
        tx.commit().await?;
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse batterx", &hash));
        assert!(!password_matches("anything", "not a hash"));
    }

    #[test]
    fn clerk_names() {
        assert!(valid_name("m.lopez"));
        assert!(valid_name("m.lopez@jud.ct.example"));
        assert!(!valid_name("x"));
        assert!(!valid_name("drop table;"));
    }
}
