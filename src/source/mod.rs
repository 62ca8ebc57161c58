//! Where bytes come from: a directory walk, files named on the command
//! line, stdin (and FIFOs named on the command line), and (in `git/`) the index and history of a repository.
//! Every source hands blobs to the [`Engine`](crate::engine::Engine) and
//! returns what it found, what it counted and what failed.

pub mod dir;
pub mod git;
mod progress;
pub mod stdin;
pub mod text;

pub use progress::{Progress, Silent};

use crate::finding::Finding;
use crate::stats::{ScanError, Stats};

/// Everything one source produced. Findings include suppressed ones.
#[derive(Debug, Default)]
pub struct SourceOutput {
    pub findings: Vec<Finding>,
    pub stats: Stats,
    pub errors: Vec<ScanError>,
    /// Things the user should know that lost nothing (e.g. a pack that
    /// could not be read in pack order and was read by id instead).
    pub warnings: Vec<String>,
}

impl SourceOutput {
    pub fn merge(&mut self, other: SourceOutput) {
        self.findings.extend(other.findings);
        self.stats.merge(&other.stats);
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }
}
