//! Requests through the four runtime operations, and the assistant messages their answers
//! (whole or streamed) give to send back.

use std::collections::HashMap;

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::error::SdkError;
use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ContentBlockDelta, ContentBlockStart, ConversationRole, ConverseStreamOutput,
    InferenceConfiguration, Message, ReasoningContentBlock, ReasoningTextBlock, ResponseStream,
    Tool, ToolChoice, ToolConfiguration, ToolInputSchema, ToolResultBlock, ToolResultContentBlock,
    ToolSpecification, ToolUseBlock,
};
use aws_smithy_types::{Document, Number};
use serde_json::{Value, json};

pub const SONNET: &str = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
pub const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";
pub const PREFIX: &str = "The model returned the following errors: ";

pub fn document(value: &Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or_default())
        }),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => Document::Array(items.iter().map(document).collect()),
        Value::Object(map) => Document::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), document(v)))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

pub fn weather_schema() -> Value {
    json!({"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]})
}

pub fn thinking(budget: u64) -> Value {
    json!({"type": "enabled", "budget_tokens": budget})
}

/// One Converse request.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub messages: Vec<Message>,
    pub inference: Option<InferenceConfiguration>,
    pub fields: Option<Value>,
    pub tool_choice: Option<ToolChoice>,
}

impl Ask {
    /// Thinking on, within the rules, with the weather tool on offer.
    pub fn thinking(messages: Vec<Message>) -> Self {
        Self {
            messages,
            inference: Some(InferenceConfiguration::builder().max_tokens(3000).build()),
            fields: Some(json!({"thinking": thinking(2000)})),
            tool_choice: None,
        }
    }

    fn tool_config(&self) -> ToolConfiguration {
        let spec = ToolSpecification::builder()
            .name("get_weather")
            .description("The weather in a city")
            .input_schema(ToolInputSchema::Json(document(&weather_schema())))
            .build()
            .unwrap();
        ToolConfiguration::builder()
            .tools(Tool::ToolSpec(spec))
            .set_tool_choice(self.tool_choice.clone())
            .build()
            .unwrap()
    }
}

pub fn user(text: &str) -> Message {
    message(
        ConversationRole::User,
        vec![ContentBlock::Text(text.into())],
    )
}

pub fn message(role: ConversationRole, content: Vec<ContentBlock>) -> Message {
    Message::builder()
        .role(role)
        .set_content(Some(content))
        .build()
        .unwrap()
}

pub fn tool_result(tool_use_id: &str) -> Message {
    let result = ToolResultBlock::builder()
        .tool_use_id(tool_use_id)
        .content(ToolResultContentBlock::Text("18 degrees and sunny".into()))
        .build()
        .unwrap();
    message(
        ConversationRole::User,
        vec![ContentBlock::ToolResult(result)],
    )
}

pub fn reasoning(text: &str, signature: &str) -> ContentBlock {
    ContentBlock::ReasoningContent(ReasoningContentBlock::ReasoningText(
        ReasoningTextBlock::builder()
            .text(text)
            .signature(signature)
            .build()
            .unwrap(),
    ))
}

pub fn tool_use_id(message: &Message) -> String {
    message
        .content()
        .iter()
        .find_map(|block| block.as_tool_use().ok())
        .map(|call| call.tool_use_id().to_owned())
        .expect("the answer calls the tool")
}

pub async fn converse(client: &Client, ask: &Ask) -> Message {
    let output = client
        .converse()
        .model_id(SONNET)
        .set_messages(Some(ask.messages.clone()))
        .set_inference_config(ask.inference.clone())
        .set_additional_model_request_fields(ask.fields.as_ref().map(document))
        .tool_config(ask.tool_config())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{:?}", e.into_service_error()));
    output.output().unwrap().as_message().unwrap().clone()
}

/// The message, rebuilt from ConverseStream events as a client does.
pub async fn converse_streamed(client: &Client, ask: &Ask) -> Message {
    let mut stream = client
        .converse_stream()
        .model_id(SONNET)
        .set_messages(Some(ask.messages.clone()))
        .set_inference_config(ask.inference.clone())
        .set_additional_model_request_fields(ask.fields.as_ref().map(document))
        .tool_config(ask.tool_config())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{:?}", e.into_service_error()))
        .stream;
    let (mut thought, mut signature, mut text, mut input) =
        (String::new(), String::new(), String::new(), String::new());
    let mut call: Option<(String, String)> = None;
    while let Some(event) = stream.recv().await.unwrap() {
        match event {
            ConverseStreamOutput::ContentBlockStart(start) => {
                if let Some(ContentBlockStart::ToolUse(tool)) = start.start() {
                    call = Some((tool.tool_use_id().to_owned(), tool.name().to_owned()));
                }
            }
            ConverseStreamOutput::ContentBlockDelta(delta) => match delta.delta().unwrap() {
                ContentBlockDelta::ReasoningContent(r) => {
                    if let Ok(piece) = r.as_text() {
                        thought.push_str(piece);
                    }
                    if let Ok(piece) = r.as_signature() {
                        signature.push_str(piece);
                    }
                }
                ContentBlockDelta::Text(piece) => text.push_str(piece),
                ContentBlockDelta::ToolUse(tool) => input.push_str(tool.input()),
                _ => {}
            },
            _ => {}
        }
    }
    assert!(
        !signature.is_empty(),
        "the reasoning delta carries a signature"
    );
    let mut content = vec![reasoning(&thought, &signature)];
    if !text.is_empty() {
        content.push(ContentBlock::Text(text));
    }
    if let Some((id, name)) = call {
        let parsed: Value = serde_json::from_str(&input).unwrap();
        content.push(ContentBlock::ToolUse(
            ToolUseBlock::builder()
                .tool_use_id(id)
                .name(name)
                .input(document(&parsed))
                .build()
                .unwrap(),
        ));
    }
    message(ConversationRole::Assistant, content)
}

/// Asserts a 400 ValidationException and returns its message.
pub fn rejection<E, R>(
    result: Result<R, SdkError<E, aws_sdk_bedrockruntime::config::http::HttpResponse>>,
) -> String
where
    E: aws_sdk_bedrockruntime::error::ProvideErrorMetadata + std::fmt::Debug,
    R: std::fmt::Debug,
{
    let error = result.expect_err("the request is refused");
    let status = error.raw_response().map(|r| r.status().as_u16());
    let code = aws_sdk_bedrockruntime::error::ProvideErrorMetadata::code(&error).map(str::to_owned);
    let message = aws_sdk_bedrockruntime::error::ProvideErrorMetadata::message(&error)
        .unwrap_or_default()
        .to_owned();
    assert_eq!(status, Some(400), "{message}");
    assert_eq!(code.as_deref(), Some("ValidationException"), "{message}");
    message
}

pub async fn converse_rejection(client: &Client, ask: &Ask) -> String {
    rejection(
        client
            .converse()
            .model_id(SONNET)
            .set_messages(Some(ask.messages.clone()))
            .set_inference_config(ask.inference.clone())
            .set_additional_model_request_fields(ask.fields.as_ref().map(document))
            .tool_config(ask.tool_config())
            .send()
            .await,
    )
}

pub async fn converse_stream_rejection(client: &Client, ask: &Ask) -> String {
    rejection(
        client
            .converse_stream()
            .model_id(SONNET)
            .set_messages(Some(ask.messages.clone()))
            .set_inference_config(ask.inference.clone())
            .set_additional_model_request_fields(ask.fields.as_ref().map(document))
            .tool_config(ask.tool_config())
            .send()
            .await,
    )
}

/// Both Converse operations refuse the request with this Claude message, prefixed.
pub async fn assert_converse_refuses(client: &Client, ask: &Ask, claude_message: &str) {
    let expected = format!("{PREFIX}{claude_message}");
    assert_eq!(converse_rejection(client, ask).await, expected);
    assert_eq!(converse_stream_rejection(client, ask).await, expected);
}

/// A native body with thinking on, within the rules, and the weather tool.
pub fn native_body(messages: Value) -> Value {
    json!({
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 3000,
        "thinking": thinking(2000),
        "tools": [{"name": "get_weather", "description": "The weather in a city", "input_schema": weather_schema()}],
        "messages": messages,
    })
}

pub async fn invoke(client: &Client, model: &str, body: &Value) -> Value {
    let output = client
        .invoke_model()
        .model_id(model)
        .body(Blob::new(body.to_string()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{:?}", e.into_service_error()));
    serde_json::from_slice(output.body().as_ref()).unwrap()
}

/// The native message content, rebuilt from the stream's chunks as a client does.
pub async fn invoke_streamed(client: &Client, model: &str, body: &Value) -> Vec<Value> {
    let mut output = client
        .invoke_model_with_response_stream()
        .model_id(model)
        .body(Blob::new(body.to_string()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{:?}", e.into_service_error()));
    let mut blocks: Vec<Value> = Vec::new();
    let mut inputs: Vec<String> = Vec::new();
    while let Some(ResponseStream::Chunk(part)) = output.body.recv().await.unwrap() {
        let chunk: Value = serde_json::from_slice(part.bytes().unwrap().as_ref()).unwrap();
        match chunk["type"].as_str().unwrap() {
            "content_block_start" => {
                blocks.push(chunk["content_block"].clone());
                inputs.push(String::new());
            }
            "content_block_delta" => {
                let index = chunk["index"].as_u64().unwrap() as usize;
                let delta = &chunk["delta"];
                let (key, piece) = match delta["type"].as_str().unwrap() {
                    "thinking_delta" => ("thinking", &delta["thinking"]),
                    "signature_delta" => ("signature", &delta["signature"]),
                    "text_delta" => ("text", &delta["text"]),
                    _ => {
                        inputs[index].push_str(delta["partial_json"].as_str().unwrap());
                        continue;
                    }
                };
                let so_far = blocks[index][key].as_str().unwrap_or_default().to_owned();
                blocks[index][key] = json!(so_far + piece.as_str().unwrap());
            }
            _ => {}
        }
    }
    for (block, input) in blocks.iter_mut().zip(inputs) {
        if block["type"] == "tool_use" {
            block["input"] = serde_json::from_str(&input).unwrap();
        }
    }
    blocks
}

pub async fn invoke_rejection(client: &Client, model: &str, body: &Value) -> String {
    rejection(
        client
            .invoke_model()
            .model_id(model)
            .body(Blob::new(body.to_string()))
            .send()
            .await,
    )
}

pub async fn invoke_stream_rejection(client: &Client, model: &str, body: &Value) -> String {
    rejection(
        client
            .invoke_model_with_response_stream()
            .model_id(model)
            .body(Blob::new(body.to_string()))
            .send()
            .await,
    )
}

/// Both native operations refuse the body with exactly this message.
pub async fn assert_invoke_refuses(client: &Client, model: &str, body: &Value, message: &str) {
    assert_eq!(invoke_rejection(client, model, body).await, message);
    assert_eq!(invoke_stream_rejection(client, model, body).await, message);
}
