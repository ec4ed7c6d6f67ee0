//! The member constraints of botocore's `bedrock-agent-runtime` 2023-07-26 model (lengths,
//! ranges, patterns, enums), checked all at once and reported in the service's wording:
//! `1 validation error detected: Value '5' at 'path' failed to satisfy constraint: ...`, or
//! `2 validation errors detected: ...; ...`. Members under a shape the model marks sensitive are
//! reported without their value (`Value at 'input.text' ...`).

use serde_json::Value;

use crate::wire::error::{ApiError, ApiResult};

pub const SESSION_ID_PATTERN: &str = "^[0-9a-zA-Z._:-]+$";
pub const KNOWLEDGE_BASE_ID_PATTERN: &str = "^[0-9a-zA-Z]+$";
pub const KNOWLEDGE_BASE_IDENTIFIER_PATTERN: &str = "^[0-9a-zA-Z]{10}$|^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:knowledge-base/[0-9a-zA-Z]{10}$";
pub const MODEL_ARN_PATTERN: &str = "^(arn:aws(-[^:]+)?:(bedrock|sagemaker):[a-z0-9-]{1,20}:([0-9]{12})?:([a-z-]+/)?)?([a-z0-9.-]{1,63}){0,2}(([:][a-z0-9-]{1,63}){0,2})?(/[a-z0-9]{1,12})?$";
pub const RERANKING_MODEL_ARN_PATTERN: &str =
    "^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/(.*))?$";
const GUARDRAIL_ID_PATTERN: &str = "^[a-z0-9]+$";
const GUARDRAIL_VERSION_PATTERN: &str = "^(([1-9][0-9]{0,7})|(DRAFT))$";
const NEXT_TOKEN_PATTERN: &str = "^\\S*$";

/// The constraint failures found in one request, in the order of the model's members.
#[derive(Debug, Default)]
pub struct Violations(Vec<String>);

impl Violations {
    fn push(&mut self, value: Option<String>, path: &str, constraint: &str) {
        let value = match value {
            Some(value) => format!("Value '{value}' at"),
            None => "Value at".to_owned(),
        };
        self.0.push(format!(
            "{value} '{path}' failed to satisfy constraint: {constraint}"
        ));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A string's character count, or a list's length, within `min..=max`.
    pub fn length(&mut self, value: Option<&Value>, path: &str, min: usize, max: Option<usize>) {
        self.length_of(value, path, min, max, false);
    }

    pub fn sensitive_length(
        &mut self,
        value: Option<&Value>,
        path: &str,
        min: usize,
        max: Option<usize>,
    ) {
        self.length_of(value, path, min, max, true);
    }

    fn length_of(
        &mut self,
        value: Option<&Value>,
        path: &str,
        min: usize,
        max: Option<usize>,
        sensitive: bool,
    ) {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return;
        };
        let length = match value {
            Value::String(text) => text.chars().count(),
            Value::Array(items) => items.len(),
            _ => return,
        };
        let shown = (!sensitive).then(|| render(value));
        if length < min {
            self.push(
                shown,
                path,
                &format!("Member must have length greater than or equal to {min}"),
            );
        } else if let Some(max) = max.filter(|max| length > *max) {
            self.push(
                shown,
                path,
                &format!("Member must have length less than or equal to {max}"),
            );
        }
    }

    /// A number within `min..=max`.
    pub fn range(&mut self, value: Option<&Value>, path: &str, min: f64, max: Option<f64>) {
        self.range_shown(value, path, min, max, render);
    }

    /// A `Float` member within `min..=max`, its value shown as Java prints a float (`2.0`).
    pub fn float_range(&mut self, value: Option<&Value>, path: &str, min: f64, max: Option<f64>) {
        self.range_shown(value, path, min, max, java_float);
    }

    fn range_shown(
        &mut self,
        value: Option<&Value>,
        path: &str,
        min: f64,
        max: Option<f64>,
        show: fn(&Value) -> String,
    ) {
        let Some(number) = value.and_then(Value::as_f64) else {
            return;
        };
        let shown = value.map(show);
        if number < min {
            self.push(
                shown,
                path,
                &format!(
                    "Member must have value greater than or equal to {}",
                    plain(min)
                ),
            );
        } else if let Some(max) = max.filter(|max| number > *max) {
            self.push(
                shown,
                path,
                &format!(
                    "Member must have value less than or equal to {}",
                    plain(max)
                ),
            );
        }
    }

    pub fn pattern(
        &mut self,
        value: Option<&Value>,
        path: &str,
        pattern: &str,
        matches: fn(&str) -> bool,
    ) {
        if let Some(text) = value.and_then(Value::as_str)
            && !matches(text)
        {
            self.push(
                Some(text.to_owned()),
                path,
                &format!("Member must satisfy regular expression pattern: {pattern}"),
            );
        }
    }

    pub fn one_of(&mut self, value: Option<&Value>, path: &str, allowed: &[&str]) {
        if let Some(text) = value.and_then(Value::as_str)
            && !allowed.contains(&text)
        {
            self.push(
                Some(text.to_owned()),
                path,
                &format!(
                    "Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                ),
            );
        }
    }

    pub fn into_result(self) -> ApiResult<()> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(ApiError::validation(format!(
                "1 validation error detected: {}",
                self.0[0]
            ))),
            n => Err(ApiError::validation(format!(
                "{n} validation errors detected: {}",
                self.0.join("; ")
            ))),
        }
    }
}

/// A value as the service prints it: strings bare, lists as `[a, b]`.
fn render(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(render).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

fn java_float(value: &Value) -> String {
    match value.as_f64() {
        Some(number) if number.fract() == 0.0 => format!("{number:.1}"),
        _ => render(value),
    }
}

fn plain(number: f64) -> String {
    if number.fract() == 0.0 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

fn field<'a>(parent: Option<&'a Value>, member: &str) -> Option<&'a Value> {
    parent?.get(member).filter(|v| !v.is_null())
}

fn all(text: &str, allowed: fn(char) -> bool) -> bool {
    text.chars().all(allowed)
}

fn lower_or_digit(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

pub fn is_session_id(text: &str) -> bool {
    !text.is_empty() && all(text, |c| c.is_ascii_alphanumeric() || "._:-".contains(c))
}

pub fn is_knowledge_base_id(text: &str) -> bool {
    !text.is_empty() && all(text, |c| c.is_ascii_alphanumeric())
}

fn is_ten_alphanumerics(text: &str) -> bool {
    text.len() == 10 && all(text, |c| c.is_ascii_alphanumeric())
}

/// `arn:aws` plus an optional `-partition`, then `:`; the rest of the ARN.
fn after_partition(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("arn:aws")?;
    let rest = match rest.strip_prefix('-') {
        Some(partition) => {
            let end = partition.find(':')?;
            (end > 0).then(|| &partition[end..])?
        }
        None => rest,
    };
    rest.strip_prefix(':')
}

fn is_region(text: &str) -> bool {
    (1..=20).contains(&text.len()) && all(text, |c| lower_or_digit(c) || c == '-')
}

/// The id of a knowledge base named by id or by ARN, if the identifier fits the model's pattern.
pub fn knowledge_base_of(identifier: &str) -> Option<&str> {
    if is_ten_alphanumerics(identifier) {
        return Some(identifier);
    }
    let rest = after_partition(identifier)?.strip_prefix("bedrock:")?;
    let (region, rest) = rest.split_once(':')?;
    let (account, id) = rest.split_once(':')?;
    let id = id.strip_prefix("knowledge-base/")?;
    (is_region(region)
        && account.len() == 12
        && all(account, |c| c.is_ascii_digit())
        && is_ten_alphanumerics(id))
    .then_some(id)
}

fn is_knowledge_base_identifier(text: &str) -> bool {
    knowledge_base_of(text).is_some()
}

/// `([a-z0-9.-]{1,63}){0,2}(([:][a-z0-9-]{1,63}){0,2})?(/[a-z0-9]{1,12})?`
fn is_model_name(text: &str) -> bool {
    let (main, suffix) = match text.rsplit_once('/') {
        Some((main, suffix)) => (main, Some(suffix)),
        None => (text, None),
    };
    if let Some(suffix) = suffix
        && !((1..=12).contains(&suffix.len()) && all(suffix, lower_or_digit))
    {
        return false;
    }
    let mut parts = main.split(':');
    let name = parts.next().unwrap_or_default();
    let versions: Vec<&str> = parts.collect();
    name.len() <= 126
        && all(name, |c| lower_or_digit(c) || c == '.' || c == '-')
        && versions.len() <= 2
        && versions
            .iter()
            .all(|v| (1..=63).contains(&v.len()) && all(v, |c| lower_or_digit(c) || c == '-'))
}

/// The `BedrockModelArn` pattern: a model ID, or an ARN of bedrock or sagemaker.
pub fn is_model_arn(text: &str) -> bool {
    if is_model_name(text) {
        return true;
    }
    let Some(rest) = after_partition(text) else {
        return false;
    };
    let Some(rest) = rest
        .strip_prefix("bedrock:")
        .or_else(|| rest.strip_prefix("sagemaker:"))
    else {
        return false;
    };
    let Some((region, rest)) = rest.split_once(':') else {
        return false;
    };
    let Some((account, resource)) = rest.split_once(':') else {
        return false;
    };
    if !is_region(region) || !(account.is_empty() || account.len() == 12) {
        return false;
    }
    if !all(account, |c| c.is_ascii_digit()) {
        return false;
    }
    let typed = resource.split_once('/').is_some_and(|(kind, name)| {
        !kind.is_empty() && all(kind, |c| c.is_ascii_lowercase() || c == '-') && is_model_name(name)
    });
    typed || is_model_name(resource)
}

/// The `BedrockRerankingModelArn` pattern: empty, or a foundation-model ARN.
pub fn is_reranking_model_arn(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    let Some(rest) = after_partition(text).and_then(|r| r.strip_prefix("bedrock:")) else {
        return false;
    };
    rest.split_once("::foundation-model/")
        .is_some_and(|(region, _)| is_region(region))
}

fn is_guardrail_id(text: &str) -> bool {
    !text.is_empty() && all(text, lower_or_digit)
}

fn is_guardrail_version(text: &str) -> bool {
    text == "DRAFT"
        || (text.len() <= 8
            && text.starts_with(|c: char| ('1'..='9').contains(&c))
            && all(text, |c| c.is_ascii_digit()))
}

fn is_next_token(text: &str) -> bool {
    !text.chars().any(char::is_whitespace)
}

pub fn next_token(found: &mut Violations, request: &Value) {
    let token = field(Some(request), "nextToken");
    found.length(token, "nextToken", 1, Some(2048));
    found.pattern(token, "nextToken", NEXT_TOKEN_PATTERN, is_next_token);
}

fn guardrail(found: &mut Violations, parent: Option<&Value>, path: &str) {
    let Some(guardrail) = field(parent, "guardrailConfiguration") else {
        return;
    };
    let id = field(Some(guardrail), "guardrailId");
    let id_path = format!("{path}.guardrailConfiguration.guardrailId");
    found.length(id, &id_path, 0, Some(64));
    found.pattern(id, &id_path, GUARDRAIL_ID_PATTERN, is_guardrail_id);
    let version = field(Some(guardrail), "guardrailVersion");
    let version_path = format!("{path}.guardrailConfiguration.guardrailVersion");
    found.length(version, &version_path, 1, Some(5));
    found.pattern(
        version,
        &version_path,
        GUARDRAIL_VERSION_PATTERN,
        is_guardrail_version,
    );
}

fn prompt_template(found: &mut Violations, parent: Option<&Value>, path: &str) {
    let template = field(field(parent, "promptTemplate"), "textPromptTemplate");
    found.sensitive_length(
        template,
        &format!("{path}.promptTemplate.textPromptTemplate"),
        1,
        Some(4000),
    );
}

fn text_inference(found: &mut Violations, parent: Option<&Value>, path: &str) {
    let config = field(field(parent, "inferenceConfig"), "textInferenceConfig");
    let path = format!("{path}.inferenceConfig.textInferenceConfig");
    found.range(
        field(config, "maxTokens"),
        &format!("{path}.maxTokens"),
        0.0,
        Some(65_536.0),
    );
    let stops = field(config, "stopSequences");
    let stops_path = format!("{path}.stopSequences");
    found.length(stops, &stops_path, 0, Some(4));
    for (index, stop) in stops
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        found.length(
            Some(stop),
            &format!("{stops_path}.{}.member", index + 1),
            1,
            Some(1000),
        );
    }
    for member in ["temperature", "topP"] {
        found.float_range(
            field(config, member),
            &format!("{path}.{member}"),
            0.0,
            Some(1.0),
        );
    }
}

fn performance(found: &mut Violations, parent: Option<&Value>, path: &str) {
    found.one_of(
        field(field(parent, "performanceConfig"), "latency"),
        &format!("{path}.performanceConfig.latency"),
        &["standard", "optimized"],
    );
}

fn filter(found: &mut Violations, filter: &Value, path: &str) {
    let Some(members) = filter.as_object() else {
        return;
    };
    for (name, body) in members.iter().filter(|(_, v)| !v.is_null()) {
        let member_path = format!("{path}.{name}");
        if name == "andAll" || name == "orAll" {
            found.length(Some(body), &member_path, 2, None);
            for (index, item) in body.as_array().into_iter().flatten().enumerate() {
                self::filter(found, item, &format!("{member_path}.{}.member", index + 1));
            }
        } else {
            found.length(
                field(Some(body), "key"),
                &format!("{member_path}.key"),
                1,
                Some(100),
            );
        }
    }
}

/// A `KnowledgeBaseRetrievalConfiguration` at `path`.
pub fn retrieval_configuration(found: &mut Violations, configuration: Option<&Value>, path: &str) {
    let Some(vector) = field(configuration, "vectorSearchConfiguration") else {
        return;
    };
    let path = format!("{path}.vectorSearchConfiguration");
    if let Some(filter) = field(Some(vector), "filter") {
        self::filter(found, filter, &format!("{path}.filter"));
    }
    if let Some(implicit) = field(Some(vector), "implicitFilterConfiguration") {
        let implicit_path = format!("{path}.implicitFilterConfiguration");
        found.length(
            field(Some(implicit), "metadataAttributes"),
            &format!("{implicit_path}.metadataAttributes"),
            1,
            Some(25),
        );
        model_arn(
            found,
            field(Some(implicit), "modelArn"),
            &format!("{implicit_path}.modelArn"),
        );
    }
    found.range(
        field(Some(vector), "numberOfResults"),
        &format!("{path}.numberOfResults"),
        1.0,
        Some(100.0),
    );
    found.one_of(
        field(Some(vector), "overrideSearchType"),
        &format!("{path}.overrideSearchType"),
        &["HYBRID", "SEMANTIC"],
    );
    if let Some(reranking) = field(Some(vector), "rerankingConfiguration") {
        let reranking_path = format!("{path}.rerankingConfiguration");
        let bedrock = field(Some(reranking), "bedrockRerankingConfiguration");
        let bedrock_path = format!("{reranking_path}.bedrockRerankingConfiguration");
        let selection = field(field(bedrock, "metadataConfiguration"), "selectionMode");
        found.one_of(
            selection,
            &format!("{bedrock_path}.metadataConfiguration.selectionMode"),
            &["SELECTIVE", "ALL"],
        );
        let arn = field(field(bedrock, "modelConfiguration"), "modelArn");
        let arn_path = format!("{bedrock_path}.modelConfiguration.modelArn");
        found.length(arn, &arn_path, 1, Some(2048));
        found.pattern(
            arn,
            &arn_path,
            RERANKING_MODEL_ARN_PATTERN,
            is_reranking_model_arn,
        );
        found.range(
            field(bedrock, "numberOfRerankedResults"),
            &format!("{bedrock_path}.numberOfRerankedResults"),
            1.0,
            Some(100.0),
        );
        found.one_of(
            field(Some(reranking), "type"),
            &format!("{reranking_path}.type"),
            &["BEDROCK_RERANKING_MODEL"],
        );
    }
}

fn model_arn(found: &mut Violations, arn: Option<&Value>, path: &str) {
    found.length(arn, path, 1, Some(2048));
    found.pattern(arn, path, MODEL_ARN_PATTERN, is_model_arn);
}

/// Retrieve: the URI's knowledge-base identifier and the body.
pub fn check_retrieve(knowledge_base_id: &str, request: &Value) -> ApiResult<()> {
    let mut found = Violations::default();
    guardrail(&mut found, Some(request), "");
    let id = Value::String(knowledge_base_id.to_owned());
    found.length(Some(&id), "knowledgeBaseId", 10, Some(2048));
    found.pattern(
        Some(&id),
        "knowledgeBaseId",
        KNOWLEDGE_BASE_IDENTIFIER_PATTERN,
        is_knowledge_base_identifier,
    );
    next_token(&mut found, request);
    retrieval_configuration(
        &mut found,
        field(Some(request), "retrievalConfiguration"),
        "retrievalConfiguration",
    );
    found.sensitive_length(
        field(field(Some(request), "retrievalQuery"), "text"),
        "retrievalQuery.text",
        0,
        Some(20_000),
    );
    found.one_of(
        field(field(Some(request), "retrievalQuery"), "type"),
        "retrievalQuery.type",
        &["TEXT", "IMAGE"],
    );
    found.into_result()
}

/// RetrieveAndGenerate and RetrieveAndGenerateStream (the same request shape).
pub fn check_retrieve_and_generate(request: &Value) -> ApiResult<()> {
    let mut found = Violations::default();
    found.sensitive_length(
        field(field(Some(request), "input"), "text"),
        "input.text",
        0,
        Some(1000),
    );
    let config = field(Some(request), "retrieveAndGenerateConfiguration");
    let config_path = "retrieveAndGenerateConfiguration";
    if let Some(kb) = field(config, "knowledgeBaseConfiguration") {
        let kb_path = format!("{config_path}.knowledgeBaseConfiguration");
        let generation = field(Some(kb), "generationConfiguration");
        let generation_path = format!("{kb_path}.generationConfiguration");
        guardrail(&mut found, generation, &generation_path);
        text_inference(&mut found, generation, &generation_path);
        performance(&mut found, generation, &generation_path);
        prompt_template(&mut found, generation, &generation_path);
        let id = field(Some(kb), "knowledgeBaseId");
        let id_path = format!("{kb_path}.knowledgeBaseId");
        found.length(id, &id_path, 0, Some(10));
        found.pattern(
            id,
            &id_path,
            KNOWLEDGE_BASE_ID_PATTERN,
            is_knowledge_base_id,
        );
        model_arn(
            &mut found,
            field(Some(kb), "modelArn"),
            &format!("{kb_path}.modelArn"),
        );
        let orchestration = field(Some(kb), "orchestrationConfiguration");
        let orchestration_path = format!("{kb_path}.orchestrationConfiguration");
        text_inference(&mut found, orchestration, &orchestration_path);
        performance(&mut found, orchestration, &orchestration_path);
        prompt_template(&mut found, orchestration, &orchestration_path);
        found.one_of(
            field(
                field(orchestration, "queryTransformationConfiguration"),
                "type",
            ),
            &format!("{orchestration_path}.queryTransformationConfiguration.type"),
            &["QUERY_DECOMPOSITION"],
        );
        retrieval_configuration(
            &mut found,
            field(Some(kb), "retrievalConfiguration"),
            &format!("{kb_path}.retrievalConfiguration"),
        );
    }
    found.one_of(
        field(config, "type"),
        &format!("{config_path}.type"),
        &["KNOWLEDGE_BASE", "EXTERNAL_SOURCES"],
    );
    let session = field(Some(request), "sessionId");
    found.length(session, "sessionId", 2, Some(100));
    found.pattern(session, "sessionId", SESSION_ID_PATTERN, is_session_id);
    found.into_result()
}

/// Rerank.
pub fn check_rerank(request: &Value) -> ApiResult<()> {
    let mut found = Violations::default();
    next_token(&mut found, request);
    let queries = field(Some(request), "queries");
    found.sensitive_length(queries, "queries", 1, Some(1));
    for (index, query) in queries
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("queries.{}.member", index + 1);
        found.sensitive_length(
            field(field(Some(query), "textQuery"), "text"),
            &format!("{path}.textQuery.text"),
            1,
            Some(32_000),
        );
        found.one_of(
            field(Some(query), "type"),
            &format!("{path}.type"),
            &["TEXT"],
        );
    }
    let reranking = field(Some(request), "rerankingConfiguration");
    let bedrock = field(reranking, "bedrockRerankingConfiguration");
    let bedrock_path = "rerankingConfiguration.bedrockRerankingConfiguration";
    model_arn(
        &mut found,
        field(field(bedrock, "modelConfiguration"), "modelArn"),
        &format!("{bedrock_path}.modelConfiguration.modelArn"),
    );
    found.range(
        field(bedrock, "numberOfResults"),
        &format!("{bedrock_path}.numberOfResults"),
        1.0,
        Some(1000.0),
    );
    found.one_of(
        field(reranking, "type"),
        "rerankingConfiguration.type",
        &["BEDROCK_RERANKING_MODEL"],
    );
    let sources = field(Some(request), "sources");
    found.sensitive_length(sources, "sources", 1, Some(1000));
    for (index, source) in sources
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("sources.{}.member", index + 1);
        let inline = field(Some(source), "inlineDocumentSource");
        found.sensitive_length(
            field(field(inline, "textDocument"), "text"),
            &format!("{path}.inlineDocumentSource.textDocument.text"),
            1,
            Some(32_000),
        );
        found.one_of(
            field(inline, "type"),
            &format!("{path}.inlineDocumentSource.type"),
            &["TEXT", "JSON"],
        );
        found.one_of(
            field(Some(source), "type"),
            &format!("{path}.type"),
            &["INLINE"],
        );
    }
    found.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patterns_follow_the_service_model() {
        for good in [
            "anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
        ] {
            assert!(is_model_arn(good), "{good}");
        }
        for bad in [
            "Anthropic.Claude",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic claude",
            "a:b:c:d",
        ] {
            assert!(!is_model_arn(bad), "{bad}");
        }
        assert!(is_reranking_model_arn(
            "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0"
        ));
        assert!(!is_reranking_model_arn("amazon.rerank-v1:0"));
        assert!(is_session_id("3f2a-b_c.d:e"));
        assert!(!is_session_id("has space"));
        assert_eq!(knowledge_base_of("ABCDE12345"), Some("ABCDE12345"));
        assert_eq!(
            knowledge_base_of("arn:aws:bedrock:us-east-1:123456789012:knowledge-base/ABCDE12345"),
            Some("ABCDE12345")
        );
        assert_eq!(knowledge_base_of("ABCDE1234"), None);
        assert!(is_guardrail_version("DRAFT") && is_guardrail_version("12"));
        assert!(!is_guardrail_version("0") && !is_guardrail_version("v1"));
    }

    #[test]
    fn several_violations_are_reported_together() {
        let error = check_retrieve_and_generate(&json!({
            "input": {"text": "x".repeat(1001)},
            "sessionId": "not valid!",
            "retrieveAndGenerateConfiguration": {"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {
                "knowledgeBaseId": "KB12345678", "modelArn": "anthropic.claude-3-haiku-20240307-v1:0",
                "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 0}}}}
        }))
        .unwrap_err();
        assert_eq!(
            error.message,
            "3 validation errors detected: \
             Value at 'input.text' failed to satisfy constraint: Member must have length less than or equal to 1000; \
             Value '0' at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.retrievalConfiguration.vectorSearchConfiguration.numberOfResults' failed to satisfy constraint: Member must have value greater than or equal to 1; \
             Value 'not valid!' at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z._:-]+$"
        );
    }

    #[test]
    fn one_violation_is_worded_in_the_singular() {
        let error = check_retrieve(
            "KB12345678",
            &json!({"retrievalQuery": {"text": "q"}, "retrievalConfiguration":
                {"vectorSearchConfiguration": {"numberOfResults": 101}}}),
        )
        .unwrap_err();
        assert_eq!(
            error.message,
            "1 validation error detected: Value '101' at 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults' failed to satisfy constraint: Member must have value less than or equal to 100"
        );
        let stops = check_retrieve_and_generate(&json!({"input": {"text": "q"},
            "retrieveAndGenerateConfiguration": {"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {
                "knowledgeBaseId": "KB12345678", "modelArn": "m",
                "generationConfiguration": {"inferenceConfig": {"textInferenceConfig":
                    {"stopSequences": ["a", "b", "c", "d", "e"]}}}}}}))
        .unwrap_err();
        assert!(stops.message.ends_with("Value '[a, b, c, d, e]' at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.generationConfiguration.inferenceConfig.textInferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 4"), "{}", stops.message);
    }

    #[test]
    fn float_members_show_their_value_as_java_prints_a_float() {
        let error = check_retrieve_and_generate(&json!({"input": {"text": "q"},
            "retrieveAndGenerateConfiguration": {"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {
                "knowledgeBaseId": "KB12345678", "modelArn": "m",
                "generationConfiguration": {"inferenceConfig": {"textInferenceConfig":
                    {"temperature": 2, "topP": 1.5}}}}}}))
        .unwrap_err();
        let path = "retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.generationConfiguration.inferenceConfig.textInferenceConfig";
        assert_eq!(
            error.message,
            format!(
                "2 validation errors detected: \
                 Value '2.0' at '{path}.temperature' failed to satisfy constraint: Member must have value less than or equal to 1; \
                 Value '1.5' at '{path}.topP' failed to satisfy constraint: Member must have value less than or equal to 1"
            )
        );
    }
}
