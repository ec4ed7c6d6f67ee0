//! The vector cache: a vector per (model, dimensions, normalize, input type, SHA-256 of the
//! text), so a re-run, a resume or another dataset with the same texts never pays twice.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::LabStore;
use super::blob::{f32_bytes, f32_values};
use super::error::Result;

/// What makes two vectors of one text interchangeable. Values are the effective ones (the
/// model's defaults filled in, the inference-profile prefix dropped), so asking for Titan V2's
/// default 1024 dimensions explicitly still hits the cache.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    pub model_id: String,
    pub dimensions: u32,
    pub normalize: bool,
    /// Empty for models without input types.
    pub input_type: String,
}

pub fn text_hash(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

impl LabStore {
    /// The row of `key` in `embedding_keys`, made on first use.
    pub(crate) fn key_id(&self, key: &CacheKey) -> Result<i64> {
        let params = params![key.model_id, key.dimensions, key.normalize, key.input_type];
        self.conn.execute(
            "INSERT OR IGNORE INTO embedding_keys (model_id, dimensions, normalize, input_type) \
             VALUES (?1, ?2, ?3, ?4)",
            params,
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM embedding_keys WHERE model_id = ?1 AND dimensions = ?2 \
             AND normalize = ?3 AND input_type = ?4",
            params,
            |row| row.get(0),
        )?)
    }

    fn existing_key_id(&self, key: &CacheKey) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM embedding_keys WHERE model_id = ?1 AND dimensions = ?2 \
                 AND normalize = ?3 AND input_type = ?4",
                params![key.model_id, key.dimensions, key.normalize, key.input_type],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// For each hash, whether the cache holds its vector under `key`.
    pub fn cached(&self, key: &CacheKey, hashes: &[[u8; 32]]) -> Result<Vec<bool>> {
        let Some(key_id) = self.existing_key_id(key)? else {
            return Ok(vec![false; hashes.len()]);
        };
        let mut statement = self
            .conn
            .prepare_cached("SELECT 1 FROM vectors WHERE key_id = ?1 AND text_hash = ?2")?;
        hashes
            .iter()
            .map(|hash| Ok(statement.exists(params![key_id, hash.as_slice()])?))
            .collect()
    }

    pub fn cached_vector(&self, key: &CacheKey, hash: &[u8; 32]) -> Result<Option<Vec<f32>>> {
        let Some(key_id) = self.existing_key_id(key)? else {
            return Ok(None);
        };
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT vector FROM vectors WHERE key_id = ?1 AND text_hash = ?2",
                params![key_id, hash.as_slice()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(blob.map(|b| f32_values(&b)))
    }

    /// Stores vectors (with the tokens each was billed, where known) in one transaction.
    pub fn put_vectors(
        &mut self,
        key: &CacheKey,
        vectors: &[([u8; 32], Vec<f32>, Option<u32>)],
    ) -> Result<()> {
        if vectors.is_empty() {
            return Ok(());
        }
        let key_id = self.key_id(key)?;
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO vectors (key_id, text_hash, vector, tokens) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (hash, vector, tokens) in vectors {
                insert.execute(params![key_id, hash.as_slice(), f32_bytes(vector), tokens])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How many vectors the cache holds, under every key.
    pub fn cached_vector_count(&self) -> Result<u64> {
        let count: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM vectors", [], |row| row.get(0))?;
        Ok(count.max(0) as u64)
    }

    /// Empties the vector cache (runs keep their status; their vectors will be embedded again).
    pub fn clear_vector_cache(&mut self) -> Result<()> {
        self.conn.execute_batch("DELETE FROM vectors; VACUUM;")?;
        Ok(())
    }
}
