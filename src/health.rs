//! Readiness and the stalled-mailbox alert. `/healthz` only says the process answers.
//! `/readyz` says the clerks' desk can work: the database answers; a mail-server blip
//! does not take the desk away behind a health-checking proxy. `/readyz/mail` says mail
//! flows: someone read the mailbox within the alert time (this instance, or another
//! holding the lease; a dropped session that reconnects within it is no failure) and
//! replies are not stuck.

use std::time::Duration;

use chrono::Utc;
use serde::Serialize;

use crate::db::{timestamp, Db, DbError};
use crate::metrics::metrics;
use crate::on_pool;

/// A reply this long past its due time means the sender is not running.
const OVERDUE: chrono::Duration = chrono::Duration::minutes(15);

/// What readiness is judged from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub database: Result<(), String>,
    /// This instance holds the mailbox lease.
    pub leader: bool,
    pub session_up: bool,
    pub seconds_since_fetch: Option<i64>,
    /// Another instance holds an unexpired mailbox lease.
    pub held_elsewhere: bool,
    /// The OAuth2 token endpoint refuses our grant.
    pub invalid_grant: bool,
    pub overdue_replies: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

/// The checks, by what they speak for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// The desk: `/readyz`.
    pub desk: Vec<Check>,
    /// Mail in and out: `/readyz/mail`.
    pub mail: Vec<Check>,
}

impl Readiness {
    pub fn desk_ready(&self) -> bool {
        self.desk.iter().all(|c| c.ok)
    }
    pub fn mail_flows(&self) -> bool {
        self.mail.iter().all(|c| c.ok)
    }
}

/// Whether a mailbox quiet this long is stalled. One rule for the alert gauge and for
/// `/readyz/mail`, so the two never disagree at the boundary.
pub fn stalled(quiet: Duration, stall: Duration) -> bool {
    quiet >= stall
}

/// The checks; pure.
pub fn judge(o: &Observed, stall: Duration) -> Readiness {
    let check = |name, result: Result<String, String>| match result {
        Ok(detail) => Check { name, ok: true, detail },
        Err(detail) => Check { name, ok: false, detail },
    };
    let fresh = |s: i64| !stalled(Duration::from_secs(s.max(0) as u64), stall);
    let mailbox = if o.invalid_grant {
        Err("the OAuth2 grant is refused (invalid_grant): sign in again and replace the refresh token".into())
    } else if o.leader {
        match (o.session_up, o.seconds_since_fetch) {
            (true, Some(s)) if fresh(s) => Ok(format!("read {s} s ago")),
            (false, Some(s)) if fresh(s) => Ok(format!("read {s} s ago; reconnecting")),
            (_, Some(s)) => Err(format!("no successful fetch for {s} s; check the mailbox settings and server")),
            (_, None) => Err("the mailbox has not been read yet".into()),
        }
    } else if o.held_elsewhere {
        Ok("read by another instance".into())
    } else {
        Err("no instance holds the mailbox".into())
    };
    let outbox = if o.overdue_replies == 0 {
        Ok("no reply overdue".into())
    } else {
        Err(format!("{} replies overdue by more than {} minutes", o.overdue_replies, OVERDUE.num_minutes()))
    };
    Readiness {
        desk: vec![check("database", o.database.clone().map(|()| "answers".into()))],
        mail: vec![check("mailbox", mailbox), check("outbox", outbox)],
    }
}

/// Observes this instance and its database.
pub async fn observe(db: &Db) -> Observed {
    let m = metrics();
    let mut observed = Observed {
        database: Ok(()),
        leader: m.mailbox_leader.get() == 1,
        session_up: m.mailbox_session_up.get() == 1,
        seconds_since_fetch: m.seconds_since_fetch(),
        held_elsewhere: false,
        invalid_grant: m.oauth_invalid_grant.get() == 1,
        overdue_replies: 0,
    };
    match read_state(db).await {
        Ok((held_elsewhere, overdue, backlog)) => {
            observed.held_elsewhere = held_elsewhere;
            observed.overdue_replies = overdue;
            m.outbox_backlog.set(backlog);
        }
        Err(e) => observed.database = Err(e.to_string()),
    }
    observed
}

/// (another instance holds the lease, overdue replies, pending replies)
async fn read_state(db: &Db) -> Result<(bool, i64, i64), DbError> {
    let now = Utc::now();
    Ok(on_pool!(db, |pool| {
        let holders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leases WHERE name = 'mailbox' AND expires_at > $1")
            .bind(timestamp(now))
            .fetch_one(pool)
            .await?;
        let (overdue, backlog): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN next_attempt < $1 THEN 1 ELSE 0 END), 0), COUNT(*)
             FROM outbox WHERE state = 'pending'",
        )
        .bind(timestamp(now - OVERDUE))
        .fetch_one(pool)
        .await?;
        (holders > 0, overdue, backlog)
    }))
}

/// Watches the mailbox while this instance holds it: when no fetch has succeeded for
/// `stall`, logs one alert event (`alert = "mailbox_stalled"`) and raises the
/// `accessd_mailbox_stalled` gauge; logs again when fetching resumes.
pub async fn watch_mailbox(stall: Duration, shutdown: tokio_util::sync::CancellationToken) {
    let m = metrics();
    let mut leading_since: Option<std::time::Instant> = None;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(Duration::from_secs(15).min(stall)) => {}
        }
        if m.mailbox_leader.get() != 1 {
            leading_since = None;
            m.mailbox_stalled.set(0);
            continue;
        }
        let since = *leading_since.get_or_insert_with(std::time::Instant::now);
        let quiet = match m.seconds_since_fetch() {
            Some(s) => Duration::from_secs(s.max(0) as u64).min(since.elapsed()),
            None => since.elapsed(),
        };
        let stalled = stalled(quiet, stall);
        if stalled && m.mailbox_stalled.get() == 0 {
            tracing::error!(
                alert = "mailbox_stalled",
                minutes = quiet.as_secs() / 60,
                "no mail fetched for {} minutes: check the mailbox connection and credentials",
                quiet.as_secs() / 60
            );
        } else if !stalled && m.mailbox_stalled.get() == 1 {
            tracing::info!(alert = "mailbox_stalled", "the mailbox is being read again");
        }
        m.mailbox_stalled.set(i64::from(stalled));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn healthy() -> Observed {
        Observed {
            database: Ok(()),
            leader: true,
            session_up: true,
            seconds_since_fetch: Some(3),
            held_elsewhere: false,
            invalid_grant: false,
            overdue_replies: 0,
        }
    }

    fn failing(o: &Observed) -> Vec<&'static str> {
        let r = judge(o, Duration::from_secs(600));
        r.desk.into_iter().chain(r.mail).filter(|c| !c.ok).map(|c| c.name).collect()
    }

    #[test]
    fn each_check_fails_on_its_own_cause() {
        assert!(failing(&healthy()).is_empty());
        assert_eq!(failing(&Observed { database: Err("refused".into()), ..healthy() }), ["database"]);
        assert_eq!(failing(&Observed { seconds_since_fetch: Some(601), ..healthy() }), ["mailbox"]);
        // A dropped session is no failure until the alert time passes without a read.
        assert!(failing(&Observed { session_up: false, ..healthy() }).is_empty());
        assert_eq!(failing(&Observed { session_up: false, seconds_since_fetch: Some(601), ..healthy() }), ["mailbox"]);
        assert_eq!(failing(&Observed { seconds_since_fetch: None, ..healthy() }), ["mailbox"]);
        assert_eq!(failing(&Observed { overdue_replies: 2, ..healthy() }), ["outbox"]);
        assert_eq!(failing(&Observed { invalid_grant: true, ..healthy() }), ["mailbox"]);
    }

    #[test]
    fn the_alert_and_readiness_agree_at_the_alert_time() {
        let stall = Duration::from_secs(600);
        for quiet in [599, 600, 601] {
            let alerted = stalled(Duration::from_secs(quiet), stall);
            let flows = judge(&Observed { seconds_since_fetch: Some(quiet as i64), ..healthy() }, stall).mail_flows();
            assert_eq!(alerted, !flows, "quiet {quiet} s");
        }
        assert!(stalled(Duration::from_secs(600), stall));
    }

    #[test]
    fn the_desk_is_ready_whatever_the_mail_does() {
        let stalled = judge(
            &Observed { seconds_since_fetch: Some(4000), overdue_replies: 3, ..healthy() },
            Duration::from_secs(600),
        );
        assert!(stalled.desk_ready() && !stalled.mail_flows());
        let no_database = judge(&Observed { database: Err("refused".into()), ..healthy() }, Duration::from_secs(600));
        assert!(!no_database.desk_ready());
    }

    #[test]
    fn a_standby_is_ready_while_another_instance_reads_the_mailbox() {
        let standby = Observed { leader: false, session_up: false, seconds_since_fetch: None, ..healthy() };
        assert_eq!(failing(&Observed { held_elsewhere: true, ..standby.clone() }), Vec::<&str>::new());
        assert_eq!(failing(&standby), ["mailbox"]);
    }
}
