//! `--all-objects`: the blobs in the object database that the history walk
//! did not reach — dangling blobs left by rebases, amends, `git add` of a
//! file that was never committed, and blobs of unreachable commits.
//! Reported with `source: "object"`, the blob id, no commit, and the path
//! `<object ID>` (a loose blob has no path).

use std::collections::HashSet;

use gix::ObjectId;
use rayon::prelude::*;

use super::{one_line, scan_object};
use crate::finding::SourceKind;
use crate::source::{BlobMeta, BlobScanner};
use crate::source::{Progress, SourceOutput, Unit};
use crate::stats::ScanError;

/// Scans every blob of the object database that is not in `seen`.
pub(crate) fn scan_unreached(
    engine: &dyn BlobScanner,
    sync: &gix::ThreadSafeRepository,
    seen: &HashSet<ObjectId>,
    max_file_size: u64,
    progress: &dyn Progress,
) -> SourceOutput {
    let mut out = SourceOutput::default();
    let repo = sync.to_thread_local();
    let iter = match repo.objects.iter() {
        Ok(i) => i,
        Err(e) => {
            out.errors.push(ScanError::new(
                "<objects>",
                format!("cannot list objects: {}", one_line(&e)),
            ));
            return out;
        }
    };
    progress.phase("listing unreachable objects", Unit::Objects, None);
    let mut ids = Vec::new();
    for id in iter {
        match id {
            Ok(id) if !seen.contains(&id) => ids.push(id),
            Ok(_) => {}
            Err(e) => out.errors.push(ScanError::new(
                "<objects>",
                format!("cannot list objects: {}", one_line(&e)),
            )),
        }
    }
    // Packs and loose objects may hold the same object twice.
    ids.sort_unstable();
    ids.dedup();
    progress.phase(
        "scanning unreachable objects",
        Unit::Objects,
        Some(ids.len() as u64),
    );
    let scanned = ids
        .par_iter()
        .map_init(
            || sync.to_thread_local(),
            |repo, id| {
                let mut o = SourceOutput::default();
                match repo.find_header(*id) {
                    Ok(h) if h.kind() == gix::object::Kind::Blob => {}
                    Ok(_) => {
                        progress.advance(1);
                        return o;
                    }
                    Err(e) => {
                        o.errors
                            .push(ScanError::new(format!("<object {id}>"), one_line(&e)));
                        progress.advance(1);
                        return o;
                    }
                }
                let hex = id.to_string();
                let path = format!("<object {hex}>");
                let meta = BlobMeta {
                    path: &path,
                    source: SourceKind::Object,
                    blob: Some(&hex),
                };
                if let super::Scanned::Findings(f) =
                    scan_object(engine, repo, *id, &meta, max_file_size, &mut o)
                {
                    o.findings = f;
                }
                o.stats.files += 1;
                progress.advance(1);
                o
            },
        )
        .reduce(SourceOutput::default, |mut a, b| {
            a.merge(b);
            a
        });
    out.merge(scanned);
    out
}
