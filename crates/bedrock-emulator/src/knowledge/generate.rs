//! The synthetic answer of RetrieveAndGenerate: sentences lifted from the top passages, each run
//! of them cited with a span (character offsets, end exclusive) into the output text.

use std::collections::BTreeSet;

use super::text::{sentences, terms};
use crate::generation::tokens;

const MAX_CITED_PASSAGES: usize = 3;
const SENTENCES_PER_PASSAGE: usize = 2;
const MIN_SENTENCE_WORDS: usize = 4;
pub const NO_ANSWER: &str = "Sorry, I am unable to assist you with this request. \
(Emulated answer: no retrieved passage matched the question.)";

#[derive(Debug, Clone, Default)]
pub struct Limits {
    pub max_tokens: Option<usize>,
    pub stop_sequences: Vec<String>,
}

/// A part of the answer and the passage it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedPart {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub passage: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub text: String,
    pub citations: Vec<CitedPart>,
}

impl Answer {
    /// The text split at citation boundaries, each piece with the citation it ends, if any.
    pub fn segments(&self) -> Vec<(String, Option<&CitedPart>)> {
        let chars: Vec<char> = self.text.chars().collect();
        let mut segments = Vec::new();
        let mut position = 0;
        for citation in &self.citations {
            if citation.start > position {
                segments.push((chars[position..citation.start].iter().collect(), None));
            }
            segments.push((citation.text.clone(), Some(citation)));
            position = citation.end;
        }
        if position < chars.len() {
            segments.push((chars[position..].iter().collect(), None));
        }
        segments
    }
}

pub fn compose(question: &str, passages: &[&str], turn: usize, limits: &Limits) -> Answer {
    compose_noted(question, passages, turn, None, limits)
}

/// [`compose`] with a note on how the passages were found, said after the opening words.
pub fn compose_noted(
    question: &str,
    passages: &[&str],
    turn: usize,
    note: Option<&str>,
    limits: &Limits,
) -> Answer {
    let wanted = terms(question);
    let mut used = BTreeSet::new();
    let parts: Vec<(usize, String)> = passages
        .iter()
        .take(MAX_CITED_PASSAGES)
        .enumerate()
        .filter_map(|(index, passage)| {
            let chosen = choose_sentences(passage, &wanted, &mut used);
            (!chosen.is_empty()).then(|| (index, chosen.join(" ")))
        })
        .collect();
    if parts.is_empty() {
        return limit(
            Answer {
                text: NO_ANSWER.to_owned(),
                citations: Vec::new(),
            },
            limits,
        );
    }
    let mut text = if turn > 1 {
        format!(
            "Emulated answer to follow-up question {turn} of this session, assembled from the knowledge base without a model:"
        )
    } else {
        "Emulated answer, assembled from the knowledge base without a model:".to_owned()
    };
    if let Some(note) = note {
        text.push(' ');
        text.push_str(note);
    }
    let mut citations = Vec::new();
    for (passage, part) in parts {
        text.push(' ');
        let start = text.chars().count();
        text.push_str(&part);
        citations.push(CitedPart {
            start,
            end: start + part.chars().count(),
            text: part,
            passage,
        });
    }
    limit(Answer { text, citations }, limits)
}

/// The passage's most relevant plain sentences, in their original order.
fn choose_sentences(
    passage: &str,
    wanted: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
) -> Vec<String> {
    let prose = plain_prose(passage);
    let candidates: Vec<&str> = sentences(&prose)
        .into_iter()
        .filter(|s| s.split_whitespace().count() >= MIN_SENTENCE_WORDS && !used.contains(*s))
        .collect();
    let mut ranked: Vec<(usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, s)| (i, terms(s).intersection(wanted).count()))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut picked: Vec<usize> = ranked
        .iter()
        .take(SENTENCES_PER_PASSAGE)
        .map(|(i, _)| *i)
        .collect();
    picked.sort_unstable();
    picked
        .into_iter()
        .map(|i| {
            used.insert(candidates[i].to_owned());
            candidates[i].to_owned()
        })
        .collect()
}

/// The running text of a markdown chunk: no headings, code blocks or tables; list items as prose.
fn plain_prose(markdown: &str) -> String {
    let mut prose = String::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            prose.push_str("\n\n");
            continue;
        }
        if in_fence || trimmed.starts_with('#') || trimmed.starts_with('|') || trimmed.is_empty() {
            prose.push_str("\n\n");
            continue;
        }
        let item = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .or_else(|| {
                let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
                (digits > 0)
                    .then(|| trimmed[digits..].strip_prefix(". "))
                    .flatten()
            });
        if let Some(item) = item {
            prose.push_str("\n\n");
            prose.push_str(item);
        } else {
            prose.push(' ');
            prose.push_str(trimmed);
        }
    }
    prose.replace("**", "")
}

/// The answer cut at the first stop sequence and at `max_tokens`, citations clipped to match.
fn limit(answer: Answer, limits: &Limits) -> Answer {
    let mut cut = answer.text.len();
    for stop in limits.stop_sequences.iter().filter(|s| !s.is_empty()) {
        if let Some(found) = answer.text.find(stop.as_str()) {
            cut = cut.min(found);
        }
    }
    if let Some(max) = limits.max_tokens {
        let within: usize = tokens::tokenize(&answer.text)
            .iter()
            .take(max)
            .map(String::len)
            .sum();
        cut = cut.min(within);
    }
    if cut == answer.text.len() {
        return answer;
    }
    let text = answer.text[..cut].to_owned();
    let length = text.chars().count();
    let citations = answer
        .citations
        .into_iter()
        .filter(|c| c.start < length)
        .map(|c| {
            let end = c.end.min(length);
            CitedPart {
                text: text.chars().skip(c.start).take(end - c.start).collect(),
                end,
                ..c
            }
        })
        .collect();
    Answer { text, citations }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSAGES: [&str; 3] = [
        "## Throttling\n\nA ThrottlingException means your request rate is above the quota. Retry with exponential backoff and jitter. Quotas differ by model.",
        "## Quotas\n\n- Each model has its own tokens-per-minute quota in every region.\n- You can ask for an increase in the Service Quotas console.",
        "## Streaming\n\nStreaming sends the answer in small pieces as they are ready.",
    ];

    fn slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn spans_index_the_cited_text_exactly() {
        let answer = compose(
            "How do I handle throttling and quotas?",
            &PASSAGES,
            1,
            &Limits::default(),
        );
        assert!(answer.text.starts_with("Emulated answer"));
        assert_eq!(answer.citations.len(), 3);
        for citation in &answer.citations {
            assert_eq!(
                slice(&answer.text, citation.start, citation.end),
                citation.text
            );
        }
        assert_eq!(answer.citations[0].passage, 0);
        assert!(answer.citations[0].text.contains("ThrottlingException"));
        assert!(answer.citations[1].text.starts_with("Each model has"));
        assert!(!answer.text.contains("##"));
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let passages = [
            "Caf\u{e9} menus list cr\u{e8}me br\u{fb}l\u{e9}e every day. Prices are in euros for all guests.",
        ];
        let answer = compose(
            "what is on the caf\u{e9} menu",
            &passages,
            1,
            &Limits::default(),
        );
        let citation = &answer.citations[0];
        assert_eq!(
            slice(&answer.text, citation.start, citation.end),
            citation.text
        );
    }

    #[test]
    fn max_tokens_and_stop_sequences_clip_text_and_citations() {
        let full = compose("throttling quotas", &PASSAGES, 1, &Limits::default());
        let short = compose(
            "throttling quotas",
            &PASSAGES,
            1,
            &Limits {
                max_tokens: Some(20),
                stop_sequences: vec![],
            },
        );
        assert_eq!(tokens::count(&short.text), 20);
        assert!(full.text.starts_with(&short.text));
        assert_eq!(short.citations.len(), 1);
        let c = &short.citations[0];
        assert_eq!(c.end, short.text.chars().count());
        assert_eq!(slice(&short.text, c.start, c.end), c.text);

        let stopped = compose(
            "throttling quotas",
            &PASSAGES,
            1,
            &Limits {
                max_tokens: None,
                stop_sequences: vec!["Quotas differ".into()],
            },
        );
        assert!(stopped.text.ends_with("above the quota. "));
        assert_eq!(stopped.citations.len(), 1);
    }

    #[test]
    fn follow_ups_say_so_and_empty_retrievals_apologise() {
        let answer = compose("streaming", &PASSAGES, 2, &Limits::default());
        assert!(answer.text.contains("follow-up question 2"));
        let none = compose("anything", &[], 1, &Limits::default());
        assert_eq!(none.text, NO_ANSWER);
        assert!(none.citations.is_empty());
    }

    #[test]
    fn segments_rebuild_the_text() {
        let answer = compose("throttling", &PASSAGES, 1, &Limits::default());
        let segments = answer.segments();
        assert_eq!(
            segments.iter().map(|(t, _)| t.as_str()).collect::<String>(),
            answer.text
        );
        assert_eq!(
            segments.iter().filter(|(_, c)| c.is_some()).count(),
            answer.citations.len()
        );
    }
}
