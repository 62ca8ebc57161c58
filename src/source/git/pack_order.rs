//! Reading many blobs in pack order.
//!
//! A history audit wants most blobs of a repository. Read one by one by id,
//! each blob stored as a delta re-inflates its whole delta chain (up to 50
//! bases) — in the benchmark history that made zlib more than half of the
//! CPU time, and object or delta-base caches did not help because blobs are
//! wanted in history order, not in the order their chains are laid out.
//! Instead, each pack that holds enough wanted blobs is traversed once along
//! its delta tree (base before delta, as `git index-pack` resolves a pack):
//! every entry is inflated exactly once and every delta applied to a base
//! already in memory. Wanted blobs are handed to the visitor as they are
//! resolved, on `threads` threads.
//!
//! A pack that holds few wanted blobs is cheaper to read by id, so it is
//! left alone; so are loose objects. Whatever this module does not deliver
//! — for whatever reason, including a corrupt pack that stops a traversal —
//! the caller reads by id, so nothing is lost and corrupt objects are still
//! reported one by one.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use gix::odb::pack;
use gix::ObjectId;

use super::delta::PackEntry;
use super::one_line;

/// A pack is traversed when at least one of its objects in this many is a
/// wanted blob: traversal resolves every object of the pack, reading by id
/// costs a delta chain per blob.
const MIN_WANTED_SHARE: usize = 16;
/// Below this many wanted blobs in a pack, reading by id is cheap anyway.
const MIN_WANTED: usize = 256;

/// The largest object a traversal inflates.
const MAX_OBJECT_BYTES: usize = 512 << 20;

/// What [`for_each_blob`] delivered and what went wrong.
#[derive(Default)]
pub(crate) struct Outcome {
    /// Wanted blobs handed to the visitor (each exactly once).
    pub delivered: HashSet<ObjectId>,
    /// Packs that could not be opened or traversed (their wanted blobs
    /// not yet delivered are left to the caller).
    pub problems: Vec<String>,
}

/// Hands every `wanted` blob found in a worthwhile pack of `repo` to
/// `visit(id, bytes)`, resolving each pack entry once.
pub(crate) fn for_each_blob<V>(
    repo: &gix::Repository,
    wanted: &[ObjectId],
    threads: usize,
    visit: V,
) -> Outcome
where
    V: Fn(ObjectId, &[u8]) + Sync,
{
    let mut outcome = Outcome::default();
    if wanted.len() < MIN_WANTED {
        return outcome;
    }
    for idx_path in pack_indices(repo, &mut outcome.problems) {
        let bundle = match pack::Bundle::at(&idx_path, repo.object_hash()) {
            Ok(b) => b,
            Err(e) => {
                outcome
                    .problems
                    .push(format!("{}: {}", idx_path.display(), one_line(&e)));
                continue;
            }
        };
        let in_pack: Vec<ObjectId> = wanted
            .iter()
            .filter(|id| !outcome.delivered.contains(*id) && bundle.index.lookup(id).is_some())
            .copied()
            .collect();
        if !worth_traversing(in_pack.len(), bundle.index.num_objects() as usize) {
            continue;
        }
        let in_pack: HashSet<ObjectId> = in_pack.into_iter().collect();
        let delivered = std::sync::Mutex::new(Vec::with_capacity(in_pack.len()));
        let result = traverse(
            &bundle,
            threads,
            &AtomicBool::new(false),
            |kind, data, entry| {
                if kind == gix::object::Kind::Blob && in_pack.contains(&entry.oid) {
                    visit(entry.oid, data);
                    delivered
                        .lock()
                        .expect("no panics while holding the lock")
                        .push(entry.oid);
                }
            },
        );
        outcome.delivered.extend(
            delivered
                .into_inner()
                .expect("no panics while holding the lock"),
        );
        if let Err(e) = result {
            outcome
                .problems
                .push(format!("{}: {}", idx_path.display(), one_line(&e)));
        }
    }
    outcome
}

/// Hands every object of every pack of `repo` to a clone of `visit` (one
/// per traversal thread, so each may keep its own state), with where it
/// is stored; `visit` returns `false` to stop. `true` if every pack was
/// traversed to the end. An object is visited after its delta base.
pub(crate) fn for_each_object<V>(repo: &gix::Repository, threads: usize, visit: V) -> bool
where
    V: FnMut(gix::object::Kind, &gix::oid, &[u8], &PackEntry<'_>) -> bool + Clone + Send,
{
    let mut problems = Vec::new();
    for (pack_no, idx_path) in pack_indices(repo, &mut problems).iter().enumerate() {
        let Ok(bundle) = pack::Bundle::at(idx_path, repo.object_hash()) else {
            return false;
        };
        let stop = AtomicBool::new(false);
        let stop_ref = &stop;
        let mut visit = visit.clone();
        let bundle_ref = &bundle;
        let deltas = super::delta::deltas_per_base(&bundle);
        let deltas_ref = &deltas;
        let result = traverse(&bundle, threads, &stop, move |kind, data, entry| {
            let at = PackEntry {
                bundle: bundle_ref,
                pack_no: pack_no as u32,
                offset: entry.pack_offset,
                deltas: deltas_ref.get(&entry.pack_offset).copied().unwrap_or(0),
            };
            if !visit(kind, &entry.oid, data, &at) {
                stop_ref.store(true, Ordering::Relaxed);
            }
        });
        if result.is_err() || stop.load(Ordering::Relaxed) {
            return false;
        }
    }
    problems.is_empty()
}

/// How many objects the packs of `repo` hold (0 if none can be read).
pub(crate) fn packed_objects(repo: &gix::Repository) -> usize {
    pack_indices(repo, &mut Vec::new())
        .iter()
        .filter_map(|p| pack::index::File::at(p, repo.object_hash()).ok())
        .map(|i| i.num_objects() as usize)
        .sum()
}

fn worth_traversing(wanted: usize, objects: usize) -> bool {
    wanted >= MIN_WANTED && wanted * MIN_WANTED_SHARE >= objects
}

/// Resolves every entry of the pack once, base before delta, and calls
/// a clone of `on_object` (one per thread) for each; setting `interrupt`
/// stops the traversal early.
fn traverse<F>(
    bundle: &pack::Bundle,
    threads: usize,
    interrupt: &AtomicBool,
    mut on_object: F,
) -> Result<(), gix::Error>
where
    F: FnMut(gix::object::Kind, &[u8], &pack::index::Entry) + Clone + Send,
{
    bundle
        .index
        .traverse_with_index(
            &bundle.pack,
            move |kind, data, entry, _progress| {
                on_object(kind, data, entry);
                Ok(())
            },
            &mut gix::progress::Discard,
            interrupt,
            pack::index::traverse::with_index::Options {
                thread_limit: Some(threads.max(1)),
                // Reading by id does not verify checksums either; a damaged
                // pack shows up as a decode error, and then the caller reads
                // what is left by id and reports each unreadable blob.
                check: pack::index::traverse::SafetyCheck::SkipFileAndObjectChecksumVerification,
                // A single object larger than this stops the traversal (the
                // caller then reads by id, where the size is checked on the
                // header before anything is inflated).
                alloc_limit_bytes: Some(MAX_OBJECT_BYTES),
            },
        )
        .map(|_| ())
}

/// The `.idx` files of the repository's object directory and of its
/// alternates.
fn pack_indices(repo: &gix::Repository, problems: &mut Vec<String>) -> Vec<PathBuf> {
    let objects = repo.objects.store_ref().path().to_path_buf();
    let cwd = std::env::current_dir().unwrap_or_else(|_| objects.clone());
    let mut dirs = vec![objects.clone()];
    match gix::odb::alternate::resolve(objects, &cwd) {
        Ok(alternates) => dirs.extend(alternates),
        Err(e) => problems.push(format!("alternates: {}", one_line(&e))),
    }
    let mut out = Vec::new();
    for dir in dirs {
        out.extend(indices_in(&dir.join("pack")));
    }
    out
}

fn indices_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "idx"))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traverses_only_packs_with_many_wanted_blobs() {
        assert!(!worth_traversing(10, 100));
        assert!(!worth_traversing(300, 100_000));
        assert!(worth_traversing(300, 4_000));
        assert!(worth_traversing(23_000, 155_000));
    }
}
