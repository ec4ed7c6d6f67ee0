//! Finding the long base64 strings of a JSON text (attachments, redacted reasoning) and putting
//! them back. Only strings that decode and re-encode to the very same text are taken out, so the
//! text rebuilt from the skeleton and the decoded bytes is always the original.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Shorter strings are not worth a blob of their own.
pub(crate) const MIN_BASE64_CHARS: usize = 1024;

/// A string's content taken out of the text: its decoded bytes go back at byte offset `at` of
/// the skeleton (between the string's two quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub at: usize,
    pub bytes: Vec<u8>,
}

/// The text with each long base64 string emptied, and what was taken out, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extracted {
    pub skeleton: String,
    pub spans: Vec<Span>,
}

pub(crate) fn extract(text: &str) -> Extracted {
    let mut skeleton = String::with_capacity(text.len().min(64 * 1024));
    let mut spans = Vec::new();
    let mut copied_up_to = 0;
    for (start, end) in string_contents(text.as_bytes()) {
        let content = &text[start..end];
        let Some(bytes) = canonical_base64(content) else {
            continue;
        };
        skeleton.push_str(&text[copied_up_to..start]);
        spans.push(Span {
            at: skeleton.len(),
            bytes,
        });
        copied_up_to = end;
    }
    skeleton.push_str(&text[copied_up_to..]);
    Extracted { skeleton, spans }
}

/// The original text: each span's bytes, as base64, inserted into the skeleton at its offset.
/// `None` when an offset does not fit the skeleton (a damaged row).
pub(crate) fn insert<'a>(
    skeleton: &str,
    spans: impl IntoIterator<Item = (usize, &'a str)>,
) -> Option<String> {
    let mut text = String::with_capacity(skeleton.len());
    let mut copied_up_to = 0;
    for (at, base64) in spans {
        text.push_str(skeleton.get(copied_up_to..at)?);
        text.push_str(base64);
        copied_up_to = at;
    }
    text.push_str(skeleton.get(copied_up_to..)?);
    Some(text)
}

pub(crate) fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

fn canonical_base64(content: &str) -> Option<Vec<u8>> {
    if content.len() < MIN_BASE64_CHARS
        || !content
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        return None;
    }
    let bytes = STANDARD.decode(content).ok()?;
    (STANDARD.encode(&bytes) == content).then_some(bytes)
}

/// The byte ranges of the contents of JSON string literals (between the quotes), in order.
/// Text that is not JSON yields ranges too; that is harmless, since only exact round trips are
/// taken out.
fn string_contents(text: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut at = 0;
    while at < text.len() {
        if text[at] != b'"' {
            at += 1;
            continue;
        }
        let start = at + 1;
        let mut end = start;
        while end < text.len() && text[end] != b'"' {
            end += if text[end] == b'\\' { 2 } else { 1 };
        }
        if end >= text.len() {
            break;
        }
        ranges.push((start, end));
        at = end + 1;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    fn rebuilt(extracted: &Extracted) -> String {
        let encoded: Vec<(usize, String)> = extracted
            .spans
            .iter()
            .map(|span| (span.at, encode(&span.bytes)))
            .collect();
        insert(
            &extracted.skeleton,
            encoded.iter().map(|(at, text)| (*at, text.as_str())),
        )
        .unwrap()
    }

    #[test]
    fn long_base64_strings_leave_the_text_and_come_back_exactly() {
        let (a, b) = (encode(&image(3_000, 1)), encode(&image(2_001, 2)));
        let text = format!(
            r#"{{"messages":[{{"text":"look \"here\"","attachments":[{{"name":"a.png","dataBase64":"{a}"}},{{"name":"b.jpg","dataBase64":"{b}"}}]}}]}}"#
        );
        let extracted = extract(&text);
        assert_eq!(extracted.spans.len(), 2);
        assert_eq!(extracted.spans[0].bytes, image(3_000, 1));
        assert!(!extracted.skeleton.contains(&a[..100]));
        assert!(extracted.skeleton.len() < 200, "{}", extracted.skeleton);
        assert_eq!(rebuilt(&extracted), text);
    }

    #[test]
    fn short_escaped_or_non_canonical_strings_stay_in_the_text() {
        let short = encode(&image(100, 3));
        let mut unpadded = encode(&image(2_000, 4));
        unpadded.truncate(unpadded.trim_end_matches('=').len());
        let slashes = encode(&image(2_000, 5)).replace('/', "\\/");
        let words = "word ".repeat(400);
        for text in [
            format!(r#"{{"a":"{short}"}}"#),
            format!(r#"{{"a":"{unpadded}"}}"#),
            format!(r#"{{"a":"{slashes}"}}"#),
            format!(r#"{{"a":"{words}"}}"#),
        ] {
            let extracted = extract(&text);
            assert!(extracted.spans.is_empty(), "{text:.80}");
            assert_eq!(extracted.skeleton, text);
        }
    }

    #[test]
    fn any_text_round_trips_even_when_it_is_not_json() {
        let payload = encode(&image(1_500, 6));
        for text in [
            String::new(),
            "plain text".to_owned(),
            format!("\"{payload}\" unterminated \"{payload}"),
            format!("é\"{payload}\"ü\\\"\"{payload}\""),
        ] {
            assert_eq!(rebuilt(&extract(&text)), text);
        }
    }

    #[test]
    fn a_span_outside_the_skeleton_is_refused() {
        assert_eq!(insert("{}", [(5, "AAAA")]), None);
        assert_eq!(insert("é", [(1, "AAAA")]), None);
    }
}
