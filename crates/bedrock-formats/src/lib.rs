//! The request and response bodies of Amazon Bedrock, per model family, for the Format inspector.
//!
//! For one [`PromptSpec`] (the playground's current prompt) this crate builds the Converse body
//! ([`converse_request`]) and the model family's native InvokeModel body ([`native_request`]),
//! with a field-by-field [`FieldMapping`] and the list of what the native format cannot express.
//! It also reads native responses and stream chunks back ([`parse_native_response`],
//! [`parse_native_stream_chunk`], [`parse_converse_response`]) and checks a hand-edited native
//! body before it is sent ([`validate_native_body`]), with Bedrock's own wording.
//!
//! ```
//! use bedrock_formats::{PromptSpec, Role, SpecMessage, native_request};
//! let spec = PromptSpec {
//!     model_id: "us.meta.llama3-1-70b-instruct-v1:0".into(),
//!     system_prompt: "You are terse.".into(),
//!     messages: vec![SpecMessage { role: Role::User, text: "Hi".into() }],
//!     max_tokens: Some(256),
//!     ..PromptSpec::default()
//! };
//! let native = native_request(&spec).unwrap();
//! assert_eq!(native.body["max_gen_len"], 256);
//! ```
//!
//! Pure JSON: no AWS SDK, no I/O.

pub mod code_snippets;
mod converse;
mod draft;
mod embedding;
mod error;
mod families;
mod family;
mod json;
mod mapping;
mod native;
mod number;
mod response;
mod schema;
mod spec;
mod validate;

#[cfg(test)]
mod test_support;

pub use code_snippets::{SnippetApi, SnippetLanguage, SnippetTarget, snippet};
pub use converse::{converse_request, parse_converse_response};
pub use embedding::{
    EmbeddingOptions, embedding_body, embedding_body_for_model, is_cohere_embed_v4,
};
pub use error::{FormatError, FormatErrorCode};
pub use family::{Family, family_of, strip_geo_prefix};
pub use mapping::{FieldMapping, NATIVE_ONLY};
pub use native::{NativeRequest, native_request};
pub use response::{ChunkText, ParsedResponse, parse_native_response, parse_native_stream_chunk};
pub use spec::{PromptSpec, Role, SpecMessage};
pub use validate::validate_native_body;
