//! Native `InvokeModel` formats, one module per model family.

pub mod ai21;
pub mod claude;
pub mod cohere;
pub mod deepseek;
pub mod llama;
pub mod mistral;
pub mod nova;
pub mod openai_style;
pub mod schema;
pub mod titan_text;

use serde_json::{Value, json};

use crate::catalogue::{Family, ModelEntry};
use crate::generation::{Generation, Prompt};
use crate::wire::error::{ApiError, ApiResult};

/// What `amazon-bedrock-invocationMetrics` reports on the last native stream chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvocationMetrics {
    pub input_tokens: u32,
    pub output_tokens: u32,
    pub invocation_latency_ms: u64,
    pub first_byte_latency_ms: u64,
}

impl InvocationMetrics {
    pub fn to_json(&self) -> Value {
        json!({
            "inputTokenCount": self.input_tokens,
            "outputTokenCount": self.output_tokens,
            "invocationLatency": self.invocation_latency_ms,
            "firstByteLatency": self.first_byte_latency_ms,
        })
    }

    /// Put the metrics on a chunk, as Bedrock does on the last one.
    pub fn attach(&self, mut chunk: Value) -> Value {
        if let Some(object) = chunk.as_object_mut() {
            object.insert("amazon-bedrock-invocationMetrics".into(), self.to_json());
        }
        chunk
    }
}

/// One family's native request and response format.
pub trait NativeFormat: Sync {
    /// Parse and validate a native request body, with Bedrock's "Malformed input request" errors.
    fn parse(&self, body: &Value, model: &ModelEntry) -> ApiResult<Prompt>;
    /// The native InvokeModel response body.
    fn response(&self, model: &ModelEntry, prompt: &Prompt, generation: &Generation) -> Value;
    /// The native chunks of InvokeModelWithResponseStream, in order; the last carries `metrics`.
    fn stream_chunks(
        &self,
        model: &ModelEntry,
        prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value>;
    /// The native keys Converse accepts in `additionalModelRequestFields`.
    fn additional_fields(&self) -> &'static [&'static str];
}

/// The text-generation format of a family; embedding families have none.
pub fn format_of(family: Family) -> Option<&'static dyn NativeFormat> {
    let format: &'static dyn NativeFormat = match family {
        Family::Claude => &claude::Claude,
        Family::Llama => &llama::Llama,
        Family::TitanText => &titan_text::TitanText,
        Family::Nova => &nova::Nova,
        Family::MistralText => &mistral::MistralText,
        Family::MistralChat => &mistral::MistralChat,
        Family::CohereCommandR => &cohere::CommandR,
        Family::Ai21Jamba => &ai21::Jamba,
        Family::DeepSeek => &deepseek::DeepSeek,
        Family::TitanEmbedV1
        | Family::TitanEmbedV2
        | Family::CohereEmbed
        | Family::CohereEmbedV4 => return None,
    };
    Some(format)
}

/// The format a native body is written in: Mistral's chat models also take the text form.
pub fn format_for_body(family: Family, body: &Value) -> Option<&'static dyn NativeFormat> {
    if family == Family::MistralChat && body.get("prompt").is_some() {
        return Some(&mistral::MistralText);
    }
    format_of(family)
}

pub fn accepts_additional_field(family: Family, key: &str) -> bool {
    format_of(family).is_none_or(|format| format.additional_fields().contains(&key))
}

pub fn unsupported(model: &ModelEntry) -> ApiError {
    ApiError::validation(format!(
        "The model {} has no native text format in the emulator.",
        model.id
    ))
}

/// The `stop` / `length` stop reason of the completion-style families.
pub fn stop_or_length(generation: &Generation) -> &'static str {
    match generation.stop_reason {
        crate::generation::StopReason::MaxTokens => "length",
        _ => "stop",
    }
}

/// One chunk per answer piece; the last also carries the stop reason and the metrics.
pub fn piece_chunks(
    pieces: &[String],
    stop_reason: &str,
    metrics: &InvocationMetrics,
    chunk: impl Fn(&str, Option<&str>) -> Value,
) -> Vec<Value> {
    let pieces: Vec<&str> = if pieces.is_empty() {
        vec![""]
    } else {
        pieces.iter().map(String::as_str).collect()
    };
    let last = pieces.len() - 1;
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, piece)| {
            if index == last {
                metrics.attach(chunk(piece, Some(stop_reason)))
            } else {
                chunk(piece, None)
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::catalogue::{Catalogue, ModelEntry};
    use crate::generation::{Generation, Prompt, Shape, generate};

    use super::InvocationMetrics;

    pub fn model(id: &str) -> ModelEntry {
        Catalogue::default()
            .find(id)
            .unwrap_or_else(|| panic!("{id} is in the catalogue"))
            .clone()
    }

    pub fn metrics() -> InvocationMetrics {
        InvocationMetrics {
            input_tokens: 7,
            output_tokens: 9,
            invocation_latency_ms: 120,
            first_byte_latency_ms: 30,
        }
    }

    pub fn run(model: &ModelEntry, prompt: &Prompt) -> Generation {
        let shape = Shape {
            always_reasons: model.family == crate::catalogue::Family::DeepSeek,
            ..Shape::default()
        };
        generate(model.name, prompt, &shape)
    }

    /// The last chunk carries the invocation metrics and no other does.
    pub fn assert_metrics_on_last(chunks: &[serde_json::Value]) {
        let last = chunks.last().expect("chunks");
        assert_eq!(
            last["amazon-bedrock-invocationMetrics"]["outputTokenCount"],
            9
        );
        assert!(
            chunks[..chunks.len() - 1]
                .iter()
                .all(|c| c.get("amazon-bedrock-invocationMetrics").is_none())
        );
    }
}
