//! What a long source (a history walk) tells about its progress. The
//! source only reports; drawing a bar is the app's business
//! (`app/progress.rs`), so sources depend on no terminal code.
//!
//! A scan runs in phases, one after the other. Each phase says what it
//! counts and, once it is known, how many there are; then it advances.
//! The counts of a phase are the numbers the final stats give (the blob
//! phase counts every unique blob in range, whether it is scanned or
//! skipped as binary or too large), so what the bar showed last agrees
//! with the summary.

/// What a phase counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Commits,
    /// Pack entries and loose objects (commits, trees, blobs, tags).
    Objects,
    Blobs,
    /// Findings whose commits are being attributed.
    Findings,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Commits => "commits",
            Unit::Objects => "objects",
            Unit::Blobs => "blobs",
            Unit::Findings => "findings",
        }
    }
}

/// Progress events of a history scan. Every method has a no-op default.
pub trait Progress: Sync {
    /// A phase starts (the previous one, if any, is done): what it does,
    /// what it counts and how many, when known.
    fn phase(&self, _name: &str, _unit: Unit, _total: Option<u64>) {}
    /// The total of the current phase became known.
    fn set_total(&self, _total: u64) {}
    /// `n` more done in the current phase.
    fn advance(&self, _n: u64) {}
    /// The scan is over.
    fn finish(&self) {}
}

/// No progress shown (not a terminal, or a source too short to need it).
pub struct Silent;

impl Progress for Silent {}
