//! Converse and ConverseStream refuse, word for word, what real Bedrock refuses.

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::http::HttpResponse;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    AnyToolChoice, CachePointBlock, CachePointType, ContentBlock, ConversationRole, DocumentBlock,
    DocumentFormat, DocumentSource, ImageBlock, ImageFormat, ImageSource, InferenceConfiguration,
    Message, SystemContentBlock, Tool, ToolChoice, ToolConfiguration, ToolInputSchema,
    ToolResultBlock, ToolResultContentBlock, ToolSpecification, ToolUseBlock,
};
use aws_smithy_types::Document;

use crate::support;

const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";
const LLAMA: &str = "meta.llama3-1-70b-instruct-v1:0";
const NOVA: &str = "amazon.nova-pro-v1:0";
const DEEPSEEK: &str = "us.deepseek.r1-v1:0";

#[derive(Clone)]
struct Call {
    model: &'static str,
    messages: Vec<Message>,
    system: Option<Vec<SystemContentBlock>>,
    tools: Option<ToolConfiguration>,
    inference: Option<InferenceConfiguration>,
}

impl Call {
    fn new(model: &'static str, messages: Vec<Message>) -> Self {
        Self {
            model,
            messages,
            system: None,
            tools: None,
            inference: None,
        }
    }

    fn tools(mut self, tools: ToolConfiguration) -> Self {
        self.tools = Some(tools);
        self
    }

    fn inference(mut self, inference: InferenceConfiguration) -> Self {
        self.inference = Some(inference);
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Rejection {
    code: String,
    status: u16,
    message: String,
}

fn rejection<E: ProvideErrorMetadata>(error: SdkError<E, HttpResponse>) -> Rejection {
    match error {
        SdkError::ServiceError(service) => Rejection {
            status: service.raw().status().as_u16(),
            code: service.err().code().unwrap_or_default().to_owned(),
            message: service.err().message().unwrap_or_default().to_owned(),
        },
        other => panic!("expected a service error, got {:?}", other.to_string()),
    }
}

async fn converse(client: &Client, call: &Call) -> Result<(), Rejection> {
    client
        .converse()
        .model_id(call.model)
        .set_messages(Some(call.messages.clone()))
        .set_system(call.system.clone())
        .set_tool_config(call.tools.clone())
        .set_inference_config(call.inference.clone())
        .send()
        .await
        .map(drop)
        .map_err(rejection)
}

async fn converse_stream(client: &Client, call: &Call) -> Result<(), Rejection> {
    let mut output = client
        .converse_stream()
        .model_id(call.model)
        .set_messages(Some(call.messages.clone()))
        .set_system(call.system.clone())
        .set_tool_config(call.tools.clone())
        .set_inference_config(call.inference.clone())
        .send()
        .await
        .map_err(rejection)?;
    while output
        .stream
        .recv()
        .await
        .expect("a clean stream")
        .is_some()
    {}
    Ok(())
}

fn validation(message: &str) -> Rejection {
    Rejection {
        code: "ValidationException".into(),
        status: 400,
        message: message.into(),
    }
}

/// Both operations refuse `call` with a ValidationException (400) saying exactly `message`.
async fn both_refuse(client: &Client, call: Call, message: &str) {
    assert_eq!(converse(client, &call).await, Err(validation(message)));
    assert_eq!(
        converse_stream(client, &call).await,
        Err(validation(message))
    );
}

async fn both_accept(client: &Client, call: Call) {
    assert_eq!(converse(client, &call).await, Ok(()));
    assert_eq!(converse_stream(client, &call).await, Ok(()));
}

fn turn(role: ConversationRole, blocks: Vec<ContentBlock>) -> Message {
    Message::builder()
        .role(role)
        .set_content(Some(blocks))
        .build()
        .unwrap()
}

fn user(text: &str) -> Message {
    turn(
        ConversationRole::User,
        vec![ContentBlock::Text(text.into())],
    )
}

fn assistant(text: &str) -> Message {
    turn(
        ConversationRole::Assistant,
        vec![ContentBlock::Text(text.into())],
    )
}

fn tool_use(id: &str) -> ContentBlock {
    ContentBlock::ToolUse(
        ToolUseBlock::builder()
            .tool_use_id(id)
            .name("get_weather")
            .input(Document::Object(
                [("city".to_owned(), Document::String("Lisbon".into()))].into(),
            ))
            .build()
            .unwrap(),
    )
}

fn tool_result(id: &str, content: ToolResultContentBlock) -> ContentBlock {
    ContentBlock::ToolResult(
        ToolResultBlock::builder()
            .tool_use_id(id)
            .content(content)
            .build()
            .unwrap(),
    )
}

fn sunny(id: &str) -> ContentBlock {
    tool_result(id, ToolResultContentBlock::Text("18 degrees".into()))
}

fn weather_tools() -> ToolConfiguration {
    named_tool("get_weather")
}

fn named_tool(name: &str) -> ToolConfiguration {
    ToolConfiguration::builder()
        .tools(Tool::ToolSpec(
            ToolSpecification::builder()
                .name(name)
                .input_schema(ToolInputSchema::Json(Document::Object(
                    [("type".to_owned(), Document::String("object".into()))].into(),
                )))
                .build()
                .unwrap(),
        ))
        .build()
        .unwrap()
}

/// A question, the assistant's tool calls, and the user's next turn.
fn tool_turns(ids: &[&str], answer: Vec<ContentBlock>) -> Vec<Message> {
    vec![
        user("Weather in Lisbon?"),
        turn(
            ConversationRole::Assistant,
            ids.iter().map(|id| tool_use(id)).collect(),
        ),
        turn(ConversationRole::User, answer),
    ]
}

fn png(size: usize) -> ContentBlock {
    let mut bytes = vec![0u8; size];
    bytes[..4].copy_from_slice(&[0x89, b'P', b'N', b'G']);
    ContentBlock::Image(
        ImageBlock::builder()
            .format(ImageFormat::Png)
            .source(ImageSource::Bytes(Blob::new(bytes)))
            .build()
            .unwrap(),
    )
}

fn document(name: &str, size: usize) -> ContentBlock {
    ContentBlock::Document(
        DocumentBlock::builder()
            .format(DocumentFormat::Txt)
            .name(name)
            .source(DocumentSource::Bytes(Blob::new(vec![b'a'; size])))
            .build()
            .unwrap(),
    )
}

async fn client() -> (bedrock_emulator::Emulator, Client) {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    (emulator, client)
}

#[tokio::test]
async fn blank_text_blocks_are_refused_with_their_path() {
    let (_emulator, client) = client().await;
    for blank in ["", "  \n\t"] {
        let call = Call::new(HAIKU, vec![user("Hi"), assistant(blank), user("Again")]);
        both_refuse(
            &client,
            call,
            "The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to the text field, and try again.",
        )
        .await;
    }
}

#[tokio::test]
async fn conversations_start_with_the_user_and_alternate() {
    let (_emulator, client) = client().await;
    both_refuse(
        &client,
        Call::new(HAIKU, vec![assistant("Hello"), user("Hi")]),
        "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
    )
    .await;
    both_refuse(
        &client,
        Call::new(HAIKU, vec![user("One"), user("Two")]),
        "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
    )
    .await;
}

#[tokio::test]
async fn every_tool_call_needs_its_result() {
    let (_emulator, client) = client().await;
    let call = Call::new(
        HAIKU,
        tool_turns(
            &["tooluse_a", "tooluse_b"],
            vec![ContentBlock::Text("Never mind".into())],
        ),
    )
    .tools(weather_tools());
    both_refuse(
        &client,
        call,
        "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a, tooluse_b",
    )
    .await;
}

#[tokio::test]
async fn results_may_not_outnumber_the_calls() {
    let (_emulator, client) = client().await;
    let call = Call::new(
        HAIKU,
        tool_turns(
            &["tooluse_a"],
            vec![sunny("tooluse_a"), sunny("tooluse_extra")],
        ),
    )
    .tools(weather_tools());
    both_refuse(
        &client,
        call,
        "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.",
    )
    .await;
}

#[tokio::test]
async fn tool_blocks_need_a_tool_config() {
    let (_emulator, client) = client().await;
    let call = Call::new(
        HAIKU,
        tool_turns(&["tooluse_a"], vec![ContentBlock::Text("Thanks".into())]),
    );
    both_refuse(
        &client,
        call,
        "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
    )
    .await;
}

#[tokio::test]
async fn tool_use_ids_are_unique_in_a_turn() {
    let (_emulator, client) = client().await;
    let call = Call::new(
        HAIKU,
        tool_turns(&["tooluse_a", "tooluse_a"], vec![sunny("tooluse_a")]),
    )
    .tools(weather_tools());
    both_refuse(
        &client,
        call,
        "The toolUse blocks at messages.1.content contain duplicate Ids: tooluse_a",
    )
    .await;
}

#[tokio::test]
async fn only_some_models_take_text_beside_tool_results() {
    let (_emulator, client) = client().await;
    let mixed = || {
        tool_turns(
            &["tooluse_a"],
            vec![
                sunny("tooluse_a"),
                ContentBlock::Text("And tomorrow?".into()),
            ],
        )
    };
    let llama = Call::new(LLAMA, mixed()).tools(weather_tools());
    assert_eq!(
        converse(&client, &llama).await,
        Err(validation(
            "messages.2.content: Conversation blocks and tool result blocks cannot be provided in the same turn."
        ))
    );
    both_accept(&client, Call::new(HAIKU, mixed()).tools(weather_tools())).await;
    both_accept(&client, Call::new(NOVA, mixed()).tools(weather_tools())).await;
}

#[tokio::test]
async fn tool_result_json_must_be_an_object() {
    let (_emulator, client) = client().await;
    let listed = tool_result(
        "tooluse_a",
        ToolResultContentBlock::Json(Document::Array(vec![Document::from(18u64)])),
    );
    let call = Call::new(HAIKU, tool_turns(&["tooluse_a"], vec![listed])).tools(weather_tools());
    both_refuse(
        &client,
        call,
        "The format of the value at messages.2.content.0.toolResult.content.0.json is invalid. Provide a json object for the field and try again.",
    )
    .await;
}

fn forced_tools() -> ToolConfiguration {
    ToolConfiguration::builder()
        .set_tools(Some(weather_tools().tools().to_vec()))
        .tool_choice(ToolChoice::Any(AnyToolChoice::builder().build()))
        .build()
        .unwrap()
}

#[tokio::test]
async fn tool_choice_any_is_for_claude_mistral_large_and_nova() {
    let (_emulator, client) = client().await;
    let llama = Call::new(LLAMA, vec![user("Weather?")]).tools(forced_tools());
    assert_eq!(
        converse(&client, &llama).await,
        Err(validation(
            "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again."
        ))
    );
    both_accept(
        &client,
        Call::new(HAIKU, vec![user("Weather?")]).tools(forced_tools()),
    )
    .await;
}

#[tokio::test]
async fn some_models_use_tools_only_without_streaming() {
    let (_emulator, client) = client().await;
    let call = Call::new(LLAMA, vec![user("Weather in Lisbon?")]).tools(weather_tools());
    assert_eq!(converse(&client, &call).await, Ok(()));
    assert_eq!(
        converse_stream(&client, &call).await,
        Err(validation(
            "This model doesn't support tool use in streaming mode."
        ))
    );
    both_accept(
        &client,
        Call::new(NOVA, vec![user("Weather in Lisbon?")]).tools(weather_tools()),
    )
    .await;
}

#[tokio::test]
async fn models_without_tool_use_refuse_a_tool_config() {
    let (_emulator, client) = client().await;
    for model in [DEEPSEEK, "amazon.titan-text-express-v1"] {
        let call = Call::new(model, vec![user("Weather?")]).tools(weather_tools());
        assert_eq!(
            converse(&client, &call).await,
            Err(validation("This model doesn't support tool use.")),
            "{model}"
        );
        assert_eq!(
            converse_stream(&client, &call).await,
            Err(validation(
                "This model doesn't support tool use in streaming mode."
            )),
            "{model}"
        );
    }
}

fn stops(count: usize) -> InferenceConfiguration {
    InferenceConfiguration::builder()
        .set_stop_sequences(Some((0..count).map(|i| format!("STOP{i}")).collect()))
        .build()
}

#[tokio::test]
async fn llama_and_deepseek_take_no_stop_sequences() {
    let (_emulator, client) = client().await;
    for model in [LLAMA, DEEPSEEK] {
        both_refuse(
            &client,
            Call::new(model, vec![user("Count")]).inference(stops(1)),
            "This model doesn't support the stopSequences field. Remove stopSequences and try again.",
        )
        .await;
    }
    both_accept(
        &client,
        Call::new(HAIKU, vec![user("Count")]).inference(stops(4)),
    )
    .await;
}

fn max_tokens(max: i32) -> InferenceConfiguration {
    InferenceConfiguration::builder().max_tokens(max).build()
}

#[tokio::test]
async fn max_tokens_stop_at_the_model_limit() {
    let (_emulator, client) = client().await;
    both_refuse(
        &client,
        Call::new(HAIKU, vec![user("Long story")]).inference(max_tokens(100_000)),
        "The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.",
    )
    .await;
    both_refuse(
        &client,
        Call::new("us.anthropic.claude-sonnet-4-20250514-v1:0", vec![user("Long story")])
            .inference(max_tokens(64_001)),
        "The maximum tokens you requested exceeds the model limit of 64000. Try again with a maximum tokens value that is lower than 64000.",
    )
    .await;
    both_accept(
        &client,
        Call::new(HAIKU, vec![user("Long story")]).inference(max_tokens(4096)),
    )
    .await;
}

#[tokio::test]
async fn member_constraints_use_the_service_wording() {
    let (_emulator, client) = client().await;
    let call = |inference| Call::new(HAIKU, vec![user("Hi")]).inference(inference);
    both_refuse(
        &client,
        call(InferenceConfiguration::builder().temperature(1.5).build()),
        "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    )
    .await;
    both_refuse(
        &client,
        call(max_tokens(0)),
        "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
    .await;
    both_refuse(
        &client,
        call(
            InferenceConfiguration::builder()
                .max_tokens(0)
                .temperature(-1.0)
                .top_p(2.0)
                .build(),
        ),
        "3 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '-1.0' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value greater than or equal to 0; Value '2.0' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1",
    )
    .await;
}

#[tokio::test]
async fn stop_sequences_are_limited_by_the_service_model() {
    let (_emulator, client) = client().await;
    let call = Call::new(HAIKU, vec![user("Hi")]).inference(stops(5));
    let error = converse(&client, &call).await.unwrap_err();
    assert_eq!(
        error.message,
        "1 validation error detected: Value '[STOP0, STOP1, STOP2, STOP3, STOP4]' at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 4"
    );
    let four = Call::new(HAIKU, vec![user("Hi")]).inference(stops(4));
    assert!(converse(&client, &four).await.is_ok());
}

#[tokio::test]
async fn member_constraints_come_before_the_conversation_rules() {
    let (_emulator, client) = client().await;
    let call = Call::new(HAIKU, vec![assistant(" ")])
        .inference(InferenceConfiguration::builder().top_p(1.5).build());
    both_refuse(
        &client,
        call,
        "1 validation error detected: Value '1.5' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1",
    )
    .await;
}

#[tokio::test]
async fn claude_refuses_images_over_5_mb() {
    let (_emulator, client) = client().await;
    let message = turn(
        ConversationRole::User,
        vec![
            ContentBlock::Text("Look".into()),
            ContentBlock::Text("closely".into()),
            png(7_167_852),
        ],
    );
    both_refuse(
        &client,
        Call::new(HAIKU, vec![message]),
        "The model returned the following errors: messages.0.content.2.image.source.bytes: image exceeds 5 MB maximum: 7167852 bytes > 5242880 bytes",
    )
    .await;
}

#[tokio::test]
async fn claude_takes_at_most_20_images_and_documents() {
    let (_emulator, client) = client().await;
    let mut blocks: Vec<ContentBlock> = (0..21).map(|_| png(64)).collect();
    blocks.push(ContentBlock::Text("Compare them".into()));
    both_refuse(
        &client,
        Call::new(HAIKU, vec![turn(ConversationRole::User, blocks)]),
        "The model returned the following errors: too many images and documents: 21 + 0 > 20",
    )
    .await;
}

#[tokio::test]
async fn documents_are_at_most_5_of_at_most_4_5_mb() {
    let (_emulator, client) = client().await;
    let mut six: Vec<ContentBlock> = (0..6).map(|i| document(&format!("doc{i}"), 16)).collect();
    six.push(ContentBlock::Text("Summarise".into()));
    both_refuse(
        &client,
        Call::new(NOVA, vec![turn(ConversationRole::User, six)]),
        "You can't include more than 5 documents in a request. Reduce the number of documents and retry your request.",
    )
    .await;
    let big = vec![
        document("big", 4_718_593),
        ContentBlock::Text("Summarise".into()),
    ];
    both_refuse(
        &client,
        Call::new(NOVA, vec![turn(ConversationRole::User, big)]),
        "The maximum document size is 4.5 MB. Reduce the size of your document and retry your request.",
    )
    .await;
}

#[tokio::test]
async fn model_identifiers_are_checked_word_for_word() {
    let (_emulator, client) = client().await;
    both_refuse(
        &client,
        Call::new("anthropic.claude-9", vec![user("Hi")]),
        "The provided model identifier is invalid.",
    )
    .await;
    both_refuse(
        &client,
        Call::new("anthropic.claude-3-7-sonnet-20250219-v1:0", vec![user("Hi")]),
        "Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn\u{2019}t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    )
    .await;
}

#[tokio::test]
async fn tool_names_and_system_text_follow_the_service_model() {
    let (_emulator, client) = client().await;
    both_refuse(
        &client,
        Call::new(HAIKU, vec![user("Search")]).tools(named_tool("kb.search")),
        "1 validation error detected: Value 'kb.search' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+",
    )
    .await;
    let long = "a".repeat(65);
    both_refuse(
        &client,
        Call::new(HAIKU, vec![user("Search")]).tools(named_tool(&long)),
        &format!("1 validation error detected: Value '{long}' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must have length less than or equal to 64"),
    )
    .await;
    let mut call = Call::new(HAIKU, vec![user("Hi")]);
    call.system = Some(vec![SystemContentBlock::Text(String::new())]);
    both_refuse(
        &client,
        call,
        "1 validation error detected: Value '' at 'system.1.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
    .await;
}

#[tokio::test]
async fn claude_refuses_input_beyond_its_context_window() {
    let (_emulator, client) = client().await;
    let long = "word ".repeat(200_001);
    both_refuse(
        &client,
        Call::new(HAIKU, vec![user(&long)]),
        "The model returned the following errors: Input is too long for requested model.",
    )
    .await;
    both_accept(&client, Call::new(HAIKU, vec![user(&"word ".repeat(1000))])).await;
}

fn cache_point() -> CachePointBlock {
    CachePointBlock::builder()
        .r#type(CachePointType::Default)
        .build()
        .unwrap()
}

/// Only the models of the user guide's prompt-caching list take a cache point; the others are
/// refused as a matter of access.
#[tokio::test]
async fn cache_points_need_a_model_with_prompt_caching() {
    let (_emulator, client) = client().await;
    let denied = Rejection {
        code: "AccessDeniedException".into(),
        status: 403,
        message: "You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.".into(),
    };
    let cached_turn = turn(
        ConversationRole::User,
        vec![
            ContentBlock::Text("Hi".into()),
            ContentBlock::CachePoint(cache_point()),
        ],
    );
    for model in [HAIKU, LLAMA] {
        let call = Call::new(model, vec![cached_turn.clone()]);
        assert_eq!(converse(&client, &call).await, Err(denied.clone()));
        assert_eq!(converse_stream(&client, &call).await, Err(denied.clone()));
    }
    let mut in_system = Call::new(HAIKU, vec![user("Hi")]);
    in_system.system = Some(vec![
        SystemContentBlock::Text("Be brief.".into()),
        SystemContentBlock::CachePoint(cache_point()),
    ]);
    assert_eq!(converse(&client, &in_system).await, Err(denied.clone()));
    for model in [NOVA, "us.anthropic.claude-3-7-sonnet-20250219-v1:0"] {
        both_accept(&client, Call::new(model, vec![cached_turn.clone()])).await;
    }
}

/// Access and retirement answer in Bedrock's words, before the stream starts.
#[tokio::test]
async fn denied_and_retired_models_are_worded_as_bedrock_words_them() {
    let (emulator, client) = client().await;
    let denied = Rejection {
        code: "AccessDeniedException".into(),
        status: 403,
        message: "You don't have access to the model with the specified model ID.".into(),
    };
    let opus = Call::new("anthropic.claude-3-opus-20240229-v1:0", vec![user("Hi")]);
    assert_eq!(converse(&client, &opus).await, Err(denied.clone()));
    assert_eq!(converse_stream(&client, &opus).await, Err(denied.clone()));
    emulator.state().catalogue.set_access(HAIKU, false).unwrap();
    let haiku = Call::new(HAIKU, vec![user("Hi")]);
    assert_eq!(converse_stream(&client, &haiku).await, Err(denied));
    emulator.state().catalogue.set_access(HAIKU, true).unwrap();
    both_accept(&client, haiku).await;
    let retired = Rejection {
        code: "ResourceNotFoundException".into(),
        status: 404,
        message: "This model version has reached the end of its life. Please refer to the AWS documentation for more details.".into(),
    };
    let claude_v2 = Call::new("anthropic.claude-v2:1", vec![user("Hi")]);
    assert_eq!(converse(&client, &claude_v2).await, Err(retired.clone()));
    assert_eq!(converse_stream(&client, &claude_v2).await, Err(retired));
}
