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
        let commit =
            |get: fn(&crate::finding::CommitInfo) -> &str| c.map(get).unwrap_or("").to_string();
        w.write_record([
            f.rule.clone(),
            f.name.clone(),
            f.severity.to_string(),
            f.fingerprint.clone(),
            f.display_secret(opts.redact),
            f.path.clone(),
            f.line.to_string(),
            f.column.to_string(),
            f.source.to_string(),
            commit(|c| &c.id),
            commit(|c| &c.author),
            commit(|c| &c.email),
            commit(|c| &c.date),
            commit(|c| &c.message),
            f.in_head.map(|b| b.to_string()).unwrap_or_default(),
            f.verification.as_str().to_string(),
            f.suppressed
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
        ])?;
    }
    w.flush()
}
