//! The engine turns one blob's bytes into findings: matcher, then placement
//! (line, column, line text, fingerprint), then the suppression filter.
//! Sources (directory, stdin, staged, history) call it; it knows nothing
//! about where bytes come from beyond the [`BlobMeta`] they pass.

use regex::bytes::Regex;

use crate::filter::Filter;
use crate::finding::Verification;
use crate::finding::{fingerprint, Finding, SourceKind, Suppression};
use crate::matcher::{compile_regex_mode, line_around, Matcher};

/// Scanning state shared (read-only) by every worker thread.
pub struct Engine {
    pub matcher: Matcher,
    pub filter: Filter,
    /// Per rule (by matcher index): the path regex limiting where it applies.
    rule_paths: Vec<Option<Regex>>,
}

/// What the engine needs to know about a blob to place its findings.
#[derive(Debug, Clone)]
pub struct BlobMeta<'a> {
    pub path: &'a str,
    pub source: SourceKind,
    pub blob: Option<&'a str>,
}

/// A NUL byte in the first 8 KiB: the same test git uses for "binary".
pub fn is_binary(data: &[u8]) -> bool {
    memchr::memchr(0, &data[..data.len().min(8192)]).is_some()
}

impl Engine {
    /// Rule path regexes are validated when rules load; compiled here once.
    pub fn new(matcher: Matcher, filter: Filter) -> Self {
        let rule_paths = matcher
            .rules()
            .map(|r| {
                r.path.as_ref().map(|p| {
                    compile_regex_mode(p, true)
                        .expect("rule path regexes are validated when loaded")
                })
            })
            .collect();
        Engine {
            matcher,
            filter,
            rule_paths,
        }
    }

    /// Whether some rule applies only to some paths (then what a blob
    /// yields depends on the path it is scanned under).
    pub fn has_path_rules(&self) -> bool {
        self.rule_paths.iter().any(Option::is_some)
    }

    /// All findings in `data`, in order; inline-suppressed ones are kept,
    /// marked. The config allowlists and the baseline are applied later, by
    /// [`Filter::classify`] in the pipeline, once history sources have
    /// attached the commits that conditional allowlists may test.
    pub fn scan_blob(&self, data: &[u8], meta: &BlobMeta<'_>) -> Vec<Finding> {
        let matches = self.matcher.scan(data);
        if matches.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(matches.len());
        let mut lines = LineCounter::default();
        for m in matches {
            if let Some(p) = &self.rule_paths[m.rule] {
                if !p.is_match(meta.path.as_bytes()) {
                    continue;
                }
            }
            let rule = self.matcher.rule(m.rule);
            let start = m.secret.start;
            let line_no = lines.line_of(data, start);
            let line = line_around(data, start, start);
            let column = String::from_utf8_lossy(&data[line.start..start])
                .chars()
                .count()
                + 1;
            let previous = (line.start > 0).then(|| {
                let prev_end = line.start - 1;
                &data[line_around(data, prev_end, prev_end)]
            });
            let secret = &data[m.secret.clone()];
            let line_text = &data[line.clone()];
            let inline = self
                .filter
                .inline_allows(line_text, previous, rule.multiline);
            let matched = &data[m.span.start..m.span.end.min(m.span.start + 1024)];
            out.push(Finding {
                rule: rule.id.clone(),
                name: rule.name.clone(),
                severity: rule.severity,
                fingerprint: fingerprint(&rule.id, secret),
                secret: String::from_utf8_lossy(secret).into_owned(),
                path: meta.path.to_string(),
                line: line_no,
                column,
                line_text: truncate_line(line_text, start - line.start, secret.len()),
                matched: String::from_utf8_lossy(matched).into_owned(),
                source: meta.source,
                commit: None,
                blob: meta.blob.map(str::to_string),
                in_head: None,
                later_commits: None,
                verification: Verification::NotChecked,
                identity: None,
                suppressed: inline.then_some(Suppression::Inline),
            });
        }
        out
    }
}

/// Counts newlines incrementally: matches arrive in offset order, so the
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
