//! `--staged`: what the next commit would add. The index is compared with
//! HEAD's tree (the empty tree while HEAD is unborn), path by path, and the
//! staged blob of every added or modified path is scanned — never the
//! work-tree file, which may hold more than is staged. A secret is reported
//! only if its fingerprint is not in the HEAD blob of the same path (see the
//! module doc of [`super`] for why fingerprints and not added lines).
//!
//! Skipped: deleted paths (nothing to add), submodules (their content is
//! another repository), symlinks (a path, never followed), intent-to-add
//! entries (nothing staged yet) and sparse directory entries. During a merge
//! conflict, stages 2 (ours) and 3 (theirs) of an unmerged path are both
//! scanned. Git's hook environment (`GIT_DIR`, `GIT_INDEX_FILE`) is honoured,
//! so `git commit -a` and `git commit <paths>` are checked against the index
//! git is about to commit. Nothing here touches the network.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use gix::bstr::{BStr, ByteSlice};
use gix::index::entry::{Flags, Mode, Stage};
use gix::ObjectId;
use rayon::prelude::*;

use super::{open_error, scan_object, GitError, Scanned};
use crate::engine::{BlobMeta, Engine};
use crate::finding::SourceKind;
use crate::source::SourceOutput;
use crate::stats::ScanError;

/// One staged blob to scan.
struct Change {
    path: String,
    staged: ObjectId,
    /// The HEAD blob at the same path, if the path is modified (not added).
    head: Option<ObjectId>,
}

/// Scans the staged blobs of the repository at `dir` against its HEAD.
pub fn scan(engine: &Engine, dir: &Path, max_file_size: u64) -> Result<SourceOutput, GitError> {
    let repo = gix::discover_with_environment_overrides(dir).map_err(|e| open_error(dir, &e))?;
    if repo.workdir().is_none() {
        return Err(GitError::Usage(format!(
            "{}: --staged needs a work tree, and this is a bare repository (use --history)",
            dir.display()
        )));
    }
    let index = repo.index_or_empty().map_err(|e| {
        GitError::Runtime(format!(
            "{}: cannot read the index: {}",
            dir.display(),
            super::one_line(&e)
        ))
    })?;
    let head_tree = repo.head_tree_id_or_empty().map_err(|e| {
        GitError::Runtime(format!(
            "{}: cannot read HEAD: {}",
            dir.display(),
            super::one_line(&e)
        ))
    })?;
    let head = if head_tree.is_empty_tree() {
        None
    } else {
        Some(repo.index_from_tree(&head_tree).map_err(|e| {
            GitError::Runtime(format!(
                "{}: cannot read HEAD's tree {head_tree}: {}",
                dir.display(),
                super::one_line(&e)
            ))
        })?)
    };
    let empty = gix::index::State::new(repo.object_hash());
    let head_state: &gix::index::State = head.as_deref().unwrap_or(&empty);
    let (changes, deleted, considered) = compare(&index, head_state);

    let sync = repo.into_sync();
    // Fingerprints of the deleted HEAD blobs, computed once and only if an
    // added path has findings (the rename case).
    let renamed_from: OnceLock<(HashSet<String>, SourceOutput)> = OnceLock::new();
    let deleted_ids: HashSet<ObjectId> = deleted.iter().map(|(_, id)| *id).collect();
    let mut out = changes
        .par_iter()
        .map_init(
            || sync.to_thread_local(),
            |repo, change| {
                let mut out = SourceOutput::default();
                if change.head.is_none() && deleted_ids.contains(&change.staged) {
                    // A pure rename: this content is already in HEAD.
                    return out;
                }
                let id = change.staged.to_string();
                let meta = BlobMeta {
                    path: &change.path,
                    source: SourceKind::Staged,
                    blob: Some(&id),
                };
                let Scanned::Findings(mut findings) =
                    scan_object(engine, repo, change.staged, &meta, max_file_size, &mut out)
                else {
                    return out;
                };
                if findings.is_empty() {
                    return out;
                }
                let known: HashSet<String> = match change.head {
                    Some(head_id) => {
                        let mut scratch = SourceOutput::default();
                        let hmeta = BlobMeta {
                            path: &change.path,
                            source: SourceKind::Staged,
                            blob: None,
                        };
                        let fps = match scan_object(
                            engine,
                            repo,
                            head_id,
                            &hmeta,
                            u64::MAX,
                            &mut scratch,
                        ) {
                            Scanned::Findings(f) => f.into_iter().map(|f| f.fingerprint).collect(),
                            Scanned::Skipped => HashSet::new(),
                        };
                        for e in scratch.errors {
                            out.errors.push(ScanError::new(
                                e.path.clone(),
                                format!("cannot read the HEAD version: {}", e.message),
                            ));
                        }
                        fps
                    }
                    None => {
                        let (fps, scratch) =
                            renamed_from.get_or_init(|| fingerprints_of(engine, repo, &deleted));
                        out.errors.extend(scratch.errors.iter().cloned());
                        fps.clone()
                    }
                };
                findings.retain(|f| !known.contains(&f.fingerprint));
                out.findings = findings;
                out
            },
        )
        .reduce(SourceOutput::default, |mut a, b| {
            a.merge(b);
            a
        });
    out.stats.files = considered;
    // The deleted blobs' read errors were pushed by every added path that
    // needed them; once is enough.
    out.errors.sort();
    out.errors.dedup();
    // Two stages of an unmerged path can hold the same secret.
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.findings
        .dedup_by(|a, b| a.path == b.path && a.fingerprint == b.fingerprint && a.line == b.line);
    Ok(out)
}

/// Walks the index and HEAD's entries (both sorted by path, then stage)
/// side by side. Returns the staged blobs to scan, the deleted HEAD paths,
/// and how many staged paths were considered.
fn compare(
    index: &gix::index::State,
    head: &gix::index::State,
) -> (Vec<Change>, Vec<(String, ObjectId)>, u64) {
    let mut changes = Vec::new();
    let mut deleted = Vec::new();
    let mut considered = 0;
    let ientries = index.entries();
    let hentries = head.entries();
    let (mut i, mut h) = (0, 0);
    while i < ientries.len() || h < hentries.len() {
        let ipath: Option<&BStr> = ientries.get(i).map(|e| e.path(index));
        let hpath: Option<&BStr> = hentries.get(h).map(|e| e.path(head));
        let order = match (ipath, hpath) {
            (Some(a), Some(b)) => a.cmp(b),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, _) => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Greater => {
                // In HEAD, not in the index: deleted.
                let e = &hentries[h];
                if is_file(e.mode) {
                    deleted.push((path_string(e.path(head)), e.id));
                }
                h += 1;
            }
            std::cmp::Ordering::Less => {
                // All stages of a path absent from HEAD: added.
                let path = ipath.expect("index entry");
                while i < ientries.len() && ientries[i].path(index) == path {
                    considered += consider(&ientries[i], path, None, &mut changes);
                    i += 1;
                }
            }
            std::cmp::Ordering::Equal => {
                let path = ipath.expect("index entry");
                let he = &hentries[h];
                let head_id = is_file(he.mode).then_some(he.id);
                while i < ientries.len() && ientries[i].path(index) == path {
                    let e = &ientries[i];
                    if Some(e.id) != head_id || !is_file(e.mode) {
                        considered += consider(e, path, head_id, &mut changes);
                    }
                    i += 1;
                }
                h += 1;
            }
        }
    }
    (changes, deleted, considered)
}

/// Queues one index entry that differs from HEAD; returns 1 if it counts
/// as a considered path.
fn consider(
    e: &gix::index::Entry,
    path: &BStr,
    head: Option<ObjectId>,
    changes: &mut Vec<Change>,
) -> u64 {
    if e.flags.contains(Flags::INTENT_TO_ADD) || !is_file(e.mode) {
        return 0;
    }
    match e.stage() {
        Stage::Unconflicted | Stage::Ours | Stage::Theirs => {}
        Stage::Base => return 0,
    }
    if head == Some(e.id) {
        return 0;
    }
    changes.push(Change {
        path: path_string(path),
        staged: e.id,
        head,
    });
    1
}

/// A regular or executable file: symlinks, submodules and sparse
/// directories hold nothing to scan.
fn is_file(mode: Mode) -> bool {
    mode == Mode::FILE || mode == Mode::FILE_EXECUTABLE
}

fn path_string(p: &BStr) -> String {
    p.to_str_lossy().into_owned()
}

/// Fingerprints found in the given blobs (the HEAD versions of deleted paths).
fn fingerprints_of(
    engine: &Engine,
    repo: &gix::Repository,
    blobs: &[(String, ObjectId)],
) -> (HashSet<String>, SourceOutput) {
    let mut scratch = SourceOutput::default();
    let mut fps = HashSet::new();
    for (path, id) in blobs {
        let meta = BlobMeta {
            path,
            source: SourceKind::Staged,
            blob: None,
        };
        if let Scanned::Findings(f) = scan_object(engine, repo, *id, &meta, u64::MAX, &mut scratch)
        {
            fps.extend(f.into_iter().map(|f| f.fingerprint));
        }
    }
    let errors = scratch
        .errors
        .into_iter()
        .map(|e| {
            ScanError::new(
                e.path,
                format!("cannot read the HEAD version: {}", e.message),
            )
        })
        .collect();
    (
        fps,
        SourceOutput {
            errors,
            ..SourceOutput::default()
        },
    )
}
