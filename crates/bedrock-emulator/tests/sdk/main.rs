//! Real AWS SDK clients against the emulator on loopback. One test binary keeps link times low.

mod support;

mod control_plane;
mod converse;
mod faults;
mod invoke;
mod knowledge;
mod knowledge_lab;
mod strict_claude;
mod strict_converse;
mod sts;
mod transport;
