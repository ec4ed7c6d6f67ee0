//! How much the attachments kept for the history take.

use super::model::BlobUsage;
use crate::database::Database;
use crate::error::Result;

impl Database {
    /// The distinct attachments (blobs) the history keeps, and their size in bytes.
    pub fn blob_usage(&self) -> Result<BlobUsage> {
        Ok(self
            .conn
            .prepare_cached("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM blobs")?
            .query_row([], |row| {
                let bytes: i64 = row.get(1)?;
                Ok(BlobUsage {
                    count: row.get(0)?,
                    bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
                })
            })?)
    }
}
