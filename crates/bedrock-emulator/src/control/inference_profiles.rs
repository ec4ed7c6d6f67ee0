//! ListInferenceProfiles and GetInferenceProfile (system-defined profiles).

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use crate::catalogue::profiles;
use crate::context::RequestContext;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

const DEFAULT_PAGE: usize = 1000;

pub async fn list(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let region = context.region();
    let kind = query
        .get("type")
        .map(String::as_str)
        .unwrap_or("SYSTEM_DEFINED");
    if !["SYSTEM_DEFINED", "APPLICATION"].contains(&kind) {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{kind}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]"
        )));
    }
    let all: Vec<Value> = if kind == "SYSTEM_DEFINED" {
        profiles::for_region(state.catalogue.models(), region)
            .iter()
            .map(|p| p.summary(region))
            .collect()
    } else {
        Vec::new()
    };
    let page_size = match query.get("maxResults") {
        None => DEFAULT_PAGE,
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                return Err(ApiError::validation(
                    "maxResults must be between 1 and 1000.",
                ));
            }
        },
    };
    let start = match query.get("nextToken") {
        None => 0,
        Some(token) => token
            .strip_prefix("page-")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n <= all.len())
            .ok_or_else(|| {
                ApiError::validation(
                    "The nextToken is invalid. Use the token from the previous response.",
                )
            })?,
    };
    let end = (start + page_size).min(all.len());
    let mut body = json!({ "inferenceProfileSummaries": all[start..end] });
    if end < all.len() {
        body["nextToken"] = json!(format!("page-{end}"));
    }
    Ok(response::json(&body))
}

pub async fn get(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(identifier): Path<String>,
) -> ApiResult<Response> {
    let region = context.region();
    let id = identifier
        .rsplit("inference-profile/")
        .next()
        .unwrap_or(&identifier);
    profiles::for_region(state.catalogue.models(), region)
        .into_iter()
        .find(|profile| profile.id() == id)
        .map(|profile| response::json(&profile.summary(region)))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "The inference profile {identifier} does not exist in {region}."
            ))
        })
}
