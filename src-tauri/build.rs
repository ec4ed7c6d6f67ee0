fn main() {
    // Declaring the app's commands makes them deny-by-default: only capabilities allow them.
    let manifest = tauri_build::AppManifest::new().commands(crate_commands());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}

fn crate_commands() -> &'static [&'static str] {
    &[
        "backend_status",
        "list_models",
        "chat_stream",
        "cancel_chat",
    ]
}
