//! Start an emulator and build real SDK clients pointed at it.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};

pub const ACCESS_KEY_ID: &str = "AKIAEMULATORTEST0001";

pub async fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig {
        pace: Duration::ZERO,
        ..EmulatorConfig::default()
    })
    .await
    .expect("the emulator starts")
}

/// An SDK config for the emulator: static keys, a region, no retries (tests count requests).
pub fn sdk_config(emulator: &Emulator, region: &str, access_key_id: &str) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .endpoint_url(emulator.endpoint_url())
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(Credentials::new(
                access_key_id,
                "emulator-secret-key",
                None,
                None,
                "tests",
            )),
        )
        .retry_config(RetryConfig::disabled())
        .build()
}

pub fn runtime_client(emulator: &Emulator) -> aws_sdk_bedrockruntime::Client {
    aws_sdk_bedrockruntime::Client::new(&sdk_config(emulator, "us-east-1", ACCESS_KEY_ID))
}

pub fn add_fault(emulator: &Emulator, spec: RuleSpec) {
    emulator
        .state()
        .faults
        .add(spec)
        .expect("a valid fault rule");
}

pub fn agent_runtime_client(emulator: &Emulator) -> aws_sdk_bedrockagentruntime::Client {
    aws_sdk_bedrockagentruntime::Client::new(&sdk_config(emulator, "us-east-1", ACCESS_KEY_ID))
}

pub fn agent_client(emulator: &Emulator) -> aws_sdk_bedrockagent::Client {
    aws_sdk_bedrockagent::Client::new(&sdk_config(emulator, "us-east-1", ACCESS_KEY_ID))
}
