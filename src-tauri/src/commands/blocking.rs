//! Blocking work (SQLite, the keyring over D-Bus, files, large payloads) on tokio's blocking
//! threads, so no command holds up the window or the async threads streams run on.

use bedrock_client::ClientError;
use profiles::{ProfileError, ProfileErrorCode};
use storage::{StorageError, StorageErrorCode};
use tauri::{AppHandle, Manager};

use crate::AppState;

/// The error a command reports when its blocking task panicked or was dropped.
pub trait TaskFailure {
    fn task_failed(error: tauri::Error) -> Self;
}

impl TaskFailure for ClientError {
    fn task_failed(error: tauri::Error) -> Self {
        crate::errors::task_failed(error)
    }
}

impl TaskFailure for StorageError {
    fn task_failed(error: tauri::Error) -> Self {
        StorageError::new(
            StorageErrorCode::Database,
            format!("A background task failed: {error}"),
            "Try again; if it keeps failing, restart the app.",
        )
    }
}

impl TaskFailure for ProfileError {
    fn task_failed(error: tauri::Error) -> Self {
        ProfileError::new(
            ProfileErrorCode::SettingsFile,
            format!("A background task failed: {error}"),
            "Try again; if it keeps failing, restart the app.",
        )
    }
}

/// Runs `work` on a blocking thread.
pub async fn blocking<T, E>(work: impl FnOnce() -> Result<T, E> + Send + 'static) -> Result<T, E>
where
    T: Send + 'static,
    E: TaskFailure + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(E::task_failed)?
}

/// Runs `work` on a blocking thread with the app's state (which a command only borrows).
pub async fn with_state<T, E>(
    app: &AppHandle,
    work: impl FnOnce(&AppState) -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: TaskFailure + Send + 'static,
{
    let app = app.clone();
    blocking(move || work(&app.state::<AppState>())).await
}

/// [`with_state`] for work that cannot fail; a panic in it ends the command, as it would have
/// on the calling thread.
pub async fn infallible_with_state<T: Send + 'static>(
    app: &AppHandle,
    work: impl FnOnce(&AppState) -> T + Send + 'static,
) -> T {
    let app = app.clone();
    match tauri::async_runtime::spawn_blocking(move || work(&app.state::<AppState>())).await {
        Ok(value) => value,
        Err(error) => panic!("a blocking task failed: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_runs_on_a_blocking_thread_and_its_result_comes_back() {
        let caller = std::thread::current().id();
        let (worker, value) = tauri::async_runtime::block_on(blocking(move || {
            Ok::<_, StorageError>((std::thread::current().id(), 42))
        }))
        .unwrap();
        assert_ne!(worker, caller);
        assert_eq!(value, 42);
    }

    #[test]
    fn a_panicking_task_is_an_error_in_the_commands_own_shape() {
        let failed: StorageError = tauri::async_runtime::block_on(blocking(|| -> Result<(), _> {
            panic!("the disk caught fire")
        }))
        .unwrap_err();
        assert_eq!(failed.code, StorageErrorCode::Database);
        assert!(
            failed.message.starts_with("A background task failed"),
            "{failed}"
        );

        let failed: ProfileError =
            tauri::async_runtime::block_on(blocking(|| -> Result<(), _> { panic!("D-Bus") }))
                .unwrap_err();
        assert_eq!(failed.code, ProfileErrorCode::SettingsFile);
    }
}
