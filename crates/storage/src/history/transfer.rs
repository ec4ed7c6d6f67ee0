//! Exporting a conversation to a file and importing it back, as a new conversation.

use std::collections::HashSet;

use rusqlite::TransactionBehavior;

use super::branch::copies;
use super::export_file::{
    ExportFile, ExportedConversation, ExportedRun, FORMAT, FORMAT_VERSION, FormatHeader,
};
use super::model::{ConversationId, Run};
use super::rows::{insert_conversation, insert_run};
use super::title::title_from_message;
use crate::clock::new_id;
use crate::database::Database;
use crate::error::{Result, StorageError, StorageErrorCode};

impl Database {
    /// The conversation and all its runs as pretty JSON, with a format version.
    pub fn export_conversation(&self, id: &str) -> Result<String> {
        let conversation = self.conversation(id)?;
        let summary = conversation.summary;
        let file = ExportFile {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            exported_at: self.clock.now(),
            conversation: ExportedConversation {
                id: summary.id,
                title: summary.title,
                created_at: summary.created_at,
                updated_at: summary.updated_at,
            },
            runs: conversation
                .runs
                .into_iter()
                .map(ExportedRun::from_run)
                .collect(),
        };
        serde_json::to_string_pretty(&file).map_err(|error| {
            StorageError::new(
                StorageErrorCode::Database,
                format!("Could not write the export: {error}"),
                "This is a bug; please report it.",
            )
        })
    }

    /// Imports an export as a new conversation with new ids, shown as the newest.
    pub fn import_conversation(&mut self, json: &str) -> Result<ConversationId> {
        let file = parse_export(json)?;
        let title = match file.conversation.title.trim() {
            "" => title_from_message(&file.runs[0].user_text),
            title => title.to_owned(),
        };
        let conversation_id = new_id();
        let runs: Vec<Run> = file
            .runs
            .into_iter()
            .map(|run| run.into_run(&conversation_id))
            .collect();

        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        insert_conversation(
            &tx,
            &conversation_id,
            &title,
            &file.conversation.created_at,
            &now,
        )?;
        for run in copies(runs, &conversation_id) {
            insert_run(&tx, &run)?;
        }
        tx.commit()?;
        Ok(conversation_id)
    }
}

fn parse_export(json: &str) -> Result<ExportFile> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|error| {
        StorageError::invalid_import(format!("The file is not valid JSON: {error}."))
    })?;
    let header: FormatHeader = serde_json::from_value(value).map_err(|_| not_an_export())?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(not_an_export());
    }
    let version = header
        .format_version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .filter(|version| *version >= 1)
        .ok_or_else(|| {
            StorageError::invalid_import(
                "The export has no valid `formatVersion`, so it cannot be read safely.",
            )
        })?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(StorageError::new(
            StorageErrorCode::InvalidImport,
            format!(
                "The export has format version {version}; this version of the app reads up to \
                 {FORMAT_VERSION}."
            ),
            "A newer version of Bedrock Playground made it: update the app to import it.",
        ));
    }
    let file: ExportFile = serde_json::from_str(json).map_err(|error| {
        StorageError::invalid_import(format!("The export is damaged: {error}."))
    })?;
    check_runs(&file.runs)?;
    Ok(file)
}

/// Every run has a distinct id and follows nothing or a run before it in the file.
fn check_runs(runs: &[ExportedRun]) -> Result<()> {
    if runs.is_empty() {
        return Err(StorageError::invalid_import("The export has no runs."));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for run in runs {
        if let Some(parent) = &run.parent_run_id
            && !seen.contains(parent.as_str())
        {
            return Err(StorageError::invalid_import(format!(
                "The export is damaged: run `{}` follows run `{parent}`, which is not before it \
                 in the file.",
                run.id
            )));
        }
        if !seen.insert(&run.id) {
            return Err(StorageError::invalid_import(format!(
                "The export is damaged: run id `{}` appears twice.",
                run.id
            )));
        }
    }
    Ok(())
}

fn not_an_export() -> StorageError {
    StorageError::invalid_import(format!(
        "The file is not a Bedrock Playground conversation export (its `format` is not `{FORMAT}`)."
    ))
}
