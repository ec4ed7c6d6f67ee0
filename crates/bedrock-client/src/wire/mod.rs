//! The real wire exchange of every SDK call, for a network inspector: requests as signed and
//! sent, responses as received (event streams decoded frame by frame), secrets redacted.

mod body;
mod frames;
mod interceptor;
mod log;
mod model;
mod redact;
mod request;
mod response;
mod summary;
mod tee;

use aws_config::SdkConfig;

pub use body::BODY_CAPTURE_LIMIT;
pub use frames::EVENT_STREAM_CONTENT_TYPE;
pub use interceptor::WireCapture;
pub use log::{WIRE_LOG_CAPACITY, WireLog};
pub use model::{
    BodyState, CapturedBody, EventFrame, WireExchange, WireHeader, WireResponse, WireTiming,
};
pub use summary::{WireChanges, WireExchangeSummary};

/// Runtime and control-plane clients for `config` whose calls are recorded into `log`.
pub fn with_capture(
    config: &SdkConfig,
    log: &WireLog,
) -> (aws_sdk_bedrockruntime::Client, aws_sdk_bedrock::Client) {
    let runtime = aws_sdk_bedrockruntime::config::Builder::from(config)
        .interceptor(WireCapture::new(log.clone()))
        .build();
    let control = aws_sdk_bedrock::config::Builder::from(config)
        .interceptor(WireCapture::new(log.clone()))
        .build();
    (
        aws_sdk_bedrockruntime::Client::from_conf(runtime),
        aws_sdk_bedrock::Client::from_conf(control),
    )
}

/// Knowledge-base clients (bedrock-agent-runtime and bedrock-agent) for `config` whose calls are
/// recorded into `log`, as [`with_capture`] does for the runtime and control plane.
pub fn with_agent_capture(
    config: &SdkConfig,
    log: &WireLog,
) -> (
    aws_sdk_bedrockagentruntime::Client,
    aws_sdk_bedrockagent::Client,
) {
    let runtime = aws_sdk_bedrockagentruntime::config::Builder::from(config)
        .interceptor(WireCapture::new(log.clone()))
        .build();
    let agent = aws_sdk_bedrockagent::config::Builder::from(config)
        .interceptor(WireCapture::new(log.clone()))
        .build();
    (
        aws_sdk_bedrockagentruntime::Client::from_conf(runtime),
        aws_sdk_bedrockagent::Client::from_conf(agent),
    )
}
