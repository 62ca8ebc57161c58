//! What a scan counted and what went wrong along the way. Every source adds
//! to the same `Stats`; a per-file failure becomes a `ScanError`, is counted,
//! and makes the run exit non-zero — never swallowed.

use serde::{Deserialize, Serialize};

/// Counters reported in every output format (JSON `stats`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Stats {
    /// Files (or staged/history paths) considered.
    pub files: u64,
    /// Blobs actually scanned.
    pub blobs: u64,
    /// Bytes actually scanned.
    pub bytes: u64,
    pub duration_ms: u64,
    pub errors: u64,
    /// Skipped: NUL byte in the first 8 KiB.
    pub skipped_binary: u64,
    /// Skipped: larger than `--max-file-size`.
    pub skipped_too_large: u64,
    /// History scans: commits walked.
    pub commits: u64,
    /// History scans: the walk stopped at a shallow-clone boundary.
    pub shallow: bool,
    pub suppressed: SuppressedCounts,
    /// Baseline entries that matched nothing in this scan.
    pub baseline_stale: u64,
    /// Archives unpacked (nested ones included).
    pub archives: u64,
    /// Archive members scanned, and their uncompressed bytes.
    pub archive_members: u64,
    pub archive_bytes: u64,
}

/// Suppressed findings by reason.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct SuppressedCounts {
    pub inline: u64,
    pub allowlist: u64,
    pub baseline: u64,
}

impl Stats {
    /// Adds every counter of another scan's stats, the duration, the
    /// suppression counts and stale baseline entries too (merged reports:
    /// the duration is the scans' total time, not a wall-clock time).
    pub fn add(&mut self, other: &Stats) {
        self.merge(other);
        self.duration_ms += other.duration_ms;
        self.suppressed.inline += other.suppressed.inline;
        self.suppressed.allowlist += other.suppressed.allowlist;
        self.suppressed.baseline += other.suppressed.baseline;
        self.baseline_stale += other.baseline_stale;
    }

    /// Adds another source's counters into this one.
    pub fn merge(&mut self, other: &Stats) {
        self.files += other.files;
        self.blobs += other.blobs;
        self.bytes += other.bytes;
        self.errors += other.errors;
        self.skipped_binary += other.skipped_binary;
        self.skipped_too_large += other.skipped_too_large;
        self.commits += other.commits;
        self.shallow |= other.shallow;
        self.archives += other.archives;
        self.archive_members += other.archive_members;
        self.archive_bytes += other.archive_bytes;
    }
}

/// A failure to read or decode one input; the scan goes on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScanError {
    pub path: String,
    pub message: String,
    /// The repository of a multi-repository scan (README.md "Scanning an
    /// organisation"); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

impl ScanError {
    pub fn new(path: impl Into<String>, message: impl std::fmt::Display) -> Self {
        ScanError {
            path: path.into(),
            message: message.to_string(),
            repository: None,
        }
    }
}
