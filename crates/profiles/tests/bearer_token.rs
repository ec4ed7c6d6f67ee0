//! A Bedrock API key travels in the resolved `SdkConfig`: both Bedrock clients send it as
//! `Authorization: Bearer …` with no client-level setting, while STS still signs with SigV4.

mod common;

use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};
use common::{last_caller, list_models, start_emulator};
use profiles::{
    AccessKeys, AwsFiles, Change, InMemorySecrets, NewProfile, ProfileStore, ProfileUpdate,
};

const API_KEY: &str = "ABSKQmVkcm9ja0FQSUtleUFixtureKeyWXYZ";

async fn converse(config: &aws_config::SdkConfig) {
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text("hello".into()))
        .build()
        .unwrap();
    aws_sdk_bedrockruntime::Client::new(config)
        .converse()
        .model_id("amazon.nova-pro-v1:0")
        .messages(message)
        .send()
        .await
        .expect("Converse against the emulator");
}

#[tokio::test]
async fn an_api_key_profile_calls_both_bedrock_apis_with_a_bearer_token() {
    let emulator = start_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        ProfileStore::open_with(dir.path(), Box::new(InMemorySecrets::new()), None).unwrap();
    let id = store
        .add(NewProfile {
            name: "api key".into(),
            region: "us-east-1".into(),
            endpoint_url: Some(emulator.endpoint_url()),
            runtime_endpoint_url: None,
            access_keys: None,
            bedrock_api_key: Some(API_KEY.into()),
        })
        .unwrap()
        .id;
    let resolved = store.resolve(&id, None).await.unwrap();
    assert!(resolved.uses_api_key);

    converse(&resolved.sdk_config).await;
    list_models(&resolved.sdk_config).await;
    for operation in ["Converse", "ListFoundationModels"] {
        let caller = last_caller(&emulator, operation).await.unwrap();
        assert_eq!(caller["scheme"], "bearer", "{operation}: {caller}");
        assert_eq!(caller["bearerKeySuffix"], "WXYZ", "{operation}");
        assert!(caller["accessKeyId"].is_null());
    }
}

#[tokio::test]
async fn keys_and_an_api_key_together_use_bearer_for_bedrock_and_sigv4_for_sts() {
    let emulator = start_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        ProfileStore::open_with(dir.path(), Box::new(InMemorySecrets::new()), None).unwrap();
    let id = store
        .add(NewProfile {
            name: "both".into(),
            region: "us-east-1".into(),
            endpoint_url: Some(emulator.endpoint_url()),
            runtime_endpoint_url: None,
            access_keys: Some(AccessKeys {
                access_key_id: "AKIABOTHFIXTURE00001".into(),
                secret_access_key: "both-secret".into(),
                session_token: None,
            }),
            bedrock_api_key: Some(API_KEY.into()),
        })
        .unwrap()
        .id;
    let resolved = store.resolve(&id, None).await.unwrap();
    converse(&resolved.sdk_config).await;
    aws_sdk_sts::Client::new(&resolved.sdk_config)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        last_caller(&emulator, "Converse").await.unwrap()["scheme"],
        "bearer"
    );
    let sts = last_caller(&emulator, "STS").await.unwrap();
    assert_eq!(sts["scheme"], "sigv4");
    assert_eq!(sts["accessKeyId"], "AKIABOTHFIXTURE00001");

    store
        .update(
            &id,
            ProfileUpdate {
                bedrock_api_key: Change::Clear,
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    let keys_only = store.resolve(&id, None).await.unwrap();
    converse(&keys_only.sdk_config).await;
    let caller = last_caller(&emulator, "Converse").await.unwrap();
    assert_eq!(caller["scheme"], "sigv4");
    assert_eq!(caller["accessKeyId"], "AKIABOTHFIXTURE00001");
}

#[tokio::test]
async fn an_api_key_added_to_an_aws_profile_is_used_for_bedrock() {
    let emulator = start_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let files = AwsFiles::new(dir.path().join("config"), dir.path().join("credentials"));
    std::fs::write(
        &files.config,
        format!(
            "[profile dev]\nregion = us-east-1\nendpoint_url = {}\n",
            emulator.endpoint_url()
        ),
    )
    .unwrap();
    std::fs::write(
        &files.credentials,
        "[dev]\naws_access_key_id = AKIADEVFIXTURE000001\naws_secret_access_key = dev-secret\n",
    )
    .unwrap();
    let mut store = ProfileStore::open_with(
        &dir.path().join("data"),
        Box::new(InMemorySecrets::new()),
        Some(files),
    )
    .unwrap();
    store
        .update(
            "aws:dev",
            ProfileUpdate {
                bedrock_api_key: Change::Set(API_KEY.into()),
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    let resolved = store.resolve("aws:dev", None).await.unwrap();
    assert!(
        resolved.credential_source.contains("Bedrock API key"),
        "{}",
        resolved.credential_source
    );
    converse(&resolved.sdk_config).await;
    assert_eq!(
        last_caller(&emulator, "Converse").await.unwrap()["bearerKeySuffix"],
        "WXYZ"
    );
    aws_sdk_sts::Client::new(&resolved.sdk_config)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        last_caller(&emulator, "STS").await.unwrap()["accessKeyId"],
        "AKIADEVFIXTURE000001"
    );
}
