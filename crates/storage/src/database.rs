//! Opening the database file: pragmas, then migrations.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use crate::clock::Clock;
use crate::error::{Result, StorageError};
use crate::migrations;

/// How long a write waits for another connection's lock before failing with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The app's database. One per process; `Send`, so the shell can keep it in a `Mutex`.
#[derive(Debug)]
pub struct Database {
    pub(crate) conn: Connection,
    pub(crate) clock: Clock,
}

impl Database {
    /// Opens or creates the database file (and its parent folders) and migrates it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if let Some(parent) = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|error| StorageError::opening(path, error))?;
        }
        let conn = Connection::open(path).map_err(|error| StorageError::opening(path, error))?;
        configure(&conn).map_err(|error| StorageError::opening(path, error))?;
        Self::migrated(conn)
    }

    /// A private database that disappears when dropped, for tests.
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        Self::migrated(conn)
    }

    fn migrated(mut conn: Connection) -> Result<Self> {
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn,
            clock: Clock::default(),
        })
    }

    /// The schema version of the file, which is the newest this build knows once opened.
    pub fn schema_version(&self) -> Result<u32> {
        migrations::schema_version(&self.conn)
    }

    /// `wal` for a file database, `memory` for an in-memory one.
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self
            .conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))?)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // WAL lets the UI read while a stream writes; NORMAL sync in WAL mode loses nothing when the
    // app is killed, only (at most) the last commits on a power cut, which is fine for history.
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::StorageErrorCode;
    use crate::migrations::SCHEMA_VERSION;

    fn assert_send<T: Send>() {}

    #[test]
    fn database_can_move_between_threads() {
        assert_send::<Database>();
    }

    #[test]
    fn a_fresh_file_is_migrated_and_reopens_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/folders/playground.db");
        let db = Database::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        db.conn
            .execute(
                "INSERT INTO conversations (id, title, created_at, updated_at) \
                 VALUES ('c', 't', 'x', 'x')",
                [],
            )
            .unwrap();
        drop(db);

        let reopened = Database::open(&path).unwrap();
        assert_eq!(reopened.schema_version().unwrap(), SCHEMA_VERSION);
        let kept: u32 = reopened
            .conn
            .query_row("SELECT COUNT(*) FROM conversations", [], |row| row.get(0))
            .unwrap();
        assert_eq!(kept, 1);
    }

    #[test]
    fn file_databases_use_wal_foreign_keys_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::open(dir.path().join("db.sqlite")).unwrap();
        assert_eq!(db.journal_mode().unwrap(), "wal");
        let foreign_keys: bool = db
            .conn
            .pragma_query_value(None, "foreign_keys", |row| row.get(0))
            .unwrap();
        assert!(foreign_keys);
        let busy_ms: i64 = db
            .conn
            .pragma_query_value(None, "busy_timeout", |row| row.get(0))
            .unwrap();
        assert_eq!(busy_ms, 5_000);
        assert!(dir.path().join("db.sqlite-wal").exists());
    }

    #[test]
    fn the_bundled_sqlite_has_full_text_search() {
        let db = Database::open_in_memory().unwrap();
        let fts5: bool = db
            .conn
            .query_row(
                "SELECT sqlite_compileoption_used('ENABLE_FTS5')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(fts5);
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(Database::open(&path).unwrap());
        let newer = SCHEMA_VERSION + 1;
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", newer)
            .unwrap();

        let error = Database::open(&path).unwrap_err();
        assert_eq!(error.code, StorageErrorCode::NewerSchema);
        assert!(error.message.contains(&newer.to_string()), "{error}");
        let still: u32 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(still, newer);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(
            &path,
            "this is not sqlite, just some text that is long enough",
        )
        .unwrap();
        let error = Database::open(&path).unwrap_err();
        assert_eq!(error.code, StorageErrorCode::Database);
        assert!(error.message.contains("notes.txt"), "{error}");
    }
}
