//! A dense row-major `f32` matrix (one vector a row) and the two metrics.

use super::error::{MathsError, MathsErrorCode};
use serde::{Deserialize, Serialize};

/// `rows × cols` values, row after row.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

impl Matrix {
    /// Wraps `data` (row-major) without copying it; its length must be `rows * cols`.
    pub fn new(rows: usize, cols: usize, data: Vec<f32>) -> Result<Matrix, MathsError> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(MathsError::invalid(
                format!("{} values cannot fill a {rows} × {cols} matrix", data.len()),
                "give exactly rows × cols values, row after row",
            ));
        }
        Ok(Matrix { rows, cols, data })
    }

    pub fn zeros(rows: usize, cols: usize) -> Matrix {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    pub fn row_mut(&mut self, i: usize) -> &mut [f32] {
        &mut self.data[i * self.cols..(i + 1) * self.cols]
    }

    pub fn as_slice(&self) -> &[f32] {
        &self.data
    }

    pub fn as_mut_slice(&mut self) -> &mut [f32] {
        &mut self.data
    }

    pub fn into_vec(self) -> Vec<f32> {
        self.data
    }

    /// The first NaN or infinity, as `(row, column)`.
    pub fn first_non_finite(&self) -> Option<(usize, usize)> {
        let cols = self.cols.max(1);
        self.data
            .iter()
            .position(|v| !v.is_finite())
            .map(|p| (p / cols, p % cols))
    }

    /// `Err(NotFinite)` naming the first NaN or infinity.
    pub fn check_finite(&self) -> Result<(), MathsError> {
        match self.first_non_finite() {
            None => Ok(()),
            Some((r, c)) => Err(MathsError::new(
                MathsErrorCode::NotFinite,
                format!(
                    "row {r}, column {c} is {} (not a finite number)",
                    self.data[r * self.cols + c]
                ),
                "remove or re-embed that row; every value must be a finite number",
            )),
        }
    }
}

/// How two vectors are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Metric {
    /// `1 − cos(a, b)` as a distance; the cosine itself as a similarity.
    Cosine,
    /// The L2 distance; its negation as a similarity.
    Euclidean,
}
