//! The JSON report (DESIGN.md's contract) and its one-finding-per-line form.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Report, ReportOptions};
use crate::finding::Finding;

/// One finding as the JSON contract spells it. Fields beyond the contract
/// (`blob`, `later_commits`, `verification_reason`, `suppressed`) are additive.
pub fn finding_json(f: &Finding, redact: bool) -> Value {
    let c = f.commit.as_ref();
    json!({
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.as_str(),
        "fingerprint": f.fingerprint,
        "secret": f.display_secret(redact),
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "source": f.source.as_str(),
        "commit": c.map(|c| &c.id),
        "author": c.map(|c| &c.author),
        "email": c.map(|c| &c.email),
        "date": c.map(|c| &c.date),
        "message": c.map(|c| &c.message),
        "in_head": f.in_head,
        "verification": f.verification.as_str(),
        "verification_reason": f.verification.reason(),
        "verified_identity": f.identity,
        "blob": f.blob,
        "later_commits": f.later_commits,
        "suppressed": f.suppressed.map(|s| s.as_str()),
    })
}

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut doc = json!({
        "version": 1,
        "findings": report.findings.iter().map(|f| finding_json(f, opts.redact)).collect::<Vec<_>>(),
        "stats": report.stats,
        "errors": report.errors,
    });
    if !report.suppressed.is_empty() {
        doc["suppressed"] = report
            .suppressed
            .iter()
            .map(|f| finding_json(f, opts.redact))
            .collect();
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// One finding object per line; nothing else (stats go to the text summary on stderr).
pub fn write_lines(
    report: &Report<'_>,
    opts: ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for f in report.findings.iter().chain(report.suppressed) {
        serde_json::to_writer(&mut *out, &finding_json(f, opts.redact))?;
        writeln!(out)?;
    }
    Ok(())
}
