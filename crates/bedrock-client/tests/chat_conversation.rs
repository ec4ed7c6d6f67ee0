//! Whole conversations against the emulator, checked on the wire: Claude's thinking goes back
//! with its signature unchanged turn after turn, tool-only turns carry no text block, and a
//! conversation saved as JSON and reopened continues with its image and tool blocks.

mod common;

use std::time::Duration;

use bedrock_client::chat::{
    Attachment, ChatMessage, ChatOutcome, ChatRequest, InferenceParams, ReasoningBlock, ToolAnswer,
    stream_chat,
};
use bedrock_client::wire::{WireLog, with_capture};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

const THINKING_CLAUDE: &str = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";
const THINKING: &str = r#"{"thinking": {"type": "enabled", "budget_tokens": 1024}}"#;
const TOOLS: &str = r#"[{"name": "get_weather", "description": "Current weather for a city",
  "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]"#;
/// A 1x1 PNG.
const PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

struct Chat {
    _emulator: bedrock_emulator::Emulator,
    client: aws_sdk_bedrockruntime::Client,
    log: WireLog,
    model_id: &'static str,
    thinking: bool,
}

impl Chat {
    async fn new(model_id: &'static str, thinking: bool) -> Self {
        let (emulator, config) = common::emulator_config(Duration::ZERO).await;
        let log = WireLog::new();
        let (client, _) = with_capture(&config, &log);
        Self {
            _emulator: emulator,
            client,
            log,
            model_id,
            thinking,
        }
    }

    /// Sends the conversation; the outcome must be a success. Returns it with the body sent.
    async fn send(&self, messages: &[ChatMessage]) -> (ChatOutcome, Value) {
        let request = ChatRequest {
            model_id: self.model_id.into(),
            system_prompt: String::new(),
            messages: messages.to_vec(),
            params: InferenceParams {
                max_tokens: Some(2048),
                ..InferenceParams::default()
            },
            additional_fields_json: self.thinking.then(|| THINKING.to_owned()),
            tools_json: Some(TOOLS.to_owned()),
        };
        let mut events = Vec::new();
        let outcome = stream_chat(
            &self.client,
            &request,
            &mut events,
            &CancellationToken::new(),
        )
        .await;
        assert_eq!(outcome.error, None, "turn {}", messages.len());
        let exchange = self.log.exchanges().pop().expect("a captured request");
        let body = exchange.request_body.expect("the request body");
        (outcome, serde_json::from_str(&body.text).unwrap())
    }
}

/// The assistant message the app keeps for a reply: everything it received.
fn assistant(outcome: &ChatOutcome) -> ChatMessage {
    ChatMessage {
        reasoning: outcome.reasoning.clone(),
        tool_calls: outcome.tool_calls.clone(),
        ..ChatMessage::assistant(&outcome.text)
    }
}

fn answers(outcome: &ChatOutcome, result: &str) -> ChatMessage {
    assert_eq!(outcome.stop_reason.as_deref(), Some("tool_use"));
    ChatMessage {
        tool_answers: outcome
            .tool_calls
            .iter()
            .map(|call| ToolAnswer {
                tool_use_id: call.tool_use_id.clone(),
                text: result.into(),
                is_error: false,
            })
            .collect(),
        ..ChatMessage::user("")
    }
}

fn signature(outcome: &ChatOutcome) -> String {
    match outcome.reasoning.as_slice() {
        [
            ReasoningBlock::Text {
                signature: Some(signature),
                ..
            },
        ] => signature.clone(),
        other => panic!("expected one signed reasoning block, got {other:?}"),
    }
}

/// The first block of every assistant message in a sent body.
fn assistant_first_blocks(body: &Value) -> Vec<Value> {
    body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "assistant")
        .map(|m| m["content"][0].clone())
        .collect()
}

fn thinking_block(outcome: &ChatOutcome) -> Value {
    let ReasoningBlock::Text { text, .. } = &outcome.reasoning[0] else {
        panic!("not reasoning text")
    };
    json!({"reasoningContent": {"reasoningText": {"text": text, "signature": signature(outcome)}}})
}

#[tokio::test]
async fn thinking_with_tools_over_three_turns_sends_every_signature_back_unchanged() {
    let chat = Chat::new(THINKING_CLAUDE, true).await;
    let mut messages = vec![ChatMessage::user("Use get_weather for Paris please")];
    let (first, _) = chat.send(&messages).await;
    assert_eq!(first.tool_calls.len(), 1);
    signature(&first);

    messages.extend([assistant(&first), answers(&first, "18 degrees, clear")]);
    let (second, body) = chat.send(&messages).await;
    assert_eq!(assistant_first_blocks(&body), [thinking_block(&first)]);
    assert_eq!(second.stop_reason.as_deref(), Some("end_turn"));

    messages.extend([
        assistant(&second),
        ChatMessage::user("Now use get_weather for Rome"),
    ]);
    let (third, body) = chat.send(&messages).await;
    assert_eq!(
        assistant_first_blocks(&body),
        [thinking_block(&first), thinking_block(&second)]
    );
    assert_eq!(third.tool_calls.len(), 1);

    messages.extend([assistant(&third), answers(&third, "21 degrees, sunny")]);
    let (last, body) = chat.send(&messages).await;
    assert_eq!(
        assistant_first_blocks(&body),
        [
            thinking_block(&first),
            thinking_block(&second),
            thinking_block(&third)
        ]
    );
    // Reasoning first, then the text, then the tool call: as Claude produced them.
    let kinds: Vec<Vec<&str>> = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["content"]
                .as_array()
                .unwrap()
                .iter()
                .map(|block| block.as_object().unwrap().keys().next().unwrap().as_str())
                .collect()
        })
        .collect();
    assert_eq!(kinds[1], ["reasoningContent", "text", "toolUse"]);
    assert_eq!(kinds[2], ["toolResult"]);
    assert_eq!(last.stop_reason.as_deref(), Some("end_turn"));
    assert!(last.text.contains("21 degrees, sunny"), "{}", last.text);
}

#[tokio::test]
async fn tool_only_turns_send_no_text_block() {
    let chat = Chat::new(HAIKU, false).await;
    let question = ChatMessage::user("Use get_weather for Oslo");
    let (call, _) = chat.send(std::slice::from_ref(&question)).await;
    // A model may answer with the call alone; blank text is what such a reply leaves.
    let tool_only = ChatMessage {
        text: " \n".into(),
        ..assistant(&call)
    };
    let (_, body) = chat
        .send(&[question, tool_only, answers(&call, "-3 degrees")])
        .await;
    assert_eq!(
        body["messages"][1]["content"],
        json!([{"toolUse": {
            "toolUseId": call.tool_calls[0].tool_use_id,
            "name": "get_weather",
            "input": serde_json::from_str::<Value>(&call.tool_calls[0].input_json).unwrap(),
        }}])
    );
    assert_eq!(
        body["messages"][2]["content"],
        json!([{"toolResult": {
            "toolUseId": call.tool_calls[0].tool_use_id,
            "content": [{"text": "-3 degrees"}],
            "status": "success",
        }}])
    );
}

#[tokio::test]
async fn a_conversation_saved_as_json_reopens_and_continues_with_its_image_and_tools() {
    let chat = Chat::new(THINKING_CLAUDE, true).await;
    let question = ChatMessage {
        attachments: vec![Attachment {
            name: "dot.png".into(),
            data_base64: PNG_BASE64.into(),
        }],
        ..ChatMessage::user("Use get_weather for the city in this picture")
    };
    let (call, _) = chat.send(std::slice::from_ref(&question)).await;
    // What the history keeps: the request's messages and the reply, as JSON.
    let saved = serde_json::to_string(&vec![question, assistant(&call)]).unwrap();

    let mut reopened: Vec<ChatMessage> = serde_json::from_str(&saved).unwrap();
    reopened.push(answers(&call, "12 degrees"));
    let (answer, body) = chat.send(&reopened).await;
    let sent = &body["messages"];
    assert_eq!(
        sent[0]["content"][0]["image"],
        json!({"format": "png", "source": {"bytes": PNG_BASE64}})
    );
    assert_eq!(sent[1]["content"][0], thinking_block(&call));
    assert_eq!(
        sent[1]["content"][2]["toolUse"]["toolUseId"],
        json!(call.tool_calls[0].tool_use_id)
    );
    assert_eq!(
        sent[2]["content"][0]["toolResult"]["toolUseId"],
        json!(call.tool_calls[0].tool_use_id)
    );
    assert!(answer.text.contains("12 degrees"), "{}", answer.text);
}

#[tokio::test]
async fn redacted_reasoning_goes_back_as_the_same_bytes() {
    let chat = Chat::new(THINKING_CLAUDE, true).await;
    let question = ChatMessage::user("Use get_weather for Lima");
    let (call, _) = chat.send(std::slice::from_ref(&question)).await;
    let mut replied = assistant(&call);
    replied.reasoning.push(ReasoningBlock::Redacted {
        data_base64: "ZW5jcnlwdGVk".into(),
    });
    let saved = serde_json::to_string(&replied).unwrap();
    let reopened: ChatMessage = serde_json::from_str(&saved).unwrap();
    assert_eq!(reopened, replied);
    let chat_body = chat.log.exchanges().len();
    assert_eq!(chat_body, 1);
    let (_, body) = chat
        .send(&[question, reopened, answers(&call, "20 degrees")])
        .await;
    assert_eq!(
        body["messages"][1]["content"][1],
        json!({"reasoningContent": {"redactedContent": "ZW5jcnlwdGVk"}})
    );
}
