//! The request part of an exchange, read from the signed request about to be sent.

use std::time::SystemTime;

use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, Metadata};
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::http::Headers;
use aws_smithy_types::DateTime;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::date_time::Format;

use super::model::{CapturedBody, WireExchange, WireHeader, WireTiming};
use super::redact;

pub(super) fn describe(request: &HttpRequest, cfg: &ConfigBag) -> WireExchange {
    let metadata = cfg.load::<Metadata>();
    let region = request
        .headers()
        .get("authorization")
        .and_then(redact::sigv4_region)
        .or_else(|| cfg.load::<aws_config::Region>().map(|r| r.to_string()));
    WireExchange {
        id: 0,
        operation: metadata.map(|m| m.name().to_owned()),
        service: metadata.map(|m| m.service().to_owned()),
        attempt: cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts()),
        method: request.method().to_owned(),
        url: redact::url(request.uri()),
        region,
        model_id: model_id(request.uri()),
        request_headers: redacted_headers(request.headers()),
        request_body: request.body().bytes().map(CapturedBody::capped),
        response: None,
        error: None,
        timing: WireTiming {
            started_at: DateTime::from(SystemTime::now())
                .fmt(Format::DateTime)
                .unwrap_or_default(),
            response_headers_ms: None,
            first_byte_ms: None,
            total_ms: None,
        },
    }
}

pub(super) fn redacted_headers(headers: &Headers) -> Vec<WireHeader> {
    headers
        .iter()
        .map(|(name, value)| WireHeader {
            name: name.to_owned(),
            value: redact::header_value(name, value),
        })
        .collect()
}

/// The `{id}` of a `/model/{id}/…` path; ARNs arrive percent-encoded.
fn model_id(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut segments = path.split('/');
    segments.find(|s| *s == "model")?;
    let encoded = segments.next().filter(|s| !s.is_empty())?;
    Some(
        percent_encoding::percent_decode_str(encoded)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_ids_and_profile_arns_are_decoded_from_the_path() {
        assert_eq!(
            model_id("https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-pro-v1%3A0/converse")
                .as_deref(),
            Some("amazon.nova-pro-v1:0")
        );
        assert_eq!(
            model_id("http://127.0.0.1:9/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.amazon.nova-pro-v1%3A0/converse-stream?x=1")
                .as_deref(),
            Some("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0")
        );
        assert_eq!(
            model_id("https://bedrock.us-east-1.amazonaws.com/foundation-models"),
            None
        );
    }
}
