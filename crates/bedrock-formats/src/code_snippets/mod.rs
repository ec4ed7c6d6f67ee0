//! "Copy as code": a request as a ready-to-run snippet in boto3, the AWS CLI v2, the JavaScript
//! SDK v3 or the Rust SDK. Snippets name the profile and region only: the caller passes no key,
//! so none can appear.

mod boto3;
mod cli;
mod javascript;
mod knowledge;
mod rust;

pub use knowledge::{KnowledgeApi, KnowledgeSnippetTarget, knowledge_snippet};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SnippetLanguage {
    Boto3,
    AwsCli,
    JavaScriptV3,
    RustSdk,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SnippetApi {
    Converse,
    InvokeModel,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetTarget {
    pub api: SnippetApi,
    pub model_id: String,
    /// The Converse request body or the native InvokeModel body, as JSON.
    pub body_json: String,
    /// A `~/.aws` profile name; `None` uses the SDK's default credential chain.
    pub profile_name: Option<String>,
    pub region: String,
    pub endpoint_url: Option<String>,
}

pub fn snippet(language: SnippetLanguage, target: &SnippetTarget) -> String {
    match language {
        SnippetLanguage::Boto3 => boto3::snippet(target),
        SnippetLanguage::AwsCli => cli::snippet(target),
        SnippetLanguage::JavaScriptV3 => javascript::snippet(target),
        SnippetLanguage::RustSdk => rust::snippet(target),
    }
}

/// The request body as compact JSON; for Converse without `modelId`, which goes in the call.
fn body_json(target: &SnippetTarget, pretty: bool) -> String {
    let mut body: Value = serde_json::from_str(&target.body_json).unwrap_or(Value::Null);
    if target.api == SnippetApi::Converse
        && let Value::Object(fields) = &mut body
    {
        fields.remove("modelId");
    }
    let text = if pretty {
        serde_json::to_string_pretty(&body)
    } else {
        serde_json::to_string(&body)
    };
    text.unwrap_or_else(|_| target.body_json.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn target(api: SnippetApi) -> SnippetTarget {
        SnippetTarget {
            api,
            model_id: "meta.llama3-1-70b-instruct-v1:0".into(),
            body_json: r#"{"prompt": "it's a \"secret\"", "max_gen_len": 64}"#.into(),
            profile_name: Some("dev".into()),
            region: "eu-west-1".into(),
            endpoint_url: None,
        }
    }

    #[test]
    fn no_snippet_carries_a_credential() {
        for api in [SnippetApi::Converse, SnippetApi::InvokeModel] {
            for language in [
                SnippetLanguage::Boto3,
                SnippetLanguage::AwsCli,
                SnippetLanguage::JavaScriptV3,
                SnippetLanguage::RustSdk,
            ] {
                let code = snippet(language, &target(api));
                for forbidden in [
                    "aws_access_key_id",
                    "aws_secret_access_key",
                    "SecretAccessKey",
                    "secretAccessKey",
                    "session_token",
                    "sessionToken",
                    "Bearer",
                ] {
                    assert!(
                        !code.contains(forbidden),
                        "{language:?}: {forbidden}\n{code}"
                    );
                }
                assert!(code.contains("dev"), "{language:?} names no profile");
                assert!(code.contains("eu-west-1"), "{language:?} names no region");
            }
        }
    }
}
