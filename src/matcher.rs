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

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use crate::entropy;
use crate::rules::{checksum, Rule};

/// One rule match in a blob: byte spans of the whole match and of the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Index of the rule in [`Matcher::rules`].
    pub rule: usize,
    pub span: Range<usize>,
    pub secret: Range<usize>,
}

struct CompiledRule {
    rule: Rule,
    /// The regex and the index of its secret group, compiled on first use.
    regex: OnceLock<(Regex, usize)>,
    allow: OnceLock<Vec<Regex>>,
    stopwords: Vec<Vec<u8>>,
}

/// The ruleset, ready to scan. `Sync`: share one across rayon workers.
pub struct Matcher {
    rules: Vec<CompiledRule>,
    prefilter: Option<AhoCorasick>,
    /// keyword pattern index → indices of the rules that use it.
    pattern_rules: Vec<Vec<usize>>,
    /// Rules without keywords: they run on every blob.
    always: Vec<usize>,
    /// Length of the longest keyword, in bytes.
    max_keyword_len: usize,
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
        .size_limit(64 << 20)
        .build()
}

impl Matcher {
    /// Builds the prefilter. Rules must already be validated (see
    /// [`crate::rules::parse_rule_file`]); regexes compile later, on first use.
    pub fn new(rules: Vec<Rule>) -> Result<Self, aho_corasick::BuildError> {
        let mut keywords: Vec<Vec<u8>> = Vec::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
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
        let prefilter = if keywords.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&keywords)?,
            )
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
                regex: OnceLock::new(),
                allow: OnceLock::new(),
            })
            .collect();
        Ok(Matcher {
            rules,
            prefilter,
            pattern_rules,
            always,
            max_keyword_len,
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
        let windows = self.candidate_windows(data);
        let mut out = Vec::new();
        for (rule, lines) in windows {
            let cr = &self.rules[rule];
            if cr.rule.multiline || lines.is_empty() {
                self.scan_window(rule, data, 0..data.len(), &mut out);
            } else {
                for w in lines {
                    self.scan_window(rule, data, w, &mut out);
                }
            }
        }
        out.sort_by_key(|m| (m.span.start, m.rule));
        out.dedup();
        self.drop_overlaps(out)
    }

    /// One secret, one finding. A generic rule's match is dropped where a
    /// provider rule matched an overlapping secret (`GITHUB_TOKEN=ghp_…` is
    /// a GitHub token, not also a "generic secret"), and when two provider
    /// rules extract the very same secret span the more severe (then the
    /// earlier-defined) rule keeps it.
    fn drop_overlaps(&self, matches: Vec<RawMatch>) -> Vec<RawMatch> {
        // Quadratic, so bounded: a blob with thousands of matches is noise
        // that the user will see either way.
        if matches.len() < 2 || matches.len() > 4096 {
            return matches;
        }
        let generic = |m: &RawMatch| self.rules[m.rule].rule.generic;
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        let keep: Vec<bool> = matches
            .iter()
            .enumerate()
            .map(|(i, m)| {
                !matches.iter().enumerate().any(|(j, o)| {
                    if i == j || !overlaps(&m.secret, &o.secret) {
                        return false;
                    }
                    if generic(m) != generic(o) {
                        return generic(m);
                    }
                    if generic(m) || m.secret != o.secret {
                        return false;
                    }
                    let (sm, so) = (
                        self.rules[m.rule].rule.severity,
                        self.rules[o.rule].rule.severity,
                    );
                    so > sm || (so == sm && o.rule < m.rule)
                })
            })
            .collect();
        matches
            .into_iter()
            .zip(keep)
            .filter_map(|(m, k)| k.then_some(m))
            .collect()
    }

    /// Every keyword occurrence, overlapping ones included, ordered by end.
    ///
    /// An overlapping automaton search costs ~2.5 ns a byte, and it was 44%
    /// of a directory scan's profile. The non-overlapping search runs a
    /// tighter loop; it can miss only keywords that overlap a hit it reports
    /// (it resumes at the hit's end), so an overlapping search over just the
    /// bytes around each hit recovers them. Hits are sparse in real text
    /// (~300 a MB in ~/.cargo/registry), so that second pass is cheap.
    fn keyword_hits(&self, ac: &AhoCorasick, data: &[u8]) -> Vec<(usize, usize, usize)> {
        let reach = self.max_keyword_len.saturating_sub(1);
        let mut hits = Vec::new();
        for m in ac.find_iter(data) {
            // Any keyword overlapping m lies within `reach` bytes of it.
            let from = m.start().saturating_sub(reach);
            let to = (m.end() + reach).min(data.len());
            for o in ac.find_overlapping_iter(&data[from..to]) {
                hits.push((o.pattern().as_usize(), from + o.start(), from + o.end()));
            }
        }
        hits.sort_unstable_by_key(|&(p, s, e)| (e, s, p));
        hits.dedup();
        hits
    }

    /// For each rule that can match: the lines holding its keyword hits
    /// (deduplicated, in order). An empty list means "the whole blob".
    fn candidate_windows(&self, data: &[u8]) -> Vec<(usize, Vec<Range<usize>>)> {
        let mut per_rule: Vec<Option<Vec<Range<usize>>>> = vec![None; self.rules.len()];
        for &r in &self.always {
            per_rule[r] = Some(Vec::new());
        }
        if let Some(ac) = &self.prefilter {
            // Hits arrive in order of their end; cache the current line so a
            // minified one-line file with 10k hits costs O(n), not O(n²).
            let mut line: Range<usize> = 0..0;
            for (pattern, start, end) in self.keyword_hits(ac, data) {
                if !(line.start <= start && end <= line.end) || line.is_empty() {
                    line = line_around(data, start, end);
                }
                for &r in &self.pattern_rules[pattern] {
                    let lines = per_rule[r].get_or_insert_with(Vec::new);
                    if self.rules[r].rule.multiline {
                        continue;
                    }
                    if lines.last() != Some(&line) {
                        lines.push(line.clone());
                    }
                }
            }
        }
        per_rule
            .into_iter()
            .enumerate()
            .filter_map(|(i, w)| w.map(|w| (i, w)))
            .collect()
    }

    fn scan_window(&self, rule: usize, data: &[u8], window: Range<usize>, out: &mut Vec<RawMatch>) {
        let cr = &self.rules[rule];
        let (regex, secret_group) = cr.regex.get_or_init(|| {
            let regex = compile_regex_mode(&cr.rule.regex, cr.rule.unicode)
                .expect("rule regexes are validated when loaded or by the test suite");
            // captures_len counts group 0.
            let group =
                cr.rule
                    .secret_group
                    .unwrap_or(if regex.captures_len() > 1 { 1 } else { 0 });
            (regex, group)
        });
        let hay = &data[window.clone()];
        for caps in regex.captures_iter(hay) {
            let (Some(whole), Some(secret)) = (caps.get(0), caps.get(*secret_group)) else {
                continue;
            };
            if secret.is_empty() {
                continue;
            }
            let secret_range = window.start + secret.start()..window.start + secret.end();
            if !self.accepts(cr, &data[secret_range.clone()], data, &secret_range) {
                continue;
            }
            out.push(RawMatch {
                rule,
                span: window.start + whole.start()..window.start + whole.end(),
                secret: secret_range,
            });
        }
    }

    /// The per-match checks after the regex: entropy, checksum, randomness,
    /// per-rule allowlist.
    fn accepts(&self, cr: &CompiledRule, secret: &[u8], data: &[u8], at: &Range<usize>) -> bool {
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
            let line = line_around(data, at.start, at.end);
            if !crate::randomness::plausible_secret(secret, &data[line]) {
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

    #[test]
    fn non_utf8_input_is_scanned() {
        let m = matcher(RULE);
        let mut data = b"caf\xe9 \xff dmo_abcd1234\n".to_vec();
        data.extend_from_slice(b"\xfe");
        assert_eq!(m.scan(&data).len(), 1);
    }
}
