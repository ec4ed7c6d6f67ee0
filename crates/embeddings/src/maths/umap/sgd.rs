//! The layout's stochastic gradient descent with negative sampling, as umap-learn's
//! `optimize_layout_euclidean`: each edge is sampled in proportion to its weight
//! (`epochs_per_sample`), pulls its head towards its tail, and pushes the head away from 5
//! random vertices; gradients clipped at 4; learning rate decaying linearly.
//!
//! Deterministic and parallel: in each epoch every head moves on its own, in its edge order, while
//! the other vertices are read from the layout as it was at the start of the epoch (a snapshot).
//! Negative samples come from a generator seeded by `(seed, epoch, head)`. The pull of one
//! sampled edge and the pushes of its five negative samples are computed from the same position
//! and summed (each clipped on its own), so they run side by side in SIMD lanes rather than as a
//! chain of six dependent steps. umap-learn's
//! `move_other` (the tail moving too) becomes a doubled pull on each head: the graph is symmetric,
//! so every tail gets the same pull when its own edge to the head comes round.

use rayon::prelude::*;
use std::ops::ControlFlow;

use super::fastmath::pow;
use super::fuzzy::Csr;
use crate::maths::matrix::Matrix;
use crate::maths::rng::{Tiny, mix};

const NEGATIVE_SAMPLE_RATE: usize = 5;
const CLIP: f32 = 4.0;
/// One positive and five negative samples, padded to eight lanes.
const LANES: usize = 8;
const ATTRACT: [f32; LANES] = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];

/// What one run of the optimiser needs.
pub struct Layout<'a> {
    /// Edges by head: `graph.row(i)` are the tails of head `i` and their weights.
    pub graph: &'a Csr,
    pub a: f32,
    pub b: f32,
    pub n_epochs: usize,
    pub initial_alpha: f32,
    /// 2 when fitting (see the module's note on `move_other`), 1 when placing new points.
    pub pull: f32,
    pub seed: u64,
}

/// Per edge, the share of epochs it is sampled in (`w / max w`); edges below `1 / n_epochs`
/// are never sampled (umap-learn prunes them).
fn rates(graph: &Csr, n_epochs: usize) -> Vec<f32> {
    let max = graph.vals.iter().copied().fold(0.0f32, f32::max);
    if max <= 0.0 {
        return vec![0.0; graph.vals.len()];
    }
    let floor = max / n_epochs.max(1) as f32;
    graph
        .vals
        .iter()
        .map(|&w| if w < floor { 0.0 } else { w / max })
        .collect()
}

/// Moves the heads `head_rows` (rows of `heads`) for all epochs; tails and negative samples are
/// read from `fixed_tails` when given (placing new points), else from the heads' own snapshot.
/// `on_epoch(epoch, heads)` after each epoch decides whether to go on.
pub fn optimise(
    layout: &Layout<'_>,
    heads: &mut Matrix,
    fixed_tails: Option<&Matrix>,
    on_epoch: &mut dyn FnMut(usize, &Matrix) -> ControlFlow<()>,
) -> ControlFlow<()> {
    match heads.cols() {
        2 => run::<2>(layout, heads, fixed_tails, on_epoch),
        3 => run::<3>(layout, heads, fixed_tails, on_epoch),
        _ => ControlFlow::Continue(()),
    }
}

fn run<const D: usize>(
    layout: &Layout<'_>,
    heads: &mut Matrix,
    fixed_tails: Option<&Matrix>,
    on_epoch: &mut dyn FnMut(usize, &Matrix) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let rate = rates(layout.graph, layout.n_epochs);
    let (a, b) = (layout.a, layout.b);
    let mut next = heads.clone();
    for epoch in 0..layout.n_epochs {
        let alpha = layout.initial_alpha * (1.0 - epoch as f32 / layout.n_epochs as f32);
        let snapshot: &Matrix = heads;
        let tails: &[f32] = fixed_tails.unwrap_or(snapshot).as_slice();
        let n_tails = tails.len() / D;
        let (e0, e1) = (epoch as f32, epoch as f32 + 1.0);
        let epoch_seed = mix(layout.seed ^ (epoch as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
        let own = fixed_tails.is_none();
        next.as_mut_slice()
            .par_chunks_mut(D)
            .enumerate()
            .with_min_len(64)
            .for_each(|(i, out)| {
                let mut y = [0.0f32; D];
                y.copy_from_slice(&snapshot.as_slice()[i * D..(i + 1) * D]);
                let (cols, _) = layout.graph.row(i);
                let rates = &rate[layout.graph.offsets[i]..layout.graph.offsets[i + 1]];
                let mut rng = Tiny::new(epoch_seed ^ (i as u64).wrapping_mul(0x9e37_79b9));
                for (&j, &r) in cols.iter().zip(rates) {
                    // Sampled when the count of samples due, ⌊epoch · rate⌋, steps up.
                    if r <= 0.0 || (e1 * r) as u32 <= (e0 * r) as u32 {
                        continue;
                    }
                    // Lane 0 pulls towards the tail; lanes 1..=5 push from random vertices; all from
                    // the same position, in eight lanes the compiler vectorises.
                    let j = j as usize;
                    let mut idx = [j; LANES];
                    let mut live = [0.0f32; LANES];
                    live[0] = layout.pull;
                    for (lane, alive) in live
                        .iter_mut()
                        .enumerate()
                        .skip(1)
                        .take(NEGATIVE_SAMPLE_RATE)
                    {
                        let k = rng.below(n_tails);
                        if own && k == i {
                            continue;
                        }
                        idx[lane] = k;
                        *alive = 1.0;
                    }
                    let others: [[f32; LANES]; D] =
                        std::array::from_fn(|d| std::array::from_fn(|l| tails[idx[l] * D + d]));
                    let mut diff = [[0.0f32; LANES]; D];
                    let mut d2 = [0.0f32; LANES];
                    for d in 0..D {
                        for l in 0..LANES {
                            diff[d][l] = y[d] - others[d][l];
                            d2[l] += diff[d][l] * diff[d][l];
                        }
                    }
                    let mut coeff = [0.0f32; LANES];
                    for l in 0..LANES {
                        // Branch-free, so this loop becomes SIMD code.
                        let x = d2[l].max(1e-30);
                        let pb = pow(x, b);
                        let inv = 1.0 / (a * pb + 1.0);
                        let attract = -2.0 * a * b * pb / x;
                        let repel = 2.0 * b / (0.001 + x);
                        let c = (repel + ATTRACT[l] * (attract - repel)) * inv;
                        coeff[l] = c * if d2[l] > 0.0 { live[l] } else { 0.0 };
                    }
                    for d in 0..D {
                        let mut step = 0.0;
                        for l in 0..LANES {
                            let lim = CLIP * live[l];
                            step += (coeff[l] * diff[d][l]).max(-lim).min(lim);
                        }
                        y[d] += step * alpha;
                    }
                }
                out.copy_from_slice(&y);
            });
        std::mem::swap(heads, &mut next);
        on_epoch(epoch + 1, heads)?;
    }
    ControlFlow::Continue(())
}
