//! Resolving app and emulator profiles without the network.

mod common;

use common::fixture::{API_KEY, Fixture, SECRET_KEY, SESSION_TOKEN, api_key_profile, keys_profile};
use profiles::{EMULATOR_ID, ProfileErrorCode, SecretStore};

#[tokio::test]
async fn resolving_needs_the_secret_and_the_emulator_endpoint() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let emulator_error = store.resolve(EMULATOR_ID, None).await.unwrap_err();
    assert_eq!(emulator_error.code, ProfileErrorCode::EmulatorNotRunning);
    let emulator = store
        .resolve(EMULATOR_ID, Some("http://127.0.0.1:1"))
        .await
        .unwrap();
    assert_eq!(emulator.endpoint_url.as_deref(), Some("http://127.0.0.1:1"));
    assert_eq!(emulator.credential_source, "built-in emulator keys");

    let work = store.add(keys_profile("work")).unwrap();
    let resolved = store.resolve(&work.id, None).await.unwrap();
    assert_eq!(resolved.credential_source, "OS keyring");
    assert_eq!(resolved.region, "eu-west-3");
    assert_eq!(resolved.sdk_config.region().unwrap().as_ref(), "eu-west-3");
    let status = resolved.check_credentials().await.unwrap();
    assert_eq!(status.access_key_id.as_deref(), Some("AKIDAPPEXAMPLE"));
    let debug = format!("{resolved:?}");
    assert!(
        !debug.contains(SECRET_KEY) && !debug.contains(SESSION_TOKEN),
        "{debug}"
    );

    fixture.secrets.delete(&work.id).unwrap();
    let missing = store.resolve(&work.id, None).await.unwrap_err();
    assert_eq!(missing.code, ProfileErrorCode::SecretMissing);
}

#[tokio::test]
async fn an_api_key_profile_resolves_to_bearer_auth() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let id = store.add(api_key_profile("personal")).unwrap().id;
    let resolved = store.resolve(&id, None).await.unwrap();
    assert!(resolved.uses_api_key);
    assert_eq!(resolved.credential_source, "Bedrock API key (OS keyring)");
    assert_eq!(
        resolved.endpoint_url.as_deref(),
        Some("https://bedrock.example.test")
    );
    assert!(resolved.sdk_config.token_provider().is_some());
    let preference = format!("{:?}", resolved.sdk_config.auth_scheme_preference());
    assert!(preference.contains("httpBearerAuth"), "{preference}");
    let debug = format!("{resolved:?}");
    assert!(!debug.contains(API_KEY), "{debug}");
}

#[test]
fn the_store_and_its_resolution_can_cross_threads() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: &T) {}
    let fixture = Fixture::new();
    let store = fixture.open();
    send_sync(&store);
    let resolving = store.resolve(EMULATOR_ID, Some("http://127.0.0.1:1"));
    send(&resolving);
    drop(resolving);
}
