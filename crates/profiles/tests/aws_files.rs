//! `~/.aws` profiles resolved by aws-config against the in-process emulator: the emulator records
//! which access key id signed each request, which proves what the resolved configuration sends.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{last_caller, last_signer, list_models, recorded_requests, start_emulator};
use profiles::{
    AccessKeys, AwsFiles, AwsProfileKind, Change, EMULATOR_ACCESS_KEY_ID, EMULATOR_ID,
    InMemorySecrets, NewProfile, ProfileErrorCode, ProfileStore, ProfileUpdate,
};

const STATIC_KEY_ID: &str = "AKIASTATICFIXTURE001";
const BASE_KEY_ID: &str = "AKIABASEFIXTURE00001";
const PROCESS_KEY_ID: &str = "ASIAPROCESSFIXTURE01";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/PlaygroundTester";

struct AwsFixture {
    dir: tempfile::TempDir,
    files: AwsFiles,
}

/// Shared files whose profiles all talk to the emulator at `endpoint`.
fn aws_fixture(endpoint: &str) -> AwsFixture {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("credentials.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho '{{\"Version\":1,\"AccessKeyId\":\"{PROCESS_KEY_ID}\",\"SecretAccessKey\":\"process-secret\",\"SessionToken\":\"process-token\",\"Expiration\":\"2099-01-01T00:00:00Z\"}}'\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = format!(
        "[profile static]\nregion = us-west-2\nendpoint_url = {endpoint}\n\n\
         [profile process]\nregion = eu-west-1\nendpoint_url = {endpoint}\ncredential_process = {script}\n\n\
         [profile base]\nregion = us-east-1\nendpoint_url = {endpoint}\n\n\
         [profile role]\nregion = us-east-1\nendpoint_url = {endpoint}\nrole_arn = {ROLE_ARN}\nsource_profile = base\nrole_session_name = playground-test\n\n\
         [profile elsewhere]\nregion = eu-central-1\n",
        script = script.display()
    );
    let credentials = format!(
        "[static]\naws_access_key_id = {STATIC_KEY_ID}\naws_secret_access_key = static-secret\n\n\
         [base]\naws_access_key_id = {BASE_KEY_ID}\naws_secret_access_key = base-secret\n\n\
         [elsewhere]\naws_access_key_id = AKIAELSEWHEREFIXTURE\naws_secret_access_key = elsewhere-secret\n"
    );
    let files = AwsFiles::new(dir.path().join("config"), dir.path().join("credentials"));
    std::fs::write(&files.config, config).unwrap();
    std::fs::write(&files.credentials, credentials).unwrap();
    AwsFixture { dir, files }
}

fn open_store(fixture: &AwsFixture, secrets: &InMemorySecrets) -> ProfileStore {
    let data = fixture.dir.path().join("data");
    ProfileStore::open_with(
        &data,
        Box::new(secrets.clone()),
        Some(fixture.files.clone()),
    )
    .unwrap()
}

#[tokio::test]
async fn static_keys_from_the_credentials_file_sign_requests() {
    let emulator = start_emulator().await;
    let fixture = aws_fixture(&emulator.endpoint_url());
    let store = open_store(&fixture, &InMemorySecrets::new());
    assert_eq!(
        store.get("aws:static").unwrap().aws_kind,
        Some(AwsProfileKind::Static)
    );

    let resolved = store.resolve("aws:static", None).await.unwrap();
    assert_eq!(
        resolved.credential_source,
        "~/.aws profile static (static keys)"
    );
    assert_eq!(resolved.region, "us-west-2");
    assert_eq!(
        resolved.endpoint_url.as_deref(),
        Some(emulator.endpoint_url().as_str())
    );
    list_models(&resolved.sdk_config).await;

    let caller = last_caller(&emulator, "ListFoundationModels")
        .await
        .unwrap();
    assert_eq!(caller["accessKeyId"], STATIC_KEY_ID);
    assert_eq!(caller["region"], "us-west-2");
    assert_eq!(caller["scheme"], "sigv4");
}

#[tokio::test]
async fn credential_process_output_signs_requests() {
    let emulator = start_emulator().await;
    let fixture = aws_fixture(&emulator.endpoint_url());
    let store = open_store(&fixture, &InMemorySecrets::new());
    assert_eq!(
        store.get("aws:process").unwrap().aws_kind,
        Some(AwsProfileKind::CredentialProcess)
    );

    let resolved = store.resolve("aws:process", None).await.unwrap();
    assert_eq!(
        resolved.credential_source,
        "~/.aws profile process (credential_process)"
    );
    let status = resolved.check_credentials().await.unwrap();
    assert_eq!(status.access_key_id.as_deref(), Some(PROCESS_KEY_ID));
    assert_eq!(status.expires_at.as_deref(), Some("2099-01-01T00:00:00Z"));
    list_models(&resolved.sdk_config).await;

    let caller = last_caller(&emulator, "ListFoundationModels")
        .await
        .unwrap();
    assert_eq!(caller["accessKeyId"], PROCESS_KEY_ID);
    assert_eq!(caller["hasSessionToken"], true);
    assert_eq!(caller["region"], "eu-west-1");
}

#[tokio::test]
async fn a_role_is_assumed_through_the_emulators_sts_with_the_source_profiles_keys() {
    let emulator = start_emulator().await;
    let fixture = aws_fixture(&emulator.endpoint_url());
    let store = open_store(&fixture, &InMemorySecrets::new());
    let summary = store.get("aws:role").unwrap();
    assert_eq!(summary.aws_kind, Some(AwsProfileKind::AssumeRole));

    let resolved = store.resolve("aws:role", None).await.unwrap();
    assert_eq!(
        resolved.credential_source,
        "~/.aws profile role (assume role)"
    );
    list_models(&resolved.sdk_config).await;

    assert_eq!(
        last_signer(&emulator, "STS").await.as_deref(),
        Some(BASE_KEY_ID),
        "AssumeRole is signed with the source profile's keys"
    );
    let role_key = last_signer(&emulator, "ListFoundationModels")
        .await
        .unwrap();
    assert!(role_key.starts_with("ASIA"), "{role_key}");
    let session = emulator
        .state()
        .sts
        .session_for(&role_key)
        .expect("the key was issued by the emulator's AssumeRole");
    assert_eq!(session.role_arn, ROLE_ARN);
    assert_eq!(session.session_name, "playground-test");

    let identity = aws_sdk_sts::Client::new(&resolved.sdk_config)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        identity.arn(),
        Some("arn:aws:sts::123456789012:assumed-role/PlaygroundTester/playground-test")
    );
}

#[tokio::test]
async fn switching_the_active_profile_switches_the_signing_keys() {
    let emulator = start_emulator().await;
    let endpoint = emulator.endpoint_url();
    let fixture = aws_fixture(&endpoint);
    let mut store = open_store(&fixture, &InMemorySecrets::new());
    let app = store
        .add(NewProfile {
            name: "typed in".into(),
            region: "ap-northeast-1".into(),
            endpoint_url: Some(endpoint.clone()),
            runtime_endpoint_url: None,
            access_keys: Some(AccessKeys {
                access_key_id: "AKIAAPPTYPEDFIXTURE1".into(),
                secret_access_key: "app-secret".into(),
                session_token: None,
            }),
            bedrock_api_key: None,
        })
        .unwrap();

    let expected = [
        ("aws:static", STATIC_KEY_ID),
        ("aws:process", PROCESS_KEY_ID),
        (app.id.as_str(), "AKIAAPPTYPEDFIXTURE1"),
        (EMULATOR_ID, EMULATOR_ACCESS_KEY_ID),
        ("aws:static", STATIC_KEY_ID),
    ];
    for (id, key_id) in expected {
        store.set_active(id).unwrap();
        let active = store.active();
        assert_eq!(active.id, id);
        let resolved = store.resolve(&active.id, Some(&endpoint)).await.unwrap();
        list_models(&resolved.sdk_config).await;
        assert_eq!(
            last_signer(&emulator, "ListFoundationModels")
                .await
                .as_deref(),
            Some(key_id),
            "active profile {id}"
        );
    }
    let signed = recorded_requests(&emulator)
        .await
        .iter()
        .filter(|r| r["operation"] == "ListFoundationModels")
        .count();
    assert_eq!(signed, expected.len());
}

#[tokio::test]
async fn a_user_endpoint_override_redirects_an_aws_profile() {
    let emulator = start_emulator().await;
    let fixture = aws_fixture(&emulator.endpoint_url());
    let mut store = open_store(&fixture, &InMemorySecrets::new());
    assert_eq!(store.get("aws:elsewhere").unwrap().endpoint_url, None);
    store
        .update(
            "aws:elsewhere",
            ProfileUpdate {
                endpoint_url: Change::Set(emulator.endpoint_url()),
                region: Change::Set("sa-east-1".into()),
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    let resolved = store.resolve("aws:elsewhere", None).await.unwrap();
    list_models(&resolved.sdk_config).await;
    let caller = last_caller(&emulator, "ListFoundationModels")
        .await
        .unwrap();
    assert_eq!(caller["accessKeyId"], "AKIAELSEWHEREFIXTURE");
    assert_eq!(caller["region"], "sa-east-1");
}

#[tokio::test]
async fn a_failing_credential_process_is_a_clear_error() {
    let emulator = start_emulator().await;
    let fixture = aws_fixture(&emulator.endpoint_url());
    std::fs::write(
        fixture.dir.path().join("credentials.sh"),
        "#!/bin/sh\necho 'token expired' >&2\nexit 3\n",
    )
    .unwrap();
    let store = open_store(&fixture, &InMemorySecrets::new());
    let resolved = store.resolve("aws:process", None).await.unwrap();
    let error = resolved.check_credentials().await.unwrap_err();
    assert_eq!(error.code, ProfileErrorCode::CredentialsFailed);
    assert!(
        error.message.contains("~/.aws profile process"),
        "{}",
        error.message
    );
    assert!(error.hint.contains("credential_process"), "{}", error.hint);
}
