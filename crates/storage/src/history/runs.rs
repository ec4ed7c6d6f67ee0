//! A run's life: started, its answer appended as it streams, finished, or found interrupted.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::model::{AnswerBlocks, NewRun, RunEnd, RunStatus, StartedRun};
use super::request::{forget_base, store_request};
use super::rows::{blocks_json, insert_conversation, load_run};
use super::title::title_from_message;
use crate::clock::new_id;
use crate::database::Database;
use crate::error::{Result, StorageError, StorageErrorCode};

impl Database {
    /// Stores a run as `streaming`, creating its conversation if it is new.
    pub fn start_run(&mut self, run: NewRun) -> Result<StartedRun> {
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let conversation_id = conversation_for(&tx, &run)?;
        let known: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM conversations WHERE id = ?1)")?
            .query_row([&conversation_id], |row| row.get(0))?;
        if known {
            tx.prepare_cached("UPDATE conversations SET updated_at = ?2 WHERE id = ?1")?
                .execute([&conversation_id, &now])?;
        } else {
            let title = title_from_message(&run.user_text);
            insert_conversation(&tx, &conversation_id, &title, &now, &now)?;
        }
        let run_id = new_id();
        tx.prepare_cached(
            "INSERT INTO runs (id, conversation_id, parent_run_id, created_at, profile_id, \
                 profile_name, region, model_id, request_json, user_text, status) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            run_id,
            conversation_id,
            run.parent_run_id,
            now,
            run.profile_id,
            run.profile_name,
            run.region,
            run.model_id,
            "",
            run.user_text,
            RunStatus::Streaming,
        ])?;
        store_request(
            &tx,
            tx.last_insert_rowid(),
            run.parent_run_id.as_deref(),
            &run.request_json,
        )?;
        tx.commit()?;
        Ok(StartedRun {
            run_id,
            conversation_id,
            created_at: now,
        })
    }

    /// Appends what arrived since the last call. One UPDATE, and the search index is left alone
    /// until the run ends, so calling this every few hundred milliseconds stays cheap.
    pub fn append_answer(
        &self,
        run_id: &str,
        text_delta: &str,
        reasoning_delta: &str,
    ) -> Result<()> {
        if text_delta.is_empty() && reasoning_delta.is_empty() {
            return Ok(());
        }
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE runs SET answer_text = answer_text || ?2, \
                     reasoning_text = reasoning_text || ?3 \
                 WHERE id = ?1 AND status = 'streaming'",
            )?
            .execute([run_id, text_delta, reasoning_delta])?;
        if changed == 0 {
            return Err(not_streaming(&self.conn, run_id));
        }
        Ok(())
    }

    /// Stores the answer's tool calls and reasoning blocks, once they are complete (before
    /// [`Database::finish_run`]); they replace any stored before.
    pub fn save_answer_blocks(&self, run_id: &str, blocks: &AnswerBlocks) -> Result<()> {
        let (tool_calls_json, reasoning_json) = blocks_json(blocks);
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE runs SET tool_calls_json = ?2, reasoning_json = ?3 \
                 WHERE id = ?1 AND status = 'streaming'",
            )?
            .execute([run_id, &tool_calls_json, &reasoning_json])?;
        if changed == 0 {
            return Err(not_streaming(&self.conn, run_id));
        }
        Ok(())
    }

    /// Records how a streaming run ended.
    pub fn finish_run(&mut self, run_id: &str, end: RunEnd) -> Result<()> {
        if end.status == RunStatus::Streaming {
            return Err(StorageError::invalid_input(
                "A run cannot finish as `streaming`.",
                "Finish it as done, stopped, failed or interrupted.",
            ));
        }
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let usage = end.usage;
        let metrics = end.metrics;
        let changed = tx
            .prepare_cached(
                "UPDATE runs SET status = ?2, finished_at = ?3, stop_reason = ?4, \
                     error_json = ?5, input_tokens = ?6, output_tokens = ?7, ttft_ms = ?8, \
                     latency_ms = ?9, tokens_per_second = ?10 \
                 WHERE id = ?1 AND status = 'streaming'",
            )?
            .execute(params![
                run_id,
                end.status,
                now,
                end.stop_reason,
                end.error_json,
                usage.map(|usage| usage.input_tokens),
                usage.map(|usage| usage.output_tokens),
                metrics.and_then(|metrics| metrics.time_to_first_token_ms),
                metrics.map(|metrics| metrics.total_latency_ms),
                metrics.and_then(|metrics| metrics.tokens_per_second),
            ])?;
        if changed == 0 {
            return Err(not_streaming(&tx, run_id));
        }
        tx.prepare_cached(
            "UPDATE conversations SET updated_at = ?2 \
             WHERE id = (SELECT conversation_id FROM runs WHERE id = ?1)",
        )?
        .execute([run_id, &now])?;
        tx.commit()?;
        Ok(())
    }

    /// At start-up: every run still `streaming` was cut off when the app last stopped, so it
    /// becomes `interrupted`, keeping the answer that had arrived. Returns how many.
    pub fn recover_interrupted(&mut self) -> Result<usize> {
        let now = self.clock.now();
        let recovered = self
            .conn
            .prepare_cached(
                "UPDATE runs SET status = 'interrupted', finished_at = ?1 \
                 WHERE status = 'streaming'",
            )?
            .execute([now])?;
        Ok(recovered)
    }

    /// Deletes one run; runs that followed it now follow its parent. A conversation left with
    /// no run is deleted too.
    pub fn delete_run(&mut self, run_id: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let run = load_run(&tx, run_id)?;
        forget_base(&tx, run_id)?;
        tx.prepare_cached("UPDATE runs SET parent_run_id = ?2 WHERE parent_run_id = ?1")?
            .execute(params![run_id, run.parent_run_id])?;
        tx.prepare_cached("DELETE FROM runs WHERE id = ?1")?
            .execute([run_id])?;
        tx.prepare_cached(
            "DELETE FROM conversations WHERE id = ?1 \
             AND NOT EXISTS (SELECT 1 FROM runs WHERE conversation_id = ?1)",
        )?
        .execute([&run.conversation_id])?;
        tx.commit()?;
        Ok(())
    }
}

/// The conversation a new run belongs to: its parent's, the one named, or a new one.
fn conversation_for(conn: &Connection, run: &NewRun) -> Result<String> {
    let Some(parent_id) = &run.parent_run_id else {
        return Ok(run.conversation_id.clone().unwrap_or_else(new_id));
    };
    let parent_conversation: String = conn
        .prepare_cached("SELECT conversation_id FROM runs WHERE id = ?1")?
        .query_row([parent_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| StorageError::not_found("run", parent_id))?;
    match &run.conversation_id {
        Some(named) if *named != parent_conversation => Err(StorageError::invalid_input(
            format!("Run `{parent_id}` belongs to another conversation than `{named}`."),
            "A run follows a run of its own conversation; branch the conversation to continue \
             from another one.",
        )),
        _ => Ok(parent_conversation),
    }
}

fn not_streaming(conn: &Connection, run_id: &str) -> StorageError {
    match load_run(conn, run_id) {
        Ok(run) => StorageError::new(
            StorageErrorCode::RunNotStreaming,
            format!(
                "Run `{run_id}` is no longer streaming: it is {}.",
                run.status.as_str()
            ),
            "Its answer is final; start a new run to ask again.",
        ),
        Err(error) => error,
    }
}
