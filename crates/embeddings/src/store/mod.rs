//! The SQLite file of the embeddings lab (`embeddings.sqlite3` in the app's data folder):
//! datasets, the vector cache, runs and layouts. WAL, a busy timeout, migrations counted by
//! `user_version`; a file from a newer app is refused.

mod blob;
mod cache;
mod datasets;
mod error;
mod layouts;
mod migrations;
mod runs;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

pub use cache::{CacheKey, text_hash};
pub use datasets::{DatasetContent, DatasetSummary};
pub use error::{LabError, LabErrorCode, Result};
pub use layouts::{Layout, LayoutMethod, LayoutSummary, NewLayout};
pub use migrations::SCHEMA_VERSION;
pub use runs::{RunError, RunProgress, RunStatus, RunSummary};

/// The usual file name, in the app's data folder.
pub const FILE_NAME: &str = "embeddings.sqlite3";

/// How long a write waits for another connection's lock before failing with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const PAGE_SIZE: u32 = 65_536;

/// The lab's database. `Send`, so the shell and a job can share it in a `Mutex`.
#[derive(Debug)]
pub struct LabStore {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

impl LabStore {
    /// Opens or creates the file (and its parent folders), migrates it, and marks runs that were
    /// running when the app stopped as interrupted.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| LabError::opening(path, e))?;
        }
        let conn = Connection::open(path).map_err(|e| LabError::opening(path, e))?;
        configure(&conn).map_err(|e| LabError::opening(path, e))?;
        Self::migrated(conn, Some(path.to_path_buf()))
    }

    /// A private database that disappears when dropped, for tests.
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        Self::migrated(conn, None)
    }

    fn migrated(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        migrations::migrate(&mut conn)?;
        let store = Self { conn, path };
        store.interrupt_running_runs()?;
        Ok(store)
    }

    pub fn schema_version(&self) -> Result<u32> {
        migrations::schema_version(&self.conn)
    }

    /// `wal` for a file, `memory` in memory.
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self
            .conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))?)
    }

    /// The database's size: its pages, plus the write-ahead log not yet checkpointed.
    pub fn size_bytes(&self) -> Result<u64> {
        let pages: i64 = self
            .conn
            .pragma_query_value(None, "page_count", |row| row.get(0))?;
        let page_size: i64 = self
            .conn
            .pragma_query_value(None, "page_size", |row| row.get(0))?;
        let wal = self
            .path
            .as_ref()
            .and_then(|p| std::fs::metadata(format!("{}-wal", p.display())).ok())
            .map_or(0, |m| m.len());
        Ok((pages * page_size).max(0) as u64 + wal)
    }

    /// Copies the write-ahead log into the file and truncates it (the size then is the file's).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // A vector row is about 4 KB: in 4 KB pages each spills into an overflow page (1.16x the
    // raw floats for 1,024 dimensions); 64 KB pages hold 15 of them (1.07x). Only takes effect
    // on a new file, before it is put in WAL mode.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // WAL lets the map read while a job writes; NORMAL sync loses nothing when the app is
    // killed, at most the last commits on a power cut: those vectors are embedded again.
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A row id as the u32 the UI sees.
pub(crate) fn id_u32(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>() {}

    #[test]
    fn the_store_can_move_between_threads() {
        assert_send::<LabStore>();
    }
}
