//! Hashed n-gram features, signed and L2-normalised: texts sharing words and n-grams land near
//! each other, so maps and nearest-neighbour searches over these vectors show real structure.

use crate::hashing::fnv1a;

const WORD_WEIGHT: f32 = 1.0;
const BIGRAM_WEIGHT: f32 = 0.7;
const TRIGRAM_WEIGHT: f32 = 0.35;

/// Embed `text` into `dimensions` floats; `normalize` scales it to unit length.
pub fn embed(text: &str, dimensions: usize, normalize: bool) -> Vec<f32> {
    let mut vector = vec![0.0f32; dimensions.max(1)];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut add = |feature: &str, weight: f32| {
        let hash = fnv1a(feature.as_bytes());
        let index = (hash % vector.len() as u64) as usize;
        let sign = if (hash >> 63) == 0 { 1.0 } else { -1.0 };
        vector[index] += sign * weight;
    };
    for word in &words {
        add(&format!("w:{word}"), WORD_WEIGHT);
        let padded: Vec<char> = format!("<{word}>").chars().collect();
        for gram in padded.windows(3) {
            add(
                &format!("c:{}", gram.iter().collect::<String>()),
                TRIGRAM_WEIGHT,
            );
        }
    }
    for pair in words.windows(2) {
        add(&format!("b:{} {}", pair[0], pair[1]), BIGRAM_WEIGHT);
    }
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        vector[0] = 1.0;
        return vector;
    }
    if normalize {
        vector.iter_mut().for_each(|x| *x /= norm);
    } else {
        // Unnormalised Titan vectors have a magnitude that grows with the text, as real ones do.
        let scale = (words.len().max(1) as f32).sqrt() / norm;
        vector.iter_mut().for_each(|x| *x *= scale);
    }
    vector
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_and_normalised() {
        let a = embed("The cat sat on the mat", 1024, true);
        assert_eq!(a, embed("The cat sat on the mat", 1024, true));
        let norm: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
    }

    #[test]
    fn similar_texts_are_closer_than_unrelated_ones() {
        let cat = embed("a cat sleeps on the warm mat", 512, true);
        let cats = embed("two cats sleeping on a mat", 512, true);
        let finance = embed("quarterly revenue grew in the bond market", 512, true);
        assert!(cosine(&cat, &cats) > cosine(&cat, &finance) + 0.2);
    }
}
