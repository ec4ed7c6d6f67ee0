//! Secrets in the OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows) through the `keyring` crate: one entry per profile id, its value a small JSON document.

use keyring::Entry;

use super::{ProfileSecret, SecretStore};
use crate::error::{ProfileError, ProfileErrorCode, describe_chain};

/// The keyring "service" every entry of the app is filed under; the profile id is the "user".
pub const KEYRING_SERVICE: &str = "bedrock-playground";

#[derive(Debug, Clone)]
pub struct KeyringSecrets {
    service: String,
}

impl Default for KeyringSecrets {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyringSecrets {
    pub fn new() -> Self {
        Self::with_service(KEYRING_SERVICE)
    }

    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, profile_id: &str) -> Result<Entry, ProfileError> {
        Entry::new(&self.service, profile_id).map_err(keyring_error)
    }
}

impl SecretStore for KeyringSecrets {
    fn get(&self, profile_id: &str) -> Result<Option<ProfileSecret>, ProfileError> {
        let stored = match self.entry(profile_id)?.get_password() {
            Ok(stored) => stored,
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(other) => return Err(keyring_error(other)),
        };
        serde_json::from_str(&stored).map(Some).map_err(|_| {
            ProfileError::new(
                ProfileErrorCode::KeyringFailure,
                format!(
                    "The OS keyring entry for profile `{profile_id}` (service {}) is not in the format this app writes.",
                    self.service
                ),
                "Enter the keys for this profile again; that replaces the entry.",
            )
        })
    }

    fn set(&self, profile_id: &str, secret: &ProfileSecret) -> Result<(), ProfileError> {
        let value = serde_json::to_string(secret).map_err(|error| {
            ProfileError::new(
                ProfileErrorCode::KeyringFailure,
                format!("Could not encode the secret for the keyring: {error}"),
                "This is a bug; please report it.",
            )
        })?;
        self.entry(profile_id)?
            .set_password(&value)
            .map_err(keyring_error)
    }

    fn delete(&self, profile_id: &str) -> Result<(), ProfileError> {
        match self.entry(profile_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(other) => Err(keyring_error(other)),
        }
    }
}

/// What a `keyring` failure means to the user, and what they can do about it.
fn keyring_error(error: keyring::Error) -> ProfileError {
    match &error {
        keyring::Error::PlatformFailure(_) => ProfileError::new(
            ProfileErrorCode::KeyringUnavailable,
            format!("No OS keyring is available ({}).", describe_chain(&error)),
            "On Linux start gnome-keyring or KeePassXC's Secret Service integration (any org.freedesktop.secrets provider) and try again; on macOS and Windows check that the Keychain / Credential Manager is reachable.",
        ),
        keyring::Error::NoStorageAccess(_) => ProfileError::new(
            ProfileErrorCode::KeyringLocked,
            format!(
                "The OS keyring is locked or refused access ({}).",
                describe_chain(&error)
            ),
            "Unlock your login keyring (e.g. in Passwords and Keys / Seahorse, or KeePassXC) and try again.",
        ),
        keyring::Error::NoEntry => ProfileError::new(
            ProfileErrorCode::SecretMissing,
            "The OS keyring has no entry for this profile.",
            "Enter the keys for this profile again.",
        ),
        _ => ProfileError::new(
            ProfileErrorCode::KeyringFailure,
            format!("The OS keyring failed: {}", describe_chain(&error)),
            "Enter the keys for this profile again; if that fails, remove the profile's entry in your keyring manager.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(text: &str) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(std::io::Error::other(text.to_owned()))
    }

    #[test]
    fn each_keyring_failure_says_what_to_do() {
        let unavailable = keyring_error(keyring::Error::PlatformFailure(failure(
            "DBus error: org.freedesktop.DBus.Error.ServiceUnknown",
        )));
        assert_eq!(unavailable.code, ProfileErrorCode::KeyringUnavailable);
        assert!(
            unavailable
                .message
                .starts_with("No OS keyring is available")
        );
        assert!(unavailable.message.contains("ServiceUnknown"));
        assert!(
            unavailable.hint.contains("gnome-keyring") && unavailable.hint.contains("KeePassXC")
        );

        let locked = keyring_error(keyring::Error::NoStorageAccess(failure("locked")));
        assert_eq!(locked.code, ProfileErrorCode::KeyringLocked);
        assert!(locked.hint.contains("Unlock"));

        assert_eq!(
            keyring_error(keyring::Error::NoEntry).code,
            ProfileErrorCode::SecretMissing
        );
        assert_eq!(
            keyring_error(keyring::Error::BadEncoding(vec![0xff])).code,
            ProfileErrorCode::KeyringFailure
        );
    }
}
