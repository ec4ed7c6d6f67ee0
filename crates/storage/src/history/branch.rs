//! Branching: a new conversation that starts as a copy of another up to one of its runs.

use std::collections::HashMap;

use rusqlite::TransactionBehavior;

use super::model::{ConversationId, Run, RunStatus};
use super::rows::{insert_conversation, insert_run, load_run, load_runs};
use super::title::branch_title;
use crate::clock::new_id;
use crate::database::Database;
use crate::error::Result;

impl Database {
    /// A new conversation holding copies (with new ids) of the runs of `run_id`'s conversation
    /// up to and including it, titled "… (branch)". The original is unchanged.
    pub fn branch(&mut self, run_id: &str) -> Result<ConversationId> {
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let target = load_run(&tx, run_id)?;
        let title: String = tx
            .prepare_cached("SELECT title FROM conversations WHERE id = ?1")?
            .query_row([&target.conversation_id], |row| row.get(0))?;
        let mut runs = load_runs(&tx, &target.conversation_id)?;
        let kept = runs
            .iter()
            .position(|run| run.id == target.id)
            .map_or(0, |at| at + 1);
        runs.truncate(kept);

        let branch_id = new_id();
        insert_conversation(&tx, &branch_id, &branch_title(&title), &now, &now)?;
        for copy in copies(runs, &branch_id) {
            insert_run(&tx, &copy)?;
        }
        tx.commit()?;
        Ok(branch_id)
    }
}

/// The runs with new ids in a new conversation, parents pointing at the copies. A copy of a run
/// still streaming is `interrupted`: nothing will ever append to the copy.
pub(crate) fn copies(runs: Vec<Run>, conversation_id: &str) -> Vec<Run> {
    let mut new_ids: HashMap<String, String> = HashMap::new();
    runs.into_iter()
        .map(|run| {
            let id = new_id();
            new_ids.insert(run.id.clone(), id.clone());
            let status = match run.status {
                RunStatus::Streaming => RunStatus::Interrupted,
                kept => kept,
            };
            Run {
                parent_run_id: run
                    .parent_run_id
                    .as_ref()
                    .and_then(|parent| new_ids.get(parent).cloned()),
                id,
                conversation_id: conversation_id.to_owned(),
                status,
                ..run
            }
        })
        .collect()
}
