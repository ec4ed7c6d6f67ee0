//! The playground's local SQLite database, with no UI or Tauri dependency.
//!
//! - **History**: every request to a model is a [`Run`], stored as `streaming` when it starts,
//!   its answer appended as it arrives ([`Database::append_answer`]) so a crash keeps what
//!   arrived, then finished. Runs are grouped in [`Conversation`]s, which can be searched
//!   (SQLite FTS5), branched from any run, exported to JSON and imported back.
//! - **Prompt library**: named prompts, each a list of versions, with `{{variable}}` templates
//!   ([`template`]).
//!
//! The file uses WAL, foreign keys and a busy timeout; its schema is migrated on open
//! (`PRAGMA user_version`), and a file from a newer app is refused rather than touched.
//!
//! ```no_run
//! # fn demo(data_dir: &std::path::Path) -> Result<(), storage::StorageError> {
//! use storage::{Database, NewRun, RunEnd, RunStatus};
//! let mut db = Database::open(data_dir.join("playground.db"))?;
//! db.recover_interrupted()?;
//! let started = db.start_run(NewRun { user_text: "Hello".into(), ..NewRun::default() })?;
//! db.append_answer(&started.run_id, "Hi", "")?;
//! db.finish_run(&started.run_id, RunEnd {
//!     status: RunStatus::Done,
//!     stop_reason: Some("end_turn".into()),
//!     error_json: None,
//!     usage: None,
//!     metrics: None,
//! })?;
//! # Ok(()) }
//! ```

mod clock;
mod database;
pub mod error;
mod history;
mod migrations;
mod prompts;
pub mod template;

pub use database::Database;
pub use error::{StorageError, StorageErrorCode};
pub use history::MAX_PAGE_SIZE;
pub use history::model::{
    AnswerBlocks, BlobUsage, Conversation, ConversationId, ConversationPage, ConversationSummary,
    NewRun, Run, RunEnd, RunId, RunMetrics, RunReasoning, RunStatus, RunToolCall, StartedRun,
    Usage,
};
pub use prompts::model::{PromptContent, PromptId, PromptSummary, PromptVersion};
pub use template::{MissingVariables, fill_template, template_variables};
