//! The scan pipeline: a resolved [`ScanPlan`] in, findings and stats out.
//! source → engine → suppression → sort. It reads no config and prints
//! nothing; the app layer (`app/mod.rs`) runs verification, the report and
//! rotation after it (docs/ARCHITECTURE.md).

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::engine::{Engine, Unpack};
use crate::filter::{Filter, FilterSpec};
use crate::finding::{Finding, Suppression};
use crate::fingerprint;
use crate::matcher::Matcher;
use crate::rules::Rule;
use crate::settings::{FilterPlan, ScanPlan, Target};
use crate::source::{self, Progress, SourceOutput};
use crate::stats::{ScanError, Stats};

/// The result of a finished scan, before printing.
pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Finding>,
    pub stats: Stats,
    pub errors: Vec<ScanError>,
    pub rules: Vec<Rule>,
    /// Config constructs understood only in part, and source warnings.
    pub warnings: Vec<String>,
}

/// Scans the plan's target, applies suppression and sorts. `started` is
/// when the run began (the stats' duration covers settings and sources);
/// a history scan reports its progress to `progress`.
pub fn run(plan: ScanPlan, started: Instant, progress: &dyn Progress) -> Result<ScanResult> {
    let ScanPlan {
        target,
        rules,
        threads,
        max_file_size,
        follow_symlinks,
        respect_ignore,
        exclude,
        filter,
        fingerprint_budget,
        mut warnings,
        unpack,
        ..
    } = plan;
    let engine = build_engine(filter, rules.clone(), unpack)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let output = pool.install(|| -> Result<SourceOutput> {
        Ok(match &target {
            Target::Paths(paths) => source::dir::scan_paths(
                &engine,
                paths,
                &source::dir::DirOptions {
                    max_file_size,
                    threads,
                    follow_symlinks,
                    exclude: exclude.clone(),
                    respect_ignore,
                },
            ),
            Target::Stdin => {
                source::stdin::scan_reader(&engine, std::io::stdin().lock(), max_file_size)
            }
            Target::Staged(repo) => source::git::scan_staged(&engine, repo, max_file_size)?,
            Target::History(repo, range) => {
                let h = source::git::HistoryOptions {
                    since: range.since.clone(),
                    revs: range.revs.clone(),
                    branch: range.branch.clone(),
                    all_objects: range.all_objects,
                    max_file_size,
                };
                source::git::scan_history(&engine, repo, &h, progress)?
            }
        })
    })?;
    let SourceOutput {
        findings: mut all,
        mut stats,
        mut errors,
        warnings: mut source_warnings,
    } = output;
    let side = engine.take_side();
    errors.extend(side.errors);
    source_warnings.extend(side.warnings);
    stats.archives += side.archives;
    stats.archive_members += side.members;
    stats.archive_bytes += side.member_bytes;
    if target.is_git() {
        // The directory walk never reads excluded paths; git sources read
        // blobs by id, so their excluded paths are dropped here. The globs
        // were checked when the plan was resolved.
        if let Ok(Some(globs)) = crate::filter::path_globs(&exclude, "exclude") {
            all.retain(|f| !globs.is_match(&f.path));
        }
    }
    // Report order before settling: which secrets get the slow hash must
    // not depend on which thread finished first.
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let settled = pool.install(|| settle_fingerprints(&mut all, fingerprint_budget));
    if settled.past_budget > 0 {
        warnings.push(format!(
            "{} guessable secret(s) past the first {} got fingerprints of their location, \
             not of the secret (--fingerprint-budget raises the budget; README.md \"Fingerprint\")",
            settled.past_budget, fingerprint_budget
        ));
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
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    suppressed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    errors.sort();
    stats.errors = errors.len() as u64;
    stats.duration_ms = started.elapsed().as_millis() as u64;
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

/// Gives every finding its final fingerprint (src/fingerprint.rs
/// `settle`): the slow hash for the first `budget` distinct guessable
/// secrets in report order, a location fingerprint past them.
fn settle_fingerprints(findings: &mut [Finding], budget: usize) -> fingerprint::Settled {
    fingerprint::settle(
        findings.iter_mut().map(|f| {
            let at = fingerprint::Location {
                path: &f.path,
                member: f.member.as_deref(),
                revision: f
                    .commit
                    .as_ref()
                    .map(|c| c.id.as_str())
                    .or(f.blob.as_deref()),
                line: f.line,
                column: f.column,
            };
            // (Not `f.fingerprint_location()`: the fingerprint is borrowed
            // mutably.)
            (&mut f.fingerprint, f.secret.as_bytes(), at)
        }),
        budget,
    )
}

fn build_engine(plan: FilterPlan, rules: Vec<Rule>, unpack: Unpack) -> Result<Engine> {
    let mut filter = Filter::new(FilterSpec {
        allow: plan.allow,
        conditionals: plan.conditionals,
        rules: &rules,
        inline: plan.inline,
        baseline: plan.baseline,
        gitleaks_ignore: plan.gitleaks_ignore,
    })
    .map_err(crate::exit::UsageError)?;
    if let Some(base) = &plan.base {
        filter.set_base(base);
    }
    for f in &plan.own_files {
        filter.allow_file(Path::new(f));
    }
    let matcher = Matcher::new(rules).context("cannot build the keyword prefilter")?;
    Ok(Engine::with_unpack(matcher, filter, unpack))
}
