//! Whether there are credentials to run with: none at all is a skip, broken ones are a failure.

use aws_config::SdkConfig;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use bedrock_client::error::source_chain;

pub enum Gate {
    /// The secret parts of the credentials, so the report can prove none reached the capture.
    Ready(Vec<String>),
    Skip(String),
    Fail(String),
}

pub async fn check_credentials(config: &SdkConfig, profile: &str) -> Gate {
    let Some(provider) = config.credentials_provider() else {
        return skip(profile, "no credentials provider");
    };
    match provider.provide_credentials().await {
        Ok(credentials) => {
            let mut secrets = vec![credentials.secret_access_key().to_owned()];
            secrets.extend(credentials.session_token().map(str::to_owned));
            Gate::Ready(secrets)
        }
        Err(CredentialsError::CredentialsNotLoaded(_)) => skip(profile, "none found"),
        Err(error) => Gate::Fail(format!(
            "make test-aws: the credentials of profile {profile} failed: {}. For an SSO profile run `aws sso login --profile {profile}`.",
            source_chain(&error)
        )),
    }
}

fn skip(profile: &str, why: &str) -> Gate {
    Gate::Skip(format!(
        "make test-aws: skipped, no AWS credentials (AWS_PROFILE={profile}: {why}). Set AWS_PROFILE to a profile with Bedrock access to run the live smoke."
    ))
}
