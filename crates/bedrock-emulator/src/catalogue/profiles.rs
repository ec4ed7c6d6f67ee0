//! System-defined cross-region inference profiles, derived from the catalogue.

use serde_json::{Value, json};

use super::model::{Geo, ModelEntry};

/// The bedrock model declares its timestamps as ISO 8601 strings.
const CREATED_AT: &str = "2024-11-01T00:00:00Z";

pub const ACCOUNT_ID: &str = "123456789012";

#[derive(Debug, Clone)]
pub struct InferenceProfile<'a> {
    pub geo: Geo,
    pub model: &'a ModelEntry,
}

impl InferenceProfile<'_> {
    pub fn id(&self) -> String {
        format!("{}.{}", self.geo.prefix(), self.model.id)
    }

    pub fn arn(&self, region: &str) -> String {
        format!(
            "arn:aws:bedrock:{region}:{ACCOUNT_ID}:inference-profile/{}",
            self.id()
        )
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.geo.label(), self.model.name)
    }

    /// The `InferenceProfileSummary` / `GetInferenceProfile` shape.
    pub fn summary(&self, region: &str) -> Value {
        let models: Vec<Value> = self
            .geo
            .member_regions(region)
            .into_iter()
            .map(|member| json!({"modelArn": self.model.arn(member)}))
            .collect();
        json!({
            "inferenceProfileName": self.name(),
            "description": format!("Routes requests to {} in regions of the {} geography.", self.model.name, self.geo.label()),
            "createdAt": CREATED_AT,
            "updatedAt": CREATED_AT,
            "inferenceProfileArn": self.arn(region),
            "models": models,
            "inferenceProfileId": self.id(),
            "status": "ACTIVE",
            "type": "SYSTEM_DEFINED",
        })
    }
}

/// Every system-defined profile a caller in `region` can use, in a stable order.
pub fn for_region<'a>(
    models: impl Iterator<Item = &'a ModelEntry>,
    region: &str,
) -> Vec<InferenceProfile<'a>> {
    models
        .flat_map(|model| {
            model
                .profile_geos(region)
                .into_iter()
                .map(move |geo| InferenceProfile { geo, model })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_prefix_names_its_geography() {
        use Geo::*;
        for geo in [Us, UsGov, Eu, Apac, Jp, Au, Global] {
            assert_eq!(Geo::from_prefix(geo.prefix()), Some(geo), "{geo:?}");
        }
        assert_eq!(Geo::from_prefix("us-gov"), Some(UsGov));
        assert_eq!(Geo::from_prefix("ca"), None);
        assert_eq!(
            Jp.member_regions("ap-northeast-1"),
            ["ap-northeast-1", "ap-northeast-3"]
        );
        assert_eq!(
            Au.member_regions("ap-southeast-2"),
            ["ap-southeast-2", "ap-southeast-4"]
        );
    }

    #[test]
    fn each_region_lists_the_profiles_of_its_geographies() {
        let models = crate::catalogue::models::all();
        let sonnet = |region: &str| -> Vec<String> {
            for_region(models.iter(), region)
                .into_iter()
                .filter(|p| p.model.id == "anthropic.claude-sonnet-4-5-20250929-v1:0")
                .map(|p| p.id())
                .collect()
        };
        let id = |prefix: &str| format!("{prefix}.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assert_eq!(
            sonnet("ap-northeast-1"),
            [id("apac"), id("jp"), id("global")]
        );
        assert_eq!(
            sonnet("ap-southeast-2"),
            [id("apac"), id("au"), id("global")]
        );
        assert_eq!(sonnet("ap-south-1"), [id("apac"), id("global")]);
        assert_eq!(sonnet("eu-west-1"), [id("eu"), id("global")]);
        assert_eq!(sonnet("us-east-1"), [id("us"), id("global")]);
        assert!(!Geo::Global.covers("us-gov-west-1") && Geo::UsGov.covers("us-gov-west-1"));
        assert!(!Geo::Us.covers("us-gov-west-1"));
    }
}
