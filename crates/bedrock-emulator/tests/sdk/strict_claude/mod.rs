//! Claude's own rules, enforced as Bedrock words them: extended thinking on Converse,
//! ConverseStream, InvokeModel and InvokeModelWithResponseStream, and the native body's checks.

mod calls;
mod native_body;
mod settings;
mod signatures;
mod tool_turns;
