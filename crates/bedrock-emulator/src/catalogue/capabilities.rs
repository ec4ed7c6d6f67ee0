//! What each model accepts through Converse beyond the common request shape.
//!
//! Sources: the Bedrock user guide's Converse feature table ("Supported models and model
//! features"), each provider's model-parameter page, and real error texts users pasted.

use super::model::Family;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The largest `maxTokens` the model takes; `None` where the emulator does not know it.
    pub max_output_tokens: Option<u32>,
    /// The most input tokens the model reads; `None` where the emulator does not enforce one.
    pub context_window: Option<u32>,
    pub tool_use: bool,
    pub streaming_tool_use: bool,
    pub stop_sequences: bool,
    pub tool_choice_any: bool,
    /// Whether a user turn may hold text, images or documents next to toolResult blocks.
    pub mixes_tool_results_with_content: bool,
    /// Whether `cachePoint` blocks are taken (the user guide's prompt-caching model list).
    pub prompt_caching: bool,
}

impl Capabilities {
    /// A model that takes everything and has no known output limit.
    pub const OPEN: Self = Self {
        max_output_tokens: None,
        context_window: None,
        tool_use: true,
        streaming_tool_use: true,
        stop_sequences: true,
        tool_choice_any: true,
        mixes_tool_results_with_content: true,
        prompt_caching: false,
    };
}

const fn claude(max: u32) -> Capabilities {
    Capabilities {
        max_output_tokens: Some(max),
        context_window: Some(200_000),
        ..Capabilities::OPEN
    }
}

const fn nova(max: u32) -> Capabilities {
    Capabilities {
        max_output_tokens: Some(max),
        prompt_caching: true,
        ..Capabilities::OPEN
    }
}

const fn caching(capabilities: Capabilities) -> Capabilities {
    Capabilities {
        prompt_caching: true,
        ..capabilities
    }
}

/// Llama, Mistral, Jamba, Cohere: tools (where any) only without streaming unless said.
const fn third_party(max: Option<u32>, tool_use: bool) -> Capabilities {
    Capabilities {
        max_output_tokens: max,
        context_window: None,
        tool_use,
        streaming_tool_use: false,
        stop_sequences: true,
        tool_choice_any: false,
        mixes_tool_results_with_content: false,
        prompt_caching: false,
    }
}

const fn llama(tool_use: bool) -> Capabilities {
    Capabilities {
        stop_sequences: false,
        ..third_party(Some(2048), tool_use)
    }
}

const fn mistral_large(max: Option<u32>) -> Capabilities {
    Capabilities {
        tool_choice_any: true,
        ..third_party(max, true)
    }
}

const fn titan(max: u32) -> Capabilities {
    third_party(Some(max), false)
}

/// The capabilities of a catalogue model, by ID.
pub fn of(model_id: &str, family: Family) -> Capabilities {
    match model_id {
        "anthropic.claude-3-haiku-20240307-v1:0" | "anthropic.claude-3-opus-20240229-v1:0" => {
            claude(4096)
        }
        // Claude 3.5 Sonnet v2 had caching only in a closed preview.
        "anthropic.claude-3-5-sonnet-20240620-v1:0"
        | "anthropic.claude-3-5-sonnet-20241022-v2:0" => claude(8192),
        "anthropic.claude-3-5-haiku-20241022-v1:0" => caching(claude(8192)),
        "anthropic.claude-opus-4-1-20250805-v1:0" => caching(claude(32000)),
        "anthropic.claude-3-7-sonnet-20250219-v1:0"
        | "anthropic.claude-sonnet-4-20250514-v1:0"
        | "anthropic.claude-sonnet-4-5-20250929-v1:0"
        | "anthropic.claude-haiku-4-5-20251001-v1:0" => caching(claude(64000)),
        "meta.llama3-8b-instruct-v1:0"
        | "meta.llama3-70b-instruct-v1:0"
        | "meta.llama3-2-1b-instruct-v1:0"
        | "meta.llama3-2-3b-instruct-v1:0" => llama(false),
        id if id.starts_with("meta.llama3") => llama(true),
        "mistral.mistral-7b-instruct-v0:2" | "mistral.mistral-small-2402-v1:0" => {
            third_party(Some(8192), false)
        }
        "mistral.mixtral-8x7b-instruct-v0:1" => third_party(Some(4096), false),
        "mistral.mistral-large-2402-v1:0" | "mistral.mistral-large-2407-v1:0" => {
            mistral_large(Some(8192))
        }
        "mistral.mistral-large-2411-v1:0" => mistral_large(None),
        "mistral.pixtral-large-2502-v1:0" => third_party(None, true),
        "amazon.titan-text-lite-v1" => titan(4096),
        "amazon.titan-text-express-v1" => titan(8192),
        "amazon.titan-text-premier-v1:0" => titan(3072),
        "amazon.nova-micro-v1:0" | "amazon.nova-lite-v1:0" | "amazon.nova-pro-v1:0" => nova(10_000),
        "amazon.nova-premier-v1:0" => nova(32_000),
        "cohere.command-r-v1:0" | "cohere.command-r-plus-v1:0" => Capabilities {
            streaming_tool_use: true,
            ..third_party(Some(4000), true)
        },
        "ai21.jamba-1-5-mini-v1:0" | "ai21.jamba-1-5-large-v1:0" => third_party(Some(4096), true),
        "deepseek.r1-v1:0" => Capabilities {
            stop_sequences: false,
            ..third_party(Some(32_768), false)
        },
        _ => Capabilities {
            tool_use: family.supports_tools(),
            streaming_tool_use: family.supports_tools(),
            ..Capabilities::OPEN
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::models;

    #[test]
    fn every_chat_model_has_known_capabilities() {
        for model in models::all().iter().filter(|m| !m.family.is_embedding()) {
            assert!(
                model.capabilities.max_output_tokens.is_some()
                    || model.id.contains("2411")
                    || model.id.contains("pixtral"),
                "{} has no output limit",
                model.id
            );
        }
    }

    #[test]
    fn streaming_tool_use_implies_tool_use() {
        for model in models::all() {
            let caps = model.capabilities;
            assert!(!caps.streaming_tool_use || caps.tool_use, "{}", model.id);
        }
    }
}
