//! `keyhound scan --repos-from FILE` / `--repos-glob GLOB` (README.md
//! "Scanning an organisation"): the repositories of the list (this
//! `--shard` of it) one after another in one process, each with the whole
//! single-repository scan (its own config, verification, rotation) on the
//! parallel engine; one report per repository in `--output-dir`, a
//! summary, and one combined report where `-o`/stdout asks for it.
//!
//! One after another, each on all the `-j` threads: simple, and one
//! process's output stays in list order. Two single-threaded shard
//! workers on 2 cores use ~15 % less CPU (benches/fleet.sh; README.md
//! "Fleet benchmark"), which is what the documented GNU parallel line does.
//! A repository that cannot be scanned is an error entry (its report says
//! why); the rest go on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use super::scan::{self, Output, Scanned, Verdict};
use crate::cli::ScanArgs;
use crate::exit::{ExitCode, UsageError};
use crate::fleet::{self, Repo, Shard};
use crate::report::contract::{JsonFleetSummary, JsonReport, JsonRepositoryScan};
use crate::report::{self, Format, Report, ReportOptions};
use crate::stats::{ScanError, Stats};

/// `--repos-from` or `--repos-glob` was given.
pub fn requested(a: &ScanArgs) -> bool {
    a.repos_from.is_some() || !a.repos_glob.is_empty()
}

/// `--shard` and `--output-dir` select from a repository list: without one
/// they are a mistake, not something to ignore.
pub fn refuse_fleet_flags(a: &ScanArgs) -> Result<()> {
    for (given, flag) in [
        (a.shard.is_some(), "--shard"),
        (a.output_dir.is_some(), "--output-dir"),
        (a.list_repos, "--list-repos"),
    ] {
        if given {
            return Err(UsageError(format!(
                "{flag} needs a repository list: --repos-from FILE or --repos-glob GLOB"
            ))
            .into());
        }
    }
    Ok(())
}

/// The file extension of a report in `--output-dir`.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Sarif => "sarif",
        Format::Csv => "csv",
        Format::Junit => "xml",
    }
}

/// What one repository came to.
struct Outcome {
    repo: Repo,
    /// `Err`: it could not be scanned (the message).
    scanned: std::result::Result<Scanned, String>,
    duration_ms: u64,
}

/// A repository's verdict; one that could not be scanned is an error.
fn verdict_of(o: &Outcome, out: &Output<'_>) -> Verdict {
    o.scanned
        .as_ref()
        .map_or(Verdict::Errors, |s| s.verdict(out))
}

/// Runs a multi-repository scan and returns its exit code.
#[allow(clippy::print_stderr)]
pub fn run(a: &ScanArgs) -> Result<ExitCode> {
    if a.metrics.is_some() || a.pushgateway.is_some() {
        return Err(UsageError(
            "--metrics and --pushgateway describe one scan; with --repos-from/--repos-glob they are not supported yet".into(),
        )
        .into());
    }
    let out = scan::output(a)?;
    if !a.history && !a.targets.is_empty() {
        return Err(UsageError(
            "with --repos-from/--repos-glob, paths are not given (each repository is scanned whole); revisions need --history".into(),
        )
        .into());
    }
    let shard: Option<Shard> = a
        .shard
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(UsageError::from_display)?;
    let combined = a.output_dir.is_none() || a.output.is_some();
    if combined && matches!(out.format, Format::Csv | Format::Junit) {
        return Err(UsageError(format!(
            "--format {} of several repositories needs --output-dir DIR (one report per repository)",
            extension(out.format).replace("xml", "junit")
        ))
        .into());
    }
    // The user's own config is the same for every repository: a mistake
    // in it is exit 2 before anything is scanned.
    crate::settings::trusted_configs(None)?;
    let entries = entries(a)?;
    if entries.is_empty() {
        return Err(UsageError::from_display(fleet::FleetError::Empty(
            "no repositories: the list is empty and the globs match no directory".into(),
        ))
        .into());
    }
    let repos = fleet::plan(&entries, shard);
    if a.list_repos {
        let mut text = String::new();
        for r in &repos {
            text.push_str(&r.path);
            text.push('\n');
        }
        super::ignore_broken_pipe(std::io::stdout().lock().write_all(text.as_bytes()))?;
        return Ok(ExitCode::OK);
    }
    if let Some(dir) = &a.output_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create --output-dir {}", dir.display()))?;
    }
    let total = repos.len();
    let mut outcomes = Vec::with_capacity(total);
    for (i, repo) in repos.into_iter().enumerate() {
        let o = scan_one(a, &out, repo)?;
        if let Some(dir) = &a.output_dir {
            write_repo_report(dir, &out, &o)?;
        }
        eprintln!(
            "{}",
            progress_line(i + 1, total, &o, &out, a.output_dir.as_deref())
        );
        outcomes.push(o);
    }
    let verdict = outcomes
        .iter()
        .map(|o| verdict_of(o, &out))
        .max()
        .unwrap_or(Verdict::Clean);
    let code = verdict.code(out.exit_code);
    if let Some(dir) = &a.output_dir {
        let summary = summary(&outcomes, &out, shard, code);
        let path = dir.join(format!("{}.json", fleet::SUMMARY_STEM));
        let text = serde_json::to_string_pretty(&serde_json::to_value(&summary)?)? + "\n";
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if combined {
        write_combined(&outcomes, &out)?;
    }
    eprintln!(
        "{}",
        closing_line(&outcomes, shard, a.output_dir.as_deref())
    );
    Ok(code)
}

/// The list: `--repos-from` lines in order, then each glob's matches.
fn entries(a: &ScanArgs) -> Result<Vec<String>> {
    let mut entries = Vec::new();
    if let Some(file) = &a.repos_from {
        let text = if file == Path::new("-") {
            std::io::read_to_string(std::io::stdin().lock())
                .context("cannot read the repository list from stdin")
        } else {
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read --repos-from {}", file.display()))
        }
        .map_err(|e| UsageError(format!("{e:#}")))?;
        entries.extend(fleet::parse_list(&text));
    }
    for g in &a.repos_glob {
        entries.extend(fleet::expand_glob(g).map_err(UsageError::from_display)?);
    }
    Ok(entries)
}

/// The flags of a one-repository scan of `repo`.
fn repo_args(a: &ScanArgs, repo: &Repo) -> ScanArgs {
    let mut args = a.clone();
    args.repos_from = None;
    args.repos_glob.clear();
    args.shard = None;
    args.output_dir = None;
    args.list_repos = false;
    if a.history {
        args.repo = Some(PathBuf::from(&repo.path));
    } else {
        args.targets = vec![repo.path.clone()];
    }
    args
}

/// Scans one repository. An error of the repository (not a repository,
/// unreadable, its own config broken) is its outcome; a mistake that
/// would fail every repository alike (flags, an explicit `--config`) ends
/// the run.
fn scan_one(a: &ScanArgs, out: &Output<'_>, repo: Repo) -> Result<Outcome> {
    let started = Instant::now();
    let request = super::scan_request(&repo_args(a, &repo))?;
    let scanned = match scan::scan_target(&request, out, Some(repo.path.clone())) {
        Ok(s) => Ok(s),
        Err(e)
            if super::exit_code_for(&e) == ExitCode::USAGE
                && (a.config.is_some() || a.no_config) =>
        {
            return Err(e)
        }
        Err(e) => Err(crate::redact::escape_control(&format!("{e:#}")).into_owned()),
    };
    Ok(Outcome {
        repo,
        scanned,
        duration_ms: started.elapsed().as_millis() as u64,
    })
}

/// The stats and error entry of a repository that could not be scanned.
fn failed_parts(repo: &Repo, message: &str) -> (Stats, Vec<ScanError>) {
    let errors = vec![ScanError {
        path: repo.path.clone(),
        message: message.to_string(),
        repository: Some(repo.path.clone()),
    }];
    let stats = Stats {
        errors: 1,
        ..Default::default()
    };
    (stats, errors)
}

/// Renders `o`'s report in `format` (an unscanned repository's report
/// holds its error entry).
fn render(
    o: &Outcome,
    format: Format,
    ropts: ReportOptions,
    show_suppressed: bool,
) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    match &o.scanned {
        Ok(s) => report::write(format, &s.report(show_suppressed), ropts, &mut buf)?,
        Err(message) => {
            let (stats, errors) = failed_parts(&o.repo, message);
            let redactor = crate::redact::Redactor::default();
            let rotations = Default::default();
            let r = Report {
                findings: &[],
                suppressed: &[],
                stats: &stats,
                errors: &errors,
                rules: &[],
                redactor: &redactor,
                rotations: &rotations,
                repository: Some(&o.repo.path),
                provenance: None,
            };
            report::write(format, &r, ropts, &mut buf)?;
        }
    }
    Ok(buf)
}

fn file_options(out: &Output<'_>) -> ReportOptions {
    ReportOptions {
        redact: out.redact,
        color: false,
    }
}

fn write_repo_report(dir: &Path, out: &Output<'_>, o: &Outcome) -> Result<()> {
    let path = dir.join(format!("{}.{}", o.repo.stem, extension(out.format)));
    let buf = render(o, out.format, file_options(out), out.show_suppressed)?;
    std::fs::write(&path, buf).with_context(|| format!("cannot write report to {}", path.display()))
}

/// `o`'s JSON document, as its report file has it.
fn document(o: &Outcome, out: &Output<'_>) -> Result<JsonReport> {
    let bytes = render(o, Format::Json, file_options(out), out.show_suppressed)?;
    Ok(serde_json::from_slice(&bytes)?)
}

/// The combined report of every repository, to `-o FILE` or stdout: JSON
/// merged by fingerprint (as `keyhound report merge` would), SARIF one run
/// per repository, JSONL and text each repository's in turn.
fn write_combined(outcomes: &[Outcome], out: &Output<'_>) -> Result<()> {
    let ropts = ReportOptions {
        redact: out.redact,
        color: out.color && out.path.is_none(),
    };
    let buf = match out.format {
        Format::Json => {
            let docs = outcomes
                .iter()
                .map(|o| document(o, out))
                .collect::<Result<Vec<_>>>()?;
            let merged = report::merge::merge(docs)?;
            let mut b = serde_json::to_vec_pretty(&serde_json::to_value(&merged)?)?;
            b.push(b'\n');
            b
        }
        Format::Sarif => {
            let mut log: Option<serde_json::Value> = None;
            for o in outcomes {
                let mut doc: serde_json::Value =
                    serde_json::from_slice(&render(o, Format::Sarif, ropts, out.show_suppressed)?)?;
                match &mut log {
                    None => log = Some(doc),
                    Some(l) => {
                        let runs = doc["runs"]
                            .as_array_mut()
                            .map(std::mem::take)
                            .unwrap_or_default();
                        if let Some(all) = l["runs"].as_array_mut() {
                            all.extend(runs);
                        }
                    }
                }
            }
            let log = log.unwrap_or_else(|| {
                serde_json::json!({
                    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                    "version": "2.1.0",
                    "runs": [],
                })
            });
            let mut b = serde_json::to_vec_pretty(&log)?;
            b.push(b'\n');
            b
        }
        Format::Text => {
            let mut b = Vec::new();
            for o in outcomes {
                writeln!(b, "── {} ──", crate::redact::escape_control(&o.repo.path))?;
                b.extend(render(o, Format::Text, ropts, out.show_suppressed)?);
            }
            b
        }
        other => {
            let mut b = Vec::new();
            for o in outcomes {
                b.extend(render(o, other, ropts, out.show_suppressed)?);
            }
            b
        }
    };
    match out.path {
        Some(path) => std::fs::write(path, buf)
            .with_context(|| format!("cannot write report to {}", path.display())),
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            super::ignore_broken_pipe(lock.write_all(&buf).and_then(|_| lock.flush()))?;
            Ok(())
        }
    }
}

/// `keyhound: [3/20] mirrors/app.git: 2 findings (2 high) · … → DIR/app.json`.
fn progress_line(
    i: usize,
    total: usize,
    o: &Outcome,
    out: &Output<'_>,
    dir: Option<&Path>,
) -> String {
    let shown = crate::redact::escape_control(&o.repo.path);
    let what = match &o.scanned {
        Ok(s) => report::summary(&s.report(false))
            .trim_start_matches("keyhound: ")
            .to_string(),
        Err(message) => format!("could not be scanned: {message}"),
    };
    let to = dir.map_or_else(String::new, |d| {
        format!(
            " → {}",
            d.join(format!("{}.{}", o.repo.stem, extension(out.format)))
                .display()
        )
    });
    format!("keyhound: [{i}/{total}] {shown}: {what}{to}")
}

fn closing_line(outcomes: &[Outcome], shard: Option<Shard>, dir: Option<&Path>) -> String {
    let failed = outcomes.iter().filter(|o| o.scanned.is_err()).count();
    let findings: usize = outcomes
        .iter()
        .filter_map(|o| o.scanned.as_ref().ok())
        .map(|s| s.result.findings.len())
        .sum();
    let with = outcomes
        .iter()
        .filter_map(|o| o.scanned.as_ref().ok())
        .filter(|s| !s.result.findings.is_empty())
        .count();
    let mut line = format!(
        "keyhound: {} repositor{}",
        outcomes.len(),
        if outcomes.len() == 1 { "y" } else { "ies" }
    );
    if let Some(s) = shard {
        line.push_str(&format!(" (shard {s})"));
    }
    line.push_str(&format!(
        ": {findings} finding{} in {with}, {failed} could not be scanned",
        if findings == 1 { "" } else { "s" }
    ));
    if let Some(d) = dir {
        line.push_str(&format!(
            "; reports and {}.json in {}",
            fleet::SUMMARY_STEM,
            d.display()
        ));
    }
    line
}

fn summary(
    outcomes: &[Outcome],
    out: &Output<'_>,
    shard: Option<Shard>,
    code: ExitCode,
) -> JsonFleetSummary {
    let mut stats = Stats::default();
    let mut repositories = Vec::new();
    let mut findings = 0;
    for o in outcomes {
        let (s, error, n, errors) = match &o.scanned {
            Ok(s) => (
                s.result.stats.clone(),
                None,
                s.result.findings.len(),
                s.result.errors.len(),
            ),
            Err(m) => (failed_parts(&o.repo, m).0, Some(m.clone()), 0, 1),
        };
        stats.add(&s);
        findings += n;
        repositories.push(JsonRepositoryScan {
            duration_ms: o.duration_ms,
            error,
            errors,
            findings: n,
            report: Some(format!("{}.{}", o.repo.stem, extension(out.format))),
            repository: o.repo.path.clone(),
        });
    }
    JsonFleetSummary {
        exit_code: code.0,
        findings,
        repositories,
        shard: shard.map(|s| s.to_string()),
        stats,
        version: crate::report::contract::VERSION,
    }
}
