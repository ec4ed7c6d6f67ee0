//! An answer's tool calls and reasoning blocks (signature, redacted bytes) are kept with its
//! run, through branches, exports and imports, and a database from before they existed opens.

mod common;

use common::{done, new_run};
use storage::{AnswerBlocks, Database, RunReasoning, RunToolCall, StorageErrorCode};

fn blocks() -> AnswerBlocks {
    AnswerBlocks {
        tool_calls: vec![RunToolCall {
            tool_use_id: "tooluse_1".into(),
            name: "get_weather".into(),
            input_json: r#"{"city":"Paris"}"#.into(),
        }],
        reasoning: vec![
            RunReasoning::Text {
                text: "The user wants the weather.".into(),
                signature: Some("c2lnbmF0dXJl".into()),
            },
            RunReasoning::Redacted {
                data_base64: "AP8=".into(),
            },
        ],
    }
}

#[test]
fn blocks_saved_before_the_end_come_back_with_the_run() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db.start_run(new_run(None, None, "Weather?")).unwrap();
    db.append_answer(&started.run_id, "", "The user wants the weather.")
        .unwrap();
    db.save_answer_blocks(&started.run_id, &blocks()).unwrap();
    db.finish_run(&started.run_id, done(5)).unwrap();

    let run = &db.conversation(&started.conversation_id).unwrap().runs[0];
    assert_eq!(run.blocks, blocks());
    let error = db
        .save_answer_blocks(&started.run_id, &AnswerBlocks::default())
        .unwrap_err();
    assert_eq!(error.code, StorageErrorCode::RunNotStreaming);
}

#[test]
fn a_run_without_blocks_has_none() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db.start_run(new_run(None, None, "Hi")).unwrap();
    db.finish_run(&started.run_id, done(1)).unwrap();
    let run = &db.conversation(&started.conversation_id).unwrap().runs[0];
    assert_eq!(run.blocks, AnswerBlocks::default());
}

#[test]
fn branches_exports_and_imports_keep_the_blocks() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db.start_run(new_run(None, None, "Weather?")).unwrap();
    db.save_answer_blocks(&started.run_id, &blocks()).unwrap();
    db.finish_run(&started.run_id, done(5)).unwrap();

    let branch = db.branch(&started.run_id).unwrap();
    assert_eq!(db.conversation(&branch).unwrap().runs[0].blocks, blocks());

    let exported = db.export_conversation(&started.conversation_id).unwrap();
    assert!(exported.contains("c2lnbmF0dXJl") && exported.contains("\"dataBase64\": \"AP8=\""));
    let imported = db.import_conversation(&exported).unwrap();
    assert_eq!(db.conversation(&imported).unwrap().runs[0].blocks, blocks());

    // A file from before blocks were exported imports with none.
    let older: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let mut older = older;
    older["runs"][0].as_object_mut().unwrap().remove("blocks");
    let imported = db.import_conversation(&older.to_string()).unwrap();
    assert_eq!(
        db.conversation(&imported).unwrap().runs[0].blocks,
        AnswerBlocks::default()
    );
}

#[test]
fn a_database_of_the_first_schema_is_migrated_and_keeps_its_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/migrations/0001_initial.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO conversations VALUES ('c1', 'Old', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO runs (id, conversation_id, created_at, profile_id, profile_name, region,
                 model_id, request_json, user_text, answer_text, status)
             VALUES ('r1', 'c1', '2026-01-01T00:00:00Z', 'p', 'P', 'us-east-1', 'm', '{}', 'Hi',
                 'Hello', 'done');",
        )
        .unwrap();
    }
    let mut db = Database::open(&path).unwrap();
    let run = &db.conversation("c1").unwrap().runs[0];
    assert_eq!(run.answer_text, "Hello");
    assert_eq!(run.blocks, AnswerBlocks::default());
    let started = db
        .start_run(new_run(Some("c1"), Some("r1"), "More"))
        .unwrap();
    db.save_answer_blocks(&started.run_id, &blocks()).unwrap();
}
