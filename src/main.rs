//! The `accessd` command line. Errors end here, with `anyhow`, as one clear message.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use accessd::config::Settings;
use accessd::db::Db;
use accessd::directory::{import, store};
use accessd::domain::Since;
use accessd::screener::Screener;
use accessd::tickets::{store as tickets, TicketState};

#[derive(Parser)]
#[command(name = "accessd", version, about = "Pre-screens court e-filing access requests that arrive by e-mail")]
struct Cli {
    /// Configuration file; ACCESSD__SECTION__KEY environment variables override it.
    #[arg(long, global = true, default_value = "config/default.toml", env = "ACCESSD_CONFIG")]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import one directory export (CSV) into the database. Re-importing is harmless.
    Import {
        /// Which export this is.
        #[arg(value_enum)]
        file: import::DirectoryFile,
        /// The CSV file.
        path: PathBuf,
    },
    /// Screen one message against the directory. Writes nothing, sends nothing.
    Check {
        /// The raw message (.eml).
        path: PathBuf,
        /// Print the result as JSON in the court's result format.
        #[arg(long)]
        json: bool,
        /// Also print what was read from each document (OCR text, MRZ, quality).
        /// It contains personal data: for the operator's eyes only.
        #[arg(long)]
        evidence: bool,
    },
    /// Run the daemon: take mail, screen it into tickets, send status replies.
    Run,
    /// Put messages into the configured Maildir, as a mail server would (demo, tests).
    Deliver {
        /// Raw messages (.eml).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Look at tickets.
    Tickets {
        #[command(subcommand)]
        command: TicketsCommand,
    },
    /// Manage clerk accounts for the desk.
    Clerks {
        #[command(subcommand)]
        command: ClerksCommand,
    },
    /// Check the audit log's hash chain.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Decisions for E-Services.
    Decisions {
        #[command(subcommand)]
        command: DecisionsCommand,
    },
    /// Purge personal data of tickets final for storage.purge_after_days (the daemon
    /// also does this daily).
    Purge {
        /// Only list what would be purged.
        #[arg(long)]
        dry_run: bool,
    },
    /// Reports on how accessd is doing.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Document keys for encryption at rest.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
    /// accessd's automatic screening beside what the clerks then did (shadow mode): a
    /// confusion table per disposition, precision and recall per finding, and the
    /// tickets behind each disagreement. With --corpus, against a folder of messages
    /// with truth files instead (the court's samples' layout).
    Accuracy {
        /// Only clerk decisions at or after this time (a date such as 2026-11-01, or RFC 3339).
        #[arg(long, conflicts_with = "corpus")]
        since: Option<String>,
        /// A folder with fixtures/, messages/ and truth/.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Messages screened at once with --corpus (default: the machine's cores).
        #[arg(long)]
        workers: Option<usize>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Print a new key (64 hex digits) for storage.document_key_file.
    Generate,
    /// Re-encrypt every stored message with the first configured key.
    Rotate,
}

#[derive(Subcommand)]
enum ClerksCommand {
    /// Add a clerk (or set an existing clerk's role and password). The password is read
    /// from --password-file, else from the first line of standard input.
    Add {
        name: String,
        #[arg(long, value_enum, default_value = "clerk")]
        role: accessd::desk::clerks::Role,
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the chain; exits 1 and names the event when one was edited or deleted.
    Verify,
}

#[derive(Subcommand)]
enum DecisionsCommand {
    /// Approved access as CSV (user id, docket, party, decided by, at) for E-Services.
    Export {
        /// Only decisions at or after this time (RFC 3339, or a date such as 2026-11-01).
        #[arg(long)]
        since: Option<String>,
    },
}

#[derive(Subcommand)]
enum TicketsCommand {
    /// Tickets, newest first.
    List {
        /// Only tickets in this state (awaiting_party, ready_for_review, flagged, ignored,
        /// approved, denied, withdrawn).
        #[arg(long)]
        state: Option<TicketState>,
        #[arg(long, default_value_t = 100)]
        limit: i64,
        #[arg(long)]
        json: bool,
    },
    /// One ticket: its screening, messages, history and replies.
    Show {
        /// The ticket id, e.g. EA-2026-000123.
        id: String,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Before any thread starts: OCR needs OMP_THREAD_LIMIT=1 set when the process loads.
    accessd::identity::ocr::ensure_single_threaded_openmp();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("accessd: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async_main())
}

async fn async_main() -> ExitCode {
    match run().await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("accessd: {error:#}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let settings = Settings::load(&cli.config)?;
    accessd::telemetry::init(&settings.log);
    match cli.command {
        Command::Import { file, path } => {
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let rows = import::parse(file, &bytes).with_context(|| format!("{} was not imported", path.display()))?;
            let db = Db::open(&settings.database).await?;
            let summary = store::import(&db, &rows).await?;
            db.close().await;
            println!(
                "{}: {} rows read, {} inserted or changed, {} already up to date",
                path.display(),
                summary.rows,
                summary.changed,
                summary.rows as u64 - summary.changed
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { path, json, evidence } => {
            let screener = Screener::new(Db::open(&settings.database).await?, &settings);
            let screening = accessd::check::check_file(&screener, &path).await?;
            screener.db.close().await;
            if json {
                println!("{}", serde_json::to_string_pretty(&screening.result_json())?);
            } else {
                print!("{}", accessd::check::human_summary(&screening));
            }
            if evidence {
                let evidence: Vec<_> = screening.documents.iter().map(|d| (&d.filename, &d.evidence)).collect();
                eprintln!("{}", serde_json::to_string_pretty(&evidence)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Run => {
            let shutdown = tokio_util::sync::CancellationToken::new();
            accessd::daemon::cancel_on_signals(shutdown.clone())?;
            accessd::daemon::run(settings, shutdown).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Deliver { paths } => {
            for path in paths {
                let raw = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                accessd::mailbox::maildir::deliver(&settings.mailbox.maildir, &raw)?;
                println!("{} → {}", path.display(), settings.mailbox.maildir.join("new").display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tickets { command } => {
            let db = Db::open(&settings.database).await?;
            let code = tickets_command(&db, command).await;
            db.close().await;
            code
        }
        Command::Clerks { command: ClerksCommand::Add { name, role, password_file } } => {
            let password = match password_file {
                Some(path) => {
                    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?
                }
                None => {
                    eprintln!("Password for {name} (at least 12 characters), then Enter:");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line).context("cannot read the password")?;
                    line
                }
            };
            let db = Db::open(&settings.database).await?;
            accessd::desk::clerks::add(&db, &name, role, password.trim_end_matches(['\r', '\n'])).await?;
            db.close().await;
            println!("clerk {name} ({}) saved", role.as_str());
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let db = Db::open(&settings.database).await?;
            let result = accessd::audit::verify(&db).await?;
            db.close().await;
            match result {
                Ok(n) => {
                    println!("audit log intact: {n} events");
                    Ok(ExitCode::SUCCESS)
                }
                Err(accessd::audit::ChainBreak::Edited { id }) => {
                    eprintln!("accessd: audit event {id} was changed after it was written");
                    Ok(ExitCode::from(1))
                }
                Err(accessd::audit::ChainBreak::Broken { id }) => {
                    eprintln!("accessd: the audit chain breaks before event {id}: an event was deleted or inserted");
                    Ok(ExitCode::from(1))
                }
                Err(accessd::audit::ChainBreak::Truncated { events, recorded }) => {
                    eprintln!("accessd: the audit log holds {events} events but {recorded} were written: the newest were deleted");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Purge { dry_run } => {
            if settings.storage.purge_after_days == 0 {
                anyhow::bail!("storage.purge_after_days is 0: nothing is ever purged");
            }
            let db = Db::open(&settings.database).await?;
            let report =
                accessd::retention::purge(&db, settings.storage.purge_after_days, chrono::Utc::now(), dry_run).await?;
            db.close().await;
            let verb = if dry_run { "would purge" } else { "purged" };
            println!(
                "{verb} {} tickets ({} messages, {} bytes) final for over {} days",
                report.tickets.len(),
                report.messages,
                report.bytes,
                settings.storage.purge_after_days
            );
            for ticket in &report.tickets {
                println!("  {ticket}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { command: ReportCommand::Accuracy { since, corpus, workers, json } } => {
            let report = accuracy_report(&settings, since, corpus, workers).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", accessd::accuracy::render(&report));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys { command: KeysCommand::Generate } => {
            println!("{}", accessd::vault::generate_key());
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys { command: KeysCommand::Rotate } => {
            let vault = accessd::vault::Vault::from_settings(&settings.storage)?;
            if !vault.encrypts() {
                anyhow::bail!(
                    "no document key is configured (storage.document_key_file or ACCESSD__STORAGE__DOCUMENT_KEYS)"
                );
            }
            let db = Db::open(&settings.database).await?;
            let n = accessd::ledger::rotate_keys(&db, &vault).await?;
            db.close().await;
            println!("{n} messages re-encrypted with the first key; older keys may now be removed");
            Ok(ExitCode::SUCCESS)
        }
        Command::Decisions { command: DecisionsCommand::Export { since } } => {
            let since = since.as_deref().map(Since::parse).transpose()?;
            let db = Db::open(&settings.database).await?;
            let rows = accessd::desk::export::approved(&db, since).await?;
            db.close().await;
            print!("{}", accessd::desk::export::to_csv(&rows));
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn accuracy_report(
    settings: &Settings,
    since: Option<String>,
    corpus: Option<PathBuf>,
    workers: Option<usize>,
) -> anyhow::Result<accessd::accuracy::AccuracyReport> {
    use accessd::accuracy::{self, corpus as corpus_run, decisions};
    if let Some(dir) = corpus {
        let workers = workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        let (pairs, unscreened) = corpus_run::compare(&dir, settings, workers).await?;
        let mut report = accuracy::report(&pairs);
        report.unscreened = unscreened;
        return Ok(report);
    }
    let since = since.as_deref().map(Since::parse).transpose()?.map(Since::at);
    let db = Db::connect(&settings.database).await?;
    let events = decisions::load_events(&db).await;
    db.close().await;
    Ok(accuracy::report(&decisions::pair(&events?, since)))
}

async fn tickets_command(db: &Db, command: TicketsCommand) -> anyhow::Result<ExitCode> {
    match command {
        TicketsCommand::List { state, limit, json } => {
            let list = tickets::list(db, state, limit).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                println!("{:<16} {:<17} {:<22} {:<20} UPDATED", "TICKET", "STATE", "DOCKET", "USER ID");
                for t in &list {
                    println!(
                        "{:<16} {:<17} {:<22} {:<20} {}{}",
                        t.ticket_id,
                        t.state,
                        t.docket_number.as_deref().unwrap_or("-"),
                        t.user_id.as_deref().unwrap_or("-"),
                        t.updated_at,
                        if t.reply_failed { "  (reply failed)" } else { "" }
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        TicketsCommand::Show { id, json } => {
            let Some(t) = tickets::show(db, &id.to_uppercase()).await? else {
                eprintln!("accessd: no ticket {id}; `accessd tickets list` shows the ticket ids");
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&t)?);
                return Ok(ExitCode::SUCCESS);
            }
            println!("{}  {}  ({})", t.summary.ticket_id, t.summary.state, t.summary.disposition);
            println!("subject:   {}", t.subject);
            println!("from:      {}", t.party_address.as_deref().unwrap_or("-"));
            println!("replies to {}", t.reply_to.as_deref().unwrap_or("- (not answered)"));
            println!("user id:   {}", t.summary.user_id.as_deref().unwrap_or("-"));
            println!("docket:    {}", t.summary.docket_number.as_deref().unwrap_or("-"));
            println!("request:   {}", t.summary.request_id.as_deref().unwrap_or("-"));
            for n in t.screening["clerk_notes"].as_array().into_iter().flatten() {
                println!("check:     {}", n.as_str().unwrap_or(""));
            }
            println!("findings:");
            for f in t.screening["finding_details"].as_array().into_iter().flatten() {
                println!("  {:<28} {}", f["code"].as_str().unwrap_or(""), f["detail"].as_str().unwrap_or(""));
            }
            println!("messages:");
            for m in &t.messages {
                println!("  #{:<6} {}  {} bytes  {}", m.row, m.received_at, m.size, m.status);
            }
            println!("history:");
            for e in &t.events {
                println!("  {}  {:<18} {}", e.at, e.kind, e.detail);
            }
            println!("replies:");
            for r in &t.replies {
                println!("  {:<18} to {}  {} after {} attempt(s)", r.kind, r.recipient, r.state, r.attempts);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
