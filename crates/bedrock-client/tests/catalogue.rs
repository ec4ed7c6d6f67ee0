//! The model catalogue and the connection check against the emulator, through the real SDKs.

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use bedrock_client::ErrorCode;
use bedrock_client::catalogue::{CatalogueOrigin, ModelCatalogue, list_chat_models};
use bedrock_client::connection_check::{CheckTarget, check_connection};
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};

async fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default()).await.unwrap()
}

fn config(emulator: &Emulator, region: &str) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .endpoint_url(emulator.endpoint_url())
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIACATALOGUETEST",
            "secret",
            None,
            None,
            "test",
        )))
        .retry_config(RetryConfig::disabled())
        .build()
}

#[tokio::test]
async fn profile_only_models_are_called_through_the_regions_geography() {
    let emulator = emulator().await;
    // Tokyo takes its own `jp.` profile where a model has one, else `apac.`.
    for (region, prefixes) in [
        ("us-east-1", &["us."][..]),
        ("eu-west-1", &["eu."][..]),
        ("ap-northeast-1", &["jp.", "apac."][..]),
        ("ap-southeast-2", &["au.", "apac."][..]),
    ] {
        let client = aws_sdk_bedrock::Client::new(&config(&emulator, region));
        let listed = list_chat_models(&client, region).await.unwrap();
        assert!(listed.warning.is_none());
        let models = listed.models;
        assert!(models.len() > 10, "{region}: {} models", models.len());
        assert!(
            models
                .iter()
                .all(|m| m.output_modalities.contains(&"TEXT".to_owned()))
        );
        assert!(!models.iter().any(|m| m.model_id.contains("embed")));
        let via_profile: Vec<_> = models
            .iter()
            .filter(|m| m.inference_profile.is_some())
            .collect();
        assert!(!via_profile.is_empty(), "{region}: no profile-only model");
        let sonnet = via_profile
            .iter()
            .find(|m| m.model_id == "anthropic.claude-sonnet-4-5-20250929-v1:0")
            .map(|m| m.invoke_id.as_str());
        assert_eq!(
            sonnet.map(|id| id.split('.').next().unwrap_or_default()),
            Some(prefixes[0].trim_end_matches('.')),
            "{region}: the narrowest profile is chosen"
        );
        for model in via_profile {
            assert_eq!(model.inference_profile.as_ref(), Some(&model.invoke_id));
            assert!(
                prefixes.iter().any(|p| model.invoke_id.starts_with(p))
                    || model.invoke_id.starts_with("global."),
                "{region}: {} called through {}",
                model.model_id,
                model.invoke_id
            );
        }
    }
}

#[tokio::test]
async fn lists_are_cached_per_profile_and_region_until_refreshed() {
    let emulator = emulator().await;
    let client = aws_sdk_bedrock::Client::new(&config(&emulator, "us-east-1"));
    let catalogue = ModelCatalogue::default();
    let count_listings = || {
        emulator
            .state()
            .recorder
            .all()
            .iter()
            .filter(|r| r.operation == "ListFoundationModels")
            .count()
    };
    let live = catalogue
        .models("p", "us-east-1", false, &client)
        .await
        .unwrap();
    assert_eq!(live.origin, CatalogueOrigin::Live);
    let cached = catalogue
        .models("p", "us-east-1", false, &client)
        .await
        .unwrap();
    assert_eq!(cached.origin, CatalogueOrigin::Cached);
    assert_eq!(cached.models, live.models);
    assert_eq!(count_listings(), 1);
    catalogue
        .models("p", "us-east-1", true, &client)
        .await
        .unwrap();
    catalogue
        .models("other", "us-east-1", false, &client)
        .await
        .unwrap();
    assert_eq!(count_listings(), 3);
}

#[tokio::test]
async fn a_denied_listing_falls_back_to_the_offline_catalogue() {
    let emulator = emulator().await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            operation: Some("ListFoundationModels".into()),
            fault: Some("access-denied".into()),
            ..RuleSpec::default()
        })
        .unwrap();
    let client = aws_sdk_bedrock::Client::new(&config(&emulator, "eu-west-1"));
    let view = ModelCatalogue::default()
        .models("p", "eu-west-1", false, &client)
        .await
        .unwrap();
    assert_eq!(view.origin, CatalogueOrigin::Offline);
    assert_eq!(
        view.warning.as_ref().map(|w| w.code),
        Some(ErrorCode::AccessDenied)
    );
    assert!(
        view.models
            .iter()
            .any(|m| m.invoke_id == "eu.deepseek.r1-v1:0")
    );
}

#[tokio::test]
async fn models_still_list_when_inference_profiles_are_denied() {
    let emulator = emulator().await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            operation: Some("ListInferenceProfiles".into()),
            fault: Some("access-denied".into()),
            ..RuleSpec::default()
        })
        .unwrap();
    let client = aws_sdk_bedrock::Client::new(&config(&emulator, "eu-west-1"));
    let view = ModelCatalogue::default()
        .models("p", "eu-west-1", false, &client)
        .await
        .unwrap();
    assert_eq!(view.origin, CatalogueOrigin::Live);
    assert!(view.models.len() > 10, "{} models", view.models.len());
    let warning = view.warning.expect("a note that profiles are missing");
    assert_eq!(warning.code, ErrorCode::AccessDenied);
    assert!(
        warning
            .message
            .starts_with("Inference profiles could not be listed"),
        "{}",
        warning.message
    );
    assert!(warning.hint.contains("bedrock:ListInferenceProfiles"));
    let llama = view
        .models
        .iter()
        .find(|m| m.model_id == "meta.llama3-2-1b-instruct-v1:0")
        .expect("a profile-only model is still offered");
    assert_eq!(llama.invoke_id, "eu.meta.llama3-2-1b-instruct-v1:0");

    let control = aws_sdk_bedrock::Client::new(&config(&emulator, "eu-west-1"));
    let report = check_connection(CheckTarget {
        config: &config(&emulator, "eu-west-1"),
        aws_profile: None,
        uses_api_key: false,
        control: &control,
        credential_source: "test keys",
    })
    .await;
    let models = report.steps.iter().find(|s| s.name == "Models").unwrap();
    assert!(
        models.ok
            && models
                .detail
                .contains("Inference profiles could not be listed")
    );
}

#[tokio::test]
async fn connection_check_reports_identity_and_models() {
    let emulator = emulator().await;
    let config = config(&emulator, "us-east-1");
    let control = aws_sdk_bedrock::Client::new(&config);
    let report = check_connection(CheckTarget {
        config: &config,
        aws_profile: None,
        uses_api_key: false,
        control: &control,
        credential_source: "test keys",
    })
    .await;
    assert!(report.ok, "{report:?}");
    assert_eq!(report.access_key.as_deref(), Some("AKIA…TEST"));
    let identity = report.identity.unwrap();
    assert_eq!(identity.account, "123456789012");
    assert!(report.model_count.unwrap() > 10);
    assert_eq!(report.steps.len(), 3);
}

#[tokio::test]
async fn connection_check_says_which_step_failed_and_why() {
    let emulator = emulator().await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            operation: Some("ListFoundationModels".into()),
            fault: Some("expired-token".into()),
            ..RuleSpec::default()
        })
        .unwrap();
    let config = config(&emulator, "us-east-1");
    let control = aws_sdk_bedrock::Client::new(&config);
    let report = check_connection(CheckTarget {
        config: &config,
        aws_profile: Some("dev"),
        uses_api_key: false,
        control: &control,
        credential_source: "test keys",
    })
    .await;
    assert!(!report.ok);
    let models = report.steps.iter().find(|s| s.name == "Models").unwrap();
    assert!(!models.ok);
    assert_eq!(
        models.error.as_ref().unwrap().code,
        ErrorCode::ExpiredCredentials
    );

    let unreachable = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url("http://127.0.0.1:9")
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIAX", "s", None, None, "t",
        )))
        .retry_config(RetryConfig::disabled())
        .build();
    let control = aws_sdk_bedrock::Client::new(&unreachable);
    let report = check_connection(CheckTarget {
        config: &unreachable,
        aws_profile: None,
        uses_api_key: false,
        control: &control,
        credential_source: "test keys",
    })
    .await;
    let identity = report.steps.iter().find(|s| s.name == "Identity").unwrap();
    assert_eq!(identity.error.as_ref().unwrap().code, ErrorCode::Network);
    assert!(identity.error.as_ref().unwrap().hint.contains("endpoint"));
}
