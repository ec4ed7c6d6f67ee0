//! Where each service's calls go, decided as aws-config decides it, with the app's own fields
//! on top, and refused when keys or tokens would travel in clear text.
//!
//! aws-config resolves endpoints per service when a client is built from an `SdkConfig`: the
//! service's `AWS_ENDPOINT_URL_<SERVICE>` variable, then `endpoint_url` in the profile's
//! `services` section under the service's key (`bedrock_runtime`, `bedrock`, ...), then the
//! global endpoint (`AWS_ENDPOINT_URL`, the profile's `endpoint_url`). [`ServiceEndpoints`] is
//! the `SdkConfig`'s service configuration doing that same lookup, preceded by a profile's
//! per-service fields, so every client built from the config (runtime, control plane, agent
//! runtime, agent, STS) goes where it should. An endpoint set in code on the shared config
//! would bypass that lookup in every client, so none is: the app's global override is a field
//! of every service instead.

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_runtime::env_config::property::PropertiesKey;
use aws_runtime::env_config::section::EnvConfigSections;
use aws_types::os_shim_internal::Env;
use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};
use serde::Serialize;

use crate::error::{ProfileError, ProfileErrorCode};
use crate::validation::is_clear_text_to_a_remote_host;

/// A service the app calls, by the id aws-config keys its settings with.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Service {
    BedrockRuntime,
    Bedrock,
    BedrockAgentRuntime,
    BedrockAgent,
    Sts,
}

impl Service {
    pub const ALL: [Service; 5] = [
        Service::BedrockRuntime,
        Service::Bedrock,
        Service::BedrockAgentRuntime,
        Service::BedrockAgent,
        Service::Sts,
    ];

    /// The SDK's service id (`AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, `bedrock_runtime =` derive from it).
    pub fn service_id(self) -> &'static str {
        match self {
            Self::BedrockRuntime => "Bedrock Runtime",
            Self::Bedrock => "Bedrock",
            Self::BedrockAgentRuntime => "Bedrock Agent Runtime",
            Self::BedrockAgent => "Bedrock Agent",
            Self::Sts => "STS",
        }
    }

    /// As people know it: the endpoint's host name prefix.
    pub fn label(self) -> &'static str {
        match self {
            Self::BedrockRuntime => "bedrock-runtime",
            Self::Bedrock => "bedrock (control plane)",
            Self::BedrockAgentRuntime => "bedrock-agent-runtime",
            Self::BedrockAgent => "bedrock-agent",
            Self::Sts => "sts",
        }
    }

    fn of_service_id(service_id: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|service| service.service_id().eq_ignore_ascii_case(service_id))
    }
}

/// The endpoint a service's client will use, and where that came from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceEndpoint {
    pub service: Service,
    pub url: String,
    /// e.g. `the profile's runtime endpoint`, or aws-config's own words for an environment
    /// variable or a `services` section key.
    pub source: String,
}

/// The service configuration of a resolved profile's `SdkConfig`.
#[derive(Debug, Clone)]
pub(crate) struct ServiceEndpoints {
    /// The profile's own per-service endpoints, which win over everything else.
    fields: BTreeMap<Service, (String, String)>,
    env: Env,
    sections: Option<EnvConfigSections>,
}

impl ServiceEndpoints {
    /// Only the profile's own fields: nothing from the environment or the shared files.
    pub(crate) fn isolated() -> Self {
        Self {
            fields: BTreeMap::new(),
            env: Env::from_slice(&[]),
            sections: None,
        }
    }

    /// As aws-config reads them for a `~/.aws` profile: `env` and the profile's sections.
    pub(crate) fn shared(env: Env, sections: EnvConfigSections) -> Self {
        Self {
            fields: BTreeMap::new(),
            env,
            sections: Some(sections),
        }
    }

    pub(crate) fn with_field(mut self, service: Service, url: Option<String>, what: &str) -> Self {
        if let Some(url) = url {
            self.fields.insert(service, (url, what.to_owned()));
        }
        self
    }

    /// The same endpoint for every service.
    pub(crate) fn with_all(self, url: Option<String>, what: &str) -> Self {
        Service::ALL.into_iter().fold(self, |endpoints, service| {
            endpoints.with_field(service, url.clone(), what)
        })
    }

    /// The profile's own field for a service, else what the SDKs read, in their order: the
    /// service's variable (`AWS_ENDPOINT_URL_BEDROCK_RUNTIME`), the global one
    /// (`AWS_ENDPOINT_URL`), the service's key in the profile's `services` section, the
    /// profile's own `endpoint_url`. The services key is the service id in snake case
    /// (`bedrock_runtime`) as the AWS CLI and the SDK reference guide write it; aws-runtime
    /// looks for `bedrock-runtime`, so both spellings are read.
    fn lookup(&self, key: &ServiceConfigKey<'_>) -> Option<(String, String)> {
        let service = Service::of_service_id(key.service_id());
        if key.env() == "AWS_ENDPOINT_URL"
            && let Some(field) = service.and_then(|service| self.fields.get(&service))
        {
            return Some(field.clone());
        }
        if key.env() == "AWS_ENDPOINT_URL" && self.ignores_configured_endpoints() {
            return None;
        }
        let var = |name: String| {
            self.env
                .get(&name)
                .ok()
                .filter(|value| !value.trim().is_empty())
                .map(|value| (value, name))
        };
        let id = key.service_id();
        var(format!(
            "{}_{}",
            key.env(),
            id.to_uppercase().replace(' ', "_")
        ))
        .or_else(|| var(key.env().to_owned()))
        .or_else(|| self.in_services_section(id, key.profile()))
        .or_else(|| {
            let sections = self
                .sections
                .as_ref()
                .filter(|_| !key.profile().is_empty())?;
            let value = sections.get(key.profile())?;
            Some((
                value.to_owned(),
                format!(
                    "`{}` of profile {} in ~/.aws/config",
                    key.profile(),
                    sections.selected_profile()
                ),
            ))
        })
    }

    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` or `ignore_configured_endpoint_urls = true`:
    /// every endpoint from the environment and the shared files is ignored (the app's own
    /// fields still apply, as code-set endpoints do in the SDKs).
    fn ignores_configured_endpoints(&self) -> bool {
        let from_env = self.env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").ok();
        let from_profile = self
            .sections
            .as_ref()
            .and_then(|sections| sections.get("ignore_configured_endpoint_urls"))
            .map(str::to_owned);
        from_env
            .or(from_profile)
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
    }

    fn in_services_section(&self, service_id: &str, setting: &str) -> Option<(String, String)> {
        let sections = self.sections.as_ref().filter(|_| !setting.is_empty())?;
        let section = sections.get("services")?;
        let lower = service_id.to_lowercase();
        [lower.replace(' ', "_"), lower.replace(' ', "-")]
            .into_iter()
            .find_map(|name| {
                let key = PropertiesKey::builder()
                    .section_key("services")
                    .section_name(section)
                    .property_name(&name)
                    .sub_property_name(setting)
                    .build()
                    .ok()?;
                let value = sections.other_sections().get(&key)?;
                Some((
                    value.clone(),
                    format!("`{name} = {setting}` in [services {section}] of ~/.aws/config"),
                ))
            })
    }
}

impl LoadServiceConfig for ServiceEndpoints {
    fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
        self.lookup(&key).map(|(value, _)| value)
    }
}

/// The endpoint each service's client will use with `config`, as the generated clients decide
/// it (a service's own value before the global one). Services going to AWS's default endpoint
/// are left out.
pub(crate) fn effective(
    config: &SdkConfig,
    endpoints: &ServiceEndpoints,
    global_source: &str,
) -> Vec<ServiceEndpoint> {
    Service::ALL
        .into_iter()
        .filter_map(|service| {
            let key = ServiceConfigKey::builder()
                .service_id(service.service_id())
                .env("AWS_ENDPOINT_URL")
                .profile("endpoint_url")
                .build()
                .expect("every part of the key is given");
            let (url, source) = endpoints.lookup(&key).or_else(|| {
                config
                    .endpoint_url()
                    .map(|url| (url.to_owned(), global_source.to_owned()))
            })?;
            Some(ServiceEndpoint {
                service,
                url,
                source,
            })
        })
        .collect()
}

/// Refuse, before any request, an endpoint that would carry keys or tokens in clear text.
pub(crate) fn refuse_clear_text(endpoints: &[ServiceEndpoint]) -> Result<(), ProfileError> {
    match endpoints
        .iter()
        .find(|endpoint| is_clear_text_to_a_remote_host(&endpoint.url))
    {
        None => Ok(()),
        Some(endpoint) => Err(ProfileError::new(
            ProfileErrorCode::InsecureEndpoint,
            format!(
                "The {} endpoint {} (from {}) is plain http:// to a host that is not this computer: requests would carry your keys or Bedrock API key in clear text, so none was sent.",
                endpoint.service.label(),
                endpoint.url,
                endpoint.source
            ),
            format!(
                "Use https:// ({}), or http:// only for a local server on 127.0.0.1, ::1 or localhost.",
                endpoint.url.replacen("http://", "https://", 1)
            ),
        )),
    }
}
