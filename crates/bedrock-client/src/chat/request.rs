//! What the user asks for, and its translation into a ConverseStream call.

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::operation::converse::builders::ConverseFluentBuilder;
use aws_sdk_bedrockruntime::operation::converse_stream::builders::ConverseStreamFluentBuilder;
use aws_sdk_bedrockruntime::types::{
    InferenceConfiguration, Message, SystemContentBlock, ToolConfiguration,
};
use aws_smithy_types::Document;
use serde::{Deserialize, Serialize};

use super::additional_fields::parse_additional_fields;
use super::attachments::{self, Attachment};
use super::messages::converse_messages;
use super::reasoning::ReasoningBlock;
use super::tools::{ToolAnswer, ToolCall, parse_tools};
use crate::error::{ClientError, ErrorCode};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatRole {
    User,
    Assistant,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    pub role: ChatRole,
    pub text: String,
    /// Sent as image and document blocks ahead of the text.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// In assistant messages: the tool calls the model made.
    #[serde(default)]
    pub tool_calls: Vec<ToolCall>,
    /// In user messages: answers to the previous message's tool calls.
    #[serde(default)]
    pub tool_answers: Vec<ToolAnswer>,
    /// In assistant messages: the reply's reasoning as received, sent back first and unchanged.
    #[serde(default)]
    pub reasoning: Vec<ReasoningBlock>,
}

impl ChatMessage {
    pub fn user(text: &str) -> Self {
        Self::new(ChatRole::User, text)
    }

    pub fn assistant(text: &str) -> Self {
        Self::new(ChatRole::Assistant, text)
    }

    fn new(role: ChatRole, text: &str) -> Self {
        Self {
            role,
            text: text.to_owned(),
            attachments: vec![],
            tool_calls: vec![],
            tool_answers: vec![],
            reasoning: vec![],
        }
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InferenceParams {
    pub max_tokens: Option<i32>,
    pub temperature: Option<f32>,
    pub top_p: Option<f32>,
    #[serde(default)]
    pub stop_sequences: Vec<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatRequest {
    pub model_id: String,
    #[serde(default)]
    pub system_prompt: String,
    /// The conversation so far, ending with the user's new message.
    pub messages: Vec<ChatMessage>,
    #[serde(default)]
    pub params: InferenceParams,
    /// `additionalModelRequestFields` as JSON object text, e.g. `{"top_k": 50}` for Claude.
    /// Text rather than a JSON value: specta types `serde_json::Value` only behind a feature not enabled here.
    #[serde(default)]
    pub additional_fields_json: Option<String>,
    /// The tools the model may call, as a JSON array of `{name, description, inputSchema}`.
    #[serde(default)]
    pub tools_json: Option<String>,
}

/// One Converse or ConverseStream request, built once for either operation.
struct ConverseParts {
    system: Option<Vec<SystemContentBlock>>,
    messages: Vec<Message>,
    inference: InferenceConfiguration,
    tools: Option<ToolConfiguration>,
    additional_fields: Option<Document>,
}

impl ChatRequest {
    /// Checks the client can make before anything is sent, attachments and additional fields included.
    pub fn validate(&self) -> Result<(), ClientError> {
        self.validate_fields()?;
        let fields = self.additional_fields()?;
        self.check_params(&self.capabilities(), fields.as_ref())?;
        for message in &self.messages {
            attachments::prepare(&message.attachments)?;
        }
        Ok(())
    }

    fn validate_fields(&self) -> Result<(), ClientError> {
        let invalid = |message: &str| Err(ClientError::new(ErrorCode::InvalidRequest, message));
        if self.model_id.trim().is_empty() {
            return invalid("Pick a model first.");
        }
        match self.messages.last() {
            Some(last)
                if last.role == ChatRole::User
                    && (!last.text.trim().is_empty() || !last.tool_answers.is_empty()) => {}
            _ => return invalid("Type a message to send."),
        }
        if self.params.max_tokens.is_some_and(|n| n < 1) {
            return invalid("Max tokens must be at least 1.");
        }
        if self
            .params
            .temperature
            .is_some_and(|t| !(0.0..=1.0).contains(&t))
        {
            return invalid("Temperature must be between 0 and 1.");
        }
        if self.params.top_p.is_some_and(|p| !(0.0..=1.0).contains(&p)) {
            return invalid("Top P must be between 0 and 1.");
        }
        Ok(())
    }

    pub fn to_converse_stream(
        &self,
        client: &Client,
    ) -> Result<ConverseStreamFluentBuilder, ClientError> {
        let parts = self.converse_parts()?;
        Ok(client
            .converse_stream()
            .model_id(&self.model_id)
            .set_system(parts.system)
            .set_messages(Some(parts.messages))
            .inference_config(parts.inference)
            .set_tool_config(parts.tools)
            .set_additional_model_request_fields(parts.additional_fields))
    }

    /// The same request for Converse, for models that cannot stream it.
    pub fn to_converse(&self, client: &Client) -> Result<ConverseFluentBuilder, ClientError> {
        let parts = self.converse_parts()?;
        Ok(client
            .converse()
            .model_id(&self.model_id)
            .set_system(parts.system)
            .set_messages(Some(parts.messages))
            .inference_config(parts.inference)
            .set_tool_config(parts.tools)
            .set_additional_model_request_fields(parts.additional_fields))
    }

    fn converse_parts(&self) -> Result<ConverseParts, ClientError> {
        self.validate_fields()?;
        let caps = self.capabilities();
        let additional_fields = self.additional_fields()?;
        self.check_params(&caps, additional_fields.as_ref())?;
        let tools = self.tools_json.as_deref().map_or(Ok(None), parse_tools)?;
        let uses_tools = self
            .messages
            .iter()
            .any(|m| !m.tool_calls.is_empty() || !m.tool_answers.is_empty());
        if uses_tools && tools.is_none() {
            return Err(ClientError::new(
                ErrorCode::InvalidRequest,
                "This conversation has tool calls, but no tools are defined.",
            )
            .with_hint("Bedrock needs the tool definitions with every request that carries toolUse or toolResult blocks: put them back in the Tools editor."));
        }
        Ok(ConverseParts {
            system: self
                .system_to_send(&caps)
                .map(|text| vec![SystemContentBlock::Text(text.to_owned())]),
            messages: converse_messages(&self.messages)?,
            inference: self.inference_config(&caps, additional_fields.as_ref()),
            tools,
            additional_fields: Self::fields_to_send(&caps, additional_fields),
        })
    }

    fn additional_fields(&self) -> Result<Option<Document>, ClientError> {
        self.additional_fields_json
            .as_deref()
            .map_or(Ok(None), parse_additional_fields)
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_bedrockruntime::config::{BehaviorVersion, Region};
    use aws_sdk_bedrockruntime::types::{ContentBlock, DocumentFormat, ImageFormat};

    use super::*;

    fn client() -> Client {
        let config = aws_sdk_bedrockruntime::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .build();
        Client::from_conf(config)
    }

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
                attachments,
                ..ChatMessage::user("Compare them")
            }],
            params: InferenceParams::default(),
            additional_fields_json: additional_fields_json.map(str::to_owned),
            tools_json: None,
        }
    }

    #[test]
    fn attachments_come_before_the_text_and_fields_are_passed_on() {
        let request = request(
            vec![
                attachment("table.csv", b"a,b,c\n1,2,3\n4,5,6\n"),
                attachment("photo.jpg", b"\xFF\xD8\xFF\xE0"),
            ],
            Some(r#"{"top_k": 50}"#),
        );
        let builder = request.to_converse_stream(&client()).unwrap();
        let input = builder.as_input();
        let content = &input.get_messages().as_ref().unwrap()[0].content;
        let [
            ContentBlock::Document(document),
            ContentBlock::Image(image),
            ContentBlock::Text(text),
        ] = content.as_slice()
        else {
            panic!("{content:?}")
        };
        assert_eq!(
            (&document.format, document.name.as_str()),
            (&DocumentFormat::Csv, "table")
        );
        assert_eq!(image.format, ImageFormat::Jpeg);
        assert_eq!(text, "Compare them");
        let fields = input
            .get_additional_model_request_fields()
            .as_ref()
            .unwrap();
        assert_eq!(fields.as_object().unwrap()["top_k"], Document::from(50_u64));
    }

    #[test]
    fn validate_checks_attachments_and_fields() {
        assert!(
            request(vec![attachment("ok.txt", b"fine")], Some("{}"))
                .validate()
                .is_ok()
        );
        let unknown = request(vec![attachment("clip.mp4", b"\x00\x00\x00\x18ftyp")], None);
        assert!(unknown.validate().unwrap_err().message.contains("clip.mp4"));
        let images = vec![attachment("dot.gif", b"GIF89a"); 21];
        assert!(
            request(images, None)
                .validate()
                .unwrap_err()
                .message
                .contains("21 images")
        );
        let array = request(vec![], Some("[]")).validate().unwrap_err();
        assert_eq!(
            array.message,
            "additionalModelRequestFields must be a JSON object"
        );
    }

    #[test]
    fn old_requests_without_the_new_fields_still_parse() {
        let json = r#"{"modelId": "m", "messages": [{"role": "user", "text": "hi"}]}"#;
        let request: ChatRequest = serde_json::from_str(json).unwrap();
        assert!(request.messages[0].attachments.is_empty());
        assert_eq!(request.additional_fields_json, None);
        let with_file = r#"{"role": "user", "text": "hi", "attachments": [{"name": "a.txt", "dataBase64": "aGk="}]}"#;
        let message: ChatMessage = serde_json::from_str(with_file).unwrap();
        assert_eq!(message.attachments[0].decode().unwrap(), b"hi");
    }
}
