//! A large made-up history, for benchmarks of the history list and its search.

use rusqlite::TransactionBehavior;

use super::model::{AnswerBlocks, Run, RunMetrics, RunStatus, Usage};
use super::rows::{insert_conversation, insert_run};
use super::title::title_from_message;
use crate::clock::{format_millis, new_id};
use crate::database::Database;
use crate::error::Result;

const TOPICS: [&str; 10] = [
    "borrow checker",
    "tokio runtime",
    "sqlite indexes",
    "prompt caching",
    "vector search",
    "guardrails",
    "lambda cold starts",
    "retry backoff",
    "json schema",
    "unicode normalisation",
];
const ASKS: [&str; 4] = ["Explain", "Compare approaches to", "Debug my", "Summarise"];

/// Where seeded timestamps start: 2026-01-01T00:00:00Z, one conversation a minute after it.
const SEED_EPOCH_MS: i64 = 1_767_225_600_000;

impl Database {
    /// Adds `count` conversations of two finished turns each, in one transaction. Conversation
    /// `i` (from 0) asks about topic `i % 10` of a fixed list and mentions the word `seed<i>`,
    /// so a search for a topic finds a tenth of them and `seed<i>` exactly one. The newest is
    /// the last one added.
    pub fn seed_sample_history(&mut self, count: u32) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for index in 0..count {
            let topic = TOPICS[index as usize % TOPICS.len()];
            let ask = ASKS[(index as usize / TOPICS.len()) % ASKS.len()];
            let at = format_millis(SEED_EPOCH_MS + i64::from(index) * 60_000);
            let conversation_id = new_id();
            let question = format!("{ask} {topic} (seed{index})");
            insert_conversation(
                &tx,
                &conversation_id,
                &title_from_message(&question),
                &at,
                &at,
            )?;
            let first = seeded_run(&conversation_id, None, &at, &question, topic);
            insert_run(&tx, &first)?;
            let follow_up = format!("And how does {topic} fail in production?");
            let second = seeded_run(&conversation_id, Some(&first), &at, &follow_up, topic);
            insert_run(&tx, &second)?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn seeded_run(
    conversation_id: &str,
    parent: Option<&Run>,
    at: &str,
    question: &str,
    topic: &str,
) -> Run {
    let mut messages: Vec<serde_json::Value> = parent
        .map(|parent| {
            serde_json::from_str::<serde_json::Value>(&parent.request_json)
                .ok()
                .and_then(|request| request["messages"].as_array().cloned())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if let Some(parent) = parent {
        messages.push(serde_json::json!({"role": "assistant", "text": parent.answer_text}));
    }
    messages.push(serde_json::json!({"role": "user", "text": question}));
    let request = serde_json::json!({
        "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
        "systemPrompt": "Answer briefly.",
        "messages": messages,
        "params": {"maxTokens": 512},
    });
    Run {
        id: new_id(),
        conversation_id: conversation_id.to_owned(),
        parent_run_id: parent.map(|parent| parent.id.clone()),
        created_at: at.to_owned(),
        finished_at: Some(at.to_owned()),
        profile_id: "emulator".to_owned(),
        profile_name: "Built-in emulator".to_owned(),
        region: "us-east-1".to_owned(),
        model_id: "anthropic.claude-3-haiku-20240307-v1:0".to_owned(),
        request_json: request.to_string(),
        user_text: question.to_owned(),
        answer_text: format!(
            "A short synthetic answer about {topic}: it depends on the workload, so measure \
             before and after each change."
        ),
        reasoning_text: String::new(),
        blocks: AnswerBlocks::default(),
        status: RunStatus::Done,
        stop_reason: Some("end_turn".to_owned()),
        error_json: None,
        usage: Some(Usage {
            input_tokens: 24,
            output_tokens: 31,
        }),
        metrics: Some(RunMetrics {
            time_to_first_token_ms: Some(120),
            total_latency_ms: 640,
            tokens_per_second: Some(48.0),
        }),
    }
}
