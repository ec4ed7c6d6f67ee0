//! Fault injection and response shaping, per request (a header) or per rule (the control API).
//!
//! Header `x-bedrock-emulator: fault=throttling; after=10; output-tokens=200; pace-ms=0`.
//! `fault=guardrail-intervened` makes knowledge-base answers come back blocked by a guardrail.

use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::wire::error::{ApiError, ErrorKind};
use crate::wire::response::Interruption;

pub const BEHAVIOUR_HEADER: &str = "x-bedrock-emulator";

/// What goes wrong with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Answer at once with this error.
    Error(ErrorKind),
    /// Wait, then answer ModelTimeoutException.
    Timeout,
    /// A stream that fails midway with an exception frame of this kind.
    StreamException(ErrorKind),
    /// A stream whose connection drops midway.
    Drop,
    /// Knowledge-base answers: the guardrail intervenes and the blocked message is the output.
    GuardrailIntervened,
}

impl Fault {
    pub fn parse(name: &str, error: Option<&str>) -> Result<Self, String> {
        let stream_error = || {
            error
                .map(|e| ErrorKind::from_name(e).ok_or_else(|| format!("unknown error kind {e:?}")))
                .unwrap_or(Ok(ErrorKind::ModelStreamError))
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "timeout" | "model-timeout" => Ok(Self::Timeout),
            "stream-error" | "stream-exception" => Ok(Self::StreamException(stream_error()?)),
            "drop" | "drop-connection" => Ok(Self::Drop),
            "guardrail-intervened" | "guardrail" => Ok(Self::GuardrailIntervened),
            other => ErrorKind::from_name(other)
                .map(Self::Error)
                .ok_or_else(|| format!("unknown fault {other:?}")),
        }
    }
}

/// How one request is to be answered, beyond what it asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Behaviour {
    pub fault: Option<Fault>,
    /// For stream faults: how many frames go out before the failure.
    pub after_frames: Option<usize>,
    /// For timeouts: how long before the error.
    pub delay: Option<Duration>,
    pub first_byte_delay: Option<Duration>,
    pub pace: Option<Duration>,
    pub output_tokens: Option<u32>,
}

impl Behaviour {
    /// Parse the `x-bedrock-emulator` header.
    pub fn parse_header(value: &str) -> Result<Self, String> {
        let mut spec = RuleSpec::default();
        for pair in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, val) = pair
                .split_once('=')
                .ok_or_else(|| format!("expected key=value, got {pair:?}"))?;
            let (key, val) = (key.trim(), val.trim());
            let number = || {
                val.parse::<u64>()
                    .map_err(|_| format!("{key} needs a number, got {val:?}"))
            };
            match key {
                "fault" => spec.fault = Some(val.to_owned()),
                "error" => spec.error = Some(val.to_owned()),
                "after" => spec.after = Some(number()? as usize),
                "delay-ms" => spec.delay_ms = Some(number()?),
                "first-byte-ms" => spec.first_byte_ms = Some(number()?),
                "pace-ms" => spec.pace_ms = Some(number()?),
                "output-tokens" => {
                    spec.output_tokens = Some(u32::try_from(number()?).unwrap_or(u32::MAX))
                }
                other => return Err(format!("unknown key {other:?}")),
            }
        }
        spec.behaviour()
    }

    /// Later values win where both say something.
    pub fn overlay(self, later: Behaviour) -> Behaviour {
        Behaviour {
            fault: later.fault.or(self.fault),
            after_frames: later.after_frames.or(self.after_frames),
            delay: later.delay.or(self.delay),
            first_byte_delay: later.first_byte_delay.or(self.first_byte_delay),
            pace: later.pace.or(self.pace),
            output_tokens: later.output_tokens.or(self.output_tokens),
        }
    }

    /// The error to answer before doing any work, if the fault is one.
    pub fn immediate_error(&self) -> Option<ApiError> {
        match self.fault {
            Some(Fault::Error(kind)) => Some(fault_error(kind)),
            _ => None,
        }
    }

    /// How a streamed response of `frames` frames is cut short, if it is. An injected error
    /// that is not one of the stream's modeled exception `members` goes out as an internal error,
    /// which every Bedrock stream models, so clients can still decode it.
    pub fn interruption(&self, frames: usize, members: &[ErrorKind]) -> Option<Interruption> {
        let after = self.after_frames.unwrap_or(frames / 2).min(frames);
        match self.fault {
            Some(Fault::StreamException(kind)) => {
                let error = if members.contains(&kind) {
                    fault_error(kind)
                } else {
                    ApiError::new(
                        ErrorKind::InternalServer,
                        format!("{} (injected fault)", kind.default_message()),
                    )
                };
                Some(Interruption::ExceptionAfter(after, error))
            }
            Some(Fault::Drop) => Some(Interruption::DropAfter(after)),
            _ => None,
        }
    }
}

fn fault_error(kind: ErrorKind) -> ApiError {
    let error = ApiError::of(kind);
    match kind {
        ErrorKind::ModelStreamError | ErrorKind::ModelError => error
            .with_field("originalStatusCode", serde_json::json!(500))
            .with_field(
                "originalMessage",
                serde_json::json!("The emulated model failed (injected fault)."),
            ),
        ErrorKind::DependencyFailed | ErrorKind::BadGateway => {
            error.with_field("resourceName", serde_json::json!("Amazon Bedrock"))
        }
        _ => error,
    }
}

/// A fault rule as the control API takes it (camelCase JSON).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleSpec {
    /// Applies to calls whose model identifier contains this text.
    pub model: Option<String>,
    /// Applies to this operation only (e.g. `ConverseStream`).
    pub operation: Option<String>,
    pub fault: Option<String>,
    pub error: Option<String>,
    pub after: Option<usize>,
    pub delay_ms: Option<u64>,
    pub first_byte_ms: Option<u64>,
    pub pace_ms: Option<u64>,
    pub output_tokens: Option<u32>,
    /// How many matching requests the rule applies to; unlimited when absent.
    pub times: Option<u32>,
}

impl RuleSpec {
    pub fn behaviour(&self) -> Result<Behaviour, String> {
        let fault = self
            .fault
            .as_deref()
            .map(|f| Fault::parse(f, self.error.as_deref()))
            .transpose()?;
        let ms = |v: Option<u64>| v.map(Duration::from_millis);
        Ok(Behaviour {
            fault,
            after_frames: self.after,
            delay: ms(self.delay_ms),
            first_byte_delay: ms(self.first_byte_ms),
            pace: ms(self.pace_ms),
            output_tokens: self.output_tokens,
        })
    }

    fn matches(&self, operation: &str, model: Option<&str>) -> bool {
        let operation_ok = self
            .operation
            .as_deref()
            .is_none_or(|op| op.eq_ignore_ascii_case(operation));
        let model_ok = match (&self.model, model) {
            (None, _) => true,
            (Some(wanted), Some(model)) => model.contains(wanted.as_str()),
            (Some(_), None) => false,
        };
        operation_ok && model_ok
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: u64,
    #[serde(flatten)]
    pub spec: RuleSpec,
    /// How many requests the rule has applied to.
    pub applied: u32,
}

/// The fault rules in force.
#[derive(Default)]
pub struct FaultBook {
    rules: Mutex<(u64, Vec<Rule>)>,
}

impl FaultBook {
    pub fn add(&self, spec: RuleSpec) -> Result<Rule, String> {
        spec.behaviour()?;
        let mut guard = self.rules.lock().expect("fault rules lock");
        guard.0 += 1;
        let rule = Rule {
            id: guard.0,
            spec,
            applied: 0,
        };
        guard.1.push(rule.clone());
        Ok(rule)
    }

    pub fn list(&self) -> Vec<Rule> {
        self.rules.lock().expect("fault rules lock").1.clone()
    }

    pub fn clear(&self) {
        self.rules.lock().expect("fault rules lock").1.clear();
    }

    pub fn remove(&self, id: u64) -> bool {
        let mut guard = self.rules.lock().expect("fault rules lock");
        let before = guard.1.len();
        guard.1.retain(|r| r.id != id);
        guard.1.len() != before
    }

    /// The behaviour of the first rule matching this call; a rule with `times` is used up.
    pub fn take(&self, operation: &str, model: Option<&str>) -> Behaviour {
        let mut guard = self.rules.lock().expect("fault rules lock");
        let rules = &mut guard.1;
        let Some(index) = rules.iter().position(|r| r.spec.matches(operation, model)) else {
            return Behaviour::default();
        };
        let rule = &mut rules[index];
        rule.applied += 1;
        let behaviour = rule.spec.behaviour().unwrap_or_default();
        if rule.spec.times.is_some_and(|times| rule.applied >= times) {
            rules.remove(index);
        }
        behaviour
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_header() {
        let b = Behaviour::parse_header("fault=stream-error; error=throttling; after=3; pace-ms=0")
            .unwrap();
        assert_eq!(b.fault, Some(Fault::StreamException(ErrorKind::Throttling)));
        assert_eq!(b.after_frames, Some(3));
        assert_eq!(b.pace, Some(Duration::ZERO));
        assert!(Behaviour::parse_header("fault=nonsense").is_err());
        assert!(Behaviour::parse_header("colour=blue").is_err());
    }

    #[test]
    fn parses_guardrail_and_knowledge_stream_faults() {
        let b = Behaviour::parse_header("fault=guardrail-intervened").unwrap();
        assert_eq!(b.fault, Some(Fault::GuardrailIntervened));
        assert!(b.immediate_error().is_none());
        for (name, kind) in [
            ("bad-gateway", ErrorKind::BadGateway),
            ("dependencyFailed", ErrorKind::DependencyFailed),
        ] {
            let b = Behaviour::parse_header(&format!("fault=stream-error; error={name}")).unwrap();
            let Some(Interruption::ExceptionAfter(_, error)) = b.interruption(4, &[kind]) else {
                panic!("an exception frame");
            };
            assert_eq!(error.kind, kind);
            assert_eq!(error.extra["resourceName"], "Amazon Bedrock");
        }
    }

    #[test]
    fn stream_errors_outside_the_stream_union_become_internal_errors() {
        let behaviour =
            Behaviour::parse_header("fault=stream-error; error=access-denied; after=2").unwrap();
        let Some(Interruption::ExceptionAfter(2, error)) =
            behaviour.interruption(10, &[ErrorKind::Throttling])
        else {
            panic!("an exception after two frames");
        };
        assert_eq!(error.kind, ErrorKind::InternalServer);
        let throttled = Behaviour::parse_header("fault=stream-error; error=throttling").unwrap();
        let Some(Interruption::ExceptionAfter(5, error)) =
            throttled.interruption(10, &[ErrorKind::Throttling])
        else {
            panic!("an exception halfway");
        };
        assert_eq!(error.kind, ErrorKind::Throttling);
    }

    #[test]
    fn rules_with_times_are_used_up() {
        let book = FaultBook::default();
        book.add(RuleSpec {
            fault: Some("throttling".into()),
            times: Some(2),
            model: Some("haiku".into()),
            ..RuleSpec::default()
        })
        .unwrap();
        assert!(
            book.take("Converse", Some("anthropic.claude-3-sonnet"))
                .fault
                .is_none()
        );
        assert!(
            book.take("Converse", Some("anthropic.claude-3-haiku"))
                .fault
                .is_some()
        );
        assert!(
            book.take("Converse", Some("anthropic.claude-3-haiku"))
                .fault
                .is_some()
        );
        assert!(
            book.take("Converse", Some("anthropic.claude-3-haiku"))
                .fault
                .is_none()
        );
        assert!(book.list().is_empty());
    }
}
