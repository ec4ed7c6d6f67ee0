//! Opaque pagination tokens: an offset, base64-encoded so clients do not rely on its form.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::wire::error::{ApiError, ApiResult};

const PREFIX: &str = "offset:";

pub fn encode(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("{PREFIX}{offset}"))
}

pub fn decode(token: &str) -> ApiResult<usize> {
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix(PREFIX)?.parse().ok())
        .ok_or_else(|| ApiError::validation("The provided nextToken is not valid."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        assert_eq!(decode(&encode(15)).unwrap(), 15);
        assert!(decode("not-a-token").is_err());
    }
}
