use std::collections::HashMap;

use storage::{Database, PromptContent, StorageErrorCode, fill_template};

fn content(system_prompt: &str, messages_json: &str) -> PromptContent {
    PromptContent {
        system_prompt: system_prompt.into(),
        messages_json: messages_json.into(),
        params_json: r#"{"temperature":0.2,"maxTokens":256}"#.into(),
        model_id: Some("anthropic.claude-test".into()),
        note: String::new(),
    }
}

const MESSAGES: &str =
    r#"[{"role":"user","content":[{"text":"Summarize {{document}} for {{ audience }}"}]}]"#;

#[test]
fn saving_creates_a_prompt_then_versions_only_when_content_changes() {
    let mut db = Database::open_in_memory().unwrap();
    let first = db
        .save_prompt("Summarizer", content("You are {{role}}.", MESSAGES))
        .unwrap();
    assert_eq!(first.version, 1);

    let unchanged = db
        .save_prompt("Summarizer", content("You are {{role}}.", MESSAGES))
        .unwrap();
    assert_eq!(unchanged, first, "no new version for the same content");

    let mut reordered = content("You are {{role}}.", MESSAGES);
    reordered.params_json = r#"{ "maxTokens": 256, "temperature": 0.2 }"#.into();
    reordered.note = "only a note".into();
    assert_eq!(
        db.save_prompt("summarizer", reordered).unwrap().version,
        1,
        "same JSON, any case"
    );

    let mut changed = content("You are {{role}}, terse.", MESSAGES);
    changed.note = "terser".into();
    let second = db.save_prompt("Summarizer", changed).unwrap();
    assert_eq!(second.version, 2);
    assert_eq!(second.prompt_id, first.prompt_id);
    assert_eq!(second.note, "terser");

    let mut other_model = content("You are {{role}}, terse.", MESSAGES);
    other_model.model_id = None;
    assert_eq!(
        db.save_prompt("Summarizer", other_model).unwrap().version,
        3
    );

    let versions = db.prompt_versions(&first.prompt_id).unwrap();
    let numbers: Vec<u32> = versions.iter().map(|version| version.version).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(versions[0], first);
    assert_eq!(db.prompt_version(&first.prompt_id, 2).unwrap(), second);
    assert_eq!(
        db.prompt_version(&first.prompt_id, 9).unwrap_err().code,
        StorageErrorCode::NotFound
    );
}

#[test]
fn the_list_shows_latest_versions_and_their_variables() {
    let mut db = Database::open_in_memory().unwrap();
    db.save_prompt("beta", content("Plain.", "[]")).unwrap();
    db.save_prompt("Alpha", content("You are {{role}}.", "[]"))
        .unwrap();
    db.save_prompt("Alpha", content("You are {{role}}.", MESSAGES))
        .unwrap();

    let list = db.list_prompts().unwrap();
    let names: Vec<&str> = list.iter().map(|prompt| prompt.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "beta"]);
    assert_eq!(list[0].latest_version, 2);
    assert_eq!(list[0].variables, ["role", "document", "audience"]);
    assert!(list[0].updated_at > list[0].created_at);
    assert_eq!(list[1].latest_version, 1);
    assert!(list[1].variables.is_empty());
}

#[test]
fn prompts_can_be_renamed_but_not_onto_another_name() {
    let mut db = Database::open_in_memory().unwrap();
    let draft = db.save_prompt("Draft", content("a", "[]")).unwrap();
    db.save_prompt("Taken", content("b", "[]")).unwrap();

    let error = db.rename_prompt(&draft.prompt_id, "taken").unwrap_err();
    assert_eq!(error.code, StorageErrorCode::DuplicateName);
    assert!(error.message.contains("taken"), "{error}");

    db.rename_prompt(&draft.prompt_id, "  Final ").unwrap();
    db.rename_prompt(&draft.prompt_id, "FINAL").unwrap();
    let names: Vec<String> = db
        .list_prompts()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["FINAL", "Taken"]);
    assert_eq!(
        db.rename_prompt(&draft.prompt_id, "").unwrap_err().code,
        StorageErrorCode::InvalidInput
    );
    assert_eq!(
        db.rename_prompt("nope", "x").unwrap_err().code,
        StorageErrorCode::NotFound
    );
}

#[test]
fn deleting_a_prompt_deletes_its_versions() {
    let mut db = Database::open_in_memory().unwrap();
    let saved = db.save_prompt("Temp", content("a", "[]")).unwrap();
    db.save_prompt("Temp", content("b", "[]")).unwrap();
    db.delete_prompt(&saved.prompt_id).unwrap();
    assert!(db.list_prompts().unwrap().is_empty());
    assert_eq!(
        db.prompt_versions(&saved.prompt_id).unwrap_err().code,
        StorageErrorCode::NotFound
    );
    assert_eq!(
        db.delete_prompt(&saved.prompt_id).unwrap_err().code,
        StorageErrorCode::NotFound
    );

    let again = db.save_prompt("Temp", content("c", "[]")).unwrap();
    assert_eq!(again.version, 1, "a new prompt under the freed name");
}

#[test]
fn a_prompt_needs_a_name() {
    let mut db = Database::open_in_memory().unwrap();
    assert_eq!(
        db.save_prompt(" \t", content("a", "[]")).unwrap_err().code,
        StorageErrorCode::InvalidInput
    );
}

#[test]
fn missing_template_values_convert_to_a_storage_error() {
    let error: storage::StorageError = fill_template("{{a}} {{b}}", &HashMap::new())
        .unwrap_err()
        .into();
    assert_eq!(error.code, StorageErrorCode::MissingVariables);
    assert!(error.message.contains("{{a}}, {{b}}"), "{error}");
}
