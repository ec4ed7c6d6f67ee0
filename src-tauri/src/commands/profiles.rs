use bedrock_client::connection::with_explained_identity;
use bedrock_client::connection_check::{CheckTarget, ConnectionReport, check_connection};
use bedrock_client::{BackendInfo, ClientError, Connection};
use profiles::{
    AWS_ID_PREFIX, Deleted, NewProfile, ProfileError, ProfileList, ProfileSummary, ProfileUpdate,
};
use tauri::{AppHandle, State};

use crate::AppState;
use crate::commands::blocking::{infallible_with_state, with_state};

/// Every profile (the emulator, the app's own, `~/.aws`), the active one, and sources that
/// could not be read.
#[tauri::command]
#[specta::specta]
pub async fn list_profiles(app: AppHandle) -> ProfileList {
    infallible_with_state(&app, |state| {
        let mut list = state.profiles().list();
        list.problems.extend(state.startup_problem());
        list
    })
    .await
}

/// Create a profile; its keys or API key go to the OS keyring only.
#[tauri::command]
#[specta::specta]
pub async fn add_profile(
    app: AppHandle,
    profile: NewProfile,
) -> Result<ProfileSummary, ProfileError> {
    with_state(&app, move |state| state.profiles().add(profile)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    update: ProfileUpdate,
) -> Result<ProfileSummary, ProfileError> {
    let edited = id.clone();
    let updated = with_state(&app, move |state| state.profiles().update(&edited, update)).await?;
    state.invalidate(&id).await;
    Ok(updated)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> Result<ProfileSummary, ProfileError> {
    let edited = id.clone();
    let renamed = with_state(&app, move |state| state.profiles().rename(&edited, &name)).await?;
    state.invalidate(&id).await;
    Ok(renamed)
}

/// Delete a profile and its keyring entry (a `~/.aws` profile only loses the app's overrides).
#[tauri::command]
#[specta::specta]
pub async fn delete_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<Deleted, ProfileError> {
    let edited = id.clone();
    let deleted = with_state(&app, move |state| state.profiles().delete(&edited)).await?;
    state.invalidate(&id).await;
    Ok(deleted)
}

/// Make every later call use this profile; resolving it tells at once whether it works.
#[tauri::command]
#[specta::specta]
pub async fn set_active_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<BackendInfo, ClientError> {
    with_state(&app, move |state| {
        state
            .profiles()
            .set_active(&id)
            .map_err(crate::errors::profile_to_client)
    })
    .await?;
    Ok(state.connection().await?.connection.info.clone())
}

/// Resolve the profile's credentials, ask STS who they are, list its models.
#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    state: State<'_, AppState>,
    id: String,
) -> Result<ConnectionReport, ProfileError> {
    let summary = state.profiles().get(&id)?;
    let resolved = match state.resolve(&id).await {
        Ok(resolved) => resolved,
        Err(error) => {
            let source = format!("profile {}", summary.name);
            return Ok(ConnectionReport::unresolved(summary.region, source, error));
        }
    };
    let config = with_explained_identity(&resolved.sdk_config, id.strip_prefix(AWS_ID_PREFIX));
    let connection =
        Connection::captured(&config, crate::state::backend_info(&resolved), &state.wire);
    Ok(check_connection(CheckTarget {
        config: &config,
        aws_profile: id.strip_prefix(AWS_ID_PREFIX),
        uses_api_key: resolved.uses_api_key,
        control: &connection.control,
        credential_source: &resolved.credential_source,
    })
    .await)
}
