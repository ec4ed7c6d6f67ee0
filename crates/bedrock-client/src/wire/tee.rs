//! A response body that hands every chunk to the SDK unchanged and shows it to a capture too.

use std::pin::Pin;
use std::task::{Context, Poll};

use aws_smithy_types::body::{Error, SdkBody};
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

use super::model::BodyState;
use super::response::ResponseCapture;

#[derive(Debug)]
pub(super) struct TeeBody {
    inner: SdkBody,
    capture: ResponseCapture,
}

impl TeeBody {
    pub(super) fn wrap(inner: SdkBody, capture: ResponseCapture) -> SdkBody {
        SdkBody::from_body_1_x(Self { inner, capture })
    }
}

impl Body for TeeBody {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.capture.on_data(data);
                }
            }
            Poll::Ready(Some(Err(error))) => {
                this.capture
                    .finish(BodyState::Failed, Some(error.to_string()));
            }
            Poll::Ready(None) => this.capture.finish(BodyState::Complete, None),
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for TeeBody {
    fn drop(&mut self) {
        let state = if self.inner.is_end_stream() {
            BodyState::Complete
        } else {
            BodyState::Abandoned
        };
        self.capture.finish(state, None);
    }
}
