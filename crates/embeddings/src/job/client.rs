//! The client a job sends with: the app's, retries off, so the job sees throttles and adapts.

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::retry::RetryConfig;

/// A copy of `client` (same endpoint, credentials, timeouts and interceptors, so the wire
/// capture still records every call) that does not retry: the SDK would otherwise retry
/// throttles itself and the job could not slow down.
pub fn job_client(client: &Client) -> Client {
    let config = client
        .config()
        .to_builder()
        .retry_config(RetryConfig::disabled())
        .build();
    Client::from_conf(config)
}
