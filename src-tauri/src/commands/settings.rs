use bedrock_client::pricing::PriceTable;
use bedrock_client::settings::AppSettings;
use bedrock_client::{ClientError, ErrorCode};
use tauri::{AppHandle, State};

use crate::AppState;
use crate::commands::blocking::with_state;
use crate::errors::storage_error;

/// Timeouts, retries and theme.
#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, AppState>) -> AppSettings {
    state.settings()
}

/// Check and store the settings; later calls use the new timeouts and retries.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    app: AppHandle,
    settings: AppSettings,
) -> Result<AppSettings, ClientError> {
    let problems = settings.problems();
    if !problems.is_empty() {
        return Err(ClientError {
            code: ErrorCode::InvalidRequest,
            message: problems.join(" "),
            hint: "Correct the highlighted values and save again.".to_owned(),
        });
    }
    // The file is written on a blocking thread; the connection is reset on the way.
    let saved = settings.clone();
    with_state(&app, move |state| {
        tauri::async_runtime::block_on(state.save_settings(saved)).map_err(storage_error)
    })
    .await?;
    Ok(settings)
}

/// The editable price table (USD per 1,000 tokens) used for cost estimates.
#[tauri::command]
#[specta::specta]
pub fn price_table(state: State<'_, AppState>) -> PriceTable {
    state.prices.clone()
}
