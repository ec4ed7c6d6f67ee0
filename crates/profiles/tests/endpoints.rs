//! Each service's calls go where aws-config would send them (its own variable, the profile's
//! `services` section, the app's per-service field, else the global endpoint), proven by two
//! emulators recording what reaches them; clear-text http to another host is refused first.

mod common;

use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};
use bedrock_emulator::Emulator;
use common::fixture::{Fixture, keys_profile};
use common::start_emulator;
use profiles::{ProfileErrorCode, RegionSource, ResolvedProfile, Service};

const KEYS: &str =
    "aws_access_key_id = AKIASPLITENDPOINTS01\naws_secret_access_key = not-a-real-secret\n";

fn operations(emulator: &Emulator) -> Vec<String> {
    emulator
        .state()
        .recorder
        .all()
        .into_iter()
        .map(|request| request.operation)
        .collect()
}

/// A chat turn, a model listing and an identity check, each through its own client.
async fn call_every_service(resolved: &ResolvedProfile) {
    let config = &resolved.sdk_config;
    aws_sdk_bedrockruntime::Client::new(config)
        .converse()
        .model_id("amazon.nova-pro-v1:0")
        .messages(
            Message::builder()
                .role(ConversationRole::User)
                .content(ContentBlock::Text("hi".into()))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("Converse");
    aws_sdk_bedrock::Client::new(config)
        .list_foundation_models()
        .send()
        .await
        .expect("ListFoundationModels");
    aws_sdk_sts::Client::new(config)
        .get_caller_identity()
        .send()
        .await
        .expect("GetCallerIdentity");
}

fn assert_split(runtime: &Emulator, control: &Emulator) {
    assert_eq!(operations(runtime), ["Converse"]);
    assert_eq!(operations(control), ["ListFoundationModels", "STS"]);
}

#[tokio::test]
async fn the_services_section_sends_each_service_to_its_own_endpoint() {
    let (runtime, control) = (start_emulator().await, start_emulator().await);
    let fixture = Fixture::with_aws(
        &format!(
            "[profile split]\nregion = us-east-1\n{KEYS}services = split-endpoints\n\n[services split-endpoints]\nbedrock_runtime =\n  endpoint_url = {}\nbedrock =\n  endpoint_url = {}\nsts =\n  endpoint_url = {}\n",
            runtime.endpoint_url(),
            control.endpoint_url(),
            control.endpoint_url()
        ),
        "",
    );
    let store = fixture.open();
    let resolved = store.resolve("aws:split", None).await.unwrap();
    call_every_service(&resolved).await;
    assert_split(&runtime, &control);
    assert_eq!(
        resolved.endpoint_url.as_deref(),
        Some(runtime.endpoint_url().as_str())
    );
    let services: Vec<_> = resolved.endpoints.iter().map(|e| e.service).collect();
    assert_eq!(
        services,
        [Service::BedrockRuntime, Service::Bedrock, Service::Sts]
    );
}

#[tokio::test]
async fn service_variables_win_over_the_global_one() {
    let (runtime, control) = (start_emulator().await, start_emulator().await);
    let fixture = Fixture::with_aws(&format!("[profile plain]\nregion = us-east-1\n{KEYS}"), "");
    let (runtime_url, control_url) = (runtime.endpoint_url(), control.endpoint_url());
    let store = fixture.open().with_env(&[
        ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", &runtime_url),
        ("AWS_ENDPOINT_URL", &control_url),
    ]);
    let resolved = store.resolve("aws:plain", None).await.unwrap();
    call_every_service(&resolved).await;
    assert_split(&runtime, &control);
    let sources: Vec<_> = resolved
        .endpoints
        .iter()
        .map(|e| e.source.as_str())
        .collect();
    assert_eq!(sources[0], "AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
    assert_eq!(sources[1], "AWS_ENDPOINT_URL");
}

#[tokio::test]
async fn an_app_profiles_runtime_endpoint_is_for_the_runtime_only() {
    let (runtime, control) = (start_emulator().await, start_emulator().await);
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let mut new = keys_profile("vpc");
    new.region = "us-east-1".into();
    new.endpoint_url = Some(control.endpoint_url());
    new.runtime_endpoint_url = Some(runtime.endpoint_url());
    let profile = store.add(new).unwrap();
    let resolved = store.resolve(&profile.id, None).await.unwrap();
    call_every_service(&resolved).await;
    assert_split(&runtime, &control);

    // With only the runtime endpoint set, the control plane and STS keep AWS's own.
    let mut runtime_only = keys_profile("vpc-only");
    runtime_only.runtime_endpoint_url =
        Some("https://vpce-0a1b.bedrock-runtime.eu-west-3.vpce.amazonaws.com".into());
    let profile = store.add(runtime_only).unwrap();
    let resolved = store.resolve(&profile.id, None).await.unwrap();
    let services: Vec<_> = resolved.endpoints.iter().map(|e| e.service).collect();
    assert_eq!(services, [Service::BedrockRuntime]);
    assert!(resolved.sdk_config.endpoint_url().is_none());
}

#[tokio::test]
async fn a_runtime_override_on_an_aws_profile_leaves_its_other_endpoints() {
    let (runtime, control) = (start_emulator().await, start_emulator().await);
    let fixture = Fixture::with_aws(
        &format!(
            "[profile dev]\nregion = us-east-1\nendpoint_url = {}\n{KEYS}",
            control.endpoint_url()
        ),
        "",
    );
    let mut store = fixture.open();
    store
        .update(
            "aws:dev",
            profiles::ProfileUpdate {
                runtime_endpoint_url: profiles::Change::Set(runtime.endpoint_url()),
                ..Default::default()
            },
        )
        .unwrap();
    let resolved = store.resolve("aws:dev", None).await.unwrap();
    call_every_service(&resolved).await;
    assert_split(&runtime, &control);
}

#[tokio::test]
async fn clear_text_to_another_host_is_refused_before_any_request() {
    let remote = "http://bedrock-runtime.us-east-1.amazonaws.com";
    let fixture = Fixture::with_aws(
        &format!(
            "[profile section]\nregion = us-east-1\n{KEYS}services = s\n\n[services s]\nbedrock_runtime =\n  endpoint_url = {remote}\n\n[profile global]\nregion = us-east-1\n{KEYS}endpoint_url = http://10.1.2.3:8080\n\n[profile plain]\nregion = us-east-1\n{KEYS}"
        ),
        "",
    );
    let store = fixture.open();
    let refused = store.resolve("aws:section", None).await.unwrap_err();
    assert_eq!(refused.code, ProfileErrorCode::InsecureEndpoint);
    assert!(refused.message.contains("bedrock-runtime"), "{refused}");
    assert!(
        refused
            .hint
            .contains("https://bedrock-runtime.us-east-1.amazonaws.com"),
        "{refused}"
    );
    let refused = store.resolve("aws:global", None).await.unwrap_err();
    assert_eq!(refused.code, ProfileErrorCode::InsecureEndpoint);

    let from_env = fixture
        .open()
        .with_env(&[("AWS_ENDPOINT_URL_STS", "http://sts.example.com")]);
    let refused = from_env.resolve("aws:plain", None).await.unwrap_err();
    assert_eq!(refused.code, ProfileErrorCode::InsecureEndpoint);
    assert!(refused.message.contains("sts"), "{refused}");

    let mut store = fixture.open();
    let mut typed = keys_profile("typed");
    typed.runtime_endpoint_url = Some("http://vpce.example.com".into());
    assert_eq!(
        store.add(typed).unwrap_err().code,
        ProfileErrorCode::InsecureEndpoint
    );

    let local = start_emulator().await;
    let loopback = fixture
        .open()
        .with_env(&[("AWS_ENDPOINT_URL", &local.endpoint_url())]);
    assert!(loopback.resolve("aws:plain", None).await.is_ok());
}

/// The environment, the profile, and the region and source expected.
type RegionCase = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
    RegionSource,
);

#[tokio::test]
async fn a_profile_without_region_takes_it_as_the_sdk_would_or_says_it_has_none() {
    let fixture = Fixture::with_aws(
        &format!("[profile bare]\n{KEYS}\n[profile located]\nregion = eu-west-3\n{KEYS}"),
        "",
    );
    let cases: [RegionCase; 4] = [
        (
            &[("AWS_REGION", "ap-south-1")],
            "bare",
            "ap-south-1",
            RegionSource::EnvAwsRegion,
        ),
        (
            &[("AWS_DEFAULT_REGION", "ca-central-1")],
            "bare",
            "ca-central-1",
            RegionSource::EnvAwsDefaultRegion,
        ),
        (
            &[
                ("AWS_REGION", "us-west-2"),
                ("AWS_DEFAULT_REGION", "ca-central-1"),
            ],
            "located",
            "us-west-2",
            RegionSource::EnvAwsRegion,
        ),
        (&[], "located", "eu-west-3", RegionSource::AwsConfig),
    ];
    for (env, name, region, source) in cases {
        let store = fixture.open().with_env(env);
        let summary = store.get(&format!("aws:{name}")).unwrap();
        assert_eq!(
            (summary.region.as_str(), summary.region_source),
            (region, source)
        );
        let resolved = store.resolve(&summary.id, None).await.unwrap();
        assert_eq!(resolved.sdk_config.region().unwrap().as_ref(), region);
    }
    let store = fixture.open();
    let bare = store.get("aws:bare").unwrap();
    assert_eq!(bare.region_source, RegionSource::Missing);
    assert_eq!(bare.region, "");
    let missing = store.resolve("aws:bare", None).await.unwrap_err();
    assert_eq!(missing.code, ProfileErrorCode::RegionMissing);
    assert!(missing.hint.contains("[profile bare]"), "{missing}");
}

#[tokio::test]
async fn an_active_profile_removed_from_the_file_is_reported_not_replaced() {
    let fixture = Fixture::with_aws(&format!("[profile work]\nregion = us-east-1\n{KEYS}"), "");
    let mut store = fixture.open();
    store.set_active("aws:work").unwrap();
    assert_eq!(store.active_profile().unwrap().id, "aws:work");
    std::fs::write(&fixture.aws.config, "[profile other]\nregion = us-east-1\n").unwrap();
    let gone = store.active_profile().unwrap_err();
    assert_eq!(gone.code, ProfileErrorCode::ActiveProfileGone);
    assert!(gone.message.contains("`work`"), "{gone}");
    let list = store.list();
    assert_eq!(
        list.active_problem.map(|p| p.code),
        Some(ProfileErrorCode::ActiveProfileGone)
    );
    assert!(list.profiles.iter().all(|p| !p.active));
    store.set_active("emulator").unwrap();
    assert!(store.active_profile().is_ok());
}

#[tokio::test]
async fn ignoring_configured_endpoints_leaves_only_the_apps_own() {
    let local = start_emulator().await;
    let fixture = Fixture::with_aws(
        &format!(
            "[profile ignoring]\nregion = us-east-1\n{KEYS}endpoint_url = {}\nignore_configured_endpoint_urls = true\n\n[profile plain]\nregion = us-east-1\n{KEYS}",
            local.endpoint_url()
        ),
        "",
    );
    let store = fixture.open();
    assert!(
        store
            .resolve("aws:ignoring", None)
            .await
            .unwrap()
            .endpoints
            .is_empty()
    );
    let from_env = fixture.open().with_env(&[
        (
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
            "http://insecure.example.com",
        ),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ]);
    let resolved = from_env.resolve("aws:plain", None).await.unwrap();
    assert!(resolved.endpoints.is_empty(), "{:?}", resolved.endpoints);
}
