//! The JSON report (README.md, "The JSON report"; its types are in
//! `contract.rs`) and its one-finding-per-line form.

use std::io::{self, Write};

use super::contract::{JsonCell, JsonFinding, JsonReport, VERSION};
use super::{Report, ReportOptions};
use crate::finding::Finding;

/// One finding as the JSON contract spells it. Fields beyond the contract
/// (`blob`, `later_commits`, `verification_reason`, `suppressed`) are additive.
/// Strings from scanned data go through [`Report::shown`].
pub fn finding_json(f: &Finding, report: &Report<'_>, opts: ReportOptions) -> JsonFinding {
    let c = f.commit.as_ref();
    let shown = |s: Option<&str>| report.shown_opt(opts, s);
    JsonFinding {
        rule: f.rule.clone(),
        name: f.name.clone(),
        severity: f.severity.as_str().to_string(),
        fingerprint: f.fingerprint.clone(),
        secret: f.display_secret(opts.redact),
        path: report.shown(opts, &f.location()).into_owned(),
        archive: shown(f.archive().as_deref()),
        member: shown(f.member_name()),
        decoded: (!f.decoded.is_empty()).then(|| f.decoded.iter().map(|d| d.to_string()).collect()),
        line: f.line,
        column: f.column,
        source: f.source.as_str().to_string(),
        commit: c.map(|c| c.id.clone()),
        author: shown(c.map(|c| c.author.as_str())),
        email: shown(c.map(|c| c.email.as_str())),
        date: c.map(|c| c.date.clone()),
        message: shown(c.map(|c| c.message.as_str())),
        in_head: f.in_head,
        verification: f.verification.as_str().to_string(),
        verification_reason: shown(f.verification.reason()),
        verified_identity: shown(f.identity.as_deref()),
        blob: f.blob.clone(),
        cell: f.cell.map(|c| JsonCell {
            index: c.cell,
            line: c.line,
            part: c.part.as_str().to_string(),
        }),
        key: shown(f.key.as_deref()),
        later_commits: f.later_commits,
        suppressed: f.suppressed.map(|s| s.as_str().to_string()),
        rotation: report.rotation(f).cloned(),
        repository: report.repository.map(str::to_string),
        also_at: Vec::new(),
    }
}

/// The whole report, as the contract's type.
pub fn document(report: &Report<'_>, opts: ReportOptions) -> JsonReport {
    JsonReport {
        version: VERSION,
        findings: report
            .findings
            .iter()
            .map(|f| finding_json(f, report, opts))
            .collect(),
        stats: report.stats.clone(),
        errors: super::shown_errors(report, opts),
        suppressed: report
            .suppressed
            .iter()
            .map(|f| finding_json(f, report, opts))
            .collect(),
    }
}

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    // Through `Value`, whose maps sort their keys: the nested stats keep
    // the sorted order every earlier version printed.
    let doc = serde_json::to_value(document(report, opts)).map_err(io::Error::from)?;
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
