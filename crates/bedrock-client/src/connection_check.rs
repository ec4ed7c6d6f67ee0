//! "Test connection": resolve the credentials, ask STS who they are, list the models,
//! and say for each step what went wrong and how to fix it.

use aws_config::SdkConfig;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde::Serialize;

use crate::catalogue::list_chat_models;
use crate::error::{ClientError, ErrorCode};

/// What the check needs to know about the profile besides its SDK configuration.
pub struct CheckTarget<'a> {
    pub config: &'a SdkConfig,
    /// The `~/.aws` profile name, for fixes like `aws sso login --profile NAME`.
    pub aws_profile: Option<&'a str>,
    /// A Bedrock API key signs nothing with SigV4: STS cannot be asked.
    pub uses_api_key: bool,
    pub control: &'a aws_sdk_bedrock::Client,
    /// For people: where the credentials come from (`~/.aws profile dev (sso)`, `OS keyring`).
    pub credential_source: &'a str,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckStep {
    pub name: String,
    pub ok: bool,
    pub detail: String,
    pub error: Option<ClientError>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub ok: bool,
    pub region: String,
    pub credential_source: String,
    /// The access key id that signs requests, shortened (`AKIA…WXYZ`).
    pub access_key: Option<String>,
    /// When the credentials expire (RFC 3339), when they do.
    pub expires_at: Option<String>,
    pub identity: Option<CallerIdentity>,
    pub model_count: Option<u32>,
    pub steps: Vec<CheckStep>,
}

impl ConnectionReport {
    /// The report when the profile could not even be resolved.
    pub fn unresolved(region: String, credential_source: String, error: ClientError) -> Self {
        Self {
            ok: false,
            region,
            credential_source,
            access_key: None,
            expires_at: None,
            identity: None,
            model_count: None,
            steps: vec![failed("Credentials", error)],
        }
    }
}

pub async fn check_connection(target: CheckTarget<'_>) -> ConnectionReport {
    let region = target
        .config
        .region()
        .map_or_else(String::new, ToString::to_string);
    let mut report = ConnectionReport {
        ok: false,
        region,
        credential_source: target.credential_source.to_owned(),
        access_key: None,
        expires_at: None,
        identity: None,
        model_count: None,
        steps: Vec::new(),
    };
    if target.uses_api_key {
        report.steps.push(passed(
            "Credentials",
            "Bedrock API key (bearer token) from the OS keyring".to_owned(),
        ));
    } else if !check_credentials(&target, &mut report).await {
        return report;
    } else {
        check_identity(&target, &mut report).await;
    }
    match list_chat_models(target.control, &report.region).await {
        Ok(listed) => {
            report.model_count = u32::try_from(listed.models.len()).ok();
            let mut detail = format!(
                "{} chat models listed in {}",
                listed.models.len(),
                report.region
            );
            if let Some(warning) = &listed.warning {
                detail.push_str("; ");
                detail.push_str(&warning.message);
            }
            report.steps.push(passed("Models", detail));
        }
        Err(error) => report.steps.push(failed("Models", error)),
    }
    report.ok = report.steps.iter().all(|step| step.ok);
    report
}

async fn check_credentials(target: &CheckTarget<'_>, report: &mut ConnectionReport) -> bool {
    let Some(provider) = target.config.credentials_provider() else {
        report.steps.push(failed(
            "Credentials",
            ClientError::new(
                ErrorCode::NoCredentials,
                "This profile has no credentials provider.",
            ),
        ));
        return false;
    };
    match provider.provide_credentials().await {
        Ok(credentials) => {
            report.access_key = Some(shorten(credentials.access_key_id()));
            report.expires_at = credentials
                .expiry()
                .and_then(|at| DateTime::from(at).fmt(Format::DateTime).ok());
            let detail = match &report.expires_at {
                Some(at) => format!("resolved, temporary, expire at {at}"),
                None => "resolved, long-term keys (no expiry)".to_owned(),
            };
            report.steps.push(passed("Credentials", detail));
            true
        }
        Err(error) => {
            report.steps.push(failed(
                "Credentials",
                credentials_error(&error, target.aws_profile),
            ));
            false
        }
    }
}

async fn check_identity(target: &CheckTarget<'_>, report: &mut ConnectionReport) {
    let sts = aws_sdk_sts::Client::new(target.config);
    match sts.get_caller_identity().send().await {
        Ok(identity) => {
            let identity = CallerIdentity {
                account: identity.account.unwrap_or_default(),
                arn: identity.arn.unwrap_or_default(),
                user_id: identity.user_id.unwrap_or_default(),
            };
            report.steps.push(passed(
                "Identity",
                format!("{} (account {})", identity.arn, identity.account),
            ));
            report.identity = Some(identity);
        }
        Err(error) => report
            .steps
            .push(failed("Identity", ClientError::from_sdk(error))),
    }
}

/// Explain a credentials failure with the command or setting that fixes it.
pub fn credentials_error(error: &CredentialsError, aws_profile: Option<&str>) -> ClientError {
    if let Some(explained) = std::error::Error::source(error)
        .and_then(|inner| inner.downcast_ref::<crate::error::IdentityFailure>())
    {
        return explained.0.clone();
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.contains(inner_text.trim()) {
            text.push_str(": ");
            text.push_str(inner_text.trim());
        }
        source = inner.source();
    }
    let text = text.trim().to_owned();
    let lower = text.to_ascii_lowercase();
    let profile = aws_profile.unwrap_or("NAME");
    let (code, hint) = if lower.contains("sso")
        && (lower.contains("expired") || lower.contains("token"))
    {
        (
            ErrorCode::ExpiredCredentials,
            format!(
                "The SSO session has expired or was never started. Run `aws sso login --profile {profile}`, then test again."
            ),
        )
    } else if lower.contains("credential_process")
        || lower.contains("credential process")
        || lower.contains("external process")
    {
        (
            ErrorCode::NoCredentials,
            format!(
                "The profile's credential_process failed. Run the command from `credential_process` in ~/.aws/config (profile {profile}) in a terminal to see its error."
            ),
        )
    } else if matches!(error, CredentialsError::CredentialsNotLoaded(_)) {
        (
            ErrorCode::NoCredentials,
            format!(
                "No credentials were found for profile {profile}: add keys to ~/.aws/credentials, configure SSO (`aws configure sso`), or store keys in the OS keyring from the Profiles screen."
            ),
        )
    } else if matches!(error, CredentialsError::ProviderTimedOut(_)) {
        (
            ErrorCode::Network,
            "The credentials provider did not answer in time: check the network, or the SSO/STS endpoint.".to_owned(),
        )
    } else if matches!(error, CredentialsError::InvalidConfiguration(_)) {
        (
            ErrorCode::InvalidRequest,
            format!(
                "The profile {profile} in ~/.aws/config is not valid: fix the line the message names."
            ),
        )
    } else {
        (
            ErrorCode::NoCredentials,
            "The credentials could not be resolved: see the message, fix the profile, and test again.".to_owned(),
        )
    };
    ClientError {
        code,
        message: text,
        hint,
    }
}

fn shorten(access_key_id: &str) -> String {
    let chars: Vec<char> = access_key_id.chars().collect();
    if chars.len() <= 8 {
        return access_key_id.to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

fn passed(name: &str, detail: String) -> CheckStep {
    CheckStep {
        name: name.to_owned(),
        ok: true,
        detail,
        error: None,
    }
}

fn failed(name: &str, error: ClientError) -> CheckStep {
    CheckStep {
        name: name.to_owned(),
        ok: false,
        detail: error.message.clone(),
        error: Some(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sso_failures_name_the_login_command() {
        let error = CredentialsError::provider_error("the SSO session token has expired");
        let explained = credentials_error(&error, Some("dev"));
        assert_eq!(explained.code, ErrorCode::ExpiredCredentials);
        assert!(explained.hint.contains("aws sso login --profile dev"));
        let missing = credentials_error(&CredentialsError::not_loaded("no keys"), Some("x"));
        assert_eq!(missing.code, ErrorCode::NoCredentials);
        assert_eq!(shorten("AKIAIOSFODNN7EXAMPLE"), "AKIA…MPLE");
    }
}
