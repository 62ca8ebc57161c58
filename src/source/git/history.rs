//! `--history`: every commit in range, each unique blob scanned once.
//!
//! 1. Resolve the range: all refs and HEAD by default; `--branch REF`;
//!    `--since REV` (reachable from HEAD, or from `--branch`, but not from
//!    REV); positional `REV`, `^REV` and `A..B`.
//! 2. Walk it with gix (the walk stops at a shallow boundary by itself; a
//!    shallow commit is treated as a root, as git does, and `stats.shallow`
//!    says so).
//! 3. In parallel (rayon, one thread-local repository per worker): read each
//!    commit (author, date, message — the message is scanned as a blob
//!    under the path `<commit message>`) and diff its tree against each
//!    parent's with rename tracking off. A (path, blob) pair counts as
//!    introduced by a merge only if it differs from every parent.
//! 4. Dedupe the introduced blobs by id and scan each exactly once, in
//!    parallel.
//! 5. Attribute: one finding per (fingerprint, path) at the earliest
//!    introducing commit in topological order (parents first, then commit
//!    time), with `later_commits` (the other commits that introduced it at
//!    that path) and `in_head` (HEAD's version of the path still holds it).
//!
//! The repository is opened with object replacement off
//! ([`super::open_real_graph`]): an audit walks the real parents.
//!
//! A commit, tree or blob that cannot be read becomes an entry in `errors`
//! and the scan goes on.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use gix::bstr::{BString, ByteSlice};
use gix::ObjectId;
use rayon::prelude::*;

use super::delta::{PackEntry, Scratch as DeltaScratch};
use super::phases::Phases;
use super::tree_store::{BlobVisitor, TreeStore};
use super::{
    one_line, pack_order, rfc3339_utc, scan_data, GitError, HistoryOptions, Scanned,
    COMMIT_MESSAGE_PATH,
};
use crate::finding::{CommitInfo, Finding, SourceKind};
use crate::reuse::{Derived, KeywordHits};
use crate::source::{BlobMeta, BlobScanner};
use crate::source::{Progress, SourceOutput, Unit};
use crate::stats::ScanError;

/// Object cache per worker: trees are read once as a child and again as a
/// parent, and 16 MiB holds the trees of a few hundred neighbouring commits.
const OBJECT_CACHE: usize = 16 << 20;
/// The tree store is built for ranges of at least this many commits…
const MIN_STORE_COMMITS: usize = 256;
/// …that are long for the packs: resolving every tree costs a traversal of
/// every pack, diffing by id costs a few delta chains per commit.
const STORE_OBJECTS_PER_COMMIT: usize = 16;
/// Commits diffed per batch, so the (path, blob) lists of a huge history
/// never sit in memory all at once.
const DIFF_BATCH: usize = 2048;

/// One walked commit.
struct CommitRec {
    id: ObjectId,
    tree: ObjectId,
    /// Parents as git sees them (none for a root or a shallow commit).
    parents: Vec<ObjectId>,
    time: i64,
    info: CommitInfo,
}

/// A blob scanned ahead of the diffs, kept small (a history may hold
/// millions): what it counts for, and its findings if any.
type BlobScan = (Counted, Option<Vec<Finding>>);

/// What one scanned blob adds to the stats.
#[derive(Clone, Copy)]
enum Counted {
    Scanned { bytes: u64 },
    Binary,
    TooLarge,
}

impl Counted {
    fn of(o: &SourceOutput) -> Counted {
        if o.stats.skipped_binary > 0 {
            Counted::Binary
        } else if o.stats.skipped_too_large > 0 {
            Counted::TooLarge
        } else {
            Counted::Scanned {
                bytes: o.stats.bytes,
            }
        }
    }

    fn into_output(self) -> SourceOutput {
        let mut o = SourceOutput::default();
        match self {
            Counted::Scanned { bytes } => {
                o.stats.blobs = 1;
                o.stats.bytes = bytes;
            }
            Counted::Binary => o.stats.skipped_binary = 1,
            Counted::TooLarge => o.stats.skipped_too_large = 1,
        }
        o
    }
}

/// Where a blob was introduced: (path index, commit index).
type Intro = (u32, u32);

/// Scans the history of the repository at `dir`.
pub fn scan(
    engine: &dyn BlobScanner,
    dir: &Path,
    opts: &HistoryOptions,
    progress: &dyn Progress,
) -> Result<SourceOutput, GitError> {
    let mut phases = Phases::from_env();
    let repo = super::open_real_graph(dir)?;
    let mut out = SourceOutput::default();
    let (tips, hidden) = resolve_range(&repo, opts, &mut out.errors)?;
    let shallow: HashSet<ObjectId> = repo
        .shallow_commits()
        .map_err(|e| {
            GitError::Runtime(format!(
                "{}: cannot read the shallow file: {}",
                dir.display(),
                one_line(&e)
            ))
        })?
        .map(|c| c.iter().copied().collect())
        .unwrap_or_default();

    // 2. The walk.
    let mut ids = Vec::new();
    progress.phase("walking commits", Unit::Commits, None);
    if !tips.is_empty() {
        let walk = repo.rev_walk(tips).with_hidden(hidden).all().map_err(|e| {
            GitError::Runtime(format!(
                "{}: cannot walk the history: {}",
                dir.display(),
                one_line(&e)
            ))
        })?;
        for info in walk {
            match info {
                Ok(info) => {
                    ids.push(info.id);
                    progress.advance(1);
                }
                Err(e) => out.errors.push(ScanError::new(
                    "<history>",
                    format!("history walk: {}", one_line(&e)),
                )),
            }
        }
    }
    phases.end("commit walk");
    let sync = repo.into_sync();
    let head_tree = sync
        .to_thread_local()
        .head_tree_id()
        .ok()
        .map(|id| id.detach());

    // 3a. Commits: metadata and messages.
    progress.phase("reading commits", Unit::Commits, Some(ids.len() as u64));
    let read: Vec<(Option<CommitRec>, SourceOutput, Vec<Finding>)> = ids
        .par_iter()
        .map_init(
            || local_repo(&sync),
            |repo, id| {
                let r = read_commit(engine, repo, *id, &shallow, opts.max_file_size);
                progress.advance(1);
                r
            },
        )
        .collect();
    let mut commits = Vec::with_capacity(read.len());
    let mut message_findings = Vec::new();
    for (rec, o, f) in read {
        out.merge(o);
        if let Some(rec) = rec {
            let idx = commits.len() as u32;
            message_findings.extend(f.into_iter().map(|f| (idx, f)));
            commits.push(rec);
        }
    }
    out.stats.commits = commits.len() as u64;
    out.stats.shallow = commits.iter().any(|c| shallow.contains(&c.id));
    let rank = topo_rank(&commits);
    phases.end("commits and messages");

    // 3b. What each commit introduced: diffs against the tree store when
    // the range is long enough to pay for resolving every tree once.
    // The same traversal resolves every blob: unless some rule depends on
    // the path, a blob yields the same under any path, so it is scanned
    // right away and the result kept until the diffs say whether the blob
    // is in the range (this saves a second traversal).
    let scanned_ahead: Mutex<gix::hashtable::HashMap<ObjectId, BlobScan>> = Mutex::default();
    let kept_hits = KeptHits::default();
    let scan_ahead = |id: &gix::oid, data: &[u8], at: &PackEntry<'_>| {
        let mut o = SourceOutput::default();
        let Some((found, derived)) = phases.time(&phases.scan_ns, || {
            scan_derived(engine, id, data, at, &kept_hits, opts.max_file_size, &mut o)
        }) else {
            return;
        };
        if derived && phases.enabled() {
            phases
                .derived_bytes
                .fetch_add(data.len() as u64, std::sync::atomic::Ordering::Relaxed);
        }
        if phases.enabled() {
            phases
                .scan_bytes
                .fetch_add(o.stats.bytes, std::sync::atomic::Ordering::Relaxed);
        }
        scanned_ahead
            .lock()
            .expect("no panics while locked")
            .insert(id.to_owned(), (Counted::of(&o), found));
    };
    let store = {
        let repo = local_repo(&sync);
        let commits_n = commits.len();
        let packed = if commits_n >= MIN_STORE_COMMITS && accelerated() {
            pack_order::packed_objects(&repo)
        } else {
            0
        };
        (packed > 0 && commits_n * STORE_OBJECTS_PER_COMMIT >= packed)
            .then(|| {
                progress.phase(
                    if engine.has_path_rules() {
                        "resolving trees"
                    } else {
                        "resolving trees, scanning blobs"
                    },
                    Unit::Objects,
                    Some(packed as u64),
                );
                let on_blob: BlobVisitor<'_> = &scan_ahead;
                TreeStore::build(
                    &repo,
                    rayon::current_num_threads(),
                    (!engine.has_path_rules()).then_some(on_blob),
                    progress,
                )
            })
            .flatten()
    };
    drop(kept_hits);
    phases.end("traversal: inflate, trees, scan");
    let tree_of: HashMap<ObjectId, ObjectId> = commits.iter().map(|c| (c.id, c.tree)).collect();
    let mut paths: Vec<String> = Vec::new();
    let mut path_ids: HashMap<BString, u32> = HashMap::new();
    let mut intros: HashMap<ObjectId, Vec<Intro>> = HashMap::new();
    let mut order: Vec<ObjectId> = Vec::new();
    progress.phase("diffing commits", Unit::Commits, Some(commits.len() as u64));
    for (batch_no, batch) in commits.chunks(DIFF_BATCH).enumerate() {
        let diffs: Vec<Result<Vec<(BString, ObjectId)>, ScanError>> = batch
            .par_iter()
            .map_init(
                || (local_repo(&sync), gix::diff::tree::State::default()),
                |(repo, state), c| {
                    let r = introduced(repo, state, store.as_ref(), c, &tree_of);
                    progress.advance(1);
                    r
                },
            )
            .collect();
        for (k, d) in diffs.into_iter().enumerate() {
            let commit_idx = (batch_no * DIFF_BATCH + k) as u32;
            match d {
                Ok(list) => {
                    for (path, blob) in list {
                        let next = paths.len() as u32;
                        let pid = *path_ids.entry(path).or_insert_with_key(|p| {
                            paths.push(p.to_str_lossy().into_owned());
                            next
                        });
                        intros
                            .entry(blob)
                            .or_insert_with(|| {
                                order.push(blob);
                                Vec::new()
                            })
                            .push((pid, commit_idx));
                    }
                }
                Err(e) => out.errors.push(e),
            }
        }
    }
    drop(path_ids);
    drop(store);
    phases.end("tree diffs");

    // 4. Each unique blob once: scanned ahead, or in pack order where that
    // pays (see `pack_order`), the rest by id.
    progress.phase("scanning blobs", Unit::Blobs, Some(order.len() as u64));
    let path_of = |id: &ObjectId| paths[intros[id][0].0 as usize].as_str();
    let finish = |id: ObjectId, o: SourceOutput, found: Option<Vec<Finding>>| {
        progress.advance(1);
        (o, found.map(|f| (id, f)))
    };
    let mut scanned = Vec::with_capacity(order.len());
    let mut ahead = scanned_ahead.into_inner().expect("no panics while locked");
    let mut done: HashSet<ObjectId> = HashSet::with_capacity(ahead.len());
    for id in &order {
        if let Some((counted, found)) = ahead.remove(id) {
            done.insert(*id);
            scanned.push((counted.into_output(), found.map(|f| (*id, f))));
        }
    }
    drop(ahead); // blobs outside the range
    progress.advance(done.len() as u64);
    let unscanned: Vec<ObjectId> = order
        .iter()
        .copied()
        .filter(|id| !done.contains(id))
        .collect();
    drop(done);
    let in_pack_order = Mutex::new(Vec::new());
    let packed = pack_order::for_each_blob(
        &local_repo(&sync),
        if accelerated() { &unscanned } else { &[] },
        rayon::current_num_threads(),
        |id, data| {
            let mut o = SourceOutput::default();
            let found = scan_blob(
                engine,
                id,
                Bytes::Read(data),
                path_of(&id),
                opts.max_file_size,
                &mut o,
            );
            let r = finish(id, o, found);
            in_pack_order
                .lock()
                .expect("no panics while locked")
                .push(r);
        },
    );
    out.warnings.extend(
        packed
            .problems
            .into_iter()
            .map(|p| format!("{p} (its blobs were read one by one instead)")),
    );
    scanned.extend(in_pack_order.into_inner().expect("no panics while locked"));
    let rest: Vec<ObjectId> = unscanned
        .into_iter()
        .filter(|id| !packed.delivered.contains(id))
        .collect();
    scanned.par_extend(rest.par_iter().map_init(
        || local_repo(&sync),
        |repo, id| {
            let mut o = SourceOutput::default();
            let found = scan_blob(
                engine,
                *id,
                Bytes::ById(repo),
                path_of(id),
                opts.max_file_size,
                &mut o,
            );
            finish(*id, o, found)
        },
    ));
    let mut with_findings = Vec::new();
    for (o, f) in scanned {
        out.merge(o);
        with_findings.extend(f);
    }
    out.stats.files = paths.len() as u64;
    phases.end("blobs not scanned ahead");

    // 5. Attribution.
    progress.phase(
        "attributing findings",
        Unit::Findings,
        Some(
            with_findings
                .iter()
                .map(|(_, f)| f.len() as u64)
                .sum::<u64>()
                + message_findings.len() as u64,
        ),
    );
    let repo = local_repo(&sync);
    let mut groups: HashMap<(String, u32, bool), Group> = HashMap::new();
    for (blob, findings) in &with_findings {
        for &(pid, cidx) in &intros[blob] {
            for f in findings {
                groups
                    .entry((f.fingerprint.clone(), pid, f.suppressed.is_some()))
                    .or_default()
                    .add(cidx, rank[cidx as usize], f);
            }
        }
        progress.advance(findings.len() as u64);
    }
    let mut head_fps = HeadFingerprints::new(&repo, head_tree, engine, &intros, &with_findings);
    for ((fp, pid, _), g) in groups {
        let path = &paths[pid as usize];
        let mut f = g.into_finding(&commits);
        f.path = path.clone();
        f.in_head = Some(head_fps.contains(path, &fp, opts.max_file_size));
        out.findings.push(f);
    }
    let mut msg_groups: HashMap<(String, bool), Group> = HashMap::new();
    for (cidx, f) in &message_findings {
        msg_groups
            .entry((f.fingerprint.clone(), f.suppressed.is_some()))
            .or_default()
            .add(*cidx, rank[*cidx as usize], f);
        progress.advance(1);
    }
    for (_, g) in msg_groups {
        let mut f = g.into_finding(&commits);
        f.in_head = Some(false);
        out.findings.push(f);
    }
    drop(head_fps);
    phases.end("attribution");

    if opts.all_objects {
        let seen: HashSet<ObjectId> = intros.into_keys().collect();
        out.merge(super::objects::scan_unreached(
            engine,
            &sync,
            &seen,
            opts.max_file_size,
            progress,
        ));
        phases.end("unreachable objects");
    }
    progress.finish();
    phases.print(rayon::current_num_threads());
    Ok(out)
}

/// Whether the accelerators (tree store, scanning ahead, reading in pack
/// order) may be used. `KEYHOUND_HISTORY_BY_ID=1` turns them off, so
/// every tree is diffed and every blob read through the object database
/// one by one: the reference the differential tests compare the fast path
/// with (`tests/history_real.rs`), on any repository. Slow; never needed
/// otherwise.
fn accelerated() -> bool {
    std::env::var_os("KEYHOUND_HISTORY_BY_ID").is_none_or(|v| v == "0")
}

/// A thread-local repository with an object cache.
fn local_repo(sync: &gix::ThreadSafeRepository) -> gix::Repository {
    let mut repo = sync.to_thread_local();
    repo.object_cache_size_if_unset(OBJECT_CACHE);
    repo
}

/// Tips to walk from and tips to hide; refs that cannot be read go to
/// `errors`.
fn resolve_range(
    repo: &gix::Repository,
    opts: &HistoryOptions,
    errors: &mut Vec<ScanError>,
) -> Result<(Vec<ObjectId>, Vec<ObjectId>), GitError> {
    let mut tips = Vec::new();
    let mut hidden = Vec::new();
    let commit_of = |spec: &str| -> Result<ObjectId, GitError> {
        let id = repo
            .rev_parse_single(spec)
            .map_err(|e| GitError::Usage(format!("unknown revision {spec:?}: {}", one_line(&e))))?;
        let commit = id.object().and_then(|o| o.peel_to_commit()).map_err(|e| {
            GitError::Usage(format!(
                "revision {spec:?} is not a commit: {}",
                one_line(&e)
            ))
        })?;
        Ok(commit.id)
    };
    for rev in &opts.revs {
        if rev.contains("...") {
            return Err(GitError::Usage(format!(
                "{rev:?}: symmetric ranges (A...B) are not supported; use A..B"
            )));
        }
        if let Some((a, b)) = rev.split_once("..") {
            hidden.push(commit_of(if a.is_empty() { "HEAD" } else { a })?);
            tips.push(commit_of(if b.is_empty() { "HEAD" } else { b })?);
        } else if let Some(a) = rev.strip_prefix('^') {
            hidden.push(commit_of(a)?);
        } else {
            tips.push(commit_of(rev)?);
        }
    }
    if let Some(b) = &opts.branch {
        tips.push(commit_of(b)?);
    }
    if let Some(since) = &opts.since {
        hidden.push(commit_of(since)?);
        if tips.is_empty() {
            tips.push(commit_of("HEAD")?);
        }
    }
    if tips.is_empty() {
        // Every ref, plus HEAD (a detached HEAD is in no ref).
        let list_err =
            |e: gix::Error| GitError::Runtime(format!("cannot list references: {}", one_line(&e)));
        let platform = repo.references().map_err(list_err)?;
        for r in platform.all().map_err(list_err)?.flatten() {
            // A ref whose object is missing or corrupt (a mirror that lost
            // objects) is an error entry, not a quietly smaller scan; a ref
            // to a tree or blob is simply not a history to walk.
            let name = r.name().as_bstr().to_string();
            let unreadable = |e: &(dyn std::error::Error + 'static)| {
                ScanError::new(
                    "<history>",
                    format!("ref {name}: cannot read its object: {}", one_line(e)),
                )
            };
            match r.into_fully_peeled_id() {
                Ok(id) => match repo.find_header(id) {
                    Ok(h) if h.kind() == gix::object::Kind::Commit => tips.push(id.detach()),
                    Ok(_) => {}
                    Err(e) => errors.push(unreadable(&e)),
                },
                Err(e) => errors.push(unreadable(&e)),
            }
        }
        if let Ok(id) = repo.head_id() {
            tips.push(id.detach());
        }
        tips.sort();
        tips.dedup();
    }
    Ok((tips, hidden))
}

/// Reads one commit: its record, and the findings of its message.
fn read_commit(
    engine: &dyn BlobScanner,
    repo: &gix::Repository,
    id: ObjectId,
    shallow: &HashSet<ObjectId>,
    max_file_size: u64,
) -> (Option<CommitRec>, SourceOutput, Vec<Finding>) {
    let mut out = SourceOutput::default();
    let path = || id.to_string();
    let object = match repo.find_object(id) {
        Ok(o) => o,
        Err(e) => {
            out.errors.push(ScanError::new(
                path(),
                format!("cannot read commit: {}", one_line(&e)),
            ));
            return (None, out, Vec::new());
        }
    };
    let commit = match gix::objs::CommitRef::from_bytes(&object.data, repo.object_hash()) {
        Ok(c) => c,
        Err(e) => {
            out.errors.push(ScanError::new(
                path(),
                format!("corrupt commit: {}", one_line(&e)),
            ));
            return (None, out, Vec::new());
        }
    };
    let (author, email, time) = match commit.author() {
        Ok(a) => {
            let a = a.trim();
            (
                a.name.to_str_lossy().into_owned(),
                a.email.to_str_lossy().into_owned(),
                a.seconds(),
            )
        }
        Err(_) => (String::new(), String::new(), 0),
    };
    let committed = commit.committer().ok().map(|c| rfc3339_utc(c.seconds()));
    let message = commit.message();
    let info = CommitInfo {
        id: id.to_string(),
        author,
        email,
        date: rfc3339_utc(time),
        committed,
        message: message.summary().to_str_lossy().into_owned(),
    };
    let parents = if shallow.contains(&id) {
        Vec::new()
    } else {
        commit.parents().collect()
    };
    let mut findings = Vec::new();
    let text: &[u8] = commit.message.as_ref();
    if (text.len() as u64) <= max_file_size {
        let meta = BlobMeta {
            path: COMMIT_MESSAGE_PATH,
            source: SourceKind::History,
            blob: None,
        };
        let mut scratch = SourceOutput::default();
        if let Scanned::Findings(f) = scan_data(engine, text, &meta, &mut scratch) {
            findings = f;
        }
    }
    let rec = CommitRec {
        id,
        tree: commit.tree(),
        parents,
        time,
        info,
    };
    (Some(rec), out, findings)
}

/// The (path, blob) pairs `c` introduced: blobs added or modified against
/// every parent (against the empty tree for a root commit). Diffs in the
/// store when it holds both trees, through the object database otherwise.
fn introduced(
    repo: &gix::Repository,
    state: &mut gix::diff::tree::State,
    store: Option<&TreeStore>,
    c: &CommitRec,
    tree_of: &HashMap<ObjectId, ObjectId>,
) -> Result<Vec<(BString, ObjectId)>, ScanError> {
    let err = |what: &str, e: &dyn std::fmt::Display| {
        ScanError::new(c.id.to_string(), format!("{what}: {e}"))
    };
    let empty = ObjectId::empty_tree(repo.object_hash());
    let parent_trees: Vec<ObjectId> = if c.parents.is_empty() {
        vec![empty]
    } else {
        c.parents
            .iter()
            .map(|p| match tree_of.get(p) {
                Some(t) => Ok(*t),
                // A parent outside the range (hidden by --since): still
                // the base to diff against.
                None => repo
                    .find_commit(*p)
                    .and_then(|pc| pc.tree_id().map(|t| t.detach()))
                    .map_err(|e| err("cannot read parent commit", &one_line(&e))),
            })
            .collect::<Result<_, _>>()?
    };
    let mut result: Option<Vec<(BString, ObjectId)>> = None;
    for parent_tree in parent_trees {
        if parent_tree == c.tree {
            // Identical to a parent: a merge that took this side unchanged.
            return Ok(Vec::new());
        }
        let stored = store.and_then(|s| s.changed_blobs(&parent_tree, &c.tree));
        let mut changed = match stored {
            Some(changed) => changed,
            None => changed_blobs(repo, state, &parent_tree, &c.tree)
                .map_err(|(what, e)| err(what, &e))?,
        };
        result = Some(match result {
            None => changed,
            Some(prev) => {
                changed.sort();
                prev.into_iter()
                    .filter(|x| changed.binary_search(x).is_ok())
                    .collect()
            }
        });
    }
    Ok(result.unwrap_or_default())
}

/// [`TreeStore::changed_blobs`] through the object database.
fn changed_blobs(
    repo: &gix::Repository,
    state: &mut gix::diff::tree::State,
    old: &ObjectId,
    new: &ObjectId,
) -> Result<Vec<(BString, ObjectId)>, (&'static str, String)> {
    let mut new_buf = Vec::new();
    let mut old_buf = Vec::new();
    let new_iter = tree_iter(repo, *new, &mut new_buf).map_err(|e| ("cannot read tree", e))?;
    let old_iter = tree_iter(repo, *old, &mut old_buf).map_err(|e| ("cannot read tree", e))?;
    let mut rec = gix::diff::tree::Recorder::default();
    gix::diff::tree(old_iter, new_iter, &mut *state, &repo.objects, &mut rec)
        .map_err(|e| ("cannot diff trees", one_line(&e)))?;
    Ok(rec
        .records
        .into_iter()
        .filter_map(|ch| match ch {
            gix::diff::tree::recorder::Change::Addition {
                entry_mode,
                oid,
                path,
                ..
            }
            | gix::diff::tree::recorder::Change::Modification {
                entry_mode,
                oid,
                path,
                ..
            } if entry_mode.is_blob() => Some((path, oid)),
            _ => None,
        })
        .collect())
}

fn tree_iter<'a>(
    repo: &gix::Repository,
    id: ObjectId,
    buf: &'a mut Vec<u8>,
) -> Result<gix::objs::TreeRefIter<'a>, String> {
    use gix::objs::FindExt;
    if id.is_empty_tree() {
        buf.clear();
        return Ok(gix::objs::TreeRefIter::from_bytes(buf, repo.object_hash()));
    }
    repo.objects
        .find_tree_iter(&id, buf)
        .map_err(|e| format!("{id}: {}", one_line(&e)))
}

/// Where a history blob's bytes come from.
#[derive(Clone, Copy)]
enum Bytes<'a> {
    /// Already read (in pack order).
    Read(&'a [u8]),
    /// To be read by id.
    ById(&'a gix::Repository),
}

/// The keyword hits of the blobs scanned ahead, by pack entry
/// ([`PackEntry::key`]), for the blobs stored as deltas of them
/// (src/reuse.rs): kept only for entries that are delta bases, until their
/// last delta took them. Sharded: both traversal threads insert and take.
#[derive(Default)]
struct KeptHits {
    shards: [Mutex<rustc_hash::FxHashMap<u64, Kept>>; 16],
}

/// A base's hits and how many of its deltas have yet to take them.
struct Kept {
    hits: Arc<KeywordHits>,
    waiting: u32,
}

impl KeptHits {
    fn shard(&self, key: u64) -> &Mutex<rustc_hash::FxHashMap<u64, Kept>> {
        // Pack offsets of neighbouring entries differ in their low bits.
        &self.shards[((key >> 4) % 16) as usize]
    }

    /// The hits of the base `key`, for one of its deltas (the last one
    /// takes them out).
    fn take(&self, key: u64) -> Option<Arc<KeywordHits>> {
        let mut shard = self.shard(key).lock().expect("no panics while locked");
        let kept = shard.get_mut(&key)?;
        kept.waiting -= 1;
        if kept.waiting == 0 {
            shard.remove(&key).map(|k| k.hits)
        } else {
            Some(Arc::clone(&kept.hits))
        }
    }

    fn insert(&self, key: u64, hits: KeywordHits, deltas: u32) {
        if deltas == 0 {
            return;
        }
        let mut shard = self.shard(key).lock().expect("no panics while locked");
        let hits = Arc::new(hits);
        shard.insert(
            key,
            Kept {
                hits,
                waiting: deltas,
            },
        );
    }
}

thread_local! {
    static DELTA_SCRATCH: std::cell::RefCell<DeltaScratch> = Default::default();
}

/// Scans a text blob met in the pack traversal (before its path is
/// known), reusing the keyword hits of its delta base when the base was
/// scanned (the traversal resolves a base before its deltas), and keeping
/// its own for the blobs derived from it. `None` for a binary blob (it
/// waits for its path and the range); else its findings, if any, and
/// whether its base's hits were given to the scan.
fn scan_derived(
    engine: &dyn BlobScanner,
    id: &gix::oid,
    data: &[u8],
    at: &PackEntry<'_>,
    kept: &KeptHits,
    max_file_size: u64,
    out: &mut SourceOutput,
) -> Option<(Option<Vec<Finding>>, bool)> {
    // Taken even if this blob is not scanned, so the base's hits are
    // dropped after its last delta.
    let base = at.base_key().and_then(|k| kept.take(k));
    // Binary blobs wait for their path and the range: path rules
    // (keystores) need the path, and an archive's counts and errors must
    // come only from blobs in the range.
    if crate::source::is_binary(data) {
        return None;
    }
    let copies = base.as_ref().and_then(|base| {
        DELTA_SCRATCH
            .with(|s| at.copies(&mut s.borrow_mut()))
            .filter(|(base_size, _)| *base_size == base.len)
            .map(|(_, copies)| copies)
    });
    let derived = match (&base, &copies) {
        (Some(base), Some(copies)) => Some(Derived { base, copies }),
        _ => None,
    };
    let hex = id.to_string();
    let meta = BlobMeta {
        path: "",
        source: SourceKind::History,
        blob: Some(&hex),
    };
    let given = derived.is_some();
    let (scanned, hits) =
        super::scan_bytes_reusing(engine, data, &meta, max_file_size, out, derived);
    if let Some(hits) = hits {
        kept.insert(at.key(), hits, at.deltas);
    }
    let found = match scanned {
        Scanned::Findings(f) if !f.is_empty() => Some(f),
        _ => None,
    };
    Some((found, given))
}

/// Scans one blob under `path`; `Some` only if it has findings.
fn scan_blob(
    engine: &dyn BlobScanner,
    id: ObjectId,
    bytes: Bytes<'_>,
    path: &str,
    max_file_size: u64,
    out: &mut SourceOutput,
) -> Option<Vec<Finding>> {
    let hex = id.to_string();
    let meta = BlobMeta {
        path,
        source: SourceKind::History,
        blob: Some(&hex),
    };
    let scanned = match bytes {
        Bytes::Read(data) => super::scan_bytes(engine, data, &meta, max_file_size, out),
        Bytes::ById(repo) => super::scan_object(engine, repo, id, &meta, max_file_size, out),
    };
    match scanned {
        Scanned::Findings(f) if !f.is_empty() => Some(f),
        _ => None,
    }
}

/// Oldest first: a commit after all of its walked parents; among the
/// commits whose parents are done, the older commit time first, then the
/// later-walked one (the walk goes from tips towards roots). Returns each
/// commit's rank.
fn topo_rank(commits: &[CommitRec]) -> Vec<u32> {
    let index: HashMap<ObjectId, usize> =
        commits.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut pending = vec![0usize; commits.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); commits.len()];
    for (i, c) in commits.iter().enumerate() {
        for p in &c.parents {
            if let Some(&pi) = index.get(p) {
                pending[i] += 1;
                children[pi].push(i);
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<(i64, Reverse<usize>)>> = BinaryHeap::new();
    for (i, c) in commits.iter().enumerate() {
        if pending[i] == 0 {
            ready.push(Reverse((c.time, Reverse(i))));
        }
    }
    let mut rank = vec![u32::MAX; commits.len()];
    let mut next = 0u32;
    while let Some(Reverse((_, Reverse(i)))) = ready.pop() {
        rank[i] = next;
        next += 1;
        for &ch in &children[i] {
            pending[ch] -= 1;
            if pending[ch] == 0 {
                ready.push(Reverse((commits[ch].time, Reverse(ch))));
            }
        }
    }
    rank
}

/// All occurrences of one (fingerprint, path): the earliest one and the
/// set of commits.
#[derive(Default)]
struct Group {
    best: Option<(u32, u32, Finding)>,
    commits: HashSet<u32>,
}

impl Group {
    fn add(&mut self, commit: u32, rank: u32, f: &Finding) {
        self.commits.insert(commit);
        let better = match &self.best {
            None => true,
            Some((r, _, b)) => (rank, f.line, f.column) < (*r, b.line, b.column),
        };
        if better {
            self.best = Some((rank, commit, f.clone()));
        }
    }

    fn into_finding(self, commits: &[CommitRec]) -> Finding {
        let (_, commit, mut f) = self.best.expect("a group has at least one finding");
        f.commit = Some(commits[commit as usize].info.clone());
        f.later_commits = Some(self.commits.len() - 1);
        f.source = SourceKind::History;
        f
    }
}

/// Answers "does HEAD's version of this path hold this fingerprint", reusing
/// the scan results where HEAD's blob was scanned already.
struct HeadFingerprints<'a> {
    repo: &'a gix::Repository,
    tree: Option<gix::Tree<'a>>,
    engine: &'a dyn BlobScanner,
    scanned: &'a HashMap<ObjectId, Vec<Intro>>,
    known: HashMap<ObjectId, HashSet<String>>,
    by_path: HashMap<String, Option<ObjectId>>,
}

impl<'a> HeadFingerprints<'a> {
    fn new(
        repo: &'a gix::Repository,
        head_tree: Option<ObjectId>,
        engine: &'a dyn BlobScanner,
        scanned: &'a HashMap<ObjectId, Vec<Intro>>,
        with_findings: &[(ObjectId, Vec<Finding>)],
    ) -> Self {
        let known = with_findings
            .iter()
            .map(|(id, f)| (*id, f.iter().map(|f| f.fingerprint.clone()).collect()))
            .collect();
        HeadFingerprints {
            repo,
            tree: head_tree.and_then(|t| repo.find_tree(t).ok()),
            engine,
            scanned,
            known,
            by_path: HashMap::new(),
        }
    }

    fn contains(&mut self, path: &str, fp: &str, max_file_size: u64) -> bool {
        let Some(tree) = &self.tree else { return false };
        let blob = *self.by_path.entry(path.to_string()).or_insert_with(|| {
            tree.lookup_entry(path.split('/'))
                .ok()
                .flatten()
                .filter(|e| e.mode().is_blob())
                .map(|e| e.object_id())
        });
        let Some(blob) = blob else { return false };
        if !self.known.contains_key(&blob) {
            // Scanned without findings, or outside the range: scan it now
            // (only paths with findings get here).
            let fps = if self.scanned.contains_key(&blob) {
                HashSet::new()
            } else {
                let mut scratch = SourceOutput::default();
                match scan_blob(
                    self.engine,
                    blob,
                    Bytes::ById(self.repo),
                    path,
                    max_file_size,
                    &mut scratch,
                ) {
                    Some(f) => f.into_iter().map(|f| f.fingerprint).collect(),
                    None => HashSet::new(),
                }
            };
            self.known.insert(blob, fps);
        }
        self.known[&blob].contains(fp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(len: usize) -> KeywordHits {
        KeywordHits {
            len,
            ..KeywordHits::default()
        }
    }

    #[test]
    fn a_base_keeps_its_hits_until_its_last_delta_took_them() {
        let kept = KeptHits::default();
        kept.insert(7, hits(10), 2);
        kept.insert(8, hits(20), 0);
        assert!(
            kept.take(8).is_none(),
            "a blob no delta derives from keeps nothing"
        );
        assert_eq!(kept.take(7).unwrap().len, 10);
        assert_eq!(kept.take(7).unwrap().len, 10);
        assert!(
            kept.take(7).is_none(),
            "dropped after the second and last delta"
        );
        let left: usize = kept.shards.iter().map(|s| s.lock().unwrap().len()).sum();
        assert_eq!(left, 0);
    }
}
