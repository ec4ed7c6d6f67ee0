//! The member constraints of the bedrock-runtime service model, in its own wording:
//! `1 validation error detected: Value '<v>' at '<path>' failed to satisfy constraint: ...`.

use serde_json::{Map, Value};

use crate::wire::error::{ApiError, ApiResult};

/// Four, as real Bedrock answered five (continuedev#2296, #2538; shared/reference). botocore's
/// `InferenceConfigurationStopSequencesList` says `max: 2500` since August 2025 (4 before): the
/// stricter figure is kept until traffic shows five accepted, so the app never sends five.
pub const MAX_STOP_SEQUENCES: usize = 4;

struct Violation {
    value: String,
    path: String,
    constraint: String,
}

pub fn check(request: &Map<String, Value>) -> ApiResult<()> {
    let mut violations = roles(request.get("messages"));
    violations.extend(system(request.get("system")));
    violations.extend(inference_config(request.get("inferenceConfig")));
    violations.extend(tools(request.get("toolConfig")));
    if violations.is_empty() {
        return Ok(());
    }
    Err(ApiError::validation(report(&violations)))
}

fn report(violations: &[Violation]) -> String {
    let count = violations.len();
    let noun = if count == 1 { "error" } else { "errors" };
    let details: Vec<String> = violations
        .iter()
        .map(|v| {
            format!(
                "Value '{}' at '{}' failed to satisfy constraint: Member must {}",
                v.value, v.path, v.constraint
            )
        })
        .collect();
    format!("{count} validation {noun} detected: {}", details.join("; "))
}

fn roles(messages: Option<&Value>) -> Vec<Violation> {
    let Some(messages) = messages.and_then(Value::as_array) else {
        return Vec::new();
    };
    messages
        .iter()
        .enumerate()
        .filter_map(|(index, message)| {
            let role = message.get("role").and_then(Value::as_str);
            (!matches!(role, Some("user" | "assistant"))).then(|| Violation {
                value: role.unwrap_or("null").to_owned(),
                path: format!("messages.{}.member.role", index + 1),
                constraint: "satisfy enum value set: [user, assistant]".into(),
            })
        })
        .collect()
}

/// `SystemContentBlock.text` is a `NonEmptyString`.
fn system(system: Option<&Value>) -> Vec<Violation> {
    let Some(blocks) = system.and_then(Value::as_array) else {
        return Vec::new();
    };
    blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| block.get("text").and_then(Value::as_str) == Some(""))
        .map(|(index, _)| Violation {
            value: String::new(),
            path: format!("system.{}.member.text", index + 1),
            constraint: "have length greater than or equal to 1".into(),
        })
        .collect()
}

/// `ToolName`: 1 to 64 characters of `[a-zA-Z0-9_-]+`; a description is a `NonEmptyString`.
fn tools(config: Option<&Value>) -> Vec<Violation> {
    let Some(tools) = config
        .and_then(|c| c.get("tools"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    let mut violations = Vec::new();
    for (index, tool) in tools.iter().enumerate() {
        let Some(spec) = tool.get("toolSpec") else {
            continue;
        };
        let path =
            |member: &str| format!("toolConfig.tools.{}.member.toolSpec.{member}", index + 1);
        if let Some(name) = spec.get("name").and_then(Value::as_str) {
            let length = name.chars().count();
            if length == 0 {
                violations.push(Violation {
                    value: String::new(),
                    path: path("name"),
                    constraint: "have length greater than or equal to 1".into(),
                });
            }
            if length > 64 {
                violations.push(Violation {
                    value: name.to_owned(),
                    path: path("name"),
                    constraint: "have length less than or equal to 64".into(),
                });
            }
            let pattern_ok = length > 0
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !pattern_ok {
                violations.push(Violation {
                    value: name.to_owned(),
                    path: path("name"),
                    constraint: "satisfy regular expression pattern: [a-zA-Z0-9_-]+".into(),
                });
            }
        }
        if spec.get("description").and_then(Value::as_str) == Some("") {
            violations.push(Violation {
                value: String::new(),
                path: path("description"),
                constraint: "have length greater than or equal to 1".into(),
            });
        }
    }
    violations
}

fn inference_config(config: Option<&Value>) -> Vec<Violation> {
    let Some(config) = config.and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut violations = Vec::new();
    if let Some(max) = config.get("maxTokens").and_then(Value::as_f64)
        && max < 1.0
    {
        violations.push(Violation {
            value: integer(max),
            path: "inferenceConfig.maxTokens".into(),
            constraint: "have value greater than or equal to 1".into(),
        });
    }
    for (field, path) in [
        ("temperature", "inferenceConfig.temperature"),
        ("topP", "inferenceConfig.topP"),
    ] {
        if let Some(number) = config.get(field).and_then(Value::as_f64)
            && let Some(constraint) = unit_interval(number)
        {
            violations.push(Violation {
                value: float(number),
                path: path.into(),
                constraint,
            });
        }
    }
    if let Some(stops) = config.get("stopSequences").and_then(Value::as_array)
        && stops.len() > MAX_STOP_SEQUENCES
    {
        violations.push(Violation {
            value: list(stops),
            path: "inferenceConfig.stopSequences".into(),
            constraint: format!("have length less than or equal to {MAX_STOP_SEQUENCES}"),
        });
    }
    violations
}

fn unit_interval(number: f64) -> Option<String> {
    if number > 1.0 {
        Some("have value less than or equal to 1".into())
    } else if number < 0.0 {
        Some("have value greater than or equal to 0".into())
    } else {
        None
    }
}

fn integer(number: f64) -> String {
    format!("{}", number as i64)
}

/// A float as Java prints it: `99.0`, `1.5`.
fn float(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e7 {
        format!("{number:.1}")
    } else {
        format!("{number}")
    }
}

/// A list as Java prints it: `[a, b, c]`.
fn list(items: &[Value]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|item| match item {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn message(request: Value) -> String {
        check(request.as_object().unwrap()).unwrap_err().message
    }

    #[test]
    fn one_violation_is_reported_in_the_service_wording() {
        assert_eq!(
            message(json!({"inferenceConfig": {"temperature": 99}})),
            "1 validation error detected: Value '99.0' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"
        );
        assert_eq!(
            message(json!({"inferenceConfig": {"maxTokens": 0}})),
            "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1"
        );
    }

    #[test]
    fn several_violations_are_counted_and_joined() {
        assert_eq!(
            message(json!({"inferenceConfig": {"maxTokens": 0, "topP": -0.5}})),
            "2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '-0.5' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value greater than or equal to 0"
        );
    }

    #[test]
    fn tool_names_follow_the_tool_name_shape() {
        let long = "a".repeat(65);
        assert_eq!(
            message(json!({"toolConfig": {"tools": [
                {"toolSpec": {"name": "ok", "inputSchema": {"json": {}}}},
                {"toolSpec": {"name": "kb.search", "inputSchema": {"json": {}}}},
                {"toolSpec": {"name": long, "inputSchema": {"json": {}}}},
            ]}})),
            format!(
                "2 validation errors detected: Value 'kb.search' at 'toolConfig.tools.2.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+; Value '{long}' at 'toolConfig.tools.3.member.toolSpec.name' failed to satisfy constraint: Member must have length less than or equal to 64"
            )
        );
    }

    #[test]
    fn system_text_is_never_empty() {
        assert_eq!(
            message(json!({"system": [{"text": "Be brief."}, {"text": ""}]})),
            "1 validation error detected: Value '' at 'system.2.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1"
        );
    }

    #[test]
    fn values_within_bounds_pass() {
        let request = json!({"inferenceConfig": {"maxTokens": 1, "temperature": 0, "topP": 1, "stopSequences": ["a", "b", "c", "d"]}});
        assert!(check(request.as_object().unwrap()).is_ok());
    }
}
