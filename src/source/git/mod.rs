//! Git sources, all through `gix` (never by running `git`): the staged
//! changes of the index against HEAD (pre-commit), and the history of a
//! repository (CI gate and audits).

use std::path::Path;

use crate::engine::Engine;
use crate::source::SourceOutput;

/// What part of the history to scan.
#[derive(Debug, Clone, Default)]
pub struct HistoryOptions {
    /// Only commits reachable from HEAD but not from this revision.
    pub since: Option<String>,
    /// Revisions or `A..B` ranges given on the command line.
    pub revs: Vec<String>,
    /// Only commits reachable from this ref.
    pub branch: Option<String>,
    /// Also scan blobs that no ref reaches.
    pub all_objects: bool,
    pub max_file_size: u64,
    /// Show a progress bar (stderr is a terminal).
    pub progress: bool,
}

/// A git source that cannot run at all.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// Not a repository, or a bare one where a work tree is needed (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The repository could not be read (exit 3).
    #[error("{0}")]
    Runtime(String),
}

/// Scans the staged blobs of the repository at `repo` against its HEAD.
pub fn scan_staged(_engine: &Engine, repo: &Path, _max_file_size: u64) -> Result<SourceOutput, GitError> {
    Err(GitError::Usage(format!(
        "{}: --staged is not available yet",
        repo.display()
    )))
}

/// Scans the history of the repository at `repo`.
pub fn scan_history(
    _engine: &Engine,
    repo: &Path,
    _opts: &HistoryOptions,
) -> Result<SourceOutput, GitError> {
    Err(GitError::Usage(format!(
        "{}: --history is not available yet",
        repo.display()
    )))
}
