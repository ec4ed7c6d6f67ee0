//! What each chat model takes through Converse: one table, looked up by model ID prefix.
//!
//! Sources: the Bedrock user guide's "Supported models and model features" table for the
//! Converse columns (system prompts, document chat, vision, tool use, streaming tool use) and
//! each family's inference-parameters page for output limits, top-k and extended thinking.

use bedrock_formats::{Family, family_of, strip_geo_prefix};
use serde::Serialize;

/// How a model thinks before answering, and how it is asked to.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasoningControl {
    /// It does not reason, or not in a way Converse controls.
    None,
    /// Claude 3.7 / 4: `additionalModelRequestFields.thinking = {type: enabled, budget_tokens}`.
    ClaudeBudget,
    /// It always reasons (DeepSeek-R1); nothing to turn on.
    AlwaysOn,
}

/// The controls a model takes, as the UI and the request builder read them.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelCapabilities {
    pub family: Option<Family>,
    /// The most output tokens the model accepts in one answer; `None` when not known.
    pub max_output_tokens: Option<u32>,
    pub system_prompt: bool,
    pub stop_sequences: bool,
    pub tool_use: bool,
    /// Tool use over ConverseStream; without it, a conversation with tools goes through Converse.
    pub streaming_tool_use: bool,
    pub streaming: bool,
    /// `toolChoice` `any` and `tool` (every model with tool use takes `auto`).
    pub forced_tool_choice: bool,
    pub images: bool,
    pub documents: bool,
    pub reasoning: ReasoningControl,
    /// Where top-k goes in `additionalModelRequestFields`, when the model has one.
    pub top_k_path: Option<Vec<String>>,
}

/// Bedrock's floor for a Claude thinking budget.
pub const MIN_THINKING_BUDGET: u32 = 1024;

/// Converse takes at most this many stop sequences.
pub const MAX_STOP_SEQUENCES: usize = 4;

#[derive(Clone, Copy)]
struct Row {
    prefix: &'static str,
    max_output_tokens: u32,
    system_prompt: bool,
    stop_sequences: bool,
    tool_use: bool,
    streaming_tool_use: bool,
    forced_tool_choice: bool,
    images: bool,
    documents: bool,
    reasoning: ReasoningControl,
    top_k: Option<&'static [&'static str]>,
}

const CLAUDE: Row = Row {
    prefix: "anthropic.claude",
    max_output_tokens: 4096,
    system_prompt: true,
    stop_sequences: true,
    tool_use: true,
    streaming_tool_use: true,
    forced_tool_choice: true,
    images: true,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: Some(&["top_k"]),
};

const CLAUDE_THINKING: Row = Row {
    reasoning: ReasoningControl::ClaudeBudget,
    ..CLAUDE
};

const LLAMA: Row = Row {
    prefix: "meta.llama",
    max_output_tokens: 2048,
    system_prompt: true,
    stop_sequences: false,
    tool_use: true,
    streaming_tool_use: false,
    forced_tool_choice: false,
    images: false,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: None,
};

const TITAN: Row = Row {
    prefix: "amazon.titan-text",
    max_output_tokens: 8192,
    system_prompt: false,
    stop_sequences: true,
    tool_use: false,
    streaming_tool_use: false,
    forced_tool_choice: false,
    images: false,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: None,
};

const NOVA: Row = Row {
    prefix: "amazon.nova",
    max_output_tokens: 10_000,
    system_prompt: true,
    stop_sequences: true,
    tool_use: true,
    streaming_tool_use: true,
    forced_tool_choice: true,
    images: true,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: Some(&["inferenceConfig", "topK"]),
};

const MISTRAL_CHAT: Row = Row {
    prefix: "mistral.",
    max_output_tokens: 8192,
    system_prompt: true,
    stop_sequences: true,
    tool_use: true,
    streaming_tool_use: false,
    forced_tool_choice: false,
    images: false,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: None,
};

const MISTRAL_INSTRUCT: Row = Row {
    prefix: "mistral.mistral-7b",
    system_prompt: false,
    tool_use: false,
    top_k: Some(&["top_k"]),
    ..MISTRAL_CHAT
};

const COHERE: Row = Row {
    prefix: "cohere.command-r",
    max_output_tokens: 4000,
    system_prompt: true,
    stop_sequences: true,
    tool_use: true,
    streaming_tool_use: false,
    forced_tool_choice: false,
    images: false,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: Some(&["k"]),
};

const JAMBA: Row = Row {
    prefix: "ai21.jamba",
    max_output_tokens: 4096,
    system_prompt: true,
    stop_sequences: true,
    tool_use: true,
    // The feature table says yes, but users report the streaming refusal for Jamba.
    streaming_tool_use: false,
    forced_tool_choice: false,
    images: false,
    documents: true,
    reasoning: ReasoningControl::None,
    top_k: None,
};

const DEEPSEEK_R1: Row = Row {
    prefix: "deepseek.r1",
    max_output_tokens: 32_768,
    system_prompt: true,
    stop_sequences: false,
    tool_use: false,
    streaming_tool_use: false,
    forced_tool_choice: false,
    images: false,
    documents: true,
    reasoning: ReasoningControl::AlwaysOn,
    top_k: None,
};

/// Most specific prefix first; the first row whose prefix starts the model ID wins.
const TABLE: &[Row] = &[
    Row {
        prefix: "anthropic.claude-3-7-sonnet",
        max_output_tokens: 64_000,
        ..CLAUDE_THINKING
    },
    Row {
        prefix: "anthropic.claude-sonnet-4",
        max_output_tokens: 64_000,
        ..CLAUDE_THINKING
    },
    Row {
        prefix: "anthropic.claude-haiku-4",
        max_output_tokens: 64_000,
        ..CLAUDE_THINKING
    },
    Row {
        prefix: "anthropic.claude-opus-4-5",
        max_output_tokens: 64_000,
        ..CLAUDE_THINKING
    },
    Row {
        prefix: "anthropic.claude-opus-4",
        max_output_tokens: 32_000,
        ..CLAUDE_THINKING
    },
    Row {
        prefix: "anthropic.claude-3-5-sonnet",
        max_output_tokens: 8192,
        ..CLAUDE
    },
    Row {
        prefix: "anthropic.claude-3-5-haiku",
        max_output_tokens: 8192,
        images: false,
        ..CLAUDE
    },
    Row {
        prefix: "anthropic.claude-3",
        ..CLAUDE
    },
    // Claude 2.x and Instant: no tool use, no vision.
    Row {
        tool_use: false,
        streaming_tool_use: false,
        forced_tool_choice: false,
        images: false,
        top_k: Some(&["top_k"]),
        ..CLAUDE
    },
    Row {
        prefix: "meta.llama3-2-11b",
        images: true,
        ..LLAMA
    },
    Row {
        prefix: "meta.llama3-2-90b",
        images: true,
        ..LLAMA
    },
    Row {
        prefix: "meta.llama4",
        max_output_tokens: 8192,
        images: true,
        ..LLAMA
    },
    // Llama 3 and the small 3.2 models have no tool use through Converse.
    Row {
        prefix: "meta.llama3-8b",
        tool_use: false,
        ..LLAMA
    },
    Row {
        prefix: "meta.llama3-70b",
        tool_use: false,
        ..LLAMA
    },
    Row {
        prefix: "meta.llama3-2-1b",
        tool_use: false,
        ..LLAMA
    },
    Row {
        prefix: "meta.llama3-2-3b",
        tool_use: false,
        ..LLAMA
    },
    LLAMA,
    Row {
        prefix: "amazon.titan-text-premier",
        max_output_tokens: 3072,
        documents: false,
        ..TITAN
    },
    Row {
        prefix: "amazon.titan-text-lite",
        max_output_tokens: 4096,
        ..TITAN
    },
    TITAN,
    Row {
        prefix: "amazon.titan-tg1",
        ..TITAN
    },
    Row {
        prefix: "amazon.nova-micro",
        images: false,
        documents: false,
        ..NOVA
    },
    Row {
        prefix: "amazon.nova-premier",
        max_output_tokens: 32_000,
        ..NOVA
    },
    Row {
        prefix: "amazon.nova-2-lite",
        max_output_tokens: 65_536,
        ..NOVA
    },
    NOVA,
    MISTRAL_INSTRUCT,
    Row {
        prefix: "mistral.mixtral",
        max_output_tokens: 4096,
        ..MISTRAL_INSTRUCT
    },
    Row {
        prefix: "mistral.mistral-small",
        tool_use: false,
        ..MISTRAL_CHAT
    },
    Row {
        prefix: "mistral.mistral-large",
        forced_tool_choice: true,
        ..MISTRAL_CHAT
    },
    Row {
        prefix: "mistral.pixtral",
        images: true,
        ..MISTRAL_CHAT
    },
    MISTRAL_CHAT,
    COHERE,
    Row {
        prefix: "ai21.jamba-instruct",
        tool_use: false,
        streaming_tool_use: false,
        documents: false,
        ..JAMBA
    },
    JAMBA,
    DEEPSEEK_R1,
];

impl Row {
    fn capabilities(self, family: Option<Family>) -> ModelCapabilities {
        ModelCapabilities {
            family,
            max_output_tokens: Some(self.max_output_tokens),
            system_prompt: self.system_prompt,
            stop_sequences: self.stop_sequences,
            tool_use: self.tool_use,
            streaming_tool_use: self.tool_use && self.streaming_tool_use,
            streaming: true,
            forced_tool_choice: self.tool_use && self.forced_tool_choice,
            images: self.images,
            documents: self.documents,
            reasoning: self.reasoning,
            top_k_path: self
                .top_k
                .map(|path| path.iter().map(|&key| key.to_owned()).collect()),
        }
    }
}

impl Default for ModelCapabilities {
    fn default() -> Self {
        Self::unknown(None)
    }
}

impl ModelCapabilities {
    /// A model the table does not know: every control offered, no limit checked, streamed.
    fn unknown(family: Option<Family>) -> Self {
        Self {
            family,
            max_output_tokens: None,
            system_prompt: true,
            stop_sequences: true,
            tool_use: true,
            streaming_tool_use: true,
            streaming: true,
            forced_tool_choice: true,
            images: true,
            documents: true,
            reasoning: ReasoningControl::None,
            top_k_path: None,
        }
    }

    /// Whether an answer with `tools` (defined, or tool blocks in the conversation) can stream.
    pub fn streams_with(&self, tools: bool) -> bool {
        self.streaming && (!tools || self.streaming_tool_use)
    }
}

/// The capabilities of a model ID, inference-profile ID (any geography prefix) or ARN.
pub fn capabilities_of(model_id: &str) -> ModelCapabilities {
    let id = model_id.trim();
    let id = strip_geo_prefix(id.rsplit('/').next().unwrap_or(id));
    let family = family_of(id);
    TABLE
        .iter()
        .find(|row| id.starts_with(row.prefix))
        .map_or_else(
            || ModelCapabilities::unknown(family),
            |row| row.capabilities(family),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_controls_follow_the_model_through_any_prefix() {
        for id in [
            "anthropic.claude-3-haiku-20240307-v1:0",
            "us.anthropic.claude-3-haiku-20240307-v1:0",
            "apac.anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
        ] {
            let caps = capabilities_of(id);
            assert_eq!(caps.max_output_tokens, Some(4096), "{id}");
            assert_eq!(caps.reasoning, ReasoningControl::None, "{id}");
            assert_eq!(caps.family, Some(Family::Claude), "{id}");
        }
        let sonnet = capabilities_of("us.anthropic.claude-3-7-sonnet-20250219-v1:0");
        assert_eq!(sonnet.max_output_tokens, Some(64_000));
        assert_eq!(sonnet.reasoning, ReasoningControl::ClaudeBudget);
        assert_eq!(
            capabilities_of("anthropic.claude-opus-4-1-20250805-v1:0").max_output_tokens,
            Some(32_000)
        );
        let titan = capabilities_of("amazon.titan-text-premier-v1:0");
        assert!(!titan.system_prompt && !titan.tool_use);
        assert_eq!(titan.max_output_tokens, Some(3072));
        let llama = capabilities_of("us.meta.llama3-1-70b-instruct-v1:0");
        assert!(!llama.stop_sequences && llama.tool_use && !llama.streaming_tool_use);
        assert!(!llama.streams_with(true) && llama.streams_with(false));
        assert!(!capabilities_of("meta.llama3-8b-instruct-v1:0").tool_use);
        assert_eq!(
            capabilities_of("eu.amazon.nova-pro-v1:0").top_k_path,
            Some(vec!["inferenceConfig".to_owned(), "topK".to_owned()])
        );
        assert!(!capabilities_of("mistral.mistral-7b-instruct-v0:2").system_prompt);
        assert!(capabilities_of("mistral.mistral-large-2407-v1:0").system_prompt);
        assert_eq!(
            capabilities_of("us.deepseek.r1-v1:0").reasoning,
            ReasoningControl::AlwaysOn
        );
    }

    #[test]
    fn unknown_models_are_offered_everything_without_a_limit() {
        let caps = capabilities_of("writer.palmyra-x5-v1:0");
        assert_eq!(caps.max_output_tokens, None);
        assert!(caps.system_prompt && caps.streams_with(true));
    }
}
