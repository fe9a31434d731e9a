//! Screening throughput on one core: a typical request without attachments, from raw
//! bytes to disposition, against the sample directory held in memory. The baseline in
//! the same run is mail-parser's own parse of the same bytes, the floor no screening
//! can beat. Floor from the issue: 5,000 messages/s.

use std::hint::black_box;
use std::path::Path;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use accessd::config::Settings;
use accessd::directory::import::{self, DirectoryFile};
use accessd::directory::DirectorySnapshot;
use accessd::intake::{self, IntakeLimits};
use accessd::screening::{self, ScreeningPolicy};

const TYPICAL: &str = "Return-Path: <ann.lee@mail.example>\r
Authentication-Results: mx.eservices.example; dkim=pass header.i=@mail.example header.s=s1; spf=pass smtp.mailfrom=ann.lee@mail.example; dmarc=pass header.from=mail.example\r
From: Ann Lee <luis.ortega@gmail.example>\r
To: E-Services <eservices@eservices.example>\r
Subject: Access request FST-CV24-6066512-S\r
Date: Fri, 09 Oct 2026 12:25:00 -0400\r
Message-ID: <bench-1@mail.example>\r
MIME-Version: 1.0\r
Content-Type: multipart/alternative; boundary=\"b1\"\r
\r
--b1\r
Content-Type: text/plain; charset=\"UTF-8\"\r
\r
Good afternoon,\r
\r
Name: Luis Ortega\r
User ID: lortega.nb\r
Case name: Ortega v. Gomez\r
Docket number: FST-CV24-6066512-S\r
\r
I have attached my driver's license.\r
\r
Thanks,\r
Luis\r
\r
--b1\r
Content-Type: text/html; charset=\"utf-8\"\r
\r
<div>Good afternoon,</div><div>Name: Luis Ortega</div><div>User ID: lortega.nb</div>\r
--b1--\r
";

fn directory() -> DirectorySnapshot {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/fixtures");
    let mut snapshot = DirectorySnapshot::default();
    for (file, name) in [
        (DirectoryFile::Accounts, "accounts.csv"),
        (DirectoryFile::Cases, "cases.csv"),
        (DirectoryFile::Parties, "parties.csv"),
        (DirectoryFile::Requests, "access_requests.csv"),
    ] {
        let bytes = std::fs::read(fixtures.join(name)).expect("sample fixtures beside the repository");
        snapshot.extend(import::parse(file, &bytes).unwrap());
    }
    snapshot
}

fn bench(c: &mut Criterion) {
    let settings =
        Settings::load_with_env(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"), Vec::new())
            .unwrap();
    let policy = ScreeningPolicy::from_settings(&settings);
    let limits = IntakeLimits::from(&settings.screening);
    let directory = directory();
    let now = Utc::now();
    let raw = TYPICAL.as_bytes();

    // The result must be real before it is timed.
    let check = screening::screen(&screening::prepare(intake::parse(raw, limits).unwrap(), now, &policy), &directory);
    assert_eq!(check.request_id.as_deref(), Some("EAR-2026-104460"));

    let mut group = c.benchmark_group("typical_message");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline_mail_parser_only", |b| {
        b.iter(|| black_box(mail_parser::MessageParser::default().parse(black_box(raw))))
    });
    group.bench_function("accessd_screen", |b| {
        b.iter(|| {
            let message = intake::parse(black_box(raw), limits).unwrap();
            let prepared = screening::prepare(message, now, &policy);
            black_box(screening::screen(&prepared, &directory))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
