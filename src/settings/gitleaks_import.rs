//! Import of gitleaks / Betterleaks configs (`.gitleaks.toml`), so teams
//! bring their custom rules and allowlists unchanged: `--config
//! .gitleaks.toml` (detected by shape, or `--config-format gitleaks`).
//!
//! Every construct is either honoured or named in an error or warning —
//! never silently dropped. Go RE2 syntax differs from Rust `regex` in a few
//! places: `\Q…\E` literals are rewritten, Unicode classes switch the rule
//! to Unicode mode, and anything else that does not compile is an error
//! naming the rule.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::file::{ConfigFile, RulesConfig};
use crate::rules::{
    self, Condition, ConditionalAllowlist, Examples, RegexTarget, Rule, RuleAllowlist, Severity,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GlConfig {
    // Accepted so deny_unknown_fields lets them through; nothing to honour.
    #[serde(default, rename = "title")]
    _title: Option<String>,
    #[serde(default, rename = "minVersion")]
    _min_version: Option<String>,
    #[serde(default, rename = "description")]
    _description: Option<String>,
    #[serde(default)]
    extend: Option<GlExtend>,
    #[serde(default)]
    rules: Vec<GlRule>,
    #[serde(default)]
    allowlist: Option<GlAllowlist>,
    #[serde(default)]
    allowlists: Vec<GlAllowlist>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GlExtend {
    #[serde(default)]
    use_default: bool,
    #[serde(default)]
    path: Option<PathBuf>,
    #[serde(default)]
    disabled_rules: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GlRule {
    id: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    secret_group: Option<usize>,
    #[serde(default)]
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    allowlist: Option<GlAllowlist>,
    #[serde(default)]
    allowlists: Vec<GlAllowlist>,
    /// Composite rules (gitleaks 8.28+): not supported.
    #[serde(default)]
    required: Option<toml::Value>,
    #[serde(default)]
    skip_report: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GlAllowlist {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    commits: Vec<String>,
    /// Global `[[allowlists]]` only.
    #[serde(default)]
    target_rules: Vec<String>,
}

/// A gitleaks config has `[[rules]]` (an array; ours is `[[rule]]`),
/// `[extend]`, `[[allowlists]]` or a `title`.
pub fn looks_like_gitleaks(text: &str) -> bool {
    let Ok(v) = text.parse::<toml::Table>() else {
        return false;
    };
    v.get("rules").is_some_and(toml::Value::is_array)
        || v.contains_key("extend")
        || v.contains_key("allowlists")
        || v.contains_key("title")
        || v.get("allowlist")
            .and_then(|a| a.as_table())
            .is_some_and(|a| a.contains_key("regexTarget") || a.contains_key("commits"))
}

/// Converts a gitleaks config file (following `[extend] path`) into ours.
/// With `root` (a repository's own `.gitleaks.toml`, untrusted), every file
/// `[extend] path` names must resolve inside it: the PR gate must not be
/// made to read files of the machine it runs on.
pub fn convert_file(path: &Path, root: Option<&Path>) -> Result<(ConfigFile, Vec<String>), String> {
    let mut walk = Walk {
        warnings: Vec::new(),
        seen: BTreeSet::new(),
        root,
    };
    let file = convert_recursive(path, &mut walk)?;
    Ok((file, walk.warnings))
}

/// The state of one conversion across `[extend] path` files.
struct Walk<'a> {
    warnings: Vec<String>,
    seen: BTreeSet<PathBuf>,
    root: Option<&'a Path>,
}

/// Refuses an `[extend] path` outside `root` (symlinks resolved). A file
/// that does not exist fails when it is read, with its name.
fn confine_extend(file: &Path, root: Option<&Path>, config: &Path) -> Result<(), String> {
    let Some(root) = root else { return Ok(()) };
    match std::fs::canonicalize(file) {
        Ok(real) if !real.starts_with(root) => Err(format!(
            "{}: [extend] path names a file outside the repository ({}); a repository's config may only extend files inside it",
            config.display(),
            file.display()
        )),
        _ => Ok(()),
    }
}

fn convert_recursive(path: &Path, walk: &mut Walk<'_>) -> Result<ConfigFile, String> {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !walk.seen.insert(canon) {
        return Err(format!(
            "{}: [extend] path loops back to itself",
            path.display()
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let gl: GlConfig = toml::from_str(&text).map_err(|e| {
        format!(
            "{}: {}",
            path.display(),
            crate::diagnostic::toml_error(&text, &e)
        )
    })?;
    let mut out = ConfigFile::default();
    let mut use_default = false;
    let mut disabled = Vec::new();
    if let Some(ext) = &gl.extend {
        use_default = ext.use_default;
        if let Some(base) = &ext.path {
            let base = path.parent().unwrap_or(Path::new(".")).join(base);
            let base = if base.exists() || walk.root.is_some() {
                base
            } else {
                ext.path.clone().unwrap_or_default()
            };
            confine_extend(&base, walk.root, path)?;
            let parent = convert_recursive(&base, walk)?;
            use_default |= parent.rules.builtin.unwrap_or(false);
            out.rule = parent.rule;
            out.allowlists = parent.allowlists;
            disabled.extend(parent.rules.disable);
        }
        disabled.extend(ext.disabled_rules.iter().cloned());
    }
    for r in &gl.rules {
        match convert_rule(r, &mut walk.warnings) {
            Some(rule) => {
                out.rule.retain(|x| x.id != rule.id);
                out.rule.push(rule);
            }
            None => continue,
        }
    }
    if let Some(a) = &gl.allowlist {
        out.allowlists.push(convert_allowlist(a, "[allowlist]")?);
    }
    for a in &gl.allowlists {
        out.allowlists.push(convert_allowlist(a, "[[allowlists]]")?);
    }
    // Disable only ids that exist here; gitleaks' default rule ids are not ours.
    let builtin_ids: BTreeSet<String> = if use_default {
        rules::builtin()
            .map(|b| b.into_iter().map(|r| r.id).collect())
            .unwrap_or_default()
    } else {
        BTreeSet::new()
    };
    let mut disable = Vec::new();
    for d in disabled {
        let id = normalize_id(&d);
        if out.rule.iter().any(|r| r.id == id) {
            out.rule.retain(|r| r.id != id);
        } else if builtin_ids.contains(&id) {
            disable.push(id);
        } else if use_default && !crate::gitleaks::keyhound_rules_for(&d).is_empty() {
            // One of gitleaks' default ids: disable keyhound's stand-ins.
            disable.extend(
                crate::gitleaks::keyhound_rules_for(&d)
                    .iter()
                    .filter(|k| builtin_ids.contains(**k))
                    .map(|k| k.to_string()),
            );
        } else {
            walk.warnings.push(format!(
                "[extend] disabledRules: no keyhound rule has id {d:?} and it is not one of gitleaks' default rules keyhound knows; ignored"
            ));
        }
    }
    out.rules = RulesConfig {
        builtin: Some(use_default),
        disable,
        extra: Vec::new(),
    };
    Ok(out)
}

fn convert_rule(r: &GlRule, warnings: &mut Vec<String>) -> Option<Rule> {
    let id = normalize_id(&r.id);
    if id != r.id {
        warnings.push(format!(
            "rule {:?}: id used as {id:?} (keyhound ids are lowercase, digits and '-')",
            r.id
        ));
    }
    if r.required.is_some() {
        warnings.push(format!(
            "rule {:?}: composite rules ([[rules.required]]) are not supported; the rule is imported without its required parts and may report more",
            r.id
        ));
    }
    if r.skip_report == Some(true) {
        warnings.push(format!(
            "rule {:?}: skipReport = true; rule not imported",
            r.id
        ));
        return None;
    }
    // A path-only rule (no regex) becomes a path rule: the file is the finding.
    let regex = r.regex.as_deref().map(rewrite_re2).unwrap_or_default();
    if regex.is_empty() && r.path.is_none() {
        warnings.push(format!(
            "rule {:?}: neither regex nor path; rule not imported",
            r.id
        ));
        return None;
    }
    let unicode = rules::regex_groups_mode(&regex, false).is_err()
        && rules::regex_groups_mode(&regex, true).is_ok();
    let mut allowlists = Vec::new();
    for (n, a) in r.allowlist.iter().chain(&r.allowlists).enumerate() {
        match convert_allowlist(a, &format!("rule {:?} allowlist #{}", r.id, n + 1)) {
            Ok(c) => allowlists.push(c),
            Err(e) => warnings.push(e),
        }
    }
    let keywords: Vec<String> = r
        .keywords
        .iter()
        .filter(|k| k.is_ascii() && !k.is_empty())
        .cloned()
        .collect();
    let no_keywords = (keywords.is_empty() && !regex.is_empty()).then(|| {
        warnings.push(format!(
            "rule {:?}: no (ASCII) keywords, so its regex runs on every file — add keywords to keep scans fast",
            r.id
        ));
        "imported from a gitleaks config without keywords".to_string()
    });
    Some(Rule {
        yields: id.contains("generic"),
        id,
        name: r.description.clone().unwrap_or_else(|| r.id.clone()),
        description: r.description.clone(),
        keywords,
        no_keywords,
        regex,
        secret_group: r.secret_group.filter(|g| *g > 0),
        min_entropy: r.entropy,
        severity: Severity::High,
        multiline: false,
        checksum: None,
        generic: false,
        tags: r.tags.clone(),
        path: r.path.clone(),
        unicode,
        allowlist: RuleAllowlist::default(),
        allowlists,
        verify: None,
        examples: Examples::default(),
    })
}

fn convert_allowlist(a: &GlAllowlist, what: &str) -> Result<ConditionalAllowlist, String> {
    let condition = match a
        .condition
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("OR") => Condition::Or,
        Some("AND") => Condition::And,
        Some(other) => return Err(format!("{what}: condition {other:?} is not AND or OR")),
    };
    let regex_target = match a.regex_target.as_deref() {
        None | Some("secret") | Some("") => RegexTarget::Secret,
        Some("match") => RegexTarget::Match,
        Some("line") => RegexTarget::Line,
        Some(other) => {
            return Err(format!(
                "{what}: regexTarget {other:?} is not secret, match or line"
            ))
        }
    };
    Ok(ConditionalAllowlist {
        description: a.description.clone(),
        condition,
        regex_target,
        regexes: a.regexes.iter().map(|r| rewrite_re2(r)).collect(),
        paths: a.paths.iter().map(|r| rewrite_re2(r)).collect(),
        stopwords: a.stopwords.clone(),
        commits: a.commits.clone(),
        rules: a.target_rules.iter().map(|r| normalize_id(r)).collect(),
    })
}

fn normalize_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

/// Translates Go RE2 syntax into Rust `regex` syntax with the same meaning.
/// Where they differ: RE2 takes a `{` that does not start a valid counted
/// repetition (`{{[^}]+}}`, `import[ \t]+{`) and any `}` as literals, Rust
/// requires them escaped; inside a class RE2 takes `[` and the pairs `&&`,
/// `--`, `~~` literally, Rust reads nested classes and set operations; RE2
/// has `\Q…\E` quoting, Rust does not. `\z`, `\A`, `(?s:…)`, `(?i)`,
/// `\x{…}`, `\p{…}` and POSIX classes mean the same in both and are kept.
pub fn rewrite_re2(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1) == Some(&'Q') => {
                let rest: String = chars[i + 2..].iter().collect();
                let (lit, used) = match rest.find("\\E") {
                    Some(j) => (&rest[..j], rest[..j].chars().count() + 2),
                    None => (rest.as_str(), rest.chars().count()),
                };
                out.push_str(&regex::escape(lit));
                i += 2 + used;
            }
            '\\' => i = copy_escape(&chars, i, &mut out),
            '[' => i = copy_class(&chars, i, &mut out),
            '{' => match counted_repetition(&chars[i..]) {
                Some(len) => {
                    out.extend(&chars[i..i + len]);
                    i += len;
                }
                None => {
                    out.push_str("\\{");
                    i += 1;
                }
            },
            '}' => {
                out.push_str("\\}");
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Copies the escape at `chars[start]` (`\\`): two characters, or a
/// braced one whole (`\\p{Greek}`, `\\x{1F600}`); returns the index after it.
fn copy_escape(chars: &[char], start: usize, out: &mut String) -> usize {
    let braced =
        matches!(chars.get(start + 1), Some('p' | 'P' | 'x')) && chars.get(start + 2) == Some(&'{');
    let end = if braced {
        (start + 3..chars.len())
            .find(|&j| chars[j] == '}')
            .map_or(chars.len(), |j| j + 1)
    } else {
        (start + 2).min(chars.len())
    };
    out.extend(&chars[start..end]);
    end
}

/// The length of `{n}`, `{n,}` or `{n,m}` at the start of `s`, if it is one.
fn counted_repetition(s: &[char]) -> Option<usize> {
    let mut i = 1;
    let digits = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if s.get(i) == Some(&',') {
        i += 1;
        digits(&mut i);
    }
    (s.get(i) == Some(&'}')).then_some(i + 1)
}

/// Copies the character class starting at `chars[start]` (`[`), escaping
/// what Rust would read as nesting or a set operation; returns the index
/// after its `]`.
fn copy_class(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut i = start + 1;
    out.push('[');
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        out.push_str("\\]");
        i += 1;
    }
    while i < chars.len() {
        let c = chars[i];
        match c {
            ']' => {
                out.push(']');
                return i + 1;
            }
            '\\' => i = copy_escape(chars, i, out),
            '[' if chars.get(i + 1) == Some(&':') => {
                // A POSIX class, `[:alpha:]`, copied whole.
                let end = (i + 2..chars.len().saturating_sub(1))
                    .find(|&j| chars[j] == ':' && chars[j + 1] == ']')
                    .map_or(chars.len(), |j| j + 2);
                out.extend(&chars[i..end]);
                i = end;
            }
            '[' => {
                out.push_str("\\[");
                i += 1;
            }
            '&' | '~' | '-' if chars.get(i + 1) == Some(&c) => {
                out.push('\\');
                out.push(c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiles(re2: &str) -> bool {
        regex::Regex::new(&rewrite_re2(re2)).is_ok()
    }

    #[test]
    fn re2_literal_braces_and_classes() {
        assert_eq!(rewrite_re2(r"\$?{{[^}]+}}"), r"\$?\{\{[^}]+\}\}");
        assert_eq!(
            rewrite_re2(r"import[ \t]+{[^}]*}"),
            r"import[ \t]+\{[^}]*\}"
        );
        assert_eq!(rewrite_re2(r"a{2}b{1,}c{0,40}"), r"a{2}b{1,}c{0,40}");
        assert_eq!(rewrite_re2(r"[a[b]"), r"[a\[b]");
        assert_eq!(rewrite_re2(r"[a&&b]"), r"[a\&&b]");
        assert_eq!(rewrite_re2(r"[[:alpha:]_]"), r"[[:alpha:]_]");
        assert_eq!(rewrite_re2(r"[]a]"), r"[\]a]");
        for kept in [
            r"(?s:.){0,200}?\z",
            r"\Aab\z",
            r"(?i)x\x{41}",
            r"\p{L}+",
            r"[\p{Greek}\x{20}]",
        ] {
            assert_eq!(rewrite_re2(kept), kept);
        }
        for re2 in [
            r"\$?{{[^}]+}}",
            r"import[ \t]+{[^}]*}",
            r"x{,5}",
            r"[a[b]",
            r"{",
        ] {
            assert!(compiles(re2), "{re2} -> {}", rewrite_re2(re2));
        }
        // The same text matches in both meanings.
        let re = regex::Regex::new(&rewrite_re2(r"\$?{{[^}]+}}")).unwrap();
        assert!(re.is_match("${{ secrets.TOKEN }}"));
    }

    #[test]
    fn re2_quoted_literals() {
        assert_eq!(rewrite_re2(r"a\Q.*+\Eb"), r"a\.\*\+b");
        assert_eq!(rewrite_re2(r"\Qx.y"), r"x\.y");
        assert_eq!(rewrite_re2(r"plain"), "plain");
    }

    #[test]
    fn detection_by_shape() {
        assert!(looks_like_gitleaks("[[rules]]\nid = \"x\"\nregex = 'x'\n"));
        assert!(looks_like_gitleaks("title = \"t\"\n"));
        assert!(looks_like_gitleaks("[extend]\nuseDefault = true\n"));
        assert!(!looks_like_gitleaks(
            "[rules]\ndisable = []\n[[rule]]\nid = \"x\"\n"
        ));
    }
}
