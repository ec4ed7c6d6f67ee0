//! The native InvokeModel body of a prompt, next to its Converse form.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::draft::Draft;
use crate::error::{FormatError, FormatErrorCode};
use crate::families::text_format;
use crate::family::{Family, family_of};
use crate::mapping::{FieldMapping, path};
use crate::spec::PromptSpec;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NativeRequest {
    pub family: Family,
    /// The native body. Not serialized: the UI takes [`Self::body_json`], as its numbers would
    /// otherwise be typed as 64-bit integers.
    #[serde(skip)]
    pub body: Value,
    /// The native body, pretty-printed, as the inspector shows and edits it.
    pub body_json: String,
    /// Where each Converse field went, in the order they were written.
    pub mappings: Vec<FieldMapping>,
    /// What the prompt uses that this format cannot express.
    pub unsupported: Vec<String>,
}

/// The native InvokeModel body of the prompt's model family, with its field mapping.
///
/// `additionalModelRequestFields` are merged into the body as they are (objects key by key),
/// as Bedrock does when it turns a Converse request into the native one.
pub fn native_request(spec: &PromptSpec) -> Result<NativeRequest, FormatError> {
    let family =
        family_of(&spec.model_id).ok_or_else(|| FormatError::unknown_model(&spec.model_id))?;
    let format = text_format(family).ok_or_else(|| embedding_model(family))?;
    let additional = spec.additional_fields()?;
    let mut draft = format.build(spec);
    if let Some(fields) = additional {
        merge_additional_fields(&mut draft, fields);
        let merged = Value::Object(draft.body.clone());
        if let Err(error) = format.validate(&merged) {
            draft
                .unsupported
                .push(format!("{}: {}", path::ADDITIONAL_FIELDS, error.message));
        }
    }
    let body = Value::Object(draft.body);
    Ok(NativeRequest {
        family,
        body_json: serde_json::to_string_pretty(&body).unwrap_or_default(),
        body,
        mappings: draft.mappings,
        unsupported: draft.unsupported,
    })
}

fn embedding_model(family: Family) -> FormatError {
    FormatError::new(
        FormatErrorCode::EmbeddingModel,
        format!(
            "{} is an embedding model: it takes texts, not a conversation.",
            family.label()
        ),
        "Use the embeddings view, or pick a text model for the Format inspector.",
    )
}

fn merge_additional_fields(draft: &mut Draft, fields: Map<String, Value>) {
    for (key, value) in fields {
        let note = match draft.body.get_mut(&key) {
            Some(Value::Object(existing)) if value.is_object() => {
                merge_objects(existing, value);
                "merged key by key into the object built from the prompt"
            }
            Some(existing) => {
                *existing = value;
                "replaces the value built from the prompt"
            }
            None => {
                draft.body.insert(key.clone(), value);
                "copied into the native body as it is"
            }
        };
        draft.map(&format!("{}.{key}", path::ADDITIONAL_FIELDS), &key, note);
    }
}

fn merge_objects(into: &mut Map<String, Value>, from: Value) {
    let Value::Object(from) = from else { return };
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(existing)), value @ Value::Object(_)) => {
                merge_objects(existing, value);
            }
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{mapped_paths, spec};

    #[test]
    fn additional_fields_are_merged_and_mapped() {
        let mut prompt = spec("anthropic.claude-3-haiku-20240307-v1:0");
        prompt.additional_fields_json = Some(r#"{"top_k": 200, "temperature": 0.2}"#.into());
        let native = native_request(&prompt).unwrap();
        assert_eq!(native.body["top_k"], 200);
        assert_eq!(native.body["temperature"], 0.2);
        let paths = mapped_paths(&native.mappings);
        assert!(paths.contains(&("additionalModelRequestFields.top_k", Some("top_k"))));
        assert!(native.unsupported.is_empty());
        assert_eq!(
            serde_json::from_str::<Value>(&native.body_json).unwrap(),
            native.body
        );
    }

    #[test]
    fn nested_additional_fields_merge_into_nova_inference_config() {
        let mut prompt = spec("amazon.nova-pro-v1:0");
        prompt.additional_fields_json = Some(r#"{"inferenceConfig": {"topK": 20}}"#.into());
        let native = native_request(&prompt).unwrap();
        assert_eq!(
            native.body["inferenceConfig"],
            json!({"max_new_tokens": 512, "temperature": 0.5, "top_p": 0.9, "topK": 20, "stopSequences": ["END"]})
        );
    }

    #[test]
    fn fields_the_family_rejects_are_reported() {
        let mut prompt = spec("meta.llama3-1-8b-instruct-v1:0");
        prompt.additional_fields_json = Some(r#"{"top_k": 50}"#.into());
        let native = native_request(&prompt).unwrap();
        assert!(
            native
                .unsupported
                .iter()
                .any(|u| u.contains("extraneous key [top_k]")),
            "{:?}",
            native.unsupported
        );
    }

    #[test]
    fn errors_name_the_problem() {
        let mut prompt = spec("stability.sd3-large-v1:0");
        assert_eq!(
            native_request(&prompt).unwrap_err().code,
            FormatErrorCode::UnknownModelFamily
        );
        prompt.model_id = "amazon.titan-embed-text-v2:0".into();
        assert_eq!(
            native_request(&prompt).unwrap_err().code,
            FormatErrorCode::EmbeddingModel
        );
        prompt.model_id = "ai21.jamba-1-5-mini-v1:0".into();
        prompt.additional_fields_json = Some("[1, 2]".into());
        assert_eq!(
            native_request(&prompt).unwrap_err().code,
            FormatErrorCode::InvalidAdditionalFields
        );
        prompt.additional_fields_json = Some("{nope".into());
        let error = native_request(&prompt).unwrap_err();
        assert!(
            error.message.contains("not valid JSON"),
            "{}",
            error.message
        );
    }
}
