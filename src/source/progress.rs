//! What a long source (a history walk) tells about its progress. The
//! source only reports; drawing a bar is the app's business
//! (`app/progress.rs`), so sources depend on no terminal code.

/// Progress events of a history scan. Every method has a no-op default.
pub trait Progress: Sync {
    /// The current phase, in words (`walking commits: 1200`).
    fn set(&self, _msg: String) {}
    /// The blob phase starts: `n` blobs to go.
    fn start_blobs(&self, _n: u64) {}
    /// One blob of `bytes` scanned.
    fn blob_done(&self, _bytes: u64) {}
    /// A blob of `bytes` scanned ahead, during the traversal that resolves
    /// the trees (counted later with [`Progress::blob_counted`]).
    fn scanned_ahead(&self, _bytes: u64) {}
    /// A blob whose bytes [`Progress::scanned_ahead`] already counted.
    fn blob_counted(&self) {}
    /// The scan is over.
    fn finish(&self) {}
}

/// No progress shown (not a terminal, or a source too short to need it).
pub struct Silent;

impl Progress for Silent {}
