//! Writes an evaluation corpus of access-request mail with its truth:
//! `cargo run --release --example corpus -- --out DIR --seed S --count N [--first I]`.
//! Prints counts per disposition, finding, client, charset and phrasing style, and
//! fails when the truth is inconsistent.

#[path = "../tests/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    out: PathBuf,
    seed: u64,
    count: usize,
    first: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args { out: PathBuf::from("corpus-out"), seed: 1, count: 100, first: 0 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => a.out = PathBuf::from(value),
            "--seed" => a.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            "--count" => a.count = value.parse().map_err(|e| format!("--count: {e}"))?,
            "--first" => a.first = value.parse().map_err(|e| format!("--first: {e}"))?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\nusage: corpus --out DIR --seed S --count N [--first I]");
            return ExitCode::from(2);
        }
    };
    let world = corpus::generate::world(a.seed);
    if let Err(e) = corpus::world::write_fixtures(&world, &a.out) {
        eprintln!("writing fixtures: {e}");
        return ExitCode::FAILURE;
    }
    let mut all = Vec::new();
    let mut problems = Vec::new();
    for start in (a.first..a.first + a.count).step_by(100) {
        let n = 100.min(a.first + a.count - start);
        let batch = corpus::generate::messages(&world, a.seed, start, n);
        if let Err(e) = corpus::generate::write_messages(&batch, &a.out) {
            eprintln!("writing messages: {e}");
            return ExitCode::FAILURE;
        }
        problems.extend(corpus::check::check(&world, &batch));
        all.extend(batch.into_iter().map(|mut m| {
            m.eml = Vec::new();
            m
        }));
        eprintln!("{} of {} messages written", start + n - a.first, a.count);
    }
    println!("{}", corpus::summary::table(&all));
    println!(
        "world: {} accounts, {} cases, {} requests; written to {}",
        world.accounts.len(),
        world.cases.len(),
        world.requests.len(),
        a.out.display()
    );
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!("{} inconsistencies", problems.len());
        ExitCode::FAILURE
    }
}
