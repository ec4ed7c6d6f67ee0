//! The history list one page at a time, newest first, searched or not.
//!
//! Pages follow a cursor (the last conversation's `updated_at` and rowid) rather than an
//! offset, so a conversation that moves to the top while the user scrolls is neither repeated
//! nor makes the next page skip one.

use rusqlite::params;

use super::conversations::{SUMMARY_SELECT, summary_from_row};
use super::model::ConversationPage;
use super::search::match_expression;
use crate::database::Database;
use crate::error::{Result, StorageError};

pub const MAX_PAGE_SIZE: u32 = 500;

/// Where a page ends: it continues with the conversations ordered after this one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cursor {
    updated_at: String,
    rowid: i64,
}

impl Cursor {
    fn encode(&self) -> String {
        format!("{}/{}", self.rowid, self.updated_at)
    }

    fn decode(text: &str) -> Result<Self> {
        text.split_once('/')
            .and_then(|(rowid, updated_at)| {
                Some(Self {
                    rowid: rowid.parse().ok()?,
                    updated_at: updated_at.to_owned(),
                })
            })
            .ok_or_else(|| {
                StorageError::invalid_input(
                    format!("`{text}` is not a history page cursor."),
                    "Pass back the `nextCursor` of the previous page, or none for the first page.",
                )
            })
    }
}

impl Database {
    /// Up to `limit` (1 to [`MAX_PAGE_SIZE`]) conversations after `cursor`, newest first, with
    /// the same search as [`Database::list_conversations`].
    pub fn conversation_page(
        &self,
        query: Option<&str>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<ConversationPage> {
        let limit = limit.clamp(1, MAX_PAGE_SIZE);
        let after = cursor.map(Cursor::decode).transpose()?;
        let expression = query.and_then(match_expression);
        // Two statements rather than `?2 IS NULL OR ...`, so the one with a cursor seeks the
        // index to it instead of scanning every newer conversation.
        let after_cursor = match after {
            Some(_) => "AND (c.updated_at, c.rowid) < (?2, ?3)",
            None => "AND ?2 IS NULL AND ?3 IS NULL",
        };
        let mut statement = self.conn.prepare_cached(&format!(
            "{SUMMARY_SELECT} \
             WHERE (?1 IS NULL OR c.id IN ( \
                 SELECT r.conversation_id FROM runs_search s JOIN runs r ON r.seq = s.rowid \
                 WHERE runs_search MATCH ?1)) \
             {after_cursor} \
             ORDER BY c.updated_at DESC, c.rowid DESC \
             LIMIT ?4"
        ))?;
        let mut rows = statement.query(params![
            expression,
            after.as_ref().map(|cursor| &cursor.updated_at),
            after.as_ref().map(|cursor| cursor.rowid),
            limit + 1
        ])?;
        let mut conversations = Vec::new();
        let mut last: Option<Cursor> = None;
        let mut has_more = false;
        while let Some(row) = rows.next()? {
            if conversations.len() == limit as usize {
                has_more = true;
                break;
            }
            let summary = summary_from_row(row)?;
            last = Some(Cursor {
                updated_at: summary.updated_at.clone(),
                rowid: row.get("conversation_rowid")?,
            });
            conversations.push(summary);
        }
        Ok(ConversationPage {
            conversations,
            total: self.conversation_count(expression.as_deref())?,
            has_more,
            next_cursor: has_more
                .then(|| last.map(|cursor| cursor.encode()))
                .flatten(),
            query: query.map(str::to_owned),
        })
    }

    fn conversation_count(&self, expression: Option<&str>) -> Result<u32> {
        let count = match expression {
            None => self
                .conn
                .prepare_cached("SELECT COUNT(*) FROM conversations")?
                .query_row([], |row| row.get(0))?,
            Some(expression) => self
                .conn
                .prepare_cached(
                    "SELECT COUNT(DISTINCT r.conversation_id) FROM runs_search s \
                     JOIN runs r ON r.seq = s.rowid WHERE runs_search MATCH ?1",
                )?
                .query_row([expression], |row| row.get(0))?,
        };
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let cursor = Cursor {
            updated_at: "2026-01-02T03:04:05.678Z".into(),
            rowid: 42,
        };
        assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
        assert!(Cursor::decode("nope").is_err());
        assert!(Cursor::decode("x/2026").is_err());
    }
}
