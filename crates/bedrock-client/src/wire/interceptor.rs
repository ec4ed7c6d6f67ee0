//! The SDK interceptor that records every attempt of every call into a [`WireLog`].

use std::time::Instant;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextMut, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use aws_smithy_types::error::display::DisplayErrorContext;

use super::frames::EVENT_STREAM_CONTENT_TYPE;
use super::log::WireLog;
use super::model::{BodyState, WireResponse};
use super::request;
use super::response::ResponseCapture;
use super::tee::TeeBody;

/// Records each request as signed and sent and each response as received. Every hook returns
/// `Ok`: capturing must never change the outcome of a call.
#[derive(Debug, Clone)]
pub struct WireCapture {
    log: WireLog,
}

impl WireCapture {
    pub fn new(log: WireLog) -> Self {
        Self { log }
    }
}

/// The exchange the current attempt is recorded under; the config bag is per call.
#[derive(Debug, Clone)]
struct AttemptInFlight {
    id: u32,
    started: Instant,
}

impl Storable for AttemptInFlight {
    type Storer = StoreReplace<Self>;
}

impl AttemptInFlight {
    fn elapsed_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
}

impl Intercept for WireCapture {
    fn name(&self) -> &'static str {
        "WireCapture"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state().unset::<AttemptInFlight>();
        Ok(())
    }

    /// Runs after signing and after every interceptor that may change the request.
    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let exchange = request::describe(context.request(), cfg);
        let id = self.log.record(exchange);
        cfg.interceptor_state().store_put(AttemptInFlight {
            id,
            started: Instant::now(),
        });
        Ok(())
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(attempt) = cfg.load::<AttemptInFlight>().cloned() else {
            return Ok(());
        };
        let response = context.response_mut();
        let event_stream = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.starts_with(EVENT_STREAM_CONTENT_TYPE));
        let recorded = WireResponse {
            status: response.status().as_u16(),
            headers: request::redacted_headers(response.headers()),
            body: None,
            frames: Vec::new(),
            frame_count: 0,
            frames_truncated: false,
            body_state: BodyState::Receiving,
            body_error: None,
        };
        let headers_ms = attempt.elapsed_ms();
        self.log.update(attempt.id, |exchange| {
            exchange.response = Some(recorded);
            exchange.timing.response_headers_ms = Some(headers_ms);
        });
        let capture =
            ResponseCapture::new(self.log.clone(), attempt.id, attempt.started, event_stream);
        let body = response.take_body();
        *response.body_mut() = TeeBody::wrap(body, capture);
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (Some(attempt), Some(Err(error))) =
            (cfg.load::<AttemptInFlight>(), context.output_or_error())
        else {
            return Ok(());
        };
        let message = DisplayErrorContext(error).to_string();
        let no_response = context.response().is_none();
        let ms = attempt.elapsed_ms();
        self.log.update(attempt.id, |exchange| {
            exchange.error = Some(message);
            if no_response {
                exchange.timing.total_ms = Some(ms);
            }
        });
        Ok(())
    }
}
