//! Float arrays for the UI as base64 of little-endian f32: 100,000 × 2 coordinates are 1 MB
//! instead of several MB of JSON numbers, and the webview reads them straight into a Float32Array.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

pub fn encode_f32(values: &[f32]) -> String {
    let mut bytes = Vec::with_capacity(values.len() * 4);
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    STANDARD.encode(bytes)
}

pub fn encode_i32(values: &[i32]) -> String {
    let mut bytes = Vec::with_capacity(values.len() * 4);
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_base64() {
        let encoded = encode_f32(&[1.5, -2.0]);
        let bytes = STANDARD.decode(encoded).unwrap();
        assert_eq!(bytes.len(), 8);
        assert_eq!(f32::from_le_bytes(bytes[4..8].try_into().unwrap()), -2.0);
        let bytes = STANDARD.decode(encode_i32(&[-1, 7])).unwrap();
        assert_eq!(i32::from_le_bytes(bytes[0..4].try_into().unwrap()), -1);
    }
}
