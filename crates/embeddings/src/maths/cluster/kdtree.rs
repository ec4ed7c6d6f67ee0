//! A k-d tree for the exact k nearest neighbours of low-dimensional points (the 2-D or 3-D
//! layout): median splits on the widest coordinate, queries with pruning.

use crate::maths::matrix::Matrix;
use crate::maths::select::TopK;
use rayon::prelude::*;

const LEAF: usize = 16;

enum Node {
    Leaf {
        start: usize,
        end: usize,
    },
    Split {
        dim: usize,
        value: f32,
        left: usize,
        right: usize,
    },
}

pub struct KdTree<'a> {
    points: &'a Matrix,
    order: Vec<u32>,
    nodes: Vec<Node>,
}

impl<'a> KdTree<'a> {
    pub fn new(points: &'a Matrix) -> KdTree<'a> {
        let mut tree = KdTree {
            points,
            order: (0..points.rows() as u32).collect(),
            nodes: Vec::new(),
        };
        if points.rows() > 0 {
            tree.build(0, points.rows());
        }
        tree
    }

    fn build(&mut self, start: usize, end: usize) -> usize {
        let id = self.nodes.len();
        if end - start <= LEAF {
            self.nodes.push(Node::Leaf { start, end });
            return id;
        }
        let dims = self.points.cols();
        let pts = self.points;
        let slice = &mut self.order[start..end];
        let mut dim = 0;
        let mut widest = -1.0f32;
        for d in 0..dims {
            let (lo, hi) = slice
                .iter()
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &i| {
                    let v = pts.row(i as usize)[d];
                    (lo.min(v), hi.max(v))
                });
            if hi - lo > widest {
                widest = hi - lo;
                dim = d;
            }
        }
        let mid = slice.len() / 2;
        slice.select_nth_unstable_by(mid, |&a, &b| {
            pts.row(a as usize)[dim]
                .total_cmp(&pts.row(b as usize)[dim])
                .then(a.cmp(&b))
        });
        let value = pts.row(slice[mid] as usize)[dim];
        self.nodes.push(Node::Split {
            dim,
            value,
            left: 0,
            right: 0,
        });
        let left = self.build(start, start + mid);
        let right = self.build(start + mid, end);
        self.nodes[id] = Node::Split {
            dim,
            value,
            left,
            right,
        };
        id
    }

    /// The `k` nearest other points of point `i`: `(squared distance, index)`, nearest first.
    pub fn query(&self, i: usize, k: usize) -> Vec<(f32, u32)> {
        let mut top = TopK::new(k);
        if !self.nodes.is_empty() {
            self.search(0, self.points.row(i), i as u32, &mut top);
        }
        top.into_items()
    }

    fn search(&self, node: usize, q: &[f32], skip: u32, top: &mut TopK) {
        match self.nodes[node] {
            Node::Leaf { start, end } => {
                for &j in &self.order[start..end] {
                    if j == skip {
                        continue;
                    }
                    let d2: f32 = q
                        .iter()
                        .zip(self.points.row(j as usize))
                        .map(|(a, b)| (a - b) * (a - b))
                        .sum();
                    top.push(d2, j);
                }
            }
            Node::Split {
                dim,
                value,
                left,
                right,
            } => {
                let diff = q[dim] - value;
                let (near, far) = if diff < 0.0 {
                    (left, right)
                } else {
                    (right, left)
                };
                self.search(near, q, skip, top);
                if diff * diff <= top.threshold() {
                    self.search(far, q, skip, top);
                }
            }
        }
    }

    /// [`KdTree::query`] for every point, in parallel.
    pub fn all(&self, k: usize) -> Vec<Vec<(f32, u32)>> {
        (0..self.points.rows())
            .into_par_iter()
            .map(|i| self.query(i, k))
            .collect()
    }
}
