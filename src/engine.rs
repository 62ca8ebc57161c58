//! The engine turns one blob's bytes into findings: matcher, then placement
//! (line, column, line text, fingerprint), then the suppression filter.
//! Sources (directory, stdin, staged, history) call it; it knows nothing
//! about where bytes come from beyond the [`BlobMeta`] they pass; sources
//! see it as a [`BlobScanner`].

use std::ops::Range;
use std::sync::atomic::AtomicU64;
use std::sync::Mutex;

use regex::bytes::Regex;
use rustc_hash::FxHashSet;
use sha2::Digest;

use crate::archive::{self, Budget, Skip, Visitor};
use crate::decode::{decode_layer, Layer};
use crate::filter::Filter;
use crate::finding::Verification;
use crate::finding::{Finding, Suppression};
use crate::matcher::{compile_regex_mode, Matcher, RawMatch};
use crate::redact::redact;
use crate::reuse::{Derived, KeywordHits};
use crate::source::BlobScanner;
pub use crate::source::{is_binary, BlobMeta};
use crate::stats::ScanError;

/// What the engine unpacks before matching (README.md, "Encoded and packed
/// secrets").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpack {
    /// Layers of encoding decoded (`--decode-depth`; 0: none).
    pub decode_depth: usize,
    /// `None` with `--no-archives`.
    pub archives: Option<ArchiveOptions>,
}

/// How archives are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveOptions {
    pub limits: archive::Limits,
    /// Archives inside archives read (`--archive-depth`; 1: only the
    /// outermost).
    pub depth: usize,
    /// Uncompressed bytes read from all archives of the scan.
    pub max_total: u64,
}

impl Default for Unpack {
    fn default() -> Self {
        Unpack {
            decode_depth: 2,
            archives: Some(ArchiveOptions {
                limits: archive::Limits {
                    max_member: 10 << 20,
                    max_archive: 256 << 20,
                    max_ratio: 100,
                },
                depth: 3,
                max_total: 4 << 30,
            }),
        }
    }
}

/// What unpacking archives reported on the side of findings: the sources
/// see only findings ([`BlobScanner`]), so the pipeline collects this from
/// the engine when the source is done ([`Engine::take_side`]).
#[derive(Debug, Default)]
pub struct SideOutput {
    /// Corrupt archives, bombs, caps reached.
    pub errors: Vec<ScanError>,
    /// Members not scanned: encrypted, too deep, too large, unsupported.
    pub warnings: Vec<String>,
    pub archives: u64,
    pub members: u64,
    pub member_bytes: u64,
}

/// Scanning state shared (read-only) by every worker thread.
pub struct Engine {
    pub matcher: Matcher,
    pub filter: Filter,
    /// Per rule (by matcher index): the path regex limiting where it applies.
    rule_paths: Vec<Option<Regex>>,
    unpack: Unpack,
    /// Uncompressed archive bytes the scan may still read.
    archive_left: AtomicU64,
    side: Mutex<SideOutput>,
    /// Path rules (by matcher index) and their path regexes: a file whose
    /// path matches is a finding whatever it holds.
    path_rules: Vec<(usize, Regex)>,
}

/// A match in decoded text, mapped back to the blob.
struct DecodedMatch {
    rule: usize,
    secret: Vec<u8>,
    matched: Vec<u8>,
    /// The outermost encoded run in the blob.
    run: Range<usize>,
    /// Encodings, outermost first.
    chain: Vec<&'static str>,
    /// The name the outermost run was assigned to, in the blob.
    key: Option<Range<usize>>,
}

impl Engine {
    /// Rule path regexes are validated when rules load; compiled here once.
    pub fn new(matcher: Matcher, filter: Filter) -> Self {
        Self::with_unpack(matcher, filter, Unpack::default())
    }

    /// An engine that decodes and unpacks as `unpack` says.
    pub fn with_unpack(matcher: Matcher, filter: Filter, unpack: Unpack) -> Self {
        let compile = |p: &str| {
            compile_regex_mode(p, true).expect("rule path regexes are validated when loaded")
        };
        let rule_paths = matcher
            .rules()
            .map(|r| r.path.as_deref().filter(|_| !r.is_path_rule()).map(compile))
            .collect();
        let path_rules = matcher
            .rules()
            .enumerate()
            .filter(|(_, r)| r.is_path_rule())
            .filter_map(|(i, r)| Some((i, compile(r.path.as_deref()?))))
            .collect();
        let total = unpack.archives.as_ref().map_or(0, |a| a.max_total);
        Engine {
            matcher,
            filter,
            rule_paths,
            unpack,
            archive_left: AtomicU64::new(total),
            side: Mutex::new(SideOutput::default()),
            path_rules,
        }
    }

    /// Whether some content rule applies only to some paths (then what a
    /// blob's content yields depends on the path it is scanned under).
    /// Path rules do not count: they never read content, see
    /// [`Engine::scan_path`].
    pub fn has_path_rules(&self) -> bool {
        self.rule_paths.iter().any(Option::is_some)
    }

    /// What archives reported so far, taken (errors and warnings sorted,
    /// without repeats: a history scan may read one blob twice).
    pub fn take_side(&self) -> SideOutput {
        let mut side = std::mem::take(&mut *self.side.lock().expect("no panics while locked"));
        side.errors.sort();
        side.errors.dedup();
        side.warnings.sort();
        side.warnings.dedup();
        side
    }

    fn side(&self) -> std::sync::MutexGuard<'_, SideOutput> {
        self.side.lock().expect("no panics while locked")
    }

    /// The findings of path rules for a file at `meta.path` holding `data`
    /// (binary files too: a keystore is a leak whatever its bytes). One
    /// finding per matching rule, at line 1; its "secret" is the SHA-256
    /// of the content, so the fingerprint follows the file's content (a
    /// new keystore at the same path is a new finding) and nothing of the
    /// content itself is reported. No path (stdin) reads as no finding.
    pub fn scan_path(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding> {
        if meta.path.is_empty() || self.path_rules.is_empty() {
            return Vec::new();
        }
        let name = meta.path.replace('\\', "/");
        let matching: Vec<usize> = self
            .path_rules
            .iter()
            .filter(|(_, re)| re.is_match(name.as_bytes()))
            .map(|(i, _)| *i)
            .collect();
        if matching.is_empty() {
            return Vec::new();
        }
        let digest = format!("sha256:{}", hex::encode(sha2::Sha256::digest(data)));
        matching
            .into_iter()
            .map(|i| {
                let at = Found {
                    secret: digest.as_bytes(),
                    line: 1,
                    column: 1,
                    line_text: String::new(),
                    matched: meta.path.as_bytes(),
                };
                found(self.matcher.rule(i), meta, at)
            })
            .collect()
    }

    /// All findings in `data`, in order; inline-suppressed ones are kept,
    /// marked. An archive (by its magic bytes) is unpacked and its members
    /// scanned. The config allowlists and the baseline are applied later, by
    /// [`Filter::classify`] in the pipeline, once history sources have
    /// attached the commits that conditional allowlists may test.
    ///
    /// Path rules' findings ([`Engine::scan_path`]) are included, so every
    /// source that passes a path gets them for text files; sources that
    /// skip binary files call [`Engine::scan_path`] for those.
    ///
    /// One leak, one finding: a path finding is dropped when a content rule
    /// that shares one of its tags (other than `file`) found something in
    /// the same file — `id_rsa` holding a PEM key is reported once, as the
    /// key; a `.tfstate` with an AWS key in it is both a state file and a key.
    pub fn scan_blob(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding> {
        self.scan_blob_hits(data, meta, Hits::Discard).0
    }

    /// [`Engine::scan_blob`] of a blob whose delta base was scanned before
    /// (`derived`: the base's keyword hits and the ranges copied from it),
    /// also returning this blob's keyword hits for the blobs derived from
    /// it; see src/reuse.rs. The findings are those of `scan_blob`.
    pub fn scan_blob_reusing(
        &self,
        data: &[u8],
        meta: &BlobMeta<'_>,
        derived: Option<Derived<'_>>,
    ) -> (Vec<Finding>, Option<KeywordHits>) {
        self.scan_blob_hits(data, meta, Hits::Keep(derived))
    }

    fn scan_blob_hits(
        &self,
        data: &[u8],
        meta: &BlobMeta<'_>,
        hits: Hits<'_>,
    ) -> (Vec<Finding>, Option<KeywordHits>) {
        let mut out = self.scan_path(data, meta);
        if let Some(opts) = &self.unpack.archives {
            if let Some(kind) = archive::kind(data) {
                out.extend(self.scan_archive(data, kind, meta, opts));
                return (out, None);
            }
        }
        let (content, _, kept) = self.scan_text(data, meta, hits);
        if !content.is_empty() && !out.is_empty() {
            let tags_of = |id: &str| {
                self.matcher
                    .rules()
                    .find(|r| r.id == id)
                    .map(|r| r.tags.clone())
                    .unwrap_or_default()
            };
            let found: Vec<Vec<String>> = content.iter().map(|f| tags_of(&f.rule)).collect();
            out.retain(|p| {
                let mine = tags_of(&p.rule);
                !mine
                    .iter()
                    .filter(|t| t.as_str() != "file")
                    .any(|t| found.iter().any(|tags| tags.contains(t)))
            });
        }
        out.extend(content);
        (out, kept)
    }

    /// Whether `data`, binary, is still to be scanned: an archive.
    pub fn scans_binary(&self, data: &[u8]) -> bool {
        self.unpack.archives.is_some() && archive::kind(data).is_some()
    }

    fn scan_archive(
        &self,
        data: &[u8],
        kind: archive::Kind,
        meta: &BlobMeta<'_>,
        opts: &ArchiveOptions,
    ) -> Vec<Finding> {
        let mut budget = Budget::new(&opts.limits, &self.archive_left);
        let mut scan = ArchiveScan {
            engine: self,
            opts,
            meta,
            prefix: String::new(),
            depth: 1,
            found: Vec::new(),
        };
        self.side().archives += 1;
        if let Err(e) = archive::visit(data, kind, &opts.limits, &mut budget, &mut scan) {
            self.side().errors.push(ScanError::new(meta.path, e));
        }
        scan.found
    }

    /// The rules' matches in `data` (rules limited to other paths dropped).
    fn matches(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<RawMatch> {
        self.on_its_paths(self.matcher.scan(data), meta)
    }

    /// `found` without the matches of rules limited to other paths.
    fn on_its_paths(&self, found: Vec<RawMatch>, meta: &BlobMeta<'_>) -> Vec<RawMatch> {
        found
            .into_iter()
            .filter(|m| {
                self.rule_paths[m.rule]
                    .as_ref()
                    .is_none_or(|p| p.is_match(meta.path.as_bytes()))
            })
            .collect()
    }

    /// Matches in the decoded text of `data`'s encoded runs, to the
    /// decode depth; a secret the plain matches already hold (same rule,
    /// same bytes) is not repeated.
    fn decoded_matches(
        &self,
        data: &[u8],
        meta: &BlobMeta<'_>,
        plain: &[RawMatch],
        first: Layer,
    ) -> Vec<DecodedMatch> {
        let mut out = Vec::new();
        if first.pieces.is_empty() {
            // The common case: nothing encoded, nothing more to do.
            return out;
        }
        let mut seen: FxHashSet<(usize, usize, Vec<u8>)> = plain
            .iter()
            .map(|m| (m.rule, usize::MAX, data[m.secret.clone()].to_vec()))
            .collect();
        let mut layers: Vec<Layer> = Vec::new();
        let mut next = Some(first);
        for _ in 0..self.unpack.decode_depth {
            let layer = match next.take() {
                Some(l) => l,
                None => {
                    let below: &[u8] = layers.last().map_or(data, |l| &l.text);
                    decode_layer(below, data.len())
                }
            };
            if layer.pieces.is_empty() {
                break;
            }
            for m in self.matches(&layer.text, meta) {
                let Some(piece) = layer.piece_at(m.secret.start) else {
                    continue;
                };
                if m.secret.end > piece.out.end {
                    continue;
                }
                let mut chain = vec![piece.encoding.as_str()];
                let mut run = piece.src.clone();
                let mut key = piece.key.clone();
                let mut mapped = true;
                for l in layers.iter().rev() {
                    match l.piece_at(run.start) {
                        Some(p) => {
                            chain.push(p.encoding.as_str());
                            run = p.src.clone();
                            key = p.key.clone();
                        }
                        None => mapped = false,
                    }
                }
                if !mapped {
                    continue;
                }
                chain.reverse();
                let secret = layer.text[m.secret.clone()].to_vec();
                if seen.contains(&(m.rule, usize::MAX, secret.clone()))
                    || !seen.insert((m.rule, run.start, secret.clone()))
                {
                    continue;
                }
                let span_end = m.span.end.min(m.span.start + 1024);
                out.push(DecodedMatch {
                    rule: m.rule,
                    secret,
                    matched: layer.text[m.span.start..span_end].to_vec(),
                    run,
                    chain,
                    key,
                });
            }
            layers.push(layer);
        }
        out
    }

    /// [`Engine::scan_blob`] of text, also returning the bytes that placing
    /// the findings read (line boundaries, columns, inline-allow checks).
    fn scan_blob_counted(&self, data: &[u8], meta: &BlobMeta<'_>) -> (Vec<Finding>, usize) {
        let (found, work, _) = self.scan_text(data, meta, Hits::Discard);
        (found, work)
    }

    /// [`Engine::scan_blob_counted`], reusing and keeping keyword hits as
    /// `hits` says.
    fn scan_text(
        &self,
        data: &[u8],
        meta: &BlobMeta<'_>,
        hits: Hits<'_>,
    ) -> (Vec<Finding>, usize, Option<KeywordHits>) {
        let (mut matches, mut kept, derived) = match hits {
            Hits::Discard => (self.matches(data, meta), None, None),
            Hits::Keep(derived) => {
                let (found, kept) = self.matcher.scan_reusing(data, derived);
                (self.on_its_paths(found, meta), kept, derived)
            }
        };
        let decoded = if self.unpack.decode_depth > 0 {
            let first = match derived {
                Some(d) if !d.base.encoded => decode_changed_lines(data, d.copies),
                _ => decode_layer(data, data.len()),
            };
            if let Some(k) = kept.as_mut() {
                k.encoded = !first.pieces.is_empty();
            }
            self.decoded_matches(data, meta, &matches, first)
        } else {
            Vec::new()
        };
        if !decoded.is_empty() {
            drop_encoded_forms(&mut matches, &decoded, |rule| {
                self.matcher.rule(rule).id.starts_with("generic-")
            });
        }
        if matches.is_empty() && decoded.is_empty() {
            return (Vec::new(), 0, kept);
        }
        let cells = is_notebook(meta.path)
            .then(|| crate::notebook::CellMap::of(data))
            .flatten();
        let cell_at = |pos: usize| cells.as_ref().and_then(|c| c.at(data, pos));
        let mut placer = Placer::new(data);
        let places = placer.place_all(
            matches
                .iter()
                .map(|m| m.secret.start)
                .chain(decoded.iter().map(|d| d.run.start)),
        );
        // Whether a line carries an inline-allow comment, decided once per
        // line (and kind of rule: multiline rules also honour same-line
        // tokens on the line before), not once per finding on it.
        let mut inline: rustc_hash::FxHashMap<(usize, bool), bool> = Default::default();
        let mut out = Vec::with_capacity(matches.len() + decoded.len());
        let mut places = places.into_iter();
        let mut suppressed_on = |placer: &mut Placer<'_>, line: &Range<usize>, multiline: bool| {
            *inline.entry((line.start, multiline)).or_insert_with(|| {
                let previous = placer.previous(line);
                placer.work += line.len() + previous.as_ref().map_or(0, |p| p.len());
                self.filter.inline_allows(
                    &data[line.clone()],
                    previous.map(|p| &data[p]),
                    multiline,
                )
            })
        };
        for m in &matches {
            let place = places.next().expect("one place per match");
            let rule = self.matcher.rule(m.rule);
            let start = m.secret.start;
            let line = place.line.clone();
            let suppressed = suppressed_on(&mut placer, &line, rule.multiline);
            let secret = &data[m.secret.clone()];
            let line_text = &data[line.clone()];
            let matched = &data[m.span.start..m.span.end.min(m.span.start + 1024)];
            let at = Found {
                secret,
                line: place.line_no,
                column: place.column,
                line_text: truncate_line(line_text, start - line.start, secret.len()),
                matched,
            };
            out.push(Finding {
                suppressed: suppressed.then_some(Suppression::Inline),
                cell: cell_at(start),
                ..found(rule, meta, at)
            });
        }
        for d in decoded {
            let place = places.next().expect("one place per match");
            let rule = self.matcher.rule(d.rule);
            let line = place.line.clone();
            let suppressed = suppressed_on(&mut placer, &line, rule.multiline);
            // The encoded run is the secret in another form: the line shows
            // it redacted, whatever the report's redaction.
            let run_start = d.run.start - line.start;
            let run_end = d.run.end.min(line.end) - line.start;
            let text = &data[line.clone()];
            let shown = redact(&String::from_utf8_lossy(&text[run_start..run_end]));
            let mut line_text = text[..run_start].to_vec();
            line_text.extend_from_slice(shown.as_bytes());
            line_text.extend_from_slice(&text[run_end..]);
            let at = Found {
                secret: &d.secret,
                line: place.line_no,
                column: place.column,
                line_text: truncate_line(&line_text, run_start, shown.len()),
                matched: &d.matched,
            };
            out.push(Finding {
                suppressed: suppressed.then_some(Suppression::Inline),
                decoded: d.chain,
                key: d
                    .key
                    .map(|k| String::from_utf8_lossy(&data[k]).into_owned()),
                cell: cell_at(d.run.start),
                ..found(rule, meta, at)
            });
        }
        (out, placer.work, kept)
    }
}

/// The first decoded layer of a blob derived from a base whose first
/// layer was empty: only the lines that are not, with the newlines around
/// them, inside one copied range are decoded. Every other line is a line
/// of the base, and an encoded run never crosses a line (base64, hex and
/// percent runs end at whitespace, escaped strings at the line's end), so
/// its runs are the base's runs, which decoded to nothing. The pieces, and
/// where the cap on decoded text stops them, are those of `decode_layer`
/// over the whole blob.
fn decode_changed_lines(data: &[u8], copies: &[crate::reuse::Copy]) -> Layer {
    let mut layer = Layer::default();
    let cap = data.len();
    for lines in changed_lines(data, copies) {
        let part = decode_layer(&data[lines.clone()], usize::MAX);
        let text_at = layer.text.len();
        layer.text.extend_from_slice(&part.text);
        for p in part.pieces {
            // As `decode_layer` would: a piece whose text (and newline)
            // passes the cap ends the layer.
            if text_at + p.out.end + 1 > cap {
                layer
                    .text
                    .truncate(layer.pieces.last().map_or(0, |l| l.out.end + 1));
                return layer;
            }
            let shift = |r: Range<usize>| r.start + lines.start..r.end + lines.start;
            layer.pieces.push(crate::decode::Piece {
                out: p.out.start + text_at..p.out.end + text_at,
                src: shift(p.src),
                encoding: p.encoding,
                key: p.key.map(shift),
            });
        }
    }
    layer
}

/// The whole lines of a derived blob that a changed byte can reach: for
/// each gap between copies (inserted bytes, or none at a seam), the lines
/// from the byte before it to the byte after it, so that a line is left out
/// only if it and the newlines around it lie inside one copy. Merged, in
/// order; each byte is searched for a line boundary at most once.
fn changed_lines(data: &[u8], copies: &[crate::reuse::Copy]) -> Vec<Range<usize>> {
    let len = data.len();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut add = |a: usize, b: usize| {
        let (lo, hi) = (a.saturating_sub(1), (b + 1).min(len));
        let floor = match out.last_mut() {
            Some(last) if lo <= last.end => {
                if hi > last.end {
                    last.end = memchr::memchr(b'\n', &data[hi..]).map_or(len, |i| hi + i);
                }
                return;
            }
            Some(last) => last.end,
            None => 0,
        };
        let start = memchr::memrchr(b'\n', &data[floor..lo]).map_or(floor, |i| floor + i + 1);
        let end = memchr::memchr(b'\n', &data[hi..]).map_or(len, |i| hi + i);
        out.push(start..end);
    };
    let mut at = 0;
    for c in copies {
        add(at, c.to);
        at = c.to + c.len;
    }
    add(at, len);
    out
}

/// What a blob scan does with keyword hits (src/reuse.rs).
#[derive(Clone, Copy)]
enum Hits<'a> {
    /// Searches in full and keeps nothing (every scan but a history's).
    Discard,
    /// Reuses the delta base's hits, if given, and keeps this blob's.
    Keep(Option<Derived<'a>>),
}

/// Whether `path` (a file, or an archive member's `a.zip!/m.ipynb`) names
/// a Jupyter notebook, whose findings are also placed at their cell.
fn is_notebook(path: &str) -> bool {
    let n = path.len();
    n >= 6 && path.is_char_boundary(n - 6) && path[n - 6..].eq_ignore_ascii_case(".ipynb")
}

/// A generic rule's plain match of an opaque encoded run (`token:
/// <base64>`) says less than what its decoded text yielded: it is dropped
/// when a decoded match came from a base64 or hex run that holds it
/// (padding included). Provider rules that match an encoded form on
/// purpose (a kubeconfig's `client-key-data`) keep theirs.
fn drop_encoded_forms(
    matches: &mut Vec<RawMatch>,
    decoded: &[DecodedMatch],
    generic: impl Fn(usize) -> bool,
) {
    let mut runs: Vec<Range<usize>> = decoded
        .iter()
        .filter(|d| matches!(d.chain.first(), Some(&"base64" | &"hex")))
        .map(|d| d.run.start..d.run.end + 2)
        .collect();
    runs.sort_by_key(|r| r.start);
    // Runs of one layer do not overlap: the last run starting at or
    // before a secret is the only one that can hold it.
    matches.retain(|m| {
        let i = runs.partition_point(|r| r.start <= m.secret.start);
        i == 0 || runs[i - 1].end < m.secret.end || !generic(m.rule)
    });
}

/// Scans the members of one archive (and of the archives inside it, to the
/// depth), collecting their findings.
struct ArchiveScan<'e, 'm> {
    engine: &'e Engine,
    opts: &'e ArchiveOptions,
    meta: &'e BlobMeta<'m>,
    /// `inner.jar!/` inside a nested archive.
    prefix: String,
    depth: usize,
    found: Vec<Finding>,
}

impl ArchiveScan<'_, '_> {
    /// What a compressed stream's one member is called: its container's
    /// name less `.gz`, `.bz2`, `.xz` or `.zst`.
    fn stream_member_name(&self) -> String {
        let container = self.prefix.strip_suffix("!/").unwrap_or(self.meta.path);
        let base = container.rsplit('/').next().unwrap_or(container);
        [".gz", ".bz2", ".xz", ".zst"]
            .iter()
            .find_map(|ext| {
                let cut = base.len().checked_sub(ext.len())?;
                (base.is_char_boundary(cut) && base[cut..].eq_ignore_ascii_case(ext))
                    .then(|| &base[..cut])
            })
            .unwrap_or(base)
            .to_string()
    }

    fn located(&self, member: &str) -> String {
        format!("{}!/{}{member}", self.meta.path, self.prefix)
    }
}

impl Visitor for ArchiveScan<'_, '_> {
    fn member(&mut self, name: &str, data: &[u8], budget: &mut Budget<'_>) {
        let name = if name.is_empty() {
            self.stream_member_name()
        } else {
            name.to_string()
        };
        let full = format!("{}{name}", self.prefix);
        let engine = self.engine;
        if let Some(kind) = archive::kind(data) {
            if self.depth >= self.opts.depth {
                engine.side().warnings.push(format!(
                    "{}: archive nested deeper than --archive-depth {}; not scanned",
                    self.located(&name),
                    self.opts.depth
                ));
                return;
            }
            let mut nested = ArchiveScan {
                engine,
                opts: self.opts,
                meta: self.meta,
                prefix: format!("{full}!/"),
                depth: self.depth + 1,
                found: Vec::new(),
            };
            engine.side().archives += 1;
            if let Err(e) = archive::visit(data, kind, &self.opts.limits, budget, &mut nested) {
                engine
                    .side()
                    .errors
                    .push(ScanError::new(self.located(&name), e));
            }
            self.found.append(&mut nested.found);
            return;
        }
        let text = crate::source::text::decode(data);
        if is_binary(&text) {
            return;
        }
        {
            let mut side = engine.side();
            side.members += 1;
            side.member_bytes += data.len() as u64;
        }
        // Rules limited to some paths test the member's own path.
        let located = self.located(&name);
        let meta = BlobMeta {
            path: &located,
            ..self.meta.clone()
        };
        let (found, _) = engine.scan_blob_counted(&text, &meta);
        self.found.extend(found.into_iter().map(|mut f| {
            f.path = self.meta.path.to_string();
            f.member = Some(full.clone());
            f
        }));
    }

    fn skipped(&mut self, name: &str, why: Skip) {
        let name = if name.is_empty() {
            self.stream_member_name()
        } else {
            name.to_string()
        };
        self.engine
            .side()
            .warnings
            .push(format!("{}: {why}; not scanned", self.located(&name)));
    }
}

/// Where a secret starts: 1-based line and column (in characters, as the
/// report gives them), and the line's byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    line_no: usize,
    column: usize,
    line: Range<usize>,
}

/// Places secrets in one forward pass over the blob, however many there
/// are: a minified one-line file with 10k findings must not walk its
/// megabyte line 10k times (once back to the line start, once counting
/// characters, once looking for allow comments).
struct Placer<'d> {
    data: &'d [u8],
    lines: LineCounter,
    /// The line of the last placed position.
    line: Option<Range<usize>>,
    /// A position on that line after which characters are counted afresh,
    /// and the column count up to it.
    cursor: usize,
    chars: usize,
    /// Bytes read, for the linearity test.
    work: usize,
}

impl<'d> Placer<'d> {
    fn new(data: &'d [u8]) -> Self {
        Placer {
            data,
            lines: LineCounter::default(),
            line: None,
            cursor: 0,
            chars: 0,
            work: 0,
        }
    }

    /// Places each position (in any order), in one pass in offset order.
    fn place_all(&mut self, positions: impl Iterator<Item = usize>) -> Vec<Place> {
        let positions: Vec<usize> = positions.collect();
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_by_key(|&i| positions[i]);
        let mut places = vec![None; positions.len()];
        let mut last: Option<(usize, Place)> = None;
        for i in order {
            let pos = positions[i];
            let place = match &last {
                Some((p, place)) if *p == pos => place.clone(),
                _ => self.place(pos),
            };
            last = Some((pos, place.clone()));
            places[i] = Some(place);
        }
        places
            .into_iter()
            .map(|p| p.expect("every position placed"))
            .collect()
    }

    /// Places `pos`, which must not precede the last placed position.
    fn place(&mut self, pos: usize) -> Place {
        let data = self.data;
        let on_line = self
            .line
            .as_ref()
            .is_some_and(|l| l.start <= pos && pos <= l.end);
        if !on_line {
            // A later line: it starts after the last newline before pos,
            // searched back no further than the previous line's end.
            let from = self.line.as_ref().map_or(0, |l| l.end);
            let start = memchr::memrchr(b'\n', &data[from..pos]).map_or(from, |i| from + i + 1);
            let end = memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |i| pos + i);
            self.work += end - from;
            self.line = Some(start..end);
            self.cursor = start;
            self.chars = 0;
        }
        let line = self.line.clone().expect("set above");
        // Count characters from the cursor; then move the cursor past the
        // last ASCII byte, a point where lossy UTF-8 decoding always
        // restarts, so the count stays exact however a secret splits a
        // multi-byte sequence.
        let gap = &data[self.cursor..pos];
        self.work += gap.len();
        let column = match gap.iter().rposition(u8::is_ascii) {
            Some(i) => {
                self.chars += lossy_chars(&gap[..=i]);
                self.cursor += i + 1;
                self.chars + lossy_chars(&data[self.cursor..pos])
            }
            None => self.chars + lossy_chars(gap),
        } + 1;
        Place {
            line_no: self.lines.line_of(data, pos),
            column,
            line,
        }
    }

    /// The line before `line`, if any.
    fn previous(&mut self, line: &Range<usize>) -> Option<Range<usize>> {
        (line.start > 0).then(|| {
            let prev_end = line.start - 1;
            let start = memchr::memrchr(b'\n', &self.data[..prev_end]).map_or(0, |i| i + 1);
            self.work += prev_end - start;
            start..prev_end
        })
    }
}

/// Characters in `bytes` as `String::from_utf8_lossy` would give them (one
/// U+FFFD per invalid sequence), without allocating.
fn lossy_chars(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + usize::from(!c.invalid().is_empty()))
        .sum()
}

/// Counts newlines incrementally: positions arrive in offset order, so the
/// whole blob is walked at most once however many findings it has.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// 1-based line number of byte `pos`.
    fn line_of(&mut self, data: &[u8], pos: usize) -> usize {
        if pos < self.offset {
            *self = LineCounter::default();
        }
        self.line += memchr::memchr_iter(b'\n', &data[self.offset..pos]).count();
        self.offset = pos;
        self.line + 1
    }
}

/// Minified files put megabytes on one line; reports keep 200 bytes of
/// context either side of the secret.
/// Where and what a rule found in a blob: the parts of a [`Finding`] that
/// differ between plain, decoded and path-rule findings.
struct Found<'a> {
    secret: &'a [u8],
    line: usize,
    column: usize,
    line_text: String,
    matched: &'a [u8],
}

/// The finding of `rule` at `at` in the blob `meta` names, before history
/// sources attach commits and the pipeline settles its fingerprint
/// (src/fingerprint.rs `provisional`).
fn found(rule: &crate::rules::Rule, meta: &BlobMeta<'_>, at: Found<'_>) -> Finding {
    Finding {
        rule: rule.id.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        fingerprint: crate::fingerprint::provisional(&rule.id, at.secret),
        secret: String::from_utf8_lossy(at.secret).into_owned(),
        path: meta.path.to_string(),
        line: at.line,
        column: at.column,
        line_text: at.line_text,
        matched: String::from_utf8_lossy(at.matched).into_owned(),
        source: meta.source,
        commit: None,
        blob: meta.blob.map(str::to_string),
        in_head: None,
        later_commits: None,
        verification: Verification::NotChecked,
        identity: None,
        suppressed: None,
        decoded: Vec::new(),
        member: None,
        key: None,
        cell: None,
    }
}

fn truncate_line(line: &[u8], secret_at: usize, secret_len: usize) -> String {
    const CONTEXT: usize = 200;
    let from = secret_at.saturating_sub(CONTEXT);
    let to = (secret_at + secret_len + CONTEXT).min(line.len());
    let mut s = String::from_utf8_lossy(&line[from..to]).into_owned();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < line.len() {
        s.push('…');
    }
    s
}

impl BlobScanner for Engine {
    fn scan_blob(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding> {
        Engine::scan_blob(self, data, meta)
    }

    fn scans_binary(&self, data: &[u8]) -> bool {
        Engine::scans_binary(self, data)
    }

    fn has_path_rules(&self) -> bool {
        Engine::has_path_rules(self)
    }

    fn scan_path(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding> {
        Engine::scan_path(self, data, meta)
    }

    fn scan_blob_reusing(
        &self,
        data: &[u8],
        meta: &BlobMeta<'_>,
        derived: Option<Derived<'_>>,
    ) -> (Vec<Finding>, Option<KeywordHits>) {
        Engine::scan_blob_reusing(self, data, meta, derived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::FilterSpec;
    use crate::finding::SourceKind;

    fn engine() -> Engine {
        let filter = Filter::new(FilterSpec {
            inline: true,
            ..FilterSpec::default()
        })
        .unwrap();
        Engine::new(
            Matcher::new(crate::rules::builtin().unwrap()).unwrap(),
            filter,
        )
    }

    fn meta() -> BlobMeta<'static> {
        BlobMeta {
            path: "bundle.min.js",
            source: SourceKind::File,
            blob: None,
        }
    }

    /// Lines of code with nothing encoded, and lines that hold encoded
    /// credentials (made up here), for the decode-reuse test.
    fn plain_line(i: usize) -> String {
        format!("    let value_{i} = compute({i}, \"label {i}\"); // step {i}")
    }

    fn encoded_line(i: usize) -> String {
        use base64::Engine as _;
        let token = format!("ghp_{}", "Zx9Kq2Lm7Pw4Rt6Yv8Bn3Cd5Fg1Hj0".repeat(2));
        let inner = format!("password = \"Qw{i}e7RtY9uIoPa3SdFgHj\""); // keyhound:allow (fake test value)
        match i % 4 {
            0 => format!(
                "  GITHUB_TOKEN: {}",
                base64::engine::general_purpose::STANDARD.encode(format!("token={}", &token[..40]))
            ),
            // keyhound:allow-next-line (fake test value)
            1 => format!("url = \"postgres%3A%2F%2Fapp%3AWq8{i}zX%40db%2Fprod\""),
            2 => format!("  \"conf\": \"{{\\\"{}\\\"}}\"", inner.replace('"', "")),
            _ => format!(
                "blob: {}",
                base64::engine::general_purpose::STANDARD.encode(inner.as_bytes())
            ),
        }
    }

    #[test]
    fn a_derived_blob_decodes_only_its_changed_lines_with_the_same_result() {
        use crate::reuse::{Copy, Derived};
        let e = engine();
        let base: String = (0..300).map(|i| plain_line(i) + "\n").collect();
        let base = base.as_bytes();
        let (found, kept) = e.scan_blob_reusing(base, &meta(), None);
        assert!(found.is_empty());
        let kept = kept.unwrap();
        assert!(!kept.encoded);
        let mut checked_pieces = 0;
        let mut found_decoded = 0;
        for round in 0..30usize {
            // Copy the base in pieces of varied length, inserting encoded
            // lines (and sometimes a few bytes mid-line) between them.
            let mut next = Vec::new();
            let mut copies = Vec::new();
            let mut at = 0;
            let mut step = 0;
            while at < base.len() {
                let len = (37 + (round * 131 + step * 977) % 1500).min(base.len() - at);
                copies.push(Copy {
                    from: at,
                    to: next.len(),
                    len,
                });
                next.extend_from_slice(&base[at..at + len]);
                at += len + (step % 3);
                if step % 2 == 0 {
                    next.extend_from_slice(encoded_line(round + step).as_bytes());
                    next.push(b'\n');
                } else {
                    next.extend_from_slice(b"x%41y");
                }
                step += 1;
            }
            let full = decode_layer(&next, next.len());
            let part = decode_changed_lines(&next, &copies);
            assert_eq!(part.pieces, full.pieces, "round {round}");
            assert_eq!(part.text, full.text, "round {round}");
            checked_pieces += full.pieces.len();
            let d = Derived {
                base: &kept,
                copies: &copies,
            };
            let (reused, _) = e.scan_blob_reusing(&next, &meta(), Some(d));
            let json = |f: &[Finding]| format!("{f:?}");
            assert_eq!(
                json(&reused),
                json(&e.scan_blob(&next, &meta())),
                "round {round}"
            );
            found_decoded += reused.iter().filter(|f| !f.decoded.is_empty()).count();
        }
        assert!(checked_pieces > 100, "{checked_pieces}");
        assert!(found_decoded > 10, "{found_decoded}");
    }

    /// Issue 11: each finding used to walk back to its line start, count
    /// the characters before it and look for allow comments over the whole
    /// line, so 10k findings on a 1 MB line read ~10 GB. Counted, not timed.
    #[test]
    fn placing_findings_on_one_long_line_reads_it_a_bounded_number_of_times() {
        let piece = "x.token=\"q7Xv2LmP9sKdR4tZ\";é;"; // keyhound:allow (fake test value)
        let line = piece.repeat(1_000_000 / piece.len());
        let (found, work) = engine().scan_blob_counted(line.as_bytes(), &meta());
        assert!(found.len() > 30_000, "{}", found.len());
        assert!(
            work <= 4 * line.len(),
            "{work} bytes read for {}",
            line.len()
        );
        // Columns count characters, and `é` is two bytes.
        let chars = piece.chars().count();
        for (i, f) in found.iter().enumerate().take(100) {
            assert_eq!((f.line, f.column), (1, i * chars + 10), "finding {i}");
        }
    }

    #[test]
    fn columns_and_inline_allows_match_the_line_by_line_definition() {
        let e = engine();
        let value = "q7Xv2LmP9sKdR4tZ";
        let data = format!(
            "\u{fffd}\u{e9} token=\"{value}\" token=\"{value}1\" // keyhound:allow\n\
             # keyhound:allow-next-line\n\
             caf\u{e9} token=\"{value}2\"\n\
             token=\"{value}3\""
        );
        let mut bytes = data.into_bytes();
        // An invalid byte before a secret counts as one character.
        bytes.splice(0..0, [0xffu8, 0xfe]);
        let found = e.scan_blob(&bytes, &meta());
        let got: Vec<(usize, usize, bool)> = found
            .iter()
            .map(|f| (f.line, f.column, f.suppressed.is_some()))
            .collect();
        let expected: Vec<(usize, usize, bool)> = found
            .iter()
            .map(|f| {
                let start = memchr::memmem::find(&bytes, f.secret.as_bytes()).unwrap();
                let line_start = bytes[..start]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&bytes[line_start..start])
                    .chars()
                    .count()
                    + 1;
                (f.line, column, f.line <= 3)
            })
            .collect();
        assert_eq!(found.len(), 4);
        assert_eq!(got, expected);
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [1, 1, 3, 4]);
    }
}
