//! Every failure as `{code, message, hint}`: the UI branches on `code`, the user acts on `hint`.

use std::path::Path;

use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProfileErrorCode {
    /// No profile has this id.
    NotFound,
    InvalidName,
    DuplicateName,
    /// A region, endpoint URL or key that cannot be right.
    InvalidInput,
    /// The emulator profile, or a change `~/.aws` profiles do not allow.
    ReadOnly,
    /// No Secret Service / keychain / credential manager answered.
    KeyringUnavailable,
    KeyringLocked,
    /// The profile says it has keys, but the keyring has no entry for it.
    SecretMissing,
    KeyringFailure,
    /// The app's own settings file could not be read or written.
    SettingsFile,
    /// `~/.aws/config` or `~/.aws/credentials` could not be read or parsed.
    AwsConfigFile,
    /// `aws-config` could not produce credentials for the profile.
    CredentialsFailed,
    EmulatorNotRunning,
    /// An endpoint is plain http:// to another computer: keys would travel in clear text.
    InsecureEndpoint,
    /// Neither the profile, the environment nor ~/.aws/config names a region.
    RegionMissing,
    /// The active profile is no longer there (removed from ~/.aws/config, or deleted).
    ActiveProfileGone,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileError {
    pub code: ProfileErrorCode,
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {} ({})", self.code, self.message, self.hint)
    }
}

impl std::error::Error for ProfileError {}

impl ProfileError {
    pub fn new(
        code: ProfileErrorCode,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn not_found(id: &str) -> Self {
        Self::new(
            ProfileErrorCode::NotFound,
            format!("There is no profile with id `{id}`."),
            "Refresh the profile list; it may have been removed from ~/.aws/config.",
        )
    }

    pub fn invalid_input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(ProfileErrorCode::InvalidInput, message, hint)
    }

    pub fn read_only(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(ProfileErrorCode::ReadOnly, message, hint)
    }

    pub fn settings_file(path: &Path, action: &str, cause: impl std::fmt::Display) -> Self {
        Self::new(
            ProfileErrorCode::SettingsFile,
            format!(
                "Could not {action} the profile settings file {}: {cause}",
                path.display()
            ),
            format!(
                "Check that {} is readable and writable by you, and that the disk is not full.",
                path.parent().unwrap_or(path).display()
            ),
        )
    }
}

/// An error and the errors that caused it, on one line.
pub(crate) fn describe_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text.push_str(": ");
            text.push_str(&inner_text);
        }
        source = inner.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
