//! The compiled ruleset: a keyword prefilter, lazily compiled per-rule
//! regexes, then per-match checks (entropy, checksum, randomness, per-rule
//! allowlist).
//!
//! Two stages keep it fast. One Aho-Corasick automaton over every rule's
//! keywords (ASCII case-insensitive) finds which rules can match a blob and
//! where; only those rules' regexes run, and — for single-line rules — only
//! over the lines that hold a keyword hit. In source code a line is ~40
//! bytes, so a rule whose keyword occurs twice in a 20 KB file runs its regex
//! over ~80 bytes instead of 20 KB. Regexes compile on first use: a
//! pre-commit scan of three files compiles the handful of rules those files
//! touch, not all of them.
//!
//! Scan time is linear in the input, whatever its shape. A minified bundle
//! is one line of megabytes with a keyword every few hundred bytes: running
//! a rule's regex over the whole line once per hit, or reading the whole
//! line for every candidate secret, is quadratic there. So lines longer than
//! [`LONG_LINE`] are searched only in windows around their keyword hits (as
//! wide as the rule's longest possible match, merged where they overlap, one
//! pass each), and the per-match filters read a bounded neighbourhood of the
//! secret (see [`crate::randomness::Context`]). Lines up to [`LONG_LINE`] —
//! all of ordinary source code — are searched whole, exactly as written.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder};
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::{meta, Input};

use crate::entropy;
use crate::randomness::{self, Context, LineFacts};
use crate::reuse::{Copy, Derived, KeywordHit, KeywordHits};
use crate::rules::{checksum, Rule};

/// Lines up to this many bytes are searched whole. Longer ones (minified
/// bundles, source maps, one-line JSON and SQL dumps) are searched in
/// windows around keyword hits, and the randomness filters read
/// [`NEAR`] bytes either side of a secret instead of its whole line.
pub const LONG_LINE: usize = 4096;

/// On a long line, the randomness filters' context: this many bytes either
/// side of the secret ("is this hex value next to `integrity`?").
pub const NEAR: usize = 256;

/// Cap on how far from a keyword hit a match may reach on a long line. A
/// rule's reach is its regex's longest possible match (`[\w.-]{0,24}` and
/// friends keep the built-in rules under 1 KiB); unbounded regexes
/// (`[a-z]+`) get this cap.
pub const MAX_REACH: usize = 4096;

/// One rule match in a blob: byte spans of the whole match and of the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Index of the rule in [`Matcher::rules`].
    pub rule: usize,
    pub span: Range<usize>,
    pub secret: Range<usize>,
}

/// Bytes one scan examined, by kind of work: the proof (in tests) that a
/// scan is linear in its input. Not part of the report.
#[doc(hidden)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Haystack bytes handed to rule regexes.
    pub regex_bytes: usize,
    /// Bytes searched for line boundaries.
    pub line_bytes: usize,
    /// Bytes the randomness filters read around candidate secrets.
    pub context_bytes: usize,
    /// Bytes searched again for overlapping keywords.
    pub recovery_bytes: usize,
}

impl Work {
    pub fn total(&self) -> usize {
        self.regex_bytes + self.line_bytes + self.context_bytes + self.recovery_bytes
    }
}

/// A rule's regex, ready to run.
struct Compiled {
    regex: meta::Regex,
    /// Capture group holding the secret.
    secret_group: usize,
    /// Longest possible match in bytes, at most [`MAX_REACH`].
    reach: usize,
}

struct CompiledRule {
    rule: Rule,
    /// Compiled on first use.
    compiled: OnceLock<Compiled>,
    allow: OnceLock<Vec<Regex>>,
    stopwords: Vec<Vec<u8>>,
}

/// The ruleset, ready to scan. `Sync`: share one across rayon workers.
pub struct Matcher {
    rules: Vec<CompiledRule>,
    /// Over every keyword: a contiguous NFA, quick to build (a small scan,
    /// the pre-commit hook, pays only this).
    prefilter: Option<AhoCorasick>,
    /// The same automaton as a DFA, ~2× faster to search but ~10 ms to
    /// build over the full pack: built on the first blob of at least
    /// [`DFA_FROM`] bytes, or once the scan has searched [`DFA_AFTER`]
    /// bytes with the NFA (a directory of small files), and used for every
    /// blob from then on.
    prefilter_dfa: OnceLock<Option<AhoCorasick>>,
    /// Bytes searched with the NFA so far.
    nfa_bytes: std::sync::atomic::AtomicUsize,
    /// keyword pattern index → indices of the rules that use it.
    pattern_rules: Vec<Vec<usize>>,
    /// Rules without keywords: they run on every blob.
    always: Vec<usize>,
    /// Length of the longest keyword, in bytes.
    max_keyword_len: usize,
    /// Whether some keyword holds a newline (then a hit need not lie on
    /// the line of the occurrence it covers, and hits are not reused).
    keyword_newline: bool,
    /// See [`Matcher::seams`].
    seams: OnceLock<Seams>,
    /// The keywords (lowercase), by pattern index.
    keywords: Vec<Vec<u8>>,
    /// Per keyword, decided on its first hit: whether no *other* keyword
    /// can overlap an occurrence of it (see [`Matcher::for_each_hit`]).
    alone: Vec<OnceLock<bool>>,
    /// Per keyword, on its first hit: the smallest reach of its rules
    /// (how far apart two hits may be and still make one run).
    min_reach: Vec<OnceLock<usize>>,
}

/// Slots indexed by keyword or rule, reused from blob to blob on one
/// thread: setting up an array of every keyword and every rule for each
/// blob cost more than most blobs' hits as the pack grew (README.md
/// "Benchmarks"). Only the slots a blob touched are reset.
struct Slots<T> {
    slots: Vec<Option<T>>,
    touched: Vec<usize>,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots {
            slots: Vec::new(),
            touched: Vec::new(),
        }
    }
}

impl<T> Slots<T> {
    /// Ready for `n` slots, all empty.
    fn ready(&mut self, n: usize) {
        if self.slots.len() < n {
            self.slots.resize_with(n, || None);
        }
    }

    /// The slot `i`, remembered as touched.
    fn get(&mut self, i: usize) -> &mut Option<T> {
        if self.slots[i].is_none() {
            self.touched.push(i);
        }
        &mut self.slots[i]
    }

    /// Every filled slot, in index order, emptied.
    fn drain(&mut self) -> impl Iterator<Item = (usize, T)> + '_ {
        self.touched.sort_unstable();
        self.touched.dedup();
        let slots = &mut self.slots;
        self.touched
            .drain(..)
            .filter_map(move |i| slots[i].take().map(|v| (i, v)))
    }
}

/// One thread's [`Slots`] for [`Matcher::candidate_scopes`].
#[derive(Default)]
struct ScopeScratch {
    runs: Slots<Run>,
    scopes: Slots<Scope>,
}

thread_local! {
    static SCOPE_SCRATCH: std::cell::RefCell<ScopeScratch> = Default::default();
}

/// Where one rule's regex runs in a blob.
enum Scope {
    /// The whole blob: multiline rules and rules without keywords.
    Blob,
    /// Spans of lines, in order: a short line whole, windows around the
    /// keyword hits of a long one.
    Lines(Vec<Window>),
}

/// A span to search, inside the line that is the regex's haystack (so `^`,
/// `$` and `\b` see the line, not the window).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Window {
    line: Range<usize>,
    span: Range<usize>,
}

/// Hits of one keyword on one line close enough that the windows around
/// them overlap for every rule of the keyword: `start..end` spans them.
struct Run {
    line: Range<usize>,
    start: usize,
    end: usize,
}

/// Where [`Matcher::candidate_scopes`] takes keyword hits from.
enum HitSource<'h> {
    /// The keyword automaton, over the whole blob; the hits are also
    /// pushed to the vector, if there is one (it becomes `None` when hits
    /// are dense).
    Search(&'h mut Option<Vec<KeywordHit>>),
    /// Hits already known, in order of their end.
    Given(&'h [KeywordHit]),
}

/// Hits by (start, pattern), without repeats of one keyword at one start
/// (a mapped hit and a searched one; the wider span kept).
fn sorted_by_start(mut hits: Vec<KeywordHit>) -> Vec<KeywordHit> {
    hits.sort_unstable_by_key(|h| (h.start, h.pattern, std::cmp::Reverse(h.end)));
    hits.dedup_by_key(|h| (h.start, h.pattern));
    hits
}

/// How [`Matcher::reused_hits`] searches around seams: see
/// [`Matcher::seams`].
struct Seams {
    reach: usize,
    pairs: BytePairs,
}

/// A set of byte pairs: 65,536 bits.
struct BytePairs(Box<[u64; 1024]>);

impl Default for BytePairs {
    fn default() -> Self {
        BytePairs(Box::new([0; 1024]))
    }
}

impl BytePairs {
    fn bit(a: u8, b: u8) -> (usize, u64) {
        let i = usize::from(a) << 8 | usize::from(b);
        (i / 64, 1 << (i % 64))
    }

    fn insert(&mut self, a: u8, b: u8) {
        let (w, m) = Self::bit(a, b);
        self.0[w] |= m;
    }

    fn contains(&self, a: u8, b: u8) -> bool {
        let (w, m) = Self::bit(a, b);
        self.0[w] & m != 0
    }
}

/// The regions of a derived blob that a keyword search must cover, in
/// order, merged: what no copy covers, and `reach` bytes either side of
/// each seam whose two bytes occur side by side in a keyword (an
/// occurrence across a seam holds both). A copy's first byte is no seam
/// when nothing precedes it, nor its last when nothing follows.
fn searched_regions(copies: &[Copy], data: &[u8], seams: &Seams) -> Vec<Range<usize>> {
    let len = data.len();
    let mut regions: Vec<Range<usize>> = Vec::with_capacity(2 * copies.len() + 1);
    let seam = |s: usize, regions: &mut Vec<Range<usize>>| {
        if s > 0 && s < len && seams.pairs.contains(data[s - 1], data[s]) {
            regions.push(s.saturating_sub(seams.reach)..(s + seams.reach).min(len));
        }
    };
    let mut at = 0;
    for c in copies {
        if c.to > at {
            regions.push(at..c.to);
        }
        seam(c.to, &mut regions);
        at = c.to + c.len;
        seam(at, &mut regions);
    }
    if at < len {
        regions.push(at..len);
    }
    regions.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    for r in regions {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether every line holding a hit is at most [`LONG_LINE`] bytes (where
/// a rule's window is the whole line). `hits` by start.
fn lines_are_short(data: &[u8], hits: &[KeywordHit]) -> bool {
    let mut line: Option<Range<usize>> = None;
    hits.iter().all(|h| {
        let (start, end) = (h.start as usize, h.end as usize);
        match &line {
            Some(l) if l.start <= start && end <= l.end => true,
            _ => {
                let l = line_around(data, start, end);
                let short = l.len() <= LONG_LINE;
                line = Some(l);
                short
            }
        }
    })
}

/// Per-scan scratch: the work counters, and the line the last candidate
/// was on with its randomness facts (shared by every candidate on it).
struct ScanState<'d> {
    work: Work,
    line: Option<(Range<usize>, LineFacts<'d>)>,
}

impl<'d> ScanState<'d> {
    /// The facts of `line`, computed once however many candidates it has.
    fn facts(&mut self, data: &'d [u8], line: Range<usize>) -> &LineFacts<'d> {
        if self.line.as_ref().map(|(l, _)| l) != Some(&line) {
            self.flush();
            self.line = Some((line.clone(), LineFacts::new(&data[line])));
        }
        &self.line.as_ref().expect("set above").1
    }

    /// The line holding `at` when the caller searched the whole blob:
    /// candidates arrive in order, so each line is looked up once.
    fn line_of(&mut self, data: &[u8], at: &Range<usize>) -> Range<usize> {
        if let Some((l, _)) = &self.line {
            if l.start <= at.start && at.end <= l.end {
                return l.clone();
            }
        }
        let from = match &self.line {
            Some((l, _)) if l.end <= at.start => l.end,
            _ => 0,
        };
        let start = memchr::memrchr(b'\n', &data[from..at.start]).map_or(from, |i| from + i + 1);
        let end = memchr::memchr(b'\n', &data[at.end..]).map_or(data.len(), |i| at.end + i);
        self.work.line_bytes += end - from;
        start..end
    }

    fn flush(&mut self) {
        if let Some((_, old)) = self.line.take() {
            self.work.context_bytes += old.examined();
        }
    }

    fn finish(mut self) -> Work {
        self.flush();
        self.work
    }
}

/// A regex compiled the way every rule's is: on bytes, ASCII classes (so
/// `\b` and `\w` stay on the fast DFA path when the input has non-ASCII
/// bytes), with a size limit that fits our largest rule.
pub fn compile_regex(pattern: &str) -> Result<Regex, regex::Error> {
    compile_regex_mode(pattern, false)
}

/// [`compile_regex`], optionally with Unicode classes (rules marked
/// `unicode = true`, path regexes).
pub fn compile_regex_mode(pattern: &str, unicode: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(unicode)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

const REGEX_SIZE_LIMIT: usize = 64 << 20;

/// Builds a rule's regex exactly as a scan will; the settings layer calls
/// it for every config rule at load, so a regex too big to compile is an
/// error naming the rule, not a panic on the first blob with its keyword.
pub fn build_rule_regex(
    pattern: &str,
    unicode: bool,
) -> Result<meta::Regex, Box<meta::BuildError>> {
    let syntax = regex_automata::util::syntax::Config::new()
        .unicode(unicode)
        .utf8(false);
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .utf8_empty(false)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(2 << 20),
        )
        .syntax(syntax)
        .build(pattern)
        .map_err(Box::new)
}

/// A rule regex as [`compile_regex_mode`] builds it, but as the
/// regex-automata engine underneath, whose searches take a span inside a
/// haystack (the window inside its line) — `regex::bytes::Regex` searches
/// can start late but not end early.
fn compile_rule_regex(pattern: &str, unicode: bool) -> Compiled {
    let regex = build_rule_regex(pattern, unicode)
        .expect("rule regexes are compiled when loaded (settings) or by the test suite");
    let reach = regex_syntax::ParserBuilder::new()
        .unicode(unicode)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
        .and_then(|hir| hir.properties().maximum_len())
        .map_or(MAX_REACH, |n| n.min(MAX_REACH));
    Compiled {
        regex,
        secret_group: 0,
        reach,
    }
}

impl Matcher {
    /// Builds the prefilter. Rules must already be validated (see
    /// [`crate::rules::parse_rule_file`]); regexes compile later, on first use.
    pub fn new(rules: Vec<Rule>) -> Result<Self, aho_corasick::BuildError> {
        let mut keywords: Vec<Vec<u8>> = Vec::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            // Path rules read no content: the engine applies them by path.
            if rule.is_path_rule() {
                continue;
            }
            if rule.keywords.is_empty() {
                always.push(i);
            }
            for kw in &rule.keywords {
                let kw = kw.to_ascii_lowercase().into_bytes();
                let p = match keywords.iter().position(|k| *k == kw) {
                    Some(p) => p,
                    None => {
                        keywords.push(kw);
                        pattern_rules.push(Vec::new());
                        keywords.len() - 1
                    }
                };
                if !pattern_rules[p].contains(&i) {
                    pattern_rules[p].push(i);
                }
            }
        }
        let max_keyword_len = keywords.iter().map(Vec::len).max().unwrap_or(0);
        let keyword_newline = keywords.iter().any(|k| k.contains(&b'\n'));
        let prefilter = if keywords.is_empty() {
            None
        } else {
            Some(keyword_automaton(
                &keywords,
                AhoCorasickKind::ContiguousNFA,
            )?)
        };
        let rules = rules
            .into_iter()
            .map(|rule| CompiledRule {
                stopwords: rule
                    .allowlist
                    .stopwords
                    .iter()
                    .map(|s| s.to_ascii_lowercase().into_bytes())
                    .collect(),
                rule,
                compiled: OnceLock::new(),
                allow: OnceLock::new(),
            })
            .collect();
        Ok(Matcher {
            rules,
            prefilter,
            prefilter_dfa: OnceLock::new(),
            nfa_bytes: Default::default(),
            pattern_rules,
            always,
            max_keyword_len,
            keyword_newline,
            seams: OnceLock::new(),
            alone: keywords.iter().map(|_| OnceLock::new()).collect(),
            min_reach: keywords.iter().map(|_| OnceLock::new()).collect(),
            keywords,
        })
    }

    pub fn rule(&self, index: usize) -> &Rule {
        &self.rules[index].rule
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|r| &r.rule)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Finds every match of every rule in `data`, in (start, rule) order.
    pub fn scan(&self, data: &[u8]) -> Vec<RawMatch> {
        self.scan_counted(data).0
    }

    /// [`Matcher::scan`], also returning the work it took.
    #[doc(hidden)]
    pub fn scan_counted(&self, data: &[u8]) -> (Vec<RawMatch>, Work) {
        let mut state = ScanState {
            work: Work::default(),
            line: None,
        };
        let scopes = self.candidate_scopes(data, &mut state.work, HitSource::Search(&mut None));
        let out = self.run_scopes(data, scopes, &mut state);
        (out, state.finish())
    }

    /// [`Matcher::scan`] of a blob whose delta base was scanned before:
    /// keyword hits inside the ranges it copies from the base are taken
    /// from the base's hits, and only the rest of the blob (inserted bytes
    /// and the seams around them) is searched for keywords. Also returns
    /// this blob's hits, for blobs derived from it (`None` when they would
    /// not pay: a blob dense with hits).
    ///
    /// The matches are those of [`Matcher::scan`]: which rule runs where
    /// depends only on which keywords occur on which line, and every
    /// occurrence is in the hits either way (see [`Matcher::reused_hits`]).
    /// A blob with a long line, where windows follow the exact hit spans,
    /// is searched in full.
    pub fn scan_reusing(
        &self,
        data: &[u8],
        derived: Option<Derived<'_>>,
    ) -> (Vec<RawMatch>, Option<KeywordHits>) {
        let mut state = ScanState {
            work: Work::default(),
            line: None,
        };
        let reused = derived.and_then(|d| self.reused_hits(data, d, &mut state.work));
        let (scopes, hits) = match reused {
            Some(hits) => {
                let mut by_end = hits.clone();
                by_end.sort_unstable_by_key(|h| (h.end, h.start, h.pattern));
                let scopes =
                    self.candidate_scopes(data, &mut state.work, HitSource::Given(&by_end));
                (scopes, Some(hits))
            }
            None => {
                // Hits are kept as `u32` offsets.
                let mut kept = u32::try_from(data.len()).is_ok().then(Vec::new);
                let scopes =
                    self.candidate_scopes(data, &mut state.work, HitSource::Search(&mut kept));
                (scopes, kept.map(sorted_by_start))
            }
        };
        let out = self.run_scopes(data, scopes, &mut state);
        let hits = hits.map(|hits| KeywordHits {
            hits,
            len: data.len(),
            encoded: true,
        });
        (out, hits)
    }

    /// Runs each rule's regex over its scope; matches in (start, rule)
    /// order, overlaps resolved.
    fn run_scopes<'d>(
        &self,
        data: &'d [u8],
        scopes: Vec<(usize, Scope)>,
        state: &mut ScanState<'d>,
    ) -> Vec<RawMatch> {
        let mut out = Vec::new();
        for (rule, scope) in scopes {
            let c = self.compiled(rule);
            let mut caps = c.regex.create_captures();
            match scope {
                Scope::Blob => {
                    let all = 0..data.len();
                    self.search(
                        rule,
                        data,
                        &all,
                        all.clone(),
                        None,
                        0,
                        &mut caps,
                        state,
                        &mut out,
                    );
                }
                Scope::Lines(windows) => {
                    // Where the last match on the current line ended: the
                    // next window resumes there, as one iteration over the
                    // whole line would.
                    let mut resume = 0;
                    for w in merge_windows(windows) {
                        resume = self.search(
                            rule,
                            data,
                            &w.line,
                            w.span.clone(),
                            Some(&w.line),
                            resume.max(w.line.start),
                            &mut caps,
                            state,
                            &mut out,
                        );
                    }
                }
            }
        }
        out.sort_by_key(|m| (m.span.start, m.rule));
        out.dedup();
        self.drop_overlaps(out)
    }

    /// The keyword occurrences of `data`, derived from its base's: the
    /// base's occurrences inside a copied range, moved to where the range
    /// lands, plus a keyword search of the inserted bytes and around the
    /// seams between ranges where a keyword could cross (see
    /// [`Matcher::seams`]). `None` when the hits cannot be reused: copies
    /// that do not fit, or a long line among the lines with hits.
    ///
    /// Why this gives the scan's result: an occurrence inside one copied
    /// range was the base's; one that is not lies in an insert or crosses
    /// a seam, and is searched for. So every occurrence is found, and each
    /// is one; a full search's hits are occurrences too (some widened to
    /// cover the occurrences that follow them, see
    /// [`Matcher::for_each_hit`]), so the same (keyword, line) pairs have
    /// hits either way — and on short lines that is all the rules' windows
    /// depend on (a line is searched whole).
    fn reused_hits(&self, data: &[u8], d: Derived<'_>, work: &mut Work) -> Option<Vec<KeywordHit>> {
        if self.max_keyword_len == 0
            || self.keyword_newline
            || u32::try_from(data.len()).is_err()
            || !d.fits(data.len())
        {
            return None;
        }
        let mut hits = Vec::new();
        for c in d.copies {
            let lo = d.base.hits.partition_point(|h| (h.start as usize) < c.from);
            for h in d.base.hits[lo..]
                .iter()
                .take_while(|h| (h.start as usize) < c.from + c.len)
            {
                if h.end as usize > c.from + c.len {
                    continue;
                }
                let shift = |x: u32| (x as usize - c.from + c.to) as u32;
                hits.push(KeywordHit {
                    start: shift(h.start),
                    end: shift(h.end),
                    pattern: h.pattern,
                });
            }
        }
        for region in searched_regions(d.copies, data, self.seams()) {
            let ac = self.automaton(region.len())?;
            let base = region.start;
            self.for_each_hit(ac, &data[region], work, false, |pattern, start, end| {
                hits.push(KeywordHit {
                    start: (base + start) as u32,
                    end: (base + end) as u32,
                    pattern: pattern as u32,
                });
            });
        }
        let hits = sorted_by_start(hits);
        lines_are_short(data, &hits).then_some(hits)
    }

    /// Pushes every occurrence of keyword `pattern` within `span`, a hit
    /// of it: the hit itself, or, for a hit widened over the shifted
    /// occurrences that follow it, each of them (see
    /// [`Matcher::for_each_hit`]).
    fn occurrences(
        &self,
        data: &[u8],
        pattern: usize,
        span: Range<usize>,
        out: &mut Vec<KeywordHit>,
    ) {
        let kw = &self.keywords[pattern];
        let last = span.end.saturating_sub(kw.len());
        for at in span.start..=last.max(span.start) {
            if at == span.start || data[at..at + kw.len()].eq_ignore_ascii_case(kw) {
                out.push(KeywordHit {
                    start: at as u32,
                    end: (at + kw.len()) as u32,
                    pattern: pattern as u32,
                });
            }
        }
    }

    /// How a derived blob's seams are searched: an occurrence near a seam
    /// matters only if it crosses the seam (one inside a copied range was
    /// the base's), so a seam is searched, `longest keyword − 1` bytes
    /// either side, only if the two bytes around it occur side by side in
    /// some keyword. Computed once.
    fn seams(&self) -> &Seams {
        self.seams.get_or_init(|| {
            let mut pairs = BytePairs::default();
            for k in &self.keywords {
                for w in k.windows(2) {
                    // The automaton ignores ASCII case.
                    for a in [w[0].to_ascii_lowercase(), w[0].to_ascii_uppercase()] {
                        for b in [w[1].to_ascii_lowercase(), w[1].to_ascii_uppercase()] {
                            pairs.insert(a, b);
                        }
                    }
                }
            }
            Seams {
                reach: self.max_keyword_len.saturating_sub(1),
                pairs,
            }
        })
    }

    /// The rule's regex, compiled on first use.
    fn compiled(&self, rule: usize) -> &Compiled {
        let cr = &self.rules[rule];
        cr.compiled.get_or_init(|| {
            let mut c = compile_rule_regex(&cr.rule.regex, cr.rule.unicode);
            // group_len counts group 0.
            let groups = c
                .regex
                .group_info()
                .group_len(regex_automata::PatternID::ZERO);
            c.secret_group = cr
                .rule
                .secret_group
                .unwrap_or(if groups > 1 { 1 } else { 0 });
            c
        })
    }

    /// One secret, one finding. A generic (or yielding, [`Rule::yields`])
    /// rule's match is dropped where a
    /// provider rule matched an overlapping secret (`GITHUB_TOKEN=ghp_…` is
    /// a GitHub token, not also a "generic secret"), and when two provider
    /// rules extract the very same secret span the more severe (then the
    /// earlier-defined) rule keeps it.
    ///
    /// Sort-based (O(m log m)), so a blob with a million matches costs
    /// seconds, not hours.
    fn drop_overlaps(&self, matches: Vec<RawMatch>) -> Vec<RawMatch> {
        if matches.len() < 2 {
            return matches;
        }
        let generic = |m: &RawMatch| {
            let r = &self.rules[m.rule].rule;
            r.generic || r.yields
        };
        // Provider secrets sorted by start, with the running maximum end:
        // some provider secret overlaps `s` iff one starting before s.end
        // ends after s.start.
        let mut provider: Vec<Range<usize>> = matches
            .iter()
            .filter(|m| !generic(m))
            .map(|m| m.secret.clone())
            .collect();
        provider.sort_by_key(|r| r.start);
        let mut max_end = Vec::with_capacity(provider.len());
        for r in &provider {
            max_end.push(max_end.last().map_or(r.end, |&e: &usize| e.max(r.end)));
        }
        let covered = |s: &Range<usize>| {
            let before = provider.partition_point(|r| r.start < s.end);
            before > 0 && max_end[before - 1] > s.start
        };
        // Among provider matches of one secret span, the best (severity,
        // then earliest rule) keeps it.
        let rank = |m: &RawMatch| (std::cmp::Reverse(self.rules[m.rule].rule.severity), m.rule);
        let mut best: rustc_hash::FxHashMap<(usize, usize), (std::cmp::Reverse<_>, usize)> =
            rustc_hash::FxHashMap::default();
        for m in matches.iter().filter(|m| !generic(m)) {
            let r = rank(m);
            best.entry((m.secret.start, m.secret.end))
                .and_modify(|b| *b = (*b).min(r))
                .or_insert(r);
        }
        matches
            .into_iter()
            .filter(|m| {
                if generic(m) {
                    !covered(&m.secret)
                } else {
                    best[&(m.secret.start, m.secret.end)] == rank(m)
                }
            })
            .collect()
    }

    /// Calls `f(pattern, start, end)` for every keyword occurrence,
    /// overlapping ones included, in order of their end.
    ///
    /// An overlapping automaton search costs ~2.5 ns a byte, and it was 44%
    /// of a directory scan's profile. The non-overlapping search runs a
    /// tighter loop; it can miss only keywords that overlap a hit it reports
    /// (it resumes at the hit's end), so an overlapping search over just the
    /// bytes around each hit recovers them. Hits are sparse in real text
    /// (~300 a MB in ~/.cargo/registry), so that second pass is cheap; where
    /// they are dense the regions around them are merged, so no byte is
    /// searched twice and no hit reported twice.
    fn for_each_hit(
        &self,
        ac: &AhoCorasick,
        data: &[u8],
        work: &mut Work,
        widen: bool,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let reach = self.max_keyword_len.saturating_sub(1);
        let mut recover = |region: Range<usize>, f: &mut dyn FnMut(usize, usize, usize)| {
            work.recovery_bytes += region.len();
            for o in ac.find_overlapping_iter(&data[region.clone()]) {
                f(
                    o.pattern().as_usize(),
                    region.start + o.start(),
                    region.start + o.end(),
                );
            }
        };
        let mut region: Option<Range<usize>> = None;
        for m in ac.find_iter(data) {
            let p = m.pattern().as_usize();
            if widen && *self.alone[p].get_or_init(|| self.overlaps_no_other(p)) {
                // Only the keyword itself can overlap this hit, shifted
                // right (`aaaa` at every byte): its windows would add at
                // most `len - 1` bytes at the end, so widen the hit by that
                // (not past the line) instead of searching again.
                let len = m.end() - m.start();
                let to = (m.end() + len - 1).min(data.len());
                let to = memchr::memchr(b'\n', &data[m.end()..to]).map_or(to, |i| m.end() + i);
                f(p, m.start(), to);
                continue;
            }
            // Any keyword overlapping m lies within `reach` bytes of it.
            let from = m.start().saturating_sub(reach);
            let to = (m.end() + reach).min(data.len());
            match &mut region {
                Some(r) if from <= r.end => r.end = to,
                _ => {
                    if let Some(done) = region.replace(from..to) {
                        recover(done, &mut f);
                    }
                }
            }
        }
        if let Some(done) = region {
            recover(done, &mut f);
        }
    }

    /// The keyword automaton for a blob of `len` bytes: the DFA once it is
    /// worth building (see `prefilter_dfa`), the NFA before or if the DFA
    /// cannot be built. Both report the same hits.
    fn automaton(&self, len: usize) -> Option<&AhoCorasick> {
        use std::sync::atomic::Ordering::Relaxed;
        let nfa = self.prefilter.as_ref()?;
        if let Some(built) = self.prefilter_dfa.get() {
            return Some(built.as_ref().unwrap_or(nfa));
        }
        if len < DFA_FROM && self.nfa_bytes.fetch_add(len, Relaxed) + len < DFA_AFTER {
            return Some(nfa);
        }
        let dfa = self
            .prefilter_dfa
            .get_or_init(|| keyword_automaton(&self.keywords, AhoCorasickKind::DFA).ok());
        Some(dfa.as_ref().unwrap_or(nfa))
    }

    /// Whether no keyword but `p` itself can overlap an occurrence of `p`
    /// (contain it, lie inside it, or share a prefix/suffix with it).
    /// O(keywords × length), once per keyword that hits.
    fn overlaps_no_other(&self, p: usize) -> bool {
        let kw = &self.keywords[p];
        self.keywords
            .iter()
            .enumerate()
            .all(|(q, other)| q == p || !can_overlap(kw, other))
    }

    /// For each rule that can match: where its regex must run.
    fn candidate_scopes(
        &self,
        data: &[u8],
        work: &mut Work,
        source: HitSource<'_>,
    ) -> Vec<(usize, Scope)> {
        // Taken out of the thread's cell for the call (a nested call, if
        // there ever were one, would start from empty slots).
        let mut scratch = SCOPE_SCRATCH.with(|c| c.take());
        let ScopeScratch { runs, scopes } = &mut scratch;
        scopes.ready(self.rules.len());
        runs.ready(self.pattern_rules.len());
        for &r in &self.always {
            *scopes.get(r) = Some(Scope::Blob);
        }
        let ac = match source {
            HitSource::Given(_) => self.prefilter.as_ref(),
            HitSource::Search(_) => self.automaton(data.len()),
        };
        if let Some(ac) = ac {
            // Hits arrive in order of their end; cache the current line so a
            // minified one-line file with 10k hits costs O(n), not O(n²).
            // The cache holds the hit's own line and the haystack (that line,
            // plus the next when it may hold the value): a hit on the next
            // line gets its own haystack, so a value two lines down
            // (`<credentials>` / `<password>` / value) is still in reach.
            let mut line: Option<(Range<usize>, Range<usize>)> = None;
            let mut line_bytes = 0;
            // Hits of one keyword close together on one line make one run:
            // a keyword at every byte costs a compare per hit, not a window
            // per rule per hit. A run becomes windows when it ends.
            let mut on_hit = |pattern: usize, start: usize, end: usize| {
                let line = match &line {
                    Some((own, hay)) if own.start <= start && end <= own.end => hay.clone(),
                    _ => {
                        let own = line_around(data, start, end);
                        let hay = with_value_line(data, own.clone());
                        line_bytes += hay.len();
                        line = Some((own, hay.clone()));
                        hay
                    }
                };
                let reach = *self.min_reach[pattern].get_or_init(|| {
                    self.pattern_rules[pattern]
                        .iter()
                        .map(|&r| self.compiled(r).reach)
                        .min()
                        .unwrap_or(0)
                });
                match runs.get(pattern) {
                    Some(run)
                        if run.line == line
                            && (line.len() <= LONG_LINE || start <= run.end + 2 * reach) =>
                    {
                        run.start = run.start.min(start);
                        run.end = run.end.max(end);
                    }
                    slot => {
                        let fresh = Run { line, start, end };
                        if let Some(done) = slot.replace(fresh) {
                            self.add_run(pattern, done, scopes);
                        }
                    }
                }
            };
            match source {
                HitSource::Given(hits) => {
                    for h in hits {
                        on_hit(h.pattern as usize, h.start as usize, h.end as usize);
                    }
                }
                HitSource::Search(keep) => {
                    // Kept for blobs derived from this one, unless hits are
                    // dense (then reusing them would not pay for their
                    // memory).
                    let cap = data.len() / 16 + 64;
                    self.for_each_hit(ac, data, work, true, |pattern, start, end| {
                        if let Some(kept) = keep.as_mut() {
                            if kept.len() < cap {
                                self.occurrences(data, pattern, start..end, kept);
                            } else {
                                *keep = None;
                            }
                        }
                        on_hit(pattern, start, end);
                    });
                }
            }
            let ended: Vec<(usize, Run)> = runs.drain().collect();
            for (pattern, run) in ended {
                self.add_run(pattern, run, scopes);
            }
        }
        let out = scopes.drain().collect();
        SCOPE_SCRATCH.with(|c| c.replace(scratch));
        out
    }

    /// The windows of a run of keyword hits, for each rule of the keyword:
    /// the whole line when it is short, else the run widened by the
    /// rule's reach — the union of the windows of the run's hits.
    fn add_run(&self, pattern: usize, run: Run, scopes: &mut Slots<Scope>) {
        let Run { line, start, end } = run;
        for &r in &self.pattern_rules[pattern] {
            if self.rules[r].rule.multiline {
                *scopes.get(r) = Some(Scope::Blob);
                continue;
            }
            let span = if line.len() <= LONG_LINE {
                line.clone()
            } else {
                let reach = self.compiled(r).reach;
                start.saturating_sub(reach).max(line.start)..(end + reach).min(line.end)
            };
            match scopes
                .get(r)
                .get_or_insert_with(|| Scope::Lines(Vec::new()))
            {
                Scope::Blob => {}
                Scope::Lines(windows) => push_window(
                    windows,
                    Window {
                        line: line.clone(),
                        span,
                    },
                ),
            }
        }
    }

    /// Runs the rule's regex over `span` of the haystack `hay`, from
    /// `resume` on, and keeps the matches that pass [`Matcher::accepts`].
    /// Returns where the last match ended (or `resume`).
    #[allow(clippy::too_many_arguments)]
    fn search<'d>(
        &self,
        rule: usize,
        data: &'d [u8],
        hay: &Range<usize>,
        span: Range<usize>,
        line: Option<&Range<usize>>,
        resume: usize,
        caps: &mut Captures,
        state: &mut ScanState<'d>,
        out: &mut Vec<RawMatch>,
    ) -> usize {
        let from = span.start.max(resume);
        if from >= span.end {
            return resume;
        }
        state.work.regex_bytes += span.end - from;
        let c = self.compiled(rule);
        let input = Input::new(&data[hay.clone()]).span(from - hay.start..span.end - hay.start);
        let mut matches = Searcher::new(input);
        let mut last = resume;
        while let Some(whole) = matches.advance(|input| {
            c.regex.search_captures(input, caps);
            Ok(caps.get_match())
        }) {
            last = hay.start + whole.end();
            let Some(secret) = caps.get_group(c.secret_group) else {
                continue;
            };
            if secret.is_empty() {
                continue;
            }
            let secret = hay.start + secret.start..hay.start + secret.end;
            if !self.accepts(rule, data, &secret, line, state) {
                continue;
            }
            out.push(RawMatch {
                rule,
                span: hay.start + whole.start()..hay.start + whole.end(),
                secret,
            });
        }
        last
    }

    /// The per-match checks after the regex: entropy, checksum, randomness,
    /// per-rule allowlist.
    fn accepts<'d>(
        &self,
        rule: usize,
        data: &'d [u8],
        at: &Range<usize>,
        line: Option<&Range<usize>>,
        state: &mut ScanState<'d>,
    ) -> bool {
        let cr = &self.rules[rule];
        let secret = &data[at.clone()];
        if let Some(min) = cr.rule.min_entropy {
            if entropy::shannon(secret) < min {
                return false;
            }
        }
        if let Some(kind) = cr.rule.checksum {
            if !checksum::is_valid(kind, secret) {
                return false;
            }
        }
        if cr.rule.generic {
            let line = match line {
                Some(l) => l.clone(),
                None => state.line_of(data, at),
            };
            let near = near(at, &line);
            let context = Context {
                facts: state.facts(data, line),
                near,
            };
            if !randomness::plausible_secret_in(secret, &context) {
                return false;
            }
        }
        if !cr.stopwords.is_empty() {
            let lower = secret.to_ascii_lowercase();
            if cr
                .stopwords
                .iter()
                .any(|w| memchr::memmem::find(&lower, w).is_some())
            {
                return false;
            }
        }
        if !cr.rule.allowlist.regexes.is_empty() {
            let allow = cr.allow.get_or_init(|| {
                cr.rule
                    .allowlist
                    .regexes
                    .iter()
                    .map(|r| compile_regex(r).expect("allowlist regexes are validated when loaded"))
                    .collect()
            });
            if allow.iter().any(|r| r.is_match(secret)) {
                return false;
            }
        }
        true
    }
}

/// Blobs from this size on are searched with the keyword DFA.
const DFA_FROM: usize = 64 << 10;
/// After this many bytes searched with the NFA, the DFA is built: its
/// build (~10 ms) is then a small part of the scan.
const DFA_AFTER: usize = 1 << 20;

/// The keyword automaton (ASCII case-insensitive, standard semantics) of
/// the given kind.
fn keyword_automaton(
    keywords: &[Vec<u8>],
    kind: AhoCorasickKind,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(keywords)
}

/// Whether an occurrence of `b` can overlap an occurrence of `a`: some
/// placement of `b` sharing at least one byte with `a` agrees with it on
/// every shared byte.
fn can_overlap(a: &[u8], b: &[u8]) -> bool {
    let (la, lb) = (a.len() as isize, b.len() as isize);
    // `b` starts at offset `o` relative to `a`.
    (1 - lb..la).any(|o| {
        let from = o.max(0);
        let to = (o + lb).min(la);
        (from..to).all(|i| a[i as usize] == b[(i - o) as usize])
    })
}

/// Adds a window to a rule's list, merging it into the last one when they
/// overlap on the same line (hits arrive nearly in order).
fn push_window(windows: &mut Vec<Window>, w: Window) {
    if let Some(last) = windows.last_mut() {
        if last.line == w.line && w.span.start <= last.span.end && last.span.start <= w.span.end {
            last.span = last.span.start.min(w.span.start)..last.span.end.max(w.span.end);
            return;
        }
    }
    windows.push(w);
}

/// Windows in order, overlapping ones merged: hits arrive ordered by end,
/// so a window can start a little before the one pushed just before it.
fn merge_windows(mut windows: Vec<Window>) -> Vec<Window> {
    windows.sort_by_key(|w| w.span.start);
    let mut out: Vec<Window> = Vec::with_capacity(windows.len());
    for w in windows {
        push_window(&mut out, w);
    }
    out
}

/// What the randomness filters may read around the secret at `at`, in
/// line coordinates: its whole line when the line is at most
/// [`LONG_LINE`] bytes, else [`NEAR`] bytes either side of it.
fn near(at: &Range<usize>, line: &Range<usize>) -> Range<usize> {
    if line.len() <= LONG_LINE {
        0..line.len()
    } else {
        at.start.saturating_sub(NEAR).max(line.start) - line.start
            ..(at.end + NEAR).min(line.end) - line.start
    }
}

/// A keyword's line, extended by the next line when the value may sit
/// there: a line that ends in `>` opens an XML element whose content is
/// often written on its own line (`<password>` / `  s3cret` /
/// `</password>`). Short lines only, so each line is searched at most twice
/// (as its own line and as the value line of the one before): linear.
fn with_value_line(data: &[u8], line: Range<usize>) -> Range<usize> {
    let opens_element = data[line.clone()]
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'>');
    if !opens_element || line.len() > LONG_LINE || line.end >= data.len() {
        return line;
    }
    let next = line.end + 1;
    let end = memchr::memchr(b'\n', &data[next..]).map_or(data.len(), |i| next + i);
    if end - line.start > LONG_LINE {
        return line;
    }
    line.start..end
}

/// The line (without its `\n`) that contains `start..end`.
pub fn line_around(data: &[u8], start: usize, end: usize) -> Range<usize> {
    let ls = memchr::memrchr(b'\n', &data[..start]).map_or(0, |i| i + 1);
    let le = memchr::memchr(b'\n', &data[end..]).map_or(data.len(), |i| end + i);
    ls..le
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::parse_rule_file;

    fn matcher(toml: &str) -> Matcher {
        Matcher::new(parse_rule_file("test.toml", toml).unwrap()).unwrap()
    }

    const RULE: &str = r#"
[[rule]]
id = "demo"
name = "Demo"
keywords = ["dmo_"]
regex = '''\b(dmo_[a-z0-9]{8})\b'''
severity = "high"
"#;

    #[test]
    fn keyword_gates_regex_and_spans_are_absolute() {
        let m = matcher(RULE);
        let data = b"first line\nx = DMO_ and dmo_abcd1234 here\n";
        let found = m.scan(data);
        assert_eq!(found.len(), 1);
        assert_eq!(&data[found[0].secret.clone()], b"dmo_abcd1234");
        assert!(m.scan(b"nothing to see dmo").is_empty());
    }

    #[test]
    fn regex_only_runs_on_keyword_lines() {
        let m = matcher(
            r#"
[[rule]]
id = "near"
name = "Near"
keywords = ["token"]
regex = '''([a-f0-9]{12})'''
severity = "low"
"#,
        );
        let data = b"abcdefabcdef\ntoken: 0123456789ab\n";
        let found = m.scan(data);
        assert_eq!(found.len(), 1);
        assert_eq!(&data[found[0].secret.clone()], b"0123456789ab");
    }

    fn builtin() -> Matcher {
        Matcher::new(crate::rules::builtin().unwrap()).unwrap()
    }

    /// A tiny deterministic generator for the delta tests.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn word(&mut self, alphabet: &[u8], n: usize) -> String {
            (0..n)
                .map(|_| alphabet[self.below(alphabet.len())] as char)
                .collect()
        }
    }

    /// A source-like line: plain code, or a credential in one of a few
    /// shapes (made up here, random each time).
    fn random_line(r: &mut Rng) -> String {
        const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        const ALNUM: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        match r.below(9) {
            0 => format!("aws_access_key_id = AKIA{}", r.word(B32, 16)),
            1 => format!("password = \"{}\"", r.word(ALNUM, 18)),
            2 => format!("  api_key: {}", r.word(ALNUM, 32)),
            3 => format!("let token = \"{}\"; // secret", r.word(ALNUM, 24)),
            4 => "<password>".to_string(),
            5 => "dmo_dmo_dmo_ aaaa aaaaaaa keykeykey".to_string(),
            _ => format!("fn f{}() {{ return {}; }}", r.below(1000), r.below(99)),
        }
    }

    /// A new version of `base`: copied ranges and inserted lines, as a git
    /// delta would describe it.
    fn derive(r: &mut Rng, base: &[u8]) -> (Vec<u8>, Vec<Copy>) {
        let mut out = Vec::new();
        let mut copies = Vec::new();
        let mut at = 0;
        while at < base.len() {
            let len = (1 + r.below(400)).min(base.len() - at);
            if r.below(4) > 0 {
                copies.push(Copy {
                    from: at,
                    to: out.len(),
                    len,
                });
                out.extend_from_slice(&base[at..at + len]);
            }
            at += len;
            if r.below(3) == 0 {
                for _ in 0..r.below(3) {
                    out.extend_from_slice(random_line(r).as_bytes());
                    out.push(b'\n');
                }
                // Occasionally a few stray bytes mid-line.
                if r.below(2) == 0 {
                    let n = 1 + r.below(6);
                    out.extend_from_slice(r.word(b"ab=_ key\n", n).as_bytes());
                }
            }
        }
        (out, copies)
    }

    #[test]
    fn reused_keyword_hits_give_the_matches_of_a_full_scan() {
        let rules = format!(
            "{RULE}\n[[rule]]\nid = \"aaaa\"\nname = \"A\"\nkeywords = [\"aaaa\"]\nregex = '''aaaa(a{{3}})'''\nseverity = \"low\"\n"
        );
        let mut all = crate::rules::builtin().unwrap();
        all.extend(parse_rule_file("t.toml", &rules).unwrap());
        // The built-in pack, where nearly every keyword can overlap
        // another; and two keywords that none can (their hits in a full
        // scan are widened instead of searched again).
        let with_builtin = Matcher::new(all).unwrap();
        let alone = matcher(&rules);
        assert_eq!(alone.seams().reach, 3);
        assert!(alone.seams().pairs.contains(b'A', b'a'));
        assert!(!alone.seams().pairs.contains(b'a', b'd'));
        for m in [&with_builtin, &alone] {
            versions_match_full_scans(m);
        }
    }

    fn versions_match_full_scans(m: &Matcher) {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let mut total_matches = 0;
        let mut reused = 0;
        for _ in 0..40 {
            let mut base = String::new();
            for _ in 0..200 {
                base.push_str(&random_line(&mut r));
                base.push('\n');
            }
            let (mut found, mut hits) = m.scan_reusing(base.as_bytes(), None);
            assert_eq!(found, m.scan(base.as_bytes()));
            let mut data = base.into_bytes();
            // A chain of versions, each derived from the one before.
            for _ in 0..4 {
                let (next, copies) = derive(&mut r, &data);
                let kept = hits.expect("sparse hits are kept");
                let d = Derived {
                    base: &kept,
                    copies: &copies,
                };
                if m.reused_hits(&next, d, &mut Work::default()).is_some() {
                    reused += 1;
                }
                (found, hits) = m.scan_reusing(&next, Some(d));
                assert_eq!(found, m.scan(&next), "version differs from a full scan");
                total_matches += found.len();
                data = next;
            }
        }
        assert!(
            total_matches > 300,
            "the versions hold secrets: {total_matches}"
        );
        assert_eq!(reused, 160, "every version reused its base's hits");
    }

    #[test]
    fn a_widened_hit_is_not_mapped_past_a_seam() {
        // `aaaa` can overlap no other keyword here: its hit is widened to
        // the end of the run it starts (up to the line's end) instead of
        // searched again. In the new version a newline follows the copy.
        let m = matcher(&format!(
            "{RULE}\n[[rule]]\nid = \"a\"\nname = \"A\"\nkeywords = [\"aaaa\"]\nregex = 'aaaa(a+)'\nseverity = \"low\"\n"
        ));
        let base = b"aaaaaaa\n";
        let (_, hits) = m.scan_reusing(base, None);
        let hits = hits.unwrap();
        let next = b"aaaaa\nzzz\n";
        let copies = [Copy {
            from: 0,
            to: 0,
            len: 5,
        }];
        let d = Derived {
            base: &hits,
            copies: &copies,
        };
        let reused = m.reused_hits(next, d, &mut Work::default()).unwrap();
        assert!(!reused.is_empty());
        for h in &reused {
            assert_eq!(line_around(next, h.start as usize, h.end as usize), 0..5);
        }
    }

    /// `data`'s own hits, and what a version that copies all of `data`
    /// unchanged gets from them.
    fn reused_unchanged(m: &Matcher, data: &[u8]) -> (KeywordHits, Option<Vec<KeywordHit>>) {
        let hits = m.scan_reusing(data, None).1.unwrap();
        let copies = [Copy {
            from: 0,
            to: 0,
            len: data.len(),
        }];
        let d = Derived {
            base: &hits,
            copies: &copies,
        };
        let reused = m.reused_hits(data, d, &mut Work::default());
        (hits, reused)
    }

    #[test]
    fn hits_are_not_reused_across_a_long_line() {
        let m = builtin();
        let mut long = b"token = x\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', LONG_LINE + 10));
        long.extend_from_slice(b" secret = y\n");
        assert!(reused_unchanged(&m, &long).1.is_none());
        let (hits, reused) = reused_unchanged(&m, b"token = x\nsecret = y\n");
        assert_eq!(reused.unwrap(), hits.hits);
    }

    /// A 1 MB single line of `piece` repeated.
    fn long_line(piece: &str) -> Vec<u8> {
        piece.repeat(1_000_000 / piece.len()).into_bytes()
    }

    /// Issue 11: on one long line with dense keywords, the work per hit
    /// used to be the whole line (the regex per line, the randomness
    /// filters' context per candidate, the keyword recovery per hit): ~n²
    /// over the hit spacing. Counted, not timed: it must stay within a
    /// small constant times the input.
    #[test]
    fn work_is_linear_on_long_lines_with_dense_keywords() {
        let m = builtin();
        let value = "q7Xv2LmP9sKdR4tZ";
        let cases = [
            // keyword hits every ~14 bytes, a generic-secret finding every 8
            format!("{}x.token=\"{value}\";", "a.tokenType=n;".repeat(7)),
            // every hit a generic-secret match that the randomness filter rejects
            "n.secret=e.secretValue,".to_string(),
            // hex values: the filters look for hash words around each one
            "o.api_key=\"8f14e45fceea167a5a36dedd4bea2543\";".to_string(), // keyhound:allow (fake test value)
        ];
        for piece in cases {
            let line = long_line(&piece);
            let (found, work) = m.scan_counted(&line);
            assert!(
                work.total() <= 8 * line.len(),
                "{piece}: {work:?} for {} bytes ({} matches)",
                line.len(),
                found.len()
            );
        }
    }

    /// A keyword that overlaps itself at every byte (`aaaa…`) used to be
    /// searched again around each hit, each region overlapping the next:
    /// ~12 copies of every hit before deduplication (750 MB of memory for
    /// 1 MB of input).
    #[test]
    fn keyword_recovery_searches_each_byte_once() {
        let m = matcher(
            r#"
[[rule]]
id = "aaaa"
name = "A"
keywords = ["aaaa", "a_long_keyword_of_twenty_bytes"]
regex = '''aaaa([0-9]{8})'''
severity = "low"
"#,
        );
        let line = long_line("aaaa");
        let (found, work) = m.scan_counted(&line);
        assert!(found.is_empty());
        assert!(work.recovery_bytes <= line.len(), "{work:?}");
        assert!(work.total() <= 4 * line.len(), "{work:?}");
    }

    #[test]
    fn a_keyword_no_other_can_overlap_is_not_searched_twice() {
        assert!(can_overlap(b"aaaa", b"a_long"));
        assert!(can_overlap(b"token", b"ken_id"));
        assert!(can_overlap(b"api_key", b"key"));
        assert!(can_overlap(b"key", b"api_key"));
        assert!(!can_overlap(b"ghp_", b"xoxb-"));
        let m = matcher(
            r#"
[[rule]]
id = "aaaa"
name = "A"
keywords = ["aaaa"]
regex = '''aaaa([0-9]{8})'''
severity = "low"
"#,
        );
        // A keyword at every byte, and matches planted at every offset
        // modulo 4: the long line finds each, without a recovery pass.
        let mut line = long_line("aaaa");
        let mut want = Vec::new();
        for (k, at) in [1000usize, 5001, 9002, 13003].into_iter().enumerate() {
            let digits = format!("{:08}", 12345670 + k);
            line[at..at + 8].copy_from_slice(digits.as_bytes());
            want.push(at..at + 8);
        }
        let (found, work) = m.scan_counted(&line);
        assert_eq!(work.recovery_bytes, 0, "{work:?}");
        let got: Vec<_> = found.iter().map(|f| f.secret.clone()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_keyword_nfa_and_dfa_report_the_same_hits() {
        let m = builtin();
        let keywords: Vec<String> = m
            .keywords
            .iter()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        // Every keyword, in mixed case, packed and overlapping.
        let mut data = Vec::new();
        for (i, k) in keywords.iter().enumerate() {
            let k = if i % 2 == 0 {
                k.to_ascii_uppercase()
            } else {
                k.clone()
            };
            data.extend_from_slice(k.as_bytes());
            data.extend_from_slice(if i % 3 == 0 { b"=" } else { b"" });
        }
        let hits = |ac: &AhoCorasick| {
            let mut out = Vec::new();
            m.for_each_hit(ac, &data, &mut Work::default(), true, |p, s, e| {
                out.push((p, s, e))
            });
            out
        };
        let nfa = m.automaton(0).unwrap();
        let dfa = m.automaton(DFA_FROM).unwrap();
        assert!(!std::ptr::eq(nfa, dfa), "two automata");
        let found = hits(nfa);
        assert!(found.len() >= keywords.len(), "{}", found.len());
        assert_eq!(found, hits(dfa));
    }

    #[test]
    fn many_small_blobs_switch_to_the_keyword_dfa() {
        let m = builtin();
        let first = m.automaton(100).unwrap() as *const AhoCorasick;
        for _ in 0..DFA_AFTER / 4096 {
            m.automaton(4096);
        }
        let later = m.automaton(100).unwrap();
        assert!(!std::ptr::eq(first, later), "still the NFA");
    }

    #[test]
    fn long_lines_find_what_short_lines_find() {
        let m = builtin();
        // Secrets far apart on one long line (separate windows), next to
        // each other (merged windows), and the same content one per line.
        let secrets = [
            "q7Xv2LmP9sKdR4tZ",
            "tR7vB2nK9mQ4xZ1wL6pS",
            "k3J9_vQ2-Lm8xN5aZ",
        ];
        let mut pieces = Vec::new();
        for (i, s) in secrets.iter().cycle().take(60).enumerate() {
            pieces.push(format!("cfg.auth_token = \"{s}\";"));
            pieces.push("v=1;".repeat(i * 37 % 1500));
        }
        let long = pieces.join(" ");
        let short = pieces.join("\n");
        let secrets_of = |data: &[u8]| -> Vec<Vec<u8>> {
            m.scan(data)
                .into_iter()
                .map(|f| data[f.secret].to_vec())
                .collect()
        };
        let (a, b) = (secrets_of(long.as_bytes()), secrets_of(short.as_bytes()));
        assert_eq!(a.len(), 60);
        assert_eq!(a, b);
    }

    /// Several rules' matches on one secret: the provider rule keeps it,
    /// however many matches the blob has (the old quadratic pass gave up
    /// past 4096 matches).
    #[test]
    fn overlaps_are_dropped_in_large_blobs_too() {
        let m = matcher(
            r#"
[[rule]]
id = "provider"
name = "P"
keywords = ["dmo_"]
regex = '''(dmo_[a-z0-9]{8})'''
severity = "high"

[[rule]]
id = "generic"
name = "G"
keywords = ["key"]
regex = '''key=([a-z0-9_]{8,})'''
severity = "medium"
generic = true
"#,
        );
        let data = "key=dmo_q7x2lmp9\n".repeat(5000);
        let found = m.scan(data.as_bytes());
        assert_eq!(found.len(), 5000);
        assert!(found.iter().all(|f| f.rule == 0));
        // The generic rule alone does match there.
        let generic_only = Matcher::new(vec![m.rule(1).clone()]).unwrap();
        assert_eq!(generic_only.scan(data.as_bytes()).len(), 5000);
    }

    /// Issue 13: an XML element's value on the line after its opening tag
    /// is found, and a blob where every line ends in `>` still costs each
    /// line at most twice.
    #[test]
    fn xml_value_on_the_next_line_is_found_linearly() {
        let m = builtin();
        let data = b"<settings>\n  <password>\n    kYRJh5okeBPMJZ\n  </password>\n</settings>\n";
        let found = m.scan(data);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&data[found[0].secret.clone()], b"kYRJh5okeBPMJZ");
        // The line before the element has a keyword of its own.
        let data = b"<credentials>\n  <password>\n    kYRJh5okeBPMJZ\n  </password>\n";
        let found = m.scan(data);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&data[found[0].secret.clone()], b"kYRJh5okeBPMJZ");
        let tags = "<token type=\"x\">\n".repeat(50_000);
        let (_, work) = m.scan_counted(tags.as_bytes());
        assert!(work.total() <= 8 * tags.len(), "{work:?}");
    }

    #[test]
    fn non_utf8_input_is_scanned() {
        let m = matcher(RULE);
        let mut data = b"caf\xe9 \xff dmo_abcd1234\n".to_vec();
        data.extend_from_slice(b"\xfe");
        assert_eq!(m.scan(&data).len(), 1);
    }
}
