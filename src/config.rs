//! accessd's configuration: one typed struct, loaded by the `config` crate in three
//! layers, each winning over the one before: the defaults compiled into the binary
//! (`config/default.toml`), the operator's TOML file (default `config/default.toml`),
//! then `ACCESSD__SECTION__KEY` environment variables. The file need hold only what
//! the court sets. Secrets (passwords, keys) come from the environment or files
//! outside the repository, never from the TOML in it.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use ipnet::IpNet;
use secrecy::SecretString;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub court: CourtSettings,
    pub sender_auth: SenderAuthSettings,
    pub screening: ScreeningSettings,
    #[serde(default)]
    pub id_reading: IdReadingSettings,
    #[serde(default)]
    pub log: LogSettings,
    pub mailbox: MailboxSettings,
    pub replies: ReplySettings,
    #[serde(default)]
    pub daemon: DaemonSettings,
    #[serde(default)]
    pub desk: DeskSettings,
    #[serde(default)]
    pub storage: StorageSettings,
}

/// What is kept, how long, and how: personal data is purged after a decision, raw
/// messages are encrypted when a document key is configured.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// Days after a ticket's final state (approved, denied, withdrawn, ignored) before
    /// its raw messages, document images and document readings are purged; 0: never.
    #[serde(default = "default_purge_after_days")]
    pub purge_after_days: u32,
    /// A file with the document keys, one per line, the encrypting one first (mode 0600,
    /// outside the repository).
    #[serde(default)]
    pub document_key_file: Option<PathBuf>,
    /// The same keys comma-separated; set ACCESSD__STORAGE__DOCUMENT_KEYS, never in a file
    /// in the repository.
    #[serde(default)]
    pub document_keys: Option<SecretString>,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self { purge_after_days: default_purge_after_days(), document_key_file: None, document_keys: None }
    }
}

fn default_purge_after_days() -> u32 {
    90
}

/// The clerk desk (web), served by `accessd run`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskSettings {
    /// Address to listen on; empty turns the desk off. Put it behind the court's TLS
    /// reverse proxy (deploy/nginx).
    #[serde(default = "default_desk_listen")]
    pub listen: String,
    /// A session unused this long ends.
    #[serde(default = "default_session_idle_minutes")]
    pub session_idle_minutes: u32,
    /// Mark the session cookie `Secure` (HTTPS only). Turn off only for a desk reached
    /// over plain HTTP on the same machine.
    #[serde(default = "default_true")]
    pub secure_cookie: bool,
    /// Reasons a clerk chooses from when denying.
    #[serde(default = "default_deny_reasons")]
    pub deny_reasons: Vec<String>,
    /// Where each approval is POSTed as JSON for E-Services (https; empty: off).
    #[serde(default)]
    pub webhook_url: String,
    /// Sent as `Authorization: Bearer …`; set ACCESSD__DESK__WEBHOOK_TOKEN.
    #[serde(default)]
    pub webhook_token: Option<SecretString>,
    /// Court single sign-on through the reverse proxy: the header in which the proxy
    /// names the signed-in clerk (e.g. `X-Remote-User`); empty: off.
    #[serde(default)]
    pub sso_header: String,
    /// The proxies (IP addresses or CIDR blocks) whose `sso_header` is believed; the
    /// header from any other peer is ignored.
    #[serde(default)]
    pub sso_trusted_proxies: Vec<TrustedProxy>,
}

/// A reverse proxy's address (the whole address counts) or a block of them:
/// `127.0.0.1`, `10.20.0.0/16`, `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy(pub IpNet);

impl TrustedProxy {
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let network = s.parse::<IpNet>().ok().or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from))?;
        Some(Self(network))
    }
}

impl<'de> Deserialize<'de> for TrustedProxy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{s:?} is not an IP address or CIDR block such as 127.0.0.1 or 10.20.0.0/16"
            ))
        })
    }
}

impl Default for DeskSettings {
    fn default() -> Self {
        Self {
            listen: default_desk_listen(),
            session_idle_minutes: default_session_idle_minutes(),
            secure_cookie: true,
            deny_reasons: default_deny_reasons(),
            webhook_url: String::new(),
            webhook_token: None,
            sso_header: String::new(),
            sso_trusted_proxies: Vec::new(),
        }
    }
}

fn default_desk_listen() -> String {
    "127.0.0.1:8080".into()
}
fn default_session_idle_minutes() -> u32 {
    30
}
fn default_true() -> bool {
    true
}
fn default_deny_reasons() -> Vec<String> {
    vec![
        "The name on the photo ID does not match a party in this case.".into(),
        "You are not a party to this case, so electronic access cannot be given.".into(),
        "The request did not come from the e-mail address on your E-Services account.".into(),
    ]
}

/// Where requests arrive.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailboxSettings {
    /// `maildir` (embedded default) or `imap`.
    pub source: MailSource,
    /// The Maildir read when `source = "maildir"`; folders are Maildir++ (`.Processed`).
    #[serde(default = "default_maildir")]
    pub maildir: PathBuf,
    #[serde(default)]
    pub imap: Option<ImapSettings>,
    /// Where a message goes once its ticket is stored.
    #[serde(default = "default_processed_folder")]
    pub processed_folder: String,
    /// Where automatic mail (auto-replies, bounces, lists) goes.
    #[serde(default = "default_ignored_folder")]
    pub ignored_folder: String,
    /// Where a message goes that failed `max_attempts` times.
    #[serde(default = "default_quarantine_folder")]
    pub quarantine_folder: String,
    /// Messages fetched and committed together.
    #[serde(default = "default_fetch_batch")]
    pub fetch_batch: usize,
    /// Attempts at screening a message before it is quarantined.
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailSource {
    Maildir,
    Imap,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapSettings {
    pub host: String,
    #[serde(default = "default_imap_port")]
    pub port: u16,
    /// `tls` (implicit, port 993), `starttls`, or `none` (loopback only).
    #[serde(default)]
    pub security: Security,
    pub username: String,
    /// Set it in the environment: ACCESSD__MAILBOX__IMAP__PASSWORD.
    #[serde(default = "no_password")]
    pub password: SecretString,
    #[serde(default = "default_inbox")]
    pub folder: String,
    /// IDLE is renewed after this many seconds (RFC 2177: before 29 minutes).
    #[serde(default = "default_idle_renew_secs")]
    pub idle_renew_secs: u64,
    /// Polling interval when the server has no IDLE.
    #[serde(default = "default_poll_secs")]
    pub poll_secs: u64,
    /// Longest wait between reconnection attempts.
    #[serde(default = "default_max_backoff_secs")]
    pub max_backoff_secs: u64,
    /// When set, log in with SASL XOAUTH2 and a token from here instead of the password.
    #[serde(default)]
    pub oauth2: Option<OAuth2Settings>,
}

/// OAuth2 for mail servers that refuse passwords (Microsoft 365, Gmail).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuth2Settings {
    /// The token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token
    /// or https://oauth2.googleapis.com/token.
    pub token_url: String,
    pub client_id: String,
    /// Set it in the environment, e.g. ACCESSD__MAILBOX__IMAP__OAUTH2__CLIENT_SECRET.
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    /// e.g. ["https://outlook.office365.com/.default"] or ["https://mail.google.com/"].
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub flow: OAuth2Flow,
    /// The refresh token (refresh_token flow), rewritten atomically when it rotates.
    #[serde(default = "default_refresh_token_file")]
    pub refresh_token_file: PathBuf,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OAuth2Flow {
    #[default]
    ClientCredentials,
    RefreshToken,
}

fn default_refresh_token_file() -> PathBuf {
    "var/oauth2_refresh_token".into()
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    #[default]
    Tls,
    Starttls,
    None,
}

/// Status replies to parties.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplySettings {
    /// `file` (embedded default: each reply written to `file_dir`) or `smtp`.
    pub transport: ReplyTransport,
    #[serde(default = "default_reply_dir")]
    pub file_dir: PathBuf,
    #[serde(default)]
    pub smtp: Option<SmtpSettings>,
    /// The display name replies come from (the address is court.mailbox_address).
    #[serde(default = "default_from_name")]
    pub from_name: String,
    /// Directory of the reply templates.
    #[serde(default = "default_templates")]
    pub templates: PathBuf,
    /// At most this many replies to one address per `budget_window_minutes`.
    #[serde(default = "default_budget")]
    pub budget_per_address: u32,
    #[serde(default = "default_budget_window")]
    pub budget_window_minutes: u32,
    /// Delivery attempts on temporary failures before the reply is given up.
    #[serde(default = "default_delivery_attempts")]
    pub max_attempts: u32,
    /// The first wait after a temporary failure, seconds; it doubles up to an hour.
    #[serde(default = "default_retry_base_secs")]
    pub retry_base_secs: u64,
    /// Replies sent at once over pooled SMTP connections (a Monday backlog goes out
    /// in minutes, not an hour); each is still recorded as sent on its own.
    #[serde(default = "default_reply_concurrency")]
    pub concurrency: usize,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ReplyTransport {
    File,
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// `starttls` (default), `tls`, or `none` (loopback only).
    #[serde(default = "default_smtp_security")]
    pub security: Security,
    #[serde(default)]
    pub username: Option<String>,
    /// Set it in the environment: ACCESSD__REPLIES__SMTP__PASSWORD.
    #[serde(default)]
    pub password: Option<SecretString>,
    /// When set, AUTH XOAUTH2 with a token from here (with `username`) instead.
    #[serde(default)]
    pub oauth2: Option<OAuth2Settings>,
}

/// The running service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaemonSettings {
    /// Messages screened at once (each may run OCR on one engine).
    #[serde(default = "default_workers")]
    pub workers: usize,
    /// Ticket ids are `<prefix>-<year>-<number>`.
    #[serde(default = "default_ticket_prefix")]
    pub ticket_prefix: String,
    /// This instance's name among several on one database; empty: the host name.
    /// Must differ between machines.
    #[serde(default)]
    pub instance_name: String,
    /// How long the mailbox lease and a claim on queued work last unless renewed; after
    /// an instance dies, another takes over within this time.
    #[serde(default = "default_lease_seconds")]
    pub lease_seconds: u32,
    /// When no mailbox fetch has succeeded for this long: an alert in the log and the
    /// `accessd_mailbox_stalled` metric, and `/readyz/mail` fails. IDLE is renewed at
    /// least every third of it.
    #[serde(default = "default_stall_alert_minutes")]
    pub stall_alert_minutes: u32,
}

impl Default for DaemonSettings {
    fn default() -> Self {
        Self {
            workers: default_workers(),
            ticket_prefix: default_ticket_prefix(),
            instance_name: String::new(),
            lease_seconds: default_lease_seconds(),
            stall_alert_minutes: default_stall_alert_minutes(),
        }
    }
}

fn default_lease_seconds() -> u32 {
    20
}

fn default_stall_alert_minutes() -> u32 {
    15
}

fn default_maildir() -> PathBuf {
    "var/mail".into()
}
fn default_processed_folder() -> String {
    "Processed".into()
}
fn default_ignored_folder() -> String {
    "Ignored".into()
}
fn default_quarantine_folder() -> String {
    "Quarantine".into()
}
fn default_fetch_batch() -> usize {
    200
}
fn default_max_attempts() -> u32 {
    3
}
fn default_imap_port() -> u16 {
    993
}
fn default_inbox() -> String {
    "INBOX".into()
}
fn default_idle_renew_secs() -> u64 {
    25 * 60
}
fn default_poll_secs() -> u64 {
    60
}
fn default_max_backoff_secs() -> u64 {
    60
}
fn default_reply_dir() -> PathBuf {
    "var/outbox".into()
}
fn default_from_name() -> String {
    "E-Services Support".into()
}

/// No IMAP password set (an XOAUTH2 login needs none). Like every secret here it is a
/// `secrecy` type, printed redacted by `Debug`, so settings in a log or a panic show none.
fn no_password() -> SecretString {
    SecretString::from("")
}

fn default_templates() -> PathBuf {
    "config/templates".into()
}
fn default_budget() -> u32 {
    10
}
fn default_budget_window() -> u32 {
    180
}
fn default_delivery_attempts() -> u32 {
    12
}
fn default_retry_base_secs() -> u64 {
    30
}
fn default_reply_concurrency() -> usize {
    16
}
fn default_smtp_port() -> u16 {
    587
}
fn default_smtp_security() -> Security {
    Security::Starttls
}
fn default_workers() -> usize {
    2
}
fn default_ticket_prefix() -> String {
    "EA".into()
}

/// Reading the attached IDs: OCR engines and the limits every decoder works under.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdReadingSettings {
    /// Tesseract engines kept loaded (~40 MB each); at most this many IDs are read
    /// at once. One per CPU core is the most that helps.
    #[serde(default = "default_ocr_engines")]
    pub ocr_engines: usize,
    /// Directory holding `<language>.traineddata`; unset uses tesseract's own path
    /// (Debian: /usr/share/tesseract-ocr/5/tessdata).
    #[serde(default)]
    pub tessdata: Option<PathBuf>,
    #[serde(default = "default_ocr_language")]
    pub language: String,
    /// Width × height above which an image is refused unread.
    #[serde(default = "default_max_pixels")]
    pub max_pixels: u64,
    /// Memory one image decoder may allocate, bytes.
    #[serde(default = "default_max_decode_bytes")]
    pub max_decode_bytes: u64,
    /// PDF pages looked at for an ID.
    #[serde(default = "default_max_pdf_pages")]
    pub max_pdf_pages: usize,
    /// Seconds `pdftoppm` may take to render a PDF page without embedded images.
    #[serde(default = "default_pdf_render_timeout_secs")]
    pub pdf_render_timeout_secs: u64,
}

impl Default for IdReadingSettings {
    fn default() -> Self {
        Self {
            ocr_engines: default_ocr_engines(),
            tessdata: None,
            language: default_ocr_language(),
            max_pixels: default_max_pixels(),
            max_decode_bytes: default_max_decode_bytes(),
            max_pdf_pages: default_max_pdf_pages(),
            pdf_render_timeout_secs: default_pdf_render_timeout_secs(),
        }
    }
}

fn default_ocr_engines() -> usize {
    1
}
fn default_ocr_language() -> String {
    "eng".into()
}
fn default_max_pixels() -> u64 {
    50_000_000
}
fn default_max_decode_bytes() -> u64 {
    256 * 1024 * 1024
}
fn default_max_pdf_pages() -> usize {
    3
}
fn default_pdf_render_timeout_secs() -> u64 {
    20
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://PATH?mode=rwc` (embedded default) or `postgres://…`.
    pub url: String,
    #[serde(default = "default_max_connections")]
    pub max_connections: u32,
}

impl DatabaseSettings {
    /// The URL without its password, for error messages and logs.
    pub fn url_redacted(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(mut parsed) if parsed.password().is_some() => {
                let _ = parsed.set_password(Some("***"));
                parsed.to_string()
            }
            _ => self.url.clone(),
        }
    }
}

impl std::fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &self.url_redacted())
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtSettings {
    /// The mailbox parties write to; mail from it (quoted or forwarded) is the court's own.
    pub mailbox_address: String,
    /// Other addresses the court sends from.
    #[serde(default)]
    pub other_addresses: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SenderAuthSettings {
    /// authserv-ids (RFC 8601) of the court's own border MX. Only the topmost
    /// Authentication-Results header with one of these ids is believed.
    pub trusted_authserv_ids: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningSettings {
    /// Attachments larger than this (decoded bytes) are not inspected.
    #[serde(default = "default_max_attachment_bytes")]
    pub max_attachment_bytes: u64,
    /// Messages larger than this (raw bytes) are refused before parsing.
    #[serde(default = "default_max_message_bytes")]
    pub max_message_bytes: u64,
    /// At most this many MIME parts are looked at; the rest are reported unsupported.
    #[serde(default = "default_max_parts")]
    pub max_parts: usize,
    /// Image dimensions above this (either side, pixels) are absurd for an ID photo.
    #[serde(default = "default_max_image_side")]
    pub max_image_side: u32,
    /// Court location codes (the `LLL` of a docket). A code outside this list is still
    /// read when written in capitals, and the directory decides whether it exists.
    pub court_locations: Vec<String>,
    /// Docket numbers the court uses as examples in its own instructions.
    #[serde(default)]
    pub example_dockets: Vec<String>,
    /// Lines that start the court's own boilerplate (instructions, signatures) when a
    /// party pastes it without quoting; text from there on is not the party's.
    #[serde(default)]
    pub boilerplate_markers: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// `text` (default) or `json`.
    #[serde(default)]
    pub format: LogFormat,
    /// A tracing filter such as `info` or `accessd=debug`. `RUST_LOG` wins when set.
    #[serde(default = "default_log_filter")]
    pub filter: String,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

fn default_max_connections() -> u32 {
    5
}
fn default_max_attachment_bytes() -> u64 {
    25_000_000
}
fn default_max_message_bytes() -> u64 {
    60_000_000
}
fn default_max_parts() -> usize {
    200
}
fn default_max_image_side() -> u32 {
    20_000
}
fn default_log_filter() -> String {
    "info".to_string()
}

/// What went wrong loading the configuration; each says which key and why.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {source}")]
    File { path: PathBuf, source: config::ConfigError },
    #[error("configuration is invalid: {0}")]
    Invalid(config::ConfigError),
    #[error("configuration key `{key}` is invalid: {reason}")]
    Key { key: &'static str, reason: String },
}

/// `config/default.toml`, compiled in: every key has a value before the operator's file
/// is read.
const EMBEDDED_DEFAULTS: &str = include_str!("../config/default.toml");

/// The compiled-in defaults as the first layer, without the court's trust anchor: the
/// sample court's border MX trusted by a binary whose operator forgot to name their
/// own would let a sender forge an `Authentication-Results` header under that name.
fn embedded_defaults() -> config::File<config::FileSourceString, config::FileFormat> {
    let mut table: toml::Table = EMBEDDED_DEFAULTS.parse().expect("config/default.toml is TOML (a unit test reads it)");
    if let Some(toml::Value::Table(auth)) = table.get_mut("sender_auth") {
        auth.insert("trusted_authserv_ids".into(), toml::Value::Array(Vec::new()));
    }
    config::File::from_str(&table.to_string(), config::FileFormat::Toml)
}

/// Keys whose value in the environment is a comma-separated list.
const LIST_KEYS: [&str; 8] = [
    "sender_auth.trusted_authserv_ids",
    "court.other_addresses",
    "screening.court_locations",
    "screening.example_dockets",
    "desk.deny_reasons",
    "mailbox.imap.oauth2.scopes",
    "replies.smtp.oauth2.scopes",
    "desk.sso_trusted_proxies",
];

/// The configuration key an `ACCESSD__SECTION__KEY` variable sets (`section.key`).
fn env_key(var: &str) -> Option<String> {
    let lower = var.to_lowercase();
    lower.strip_prefix("accessd__").map(|key| key.replace("__", "."))
}

impl Settings {
    /// Loads the compiled-in defaults, `path` over them, and `ACCESSD__…` overrides from
    /// the process environment.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::load_with_env(path, std::env::vars())
    }

    /// Same as `load`, with the environment passed in (tests use this).
    ///
    /// Values from the environment stay text until a field asks for a number or a
    /// flag: parsing them up front made a password of digits lose its leading zeros
    /// and one like `8e1234` turn into a float.
    pub fn load_with_env(path: &Path, env: impl IntoIterator<Item = (String, String)>) -> Result<Self, ConfigError> {
        let (lists, scalars): (Vec<_>, Vec<_>) =
            env.into_iter().partition(|(var, _)| env_key(var).is_some_and(|key| LIST_KEYS.contains(&key.as_str())));
        let env_source = config::Environment::with_prefix("ACCESSD")
            .prefix_separator("__")
            .separator("__")
            .source(Some(scalars.into_iter().collect()));
        let file = config::File::from(path).format(config::FileFormat::Toml).required(true);
        let raw = config::Config::builder()
            .add_source(embedded_defaults())
            .add_source(file)
            .build()
            .map_err(|source| ConfigError::File { path: path.to_path_buf(), source })?;
        let mut merged = config::Config::builder().add_source(raw).add_source(env_source);
        for (var, value) in lists {
            let items: Vec<String> = value.split(',').map(str::to_string).collect();
            let key = env_key(&var).unwrap_or_default();
            merged = merged.set_override(key, items).map_err(ConfigError::Invalid)?;
        }
        let settings: Settings =
            merged.build().and_then(config::Config::try_deserialize).map_err(ConfigError::Invalid)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let key_err = |key, reason: &str| Err(ConfigError::Key { key, reason: reason.to_string() });
        if !(self.database.url.starts_with("sqlite:") || self.database.url.starts_with("postgres")) {
            return key_err("database.url", "must start with sqlite: or postgres://");
        }
        if self.database.max_connections == 0 {
            return key_err("database.max_connections", "must be at least 1");
        }
        if self.sender_auth.trusted_authserv_ids.iter().all(|id| id.trim().is_empty()) {
            return key_err(
                "sender_auth.trusted_authserv_ids",
                "list the authserv-id of the court's border MX (e.g. mx.court.example); without it no sender can be authenticated",
            );
        }
        if crate::domain::EmailAddress::parse(&self.court.mailbox_address).is_err() {
            return key_err("court.mailbox_address", "must be an e-mail address");
        }
        if self.screening.max_attachment_bytes == 0 {
            return key_err("screening.max_attachment_bytes", "must be greater than 0");
        }
        let ids = &self.id_reading;
        if ids.ocr_engines == 0 || ids.ocr_engines > 64 {
            return key_err("id_reading.ocr_engines", "must be between 1 and 64");
        }
        if ids.max_pixels == 0 || ids.max_decode_bytes < 16 * 1024 * 1024 {
            return key_err(
                "id_reading.max_pixels",
                "max_pixels must be positive and max_decode_bytes at least 16 MiB",
            );
        }
        if ids.max_pdf_pages == 0 {
            return key_err("id_reading.max_pdf_pages", "must be at least 1");
        }
        let mailbox = &self.mailbox;
        if mailbox.source == MailSource::Imap {
            let Some(imap) = &mailbox.imap else {
                return key_err("mailbox.imap", "mailbox.source is imap: set mailbox.imap.host and username");
            };
            if imap.security == Security::None && !is_loopback(&imap.host) {
                return key_err(
                    "mailbox.imap.security",
                    "`none` sends the password in clear: only for a loopback host",
                );
            }
            if imap.idle_renew_secs == 0 || imap.idle_renew_secs >= 29 * 60 {
                return key_err(
                    "mailbox.imap.idle_renew_secs",
                    "must be between 1 and 1739 (RFC 2177: under 29 minutes)",
                );
            }
        }
        if mailbox.fetch_batch == 0 || mailbox.max_attempts == 0 {
            return key_err("mailbox.fetch_batch", "fetch_batch and max_attempts must be at least 1");
        }
        if !(1..=64).contains(&self.replies.concurrency) {
            return key_err("replies.concurrency", "replies sent at once: a number from 1 to 64");
        }
        if self.replies.transport == ReplyTransport::Smtp {
            let Some(smtp) = &self.replies.smtp else {
                return key_err("replies.smtp", "replies.transport is smtp: set replies.smtp.host");
            };
            if smtp.security == Security::None && !is_loopback(&smtp.host) {
                return key_err("replies.smtp.security", "`none` is only for a loopback relay");
            }
        }
        if !self.desk.listen.is_empty() && self.desk.listen.parse::<std::net::SocketAddr>().is_err() {
            return key_err(
                "desk.listen",
                "must be an address and port such as 127.0.0.1:8080, or empty to turn the desk off",
            );
        }
        if !self.desk.webhook_url.is_empty() {
            match url::Url::parse(&self.desk.webhook_url) {
                Ok(u) if u.scheme() == "https" || (u.scheme() == "http" && u.host_str().is_some_and(is_loopback)) => {}
                _ => return key_err("desk.webhook_url", "must be an https:// URL (http:// only on loopback)"),
            }
        }
        if self.desk.session_idle_minutes == 0 {
            return key_err("desk.session_idle_minutes", "must be at least 1");
        }
        if !self.desk.sso_header.is_empty() {
            if axum::http::HeaderName::from_bytes(self.desk.sso_header.as_bytes()).is_err() {
                return key_err("desk.sso_header", "must be an HTTP header name such as X-Remote-User, or empty");
            }
            if self.desk.sso_trusted_proxies.is_empty() {
                return key_err(
                    "desk.sso_trusted_proxies",
                    "desk.sso_header is set: list the address of the reverse proxy that sets it",
                );
            }
        }
        if self.daemon.workers == 0 || self.daemon.workers > 64 {
            return key_err("daemon.workers", "must be between 1 and 64");
        }
        if !self.daemon.ticket_prefix.chars().all(|c| c.is_ascii_uppercase()) || self.daemon.ticket_prefix.is_empty() {
            return key_err("daemon.ticket_prefix", "must be capital letters, e.g. EA");
        }
        if self.storage.document_key_file.is_some() && self.storage.document_keys.is_some() {
            return key_err("storage.document_keys", "set either it or storage.document_key_file, not both");
        }
        if self.daemon.stall_alert_minutes == 0 {
            return key_err("daemon.stall_alert_minutes", "must be at least 1");
        }
        if !(3..=3600).contains(&self.daemon.lease_seconds) {
            return key_err("daemon.lease_seconds", "must be between 3 and 3600");
        }
        if !self.daemon.instance_name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
            return key_err("daemon.instance_name", "may hold only letters, digits, '.', '_' and '-'");
        }
        for docket in &self.screening.example_dockets {
            if crate::domain::DocketNumber::parse(docket).is_err() {
                return key_err("screening.example_dockets", "each entry must be a docket number");
            }
        }
        Ok(())
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn default_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml")
    }

    #[test]
    fn default_file_loads() {
        let s = Settings::load_with_env(&default_path(), Vec::new()).unwrap();
        assert!(s.database.url.starts_with("sqlite:"));
        assert_eq!(s.screening.max_attachment_bytes, 25_000_000);
    }

    /// A file holding only what an operator writes first: the rest comes from the
    /// compiled-in defaults, and a list it sets replaces the default list whole.
    #[test]
    fn a_file_with_only_the_database_and_trust_anchor_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accessd.toml");
        let file = "[database]\nurl = \"postgres://accessd@db.court.example/accessd\"\n\
                    [sender_auth]\ntrusted_authserv_ids = [\"mx.court.example\"]\n\
                    [screening]\ncourt_locations = [\"ABC\"]\n";
        std::fs::write(&path, file).unwrap();
        let s = Settings::load_with_env(&path, Vec::new()).unwrap();
        assert_eq!(s.database.url, "postgres://accessd@db.court.example/accessd");
        assert_eq!(s.sender_auth.trusted_authserv_ids, vec!["mx.court.example"]);
        assert_eq!(s.screening.court_locations, vec!["ABC"]);
        assert_eq!(s.court.mailbox_address, "eservices@eservices.example");
        assert_eq!(s.screening.max_attachment_bytes, 25_000_000);
    }

    /// The sample court's MX is not trusted by default, and a misspelt key is still
    /// refused by name, whatever the defaults hold.
    #[test]
    fn the_defaults_trust_no_mx_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accessd.toml");
        std::fs::write(&path, "[database]\nurl = \"sqlite://a.db\"\n").unwrap();
        let err = Settings::load_with_env(&path, Vec::new()).unwrap_err().to_string();
        assert!(err.contains("sender_auth.trusted_authserv_ids"), "{err}");
        std::fs::write(
            &path,
            "[sender_auth]\ntrusted_authserv_ids = [\"mx.court.example\"]\n[screening]\ncourt_location = []\n",
        )
        .unwrap();
        let err = Settings::load_with_env(&path, Vec::new()).unwrap_err().to_string();
        assert!(err.contains("unknown field `court_location`"), "{err}");
    }

    #[test]
    fn environment_overrides_file() {
        let env = vec![
            ("ACCESSD__DATABASE__URL".to_string(), "sqlite://elsewhere.db".to_string()),
            ("ACCESSD__SENDER_AUTH__TRUSTED_AUTHSERV_IDS".to_string(), "a.example,b.example".to_string()),
        ];
        let s = Settings::load_with_env(&default_path(), env).unwrap();
        assert_eq!(s.database.url, "sqlite://elsewhere.db");
        assert_eq!(s.sender_auth.trusted_authserv_ids, vec!["a.example", "b.example"]);
    }

    /// Numbers and flags written as text in the environment are read as the field asks.
    #[test]
    fn environment_numbers_and_flags_are_read_by_their_field() {
        let env =
            [("DAEMON__WORKERS", "3"), ("DESK__SECURE_COOKIE", "false"), ("COURT__OTHER_ADDRESSES", "x@court.example")]
                .map(|(key, value)| (format!("ACCESSD__{key}"), value.to_string()));
        let s = Settings::load_with_env(&default_path(), env).unwrap();
        assert_eq!(s.daemon.workers, 3);
        assert!(!s.desk.secure_cookie);
        assert_eq!(s.court.other_addresses, vec!["x@court.example"]);
    }

    /// Secrets are strings whatever they look like: a password of digits keeps its
    /// leading zeros and one like 8e12 is not read as a number (a test stack's random
    /// hex password once came out as `<digits>e<digits>` and every login failed).
    #[test]
    fn passwords_that_look_like_numbers_stay_as_written() {
        for password in ["0123456789012345", "8e12345678901234", "1.50", "true", "007"] {
            let env = [
                ("MAILBOX__IMAP__HOST", "imap.court.example"),
                ("MAILBOX__IMAP__USERNAME", "eservices"),
                ("MAILBOX__IMAP__PASSWORD", password),
                ("REPLIES__SMTP__HOST", "smtp.court.example"),
                ("REPLIES__SMTP__PASSWORD", password),
            ]
            .map(|(key, value)| (format!("ACCESSD__{key}"), value.to_string()));
            let s = Settings::load_with_env(&default_path(), env).unwrap();
            assert_eq!(s.mailbox.imap.as_ref().map(|imap| imap.password.expose_secret()), Some(password));
            let smtp = s.replies.smtp.as_ref().and_then(|smtp| smtp.password.as_ref());
            assert_eq!(smtp.map(ExposeSecret::expose_secret), Some(password));
        }
    }

    /// Settings printed (a log line, a panic message) show no secret.
    #[test]
    fn secrets_are_redacted_when_settings_are_printed() {
        let secret = "hunter2-0f7c";
        let env = [
            ("MAILBOX__IMAP__HOST", "imap.court.example"),
            ("MAILBOX__IMAP__USERNAME", "eservices"),
            ("MAILBOX__IMAP__PASSWORD", secret),
            ("MAILBOX__IMAP__OAUTH2__TOKEN_URL", "https://login.example/token"),
            ("MAILBOX__IMAP__OAUTH2__CLIENT_ID", "accessd"),
            ("MAILBOX__IMAP__OAUTH2__CLIENT_SECRET", secret),
            ("REPLIES__SMTP__HOST", "smtp.court.example"),
            ("REPLIES__SMTP__PASSWORD", secret),
            ("DESK__WEBHOOK_TOKEN", secret),
            ("STORAGE__DOCUMENT_KEYS", secret),
            ("DATABASE__URL", "postgres://accessd:hunter2-0f7c@db.court.example/accessd"),
        ]
        .map(|(key, value)| (format!("ACCESSD__{key}"), value.to_string()));
        let s = Settings::load_with_env(&default_path(), env).unwrap();
        assert_eq!(s.desk.webhook_token.as_ref().map(ExposeSecret::expose_secret), Some(secret));
        let printed = format!("{s:?}");
        assert!(!printed.contains(secret) && printed.contains("REDACTED"), "{printed}");
    }

    #[test]
    fn trusted_proxies_are_addresses_or_blocks() {
        let parsed = |s: &str| TrustedProxy::parse(s).map(|p| p.0.to_string());
        let table = [
            ("127.0.0.1", Some("127.0.0.1/32")),
            (" 10.20.0.0/16 ", Some("10.20.0.0/16")),
            ("fd00::/8", Some("fd00::/8")),
            ("::1", Some("::1/128")),
            ("0.0.0.0/0", Some("0.0.0.0/0")),
            ("", None),
            ("localhost", None),
            ("10.0.0.0/33", None),
            ("10.0.0/8", None),
            ("::1/129", None),
            ("10.0.0.1/x", None),
        ];
        for (written, want) in table {
            assert_eq!(parsed(written).as_deref(), want, "{written:?}");
        }
    }

    #[test]
    fn bad_values_name_the_key() {
        let env = vec![("ACCESSD__DATABASE__URL".to_string(), "mysql://x".to_string())];
        let err = Settings::load_with_env(&default_path(), env).unwrap_err().to_string();
        assert!(err.contains("database.url"), "{err}");

        let env = vec![("ACCESSD__SCREENING__MAX_ATTACHMENT_BYTES".to_string(), "lots".to_string())];
        let err = Settings::load_with_env(&default_path(), env).unwrap_err().to_string();
        assert!(err.contains("max_attachment_bytes"), "{err}");
    }

    #[test]
    fn missing_file_says_which() {
        let err = Settings::load_with_env(Path::new("/nonexistent/accessd.toml"), Vec::new()).unwrap_err().to_string();
        assert!(err.contains("/nonexistent/accessd.toml"), "{err}");
    }
}
