//! Amazon Titan Text Embeddings v1 and v2.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html

use serde_json::{Map, Value, json};

use super::Embedded;
use super::embedder::embed;
use crate::families::schema::Fields;
use crate::generation::tokens;
use crate::wire::error::{ApiError, ApiResult};

const V1_DIMENSIONS: usize = 1536;
const V2_DIMENSIONS: &[u32] = &[256, 512, 1024];
const MAX_INPUT_CHARS: usize = 50_000;

pub fn embed_v1(body: &Value) -> ApiResult<Embedded> {
    let fields = Fields::root(body, &["inputText"])?;
    let text = input_text(&fields)?;
    let input_tokens = tokens::count(text);
    Ok(Embedded {
        body: json!({
            "embedding": embed(text, V1_DIMENSIONS, true),
            "inputTextTokenCount": input_tokens,
        }),
        input_tokens,
    })
}

pub fn embed_v2(body: &Value) -> ApiResult<Embedded> {
    let fields = Fields::root(
        body,
        &["inputText", "dimensions", "normalize", "embeddingTypes"],
    )?;
    let text = input_text(&fields)?;
    let dimensions = match fields.integer("dimensions", 0, u32::MAX)? {
        None => 1024,
        Some(d) if V2_DIMENSIONS.contains(&d) => d,
        Some(other) => {
            return Err(ApiError::malformed(format!(
                "#/dimensions: {other} is not a valid enum value"
            )));
        }
    };
    let normalize = fields.boolean("normalize")?.unwrap_or(true);
    let types = fields.strings("embeddingTypes", 2)?;
    for (index, kind) in types.iter().enumerate() {
        if kind != "float" && kind != "binary" {
            return Err(ApiError::malformed(format!(
                "#/embeddingTypes/{index}: {kind} is not a valid enum value"
            )));
        }
    }
    let wants = |kind: &str| types.is_empty() || types.iter().any(|t| t == kind);
    let vector = embed(text, dimensions as usize, normalize);
    let input_tokens = tokens::count(text);
    let mut by_type = Map::new();
    let mut body = json!({"inputTextTokenCount": input_tokens});
    if wants("float") {
        body["embedding"] = json!(vector);
        by_type.insert("float".into(), json!(vector));
    }
    if types.iter().any(|t| t == "binary") {
        let bits: Vec<u8> = vector.iter().map(|x| u8::from(*x > 0.0)).collect();
        by_type.insert("binary".into(), json!(bits));
    }
    body["embeddingsByType"] = Value::Object(by_type);
    Ok(Embedded { body, input_tokens })
}

fn input_text<'a>(fields: &Fields<'a>) -> ApiResult<&'a str> {
    let text = fields.required_string("inputText")?;
    let length = text.chars().count();
    if length == 0 {
        return Err(ApiError::malformed(
            "#/inputText: expected minLength: 1, actual: 0",
        ));
    }
    if length > MAX_INPUT_CHARS {
        return Err(ApiError::malformed(format!(
            "#/inputText: expected maxLength: {MAX_INPUT_CHARS}, actual: {length}"
        )));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Request shapes from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
    #[test]
    fn v1_gives_1536_floats_and_takes_only_input_text() {
        let out = embed_v1(&json!({"inputText": "What are the different services?"})).unwrap();
        assert_eq!(out.body["embedding"].as_array().unwrap().len(), 1536);
        assert_eq!(out.body["inputTextTokenCount"], out.input_tokens);
        let err = embed_v1(&json!({"inputText": "x", "dimensions": 256})).unwrap_err();
        assert!(
            err.message
                .contains("#: extraneous key [dimensions] is not permitted")
        );
        assert!(embed_v1(&json!({"inputText": ""})).is_err());
    }

    #[test]
    fn v2_dimensions_normalize_and_types() {
        for dims in [256, 512, 1024] {
            let out = embed_v2(&json!({"inputText": "hello", "dimensions": dims})).unwrap();
            assert_eq!(out.body["embedding"].as_array().unwrap().len(), dims);
            assert_eq!(
                out.body["embeddingsByType"]["float"]
                    .as_array()
                    .unwrap()
                    .len(),
                dims
            );
        }
        let default = embed_v2(&json!({"inputText": "hello"})).unwrap();
        assert_eq!(default.body["embedding"].as_array().unwrap().len(), 1024);
        let err = embed_v2(&json!({"inputText": "hello", "dimensions": 300})).unwrap_err();
        assert!(
            err.message
                .contains("#/dimensions: 300 is not a valid enum value")
        );

        let binary = embed_v2(
            &json!({"inputText": "hello", "dimensions": 256, "embeddingTypes": ["binary"]}),
        )
        .unwrap();
        assert!(binary.body.get("embedding").is_none());
        let bits = binary.body["embeddingsByType"]["binary"]
            .as_array()
            .unwrap();
        assert_eq!(bits.len(), 256);
        assert!(bits.iter().all(|b| b == 0 || b == 1));
        let both = embed_v2(&json!({"inputText": "hello", "embeddingTypes": ["float", "binary"]}))
            .unwrap();
        assert!(both.body["embedding"].is_array());
        assert!(embed_v2(&json!({"inputText": "x", "embeddingTypes": ["int8"]})).is_err());
    }
}
