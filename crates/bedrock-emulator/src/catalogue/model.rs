//! What the emulator knows of one foundation model.

use serde_json::{Value, json};

use super::capabilities::Capabilities;

/// The native request/response format a model speaks on `InvokeModel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Claude,
    Llama,
    TitanText,
    Nova,
    MistralText,
    MistralChat,
    CohereCommandR,
    Ai21Jamba,
    DeepSeek,
    TitanEmbedV1,
    TitanEmbedV2,
    CohereEmbed,
    /// Cohere Embed v4: `output_dimension`, `inputs`, truncate `LEFT`/`RIGHT`, 1536 by default.
    CohereEmbedV4,
}

impl Family {
    pub const fn is_embedding(self) -> bool {
        matches!(
            self,
            Self::TitanEmbedV1 | Self::TitanEmbedV2 | Self::CohereEmbed | Self::CohereEmbedV4
        )
    }

    /// Whether the Converse API takes a system prompt for this family.
    pub fn supports_system_prompt(self) -> bool {
        !matches!(self, Self::TitanText | Self::MistralText) && !self.is_embedding()
    }

    pub fn supports_tools(self) -> bool {
        matches!(
            self,
            Self::Claude | Self::Nova | Self::MistralChat | Self::CohereCommandR | Self::Llama
        )
    }
}

/// A geography of cross-region inference profiles, by the prefix of their IDs. `Jp` and `Au`
/// are country profiles that Tokyo/Osaka and Sydney/Melbourne have besides `Apac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Geo {
    Us,
    UsGov,
    Eu,
    Apac,
    Jp,
    Au,
    Global,
}

impl Geo {
    pub const REGIONAL: [Geo; 3] = [Geo::Us, Geo::Eu, Geo::Apac];
    const ALL: [Geo; 7] = [
        Geo::Us,
        Geo::UsGov,
        Geo::Eu,
        Geo::Apac,
        Geo::Jp,
        Geo::Au,
        Geo::Global,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            Self::Us => "us",
            Self::UsGov => "us-gov",
            Self::Eu => "eu",
            Self::Apac => "apac",
            Self::Jp => "jp",
            Self::Au => "au",
            Self::Global => "global",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Us => "US",
            Self::UsGov => "US GovCloud",
            Self::Eu => "EU",
            Self::Apac => "APAC",
            Self::Jp => "JP",
            Self::Au => "AU",
            Self::Global => "Global",
        }
    }

    pub fn from_prefix(prefix: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|geo| geo.prefix() == prefix)
    }

    /// The geography a region's models are listed under (`eu-west-1` → EU).
    pub fn of_region(region: &str) -> Self {
        match region.split('-').next().unwrap_or("") {
            "eu" => Self::Eu,
            "ap" => Self::Apac,
            _ => Self::Us,
        }
    }

    /// Whether callers in `region` may use this geography's profiles: `jp.` from Tokyo and
    /// Osaka, `au.` from Sydney and Melbourne, `us-gov.` only from GovCloud, `global.` from
    /// every commercial region.
    pub fn covers(self, region: &str) -> bool {
        let gov = region.starts_with("us-gov-");
        match self {
            Self::UsGov => gov,
            Self::Global => !gov,
            Self::Us => !gov && Self::of_region(region) == Self::Us,
            Self::Eu => Self::of_region(region) == Self::Eu,
            Self::Apac => Self::of_region(region) == Self::Apac,
            Self::Jp | Self::Au => self.member_regions(region).contains(&region),
        }
    }

    /// The regions a profile of this geography routes to, as seen from `region`.
    pub fn member_regions(self, region: &str) -> Vec<&'static str> {
        match self {
            Self::Us => vec!["us-east-1", "us-east-2", "us-west-2"],
            Self::UsGov => vec!["us-gov-east-1", "us-gov-west-1"],
            Self::Eu => vec!["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"],
            Self::Apac => vec![
                "ap-northeast-1",
                "ap-south-1",
                "ap-southeast-1",
                "ap-southeast-2",
            ],
            Self::Jp => vec!["ap-northeast-1", "ap-northeast-3"],
            Self::Au => vec!["ap-southeast-2", "ap-southeast-4"],
            Self::Global => Self::of_region(region).member_regions(region),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    Active,
    Legacy,
}

/// How a model may be invoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throughput {
    /// On demand by model ID (and through profiles where it has some).
    OnDemand,
    /// Only through a cross-region inference profile.
    ProfileOnly,
}

#[derive(Debug, Clone)]
pub struct ModelEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub provider: &'static str,
    pub family: Family,
    pub input_modalities: &'static [&'static str],
    pub output_modalities: &'static [&'static str],
    pub throughput: Throughput,
    pub lifecycle: Lifecycle,
    /// Geographies whose regions offer the model.
    pub geos: &'static [Geo],
    /// The cross-region inference profiles that contain the model.
    pub profiles: &'static [Geo],
    pub customizations: &'static [&'static str],
    /// Whether the emulated account has been granted access to the model.
    pub access_granted: bool,
    pub capabilities: Capabilities,
}

impl ModelEntry {
    pub fn streaming(&self) -> bool {
        !self.family.is_embedding()
    }

    pub fn offered_in(&self, region: &str) -> bool {
        self.geos.contains(&Geo::of_region(region))
    }

    /// The profiles containing this model that callers in `region` may use.
    pub fn profile_geos(&self, region: &str) -> Vec<Geo> {
        if !self.offered_in(region) {
            return Vec::new();
        }
        self.profiles
            .iter()
            .copied()
            .filter(|geo| geo.covers(region))
            .collect()
    }

    pub fn arn(&self, region: &str) -> String {
        format!("arn:aws:bedrock:{region}::foundation-model/{}", self.id)
    }

    pub fn inference_types(&self) -> Vec<&'static str> {
        match self.throughput {
            Throughput::OnDemand => vec!["ON_DEMAND"],
            Throughput::ProfileOnly => vec!["INFERENCE_PROFILE"],
        }
    }

    /// The `FoundationModelSummary` / `FoundationModelDetails` shape.
    pub fn summary(&self, region: &str) -> Value {
        json!({
            "modelArn": self.arn(region),
            "modelId": self.id,
            "modelName": self.name,
            "providerName": self.provider,
            "inputModalities": self.input_modalities,
            "outputModalities": self.output_modalities,
            "responseStreamingSupported": self.streaming(),
            "customizationsSupported": self.customizations,
            "inferenceTypesSupported": self.inference_types(),
            "modelLifecycle": {"status": match self.lifecycle {
                Lifecycle::Active => "ACTIVE",
                Lifecycle::Legacy => "LEGACY",
            }},
        })
    }
}
