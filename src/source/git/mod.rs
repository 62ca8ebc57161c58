//! Git sources, all through `gix` (never by running `git`): the staged
//! changes of the index against HEAD (pre-commit, [`staged`]), and the
//! history of a repository (CI gate and audits, [`history`], plus the
//! unreachable blobs of `--all-objects` in [`objects`]).
//!
//! Two decisions shape this module; README.md ("Git sources") repeats them
//! for users.
//!
//! **Staged: fingerprints, not added lines.** `--staged` scans the whole
//! staged blob of every added or modified path and reports a secret only if
//! its fingerprint is not in the HEAD blob of the same path (for a path that
//! is new in the index: not in the HEAD blobs of the paths the index
//! deletes, which is what a rename looks like without similarity scoring).
//! Scanning only added lines would miss secrets whose match spans lines
//! (private keys, a keyword on the line above) and would report a secret
//! again whenever its line is merely moved or re-indented. Comparing
//! fingerprints costs one extra scan of the HEAD blob, and only for a
//! staged blob that has findings at all — three modified files cost
//! microseconds. Line numbers are those of the staged file.
//!
//! **History: each unique blob once.** The walk diffs every commit against
//! its parents (rename tracking off) to collect the (path, blob) pairs it
//! introduced, dedupes blobs by id, scans each unique blob exactly once in
//! parallel, and then attributes its findings: one finding per
//! (fingerprint, path) at the earliest introducing commit (topological order),
//! with the number of later commits that introduced it at that path again
//! and whether HEAD's version of the path still holds it. Commit messages
//! are scanned too and reported under the path `<commit message>`.
//!
//! **Reading: in pack order.** Reading objects one by one by id re-inflates
//! delta chains; a long history is read by traversing each pack once along
//! its delta tree (`pack_order`), which also fills a compact store of
//! every tree for the diffs (`tree_store`). Whatever those do not cover is
//! read by id, so they are accelerators, never the only way to an object.

mod delta;
pub mod history;
pub mod objects;
mod pack_order;
mod phases;
pub mod provenance;
pub mod staged;
mod tree_store;

use std::path::Path;

use gix::ObjectId;

use crate::finding::Finding;
use crate::reuse::{Derived, KeywordHits};
use crate::source::{is_binary, BlobMeta, BlobScanner};
use crate::source::{text, SourceOutput};
use crate::stats::ScanError;

pub use provenance::{provenance, Provenance, RemoteLocation};

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

/// The path under which findings in commit messages are reported.
pub const COMMIT_MESSAGE_PATH: &str = "<commit message>";

/// Scans the staged blobs of the repository at `repo` against its HEAD.
pub fn scan_staged(
    engine: &dyn BlobScanner,
    repo: &Path,
    max_file_size: u64,
) -> Result<SourceOutput, GitError> {
    staged::scan(engine, repo, max_file_size)
}

/// Scans the history of the repository at `repo`.
pub fn scan_history(
    engine: &dyn BlobScanner,
    repo: &Path,
    opts: &HistoryOptions,
    progress: &dyn crate::source::Progress,
) -> Result<SourceOutput, GitError> {
    history::scan(engine, repo, opts, progress)
}

/// gix errors carry a chain of causes; a one-line message keeps them all.
pub(crate) fn one_line(err: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg.replace('\n', " ")
}

/// Opens the repository containing `dir` for a history audit, with object
/// replacement off (as `GIT_NO_REPLACE_OBJECTS` does for git): a
/// `refs/replace/` entry, such as one `git replace --graft` makes, would
/// otherwise swap a commit for another with different parents and hide the
/// commits in between. The walk sees the real object graph; the
/// replacement commits themselves are still scanned, since `refs/replace/`
/// is among the refs an all-refs walk starts from. (gix never reads the
/// deprecated `info/grafts` file.) README.md, "Git sources", says so.
pub(crate) fn open_real_graph(dir: &Path) -> Result<gix::Repository, GitError> {
    let mut trust = gix::sec::trust::Mapping::<gix::open::Options>::default();
    for options in [&mut trust.full, &mut trust.reduced] {
        options.modify(|o| o.config_overrides(["core.useReplaceRefs=false"]));
    }
    gix::ThreadSafeRepository::discover_opts(dir, Default::default(), trust)
        .map(gix::Repository::from)
        .map_err(|e| open_error(dir, &e))
}

/// "not a git repository" (exit 2) or an unreadable one (exit 3).
pub(crate) fn open_error(repo: &Path, err: &gix::Error) -> GitError {
    let text = one_line(err);
    let lower = text.to_lowercase();
    if lower.contains("could not find")
        || lower.contains("not a git repository")
        || lower.contains("no such file")
        || lower.contains("not found")
    {
        GitError::Usage(format!("{}: not a git repository", repo.display()))
    } else {
        GitError::Runtime(format!(
            "{}: cannot open the repository: {text}",
            repo.display()
        ))
    }
}

/// What became of one blob handed to [`scan_object`].
pub(crate) enum Scanned {
    /// Scanned; these are its findings (possibly none).
    Findings(Vec<Finding>),
    /// Not scanned: binary or too large (counted in the stats).
    Skipped,
}

/// Reads blob `id` and scans it, counting into `out.stats`; a read failure
/// becomes a [`ScanError`] naming `error_path`.
pub(crate) fn scan_object(
    engine: &dyn BlobScanner,
    repo: &gix::Repository,
    id: ObjectId,
    meta: &BlobMeta<'_>,
    max_file_size: u64,
    out: &mut SourceOutput,
) -> Scanned {
    match read_blob(repo, id, max_file_size) {
        Ok(Some(data)) => scan_data(engine, &data, meta, out),
        Ok(None) => {
            out.stats.skipped_too_large += 1;
            Scanned::Skipped
        }
        Err(message) => {
            out.errors.push(ScanError::new(meta.path, message));
            Scanned::Skipped
        }
    }
}

/// [`scan_object`] for bytes already read: the size limit, then
/// [`scan_data`].
pub(crate) fn scan_bytes(
    engine: &dyn BlobScanner,
    data: &[u8],
    meta: &BlobMeta<'_>,
    max_file_size: u64,
    out: &mut SourceOutput,
) -> Scanned {
    if data.len() as u64 > max_file_size {
        out.stats.skipped_too_large += 1;
        return Scanned::Skipped;
    }
    scan_data(engine, data, meta, out)
}

/// Scans bytes already read: UTF-16/32 text with a byte-order mark decoded
/// (see [`text`]), then the binary test.
pub(crate) fn scan_data(
    engine: &dyn BlobScanner,
    data: &[u8],
    meta: &BlobMeta<'_>,
    out: &mut SourceOutput,
) -> Scanned {
    scan_data_with(engine, data, meta, out, |text, _| {
        (engine.scan_blob(text, meta), None)
    })
    .0
}

/// [`scan_bytes`] of a blob stored as a delta of a blob scanned before,
/// reusing that base's keyword hits (src/reuse.rs) and returning its own.
/// Text that had to be transcoded (UTF-16) neither reuses nor keeps hits:
/// its offsets are not those of the stored bytes a delta describes.
pub(crate) fn scan_bytes_reusing(
    engine: &dyn BlobScanner,
    data: &[u8],
    meta: &BlobMeta<'_>,
    max_file_size: u64,
    out: &mut SourceOutput,
    derived: Option<Derived<'_>>,
) -> (Scanned, Option<KeywordHits>) {
    if data.len() as u64 > max_file_size {
        out.stats.skipped_too_large += 1;
        return (Scanned::Skipped, None);
    }
    scan_data_with(engine, data, meta, out, |text, as_stored| {
        if as_stored {
            engine.scan_blob_reusing(text, meta, derived)
        } else {
            (engine.scan_blob(text, meta), None)
        }
    })
}

/// The common part of [`scan_data`] and [`scan_bytes_reusing`]: `scan` gets
/// the text and whether it is the stored bytes themselves.
fn scan_data_with(
    engine: &dyn BlobScanner,
    data: &[u8],
    meta: &BlobMeta<'_>,
    out: &mut SourceOutput,
    scan: impl FnOnce(&[u8], bool) -> (Vec<Finding>, Option<KeywordHits>),
) -> (Scanned, Option<KeywordHits>) {
    let text = text::decode(data);
    if is_binary(&text) && !engine.scans_binary(&text) {
        out.stats.skipped_binary += 1;
        // A keystore is binary and a leak by its name alone (path rules).
        let by_path = engine.scan_path(data, meta);
        let scanned = if by_path.is_empty() {
            Scanned::Skipped
        } else {
            Scanned::Findings(by_path)
        };
        return (scanned, None);
    }
    out.stats.blobs += 1;
    out.stats.bytes += data.len() as u64;
    let as_stored = matches!(text, std::borrow::Cow::Borrowed(_));
    let (found, kept) = scan(&text, as_stored);
    (Scanned::Findings(found), kept)
}

/// The blob's bytes, or `None` when it is larger than `max_file_size`
/// (checked on the object header first, so a huge blob is never inflated).
pub(crate) fn read_blob(
    repo: &gix::Repository,
    id: ObjectId,
    max_file_size: u64,
) -> Result<Option<Vec<u8>>, String> {
    let header = repo
        .find_header(id)
        .map_err(|e| format!("cannot read blob {id}: {}", one_line(&e)))?;
    if header.size() > max_file_size {
        return Ok(None);
    }
    let blob = repo
        .find_blob(id)
        .map_err(|e| format!("cannot read blob {id}: {}", one_line(&e)))?;
    Ok(Some(blob.detach().data))
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch (UTC).
pub(crate) fn rfc3339_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm), valid for any i64 day.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_767_323_045), "2026-01-02T03:04:05Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
    }
}
