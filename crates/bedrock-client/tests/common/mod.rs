//! An emulator on loopback and a runtime client pointed at it, retries off.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_bedrockruntime::Client;
use bedrock_emulator::{Emulator, EmulatorConfig};

/// The emulator and an SDK configuration signed with a test key, pointed at it.
pub async fn emulator_config(pace: Duration) -> (Emulator, SdkConfig) {
    let emulator = Emulator::start(EmulatorConfig {
        pace,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(emulator.endpoint_url())
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIACLIENTTEST",
            "secret",
            None,
            None,
            "test",
        )))
        .retry_config(RetryConfig::disabled())
        .build();
    (emulator, config)
}

/// A runtime client on the emulator (the knowledge-base tests build their own clients).
#[allow(dead_code)]
pub async fn setup(pace: Duration) -> (Emulator, Client) {
    let (emulator, config) = emulator_config(pace).await;
    (emulator, Client::new(&config))
}
