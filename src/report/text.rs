//! Human output: one block per finding, then a one-line summary. Every
//! string from scanned data is redacted (see [`Report::shown`]) and then
//! stripped of terminal control ([`escape_control`]): a file's contents or
//! name can neither drive the terminal nor split a line.

use std::io::{self, Write};

use super::{Report, ReportOptions};
use crate::finding::Finding;
use crate::finding::Verification;
use crate::redact::escape_control;
use crate::rules::Severity;

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let paint = Paint(opts.color);
    for f in report.findings {
        block(f, report, opts, &paint, out)?;
    }
    for f in report.suppressed {
        block(f, report, opts, &paint, out)?;
    }
    for e in super::shown_errors(report, opts) {
        writeln!(
            out,
            "{} {}: {}",
            paint.wrap("33", "error:"),
            escape_control(&e.path),
            escape_control(&e.message)
        )?;
    }
    writeln!(out, "{}", summary(report))
}

fn block(
    f: &Finding,
    report: &Report<'_>,
    opts: ReportOptions,
    paint: &Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Scanned data, redacted and made safe for the terminal.
    let show = |s: &str| escape_control(&report.shown(opts, s)).into_owned();
    let sev_colour = match f.severity {
        Severity::Critical | Severity::High => "1;31",
        Severity::Medium => "33",
        Severity::Low => "36",
    };
    let mut title = format!(
        "{} [{}] {}",
        paint.wrap("1", &escape_control(&f.rule)),
        paint.wrap(sev_colour, f.severity.as_str()),
        escape_control(&f.name)
    );
    if let Some(s) = f.suppressed {
        title.push_str(&format!(" (suppressed: {})", s.as_str()));
    }
    if f.verification == Verification::Live {
        title = format!("{} {title}", paint.wrap("1;41;97", " LIVE KEY "));
    }
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "  {:<12}{}:{}:{}",
        "location",
        show(&f.location()),
        f.line,
        f.column
    )?;
    if !f.decoded.is_empty() {
        writeln!(out, "  {:<12}{}", "decoded", f.decoded.join(" → "))?;
    }
    if let Some(key) = &f.key {
        writeln!(out, "  {:<12}{}", "key", show(key))?;
    }
    if let Some(c) = f.cell {
        writeln!(
            out,
            "  {:<12}cell {}, {} line {}",
            "notebook",
            c.cell,
            c.part.as_str(),
            c.line
        )?;
    }
    writeln!(
        out,
        "  {:<12}{}",
        "line",
        escape_control(f.display_line(report.redactor, opts.redact).trim())
    )?;
    writeln!(
        out,
        "  {:<12}{}",
        "secret",
        escape_control(&f.display_secret(opts.redact))
    )?;
    writeln!(
        out,
        "  {:<12}{}",
        "fingerprint",
        escape_control(&f.fingerprint)
    )?;
    if let Some(c) = &f.commit {
        let short = &c.id[..c.id.len().min(12)];
        writeln!(
            out,
            "  {:<12}{short} {} <{}> {}",
            "commit",
            show(&c.author),
            show(&c.email),
            c.date
        )?;
        writeln!(out, "  {:<12}{}", "message", show(&c.message))?;
    } else if let Some(b) = &f.blob {
        writeln!(out, "  {:<12}{b}", "blob")?;
    }
    if let Some(in_head) = f.in_head {
        let later = f.later_commits.unwrap_or(0);
        writeln!(
            out,
            "  {:<12}{} (re-introduced by {later} later commits)",
            "in HEAD",
            if in_head { "yes" } else { "no" }
        )?;
    }
    if f.verification != Verification::NotChecked {
        let status = show(&f.verification.to_string());
        match &f.identity {
            Some(who) => writeln!(out, "  {:<12}{status} (as {})", "verified", show(who))?,
            None => writeln!(out, "  {:<12}{status}", "verified")?,
        }
    }
    if let Some(r) = report.rotation(f) {
        writeln!(out, "  {:<12}{}", "rotation", escape_control(&r.state))?;
        for t in &r.targets {
            writeln!(
                out,
                "  {:<12}  {} {}: {} (event {})",
                "",
                escape_control(&t.target),
                escape_control(&t.state),
                escape_control(&t.message),
                t.event_id
            )?;
        }
    }
    writeln!(out)
}

/// `keyhound: 2 findings (1 critical, 1 high) · 120 files, 4.1 MB in 35 ms · 1 suppressed · 0 errors`
pub fn summary(report: &Report<'_>) -> String {
    let s = report.stats;
    let n = report.findings.len();
    let mut by_sev = Vec::new();
    for sev in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ] {
        let c = report.findings.iter().filter(|f| f.severity == sev).count();
        if c > 0 {
            by_sev.push(format!("{c} {sev}"));
        }
    }
    let mut line = format!("keyhound: {n} finding{}", if n == 1 { "" } else { "s" });
    if !by_sev.is_empty() {
        line.push_str(&format!(" ({})", by_sev.join(", ")));
    }
    let live = report
        .findings
        .iter()
        .filter(|f| f.verification == Verification::Live)
        .count();
    if live > 0 {
        line.push_str(&format!(", {live} LIVE"));
    }
    if s.commits > 0 {
        line.push_str(&format!(" · {} commits", s.commits));
    }
    line.push_str(&format!(
        " · {} files, {} blobs, {:.1} MB in {} ms",
        s.files,
        s.blobs,
        s.bytes as f64 / 1e6,
        s.duration_ms
    ));
    let skipped = s.skipped_binary + s.skipped_too_large;
    if skipped > 0 {
        line.push_str(&format!(
            " · skipped {} binary, {} too large",
            s.skipped_binary, s.skipped_too_large
        ));
    }
    let sup = &s.suppressed;
    let suppressed = sup.inline + sup.allowlist + sup.baseline;
    if suppressed > 0 {
        line.push_str(&format!(
            " · {suppressed} suppressed (inline {}, allowlist {}, baseline {})",
            sup.inline, sup.allowlist, sup.baseline
        ));
    }
    if s.shallow {
        line.push_str(" · shallow clone: history stops at the shallow boundary");
    }
    line.push_str(&format!(" · {} errors", s.errors));
    line
}
