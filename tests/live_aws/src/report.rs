//! One line per step, a summary, and the exit code.

use std::process::ExitCode;

use bedrock_client::ClientError;
use bedrock_client::wire::WireLog;

#[derive(Default)]
pub struct Report {
    passed: u32,
    failed: u32,
    skipped: u32,
}

impl Report {
    pub fn record(&mut self, step: &str, outcome: Result<String, ClientError>) {
        match outcome {
            Ok(detail) => {
                self.passed += 1;
                println!("  ok    {step:<24} {detail}");
            }
            Err(error) => {
                self.failed += 1;
                println!(
                    "  FAIL  {step:<24} {:?}: {} {}",
                    error.code, error.message, error.hint
                );
            }
        }
    }

    pub fn skip(&mut self, step: &str, why: &str) {
        self.skipped += 1;
        println!("  skip  {step:<24} {why}");
    }

    /// Keys and session tokens never reach the wire capture, as in the app.
    pub fn check_no_secrets(&mut self, log: &WireLog, secrets: &[String]) {
        let exchanges = log.exchanges();
        let captured = serde_json::to_string(&exchanges).unwrap_or_default();
        let leaked = secrets
            .iter()
            .any(|s| s.len() >= 8 && captured.contains(s.as_str()));
        if leaked {
            self.failed += 1;
            println!(
                "  FAIL  {:<24} a secret appears in the wire capture",
                "no secrets captured"
            );
        } else {
            self.passed += 1;
            println!(
                "  ok    {:<24} {} exchanges captured, none holds a secret",
                "no secrets captured",
                exchanges.len()
            );
        }
    }

    pub fn finish(&self, profile: &str, region: &str) -> ExitCode {
        println!(
            "make test-aws: {} passed, {} failed, {} skipped (profile {profile}, {region})",
            self.passed, self.failed, self.skipped
        );
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
