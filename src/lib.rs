//! keyhound: finds leaked credentials in files, staged changes and git
//! history, verifies them on request, and starts their rotation.
//!
//! Data flow: source → blobs → [`matcher`] → raw matches → [`filter`] →
//! [`finding`]s → [`report`]. The layers, and where new things go:
//! docs/ARCHITECTURE.md.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod archive;
pub mod baseline;
pub mod cli;
pub mod decode;
pub mod diagnostic;
pub mod endpoint;
pub mod engine;
pub mod entropy;
pub mod exit;
pub mod filter;
pub mod finding;
pub mod fingerprint;
pub mod fleet;
pub mod gitleaks;
pub mod hook;
pub mod init;
pub mod matcher;
pub mod metrics;
pub mod notebook;
pub mod pipeline;
pub mod randomness;
pub mod redact;
pub mod report;
pub mod reuse;
pub mod rotate;
pub mod rule_check;
pub mod rules;
pub mod settings;
pub mod source;
pub mod stats;
pub mod verify;
