//! RetrieveAndGenerate sessions: created by the service, reused by follow-up questions.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::wire::error::{ApiError, ApiResult};

#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub question: String,
    pub answer: String,
}

#[derive(Default)]
pub struct Sessions {
    turns: Mutex<HashMap<String, Vec<Turn>>>,
}

impl Sessions {
    /// The id and earlier turns of the session a request continues, or of a new one.
    pub fn open(&self, requested: Option<&str>) -> ApiResult<(String, Vec<Turn>)> {
        let mut sessions = self.turns.lock().expect("sessions lock");
        match requested {
            Some(id) => sessions
                .get(id)
                .map(|turns| (id.to_owned(), turns.clone()))
                .ok_or_else(|| {
                    ApiError::validation(format!(
                        "Session with Id {id} is not valid. Please check and try again."
                    ))
                }),
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                sessions.insert(id.clone(), Vec::new());
                Ok((id, Vec::new()))
            }
        }
    }

    pub fn record(&self, id: &str, turn: Turn) {
        if let Some(turns) = self.turns.lock().expect("sessions lock").get_mut(id) {
            turns.push(turn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_sessions_get_ids_and_keep_turns() {
        let sessions = Sessions::default();
        let (id, turns) = sessions.open(None).unwrap();
        assert!(turns.is_empty());
        assert_eq!(id.len(), 36);
        sessions.record(
            &id,
            Turn {
                question: "q".into(),
                answer: "a".into(),
            },
        );
        assert_eq!(sessions.open(Some(&id)).unwrap().1.len(), 1);
        assert!(sessions.open(Some("bogus-session")).is_err());
    }
}
