//! Cluster summaries and labels from each cluster's distinctive words: class-based TF-IDF
//! (BERTopic's c-TF-IDF): `tf(x, c) · log(1 + A / f(x))`, where `tf` is the word's share of the
//! cluster's words, `f(x)` its count across all clusters and `A` the mean number of words a
//! cluster. English stop words, one-letter words and numbers are left out. Noise (−1) is not a
//! cluster: its texts count for nothing and it gets no summary.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::matrix::Matrix;
use super::stopwords::is_stop_word;

/// One cluster of the layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSummary {
    pub id: i32,
    pub size: usize,
    /// The mean position of its points on the layout.
    pub centroid: Vec<f32>,
    /// Its most distinctive words, best first.
    pub words: Vec<String>,
    /// The words joined by " · " (empty when it has none).
    pub label: String,
}

/// Lower-case words of two letters or more, stop words and numbers dropped.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_numeric()))
        .map(str::to_lowercase)
        .filter(|w| !is_stop_word(w))
}

/// A summary of every cluster (ids ascending, noise left out). `texts[i]` is point `i`'s text;
/// points without one count for the size and centroid only.
pub fn summarise_clusters(
    coords: &Matrix,
    assignments: &[i32],
    texts: &[&str],
    top_words: usize,
) -> Vec<ClusterSummary> {
    let dims = coords.cols();
    let n = coords.rows().min(assignments.len());
    let mut members: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, &c) in assignments.iter().enumerate().take(n) {
        if c >= 0 {
            members.entry(c).or_default().push(i);
        }
    }
    let ids: Vec<i32> = members.keys().copied().collect();
    let counts: Vec<HashMap<String, usize>> = ids
        .iter()
        .map(|c| {
            let mut m = HashMap::new();
            for &i in &members[c] {
                if let Some(t) = texts.get(i) {
                    for w in tokens(t) {
                        *m.entry(w).or_insert(0) += 1;
                    }
                }
            }
            m
        })
        .collect();
    let mut across: HashMap<&str, usize> = HashMap::new();
    for m in &counts {
        for (w, &c) in m {
            *across.entry(w.as_str()).or_insert(0) += c;
        }
    }
    let totals: Vec<usize> = counts.iter().map(|m| m.values().sum()).collect();
    let mean_words = totals.iter().sum::<usize>() as f64 / totals.len().max(1) as f64;
    ids.iter()
        .zip(&counts)
        .zip(&totals)
        .map(|((&id, m), &total)| {
            let pts = &members[&id];
            let mut centroid = vec![0.0f64; dims];
            for &i in pts {
                for (c, &v) in centroid.iter_mut().zip(coords.row(i)) {
                    *c += f64::from(v);
                }
            }
            let centroid = centroid
                .iter()
                .map(|&c| (c / pts.len() as f64) as f32)
                .collect();
            let mut scored: Vec<(f64, &str)> = m
                .iter()
                .map(|(w, &c)| {
                    let tf = c as f64 / total.max(1) as f64;
                    let f = across[w.as_str()] as f64;
                    (tf * (1.0 + mean_words / f).ln(), w.as_str())
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let words: Vec<String> = scored
                .iter()
                .take(top_words)
                .map(|(_, w)| (*w).to_string())
                .collect();
            let label = words.join(" · ");
            ClusterSummary {
                id,
                size: pts.len(),
                centroid,
                words,
                label,
            }
        })
        .collect()
}
