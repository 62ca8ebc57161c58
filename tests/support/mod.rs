//! The one test-support module every integration test uses (`mod support;
//! use support::*;`): a file per concept, all re-exported here.
//!
//! - `bin`: the real binary with a clean environment (`keyhound`, `run`,
//!   `run_env`, `scan_json`, `on_a_terminal`, …).
//! - `git`: temp trees and repositories, and `git` with an isolated config
//!   (`Tree`, `git_in`, `git_output`, `git_command`, `git_now`).
//! - `secrets`: fake secrets built at run time (`github_pat`, …).
//! - `http`: one recording HTTP server with scripted answers (`Server`,
//!   `Request`, `Reply`, `reply`).
//! - `servers`: one launcher per real server (`Postgres`, `Bao`, `Moto`).
//! - `prereq`: skip locally, fail under CI, when something is missing.
//! - `tools`: the ecosystems' real tools (actionlint, shellcheck, the SARIF
//!   schema validator, pre-commit, maturin).
//! - `accuracy`: what the two accuracy suites share.
//!
//! Each test binary uses a part of it, hence the `allow`s.
#![allow(dead_code, unused_imports)]

pub mod accuracy;
pub mod bin;
pub mod git;
pub mod http;
pub mod prereq;
pub mod secrets;
pub mod servers;
pub mod tools;

pub use bin::*;
pub use git::*;
pub use http::*;
pub use prereq::*;
pub use secrets::*;
pub use servers::*;
pub use tools::*;
