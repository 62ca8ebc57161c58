//! `keyhound scan`: resolve the plan (every config read once, every
//! section checked), then pipeline → verify → rotate → report (the report
//! carries what rotation did).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::cli::ScanArgs;
use crate::exit::{ExitCode, UsageError};
use crate::finding::Verification;
use crate::pipeline::{self, ScanResult};
use crate::report::{self, Format, Report, ReportOptions};
use crate::rotate::{Resolved, RotateFlags};
use crate::settings::{ScanPlan, ScanRequest, Target};

/// How the report is written (the flags that do not change what is found).
pub(super) struct Output<'a> {
    pub format: Format,
    pub path: Option<&'a Path>,
    pub redact: bool,
    pub color: bool,
    pub exit_code: i32,
    pub show_suppressed: bool,
    pub fail_on_unrotated: bool,
}

/// A finished scan with verification applied, and what rotation needs.
pub struct ScanOutput {
    pub result: ScanResult,
    /// `Some` when rotation was asked for (the plan checked the section).
    pub rotation: Option<(Resolved, RotateFlags)>,
    pub target: Target,
    /// Findings `--only-live` left out of the report: their secrets are
    /// still redacted wherever they appear on a reported line.
    pub not_live: Vec<crate::finding::Finding>,
    /// Verification settings, when on (rotation re-checks with them).
    pub verify: Option<crate::verify::Settings>,
}

/// One target scanned, verified and rotated: everything its report needs.
pub(super) struct Scanned {
    pub result: ScanResult,
    rotations: std::collections::BTreeMap<String, crate::report::contract::JsonRotation>,
    rotation_failed: bool,
    redactor: crate::redact::Redactor,
    /// Set in a multi-repository scan (`repository` of the report).
    pub repository: Option<String>,
    /// The repository, revision and branch of a git scan written as SARIF.
    provenance: Option<crate::source::git::Provenance>,
}

impl Scanned {
    /// The report of this scan (suppressed findings listed when asked).
    pub fn report(&self, show_suppressed: bool) -> Report<'_> {
        Report {
            findings: &self.result.findings,
            suppressed: if show_suppressed {
                &self.result.suppressed
            } else {
                &[]
            },
            stats: &self.result.stats,
            errors: &self.result.errors,
            rules: &self.result.rules,
            redactor: &self.redactor,
            rotations: &self.rotations,
            repository: self.repository.as_deref(),
            provenance: self.provenance.as_ref(),
        }
    }

    /// What this scan's exit code says (README.md "Exit codes").
    pub fn verdict(&self, out: &Output<'_>) -> Verdict {
        if self.rotation_failed {
            return Verdict::RotationFailed;
        }
        let report = self.report(false);
        verdict(&self.result, out.fail_on_unrotated.then_some(&report))
    }
}

/// Runs `keyhound scan` and returns its exit code.
#[allow(clippy::print_stderr)]
pub fn run(args: &ScanArgs) -> Result<ExitCode> {
    if super::fleet::requested(args) {
        return super::fleet::run(args);
    }
    super::fleet::refuse_fleet_flags(args)?;
    let out = output(args)?;
    if let Some(url) = &args.pushgateway {
        // A bad URL is a usage error before the scan, not after it.
        crate::metrics::push_url(url, "scan").map_err(UsageError::from_display)?;
    }
    let request = super::scan_request(args)?;
    let scanned = scan_target(&request, &out, None)?;
    let ropts = ReportOptions {
        redact: out.redact,
        color: out.color && out.path.is_none(),
    };
    write_report(&out, &scanned.report(out.show_suppressed), ropts)?;
    if let Some(line) = errors_line(&scanned.result.errors, &scanned.redactor) {
        eprintln!("{line}");
    }
    super::emit_metrics(
        &scan_metrics(&scanned.result),
        args.metrics.as_deref(),
        args.pushgateway.as_deref(),
        "scan",
    )?;
    Ok(scanned.verdict(&out).code(out.exit_code))
}

/// Scans one target: pipeline → verify → rotate (its account on stderr,
/// so that the report carries each finding's rotation state). Warnings go
/// to stderr, redacted.
#[allow(clippy::print_stderr)]
pub(super) fn scan_target(
    request: &ScanRequest,
    out: &Output<'_>,
    repository: Option<String>,
) -> Result<Scanned> {
    let ScanOutput {
        result,
        rotation,
        target,
        not_live,
        verify,
    } = scan_and_verify(request)?;
    let mut summary = None;
    if let Some((resolved, flags)) = rotation {
        if !result.findings.is_empty() {
            let recheck = |leak: &crate::rotate::Leak| recheck(leak, &result, verify.as_ref());
            summary = Some(crate::rotate::after_scan(
                &resolved,
                &result.findings,
                flags,
                target.is_staged(),
                target.repository().as_deref(),
                &mut std::io::stderr().lock(),
                &recheck,
            )?);
        }
    }
    // Every secret of the run, listed or not: a suppressed secret or one
    // found in a commit message may sit on a reported line too.
    let redactor = if out.redact {
        crate::redact::Redactor::new(
            result
                .findings
                .iter()
                .chain(&result.suppressed)
                .chain(&not_live)
                .map(|f| f.secret.as_str()),
        )
    } else {
        crate::redact::Redactor::default()
    };
    for w in &result.warnings {
        let w = redactor.scrub(w);
        eprintln!("keyhound: warning: {}", crate::redact::escape_control(&w));
    }
    let provenance = match &target {
        Target::Staged(repo) | Target::History(repo, _) if out.format == Format::Sarif => {
            crate::source::git::provenance(repo)
        }
        _ => None,
    };
    Ok(Scanned {
        result,
        rotation_failed: summary.as_ref().is_some_and(|s| s.failed()),
        rotations: summary.map(|s| s.rotations).unwrap_or_default(),
        redactor,
        repository,
        provenance,
    })
}

/// The scan's metrics: reported findings per rule and severity, and the
/// scan's own figures.
fn scan_metrics(result: &ScanResult) -> crate::metrics::Snapshot {
    let findings = result
        .findings
        .iter()
        .map(|f| crate::metrics::FindingCount {
            rule: f.rule.clone(),
            severity: f.severity,
            count: 1,
        })
        .collect();
    crate::metrics::Snapshot {
        scan: Some(crate::metrics::ScanMetrics {
            finished_at: jiff::Timestamp::now(),
            duration: std::time::Duration::from_millis(result.stats.duration_ms),
            bytes: result.stats.bytes,
            errors: result.stats.errors,
            findings,
        }),
        rotation: None,
    }
}

/// What could not be read, as the one `keyhound: error: …` line on stderr
/// that every error gets — the report (perhaps a file) lists each one.
fn errors_line(
    errors: &[crate::stats::ScanError],
    redactor: &crate::redact::Redactor,
) -> Option<String> {
    let first = errors.first()?;
    let raw = format!("{}: {}", first.path, first.message);
    let scrubbed = redactor.scrub(&raw);
    let what = crate::redact::escape_control(&scrubbed);
    Some(match errors.len() {
        1 => format!("keyhound: error: {what}"),
        n => format!("keyhound: error: {n} paths or objects could not be read (all listed in the report), first {what}"),
    })
}

/// The rule's verify block, run again on `leak`'s value (after its
/// rotation); `None` without verification or a verify block.
fn recheck(
    leak: &crate::rotate::Leak,
    result: &ScanResult,
    settings: Option<&crate::verify::Settings>,
) -> Option<Verification> {
    let settings = settings?;
    let sha = leak.sha256.as_deref()?;
    let is_leak =
        |f: &crate::finding::Finding| crate::finding::secret_sha256(f.secret.as_bytes()) == sha;
    // The leak's findings and their neighbours in the same file (a key
    // id's secret key: multi-part checks pair them there).
    let places: Vec<(&str, Option<&str>)> = result
        .findings
        .iter()
        .filter(|f| is_leak(f))
        .map(|f| (f.path.as_str(), f.commit.as_ref().map(|c| c.id.as_str())))
        .collect();
    let mut again: Vec<crate::finding::Finding> = result
        .findings
        .iter()
        .filter(|f| places.contains(&(f.path.as_str(), f.commit.as_ref().map(|c| c.id.as_str()))))
        .cloned()
        .collect();
    for f in &mut again {
        f.verification = Verification::NotChecked;
    }
    crate::verify::verify_findings(&mut again, &result.rules, settings);
    let outcomes: Vec<&Verification> = again
        .iter()
        .filter(|f| is_leak(f))
        .map(|f| &f.verification)
        .collect();
    if outcomes.contains(&&Verification::Live) {
        Some(Verification::Live)
    } else if outcomes.contains(&&Verification::Dead) {
        Some(Verification::Dead)
    } else {
        None
    }
}

/// Resolves the request, runs the pipeline, then verification: the part
/// of a scan that `keyhound baseline` shares.
pub fn scan_and_verify(request: &ScanRequest) -> Result<ScanOutput> {
    let started = Instant::now();
    let plan = ScanPlan::resolve(request)?;
    let verify = plan.verify.clone();
    let only_live = plan.only_live;
    let rotation = plan.rotation.clone().map(|r| (r, plan.rotate));
    let target = plan.target.clone();
    let bar = super::progress::Bar::new(
        matches!(target, Target::History(..)) && std::io::stderr().is_terminal(),
    );
    let mut result = pipeline::run(plan, started, &bar)?;
    let mut not_live = Vec::new();
    if let Some(settings) = &verify {
        crate::verify::apply(&mut result.findings, &result.rules, settings);
        if only_live {
            let (live, rest) = std::mem::take(&mut result.findings)
                .into_iter()
                .partition(|f| f.verification == Verification::Live);
            result.findings = live;
            not_live = rest;
        }
    }
    Ok(ScanOutput {
        result,
        rotation,
        target,
        not_live,
        verify,
    })
}

/// No `-o`, or `-o -`: the report goes to stdout.
fn to_stdout(a: &ScanArgs) -> bool {
    a.output.as_deref().is_none_or(|p| p == Path::new("-"))
}

pub(super) fn output(a: &ScanArgs) -> Result<Output<'_>> {
    // NO_COLOR (no-color.org): any non-empty value turns colour off.
    let no_color =
        a.gitleaks.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match a.color.as_str() {
        "auto" if no_color => false,
        "auto" => to_stdout(a) && std::io::stdout().is_terminal(),
        "always" => true,
        "never" => false,
        other => {
            return Err(
                UsageError(format!("--color {other:?}: expected auto, always or never")).into(),
            )
        }
    };
    Ok(Output {
        format: a.format,
        path: a.output.as_deref().filter(|_| !to_stdout(a)),
        redact: !a.no_redact,
        color,
        exit_code: a.exit_code,
        show_suppressed: a.show_suppressed,
        fail_on_unrotated: a.fail_on_unrotated,
    })
}

/// What a scan's exit code says, in precedence order (README.md "Exit
/// codes"): a multi-repository scan takes the worst over its repositories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Verdict {
    Clean,
    Errors,
    Findings,
    Live,
    RotationFailed,
}

impl Verdict {
    /// The exit code, `findings_code` being `--exit-code`.
    pub fn code(self, findings_code: i32) -> ExitCode {
        match self {
            Verdict::Clean => ExitCode::OK,
            Verdict::Errors => ExitCode::RUNTIME,
            Verdict::Findings => ExitCode(findings_code),
            Verdict::Live => ExitCode::LIVE,
            Verdict::RotationFailed => ExitCode::ROTATION_FAILED,
        }
    }
}

/// The verdict of a scan; with `--fail-on-unrotated` (`rotated` set),
/// findings whose key this run proved dead by rotation do not count.
fn verdict(result: &ScanResult, rotated: Option<&Report<'_>>) -> Verdict {
    let counts = |f: &&crate::finding::Finding| {
        rotated.is_none_or(|r| r.rotation(f).is_none_or(|x| x.state != "verified"))
    };
    let findings: Vec<&crate::finding::Finding> = result.findings.iter().filter(counts).collect();
    if findings
        .iter()
        .any(|f| f.verification == Verification::Live)
    {
        return Verdict::Live;
    }
    if !findings.is_empty() {
        return Verdict::Findings;
    }
    if !result.errors.is_empty() {
        return Verdict::Errors;
    }
    Verdict::Clean
}

/// Writes the report to its file (and a summary line to stderr) or to
/// stdout. A reader that closes the pipe early (`| head`) ends the output
/// quietly, whatever the format.
#[allow(clippy::print_stderr)]
pub(super) fn write_report(
    out: &Output<'_>,
    report: &Report<'_>,
    ropts: ReportOptions,
) -> Result<()> {
    match out.path {
        Some(path) => {
            let mut buf = Vec::new();
            report::write(out.format, report, ropts, &mut buf)?;
            std::fs::write(path, buf)
                .with_context(|| format!("cannot write report to {}", path.display()))?;
            if out.format != Format::Text {
                // Keep a human summary on stderr when the report goes to a file.
                eprintln!("{}", report::summary(report));
            }
        }
        None => {
            // Rendered in full first: the writers' own error types (csv,
            // serde) would hide a broken pipe inside theirs.
            let mut buf = Vec::new();
            report::write(out.format, report, ropts, &mut buf)?;
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            super::ignore_broken_pipe(lock.write_all(&buf).and_then(|_| lock.flush()))?;
        }
    }
    Ok(())
}
