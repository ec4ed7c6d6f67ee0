//! The template variables of a whole prompt version.

use serde_json::Value;

use crate::template::template_variables;

/// Distinct variables of the system prompt, then of every string in the messages.
pub(crate) fn prompt_variables(system_prompt: &str, messages_json: &str) -> Vec<String> {
    let mut texts = vec![system_prompt.to_owned()];
    match serde_json::from_str::<Value>(messages_json) {
        Ok(messages) => collect_strings(&messages, &mut texts),
        Err(_) => texts.push(messages_json.to_owned()),
    }
    let mut names: Vec<String> = Vec::new();
    for name in texts.iter().flat_map(|text| template_variables(text)) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn collect_strings(value: &Value, texts: &mut Vec<String>) {
    match value {
        Value::String(text) => texts.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, texts)),
        Value::Object(fields) => fields
            .values()
            .for_each(|item| collect_strings(item, texts)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_come_from_the_system_prompt_then_message_strings() {
        let messages = r#"[{"role":"user","content":[{"text":"Translate {{text}} to {{ lang }} as {{role}}"}]}]"#;
        assert_eq!(
            prompt_variables("You are {{role}}.", messages),
            ["role", "text", "lang"]
        );
    }

    #[test]
    fn messages_that_are_not_json_are_scanned_as_text() {
        assert_eq!(prompt_variables("", "not json {{x}}"), ["x"]);
    }
}
