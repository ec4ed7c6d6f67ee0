//! The embedding models a connection can call: what ListFoundationModels says for the
//! EMBEDDING output modality, or the well-known text embedding IDs when listing is denied.

use aws_sdk_bedrock::Client;
use aws_sdk_bedrock::types::{InferenceType, ModelModality};

use crate::error::{ClientError, ErrorCode};

/// Text embedding models Bedrock offers on demand in most regions, for when listing is denied.
pub const WELL_KNOWN_EMBEDDING_MODELS: &[&str] = &[
    "amazon.titan-embed-text-v2:0",
    "amazon.titan-embed-text-v1",
    "cohere.embed-english-v3",
    "cohere.embed-multilingual-v3",
];

/// The IDs of embedding models that take text and can be invoked on demand, and whether the
/// list is Bedrock's (`true`) or the offline fallback.
pub async fn list_embedding_model_ids(client: &Client) -> Result<(Vec<String>, bool), ClientError> {
    let listed = client
        .list_foundation_models()
        .by_output_modality(ModelModality::Embedding)
        .send()
        .await;
    match listed {
        Ok(output) => {
            let mut ids: Vec<String> = output
                .model_summaries()
                .iter()
                .filter(|m| m.input_modalities().contains(&ModelModality::Text))
                .filter(|m| {
                    m.inference_types_supported()
                        .contains(&InferenceType::OnDemand)
                })
                .map(|m| m.model_id.clone())
                .collect();
            ids.sort();
            ids.dedup();
            Ok((ids, true))
        }
        Err(error) => {
            let error = ClientError::from_sdk(error);
            if error.code == ErrorCode::AccessDenied {
                let ids = WELL_KNOWN_EMBEDDING_MODELS
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect();
                Ok((ids, false))
            } else {
                Err(error)
            }
        }
    }
}
