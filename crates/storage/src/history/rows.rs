//! Runs to and from table rows.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, Row, ToSql, named_params};

use super::model::{AnswerBlocks, Run, RunMetrics, RunStatus, Usage};
use super::request::{RequestCache, StoredRequest, full_request, store_request};
use crate::error::{Result, StorageError};

impl ToSql for RunStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for RunStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::parse(text)
            .ok_or_else(|| FromSqlError::Other(format!("unknown run status `{text}`").into()))
    }
}

pub(crate) const RUN_COLUMNS: &str = "seq, id, conversation_id, parent_run_id, created_at, finished_at, \
    profile_id, profile_name, region, model_id, request_json, user_text, answer_text, \
    reasoning_text, status, stop_reason, error_json, input_tokens, output_tokens, ttft_ms, \
    latency_ms, tokens_per_second, tool_calls_json, reasoning_json, request_base_id, \
    request_prefix, request_suffix";

/// The answer's blocks from their two JSON columns.
fn blocks_from_row(row: &Row<'_>) -> rusqlite::Result<AnswerBlocks> {
    let column = |name: &str| -> rusqlite::Result<_> {
        let json: String = row.get(name)?;
        Ok(json)
    };
    let parse_error = |name: &str, error: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("{name}: {error}").into(),
        )
    };
    Ok(AnswerBlocks {
        tool_calls: serde_json::from_str(&column("tool_calls_json")?)
            .map_err(|e| parse_error("tool_calls_json", e))?,
        reasoning: serde_json::from_str(&column("reasoning_json")?)
            .map_err(|e| parse_error("reasoning_json", e))?,
    })
}

pub(crate) fn blocks_json(blocks: &AnswerBlocks) -> (String, String) {
    (
        serde_json::to_string(&blocks.tool_calls).unwrap_or_else(|_| "[]".to_owned()),
        serde_json::to_string(&blocks.reasoning).unwrap_or_else(|_| "[]".to_owned()),
    )
}

pub(crate) fn run_from_row(row: &Row<'_>) -> rusqlite::Result<Run> {
    let input_tokens: Option<u32> = row.get("input_tokens")?;
    let output_tokens: Option<u32> = row.get("output_tokens")?;
    let usage = (input_tokens.is_some() || output_tokens.is_some()).then(|| Usage {
        input_tokens: input_tokens.unwrap_or(0),
        output_tokens: output_tokens.unwrap_or(0),
    });
    let latency_ms: Option<u32> = row.get("latency_ms")?;
    let metrics = match latency_ms {
        Some(total_latency_ms) => Some(RunMetrics {
            time_to_first_token_ms: row.get("ttft_ms")?,
            total_latency_ms,
            tokens_per_second: row.get("tokens_per_second")?,
        }),
        None => None,
    };
    Ok(Run {
        id: row.get("id")?,
        conversation_id: row.get("conversation_id")?,
        parent_run_id: row.get("parent_run_id")?,
        created_at: row.get("created_at")?,
        finished_at: row.get("finished_at")?,
        profile_id: row.get("profile_id")?,
        profile_name: row.get("profile_name")?,
        region: row.get("region")?,
        model_id: row.get("model_id")?,
        request_json: row.get("request_json")?,
        user_text: row.get("user_text")?,
        answer_text: row.get("answer_text")?,
        reasoning_text: row.get("reasoning_text")?,
        blocks: blocks_from_row(row)?,
        status: row.get("status")?,
        stop_reason: row.get("stop_reason")?,
        error_json: row.get("error_json")?,
        usage,
        metrics,
    })
}

/// A run with its request rebuilt from how it is stored.
fn run_with_request(conn: &Connection, cache: &mut RequestCache, row: &Row<'_>) -> Result<Run> {
    let stored = StoredRequest::from_row(row)?;
    let mut run = run_from_row(row)?;
    run.request_json = full_request(conn, cache, &stored)?;
    Ok(run)
}

pub(crate) fn load_run(conn: &Connection, run_id: &str) -> Result<Run> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1"))?;
    let mut rows = statement.query([run_id])?;
    let row = rows
        .next()?
        .ok_or_else(|| StorageError::not_found("run", run_id))?;
    run_with_request(conn, &mut RequestCache::default(), row)
}

pub(crate) fn load_runs(conn: &Connection, conversation_id: &str) -> Result<Vec<Run>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} FROM runs WHERE conversation_id = ?1 ORDER BY seq"
    ))?;
    let mut rows = statement.query([conversation_id])?;
    let mut cache = RequestCache::default();
    let mut runs = Vec::new();
    while let Some(row) = rows.next()? {
        runs.push(run_with_request(conn, &mut cache, row)?);
    }
    Ok(runs)
}

/// Inserts a complete run as it is, for copies and imports; its request is stored against its
/// parent's, which must be inserted before it.
pub(crate) fn insert_run(conn: &Connection, run: &Run) -> Result<()> {
    let usage = run.usage;
    let metrics = run.metrics;
    let (tool_calls_json, reasoning_json) = blocks_json(&run.blocks);
    conn.prepare_cached(
        "INSERT INTO runs (id, conversation_id, parent_run_id, created_at, finished_at, \
             profile_id, profile_name, region, model_id, request_json, user_text, answer_text, \
             reasoning_text, status, stop_reason, error_json, input_tokens, output_tokens, \
             ttft_ms, latency_ms, tokens_per_second, tool_calls_json, reasoning_json) \
         VALUES (:id, :conversation_id, :parent_run_id, :created_at, :finished_at, :profile_id, \
             :profile_name, :region, :model_id, :request_json, :user_text, :answer_text, \
             :reasoning_text, :status, :stop_reason, :error_json, :input_tokens, \
             :output_tokens, :ttft_ms, :latency_ms, :tokens_per_second, :tool_calls_json, \
             :reasoning_json)",
    )?
    .execute(named_params! {
        ":id": run.id,
        ":conversation_id": run.conversation_id,
        ":parent_run_id": run.parent_run_id,
        ":created_at": run.created_at,
        ":finished_at": run.finished_at,
        ":profile_id": run.profile_id,
        ":profile_name": run.profile_name,
        ":region": run.region,
        ":model_id": run.model_id,
        ":request_json": "",
        ":user_text": run.user_text,
        ":answer_text": run.answer_text,
        ":reasoning_text": run.reasoning_text,
        ":status": run.status,
        ":stop_reason": run.stop_reason,
        ":error_json": run.error_json,
        ":input_tokens": usage.map(|usage| usage.input_tokens),
        ":output_tokens": usage.map(|usage| usage.output_tokens),
        ":ttft_ms": metrics.and_then(|metrics| metrics.time_to_first_token_ms),
        ":latency_ms": metrics.map(|metrics| metrics.total_latency_ms),
        ":tokens_per_second": metrics.and_then(|metrics| metrics.tokens_per_second),
        ":tool_calls_json": tool_calls_json,
        ":reasoning_json": reasoning_json,
    })?;
    store_request(
        conn,
        conn.last_insert_rowid(),
        run.parent_run_id.as_deref(),
        &run.request_json,
    )
}

pub(crate) fn insert_conversation(
    conn: &Connection,
    id: &str,
    title: &str,
    created_at: &str,
    updated_at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute([id, title, created_at, updated_at])?;
    Ok(())
}
