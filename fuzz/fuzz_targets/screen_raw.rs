//! Screening of arbitrary bytes: parse, classify, extract, inspect attachments and apply
//! the rules against a small directory. Any input must give a result or an error.
#![no_main]

use std::sync::LazyLock;

use accessd::config::Settings;
use accessd::directory::import::{self, DirectoryFile};
use accessd::directory::DirectorySnapshot;
use accessd::intake::{self, IntakeLimits};
use accessd::screening::{self, ScreeningPolicy};
use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    policy: ScreeningPolicy,
    limits: IntakeLimits,
    directory: DirectorySnapshot,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let settings = Settings::load_with_env(&root.join("config/default.toml"), Vec::new()).unwrap();
    let mut directory = DirectorySnapshot::default();
    for (file, name) in [
        (DirectoryFile::Accounts, "accounts.csv"),
        (DirectoryFile::Cases, "cases.csv"),
        (DirectoryFile::Parties, "parties.csv"),
        (DirectoryFile::Requests, "requests.csv"),
    ] {
        let bytes = std::fs::read(root.join("deploy/demo/directory").join(name)).unwrap();
        directory.extend(import::parse(file, &bytes).unwrap());
    }
    Fixture { policy: ScreeningPolicy::from_settings(&settings), limits: IntakeLimits::from(&settings.screening), directory }
});

fuzz_target!(|raw: &[u8]| {
    let f = &*FIXTURE;
    if let Ok(message) = intake::parse(raw, f.limits) {
        let prepared = screening::prepare(message, Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap(), &f.policy);
        let _ = prepared.directory_query();
        let result = screening::screen(&prepared, &f.directory);
        let _ = result.result_json();
    }
});
