//! The in-process emulator behind the "Local emulator" profile.

use bedrock_client::{ClientError, ErrorCode};
use bedrock_emulator::{Emulator, EmulatorConfig};

/// Where the in-process emulator listens (default: an ephemeral loopback port).
const EMULATOR_LISTEN_VAR: &str = "BEDROCK_PLAYGROUND_EMULATOR_LISTEN";

pub async fn start_emulator() -> Result<Emulator, ClientError> {
    let mut config = EmulatorConfig::default();
    if let Ok(listen) = std::env::var(EMULATOR_LISTEN_VAR) {
        config.listen = listen.parse().map_err(|_| {
            ClientError::new(
                ErrorCode::InvalidRequest,
                format!("{EMULATOR_LISTEN_VAR}={listen} is not an address like 127.0.0.1:4280"),
            )
        })?;
    }
    let emulator = Emulator::start(config).await.map_err(|e| {
        ClientError::new(
            ErrorCode::Network,
            format!("The local emulator could not start: {e}"),
        )
    })?;
    eprintln!("local emulator at {}", emulator.endpoint_url());
    Ok(emulator)
}
