//! A knowledge base's chunks on a map: their vectors projected (PCA when there are few, UMAP
//! otherwise) and a query placed on the projection without moving it, so the knowledge-bases lab
//! can show where a query falls among the chunks it retrieves and cites.

use serde::Serialize;

use crate::maths::{MathsError, MathsErrorCode, Matrix};

use super::explore::{self, Placement};
use super::floats::encode_f32;
use super::layout::{LayoutMethod, LayoutRequest, compute_layout};

/// Below this many chunks the map is a PCA projection: UMAP needs neighbourhoods to learn from.
pub const UMAP_FROM: usize = 50;

/// The projection the UI draws.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkMapLayout {
    pub method: LayoutMethod,
    /// n × 2 little-endian f32, base64, in the order of the chunks given.
    pub coords_base64: String,
    /// Where the query falls, when one was given.
    pub query_position: Option<(f32, f32)>,
    /// PCA: the share of the variance each axis explains; UMAP: empty.
    pub explained_variance: Vec<f32>,
}

/// A computed chunk map, before it is encoded for the UI.
#[derive(Debug, Clone)]
pub struct ChunkMap {
    pub method: LayoutMethod,
    pub coords: Matrix,
    pub query_position: Option<(f32, f32)>,
    pub explained_variance: Vec<f32>,
}

impl ChunkMap {
    pub fn view(&self) -> ChunkMapLayout {
        ChunkMapLayout {
            method: self.method,
            coords_base64: encode_f32(self.coords.as_slice()),
            query_position: self.query_position,
            explained_variance: self.explained_variance.clone(),
        }
    }
}

/// The method a map of `n` chunks uses: PCA below [`UMAP_FROM`] chunks, else UMAP.
pub fn method_for(n: usize) -> LayoutMethod {
    if n < UMAP_FROM {
        LayoutMethod::Pca
    } else {
        LayoutMethod::Umap
    }
}

/// Project the chunks (`vectors`, one row per text in `texts`) with default settings and place
/// `query` (a vector from the same model and options) on the result.
pub fn map_chunks(
    vectors: &Matrix,
    texts: &[&str],
    query: Option<&[f32]>,
    cancelled: &dyn Fn() -> bool,
) -> Result<ChunkMap, MathsError> {
    if vectors.rows() < 2 {
        return Err(MathsError::new(
            MathsErrorCode::TooFewRows,
            format!(
                "A map needs at least 2 chunks; there is {}.",
                vectors.rows()
            ),
            "Retrieve with more results, or ask more questions, so more chunks are known.",
        ));
    }
    if let Some(query) = query
        && query.len() != vectors.cols()
    {
        return Err(MathsError::invalid(
            format!(
                "The query has {} dimensions and the chunks {}.",
                query.len(),
                vectors.cols()
            ),
            "Embed the query with the knowledge base's own embedding model and dimensions.",
        ));
    }
    let request = LayoutRequest {
        method: method_for(vectors.rows()),
        ..LayoutRequest::default()
    };
    let computed = compute_layout(vectors, texts, &request, &mut |_| {}, cancelled)?;
    let query_position = match query {
        Some(query) => {
            let placement =
                Placement::new(request.method, &computed.pca_basis, request.umap_params());
            let point = Matrix::new(1, query.len(), query.to_vec())?;
            let placed = explore::place(vectors, &computed.coords, &placement, &point)?;
            placed
                .row(0)
                .first()
                .zip(placed.row(0).get(1))
                .map(|(x, y)| (*x, *y))
        }
        None => None,
    };
    Ok(ChunkMap {
        method: request.method,
        coords: computed.coords,
        query_position,
        explained_variance: computed.explained_variance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` unit vectors in `d` dimensions around `topics` directions, with a little noise.
    fn clustered(n: usize, d: usize, topics: usize) -> Matrix {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut noise = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as f32 / (1u64 << 31) as f32) - 0.5
        };
        let mut values = Vec::with_capacity(n * d);
        for i in 0..n {
            let topic = i % topics;
            let mut row: Vec<f32> = (0..d)
                .map(|j| {
                    let centre = if j % topics == topic { 1.0 } else { 0.0 };
                    centre + 0.3 * noise()
                })
                .collect();
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            row.iter_mut().for_each(|x| *x /= norm);
            values.extend(row);
        }
        Matrix::new(n, d, values).unwrap()
    }

    fn distance(a: (f32, f32), b: &[f32]) -> f32 {
        ((a.0 - b[0]).powi(2) + (a.1 - b[1]).powi(2)).sqrt()
    }

    fn assert_lands_next_to(n: usize, expected: LayoutMethod) {
        let vectors = clustered(n, 24, 3);
        let texts: Vec<String> = (0..n).map(|i| format!("chunk {i}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let target = 7;
        // The query is the chunk's own text, so the model gives it the chunk's vector.
        let query = vectors.row(target).to_vec();
        let map = map_chunks(&vectors, &texts, Some(&query), &|| false).unwrap();
        assert_eq!(map.method, expected);
        assert_eq!((map.coords.rows(), map.coords.cols()), (n, 2));
        let position = map.query_position.expect("the query is placed");
        let to_target = distance(position, map.coords.row(target));
        let mut others: Vec<f32> = (0..n)
            .filter(|i| *i != target)
            .map(|i| distance(position, map.coords.row(i)))
            .collect();
        others.sort_by(f32::total_cmp);
        let median = others[others.len() / 2];
        assert!(
            to_target < 0.25 * median,
            "{expected:?}: the query is {to_target} from its chunk, the median chunk {median}"
        );
    }

    #[test]
    fn a_query_equal_to_a_chunk_lands_on_it_with_pca() {
        assert_lands_next_to(20, LayoutMethod::Pca);
    }

    #[test]
    fn a_query_equal_to_a_chunk_lands_next_to_it_with_umap() {
        assert_lands_next_to(60, LayoutMethod::Umap);
    }

    #[test]
    fn too_few_chunks_or_a_query_of_other_dimensions_are_errors() {
        let one = clustered(1, 8, 1);
        assert!(map_chunks(&one, &["a"], None, &|| false).is_err());
        let some = clustered(5, 8, 2);
        let texts = ["a", "b", "c", "d", "e"];
        let error = map_chunks(&some, &texts, Some(&[1.0, 0.0]), &|| false).unwrap_err();
        assert!(error.message.contains("2 dimensions"));
        let map = map_chunks(&some, &texts, None, &|| false).unwrap();
        assert!(map.query_position.is_none());
        assert!(!map.view().coords_base64.is_empty());
    }
}
