//! Small text helpers shared by chunking, keyword search and answer composition.

use std::collections::BTreeSet;

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how",
    "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "so", "that", "the", "this",
    "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you",
    "your",
];

/// The sentences of a text, each trimmed; a sentence ends at `.`, `!` or `?` before whitespace.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((index, ch)) = chars.next() {
        let ends = matches!(ch, '.' | '!' | '?')
            && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if ends || ch == '\n' && chars.peek().is_some_and(|(_, next)| *next == '\n') {
            let end = index + ch.len_utf8();
            push_trimmed(&mut found, &text[start..end]);
            start = end;
        }
    }
    push_trimmed(&mut found, &text[start..]);
    found
}

fn push_trimmed<'a>(found: &mut Vec<&'a str>, piece: &'a str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        found.push(piece);
    }
}

/// The distinct lower-case content words of a text, for keyword matching; a camel-case word
/// such as `ThrottlingException` also counts as its parts.
pub fn terms(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| std::iter::once(w).chain(camel_parts(w)))
        .map(|w| stem(&w.to_lowercase()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// The content words of a text in order (repeats kept), normalised as [`terms`] does.
pub fn term_sequence(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| stem(&w.to_lowercase()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

fn camel_parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (index, ch) in word.char_indices().skip(1) {
        if ch.is_uppercase() && word[..index].chars().last().is_some_and(char::is_lowercase) {
            parts.push(&word[start..index]);
            start = index;
        }
    }
    if start > 0 {
        parts.push(&word[start..]);
    }
    parts
}

fn stem(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(base) if base.len() > 3 && !base.ends_with('s') => base.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_without_breaking_versions_or_decimals() {
        let text = "Use v2:0 here. Version 3.5 is newer! Really? Yes";
        assert_eq!(
            sentences(text),
            vec!["Use v2:0 here.", "Version 3.5 is newer!", "Really?", "Yes"]
        );
    }

    #[test]
    fn terms_drop_stopwords_and_plurals() {
        let found = terms("What are the Limits of tokens?");
        assert!(found.contains("limit"));
        assert!(found.contains("token"));
        assert!(!found.contains("the"));
    }

    #[test]
    fn camel_case_words_also_count_as_their_parts() {
        let found = terms("ThrottlingException from InvokeModel");
        for term in [
            "throttlingexception",
            "throttling",
            "exception",
            "invokemodel",
            "invoke",
            "model",
        ] {
            assert!(found.contains(term), "{term}");
        }
        assert!(camel_parts("plain").is_empty());
    }
}
