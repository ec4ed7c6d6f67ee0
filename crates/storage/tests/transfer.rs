mod common;

use common::{new_run, three_turns};
use storage::{Database, RunEnd, RunStatus, StorageErrorCode};

#[test]
fn an_export_imports_back_as_a_new_equal_conversation() {
    let mut db = Database::open_in_memory().unwrap();
    let (original_id, run_ids) = three_turns(&mut db);
    let failed = db
        .start_run(new_run(None, Some(&run_ids[2]), "One more"))
        .unwrap();
    db.append_answer(&failed.run_id, "Partial", "Reasoning")
        .unwrap();
    db.finish_run(
        &failed.run_id,
        RunEnd {
            status: RunStatus::Failed,
            stop_reason: None,
            error_json: Some(r#"{"code":"Throttled","message":"slow down"}"#.into()),
            usage: None,
            metrics: None,
        },
    )
    .unwrap();

    let exported = db.export_conversation(&original_id).unwrap();
    let file: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(file["format"], "bedrock-playground.conversation");
    assert_eq!(file["formatVersion"], 1);
    assert_eq!(
        file["runs"][0]["request"]["params"]["maxTokens"], 512,
        "requests embed as JSON"
    );
    assert_eq!(file["runs"][3]["error"]["code"], "Throttled");
    assert!(exported.contains("\n  \"runs\": ["), "pretty printed");

    let imported_id = db.import_conversation(&exported).unwrap();
    assert_ne!(imported_id, original_id);
    let original = db.conversation(&original_id).unwrap();
    let imported = db.conversation(&imported_id).unwrap();
    assert_eq!(imported.summary.title, original.summary.title);
    assert_eq!(imported.summary.created_at, original.summary.created_at);
    assert_eq!(imported.runs.len(), 4);
    for (copy, source) in imported.runs.iter().zip(&original.runs) {
        assert_ne!(copy.id, source.id);
        assert_eq!(copy.conversation_id, imported_id);
        let mut same = copy.clone();
        same.id = source.id.clone();
        same.conversation_id = source.conversation_id.clone();
        same.parent_run_id = source.parent_run_id.clone();
        assert_eq!(same, *source);
    }
    for pair in imported.runs.windows(2) {
        assert_eq!(pair[1].parent_run_id.as_deref(), Some(pair[0].id.as_str()));
    }
    let newest = &db.list_conversations(None, 1, 0).unwrap()[0];
    assert_eq!(newest.id, imported_id, "an import shows as the newest");
    assert_eq!(
        db.list_conversations(Some("borrow"), 10, 0).unwrap().len(),
        2,
        "imports are searchable"
    );
}

fn import_error(json: &str) -> storage::StorageError {
    let mut db = Database::open_in_memory().unwrap();
    let error = db.import_conversation(json).unwrap_err();
    assert!(
        db.list_conversations(None, 10, 0).unwrap().is_empty(),
        "nothing imported"
    );
    error
}

#[test]
fn garbage_is_refused_clearly() {
    let error = import_error("PK\u{3}\u{4} this is a zip file");
    assert_eq!(error.code, StorageErrorCode::InvalidImport);
    assert!(error.message.contains("not valid JSON"), "{error}");
    assert!(error.hint.contains("Export conversation"), "{error}");

    for other_json in [
        "[1, 2]",
        "{}",
        r#"{"format":"something-else","formatVersion":1}"#,
    ] {
        let error = import_error(other_json);
        assert_eq!(error.code, StorageErrorCode::InvalidImport);
        assert!(
            error.message.contains("not a Bedrock Playground"),
            "{error}"
        );
    }
}

fn exported_three_turns() -> serde_json::Value {
    let mut db = Database::open_in_memory().unwrap();
    let (id, _) = three_turns(&mut db);
    serde_json::from_str(&db.export_conversation(&id).unwrap()).unwrap()
}

#[test]
fn an_export_from_a_newer_version_or_without_one_is_refused() {
    let mut newer = exported_three_turns();
    newer["formatVersion"] = 2.into();
    let error = import_error(&newer.to_string());
    assert_eq!(error.code, StorageErrorCode::InvalidImport);
    assert!(error.message.contains("format version 2"), "{error}");
    assert!(error.hint.contains("update"), "{error}");

    let mut unversioned = exported_three_turns();
    unversioned.as_object_mut().unwrap().remove("formatVersion");
    let error = import_error(&unversioned.to_string());
    assert!(error.message.contains("formatVersion"), "{error}");
}

#[test]
fn a_damaged_export_is_refused_with_what_is_wrong() {
    let mut missing_field = exported_three_turns();
    missing_field["runs"][1]
        .as_object_mut()
        .unwrap()
        .remove("userText");
    let error = import_error(&missing_field.to_string());
    assert_eq!(error.code, StorageErrorCode::InvalidImport);
    assert!(error.message.contains("userText"), "{error}");

    let mut bad_status = exported_three_turns();
    bad_status["runs"][0]["status"] = "exploded".into();
    assert!(
        import_error(&bad_status.to_string())
            .message
            .contains("exploded")
    );

    let mut dangling_parent = exported_three_turns();
    dangling_parent["runs"][1]["parentRunId"] = "somewhere-else".into();
    assert!(
        import_error(&dangling_parent.to_string())
            .message
            .contains("somewhere-else")
    );

    let mut no_runs = exported_three_turns();
    no_runs["runs"] = serde_json::json!([]);
    assert!(
        import_error(&no_runs.to_string())
            .message
            .contains("no runs")
    );
}

#[test]
fn an_imported_streaming_run_is_interrupted() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db.start_run(new_run(None, None, "Mid-stream")).unwrap();
    db.append_answer(&started.run_id, "so far", "").unwrap();
    let exported = db.export_conversation(&started.conversation_id).unwrap();
    let imported = db.import_conversation(&exported).unwrap();
    let run = db.conversation(&imported).unwrap().runs.remove(0);
    assert_eq!(run.status, RunStatus::Interrupted);
    assert_eq!(run.answer_text, "so far");
}

#[test]
fn exporting_an_unknown_conversation_is_not_found() {
    let db = Database::open_in_memory().unwrap();
    assert_eq!(
        db.export_conversation("nope").unwrap_err().code,
        StorageErrorCode::NotFound
    );
}
