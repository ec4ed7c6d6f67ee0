//! Well-known Bedrock chat models, shown when the catalogue cannot be listed (e.g. no
//! `bedrock:ListFoundationModels` permission). Marked offline: availability is not checked.

use super::geo::geo_prefix;
use super::{ModelOption, capabilities_of};

/// (model ID, name, provider, input modalities, needs an inference profile)
const WELL_KNOWN: &[(&str, &str, &str, &[&str], bool)] = &[
    (
        "anthropic.claude-3-5-sonnet-20241022-v2:0",
        "Claude 3.5 Sonnet v2",
        "Anthropic",
        &["TEXT", "IMAGE"],
        true,
    ),
    (
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "Claude 3.5 Haiku",
        "Anthropic",
        &["TEXT"],
        true,
    ),
    (
        "anthropic.claude-3-opus-20240229-v1:0",
        "Claude 3 Opus",
        "Anthropic",
        &["TEXT", "IMAGE"],
        false,
    ),
    (
        "anthropic.claude-3-haiku-20240307-v1:0",
        "Claude 3 Haiku",
        "Anthropic",
        &["TEXT", "IMAGE"],
        false,
    ),
    (
        "meta.llama3-1-70b-instruct-v1:0",
        "Llama 3.1 70B Instruct",
        "Meta",
        &["TEXT"],
        false,
    ),
    (
        "meta.llama3-1-405b-instruct-v1:0",
        "Llama 3.1 405B Instruct",
        "Meta",
        &["TEXT"],
        false,
    ),
    (
        "meta.llama3-2-11b-instruct-v1:0",
        "Llama 3.2 11B Instruct",
        "Meta",
        &["TEXT", "IMAGE"],
        true,
    ),
    (
        "meta.llama3-2-90b-instruct-v1:0",
        "Llama 3.2 90B Instruct",
        "Meta",
        &["TEXT", "IMAGE"],
        true,
    ),
    (
        "mistral.mistral-large-2411-v1:0",
        "Mistral Large (24.11)",
        "Mistral AI",
        &["TEXT"],
        false,
    ),
    (
        "mistral.mistral-small-2402-v1:0",
        "Mistral Small (24.02)",
        "Mistral AI",
        &["TEXT"],
        false,
    ),
    (
        "amazon.titan-text-premier-v1:0",
        "Titan Text G1 - Premier",
        "Amazon",
        &["TEXT"],
        false,
    ),
    (
        "amazon.nova-pro-v1:0",
        "Nova Pro",
        "Amazon",
        &["TEXT", "IMAGE", "VIDEO"],
        false,
    ),
    (
        "amazon.nova-lite-v1:0",
        "Nova Lite",
        "Amazon",
        &["TEXT", "IMAGE", "VIDEO"],
        false,
    ),
    (
        "cohere.command-r-plus-v1:0",
        "Command R+",
        "Cohere",
        &["TEXT"],
        false,
    ),
    (
        "ai21.jamba-1-5-large-v1:0",
        "Jamba 1.5 Large",
        "AI21 Labs",
        &["TEXT"],
        false,
    ),
    (
        "deepseek.r1-v1:0",
        "DeepSeek-R1",
        "DeepSeek",
        &["TEXT"],
        true,
    ),
];

/// The well-known models as picker options for `region`, profile-only ones through the
/// region's geography profile.
pub fn offline_models(region: &str) -> Vec<ModelOption> {
    let mut models: Vec<ModelOption> = WELL_KNOWN
        .iter()
        .map(|&(id, name, provider, inputs, needs_profile)| {
            let inference_profile = needs_profile.then(|| format!("{}.{id}", geo_prefix(region)));
            ModelOption {
                invoke_id: inference_profile.clone().unwrap_or_else(|| id.to_owned()),
                model_id: id.to_owned(),
                name: name.to_owned(),
                provider: provider.to_owned(),
                streaming: true,
                inference_profile,
                lifecycle: "ACTIVE".to_owned(),
                input_modalities: inputs.iter().map(|&m| m.to_owned()).collect(),
                output_modalities: vec!["TEXT".to_owned()],
                capabilities: capabilities_of(id),
            }
        })
        .collect();
    models.sort_by(|a, b| (&a.provider, &a.name).cmp(&(&b.provider, &b.name)));
    models
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_only_models_use_the_regions_geography() {
        let models = offline_models("eu-central-1");
        let r1 = models
            .iter()
            .find(|m| m.model_id == "deepseek.r1-v1:0")
            .unwrap();
        assert_eq!(r1.invoke_id, "eu.deepseek.r1-v1:0");
        let haiku = models
            .iter()
            .find(|m| m.model_id == "anthropic.claude-3-haiku-20240307-v1:0")
            .unwrap();
        assert_eq!(haiku.invoke_id, haiku.model_id);
        assert!(models.len() >= 16);
    }
}
