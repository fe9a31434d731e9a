//! The approval webhook: each approval POSTed as JSON to `desk.webhook_url` (with a
//! bearer token when set), retried with the replies' backoff until a 2xx, given up after
//! `replies.max_attempts` with the ticket's history saying so.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, Request};
use chrono::Utc;
use http_body_util::Full;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use secrecy::{ExposeSecret, SecretString};
use tokio_util::sync::CancellationToken;

use crate::db::{timestamp, Db, DbError};
use crate::on_pool;
use crate::replies::delivery::{backoff, RetryPolicy};

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

pub struct Webhook {
    url: String,
    token: Option<SecretString>,
    client: Client<Https, Full<Bytes>>,
    policy: RetryPolicy,
}

impl Webhook {
    pub fn new(url: &str, token: Option<SecretString>, policy: RetryPolicy) -> Self {
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http() // http only passes validation for loopback
            .enable_http1()
            .build();
        Self { url: url.to_string(), token, client: Client::builder(TokioExecutor::new()).build(connector), policy }
    }

    async fn post(&self, body: String) -> Result<(), String> {
        let mut req = Request::post(&self.url).header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = &self.token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {}", token.expose_secret()));
        }
        let req = req.body(Full::new(Bytes::from(body))).map_err(|e| e.to_string())?;
        let res = tokio::time::timeout(Duration::from_secs(30), self.client.request(req))
            .await
            .map_err(|_| "no answer within 30 s".to_string())?
            .map_err(|e| e.to_string())?;
        if res.status().is_success() {
            Ok(())
        } else {
            Err(format!("the webhook answered {}", res.status()))
        }
    }
}

type Pending = (i64, String, Option<String>, Option<String>, Option<String>, Option<String>, String, String, i64);

async fn due(db: &Db) -> Result<Vec<Pending>, DbError> {
    Ok(on_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT id, ticket_id, user_id, docket_number, party_name, request_id, clerk, at, webhook_attempts FROM decisions
             WHERE webhook_state = 'pending' AND webhook_next <= $1 ORDER BY id LIMIT 50",
        )
        .bind(timestamp(Utc::now()))
        .fetch_all(pool)
        .await?
    }))
}

async fn record(
    db: &Db,
    id: i64,
    ticket_id: &str,
    state: &str,
    attempts: i64,
    next: Duration,
    error: Option<&str>,
) -> Result<(), DbError> {
    let now = Utc::now();
    on_pool!(db, |pool| {
        sqlx::query(
            "UPDATE decisions SET webhook_state = $2, webhook_attempts = $3, webhook_next = $4, webhook_error = $5 WHERE id = $1",
        )
        .bind(id)
        .bind(state)
        .bind(attempts)
        .bind(timestamp(now + chrono::Duration::from_std(next).unwrap_or_default()))
        .bind(error)
        .execute(pool)
        .await?;
        if state == "failed" {
            sqlx::query(
                "INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($1, $2, 'webhook_failed', $3)",
            )
            .bind(ticket_id)
            .bind(timestamp(now))
            .bind(error.unwrap_or(""))
            .execute(pool)
            .await?;
        }
    });
    Ok(())
}

/// Delivers pending approvals until `shutdown`, looking every second.
pub async fn run(db: Db, hook: Arc<Webhook>, shutdown: CancellationToken) {
    while !shutdown.is_cancelled() {
        match due(&db).await {
            Ok(rows) => {
                for (id, ticket_id, user_id, docket, party, request, clerk, at, attempts) in rows {
                    let body = serde_json::json!({
                        "ticket_id": ticket_id, "user_id": user_id, "docket_number": docket, "party_name": party,
                        "request_id": request, "decided_by": clerk, "decided_at": at,
                    })
                    .to_string();
                    let attempts = attempts + 1;
                    let outcome = match hook.post(body).await {
                        Ok(()) => record(&db, id, &ticket_id, "sent", attempts, Duration::ZERO, None).await,
                        Err(e) if attempts >= i64::from(hook.policy.max_attempts) => {
                            tracing::warn!(ticket = %ticket_id, error = %e, "approval webhook given up");
                            record(&db, id, &ticket_id, "failed", attempts, Duration::ZERO, Some(&e)).await
                        }
                        Err(e) => {
                            tracing::info!(ticket = %ticket_id, error = %e, "approval webhook delayed");
                            record(
                                &db,
                                id,
                                &ticket_id,
                                "pending",
                                attempts,
                                backoff(hook.policy.base_secs, attempts - 1),
                                Some(&e),
                            )
                            .await
                        }
                    };
                    if let Err(e) = outcome {
                        tracing::warn!(error = %e, "cannot record a webhook delivery");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot read pending approvals"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => {}
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}
