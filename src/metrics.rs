//! Prometheus metrics, served at `/metrics`. Process-wide, counted where things happen
//! (intake, worker, OCR, senders, the mailbox lease). No label carries personal data:
//! dispositions and states only.

use std::sync::OnceLock;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct DispositionLabel {
    pub disposition: String,
}

pub struct Metrics {
    pub messages_received: Counter,
    pub messages_screened: Family<DispositionLabel, Counter>,
    pub screening_failures: Counter,
    pub messages_quarantined: Counter,
    pub ocr_seconds: Histogram,
    pub replies_sent: Counter,
    pub reply_retries: Counter,
    pub replies_failed: Counter,
    /// Pending replies; set from the database at each scrape.
    pub outbox_backlog: Gauge,
    /// 1 while this instance holds the mailbox lease.
    pub mailbox_leader: Gauge,
    /// 1 while an IMAP session is open (always 1 for a Maildir that can be read).
    pub mailbox_session_up: Gauge,
    /// Unix time of the last successful look at the mailbox.
    pub mailbox_last_fetch: Gauge,
    /// 1 while no fetch has succeeded for `daemon.stall_alert_minutes`.
    pub mailbox_stalled: Gauge,
    /// 1 while the OAuth2 token endpoint answers invalid_grant.
    pub oauth_invalid_grant: Gauge,
    registry: Registry,
}

impl Metrics {
    fn new() -> Self {
        let mut m = Metrics {
            messages_received: Counter::default(),
            messages_screened: Family::default(),
            screening_failures: Counter::default(),
            messages_quarantined: Counter::default(),
            // 50 ms to ~26 s: a photo takes a few hundred ms, a bad PDF much longer.
            ocr_seconds: Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(0.05, 2.0, 10)),
            replies_sent: Counter::default(),
            reply_retries: Counter::default(),
            replies_failed: Counter::default(),
            outbox_backlog: Gauge::default(),
            mailbox_leader: Gauge::default(),
            mailbox_session_up: Gauge::default(),
            mailbox_last_fetch: Gauge::default(),
            mailbox_stalled: Gauge::default(),
            oauth_invalid_grant: Gauge::default(),
            registry: Registry::with_prefix("accessd"),
        };
        let r = &mut m.registry;
        r.register("messages_received", "Messages stored from the mailbox", m.messages_received.clone());
        r.register("messages_screened", "Messages screened, by disposition", m.messages_screened.clone());
        r.register("screening_failures", "Screening attempts that failed (retried)", m.screening_failures.clone());
        r.register("messages_quarantined", "Messages given up after repeated failures", m.messages_quarantined.clone());
        r.register("ocr_seconds", "Time to OCR one image", m.ocr_seconds.clone());
        r.register("replies_sent", "Replies accepted by the SMTP server", m.replies_sent.clone());
        r.register("reply_retries", "Reply attempts refused temporarily", m.reply_retries.clone());
        r.register("replies_failed", "Replies given up (ticket marked)", m.replies_failed.clone());
        r.register("outbox_backlog", "Replies waiting to be sent", m.outbox_backlog.clone());
        r.register("mailbox_leader", "1 when this instance reads the mailbox", m.mailbox_leader.clone());
        r.register("mailbox_session_up", "1 when the mailbox session is open", m.mailbox_session_up.clone());
        r.register(
            "mailbox_last_fetch_timestamp_seconds",
            "When the mailbox was last read successfully",
            m.mailbox_last_fetch.clone(),
        );
        r.register("mailbox_stalled", "1 when no fetch succeeded for the alert time", m.mailbox_stalled.clone());
        r.register("oauth_invalid_grant", "1 while the OAuth2 grant is refused", m.oauth_invalid_grant.clone());
        m
    }

    /// Counts one screened message.
    pub fn screened(&self, disposition: &str) {
        self.messages_screened.get_or_create(&DispositionLabel { disposition: disposition.to_string() }).inc();
    }

    /// Records a successful look at the mailbox.
    pub fn fetched(&self) {
        self.mailbox_last_fetch.set(chrono::Utc::now().timestamp());
        self.mailbox_session_up.set(1);
    }

    /// Seconds since the last successful fetch, if there was one.
    pub fn seconds_since_fetch(&self) -> Option<i64> {
        let last = self.mailbox_last_fetch.get();
        (last > 0).then(|| chrono::Utc::now().timestamp() - last)
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// The process's metrics.
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_names_every_metric() {
        let m = Metrics::new();
        m.screened("ready_for_review");
        m.ocr_seconds.observe(0.3);
        let text = m.render();
        for name in [
            "accessd_messages_received_total",
            "accessd_messages_screened_total{disposition=\"ready_for_review\"} 1",
            "accessd_ocr_seconds_bucket",
            "accessd_outbox_backlog",
            "accessd_mailbox_session_up",
            "accessd_mailbox_last_fetch_timestamp_seconds",
            "accessd_replies_failed_total",
        ] {
            assert!(text.contains(name), "{name} missing from:\n{text}");
        }
    }
}
