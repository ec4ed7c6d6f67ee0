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
        "favourite_models",
        "toggle_favourite",
        "list_profiles",
        "add_profile",
        "update_profile",
        "rename_profile",
        "delete_profile",
        "set_active_profile",
        "test_connection",
        "get_settings",
        "save_settings",
        "price_table",
        "list_conversations",
        "get_conversation",
        "delete_conversation",
        "branch_conversation",
        "export_conversation",
        "import_conversation",
        "save_prompt",
        "list_prompts",
        "prompt_versions",
        "delete_prompt",
        "chat_stream",
        "cancel_chat",
        "describe_attachment",
        "format_preview",
        "run_native_body",
        "run_converse",
        "code_snippet",
        "embedding_preview",
        "wire_exchanges",
        "clear_wire_exchanges",
    ]
}
