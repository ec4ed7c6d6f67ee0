//! Attachments and additional model request fields, sent to the emulator through the real SDK.

mod common;

use std::time::Duration;

use bedrock_client::ErrorCode;
use bedrock_client::chat::attachments::{MAX_DOCUMENTS_PER_MESSAGE, MAX_IMAGE_BYTES};
use bedrock_client::chat::{
    Attachment, ChatMessage, ChatOutcome, ChatRequest, ChatRole, InferenceParams, stream_chat,
};
use common::setup;
use tokio_util::sync::CancellationToken;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";

fn attachment(name: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        name: name.into(),
        data_base64: aws_smithy_types::base64::encode(bytes),
    }
}

fn request(attachments: Vec<Attachment>, additional_fields_json: Option<&str>) -> ChatRequest {
    ChatRequest {
        model_id: "amazon.nova-pro-v1:0".into(),
        system_prompt: String::new(),
        messages: vec![ChatMessage {
            role: ChatRole::User,
            text: "What do these show?".into(),
            attachments,
            tool_calls: vec![],
            tool_answers: vec![],
            reasoning: vec![],
        }],
        params: InferenceParams {
            max_tokens: Some(300),
            ..InferenceParams::default()
        },
        additional_fields_json: additional_fields_json.map(str::to_owned),
        tools_json: None,
    }
}

async fn send(client: &aws_sdk_bedrockruntime::Client, request: &ChatRequest) -> ChatOutcome {
    stream_chat(client, request, &mut Vec::new(), &CancellationToken::new()).await
}

#[tokio::test]
async fn an_image_a_document_and_additional_fields_reach_the_model() {
    let (emulator, client) = setup(Duration::ZERO).await;
    let outcome = send(
        &client,
        &request(
            vec![
                attachment("chart.png", PNG),
                attachment("Q3_report.final.pdf", PDF),
            ],
            Some(r#"{"inferenceConfig": {"topK": 20}}"#),
        ),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let expected = format!(
        "You attached an image (png, {} bytes), a document \"Q3 report final\" (pdf, {} bytes).",
        PNG.len(),
        PDF.len()
    );
    assert!(outcome.text.contains(&expected), "{}", outcome.text);
    let recorded = emulator.state().recorder.all();
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        (recorded[0].operation.as_str(), recorded[0].status),
        ("ConverseStream", 200)
    );
}

#[tokio::test]
async fn additional_fields_are_sent_as_given() {
    let (emulator, client) = setup(Duration::ZERO).await;
    let outcome = send(&client, &request(vec![], Some(r#"{"top_k": 20}"#))).await;
    let error = outcome.error.expect("Nova has no top_k field");
    assert_eq!(error.code, ErrorCode::InvalidRequest);
    assert!(error.message.contains("top_k"), "{}", error.message);
    assert_eq!(emulator.state().recorder.all().len(), 1);
}

#[tokio::test]
async fn over_limit_attachments_and_bad_fields_fail_before_sending() {
    let (emulator, client) = setup(Duration::ZERO).await;
    let mut huge_png = PNG.to_vec();
    huge_png.resize(MAX_IMAGE_BYTES + 1, 0);
    let too_big = send(
        &client,
        &request(vec![attachment("huge.png", &huge_png)], None),
    )
    .await;
    let error = too_big.error.expect("image over 3.75 MB");
    assert_eq!(error.code, ErrorCode::InvalidRequest);
    assert!(error.message.contains("huge.png") && error.message.contains("3.75 MB"));

    let documents = (0..=MAX_DOCUMENTS_PER_MESSAGE)
        .map(|n| attachment(&format!("part {n}.pdf"), PDF))
        .collect();
    let too_many = send(&client, &request(documents, None)).await;
    assert!(too_many.error.unwrap().message.contains("6 documents"));

    let not_json = send(&client, &request(vec![], Some("{top_k: 20}"))).await;
    let error = not_json.error.expect("invalid JSON");
    assert!(
        error.message.contains("line 1 column 2"),
        "{}",
        error.message
    );

    assert!(emulator.state().recorder.all().is_empty());
}
