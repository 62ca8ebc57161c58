//! Where bytes come from: a directory walk, files named on the command
//! line, stdin (and FIFOs named on the command line), and (in `git/`) the index and history of a repository.
//! Every source hands blobs to a [`BlobScanner`] (the engine implements
//! it; sources know nothing of matching) and returns what it found, what
//! it counted and what failed.

pub mod dir;
pub mod git;
mod progress;
pub mod stdin;
pub mod text;

pub use progress::{Progress, Silent, Unit};

use crate::finding::{Finding, SourceKind};
use crate::reuse::{Derived, KeywordHits};
use crate::stats::{ScanError, Stats};

/// What turns one blob's bytes into findings: the engine, seen from the
/// sources. The history walk scans blobs while it resolves trees (that is
/// where its speed comes from) through this trait alone.
pub trait BlobScanner: Sync {
    /// All findings in `data` (inline-suppressed ones kept, marked).
    fn scan_blob(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding>;
    /// Whether some rule applies only to some paths: then what a blob
    /// yields depends on the path it is scanned under, and it cannot be
    /// scanned before its path is known.
    fn has_path_rules(&self) -> bool;
    /// Whether `data`, which the binary test rejects, is to be scanned all
    /// the same (an archive the scanner unpacks).
    fn scans_binary(&self, _data: &[u8]) -> bool {
        false
    }

    /// Findings of rules that apply by path alone (keystores, KeePass
    /// databases): for blobs a source does not scan for content, such as
    /// binary files. [`BlobScanner::scan_blob`] already includes them.
    fn scan_path(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding> {
        let _ = (data, meta);
        Vec::new()
    }

    /// [`BlobScanner::scan_blob`] of a blob stored as a delta of one
    /// scanned before: `derived` holds that base's keyword hits and the
    /// ranges copied from it (src/reuse.rs). Returns the findings (the same
    /// as `scan_blob`'s) and this blob's hits, for blobs derived from it.
    /// The default scans in full and keeps nothing.
    fn scan_blob_reusing(
        &self,
        data: &[u8],
        meta: &BlobMeta<'_>,
        derived: Option<Derived<'_>>,
    ) -> (Vec<Finding>, Option<KeywordHits>) {
        let _ = derived;
        (self.scan_blob(data, meta), None)
    }
}

/// What the scanner needs to know about a blob to place its findings.
#[derive(Debug, Clone)]
pub struct BlobMeta<'a> {
    pub path: &'a str,
    pub source: SourceKind,
    pub blob: Option<&'a str>,
}

/// A NUL byte in the first 8 KiB: the same test git uses for "binary".
pub fn is_binary(data: &[u8]) -> bool {
    memchr::memchr(0, &data[..data.len().min(8192)]).is_some()
}

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
