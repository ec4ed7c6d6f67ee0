//! The emulated catalogue: real Bedrock model IDs with their modalities, throughput and lifecycle.

use super::capabilities::{self, Capabilities};
use super::model::Family::*;
use super::model::Geo::{Apac, Au, Eu, Global, Jp, Us};
use super::model::Lifecycle::{Active, Legacy};
use super::model::Throughput::{OnDemand, ProfileOnly};
use super::model::{Family, Geo, Lifecycle, ModelEntry, Throughput};

const TEXT: &[&str] = &["TEXT"];
const TEXT_IMAGE: &[&str] = &["TEXT", "IMAGE"];
const TEXT_IMAGE_VIDEO: &[&str] = &["TEXT", "IMAGE", "VIDEO"];
const EMBEDDING: &[&str] = &["EMBEDDING"];
const ALL_GEOS: &[Geo] = &[Us, Eu, Apac];
const US: &[Geo] = &[Us];
const US_EU: &[Geo] = &[Us, Eu];
const NONE: &[Geo] = &[];

#[allow(clippy::too_many_arguments)]
const fn model(
    id: &'static str,
    name: &'static str,
    provider: &'static str,
    family: Family,
    input_modalities: &'static [&'static str],
    throughput: Throughput,
    lifecycle: Lifecycle,
    geos: &'static [Geo],
    profiles: &'static [Geo],
) -> ModelEntry {
    let output_modalities: &'static [&'static str] = if family.is_embedding() {
        EMBEDDING
    } else {
        TEXT
    };
    ModelEntry {
        id,
        name,
        provider,
        family,
        input_modalities,
        output_modalities,
        throughput,
        lifecycle,
        geos,
        profiles,
        customizations: &[],
        access_granted: true,
        capabilities: Capabilities::OPEN,
    }
}

/// Model IDs that Bedrock retired: invoking them gets ResourceNotFoundException.
pub const END_OF_LIFE: &[&str] = &[
    "anthropic.claude-v2",
    "anthropic.claude-v2:1",
    "anthropic.claude-instant-v1",
    "meta.llama2-13b-chat-v1",
    "meta.llama2-70b-chat-v1",
    "cohere.command-text-v14",
    "cohere.command-light-text-v14",
    "ai21.j2-ultra-v1",
    "ai21.j2-mid-v1",
];

pub fn all() -> Vec<ModelEntry> {
    let mut models = vec![
        // Anthropic
        model(
            "anthropic.claude-3-haiku-20240307-v1:0",
            "Claude 3 Haiku",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            OnDemand,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        model(
            "anthropic.claude-3-5-haiku-20241022-v1:0",
            "Claude 3.5 Haiku",
            "Anthropic",
            Claude,
            TEXT,
            OnDemand,
            Active,
            US,
            US,
        ),
        model(
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "Claude 3.5 Sonnet",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            OnDemand,
            Legacy,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        model(
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
            "Claude 3.5 Sonnet v2",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            OnDemand,
            Legacy,
            &[Us, Apac],
            &[Us, Apac],
        ),
        model(
            "anthropic.claude-3-7-sonnet-20250219-v1:0",
            "Claude 3.7 Sonnet",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        model(
            "anthropic.claude-sonnet-4-20250514-v1:0",
            "Claude Sonnet 4",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac, Global],
        ),
        model(
            "anthropic.claude-opus-4-1-20250805-v1:0",
            "Claude Opus 4.1",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            US,
            US,
        ),
        model(
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            "Claude Sonnet 4.5",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac, Jp, Au, Global],
        ),
        model(
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            "Claude Haiku 4.5",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            US_EU,
            &[Us, Eu, Global],
        ),
        model(
            "anthropic.claude-3-opus-20240229-v1:0",
            "Claude 3 Opus",
            "Anthropic",
            Claude,
            TEXT_IMAGE,
            OnDemand,
            Legacy,
            US,
            US,
        ),
        // Meta
        model(
            "meta.llama3-8b-instruct-v1:0",
            "Llama 3 8B Instruct",
            "Meta",
            Llama,
            TEXT,
            OnDemand,
            Legacy,
            ALL_GEOS,
            NONE,
        ),
        model(
            "meta.llama3-70b-instruct-v1:0",
            "Llama 3 70B Instruct",
            "Meta",
            Llama,
            TEXT,
            OnDemand,
            Legacy,
            ALL_GEOS,
            NONE,
        ),
        model(
            "meta.llama3-1-8b-instruct-v1:0",
            "Llama 3.1 8B Instruct",
            "Meta",
            Llama,
            TEXT,
            OnDemand,
            Active,
            US,
            US,
        ),
        model(
            "meta.llama3-1-70b-instruct-v1:0",
            "Llama 3.1 70B Instruct",
            "Meta",
            Llama,
            TEXT,
            OnDemand,
            Active,
            US,
            US,
        ),
        model(
            "meta.llama3-1-405b-instruct-v1:0",
            "Llama 3.1 405B Instruct",
            "Meta",
            Llama,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "meta.llama3-2-1b-instruct-v1:0",
            "Llama 3.2 1B Instruct",
            "Meta",
            Llama,
            TEXT,
            ProfileOnly,
            Active,
            US_EU,
            US_EU,
        ),
        model(
            "meta.llama3-2-3b-instruct-v1:0",
            "Llama 3.2 3B Instruct",
            "Meta",
            Llama,
            TEXT,
            ProfileOnly,
            Active,
            US_EU,
            US_EU,
        ),
        model(
            "meta.llama3-2-11b-instruct-v1:0",
            "Llama 3.2 11B Vision Instruct",
            "Meta",
            Llama,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            US,
            US,
        ),
        model(
            "meta.llama3-2-90b-instruct-v1:0",
            "Llama 3.2 90B Vision Instruct",
            "Meta",
            Llama,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            US,
            US,
        ),
        model(
            "meta.llama3-3-70b-instruct-v1:0",
            "Llama 3.3 70B Instruct",
            "Meta",
            Llama,
            TEXT,
            ProfileOnly,
            Active,
            US,
            US,
        ),
        // Mistral AI
        model(
            "mistral.mistral-7b-instruct-v0:2",
            "Mistral 7B Instruct",
            "Mistral AI",
            MistralText,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        model(
            "mistral.mixtral-8x7b-instruct-v0:1",
            "Mixtral 8x7B Instruct",
            "Mistral AI",
            MistralText,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        model(
            "mistral.mistral-small-2402-v1:0",
            "Mistral Small (24.02)",
            "Mistral AI",
            MistralText,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "mistral.mistral-large-2402-v1:0",
            "Mistral Large (24.02)",
            "Mistral AI",
            MistralText,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        model(
            "mistral.mistral-large-2407-v1:0",
            "Mistral Large (24.07)",
            "Mistral AI",
            MistralChat,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "mistral.mistral-large-2411-v1:0",
            "Mistral Large (24.11)",
            "Mistral AI",
            MistralChat,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "mistral.pixtral-large-2502-v1:0",
            "Pixtral Large (25.02)",
            "Mistral AI",
            MistralChat,
            TEXT_IMAGE,
            ProfileOnly,
            Active,
            US_EU,
            US_EU,
        ),
        // Amazon
        model(
            "amazon.titan-text-lite-v1",
            "Titan Text G1 - Lite",
            "Amazon",
            TitanText,
            TEXT,
            OnDemand,
            Legacy,
            ALL_GEOS,
            NONE,
        ),
        model(
            "amazon.titan-text-express-v1",
            "Titan Text G1 - Express",
            "Amazon",
            TitanText,
            TEXT,
            OnDemand,
            Legacy,
            ALL_GEOS,
            NONE,
        ),
        model(
            "amazon.titan-text-premier-v1:0",
            "Titan Text G1 - Premier",
            "Amazon",
            TitanText,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "amazon.nova-micro-v1:0",
            "Nova Micro",
            "Amazon",
            Nova,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        model(
            "amazon.nova-lite-v1:0",
            "Nova Lite",
            "Amazon",
            Nova,
            TEXT_IMAGE_VIDEO,
            OnDemand,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        model(
            "amazon.nova-pro-v1:0",
            "Nova Pro",
            "Amazon",
            Nova,
            TEXT_IMAGE_VIDEO,
            OnDemand,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        model(
            "amazon.nova-premier-v1:0",
            "Nova Premier",
            "Amazon",
            Nova,
            TEXT_IMAGE_VIDEO,
            ProfileOnly,
            Active,
            US,
            US,
        ),
        model(
            "amazon.titan-embed-text-v1",
            "Titan Embeddings G1 - Text",
            "Amazon",
            TitanEmbedV1,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        model(
            "amazon.titan-embed-text-v2:0",
            "Titan Text Embeddings V2",
            "Amazon",
            TitanEmbedV2,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        // Cohere
        model(
            "cohere.command-r-v1:0",
            "Command R",
            "Cohere",
            CohereCommandR,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "cohere.command-r-plus-v1:0",
            "Command R+",
            "Cohere",
            CohereCommandR,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "cohere.embed-english-v3",
            "Embed English",
            "Cohere",
            CohereEmbed,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        model(
            "cohere.embed-multilingual-v3",
            "Embed Multilingual",
            "Cohere",
            CohereEmbed,
            TEXT,
            OnDemand,
            Active,
            ALL_GEOS,
            NONE,
        ),
        // Text and images in; on demand in its own ID and through us./eu./apac. profiles.
        model(
            "cohere.embed-v4:0",
            "Embed v4",
            "Cohere",
            CohereEmbedV4,
            TEXT_IMAGE,
            OnDemand,
            Active,
            ALL_GEOS,
            &[Us, Eu, Apac],
        ),
        // AI21 Labs
        model(
            "ai21.jamba-1-5-mini-v1:0",
            "Jamba 1.5 Mini",
            "AI21 Labs",
            Ai21Jamba,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        model(
            "ai21.jamba-1-5-large-v1:0",
            "Jamba 1.5 Large",
            "AI21 Labs",
            Ai21Jamba,
            TEXT,
            OnDemand,
            Active,
            US,
            NONE,
        ),
        // DeepSeek
        model(
            "deepseek.r1-v1:0",
            "DeepSeek-R1",
            "DeepSeek",
            DeepSeek,
            TEXT,
            ProfileOnly,
            Active,
            US,
            US,
        ),
    ];
    for entry in &mut models {
        entry.capabilities = capabilities::of(entry.id, entry.family);
        if entry.family.is_embedding() || entry.family == TitanText {
            entry.customizations = &["FINE_TUNING"];
        }
        // Access to this one is "not granted" in the emulated account, to exercise AccessDeniedException.
        if entry.id == "anthropic.claude-3-opus-20240229-v1:0" {
            entry.access_granted = false;
        }
    }
    models
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_only_model_has_a_profile_in_each_geo_it_is_offered() {
        for model in all().into_iter().filter(|m| m.throughput == ProfileOnly) {
            for geo in model.geos {
                assert!(
                    model.profiles.contains(geo),
                    "{} has no {geo:?} profile",
                    model.id
                );
            }
        }
    }

    #[test]
    fn model_ids_are_unique() {
        let models = all();
        let mut ids: Vec<_> = models.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), models.len());
    }

    #[test]
    fn covers_every_required_provider() {
        let models = all();
        for provider in [
            "anthropic",
            "meta",
            "mistral",
            "amazon",
            "cohere",
            "ai21",
            "deepseek",
        ] {
            assert!(
                models
                    .iter()
                    .any(|m| m.id.starts_with(&format!("{provider}."))),
                "{provider}"
            );
        }
    }
}
