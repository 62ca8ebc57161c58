//! The settings layer: the only place that reads config files, applies the
//! trust boundary, imports gitleaks configs and merges command-line flags
//! over them. It turns one request into one typed plan per run, and every
//! mistake in any config section — `[scan]`, `[rules]`, `[verify]`,
//! `[rotation]`, a rule regex that cannot compile — is reported here,
//! before anything is scanned or sent (docs/ARCHITECTURE.md).
//!
//! `file.rs` owns the config file schema, discovery and the trust boundary;
//! `gitleaks_import.rs` converts gitleaks configs into that schema.

pub mod file;
pub mod gitleaks_import;

use std::path::{Path, PathBuf};

pub use file::{
    find_repo_config, find_upwards, user_config_path, ConfigError, ConfigFile, ConfigFormat,
    LoadedConfig, RulesConfig, ScanConfig, Trust, REPO_CONFIG_NAME,
};

use crate::baseline::Baseline;
use crate::filter::AllowlistConfig;
use crate::gitleaks::IgnoreEntry;
use crate::rotate::{Resolved, RotateFlags};
use crate::rules::{self, ConditionalAllowlist, Rule, RuleError};
use crate::verify::{VerifyError, VerifyFlags};

/// Default `--max-file-size`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

/// Any settings mistake: always a usage or config error (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Rule(#[from] RuleError),
    #[error(transparent)]
    Verify(#[from] VerifyError),
    #[error("{0}")]
    Invalid(String),
}

/// What to scan.
#[derive(Debug, Clone)]
pub enum Target {
    /// Files and directories.
    Paths(Vec<PathBuf>),
    /// Standard input.
    Stdin,
    /// The index of the repository at the path, against its HEAD.
    Staged(PathBuf),
    /// The history of the repository at the path.
    History(PathBuf, HistoryRange),
}

/// Which part of a history to scan (`--since`, revisions, `--branch`,
/// `--all-objects`).
#[derive(Debug, Clone, Default)]
pub struct HistoryRange {
    /// Only commits reachable from HEAD but not from this revision.
    pub since: Option<String>,
    /// Revisions or `A..B` ranges given on the command line.
    pub revs: Vec<String>,
    /// Only commits reachable from this ref.
    pub branch: Option<String>,
    /// Also scan blobs that no ref reaches.
    pub all_objects: bool,
}

impl Target {
    /// The directory whose `.keyhound.toml` applies.
    pub fn config_root(&self) -> PathBuf {
        match self {
            Target::Paths(p) => p.first().cloned().unwrap_or_else(|| PathBuf::from(".")),
            Target::Stdin => PathBuf::from("."),
            Target::Staged(r) | Target::History(r, _) => r.clone(),
        }
    }

    /// The repository (or directory) a finding comes from, for rotation
    /// events; `None` for stdin.
    pub fn repository(&self) -> Option<String> {
        let r = match self {
            Target::Staged(r) | Target::History(r, _) => r.clone(),
            Target::Paths(p) => p.first().cloned()?,
            Target::Stdin => return None,
        };
        Some(std::fs::canonicalize(&r).unwrap_or(r).display().to_string())
    }

    pub fn is_staged(&self) -> bool {
        matches!(self, Target::Staged(_))
    }

    pub fn is_git(&self) -> bool {
        matches!(self, Target::Staged(_) | Target::History(..))
    }
}

/// Which config files to read.
#[derive(Debug, Clone, Default)]
pub struct ConfigChoice {
    /// `--config FILE`: replaces the repository config, trusted; read
    /// besides the user's own config.
    pub explicit: Option<PathBuf>,
    /// `--no-config`: do not look for the repository config.
    pub no_repo_config: bool,
    pub trust_repo_config: bool,
    /// Dialect of the explicit config.
    pub format: ConfigFormat,
}

/// The scan flags, checked for syntax by the app layer (`app/mod.rs`).
#[derive(Debug, Clone)]
pub struct ScanRequest {
    pub target: Target,
    /// Decoding and archives (`--decode-depth`, `--no-archives`, …).
    pub unpack: UnpackFlags,
    pub threads: Option<usize>,
    pub max_file_size: Option<u64>,
    pub fingerprint_budget: Option<usize>,
    pub follow_symlinks: bool,
    pub respect_ignore: bool,
    pub exclude: Vec<String>,
    pub allow_paths: Vec<String>,
    pub config: ConfigChoice,
    pub inline_ignore: bool,
    pub baseline: Option<PathBuf>,
    /// `--verify`, `--only-live`, `--endpoint`.
    pub verify: VerifyFlags,
    /// `--rotate`, `--dry-run`.
    pub rotate: RotateFlags,
}

/// Decoding and archive settings as the flags give them; `None`: not given,
/// so the last config's `[scan]` key of the same name, then the default,
/// decides (`archives = false` is `--no-archives`).
#[derive(Debug, Clone, Default)]
pub struct UnpackFlags {
    pub decode_depth: Option<usize>,
    pub archives: Option<bool>,
    pub archive_depth: Option<usize>,
    pub max_archive_size: Option<u64>,
    pub max_archive_total: Option<u64>,
    pub max_archive_ratio: Option<u64>,
}

/// The flag's value, else the last config's, else `None`.
fn flag_or_config<T: Copy>(
    flag: Option<T>,
    configs: &[LoadedConfig],
    key: impl Fn(&file::ScanConfig) -> Option<T>,
) -> Option<T> {
    flag.or_else(|| configs.iter().rev().find_map(|c| key(&c.file.scan)))
}

/// Decoding and archives, resolved from flags, configs and defaults; the
/// member cap is the scan's file size cap.
fn unpack_plan(
    flags: &UnpackFlags,
    configs: &[LoadedConfig],
    max_file_size: u64,
) -> Result<crate::engine::Unpack, SettingsError> {
    let mut unpack = crate::engine::Unpack::default();
    let mut archive = unpack.archives.take().expect("archives are on by default");
    if let Some(d) = flag_or_config(flags.decode_depth, configs, |s| s.decode_depth) {
        unpack.decode_depth = d;
    }
    if let Some(d) = flag_or_config(flags.archive_depth, configs, |s| s.archive_depth) {
        if d == 0 {
            return Err(SettingsError::Invalid(
                "--archive-depth / [scan] archive_depth must be at least 1 (or turn archives off)"
                    .into(),
            ));
        }
        archive.depth = d;
    }
    if let Some(r) = flag_or_config(flags.max_archive_ratio, configs, |s| s.max_archive_ratio) {
        if r == 0 {
            return Err(SettingsError::Invalid(
                "--max-archive-ratio / [scan] max_archive_ratio must be at least 1".into(),
            ));
        }
        archive.limits.max_ratio = r;
    }
    if let Some(n) = flag_or_config(flags.max_archive_size, configs, |s| s.max_archive_size) {
        archive.limits.max_archive = n;
    }
    if let Some(n) = flag_or_config(flags.max_archive_total, configs, |s| s.max_archive_total) {
        archive.max_total = n;
    }
    archive.limits.max_member = max_file_size;
    if flag_or_config(flags.archives, configs, |s| s.archives) != Some(false) {
        unpack.archives = Some(archive);
    }
    Ok(unpack)
}

/// Everything the suppression stage is built from, resolved.
#[derive(Default)]
pub struct FilterPlan {
    pub allow: AllowlistConfig,
    pub conditionals: Vec<ConditionalAllowlist>,
    pub inline: bool,
    pub baseline: Option<Baseline>,
    pub gitleaks_ignore: Vec<IgnoreEntry>,
    /// Directory that relative allowlist paths are relative to.
    pub base: Option<PathBuf>,
    /// Reviewed files whose contents look like secrets (the configs, the
    /// baseline): implicitly allowlisted.
    pub own_files: Vec<PathBuf>,
}

/// One scan, fully resolved: nothing in it is read from disk again.
pub struct ScanPlan {
    pub target: Target,
    /// Decoding and archives; the member cap is `max_file_size`.
    pub unpack: crate::engine::Unpack,
    pub rules: Vec<Rule>,
    pub threads: usize,
    pub max_file_size: u64,
    /// Distinct guessable secrets that get the slow fingerprint hash.
    pub fingerprint_budget: usize,
    pub follow_symlinks: bool,
    pub respect_ignore: bool,
    pub exclude: Vec<String>,
    pub filter: FilterPlan,
    /// `Some` when verification is on.
    pub verify: Option<crate::verify::Settings>,
    pub only_live: bool,
    /// `Some` when `--rotate`/`--dry-run` was asked (then a `[rotation]`
    /// section exists: its absence is an error here).
    pub rotation: Option<Resolved>,
    pub rotate: RotateFlags,
    /// Config constructs understood only in part (gitleaks imports, a
    /// `.gitleaksignore` line that does not parse, a rule that shadows a
    /// built-in one).
    pub warnings: Vec<String>,
}

impl ScanPlan {
    /// Resolves a scan request: reads every config once, then checks every
    /// section before anything runs.
    pub fn resolve(req: &ScanRequest) -> Result<ScanPlan, SettingsError> {
        let configs = scan_configs(&req.config, &req.target.config_root())?;
        let (rules, mut warnings) = ruleset(&configs, req.config.trust_repo_config)?;
        let filter = filter_plan(req, &configs, &mut warnings)?;
        let threads = req
            .threads
            .or_else(|| configs.iter().rev().find_map(|c| c.file.scan.threads))
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
            .max(1);
        let max_file_size = req
            .max_file_size
            .or_else(|| configs.iter().rev().find_map(|c| c.file.scan.max_file_size))
            .unwrap_or(DEFAULT_MAX_FILE_SIZE);
        let fingerprint_budget = req
            .fingerprint_budget
            .or_else(|| {
                configs
                    .iter()
                    .rev()
                    .find_map(|c| c.file.scan.fingerprint_budget)
            })
            .unwrap_or(crate::fingerprint::DEFAULT_SLOW_BUDGET);
        let mut exclude = req.exclude.clone();
        for c in &configs {
            exclude.extend(c.file.scan.exclude.iter().cloned());
        }
        crate::filter::path_globs(&exclude, "exclude").map_err(SettingsError::Invalid)?;
        let verify = crate::verify::Settings::resolve(
            &req.verify,
            configs.iter().filter_map(|c| c.verify.as_ref()),
            &rules,
            req.target.is_staged(),
        )?;
        let rotation = if req.rotate.requested() {
            Some(merge_rotation(&configs)?.ok_or_else(no_rotation_config)?)
        } else {
            None
        };
        for c in &configs {
            warnings.extend(c.warnings.iter().cloned());
        }
        let unpack = unpack_plan(&req.unpack, &configs, max_file_size)?;
        Ok(ScanPlan {
            target: req.target.clone(),
            unpack,
            rules,
            threads,
            max_file_size,
            fingerprint_budget,
            follow_symlinks: req.follow_symlinks,
            respect_ignore: req.respect_ignore,
            exclude,
            filter,
            verify,
            only_live: req.verify.only_live,
            rotation,
            rotate: req.rotate,
            warnings,
        })
    }
}

/// The error for `--rotate` (or `rotate --report`) without a `[rotation]`.
pub fn no_rotation_config() -> SettingsError {
    SettingsError::Invalid(
        "--rotate needs a [rotation] section in your own config ($XDG_CONFIG_HOME/keyhound/config.toml or --config FILE)".into(),
    )
}

/// The user's config (trusted), then the explicit or repository config.
fn scan_configs(choice: &ConfigChoice, root: &Path) -> Result<Vec<LoadedConfig>, SettingsError> {
    let mut out = Vec::new();
    if let Some(p) = user_config_path() {
        out.push(LoadedConfig::load(&p, Trust::User)?);
    }
    if let Some(p) = &choice.explicit {
        out.push(LoadedConfig::load_as(p, Trust::User, choice.format)?);
    } else if !choice.no_repo_config {
        if let Some(found) = find_repo_config(root) {
            let c = LoadedConfig::load_repository(&found)?;
            c.check_trust(choice.trust_repo_config)?;
            out.push(c);
        }
    }
    Ok(out)
}

/// The trusted configs of the commands that need no scan target
/// (`verify`, `rotate --report`, `rotation …`): the user's own, then an
/// explicit `--config`.
pub fn trusted_configs(explicit: Option<&Path>) -> Result<Vec<LoadedConfig>, SettingsError> {
    let mut out = Vec::new();
    if let Some(p) = user_config_path() {
        out.push(LoadedConfig::load(&p, Trust::User)?);
    }
    if let Some(p) = explicit {
        out.push(LoadedConfig::load(p, Trust::User)?);
    }
    Ok(out)
}

/// The `[rotation]` in force for a `rotation …` or `rotate` command.
pub fn trusted_rotation(explicit: Option<&Path>) -> Result<Option<Resolved>, SettingsError> {
    merge_rotation(&trusted_configs(explicit)?)
}

/// The rules of the `verify` command: built-ins plus the trusted configs'.
pub fn trusted_rules(explicit: Option<&Path>) -> Result<Vec<Rule>, SettingsError> {
    let configs = trusted_configs(explicit)?;
    Ok(ruleset(&configs, false)?.0)
}

/// The `[rotation]` sections of the configs (in order: the user's own, then
/// `--config`), merged: inventory keys and targets of every file add up;
/// the scalar settings (mode, limits, ledger, audit log, delivery) come
/// from the last file that has a `[rotation]`, which is also the directory
/// relative paths are resolved from. An explicit `--config` is read
/// *besides* the user's own config, so it cannot drop their targets.
///
/// The merged section is checked again as a whole: a target id used in
/// both files, or a target naming a key neither file holds, is an error.
fn merge_rotation(configs: &[LoadedConfig]) -> Result<Option<Resolved>, SettingsError> {
    let mut merged: Option<Resolved> = None;
    let mut files = 0;
    for c in configs {
        let Some(r) = &c.file.rotation else { continue };
        files += 1;
        let base = c
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| ".".into());
        merged = Some(match merged.take() {
            None => Resolved {
                config: r.clone(),
                base,
            },
            Some(mut earlier) => {
                let mut config = r.clone();
                earlier.config.keys.append(&mut config.keys);
                earlier.config.targets.append(&mut config.targets);
                config.keys = earlier.config.keys;
                config.targets = earlier.config.targets;
                Resolved { config, base }
            }
        });
    }
    if let Some(m) = &merged {
        m.config.validate().map_err(|e| {
            SettingsError::Invalid(if files > 1 {
                format!("[rotation] of your config and --config: {e}")
            } else {
                format!("[rotation]: {e}")
            })
        })?;
    }
    Ok(merged)
}

/// Built-in rules (unless a config says `[rules] builtin = false`), plus
/// the configs' rules, minus the disabled ones. Every config rule's regexes
/// are compiled here, so one that is too big fails at load with its file
/// and id, not with a panic on the first blob that holds its keyword.
///
/// A config rule whose id is a built-in id: an error in an untrusted
/// repository config (it would silently switch off the built-in rule), a
/// warning in the user's own, where it replaces the built-in rule.
pub fn ruleset(
    configs: &[LoadedConfig],
    trust_repo_config: bool,
) -> Result<(Vec<Rule>, Vec<String>), SettingsError> {
    let builtin = configs
        .iter()
        .rev()
        .find_map(|c| c.file.rules.builtin)
        .unwrap_or(true);
    let mut all = if builtin {
        rules::builtin()?
    } else {
        Vec::new()
    };
    let builtin_ids: std::collections::HashSet<String> = all.iter().map(|r| r.id.clone()).collect();
    let mut warnings = Vec::new();
    let mut disabled = Vec::new();
    for c in configs {
        let untrusted = c.trust == Trust::Repository && !trust_repo_config;
        for r in c.rules(trust_repo_config)? {
            compile_check(&c.path, &r)?;
            if builtin_ids.contains(&r.id) {
                if untrusted {
                    return Err(SettingsError::Invalid(format!(
                        "{}: rule {:?} has the id of a built-in rule; a repository config may add rules but not replace built-in ones (disable it with [rules] disable and give yours another id)",
                        c.path.display(),
                        r.id
                    )));
                }
                warnings.push(format!(
                    "{}: rule {:?} replaces the built-in rule with that id",
                    c.path.display(),
                    r.id
                ));
            }
            all.retain(|b| b.id != r.id);
            all.push(r);
        }
        disabled.extend(c.file.rules.disable.iter().cloned());
    }
    for d in &disabled {
        if !all.iter().any(|r| &r.id == d) {
            return Err(SettingsError::Invalid(format!(
                "[rules] disable: no rule has id {d:?}"
            )));
        }
    }
    all.retain(|r| !disabled.contains(&r.id));
    Ok((all, warnings))
}

/// Compiles a config rule's regexes the way the matcher will.
fn compile_check(file: &Path, r: &Rule) -> Result<(), SettingsError> {
    let bad = |field: &str, e: regex::Error| {
        SettingsError::Invalid(format!(
            "{}: rule {:?}: {}",
            file.display(),
            r.id,
            crate::diagnostic::regex_compile_error(field, &e)
        ))
    };
    crate::matcher::build_rule_regex(&r.regex, r.unicode).map_err(|e| {
        let why = if e.size_limit().is_some() {
            "the regex compiles to more than the size limit; simplify it (fewer or smaller repetitions)"
        } else {
            "invalid regex"
        };
        SettingsError::Invalid(format!("{}: rule {:?}: regex: {why}", file.display(), r.id))
    })?;
    if let Some(p) = &r.path {
        crate::matcher::compile_regex_mode(p, true).map_err(|e| bad("path", e))?;
    }
    for a in &r.allowlist.regexes {
        crate::matcher::compile_regex(a).map_err(|e| bad("allowlist.regexes", e))?;
    }
    for a in &r.allowlists {
        for x in a.regexes.iter().chain(&a.paths) {
            crate::matcher::compile_regex_mode(x, true).map_err(|e| bad("allowlists", e))?;
        }
    }
    Ok(())
}

/// Parses a config's allowlist regexes, so a bad one is reported with its
/// file and field (and never its pattern, which may spell out a secret).
fn check_allowlist_regexes(c: &LoadedConfig) -> Result<(), SettingsError> {
    let a = &c.file.allowlist;
    let lists = [
        ("[allowlist] regexes", &a.regexes, false),
        ("[allowlist] line_regexes", &a.line_regexes, false),
    ];
    let conditionals = c.file.allowlists.iter().enumerate().flat_map(|(i, x)| {
        [
            (format!("[[allowlists]] {i}: regexes"), &x.regexes),
            (format!("[[allowlists]] {i}: paths"), &x.paths),
        ]
    });
    let named = lists
        .into_iter()
        .map(|(n, l, u)| (n.to_string(), l, u))
        .chain(conditionals.map(|(n, l)| (n, l, true)));
    for (field, list, unicode) in named {
        for (i, pattern) in list.iter().enumerate() {
            if let Some(m) =
                crate::diagnostic::regex_error(&format!("{field}[{i}]"), pattern, unicode)
            {
                return Err(SettingsError::Invalid(format!("{}: {m}", c.path.display())));
            }
        }
    }
    Ok(())
}

/// `--baseline FILE`: a keyhound baseline, or a gitleaks JSON report (a
/// JSON array, as `gitleaks … --baseline-path` takes), read as the baseline
/// `keyhound baseline --from-gitleaks-report` would write.
fn load_baseline(p: &Path) -> Result<Baseline, SettingsError> {
    let is_report = std::fs::read(p)
        .ok()
        .and_then(|b| b.iter().copied().find(|c| !c.is_ascii_whitespace()))
        == Some(b'[');
    if !is_report {
        return Baseline::load(p).map_err(|e| SettingsError::Invalid(e.to_string()));
    }
    let findings = crate::gitleaks::baseline_entries_from_report(p)
        .map_err(|e| SettingsError::Invalid(format!("{e:#}")))?;
    let file = crate::baseline::BaselineFile {
        version: 1,
        salt: crate::baseline::new_salt(),
        findings,
    };
    Baseline::from_file(&file).map_err(SettingsError::Invalid)
}

/// A repository's `.gitleaks.toml` is not read on its own (an `[extend]
/// path` could name any file of the machine running the scan, and the PR
/// gate scans untrusted branches), but it is never ignored silently either.
fn warn_unread_gitleaks_config(
    req: &ScanRequest,
    configs: &[LoadedConfig],
    warnings: &mut Vec<String>,
) {
    if configs.iter().any(|c| c.trust == Trust::Repository) {
        return;
    }
    if let Some(p) = find_upwards(&req.target.config_root(), ".gitleaks.toml") {
        warnings.push(format!(
            "{} is not read automatically; pass --config {} to use its rules and allowlists (keyhound's built-in rules apply meanwhile)",
            p.display(),
            p.display()
        ));
    }
}

fn filter_plan(
    req: &ScanRequest,
    configs: &[LoadedConfig],
    warnings: &mut Vec<String>,
) -> Result<FilterPlan, SettingsError> {
    let mut plan = FilterPlan {
        inline: req.inline_ignore,
        ..FilterPlan::default()
    };
    plan.own_files = configs.iter().map(|c| c.path.clone()).collect();
    plan.own_files.extend(req.baseline.iter().cloned());
    for c in configs {
        check_allowlist_regexes(c)?;
        let a = &c.file.allowlist;
        plan.allow.paths.extend(a.paths.iter().cloned());
        plan.allow.regexes.extend(a.regexes.iter().cloned());
        plan.allow
            .line_regexes
            .extend(a.line_regexes.iter().cloned());
        plan.allow.stopwords.extend(a.stopwords.iter().cloned());
        plan.conditionals.extend(c.file.allowlists.iter().cloned());
        if c.trust == Trust::Repository || req.config.explicit.as_deref() == Some(c.path.as_path())
        {
            plan.base = c.path.parent().map(Path::to_path_buf);
        }
    }
    plan.allow.paths.extend(req.allow_paths.iter().cloned());
    if let Some(p) = &req.baseline {
        plan.baseline = Some(load_baseline(p)?);
    }
    if req.config.explicit.is_none() && !req.config.no_repo_config {
        warn_unread_gitleaks_config(req, configs, warnings);
    }
    if !req.config.no_repo_config {
        if let Some(p) = find_upwards(&req.target.config_root(), ".gitleaksignore") {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| SettingsError::Invalid(format!("cannot read {}: {e}", p.display())))?;
            let (entries, bad) = crate::gitleaks::parse_ignore(&text);
            plan.gitleaks_ignore = entries;
            warnings.extend(bad);
        }
    }
    Ok(plan)
}
