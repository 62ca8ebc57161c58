//! Rules are data: the TOML schema, loading the built-in pack (embedded from
//! the top-level `rules/` directory at build time) and user rule files, and
//! validation that names the file, the rule id and the field of any mistake.
//!
//! Regexes are only *parsed* here (cheap, catches syntax errors and a missing
//! secret group at load time); compiling them is the matcher's job and happens
//! lazily, so a pre-commit run pays only for the rules its blobs touch.

pub mod checksum;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub mod verify_spec;

pub use verify_spec::VerifySpec;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// How bad a leak of this kind of secret is. Ordered: `Low < … < Critical`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            other => Err(format!(
                "unknown severity {other:?} (expected low, medium, high or critical)"
            )),
        }
    }
}

/// One rule file: `[[rule]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
}

/// A detection rule, exactly as written in TOML.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id (lowercase, `-` separated); part of every fingerprint.
    pub id: String,
    /// Human name shown in reports.
    pub name: String,
    /// Longer help text (SARIF `help`); defaults to the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ASCII, case-insensitive literals; a blob must contain one for the
    /// rule's regex to run. Required unless `no_keywords` justifies why not.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Why this rule has no keywords (it then runs on every blob: slow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_keywords: Option<String>,
    /// Rust `regex` syntax, matched on bytes with ASCII-only classes.
    /// Empty for a *path rule*: a file whose path matches `path` is a
    /// finding whatever it holds (keystores, KeePass databases, `.pgpass`),
    /// binary files included; see [`Rule::is_path_rule`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub regex: String,
    /// Capture group holding the secret; default 1 if the regex has a
    /// group, else 0 (the whole match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_group: Option<usize>,
    /// Minimum Shannon entropy of the secret, bits per byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_entropy: Option<f64>,
    pub severity: Severity,
    /// By default the regex runs only over the lines that contain one of
    /// the rule's keywords; `multiline = true` runs it over the whole blob
    /// (PEM blocks and other secrets that span lines).
    #[serde(default)]
    pub multiline: bool,
    /// A checksum the secret carries (e.g. GitHub's CRC32); look-alikes
    /// that fail it are dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<checksum::Checksum>,
    /// Generic rule: the secret must also pass the randomness filters
    /// (placeholders, identifiers, word-likeness, references).
    #[serde(default)]
    pub generic: bool,
    /// Gives way, like a generic rule, to another rule that matched an
    /// overlapping secret, without the randomness filters of `generic`.
    /// Set by the gitleaks import for rule ids containing `generic`, which
    /// is how gitleaks ranks its own rules: `token = ghp_…` is reported
    /// as `github-pat`, not `generic-api-key`, whatever the rule order, so
    /// `.gitleaksignore` entries keep matching. Not a config key.
    #[serde(skip)]
    pub yields: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Regex on the file path: the rule applies only to matching paths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Compile the regex with Unicode classes (`\p{L}`, Unicode `\w`).
    /// Off by default: ASCII classes keep matching on the fast DFA path.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unicode: bool,
    #[serde(default)]
    pub allowlist: RuleAllowlist,
    /// Conditional allowlists (the gitleaks model): each may test the
    /// secret, the match or the line, the path and the commit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowlists: Vec<ConditionalAllowlist>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify: Option<VerifySpec>,
    #[serde(default)]
    pub examples: Examples,
}

/// Per-rule exceptions, applied to the secret.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleAllowlist {
    /// A secret matching any of these regexes is not a finding.
    #[serde(default)]
    pub regexes: Vec<String>,
    /// A secret containing any of these (case-insensitive) is not a finding.
    #[serde(default)]
    pub stopwords: Vec<String>,
}

/// An allowlist whose criteria combine with `condition`: `or` (default) —
/// any criterion that is set suffices; `and` — every criterion that is set
/// must hold. Used per rule (`[[rule.allowlists]]`) and globally
/// (`[[allowlists]]` in the config, optionally limited to `rules`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionalAllowlist {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub condition: Condition,
    /// What `regexes` test: the secret (default), the whole match, or the line.
    #[serde(default)]
    pub regex_target: RegexTarget,
    #[serde(default)]
    pub regexes: Vec<String>,
    /// Regexes on the path.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Case-insensitive substrings of the secret.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// Commit ids (or prefixes) whose findings are allowed.
    #[serde(default)]
    pub commits: Vec<String>,
    /// Global allowlists only: the rule ids it applies to (empty = all).
    #[serde(default)]
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    #[default]
    Or,
    And,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegexTarget {
    #[default]
    Secret,
    Match,
    Line,
}

/// Examples every rule carries; `rules check` runs them through the real matcher.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub positive: Vec<Positive>,
    /// Texts no rule may find anything in.
    #[serde(default)]
    pub negative: Vec<String>,
}

/// A positive example: a text the rule must match, optionally with the
/// exact secret it must extract.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Positive {
    Text(String),
    Expect { text: String, secret: String },
}

impl Positive {
    pub fn text(&self) -> &str {
        match self {
            Positive::Text(t) | Positive::Expect { text: t, .. } => t,
        }
    }
    pub fn secret(&self) -> Option<&str> {
        match self {
            Positive::Text(_) => None,
            Positive::Expect { secret, .. } => Some(secret),
        }
    }
}

/// A rule file that cannot be used; the message names file, rule and field.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: rule {rule:?}: field `{field}`: {message}")]
    Invalid {
        file: String,
        rule: String,
        field: &'static str,
        message: String,
    },
}

/// The token a rule regex writes where a name meets its value:
/// `(?&assign)` (PCRE's "call the named pattern" syntax, which Rust's regex
/// does not accept, so it can mean nothing else). It expands to
/// [`ASSIGN`].
pub const ASSIGN_TOKEN: &str = "(?&assign)";

/// Every way code and configuration put a value next to a name, in one
/// pattern that every keyword-context rule shares (so a new syntax is one
/// edit, not sixty). Written after the name, before the value's group:
///
/// * closing quotes and brackets of the name (`'KEY'`, `["KEY"]`, JSON's
///   escaped `\"KEY\"`), then an optional type (`: String`, Go's
///   `var x string`, `: str`, `SecureString`);
/// * an operator: `=` `==` `:` `=>` (Perl, Ruby, PHP arrays, Logstash),
///   Makefile's `:=` `::=` `:::=` `?=` `+=` `!=`, PHP's `.=`, XML element
///   content `>` (also with the value on the next line, see
///   [`crate::matcher`]), XML attributes `key="NAME" value="…"`;
/// * or a call / tuple `,` `(` followed by a quoted value (`setKey("…")`,
///   `os.environ.setdefault("KEY", "…")`, `auth=("user", "…")`);
/// * then an optional opening quote (with Python/C#/shell prefixes:
///   `r"` `b'` `@"` `$'`, JSON's escaped `\"`).
///
/// Bounded everywhere, so the matcher's windows around keyword hits stay
/// small on long lines.
pub const ASSIGN: &str = concat!(
    r#"(?:\\?["'`]|\]){0,3}[ \t]*"#,
    r#"(?:(?::[ \t]*|[ \t]+)(?:[Ss]tring|str|&str|&'static str|SecureString|CharSequence)\??[ \t]*)?"#,
    r#"(?:"#,
    r#"(?:::?:?=|[?+!.]=|=>|==?|:|>|[ \t]+value[ \t]*=)\s*(?:[brfuBRFU@$]{0,2}\\?["'`])?"#,
    r#"|(?:,|\()\s*(?:[brfuBRFU@$]{0,2}\\?["'`])"#,
    r#")"#,
);

/// `regex` with every [`ASSIGN_TOKEN`] replaced by [`ASSIGN`].
pub fn expand_regex(regex: &str) -> std::borrow::Cow<'_, str> {
    if regex.contains(ASSIGN_TOKEN) {
        std::borrow::Cow::Owned(regex.replace(ASSIGN_TOKEN, ASSIGN))
    } else {
        std::borrow::Cow::Borrowed(regex)
    }
}

/// Expands the shared patterns in a rule's regex (see [`ASSIGN`]).
fn expand_rule(rule: &mut Rule) {
    if let std::borrow::Cow::Owned(r) = expand_regex(&rule.regex) {
        rule.regex = r;
    }
}

/// Parses one rule file's text and validates every rule in it.
pub fn parse_rule_file(file: &str, text: &str) -> Result<Vec<Rule>, RuleError> {
    let mut parsed: RuleFile = toml::from_str(text).map_err(|e| RuleError::Parse {
        file: file.to_string(),
        message: crate::diagnostic::toml_error(text, &e),
    })?;
    for rule in &mut parsed.rules {
        expand_rule(rule);
        validate_rule(file, rule)?;
    }
    Ok(parsed.rules)
}

/// Reads and parses a rule file from disk.
pub fn load_rule_file(path: &Path) -> Result<Vec<Rule>, RuleError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| RuleError::Parse {
        file: file.clone(),
        message: e.to_string(),
    })?;
    parse_rule_file(&file, &text)
}

/// The built-in rule pack.
///
/// Loaded from the compact JSON form build.rs embeds, and not
/// re-validated: every scan pays for this, and validating 250 regexes was
/// ~60% of a pre-commit run's start-up. The test suite and
/// `keyhound rules check` validate the very same embedded files
/// (`rule_check::check_builtin`), so a broken built-in rule cannot ship.
pub fn builtin() -> Result<Vec<Rule>, RuleError> {
    let mut rules: Vec<Rule> =
        serde_json::from_str(BUILTIN_RULES_JSON).map_err(|e| RuleError::Parse {
            file: "rules/ (embedded)".into(),
            message: e.to_string(),
        })?;
    rules.iter_mut().for_each(expand_rule);
    Ok(rules)
}

/// The built-in rules with their examples, parsed and validated from the
/// embedded TOML (slower than [`builtin`]; for tests and tooling).
pub fn builtin_with_examples() -> Result<Vec<Rule>, RuleError> {
    let mut all = Vec::new();
    for (name, text) in BUILTIN_RULE_FILES {
        all.extend(parse_rule_file(&format!("rules/{name}"), text)?);
    }
    Ok(all)
}

/// Rule id → family of every built-in rule: the family is the rule file's
/// name (`rules/payments.toml` → `payments`). For `rules list`.
pub fn builtin_families() -> std::collections::HashMap<String, String> {
    #[derive(Deserialize)]
    struct Ids {
        #[serde(default)]
        rule: Vec<Id>,
    }
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let mut out = std::collections::HashMap::new();
    for (name, text) in BUILTIN_RULE_FILES {
        let family = name.strip_suffix(".toml").unwrap_or(name);
        if let Ok(ids) = toml::from_str::<Ids>(text) {
            for r in ids.rule {
                out.insert(r.id, family.to_string());
            }
        }
    }
    out
}

/// The built-in rules without their examples, as JSON (see build.rs).
static BUILTIN_RULES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_rules.json"));

/// Checks one rule; the error names the file, the rule id and the field.
pub fn validate_rule(file: &str, rule: &Rule) -> Result<(), RuleError> {
    let bad = |field: &'static str, message: String| RuleError::Invalid {
        file: file.to_string(),
        rule: rule.id.clone(),
        field,
        message,
    };
    if rule.id.is_empty()
        || !rule
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(bad(
            "id",
            "must be non-empty lowercase ASCII, digits and '-'".into(),
        ));
    }
    if rule.regex.is_empty() {
        return validate_path_rule(rule).map_err(|(field, m)| bad(field, m));
    }
    if rule.keywords.is_empty() && rule.no_keywords.is_none() {
        return Err(bad(
            "keywords",
            "at least one keyword is required (or set `no_keywords` to say why not)".into(),
        ));
    }
    for k in &rule.keywords {
        if k.is_empty() || !k.is_ascii() {
            return Err(bad(
                "keywords",
                format!("keyword {k:?} must be non-empty ASCII"),
            ));
        }
    }
    let groups = regex_groups_mode(&rule.regex, rule.unicode).map_err(|m| bad("regex", m))?;
    let group = rule.secret_group.unwrap_or(if groups > 0 { 1 } else { 0 });
    if group > groups {
        return Err(bad(
            "secret_group",
            format!("group {group} does not exist (the regex has {groups} capture groups)"),
        ));
    }
    for r in &rule.allowlist.regexes {
        regex_groups(r).map_err(|m| bad("allowlist.regexes", m))?;
    }
    if let Some(p) = &rule.path {
        regex_groups_mode(p, true).map_err(|m| bad("path", m))?;
    }
    for a in &rule.allowlists {
        for r in a.regexes.iter().chain(&a.paths) {
            regex_groups_mode(r, true).map_err(|m| bad("allowlists", m))?;
        }
    }
    if let Some(e) = rule.min_entropy {
        if !(0.0..=8.0).contains(&e) {
            return Err(bad(
                "min_entropy",
                format!("{e} is outside 0..=8 bits per byte"),
            ));
        }
    }
    if let Some(v) = &rule.verify {
        v.validate().map_err(|m| bad("verify", m))?;
    }
    Ok(())
}

/// A path rule has a path regex and nothing that reads content.
fn validate_path_rule(rule: &Rule) -> Result<(), (&'static str, String)> {
    let Some(p) = &rule.path else {
        return Err((
            "regex",
            "is required (a rule without a regex is a path rule and needs `path`)".into(),
        ));
    };
    regex_groups_mode(p, true).map_err(|m| ("path", m))?;
    let content_fields = [
        ("keywords", !rule.keywords.is_empty()),
        ("secret_group", rule.secret_group.is_some()),
        ("min_entropy", rule.min_entropy.is_some()),
        ("multiline", rule.multiline),
        ("checksum", rule.checksum.is_some()),
        ("generic", rule.generic),
        ("verify", rule.verify.is_some()),
    ];
    if let Some((field, _)) = content_fields.iter().find(|(_, set)| *set) {
        return Err((
            field,
            "reads content, but this is a path rule (no regex): remove it or add a regex".into(),
        ));
    }
    Ok(())
}

/// Parses a regex the way the matcher will compile it and returns its number
/// of capture groups (excluding group 0).
pub fn regex_groups(pattern: &str) -> Result<usize, String> {
    regex_groups_mode(pattern, false)
}

/// [`regex_groups`] with Unicode classes on or off.
pub fn regex_groups_mode(pattern: &str, unicode: bool) -> Result<usize, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(unicode)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|_| {
            crate::diagnostic::regex_error("", pattern, unicode)
                .unwrap_or_else(|| "invalid regex".into())
        })?;
    Ok(hir.properties().explicit_captures_len())
}

impl Rule {
    pub fn help(&self) -> &str {
        self.description.as_deref().unwrap_or(&self.name)
    }

    /// A rule without a regex: its finding is the file itself, by path.
    pub fn is_path_rule(&self) -> bool {
        self.regex.is_empty() && self.path.is_some()
    }

    /// The family a rule belongs to in `rules list`: its first tag.
    pub fn family(&self) -> &str {
        self.tags.first().map_or("other", String::as_str)
    }
}
