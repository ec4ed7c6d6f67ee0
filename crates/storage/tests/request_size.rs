//! The database size of a 50-turn conversation with three images, stored as the app did before
//! (every request whole, base64 included) and as it does now. A measurement, not a check:
//! `cargo test -p storage --test request_size -- --ignored --nocapture`.

mod common;

use common::conversation::{request_json, turns};
use common::{done, legacy, new_run};
use storage::{Database, NewRun, StartedRun};

const TURNS: usize = 50;
/// Real PNG screenshots of the app, 184–201 KB each.
const IMAGES: [&str; 3] = [
    "knowledge-map.png",
    "knowledge-session.png",
    "inspector.png",
];

fn file_size(path: &std::path::Path) -> u64 {
    let wal = path.with_extension("sqlite3-wal");
    std::fs::metadata(path).unwrap().len() + std::fs::metadata(wal).map_or(0, |m| m.len())
}

#[test]
#[ignore = "a measurement; run with --ignored --nocapture"]
fn database_size_of_fifty_turns_with_three_images() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    let images: Vec<(String, Vec<u8>)> = IMAGES
        .iter()
        .map(|name| {
            let bytes = std::fs::read(docs.join(name)).expect("the screenshots in docs/");
            (name.to_string(), bytes)
        })
        .collect();
    let all = turns(TURNS, &images);
    let sent: Vec<String> = (0..TURNS).map(|index| request_json(&all, index)).collect();
    let dir = tempfile::tempdir().unwrap();

    let before = dir.path().join("before.sqlite3");
    let conn = legacy::create(&before);
    let mut parent: Option<String> = None;
    for (turn, request) in all.iter().zip(&sent) {
        let id = legacy::insert_run(
            &conn,
            "c",
            parent.as_deref(),
            request,
            &turn.user,
            &turn.answer,
        );
        parent = Some(id);
    }
    drop(conn);

    let after = dir.path().join("after.sqlite3");
    let mut db = Database::open(&after).unwrap();
    let mut parent: Option<StartedRun> = None;
    for (turn, request) in all.iter().zip(&sent) {
        let started = db
            .start_run(NewRun {
                request_json: request.clone(),
                ..new_run(
                    parent.as_ref().map(|p| p.conversation_id.as_str()),
                    parent.as_ref().map(|p| p.run_id.as_str()),
                    &turn.user,
                )
            })
            .unwrap();
        db.append_answer(&started.run_id, &turn.answer, "").unwrap();
        db.finish_run(&started.run_id, done(40)).unwrap();
        parent = Some(started);
    }
    let conversation_id = parent.unwrap().conversation_id;
    let read_started = std::time::Instant::now();
    let read: Vec<String> = db
        .conversation(&conversation_id)
        .unwrap()
        .runs
        .into_iter()
        .map(|run| run.request_json)
        .collect();
    let read_ms = read_started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(read, sent, "every request reads back byte for byte");
    drop(db);

    let before_size = file_size(&before);
    let migrate_started = std::time::Instant::now();
    let migrated = Database::open(&before).unwrap();
    let migrate_ms = migrate_started.elapsed().as_secs_f64() * 1000.0;
    let read_back: Vec<String> = migrated
        .conversation("c")
        .unwrap()
        .runs
        .into_iter()
        .map(|run| run.request_json)
        .collect();
    assert_eq!(
        read_back, sent,
        "the migrated requests read back byte for byte"
    );
    drop(migrated);

    let image_bytes: usize = images.iter().map(|(_, bytes)| bytes.len()).sum();
    let sent_bytes: usize = sent.iter().map(String::len).sum();
    let (migrated, after) = (file_size(&before), file_size(&after));
    let before = before_size;
    println!(
        "{TURNS} turns, images of {image_bytes} bytes in all, requests sent {sent_bytes} bytes"
    );
    println!("before (every request whole): {before} bytes");
    println!(
        "after (blobs + differences):  {after} bytes ({:.1}x smaller)",
        before as f64 / after as f64
    );
    println!(
        "the before file migrated (blobs, differences, VACUUM): {migrated} bytes in {migrate_ms:.0} ms"
    );
    println!("reading the conversation back (50 requests rebuilt): {read_ms:.1} ms");
}
