//! RetrieveAndGenerate(Stream): a cited answer from a knowledge base, streamed as typed events,
//! cancellable, follow-ups in the same session.

use aws_sdk_bedrockagentruntime::Client;
use aws_sdk_bedrockagentruntime::types::{
    Citation, GeneratedResponsePart, GenerationConfiguration, GuardrailConfiguration,
    InferenceConfig, KnowledgeBaseRetrieveAndGenerateConfiguration, OrchestrationConfiguration,
    PromptTemplate, QueryTransformationConfiguration, QueryTransformationType,
    RetrieveAndGenerateConfiguration, RetrieveAndGenerateInput,
    RetrieveAndGenerateStreamResponseOutput, RetrieveAndGenerateType, RetrievedReference,
    TextInferenceConfig,
};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::arn::{is_inference_profile, model_arn};
use super::errors::{from_knowledge_stream_error, knowledge_error};
use super::prompt::{LintSeverity, prompt_template_lint};
use super::retrieve::{
    RetrievalSettings, RetrievedChunk, reference_chunk, region_of, retrieval_configuration,
};
use crate::chat::InferenceParams;
use crate::error::{ClientError, ErrorCode};

pub const MAX_QUESTION_CHARS: usize = 1000;
const MAX_STOP_SEQUENCES: usize = 4;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuardrailSettings {
    pub guardrail_id: String,
    /// A version number or `DRAFT`.
    pub guardrail_version: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateRequest {
    pub knowledge_base_id: String,
    pub question: String,
    /// The session of an earlier answer, for a follow-up; the service makes new ones.
    pub session_id: Option<String>,
    /// A model ID, an inference-profile ID or an ARN.
    pub model_id: String,
    /// The account of the profile, needed for inference-profile ARNs (see `AccountIds`).
    pub account_id: Option<String>,
    #[serde(default)]
    pub retrieval: RetrievalSettings,
    /// The generation prompt template; Bedrock's own when absent.
    pub prompt_template: Option<String>,
    #[serde(default)]
    pub inference: InferenceParams,
    pub guardrail: Option<GuardrailSettings>,
    #[serde(default)]
    pub query_decomposition: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextSpan {
    /// Character offsets into the answer, end exclusive.
    pub start: i32,
    pub end: i32,
}

/// A part of the answer and the chunks it cites.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CitationInfo {
    pub text: String,
    pub span: Option<TextSpan>,
    pub references: Vec<RetrievedChunk>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum KnowledgeEvent {
    /// The session id, from the `x-amzn-bedrock-knowledge-base-session-id` header.
    Started {
        session_id: String,
    },
    Output {
        text: String,
    },
    Citation {
        citation: CitationInfo,
    },
    /// `INTERVENED` or `NONE`.
    Guardrail {
        action: String,
    },
    Failed {
        error: ClientError,
    },
    Finished {
        session_id: String,
    },
}

/// Where the events go: a Tauri channel in the app, a vector in tests.
pub trait KnowledgeSink {
    /// Deliver one event; `false` means nobody listens any more and the stream should stop.
    fn deliver(&mut self, event: KnowledgeEvent) -> bool;
}

impl KnowledgeSink for Vec<KnowledgeEvent> {
    fn deliver(&mut self, event: KnowledgeEvent) -> bool {
        self.push(event);
        true
    }
}

impl<F: FnMut(KnowledgeEvent) -> bool> KnowledgeSink for F {
    fn deliver(&mut self, event: KnowledgeEvent) -> bool {
        self(event)
    }
}

/// What one answer came to; kept when it failed or was cancelled midway.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateOutcome {
    pub session_id: Option<String>,
    pub text: String,
    pub citations: Vec<CitationInfo>,
    pub guardrail_action: Option<String>,
    pub cancelled: bool,
    pub error: Option<ClientError>,
}

fn invalid(message: impl Into<String>) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message)
        .with_hint("Adjust the setting named in the message; Bedrock would reject the request.")
}

impl GenerateRequest {
    /// The request's `retrieveAndGenerateConfiguration`, checked before anything is sent.
    pub fn configuration(
        &self,
        region: &str,
    ) -> Result<RetrieveAndGenerateConfiguration, ClientError> {
        if self.question.trim().is_empty() {
            return Err(invalid("Type a question first."));
        }
        if self.question.chars().count() > MAX_QUESTION_CHARS {
            return Err(invalid(format!(
                "The question is longer than RetrieveAndGenerate allows ({MAX_QUESTION_CHARS} characters)."
            )));
        }
        let model = self.model_id.trim();
        if model.is_empty() {
            return Err(invalid("Pick a model to generate the answer."));
        }
        if is_inference_profile(model) && self.account_id.is_none() {
            return Err(invalid(format!(
                "{model} is an inference profile: its ARN needs the account id (from STS)."
            )));
        }
        let arn = model_arn(
            region,
            model,
            self.account_id.as_deref().unwrap_or_default(),
        );
        let mut kb = KnowledgeBaseRetrieveAndGenerateConfiguration::builder()
            .knowledge_base_id(self.knowledge_base_id.trim())
            .model_arn(arn)
            .retrieval_configuration(retrieval_configuration(&self.retrieval, region)?)
            .generation_configuration(self.generation()?);
        if self.query_decomposition {
            kb = kb.orchestration_configuration(
                OrchestrationConfiguration::builder()
                    .query_transformation_configuration(
                        QueryTransformationConfiguration::builder()
                            .r#type(QueryTransformationType::QueryDecomposition)
                            .build()
                            .map_err(|e| invalid(e.to_string()))?,
                    )
                    .build(),
            );
        }
        RetrieveAndGenerateConfiguration::builder()
            .r#type(RetrieveAndGenerateType::KnowledgeBase)
            .knowledge_base_configuration(kb.build().map_err(|e| invalid(e.to_string()))?)
            .build()
            .map_err(|e| invalid(e.to_string()))
    }

    fn generation(&self) -> Result<GenerationConfiguration, ClientError> {
        let mut generation = GenerationConfiguration::builder();
        if let Some(template) = self
            .prompt_template
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        {
            if let Some(error) = prompt_template_lint(template)
                .into_iter()
                .find(|l| l.severity == LintSeverity::Error)
            {
                return Err(invalid(error.message));
            }
            generation = generation.prompt_template(
                PromptTemplate::builder()
                    .text_prompt_template(template)
                    .build(),
            );
        }
        let params = &self.inference;
        if params.stop_sequences.len() > MAX_STOP_SEQUENCES {
            return Err(invalid(format!(
                "At most {MAX_STOP_SEQUENCES} stop sequences, got {}.",
                params.stop_sequences.len()
            )));
        }
        for (name, value) in [("Temperature", params.temperature), ("Top P", params.top_p)] {
            if value.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                return Err(invalid(format!("{name} must be between 0 and 1.")));
            }
        }
        if params
            .max_tokens
            .is_some_and(|n| !(0..=65_536).contains(&n))
        {
            return Err(invalid("Max tokens must be between 0 and 65536."));
        }
        let has_params = params.max_tokens.is_some()
            || params.temperature.is_some()
            || params.top_p.is_some()
            || !params.stop_sequences.is_empty();
        if has_params {
            let text = TextInferenceConfig::builder()
                .set_max_tokens(params.max_tokens)
                .set_temperature(params.temperature)
                .set_top_p(params.top_p)
                .set_stop_sequences(
                    (!params.stop_sequences.is_empty()).then(|| params.stop_sequences.clone()),
                )
                .build();
            generation = generation.inference_config(
                InferenceConfig::builder()
                    .text_inference_config(text)
                    .build(),
            );
        }
        if let Some(guardrail) = &self.guardrail {
            generation = generation.guardrail_configuration(
                GuardrailConfiguration::builder()
                    .guardrail_id(guardrail.guardrail_id.trim())
                    .guardrail_version(guardrail.guardrail_version.trim())
                    .build()
                    .map_err(|e| invalid(e.to_string()))?,
            );
        }
        Ok(generation.build())
    }

    fn input(&self) -> Result<RetrieveAndGenerateInput, ClientError> {
        RetrieveAndGenerateInput::builder()
            .text(&self.question)
            .build()
            .map_err(|e| invalid(e.to_string()))
    }
}

pub(crate) fn citation_info(
    part: Option<&GeneratedResponsePart>,
    references: &[RetrievedReference],
) -> CitationInfo {
    let text_part = part.and_then(|p| p.text_response_part());
    CitationInfo {
        text: text_part
            .and_then(|t| t.text())
            .unwrap_or_default()
            .to_owned(),
        span: text_part.and_then(|t| t.span()).map(|s| TextSpan {
            start: s.start().unwrap_or_default(),
            end: s.end().unwrap_or_default(),
        }),
        references: references
            .iter()
            .enumerate()
            .map(|(i, r)| reference_chunk(i, r))
            .collect(),
    }
}

fn citation_of(citation: &Citation) -> CitationInfo {
    citation_info(
        citation.generated_response_part(),
        citation.retrieved_references(),
    )
}

/// RetrieveAndGenerate in one response.
pub async fn retrieve_and_generate(
    runtime: &Client,
    request: &GenerateRequest,
) -> Result<GenerateOutcome, ClientError> {
    let configuration = request.configuration(&region_of(runtime))?;
    let output = runtime
        .retrieve_and_generate()
        .input(request.input()?)
        .set_session_id(request.session_id.clone())
        .retrieve_and_generate_configuration(configuration)
        .send()
        .await
        .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
    Ok(GenerateOutcome {
        session_id: Some(output.session_id().to_owned()),
        text: output
            .output()
            .map(|o| o.text().to_owned())
            .unwrap_or_default(),
        citations: output.citations().iter().map(citation_of).collect(),
        guardrail_action: output.guardrail_action().map(|a| a.as_str().to_owned()),
        cancelled: false,
        error: None,
    })
}

/// RetrieveAndGenerateStream, its events delivered to `sink` as they arrive: `started`, then
/// `output` and `citation` (and `guardrail`) in the order Bedrock sends them, then `finished`
/// or `failed`. Cancelling the token drops the HTTP stream at once; no event follows.
pub async fn retrieve_and_generate_stream(
    runtime: &Client,
    request: &GenerateRequest,
    sink: &mut dyn KnowledgeSink,
    cancel: &CancellationToken,
) -> GenerateOutcome {
    let mut outcome = GenerateOutcome::default();
    let prepared = request
        .configuration(&region_of(runtime))
        .and_then(|config| Ok((config, request.input()?)));
    let (configuration, input) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => return fail(outcome, sink, error),
    };
    let send = runtime
        .retrieve_and_generate_stream()
        .input(input)
        .set_session_id(request.session_id.clone())
        .retrieve_and_generate_configuration(configuration)
        .send();
    let output = tokio::select! {
        biased;
        () = cancel.cancelled() => return cancelled(outcome),
        sent = send => match sent {
            Ok(output) => output,
            Err(error) => return fail(outcome, sink, knowledge_error(ClientError::from_sdk(error))),
        },
    };
    let session_id = output.session_id().to_owned();
    outcome.session_id = Some(session_id.clone());
    if !sink.deliver(KnowledgeEvent::Started {
        session_id: session_id.clone(),
    }) {
        return cancelled(outcome);
    }
    let mut stream = output.stream;
    loop {
        let next = tokio::select! {
            biased;
            () = cancel.cancelled() => return cancelled(outcome),
            next = stream.recv() => next,
        };
        let event = match next {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(error) => return fail(outcome, sink, from_knowledge_stream_error(error)),
        };
        let event = match event {
            RetrieveAndGenerateStreamResponseOutput::Output(piece) => {
                outcome.text.push_str(piece.text());
                KnowledgeEvent::Output {
                    text: piece.text().to_owned(),
                }
            }
            RetrieveAndGenerateStreamResponseOutput::Citation(event) => {
                let citation = citation_info(
                    event.generated_response_part(),
                    event.retrieved_references(),
                );
                outcome.citations.push(citation.clone());
                KnowledgeEvent::Citation { citation }
            }
            RetrieveAndGenerateStreamResponseOutput::Guardrail(event) => {
                let action = event.action().map_or("NONE", |a| a.as_str()).to_owned();
                outcome.guardrail_action = Some(action.clone());
                KnowledgeEvent::Guardrail { action }
            }
            _ => continue,
        };
        if !sink.deliver(event) {
            return cancelled(outcome);
        }
    }
    sink.deliver(KnowledgeEvent::Finished { session_id });
    outcome
}

fn fail(
    mut outcome: GenerateOutcome,
    sink: &mut dyn KnowledgeSink,
    error: ClientError,
) -> GenerateOutcome {
    sink.deliver(KnowledgeEvent::Failed {
        error: error.clone(),
    });
    outcome.error = Some(error);
    outcome
}

fn cancelled(mut outcome: GenerateOutcome) -> GenerateOutcome {
    outcome.cancelled = true;
    outcome
}
