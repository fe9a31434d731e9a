//! `accessd run`: the screening worker and the desk on every instance; the mailbox and
//! the senders on the one instance holding the mailbox lease (`cluster`). SIGTERM or
//! Ctrl-C stops taking mail, lets the worker finish the batch in hand, moves what it
//! settled, and exits.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use crate::cluster::{Instance, Lease};
use crate::config::Settings;
use crate::db::Db;
use crate::mailbox::{self, Intake};
use crate::replies::delivery::{self, RetryPolicy, Transport};
use crate::replies::{Letterhead, Templates};
use crate::tickets::process::{Wakers, Worker};
use crate::tickets::store::ReplyPolicy;
use crate::vault::Vault;

/// The reply policy from the settings; loads and checks the templates.
pub fn reply_policy(settings: &Settings) -> anyhow::Result<ReplyPolicy> {
    let templates = Templates::load(&settings.replies.templates)?;
    Ok(ReplyPolicy {
        templates: Arc::new(templates),
        letterhead: Letterhead {
            from_name: settings.replies.from_name.clone(),
            from_address: settings.court.mailbox_address.clone(),
        },
        court_addresses: std::iter::once(&settings.court.mailbox_address)
            .chain(&settings.court.other_addresses)
            .map(|a| a.to_lowercase())
            .collect(),
        budget_per_address: settings.replies.budget_per_address,
        budget_window: chrono::Duration::minutes(i64::from(settings.replies.budget_window_minutes)),
        ticket_prefix: settings.daemon.ticket_prefix.clone(),
    })
}

/// Runs until `shutdown` is cancelled.
pub async fn run(settings: Settings, shutdown: CancellationToken) -> anyhow::Result<()> {
    let db = Db::open(&settings.database).await?;
    let replies = reply_policy(&settings)?;
    let transport = Arc::new(Transport::from_settings(&settings.replies).context("replies cannot be sent")?);
    let wakers = Wakers::default();
    let instance = Arc::new(Instance::new(&settings.daemon.instance_name));
    let vault = Arc::new(Vault::from_settings(&settings.storage)?);
    let worker = Worker::new(db.clone(), &settings, replies, instance.clone(), vault.clone());
    worker.load_ocr_engines().await.context("ID reading cannot start")?;
    tracing::info!(instance = %instance.id, encrypted_at_rest = vault.encrypts(), source = ?settings.mailbox.source, replies = ?settings.replies.transport, workers = settings.daemon.workers, "accessd running");

    // The worker stops first (finishing its batch); the mailbox and the senders stop
    // after it, so what the last batch settled is moved and its replies go out.
    let worker_stop = shutdown.clone();
    let rest_stop = CancellationToken::new();
    let lease =
        Lease::new(db.clone(), "mailbox", instance, Duration::from_secs(u64::from(settings.daemon.lease_seconds)));
    let leader_task = {
        let (settings, db, wakers, vault) = (settings.clone(), db.clone(), wakers.clone(), vault.clone());
        let held = lease.clone();
        tokio::spawn(lease.serve(rest_stop.clone(), move |term| {
            let intake = Intake::new(db.clone(), &settings, wakers.clone(), vault.clone())
                .under_lease(held.clone(), term.clone());
            leader_duties(settings.clone(), db.clone(), transport.clone(), wakers.clone(), intake, term)
        }))
    };
    let desk_task = if settings.desk.listen.is_empty() {
        None
    } else {
        let desk = crate::desk::Desk {
            vault: vault.clone(),
            ..crate::desk::Desk::new(db.clone(), &settings, worker.replies.clone(), wakers.replies.clone())
        };
        let listener = tokio::net::TcpListener::bind(&settings.desk.listen)
            .await
            .with_context(|| format!("the clerk desk cannot listen on {} (desk.listen)", settings.desk.listen))?;
        tracing::info!(address = %listener.local_addr()?, "clerk desk listening");
        let stop = rest_stop.clone();
        Some(tokio::spawn(async move {
            axum::serve(
                listener,
                crate::desk::router(desk).into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await
        }))
    };
    let stall = Duration::from_secs(u64::from(settings.daemon.stall_alert_minutes) * 60);
    tokio::spawn(crate::health::watch_mailbox(stall, rest_stop.clone()));
    tokio::spawn(crate::cluster::listen_for_queued(db.clone(), wakers.queued.clone(), rest_stop.clone()));
    let worker_task = tokio::spawn(worker.run(wakers.clone(), worker_stop));
    tell_systemd_ready(rest_stop.clone());

    let worker_result = worker_task.await;
    let _ = sd_notify::notify(&[sd_notify::NotifyState::Stopping]);
    wakers.moves.notify_one();
    wakers.replies.notify_one();
    // A moment for the last moves and replies, then stop the rest.
    tokio::time::sleep(Duration::from_millis(300)).await;
    rest_stop.cancel();
    let leader_result = leader_task.await;
    if let Some(desk) = desk_task {
        if let Ok(Err(e)) = desk.await {
            tracing::warn!(error = %e, "the clerk desk stopped with an error");
        }
    }
    db.close().await;
    for (task, result) in [("worker", worker_result), ("mailbox", leader_result)] {
        if let Err(e) = result {
            anyhow::bail!("the {task} task failed: {e}");
        }
    }
    tracing::info!("accessd stopped");
    Ok(())
}

/// What the instance holding the mailbox lease does until `term`: reads the mailbox,
/// sends replies, purges old personal data daily and, when configured, calls the
/// approval webhook.
async fn leader_duties(
    settings: Settings,
    db: Db,
    transport: Arc<Transport>,
    wakers: Wakers,
    intake: Intake,
    term: CancellationToken,
) {
    let purge = tokio::spawn(crate::retention::run_daily(db.clone(), settings.storage.purge_after_days, term.clone()));
    let retry = RetryPolicy::from(&settings.replies);
    let webhook = (!settings.desk.webhook_url.is_empty()).then(|| {
        let hook =
            crate::desk::webhook::Webhook::new(&settings.desk.webhook_url, settings.desk.webhook_token.clone(), retry);
        tokio::spawn(crate::desk::webhook::run(db.clone(), Arc::new(hook), term.clone()))
    });
    tokio::join!(
        mailbox::run(&settings, intake, term.clone()),
        delivery::run(db.clone(), transport, retry, settings.replies.concurrency, wakers.replies.clone(), term.clone()),
    );
    if let Some(task) = webhook {
        let _ = task.await;
    }
    let _ = purge.await;
}

/// Under systemd (`Type=notify`): says the daemon is ready, and pings the watchdog at
/// half its interval from the runtime, so a wedged process is restarted. Outside
/// systemd these are no-ops.
fn tell_systemd_ready(stop: CancellationToken) {
    if let Err(e) = sd_notify::notify(&[sd_notify::NotifyState::Ready]) {
        tracing::warn!(error = %e, "cannot tell systemd accessd is ready");
    }
    if let Some(interval) = sd_notify::watchdog_enabled() {
        tokio::spawn(async move {
            loop {
                // The send blocks when the manager's queue is full: never on the runtime.
                let _ = tokio::task::spawn_blocking(|| sd_notify::notify(&[sd_notify::NotifyState::Watchdog])).await;
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tokio::time::sleep(interval / 2) => {}
                }
            }
        });
    }
}

/// Cancels `token` on SIGTERM or SIGINT.
pub fn cancel_on_signals(token: CancellationToken) -> anyhow::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?;
    tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM: finishing work in hand"),
            _ = int.recv() => tracing::info!("interrupted: finishing work in hand"),
        }
        token.cancel();
    });
    Ok(())
}
