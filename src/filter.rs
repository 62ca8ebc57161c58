//! The suppression stage, identical for every source: inline allow comments,
//! the config's global allowlists, and the baseline. A suppressed finding is
//! kept (marked with its reason) so it can be counted and, on request, listed.

use std::collections::{BTreeSet, HashMap};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::bytes::Regex;
use serde::Deserialize;

use crate::baseline::Baseline;
use crate::finding::{Finding, Suppression};
use crate::gitleaks::IgnoreEntry;
use crate::matcher::{compile_regex, compile_regex_mode};
use crate::rules::{Condition, ConditionalAllowlist, RegexTarget, Rule};

/// `[allowlist]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowlistConfig {
    /// gitignore-style path globs whose findings are suppressed.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Regexes on the secret.
    #[serde(default)]
    pub regexes: Vec<String>,
    /// Regexes on the whole line holding the secret.
    #[serde(default)]
    pub line_regexes: Vec<String>,
    /// Case-insensitive substrings of the secret.
    #[serde(default)]
    pub stopwords: Vec<String>,
}

/// A regex error that names the field, never the pattern (an allowlist
/// regex may spell out a real secret).
fn regex_message(field: &str, pattern: &str, unicode: bool, e: &regex::Error) -> String {
    crate::diagnostic::regex_error(field, pattern, unicode)
        .unwrap_or_else(|| crate::diagnostic::regex_compile_error(field, e))
}

/// Everything the suppression stage is built from.
#[derive(Default)]
pub struct FilterSpec<'a> {
    pub allow: AllowlistConfig,
    /// Global `[[allowlists]]`.
    pub conditionals: Vec<ConditionalAllowlist>,
    /// The active rules, for their `[[rule.allowlists]]`.
    pub rules: &'a [Rule],
    /// Honour inline comments.
    pub inline: bool,
    pub baseline: Option<Baseline>,
    /// `.gitleaksignore` entries.
    pub gitleaks_ignore: Vec<IgnoreEntry>,
}

/// A compiled conditional allowlist.
struct Conditional {
    condition: Condition,
    target: RegexTarget,
    regexes: Vec<Regex>,
    paths: Vec<Regex>,
    stopwords: Vec<String>,
    commits: Vec<String>,
    /// Empty: every rule.
    rules: BTreeSet<String>,
}

impl Conditional {
    fn compile(a: &ConditionalAllowlist, what: &str) -> Result<Self, String> {
        let re = |list: &[String], field: &str| -> Result<Vec<Regex>, String> {
            list.iter()
                .map(|r| {
                    compile_regex_mode(r, true)
                        .map_err(|e| regex_message(&format!("{what} {field}"), r, true, &e))
                })
                .collect()
        };
        Ok(Conditional {
            condition: a.condition,
            target: a.regex_target,
            regexes: re(&a.regexes, "regexes")?,
            paths: re(&a.paths, "paths")?,
            stopwords: a.stopwords.iter().map(|s| s.to_lowercase()).collect(),
            commits: a.commits.iter().map(|c| c.to_ascii_lowercase()).collect(),
            rules: a.rules.iter().cloned().collect(),
        })
    }

    /// gitleaks semantics: `or` — any criterion that is set matches; `and` —
    /// every criterion that is set matches (and at least one is set).
    fn allows(&self, f: &Finding) -> bool {
        if !self.rules.is_empty() && !self.rules.contains(&f.rule) {
            return false;
        }
        let target = match self.target {
            RegexTarget::Secret => f.secret.as_bytes(),
            RegexTarget::Match => f.matched.as_bytes(),
            RegexTarget::Line => f.line_text.as_bytes(),
        };
        let lower = f.secret.to_lowercase();
        let commit = f.commit.as_ref().map(|c| c.id.as_str());
        let checks: [(bool, &dyn Fn() -> bool); 4] = [
            (!self.regexes.is_empty(), &|| {
                self.regexes.iter().any(|r| r.is_match(target))
            }),
            (!self.paths.is_empty(), &|| {
                self.paths.iter().any(|r| r.is_match(f.path.as_bytes()))
            }),
            (!self.stopwords.is_empty(), &|| {
                self.stopwords.iter().any(|w| lower.contains(w.as_str()))
            }),
            (!self.commits.is_empty(), &|| {
                commit.is_some_and(|c| self.commits.iter().any(|a| c.starts_with(a.as_str())))
            }),
        ];
        let mut set = checks.iter().filter(|(on, _)| *on).peekable();
        if set.peek().is_none() {
            return false;
        }
        match self.condition {
            Condition::Or => set.any(|(_, check)| check()),
            Condition::And => set.all(|(_, check)| check()),
        }
    }
}

/// Comments that mark a line as a deliberate, reviewed non-secret. Ours, and
/// the peers' so teams can migrate without editing code.
const SAME_LINE_TOKENS: &[&str] = &[
    "keyhound:allow",
    "gitleaks:allow",
    "betterleaks:allow",
    "trufflehog:ignore",
    "kingfisher:ignore",
    "pragma: allowlist secret",
    "secretlint-disable-line",
];

/// Comments on the line *before* a secret that cover it.
const NEXT_LINE_TOKENS: &[&str] = &[
    "pragma: allowlist nextline secret",
    "keyhound:allow-next-line",
];

/// Compiled global allowlists plus the inline and baseline switches.
#[derive(Default)]
pub struct Filter {
    paths: Option<GlobSet>,
    secret_regexes: Vec<Regex>,
    line_regexes: Vec<Regex>,
    stopwords: Vec<String>,
    conditionals: Vec<Conditional>,
    /// rule id → its conditional allowlists.
    rule_conditionals: HashMap<String, Vec<Conditional>>,
    gitleaks_ignore: Vec<IgnoreEntry>,
    rule_ids: BTreeSet<String>,
    inline: bool,
    baseline: Option<Baseline>,
    /// The config file's directory: path globs are relative to it.
    base: Option<std::path::PathBuf>,
    /// Exact files whose findings are allowlisted (absolute, normalized).
    files: Vec<std::path::PathBuf>,
}

impl Filter {
    /// Compiles the allowlists; an invalid glob or regex is an error naming it.
    pub fn new(spec: FilterSpec<'_>) -> Result<Self, String> {
        let allow = &spec.allow;
        let paths = path_globs(&allow.paths, "allowlist.paths")?;
        let compile = |field: &str, list: &[String]| -> Result<Vec<Regex>, String> {
            list.iter()
                .map(|r| compile_regex(r).map_err(|e| regex_message(field, r, false, &e)))
                .collect()
        };
        let mut rule_conditionals = HashMap::new();
        for r in spec.rules {
            if !r.allowlists.is_empty() {
                let compiled = r
                    .allowlists
                    .iter()
                    .map(|a| Conditional::compile(a, &format!("rule {:?} allowlists", r.id)))
                    .collect::<Result<Vec<_>, _>>()?;
                rule_conditionals.insert(r.id.clone(), compiled);
            }
        }
        Ok(Filter {
            paths,
            secret_regexes: compile("allowlist.regexes", &allow.regexes)?,
            line_regexes: compile("allowlist.line_regexes", &allow.line_regexes)?,
            stopwords: allow.stopwords.iter().map(|s| s.to_lowercase()).collect(),
            conditionals: spec
                .conditionals
                .iter()
                .map(|a| Conditional::compile(a, "[[allowlists]]"))
                .collect::<Result<_, _>>()?,
            rule_conditionals,
            gitleaks_ignore: spec.gitleaks_ignore,
            rule_ids: spec.rules.iter().map(|r| r.id.clone()).collect(),
            inline: spec.inline,
            baseline: spec.baseline,
            base: None,
            files: Vec::new(),
        })
    }

    /// Allowlists one exact file (the config and baseline in use).
    pub fn allow_file(&mut self, path: &std::path::Path) {
        if let Ok(abs) = std::path::absolute(path) {
            self.files.push(normalize(&abs));
        }
    }

    /// Makes path globs relative to `dir` (the config file's directory), so
    /// `rules/` in a repository's config matches however the scan was started.
    pub fn set_base(&mut self, dir: &std::path::Path) {
        self.base = Some(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()));
    }

    /// Whether inline comments are honoured (`--no-inline-ignore` turns them off).
    pub fn inline_enabled(&self) -> bool {
        self.inline
    }

    /// Whether a path is allowlisted as a whole.
    pub fn path_allowed(&self, path: &str) -> bool {
        if !self.files.is_empty()
            && std::path::absolute(path).is_ok_and(|a| self.files.contains(&normalize(&a)))
        {
            return true;
        }
        let Some(globs) = &self.paths else {
            return false;
        };
        if globs.is_match(path) {
            return true;
        }
        let (Some(base), Ok(abs)) = (&self.base, std::path::absolute(path)) else {
            return false;
        };
        let abs = normalize(&abs);
        abs.strip_prefix(base).is_ok_and(|rel| globs.is_match(rel))
    }

    /// Inline check: `line` holds the secret's first line, `previous` the
    /// line before it. A multi-line secret (a PEM block) cannot carry a
    /// comment on its own line, so the same-line tokens also count on the
    /// line before it.
    pub fn inline_allows(&self, line: &[u8], previous: Option<&[u8]>, multiline: bool) -> bool {
        if !self.inline {
            return false;
        }
        let has = |hay: &[u8], tokens: &[&str]| {
            tokens
                .iter()
                .any(|t| memchr::memmem::find(hay, t.as_bytes()).is_some())
        };
        has(line, SAME_LINE_TOKENS)
            || previous.is_some_and(|p| {
                has(p, NEXT_LINE_TOKENS) || (multiline && has(p, SAME_LINE_TOKENS))
            })
    }

    /// The reason a finding is suppressed by the config allowlists or the baseline.
    pub fn classify(&self, f: &Finding) -> Option<Suppression> {
        if self.path_allowed(&f.path)
            || self
                .secret_regexes
                .iter()
                .any(|r| r.is_match(f.secret.as_bytes()))
            || self
                .line_regexes
                .iter()
                .any(|r| r.is_match(f.line_text.as_bytes()))
            || (!self.stopwords.is_empty() && {
                let s = f.secret.to_lowercase();
                self.stopwords.iter().any(|w| s.contains(w.as_str()))
            })
            || self.conditionals.iter().any(|c| c.allows(f))
            || self
                .rule_conditionals
                .get(&f.rule)
                .is_some_and(|cs| cs.iter().any(|c| c.allows(f)))
            || self
                .gitleaks_ignore
                .iter()
                .any(|e| e.matches(f, self.rule_ids.contains(&e.rule)))
        {
            return Some(Suppression::Allowlist);
        }
        if self.baseline.as_ref().is_some_and(|b| b.contains(f)) {
            return Some(Suppression::Baseline);
        }
        None
    }

    pub fn baseline(&self) -> Option<&Baseline> {
        self.baseline.as_ref()
    }
}

/// `a/./b/../c` → `a/c` without touching the file system.
fn normalize(p: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// gitignore-style path globs (`[scan] exclude`, `[allowlist] paths`).
pub fn path_globs(patterns: &[String], field: &str) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        for pat in path_patterns(p) {
            b.add(Glob::new(&pat).map_err(|e| format!("{field} {p:?}: {e}"))?);
        }
    }
    Ok(Some(b.build().map_err(|e| e.to_string())?))
}

/// A gitignore-style path pattern as globs: `tests/` covers everything
/// under it, a pattern without `/` matches at any depth.
fn path_patterns(p: &str) -> Vec<String> {
    let p = p.trim_start_matches("./");
    let anchored = p.starts_with('/');
    let p = p.trim_start_matches('/');
    let base = if p.ends_with('/') {
        format!("{p}**")
    } else {
        p.to_string()
    };
    let mut out = vec![base.clone(), format!("{base}/**")];
    if !anchored && !p.trim_end_matches('/').contains('/') {
        out.push(format!("**/{base}"));
        out.push(format!("**/{base}/**"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(paths: &[&str]) -> Filter {
        let allow = AllowlistConfig {
            paths: paths.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        Filter::new(FilterSpec {
            allow,
            inline: true,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn gitignore_style_paths() {
        let f = filter(&["rules/", "*.lock", "/docs/examples"]);
        assert!(f.path_allowed("rules/aws.toml"));
        assert!(f.path_allowed("Cargo.lock"));
        assert!(f.path_allowed("sub/dir/yarn.lock"));
        assert!(f.path_allowed("docs/examples/a.md"));
        assert!(!f.path_allowed("src/rules.rs"));
        assert!(!f.path_allowed("x/docs/examples/a.md"));
    }

    #[test]
    fn inline_tokens() {
        let f = filter(&[]);
        assert!(f.inline_allows(b"k = 'x' # keyhound:allow", None, false));
        assert!(f.inline_allows(b"k = 'x' // gitleaks:allow", None, false));
        let next: &[u8] = b"# pragma: allowlist nextline secret";
        assert!(f.inline_allows(b"k = 'x'", Some(next), false));
        assert!(!f.inline_allows(b"k = 'x'", Some(b"# keyhound:allow"), false));
        assert!(f.inline_allows(b"-----BEGIN", Some(b"# keyhound:allow"), true));
        let off = Filter::new(FilterSpec::default()).unwrap();
        assert!(!off.inline_allows(b"k = 'x' # keyhound:allow", None, false));
    }
}
