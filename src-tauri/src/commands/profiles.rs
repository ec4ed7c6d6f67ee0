use bedrock_client::connection::with_explained_identity;
use bedrock_client::connection_check::{CheckTarget, ConnectionReport, check_connection};
use bedrock_client::{BackendInfo, ClientError, Connection};
use profiles::{
    AWS_ID_PREFIX, Deleted, NewProfile, ProfileError, ProfileList, ProfileSummary, ProfileUpdate,
};
use tauri::State;

use crate::AppState;

/// Every profile (the emulator, the app's own, `~/.aws`), the active one, and sources that
/// could not be read.
#[tauri::command]
#[specta::specta]
pub fn list_profiles(state: State<'_, AppState>) -> ProfileList {
    let mut list = state.profiles().list();
    list.problems.extend(state.startup_problem());
    list
}

/// Create a profile; its keys or API key go to the OS keyring only.
#[tauri::command]
#[specta::specta]
pub fn add_profile(
    state: State<'_, AppState>,
    profile: NewProfile,
) -> Result<ProfileSummary, ProfileError> {
    state.profiles().add(profile)
}

#[tauri::command]
#[specta::specta]
pub async fn update_profile(
    state: State<'_, AppState>,
    id: String,
    update: ProfileUpdate,
) -> Result<ProfileSummary, ProfileError> {
    let updated = state.profiles().update(&id, update)?;
    state.invalidate(&id).await;
    Ok(updated)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_profile(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> Result<ProfileSummary, ProfileError> {
    let renamed = state.profiles().rename(&id, &name)?;
    state.invalidate(&id).await;
    Ok(renamed)
}

/// Delete a profile and its keyring entry (a `~/.aws` profile only loses the app's overrides).
#[tauri::command]
#[specta::specta]
pub async fn delete_profile(
    state: State<'_, AppState>,
    id: String,
) -> Result<Deleted, ProfileError> {
    let deleted = state.profiles().delete(&id)?;
    state.invalidate(&id).await;
    Ok(deleted)
}

/// Make every later call use this profile; resolving it tells at once whether it works.
#[tauri::command]
#[specta::specta]
pub async fn set_active_profile(
    state: State<'_, AppState>,
    id: String,
) -> Result<BackendInfo, ClientError> {
    state
        .profiles()
        .set_active(&id)
        .map_err(crate::errors::profile_to_client)?;
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
