use bedrock_client::wire::WireExchange;
use tauri::State;

use crate::AppState;

/// The recent wire exchanges (newest last), with `Authorization` and tokens redacted.
#[tauri::command]
#[specta::specta]
pub fn wire_exchanges(state: State<'_, AppState>) -> Vec<WireExchange> {
    state.wire.exchanges()
}

#[tauri::command]
#[specta::specta]
pub fn clear_wire_exchanges(state: State<'_, AppState>) {
    state.wire.clear();
}
