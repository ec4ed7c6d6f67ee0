//! The Tauri shell: state, thin commands and typed IPC over the pure-Rust crates.

mod backend;
mod commands;
pub mod ipc;
mod state;

use tauri::Manager;

pub use state::AppState;

pub fn run() {
    let builder = ipc::specta_builder();
    tauri::Builder::default()
        .manage(AppState::default())
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            // Start the backend (and the emulator when needed) while the window loads.
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
