//! Vectors, coordinates and cluster ids as little-endian blobs.

/// `values` as little-endian f32 bytes.
pub fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Appends the f32 values of a little-endian blob to `out`; false if its length is not a
/// multiple of 4.
pub fn extend_f32(out: &mut Vec<f32>, bytes: &[u8]) -> bool {
    if !bytes.len().is_multiple_of(4) {
        return false;
    }
    out.extend(
        bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
    );
    true
}

pub fn f32_values(bytes: &[u8]) -> Vec<f32> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    extend_f32(&mut out, bytes);
    out
}

pub fn i32_bytes(values: &[i32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn i32_values(bytes: &[u8]) -> Vec<i32> {
    bytes
        .chunks_exact(4)
        .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_little_endian() {
        let values = [1.0f32, -0.5, f32::MIN_POSITIVE, 3.25e7];
        let bytes = f32_bytes(&values);
        assert_eq!(&bytes[..4], &1.0f32.to_le_bytes());
        assert_eq!(f32_values(&bytes), values);
        assert_eq!(i32_values(&i32_bytes(&[-1, 0, 7])), [-1, 0, 7]);
        assert!(!extend_f32(&mut Vec::new(), &[0, 1, 2]));
    }
}
