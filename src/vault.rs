//! Raw messages — with the ID documents they carry — encrypted at rest with
//! XChaCha20-Poly1305 when a document key is configured. A stored value is
//! `ACCESSD1 ‖ key id (8 bytes) ‖ nonce (24 bytes) ‖ ciphertext+tag`; anything else is
//! plaintext from before encryption was turned on, read as it is.
//!
//! Keys are 32 random bytes written as 64 hex digits (`accessd keys generate`), from
//! `storage.document_key_file` (one key per line) or `ACCESSD__STORAGE__DOCUMENT_KEYS`
//! (comma-separated). The first key encrypts; the others only decrypt, so a key is
//! rotated by putting a new one first, restarting, running `accessd keys rotate`
//! (re-encrypts every stored message with the first key) and then dropping the old one.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"ACCESSD1";
const KEY_ID_LEN: usize = 8;
const NONCE_LEN: usize = 24;
const HEADER_LEN: usize = MAGIC.len() + KEY_ID_LEN + NONCE_LEN;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    #[error("a document key (storage.document_key_file or ACCESSD__STORAGE__DOCUMENT_KEYS) must be 64 hex digits (32 bytes); generate one with `accessd keys generate`")]
    BadKey,
    #[error("cannot read the document key file {path}: {reason}")]
    KeyFile { path: String, reason: String },
    #[error("a stored message is encrypted with key {0}, which is not configured; add it after the current key (storage.document_key_file)")]
    UnknownKey(String),
    #[error("a stored message does not decrypt: it was altered or the key is wrong")]
    Tampered,
}

struct Key {
    id: [u8; KEY_ID_LEN],
    cipher: XChaCha20Poly1305,
}

/// The configured document keys; without any, values are stored as they are.
#[derive(Default)]
pub struct Vault {
    /// The first is the one that encrypts.
    keys: Vec<Key>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Key ids only: never the keys.
        f.debug_struct("Vault").field("keys", &self.keys.iter().map(|k| hex::encode(k.id)).collect::<Vec<_>>()).finish()
    }
}

impl Vault {
    /// Keys as 64 hex digits each, the encrypting one first.
    pub fn from_hex_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<Self, VaultError> {
        let keys = keys
            .into_iter()
            .map(str::trim)
            .filter(|k| !k.is_empty() && !k.starts_with('#'))
            .map(|k| {
                let bytes: [u8; 32] = hex::decode(k).ok().and_then(|b| b.try_into().ok()).ok_or(VaultError::BadKey)?;
                let digest = Sha256::digest(bytes);
                let mut id = [0u8; KEY_ID_LEN];
                id.copy_from_slice(&digest[..KEY_ID_LEN]);
                Ok(Key { id, cipher: XChaCha20Poly1305::new(&bytes.into()) })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Vault { keys })
    }

    /// The keys named by `[storage]`: the key file's lines, else the comma-separated
    /// environment value.
    pub fn from_settings(settings: &crate::config::StorageSettings) -> Result<Self, VaultError> {
        if let Some(path) = &settings.document_key_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| VaultError::KeyFile { path: path.display().to_string(), reason: e.to_string() })?;
            return Self::from_hex_keys(text.lines());
        }
        let keys = settings.document_keys.as_ref().map(|k| k.expose_secret()).unwrap_or_default();
        Self::from_hex_keys(keys.split(','))
    }

    pub fn encrypts(&self) -> bool {
        !self.keys.is_empty()
    }

    /// The value to store: encrypted with the first key, or as it is without keys.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let Some(key) = self.keys.first() else { return plain.to_vec() };
        let nonce_bytes: [u8; NONCE_LEN] = rand::random();
        let nonce = XNonce::from(nonce_bytes);
        // Encryption fails only for messages over 256 GB, far beyond the size limit.
        let ciphertext =
            key.cipher.encrypt(&nonce, plain).expect("XChaCha20-Poly1305 encrypts any message size we store");
        let mut out = Vec::with_capacity(HEADER_LEN + ciphertext.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&key.id);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(&ciphertext);
        out
    }

    /// The stored value read back.
    pub fn open(&self, stored: &[u8]) -> Result<Vec<u8>, VaultError> {
        let Some(id) = sealed_key_id(stored) else { return Ok(stored.to_vec()) };
        let nonce = XNonce::from_slice(&stored[MAGIC.len() + KEY_ID_LEN..HEADER_LEN]);
        let key = self.keys.iter().find(|k| k.id == id).ok_or_else(|| VaultError::UnknownKey(hex::encode(id)))?;
        key.cipher.decrypt(nonce, &stored[HEADER_LEN..]).map_err(|_| VaultError::Tampered)
    }

    /// Whether `stored` is not (yet) under the encrypting key: plaintext, or an older key.
    pub fn needs_rotation(&self, stored: &[u8]) -> bool {
        self.keys.first().is_some_and(|key| sealed_key_id(stored) != Some(&key.id[..]))
    }
}

/// The key id of a sealed value; `None` for plaintext.
fn sealed_key_id(stored: &[u8]) -> Option<&[u8]> {
    (stored.len() >= HEADER_LEN && stored.starts_with(MAGIC)).then(|| &stored[MAGIC.len()..MAGIC.len() + KEY_ID_LEN])
}

/// A fresh key as 64 hex digits.
pub fn generate_key() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_messages_open_and_do_not_show_their_content() {
        let vault = Vault::from_hex_keys([generate_key().as_str()]).unwrap();
        let plain = b"From: party@example\r\n\r\nmy licence number is 123456789";
        let sealed = vault.seal(plain);
        assert!(!sealed.windows(9).any(|w| w == b"123456789"));
        assert_ne!(vault.seal(plain), sealed, "a fresh nonce each time");
        assert_eq!(vault.open(&sealed).unwrap(), plain);
        assert!(!vault.needs_rotation(&sealed));
    }

    #[test]
    fn without_keys_values_stay_as_they_are_and_plaintext_reads_back() {
        let none = Vault::default();
        assert_eq!(none.seal(b"abc"), b"abc");
        let vault = Vault::from_hex_keys([generate_key().as_str()]).unwrap();
        assert_eq!(vault.open(b"plain old message").unwrap(), b"plain old message");
        assert!(vault.needs_rotation(b"plain old message"));
    }

    #[test]
    fn rotation_keeps_old_messages_readable() {
        let (old, new) = (generate_key(), generate_key());
        let before = Vault::from_hex_keys([old.as_str()]).unwrap();
        let sealed = before.seal(b"request");
        let after = Vault::from_hex_keys([new.as_str(), old.as_str()]).unwrap();
        assert!(after.needs_rotation(&sealed));
        assert_eq!(after.open(&sealed).unwrap(), b"request");
        let only_new = Vault::from_hex_keys([new.as_str()]).unwrap();
        assert!(matches!(only_new.open(&sealed), Err(VaultError::UnknownKey(_))));
    }

    #[test]
    fn tampering_and_bad_keys_are_refused() {
        let vault = Vault::from_hex_keys([generate_key().as_str()]).unwrap();
        let mut sealed = vault.seal(b"request");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert_eq!(vault.open(&sealed), Err(VaultError::Tampered));
        assert_eq!(Vault::from_hex_keys(["abcd"]).unwrap_err(), VaultError::BadKey);
        assert!(Vault::from_hex_keys(["", "# comment"]).unwrap().keys.is_empty());
    }
}
