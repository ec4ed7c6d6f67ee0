//! An emulator on loopback and a runtime client pointed at it, retries off.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_bedrockruntime::Client;
use bedrock_emulator::{Emulator, EmulatorConfig};

pub async fn setup(pace: Duration) -> (Emulator, Client) {
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
    (emulator, Client::new(&config))
}
