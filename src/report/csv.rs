//! CSV: one row per finding, for spreadsheets and quick `cut`/`awk` work.

use std::io::{self, Write};

use super::{Report, ReportOptions};

const HEADER: [&str; 17] = [
    "rule",
    "name",
    "severity",
    "fingerprint",
    "secret",
    "path",
    "line",
    "column",
    "source",
    "commit",
    "author",
    "email",
    "date",
    "message",
    "in_head",
    "verification",
    "suppressed",
];

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for f in report.findings.iter().chain(report.suppressed) {
        let c = f.commit.as_ref();
        let shown = |s: Option<&str>| report.shown_opt(opts, s).unwrap_or_default();
        w.write_record([
            f.rule.clone(),
            f.name.clone(),
            f.severity.to_string(),
            f.fingerprint.clone(),
            f.display_secret(opts.redact),
            shown(Some(&f.location())),
            f.line.to_string(),
            f.column.to_string(),
            f.source.to_string(),
            c.map(|c| c.id.clone()).unwrap_or_default(),
            shown(c.map(|c| c.author.as_str())),
            shown(c.map(|c| c.email.as_str())),
            c.map(|c| c.date.clone()).unwrap_or_default(),
            shown(c.map(|c| c.message.as_str())),
            f.in_head.map(|b| b.to_string()).unwrap_or_default(),
            f.verification.as_str().to_string(),
            f.suppressed
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        ])?;
    }
    w.flush()
}
