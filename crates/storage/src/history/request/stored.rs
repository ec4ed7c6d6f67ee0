//! A run's request in the database: the `request_*` columns of `runs`, `request_blobs` and
//! `blobs` (migration 0003). Rows written before it hold the whole text in `request_json`, with
//! no base and no blobs, and are read back as they are.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use super::base64_spans::{self, Span};
use super::delta::{self, Delta};
use crate::error::{Result, StorageError, StorageErrorCode};

/// Every this many runs a request is stored whole, so reading one walks a short chain.
const MAX_CHAIN: u32 = 32;

/// The request columns of one run, as stored.
#[derive(Debug, Clone)]
pub(crate) struct StoredRequest {
    pub seq: i64,
    pub run_id: String,
    /// The whole skeleton, or only the part that differs from the base's.
    pub text: String,
    pub base_id: Option<String>,
    pub prefix: usize,
    pub suffix: usize,
}

impl StoredRequest {
    pub(crate) const COLUMNS: &'static str =
        "seq, id, request_json, request_base_id, request_prefix, request_suffix";

    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            seq: row.get("seq")?,
            run_id: row.get("id")?,
            text: row.get("request_json")?,
            base_id: row.get("request_base_id")?,
            prefix: offset(row.get("request_prefix")?),
            suffix: offset(row.get("request_suffix")?),
        })
    }
}

/// Skeletons and encoded blobs already rebuilt while reading, so a conversation's runs share them.
#[derive(Debug, Default)]
pub(crate) struct RequestCache {
    skeletons: HashMap<String, String>,
    base64: HashMap<i64, String>,
}

/// Stores `text` as the request of the run at `seq`: its long base64 strings as blobs (once per
/// content), the rest as the difference from `base_id`'s request when that saves space.
pub(crate) fn store_request(
    conn: &Connection,
    seq: i64,
    base_id: Option<&str>,
    text: &str,
) -> Result<()> {
    let extracted = base64_spans::extract(text);
    let mut cache = RequestCache::default();
    let encoded = match base_id {
        Some(base_id) => {
            let base_depth: Option<u32> = conn
                .prepare_cached("SELECT request_depth FROM runs WHERE id = ?1")?
                .query_row([base_id], |row| row.get(0))
                .optional()?;
            match base_depth.filter(|depth| *depth + 1 < MAX_CHAIN) {
                Some(depth) => {
                    let base = skeleton(conn, &mut cache, base_id)?;
                    delta::diff(&base, &extracted.skeleton)
                        .map(|delta| (Some(base_id), delta, depth + 1))
                }
                None => None,
            }
        }
        None => None,
    };
    let (base_id, delta, depth) = encoded.unwrap_or_else(|| {
        let whole = Delta {
            prefix: 0,
            suffix: 0,
            middle: extracted.skeleton.clone(),
        };
        (None, whole, 0)
    });
    conn.prepare_cached(
        "UPDATE runs SET request_json = ?2, request_base_id = ?3, request_prefix = ?4, \
             request_suffix = ?5, request_depth = ?6 \
         WHERE seq = ?1",
    )?
    .execute(params![
        seq,
        delta.middle,
        base_id,
        column(delta.prefix),
        column(delta.suffix),
        depth
    ])?;
    for span in &extracted.spans {
        let blob_id = store_blob(conn, span)?;
        conn.prepare_cached(
            "INSERT INTO request_blobs (run_seq, at, blob_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![seq, column(span.at), blob_id])?;
    }
    Ok(())
}

/// Once, when migration 0003 is applied: every request stored whole before it is stored again
/// as blobs and differences, in the order the runs were made (so each parent comes first).
/// Whether there was any.
pub(crate) fn compact_whole_requests(conn: &Connection) -> Result<bool> {
    let runs: Vec<(i64, Option<String>)> = conn
        .prepare("SELECT seq, parent_run_id FROM runs ORDER BY seq")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let any = !runs.is_empty();
    for (seq, parent_id) in runs {
        let text: String = conn
            .prepare_cached("SELECT request_json FROM runs WHERE seq = ?1")?
            .query_row([seq], |row| row.get(0))?;
        store_request(conn, seq, parent_id.as_deref(), &text)?;
    }
    Ok(any)
}

/// The request exactly as it was stored.
pub(crate) fn full_request(
    conn: &Connection,
    cache: &mut RequestCache,
    stored: &StoredRequest,
) -> Result<String> {
    let skeleton = skeleton_of(conn, cache, stored)?;
    let spans: Vec<(usize, i64)> = conn
        .prepare_cached("SELECT at, blob_id FROM request_blobs WHERE run_seq = ?1 ORDER BY at")?
        .query_map([stored.seq], |row| Ok((offset(row.get(0)?), row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if spans.is_empty() {
        return Ok(skeleton);
    }
    for (_, blob_id) in &spans {
        if !cache.base64.contains_key(blob_id) {
            let bytes: Vec<u8> = conn
                .prepare_cached("SELECT bytes FROM blobs WHERE id = ?1")?
                .query_row([blob_id], |row| row.get(0))?;
            cache.base64.insert(*blob_id, base64_spans::encode(&bytes));
        }
    }
    let encoded = spans
        .iter()
        .map(|(at, blob_id)| (*at, cache.base64[blob_id].as_str()));
    base64_spans::insert(&skeleton, encoded).ok_or_else(|| damaged(&stored.run_id))
}

/// Before `run_id` is deleted: the runs whose request is stored as a difference from its own
/// are stored whole instead.
pub(crate) fn forget_base(conn: &Connection, run_id: &str) -> Result<()> {
    let dependants: Vec<StoredRequest> = conn
        .prepare_cached(&format!(
            "SELECT {} FROM runs WHERE request_base_id = ?1",
            StoredRequest::COLUMNS
        ))?
        .query_map([run_id], StoredRequest::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache = RequestCache::default();
    for dependant in dependants {
        let whole = skeleton_of(conn, &mut cache, &dependant)?;
        conn.prepare_cached(
            "UPDATE runs SET request_json = ?2, request_base_id = NULL, request_prefix = 0, \
                 request_suffix = 0, request_depth = 0 \
             WHERE seq = ?1",
        )?
        .execute(params![dependant.seq, whole])?;
    }
    Ok(())
}

fn store_blob(conn: &Connection, span: &Span) -> Result<i64> {
    let sha256 = Sha256::digest(&span.bytes).to_vec();
    conn.prepare_cached(
        "INSERT INTO blobs (sha256, media_type, size_bytes, bytes) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (sha256) DO NOTHING",
    )?
    .execute(params![
        sha256,
        infer::get(&span.bytes).map(|kind| kind.mime_type()),
        column(span.bytes.len()),
        span.bytes
    ])?;
    Ok(conn
        .prepare_cached("SELECT id FROM blobs WHERE sha256 = ?1")?
        .query_row([sha256], |row| row.get(0))?)
}

fn skeleton_of(
    conn: &Connection,
    cache: &mut RequestCache,
    stored: &StoredRequest,
) -> Result<String> {
    let Some(base_id) = &stored.base_id else {
        return Ok(stored.text.clone());
    };
    let base = skeleton(conn, cache, base_id)?;
    let whole = delta::apply(&base, &delta_of(stored)).ok_or_else(|| damaged(&stored.run_id))?;
    cache.skeletons.insert(stored.run_id.clone(), whole.clone());
    Ok(whole)
}

/// The skeleton of `run_id`'s request, walking up its bases to one already known or stored whole.
fn skeleton(conn: &Connection, cache: &mut RequestCache, run_id: &str) -> Result<String> {
    let mut chain: Vec<StoredRequest> = Vec::new();
    let mut known: Option<String> = None;
    let mut next = Some(run_id.to_owned());
    while let Some(id) = next {
        if let Some(skeleton) = cache.skeletons.get(&id) {
            known = Some(skeleton.clone());
            break;
        }
        let stored = conn
            .prepare_cached(&format!(
                "SELECT {} FROM runs WHERE id = ?1",
                StoredRequest::COLUMNS
            ))?
            .query_row([&id], StoredRequest::from_row)
            .optional()?
            .ok_or_else(|| damaged(run_id))?;
        next = stored.base_id.clone();
        chain.push(stored);
    }
    for stored in chain.into_iter().rev() {
        let whole = match (&stored.base_id, known) {
            (None, _) => stored.text.clone(),
            (Some(_), Some(base)) => {
                delta::apply(&base, &delta_of(&stored)).ok_or_else(|| damaged(&stored.run_id))?
            }
            (Some(_), None) => return Err(damaged(&stored.run_id)),
        };
        cache.skeletons.insert(stored.run_id.clone(), whole.clone());
        known = Some(whole);
    }
    known.ok_or_else(|| damaged(run_id))
}

/// Byte offsets and lengths as SQLite integers; a negative one (a damaged row) reads as one
/// past any text, which the rebuild then refuses.
fn column(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn offset(value: i64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

fn delta_of(stored: &StoredRequest) -> Delta {
    Delta {
        prefix: stored.prefix,
        suffix: stored.suffix,
        middle: stored.text.clone(),
    }
}

fn damaged(run_id: &str) -> StorageError {
    StorageError::new(
        StorageErrorCode::Database,
        format!("The stored request of run `{run_id}` is damaged and cannot be rebuilt."),
        "Delete the run or its conversation; the other runs are not affected.",
    )
}
