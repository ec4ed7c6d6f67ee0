//! `bedrock-emulator --listen 127.0.0.1:0`: serve a local Amazon Bedrock until killed.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use bedrock_emulator::{Emulator, EmulatorConfig};
use clap::Parser;

#[derive(Parser)]
#[command(
    version,
    about = "A local Amazon Bedrock that speaks the real wire protocol (synthetic output)"
)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Milliseconds between two streamed chunks.
    #[arg(long, default_value_t = 15)]
    pace_ms: u64,
    /// A folder whose sub-folders of .md/.txt files are served as knowledge bases (default: the bundled demo).
    #[arg(long)]
    knowledge_bases: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let config = EmulatorConfig {
        listen: args.listen,
        pace: Duration::from_millis(args.pace_ms),
        knowledge_base_dir: args.knowledge_bases,
    };
    let emulator = match Emulator::start(config).await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("bedrock-emulator: cannot start: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "listening on {}", emulator.endpoint_url());
    let _ = stdout.flush();
    let _ = tokio::signal::ctrl_c().await;
    emulator.stop().await;
    std::process::ExitCode::SUCCESS
}
