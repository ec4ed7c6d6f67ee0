//! Knowledge-base answers in the history: each RetrieveAndGenerate turn is a run (the question
//! as the user text, the answer appended as it streams, its end), one conversation per
//! knowledge-base session. The conversation's title starts with [`TITLE_PREFIX`] and the stored
//! request carries `"operation": "RetrieveAndGenerateStream"`, so a knowledge-base query can be
//! told from a chat run without a new column.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use bedrock_client::knowledge::{GenerateOutcome, GenerateRequest, KnowledgeEvent};
use storage::{Database, NewRun, RunEnd, RunStatus};

pub const TITLE_PREFIX: &str = "Knowledge base: ";
pub const OPERATION: &str = "RetrieveAndGenerateStream";
const FLUSH_EVERY: Duration = Duration::from_millis(200);

/// The last run of each knowledge-base session, so a follow-up joins its conversation.
static SESSION_RUNS: LazyLock<Mutex<HashMap<String, String>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Who asked: the profile and region the run is saved under.
pub struct RunOrigin {
    pub profile_id: String,
    pub profile_name: String,
    pub region: String,
}

/// The request as stored: the lab's request with the operation it was sent with.
pub fn request_json(request: &GenerateRequest) -> String {
    let mut value = serde_json::to_value(request).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(fields) = &mut value {
        fields.insert("operation".into(), OPERATION.into());
    }
    serde_json::to_string(&value).unwrap_or_default()
}

pub struct KnowledgeRecorder<'a> {
    history: &'a Mutex<Database>,
    run_id: Option<String>,
    text: String,
    flushed_at: Instant,
}

impl<'a> KnowledgeRecorder<'a> {
    /// Start the run of one turn; a failure to save is reported and the answer goes on.
    pub fn start(
        history: &'a Mutex<Database>,
        origin: RunOrigin,
        request: &GenerateRequest,
    ) -> Self {
        let parent = request
            .session_id
            .as_ref()
            .and_then(|session| crate::state::lock(&SESSION_RUNS).get(session).cloned());
        let new_run = |parent_run_id: Option<String>| NewRun {
            conversation_id: None,
            parent_run_id,
            profile_id: origin.profile_id.clone(),
            profile_name: origin.profile_name.clone(),
            region: origin.region.clone(),
            model_id: request.model_id.trim().to_owned(),
            request_json: request_json(request),
            user_text: request.question.clone(),
        };
        let mut database = crate::state::lock(history);
        let started = match database.start_run(new_run(parent.clone())) {
            // The session's earlier turns were deleted from the history: start over.
            Err(_) if parent.is_some() => database.start_run(new_run(None)),
            started => started,
        };
        let run_id = match started {
            Ok(started) => {
                let is_new = database
                    .conversation(&started.conversation_id)
                    .map(|c| c.runs.len() == 1)
                    .unwrap_or(false);
                if is_new {
                    let title = format!("{TITLE_PREFIX}{}", request.question.trim());
                    let title: String = title.chars().take(80).collect();
                    if let Err(error) =
                        database.rename_conversation(&started.conversation_id, &title)
                    {
                        eprintln!("history: could not title the knowledge-base run: {error}");
                    }
                }
                Some(started.run_id)
            }
            Err(error) => {
                eprintln!("history: could not save the knowledge-base run: {error}");
                None
            }
        };
        Self {
            history,
            run_id,
            text: String::new(),
            flushed_at: Instant::now(),
        }
    }

    #[cfg(test)]
    pub fn run_id(&self) -> Option<&str> {
        self.run_id.as_deref()
    }

    /// Note an event on its way to the UI.
    pub fn observe(&mut self, event: &KnowledgeEvent) {
        if let KnowledgeEvent::Output { text } = event {
            self.text.push_str(text);
        }
        if self.flushed_at.elapsed() >= FLUSH_EVERY {
            self.flush();
        }
    }

    fn flush(&mut self) {
        self.flushed_at = Instant::now();
        let Some(run_id) = &self.run_id else { return };
        if self.text.is_empty() {
            return;
        }
        let database = crate::state::lock(self.history);
        if let Err(error) = database.append_answer(run_id, &self.text, "") {
            eprintln!("history: could not save streamed text: {error}");
        }
        self.text.clear();
    }

    /// Save the rest of the answer and how the turn ended; remember the session's last run.
    pub fn finish(mut self, outcome: &GenerateOutcome) {
        self.flush();
        let Some(run_id) = self.run_id.take() else {
            return;
        };
        let status = if outcome.cancelled {
            RunStatus::Stopped
        } else if outcome.error.is_some() {
            RunStatus::Failed
        } else {
            RunStatus::Done
        };
        let end = RunEnd {
            status,
            stop_reason: outcome
                .guardrail_action
                .as_ref()
                .filter(|action| action.as_str() == "INTERVENED")
                .map(|_| "guardrail_intervened".to_owned()),
            error_json: outcome
                .error
                .as_ref()
                .and_then(|e| serde_json::to_string(e).ok()),
            usage: None,
            metrics: None,
        };
        let mut database = crate::state::lock(self.history);
        if let Err(error) = database.finish_run(&run_id, end) {
            eprintln!("history: could not save the end of run {run_id}: {error}");
        }
        if let Some(session) = &outcome.session_id {
            crate::state::lock(&SESSION_RUNS).insert(session.clone(), run_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_bedrockagentruntime::config::{BehaviorVersion, Credentials, Region};
    use bedrock_client::chat::InferenceParams;
    use bedrock_client::knowledge::{RetrievalSettings, retrieve_and_generate_stream};
    use bedrock_emulator::{Emulator, EmulatorConfig};
    use tokio_util::sync::CancellationToken;

    use super::*;

    const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";

    fn origin() -> RunOrigin {
        RunOrigin {
            profile_id: "emulator".into(),
            profile_name: "Emulator".into(),
            region: "us-east-1".into(),
        }
    }

    #[test]
    fn a_generated_answer_and_its_follow_up_are_one_conversation_in_the_history() {
        tauri::async_runtime::block_on(async {
            let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
            let config = aws_sdk_bedrockagentruntime::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .endpoint_url(emulator.endpoint_url())
                .credentials_provider(Credentials::new("AKIATEST", "secret", None, None, "test"))
                .build();
            let runtime = aws_sdk_bedrockagentruntime::Client::from_conf(config);
            let agent_config = aws_sdk_bedrockagent::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(aws_sdk_bedrockagent::config::Region::new("us-east-1"))
                .endpoint_url(emulator.endpoint_url())
                .credentials_provider(Credentials::new("AKIATEST", "secret", None, None, "test"))
                .build();
            let agent = aws_sdk_bedrockagent::Client::from_conf(agent_config);
            let kb = bedrock_client::knowledge::list_knowledge_bases(&agent)
                .await
                .unwrap()
                .into_iter()
                .find(|k| k.name == "bedrock-playground-handbook")
                .unwrap()
                .knowledge_base_id;
            let history = Mutex::new(Database::open_in_memory().unwrap());
            let mut request = GenerateRequest {
                knowledge_base_id: kb,
                question: "How are runs saved in the history?".into(),
                session_id: None,
                model_id: HAIKU.into(),
                account_id: None,
                retrieval: RetrievalSettings::default(),
                prompt_template: None,
                inference: InferenceParams::default(),
                guardrail: None,
                query_decomposition: false,
            };
            let turn = async |request: &GenerateRequest| {
                let mut recorder = KnowledgeRecorder::start(&history, origin(), request);
                let run_id = recorder.run_id().unwrap().to_owned();
                let mut sink = |event: KnowledgeEvent| {
                    recorder.observe(&event);
                    true
                };
                let outcome = retrieve_and_generate_stream(
                    &runtime,
                    request,
                    &mut sink,
                    &CancellationToken::new(),
                )
                .await;
                recorder.finish(&outcome);
                (run_id, outcome)
            };
            let (first_id, first) = turn(&request).await;
            assert!(first.error.is_none(), "{:?}", first.error);
            assert!(!first.text.is_empty());
            request.question = "And when the app is killed?".into();
            request.session_id = first.session_id.clone();
            let (second_id, second) = turn(&request).await;
            assert!(second.error.is_none(), "{:?}", second.error);

            let database = crate::state::lock(&history);
            let listed = database.list_conversations(None, 10, 0).unwrap();
            assert_eq!(
                listed.len(),
                1,
                "a follow-up joins its session's conversation"
            );
            assert_eq!(listed[0].run_count, 2);
            let conversation = database.conversation(&listed[0].id).unwrap();
            let run = &conversation.runs[0];
            assert_eq!(run.id, first_id);
            assert_eq!(run.answer_text, first.text);
            assert_eq!(run.status, RunStatus::Done);
            assert_eq!(run.user_text, "How are runs saved in the history?");
            assert_eq!(run.model_id, HAIKU);
            let stored: serde_json::Value = serde_json::from_str(&run.request_json).unwrap();
            assert_eq!(stored["operation"], OPERATION);
            assert_eq!(stored["question"], "How are runs saved in the history?");
            assert!(conversation.summary.title.starts_with(TITLE_PREFIX));
            let ids: Vec<&str> = conversation.runs.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(ids, [first_id.as_str(), second_id.as_str()]);
            assert_eq!(conversation.runs[1].answer_text, second.text);
        });
    }
}
