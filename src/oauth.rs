//! OAuth2 access tokens for IMAP and SMTP (SASL XOAUTH2), for Microsoft 365 and Gmail
//! where password login is off. Two flows: client credentials (an app registration with
//! mailbox permission), and a refresh token (a delegated sign-in), whose rotated
//! successor is written back atomically so a restart never uses a spent one.
//! `invalid_grant` — the refresh token was revoked or expired — cannot heal by retrying:
//! it is logged as an error, counted, and fails readiness until someone signs in again.

use std::path::Path;
use std::time::{Duration, Instant};

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{AuthType, ClientId, ClientSecret, RefreshToken, RequestTokenError, Scope, TokenResponse, TokenUrl};
use secrecy::ExposeSecret;
use tokio::sync::Mutex;

use crate::config::{OAuth2Flow, OAuth2Settings};

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("the token endpoint refused the grant (invalid_grant): the refresh token was revoked or has expired; sign in again and write the new refresh token to {0}")]
    InvalidGrant(String),
    #[error("the token endpoint refused the request: {0}")]
    Refused(String),
    #[error("the token endpoint could not be reached: {0}")]
    Unreachable(String),
    #[error("cannot read or write the refresh token file {path}: {reason}")]
    TokenFile { path: String, reason: String },
    #[error("oauth2.token_url is not a URL: {0}")]
    BadUrl(String),
}

/// Hands out access tokens, fetching a new one a minute before the last expires.
pub struct TokenSource {
    settings: OAuth2Settings,
    token_url: TokenUrl,
    http: oauth2::reqwest::Client,
    cached: Mutex<Option<(String, Instant)>>,
}

impl TokenSource {
    pub fn new(settings: &OAuth2Settings) -> Result<Self, OAuthError> {
        let token_url = TokenUrl::new(settings.token_url.clone()).map_err(|e| OAuthError::BadUrl(e.to_string()))?;
        let http = oauth2::reqwest::ClientBuilder::new()
            // Token endpoints must not redirect (SSRF guard recommended by the crate).
            .redirect(oauth2::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| OAuthError::Unreachable(e.to_string()))?;
        Ok(Self { settings: settings.clone(), token_url, http, cached: Mutex::new(None) })
    }

    /// A valid access token.
    pub async fn access_token(&self) -> Result<String, OAuthError> {
        let mut cached = self.cached.lock().await;
        if let Some((token, good_until)) = cached.as_ref() {
            if Instant::now() < *good_until {
                return Ok(token.clone());
            }
        }
        let result = self.fetch().await;
        crate::metrics::metrics()
            .oauth_invalid_grant
            .set(i64::from(matches!(result, Err(OAuthError::InvalidGrant(_)))));
        if let Err(e @ OAuthError::InvalidGrant(_)) = &result {
            tracing::error!(alert = "oauth_invalid_grant", error = %e, "mail login is impossible until the refresh token is replaced");
        }
        let (token, lifetime) = result?;
        // Renew a minute early, so a token never expires mid-session setup.
        let good_until = Instant::now() + lifetime.saturating_sub(Duration::from_secs(60));
        *cached = Some((token.clone(), good_until));
        Ok(token)
    }

    async fn fetch(&self) -> Result<(String, Duration), OAuthError> {
        let s = &self.settings;
        let mut client = BasicClient::new(ClientId::new(s.client_id.clone()))
            .set_token_uri(self.token_url.clone())
            // Both Microsoft and Google take the secret in the form body.
            .set_auth_type(AuthType::RequestBody);
        if let Some(secret) = s.client_secret.as_ref().map(|x| x.expose_secret()).filter(|x| !x.is_empty()) {
            client = client.set_client_secret(ClientSecret::new(secret.to_string()));
        }
        let scopes = s.scopes.iter().map(|x| Scope::new(x.clone()));
        let response = match s.flow {
            OAuth2Flow::ClientCredentials => {
                client.exchange_client_credentials().add_scopes(scopes).request_async(&self.http).await
            }
            OAuth2Flow::RefreshToken => {
                let refresh = RefreshToken::new(read_refresh_token(&s.refresh_token_file)?);
                client.exchange_refresh_token(&refresh).add_scopes(scopes).request_async(&self.http).await
            }
        };
        let token = response.map_err(|e| match e {
            RequestTokenError::ServerResponse(r) if *r.error() == BasicErrorResponseType::InvalidGrant => {
                OAuthError::InvalidGrant(s.refresh_token_file.display().to_string())
            }
            RequestTokenError::ServerResponse(r) => OAuthError::Refused(r.to_string()),
            RequestTokenError::Request(e) => OAuthError::Unreachable(e.to_string()),
            other => OAuthError::Refused(other.to_string()),
        })?;
        if let (OAuth2Flow::RefreshToken, Some(rotated)) = (s.flow, token.refresh_token()) {
            write_atomically(&s.refresh_token_file, rotated.secret())?;
        }
        let lifetime = token.expires_in().unwrap_or(Duration::from_secs(3600));
        Ok((token.access_token().secret().clone(), lifetime))
    }
}

fn read_refresh_token(path: &Path) -> Result<String, OAuthError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| OAuthError::TokenFile { path: path.display().to_string(), reason: e.to_string() })?;
    Ok(text.trim().to_string())
}

/// Writes `token` so that the file holds either the old or the new token, never half:
/// a sibling temp file, synced, renamed over, and the directory synced.
fn write_atomically(path: &Path, token: &str) -> Result<(), OAuthError> {
    use std::io::Write;
    let fail = |e: std::io::Error| OAuthError::TokenFile { path: path.display().to_string(), reason: e.to_string() };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(token.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(fail)?;
    Ok(())
}

/// The SASL XOAUTH2 initial response (before base64).
pub fn xoauth2(user: &str, token: &str) -> String {
    format!("user={user}\x01auth=Bearer {token}\x01\x01")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoauth2_response_has_the_google_and_microsoft_shape() {
        assert_eq!(xoauth2("court@example.gov", "ya29.abc"), "user=court@example.gov\x01auth=Bearer ya29.abc\x01\x01");
    }

    #[test]
    fn a_rotated_token_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("refresh_token");
        std::fs::write(&path, "old\n").unwrap();
        write_atomically(&path, "new-token").unwrap();
        assert_eq!(read_refresh_token(&path).unwrap(), "new-token");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }
}
