//! Profiles of the shared AWS files (`~/.aws/config`, `~/.aws/credentials`): where the files are,
//! which profiles they hold, and what kind of credentials each will resolve to.

mod discover;
mod kind;
mod paths;

pub use discover::{AwsProfile, Discovered, discover};
pub use paths::AwsFiles;
