//! One `SdkConfig` per kind of profile.

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::provider::token::SharedTokenProvider;
use aws_credential_types::{Credentials, Token};
use aws_smithy_runtime_api::client::auth::http::HTTP_BEARER_AUTH_SCHEME_ID;

use aws_types::os_shim_internal::Fs;

use super::endpoints::{Service, ServiceEndpoints};
use super::{AwsFilePlan, Built};
use crate::error::{ProfileError, ProfileErrorCode, describe_chain};
use crate::model::AwsProfileKind;
use crate::secrets::ProfileSecret;

/// The emulator accepts any SigV4 signature; these fixed keys only say who called.
pub const EMULATOR_ACCESS_KEY_ID: &str = "AKIAEMULATEDPLAYGRND";
const EMULATOR_SECRET_ACCESS_KEY: &str = "emulated-secret-key-not-a-secret";

pub(super) fn emulator(region: Region, endpoint: String) -> Built {
    let keys = Credentials::new(
        EMULATOR_ACCESS_KEY_ID,
        EMULATOR_SECRET_ACCESS_KEY,
        None,
        None,
        "bedrock-playground-emulator",
    );
    Built {
        sdk_config: isolated(region)
            .endpoint_url(endpoint)
            .credentials_provider(SharedCredentialsProvider::new(keys))
            .build(),
        credential_source: "built-in emulator keys".to_owned(),
        uses_api_key: false,
        endpoints: ServiceEndpoints::isolated(),
        global_endpoint_source: "the built-in emulator".to_owned(),
    }
}

pub(super) fn keyring(
    region: Region,
    endpoint_url: Option<String>,
    runtime_endpoint_url: Option<String>,
    secret: &ProfileSecret,
) -> Built {
    let endpoints = ServiceEndpoints::isolated().with_field(
        Service::BedrockRuntime,
        runtime_endpoint_url,
        "the profile's runtime endpoint",
    );
    let mut builder = isolated(region).service_config(endpoints.clone());
    builder.set_endpoint_url(endpoint_url);
    if let Some(keys) = &secret.access_keys {
        let credentials = Credentials::new(
            keys.access_key_id.clone(),
            keys.secret_access_key.expose(),
            keys.session_token.as_ref().map(|t| t.expose().to_owned()),
            None,
            "bedrock-playground-keyring",
        );
        builder.set_credentials_provider(Some(SharedCredentialsProvider::new(credentials)));
    }
    if let Some(api_key) = &secret.bedrock_api_key {
        builder = builder
            .token_provider(SharedTokenProvider::new(Token::new(api_key.expose(), None)))
            .auth_scheme_preference([HTTP_BEARER_AUTH_SCHEME_ID]);
    }
    let credential_source = match (&secret.access_keys, &secret.bedrock_api_key) {
        (Some(_), Some(_)) => "Bedrock API key and access keys (OS keyring)",
        (None, Some(_)) => "Bedrock API key (OS keyring)",
        _ => "OS keyring",
    };
    Built {
        sdk_config: builder.build(),
        credential_source: credential_source.to_owned(),
        uses_api_key: secret.bedrock_api_key.is_some(),
        endpoints,
        global_endpoint_source: "the profile's endpoint URL".to_owned(),
    }
}

/// aws-config resolves the profile itself. Its credentials provider is set explicitly so that
/// environment keys (`AWS_ACCESS_KEY_ID`), which the default chain would try first, cannot
/// stand in for the chosen profile. Region was found as the SDKs find it (see the catalogue).
/// Endpoints are aws-config's lookup over the store's environment and the profile's sections,
/// under the app's overrides (see [`ServiceEndpoints`]).
pub(super) async fn aws_file(
    region: Region,
    name: &str,
    plan: AwsFilePlan,
) -> Result<Built, ProfileError> {
    let sections = aws_config::profile::load(
        &Fs::real(),
        &plan.env,
        &plan.files,
        Some(name.to_owned().into()),
    )
    .await
    .map_err(|error| {
        ProfileError::new(
            ProfileErrorCode::AwsConfigFile,
            format!(
                "Could not read the shared AWS files: {}",
                describe_chain(&error)
            ),
            "Fix the line named above; the AWS CLI reads the same format.",
        )
    })?;
    let endpoints = ServiceEndpoints::shared(plan.env.clone(), sections)
        .with_all(
            plan.endpoint_override.clone(),
            "the app's endpoint override for this profile",
        )
        .with_field(
            Service::BedrockRuntime,
            plan.runtime_endpoint_override.clone(),
            "the app's runtime endpoint for this profile",
        );
    let provider_config = ProviderConfig::without_region().with_region(Some(region.clone()));
    let credentials = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config)
        .profile_files(plan.files.clone())
        .profile_name(name)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .profile_files(plan.files)
        .profile_name(name)
        .region(region)
        .credentials_provider(credentials);

    let uses_api_key = plan.api_key.is_some();
    if let Some(api_key) = plan.api_key {
        loader = loader
            .token_provider(Token::new(api_key.expose(), None))
            .auth_scheme_preference([HTTP_BEARER_AUTH_SCHEME_ID]);
    }
    let mut credential_source = format!("~/.aws profile {name} ({})", kind_text(plan.kind));
    if uses_api_key {
        credential_source.push_str("; Bedrock API key (OS keyring) for Bedrock");
    }
    let sdk_config = loader
        .load()
        .await
        .to_builder()
        .service_config(endpoints.clone())
        .build();
    Ok(Built {
        sdk_config,
        credential_source,
        uses_api_key,
        endpoints,
        global_endpoint_source: "AWS_ENDPOINT_URL".to_owned(),
    })
}

/// A config that reads nothing from the environment or the shared files.
fn isolated(region: Region) -> aws_types::sdk_config::Builder {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region)
}

fn kind_text(kind: AwsProfileKind) -> &'static str {
    match kind {
        AwsProfileKind::Static => "static keys",
        AwsProfileKind::Sso => "SSO",
        AwsProfileKind::CredentialProcess => "credential_process",
        AwsProfileKind::AssumeRole => "assume role",
        AwsProfileKind::WebIdentity => "web identity",
        AwsProfileKind::Unknown => "unknown kind",
    }
}
