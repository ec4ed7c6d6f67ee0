//! Ranking chunks for a query: cosine similarity, optionally mixed with keyword overlap.

use super::corpus::{Chunk, EMBEDDING_DIMENSIONS};
use super::filter::Filter;
use super::text::terms;
use crate::embeddings::embedder::{cosine, embed};

const HYBRID_SEMANTIC_WEIGHT: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchType {
    Hybrid,
    Semantic,
}

impl SearchType {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "HYBRID" => Some(Self::Hybrid),
            "SEMANTIC" => Some(Self::Semantic),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub chunk: &'a Chunk,
    pub score: f64,
}

/// Every chunk passing the filter, best first; equal scores keep document order.
pub fn search<'a>(
    chunks: &'a [Chunk],
    query: &str,
    search_type: SearchType,
    filter: Option<&Filter>,
) -> Vec<Hit<'a>> {
    let query_vector = embed(query, EMBEDDING_DIMENSIONS, true);
    let query_terms = terms(query);
    let mut hits: Vec<Hit> = chunks
        .iter()
        .filter(|chunk| filter.is_none_or(|f| f.matches(&chunk.metadata)))
        .map(|chunk| {
            let semantic = (1.0 + f64::from(cosine(&query_vector, &chunk.vector))) / 2.0;
            let score = match search_type {
                SearchType::Semantic => semantic,
                SearchType::Hybrid => {
                    let shared = query_terms.intersection(&chunk.terms).count();
                    let keyword = shared as f64 / query_terms.len().max(1) as f64;
                    HYBRID_SEMANTIC_WEIGHT * semantic + (1.0 - HYBRID_SEMANTIC_WEIGHT) * keyword
                }
            };
            Hit { chunk, score }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::metadata::Metadata;
    use serde_json::json;

    fn chunk(text: &str, category: &str) -> Chunk {
        let mut metadata = Metadata::new();
        metadata.insert("category".into(), json!(category));
        Chunk {
            text: text.into(),
            heading_path: vec![],
            source_uri: "s3://b/k.md".into(),
            metadata,
            vector: embed(text, EMBEDDING_DIMENSIONS, true),
            terms: terms(text),
        }
    }

    fn corpus() -> Vec<Chunk> {
        vec![
            chunk(
                "Bake the bread at high heat until the crust is golden.",
                "kitchen",
            ),
            chunk(
                "Throttling errors mean the request rate exceeded your quota; retry with backoff.",
                "faq",
            ),
            chunk(
                "Streaming responses arrive as event-stream frames with small text deltas.",
                "guide",
            ),
        ]
    }

    #[test]
    fn the_most_relevant_chunk_ranks_first_in_both_modes() {
        let chunks = corpus();
        for mode in [SearchType::Semantic, SearchType::Hybrid] {
            let hits = search(
                &chunks,
                "why am I seeing throttling errors and how to retry",
                mode,
                None,
            );
            assert_eq!(hits.len(), 3);
            assert!(hits[0].chunk.text.starts_with("Throttling"), "{mode:?}");
            assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
            assert!(hits.iter().all(|h| (0.0..=1.0).contains(&h.score)));
        }
    }

    #[test]
    fn hybrid_scores_reward_shared_keywords() {
        let chunks = corpus();
        let query = "event-stream frames";
        let semantic = search(&chunks, query, SearchType::Semantic, None);
        let hybrid = search(&chunks, query, SearchType::Hybrid, None);
        let top = |hits: &[Hit]| hits[0].score;
        assert!(hybrid[0].chunk.text.starts_with("Streaming"));
        assert_ne!(top(&semantic), top(&hybrid));
    }

    #[test]
    fn filters_remove_chunks_before_ranking() {
        let chunks = corpus();
        let filter = Filter::parse(
            &json!({"notEquals": {"key": "category", "value": "faq"}}),
            "filter",
        )
        .unwrap();
        let hits = search(&chunks, "throttling", SearchType::Hybrid, Some(&filter));
        assert_eq!(hits.len(), 2);
        assert!(hits.iter().all(|h| !h.chunk.text.starts_with("Throttling")));
    }
}
