//! Failures of the shell and the profile store, in the `{code, message, hint}` shape of
//! `ClientError` that chat and model commands return.

use bedrock_client::{ClientError, ErrorCode};
use profiles::{ProfileError, ProfileErrorCode};

pub fn storage_error(error: std::io::Error) -> ClientError {
    ClientError {
        code: ErrorCode::Unknown,
        message: format!("The app could not write its data folder: {error}"),
        hint: "Check that the disk is not full and that the app's data folder is writable."
            .to_owned(),
    }
}

/// A profile that cannot be used, as the error a chat or model call reports; the hint is kept.
pub fn profile_to_client(error: ProfileError) -> ClientError {
    let lower = error.message.to_ascii_lowercase();
    let code = match error.code {
        ProfileErrorCode::CredentialsFailed if lower.contains("expired") => {
            ErrorCode::ExpiredCredentials
        }
        ProfileErrorCode::CredentialsFailed
        | ProfileErrorCode::KeyringUnavailable
        | ProfileErrorCode::KeyringLocked
        | ProfileErrorCode::SecretMissing
        | ProfileErrorCode::KeyringFailure => ErrorCode::NoCredentials,
        ProfileErrorCode::EmulatorNotRunning => ErrorCode::Network,
        ProfileErrorCode::ActiveProfileGone
        | ProfileErrorCode::RegionMissing
        | ProfileErrorCode::InsecureEndpoint
        | ProfileErrorCode::NotFound => ErrorCode::ProfileUnusable,
        _ => ErrorCode::InvalidRequest,
    };
    ClientError {
        code,
        message: error.message,
        hint: error.hint,
    }
}

/// A failure of the embeddings lab's data side or maths, in the shape every command returns.
pub fn lab_error(error: embeddings::store::LabError) -> ClientError {
    use embeddings::store::LabErrorCode as Lab;
    let code = match error.code {
        Lab::Cancelled => ErrorCode::Cancelled,
        Lab::Database | Lab::NewerSchema => ErrorCode::Unknown,
        _ => ErrorCode::InvalidRequest,
    };
    ClientError {
        code,
        message: error.message,
        hint: error.hint,
    }
}

/// A background task of the shell that panicked or was dropped.
pub fn task_failed(error: tauri::Error) -> ClientError {
    ClientError::new(
        ErrorCode::Unknown,
        format!("A background task failed: {error}"),
    )
}
