//! Secrets (access keys, Bedrock API keys) and where they are kept: only ever in a [`SecretStore`].

mod keyring_store;
mod memory;

pub use keyring_store::{KEYRING_SERVICE, KeyringSecrets};
pub use memory::InMemorySecrets;

use serde::{Deserialize, Serialize};

use crate::error::ProfileError;

/// A string that never shows itself in `Debug` output or logs.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"** redacted **\"")
    }
}

/// AWS access keys the user typed into the app.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeys {
    /// Not a secret (consoles and logs show it), so `Debug` shows it.
    pub access_key_id: String,
    pub secret_access_key: SecretString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<SecretString>,
}

/// Everything secret about one profile: the value of its one keyring entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSecret {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_keys: Option<AccessKeys>,
    /// A Bedrock API key, sent as `Authorization: Bearer …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedrock_api_key: Option<SecretString>,
}

impl ProfileSecret {
    pub fn is_empty(&self) -> bool {
        self.access_keys.is_none() && self.bedrock_api_key.is_none()
    }
}

/// Where secrets live, one entry per profile id. Implementations must be cheap to call from a
/// blocking context; the OS keyring may block briefly (or show an unlock prompt).
pub trait SecretStore: Send + Sync {
    /// `Ok(None)` when there is no entry for the profile.
    fn get(&self, profile_id: &str) -> Result<Option<ProfileSecret>, ProfileError>;
    fn set(&self, profile_id: &str, secret: &ProfileSecret) -> Result<(), ProfileError>;
    /// Removing an entry that does not exist succeeds.
    fn delete(&self, profile_id: &str) -> Result<(), ProfileError>;
}
