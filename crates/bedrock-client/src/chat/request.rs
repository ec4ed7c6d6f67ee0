//! What the user asks for, and its translation into a ConverseStream call.

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::operation::converse_stream::builders::ConverseStreamFluentBuilder;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, InferenceConfiguration, Message, SystemContentBlock,
};
use serde::{Deserialize, Serialize};

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
pub struct ChatMessage {
    pub role: ChatRole,
    pub text: String,
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
}

impl ChatRequest {
    /// Checks the client can make before anything is sent.
    pub fn validate(&self) -> Result<(), ClientError> {
        let invalid = |message: &str| Err(ClientError::new(ErrorCode::InvalidRequest, message));
        if self.model_id.trim().is_empty() {
            return invalid("Pick a model first.");
        }
        match self.messages.last() {
            Some(last) if last.role == ChatRole::User && !last.text.trim().is_empty() => {}
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
        self.validate()?;
        let mut builder = client.converse_stream().model_id(&self.model_id);
        if !self.system_prompt.trim().is_empty() {
            builder = builder.system(SystemContentBlock::Text(self.system_prompt.clone()));
        }
        for message in &self.messages {
            let role = match message.role {
                ChatRole::User => ConversationRole::User,
                ChatRole::Assistant => ConversationRole::Assistant,
            };
            let message = Message::builder()
                .role(role)
                .content(ContentBlock::Text(message.text.clone()))
                .build()
                .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))?;
            builder = builder.messages(message);
        }
        let params = &self.params;
        let mut config = InferenceConfiguration::builder()
            .set_max_tokens(params.max_tokens)
            .set_temperature(params.temperature)
            .set_top_p(params.top_p);
        for stop in params.stop_sequences.iter().filter(|s| !s.is_empty()) {
            config = config.stop_sequences(stop);
        }
        Ok(builder.inference_config(config.build()))
    }
}
