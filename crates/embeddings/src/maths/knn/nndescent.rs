//! NN-descent (Dong, Moses & Li 2011, with pynndescent's new/old flags and sampled candidates),
//! started from the leaves of a few random-projection trees.
//!
//! Deterministic for a seed whatever the number of threads: random choices come from hashes of
//! `(seed, iteration, node)`, the local joins of a fixed batch of nodes run in parallel against a
//! snapshot of the heaps, their proposals are collected in node order, bucketed by target in that
//! order, and each heap then takes its own proposals in that order.

use rayon::prelude::*;

use crate::maths::error::MathsError;
use crate::maths::rng::{Tiny, mix};
use crate::maths::similarity::{dot, sq_dist};

/// Rows of vectors and how to compare them (a ranking key: smaller is nearer).
pub struct Space<'a> {
    pub data: &'a [f32],
    pub dims: usize,
    /// `Some(1/‖x‖)` for cosine (key `1 − cos`); `None` for squared L2.
    pub inv_norms: Option<Vec<f32>>,
}

impl Space<'_> {
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.dims.max(1)
    }

    #[inline]
    fn row(&self, i: u32) -> &[f32] {
        let i = i as usize;
        &self.data[i * self.dims..(i + 1) * self.dims]
    }

    #[inline(always)]
    pub fn key(&self, i: u32, j: u32) -> f32 {
        match &self.inv_norms {
            Some(inv) => 1.0 - dot(self.row(i), self.row(j)) * inv[i as usize] * inv[j as usize],
            None => sq_dist(self.row(i), self.row(j)),
        }
    }
}

const EMPTY: u32 = u32::MAX;

/// `n` sorted lists of `k` (key, id, new?) entries.
struct Heaps {
    k: usize,
    keys: Vec<f32>,
    ids: Vec<u32>,
    fresh: Vec<bool>,
}

impl Heaps {
    fn new(n: usize, k: usize) -> Heaps {
        Heaps {
            k,
            keys: vec![f32::INFINITY; n * k],
            ids: vec![EMPTY; n * k],
            fresh: vec![false; n * k],
        }
    }

    fn thresholds(&self) -> Vec<f32> {
        self.keys
            .par_chunks(self.k)
            .map(|r| r[self.k - 1])
            .collect()
    }
}

/// Inserts `(key, id)` into one sorted row; returns whether it changed.
#[inline]
fn insert(keys: &mut [f32], ids: &mut [u32], fresh: &mut [bool], key: f32, id: u32) -> bool {
    let k = keys.len();
    if !(key < keys[k - 1] || (key == keys[k - 1] && id < ids[k - 1])) {
        return false;
    }
    if ids.contains(&id) {
        return false;
    }
    let mut pos = k - 1;
    while pos > 0 && (keys[pos - 1] > key || (keys[pos - 1] == key && ids[pos - 1] > id)) {
        keys[pos] = keys[pos - 1];
        ids[pos] = ids[pos - 1];
        fresh[pos] = fresh[pos - 1];
        pos -= 1;
    }
    keys[pos] = key;
    ids[pos] = id;
    fresh[pos] = true;
    true
}

/// Proposals `(target, key, candidate)`, applied deterministically; returns how many heaps changed.
fn apply(heaps: &mut Heaps, n: usize, proposals: &[(u32, f32, u32)]) -> usize {
    let mut offsets = vec![0usize; n + 1];
    for &(t, _, _) in proposals {
        offsets[t as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut bucketed = vec![(0.0f32, 0u32); proposals.len()];
    for &(t, key, c) in proposals {
        let slot = &mut fill[t as usize];
        bucketed[*slot] = (key, c);
        *slot += 1;
    }
    let k = heaps.k;
    heaps
        .keys
        .par_chunks_mut(k)
        .zip(heaps.ids.par_chunks_mut(k))
        .zip(heaps.fresh.par_chunks_mut(k))
        .enumerate()
        .map(|(i, ((keys, ids), fresh))| {
            let mut changed = 0usize;
            for &(key, c) in &bucketed[offsets[i]..offsets[i + 1]] {
                if c as usize != i && insert(keys, ids, fresh, key, c) {
                    changed += 1;
                }
            }
            changed
        })
        .collect::<Vec<_>>()
        .iter()
        .sum()
}

/// The tuning of one search.
pub struct Settings {
    pub k: usize,
    pub seed: u64,
    pub trees: usize,
    pub leaf_size: usize,
    pub max_candidates: usize,
    pub max_iterations: usize,
    /// Stop when fewer than `delta · n · k` heap entries changed in an iteration.
    pub delta: f64,
}

/// Approximate `k` nearest neighbours of every row (self excluded): `(ids, keys)`, `n × k`, nearest first.
pub fn nn_descent(
    space: &Space<'_>,
    s: &Settings,
    cancel: &dyn Fn() -> bool,
) -> Result<(Vec<u32>, Vec<f32>), MathsError> {
    let n = space.len();
    let k = s.k;
    let mut heaps = Heaps::new(n, k);
    // Random-projection trees: every pair inside a leaf is a first guess.
    for t in 0..s.trees {
        if cancel() {
            return Err(MathsError::cancelled());
        }
        let leaves = rp_tree_leaves(space, s.leaf_size, mix(s.seed ^ ((t as u64 + 1) * 0x51ed)));
        let thr = heaps.thresholds();
        let proposals: Vec<(u32, f32, u32)> = leaves
            .par_iter()
            .flat_map_iter(|leaf| {
                let mut out = Vec::new();
                for (a, &p) in leaf.iter().enumerate() {
                    for &q in &leaf[a + 1..] {
                        let key = space.key(p, q);
                        if key < thr[p as usize] {
                            out.push((p, key, q));
                        }
                        if key < thr[q as usize] {
                            out.push((q, key, p));
                        }
                    }
                }
                out
            })
            .collect();
        apply(&mut heaps, n, &proposals);
    }
    // Fill any row a tiny leaf left short with random neighbours.
    {
        let k = heaps.k;
        let mut proposals = Vec::new();
        for i in 0..n {
            let missing = heaps.ids[i * k..(i + 1) * k]
                .iter()
                .filter(|&&id| id == EMPTY)
                .count();
            let mut rng = Tiny::new(s.seed ^ mix(i as u64 ^ 0xf111));
            for _ in 0..missing * 2 {
                let j = rng.below(n) as u32;
                if j as usize != i {
                    proposals.push((i as u32, space.key(i as u32, j), j));
                }
            }
        }
        apply(&mut heaps, n, &proposals);
    }

    let batch = 8192;
    for iteration in 0..s.max_iterations {
        if cancel() {
            return Err(MathsError::cancelled());
        }
        let (new_c, old_c) = candidates(
            &mut heaps,
            n,
            s.max_candidates,
            mix(s.seed ^ ((iteration as u64 + 1) * 0xc0ffee)),
        );
        let mc = s.max_candidates;
        let mut changed = 0usize;
        let mut start = 0;
        while start < n {
            let end = (start + batch).min(n);
            let thr = heaps.thresholds();
            let proposals: Vec<(u32, f32, u32)> = (start..end)
                .into_par_iter()
                .flat_map_iter(|u| {
                    let news: Vec<u32> = new_c[u * mc..(u + 1) * mc]
                        .iter()
                        .copied()
                        .filter(|&x| x != EMPTY)
                        .collect();
                    let olds: Vec<u32> = old_c[u * mc..(u + 1) * mc]
                        .iter()
                        .copied()
                        .filter(|&x| x != EMPTY)
                        .collect();
                    let mut out = Vec::new();
                    let mut offer = |p: u32, q: u32| {
                        if p == q {
                            return;
                        }
                        let key = space.key(p, q);
                        if key < thr[p as usize] {
                            out.push((p, key, q));
                        }
                        if key < thr[q as usize] {
                            out.push((q, key, p));
                        }
                    };
                    for (a, &p) in news.iter().enumerate() {
                        for &q in &news[a + 1..] {
                            offer(p, q);
                        }
                        for &q in &olds {
                            offer(p, q);
                        }
                    }
                    out
                })
                .collect();
            changed += apply(&mut heaps, n, &proposals);
            start = end;
        }
        if (changed as f64) < s.delta * (n * k) as f64 {
            break;
        }
    }
    Ok((heaps.ids, heaps.keys))
}

/// New and old candidates of every node (forward and reverse neighbours, at most `mc` each,
/// chosen by a hashed priority); marks the sampled new entries old.
fn candidates(heaps: &mut Heaps, n: usize, mc: usize, seed: u64) -> (Vec<u32>, Vec<u32>) {
    let k = heaps.k;
    // Every (node, neighbour) pair offers the neighbour to the node and the node to the
    // neighbour, with one priority; lowest priorities win. Bucket all offers by receiver.
    let mut counts = vec![0usize; n + 1];
    for i in 0..n {
        for slot in 0..k {
            let j = heaps.ids[i * k + slot];
            if j != EMPTY {
                counts[i + 1] += 1;
                counts[j as usize + 1] += 1;
            }
        }
    }
    for i in 0..n {
        counts[i + 1] += counts[i];
    }
    let mut fill = counts.clone();
    let mut offers = vec![(0u64, 0u32, false); counts[n]];
    for i in 0..n {
        for slot in 0..k {
            let j = heaps.ids[i * k + slot];
            if j == EMPTY {
                continue;
            }
            let fresh = heaps.fresh[i * k + slot];
            let p = mix(seed ^ (u64::from(j) << 32 | i as u64));
            offers[fill[i]] = (p, j, fresh);
            fill[i] += 1;
            let ju = j as usize;
            offers[fill[ju]] = (p, i as u32, fresh);
            fill[ju] += 1;
        }
    }
    let mut new_ids = vec![EMPTY; n * mc];
    let mut old_ids = vec![EMPTY; n * mc];
    new_ids
        .par_chunks_mut(mc)
        .zip(old_ids.par_chunks_mut(mc))
        .enumerate()
        .for_each(|(i, (new_row, old_row))| {
            let mut mine = offers[counts[i]..counts[i + 1]].to_vec();
            mine.sort_unstable();
            let (mut nn, mut no) = (0, 0);
            for (_, id, fresh) in mine {
                let (row, fill) = if fresh {
                    (&mut *new_row, &mut nn)
                } else {
                    (&mut *old_row, &mut no)
                };
                if *fill < mc && !row[..*fill].contains(&id) {
                    row[*fill] = id;
                    *fill += 1;
                }
            }
        });
    heaps
        .fresh
        .par_chunks_mut(k)
        .zip(heaps.ids.par_chunks(k))
        .zip(new_ids.par_chunks(mc))
        .for_each(|((fresh, ids), news)| {
            for (f, id) in fresh.iter_mut().zip(ids) {
                if *f && news.contains(id) {
                    *f = false;
                }
            }
        });
    (new_ids, old_ids)
}

/// The leaves of one random-projection tree: split by the hyperplane halfway between two random
/// points until a node has at most `leaf_size` points.
fn rp_tree_leaves(space: &Space<'_>, leaf_size: usize, seed: u64) -> Vec<Vec<u32>> {
    let n = space.len();
    let mut leaves = Vec::new();
    let mut stack: Vec<(Vec<u32>, u64)> = vec![((0..n as u32).collect(), seed)];
    while let Some((points, node_seed)) = stack.pop() {
        if points.len() <= leaf_size.max(2) {
            leaves.push(points);
            continue;
        }
        let mut rng = Tiny::new(node_seed);
        let a = points[rng.below(points.len())];
        let mut b = points[rng.below(points.len())];
        if a == b {
            b = points[(points.iter().position(|&x| x == a).unwrap_or(0) + 1) % points.len()];
        }
        let (ra, rb) = (space.row(a), space.row(b));
        let (sa, sb) = match &space.inv_norms {
            Some(inv) => (inv[a as usize], inv[b as usize]),
            None => (1.0, 1.0),
        };
        let normal: Vec<f32> = ra.iter().zip(rb).map(|(x, y)| x * sa - y * sb).collect();
        let offset = match space.inv_norms {
            Some(_) => 0.0,
            None => ra
                .iter()
                .zip(rb)
                .zip(&normal)
                .map(|((x, y), w)| w * (x + y) * 0.5)
                .sum(),
        };
        let side: Vec<bool> = if points.len() > 4096 {
            points
                .par_iter()
                .map(|&p| dot(space.row(p), &normal) > offset)
                .collect()
        } else {
            points
                .iter()
                .map(|&p| dot(space.row(p), &normal) > offset)
                .collect()
        };
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for (&p, &s) in points.iter().zip(&side) {
            if s { left.push(p) } else { right.push(p) }
        }
        if left.is_empty() || right.is_empty() {
            let half = points.len() / 2;
            left = points[..half].to_vec();
            right = points[half..].to_vec();
        }
        stack.push((left, mix(node_seed ^ 1)));
        stack.push((right, mix(node_seed ^ 2)));
    }
    leaves
}
