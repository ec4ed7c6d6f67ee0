//! How a run's request is stored: large base64 strings moved out to content-addressed blobs,
//! and the rest as the difference from the request of the run it follows. Reading it back
//! gives the exact text that was stored, byte for byte.

mod base64_spans;
mod delta;
mod stored;

pub(crate) use stored::{
    RequestCache, StoredRequest, compact_whole_requests, forget_base, full_request, store_request,
};
