//! The HTTP server: routes, the wire layer every request passes through, and start/stop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::catalogue::Catalogue;
use crate::config::EmulatorConfig;
use crate::context::{RequestContext, model_of, operation_of};
use crate::faults::{BEHAVIOUR_HEADER, Behaviour, Fault, FaultBook};
use crate::knowledge::KnowledgeBases;
use crate::recorder::{RecordedRequest, Recorder};
use crate::state::{EmulatorState, SharedState};
use crate::sts::StsIssuer;
use crate::wire::auth::Caller;
use crate::wire::error::{ApiError, ErrorKind};
use crate::{admin, control, knowledge, runtime, sts};

const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// A running emulator. Dropping it stops the server.
pub struct Emulator {
    address: SocketAddr,
    state: SharedState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Bind, then serve in the background on the current Tokio runtime.
    pub async fn start(config: EmulatorConfig) -> std::io::Result<Self> {
        let knowledge = KnowledgeBases::load(config.knowledge_base_dir.as_deref())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let listener = TcpListener::bind(config.listen).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(EmulatorState {
            config,
            catalogue: Catalogue::default(),
            faults: FaultBook::default(),
            recorder: Recorder::default(),
            knowledge,
            sts: StsIssuer::default(),
        });
        let app = router(state.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let server = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = server.await {
                eprintln!("bedrock-emulator: server error: {error}");
            }
        });
        Ok(Self {
            address,
            state,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL to give SDK clients as `endpoint_url`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn state(&self) -> &EmulatorState {
        &self.state
    }

    /// Stop accepting connections and wait for the server task to end.
    pub async fn stop(mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }

    fn signal_stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

pub fn router(state: SharedState) -> Router {
    Router::new()
        .merge(runtime::routes())
        .merge(control::routes())
        .merge(knowledge::routes())
        .merge(sts::routes())
        .merge(admin::routes())
        .fallback(unknown_operation)
        .method_not_allowed_fallback(unknown_operation)
        .layer(middleware::from_fn_with_state(state.clone(), wire_layer))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

async fn unknown_operation() -> Response {
    let mut response = ApiError::new(
        ErrorKind::ResourceNotFound,
        "The requested operation is not supported by the emulator.",
    )
    .into_response();
    response.headers_mut().insert(
        "x-amzn-ErrorType",
        HeaderValue::from_static("UnknownOperationException"),
    );
    response
}

/// Every API request: a request id, the caller, injected faults, and a record of the exchange.
async fn wire_layer(
    State(state): State<SharedState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with(admin::PREFIX) {
        return next.run(request).await;
    }
    let request_id = uuid::Uuid::new_v4().to_string();
    let caller = Caller::from_headers(request.headers(), request.uri().query());
    let method = request.method().clone();
    let operation = operation_of(&method, &path);
    let model_id = model_of(&path);
    let header = request
        .headers()
        .get(BEHAVIOUR_HEADER)
        .map(|v| v.to_str().unwrap_or("").to_owned());

    let mut response = match header.as_deref().map(Behaviour::parse_header).transpose() {
        Err(problem) => {
            ApiError::validation(format!("Invalid {BEHAVIOUR_HEADER} header: {problem}"))
                .into_response()
        }
        Ok(from_header) => {
            let behaviour = if operation == "STS" {
                Behaviour::default()
            } else {
                state
                    .faults
                    .take(operation, model_id.as_deref())
                    .overlay(from_header.unwrap_or_default())
            };
            let context = RequestContext {
                request_id: request_id.clone(),
                operation,
                caller: caller.clone(),
                behaviour: behaviour.clone(),
            };
            request.extensions_mut().insert(context);
            if let Some(delay) = behaviour.first_byte_delay {
                tokio::time::sleep(delay).await;
            }
            if let Some(error) = behaviour.immediate_error() {
                error.into_response()
            } else if behaviour.fault == Some(Fault::Timeout) {
                tokio::time::sleep(behaviour.delay.unwrap_or(Duration::from_secs(1))).await;
                ApiError::of(ErrorKind::ModelTimeout).into_response()
            } else {
                next.run(request).await
            }
        }
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-RequestId", value);
    }
    state.recorder.push(RecordedRequest {
        request_id,
        operation: operation.to_owned(),
        method: method.to_string(),
        path,
        model_id,
        caller,
        status: response.status().as_u16(),
        received_at_ms: chrono::Utc::now().timestamp_millis(),
    });
    response
}
