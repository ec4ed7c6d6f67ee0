//! The model catalogue and the resolution of model identifiers, as Bedrock does it.

pub mod capabilities;
pub mod model;
pub mod models;
pub mod profiles;
pub mod rerank;

use std::collections::HashMap;
use std::sync::RwLock;

pub use capabilities::Capabilities;
pub use model::{Family, Geo, Lifecycle, ModelEntry, Throughput};

use crate::wire::error::{ApiError, ApiResult, ErrorKind};

/// A model identifier resolved for one call.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub model: ModelEntry,
    /// The inference profile the call went through, if any.
    pub profile: Option<Geo>,
}

pub struct Catalogue {
    models: Vec<ModelEntry>,
    access: RwLock<HashMap<String, bool>>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Self::new(models::all())
    }
}

impl Catalogue {
    pub fn new(models: Vec<ModelEntry>) -> Self {
        Self {
            models,
            access: RwLock::new(HashMap::new()),
        }
    }

    pub fn models(&self) -> impl Iterator<Item = &ModelEntry> {
        self.models.iter()
    }

    pub fn find(&self, id: &str) -> Option<&ModelEntry> {
        self.models.iter().find(|m| m.id == id)
    }

    pub fn set_access(&self, model_id: &str, granted: bool) -> ApiResult<()> {
        if self.find(model_id).is_none() {
            return Err(ApiError::not_found(format!(
                "The model {model_id} does not exist."
            )));
        }
        self.access
            .write()
            .expect("access lock")
            .insert(model_id.to_owned(), granted);
        Ok(())
    }

    pub fn access_granted(&self, model: &ModelEntry) -> bool {
        self.access
            .read()
            .expect("access lock")
            .get(model.id)
            .copied()
            .unwrap_or(model.access_granted)
    }

    /// Resolve a model ID, inference-profile ID or ARN for a runtime call in `region`.
    pub fn resolve(&self, identifier: &str, region: &str) -> ApiResult<Resolved> {
        let invalid = || ApiError::validation("The provided model identifier is invalid.");
        let target = parse_identifier(identifier).ok_or_else(invalid)?;
        if models::END_OF_LIFE.contains(&target.id) {
            return Err(ApiError::not_found(
                "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
            ));
        }
        let model = self.find(target.id).ok_or_else(invalid)?;
        let resolved = match target.profile {
            Some(geo) => {
                if !model.profile_geos(region).contains(&geo) {
                    return Err(invalid());
                }
                Resolved {
                    model: model.clone(),
                    profile: Some(geo),
                }
            }
            None => {
                if !model.offered_in(region) {
                    return Err(invalid());
                }
                if model.throughput == Throughput::ProfileOnly {
                    return Err(ApiError::validation(format!(
                        "Invocation of model ID {} with on-demand throughput isn\u{2019}t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
                        model.id
                    )));
                }
                Resolved {
                    model: model.clone(),
                    profile: None,
                }
            }
        };
        if !self.access_granted(model) {
            return Err(ApiError::new(
                ErrorKind::AccessDenied,
                ErrorKind::AccessDenied.default_message(),
            ));
        }
        Ok(resolved)
    }
}

struct Target<'a> {
    id: &'a str,
    profile: Option<Geo>,
}

fn parse_identifier(identifier: &str) -> Option<Target<'_>> {
    if let Some(rest) = identifier.strip_prefix("arn:aws:bedrock:") {
        let (_, resource) = rest.split_once(":").and_then(|(_, r)| r.split_once(':'))?;
        if let Some(id) = resource.strip_prefix("foundation-model/") {
            return Some(Target { id, profile: None });
        }
        let profile_id = resource.strip_prefix("inference-profile/")?;
        return parse_profile_id(profile_id);
    }
    parse_profile_id(identifier).or(Some(Target {
        id: identifier,
        profile: None,
    }))
}

fn parse_profile_id(identifier: &str) -> Option<Target<'_>> {
    let (prefix, id) = identifier.split_once('.')?;
    let geo = Geo::from_prefix(prefix)?;
    // "amazon.nova-pro-v1:0" splits into a provider, not a geography.
    id.contains('.').then_some(Target {
        id,
        profile: Some(geo),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::default()
    }

    #[test]
    fn resolves_plain_ids_profiles_and_arns() {
        let c = catalogue();
        assert!(
            c.resolve("anthropic.claude-3-haiku-20240307-v1:0", "us-east-1")
                .unwrap()
                .profile
                .is_none()
        );
        let via_profile = c
            .resolve("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "us-west-2")
            .unwrap();
        assert_eq!(via_profile.profile, Some(Geo::Us));
        let arn = "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0";
        assert_eq!(c.resolve(arn, "eu-west-1").unwrap().profile, Some(Geo::Eu));
        let fm_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0";
        assert_eq!(
            c.resolve(fm_arn, "us-east-1").unwrap().model.id,
            "amazon.nova-pro-v1:0"
        );
    }

    #[test]
    fn profile_only_models_refuse_on_demand_calls() {
        let err = catalogue()
            .resolve("anthropic.claude-3-7-sonnet-20250219-v1:0", "us-east-1")
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation);
        assert!(
            err.message
                .contains("on-demand throughput isn\u{2019}t supported"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_profile_of_another_geography_is_invalid() {
        let err = catalogue()
            .resolve("eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "us-east-1")
            .unwrap_err();
        assert_eq!(err.message, "The provided model identifier is invalid.");
    }

    #[test]
    fn global_profiles_work_from_any_geography() {
        let c = catalogue();
        assert!(
            c.resolve(
                "global.anthropic.claude-sonnet-4-20250514-v1:0",
                "ap-northeast-1"
            )
            .is_ok()
        );
    }

    #[test]
    fn unknown_retired_and_denied_models() {
        let c = catalogue();
        assert_eq!(
            c.resolve("anthropic.claude-9", "us-east-1")
                .unwrap_err()
                .kind,
            ErrorKind::Validation
        );
        assert_eq!(
            c.resolve("anthropic.claude-v2", "us-east-1")
                .unwrap_err()
                .kind,
            ErrorKind::ResourceNotFound
        );
        let opus = "anthropic.claude-3-opus-20240229-v1:0";
        assert_eq!(
            c.resolve(opus, "us-east-1").unwrap_err().kind,
            ErrorKind::AccessDenied
        );
        c.set_access(opus, true).unwrap();
        assert!(c.resolve(opus, "us-east-1").is_ok());
    }

    #[test]
    fn models_not_offered_in_the_region_are_invalid_there() {
        let err = catalogue()
            .resolve("cohere.command-r-v1:0", "eu-west-1")
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation);
    }
}
