//! The command line as an operator uses it: imports, and `check` on hostile input.

use std::path::Path;
use std::process::{Command, Output};

fn accessd(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_accessd"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("ACCESSD__DATABASE__URL", format!("sqlite://{}?mode=rwc", db.display()))
        .env("RUST_LOG", "warn");
    cmd
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let csv = tmp.path().join("cases.csv");
    std::fs::write(
        &csv,
        "docket_number,case_name,case_type\nHHD-CV24-6187342-S,\"WHITLOCK, DANA v. CAPITOL AUTO SALES, LLC\",civil\n",
    )
    .unwrap();
    let first = accessd(&db).args(["import", "cases"]).arg(&csv).output().unwrap();
    assert!(first.status.success(), "{}", text(&first));
    assert!(text(&first).contains("1 inserted or changed"), "{}", text(&first));
    let again = accessd(&db).args(["import", "cases"]).arg(&csv).output().unwrap();
    assert!(text(&again).contains("0 inserted or changed, 1 already up to date"), "{}", text(&again));
}

#[test]
fn a_bad_row_rejects_the_whole_file_naming_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let csv = tmp.path().join("accounts.csv");
    std::fs::write(
        &csv,
        "user_id,full_name,email,account_type,business_name\nok1,Ann Lee,ann@x.example,individual,\nbad2,Bo Li,not-an-address,individual,\n",
    )
    .unwrap();
    let out = accessd(&db).args(["import", "accounts"]).arg(&csv).output().unwrap();
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(msg.contains("line 3") && msg.contains("`email`"), "{msg}");
    // Nothing was imported: the good first row is not in the database either.
    let good = tmp.path().join("good.csv");
    std::fs::write(
        &good,
        "user_id,full_name,email,account_type,business_name\nok1,Ann Lee,ann@x.example,individual,\n",
    )
    .unwrap();
    let out = accessd(&db).args(["import", "accounts"]).arg(&good).output().unwrap();
    assert!(text(&out).contains("1 inserted or changed"), "{}", text(&out));
}

#[test]
fn check_survives_hostile_files() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.eml", Vec::new()),
        ("binary.eml", (0..65536u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8).collect()),
        ("truncated.eml", b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQAAAQABAAD".to_vec()),
        ("nul.eml", vec![0u8; 1000]),
    ];
    for (name, bytes) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = accessd(&db).args(["check", "--json"]).arg(&path).output().unwrap();
        let msg = text(&out);
        assert!(!msg.contains("panicked"), "{name}: {msg}");
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(v["disposition"].is_string(), "{name}");
        } else {
            assert!(msg.contains(name), "{name}: the error names the file: {msg}");
        }
    }
}

#[test]
fn check_handles_a_30_mb_message() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("d.db");
    let path = tmp.path().join("big.eml");
    let mut raw = b"From: Ann <ann@x.example>\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nName: Ann Lee\r\n--B\r\nContent-Type: image/jpeg; name=big.jpg\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".to_vec();
    let line = [b'A'; 78].iter().chain(b"\r\n").copied().collect::<Vec<u8>>();
    while raw.len() < 30_000_000 {
        raw.extend_from_slice(&line);
    }
    raw.extend_from_slice(b"--B--\r\n");
    std::fs::write(&path, &raw).unwrap();
    let out = accessd(&db).args(["check", "--json"]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].to_string();
    assert!(findings.contains("oversized_attachment"), "{findings}");
}

#[test]
fn a_bad_config_fails_at_start_naming_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let out = accessd(&tmp.path().join("d.db"))
        .env("ACCESSD__SENDER_AUTH__TRUSTED_AUTHSERV_IDS", "")
        .args(["check", "x.eml"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("sender_auth.trusted_authserv_ids"), "{}", text(&out));
}
