//! Which inference profile to call a profile-only model through, from a region.

use aws_sdk_bedrock::types::InferenceProfileSummary;

use super::geo::{geographies, has_global};

/// The profile serving `model_arn` of the region's narrowest geography (`jp.` before `apac.`),
/// else a `global.` one, else any that serves it.
pub fn profile_for_model(
    model_arn: &str,
    profiles: &[InferenceProfileSummary],
    region: &str,
) -> Option<String> {
    let model_id = model_arn.rsplit('/').next().unwrap_or(model_arn);
    let serving: Vec<&str> = profiles
        .iter()
        .filter(|profile| {
            profile.models().iter().any(|m| {
                m.model_arn()
                    .is_some_and(|arn| arn.rsplit('/').next() == Some(model_id))
            })
        })
        .map(|profile| profile.inference_profile_id.as_str())
        .collect();
    let mut preferred: Vec<&str> = geographies(region);
    if has_global(region) {
        preferred.push("global");
    }
    preferred
        .iter()
        .find_map(|geo| {
            serving.iter().find(|id| {
                id.strip_prefix(geo)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
        })
        .or_else(|| serving.first())
        .map(|id| (*id).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_bedrock::types::{
        InferenceProfileModel, InferenceProfileStatus, InferenceProfileType,
    };

    fn profile(id: &str, model_arn: &str) -> InferenceProfileSummary {
        InferenceProfileSummary::builder()
            .inference_profile_id(id)
            .inference_profile_name(id)
            .inference_profile_arn(format!(
                "arn:aws:bedrock:us-east-1:1:inference-profile/{id}"
            ))
            .models(
                InferenceProfileModel::builder()
                    .model_arn(model_arn)
                    .build(),
            )
            .status(InferenceProfileStatus::Active)
            .r#type(InferenceProfileType::SystemDefined)
            .build()
            .unwrap()
    }

    #[test]
    fn picks_the_regions_geography_then_global() {
        let arn = "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-x-v1:0";
        let profiles = [
            profile("us.anthropic.claude-x-v1:0", arn),
            profile("global.anthropic.claude-x-v1:0", arn),
            profile("eu.anthropic.claude-x-v1:0", arn),
            profile(
                "eu.other-v1:0",
                "arn:aws:bedrock:eu-west-1::foundation-model/other-v1:0",
            ),
        ];
        assert_eq!(
            profile_for_model(arn, &profiles, "eu-west-1").as_deref(),
            Some("eu.anthropic.claude-x-v1:0")
        );
        assert_eq!(
            profile_for_model(arn, &profiles[..2], "ap-south-1").as_deref(),
            Some("global.anthropic.claude-x-v1:0")
        );
        assert_eq!(
            profile_for_model("arn:x/none", &profiles, "us-east-1"),
            None
        );
    }

    #[test]
    fn country_profiles_come_before_the_area_and_us_gov_is_not_us() {
        let arn = "arn:aws:bedrock:ap-northeast-1::foundation-model/anthropic.claude-y-v1:0";
        let ids = ["global", "apac", "jp", "au", "us", "us-gov"]
            .map(|geo| format!("{geo}.anthropic.claude-y-v1:0"));
        let profiles: Vec<_> = ids.iter().map(|id| profile(id, arn)).collect();
        for (region, expected) in [
            ("ap-northeast-1", "jp"),
            ("ap-southeast-4", "au"),
            ("ap-south-1", "apac"),
            ("us-gov-west-1", "us-gov"),
            ("us-east-2", "us"),
            ("sa-east-1", "global"),
        ] {
            assert_eq!(
                profile_for_model(arn, &profiles, region),
                Some(format!("{expected}.anthropic.claude-y-v1:0")),
                "{region}"
            );
        }
    }
}
