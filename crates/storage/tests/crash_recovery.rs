//! A real crash: a child process writes a run, streams into it, and aborts without finishing.

use std::process::{Command, Stdio};

use storage::{Database, NewRun, RunStatus};

const CHILD_DB_PATH: &str = "STORAGE_TEST_CRASH_CHILD_DB";
const CHILD_TEST: &str = "child_streams_a_run_then_aborts";

/// Does nothing in a normal test run; it is the child of the test below.
#[test]
fn child_streams_a_run_then_aborts() {
    let Some(path) = std::env::var_os(CHILD_DB_PATH) else {
        return;
    };
    let mut db = Database::open(path).unwrap();
    let started = db
        .start_run(NewRun {
            profile_id: "emulator".into(),
            model_id: "anthropic.claude-test".into(),
            request_json: r#"{"messages":[]}"#.into(),
            user_text: "Tell me about crash safety".into(),
            ..NewRun::default()
        })
        .unwrap();
    db.append_answer(&started.run_id, "Committed ", "First, ")
        .unwrap();
    db.append_answer(&started.run_id, "deltas survive.", "think.")
        .unwrap();
    std::process::abort();
}

#[test]
fn a_run_cut_off_by_a_crash_is_recovered_as_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("playground.db");
    let output = Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD_DB_PATH, &path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        !output.status.success(),
        "the child should have aborted: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(output.status.signal(), Some(6), "SIGABRT expected");
    }
    assert!(
        dir.path().join("playground.db-wal").exists(),
        "the crash left its writes in the write-ahead log"
    );

    let mut db = Database::open(&path).unwrap();
    let conversations = db.list_conversations(None, 10, 0).unwrap();
    assert_eq!(conversations.len(), 1);
    assert_eq!(conversations[0].last_status, Some(RunStatus::Streaming));

    assert_eq!(db.recover_interrupted().unwrap(), 1);
    let run = db
        .conversation(&conversations[0].id)
        .unwrap()
        .runs
        .remove(0);
    assert_eq!(run.status, RunStatus::Interrupted);
    assert_eq!(run.answer_text, "Committed deltas survive.");
    assert_eq!(run.reasoning_text, "First, think.");
    assert!(run.finished_at.is_some());

    let found = db.list_conversations(Some("survive"), 10, 0).unwrap();
    assert_eq!(found.len(), 1, "an interrupted answer is searchable");
    assert_eq!(db.recover_interrupted().unwrap(), 0);
}
