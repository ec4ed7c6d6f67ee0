//! ListFoundationModels, GetFoundationModel, ListInferenceProfiles, GetInferenceProfile via aws-sdk-bedrock.

use aws_sdk_bedrock::types::{FoundationModelLifecycleStatus, InferenceType, ModelModality};

use crate::support;

fn client(emulator: &bedrock_emulator::Emulator, region: &str) -> aws_sdk_bedrock::Client {
    aws_sdk_bedrock::Client::new(&support::sdk_config(
        emulator,
        region,
        support::ACCESS_KEY_ID,
    ))
}

#[tokio::test]
async fn lists_models_with_filters() {
    let emulator = support::emulator().await;
    let bedrock = client(&emulator, "us-east-1");
    let all = bedrock.list_foundation_models().send().await.unwrap();
    let summaries = all.model_summaries();
    for provider in [
        "anthropic.",
        "meta.",
        "mistral.",
        "amazon.",
        "cohere.",
        "ai21.",
        "deepseek.",
    ] {
        assert!(
            summaries.iter().any(|m| m.model_id().starts_with(provider)),
            "{provider}"
        );
    }
    let haiku = summaries
        .iter()
        .find(|m| m.model_id() == "anthropic.claude-3-haiku-20240307-v1:0")
        .unwrap();
    assert_eq!(
        haiku.model_arn(),
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
    );
    assert_eq!(
        haiku.input_modalities(),
        [ModelModality::Text, ModelModality::Image]
    );
    assert_eq!(haiku.response_streaming_supported(), Some(true));
    assert_eq!(
        haiku.model_lifecycle().unwrap().status(),
        &FoundationModelLifecycleStatus::Active
    );

    let profile_only = summaries
        .iter()
        .find(|m| m.model_id() == "deepseek.r1-v1:0")
        .unwrap();
    assert_eq!(
        profile_only.inference_types_supported()[0].as_str(),
        "INFERENCE_PROFILE"
    );

    let embeddings = bedrock
        .list_foundation_models()
        .by_output_modality(ModelModality::Embedding)
        .send()
        .await
        .unwrap();
    assert!(!embeddings.model_summaries().is_empty());
    assert!(
        embeddings
            .model_summaries()
            .iter()
            .all(|m| m.output_modalities() == [ModelModality::Embedding])
    );

    let meta = bedrock
        .list_foundation_models()
        .by_provider("meta")
        .send()
        .await
        .unwrap();
    assert!(
        meta.model_summaries()
            .iter()
            .all(|m| m.provider_name() == Some("Meta"))
    );
    assert!(meta.model_summaries().len() >= 5);

    let on_demand = bedrock
        .list_foundation_models()
        .by_inference_type(InferenceType::OnDemand)
        .send()
        .await
        .unwrap();
    assert!(
        on_demand
            .model_summaries()
            .iter()
            .all(|m| m.model_id() != "deepseek.r1-v1:0")
    );
}

#[tokio::test]
async fn the_catalogue_depends_on_the_region() {
    let emulator = support::emulator().await;
    let us = client(&emulator, "us-east-1")
        .list_foundation_models()
        .send()
        .await
        .unwrap();
    let eu = client(&emulator, "eu-west-1")
        .list_foundation_models()
        .send()
        .await
        .unwrap();
    let has =
        |list: &aws_sdk_bedrock::operation::list_foundation_models::ListFoundationModelsOutput,
         id: &str| { list.model_summaries().iter().any(|m| m.model_id() == id) };
    assert!(has(&us, "cohere.command-r-v1:0") && !has(&eu, "cohere.command-r-v1:0"));
    let eu_arn = eu.model_summaries()[0].model_arn();
    assert!(
        eu_arn.starts_with("arn:aws:bedrock:eu-west-1::foundation-model/"),
        "{eu_arn}"
    );
}

#[tokio::test]
async fn gets_one_model_or_not_found() {
    let emulator = support::emulator().await;
    let bedrock = client(&emulator, "us-east-1");
    let details = bedrock
        .get_foundation_model()
        .model_identifier("amazon.titan-embed-text-v2:0")
        .send()
        .await
        .unwrap();
    let model = details.model_details().unwrap();
    assert_eq!(model.model_name(), Some("Titan Text Embeddings V2"));
    assert_eq!(model.response_streaming_supported(), Some(false));
    let missing = bedrock
        .get_foundation_model()
        .model_identifier("amazon.nothing-v9")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing
            .into_service_error()
            .is_resource_not_found_exception()
    );
}

#[tokio::test]
async fn inference_profiles_follow_the_geography() {
    let emulator = support::emulator().await;
    let us = client(&emulator, "us-east-1")
        .list_inference_profiles()
        .send()
        .await
        .unwrap();
    let ids: Vec<&str> = us
        .inference_profile_summaries()
        .iter()
        .map(|p| p.inference_profile_id())
        .collect();
    assert!(ids.contains(&"us.anthropic.claude-3-7-sonnet-20250219-v1:0"));
    assert!(ids.contains(&"global.anthropic.claude-sonnet-4-20250514-v1:0"));
    assert!(ids.contains(&"us.deepseek.r1-v1:0"));
    assert!(
        ids.iter()
            .all(|id| id.starts_with("us.") || id.starts_with("global."))
    );

    let eu = client(&emulator, "eu-central-1")
        .list_inference_profiles()
        .send()
        .await
        .unwrap();
    let profile = eu
        .inference_profile_summaries()
        .iter()
        .find(|p| p.inference_profile_id() == "eu.anthropic.claude-3-7-sonnet-20250219-v1:0")
        .expect("an eu. profile in eu-central-1");
    assert_eq!(
        profile.inference_profile_arn(),
        "arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0"
    );
    assert!(profile.models().len() > 1);
    assert!(
        profile
            .models()
            .iter()
            .all(|m| m.model_arn().unwrap().contains(":eu-"))
    );
}

#[tokio::test]
async fn inference_profiles_paginate_and_can_be_fetched() {
    let emulator = support::emulator().await;
    let bedrock = client(&emulator, "us-west-2");
    let pages: Vec<_> = bedrock
        .list_inference_profiles()
        .max_results(3)
        .into_paginator()
        .items()
        .send()
        .collect()
        .await;
    let all = bedrock.list_inference_profiles().send().await.unwrap();
    assert_eq!(pages.len(), all.inference_profile_summaries().len());
    assert!(pages.len() > 3);

    let one = bedrock
        .get_inference_profile()
        .inference_profile_identifier("us.amazon.nova-pro-v1:0")
        .send()
        .await
        .unwrap();
    assert_eq!(one.inference_profile_name(), "US Nova Pro");
    let missing = bedrock
        .get_inference_profile()
        .inference_profile_identifier("eu.amazon.nova-pro-v1:0")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing
            .into_service_error()
            .is_resource_not_found_exception()
    );
}
