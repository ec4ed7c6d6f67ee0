//! What the Wire list shows of an exchange, without its headers, bodies or frames; the full
//! exchange is fetched by id when one is opened.

use serde::Serialize;

use super::model::{BodyState, WireExchange, WireTiming};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireExchangeSummary {
    pub id: u32,
    pub operation: Option<String>,
    pub service: Option<String>,
    pub attempt: u32,
    pub method: String,
    pub url: String,
    pub region: Option<String>,
    pub model_id: Option<String>,
    /// The HTTP status, once the response headers arrived.
    pub status: Option<u16>,
    pub error: Option<String>,
    pub body_state: Option<BodyState>,
    pub timing: WireTiming,
    /// The request body's size as sent, when the SDK sent a body it had whole.
    pub request_bytes: Option<u32>,
    /// The size of an ordinary response body; `None` for an event stream (see `frameCount`).
    pub response_bytes: Option<u32>,
    pub frame_count: u32,
}

impl WireExchangeSummary {
    pub fn of(exchange: &WireExchange) -> Self {
        let response = exchange.response.as_ref();
        Self {
            id: exchange.id,
            operation: exchange.operation.clone(),
            service: exchange.service.clone(),
            attempt: exchange.attempt,
            method: exchange.method.clone(),
            url: exchange.url.clone(),
            region: exchange.region.clone(),
            model_id: exchange.model_id.clone(),
            status: response.map(|response| response.status),
            error: exchange.error.clone(),
            body_state: response.map(|response| response.body_state),
            timing: exchange.timing.clone(),
            request_bytes: exchange.request_body.as_ref().map(|body| body.size_bytes),
            response_bytes: response
                .and_then(|response| response.body.as_ref())
                .map(|body| body.size_bytes),
            frame_count: response.map_or(0, |response| response.frame_count),
        }
    }
}

/// What changed in the log since a revision the caller saw.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireChanges {
    /// Pass it back to get only what changes after this answer.
    pub revision: u32,
    /// Exchanges recorded or changed since (a stream gains frames, a response arrives), oldest
    /// first, each once with its latest state.
    pub exchanges: Vec<WireExchangeSummary>,
    /// Exchanges with a smaller id are no longer kept (evicted past capacity, or cleared).
    pub kept_from_id: u32,
}
