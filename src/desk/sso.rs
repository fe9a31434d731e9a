//! Court single sign-on through the reverse proxy (`desk.sso_header`, off by default):
//! the proxy signs the clerk in and names them in a header; the desk believes that
//! header only from the proxies in `desk.sso_trusted_proxies`, and opens an ordinary
//! server-side session for the clerk it names.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use ipnet::IpNet;

use super::clerks::{self, SsoRefused};
use super::{cookie_token, server_error, session_cookie, Desk, SESSION_COOKIE};
use crate::config::DeskSettings;

/// The header the proxy names the clerk in, and the proxies believed.
#[derive(Debug, Clone)]
pub struct CourtSso {
    header: HeaderName,
    proxies: Vec<IpNet>,
}

impl CourtSso {
    /// `None` when `desk.sso_header` is empty (the settings were validated).
    pub fn from_settings(desk: &DeskSettings) -> Option<Self> {
        let header = HeaderName::from_bytes(desk.sso_header.as_bytes()).ok()?;
        let proxies = desk.sso_trusted_proxies.iter().map(|p| p.0).collect();
        Some(Self { header, proxies })
    }

    /// The proxy and the clerk name in the header, when the request came straight from
    /// a trusted proxy.
    fn clerk_named(&self, request: &Request) -> Option<(IpAddr, String)> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>()?.0.ip().to_canonical();
        // A listener on `[::]` sees IPv4 peers as `::ffff:a.b.c.d`: `peer` is canonical.
        if !self.proxies.iter().any(|p| p.contains(&peer)) {
            return None;
        }
        let name = request.headers().get(&self.header)?.to_str().ok()?.trim();
        (!name.is_empty()).then(|| (peer, name.to_string()))
    }
}

/// Signs in the clerk a trusted proxy names, unless the request already carries that
/// clerk's session; the request then goes on with the new session.
pub(super) async fn sign_in(State(desk): State<Desk>, mut request: Request, next: Next) -> Response {
    let Some(sso) = desk.sso.clone() else { return next.run(request).await };
    let Some((proxy, name)) = sso.clerk_named(&request) else { return next.run(request).await };
    let now = Utc::now();
    if let Some(token) = cookie_token(request.headers()) {
        match clerks::session(&desk.db, &token, desk.idle, now).await {
            Ok(Some(session)) if session.clerk.name == name => return next.run(request).await,
            // The proxy now signs in someone else on this browser.
            Ok(Some(_)) => {
                if let Err(e) = clerks::logout(&desk.db, &token).await {
                    return server_error(e);
                }
            }
            Ok(None) => {}
            Err(e) => return server_error(e),
        }
    }
    let source = format!("{} from {proxy}", sso.header);
    let session = match clerks::sso_login(&desk.db, &name, &source, now).await {
        Ok(Ok(session)) => session,
        Ok(Err(SsoRefused::Unknown)) => {
            return (
                StatusCode::FORBIDDEN,
                format!(
                    "The court sign-in knows you as {name:?}, but the clerk desk has no clerk of that name. \
                     Ask a desk administrator to add the clerk."
                ),
            )
                .into_response()
        }
        Ok(Err(SsoRefused::Deactivated)) => {
            return (
                StatusCode::FORBIDDEN,
                format!(
                    "The clerk {name:?} is deactivated on the clerk desk. Ask a desk administrator to reactivate it."
                ),
            )
                .into_response()
        }
        Err(e) => return server_error(e),
    };
    tracing::info!(clerk = %name, "clerk signed in through the court sign-on");
    let cookie = format!("{SESSION_COOKIE}={}", session.token);
    request.headers_mut().remove(header::COOKIE);
    request.headers_mut().insert(header::COOKIE, HeaderValue::from_str(&cookie).expect("hex token"));
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .append(header::SET_COOKIE, HeaderValue::from_str(&session_cookie(&desk, &session.token)).expect("hex token"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::TrustedProxy;

    fn believes(proxy: &str, peer: &str) -> bool {
        let desk = DeskSettings {
            sso_header: "X-Remote-User".into(),
            sso_trusted_proxies: vec![TrustedProxy::parse(proxy).unwrap()],
            ..DeskSettings::default()
        };
        let sso = CourtSso::from_settings(&desk).unwrap();
        let mut request = Request::new(axum::body::Body::empty());
        request.headers_mut().insert("x-remote-user", HeaderValue::from_static("clerk1"));
        let peer: IpAddr = peer.parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(peer, 40000)));
        sso.clerk_named(&request).is_some()
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy() {
        let table = [
            ("127.0.0.1", "127.0.0.1", true),
            ("127.0.0.1", "::ffff:127.0.0.1", true),
            ("127.0.0.1", "127.0.0.2", false),
            ("10.20.0.0/16", "10.20.255.1", true),
            ("10.20.0.0/16", "10.21.0.1", false),
            ("10.20.0.0/16", "::1", false),
            ("fd00::/8", "fd12::1", true),
            ("fd00::/8", "fe80::1", false),
            ("0.0.0.0/0", "192.0.2.7", true),
        ];
        for (proxy, peer, want) in table {
            assert_eq!(believes(proxy, peer), want, "{proxy} {peer}");
        }
    }
}
