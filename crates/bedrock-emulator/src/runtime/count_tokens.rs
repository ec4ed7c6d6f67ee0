//! CountTokens: the input tokens a Converse or InvokeModel request would be billed.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use base64::Engine;
use bytes::Bytes;
use serde_json::{Value, json};

use super::body::json_body;
use super::converse_request;
use super::invoke::native_body;
use crate::catalogue::ModelEntry;
use crate::context::RequestContext;
use crate::embeddings;
use crate::families;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

pub async fn count_tokens(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(model_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let model = state.catalogue.resolve(&model_id, context.region())?.model;
    let request = json_body(&body)?;
    let input_tokens = count(&model, &request)?;
    Ok(response::json(&json!({ "inputTokens": input_tokens })))
}

/// Count the tokens of a CountTokens request body for `model`.
pub fn count(model: &ModelEntry, request: &Value) -> ApiResult<u32> {
    if let Some(unknown) = request
        .as_object()
        .and_then(|o| o.keys().find(|k| k.as_str() != "input"))
    {
        return Err(ApiError::validation(format!(
            "Unknown field \"{unknown}\" in the request body."
        )));
    }
    let input = request
        .get("input")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            ApiError::validation(
                "1 validation error detected: Value null at 'input' failed to satisfy constraint: Member must not be null",
            )
        })?;
    if input.len() != 1 {
        return Err(ApiError::validation(
            "The input must set exactly one of converse or invokeModel.",
        ));
    }
    match input.iter().next().expect("one member") {
        (key, converse) if key == "converse" => {
            if model.family.is_embedding() {
                return Err(ApiError::validation(
                    "The converse input isn't supported for embedding models. Use invokeModel instead.",
                ));
            }
            Ok(converse_request::parse(converse, model, false)?
                .prompt
                .input_tokens())
        }
        (key, invoke) if key == "invokeModel" => {
            let encoded = invoke.get("body").and_then(Value::as_str).ok_or_else(|| {
                ApiError::validation(
                    "1 validation error detected: Value null at 'input.invokeModel.body' failed to satisfy constraint: Member must not be null",
                )
            })?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|_| ApiError::validation("input.invokeModel.body is not valid base64."))?;
            let body = native_body(&bytes)?;
            if model.family.is_embedding() {
                return Ok(embeddings::invoke(model.family, &body)?.input_tokens);
            }
            let format = families::format_for_body(model.family, &body)
                .ok_or_else(|| families::unsupported(model))?;
            Ok(format.parse(&body, model)?.input_tokens())
        }
        (other, _) => Err(ApiError::validation(format!(
            "Unknown member \"{other}\" of input: use converse or invokeModel."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn haiku() -> ModelEntry {
        Catalogue::default()
            .find("anthropic.claude-3-haiku-20240307-v1:0")
            .unwrap()
            .clone()
    }

    #[test]
    fn converse_and_invoke_inputs_count_the_same_prompt() {
        let converse = json!({"input": {"converse": {
            "messages": [{"role": "user", "content": [{"text": "How many tokens is this?"}]}],
            "system": [{"text": "Be brief."}]
        }}});
        let native = json!({
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 100,
            "system": "Be brief.",
            "messages": [{"role": "user", "content": "How many tokens is this?"}]
        });
        let encoded = base64::engine::general_purpose::STANDARD.encode(native.to_string());
        let invoke = json!({"input": {"invokeModel": {"body": encoded}}});
        let a = count(&haiku(), &converse).unwrap();
        assert!(a > 3);
        assert_eq!(a, count(&haiku(), &invoke).unwrap());
    }

    #[test]
    fn rejects_missing_and_malformed_inputs() {
        assert!(count(&haiku(), &json!({})).is_err());
        assert!(count(&haiku(), &json!({"input": {}})).is_err());
        let bad = base64::engine::general_purpose::STANDARD.encode(r#"{"prompt":"x"}"#);
        let err = count(&haiku(), &json!({"input": {"invokeModel": {"body": bad}}})).unwrap_err();
        assert!(
            err.message.starts_with("Malformed input request"),
            "{}",
            err.message
        );
    }
}
