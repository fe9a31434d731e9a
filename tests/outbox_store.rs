//! The outbox on both engines: a due reply goes to one sender only, a reply whose
//! sender stopped mid-attempt comes due again, and a stalled sender's late outcome does
//! not rewrite what the sender holding the reply now recorded.

mod support;

use accessd::config::DatabaseSettings;
use accessd::db::{timestamp, Db};
use accessd::on_pool;
use accessd::replies::outbox;
use chrono::{Duration, TimeZone, Utc};

/// One ticket and one pending reply due at `due`, written as the screener would.
async fn queue_one_reply(db: &Db, due: chrono::DateTime<Utc>) {
    let at = timestamp(due);
    on_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO tickets (ticket_id, year, seq, state, disposition, subject, screening, created_at, updated_at)
             VALUES ('EA-2026-000001', 2026, 1, 'ready_for_review', 'ready_for_review', 'Access request', '{}', $1, $1)",
        )
        .bind(&at)
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO outbox (ticket_id, message_row, kind, recipient, message_id, raw, next_attempt, created_at)
             VALUES ('EA-2026-000001', 1, 'acknowledgement', 'party@example.org', '<r1@accessd>', $1, $2, $2)",
        )
        .bind(b"Subject: test\r\n\r\nbody\r\n".to_vec())
        .bind(&at)
        .execute(pool)
        .await
        .unwrap();
    });
}

#[tokio::test]
async fn a_due_reply_is_taken_by_one_sender_and_comes_back_if_it_stops() {
    let tmp = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    for (engine, url) in support::engines("outbox", tmp.path()) {
        let db = Db::open(&DatabaseSettings { url, max_connections: 4 }).await.unwrap();
        queue_one_reply(&db, now - Duration::seconds(5)).await;
        // Two senders that both find it due (an old leader resuming): one wins.
        let hold = now + Duration::minutes(10);
        let taken = outbox::claim_due(&db, now, hold, 10).await.unwrap();
        assert_eq!(taken.len(), 1, "{engine}");
        let first = taken[0].claim.clone();
        assert!(outbox::claim_due(&db, now, hold, 10).await.unwrap().is_empty(), "{engine}: second sender must lose");
        let before_hold = now + Duration::minutes(9);
        assert!(outbox::claim_due(&db, before_hold, hold, 10).await.unwrap().is_empty(), "{engine}");

        // The winner stalled past its hold: due again, and another sender takes it.
        let later = hold + Duration::seconds(1);
        let retaken = outbox::claim_due(&db, later, later + Duration::minutes(10), 10).await.unwrap();
        assert_eq!(retaken.len(), 1, "{engine}: taken again");
        let second = retaken[0].claim.clone();

        // The stalled sender's late answers change nothing; the current claim records.
        let lost = outbox::Recorded::ClaimLost;
        assert_eq!(outbox::mark_retry(&db, &first, "timeout", later).await.unwrap(), lost, "{engine}");
        assert_eq!(outbox::mark_failed(&db, &first, "EA-2026-000001", "550", later).await.unwrap(), lost, "{engine}");
        assert_eq!(outbox::mark_sent(&db, &second, later).await.unwrap(), outbox::Recorded::Yes, "{engine}");
        assert_eq!(outbox::mark_failed(&db, &first, "EA-2026-000001", "550", later).await.unwrap(), lost, "{engine}");
        let (state, attempts, error, failed): (String, i64, Option<String>, i64) = on_pool!(&db, |pool| {
            sqlx::query_as(
                "SELECT o.state, o.attempts, o.last_error, t.reply_failed FROM outbox o
                 JOIN tickets t ON t.ticket_id = o.ticket_id WHERE o.id = $1",
            )
            .bind(first.id)
            .fetch_one(pool)
            .await
            .unwrap()
        });
        assert_eq!((state.as_str(), attempts, error, failed), ("sent", 1, None, 0), "{engine}: the sent row stands");

        // Once sent it is nobody's to take.
        let much_later = later + Duration::hours(1);
        assert!(outbox::claim_due(&db, much_later, much_later, 10).await.unwrap().is_empty(), "{engine}");
        db.close().await;
    }
}

/// A reply that waited for a free sender renews its hold before the attempt: the
/// renewed claim records, the hold it replaced does not, and a claim that passed to
/// another sender cannot be renewed.
#[tokio::test]
async fn a_held_reply_is_renewed_only_by_its_holder() {
    let tmp = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    for (engine, url) in support::engines("renew", tmp.path()) {
        let db = Db::open(&DatabaseSettings { url, max_connections: 4 }).await.unwrap();
        queue_one_reply(&db, now - Duration::seconds(5)).await;
        let hold = now + Duration::minutes(2);
        let first = outbox::claim_due(&db, now, hold, 10).await.unwrap().remove(0).claim;
        let renewed = outbox::renew(&db, &first, hold + Duration::minutes(1)).await.unwrap();
        let renewed = renewed.unwrap_or_else(|| panic!("{engine}: the holder renews its own claim"));
        assert!(renewed.hold_left(now) > first.hold_left(now), "{engine}");
        // Past the old hold, but within the renewed one: nobody else takes it.
        let between = hold + Duration::seconds(30);
        assert!(
            outbox::claim_due(&db, between, between + Duration::minutes(2), 10).await.unwrap().is_empty(),
            "{engine}"
        );
        assert_eq!(outbox::renew(&db, &first, between).await.unwrap(), None, "{engine}: the replaced hold is gone");
        assert_eq!(outbox::mark_sent(&db, &first, between).await.unwrap(), outbox::Recorded::ClaimLost, "{engine}");
        assert_eq!(outbox::mark_sent(&db, &renewed, between).await.unwrap(), outbox::Recorded::Yes, "{engine}");
        assert_eq!(
            outbox::renew(&db, &renewed, between).await.unwrap(),
            None,
            "{engine}: a sent reply is held by none"
        );
        db.close().await;
    }
}

/// Senders taking batches at the same moment (two instances that both believe they
/// lead) share the due replies out: each is taken once, oldest first.
#[tokio::test]
async fn senders_taking_batches_at_once_never_share_a_reply() {
    const REPLIES: i64 = 40;
    let tmp = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    for (engine, url) in support::engines("outbox_batches", tmp.path()) {
        let db = Db::open(&DatabaseSettings { url, max_connections: 8 }).await.unwrap();
        queue_one_reply(&db, now - Duration::seconds(5)).await;
        on_pool!(&db, |pool| {
            for row in 2..=REPLIES {
                sqlx::query(
                    "INSERT INTO outbox (ticket_id, message_row, kind, recipient, message_id, raw, next_attempt, created_at)
                     SELECT ticket_id, $1, kind, recipient, $2, raw, next_attempt, created_at FROM outbox WHERE id = 1",
                )
                .bind(row)
                .bind(format!("<r{row}@accessd>"))
                .execute(pool)
                .await
                .unwrap();
            }
        });
        let hold = now + Duration::minutes(2);
        let mut taken: Vec<i64> = Vec::new();
        loop {
            let senders = (0..4).map(|_| outbox::claim_due(&db, now, hold, 3));
            let batches: Vec<_> = futures::future::join_all(senders).await.into_iter().map(Result::unwrap).collect();
            if batches.iter().all(Vec::is_empty) {
                break;
            }
            for batch in batches {
                assert!(batch.len() <= 3, "{engine}: a batch holds at most its limit");
                let ids: Vec<i64> = batch.iter().map(|d| d.claim.id).collect();
                assert!(ids.windows(2).all(|w| w[0] < w[1]), "{engine}: oldest first: {ids:?}");
                taken.extend(ids);
            }
        }
        taken.sort_unstable();
        assert_eq!(taken, (1..=REPLIES).collect::<Vec<_>>(), "{engine}: every reply taken exactly once");
        db.close().await;
    }
}
