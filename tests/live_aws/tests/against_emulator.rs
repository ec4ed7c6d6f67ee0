//! The live smoke run against the emulator, as `make test-aws` runs it against AWS: every step
//! passes through the app's code, no credentials is one line and exit 0, broken ones exit 1.

use std::path::Path;
use std::process::{Command, Output};

use bedrock_emulator::{Emulator, EmulatorConfig};

fn smoke(home: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_live-aws"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the live-aws binary runs")
}

async fn run(home: &Path, env: &[(&str, &str)]) -> Output {
    let home = home.to_owned();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    tokio::task::spawn_blocking(move || {
        let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        smoke(&home, &pairs)
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_step_passes_through_the_apps_code() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let endpoint = emulator.endpoint_url();
    let output = run(
        home.path(),
        &[
            ("AWS_ACCESS_KEY_ID", "AKIALIVESMOKETEST"),
            ("AWS_SECRET_ACCESS_KEY", "live-smoke-secret-not-to-leak"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ],
    )
    .await;
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    for step in [
        "list models",
        "stream (ConverseStream)",
        "native invoke",
        "embeddings",
        "knowledge base",
        "no secrets captured",
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.trim_start().starts_with("ok") && l.contains(step)),
            "{step} did not pass:\n{stdout}"
        );
    }
    assert!(stdout.contains(", 0 failed, 0 skipped"), "{stdout}");
    let operations: Vec<String> = emulator
        .state()
        .recorder
        .all()
        .into_iter()
        .map(|r| r.operation)
        .collect();
    for operation in [
        "ConverseStream",
        "InvokeModelWithResponseStream",
        "InvokeModel",
        "Retrieve",
    ] {
        assert!(
            operations.iter().any(|o| o == operation),
            "{operation} never reached the emulator: {operations:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_credentials_is_one_line_and_success() {
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &[("AWS_REGION", "us-east-1")]).await;
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("make test-aws: skipped, no AWS credentials"),
        "{stdout}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn broken_credentials_fail_and_say_how_to_fix() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config"),
        "[profile broken]\nregion = us-east-1\ncredential_process = /bin/false\n",
    )
    .unwrap();
    let output = run(home.path(), &[("AWS_PROFILE", "broken")]).await;
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}{stderr}",
        text(&output.stdout)
    );
    assert!(
        stderr.contains("credentials of profile broken failed"),
        "{stderr}"
    );
}
