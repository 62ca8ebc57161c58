//! Reporters are sinks: each takes the sorted findings, the stats and the
//! errors of a scan and writes one format to a `Write`. Secrets are redacted
//! unless the caller turns redaction off (`--no-redact`).

mod csv;
mod json;
mod junit;
mod sarif;
mod text;

use std::io::{self, Write};

use crate::finding::Finding;
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
