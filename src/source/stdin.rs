//! `keyhound scan -`, and anything else read as one stream to its end: a
//! FIFO or a `<(…)` process substitution (`/dev/fd/N`) named on the
//! command line.

use std::io::Read;

use crate::finding::SourceKind;
use crate::source::{text, SourceOutput};
use crate::source::{BlobMeta, BlobScanner};
use crate::stats::ScanError;

/// The path findings from stdin carry.
pub const STDIN_PATH: &str = "<stdin>";

/// Reads `input` to the end (at most `max_size` bytes are scanned) and scans it.
pub fn scan_reader(engine: &dyn BlobScanner, input: impl Read, max_size: u64) -> SourceOutput {
    scan_stream(engine, input, STDIN_PATH, SourceKind::Stdin, max_size)
}

/// Reads `input` to the end and scans it as one blob reported under `path`.
/// A stream has no size to check first: at most one byte past `max_size`
/// is read, and a longer stream is an error (it was not scanned).
pub fn scan_stream(
    engine: &dyn BlobScanner,
    mut input: impl Read,
    path: &str,
    source: SourceKind,
    max_size: u64,
) -> SourceOutput {
    let mut out = SourceOutput::default();
    out.stats.files = 1;
    let mut data = Vec::new();
    if let Err(e) = input.by_ref().take(max_size + 1).read_to_end(&mut data) {
        out.stats.errors += 1;
        out.errors
            .push(ScanError::new(path, format!("cannot read: {e}")));
        return out;
    }
    if data.len() as u64 > max_size {
        out.stats.skipped_too_large += 1;
        out.stats.errors += 1;
        out.errors.push(ScanError::new(
            path,
            format!("input is larger than --max-file-size ({max_size} bytes); not scanned"),
        ));
        return out;
    }
    out.stats.blobs = 1;
    out.stats.bytes = data.len() as u64;
    let meta = BlobMeta {
        path,
        source,
        blob: None,
    };
    out.findings = engine.scan_blob(&text::decode(&data), &meta);
    out
}
