//! ListFoundationModels and GetFoundationModel.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::json;

use crate::catalogue::ModelEntry;
use crate::context::RequestContext;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

const OUTPUT_MODALITIES: &[&str] = &["TEXT", "IMAGE", "EMBEDDING"];
const INFERENCE_TYPES: &[&str] = &["ON_DEMAND", "PROVISIONED"];
const CUSTOMIZATIONS: &[&str] = &["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"];

pub async fn list(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let filter = Filter::from_query(&query)?;
    let region = context.region();
    let summaries: Vec<_> = state
        .catalogue
        .models()
        .filter(|model| model.offered_in(region) && filter.accepts(model))
        .map(|model| model.summary(region))
        .collect();
    Ok(response::json(&json!({ "modelSummaries": summaries })))
}

pub async fn get(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(identifier): Path<String>,
) -> ApiResult<Response> {
    let region = context.region();
    let id = identifier
        .rsplit("foundation-model/")
        .next()
        .unwrap_or(&identifier);
    let model = state
        .catalogue
        .find(id)
        .filter(|model| model.offered_in(region))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "The model {identifier} does not exist in {region}."
            ))
        })?;
    Ok(response::json(
        &json!({ "modelDetails": model.summary(region) }),
    ))
}

struct Filter {
    provider: Option<String>,
    output_modality: Option<String>,
    inference_type: Option<String>,
    customization: Option<String>,
}

impl Filter {
    fn from_query(query: &HashMap<String, String>) -> ApiResult<Self> {
        let enumerated = |key: &str, allowed: &[&str]| -> ApiResult<Option<String>> {
            match query.get(key) {
                None => Ok(None),
                Some(value) if allowed.contains(&value.as_str()) => Ok(Some(value.clone())),
                Some(value) => Err(ApiError::validation(format!(
                    "1 validation error detected: Value '{value}' at '{key}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                ))),
            }
        };
        Ok(Self {
            provider: query.get("byProvider").map(|p| p.to_ascii_lowercase()),
            output_modality: enumerated("byOutputModality", OUTPUT_MODALITIES)?,
            inference_type: enumerated("byInferenceType", INFERENCE_TYPES)?,
            customization: enumerated("byCustomizationType", CUSTOMIZATIONS)?,
        })
    }

    fn accepts(&self, model: &ModelEntry) -> bool {
        let provider_ok = self.provider.as_deref().is_none_or(|p| {
            model.provider.to_ascii_lowercase() == p
                || model.provider.to_ascii_lowercase().replace(' ', "") == p.replace(' ', "")
                || model.id.split('.').next() == Some(p)
        });
        let modality_ok = self
            .output_modality
            .as_deref()
            .is_none_or(|m| model.output_modalities.contains(&m));
        let inference_ok = self
            .inference_type
            .as_deref()
            .is_none_or(|t| model.inference_types().contains(&t));
        let customization_ok = self
            .customization
            .as_deref()
            .is_none_or(|c| model.customizations.contains(&c));
        provider_ok && modality_ok && inference_ok && customization_ok
    }
}
