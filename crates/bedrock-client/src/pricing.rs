//! Estimated cost of an answer from a price table per model, shipped as data and editable:
//! the app copies `data/prices.json` to its data folder once and reads that copy.

use std::collections::HashMap;
use std::path::Path;

use bedrock_formats::strip_geo_prefix;
use serde::{Deserialize, Serialize};

use crate::chat::TokenUsage;

const DEFAULT_TABLE: &str = include_str!("../data/prices.json");

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// Per 1,000 input tokens.
    pub input: f64,
    /// Per 1,000 output tokens.
    pub output: f64,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceTable {
    #[serde(default)]
    pub about: String,
    pub currency: String,
    pub models: HashMap<String, Price>,
}

impl PriceTable {
    pub fn builtin() -> Self {
        serde_json::from_str(DEFAULT_TABLE).expect("the shipped price table is valid JSON")
    }

    /// The user's copy at `path`, written from the shipped table on first use. A copy that no
    /// longer parses is reported, and the shipped table is used meanwhile.
    pub fn load_or_install(path: &Path) -> (Self, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(table) => (table, None),
                Err(error) => (
                    Self::builtin(),
                    Some(format!(
                        "{} is not a valid price table ({error}); using the shipped prices.",
                        path.display()
                    )),
                ),
            },
            Err(_) => {
                let installed = path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(path, DEFAULT_TABLE));
                (Self::builtin(), installed.err().map(|e| e.to_string()))
            }
        }
    }

    /// The price of a model, by model ID or inference profile ID (the geo prefix is ignored).
    pub fn price(&self, model_id: &str) -> Option<Price> {
        self.models.get(strip_geo_prefix(model_id)).copied()
    }

    /// The estimated cost of `usage` on `model_id`, in the table's currency.
    pub fn estimate(&self, model_id: &str, usage: &TokenUsage) -> Option<f64> {
        let price = self.price(model_id)?;
        Some(
            f64::from(usage.input_tokens) / 1000.0 * price.input
                + f64::from(usage.output_tokens) / 1000.0 * price.output,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_by_model_or_profile_id() {
        let table = PriceTable::builtin();
        let usage = TokenUsage {
            input_tokens: 2000,
            output_tokens: 1000,
            total_tokens: 3000,
        };
        let cost = table
            .estimate("us.anthropic.claude-3-7-sonnet-20250219-v1:0", &usage)
            .unwrap();
        assert!((cost - (2.0 * 0.003 + 0.015)).abs() < 1e-12);
        assert_eq!(table.estimate("unknown.model-v1:0", &usage), None);
    }

    #[test]
    fn installs_an_editable_copy_and_reads_edits() {
        let dir = std::env::temp_dir().join(format!("prices-{}", std::process::id()));
        let path = dir.join("prices.json");
        let (_, problem) = PriceTable::load_or_install(&path);
        assert_eq!(problem, None);
        let edited = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\"input\": 0.00025", "\"input\": 1.5");
        std::fs::write(&path, edited).unwrap();
        let (table, _) = PriceTable::load_or_install(&path);
        assert_eq!(
            table
                .price("anthropic.claude-3-haiku-20240307-v1:0")
                .unwrap()
                .input,
            1.5
        );
        std::fs::write(&path, "{").unwrap();
        let (table, problem) = PriceTable::load_or_install(&path);
        assert!(problem.unwrap().contains("not a valid price table"));
        assert!(table.price("amazon.nova-pro-v1:0").is_some());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
