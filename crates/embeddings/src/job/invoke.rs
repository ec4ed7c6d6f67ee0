//! One InvokeModel request for a batch of texts, and its vectors read back.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::interceptors::BeforeDeserializationInterceptorContextRef;
use aws_sdk_bedrockruntime::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_bedrockruntime::error::BoxError;
use aws_smithy_types::Blob;
use bedrock_client::{ClientError, ErrorCode};
use bedrock_formats::{EmbeddingOptions, embedding_body_for_model};
use serde_json::Value;

use super::models::EmbeddingFamily;
use super::tokens::estimate_tokens;

const INPUT_TOKENS_HEADER: &str = "x-amzn-bedrock-input-token-count";
const NO_COUNT: u32 = u32::MAX;

/// The vectors of a batch, in the batch's order, and the input tokens it was billed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Embedded {
    pub vectors: Vec<Vec<f32>>,
    pub tokens: u32,
}

/// Reads Bedrock's input-token header, which the SDK's output type does not expose.
#[derive(Debug, Clone)]
struct InputTokenHeader(Arc<AtomicU32>);

impl Intercept for InputTokenHeader {
    fn name(&self) -> &'static str {
        "EmbeddingInputTokenCount"
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _config: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(count) = context
            .response()
            .headers()
            .get(INPUT_TOKENS_HEADER)
            .and_then(|v| v.trim().parse().ok())
        {
            self.0.store(count, Ordering::Relaxed);
        }
        Ok(())
    }
}

pub(crate) async fn embed_batch(
    client: &Client,
    model_id: &str,
    family: EmbeddingFamily,
    options: &EmbeddingOptions,
    dimensions: usize,
    texts: &[String],
) -> Result<Embedded, ClientError> {
    let body = embedding_body_for_model(model_id, texts, options)
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.message).with_hint(e.hint))?;
    let header_count = Arc::new(AtomicU32::new(NO_COUNT));
    let output = client
        .invoke_model()
        .model_id(model_id)
        .content_type("application/json")
        .accept("application/json")
        .body(Blob::new(serde_json::to_vec(&body).unwrap_or_default()))
        .customize()
        .interceptor(InputTokenHeader(header_count.clone()))
        .send()
        .await
        .map_err(ClientError::from_sdk)?;
    let response: Value = serde_json::from_slice(output.body().as_ref()).map_err(|e| {
        unexpected(format!(
            "Bedrock answered with a body that is not JSON: {e}"
        ))
    })?;
    let (vectors, body_tokens) = parse(family, &response)?;
    if vectors.len() != texts.len() {
        return Err(unexpected(format!(
            "Bedrock returned {} vectors for {} texts.",
            vectors.len(),
            texts.len()
        )));
    }
    if let Some(v) = vectors.iter().find(|v| v.len() != dimensions) {
        return Err(unexpected(format!(
            "Bedrock returned a vector of {} dimensions; {dimensions} were asked for.",
            v.len()
        )));
    }
    let header = header_count.load(Ordering::Relaxed);
    let tokens = body_tokens
        .or((header != NO_COUNT).then_some(header))
        .unwrap_or_else(|| texts.iter().map(|t| estimate_tokens(t)).sum());
    Ok(Embedded { vectors, tokens })
}

/// Titan: `embedding` (or `embeddingsByType.float`) and `inputTextTokenCount`. Cohere:
/// `embeddings` as a list of float vectors (`embeddings_floats`) or an object keyed by type
/// (`embeddings_by_type`).
pub(crate) fn parse(
    family: EmbeddingFamily,
    body: &Value,
) -> Result<(Vec<Vec<f32>>, Option<u32>), ClientError> {
    match family {
        EmbeddingFamily::TitanV1 | EmbeddingFamily::TitanV2 => {
            let vector = body
                .get("embedding")
                .or_else(|| body.pointer("/embeddingsByType/float"))
                .and_then(floats)
                .ok_or_else(|| unexpected("Titan's answer has no float embedding.".to_owned()))?;
            let tokens = body
                .get("inputTextTokenCount")
                .and_then(Value::as_u64)
                .and_then(|t| u32::try_from(t).ok());
            Ok((vec![vector], tokens))
        }
        EmbeddingFamily::CohereV3 | EmbeddingFamily::CohereV4 => {
            let embeddings = body.get("embeddings");
            let list = embeddings
                .and_then(|e| e.get("float"))
                .or(embeddings)
                .and_then(Value::as_array)
                .ok_or_else(|| unexpected("Cohere's answer has no float embeddings.".to_owned()))?;
            let vectors = list
                .iter()
                .map(|v| {
                    floats(v).ok_or_else(|| {
                        unexpected("A Cohere embedding is not a list of floats.".to_owned())
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok((vectors, None))
        }
    }
}

fn floats(value: &Value) -> Option<Vec<f32>> {
    value
        .as_array()?
        .iter()
        .map(|x| x.as_f64().map(|f| f as f32))
        .collect()
}

fn unexpected(message: String) -> ClientError {
    ClientError::new(ErrorCode::Unknown, message).with_hint(
        "The endpoint answered in a shape the lab does not read: check that the model ID is an embedding model and the endpoint is Bedrock.",
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_titan_and_both_cohere_shapes() {
        let (v, t) = parse(
            EmbeddingFamily::TitanV2,
            &json!({"embedding": [0.5, 1.0], "inputTextTokenCount": 3}),
        )
        .unwrap();
        assert_eq!((v, t), (vec![vec![0.5, 1.0]], Some(3)));
        let (v, _) = parse(
            EmbeddingFamily::TitanV2,
            &json!({"embeddingsByType": {"float": [0.25]}, "inputTextTokenCount": 1}),
        )
        .unwrap();
        assert_eq!(v, vec![vec![0.25]]);
        let floats = json!({"embeddings": [[1.0], [2.0]], "response_type": "embeddings_floats"});
        assert_eq!(
            parse(EmbeddingFamily::CohereV3, &floats).unwrap().0.len(),
            2
        );
        let by_type = json!({"embeddings": {"float": [[1.0]], "int8": [[1]]}, "response_type": "embeddings_by_type"});
        assert_eq!(
            parse(EmbeddingFamily::CohereV4, &by_type).unwrap().0,
            vec![vec![1.0]]
        );
        assert!(parse(EmbeddingFamily::CohereV3, &json!({"id": "x"})).is_err());
    }
}
