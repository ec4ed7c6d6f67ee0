//! Turning captured bytes into something a person can read, within a size limit.

use super::model::CapturedBody;

/// The most bytes kept of one body, or of all the frame payloads of one stream.
pub const BODY_CAPTURE_LIMIT: usize = 1024 * 1024;

impl CapturedBody {
    /// `kept` is at most [`BODY_CAPTURE_LIMIT`] bytes of a body `size` bytes long.
    pub(super) fn new(kept: &[u8], size: usize) -> Self {
        let truncated = size > kept.len();
        let size_bytes = u32::try_from(size).unwrap_or(u32::MAX);
        match utf8_prefix(kept, truncated) {
            Some(text) => Self {
                text: text.to_owned(),
                base64: false,
                truncated,
                size_bytes,
            },
            None => Self {
                text: aws_smithy_types::base64::encode(kept),
                base64: true,
                truncated,
                size_bytes,
            },
        }
    }

    pub(super) fn capped(bytes: &[u8]) -> Self {
        Self::new(&bytes[..bytes.len().min(BODY_CAPTURE_LIMIT)], bytes.len())
    }
}

/// The text, allowing a truncated body to end part-way through a character.
fn utf8_prefix(bytes: &[u8], truncated: bool) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) if truncated && error.error_len().is_none() => {
            std::str::from_utf8(&bytes[..error.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stays_text_and_binary_becomes_base64() {
        let text = CapturedBody::capped("{\"a\":\"é\"}".as_bytes());
        assert!(!text.base64 && !text.truncated);
        assert_eq!(text.text, "{\"a\":\"é\"}");
        let binary = CapturedBody::capped(&[0xff, 0x00, 0x10]);
        assert!(binary.base64);
        assert_eq!(binary.text, "/wAQ");
    }

    #[test]
    fn large_bodies_are_cut_at_the_limit_even_inside_a_character() {
        let mut body = vec![b'a'; BODY_CAPTURE_LIMIT - 1];
        body.extend_from_slice("é and more".as_bytes());
        let captured = CapturedBody::capped(&body);
        assert!(captured.truncated && !captured.base64);
        assert_eq!(captured.text.len(), BODY_CAPTURE_LIMIT - 1);
        assert_eq!(captured.size_bytes as usize, body.len());
    }
}
