//! Cohere Command R and R+: `message` with a `chat_history`, the Cohere v1 chat API.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Message, Prompt, Role, StopReason};
use crate::wire::error::{ApiError, ApiResult};

const TOP_LEVEL: &[&str] = &[
    "message",
    "chat_history",
    "documents",
    "search_queries_only",
    "preamble",
    "max_tokens",
    "temperature",
    "p",
    "k",
    "prompt_truncation",
    "frequency_penalty",
    "presence_penalty",
    "seed",
    "return_prompt",
    "tools",
    "tool_results",
    "stop_sequences",
    "raw_prompting",
];

pub struct CommandR;

impl NativeFormat for CommandR {
    fn parse(&self, body: &Value, _model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TOP_LEVEL)?;
        let message = fields.required_string("message")?;
        let mut prompt = Prompt {
            max_tokens: Some(fields.integer("max_tokens", 1, 4000)?.unwrap_or(512)),
            temperature: fields.number("temperature", 0.0, 1.0)?,
            top_p: fields.number("p", 0.01, 0.99)?,
            stop_sequences: fields.strings("stop_sequences", 4)?,
            ..Prompt::default()
        };
        fields.integer("k", 0, 500)?;
        fields.number("frequency_penalty", 0.0, 1.0)?;
        fields.number("presence_penalty", 0.0, 1.0)?;
        fields.boolean("search_queries_only")?;
        fields.boolean("return_prompt")?;
        fields.boolean("raw_prompting")?;
        fields.one_of("prompt_truncation", &["OFF", "AUTO_PRESERVE_ORDER"])?;
        if let Some(preamble) = fields.string("preamble")? {
            prompt.system.push(preamble.to_owned());
        }
        for (index, turn) in fields
            .array("chat_history")?
            .into_iter()
            .flatten()
            .enumerate()
        {
            let path = format!("#/chat_history/{index}");
            let turn = Fields::object_at(
                turn,
                &path,
                &["role", "message", "tool_calls", "tool_results"],
            )?;
            let role = match turn.required_string("role")? {
                "USER" | "TOOL" => Role::User,
                "CHATBOT" => Role::Assistant,
                "SYSTEM" => {
                    prompt
                        .system
                        .push(turn.string("message")?.unwrap_or("").to_owned());
                    continue;
                }
                other => {
                    return Err(ApiError::malformed(format!(
                        "{path}/role: {other} is not a valid enum value"
                    )));
                }
            };
            prompt
                .messages
                .push(Message::new(role, turn.string("message")?.unwrap_or("")));
        }
        let mut last = Message::new(Role::User, message);
        for (index, document) in fields.array("documents")?.into_iter().flatten().enumerate() {
            let object = document.as_object().ok_or_else(|| {
                ApiError::malformed(format!(
                    "#/documents/{index}: expected type: JSONObject, found: {}",
                    super::schema::type_name(document)
                ))
            })?;
            let title = object
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or("untitled");
            last.attachments.push(format!("a document \"{title}\""));
        }
        prompt.messages.push(last);
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, prompt: &Prompt, generation: &Generation) -> Value {
        let mut history: Vec<Value> = prompt
            .messages
            .iter()
            .map(|m| json!({"role": role_name(m.role), "message": m.text}))
            .collect();
        history.push(json!({"role": "CHATBOT", "message": generation.text()}));
        json!({
            "response_id": uuid::Uuid::new_v4().to_string(),
            "text": generation.text(),
            "generation_id": uuid::Uuid::new_v4().to_string(),
            "chat_history": history,
            "finish_reason": finish_reason(generation),
        })
    }

    fn stream_chunks(
        &self,
        model: &ModelEntry,
        prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let response = self.response(model, prompt, generation);
        let mut chunks = vec![json!({
            "is_finished": false,
            "event_type": "stream-start",
            "generation_id": response["generation_id"],
        })];
        chunks.extend(generation.text.iter().map(
            |piece| json!({"is_finished": false, "event_type": "text-generation", "text": piece}),
        ));
        chunks.push(metrics.attach(json!({
            "is_finished": true,
            "event_type": "stream-end",
            "finish_reason": finish_reason(generation),
            "response": response,
        })));
        chunks
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &[
            "documents",
            "search_queries_only",
            "preamble",
            "k",
            "prompt_truncation",
            "frequency_penalty",
            "presence_penalty",
            "seed",
            "return_prompt",
            "raw_prompting",
        ]
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::User => "USER",
        Role::Assistant => "CHATBOT",
    }
}

fn finish_reason(generation: &Generation) -> &'static str {
    match generation.stop_reason {
        StopReason::MaxTokens => "MAX_TOKENS",
        StopReason::StopSequence => "STOP_SEQUENCE",
        _ => "COMPLETE",
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const COMMAND_R: &str = "cohere.command-r-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html
    fn doc_body() -> Value {
        json!({
            "message": "Which store sells the cheapest apples?",
            "chat_history": [
                {"role": "USER", "message": "I want to buy apples."},
                {"role": "CHATBOT", "message": "Which kind?"}
            ],
            "preamble": "You are a shopping assistant.",
            "documents": [{"title": "Prices", "snippet": "Apples cost 1 EUR at Shop A."}],
            "max_tokens": 300,
            "temperature": 0.3,
            "p": 0.75,
            "k": 0,
            "stop_sequences": []
        })
    }

    #[test]
    fn parses_and_validates() {
        let m = model(COMMAND_R);
        let prompt = CommandR.parse(&doc_body(), &m).unwrap();
        assert_eq!(prompt.system, vec!["You are a shopping assistant."]);
        assert_eq!(prompt.messages.len(), 3);
        assert_eq!(prompt.messages[2].attachments.len(), 1);
        for (body, expected) in [
            (
                json!({"prompt": "x"}),
                "#: extraneous key [prompt] is not permitted",
            ),
            (
                json!({"max_tokens": 5}),
                "#: required key [message] not found",
            ),
            (
                json!({"message": "x", "p": 1.5}),
                "#/p: 1.5 is not less or equal to 0.99",
            ),
            (
                json!({"message": "x", "chat_history": [{"role": "BOT", "message": "y"}]}),
                "#/chat_history/0/role: BOT is not a valid enum value",
            ),
        ] {
            let message = CommandR.parse(&body, &m).unwrap_err().message;
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn response_and_stream_events() {
        let m = model(COMMAND_R);
        let prompt = CommandR.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = CommandR.response(&m, &prompt, &generation);
        assert_eq!(response["finish_reason"], "COMPLETE");
        assert_eq!(response["chat_history"].as_array().unwrap().len(), 4);
        assert_eq!(response["chat_history"][3]["role"], "CHATBOT");
        let chunks = CommandR.stream_chunks(&m, &prompt, &generation, &metrics());
        let text: String = chunks
            .iter()
            .filter(|c| c["event_type"] == "text-generation")
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(text, response["text"]);
        let last = chunks.last().unwrap();
        assert_eq!(last["event_type"], "stream-end");
        assert_eq!(last["is_finished"], true);
        assert_metrics_on_last(&chunks);
    }
}
