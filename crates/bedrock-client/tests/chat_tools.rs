//! Tool use by hand against the emulator: the model calls a defined tool, the user answers.

mod common;

use std::time::Duration;

use bedrock_client::chat::{
    ChatEvent, ChatMessage, ChatRequest, ChatRole, InferenceParams, ToolAnswer, ToolCall,
    stream_chat,
};
use tokio_util::sync::CancellationToken;

const TOOLS: &str = r#"[{"name": "get_weather", "description": "Current weather for a city",
  "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]"#;

fn message(role: ChatRole, text: &str) -> ChatMessage {
    ChatMessage {
        role,
        text: text.into(),
        attachments: vec![],
        tool_calls: vec![],
        tool_answers: vec![],
        reasoning: vec![],
    }
}

fn request(messages: Vec<ChatMessage>, tools: Option<&str>) -> ChatRequest {
    ChatRequest {
        model_id: "anthropic.claude-3-haiku-20240307-v1:0".into(),
        system_prompt: String::new(),
        messages,
        params: InferenceParams::default(),
        additional_fields_json: None,
        tools_json: tools.map(str::to_owned),
    }
}

#[tokio::test]
async fn the_model_calls_a_tool_and_answers_from_the_users_result() {
    let (_emulator, client) = common::setup(Duration::ZERO).await;
    let question = message(ChatRole::User, "Use get_weather for Paris please");
    let mut events = Vec::new();
    let outcome = stream_chat(
        &client,
        &request(vec![question.clone()], Some(TOOLS)),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(outcome.error, None);
    assert_eq!(outcome.stop_reason.as_deref(), Some("tool_use"));
    let (tool_use_id, name) = events
        .iter()
        .find_map(|e| match e {
            ChatEvent::ToolUseStart {
                tool_use_id, name, ..
            } => Some((tool_use_id.clone(), name.clone())),
            _ => None,
        })
        .expect("a toolUseStart event");
    assert_eq!(name, "get_weather");
    let input: String = events
        .iter()
        .filter_map(|e| match e {
            ChatEvent::ToolUseDelta { input, .. } => Some(input.as_str()),
            _ => None,
        })
        .collect();
    let parsed: serde_json::Value = serde_json::from_str(&input).expect("streamed input is JSON");
    assert!(parsed["city"].is_string());

    let mut call = message(ChatRole::Assistant, &outcome.text);
    call.tool_calls.push(ToolCall {
        tool_use_id: tool_use_id.clone(),
        name,
        input_json: input,
    });
    let mut answer = message(ChatRole::User, "");
    answer.tool_answers.push(ToolAnswer {
        tool_use_id: tool_use_id.clone(),
        text: "18 degrees and sunny".into(),
        is_error: false,
    });
    let mut events = Vec::new();
    let follow_up = stream_chat(
        &client,
        &request(vec![question, call, answer], Some(TOOLS)),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(follow_up.error, None, "{:?}", follow_up.error);
    assert_eq!(follow_up.stop_reason.as_deref(), Some("end_turn"));
    // The emulated model quotes each tool result it was given, by id: the answer reached it.
    let quoted =
        format!("The tool call {tool_use_id} returned: \u{201c}18 degrees and sunny\u{201d}");
    assert!(follow_up.text.contains(&quoted), "{}", follow_up.text);
}

#[tokio::test]
async fn tool_blocks_without_tools_are_refused_before_sending() {
    let (emulator, client) = common::setup(Duration::ZERO).await;
    let mut answer = message(ChatRole::User, "");
    answer.tool_answers.push(ToolAnswer {
        tool_use_id: "t1".into(),
        text: "x".into(),
        is_error: false,
    });
    let mut events = Vec::new();
    let outcome = stream_chat(
        &client,
        &request(vec![answer], None),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert!(
        outcome
            .error
            .unwrap()
            .message
            .contains("no tools are defined")
    );
    assert!(emulator.state().recorder.all().is_empty());
}
