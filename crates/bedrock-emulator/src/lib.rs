//! A local Amazon Bedrock: serves bedrock-runtime, bedrock, bedrock-agent(-runtime) and STS on
//! loopback with Bedrock's real wire protocol, so real AWS SDKs work against it offline.
//! Its generated text and vectors are synthetic and say so.

pub mod admin;
pub mod catalogue;
pub mod config;
pub mod context;
pub mod control;
pub mod embeddings;
pub mod families;
pub mod faults;
pub mod generation;
pub mod hashing;
pub mod knowledge;
pub mod recorder;
pub mod runtime;
pub mod server;
pub mod state;
pub mod sts;
pub mod wire;

pub use config::EmulatorConfig;
pub use faults::{BEHAVIOUR_HEADER, RuleSpec};
pub use recorder::RecordedRequest;
pub use server::Emulator;
