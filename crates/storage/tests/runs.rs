mod common;

use common::{answered, done, new_run, three_turns};
use storage::{Database, RunEnd, RunStatus, StorageErrorCode};

#[test]
fn a_run_is_started_streamed_and_finished() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db
        .start_run(new_run(None, None, "Explain WAL  mode\nplease"))
        .unwrap();

    let conversation = db.conversation(&started.conversation_id).unwrap();
    assert_eq!(conversation.summary.title, "Explain WAL mode please");
    assert_eq!(conversation.summary.run_count, 1);
    assert_eq!(conversation.summary.last_status, Some(RunStatus::Streaming));
    let run = &conversation.runs[0];
    assert_eq!(run.id, started.run_id);
    assert_eq!(run.created_at, started.created_at);
    assert_eq!(run.status, RunStatus::Streaming);
    assert_eq!(run.answer_text, "");
    assert!(run.finished_at.is_none() && run.usage.is_none() && run.metrics.is_none());

    db.append_answer(&started.run_id, "Write-ahead ", "The user wants")
        .unwrap();
    db.append_answer(&started.run_id, "", " a short answer.")
        .unwrap();
    db.append_answer(&started.run_id, "logging.", "").unwrap();
    db.append_answer(&started.run_id, "", "").unwrap();
    db.finish_run(&started.run_id, done(3)).unwrap();

    let conversation = db.conversation(&started.conversation_id).unwrap();
    let run = &conversation.runs[0];
    assert_eq!(run.answer_text, "Write-ahead logging.");
    assert_eq!(run.reasoning_text, "The user wants a short answer.");
    assert_eq!(run.status, RunStatus::Done);
    assert_eq!(run.stop_reason.as_deref(), Some("end_turn"));
    assert_eq!(run.usage, done(3).usage);
    assert_eq!(run.metrics, done(3).metrics);
    assert!(run.finished_at.as_deref().unwrap() > run.created_at.as_str());
    assert_eq!(conversation.summary.last_status, Some(RunStatus::Done));
    assert_eq!(
        conversation.summary.updated_at,
        *run.finished_at.as_ref().unwrap()
    );
    assert!(run.request_json.contains("Explain WAL"));
}

#[test]
fn a_failed_run_keeps_its_error_and_partial_answer() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db.start_run(new_run(None, None, "Hi")).unwrap();
    db.append_answer(&started.run_id, "Hel", "").unwrap();
    let error_json = r#"{"code":"Throttled","message":"Too many requests"}"#;
    db.finish_run(
        &started.run_id,
        RunEnd {
            status: RunStatus::Failed,
            stop_reason: None,
            error_json: Some(error_json.into()),
            usage: None,
            metrics: None,
        },
    )
    .unwrap();
    let run = db
        .conversation(&started.conversation_id)
        .unwrap()
        .runs
        .remove(0);
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_json.as_deref(), Some(error_json));
    assert_eq!(run.answer_text, "Hel");
    assert!(run.usage.is_none() && run.metrics.is_none());
}

#[test]
fn a_finished_run_takes_no_more_deltas_or_ends() {
    let mut db = Database::open_in_memory().unwrap();
    let started = answered(&mut db, None, "Hi", "Hello");
    let error = db.append_answer(&started.run_id, " again", "").unwrap_err();
    assert_eq!(error.code, StorageErrorCode::RunNotStreaming);
    assert!(error.message.contains("done"), "{error}");
    let error = db.finish_run(&started.run_id, done(1)).unwrap_err();
    assert_eq!(error.code, StorageErrorCode::RunNotStreaming);
    let run = db
        .conversation(&started.conversation_id)
        .unwrap()
        .runs
        .remove(0);
    assert_eq!(run.answer_text, "Hello");
}

#[test]
fn unknown_runs_are_not_found() {
    let mut db = Database::open_in_memory().unwrap();
    let code = |result: Result<(), storage::StorageError>| result.unwrap_err().code;
    assert_eq!(
        code(db.append_answer("nope", "x", "")),
        StorageErrorCode::NotFound
    );
    assert_eq!(
        code(db.finish_run("nope", done(1))),
        StorageErrorCode::NotFound
    );
    assert_eq!(code(db.delete_run("nope")), StorageErrorCode::NotFound);
    assert_eq!(
        db.start_run(new_run(None, Some("nope"), "x"))
            .unwrap_err()
            .code,
        StorageErrorCode::NotFound
    );
}

#[test]
fn finishing_as_streaming_is_refused() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db.start_run(new_run(None, None, "Hi")).unwrap();
    let mut end = done(1);
    end.status = RunStatus::Streaming;
    assert_eq!(
        db.finish_run(&started.run_id, end).unwrap_err().code,
        StorageErrorCode::InvalidInput
    );
}

#[test]
fn a_run_joins_its_parents_conversation_and_keeps_its_title() {
    let mut db = Database::open_in_memory().unwrap();
    let (conversation_id, run_ids) = three_turns(&mut db);
    let conversation = db.conversation(&conversation_id).unwrap();
    assert_eq!(conversation.summary.title, "What is a borrow checker?");
    assert_eq!(conversation.summary.run_count, 3);
    let ids: Vec<&str> = conversation
        .runs
        .iter()
        .map(|run| run.id.as_str())
        .collect();
    assert_eq!(ids, run_ids);
    assert_eq!(conversation.runs[0].parent_run_id, None);
    assert_eq!(
        conversation.runs[2].parent_run_id.as_deref(),
        Some(run_ids[1].as_str())
    );
}

#[test]
fn a_caller_chosen_conversation_id_is_created_then_reused() {
    let mut db = Database::open_in_memory().unwrap();
    let first = db.start_run(new_run(Some("chat-1"), None, "One")).unwrap();
    let second = db.start_run(new_run(Some("chat-1"), None, "Two")).unwrap();
    assert_eq!(first.conversation_id, "chat-1");
    assert_eq!(second.conversation_id, "chat-1");
    let conversation = db.conversation("chat-1").unwrap();
    assert_eq!(conversation.summary.title, "One");
    assert_eq!(conversation.runs.len(), 2);
}

#[test]
fn a_parent_from_another_conversation_is_refused() {
    let mut db = Database::open_in_memory().unwrap();
    let elsewhere = answered(&mut db, None, "Elsewhere", "...");
    let here = answered(&mut db, None, "Here", "...");
    let error = db
        .start_run(new_run(
            Some(&here.conversation_id),
            Some(&elsewhere.run_id),
            "Next",
        ))
        .unwrap_err();
    assert_eq!(error.code, StorageErrorCode::InvalidInput);
    assert_eq!(
        db.conversation(&here.conversation_id).unwrap().runs.len(),
        1
    );
}

#[test]
fn deleting_a_middle_run_makes_its_follower_follow_its_parent() {
    let mut db = Database::open_in_memory().unwrap();
    let (conversation_id, run_ids) = three_turns(&mut db);
    db.delete_run(&run_ids[1]).unwrap();
    let runs = db.conversation(&conversation_id).unwrap().runs;
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1].id, run_ids[2]);
    assert_eq!(runs[1].parent_run_id.as_deref(), Some(run_ids[0].as_str()));
}

#[test]
fn deleting_the_last_run_deletes_its_conversation() {
    let mut db = Database::open_in_memory().unwrap();
    let only = answered(&mut db, None, "Alone", "Yes");
    db.delete_run(&only.run_id).unwrap();
    assert_eq!(
        db.conversation(&only.conversation_id).unwrap_err().code,
        StorageErrorCode::NotFound
    );
    assert!(db.list_conversations(None, 10, 0).unwrap().is_empty());
}

#[test]
fn runs_left_streaming_by_a_dropped_database_are_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("playground.db");
    let (cut_off, finished) = {
        let mut db = Database::open(&path).unwrap();
        let finished = answered(&mut db, None, "Done one", "Complete");
        let cut_off = db.start_run(new_run(None, None, "Cut off")).unwrap();
        db.append_answer(&cut_off.run_id, "Half an", "hmm").unwrap();
        (cut_off, finished)
    };

    let mut db = Database::open(&path).unwrap();
    assert_eq!(db.recover_interrupted().unwrap(), 1);
    assert_eq!(db.recover_interrupted().unwrap(), 0);
    let run = db
        .conversation(&cut_off.conversation_id)
        .unwrap()
        .runs
        .remove(0);
    assert_eq!(run.status, RunStatus::Interrupted);
    assert_eq!(run.answer_text, "Half an");
    assert_eq!(run.reasoning_text, "hmm");
    assert!(run.finished_at.is_some());
    let untouched = db
        .conversation(&finished.conversation_id)
        .unwrap()
        .runs
        .remove(0);
    assert_eq!(untouched.status, RunStatus::Done);
}
