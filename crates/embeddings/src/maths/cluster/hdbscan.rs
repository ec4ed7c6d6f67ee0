//! HDBSCAN (Campello, Moulavi & Sander 2013) on the low-dimensional layout: core distances,
//! the minimum spanning tree of the mutual-reachability graph (here over each point's nearest
//! neighbours, which holds the MST's edges in practice; parts the neighbour graph leaves apart are
//! joined at infinite distance), the single-linkage hierarchy, its condensed tree for a minimum
//! cluster size, and the excess-of-mass selection of the most stable clusters. Deterministic:
//! every sort has a total order.

use super::kdtree::KdTree;
use crate::maths::matrix::Matrix;

/// Flat clusters of `points`: labels 0.. (largest cluster first) or −1 for noise.
pub fn hdbscan(points: &Matrix, min_cluster_size: usize, min_samples: usize) -> Vec<i32> {
    let n = points.rows();
    if n < 2 || min_cluster_size < 2 || n < min_cluster_size {
        return vec![-1; n];
    }
    let k = (min_samples.max(2) - 1).max(15).min(n - 1);
    let tree = KdTree::new(points);
    let knn = tree.all(k);
    let core_k = (min_samples.max(2) - 1).min(n - 1);
    let core: Vec<f32> = knn
        .iter()
        .map(|nb| nb.get(core_k - 1).map_or(0.0, |e| e.0.sqrt()))
        .collect();
    let mut edges: Vec<(f32, u32, u32)> = Vec::with_capacity(n * k);
    for (i, nb) in knn.iter().enumerate() {
        for &(d2, j) in nb {
            let (a, b) = if (i as u32) < j {
                (i as u32, j)
            } else {
                (j, i as u32)
            };
            let w = d2.sqrt().max(core[i]).max(core[j as usize]);
            edges.push((w, a, b));
        }
    }
    edges.sort_unstable_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    edges.dedup_by(|x, y| x.1 == y.1 && x.2 == y.2);
    // Kruskal, building the single-linkage merges as it goes.
    let mut uf = UnionFind::new(n);
    let mut merges: Vec<(usize, usize, f32, usize)> = Vec::with_capacity(n - 1);
    let mut node_of: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; 2 * n];
    for &(w, a, b) in &edges {
        let (ra, rb) = (uf.find(a as usize), uf.find(b as usize));
        if ra == rb {
            continue;
        }
        let id = n + merges.len();
        let (na, nb) = (node_of[ra], node_of[rb]);
        size[id] = size[na] + size[nb];
        merges.push((na, nb, w, size[id]));
        let r = uf.union(ra, rb);
        node_of[r] = id;
    }
    // Parts the neighbour graph left apart meet at infinity.
    for i in 1..n {
        let (r0, ri) = (uf.find(0), uf.find(i));
        if r0 != ri {
            let id = n + merges.len();
            let (na, nb) = (node_of[r0], node_of[ri]);
            size[id] = size[na] + size[nb];
            merges.push((na, nb, f32::INFINITY, size[id]));
            let r = uf.union(r0, ri);
            node_of[r] = id;
        }
    }
    select(n, &merges, &size, min_cluster_size)
}

struct UnionFind {
    parent: Vec<usize>,
    rank: Vec<u8>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
            rank: vec![0; n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = if self.rank[a] < self.rank[b] {
            (b, a)
        } else {
            (a, b)
        };
        self.parent[b] = a;
        if self.rank[a] == self.rank[b] {
            self.rank[a] += 1;
        }
        a
    }
}

fn lambda_of(distance: f32) -> f64 {
    if distance.is_infinite() {
        0.0
    } else {
        1.0 / f64::from(distance).max(1e-12)
    }
}

/// Condensed tree, stabilities, excess-of-mass selection and labels.
fn select(n: usize, merges: &[(usize, usize, f32, usize)], size: &[usize], mcs: usize) -> Vec<i32> {
    let root = n + merges.len() - 1;
    // Condensed tree: (parent cluster, child cluster or point, lambda, size); clusters from 0.
    let mut cluster_of = vec![usize::MAX; 2 * n];
    let mut birth: Vec<f64> = vec![0.0];
    let mut parent_cluster: Vec<usize> = vec![usize::MAX];
    let mut stability: Vec<f64> = vec![0.0];
    let mut point_parent = vec![usize::MAX; n];
    cluster_of[root] = 0;
    let mut stack = vec![root];
    let mut fall = Vec::new();
    while let Some(node) = stack.pop() {
        if node < n {
            continue;
        }
        let c = cluster_of[node];
        let (left, right, distance, _) = merges[node - n];
        let lambda = lambda_of(distance);
        let (ls, rs) = (size[left], size[right]);
        let mut drop = |sub: usize, stability: &mut Vec<f64>, point_parent: &mut Vec<usize>| {
            fall.clear();
            fall.push(sub);
            while let Some(x) = fall.pop() {
                if x < n {
                    point_parent[x] = c;
                    stability[c] += lambda - birth[c];
                } else {
                    let (l, r, _, _) = merges[x - n];
                    fall.push(l);
                    fall.push(r);
                }
            }
        };
        if ls >= mcs && rs >= mcs {
            for child in [left, right] {
                let id = birth.len();
                birth.push(lambda);
                parent_cluster.push(c);
                stability.push(0.0);
                stability[c] += (lambda - birth[c]) * size[child] as f64;
                cluster_of[child] = id;
                stack.push(child);
            }
        } else if ls < mcs && rs < mcs {
            drop(left, &mut stability, &mut point_parent);
            drop(right, &mut stability, &mut point_parent);
        } else {
            let (big, small) = if ls >= mcs {
                (left, right)
            } else {
                (right, left)
            };
            drop(small, &mut stability, &mut point_parent);
            cluster_of[big] = c;
            stack.push(big);
        }
    }
    // Excess of mass, children (higher ids) before parents; the root is never a cluster.
    let m = birth.len();
    let mut selected = vec![false; m];
    let mut best = vec![0.0f64; m];
    let mut children_sum = vec![0.0f64; m];
    let mut has_children = vec![false; m];
    for c in 1..m {
        has_children[parent_cluster[c]] = true;
    }
    for c in (1..m).rev() {
        if !has_children[c] || stability[c] > children_sum[c] {
            selected[c] = true;
            best[c] = stability[c];
        } else {
            best[c] = children_sum[c];
        }
        children_sum[parent_cluster[c]] += best[c];
    }
    // A selected cluster's selected descendants give way to it.
    let mut chosen = vec![usize::MAX; m];
    for c in 1..m {
        let p = parent_cluster[c];
        chosen[c] = if p != usize::MAX && chosen[p] != usize::MAX {
            chosen[p]
        } else if selected[c] {
            c
        } else {
            usize::MAX
        };
    }
    let raw: Vec<usize> = point_parent
        .iter()
        .map(|&p| {
            if p == usize::MAX {
                usize::MAX
            } else {
                chosen[p]
            }
        })
        .collect();
    // Number clusters by size, largest first (ties: lowest first point).
    let mut count = vec![0usize; m];
    let mut first = vec![usize::MAX; m];
    for (i, &c) in raw.iter().enumerate() {
        if c != usize::MAX {
            count[c] += 1;
            first[c] = first[c].min(i);
        }
    }
    let mut ids: Vec<usize> = (0..m).filter(|&c| count[c] > 0).collect();
    ids.sort_by(|&a, &b| count[b].cmp(&count[a]).then(first[a].cmp(&first[b])));
    let mut label = vec![-1i32; m];
    for (l, &c) in ids.iter().enumerate() {
        label[c] = l as i32;
    }
    raw.iter()
        .map(|&c| if c == usize::MAX { -1 } else { label[c] })
        .collect()
}
