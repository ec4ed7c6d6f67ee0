//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod conversation;
pub mod legacy;

use storage::{
    ConversationId, Database, NewRun, RunEnd, RunId, RunMetrics, RunStatus, StartedRun, Usage,
};

pub fn new_run(
    conversation_id: Option<&str>,
    parent_run_id: Option<&str>,
    user_text: &str,
) -> NewRun {
    NewRun {
        conversation_id: conversation_id.map(str::to_owned),
        parent_run_id: parent_run_id.map(str::to_owned),
        profile_id: "emulator".into(),
        profile_name: "Built-in emulator".into(),
        region: "us-east-1".into(),
        model_id: "anthropic.claude-test".into(),
        request_json: format!(
            r#"{{"system":"Be brief.","messages":[{{"role":"user","text":{}}}],"params":{{"maxTokens":512}}}}"#,
            serde_json::to_string(user_text).unwrap()
        ),
        user_text: user_text.into(),
    }
}

pub fn done(output_tokens: u32) -> RunEnd {
    RunEnd {
        status: RunStatus::Done,
        stop_reason: Some("end_turn".into()),
        error_json: None,
        usage: Some(Usage {
            input_tokens: 12,
            output_tokens,
        }),
        metrics: Some(RunMetrics {
            time_to_first_token_ms: Some(180),
            total_latency_ms: 1_250,
            tokens_per_second: Some(42.5),
        }),
    }
}

/// A finished run answering `answer`, following `parent` (or starting a conversation).
pub fn answered(
    db: &mut Database,
    parent: Option<&StartedRun>,
    user_text: &str,
    answer: &str,
) -> StartedRun {
    let started = db
        .start_run(new_run(
            None,
            parent.map(|run| run.run_id.as_str()),
            user_text,
        ))
        .unwrap();
    db.append_answer(&started.run_id, answer, "").unwrap();
    db.finish_run(&started.run_id, done(7)).unwrap();
    started
}

/// A conversation of three finished turns; returns its id and the run ids in order.
pub fn three_turns(db: &mut Database) -> (ConversationId, Vec<RunId>) {
    let first = answered(
        db,
        None,
        "What is a borrow checker?",
        "It checks references.",
    );
    let second = answered(db, Some(&first), "Show an example", "let r = &x;");
    let third = answered(db, Some(&second), "And lifetimes?", "They name scopes.");
    (
        first.conversation_id,
        vec![first.run_id, second.run_id, third.run_id],
    )
}
