//! Credentials failures reach the user as what they are, with the fix: a failing
//! `credential_process` and an expired SSO login, through the streamed chat and the connection
//! check, with real `~/.aws` files read by aws-config (never labelled a network error).

// aws-config's own names for the shared files; their aws-runtime originals are not a
// dependency of this crate.
#![allow(deprecated)]

use std::path::Path;
use std::process::Command;

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use bedrock_client::chat::{ChatRequest, stream_chat};
use bedrock_client::connection::with_explained_identity;
use bedrock_client::connection_check::{CheckTarget, check_connection};
use bedrock_client::{ClientError, ErrorCode};
use bedrock_emulator::{Emulator, EmulatorConfig};
use tokio_util::sync::CancellationToken;

const CHILD: &str = "IDENTITY_ERRORS_CHILD";

async fn config_for(emulator: &Emulator, config_file: &Path, profile: &str) -> SdkConfig {
    let files = ProfileFiles::builder()
        .with_file(ProfileFileKind::Config, config_file)
        .build();
    let credentials = ProfileFileCredentialsProvider::builder()
        .profile_files(files.clone())
        .profile_name(profile)
        .build();
    aws_config::defaults(BehaviorVersion::latest())
        .profile_files(files)
        .profile_name(profile)
        .region(Region::new("us-east-1"))
        .endpoint_url(emulator.endpoint_url())
        .credentials_provider(credentials)
        .retry_config(RetryConfig::disabled())
        .load()
        .await
}

async fn chat_error(config: &SdkConfig) -> ClientError {
    let request: ChatRequest = serde_json::from_value(serde_json::json!({
        "modelId": "amazon.nova-pro-v1:0",
        "messages": [{"role": "user", "text": "hi"}],
    }))
    .unwrap();
    let client = aws_sdk_bedrockruntime::Client::new(config);
    let outcome = stream_chat(
        &client,
        &request,
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    outcome.error.expect("the chat fails")
}

async fn check_error(config: &SdkConfig, profile: &str) -> ClientError {
    let control = aws_sdk_bedrock::Client::new(config);
    let report = check_connection(CheckTarget {
        config,
        aws_profile: Some(profile),
        uses_api_key: false,
        control: &control,
        credential_source: "~/.aws profile",
    })
    .await;
    assert!(!report.ok);
    let step = &report.steps[0];
    assert_eq!(step.name, "Credentials");
    step.error.clone().expect("the credentials step failed")
}

#[tokio::test]
async fn a_failing_credential_process_is_named_in_chat_and_in_the_check() {
    let dir = tempfile_dir("process");
    let script = dir.join("creds.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho 'token for corp-login has expired, log in again' >&2\nexit 3\n",
    )
    .unwrap();
    make_executable(&script);
    let config_file = dir.join("config");
    std::fs::write(
        &config_file,
        format!(
            "[profile broken]\ncredential_process = {}\nregion = us-east-1\n",
            script.display()
        ),
    )
    .unwrap();
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let config = config_for(&emulator, &config_file, "broken").await;

    let plain = chat_error(&config).await;
    assert_eq!(plain.code, ErrorCode::NoCredentials, "{plain:?}");
    assert!(plain.hint.contains("credential_process"), "{plain:?}");

    let explained = with_explained_identity(&config, Some("broken"));
    let chat = chat_error(&explained).await;
    assert_eq!(chat.code, ErrorCode::NoCredentials, "{chat:?}");
    assert!(chat.message.contains("exit"), "{chat:?}");
    assert!(chat.hint.contains("(profile broken)"), "{chat:?}");
    assert_eq!(check_error(&explained, "broken").await, chat);
    assert!(
        emulator.state().recorder.all().is_empty(),
        "nothing is sent without credentials"
    );
}

/// An SSO profile whose cached login has expired; the token cache lives under `$HOME`, which
/// only a child process can be given.
#[test]
fn an_expired_sso_login_names_aws_sso_login() {
    let dir = tempfile_dir("sso");
    let cache = dir.join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    // The cache file of an sso-session is named by the SHA-1 of the session's name ("corp").
    std::fs::write(
        cache.join("ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
        r#"{"accessToken": "expired-token", "expiresAt": "2021-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://example.awsapps.com/start"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join(".aws/config"),
        "[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    )
    .unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "expired_sso_child", "--nocapture"])
        .env(CHILD, "1")
        .env("HOME", &dir)
        .env_remove("AWS_PROFILE")
        .status()
        .unwrap();
    assert!(status.success(), "the child test failed");
}

#[tokio::test]
async fn expired_sso_child() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let home = std::env::var_os("HOME").unwrap();
    let config_file = Path::new(&home).join(".aws/config");
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let config = with_explained_identity(
        &config_for(&emulator, &config_file, "corp").await,
        Some("corp"),
    );
    let chat = chat_error(&config).await;
    assert_eq!(chat.code, ErrorCode::ExpiredCredentials, "{chat:?}");
    assert!(
        chat.hint.contains("aws sso login --profile corp"),
        "{chat:?}"
    );
    assert_eq!(check_error(&config, "corp").await, chat);
}

fn tempfile_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "identity-errors-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
