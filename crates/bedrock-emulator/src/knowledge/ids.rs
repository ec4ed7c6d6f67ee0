//! Stable identifiers derived from names, shaped like the ones Bedrock issues.

use crate::hashing::fnv1a;

const ID_ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A 10-character upper-case alphanumeric id, as knowledge-base and data-source ids are.
pub fn resource_id(name: &str) -> String {
    let mut hash = fnv1a(name.as_bytes());
    (0..10)
        .map(|_| {
            let index = (hash % 36) as usize;
            hash = (hash / 36) ^ fnv1a(&hash.to_le_bytes()).rotate_left(17);
            ID_ALPHABET[index] as char
        })
        .collect()
}

/// A UUID-shaped id that is the same on every load of the same chunk.
pub fn chunk_id(seed: &str) -> String {
    let high = fnv1a(seed.as_bytes());
    let low = fnv1a(format!("{seed}#chunk").as_bytes());
    let hex = format!("{high:016x}{low:016x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_ids_are_stable_and_shaped_like_bedrock_ids() {
        let id = resource_id("bedrock-playground-handbook");
        assert_eq!(id, resource_id("bedrock-playground-handbook"));
        assert_ne!(id, resource_id("another-kb"));
        assert_eq!(id.len(), 10);
        assert!(
            id.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
    }

    #[test]
    fn chunk_ids_look_like_uuids() {
        let id = chunk_id("kb/file.md#3");
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
        assert_eq!(id, chunk_id("kb/file.md#3"));
    }
}
