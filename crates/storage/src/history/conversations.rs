//! Listing, searching, reading, renaming and deleting conversations.

use rusqlite::{OptionalExtension, Row, params};

use super::model::{Conversation, ConversationSummary};
use super::rows::load_runs;
use super::search::match_expression;
use crate::database::Database;
use crate::error::{Result, StorageError};

pub(crate) const SUMMARY_SELECT: &str = "SELECT c.rowid AS conversation_rowid, c.id, c.title, c.created_at, c.updated_at, \
        (SELECT COUNT(*) FROM runs r WHERE r.conversation_id = c.id) AS run_count, \
        last.model_id AS last_model_id, last.status AS last_status \
    FROM conversations c \
    LEFT JOIN runs last ON last.seq = \
        (SELECT MAX(r.seq) FROM runs r WHERE r.conversation_id = c.id)";

impl Database {
    /// Newest first. With a query, only conversations where some run's user message or answer
    /// has every word of it (as word prefixes, ignoring case and accents). Answers still
    /// streaming are found once they end.
    pub fn list_conversations(
        &self,
        query: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ConversationSummary>> {
        let expression = query.and_then(match_expression);
        let mut statement = self.conn.prepare_cached(&format!(
            "{SUMMARY_SELECT} \
             WHERE ?1 IS NULL OR c.id IN ( \
                 SELECT r.conversation_id FROM runs_search s JOIN runs r ON r.seq = s.rowid \
                 WHERE runs_search MATCH ?1) \
             ORDER BY c.updated_at DESC, c.rowid DESC \
             LIMIT ?2 OFFSET ?3"
        ))?;
        let summaries = statement
            .query_map(params![expression, limit, offset], summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(summaries)
    }

    pub fn conversation(&self, id: &str) -> Result<Conversation> {
        let summary = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SELECT} WHERE c.id = ?1"))?
            .query_row([id], summary_from_row)
            .optional()?
            .ok_or_else(|| StorageError::not_found("conversation", id))?;
        let runs = load_runs(&self.conn, id)?;
        Ok(Conversation { summary, runs })
    }

    pub fn rename_conversation(&mut self, id: &str, title: &str) -> Result<()> {
        let title = title.trim();
        if title.is_empty() {
            return Err(StorageError::invalid_input(
                "A conversation title cannot be empty.",
                "Type a title.",
            ));
        }
        let changed = self
            .conn
            .prepare_cached("UPDATE conversations SET title = ?2 WHERE id = ?1")?
            .execute([id, title])?;
        if changed == 0 {
            return Err(StorageError::not_found("conversation", id));
        }
        Ok(())
    }

    /// Deletes the conversation and all its runs.
    pub fn delete_conversation(&mut self, id: &str) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached("DELETE FROM conversations WHERE id = ?1")?
            .execute([id])?;
        if changed == 0 {
            return Err(StorageError::not_found("conversation", id));
        }
        Ok(())
    }
}

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ConversationSummary> {
    Ok(ConversationSummary {
        id: row.get("id")?,
        title: row.get("title")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        run_count: row.get("run_count")?,
        last_model_id: row.get("last_model_id")?,
        last_status: row.get("last_status")?,
    })
}
