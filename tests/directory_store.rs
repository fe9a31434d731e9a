//! The directory in the database, on both engines: import, idempotent re-import, the
//! snapshot one message needs, and screening through the shell with identical results.

mod support;

use accessd::config::{DatabaseSettings, Settings};
use accessd::db::Db;
use accessd::directory::import::{self, DirectoryFile};
use accessd::directory::{store, DirectoryQuery};
use accessd::screener::Screener;
use chrono::{TimeZone, Utc};

const FILES: [(DirectoryFile, &str); 4] = [
    (DirectoryFile::Accounts, "accounts.csv"),
    (DirectoryFile::Cases, "cases.csv"),
    (DirectoryFile::Parties, "parties.csv"),
    (DirectoryFile::Requests, "access_requests.csv"),
];

async fn open(url: &str) -> Db {
    Db::open(&DatabaseSettings { url: url.into(), max_connections: 4 }).await.unwrap()
}

#[tokio::test]
async fn import_and_snapshot_behave_the_same_on_both_engines() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = support::samples().join("fixtures");
    for (engine, url) in support::engines("directory", tmp.path()) {
        let db = open(&url).await;
        for (file, name) in FILES {
            let rows = import::parse(file, &std::fs::read(fixtures.join(name)).unwrap()).unwrap();
            let first = store::import(&db, &rows).await.unwrap();
            assert_eq!(first.changed as usize, rows.len(), "{engine} {name}");
            let again = store::import(&db, &rows).await.unwrap();
            assert_eq!(again.changed, 0, "{engine} {name}: re-import must change nothing");
        }
        // An edited row is one change.
        let edited =
            "docket_number,case_name,case_type\nHHD-CV24-6187342-S,\"WHITLOCK, DANA v. CAPITOL AUTO, LLC\",civil\n";
        let rows = import::parse(DirectoryFile::Cases, edited.as_bytes()).unwrap();
        assert_eq!(store::import(&db, &rows).await.unwrap().changed, 1, "{engine}");

        let snapshot = store::snapshot(
            &db,
            &DirectoryQuery {
                user_ids: vec!["pramanokafor".into()],
                emails: vec!["dana.whitlock@gmail.example".into()],
                docket_cores: vec!["FBT-FA25-6143307".into()],
            },
        )
        .await
        .unwrap();
        let users: Vec<&str> = snapshot.accounts.iter().map(|a| a.user_id.as_str()).collect();
        assert_eq!(users, vec!["PRamanOkafor", "dwhitlock84"], "{engine}");
        // The docket asked about, and the cases of the accounts' pending requests (what
        // directory-guided reading looks for in the party's text).
        let mut cases: Vec<String> = snapshot.cases.iter().map(|c| c.docket.to_string()).collect();
        cases.sort_unstable();
        assert_eq!(cases, vec!["FBT-FA25-6143307-S", "HHD-CV24-6187342-S", "NHH-CV25-6021873-S"], "{engine}");
        assert!(snapshot.parties.iter().any(|p| p.docket.to_string() == "FBT-FA25-6143307-S"), "{engine}");
        assert!(snapshot.parties.iter().any(|p| p.docket.to_string() == "NHH-CV25-6021873-S"), "{engine}");
        let requests: Vec<&str> = snapshot.requests.iter().map(|r| r.request_id.as_str()).collect();
        assert_eq!(requests, vec!["EAR-2026-104390", "EAR-2026-104211"], "{engine}");
        db.close().await;
    }
}

#[tokio::test]
async fn screening_results_do_not_depend_on_the_engine() {
    let tmp = tempfile::tempdir().unwrap();
    let samples = support::samples();
    let settings = Settings::load_with_env(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"),
        Vec::new(),
    )
    .unwrap();
    let received = Utc.with_ymd_and_hms(2026, 10, 20, 12, 0, 0).unwrap();
    let mut results: Vec<Vec<serde_json::Value>> = Vec::new();
    for (_, url) in support::engines("screening", tmp.path()) {
        let db = open(&url).await;
        for (file, name) in FILES {
            let rows = import::parse(file, &std::fs::read(samples.join("fixtures").join(name)).unwrap()).unwrap();
            store::import(&db, &rows).await.unwrap();
        }
        let screener = Screener::new(db, &settings);
        let mut messages: Vec<_> =
            std::fs::read_dir(samples.join("messages")).unwrap().map(|e| e.unwrap().path()).collect();
        messages.sort();
        let mut engine_results = Vec::new();
        for m in messages {
            let s = screener.screen_raw(&std::fs::read(&m).unwrap(), received).await.unwrap();
            engine_results.push(s.result_json());
        }
        screener.db.close().await;
        results.push(engine_results);
    }
    assert_eq!(results[0].len(), 16);
    assert_eq!(results[0], results[1]);
}
