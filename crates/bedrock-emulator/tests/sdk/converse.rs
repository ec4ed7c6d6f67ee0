//! Converse and ConverseStream through aws-sdk-bedrockruntime.

use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, ConverseStreamOutput, InferenceConfiguration, Message,
    StopReason, SystemContentBlock, Tool, ToolConfiguration, ToolInputSchema, ToolResultBlock,
    ToolResultContentBlock, ToolSpecification,
};
use aws_smithy_types::Document;

use crate::support;

const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";

fn user(text: &str) -> Message {
    Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(text.into()))
        .build()
        .unwrap()
}

fn assistant(text: &str) -> Message {
    Message::builder()
        .role(ConversationRole::Assistant)
        .content(ContentBlock::Text(text.into()))
        .build()
        .unwrap()
}

fn text_of(message: &Message) -> String {
    message
        .content()
        .iter()
        .filter_map(|block| block.as_text().ok())
        .cloned()
        .collect()
}

#[tokio::test]
async fn converse_names_the_model_and_reflects_prompt_and_system() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let output = client
        .converse()
        .model_id(HAIKU)
        .messages(user("What is distributed tracing?"))
        .system(SystemContentBlock::Text("Answer like a pirate.".into()))
        .send()
        .await
        .unwrap();
    let message = output.output().unwrap().as_message().unwrap();
    let text = text_of(message);
    assert!(text.starts_with("[Emulated Claude 3 Haiku]"), "{text}");
    assert!(text.contains("What is distributed tracing?"));
    assert!(text.contains("Answer like a pirate."));
    assert_eq!(output.stop_reason(), &StopReason::EndTurn);
    let usage = output.usage().unwrap();
    assert!(usage.input_tokens() > 0 && usage.output_tokens() > 0);
    assert_eq!(
        usage.total_tokens(),
        usage.input_tokens() + usage.output_tokens()
    );
}

#[tokio::test]
async fn max_tokens_and_stop_sequences_end_the_answer() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let limited = client
        .converse()
        .model_id(HAIKU)
        .messages(user("Tell me a long story"))
        .inference_config(InferenceConfiguration::builder().max_tokens(7).build())
        .send()
        .await
        .unwrap();
    assert_eq!(limited.stop_reason(), &StopReason::MaxTokens);
    assert_eq!(limited.usage().unwrap().output_tokens(), 7);

    let stopped = client
        .converse()
        .model_id(HAIKU)
        .messages(user("Say PINEAPPLE please"))
        .inference_config(
            InferenceConfiguration::builder()
                .stop_sequences("PINEAPPLE")
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(stopped.stop_reason(), &StopReason::StopSequence);
    let text = text_of(stopped.output().unwrap().as_message().unwrap());
    assert!(
        !text.contains("PINEAPPLE") && text.ends_with("Say "),
        "{text}"
    );
}

#[tokio::test]
async fn multi_turn_conversations_are_seen_whole() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let output = client
        .converse()
        .model_id("amazon.nova-pro-v1:0")
        .messages(user("First question"))
        .messages(assistant("First answer"))
        .messages(user("Second question"))
        .send()
        .await
        .unwrap();
    let text = text_of(output.output().unwrap().as_message().unwrap());
    assert!(text.contains("turn 2"), "{text}");
    assert!(text.contains("Second question"));
}

#[tokio::test]
async fn conversations_must_start_with_user_and_alternate() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let error = client
        .converse()
        .model_id(HAIKU)
        .messages(assistant("hi"))
        .send()
        .await
        .unwrap_err();
    let error = error.into_service_error();
    assert!(error.is_validation_exception());
    assert!(
        error
            .meta()
            .message()
            .unwrap()
            .contains("must start with a user message")
    );

    let error = client
        .converse()
        .model_id(HAIKU)
        .messages(user("a"))
        .messages(user("b"))
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .into_service_error()
            .meta()
            .message()
            .unwrap()
            .contains("alternate")
    );
}

fn weather_tool() -> ToolConfiguration {
    let schema = Document::Object(
        [
            ("type".to_owned(), Document::String("object".into())),
            (
                "properties".to_owned(),
                Document::Object(
                    [(
                        "city".to_owned(),
                        Document::Object(
                            [("type".to_owned(), Document::String("string".into()))].into(),
                        ),
                    )]
                    .into(),
                ),
            ),
            (
                "required".to_owned(),
                Document::Array(vec![Document::String("city".into())]),
            ),
        ]
        .into(),
    );
    ToolConfiguration::builder()
        .tools(Tool::ToolSpec(
            ToolSpecification::builder()
                .name("get_weather")
                .description("Current weather for a city")
                .input_schema(ToolInputSchema::Json(schema))
                .build()
                .unwrap(),
        ))
        .build()
        .unwrap()
}

#[tokio::test]
async fn tool_use_round_trip() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let first = client
        .converse()
        .model_id(HAIKU)
        .messages(user("Use get_weather for Lisbon"))
        .tool_config(weather_tool())
        .send()
        .await
        .unwrap();
    assert_eq!(first.stop_reason(), &StopReason::ToolUse);
    let reply = first.output().unwrap().as_message().unwrap().clone();
    let tool_use = reply
        .content()
        .iter()
        .find_map(|b| b.as_tool_use().ok())
        .expect("a toolUse block")
        .clone();
    assert_eq!(tool_use.name(), "get_weather");
    assert!(
        matches!(tool_use.input(), Document::Object(map) if matches!(map.get("city"), Some(Document::String(_))))
    );

    let result = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::ToolResult(
            ToolResultBlock::builder()
                .tool_use_id(tool_use.tool_use_id())
                .content(ToolResultContentBlock::Text("18 degrees and sunny".into()))
                .build()
                .unwrap(),
        ))
        .build()
        .unwrap();
    let second = client
        .converse()
        .model_id(HAIKU)
        .messages(user("Use get_weather for Lisbon"))
        .messages(reply)
        .messages(result)
        .tool_config(weather_tool())
        .send()
        .await
        .unwrap();
    assert_eq!(second.stop_reason(), &StopReason::EndTurn);
    assert!(
        text_of(second.output().unwrap().as_message().unwrap()).contains("18 degrees and sunny")
    );
}

#[tokio::test]
async fn converse_stream_delivers_the_same_answer_in_order() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let request = || {
        client
            .converse()
            .model_id(HAIKU)
            .messages(user("Stream me something"))
            .system(SystemContentBlock::Text("Be brief".into()))
    };
    let whole = text_of(
        request()
            .send()
            .await
            .unwrap()
            .output()
            .unwrap()
            .as_message()
            .unwrap(),
    );

    let mut stream = client
        .converse_stream()
        .model_id(HAIKU)
        .messages(user("Stream me something"))
        .system(SystemContentBlock::Text("Be brief".into()))
        .send()
        .await
        .unwrap()
        .stream;
    let mut kinds = Vec::new();
    let mut text = String::new();
    let mut deltas = 0;
    while let Some(event) = stream.recv().await.unwrap() {
        match &event {
            ConverseStreamOutput::MessageStart(_) => kinds.push("start"),
            ConverseStreamOutput::ContentBlockDelta(delta) => {
                deltas += 1;
                text.push_str(delta.delta().unwrap().as_text().unwrap());
                if kinds.last() != Some(&"delta") {
                    kinds.push("delta");
                }
            }
            ConverseStreamOutput::ContentBlockStop(_) => kinds.push("blockStop"),
            ConverseStreamOutput::MessageStop(stop) => {
                assert_eq!(stop.stop_reason(), &StopReason::EndTurn);
                kinds.push("stop");
            }
            ConverseStreamOutput::Metadata(metadata) => {
                assert_eq!(metadata.usage().unwrap().output_tokens(), deltas);
                kinds.push("metadata");
            }
            other => panic!("unexpected event {other:?}"),
        }
    }
    assert_eq!(kinds, ["start", "delta", "blockStop", "stop", "metadata"]);
    assert!(deltas > 10, "streams in many small chunks");
    assert_eq!(text, whole);
}

#[tokio::test]
async fn reasoning_streams_before_the_answer() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let mut stream = client
        .converse_stream()
        .model_id("us.deepseek.r1-v1:0")
        .messages(user("Why is the sky blue?"))
        .send()
        .await
        .unwrap()
        .stream;
    let mut reasoning = String::new();
    let mut answer = String::new();
    while let Some(event) = stream.recv().await.unwrap() {
        if let ConverseStreamOutput::ContentBlockDelta(delta) = event {
            match delta.delta().unwrap() {
                aws_sdk_bedrockruntime::types::ContentBlockDelta::ReasoningContent(r) => {
                    if let Ok(text) = r.as_text() {
                        assert!(answer.is_empty(), "reasoning comes first");
                        reasoning.push_str(text);
                    }
                }
                aws_sdk_bedrockruntime::types::ContentBlockDelta::Text(t) => answer.push_str(t),
                _ => {}
            }
        }
    }
    assert!(reasoning.contains("Why is the sky blue?"));
    assert!(answer.starts_with("[Emulated DeepSeek-R1]"));
}

#[tokio::test]
async fn streamed_tool_use_arrives_as_start_and_input_fragments() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let mut stream = client
        .converse_stream()
        .model_id(HAIKU)
        .messages(user("call get_weather for Oslo"))
        .tool_config(weather_tool())
        .send()
        .await
        .unwrap()
        .stream;
    let mut name = None;
    let mut input = String::new();
    let mut stop = None;
    while let Some(event) = stream.recv().await.unwrap() {
        match event {
            ConverseStreamOutput::ContentBlockStart(start) => {
                name = Some(
                    start
                        .start()
                        .unwrap()
                        .as_tool_use()
                        .unwrap()
                        .name()
                        .to_owned(),
                );
            }
            ConverseStreamOutput::ContentBlockDelta(delta) => {
                if let Ok(tool) = delta.delta().unwrap().as_tool_use() {
                    input.push_str(tool.input());
                }
            }
            ConverseStreamOutput::MessageStop(s) => stop = Some(s.stop_reason().clone()),
            _ => {}
        }
    }
    assert_eq!(name.as_deref(), Some("get_weather"));
    let parsed: serde_json::Value = serde_json::from_str(&input).expect("fragments join into JSON");
    assert!(parsed["city"].is_string());
    assert_eq!(stop, Some(StopReason::ToolUse));
}

#[tokio::test]
async fn model_ids_profiles_and_arns_are_percent_decoded() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for id in [
        "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0",
    ] {
        let output = client
            .converse()
            .model_id(id)
            .messages(user("hi"))
            .send()
            .await;
        assert!(output.is_ok(), "{id}: {output:?}");
    }
    let recorded = emulator.state().recorder.all();
    assert_eq!(
        recorded[1].model_id.as_deref(),
        Some("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0")
    );
    assert!(
        recorded[1].path.contains("%3A"),
        "the SDK percent-encodes the path: {}",
        recorded[1].path
    );
}

#[tokio::test]
async fn model_resolution_errors_teach_the_fix() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let on_demand = client
        .converse()
        .model_id("anthropic.claude-3-7-sonnet-20250219-v1:0")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(on_demand.is_validation_exception());
    assert!(
        on_demand
            .meta()
            .message()
            .unwrap()
            .contains("inference profile")
    );

    let unknown = client
        .converse()
        .model_id("anthropic.claude-99")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert!(unknown.into_service_error().is_validation_exception());

    let denied = client
        .converse()
        .model_id("anthropic.claude-3-opus-20240229-v1:0")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(denied.is_access_denied_exception(), "{denied:?}");

    let retired = client
        .converse()
        .model_id("anthropic.claude-v2")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert!(
        retired
            .into_service_error()
            .is_resource_not_found_exception()
    );

    let embedding = client
        .converse()
        .model_id("amazon.titan-embed-text-v2:0")
        .messages(user("hi"))
        .send()
        .await
        .unwrap_err();
    assert!(embedding.into_service_error().is_validation_exception());
}

#[tokio::test]
async fn images_must_match_their_declared_format() {
    use aws_sdk_bedrockruntime::primitives::Blob;
    use aws_sdk_bedrockruntime::types::{ImageBlock, ImageFormat, ImageSource};
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    let image = |format| {
        ContentBlock::Image(
            ImageBlock::builder()
                .format(format)
                .source(ImageSource::Bytes(Blob::new(png.clone())))
                .build()
                .unwrap(),
        )
    };
    let message = |format| {
        Message::builder()
            .role(ConversationRole::User)
            .content(ContentBlock::Text("what is this?".into()))
            .content(image(format))
            .build()
            .unwrap()
    };
    let ok = client
        .converse()
        .model_id(HAIKU)
        .messages(message(ImageFormat::Png))
        .send()
        .await
        .unwrap();
    assert!(text_of(ok.output().unwrap().as_message().unwrap()).contains("an image (png"));
    let mislabelled = client
        .converse()
        .model_id(HAIKU)
        .messages(message(ImageFormat::Jpeg))
        .send()
        .await
        .unwrap_err();
    assert!(
        mislabelled
            .into_service_error()
            .meta()
            .message()
            .unwrap()
            .contains("bytes are png")
    );
    let text_only = client
        .converse()
        .model_id("amazon.nova-micro-v1:0")
        .messages(message(ImageFormat::Png))
        .send()
        .await
        .unwrap_err();
    assert!(text_only.into_service_error().is_validation_exception());
}
