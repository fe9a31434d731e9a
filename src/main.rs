//! The `accessd` command line. Errors end here, with `anyhow`, as one clear message.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use accessd::config::Settings;
use accessd::db::Db;
use accessd::directory::{import, store};
use accessd::screener::Screener;

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
    }
}
