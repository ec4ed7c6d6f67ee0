//! The native formats, one module per model family.

mod ai21_jamba;
mod chat_messages;
mod claude;
mod claude_rules;
mod cohere_command_r;
pub(crate) mod cohere_embed;
mod deepseek_r1;
mod llama3;
mod mistral_chat;
mod mistral_text;
mod nova;
pub(crate) mod titan_embed;
mod titan_text;

use serde_json::Value;

use crate::draft::Draft;
use crate::error::FormatError;
use crate::family::Family;
use crate::response::{ChunkText, ParsedResponse};
use crate::spec::PromptSpec;

/// A text-generation family's native request and response formats.
pub(crate) trait TextFormat: Sync {
    /// The native body for a prompt, with its mappings and what it cannot express.
    fn build(&self, spec: &PromptSpec) -> Draft;
    fn parse_response(&self, body: &Value) -> ParsedResponse;
    fn parse_chunk(&self, chunk: &Value) -> ChunkText;
    /// Whether a (hand-edited) body fits the family, before it is sent.
    fn validate(&self, body: &Value) -> Result<(), FormatError>;
}

/// The text format of a family; embedding families have none.
pub(crate) fn text_format(family: Family) -> Option<&'static dyn TextFormat> {
    let format: &'static dyn TextFormat = match family {
        Family::Claude => &claude::Claude,
        Family::Llama3 => &llama3::Llama3,
        Family::TitanText => &titan_text::TitanText,
        Family::Nova => &nova::Nova,
        Family::MistralText => &mistral_text::MistralText,
        Family::MistralChat => &mistral_chat::MistralChat,
        Family::CohereCommandR => &cohere_command_r::CommandR,
        Family::Ai21Jamba => &ai21_jamba::Jamba,
        Family::DeepSeekR1 => &deepseek_r1::DeepSeekR1,
        Family::TitanEmbedV1 | Family::TitanEmbedV2 | Family::CohereEmbed => return None,
    };
    Some(format)
}
