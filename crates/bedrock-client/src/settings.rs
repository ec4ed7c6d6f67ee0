//! The user's client settings: timeouts and retries applied to every SDK client, and the theme.

use std::path::Path;
use std::time::Duration;

use aws_config::SdkConfig;
use aws_config::retry::{RetryConfig, RetryMode};
use aws_config::timeout::TimeoutConfig;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RetryStrategy {
    Standard,
    Adaptive,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    System,
    Dark,
    Light,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSettings {
    /// How long to wait for bytes of a response; long generations need minutes.
    pub read_timeout_secs: u32,
    pub connect_timeout_secs: u32,
    pub retry_strategy: RetryStrategy,
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    pub theme: Theme,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            read_timeout_secs: 300,
            connect_timeout_secs: 10,
            retry_strategy: RetryStrategy::Standard,
            max_attempts: 3,
            theme: Theme::System,
        }
    }
}

impl AppSettings {
    /// Settings from `path`; missing or unreadable → defaults (and the reason, to show).
    pub fn load(path: &Path) -> (Self, Option<String>) {
        match std::fs::read_to_string(path) {
            Err(_) => (Self::default(), None),
            Ok(text) => match serde_json::from_str(&text) {
                Ok(settings) => (settings, None),
                Err(error) => (
                    Self::default(),
                    Some(format!(
                        "{} could not be read ({error}); defaults are in use.",
                        path.display()
                    )),
                ),
            },
        }
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let partial = path.with_extension("json.partial");
        std::fs::write(&partial, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(partial, path)
    }

    /// What is wrong with these settings, in words a user acts on.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !(1..=3600).contains(&self.read_timeout_secs) {
            problems.push("Read timeout is between 1 and 3600 seconds.".to_owned());
        }
        if !(1..=120).contains(&self.connect_timeout_secs) {
            problems.push("Connect timeout is between 1 and 120 seconds.".to_owned());
        }
        if !(1..=10).contains(&self.max_attempts) {
            problems.push("Max attempts is between 1 (no retry) and 10.".to_owned());
        }
        problems
    }

    /// `config` with these timeouts and retries.
    pub fn apply(&self, config: &SdkConfig) -> SdkConfig {
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(self.connect_timeout_secs.into()))
            .read_timeout(Duration::from_secs(self.read_timeout_secs.into()))
            .build();
        let mode = match self.retry_strategy {
            RetryStrategy::Standard => RetryMode::Standard,
            RetryStrategy::Adaptive => RetryMode::Adaptive,
        };
        let retries = RetryConfig::standard()
            .with_retry_mode(mode)
            .with_max_attempts(self.max_attempts);
        config
            .to_builder()
            .timeout_config(timeouts)
            .retry_config(retries)
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_allow_long_generations_and_bad_values_are_named() {
        let settings = AppSettings::default();
        assert_eq!(settings.read_timeout_secs, 300);
        assert!(settings.problems().is_empty());
        let bad = AppSettings {
            max_attempts: 0,
            read_timeout_secs: 0,
            ..AppSettings::default()
        };
        assert_eq!(bad.problems().len(), 2);
    }

    #[test]
    fn applies_timeouts_and_retries() {
        let settings = AppSettings {
            read_timeout_secs: 42,
            max_attempts: 5,
            retry_strategy: RetryStrategy::Adaptive,
            ..AppSettings::default()
        };
        let config = settings.apply(&SdkConfig::builder().build());
        assert_eq!(
            config.timeout_config().unwrap().read_timeout(),
            Some(Duration::from_secs(42))
        );
        let retry = config.retry_config().unwrap();
        assert_eq!(retry.max_attempts(), 5);
        assert_eq!(retry.mode(), RetryMode::Adaptive);
    }
}
