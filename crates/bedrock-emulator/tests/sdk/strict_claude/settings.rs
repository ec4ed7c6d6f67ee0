//! The sampling settings extended thinking allows, one table for all four operations.

use aws_sdk_bedrockruntime::types::{
    AnyToolChoice, InferenceConfiguration, SpecificToolChoice, ToolChoice,
};
use serde_json::{Value, json};

use super::calls::{self, Ask, SONNET, user};
use crate::support;

const MAX_TOKENS_MESSAGE: &str = "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
const FORCED_TOOL_MESSAGE: &str = "Thinking may not be enabled when tool_choice forces tool use.";

/// A change to the thinking request, as native body keys; Converse gets the same change.
struct Case {
    native: Value,
    message: &'static str,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            native: json!({"temperature": 0.7}),
            message: "temperature may only be set to 1 when thinking is enabled.",
        },
        Case {
            native: json!({"top_p": 0.9}),
            message: "top_p must be unset when thinking is enabled.",
        },
        Case {
            native: json!({"top_k": 40}),
            message: "top_k must be unset when thinking is enabled.",
        },
        Case {
            native: json!({"thinking": calls::thinking(1000)}),
            message: "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
        },
        Case {
            native: json!({"max_tokens": 2000}),
            message: MAX_TOKENS_MESSAGE,
        },
        Case {
            native: json!({"tool_choice": {"type": "any"}}),
            message: FORCED_TOOL_MESSAGE,
        },
        Case {
            native: json!({"tool_choice": {"type": "tool", "name": "get_weather"}}),
            message: FORCED_TOOL_MESSAGE,
        },
    ]
}

fn native(change: &Value) -> Value {
    let mut body =
        calls::native_body(json!([{"role": "user", "content": "What is the weather like?"}]));
    for (key, value) in change.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

fn converse(change: &Value) -> Ask {
    let mut ask = Ask::thinking(vec![user("What is the weather like?")]);
    let mut inference = InferenceConfiguration::builder().max_tokens(3000);
    let fields = ask.fields.as_mut().unwrap();
    for (key, value) in change.as_object().unwrap() {
        match key.as_str() {
            "temperature" => inference = inference.temperature(value.as_f64().unwrap() as f32),
            "top_p" => inference = inference.top_p(value.as_f64().unwrap() as f32),
            "max_tokens" => inference = inference.max_tokens(value.as_i64().unwrap() as i32),
            "tool_choice" if value["type"] == "any" => {
                ask.tool_choice = Some(ToolChoice::Any(AnyToolChoice::builder().build()));
            }
            "tool_choice" => {
                let tool = SpecificToolChoice::builder()
                    .name(value["name"].as_str().unwrap())
                    .build()
                    .unwrap();
                ask.tool_choice = Some(ToolChoice::Tool(tool));
            }
            _ => fields[key] = value.clone(),
        }
    }
    ask.inference = Some(inference.build());
    ask
}

#[tokio::test]
async fn thinking_refuses_the_settings_claude_refuses() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for case in cases() {
        calls::assert_converse_refuses(&client, &converse(&case.native), case.message).await;
        calls::assert_invoke_refuses(&client, SONNET, &native(&case.native), case.message).await;
    }
}

#[tokio::test]
async fn thinking_takes_temperature_one_and_a_budget_below_max_tokens() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let change = json!({"temperature": 1.0, "thinking": calls::thinking(1024), "max_tokens": 1025});
    let answer = calls::converse(&client, &converse(&change)).await;
    assert!(answer.content()[0].is_reasoning_content(), "{answer:?}");
    let answer = calls::invoke(&client, SONNET, &native(&change)).await;
    assert_eq!(answer["content"][0]["type"], "thinking", "{answer}");
}

/// A key Claude does not know in `additionalModelRequestFields` comes back as Claude's schema
/// error behind the Converse prefix (litellm#7416: `extraneous key [chat_id]`).
#[tokio::test]
async fn converse_relays_an_unknown_additional_field_in_claudes_words() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let ask = converse(&json!({"chat_id": "c-1"}));
    calls::assert_converse_refuses(
        &client,
        &ask,
        "Malformed input request: #: extraneous key [chat_id] is not permitted, please reformat your input and try again.",
    )
    .await;
}

/// Claude 4 models validate like Anthropic's API: the unknown key, then `Extra inputs are not
/// permitted` (litellm#13825 on Sonnet 4, litellm#13609 on Opus 4.1).
#[tokio::test]
async fn claude_4_names_an_unknown_additional_field_as_an_extra_input() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for model in [
        "us.anthropic.claude-sonnet-4-20250514-v1:0",
        "us.anthropic.claude-opus-4-1-20250805-v1:0",
    ] {
        let converse = client
            .converse()
            .model_id(model)
            .messages(user("Hi"))
            .additional_model_request_fields(calls::document(&json!({"guardrails": {}})))
            .send()
            .await;
        assert_eq!(
            calls::rejection(converse),
            "The model returned the following errors: guardrails: Extra inputs are not permitted",
            "{model}"
        );
    }
}

/// Bedrock's own checks come before Claude's validator: blank text wins over thinking's
/// temperature rule, and the service model's ranges win over both.
#[tokio::test]
async fn bedrocks_checks_come_before_claudes_validator() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let mut ask = converse(&json!({"temperature": 0.7}));
    ask.messages = vec![user(" ")];
    let blank = "The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.";
    assert_eq!(calls::converse_rejection(&client, &ask).await, blank);
    assert_eq!(calls::converse_stream_rejection(&client, &ask).await, blank);
    let mut ask = converse(&json!({"temperature": 1.5}));
    ask.messages = vec![user(" ")];
    assert_eq!(
        calls::converse_stream_rejection(&client, &ask).await,
        "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"
    );
}
