//! Mistral AI: the `[INST]` text-completion format, and the chat format of the newer models.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat, openai_style, piece_chunks, stop_or_length};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Message, Prompt, Role, StopReason};
use crate::wire::error::ApiResult;

const TEXT_KEYS: &[&str] = &[
    "prompt",
    "max_tokens",
    "stop",
    "temperature",
    "top_p",
    "top_k",
];
const CHAT_KEYS: &[&str] = &[
    "messages",
    "tools",
    "tool_choice",
    "max_tokens",
    "temperature",
    "top_p",
    "stop",
];

pub struct MistralText;
pub struct MistralChat;

impl NativeFormat for MistralText {
    fn parse(&self, body: &Value, _model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TEXT_KEYS)?;
        let mut prompt = parse_prompt(fields.required_string("prompt")?);
        prompt.max_tokens = Some(fields.integer("max_tokens", 1, 32_000)?.unwrap_or(512));
        prompt.stop_sequences = fields.strings("stop", 10)?;
        prompt.temperature = fields.number("temperature", 0.0, 1.0)?;
        prompt.top_p = fields.number("top_p", 0.0, 1.0)?;
        fields.integer("top_k", 1, 200)?;
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        json!({"outputs": [{"text": generation.text(), "stop_reason": stop_or_length(generation)}]})
    }

    fn stream_chunks(
        &self,
        _model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        piece_chunks(
            &generation.text,
            stop_or_length(generation),
            metrics,
            |text, stop| json!({"outputs": [{"text": text, "stop_reason": stop}]}),
        )
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &["top_k"]
    }
}

impl NativeFormat for MistralChat {
    fn parse(&self, body: &Value, _model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, CHAT_KEYS)?;
        let mut prompt = Prompt::default();
        openai_style::parse_messages(fields.required_array("messages")?, &mut prompt)?;
        prompt.max_tokens = Some(fields.integer("max_tokens", 1, 128_000)?.unwrap_or(8192));
        prompt.temperature = fields.number("temperature", 0.0, 1.0)?;
        prompt.top_p = fields.number("top_p", 0.0, 1.0)?;
        prompt.stop_sequences = fields.strings("stop", 10)?;
        if let Some(tools) = fields.array("tools")? {
            prompt.tools = openai_style::parse_tools(tools)?;
        }
        prompt.tool_choice = openai_style::parse_tool_choice(&fields)?;
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        let mut message = json!({"role": "assistant", "content": generation.text()});
        if let Some(call) = &generation.tool_call {
            message["tool_calls"] = json!([openai_style::tool_call(call)]);
        }
        json!({"choices": [{"index": 0, "message": message, "stop_reason": chat_stop(generation)}]})
    }

    fn stream_chunks(
        &self,
        _model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let mut chunks = piece_chunks(
            &generation.text,
            chat_stop(generation),
            metrics,
            |text, stop| json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "stop_reason": stop}]}),
        );
        if let (Some(call), Some(last)) = (&generation.tool_call, chunks.last_mut()) {
            last["choices"][0]["message"]["tool_calls"] = json!([openai_style::tool_call(call)]);
        }
        chunks
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &[]
    }
}

fn chat_stop(generation: &Generation) -> &'static str {
    match generation.stop_reason {
        StopReason::ToolUse => "tool_calls",
        _ => stop_or_length(generation),
    }
}

/// Split `<s>[INST] q [/INST] a</s>[INST] q2 [/INST]` back into turns.
pub fn parse_prompt(raw: &str) -> Prompt {
    let mut prompt = Prompt::default();
    if !raw.contains("[INST]") {
        prompt
            .messages
            .push(Message::new(Role::User, raw.replace("<s>", "").trim()));
        return prompt;
    }
    for segment in raw.split("[INST]").skip(1) {
        let (question, answer) = segment.split_once("[/INST]").unwrap_or((segment, ""));
        prompt.push_exchange(question, &answer.replace("</s>", "").replace("<s>", ""));
    }
    prompt
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;
    use crate::families::format_for_body;

    const SMALL: &str = "mistral.mistral-small-2402-v1:0";
    const LARGE: &str = "mistral.mistral-large-2407-v1:0";

    // Prompt and parameters from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html
    fn text_body() -> Value {
        json!({
            "prompt": "<s>[INST] What is your favourite condiment? [/INST] Well, I'm quite partial to lemon juice.</s>[INST] Do you have mayonnaise recipes? [/INST]",
            "max_tokens": 400,
            "stop": ["\n\n"],
            "temperature": 0.5,
            "top_p": 0.9,
            "top_k": 50
        })
    }

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html
    fn chat_body() -> Value {
        json!({
            "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "user", "content": "What is the weather like in Paris?"}
            ],
            "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
            "tool_choice": "auto",
            "max_tokens": 200,
            "temperature": 0.7
        })
    }

    #[test]
    fn inst_prompts_become_turns() {
        let prompt = MistralText.parse(&text_body(), &model(SMALL)).unwrap();
        let texts: Vec<&str> = prompt.messages.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "What is your favourite condiment?",
                "Well, I'm quite partial to lemon juice.",
                "Do you have mayonnaise recipes?"
            ]
        );
        assert_eq!(prompt.messages[1].role, Role::Assistant);
    }

    #[test]
    fn text_validation() {
        let m = model(SMALL);
        for (body, expected) in [
            (
                json!({"max_tokens": 5}),
                "#: required key [prompt] not found",
            ),
            (
                json!({"prompt": "x", "messages": []}),
                "#: extraneous key [messages] is not permitted",
            ),
            (
                json!({"prompt": "x", "top_k": 0}),
                "#/top_k: 0 is not greater or equal to 1",
            ),
            (
                json!({"prompt": "x", "stop": "END"}),
                "#/stop: expected type: JSONArray, found: String",
            ),
        ] {
            let message = MistralText.parse(&body, &m).unwrap_err().message;
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn text_response_and_chunks() {
        let m = model(SMALL);
        let prompt = MistralText.parse(&text_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = MistralText.response(&m, &prompt, &generation);
        let chunks = MistralText.stream_chunks(&m, &prompt, &generation, &metrics());
        let text: String = chunks
            .iter()
            .map(|c| c["outputs"][0]["text"].as_str().unwrap())
            .collect();
        assert_eq!(text, response["outputs"][0]["text"]);
        assert!(chunks[0]["outputs"][0]["stop_reason"].is_null());
        assert_eq!(
            chunks.last().unwrap()["outputs"][0]["stop_reason"],
            response["outputs"][0]["stop_reason"]
        );
        assert_metrics_on_last(&chunks);
    }

    #[test]
    fn chat_parses_calls_tools_and_streams() {
        let m = model(LARGE);
        let prompt = MistralChat.parse(&chat_body(), &m).unwrap();
        assert_eq!(prompt.system, vec!["You are terse."]);
        assert_eq!(prompt.tools[0].name, "get_weather");
        let mut named = prompt.clone();
        named.messages[0].text = "Use get_weather for Paris".into();
        let generation = run(&m, &named);
        let response = MistralChat.response(&m, &named, &generation);
        assert_eq!(response["choices"][0]["stop_reason"], "tool_calls");
        assert_eq!(
            response["choices"][0]["message"]["tool_calls"][0]["function"]["name"],
            "get_weather"
        );
        let generation = run(&m, &prompt);
        let response = MistralChat.response(&m, &prompt, &generation);
        let chunks = MistralChat.stream_chunks(&m, &prompt, &generation, &metrics());
        let text: String = chunks
            .iter()
            .map(|c| c["choices"][0]["message"]["content"].as_str().unwrap())
            .collect();
        assert_eq!(text, response["choices"][0]["message"]["content"]);
        assert_metrics_on_last(&chunks);
    }

    #[test]
    fn chat_models_also_take_the_prompt_form() {
        let chat = crate::catalogue::Family::MistralChat;
        let text = format_for_body(chat, &text_body()).unwrap();
        assert!(text.parse(&text_body(), &model(LARGE)).is_ok());
        let format = format_for_body(chat, &chat_body()).unwrap();
        assert!(
            format
                .parse(&json!({"messages": [], "foo": 1}), &model(LARGE))
                .unwrap_err()
                .message
                .contains("extraneous key [foo]")
        );
    }
}
