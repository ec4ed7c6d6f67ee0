//! What a run will cost before it starts: texts already cached, requests, tokens and dollars.

use std::collections::HashSet;

use bedrock_client::pricing::PriceTable;
use serde::{Deserialize, Serialize};

use super::spec::{EmbeddingSpec, resolve};
use super::tokens::estimate_tokens;
use crate::store::{LabError, LabStore, text_hash};

/// Above this estimated cost the UI asks before starting.
pub const CONFIRM_ABOVE_USD: f64 = 1.0;
/// Or above this many input tokens (prices may be missing or edited to 0).
pub const CONFIRM_ABOVE_TOKENS: u32 = 1_000_000;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    pub texts: u32,
    /// Distinct texts whose vectors are already cached for this model and options.
    pub cached: u32,
    /// Distinct texts still to embed (a text repeated in the dataset is embedded once).
    pub to_embed: u32,
    pub requests: u32,
    /// See [`super::estimate_tokens`]: close to what Titan reports.
    pub estimated_tokens: u32,
    pub estimated_cost_usd: f64,
    /// Whether the price table has this model (when not, the cost shows as 0).
    pub price_known: bool,
    /// Above [`CONFIRM_ABOVE_USD`] or [`CONFIRM_ABOVE_TOKENS`].
    pub needs_confirmation: bool,
    /// Texts longer than the model takes in one request (they would fail the run).
    pub too_long: u32,
}

pub fn estimate(
    store: &LabStore,
    texts: &[String],
    spec: &EmbeddingSpec,
    prices: &PriceTable,
) -> Result<Estimate, LabError> {
    let resolved = resolve(spec)?;
    let mut seen = HashSet::new();
    let mut unique: Vec<(&String, [u8; 32])> = Vec::new();
    for text in texts {
        let hash = text_hash(text);
        if seen.insert(hash) {
            unique.push((text, hash));
        }
    }
    let hashes: Vec<[u8; 32]> = unique.iter().map(|(_, h)| *h).collect();
    let cached = store.cached(&resolved.key, &hashes)?;
    let pending: Vec<&String> = unique
        .iter()
        .zip(&cached)
        .filter(|(_, c)| !**c)
        .map(|((t, _), _)| *t)
        .collect();
    let to_embed = pending.len() as u32;
    let estimated_tokens = pending
        .iter()
        .map(|t| estimate_tokens(t))
        .fold(0u32, u32::saturating_add);
    let price = prices.price(&spec.model_id);
    let estimated_cost_usd = price.map_or(0.0, |p| f64::from(estimated_tokens) / 1000.0 * p.input);
    let max_chars = resolved.info.max_text_chars as usize;
    Ok(Estimate {
        texts: texts.len() as u32,
        cached: cached.iter().filter(|c| **c).count() as u32,
        to_embed,
        requests: to_embed.div_ceil(resolved.info.batch_size),
        estimated_tokens,
        estimated_cost_usd,
        price_known: price.is_some(),
        needs_confirmation: estimated_cost_usd > CONFIRM_ABOVE_USD
            || estimated_tokens > CONFIRM_ABOVE_TOKENS,
        too_long: pending
            .iter()
            .filter(|t| t.chars().count() > max_chars)
            .count() as u32,
    })
}
