//! Signatures on thinking blocks: opaque to clients, verifiable by the emulator later.
//!
//! A signature is base64 of `MAGIC || digest(text) || tag(digest)`, both halves keyed. A
//! signature the emulator did not make fails its tag (an invalid signature); a genuine one
//! whose digest differs from the text sent with it means the thinking text was edited.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const MAGIC: &[u8] = b"EmuThink1";
const DIGEST_LEN: usize = 24;
const TAG_LEN: usize = 24;
/// Fixed so that signatures survive restarts, as saved conversations expect.
const KEY: &[u8] = b"bedrock-emulator thinking signature key";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Made by the emulator for exactly this text.
    Genuine,
    /// Made by the emulator, for another text.
    TextChanged,
    /// Not a signature the emulator made.
    Invalid,
}

pub fn sign(thinking: &str) -> String {
    let digest = keyed(b"text", thinking.as_bytes());
    let mut raw = MAGIC.to_vec();
    raw.extend_from_slice(&digest[..DIGEST_LEN]);
    raw.extend_from_slice(&keyed(b"tag", &digest[..DIGEST_LEN])[..TAG_LEN]);
    base64::engine::general_purpose::STANDARD.encode(raw)
}

pub fn verify(signature: &str, thinking: &str) -> Verdict {
    let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(signature) else {
        return Verdict::Invalid;
    };
    let Some(rest) = raw.strip_prefix(MAGIC) else {
        return Verdict::Invalid;
    };
    if rest.len() != DIGEST_LEN + TAG_LEN {
        return Verdict::Invalid;
    }
    let (digest, tag) = rest.split_at(DIGEST_LEN);
    if keyed(b"tag", digest)[..TAG_LEN] != *tag {
        return Verdict::Invalid;
    }
    if keyed(b"text", thinking.as_bytes())[..DIGEST_LEN] == *digest {
        Verdict::Genuine
    } else {
        Verdict::TextChanged
    }
}

fn keyed(purpose: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(KEY).expect("HMAC takes any key length");
    mac.update(purpose);
    mac.update(&[0]);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_genuine_edited_and_foreign_signatures_apart() {
        let signature = sign("I think, therefore I am.");
        assert_eq!(
            verify(&signature, "I think, therefore I am."),
            Verdict::Genuine
        );
        assert_eq!(
            verify(&signature, "I think, therefore I was."),
            Verdict::TextChanged
        );
        assert_eq!(verify("not base64 !", "x"), Verdict::Invalid);
        assert_eq!(verify("ZW11bGF0ZWQ=", "x"), Verdict::Invalid);
        let mut forged = signature.into_bytes();
        let last = forged.len() - 3;
        forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
        let forged = String::from_utf8(forged).unwrap();
        assert_eq!(
            verify(&forged, "I think, therefore I am."),
            Verdict::Invalid
        );
    }
}
