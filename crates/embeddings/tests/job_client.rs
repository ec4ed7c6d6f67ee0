//! The job's client keeps the app's wire capture and turns the SDK's retries off.

mod job_support;

use aws_sdk_bedrockruntime::config::retry::RetryConfig;
use aws_smithy_types::Blob;
use bedrock_client::wire::{WireCapture, WireLog};
use bedrock_client::{ClientError, ErrorCode};
use embeddings::job::job_client;
use job_support::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wire_capture_survives_and_throttles_reach_the_job() {
    let emulator = emulator().await;
    let log = WireLog::new();
    let app = aws_sdk_bedrockruntime::Client::from_conf(
        config_builder(&emulator)
            .retry_config(RetryConfig::standard().with_max_attempts(3))
            .interceptor(WireCapture::new(log.clone()))
            .build(),
    );
    let job = job_client(&app);
    let invoke = |client: aws_sdk_bedrockruntime::Client| async move {
        client
            .invoke_model()
            .model_id(TITAN_V2)
            .body(Blob::new(json!({"inputText": "hello"}).to_string()))
            .send()
            .await
            .map_err(ClientError::from_sdk)
    };

    invoke(job.clone()).await.unwrap();
    let exchanges = log.exchanges();
    assert_eq!(exchanges.len(), 1, "the job's request is captured");

    // One throttle: the app's client retries it away, the job's client reports it.
    add_fault(
        &emulator,
        json!({"operation": "InvokeModel", "fault": "throttling", "times": 1}),
    )
    .await;
    invoke(app.clone()).await.unwrap();
    add_fault(
        &emulator,
        json!({"operation": "InvokeModel", "fault": "throttling", "times": 1}),
    )
    .await;
    let error = invoke(job).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Throttled);
    assert_eq!(invoke_requests(&emulator).await.len(), 1 + 2 + 1);
    assert_eq!(log.exchanges().len(), 4);
    emulator.stop().await;
}
