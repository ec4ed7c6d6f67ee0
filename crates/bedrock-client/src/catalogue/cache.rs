//! The model list per profile and region, listed once and kept until refreshed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::SystemTime;

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde::Serialize;

use super::{ChatModels, ModelOption, list_chat_models, offline_models};
use crate::error::{ClientError, ErrorCode};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CatalogueOrigin {
    /// Listed from Bedrock just now.
    Live,
    /// Listed earlier for this profile and region.
    Cached,
    /// Bedrock refused the listing: the built-in list of well-known models, not checked.
    Offline,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueView {
    pub models: Vec<ModelOption>,
    pub origin: CatalogueOrigin,
    pub region: String,
    /// When Bedrock was asked (RFC 3339), for live and cached lists.
    pub listed_at: Option<String>,
    /// Why the offline list is shown, or what the live list lacks (inference profiles denied).
    pub warning: Option<ClientError>,
}

#[derive(Default)]
pub struct ModelCatalogue {
    entries: Mutex<HashMap<String, (ChatModels, SystemTime)>>,
}

impl ModelCatalogue {
    /// The models for `profile` in `region`: cached unless `refresh`, the offline list when
    /// Bedrock denies the listing.
    pub async fn models(
        &self,
        profile: &str,
        region: &str,
        refresh: bool,
        client: &aws_sdk_bedrock::Client,
    ) -> Result<CatalogueView, ClientError> {
        let key = format!("{profile}\u{0}{region}");
        if !refresh && let Some((listed, at)) = self.entries().get(&key).cloned() {
            return Ok(view(
                listed.models,
                CatalogueOrigin::Cached,
                region,
                Some(at),
                listed.warning,
            ));
        }
        match list_chat_models(client, region).await {
            Ok(listed) => {
                let now = SystemTime::now();
                self.entries().insert(key, (listed.clone(), now));
                Ok(view(
                    listed.models,
                    CatalogueOrigin::Live,
                    region,
                    Some(now),
                    listed.warning,
                ))
            }
            Err(error) if error.code == ErrorCode::AccessDenied => {
                let warning = ClientError {
                    hint: "Listing models needs bedrock:ListFoundationModels and bedrock:ListInferenceProfiles. Until then these well-known IDs are offered unchecked: calls to them may still fail.".to_owned(),
                    ..error
                };
                Ok(view(
                    offline_models(region),
                    CatalogueOrigin::Offline,
                    region,
                    None,
                    Some(warning),
                ))
            }
            Err(error) => Err(error),
        }
    }

    /// The capabilities of a model of `profile`'s cached list in `region` (by invoke or model
    /// ID), e.g. whether Bedrock says it streams; `None` when it was not listed.
    pub fn listed_capabilities(
        &self,
        profile: &str,
        region: &str,
        model: &str,
    ) -> Option<super::ModelCapabilities> {
        let key = format!("{profile}\u{0}{region}");
        self.entries().get(&key).and_then(|(listed, _)| {
            listed
                .models
                .iter()
                .find(|m| m.invoke_id == model || m.model_id == model)
                .map(|m| m.capabilities.clone())
        })
    }

    /// Forget every list of `profile` (after its region or credentials change).
    pub fn forget(&self, profile: &str) {
        let prefix = format!("{profile}\u{0}");
        self.entries().retain(|key, _| !key.starts_with(&prefix));
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, (ChatModels, SystemTime)>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn view(
    models: Vec<ModelOption>,
    origin: CatalogueOrigin,
    region: &str,
    at: Option<SystemTime>,
    warning: Option<ClientError>,
) -> CatalogueView {
    CatalogueView {
        models,
        origin,
        region: region.to_owned(),
        listed_at: at.and_then(|at| DateTime::from(at).fmt(Format::DateTime).ok()),
        warning,
    }
}
