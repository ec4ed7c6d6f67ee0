//! The history list in pages over 10,000 conversations, with and without a search.

mod common;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use storage::{ConversationSummary, Database, StorageErrorCode};

const SEEDED: u32 = 10_000;

/// One seeded file for every test here: seeding takes a while in a debug build.
fn seeded() -> Database {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite3");
        let started = Instant::now();
        Database::open(&path)
            .unwrap()
            .seed_sample_history(SEEDED)
            .unwrap();
        println!("seeded {SEEDED} conversations in {:?}", started.elapsed());
        (dir, path)
    });
    Database::open(path).unwrap()
}

/// Every page of `query`, in order, checking each page's own fields on the way.
fn every_page(db: &Database, query: Option<&str>, size: u32) -> Vec<ConversationSummary> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let started = Instant::now();
        let page = db
            .conversation_page(query, cursor.as_deref(), size)
            .unwrap();
        if cursor.is_none() {
            println!("first page of {query:?}: {:?}", started.elapsed());
        }
        assert_eq!(page.query.as_deref(), query);
        assert!(page.conversations.len() <= size as usize);
        all.extend(page.conversations);
        assert_eq!(page.has_more, page.next_cursor.is_some());
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => {
                assert_eq!(page.total as usize, all.len());
                return all;
            }
        }
    }
}

fn assert_newest_first_without_repeats(list: &[ConversationSummary]) {
    assert!(
        list.windows(2)
            .all(|pair| pair[0].updated_at >= pair[1].updated_at)
    );
    let ids: HashSet<&str> = list.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), list.len());
}

#[test]
fn pages_cover_ten_thousand_conversations_once_each_newest_first() {
    let db = seeded();
    let all = every_page(&db, None, 200);
    assert_eq!(all.len(), SEEDED as usize);
    assert_newest_first_without_repeats(&all);
    assert!(all[0].title.contains(&format!("seed{}", SEEDED - 1)));
    assert!(all.iter().all(|c| c.run_count == 2));

    let mut cursor: Option<String> = None;
    for _ in 0..49 {
        cursor = db
            .conversation_page(None, cursor.as_deref(), 200)
            .unwrap()
            .next_cursor;
    }
    let started = Instant::now();
    let deep = db.conversation_page(None, cursor.as_deref(), 100).unwrap();
    println!(
        "the page after 9,800 conversations: {:?}",
        started.elapsed()
    );
    assert_eq!(deep.conversations, all[9_800..9_900]);
}

#[test]
fn a_search_pages_through_exactly_the_matching_conversations() {
    let db = seeded();
    let tokio = every_page(&db, Some("tokio"), 150);
    assert_eq!(tokio.len(), SEEDED as usize / 10);
    assert!(tokio.iter().all(|c| c.title.contains("tokio runtime")));
    assert_newest_first_without_repeats(&tokio);

    let two_words = every_page(&db, Some("debug  SQLITE"), 50);
    assert_eq!(
        two_words.len(),
        250,
        "a quarter of the sqlite tenth asks to debug"
    );
    assert!(
        two_words
            .iter()
            .all(|c| c.title.starts_with("Debug my sqlite indexes"))
    );

    let one = every_page(&db, Some("seed4242"), 50);
    assert_eq!(one.len(), 1);
    assert!(one[0].title.ends_with("(seed4242)"));
    assert!(every_page(&db, Some("kubernetes"), 50).is_empty());
}

#[test]
fn a_conversation_that_moves_to_the_top_while_paging_is_not_repeated() {
    let mut db = Database::open_in_memory().unwrap();
    db.seed_sample_history(30).unwrap();
    let first = db.conversation_page(None, None, 10).unwrap();
    let moved = db.conversation_page(None, None, 30).unwrap().conversations[25].clone();
    let last_run = db.conversation(&moved.id).unwrap().runs[1].id.clone();
    db.start_run(common::new_run(Some(&moved.id), Some(&last_run), "again"))
        .unwrap();

    let mut seen: Vec<ConversationSummary> = first.conversations;
    let mut cursor = first.next_cursor;
    while let Some(next) = cursor {
        let page = db.conversation_page(None, Some(&next), 10).unwrap();
        seen.extend(page.conversations);
        cursor = page.next_cursor;
    }
    assert_eq!(
        seen.len(),
        29,
        "the moved one is on the first page now, not again"
    );
    assert!(seen.iter().all(|c| c.id != moved.id));
}

#[test]
fn a_cursor_that_is_not_one_is_refused() {
    let db = Database::open_in_memory().unwrap();
    let error = db.conversation_page(None, Some("garbage"), 10).unwrap_err();
    assert_eq!(error.code, StorageErrorCode::InvalidInput);
    let empty = db.conversation_page(None, None, 10).unwrap();
    assert_eq!((empty.total, empty.has_more), (0, false));
}
