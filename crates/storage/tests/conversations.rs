mod common;

use common::{answered, new_run, three_turns};
use storage::{Database, RunStatus, StorageErrorCode};

fn titles(db: &Database, query: Option<&str>) -> Vec<String> {
    db.list_conversations(query, 50, 0)
        .unwrap()
        .into_iter()
        .map(|summary| summary.title)
        .collect()
}

#[test]
fn conversations_are_listed_newest_first_with_counts_and_last_run() {
    let mut db = Database::open_in_memory().unwrap();
    let old = answered(&mut db, None, "Old question", "Old answer");
    answered(&mut db, None, "Newer question", "Newer answer");
    assert_eq!(titles(&db, None), ["Newer question", "Old question"]);

    let mut follow_up = new_run(None, Some(&old.run_id), "Follow-up");
    follow_up.model_id = "amazon.nova-lite".into();
    db.start_run(follow_up).unwrap();

    let list = db.list_conversations(None, 50, 0).unwrap();
    assert_eq!(list[0].title, "Old question");
    assert_eq!(list[0].run_count, 2);
    assert_eq!(list[0].last_model_id.as_deref(), Some("amazon.nova-lite"));
    assert_eq!(list[0].last_status, Some(RunStatus::Streaming));
    assert_eq!(list[1].run_count, 1);
    assert_eq!(list[1].last_status, Some(RunStatus::Done));
}

#[test]
fn limit_and_offset_page_through_the_list() {
    let mut db = Database::open_in_memory().unwrap();
    for n in 0..5 {
        answered(&mut db, None, &format!("Question {n}"), "Answer");
    }
    let page = |limit, offset| -> Vec<String> {
        db.list_conversations(None, limit, offset)
            .unwrap()
            .into_iter()
            .map(|summary| summary.title)
            .collect()
    };
    assert_eq!(page(2, 0), ["Question 4", "Question 3"]);
    assert_eq!(page(2, 2), ["Question 2", "Question 1"]);
    assert_eq!(page(2, 4), ["Question 0"]);
    assert!(page(2, 6).is_empty());
}

#[test]
fn search_finds_words_in_questions_and_answers() {
    let mut db = Database::open_in_memory().unwrap();
    three_turns(&mut db);
    answered(
        &mut db,
        None,
        "Plan a trip to Kyoto",
        "Visit Fushimi Inari early.",
    );
    answered(
        &mut db,
        None,
        "Café recommendations",
        "Try the naïve espresso bar.",
    );

    assert_eq!(
        titles(&db, Some("lifetimes")),
        ["What is a borrow checker?"]
    );
    assert_eq!(titles(&db, Some("fushimi")), ["Plan a trip to Kyoto"]);
    assert_eq!(
        titles(&db, Some("FUSH")),
        ["Plan a trip to Kyoto"],
        "prefix, any case"
    );
    assert_eq!(
        titles(&db, Some("cafe naive")),
        ["Café recommendations"],
        "accents"
    );
    assert_eq!(
        titles(&db, Some("kyoto inari")),
        ["Plan a trip to Kyoto"],
        "across fields"
    );
    assert!(
        titles(&db, Some("kyoto espresso")).is_empty(),
        "every word must match"
    );
    assert!(titles(&db, Some("volcano")).is_empty());
    assert_eq!(
        titles(&db, Some("   ")).len(),
        3,
        "a blank query lists everything"
    );
}

#[test]
fn search_treats_operators_and_quotes_as_text() {
    let mut db = Database::open_in_memory().unwrap();
    answered(&mut db, None, "Say \"NOT\" loudly", "NOT OR AND NEAR");
    for query in ["\"NOT\"", "NOT OR", "NEAR(", "a* -b ^c", "\"", "col:umn"] {
        db.list_conversations(Some(query), 10, 0)
            .unwrap_or_else(|error| panic!("query {query:?} failed: {error}"));
    }
    assert_eq!(titles(&db, Some("\"not\" near")), ["Say \"NOT\" loudly"]);
}

#[test]
fn a_streaming_answer_is_searchable_once_it_ends() {
    let mut db = Database::open_in_memory().unwrap();
    let started = db
        .start_run(new_run(None, None, "Tell me a story"))
        .unwrap();
    db.append_answer(&started.run_id, "Once upon a time", "")
        .unwrap();
    assert_eq!(titles(&db, Some("story")), ["Tell me a story"]);
    assert!(titles(&db, Some("upon")).is_empty());
    db.finish_run(&started.run_id, common::done(4)).unwrap();
    assert_eq!(titles(&db, Some("upon")), ["Tell me a story"]);
}

#[test]
fn deleted_conversations_and_runs_leave_search() {
    let mut db = Database::open_in_memory().unwrap();
    let (conversation_id, run_ids) = three_turns(&mut db);
    let kept = answered(&mut db, None, "Lifetimes again", "Still scopes.");
    db.delete_run(&run_ids[2]).unwrap();
    assert_eq!(titles(&db, Some("scopes")), ["Lifetimes again"]);

    db.delete_conversation(&conversation_id).unwrap();
    assert!(titles(&db, Some("borrow")).is_empty());
    assert_eq!(titles(&db, None), ["Lifetimes again"]);
    assert_eq!(
        db.conversation(&conversation_id).unwrap_err().code,
        StorageErrorCode::NotFound
    );
    assert_eq!(
        db.delete_conversation(&conversation_id).unwrap_err().code,
        StorageErrorCode::NotFound
    );
    assert_eq!(
        db.conversation(&kept.conversation_id).unwrap().runs.len(),
        1
    );
}

#[test]
fn conversations_can_be_renamed() {
    let mut db = Database::open_in_memory().unwrap();
    let (conversation_id, _) = three_turns(&mut db);
    db.rename_conversation(&conversation_id, "  Rust notes ")
        .unwrap();
    assert_eq!(titles(&db, None), ["Rust notes"]);
    assert_eq!(
        db.rename_conversation(&conversation_id, " ")
            .unwrap_err()
            .code,
        StorageErrorCode::InvalidInput
    );
    assert_eq!(
        db.rename_conversation("nope", "x").unwrap_err().code,
        StorageErrorCode::NotFound
    );
}

#[test]
fn a_branch_copies_the_runs_up_to_the_chosen_one() {
    let mut db = Database::open_in_memory().unwrap();
    let (original_id, run_ids) = three_turns(&mut db);
    let branch_id = db.branch(&run_ids[1]).unwrap();
    assert_ne!(branch_id, original_id);

    let original = db.conversation(&original_id).unwrap();
    let branch = db.conversation(&branch_id).unwrap();
    assert_eq!(original.runs.len(), 3, "the original is unchanged");
    assert_eq!(branch.summary.title, "What is a borrow checker? (branch)");
    assert_eq!(branch.runs.len(), 2);
    for (copy, source) in branch.runs.iter().zip(&original.runs) {
        assert_ne!(copy.id, source.id);
        assert_eq!(copy.conversation_id, branch_id);
        assert_eq!(copy.user_text, source.user_text);
        assert_eq!(copy.answer_text, source.answer_text);
        assert_eq!(copy.request_json, source.request_json);
        assert_eq!(copy.created_at, source.created_at);
        assert_eq!(copy.usage, source.usage);
    }
    assert_eq!(branch.runs[0].parent_run_id, None);
    assert_eq!(
        branch.runs[1].parent_run_id.as_deref(),
        Some(branch.runs[0].id.as_str())
    );
    assert_eq!(titles(&db, None)[0], "What is a borrow checker? (branch)");

    let next = db
        .start_run(new_run(
            None,
            Some(&branch.runs[1].id),
            "Different third turn",
        ))
        .unwrap();
    assert_eq!(next.conversation_id, branch_id);
    assert_eq!(db.conversation(&original_id).unwrap().runs.len(), 3);
}

#[test]
fn a_branch_of_a_streaming_run_is_interrupted_in_the_copy() {
    let mut db = Database::open_in_memory().unwrap();
    let first = answered(&mut db, None, "First", "One");
    let streaming = db
        .start_run(new_run(None, Some(&first.run_id), "Second"))
        .unwrap();
    db.append_answer(&streaming.run_id, "Tw", "").unwrap();
    let branch_id = db.branch(&streaming.run_id).unwrap();
    let branch = db.conversation(&branch_id).unwrap();
    assert_eq!(branch.runs[1].status, RunStatus::Interrupted);
    assert_eq!(branch.runs[1].answer_text, "Tw");
    assert_eq!(
        db.recover_interrupted().unwrap(),
        1,
        "only the original was streaming"
    );
}

#[test]
fn branching_an_unknown_run_is_not_found() {
    let mut db = Database::open_in_memory().unwrap();
    assert_eq!(
        db.branch("nope").unwrap_err().code,
        StorageErrorCode::NotFound
    );
}
