//! Reporters are sinks: each takes the sorted findings, the stats and the
//! errors of a scan and writes one format to a `Write`. Secrets are redacted
//! unless the caller turns redaction off (`--no-redact`): not only each
//! finding's own secret but every secret of the run, wherever scanned data
//! is repeated (context lines, paths, commit metadata, provider answers,
//! error messages) — see [`Report::shown`].

pub mod contract;
mod csv;
mod json;
mod junit;
pub mod merge;
mod sarif;
mod text;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::finding::Finding;
use crate::redact::Redactor;
use crate::rules::Rule;
use crate::stats::{ScanError, Stats};

/// Output formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Csv,
    Junit,
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    pub redact: bool,
    /// ANSI colour (text only; on when writing to a terminal).
    pub color: bool,
}

/// What a scan produced, ready to print.
pub struct Report<'a> {
    /// Reported findings, sorted.
    pub findings: &'a [Finding],
    /// Suppressed findings, listed only with `--show-suppressed`.
    pub suppressed: &'a [Finding],
    pub stats: &'a Stats,
    pub errors: &'a [ScanError],
    /// The ruleset, for rule metadata (SARIF `tool.driver.rules`).
    pub rules: &'a [Rule],
    /// Every secret of the run — reported, suppressed (listed or not) and
    /// found in commit messages — so that no displayed string repeats one.
    pub redactor: &'a Redactor,
    /// What rotation did, per key (the fingerprint's hash part); empty
    /// without `--rotate`.
    pub rotations: &'a BTreeMap<String, contract::JsonRotation>,
    /// The repository, revision and branch a git scan read (SARIF
    /// `versionControlProvenance`); `None` for files and stdin.
    pub provenance: Option<&'a crate::source::git::Provenance>,
    /// The repository of a multi-repository scan: every finding and error
    /// carries it (`repository`); `None` in a one-repository scan.
    pub repository: Option<&'a str>,
}

impl Report<'_> {
    /// The rotation of `f`'s key in this run, if any.
    pub fn rotation(&self, f: &Finding) -> Option<&contract::JsonRotation> {
        let hash = f
            .fingerprint
            .rsplit_once(':')
            .map_or(f.fingerprint.as_str(), |(_, h)| h);
        self.rotations.get(hash)
    }

    /// A string taken from scanned data (a path, a commit message, an
    /// author, a provider's identity or reason, an error) as reports show
    /// it: with every secret of the run redacted unless `--no-redact`.
    pub fn shown<'s>(&self, opts: ReportOptions, s: &'s str) -> Cow<'s, str> {
        if opts.redact {
            self.redactor.scrub(s)
        } else {
            Cow::Borrowed(s)
        }
    }

    /// [`Report::shown`] for optional strings.
    pub fn shown_opt(&self, opts: ReportOptions, s: Option<&str>) -> Option<String> {
        s.map(|s| self.shown(opts, s).into_owned())
    }
}

/// The scan errors as reports show them (a path may hold a secret).
pub(crate) fn shown_errors(report: &Report<'_>, opts: ReportOptions) -> Vec<ScanError> {
    report
        .errors
        .iter()
        .map(|e| ScanError {
            path: report.shown(opts, &e.path).into_owned(),
            message: report.shown(opts, &e.message).into_owned(),
            repository: e
                .repository
                .clone()
                .or_else(|| report.repository.map(str::to_string)),
        })
        .collect()
}

/// Writes `report` in `format`.
pub fn write(
    format: Format,
    report: &Report<'_>,
    opts: ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(report, opts, out),
        Format::Json => json::write(report, opts, out),
        Format::Jsonl => json::write_lines(report, opts, out),
        Format::Sarif => sarif::write(report, opts, out),
        Format::Csv => csv::write(report, opts, out),
        Format::Junit => junit::write(report, opts, out),
    }
}

pub use json::finding_json;
pub use text::summary;
