//! The trees of a long history, resolved once from the packs and kept in
//! a compact form, so that diffing every commit against its parents reads
//! no objects.
//!
//! Diffing tree by tree through the object database re-resolves delta
//! chains: the root tree of a repository changes in every commit, and its
//! versions are stored as deltas of each other, often 20–50 deep. On the
//! 25,689-commit benchmark history that made the diff phase the slowest
//! part of a scan. Resolving all trees in one pack traversal (see
//! [`pack_order`](super::pack_order)) inflates each once; the store keeps
//! each entry as two `u32`s — an interned name and an interned object id
//! with its kind — about a fifth of the raw tree bytes.
//!
//! The store is an accelerator, not a source of truth: it is built only for
//! long ranges, gives up beyond a memory budget, and a tree it does not hold
//! (a loose object, say) makes the caller diff that commit through the
//! object database as before.

use std::cmp::Ordering;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::Mutex;

use gix::bstr::BString;
use gix::objs::tree::EntryKind;
use gix::ObjectId;
use rustc_hash::FxHashMap;

use super::delta::PackEntry;

/// Entries the store may hold before it gives up (8 bytes each: 128 MiB).
const MAX_ENTRIES: usize = 16 << 20;

/// The kind of a tree entry, in the top bits of [`Entry::target`].
const KIND_SHIFT: u32 = 29;
const INDEX_MASK: u32 = (1 << KIND_SHIFT) - 1;

/// One tree entry: an interned name and an interned target with its kind.
#[derive(Clone, Copy)]
struct Entry {
    name: u32,
    target: u32,
}

impl Entry {
    fn kind(self) -> u32 {
        self.target >> KIND_SHIFT
    }

    fn is_tree(self) -> bool {
        self.kind() == kind_code(EntryKind::Tree)
    }

    fn is_blob(self) -> bool {
        let k = self.kind();
        k == kind_code(EntryKind::Blob) || k == kind_code(EntryKind::BlobExecutable)
    }

    fn id(self) -> u32 {
        self.target & INDEX_MASK
    }
}

const fn kind_code(kind: EntryKind) -> u32 {
    match kind {
        EntryKind::Tree => 0,
        EntryKind::Blob => 1,
        EntryKind::BlobExecutable => 2,
        EntryKind::Link => 3,
        EntryKind::Commit => 4,
    }
}

/// Called with each blob a traversal meets, and where it is stored (after
/// its delta base, if that is a blob of the same pack).
pub(crate) type BlobVisitor<'a> = &'a (dyn Fn(&gix::oid, &[u8], &PackEntry<'_>) + Sync);

/// Parsed trees by id.
pub(crate) struct TreeStore {
    trees: gix::hashtable::HashMap<ObjectId, (u32, u32)>,
    entries: Vec<Entry>,
    names: Vec<Box<[u8]>>,
    ids: Vec<ObjectId>,
}

/// A part of the store: one traversal thread fills one without locking,
/// and the parts are merged at the end (re-interning only the distinct
/// names and ids of each part, not every entry).
#[derive(Default)]
struct Builder {
    trees: gix::hashtable::HashMap<ObjectId, (u32, u32)>,
    entries: Vec<Entry>,
    names: Vec<Box<[u8]>>,
    name_ids: FxHashMap<Box<[u8]>, u32>,
    ids: Vec<ObjectId>,
    id_ids: gix::hashtable::HashMap<ObjectId, u32>,
}

impl Builder {
    fn name_id(&mut self, name: &[u8]) -> u32 {
        if let Some(&n) = self.name_ids.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.into());
        self.name_ids.insert(name.into(), n);
        n
    }

    fn id_id(&mut self, id: &gix::oid) -> u32 {
        if let Some(&n) = self.id_ids.get(id) {
            return n;
        }
        let n = self.ids.len() as u32;
        self.ids.push(id.to_owned());
        self.id_ids.insert(id.to_owned(), n);
        n
    }

    /// Parses and adds one tree. A tree that does not parse stays out of
    /// the store: diffs that need it go through the object database and
    /// report it.
    fn add(&mut self, id: &gix::oid, data: &[u8], hash: gix::hash::Kind) {
        let start = self.entries.len();
        for entry in gix::objs::TreeRefIter::from_bytes(data, hash) {
            let Ok(entry) = entry else {
                self.entries.truncate(start);
                return;
            };
            let name = self.name_id(entry.filename);
            let target = self.id_id(entry.oid);
            self.entries.push(Entry {
                name,
                target: (kind_code(entry.mode.kind()) << KIND_SHIFT) | target,
            });
        }
        let len = (self.entries.len() - start) as u32;
        self.trees.insert(id.to_owned(), (start as u32, len));
    }

    /// Moves `other`'s trees into `self`.
    fn absorb(&mut self, other: Builder) {
        let names: Vec<u32> = other.names.iter().map(|n| self.name_id(n)).collect();
        let ids: Vec<u32> = other.ids.iter().map(|id| self.id_id(id)).collect();
        let base = self.entries.len() as u32;
        self.entries.extend(other.entries.iter().map(|e| Entry {
            name: names[e.name as usize],
            target: (e.kind() << KIND_SHIFT) | ids[e.id() as usize],
        }));
        self.trees.extend(
            other
                .trees
                .into_iter()
                .map(|(id, (start, len))| (id, (base + start, len))),
        );
    }

    fn into_store(self) -> Option<TreeStore> {
        (self.ids.len() <= INDEX_MASK as usize).then_some(TreeStore {
            trees: self.trees,
            entries: self.entries,
            names: self.names,
            ids: self.ids,
        })
    }
}

/// The builder of one traversal thread; hands its part to `done` when the
/// thread is finished with it.
struct ThreadPart<'a> {
    part: Builder,
    done: &'a Mutex<Vec<Builder>>,
    /// Entries in all parts, against the budget.
    total: &'a AtomicUsize,
    hash: gix::hash::Kind,
}

impl ThreadPart<'_> {
    /// Adds a tree; `false` once the budget is exhausted.
    fn add(&mut self, id: &gix::oid, data: &[u8]) -> bool {
        let before = self.part.entries.len();
        self.part.add(id, data, self.hash);
        let added = self.part.entries.len() - before;
        self.total.fetch_add(added, AtomicOrdering::Relaxed) + added <= MAX_ENTRIES
    }
}

impl Clone for ThreadPart<'_> {
    /// A new thread starts an empty part.
    fn clone(&self) -> Self {
        ThreadPart {
            part: Builder::default(),
            done: self.done,
            total: self.total,
            hash: self.hash,
        }
    }
}

impl Drop for ThreadPart<'_> {
    fn drop(&mut self) {
        if !self.part.trees.is_empty() {
            let part = std::mem::take(&mut self.part);
            if let Ok(mut done) = self.done.lock() {
                done.push(part);
            }
        }
    }
}

impl TreeStore {
    /// Resolves every tree of every pack of `repo` on `threads` threads,
    /// handing the blobs met on the way to `on_blob` if given; `None` when a
    /// pack cannot be traversed or the trees exceed the budget (the blobs
    /// handed over until then were still handed over).
    pub(crate) fn build(
        repo: &gix::Repository,
        threads: usize,
        on_blob: Option<BlobVisitor<'_>>,
        progress: &dyn crate::source::Progress,
    ) -> Option<TreeStore> {
        let done = Mutex::new(Vec::new());
        let total = AtomicUsize::new(0);
        let complete = {
            let mut part = ThreadPart {
                part: Builder::default(),
                done: &done,
                total: &total,
                hash: repo.object_hash(),
            };
            super::pack_order::for_each_object(repo, threads, move |kind, id, data, at| {
                progress.advance(1);
                match kind {
                    gix::object::Kind::Tree => part.add(id, data),
                    gix::object::Kind::Blob => {
                        if let Some(f) = on_blob {
                            f(id, data, at);
                        }
                        true
                    }
                    _ => true,
                }
            })
        };
        if !complete {
            return None;
        }
        let mut parts = done.into_inner().ok()?;
        let mut store = parts.pop().unwrap_or_default();
        for p in parts {
            store.absorb(p);
        }
        store.into_store()
    }

    fn entries(&self, tree: &ObjectId) -> Option<&[Entry]> {
        if tree.is_empty_tree() {
            return Some(&[]);
        }
        let &(start, len) = self.trees.get(tree)?;
        Some(&self.entries[start as usize..(start + len) as usize])
    }

    /// The (path, blob) pairs of `new` that `old` does not have at the same
    /// path with the same id and mode (what a tree diff reports as added or
    /// modified blobs), in tree order; `None` if a tree needed is not in the
    /// store.
    pub(crate) fn changed_blobs(
        &self,
        old: &ObjectId,
        new: &ObjectId,
    ) -> Option<Vec<(BString, ObjectId)>> {
        let mut out = Vec::new();
        let mut prefix = Vec::new();
        self.walk(
            Some(self.entries(old)?),
            self.entries(new)?,
            &mut prefix,
            &mut out,
        )?;
        Some(out)
    }

    fn walk(
        &self,
        old: Option<&[Entry]>,
        new: &[Entry],
        prefix: &mut Vec<u8>,
        out: &mut Vec<(BString, ObjectId)>,
    ) -> Option<()> {
        let old = old.unwrap_or(&[]);
        let mut o = 0;
        for &n in new {
            // Both lists are in git's tree order: skip what only `old` has.
            let mut same_name = None;
            while o < old.len() {
                match self.git_order(old[o], n) {
                    Ordering::Less => o += 1,
                    Ordering::Equal => {
                        same_name = Some(old[o]);
                        o += 1;
                        break;
                    }
                    Ordering::Greater => break,
                }
            }
            if same_name.is_some_and(|s| s.target == n.target) {
                continue;
            }
            if !(n.is_tree() || n.is_blob()) {
                continue;
            }
            let len = prefix.len();
            prefix.extend_from_slice(&self.names[n.name as usize]);
            if n.is_tree() {
                let old_sub = match same_name {
                    Some(s) if s.is_tree() => Some(self.entries(&self.ids[s.id() as usize])?),
                    _ => None,
                };
                let new_sub = self.entries(&self.ids[n.id() as usize])?;
                prefix.push(b'/');
                self.walk(old_sub, new_sub, prefix, out)?;
            } else {
                out.push((BString::from(prefix.clone()), self.ids[n.id() as usize]));
            }
            prefix.truncate(len);
        }
        Some(())
    }

    /// Git's tree order: names compared bytewise, a tree as if its name
    /// ended in `/`. Entries of the same name and type compare equal.
    fn git_order(&self, a: Entry, b: Entry) -> Ordering {
        let (an, bn) = (&self.names[a.name as usize], &self.names[b.name as usize]);
        let common = an.len().min(bn.len());
        an[..common].cmp(&bn[..common]).then_with(|| {
            let next = |name: &[u8], e: Entry| {
                name.get(common)
                    .copied()
                    .or_else(|| e.is_tree().then_some(b'/'))
            };
            next(an, a).cmp(&next(bn, b))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oid(n: u8) -> ObjectId {
        ObjectId::from_bytes_or_panic(&[n; 20])
    }

    /// A hand-written tree: its id and its (kind, name, target) entries.
    type TreeSpec<'a> = (u8, Vec<(EntryKind, &'a str, u8)>);

    /// A store from hand-written trees.
    fn store(trees: &[TreeSpec<'_>]) -> TreeStore {
        // Two parts, merged, as the traversal threads build it.
        let mut parts = [Builder::default(), Builder::default()];
        for (n, (id, entries)) in trees.iter().enumerate() {
            let mut data = Vec::new();
            for (kind, name, target) in entries {
                let mode: gix::objs::tree::EntryMode = (*kind).into();
                data.extend_from_slice(format!("{:o} {name}\0", mode.value()).as_bytes());
                data.extend_from_slice(oid(*target).as_bytes());
            }
            parts[n % 2].add(&oid(*id), &data, gix::hash::Kind::Sha1);
        }
        let [mut a, b] = parts;
        a.absorb(b);
        a.into_store().unwrap()
    }

    fn changed(s: &TreeStore, old: u8, new: u8) -> Vec<(String, u8)> {
        s.changed_blobs(&oid(old), &oid(new))
            .expect("all trees stored")
            .into_iter()
            .map(|(p, id)| (p.to_string(), id.as_bytes()[0]))
            .collect()
    }

    #[test]
    fn reports_added_and_modified_blobs_with_full_paths() {
        use EntryKind::*;
        let s = store(&[
            (1, vec![(Blob, "a", 10), (Tree, "d", 2), (Blob, "z", 11)]),
            (2, vec![(Blob, "x", 12)]),
            (
                3,
                vec![
                    (Blob, "a", 10),
                    (Blob, "b", 13),
                    (Tree, "d", 4),
                    (Blob, "z", 14),
                ],
            ),
            (4, vec![(Blob, "x", 12), (BlobExecutable, "y", 15)]),
        ]);
        assert_eq!(
            changed(&s, 1, 3),
            vec![("b".into(), 13), ("d/y".into(), 15), ("z".into(), 14)]
        );
        // Deletions report nothing.
        assert_eq!(changed(&s, 3, 1), vec![("z".into(), 11)]);
    }

    #[test]
    fn mode_change_symlinks_submodules_and_kind_changes() {
        use EntryKind::*;
        let s = store(&[
            (
                1,
                vec![(Blob, "ln", 12), (Blob, "run", 10), (Blob, "x", 11)],
            ),
            // run became executable (same content), x became a directory,
            // ln a symlink, and a submodule appeared.
            (
                2,
                vec![
                    (Link, "ln", 12),
                    (BlobExecutable, "run", 10),
                    (Commit, "sub", 13),
                    (Tree, "x", 3),
                ],
            ),
            (3, vec![(Blob, "inner", 14)]),
        ]);
        assert_eq!(
            changed(&s, 1, 2),
            vec![("run".into(), 10), ("x/inner".into(), 14)]
        );
    }

    #[test]
    fn git_order_puts_a_tree_after_a_longer_name() {
        use EntryKind::*;
        // Git order: "a-b" < "a" (tree, as "a/") because '-' < '/'; and
        // "a.txt" < "a/" because '.' < '/'. Both trees list them that way.
        let s = store(&[
            (
                1,
                vec![(Blob, "a-b", 10), (Blob, "a.txt", 11), (Tree, "a", 2)],
            ),
            (2, vec![(Blob, "f", 12)]),
            (
                3,
                vec![(Blob, "a-b", 10), (Blob, "a.txt", 16), (Tree, "a", 4)],
            ),
            (4, vec![(Blob, "f", 12), (Blob, "g", 17)]),
        ]);
        assert_eq!(
            changed(&s, 1, 3),
            vec![("a.txt".into(), 16), ("a/g".into(), 17)]
        );
    }

    #[test]
    fn empty_tree_and_missing_trees() {
        use EntryKind::*;
        let s = store(&[(1, vec![(Blob, "a", 10)])]);
        let empty = ObjectId::empty_tree(gix::hash::Kind::Sha1);
        assert_eq!(s.changed_blobs(&empty, &oid(1)).unwrap().len(), 1);
        assert!(s.changed_blobs(&oid(1), &oid(9)).is_none());
    }
}
