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

use super::clerks::{self, SsoRefused};
use super::{cookie_token, server_error, session_cookie, Desk, SESSION_COOKIE};
use crate::config::DeskSettings;

/// A trusted proxy's address, or a block of them (`10.20.0.0/16`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyNetwork {
    base: IpAddr,
    prefix: u32,
}

impl ProxyNetwork {
    /// An IP address (the whole address counts) or a CIDR block.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (address, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let base: IpAddr = address.parse().ok()?;
        let bits = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u32>().ok().filter(|p| *p <= bits)?,
            None => bits,
        };
        Some(Self { base, prefix })
    }

    pub fn contains(&self, peer: IpAddr) -> bool {
        // A listener on `[::]` sees IPv4 peers as `::ffff:a.b.c.d`.
        match (self.base, peer.to_canonical()) {
            (IpAddr::V4(base), IpAddr::V4(peer)) => {
                let mask = u32::MAX.checked_shl(32 - self.prefix).unwrap_or(0);
                u32::from(base) & mask == u32::from(peer) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(peer)) => {
                let mask = u128::MAX.checked_shl(128 - self.prefix).unwrap_or(0);
                u128::from(base) & mask == u128::from(peer) & mask
            }
            _ => false,
        }
    }
}

/// The header the proxy names the clerk in, and the proxies believed.
#[derive(Debug, Clone)]
pub struct CourtSso {
    header: HeaderName,
    proxies: Vec<ProxyNetwork>,
}

impl CourtSso {
    /// `None` when `desk.sso_header` is empty (the settings were validated).
    pub fn from_settings(desk: &DeskSettings) -> Option<Self> {
        let header = HeaderName::from_bytes(desk.sso_header.as_bytes()).ok()?;
        let proxies = desk.sso_trusted_proxies.iter().filter_map(|p| ProxyNetwork::parse(p)).collect();
        Some(Self { header, proxies })
    }

    /// The proxy and the clerk name in the header, when the request came straight from
    /// a trusted proxy.
    fn clerk_named(&self, request: &Request) -> Option<(IpAddr, String)> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>()?.0.ip().to_canonical();
        if !self.proxies.iter().any(|p| p.contains(peer)) {
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

    #[test]
    fn proxy_networks() {
        let one = ProxyNetwork::parse("127.0.0.1").unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(one.contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let block = ProxyNetwork::parse("10.20.0.0/16").unwrap();
        assert!(block.contains("10.20.255.1".parse().unwrap()));
        assert!(!block.contains("10.21.0.1".parse().unwrap()));
        assert!(!block.contains("::1".parse().unwrap()));
        let v6 = ProxyNetwork::parse("fd00::/8").unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!(!v6.contains("fe80::1".parse().unwrap()));
        assert!(ProxyNetwork::parse("0.0.0.0/0").unwrap().contains("192.0.2.7".parse().unwrap()));
        for bad in ["", "localhost", "10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.1/x"] {
            assert_eq!(ProxyNetwork::parse(bad), None, "{bad}");
        }
    }
}
