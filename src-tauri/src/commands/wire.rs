use bedrock_client::wire::{WireChanges, WireExchange};
use tauri::{AppHandle, Manager};

use crate::AppState;

/// The recent wire exchanges (newest last), with `Authorization` and tokens redacted. The Wire
/// screen reads `wire_changes` and `wire_exchange` instead.
#[tauri::command]
#[specta::specta]
pub async fn wire_exchanges(app: AppHandle) -> Vec<WireExchange> {
    app.state::<AppState>().wire.exchanges()
}

/// Summaries (no headers, bodies or frames) of the exchanges recorded or changed after
/// revision `since` (0 for all), with the revision to pass next time and the oldest id kept.
#[tauri::command]
#[specta::specta]
pub async fn wire_changes(app: AppHandle, since: u32) -> WireChanges {
    app.state::<AppState>().wire.changes_since(since)
}

/// One exchange in full: headers as signed (secrets redacted), bodies, decoded frames. `None`
/// once it has been evicted or cleared.
#[tauri::command]
#[specta::specta]
pub async fn wire_exchange(app: AppHandle, id: u32) -> Option<WireExchange> {
    app.state::<AppState>().wire.get(id)
}

#[tauri::command]
#[specta::specta]
pub fn clear_wire_exchanges(app: AppHandle) {
    app.state::<AppState>().wire.clear();
}
