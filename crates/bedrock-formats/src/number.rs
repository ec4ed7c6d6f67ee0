//! Inference parameters as JSON numbers.

use serde_json::{Number, Value};

/// An `f32` as the JSON number the user typed: `0.7`, not `0.699999988079071`.
pub(crate) fn decimal(value: f32) -> Value {
    // Widening to f64 keeps the binary value, so go through f32's shortest decimal form instead.
    value
        .to_string()
        .parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_typed_decimal() {
        assert_eq!(decimal(0.7).to_string(), "0.7");
        assert_eq!(decimal(0.9).to_string(), "0.9");
        assert_eq!(decimal(1.0).to_string(), "1.0");
        assert_eq!(decimal(f32::NAN), Value::Null);
    }
}
