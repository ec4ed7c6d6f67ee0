//! Query decomposition (`orchestrationConfiguration.queryTransformationConfiguration.type =
//! QUERY_DECOMPOSITION`): a compound question split into sub-queries, each retrieved on its own,
//! the rankings merged turn by turn.

use std::collections::HashSet;

use super::index::Hit;
use super::text::terms;

const MAX_SUB_QUERIES: usize = 5;
const JOINERS: [&str; 4] = [" and also ", " as well as ", " and ", " also "];

/// The sub-queries of a question: split at `?`, `;`, new lines and sentence ends, then at
/// joining words; a part without a content word of its own stays with its neighbour.
pub fn sub_queries(question: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for clause in question.split(['?', ';', '\n', '!']) {
        for sentence in clause.split(". ") {
            let mut rest = sentence.trim().to_owned();
            'split: loop {
                let lower = rest.to_lowercase();
                for joiner in JOINERS {
                    if let Some(at) = lower.find(joiner) {
                        let (head, tail) = (&rest[..at], &rest[at + joiner.len()..]);
                        if !terms(head).is_empty() && !terms(tail).is_empty() {
                            parts.push(head.trim().to_owned());
                            rest = tail.trim().to_owned();
                            continue 'split;
                        }
                    }
                }
                break;
            }
            parts.push(rest);
        }
    }
    let mut merged: Vec<String> = Vec::new();
    for part in parts
        .into_iter()
        .map(|p| {
            p.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '.')
                .to_owned()
        })
        .filter(|p| !p.is_empty())
    {
        match merged.last_mut() {
            Some(last) if terms(&part).is_empty() => {
                last.push(' ');
                last.push_str(&part);
            }
            _ => merged.push(part),
        }
    }
    if merged.len() > MAX_SUB_QUERIES {
        let tail = merged.split_off(MAX_SUB_QUERIES - 1).join(" ");
        merged.push(tail);
    }
    if merged.is_empty() {
        merged.push(question.trim().to_owned());
    }
    merged
}

/// Rankings of the sub-queries merged: every ranking's first hit, then every second, and so on;
/// a chunk found twice keeps its first place.
pub fn merge<'a>(rankings: Vec<Vec<Hit<'a>>>) -> Vec<Hit<'a>> {
    let longest = rankings.iter().map(Vec::len).max().unwrap_or(0);
    let mut seen = HashSet::new();
    let mut merged = Vec::new();
    for rank in 0..longest {
        for ranking in &rankings {
            if let Some(hit) = ranking.get(rank)
                && seen.insert(std::ptr::from_ref(hit.chunk))
            {
                merged.push(*hit);
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_questions_split_into_sub_queries() {
        assert_eq!(
            sub_queries("How do quotas work and how do I log in with SSO?"),
            vec!["How do quotas work", "how do I log in with SSO"]
        );
        assert_eq!(
            sub_queries("What is an embedding? Which model makes them; how big are they"),
            vec![
                "What is an embedding",
                "Which model makes them",
                "how big are they"
            ]
        );
        assert_eq!(
            sub_queries("Pricing of input and output tokens"),
            vec!["Pricing of input", "output tokens"]
        );
        assert_eq!(sub_queries("What is RAG?"), vec!["What is RAG"]);
        assert_eq!(sub_queries("   "), vec![""]);
    }
}
