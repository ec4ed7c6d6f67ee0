//! DeepSeek-R1: a completion prompt; the model's reasoning comes first in the text, closed by
//! `</think>` (the recommended prompt ends with `<think>\n`, so the model does not repeat it).
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat, piece_chunks, stop_or_length};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Message, Prompt, Role};
use crate::wire::error::ApiResult;

const TOP_LEVEL: &[&str] = &["prompt", "max_tokens", "temperature", "top_p", "stop"];
const USER: &str = "<\u{ff5c}User\u{ff5c}>";
const ASSISTANT: &str = "<\u{ff5c}Assistant\u{ff5c}>";
const BEGIN: &str = "<\u{ff5c}begin\u{2581}of\u{2581}sentence\u{ff5c}>";
const END: &str = "<\u{ff5c}end\u{2581}of\u{2581}sentence\u{ff5c}>";
const OPEN_THINK: &str = "<think>";

pub struct DeepSeek;

impl NativeFormat for DeepSeek {
    fn parse(&self, body: &Value, _model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TOP_LEVEL)?;
        let mut prompt = parse_prompt(fields.required_string("prompt")?);
        prompt.max_tokens = Some(fields.integer("max_tokens", 1, 32_768)?.unwrap_or(8192));
        prompt.temperature = fields.number("temperature", 0.0, 1.0)?;
        prompt.top_p = fields.number("top_p", 0.0, 1.0)?;
        prompt.stop_sequences = fields.strings("stop", 10)?;
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, prompt: &Prompt, generation: &Generation) -> Value {
        json!({"choices": [{
            "text": pieces(prompt, generation).concat(),
            "stop_reason": stop_or_length(generation),
        }]})
    }

    fn stream_chunks(
        &self,
        _model: &ModelEntry,
        prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        piece_chunks(
            &pieces(prompt, generation),
            stop_or_length(generation),
            metrics,
            |text, stop| json!({"choices": [{"text": text, "stop_reason": stop}]}),
        )
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &[]
    }
}

/// The text pieces as R1 writes them: reasoning, `</think>`, then the answer.
fn pieces(prompt: &Prompt, generation: &Generation) -> Vec<String> {
    if generation.reasoning.is_empty() {
        return generation.text.clone();
    }
    let mut pieces = Vec::with_capacity(generation.reasoning.len() + generation.text.len() + 2);
    if !prompt_opens_thinking(prompt) {
        pieces.push(format!("{OPEN_THINK}\n"));
    }
    pieces.extend(generation.reasoning.iter().cloned());
    pieces.push("\n</think>\n\n".to_owned());
    pieces.extend(generation.text.iter().cloned());
    pieces
}

fn prompt_opens_thinking(prompt: &Prompt) -> bool {
    prompt
        .messages
        .last()
        .is_some_and(|m| m.role == Role::Assistant && m.text.trim() == OPEN_THINK)
}

/// Split R1's chat template back into turns; text without it is one user turn.
fn parse_prompt(raw: &str) -> Prompt {
    let mut prompt = Prompt::default();
    let raw = raw.replace(BEGIN, "");
    if !raw.contains(USER) {
        prompt.messages.push(Message::new(Role::User, raw.trim()));
        return prompt;
    }
    let mut segments = raw.split(USER);
    let system = segments.next().unwrap_or("").trim();
    if !system.is_empty() {
        prompt.system.push(system.to_owned());
    }
    for segment in segments {
        let (question, answer) = segment.split_once(ASSISTANT).unwrap_or((segment, ""));
        prompt.push_exchange(question, &answer.replace(END, ""));
    }
    prompt
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const R1: &str = "deepseek.r1-v1:0";

    // Request shape and prompt template from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html
    fn doc_body() -> Value {
        json!({
            "prompt": format!("{BEGIN}{USER}Describe the purpose of a 'hello world' program in one line.{ASSISTANT}<think>\n"),
            "max_tokens": 512,
            "temperature": 0.5,
            "top_p": 0.9,
            "stop": []
        })
    }

    #[test]
    fn parses_the_chat_template_and_validates() {
        let m = model(R1);
        let prompt = DeepSeek.parse(&doc_body(), &m).unwrap();
        assert_eq!(
            prompt.messages[0].text,
            "Describe the purpose of a 'hello world' program in one line."
        );
        assert!(prompt_opens_thinking(&prompt));
        for (body, expected) in [
            (
                json!({"max_tokens": 5}),
                "#: required key [prompt] not found",
            ),
            (
                json!({"prompt": "x", "top_k": 5}),
                "#: extraneous key [top_k] is not permitted",
            ),
            (
                json!({"prompt": "x", "max_tokens": 40000}),
                "#/max_tokens: 40000 is not less or equal to 32768",
            ),
        ] {
            let message = DeepSeek.parse(&body, &m).unwrap_err().message;
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn reasoning_precedes_the_answer_and_streams_the_same_text() {
        let m = model(R1);
        let prompt = DeepSeek.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = DeepSeek.response(&m, &prompt, &generation);
        let text = response["choices"][0]["text"].as_str().unwrap();
        assert!(!text.starts_with("<think>"), "{text}");
        let (reasoning, answer) = text.split_once("\n</think>\n\n").unwrap();
        assert_eq!(reasoning, generation.reasoning_text());
        assert_eq!(answer, generation.text());

        let bare = DeepSeek.parse(&json!({"prompt": "hi"}), &m).unwrap();
        let generation_bare = run(&m, &bare);
        let bare_text =
            DeepSeek.response(&m, &bare, &generation_bare)["choices"][0]["text"].clone();
        assert!(bare_text.as_str().unwrap().starts_with("<think>\n"));

        let chunks = DeepSeek.stream_chunks(&m, &prompt, &generation, &metrics());
        let streamed: String = chunks
            .iter()
            .map(|c| c["choices"][0]["text"].as_str().unwrap())
            .collect();
        assert_eq!(streamed, text);
        assert_eq!(chunks.last().unwrap()["choices"][0]["stop_reason"], "stop");
        assert_metrics_on_last(&chunks);
    }
}
