//! The smallest models the account can call, unless the user names them.

use bedrock_client::catalogue::ModelOption;

/// Cheapest first; the first one the region lists is used.
const SMALL_TEXT_MODELS: &[&str] = &[
    "amazon.nova-micro",
    "amazon.nova-lite",
    "anthropic.claude-3-haiku",
    "anthropic.claude-3-5-haiku",
    "meta.llama3-2-1b",
    "mistral.mistral-7b",
];

pub const DEFAULT_EMBEDDING_MODEL: &str = "amazon.titan-embed-text-v2:0";

pub fn text_model(listed: &[ModelOption]) -> Option<String> {
    if let Some(chosen) = env("BEDROCK_LIVE_MODEL") {
        return Some(chosen);
    }
    SMALL_TEXT_MODELS.iter().find_map(|prefix| {
        listed
            .iter()
            .find(|m| m.model_id.starts_with(prefix))
            .map(|m| m.invoke_id.clone())
    })
}

pub fn embedding_model() -> String {
    env("BEDROCK_LIVE_EMBEDDING_MODEL").unwrap_or_else(|| DEFAULT_EMBEDDING_MODEL.to_owned())
}

pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
