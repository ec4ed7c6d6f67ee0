//! The prompt library: named prompts, each a list of versions.

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::model::{PromptContent, PromptId, PromptSummary, PromptVersion};
use super::variables::prompt_variables;
use crate::clock::new_id;
use crate::database::Database;
use crate::error::{Result, StorageError, StorageErrorCode};

const VERSION_COLUMNS: &str = "prompt_id, version, created_at, system_prompt, messages_json, \
    params_json, model_id, note";

impl Database {
    /// Saves under `name` (ignoring case): a new prompt, or version n+1 of the existing one when
    /// the content differs from version n. Returns the version that now holds the content.
    pub fn save_prompt(&mut self, name: &str, content: PromptContent) -> Result<PromptVersion> {
        let name = valid_name(name)?;
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<PromptId> = tx
            .prepare_cached("SELECT id FROM prompts WHERE name = ?1")?
            .query_row([name], |row| row.get(0))
            .optional()?;
        let (prompt_id, version) = match existing {
            Some(prompt_id) => {
                let latest = latest_version(&tx, &prompt_id)?;
                if let Some(latest) = &latest
                    && same_content(latest, &content)
                {
                    return Ok(latest.clone());
                }
                tx.prepare_cached("UPDATE prompts SET updated_at = ?2 WHERE id = ?1")?
                    .execute([&prompt_id, &now])?;
                let next = latest.map_or(1, |latest| latest.version + 1);
                (prompt_id, next)
            }
            None => {
                let prompt_id = new_id();
                tx.prepare_cached(
                    "INSERT INTO prompts (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                )?
                .execute([&prompt_id, name, &now])?;
                (prompt_id, 1)
            }
        };
        let saved = PromptVersion {
            prompt_id,
            version,
            created_at: now,
            system_prompt: content.system_prompt,
            messages_json: content.messages_json,
            params_json: content.params_json,
            model_id: content.model_id,
            note: content.note,
        };
        tx.prepare_cached(&format!(
            "INSERT INTO prompt_versions ({VERSION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ))?
        .execute(params![
            saved.prompt_id,
            saved.version,
            saved.created_at,
            saved.system_prompt,
            saved.messages_json,
            saved.params_json,
            saved.model_id,
            saved.note,
        ])?;
        tx.commit()?;
        Ok(saved)
    }

    /// All prompts by name, ignoring case.
    pub fn list_prompts(&self) -> Result<Vec<PromptSummary>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.created_at, p.updated_at, v.version, v.system_prompt, \
                 v.messages_json \
             FROM prompts p JOIN prompt_versions v ON v.prompt_id = p.id \
                 AND v.version = (SELECT MAX(version) FROM prompt_versions WHERE prompt_id = p.id) \
             ORDER BY p.name",
        )?;
        let summaries = statement
            .query_map([], |row| {
                let system_prompt: String = row.get("system_prompt")?;
                let messages_json: String = row.get("messages_json")?;
                Ok(PromptSummary {
                    id: row.get("id")?,
                    name: row.get("name")?,
                    latest_version: row.get("version")?,
                    created_at: row.get("created_at")?,
                    updated_at: row.get("updated_at")?,
                    variables: prompt_variables(&system_prompt, &messages_json),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(summaries)
    }

    /// Every version of a prompt, oldest (1) first.
    pub fn prompt_versions(&self, prompt_id: &str) -> Result<Vec<PromptVersion>> {
        ensure_prompt(&self.conn, prompt_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM prompt_versions WHERE prompt_id = ?1 ORDER BY version"
        ))?;
        let versions = statement
            .query_map([prompt_id], version_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(versions)
    }

    pub fn prompt_version(&self, prompt_id: &str, version: u32) -> Result<PromptVersion> {
        ensure_prompt(&self.conn, prompt_id)?;
        self.conn
            .prepare_cached(&format!(
                "SELECT {VERSION_COLUMNS} FROM prompt_versions WHERE prompt_id = ?1 AND version = ?2"
            ))?
            .query_row(params![prompt_id, version], version_from_row)
            .optional()?
            .ok_or_else(|| {
                StorageError::not_found("prompt version", &format!("{prompt_id} v{version}"))
            })
    }

    /// Renames a prompt; another prompt may not have the name, in any case.
    pub fn rename_prompt(&mut self, prompt_id: &str, new_name: &str) -> Result<()> {
        let name = valid_name(new_name)?;
        let now = self.clock.now();
        let renamed = self
            .conn
            .prepare_cached("UPDATE prompts SET name = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute([prompt_id, name, &now]);
        match renamed {
            Ok(0) => Err(StorageError::not_found("prompt", prompt_id)),
            Ok(_) => Ok(()),
            Err(error)
                if error.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
            {
                Err(StorageError::new(
                    StorageErrorCode::DuplicateName,
                    format!("A prompt named \"{name}\" already exists."),
                    "Choose another name, or delete or rename the other prompt first.",
                ))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Deletes a prompt and all its versions.
    pub fn delete_prompt(&mut self, prompt_id: &str) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached("DELETE FROM prompts WHERE id = ?1")?
            .execute([prompt_id])?;
        if changed == 0 {
            return Err(StorageError::not_found("prompt", prompt_id));
        }
        Ok(())
    }
}

fn valid_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StorageError::invalid_input(
            "A prompt needs a name.",
            "Type a name to save the prompt under.",
        ));
    }
    Ok(name)
}

fn ensure_prompt(conn: &Connection, prompt_id: &str) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM prompts WHERE id = ?1)")?
        .query_row([prompt_id], |row| row.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(StorageError::not_found("prompt", prompt_id))
    }
}

fn latest_version(conn: &Connection, prompt_id: &str) -> Result<Option<PromptVersion>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM prompt_versions WHERE prompt_id = ?1 \
             ORDER BY version DESC LIMIT 1"
        ))?
        .query_row([prompt_id], version_from_row)
        .optional()?)
}

/// Messages and params compare as JSON when they parse, so key order or spacing alone is no
/// change.
fn same_content(version: &PromptVersion, content: &PromptContent) -> bool {
    version.system_prompt == content.system_prompt
        && version.model_id == content.model_id
        && same_json(&version.messages_json, &content.messages_json)
        && same_json(&version.params_json, &content.params_json)
}

fn same_json(stored: &str, given: &str) -> bool {
    match (
        serde_json::from_str::<serde_json::Value>(stored),
        serde_json::from_str::<serde_json::Value>(given),
    ) {
        (Ok(stored), Ok(given)) => stored == given,
        _ => stored == given,
    }
}

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<PromptVersion> {
    Ok(PromptVersion {
        prompt_id: row.get("prompt_id")?,
        version: row.get("version")?,
        created_at: row.get("created_at")?,
        system_prompt: row.get("system_prompt")?,
        messages_json: row.get("messages_json")?,
        params_json: row.get("params_json")?,
        model_id: row.get("model_id")?,
        note: row.get("note")?,
    })
}
