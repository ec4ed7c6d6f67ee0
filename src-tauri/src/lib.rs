//! The Tauri shell: state, thin commands and typed IPC over the pure-Rust crates.

mod commands;
mod emulator;
mod errors;
pub mod ipc;
mod knowledge_recording;
mod state;

use tauri::Manager;

pub use state::AppState;

/// Keep the app's settings elsewhere than the platform's data folder (tests, portable use).
const DATA_DIR_VAR: &str = "BEDROCK_PLAYGROUND_DATA_DIR";
/// Where the embeddings lab writes exports; by default `Downloads/Bedrock Playground`.
const EXPORTS_DIR_VAR: &str = "BEDROCK_PLAYGROUND_EXPORTS_DIR";

pub fn run() {
    let builder = ipc::specta_builder();
    tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_VAR) {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            let exports_dir = match std::env::var_os(EXPORTS_DIR_VAR) {
                Some(dir) => dir.into(),
                None => app
                    .path()
                    .download_dir()
                    .map(|dir| dir.join("Bedrock Playground"))
                    .unwrap_or_else(|_| data_dir.join("exports")),
            };
            app.manage(AppState::open(&data_dir, &exports_dir));
            // Resolve the active profile (and start the emulator if it is the one) while the window loads.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = handle.state::<AppState>().connection().await {
                    eprintln!("backend failed to start: {error}");
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Bedrock Playground failed to start");
}
