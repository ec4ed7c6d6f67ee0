//! A run's request is stored once, attachments once by content, and always read back exactly.

mod common;

use common::conversation::{Turn, png_like, request_json, turns};
use common::{done, legacy, new_run};
use storage::{Database, NewRun, StartedRun};

fn run_of(conversation_id: Option<&str>, parent: Option<&str>, request: String) -> NewRun {
    NewRun {
        request_json: request,
        ..new_run(conversation_id, parent, "a turn")
    }
}

/// Sends every turn as the chat does and returns the requests sent, in order.
fn converse(db: &mut Database, turns: &[Turn]) -> (String, Vec<String>) {
    let mut sent = Vec::new();
    let mut parent: Option<StartedRun> = None;
    for (index, turn) in turns.iter().enumerate() {
        let request = request_json(turns, index);
        let started = db
            .start_run(run_of(
                parent.as_ref().map(|p| p.conversation_id.as_str()),
                parent.as_ref().map(|p| p.run_id.as_str()),
                request.clone(),
            ))
            .unwrap();
        db.append_answer(&started.run_id, &turn.answer, "").unwrap();
        db.finish_run(&started.run_id, done(40)).unwrap();
        sent.push(request);
        parent = Some(started);
    }
    (parent.unwrap().conversation_id, sent)
}

fn requests(db: &Database, conversation_id: &str) -> Vec<String> {
    db.conversation(conversation_id)
        .unwrap()
        .runs
        .into_iter()
        .map(|run| run.request_json)
        .collect()
}

fn three_images() -> Vec<(String, Vec<u8>)> {
    (0..3)
        .map(|i| {
            (
                format!("chart-{i}.png"),
                png_like(60_000 + i * 7_001, i as u64),
            )
        })
        .collect()
}

#[test]
fn every_request_reads_back_byte_for_byte_with_each_image_stored_once() {
    let mut db = Database::open_in_memory().unwrap();
    let images = three_images();
    let (conversation_id, sent) = converse(&mut db, &turns(20, &images));

    assert_eq!(requests(&db, &conversation_id), sent);
    let usage = db.blob_usage().unwrap();
    assert_eq!(usage.count, 3);
    let image_bytes: usize = images.iter().map(|(_, bytes)| bytes.len()).sum();
    assert_eq!(usage.bytes as usize, image_bytes);
}

#[test]
fn a_run_still_streaming_reads_back_its_request() {
    let mut db = Database::open_in_memory().unwrap();
    let all = turns(3, &three_images());
    let (conversation_id, sent) = converse(&mut db, &all[..2]);
    let last_run = db.conversation(&conversation_id).unwrap().runs[1]
        .id
        .clone();
    let request = request_json(&all, 2);
    db.start_run(run_of(
        Some(&conversation_id),
        Some(&last_run),
        request.clone(),
    ))
    .unwrap();

    let mut expected = sent;
    expected.push(request);
    assert_eq!(requests(&db, &conversation_id), expected);
}

#[test]
fn branches_exports_and_imports_share_the_stored_images() {
    let mut db = Database::open_in_memory().unwrap();
    let (conversation_id, sent) = converse(&mut db, &turns(8, &three_images()));
    let runs = db.conversation(&conversation_id).unwrap().runs;

    let branch = db.branch(&runs[5].id).unwrap();
    assert_eq!(requests(&db, &branch), sent[..6]);

    let export = db.export_conversation(&conversation_id).unwrap();
    let exported: serde_json::Value = serde_json::from_str(&export).unwrap();
    for (run, request) in exported["runs"].as_array().unwrap().iter().zip(&sent) {
        let inline: serde_json::Value = serde_json::from_str(request).unwrap();
        assert_eq!(
            run["request"], inline,
            "the export carries the bytes themselves"
        );
    }
    let imported = db.import_conversation(&export).unwrap();
    assert_eq!(requests(&db, &imported), sent);
    assert_eq!(db.blob_usage().unwrap().count, 3);
}

#[test]
fn deleting_a_conversation_frees_the_images_no_other_run_uses() {
    let mut db = Database::open_in_memory().unwrap();
    let images = three_images();
    let (first, _) = converse(&mut db, &turns(4, &images));
    let (second, second_sent) = converse(&mut db, &turns(4, &images[2..]));
    assert_eq!(db.blob_usage().unwrap().count, 3);

    db.delete_conversation(&first).unwrap();
    assert_eq!(
        db.blob_usage().unwrap().count,
        1,
        "the image both used stays"
    );
    assert_eq!(requests(&db, &second), second_sent);

    db.delete_conversation(&second).unwrap();
    assert_eq!(db.blob_usage().unwrap().count, 0);
}

#[test]
fn deleting_a_run_keeps_the_requests_of_the_runs_after_it_exact() {
    let mut db = Database::open_in_memory().unwrap();
    let (conversation_id, mut sent) = converse(&mut db, &turns(6, &three_images()));
    let runs = db.conversation(&conversation_id).unwrap().runs;

    db.delete_run(&runs[2].id).unwrap();
    sent.remove(2);
    assert_eq!(requests(&db, &conversation_id), sent);
    db.delete_run(&runs[0].id).unwrap();
    sent.remove(0);
    assert_eq!(requests(&db, &conversation_id), sent);
    assert_eq!(
        db.blob_usage().unwrap().count,
        3,
        "later requests still carry the first image"
    );

    for run in runs.iter().skip(1).filter(|run| run.id != runs[2].id) {
        db.delete_run(&run.id).unwrap();
    }
    assert_eq!(
        db.blob_usage().unwrap().count,
        0,
        "the last run took them along"
    );
}

#[test]
fn a_database_from_before_is_migrated_its_images_moved_to_blobs_and_its_requests_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let all = turns(4, &three_images());
    let conn = legacy::create(&path);
    let mut parent: Option<String> = None;
    let mut sent = Vec::new();
    for (index, turn) in all.iter().enumerate().take(3) {
        let request = request_json(&all, index);
        let id = legacy::insert_run(
            &conn,
            "old",
            parent.as_deref(),
            &request,
            &turn.user,
            &turn.answer,
        );
        sent.push(request);
        parent = Some(id);
    }
    drop(conn);

    let mut db = Database::open(&path).unwrap();
    assert_eq!(requests(&db, "old"), sent);
    assert_eq!(
        db.blob_usage().unwrap().count,
        3,
        "the old rows' images moved to blobs"
    );
    let request = request_json(&all, 3);
    db.start_run(run_of(Some("old"), parent.as_deref(), request.clone()))
        .unwrap();
    sent.push(request);
    assert_eq!(requests(&db, "old"), sent);
    assert_eq!(
        db.blob_usage().unwrap().count,
        3,
        "and the new run uses the same"
    );
}
