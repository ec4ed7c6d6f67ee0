//! Meta Llama 3.x: a raw prompt with Llama 3's header tokens.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat, stop_or_length};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Message, Prompt, Role};
use crate::wire::error::{ApiError, ApiResult};

const TOP_LEVEL: &[&str] = &["prompt", "max_gen_len", "temperature", "top_p", "images"];
const START_HEADER: &str = "<|start_header_id|>";
const END_HEADER: &str = "<|end_header_id|>";
const END_OF_TURN: &str = "<|eot_id|>";

pub struct Llama;

impl NativeFormat for Llama {
    fn parse(&self, body: &Value, model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TOP_LEVEL)?;
        let mut prompt = parse_prompt(fields.required_string("prompt")?);
        prompt.max_tokens = Some(fields.integer("max_gen_len", 1, 2048)?.unwrap_or(512));
        prompt.temperature = fields.number("temperature", 0.0, 1.0)?;
        prompt.top_p = fields.number("top_p", 0.0, 1.0)?;
        let images = fields.strings("images", 20)?;
        if !images.is_empty() {
            if !model.input_modalities.contains(&"IMAGE") {
                return Err(ApiError::validation(format!(
                    "The model {} does not accept images.",
                    model.id
                )));
            }
            if let Some(last) = prompt
                .messages
                .iter_mut()
                .rev()
                .find(|m| m.role == Role::User)
            {
                last.attachments
                    .extend(images.iter().map(|_| "an image".to_owned()));
            }
        }
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        json!({
            "generation": generation.text(),
            "prompt_token_count": generation.input_tokens,
            "generation_token_count": generation.output_tokens(),
            "stop_reason": stop_or_length(generation),
        })
    }

    fn stream_chunks(
        &self,
        _model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let mut chunks: Vec<Value> = generation
            .text
            .iter()
            .enumerate()
            .map(|(index, piece)| {
                json!({
                    "generation": piece,
                    "prompt_token_count": (index == 0).then_some(generation.input_tokens),
                    "generation_token_count": index + 1,
                    "stop_reason": null,
                })
            })
            .collect();
        chunks.push(metrics.attach(json!({
            "generation": "",
            "prompt_token_count": chunks.is_empty().then_some(generation.input_tokens),
            "generation_token_count": generation.output_tokens(),
            "stop_reason": stop_or_length(generation),
        })));
        chunks
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &[]
    }
}

/// Split a Llama 3 prompt back into its turns; a prompt without header tokens is one user turn.
pub fn parse_prompt(raw: &str) -> Prompt {
    let mut prompt = Prompt::default();
    if !raw.contains(START_HEADER) {
        let text = raw.replace("<|begin_of_text|>", "");
        prompt.messages.push(Message::new(Role::User, text.trim()));
        return prompt;
    }
    for segment in raw.split(START_HEADER).skip(1) {
        let Some((role, rest)) = segment.split_once(END_HEADER) else {
            continue;
        };
        let text = rest.split(END_OF_TURN).next().unwrap_or("").trim();
        let role = match role.trim() {
            "system" => {
                if !text.is_empty() {
                    prompt.system.push(text.to_owned());
                }
                continue;
            }
            "assistant" => Role::Assistant,
            _ => Role::User,
        };
        if role == Role::Assistant && text.is_empty() {
            continue;
        }
        match prompt.messages.last_mut() {
            Some(last) if last.role == role => {
                last.text.push('\n');
                last.text.push_str(text);
            }
            _ => prompt.messages.push(Message::new(role, text)),
        }
    }
    prompt
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const LLAMA: &str = "meta.llama3-1-70b-instruct-v1:0";

    // Prompt format and parameters from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
    fn doc_body() -> Value {
        json!({
            "prompt": "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is tracing?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nFollowing requests.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd spans?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            "max_gen_len": 512,
            "temperature": 0.5,
            "top_p": 0.9
        })
    }

    #[test]
    fn header_tokens_become_turns() {
        let prompt = Llama.parse(&doc_body(), &model(LLAMA)).unwrap();
        assert_eq!(prompt.system, vec!["You are terse."]);
        let turns: Vec<(Role, &str)> = prompt
            .messages
            .iter()
            .map(|m| (m.role, m.text.as_str()))
            .collect();
        assert_eq!(
            turns,
            vec![
                (Role::User, "What is tracing?"),
                (Role::Assistant, "Following requests."),
                (Role::User, "And spans?")
            ]
        );
        assert_eq!(prompt.max_tokens, Some(512));
    }

    #[test]
    fn a_bare_prompt_is_one_user_turn() {
        let prompt = Llama
            .parse(&json!({"prompt": "Hello"}), &model(LLAMA))
            .unwrap();
        assert_eq!(prompt.messages[0].text, "Hello");
        assert_eq!(prompt.max_tokens, Some(512));
    }

    #[test]
    fn rejects_bodies_that_do_not_fit() {
        let m = model(LLAMA);
        for (body, expected) in [
            (
                json!({"max_gen_len": 5}),
                "#: required key [prompt] not found",
            ),
            (
                json!({"prompt": "x", "max_tokens": 5}),
                "#: extraneous key [max_tokens] is not permitted",
            ),
            (
                json!({"prompt": "x", "max_gen_len": 4096}),
                "#/max_gen_len: 4096 is not less or equal to 2048",
            ),
            (
                json!({"prompt": "x", "top_p": "1"}),
                "#/top_p: expected type: Number, found: String",
            ),
        ] {
            let message = Llama.parse(&body, &m).unwrap_err().message;
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn response_and_chunks() {
        let m = model(LLAMA);
        let prompt = Llama.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = Llama.response(&m, &prompt, &generation);
        assert_eq!(response["stop_reason"], "stop");
        assert!(response["prompt_token_count"].as_u64().unwrap() > 0);
        let chunks = Llama.stream_chunks(&m, &prompt, &generation, &metrics());
        assert!(chunks[0]["prompt_token_count"].is_u64());
        assert!(chunks[1]["prompt_token_count"].is_null());
        let text: String = chunks
            .iter()
            .map(|c| c["generation"].as_str().unwrap())
            .collect();
        assert_eq!(text, response["generation"]);
        assert_eq!(chunks.last().unwrap()["stop_reason"], "stop");
        assert_metrics_on_last(&chunks);
    }
}
