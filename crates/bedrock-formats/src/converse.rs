//! The Converse API's request and response bodies.

use serde_json::{Map, Value, json};

use crate::family::{Family, family_of};
use crate::json::{count_at, joined_texts, text_at};
use crate::response::ParsedResponse;
use crate::spec::{PromptSpec, SpecMessage};

/// The Converse body for a prompt, exactly as the API takes it, without the absent fields.
///
/// Additional fields that are not a JSON object are left out here; [`crate::native_request`]
/// reports them as an error.
/// Controls the model's family does not take through Converse (a system prompt for Titan Text,
/// stop sequences for Llama) are left out, since Bedrock refuses the whole request for them.
pub fn converse_request(spec: &PromptSpec) -> Value {
    let family = family_of(&spec.model_id);
    let mut body = Map::new();
    let messages: Vec<Value> = spec.messages.iter().map(message).collect();
    body.insert("messages".into(), json!(messages));
    if let Some(system) = spec.system()
        && family.is_none_or(Family::converse_takes_system_prompt)
    {
        body.insert("system".into(), text_blocks(system));
    }
    let mut config = inference_config(spec);
    if family.is_some_and(|f| !f.converse_takes_stop_sequences()) {
        config.remove("stopSequences");
    }
    if !config.is_empty() {
        body.insert("inferenceConfig".into(), Value::Object(config));
    }
    if let Ok(Some(fields)) = spec.additional_fields() {
        body.insert("additionalModelRequestFields".into(), Value::Object(fields));
    }
    Value::Object(body)
}

/// One Converse message: a role and a list of content blocks.
pub(crate) fn message(message: &SpecMessage) -> Value {
    json!({"role": message.role.as_str(), "content": text_blocks(&message.text)})
}

/// `[{"text": ...}]`, the shape of Converse's system prompt and message content.
pub(crate) fn text_blocks(text: &str) -> Value {
    json!([{ "text": text }])
}

fn inference_config(spec: &PromptSpec) -> Map<String, Value> {
    [
        ("maxTokens", spec.max_tokens_value()),
        ("temperature", spec.temperature_value()),
        ("topP", spec.top_p_value()),
        ("stopSequences", spec.stop_value()),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key.to_owned(), value?)))
    .collect()
}

/// Read a Converse response body (Nova's native response has the same shape).
pub fn parse_converse_response(body: &Value) -> ParsedResponse {
    let content = "/output/message/content";
    let reasoning: Vec<String> = body
        .pointer(content)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|block| text_at(block, "/reasoningContent/reasoningText/text"))
        .collect();
    ParsedResponse {
        text: joined_texts(body, content, "text", |_| true).unwrap_or_default(),
        reasoning: (!reasoning.is_empty()).then(|| reasoning.concat()),
        stop_reason: text_at(body, "/stopReason"),
        input_tokens: count_at(body, "/usage/inputTokens"),
        output_tokens: count_at(body, "/usage/outputTokens"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Role;
    use crate::test_support::{
        ANSWER, FIRST_QUESTION, SECOND_QUESTION, SYSTEM, message as turn, spec,
    };

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
    #[test]
    fn builds_the_converse_body() {
        let mut prompt = spec("anthropic.claude-3-haiku-20240307-v1:0");
        prompt.additional_fields_json = Some(r#"{"top_k": 200}"#.into());
        let expected = json!({
            "messages": [
                {"role": "user", "content": [{"text": FIRST_QUESTION}]},
                {"role": "assistant", "content": [{"text": ANSWER}]},
                {"role": "user", "content": [{"text": SECOND_QUESTION}]}
            ],
            "system": [{"text": SYSTEM}],
            "inferenceConfig": {"maxTokens": 512, "temperature": 0.5, "topP": 0.9, "stopSequences": ["END"]},
            "additionalModelRequestFields": {"top_k": 200}
        });
        assert_eq!(converse_request(&prompt), expected);
    }

    #[test]
    fn controls_the_family_lacks_are_left_out() {
        let llama = converse_request(&spec("meta.llama3-8b-instruct-v1:0"));
        assert!(
            llama["inferenceConfig"].get("stopSequences").is_none(),
            "{llama}"
        );
        assert!(llama.get("system").is_some());
        let titan = converse_request(&spec("amazon.titan-text-express-v1"));
        assert!(titan.get("system").is_none(), "{titan}");
        assert_eq!(titan["inferenceConfig"]["stopSequences"], json!(["END"]));
    }

    #[test]
    fn absent_fields_are_left_out() {
        let prompt = PromptSpec {
            model_id: "amazon.nova-lite-v1:0".into(),
            system_prompt: "  ".into(),
            messages: vec![turn(Role::User, "Hi")],
            additional_fields_json: Some("{}".into()),
            ..PromptSpec::default()
        };
        assert_eq!(
            converse_request(&prompt),
            json!({"messages": [{"role": "user", "content": [{"text": "Hi"}]}]})
        );
        let only_temperature = PromptSpec {
            temperature: Some(0.7),
            additional_fields_json: Some("not json".into()),
            ..prompt
        };
        assert_eq!(
            converse_request(&only_temperature)["inferenceConfig"],
            json!({"temperature": 0.7})
        );
        assert!(
            converse_request(&only_temperature)
                .get("additionalModelRequestFields")
                .is_none()
        );
    }

    #[test]
    fn reads_a_converse_response() {
        let body = json!({
            "output": {"message": {"role": "assistant", "content": [
                {"reasoningContent": {"reasoningText": {"text": "Think.", "signature": "s"}}},
                {"text": "A timed step."}
            ]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 269, "outputTokens": 77, "totalTokens": 346},
            "metrics": {"latencyMs": 1300}
        });
        let parsed = parse_converse_response(&body);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.reasoning.as_deref(), Some("Think."));
        assert_eq!(parsed.stop_reason.as_deref(), Some("end_turn"));
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(269), Some(77))
        );
    }
}
