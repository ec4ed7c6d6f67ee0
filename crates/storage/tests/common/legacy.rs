//! A database as the app wrote it before requests were stored once (schema version 2): every
//! run's whole request, base64 attachments included, in `request_json`.

use rusqlite::{Connection, params};

pub const SCHEMA_V1: &str = include_str!("../../src/migrations/0001_initial.sql");
pub const SCHEMA_V2: &str = include_str!("../../src/migrations/0002_reply_blocks.sql");

pub fn create(path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "wal").unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute_batch(SCHEMA_V1).unwrap();
    conn.execute_batch(SCHEMA_V2).unwrap();
    conn.pragma_update(None, "user_version", 2).unwrap();
    conn
}

/// Inserts a finished run as the old `start_run` + `finish_run` did; returns its id.
pub fn insert_run(
    conn: &Connection,
    conversation_id: &str,
    parent: Option<&str>,
    request_json: &str,
    user_text: &str,
    answer: &str,
) -> String {
    let id = uuid_like(conn);
    let now = "2026-01-01T00:00:00.000Z";
    conn.execute(
        "INSERT OR IGNORE INTO conversations (id, title, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?3)",
        params![conversation_id, user_text, now],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO runs (id, conversation_id, parent_run_id, created_at, finished_at, \
             profile_id, profile_name, region, model_id, request_json, user_text, answer_text, \
             status) \
         VALUES (?1, ?2, ?3, ?4, ?4, 'emulator', 'Built-in emulator', 'us-east-1', \
             'anthropic.claude-test', ?5, ?6, ?7, 'done')",
        params![
            id,
            conversation_id,
            parent,
            now,
            request_json,
            user_text,
            answer
        ],
    )
    .unwrap();
    id
}

fn uuid_like(conn: &Connection) -> String {
    conn.query_row("SELECT lower(hex(randomblob(16)))", [], |row| row.get(0))
        .unwrap()
}
