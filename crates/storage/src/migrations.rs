//! The schema, one migration per version; `PRAGMA user_version` counts those applied.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StorageError, StorageErrorCode};

/// Append only: a released migration is never edited, a change is a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_reply_blocks.sql"),
    include_str!("migrations/0003_request_blobs.sql"),
];

pub(crate) const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The version from which requests are stored as blobs and differences; reaching it stores
/// the requests of older rows that way too.
const REQUESTS_STORED_ONCE: u32 = 3;

/// Brings the schema up to [`SCHEMA_VERSION`], each migration in its own transaction. The version
/// is read again under the write lock, so two processes opening one file migrate it once.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let mut compacted = false;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = schema_version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(newer_schema(current));
        }
        let Some(migration) = MIGRATIONS.get(current as usize) else {
            drop(tx);
            if compacted {
                // The old copies' pages are free now; give them back to the disk, once. A
                // failure (a full disk) leaves a larger file that works the same.
                let _ = conn.execute_batch("VACUUM");
            }
            return Ok(());
        };
        tx.execute_batch(migration)?;
        if current + 1 == REQUESTS_STORED_ONCE {
            compacted = crate::history::request::compact_whole_requests(&tx)?;
        }
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}

pub(crate) fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

fn newer_schema(found: u32) -> StorageError {
    StorageError::new(
        StorageErrorCode::NewerSchema,
        format!(
            "The database has schema version {found}, but this version of the app knows only up \
             to {SCHEMA_VERSION}."
        ),
        "A newer version of Bedrock Playground wrote it: update the app. The file was not changed.",
    )
}
