//! A party's answer finds its ticket through the reply it answers, however the party's
//! mail client wrote the reply's Message-ID, on both engines.

mod support;

use accessd::config::DatabaseSettings;
use accessd::db::Db;
use accessd::intake::{parse, IntakeLimits};
use accessd::on_pool;
use accessd::tickets::store::find_thread;

const PARTY: &str = "party@example.org";

/// An open ticket of `PARTY`'s and the court's reply on it, `<r1.x@court.example>`.
async fn ticket_with_a_reply(db: &Db) {
    on_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO tickets (ticket_id, year, seq, state, disposition, subject, screening, party_address,
                                  created_at, updated_at)
             VALUES ('EA-2026-000001', 2026, 1, 'awaiting_party', 'needs_information', 'Access request', '{}', $1,
                     '2026-11-02T09:00:00.000000Z', '2026-11-02T09:00:00.000000Z')",
        )
        .bind(PARTY)
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO outbox (ticket_id, message_row, kind, recipient, message_id, raw, next_attempt, created_at)
             VALUES ('EA-2026-000001', 1, 'needs_information', $1, '<r1.x@court.example>', $2,
                     '2026-11-02T09:00:00.000000Z', '2026-11-02T09:00:00.000000Z')",
        )
        .bind(PARTY)
        .bind(b"Subject: test\r\n\r\nbody\r\n".to_vec())
        .execute(pool)
        .await
        .unwrap();
    });
}

#[tokio::test]
async fn an_answer_finds_its_ticket_however_its_client_wrote_the_reply_id() {
    let tmp = tempfile::tempdir().unwrap();
    let limits = IntakeLimits { max_message_bytes: 1_000_000, max_parts: 10 };
    for (engine, url) in support::engines("thread", tmp.path()) {
        let db = Db::open(&DatabaseSettings { url, max_connections: 2 }).await.unwrap();
        ticket_with_a_reply(&db).await;
        // (threading headers, sender, ticket found)
        let cases = [
            ("In-Reply-To: <r1.x@court.example>", PARTY, true),
            ("In-Reply-To: r1.x@court.example", PARTY, true),
            ("References: <a@example.org>\r\n  <r1.x@court.example>", PARTY, true),
            ("In-Reply-To: <r2.x@court.example>", PARTY, false),
            ("In-Reply-To: <r1.x@court.example>", "someone@example.org", false),
        ];
        for (threading, sender, found) in cases {
            let raw = format!("From: <{sender}>\r\nSubject: Re: access\r\n{threading}\r\n\r\nHere it is.\r\n");
            let message = parse(raw.as_bytes(), limits).unwrap();
            let ticket = find_thread(&db, &message, Some(sender), "EA").await.unwrap();
            assert_eq!(ticket.is_some(), found, "{engine}: {threading} from {sender}");
        }
    }
}
