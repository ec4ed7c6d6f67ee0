//! `make test-aws`: the app's own Bedrock paths (chat, stream, native invoke, embeddings, a
//! knowledge-base query) run once against real AWS with the user's `AWS_PROFILE`, on the smallest
//! models with a few tokens. With no credentials it says so in one line and exits 0.

mod credentials;
mod pick;
mod report;
mod steps;

use std::process::ExitCode;

use aws_config::BehaviorVersion;
use bedrock_client::wire::WireLog;

use credentials::{Gate, check_credentials};
use report::Report;

#[tokio::main]
async fn main() -> ExitCode {
    let config = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let profile = std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".to_owned());
    let secrets = match check_credentials(&config, &profile).await {
        Gate::Ready(secrets) => secrets,
        Gate::Skip(line) => {
            println!("{line}");
            return ExitCode::SUCCESS;
        }
        Gate::Fail(line) => {
            eprintln!("{line}");
            return ExitCode::FAILURE;
        }
    };
    let Some(region) = config.region().map(|r| r.as_ref().to_owned()) else {
        eprintln!(
            "make test-aws: profile {profile} has no region. Set AWS_REGION or `region = ...` in ~/.aws/config."
        );
        return ExitCode::FAILURE;
    };
    println!("make test-aws: profile {profile}, region {region}");
    let log = WireLog::new();
    let mut report = Report::default();
    steps::run_all(&config, &log, &region, &mut report).await;
    report.check_no_secrets(&log, &secrets);
    report.finish(&profile, &region)
}
