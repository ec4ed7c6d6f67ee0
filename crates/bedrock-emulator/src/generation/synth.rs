//! Compose the emulated answer: it names the emulated model, reflects the prompt and the system
//! prompt, and is cut by stop sequences and the token limit exactly as a real model's would be.

use serde_json::{Map, Value, json};

use crate::hashing::Fnv1a;

use super::output::{Generation, StopReason, ToolCall};
use super::prompt::{Prompt, Tool, ToolChoice};
use super::tokens::tokenize;

/// How long and what kind of answer to produce, beyond what the request says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Exactly this many answer tokens (before limits), e.g. for long-stream tests.
    pub output_tokens: Option<u32>,
    /// The model always reasons before answering (DeepSeek R1).
    pub always_reasons: bool,
}

const FILLER: &[&str] = &[
    "The emulator answers from a template, so the same prompt always gets the same reply.",
    "Token counts, stop reasons and stream framing follow the real service, which makes this reply useful for testing clients.",
    "Change the temperature or the prompt and the wording of this reply changes with it.",
    "Stop sequences and the maximum token count cut this text exactly where a real model would stop.",
    "Nothing here comes from a trained model: treat the content as placeholder text.",
    "Streaming delivers this answer in many small chunks, paced like a real model.",
    "Switch the profile to real AWS credentials to get answers from the actual model.",
    "Each turn of the conversation is reflected back, so multi-turn requests can be checked.",
];

const SNIPPET_CHARS: usize = 160;

pub fn generate(model_name: &str, prompt: &Prompt, shape: &Shape) -> Generation {
    let seed = seed_of(prompt);
    let input_tokens = prompt.input_tokens();
    let mut reasoning = if prompt.reasoning_budget.is_some() || shape.always_reasons {
        tokenize(&reasoning_text(prompt))
    } else {
        Vec::new()
    };
    // Reasoning tokens are output tokens: the limit cuts them first.
    if let Some(max) = prompt.max_tokens {
        reasoning.truncate(max as usize);
    }
    let reasoning_signature = (!reasoning.is_empty())
        .then(|| crate::families::claude::signature::sign(&reasoning.concat()));

    if let Some(tool) = tool_to_call(prompt) {
        let preamble = match prompt.tool_choice {
            ToolChoice::Auto => tokenize(&format!(
                "I will call the {} tool to answer this.",
                tool.name
            )),
            _ => Vec::new(),
        };
        return Generation {
            reasoning,
            reasoning_signature,
            text: preamble,
            tool_call: Some(ToolCall {
                id: format!("tooluse_emu{:013x}", seed & 0xF_FFFF_FFFF_FFFF),
                name: tool.name.clone(),
                input: input_for_schema(&tool.input_schema, prompt),
            }),
            stop_reason: StopReason::ToolUse,
            stop_sequence: None,
            input_tokens,
        };
    }

    let full = answer_text(model_name, prompt, shape, seed);
    let (text, stop_sequence) = cut_at_stop_sequence(&full, &prompt.stop_sequences);
    let mut pieces = tokenize(text);
    let mut stop_reason = if stop_sequence.is_some() {
        StopReason::StopSequence
    } else {
        StopReason::EndTurn
    };
    if let Some(max) = prompt.max_tokens {
        let budget = (max as usize).saturating_sub(reasoning.len());
        if pieces.len() > budget {
            pieces.truncate(budget);
            stop_reason = StopReason::MaxTokens;
        }
    }
    Generation {
        reasoning,
        reasoning_signature,
        text: pieces,
        tool_call: None,
        stop_sequence: stop_sequence.filter(|_| stop_reason == StopReason::StopSequence),
        stop_reason,
        input_tokens,
    }
}

fn answer_text(model_name: &str, prompt: &Prompt, shape: &Shape, seed: u64) -> String {
    let mut text = format!(
        "[Emulated {model_name}] This is a synthetic reply from the local Bedrock emulator; no model ran."
    );
    if let Some(last) = prompt.last_user() {
        if !last.tool_results.is_empty() {
            for result in &last.tool_results {
                let verdict = if result.is_error {
                    "reported an error"
                } else {
                    "returned"
                };
                text.push_str(&format!(
                    " The tool call {} {verdict}: \u{201c}{}\u{201d}.",
                    result.tool_use_id,
                    snippet(&result.content)
                ));
            }
        }
        if !last.text.trim().is_empty() {
            text.push_str(&format!(
                " You wrote: \u{201c}{}\u{201d}.",
                snippet(&last.text)
            ));
        }
        if !last.attachments.is_empty() {
            text.push_str(&format!(" You attached {}.", last.attachments.join(", ")));
        }
    }
    let system = prompt.system.join(" ");
    if !system.trim().is_empty() {
        text.push_str(&format!(
            " Following the system prompt: \u{201c}{}\u{201d}.",
            snippet(&system)
        ));
    }
    let turns = prompt
        .messages
        .iter()
        .filter(|m| m.role == super::prompt::Role::User)
        .count();
    if turns > 1 {
        text.push_str(&format!(" This is turn {turns} of the conversation."));
    }
    let target = shape
        .output_tokens
        .map(|n| n as usize)
        .unwrap_or(56 + (seed % 40) as usize);
    let mut index = seed as usize;
    while tokenize(&text).len() < target {
        text.push(' ');
        text.push_str(FILLER[index % FILLER.len()]);
        index += 1;
        if shape.output_tokens.is_some() && text.len() > 64 * target {
            break;
        }
    }
    if shape.output_tokens.is_some() {
        let pieces = tokenize(&text);
        text = pieces[..target.min(pieces.len())].concat();
    }
    text
}

fn reasoning_text(prompt: &Prompt) -> String {
    let question = prompt
        .last_user()
        .map(|m| snippet(&m.text))
        .unwrap_or_default();
    format!(
        "The user asks: \u{201c}{question}\u{201d}. I am an emulator, so I will explain that the answer is synthetic and reflect the request back."
    )
}

fn cut_at_stop_sequence<'a>(text: &'a str, stops: &[String]) -> (&'a str, Option<String>) {
    stops
        .iter()
        .filter(|s| !s.is_empty())
        .filter_map(|stop| text.find(stop.as_str()).map(|at| (at, stop)))
        .min_by_key(|(at, _)| *at)
        .map_or((text, None), |(at, stop)| (&text[..at], Some(stop.clone())))
}

/// A tool is called when the choice forces it, or when the user names it and has no tool result yet.
fn tool_to_call(prompt: &Prompt) -> Option<&Tool> {
    let last = prompt.last_user()?;
    if !last.tool_results.is_empty() || prompt.tools.is_empty() {
        return None;
    }
    match &prompt.tool_choice {
        ToolChoice::None => None,
        ToolChoice::Tool(name) => prompt.tools.iter().find(|t| &t.name == name),
        ToolChoice::Any => {
            let lower = last.text.to_lowercase();
            prompt
                .tools
                .iter()
                .find(|t| lower.contains(&t.name.to_lowercase()))
                .or(prompt.tools.first())
        }
        ToolChoice::Auto => {
            let lower = last.text.to_lowercase();
            prompt.tools.iter().find(|t| {
                lower.contains(&t.name.to_lowercase())
                    || lower.contains(&t.name.replace('_', " ").to_lowercase())
            })
        }
    }
}

/// An input that satisfies the tool's JSON schema, with strings taken from the user's words.
fn input_for_schema(schema: &Value, prompt: &Prompt) -> Value {
    let words: Vec<String> = prompt
        .last_user()
        .map(|m| {
            m.text
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
                .collect()
        })
        .unwrap_or_default();
    value_for(schema, &words, 0)
}

fn value_for(schema: &Value, words: &[String], depth: usize) -> Value {
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    match schema
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("object")
    {
        "string" => json!(
            words
                .get(depth)
                .or(words.last())
                .cloned()
                .unwrap_or_else(|| "example".into())
        ),
        "integer" => json!(1),
        "number" => json!(1.5),
        "boolean" => json!(true),
        "array" => match schema.get("items") {
            Some(items) if depth < 4 => json!([value_for(items, words, depth + 1)]),
            _ => json!([]),
        },
        _ => {
            let mut object = Map::new();
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                let required: Vec<&str> = schema
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                for (i, (name, property)) in properties.iter().enumerate() {
                    if (required.is_empty() || required.contains(&name.as_str())) && depth < 4 {
                        object.insert(name.clone(), value_for(property, words, depth + i));
                    }
                }
            }
            Value::Object(object)
        }
    }
}

fn snippet(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SNIPPET_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SNIPPET_CHARS).collect();
    format!("{}\u{2026}", cut.trim_end())
}

fn seed_of(prompt: &Prompt) -> u64 {
    let mut hash = Fnv1a::default();
    for message in &prompt.messages {
        hash.update(message.text.as_bytes());
    }
    for system in &prompt.system {
        hash.update(system.as_bytes());
    }
    hash.update(&prompt.temperature.unwrap_or(-1.0).to_le_bytes());
    hash.update(&prompt.top_p.unwrap_or(-1.0).to_le_bytes());
    hash.finish()
}

#[cfg(test)]
mod tests {
    use super::super::prompt::{Message, Role};
    use super::*;

    fn prompt(text: &str) -> Prompt {
        Prompt {
            messages: vec![Message::new(Role::User, text)],
            ..Prompt::default()
        }
    }

    #[test]
    fn names_the_model_and_reflects_prompt_and_system() {
        let mut p = prompt("What is tracing?");
        p.system = vec!["You are terse.".into()];
        let text = generate("Claude 3 Haiku", &p, &Shape::default()).text();
        assert!(text.starts_with("[Emulated Claude 3 Haiku]"), "{text}");
        assert!(text.contains("What is tracing?"));
        assert!(text.contains("You are terse."));
    }

    #[test]
    fn is_deterministic_and_varies_with_temperature() {
        let p = prompt("hello there");
        assert_eq!(
            generate("M", &p, &Shape::default()),
            generate("M", &p, &Shape::default())
        );
        let mut hot = p.clone();
        hot.temperature = Some(0.9);
        assert_ne!(
            generate("M", &p, &Shape::default()).text(),
            generate("M", &hot, &Shape::default()).text()
        );
    }

    #[test]
    fn max_tokens_truncates_and_says_so() {
        let mut p = prompt("hello");
        p.max_tokens = Some(5);
        let g = generate("M", &p, &Shape::default());
        assert_eq!(g.text.len(), 5);
        assert_eq!(g.output_tokens(), 5);
        assert_eq!(g.stop_reason, StopReason::MaxTokens);
    }

    #[test]
    fn reasoning_counts_against_max_tokens() {
        let mut p = prompt("why?");
        p.max_tokens = Some(6);
        let g = generate(
            "M",
            &p,
            &Shape {
                always_reasons: true,
                ..Shape::default()
            },
        );
        assert_eq!(g.output_tokens(), 6);
        assert!(g.text.is_empty());
        assert_eq!(g.stop_reason, StopReason::MaxTokens);
    }

    #[test]
    fn stop_sequences_cut_before_the_sequence() {
        let mut p = prompt("say BANANA now");
        p.stop_sequences = vec!["BANANA".into()];
        let g = generate("M", &p, &Shape::default());
        assert_eq!(g.stop_reason, StopReason::StopSequence);
        assert_eq!(g.stop_sequence.as_deref(), Some("BANANA"));
        assert!(
            g.text().ends_with("You wrote: \u{201c}say "),
            "{}",
            g.text()
        );
    }

    #[test]
    fn output_tokens_shape_gives_exact_length() {
        let g = generate(
            "M",
            &prompt("x"),
            &Shape {
                output_tokens: Some(20_000),
                ..Shape::default()
            },
        );
        assert_eq!(g.text.len(), 20_000);
        assert_eq!(g.stop_reason, StopReason::EndTurn);
    }

    #[test]
    fn named_tools_are_called_with_schema_conforming_input() {
        let mut p = prompt("Please use get_weather for Paris");
        p.tools = vec![Tool {
            name: "get_weather".into(),
            description: "weather".into(),
            input_schema: json!({"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city"]}),
        }];
        let g = generate("M", &p, &Shape::default());
        assert_eq!(g.stop_reason, StopReason::ToolUse);
        let call = g.tool_call.unwrap();
        assert_eq!(call.name, "get_weather");
        assert!(call.input["city"].is_string());
        assert!(call.input.get("days").is_none());
    }
}
