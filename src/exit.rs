//! Exit codes (a contract: hooks and CI scripts branch on them) and the
//! app's own usage error. Which error maps to which code is decided in one
//! place, `app::exit_code_for` (src/app/mod.rs).

/// A process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitCode(pub i32);

impl ExitCode {
    /// No findings.
    pub const OK: ExitCode = ExitCode(0);
    /// Findings reported (changeable with `--exit-code`).
    pub const FINDINGS: ExitCode = ExitCode(1);
    /// Usage or config error.
    pub const USAGE: ExitCode = ExitCode(2);
    /// Runtime error: unreadable repository, I/O, a file that could not be scanned.
    pub const RUNTIME: ExitCode = ExitCode(3);
    /// A reported finding was verified live at its provider.
    pub const LIVE: ExitCode = ExitCode(4);
    /// A rotation was attempted and failed.
    pub const ROTATION_FAILED: ExitCode = ExitCode(5);
}

/// A mistake in how keyhound was called or configured (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl UsageError {
    pub fn from_display(e: impl std::fmt::Display) -> Self {
        UsageError(e.to_string())
    }
}
