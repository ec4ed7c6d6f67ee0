//! Which native format a model ID speaks.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Family {
    Claude,
    Llama3,
    TitanText,
    Nova,
    MistralText,
    MistralChat,
    CohereCommandR,
    Ai21Jamba,
    DeepSeekR1,
    TitanEmbedV1,
    TitanEmbedV2,
    CohereEmbed,
}

/// Model ID prefixes (after any inference-profile geography), most specific first.
const PREFIXES: &[(&str, Family)] = &[
    ("anthropic.claude", Family::Claude),
    ("meta.llama3", Family::Llama3),
    ("amazon.titan-text", Family::TitanText),
    ("amazon.titan-tg1", Family::TitanText),
    ("amazon.titan-embed-text-v2", Family::TitanEmbedV2),
    ("amazon.titan-embed-text-v1", Family::TitanEmbedV1),
    ("amazon.titan-embed-g1-text", Family::TitanEmbedV1),
    ("amazon.nova-micro", Family::Nova),
    ("amazon.nova-lite", Family::Nova),
    ("amazon.nova-pro", Family::Nova),
    ("amazon.nova-premier", Family::Nova),
    ("amazon.nova-2-lite", Family::Nova),
    ("mistral.mistral-7b", Family::MistralText),
    ("mistral.mixtral", Family::MistralText),
    // The 24.02 models predate Mistral's chat-completion body on Bedrock.
    ("mistral.mistral-small", Family::MistralText),
    ("mistral.mistral-large-2402", Family::MistralText),
    ("mistral.mistral-large", Family::MistralChat),
    ("mistral.pixtral", Family::MistralChat),
    ("cohere.command-r", Family::CohereCommandR),
    ("cohere.embed", Family::CohereEmbed),
    ("ai21.jamba", Family::Ai21Jamba),
    ("deepseek.r1", Family::DeepSeekR1),
];

/// Every prefix of Bedrock's system-defined cross-region inference profiles.
const GEO_PREFIXES: &[&str] = &["us.", "us-gov.", "eu.", "apac.", "jp.", "au.", "global."];

/// The family of a model ID, inference-profile ID (`us.`, `eu.`, `jp.`, `global.`, ...) or ARN.
pub fn family_of(model_id: &str) -> Option<Family> {
    let id = base_model_id(model_id);
    PREFIXES
        .iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, family)| *family)
}

fn base_model_id(model_id: &str) -> &str {
    let id = model_id.trim();
    // An ARN ends in `foundation-model/<id>` or `inference-profile/<profile id>`.
    strip_geo_prefix(id.rsplit('/').next().unwrap_or(id))
}

/// The model ID inside an inference-profile ID (`us.meta.llama…` → `meta.llama…`).
pub fn strip_geo_prefix(id: &str) -> &str {
    GEO_PREFIXES
        .iter()
        .find_map(|geo| id.strip_prefix(geo))
        .unwrap_or(id)
}

impl Family {
    pub const ALL: [Family; 12] = [
        Self::Claude,
        Self::Llama3,
        Self::TitanText,
        Self::Nova,
        Self::MistralText,
        Self::MistralChat,
        Self::CohereCommandR,
        Self::Ai21Jamba,
        Self::DeepSeekR1,
        Self::TitanEmbedV1,
        Self::TitanEmbedV2,
        Self::CohereEmbed,
    ];

    pub fn is_embedding(self) -> bool {
        matches!(
            self,
            Self::TitanEmbedV1 | Self::TitanEmbedV2 | Self::CohereEmbed
        )
    }

    /// Whether Converse takes a system prompt for the family (Bedrock refuses it otherwise).
    pub fn converse_takes_system_prompt(self) -> bool {
        !matches!(self, Self::TitanText | Self::MistralText) && !self.is_embedding()
    }

    /// Whether Converse takes `stopSequences` for the family: Llama and DeepSeek-R1 answer
    /// "This model doesn't support the stopSequences field."
    pub fn converse_takes_stop_sequences(self) -> bool {
        !matches!(self, Self::Llama3 | Self::DeepSeekR1) && !self.is_embedding()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Claude => "Anthropic Claude (Messages API)",
            Self::Llama3 => "Meta Llama 3",
            Self::TitanText => "Amazon Titan Text",
            Self::Nova => "Amazon Nova",
            Self::MistralText => "Mistral AI text completion",
            Self::MistralChat => "Mistral AI chat completion",
            Self::CohereCommandR => "Cohere Command R",
            Self::Ai21Jamba => "AI21 Jamba",
            Self::DeepSeekR1 => "DeepSeek-R1",
            Self::TitanEmbedV1 => "Amazon Titan Text Embeddings",
            Self::TitanEmbedV2 => "Amazon Titan Text Embeddings V2",
            Self::CohereEmbed => "Cohere Embed",
        }
    }

    /// The AWS page that documents the family's native body.
    pub fn documentation_url(self) -> &'static str {
        macro_rules! guide {
            ($page:literal) => {
                concat!(
                    "https://docs.aws.amazon.com/bedrock/latest/userguide/",
                    $page
                )
            };
        }
        match self {
            Self::Claude => guide!("model-parameters-anthropic-claude-messages.html"),
            Self::Llama3 => guide!("model-parameters-meta.html"),
            Self::TitanText => guide!("model-parameters-titan-text.html"),
            Self::Nova => "https://docs.aws.amazon.com/nova/latest/userguide/using-invoke-api.html",
            Self::MistralText => guide!("model-parameters-mistral-text-completion.html"),
            Self::MistralChat => guide!("model-parameters-mistral-chat-completion.html"),
            Self::CohereCommandR => guide!("model-parameters-cohere-command-r-plus.html"),
            Self::Ai21Jamba => guide!("model-parameters-jamba.html"),
            Self::DeepSeekR1 => guide!("model-parameters-deepseek.html"),
            Self::TitanEmbedV1 | Self::TitanEmbedV2 => {
                guide!("model-parameters-titan-embed-text.html")
            }
            Self::CohereEmbed => guide!("model-parameters-embed.html"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_of_ids_profiles_and_arns() {
        for (id, family) in [
            ("anthropic.claude-3-5-sonnet-20241022-v2:0", Family::Claude),
            (
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                Family::Claude,
            ),
            ("meta.llama3-1-70b-instruct-v1:0", Family::Llama3),
            ("apac.meta.llama3-2-11b-instruct-v1:0", Family::Llama3),
            ("amazon.titan-text-premier-v1:0", Family::TitanText),
            ("eu.amazon.nova-pro-v1:0", Family::Nova),
            ("global.amazon.nova-2-lite-v1:0", Family::Nova),
            ("mistral.mistral-7b-instruct-v0:2", Family::MistralText),
            ("mistral.mixtral-8x7b-instruct-v0:1", Family::MistralText),
            ("mistral.mistral-large-2407-v1:0", Family::MistralChat),
            ("mistral.mistral-large-2402-v1:0", Family::MistralText),
            ("mistral.mistral-small-2402-v1:0", Family::MistralText),
            ("cohere.command-r-plus-v1:0", Family::CohereCommandR),
            ("ai21.jamba-1-5-large-v1:0", Family::Ai21Jamba),
            ("us.deepseek.r1-v1:0", Family::DeepSeekR1),
            ("amazon.titan-embed-text-v1", Family::TitanEmbedV1),
            ("amazon.titan-embed-text-v2:0", Family::TitanEmbedV2),
            ("cohere.embed-multilingual-v3", Family::CohereEmbed),
            (
                "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
                Family::Nova,
            ),
            (
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.deepseek.r1-v1:0",
                Family::DeepSeekR1,
            ),
        ] {
            assert_eq!(family_of(id), Some(family), "{id}");
        }
        for unknown in [
            "stability.sd3-large-v1:0",
            "amazon.nova-canvas-v1:0",
            "meta.llama2-13b-chat-v1",
            "",
        ] {
            assert_eq!(family_of(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn every_cross_region_prefix_is_stripped() {
        let id = "anthropic.claude-sonnet-4-5-20250929-v1:0";
        for prefix in ["us", "us-gov", "eu", "apac", "jp", "au", "global"] {
            let profile = format!("{prefix}.{id}");
            assert_eq!(strip_geo_prefix(&profile), id, "{profile}");
            assert_eq!(family_of(&profile), Some(Family::Claude), "{profile}");
        }
        assert_eq!(
            strip_geo_prefix("amazon.nova-pro-v1:0"),
            "amazon.nova-pro-v1:0"
        );
    }

    #[test]
    fn every_family_documents_its_page() {
        for family in Family::ALL {
            assert!(
                family
                    .documentation_url()
                    .starts_with("https://docs.aws.amazon.com/")
            );
        }
    }
}
