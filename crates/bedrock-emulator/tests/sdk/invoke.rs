//! InvokeModel, InvokeModelWithResponseStream and CountTokens through the real SDK, for every
//! model family: native bodies, native chunks, token headers, embeddings and stream faults.

use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, ConverseTokensRequest, CountTokensInput,
    InvokeModelTokensRequest, Message, ResponseStream,
};
use bedrock_emulator::Emulator;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support;

/// One family: a model, a documented request body, and where its text sits.
struct Case {
    model: &'static str,
    body: Value,
    response_text: fn(&Value) -> String,
    chunk_text: fn(&Value) -> String,
    /// A check on the family's first and last chunks.
    chunk_shapes: fn(&Value, &Value),
}

fn text_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            model: "anthropic.claude-3-haiku-20240307-v1:0",
            body: json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 300, "system": "Be brief.",
                "messages": [{"role": "user", "content": [{"type": "text", "text": "What is tracing?"}]}]}),
            response_text: |r| text_at(r, "/content/0/text"),
            chunk_text: |c| {
                if c["delta"]["type"] == "text_delta" {
                    text_at(c, "/delta/text")
                } else {
                    String::new()
                }
            },
            chunk_shapes: |first, last| {
                assert_eq!(first["type"], "message_start");
                assert_eq!(last["type"], "message_stop");
            },
        },
        Case {
            model: "meta.llama3-1-70b-instruct-v1:0",
            body: json!({"prompt": "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is tracing?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                "max_gen_len": 300, "temperature": 0.5, "top_p": 0.9}),
            response_text: |r| text_at(r, "/generation"),
            chunk_text: |c| text_at(c, "/generation"),
            chunk_shapes: |first, last| {
                assert!(first["prompt_token_count"].is_u64());
                assert_eq!(last["stop_reason"], "stop");
            },
        },
        Case {
            model: "amazon.titan-text-express-v1",
            body: json!({"inputText": "What is tracing?", "textGenerationConfig": {"maxTokenCount": 300, "temperature": 0, "topP": 0.9}}),
            response_text: |r| text_at(r, "/results/0/outputText"),
            chunk_text: |c| text_at(c, "/outputText"),
            chunk_shapes: |first, last| {
                assert_eq!(first["index"], 0);
                assert_eq!(last["completionReason"], "FINISH");
            },
        },
        Case {
            model: "amazon.nova-lite-v1:0",
            body: json!({"schemaVersion": "messages-v1", "system": [{"text": "Be brief."}],
                "messages": [{"role": "user", "content": [{"text": "What is tracing?"}]}],
                "inferenceConfig": {"max_new_tokens": 300, "temperature": 0.7}}),
            response_text: |r| text_at(r, "/output/message/content/0/text"),
            chunk_text: |c| text_at(c, "/contentBlockDelta/delta/text"),
            chunk_shapes: |first, last| {
                assert_eq!(first["messageStart"]["role"], "assistant");
                assert!(last["metadata"]["usage"]["outputTokens"].is_u64());
            },
        },
        Case {
            model: "mistral.mistral-small-2402-v1:0",
            body: json!({"prompt": "<s>[INST] What is tracing? [/INST]", "max_tokens": 300, "temperature": 0.5}),
            response_text: |r| text_at(r, "/outputs/0/text"),
            chunk_text: |c| text_at(c, "/outputs/0/text"),
            chunk_shapes: |first, last| {
                assert!(first["outputs"][0]["stop_reason"].is_null());
                assert_eq!(last["outputs"][0]["stop_reason"], "stop");
            },
        },
        Case {
            model: "mistral.mistral-large-2407-v1:0",
            body: json!({"messages": [{"role": "user", "content": "What is tracing?"}], "max_tokens": 300}),
            response_text: |r| text_at(r, "/choices/0/message/content"),
            chunk_text: |c| text_at(c, "/choices/0/message/content"),
            chunk_shapes: |first, last| {
                assert_eq!(first["choices"][0]["message"]["role"], "assistant");
                assert_eq!(last["choices"][0]["stop_reason"], "stop");
            },
        },
        Case {
            model: "cohere.command-r-v1:0",
            body: json!({"message": "What is tracing?", "chat_history": [{"role": "USER", "message": "Hi"}, {"role": "CHATBOT", "message": "Hello"}],
                "preamble": "Be brief.", "max_tokens": 300}),
            response_text: |r| text_at(r, "/text"),
            chunk_text: |c| {
                if c["event_type"] == "text-generation" {
                    text_at(c, "/text")
                } else {
                    String::new()
                }
            },
            chunk_shapes: |first, last| {
                assert_eq!(first["event_type"], "stream-start");
                assert_eq!(last["event_type"], "stream-end");
                assert_eq!(last["finish_reason"], "COMPLETE");
            },
        },
        Case {
            model: "ai21.jamba-1-5-mini-v1:0",
            body: json!({"messages": [{"role": "user", "content": "What is tracing?"}], "max_tokens": 300}),
            response_text: |r| text_at(r, "/choices/0/message/content"),
            chunk_text: |c| text_at(c, "/choices/0/delta/content"),
            chunk_shapes: |first, last| {
                assert_eq!(first["choices"][0]["delta"]["role"], "assistant");
                assert_eq!(last["choices"][0]["finish_reason"], "stop");
                assert!(last["usage"]["total_tokens"].is_u64());
            },
        },
        Case {
            model: "us.deepseek.r1-v1:0",
            body: json!({"prompt": "<\u{ff5c}begin\u{2581}of\u{2581}sentence\u{ff5c}><\u{ff5c}User\u{ff5c}>What is tracing?<\u{ff5c}Assistant\u{ff5c}><think>\n",
                "max_tokens": 2000, "temperature": 0.6}),
            response_text: |r| text_at(r, "/choices/0/text"),
            chunk_text: |c| text_at(c, "/choices/0/text"),
            chunk_shapes: |_, last| {
                assert_eq!(last["choices"][0]["stop_reason"], "stop");
            },
        },
    ]
}

async fn invoke_json(client: &aws_sdk_bedrockruntime::Client, model: &str, body: &Value) -> Value {
    let output = client
        .invoke_model()
        .model_id(model)
        .body(Blob::new(body.to_string()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{model}: {e:?}"));
    assert_eq!(output.content_type(), "application/json");
    serde_json::from_slice(output.body().as_ref()).expect("a JSON body")
}

/// The decoded native chunks of a stream, and the error that ended it early, if any.
async fn stream_chunks(
    client: &aws_sdk_bedrockruntime::Client,
    model: &str,
    body: &Value,
    behaviour: Option<&'static str>,
) -> (Vec<Value>, Option<String>) {
    let mut request = client
        .invoke_model_with_response_stream()
        .model_id(model)
        .body(Blob::new(body.to_string()))
        .customize();
    if let Some(behaviour) = behaviour {
        request = request.mutate_request(move |req| {
            req.headers_mut().insert("x-bedrock-emulator", behaviour);
        });
    }
    let mut output = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{model}: {e:?}"));
    assert_eq!(output.content_type(), "application/json");
    let mut chunks = Vec::new();
    loop {
        match output.body.recv().await {
            Ok(Some(ResponseStream::Chunk(part))) => {
                let bytes = part.bytes().expect("chunk bytes");
                chunks.push(serde_json::from_slice(bytes.as_ref()).expect("a JSON chunk"));
            }
            Ok(Some(_)) => panic!("unexpected stream event"),
            Ok(None) => return (chunks, None),
            Err(error) => return (chunks, Some(format!("{error:?}"))),
        }
    }
}

#[tokio::test]
async fn every_family_invokes_and_streams_the_same_text() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for case in cases() {
        let response = invoke_json(&client, case.model, &case.body).await;
        let text = (case.response_text)(&response);
        assert!(text.contains("[Emulated"), "{}: {response}", case.model);

        let (chunks, error) = stream_chunks(&client, case.model, &case.body, None).await;
        assert!(error.is_none(), "{}: {error:?}", case.model);
        assert!(chunks.len() > 3, "{}", case.model);
        let streamed: String = chunks.iter().map(case.chunk_text).collect();
        assert_eq!(streamed, text, "{}", case.model);
        let (first, last) = (&chunks[0], chunks.last().unwrap());
        (case.chunk_shapes)(first, last);
        let metrics = &last["amazon-bedrock-invocationMetrics"];
        for key in [
            "inputTokenCount",
            "outputTokenCount",
            "invocationLatency",
            "firstByteLatency",
        ] {
            assert!(metrics[key].is_u64(), "{}: {key} in {last}", case.model);
        }
        assert!(
            chunks[..chunks.len() - 1]
                .iter()
                .all(|c| c.get("amazon-bedrock-invocationMetrics").is_none()),
            "{}",
            case.model
        );
    }
}

#[tokio::test]
async fn a_body_that_does_not_fit_the_family_is_malformed() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for case in cases() {
        let mut body = case.body.clone();
        body["foo"] = json!(1);
        let error = client
            .invoke_model()
            .model_id(case.model)
            .body(Blob::new(body.to_string()))
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(error.is_validation_exception(), "{}: {error:?}", case.model);
        let message = error.meta().message().unwrap_or_default();
        // A Messages API body's violations follow the text-completion schema's failure.
        let messages_api = if case.model.starts_with("anthropic.") {
            "#: subject must not be valid against schema {\"required\":[\"messages\"]}"
        } else {
            ""
        };
        assert!(
            message.starts_with(&format!(
                "Malformed input request: {messages_api}#: extraneous key [foo] is not permitted"
            )),
            "{}: {message}",
            case.model
        );
    }
    let error = client
        .invoke_model()
        .model_id("anthropic.claude-3-haiku-20240307-v1:0")
        .body(Blob::new(
            json!({"anthropic_version": "bedrock-2023-05-31", "messages": []}).to_string(),
        ))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        error.meta().message(),
        Some(
            "Malformed input request: #: subject must not be valid against schema {\"required\":[\"messages\"]}#: required key [max_tokens] not found, please reformat your input and try again."
        )
    );
}

/// A raw HTTP exchange, to read the headers the SDK's output types do not expose.
async fn raw_post(emulator: &Emulator, path: &str, body: &str) -> (u16, Vec<(String, String)>) {
    let mut stream = tokio::net::TcpStream::connect(emulator.address())
        .await
        .unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw);
    let head = text.split("\r\n\r\n").next().unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    (status, headers)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn invoke_responses_carry_token_and_latency_headers() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let case = &cases()[0];
    let path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke";
    let (status, headers) = raw_post(&emulator, path, &case.body.to_string()).await;
    assert_eq!(status, 200);
    let response = invoke_json(&client, case.model, &case.body).await;
    assert_eq!(
        header(&headers, "x-amzn-bedrock-input-token-count"),
        Some(response["usage"]["input_tokens"].to_string().as_str())
    );
    assert_eq!(
        header(&headers, "x-amzn-bedrock-output-token-count"),
        Some(response["usage"]["output_tokens"].to_string().as_str())
    );
    let latency: u64 = header(&headers, "x-amzn-bedrock-invocation-latency")
        .unwrap()
        .parse()
        .unwrap();
    assert!(latency >= 1);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));

    let (status, headers) = raw_post(
        &emulator,
        "/model/amazon.titan-embed-text-v2%3A0/invoke",
        r#"{"inputText":"hello world"}"#,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "x-amzn-bedrock-input-token-count"),
        Some("2")
    );
    assert!(header(&headers, "x-amzn-bedrock-invocation-latency").is_some());
    assert!(header(&headers, "x-amzn-bedrock-output-token-count").is_none());

    let (status, headers) = raw_post(
        &emulator,
        "/model/amazon.nova-lite-v1%3A0/invoke-with-response-stream",
        &cases()[3].body.to_string(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "x-amzn-bedrock-content-type"),
        Some("application/json")
    );
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/vnd.amazon.eventstream")
    );
}

async fn embed(
    client: &aws_sdk_bedrockruntime::Client,
    model: &str,
    body: Value,
) -> Result<Value, String> {
    client
        .invoke_model()
        .model_id(model)
        .body(Blob::new(body.to_string()))
        .send()
        .await
        .map(|out| serde_json::from_slice(out.body().as_ref()).unwrap())
        .map_err(|e| {
            let error = e.into_service_error();
            assert!(error.is_validation_exception(), "{error:?}");
            error.meta().message().unwrap_or_default().to_owned()
        })
}

#[tokio::test]
async fn embedding_models_answer_in_their_formats() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let v1 = embed(
        &client,
        "amazon.titan-embed-text-v1",
        json!({"inputText": "hello"}),
    )
    .await
    .unwrap();
    assert_eq!(v1["embedding"].as_array().unwrap().len(), 1536);
    assert!(v1["inputTextTokenCount"].is_u64());

    let v2 = "amazon.titan-embed-text-v2:0";
    for dims in [256, 512, 1024] {
        let out = embed(
            &client,
            v2,
            json!({"inputText": "hello", "dimensions": dims, "normalize": true}),
        )
        .await
        .unwrap();
        assert_eq!(out["embedding"].as_array().unwrap().len(), dims);
    }
    let message = embed(
        &client,
        v2,
        json!({"inputText": "hello", "dimensions": 300}),
    )
    .await
    .unwrap_err();
    assert!(message.contains("Malformed input request"), "{message}");

    let cohere = "cohere.embed-english-v3";
    let texts = |n: usize| json!((0..n).map(|i| format!("text {i}")).collect::<Vec<_>>());
    let out = embed(
        &client,
        cohere,
        json!({"texts": texts(96), "input_type": "search_document"}),
    )
    .await
    .unwrap();
    assert_eq!(out["embeddings"].as_array().unwrap().len(), 96);
    assert_eq!(out["embeddings"][0].as_array().unwrap().len(), 1024);
    assert_eq!(out["response_type"], "embeddings_floats");
    let message = embed(
        &client,
        cohere,
        json!({"texts": texts(97), "input_type": "search_document"}),
    )
    .await
    .unwrap_err();
    assert!(
        message.contains("expected maximum item count: 96"),
        "{message}"
    );

    let error = client
        .invoke_model_with_response_stream()
        .model_id(v2)
        .body(Blob::new(json!({"inputText": "hello"}).to_string()))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(error.is_validation_exception(), "{error:?}");
    assert_eq!(
        error.meta().message(),
        Some("The model is unsupported for streaming.")
    );
}

// Shapes from https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html
#[tokio::test]
async fn cohere_embed_v4_answers_as_bedrock_does() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for model in ["cohere.embed-v4:0", "us.cohere.embed-v4:0"] {
        let out = embed(
            &client,
            model,
            json!({"texts": ["RAG design", "loss triangles"], "input_type": "search_document"}),
        )
        .await
        .unwrap();
        assert_eq!(out["response_type"], "embeddings_floats");
        assert_eq!(out["embeddings"][1].as_array().unwrap().len(), 1536);
    }
    let out = embed(
        &client,
        "cohere.embed-v4:0",
        json!({"texts": ["x"], "input_type": "search_query", "embedding_types": ["float", "int8"], "output_dimension": 512, "truncate": "RIGHT"}),
    )
    .await
    .unwrap();
    assert_eq!(out["response_type"], "embeddings_by_type");
    assert_eq!(out["embeddings"]["float"][0].as_array().unwrap().len(), 512);
    assert_eq!(out["embeddings"]["int8"][0].as_array().unwrap().len(), 512);
    let message = embed(
        &client,
        "cohere.embed-v4:0",
        json!({"texts": ["x"], "input_type": "search_query", "output_dimension": 768}),
    )
    .await
    .unwrap_err();
    assert!(message.contains("output_dimension"), "{message}");
    // v3 knows no output_dimension.
    let message = embed(
        &client,
        "cohere.embed-english-v3",
        json!({"texts": ["x"], "input_type": "search_query", "output_dimension": 512}),
    )
    .await
    .unwrap_err();
    assert!(
        message.contains("extraneous key [output_dimension]"),
        "{message}"
    );
}

#[tokio::test]
async fn count_tokens_takes_converse_and_invoke_inputs() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let model = "anthropic.claude-3-haiku-20240307-v1:0";
    let converse = ConverseTokensRequest::builder()
        .messages(
            Message::builder()
                .role(ConversationRole::User)
                .content(ContentBlock::Text("What is tracing?".into()))
                .build()
                .unwrap(),
        )
        .build();
    let by_converse = client
        .count_tokens()
        .model_id(model)
        .input(CountTokensInput::Converse(converse))
        .send()
        .await
        .unwrap()
        .input_tokens();
    let native = json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 10,
        "messages": [{"role": "user", "content": "What is tracing?"}]});
    let by_invoke = client
        .count_tokens()
        .model_id(model)
        .input(CountTokensInput::InvokeModel(
            InvokeModelTokensRequest::builder()
                .body(Blob::new(native.to_string()))
                .build()
                .unwrap(),
        ))
        .send()
        .await
        .unwrap()
        .input_tokens();
    assert!(by_converse > 0);
    assert_eq!(by_converse, by_invoke);

    let error = client
        .count_tokens()
        .model_id(model)
        .input(CountTokensInput::InvokeModel(
            InvokeModelTokensRequest::builder()
                .body(Blob::new(r#"{"prompt":"x"}"#))
                .build()
                .unwrap(),
        ))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(error.is_validation_exception(), "{error:?}");
}

#[tokio::test]
async fn stream_faults_reach_the_sdk_consumer() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let case = &cases()[0];
    let (chunks, error) = stream_chunks(
        &client,
        case.model,
        &case.body,
        Some("fault=stream-error; after=3"),
    )
    .await;
    assert_eq!(chunks.len(), 3);
    let error = error.expect("the stream fails");
    assert!(error.contains("ModelStreamError"), "{error}");

    let (chunks, error) =
        stream_chunks(&client, case.model, &case.body, Some("fault=drop; after=2")).await;
    assert_eq!(chunks.len(), 2);
    assert!(error.is_some(), "a dropped connection is an error");
}
