//! CountTokens.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use bytes::Bytes;

use crate::context::RequestContext;
use crate::state::SharedState;
use crate::wire::error::ApiResult;

pub async fn count_tokens(
    State(_state): State<SharedState>,
    Extension(_context): Extension<RequestContext>,
    Path(_model_id): Path<String>,
    _body: Bytes,
) -> ApiResult<Response> {
    Err(crate::wire::error::ApiError::validation("not yet"))
}
