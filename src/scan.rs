//! The scan pipeline: validated options in, a finished report out.
//! config → ruleset → engine → source → suppression → sort → report.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::config::{self, AllowlistConfig, LoadedConfig, Trust};
use crate::engine::Engine;
use crate::exit::{ExitCode, UsageError};
use crate::filter::{Filter, FilterSpec};
use crate::finding::{Finding, Suppression};
use crate::matcher::Matcher;
use crate::report::{self, Format, Report, ReportOptions};
use crate::rules::{self, Rule};
use crate::source::{self, SourceOutput};
use crate::stats::{ScanError, Stats};

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
    History(PathBuf, source::git::HistoryOptions),
}

/// Which config files to read.
#[derive(Debug, Clone, Default)]
pub struct ConfigChoice {
    /// `--config FILE`: replaces the repository config, trusted.
    pub explicit: Option<PathBuf>,
    /// `--no-config`: do not look for the repository config.
    pub no_repo_config: bool,
    pub trust_repo_config: bool,
    /// Dialect of the explicit config.
    pub format: config::ConfigFormat,
}

/// Validated scan options (built once from the CLI by `app.rs`).
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub target: Target,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub redact: bool,
    pub color: bool,
    pub exit_code: i32,
    pub threads: Option<usize>,
    pub max_file_size: Option<u64>,
    pub follow_symlinks: bool,
    pub respect_ignore: bool,
    pub exclude: Vec<String>,
    pub allow_paths: Vec<String>,
    pub config: ConfigChoice,
    pub inline_ignore: bool,
    pub baseline: Option<PathBuf>,
    pub show_suppressed: bool,
    /// `--verify`, `--only-live`, `--endpoint`.
    pub verify: crate::verify::VerifyFlags,
    /// `--rotate`, `--dry-run`.
    pub rotate: crate::rotate::RotateFlags,
}

/// Default `--max-file-size`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 << 20;

/// The result of a finished scan, before printing.
pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Finding>,
    pub stats: Stats,
    pub errors: Vec<ScanError>,
    pub rules: Vec<Rule>,
    /// Config constructs understood only in part (e.g. from a gitleaks import).
    pub warnings: Vec<String>,
}

/// Runs a scan and writes its report; returns the exit code.
#[allow(clippy::print_stderr)]
pub fn run(opts: &ScanOptions) -> Result<ExitCode> {
    let result = execute(opts)?;
    // Every secret of the run, listed or not: a suppressed secret or one
    // found in a commit message may sit on a reported line too.
    let redactor = if opts.redact {
        crate::redact::Redactor::new(
            result
                .findings
                .iter()
                .chain(&result.suppressed)
                .map(|f| f.secret.as_str()),
        )
    } else {
        crate::redact::Redactor::default()
    };
    for w in &result.warnings {
        let w = redactor.scrub(w);
        eprintln!("keyhound: warning: {}", crate::redact::escape_control(&w));
    }
    let report = Report {
        findings: &result.findings,
        suppressed: if opts.show_suppressed {
            &result.suppressed
        } else {
            &[]
        },
        stats: &result.stats,
        errors: &result.errors,
        rules: &result.rules,
        redactor: &redactor,
    };
    let ropts = ReportOptions {
        redact: opts.redact,
        color: opts.color && opts.output.is_none(),
    };
    write_report(opts, &report, ropts)?;
    let mut code = exit_code(opts, &result);
    if opts.rotate.requested()
        && !result.findings.is_empty()
        && crate::rotate::after_scan(opts, &result.findings, &mut std::io::stderr().lock())?
            .failed()
    {
        code = ExitCode::ROTATION_FAILED;
    }
    Ok(code)
}

fn exit_code(opts: &ScanOptions, result: &ScanResult) -> ExitCode {
    if result
        .findings
        .iter()
        .any(|f| f.verification == crate::verify::Verification::Live)
    {
        return ExitCode::LIVE;
    }
    if !result.findings.is_empty() {
        return ExitCode(opts.exit_code);
    }
    if !result.errors.is_empty() {
        return ExitCode::RUNTIME;
    }
    ExitCode::OK
}

fn write_report(opts: &ScanOptions, report: &Report<'_>, ropts: ReportOptions) -> Result<()> {
    match &opts.output {
        Some(path) => {
            let mut buf = Vec::new();
            report::write(opts.format, report, ropts, &mut buf)?;
            std::fs::write(path, buf)
                .with_context(|| format!("cannot write report to {}", path.display()))?;
            if opts.format != Format::Text {
                // Keep a human summary on stderr when the report goes to a file.
                eprintln_summary(report);
            }
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            match report::write(opts.format, report, ropts, &mut lock) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other?,
            }
        }
    }
    Ok(())
}

#[allow(clippy::print_stderr)]
fn eprintln_summary(report: &Report<'_>) {
    eprintln!("{}", report::summary(report));
}

/// Loads config and rules, scans the target, applies suppression, sorts.
pub fn execute(opts: &ScanOptions) -> Result<ScanResult> {
    let started = Instant::now();
    let configs = load_configs(opts)?;
    let rules = ruleset(&configs, opts.config.trust_repo_config)?;
    let (engine, engine_warnings) = build_engine(opts, &configs, rules.clone())?;
    let threads = opts
        .threads
        .or_else(|| configs.iter().rev().find_map(|c| c.file.scan.threads))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let max_file_size = opts
        .max_file_size
        .or_else(|| configs.iter().rev().find_map(|c| c.file.scan.max_file_size))
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let mut exclude = opts.exclude.clone();
    for c in &configs {
        exclude.extend(c.file.scan.exclude.iter().cloned());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let output = pool.install(|| -> Result<SourceOutput> {
        Ok(match &opts.target {
            Target::Paths(paths) => source::dir::scan_paths(
                &engine,
                paths,
                &source::dir::DirOptions {
                    max_file_size,
                    threads,
                    follow_symlinks: opts.follow_symlinks,
                    exclude: exclude.clone(),
                    respect_ignore: opts.respect_ignore,
                },
            ),
            Target::Stdin => {
                source::stdin::scan_reader(&engine, std::io::stdin().lock(), max_file_size)
            }
            Target::Staged(repo) => source::git::scan_staged(&engine, repo, max_file_size)?,
            Target::History(repo, h) => {
                let mut h = h.clone();
                h.max_file_size = max_file_size;
                source::git::scan_history(&engine, repo, &h)?
            }
        })
    })?;
    let SourceOutput {
        findings: all,
        mut stats,
        mut errors,
        warnings: source_warnings,
    } = output;
    let mut all = all;
    if matches!(opts.target, Target::Staged(_) | Target::History(..)) {
        // The directory walk never reads excluded paths; git sources read
        // blobs by id, so their excluded paths are dropped here.
        if let Some(globs) = crate::filter::path_globs(&exclude, "exclude").map_err(UsageError)? {
            all.retain(|f| !globs.is_match(&f.path));
        }
    }
    for f in all.iter_mut().filter(|f| f.suppressed.is_none()) {
        f.suppressed = engine.filter.classify(f);
    }
    let (mut findings, mut suppressed): (Vec<Finding>, Vec<Finding>) =
        all.into_iter().partition(|f| f.suppressed.is_none());
    for f in &suppressed {
        match f.suppressed {
            Some(Suppression::Inline) => stats.suppressed.inline += 1,
            Some(Suppression::Allowlist) => stats.suppressed.allowlist += 1,
            Some(Suppression::Baseline) => stats.suppressed.baseline += 1,
            None => {}
        }
    }
    if let Some(b) = engine.filter.baseline() {
        stats.baseline_stale = b.stale_count() as u64;
    }
    let staged = matches!(opts.target, Target::Staged(_));
    crate::verify::apply(&mut findings, &rules, &configs, &opts.verify, staged)
        .map_err(UsageError::from_display)?;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    suppressed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    errors.sort();
    stats.errors = errors.len() as u64;
    stats.duration_ms = started.elapsed().as_millis() as u64;
    let mut warnings: Vec<String> = configs.iter().flat_map(|c| c.warnings.clone()).collect();
    warnings.extend(engine_warnings);
    warnings.extend(source_warnings);
    Ok(ScanResult {
        findings,
        suppressed,
        stats,
        errors,
        rules,
        warnings,
    })
}

/// The directory whose `.keyhound.toml` applies to this scan.
fn config_root(target: &Target) -> PathBuf {
    match target {
        Target::Paths(p) => p.first().cloned().unwrap_or_else(|| PathBuf::from(".")),
        Target::Stdin => PathBuf::from("."),
        Target::Staged(r) | Target::History(r, _) => r.clone(),
    }
}

/// The user's config (trusted), then the explicit or repository config.
pub fn load_configs(opts: &ScanOptions) -> Result<Vec<LoadedConfig>> {
    let mut out = Vec::new();
    if let Some(p) = config::user_config_path() {
        out.push(LoadedConfig::load(&p, Trust::User).map_err(UsageError::from_display)?);
    }
    let choice = &opts.config;
    if let Some(p) = &choice.explicit {
        out.push(
            LoadedConfig::load_as(p, Trust::User, choice.format)
                .map_err(UsageError::from_display)?,
        );
    } else if !choice.no_repo_config {
        if let Some(p) = config::find_repo_config(&config_root(&opts.target)) {
            let c = LoadedConfig::load(&p, Trust::Repository).map_err(UsageError::from_display)?;
            c.check_trust(choice.trust_repo_config)
                .map_err(UsageError::from_display)?;
            out.push(c);
        }
    }
    Ok(out)
}

/// Built-in rules (unless a config says `[rules] builtin = false`), plus
/// the configs' rules, minus the disabled ones.
pub fn ruleset(configs: &[LoadedConfig], trust_repo_config: bool) -> Result<Vec<Rule>> {
    let builtin = configs
        .iter()
        .rev()
        .find_map(|c| c.file.rules.builtin)
        .unwrap_or(true);
    let mut all = if builtin {
        rules::builtin().map_err(UsageError::from_display)?
    } else {
        Vec::new()
    };
    let mut disabled = Vec::new();
    for c in configs {
        for r in c
            .rules(trust_repo_config)
            .map_err(UsageError::from_display)?
        {
            // A config rule with a built-in id replaces the built-in one.
            all.retain(|b| b.id != r.id);
            all.push(r);
        }
        disabled.extend(c.file.rules.disable.iter().cloned());
    }
    for d in &disabled {
        if !all.iter().any(|r| &r.id == d) {
            return Err(UsageError(format!("[rules] disable: no rule has id {d:?}")).into());
        }
    }
    all.retain(|r| !disabled.contains(&r.id));
    Ok(all)
}

fn build_engine(
    opts: &ScanOptions,
    configs: &[LoadedConfig],
    rules: Vec<Rule>,
) -> Result<(Engine, Vec<String>)> {
    let mut warnings = Vec::new();
    let mut allow = AllowlistConfig::default();
    let mut conditionals = Vec::new();
    let mut base = None;
    // Reviewed files whose contents look like secrets: the config files
    // (their rule examples) and the baseline (its hashes).
    let mut own_files: Vec<PathBuf> = configs.iter().map(|c| c.path.clone()).collect();
    own_files.extend(opts.baseline.iter().cloned());
    for c in configs {
        let a = &c.file.allowlist;
        allow.paths.extend(a.paths.iter().cloned());
        allow.regexes.extend(a.regexes.iter().cloned());
        allow.line_regexes.extend(a.line_regexes.iter().cloned());
        allow.stopwords.extend(a.stopwords.iter().cloned());
        conditionals.extend(c.file.allowlists.iter().cloned());
        if c.trust == Trust::Repository || opts.config.explicit.as_deref() == Some(c.path.as_path())
        {
            base = c.path.parent().map(Path::to_path_buf);
        }
    }
    allow.paths.extend(opts.allow_paths.iter().cloned());
    let baseline = match &opts.baseline {
        Some(p) => Some(crate::baseline::Baseline::load(p).map_err(UsageError::from_display)?),
        None => None,
    };
    let mut gitleaks_ignore = Vec::new();
    if !opts.config.no_repo_config {
        if let Some(p) = crate::gitleaks::find_ignore_file(&config_root(&opts.target)) {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            let (entries, bad) = crate::gitleaks::parse_ignore(&text);
            gitleaks_ignore = entries;
            warnings.extend(bad);
        }
    }
    let mut filter = Filter::new(FilterSpec {
        allow,
        conditionals,
        rules: &rules,
        inline: opts.inline_ignore,
        baseline,
        gitleaks_ignore,
    })
    .map_err(UsageError)?;
    if let Some(base) = base {
        filter.set_base(&base);
    }
    for f in &own_files {
        filter.allow_file(f);
    }
    let matcher = Matcher::new(rules).context("cannot build the keyword prefilter")?;
    Ok((Engine::new(matcher, filter), warnings))
}
