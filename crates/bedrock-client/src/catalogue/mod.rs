//! The chat models a connection can use: foundation models plus the inference profiles
//! that the profile-only ones must be called through.

mod cache;
pub mod capabilities;
mod choose;
mod embedding;
mod favourites;
mod geo;
mod offline;

use aws_sdk_bedrock::Client;
use aws_sdk_bedrock::types::{
    FoundationModelSummary, InferenceProfileSummary, InferenceType, ModelModality,
};
use serde::Serialize;

use crate::error::{ClientError, ErrorCode};
pub use cache::{CatalogueOrigin, CatalogueView, ModelCatalogue};
pub use capabilities::{ModelCapabilities, ReasoningControl, capabilities_of};
pub use choose::profile_for_model;
pub use embedding::{WELL_KNOWN_EMBEDDING_MODELS, list_embedding_model_ids};
pub use favourites::Favourites;
pub use geo::{geo_prefix, geographies};
pub use offline::offline_models;

/// One model as the picker shows it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelOption {
    /// What to send as `modelId`: the model ID, or the inference profile ID when required.
    pub invoke_id: String,
    pub model_id: String,
    pub name: String,
    pub provider: String,
    pub streaming: bool,
    /// The inference profile used because the model has no on-demand throughput.
    pub inference_profile: Option<String>,
    pub lifecycle: String,
    pub input_modalities: Vec<String>,
    pub output_modalities: Vec<String>,
    /// What the model takes through Converse (limits, controls, streaming of tool use).
    #[serde(default)]
    pub capabilities: ModelCapabilities,
}

/// The chat models of a region, and why the list may be incomplete.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatModels {
    pub models: Vec<ModelOption>,
    /// Set when ListInferenceProfiles was denied: the models are listed, and profile-only ones
    /// are offered through the region's usual profile ID, unchecked.
    pub warning: Option<ClientError>,
}

/// List the models that take text and answer text, ordered by provider then name.
/// Models that can be invoked neither on demand nor through a profile are left out.
pub async fn list_chat_models(client: &Client, region: &str) -> Result<ChatModels, ClientError> {
    let models = client
        .list_foundation_models()
        .by_output_modality(ModelModality::Text)
        .send()
        .await
        .map_err(ClientError::from_sdk)?
        .model_summaries
        .unwrap_or_default();
    let (profiles, warning) = match list_inference_profiles(client).await {
        Ok(profiles) => (Some(profiles), None),
        Err(error) if error.code == ErrorCode::AccessDenied => (None, Some(profiles_denied(error))),
        Err(error) => return Err(error),
    };
    let mut options: Vec<ModelOption> = models
        .iter()
        .filter(|model| takes_text(model))
        .filter_map(|model| option_for(model, profiles.as_deref(), region))
        .collect();
    options.sort_by(|a, b| (&a.provider, &a.name).cmp(&(&b.provider, &b.name)));
    Ok(ChatModels {
        models: options,
        warning,
    })
}

async fn list_inference_profiles(
    client: &Client,
) -> Result<Vec<InferenceProfileSummary>, ClientError> {
    client
        .list_inference_profiles()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .map_err(ClientError::from_sdk)
}

fn profiles_denied(error: ClientError) -> ClientError {
    ClientError {
        message: format!("Inference profiles could not be listed: {}", error.message),
        hint: "The models are listed, but models that need an inference profile are offered through the region's usual profile ID (e.g. us.…) without checking that it exists. Allow bedrock:ListInferenceProfiles to list them.".to_owned(),
        ..error
    }
}

fn takes_text(model: &FoundationModelSummary) -> bool {
    model.input_modalities().contains(&ModelModality::Text)
}

/// `profiles` is `None` when they could not be listed: profile-only models then go through
/// the region's usual profile ID.
fn option_for(
    model: &FoundationModelSummary,
    profiles: Option<&[InferenceProfileSummary]>,
    region: &str,
) -> Option<ModelOption> {
    let on_demand = model
        .inference_types_supported()
        .contains(&InferenceType::OnDemand);
    let inference_profile = if on_demand {
        None
    } else {
        Some(match profiles {
            Some(profiles) => profile_for_model(&model.model_arn, profiles, region)?,
            None => format!("{}.{}", geo_prefix(region), model.model_id),
        })
    };
    let streaming = model.response_streaming_supported.unwrap_or(false);
    Some(ModelOption {
        invoke_id: inference_profile
            .clone()
            .unwrap_or_else(|| model.model_id.clone()),
        model_id: model.model_id.clone(),
        name: model
            .model_name
            .clone()
            .unwrap_or_else(|| model.model_id.clone()),
        provider: model.provider_name.clone().unwrap_or_default(),
        streaming,
        inference_profile,
        lifecycle: model
            .model_lifecycle
            .as_ref()
            .map(|l| l.status.as_str().to_owned())
            .unwrap_or_default(),
        input_modalities: names(model.input_modalities()),
        output_modalities: names(model.output_modalities()),
        capabilities: ModelCapabilities {
            streaming,
            ..capabilities_of(&model.model_id)
        },
    })
}

fn names(modalities: &[ModelModality]) -> Vec<String> {
    modalities.iter().map(|m| m.as_str().to_owned()).collect()
}
