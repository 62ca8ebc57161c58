//! The JSON report (DESIGN.md's contract) and its one-finding-per-line form.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Report, ReportOptions};
use crate::finding::Finding;

/// One finding as the JSON contract spells it. Fields beyond the contract
/// (`blob`, `later_commits`, `verification_reason`, `suppressed`) are additive.
/// Strings from scanned data go through [`Report::shown`].
pub fn finding_json(f: &Finding, report: &Report<'_>, opts: ReportOptions) -> Value {
    let c = f.commit.as_ref();
    let shown = |s: Option<&str>| report.shown_opt(opts, s);
    json!({
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.as_str(),
        "fingerprint": f.fingerprint,
        "secret": f.display_secret(opts.redact),
        "path": shown(Some(&f.path)),
        "line": f.line,
        "column": f.column,
        "source": f.source.as_str(),
        "commit": c.map(|c| &c.id),
        "author": shown(c.map(|c| c.author.as_str())),
        "email": shown(c.map(|c| c.email.as_str())),
        "date": c.map(|c| &c.date),
        "message": shown(c.map(|c| c.message.as_str())),
        "in_head": f.in_head,
        "verification": f.verification.as_str(),
        "verification_reason": shown(f.verification.reason()),
        "verified_identity": shown(f.identity.as_deref()),
        "blob": f.blob,
        "later_commits": f.later_commits,
        "suppressed": f.suppressed.map(|s| s.as_str()),
    })
}

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut doc = json!({
        "version": 1,
        "findings": report.findings.iter().map(|f| finding_json(f, report, opts)).collect::<Vec<_>>(),
        "stats": report.stats,
        "errors": super::shown_errors(report, opts),
    });
    if !report.suppressed.is_empty() {
        doc["suppressed"] = report
            .suppressed
            .iter()
            .map(|f| finding_json(f, report, opts))
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
        serde_json::to_writer(&mut *out, &finding_json(f, report, opts))?;
        writeln!(out)?;
    }
    Ok(())
}
