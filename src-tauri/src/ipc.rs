//! The typed IPC surface; `ui/src/bindings.ts` is generated from it.

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

use crate::commands;

/// Where the generated TypeScript bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/bindings.ts";

pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        // One TypeScript type per Rust type: the UI reads what Rust serialises.
        .disable_serde_phases()
        .commands(collect_commands![
            commands::status::backend_status,
            commands::models::list_models,
            commands::models::favourite_models,
            commands::models::toggle_favourite,
            commands::profiles::list_profiles,
            commands::profiles::add_profile,
            commands::profiles::update_profile,
            commands::profiles::rename_profile,
            commands::profiles::delete_profile,
            commands::profiles::set_active_profile,
            commands::profiles::test_connection,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::price_table,
            commands::history::list_conversations,
            commands::history::history_page,
            commands::history::get_conversation,
            commands::history::open_conversation,
            commands::history::delete_conversation,
            commands::history::branch_conversation,
            commands::history::export_conversation,
            commands::history::import_conversation,
            commands::prompts::save_prompt,
            commands::prompts::list_prompts,
            commands::prompts::prompt_versions,
            commands::prompts::delete_prompt,
            commands::chat::chat_stream,
            commands::chat::cancel_chat,
            commands::chat::describe_attachment,
            commands::inspector::format_preview,
            commands::inspector::run_native_body,
            commands::inspector::run_converse,
            commands::inspector::code_snippet,
            commands::inspector::embedding_preview,
            commands::wire::wire_exchanges,
            commands::wire::wire_changes,
            commands::wire::wire_exchange,
            commands::wire::clear_wire_exchanges,
            commands::embeddings::embedding_samples,
            commands::embeddings::list_datasets,
            commands::embeddings::preview_dataset,
            commands::embeddings::import_dataset,
            commands::embeddings::import_sample,
            commands::embeddings::delete_dataset,
            commands::embeddings::dataset_rows,
            commands::embeddings::embedding_models,
            commands::embeddings::list_embedding_runs,
            commands::embeddings::estimate_embedding,
            commands::embeddings::start_embedding,
            commands::embeddings::run_embedding,
            commands::embeddings::cancel_embedding,
            commands::embeddings::list_layouts,
            commands::embeddings::get_layout,
            commands::embeddings::compute_layout,
            commands::embeddings::cancel_layout,
            commands::embeddings::point_neighbours,
            commands::embeddings::search_by_meaning,
            commands::embeddings::compare_runs,
            commands::embeddings::export_run,
            commands::embeddings::save_export,
            commands::knowledge::list_knowledge_bases,
            commands::knowledge::describe_knowledge_base,
            commands::knowledge::list_knowledge_base_documents,
            commands::knowledge::knowledge_retrieve,
            commands::knowledge::knowledge_generate_stream,
            commands::knowledge::cancel_knowledge_stream,
            commands::knowledge::knowledge_model_arn,
            commands::knowledge::knowledge_prompt_lint,
            commands::knowledge::knowledge_prompt_preview,
            commands::knowledge::knowledge_default_template,
            commands::knowledge::check_knowledge_filter,
            commands::knowledge::knowledge_rerank_models,
            commands::knowledge_map::knowledge_map,
            commands::knowledge::knowledge_code_snippet,
        ])
}

/// Write the bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(Typescript::default(), path)
        .map_err(|e| e.to_string())
}
