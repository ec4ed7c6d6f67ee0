//! A bounded list of the `k` best candidates (smallest keys), kept sorted.

/// The `k` smallest `(key, index)` pairs seen so far, ascending; ties broken by index so the
/// result does not depend on the order candidates arrive in.
#[derive(Debug, Clone)]
pub struct TopK {
    k: usize,
    items: Vec<(f32, u32)>,
}

impl TopK {
    pub fn new(k: usize) -> TopK {
        TopK {
            k,
            items: Vec::with_capacity(k + 1),
        }
    }

    /// The key a candidate must beat to enter (infinity while not full).
    #[inline]
    pub fn threshold(&self) -> f32 {
        if self.items.len() < self.k {
            f32::INFINITY
        } else {
            self.items[self.k - 1].0
        }
    }

    #[inline]
    pub fn push(&mut self, key: f32, index: u32) {
        if self.k == 0 {
            return;
        }
        if self.items.len() == self.k {
            let worst = self.items[self.k - 1];
            if (key, index) >= worst || key.is_nan() {
                return;
            }
        }
        let pos = self.items.partition_point(|&(d, i)| (d, i) < (key, index));
        self.items.insert(pos, (key, index));
        self.items.truncate(self.k);
    }

    pub fn into_items(self) -> Vec<(f32, u32)> {
        self.items
    }
}
