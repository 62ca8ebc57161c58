//! JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure):
//! each finding is a failed test case; a clean scan is one passing case.

use std::io::{self, Write};

use super::{Report, ReportOptions};

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let n = report.findings.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="keyhound" tests="{}" failures="{n}" errors="{}">"#,
        n.max(1),
        report.errors.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="keyhound" tests="{}" failures="{n}" errors="{}" time="{:.3}">"#,
        n.max(1),
        report.errors.len(),
        report.stats.duration_ms as f64 / 1000.0
    )?;
    if n == 0 {
        writeln!(
            out,
            r#"    <testcase classname="keyhound" name="no secrets found"/>"#
        )?;
    }
    for f in report.findings {
        let location = f.location();
        let path = report.shown(opts, &location);
        let name = format!("{} at {path}:{}:{}", f.rule, f.line, f.column);
        let mut detail = format!(
            "{} ({})\nfingerprint: {}\nsecret: {}\nline: {}",
            f.name,
            f.severity,
            f.fingerprint,
            f.display_secret(opts.redact),
            f.display_line(report.redactor, opts.redact).trim()
        );
        if let Some(c) = &f.commit {
            detail.push_str(&format!(
                "\ncommit: {} by {} <{}> {}\nmessage: {}",
                c.id,
                report.shown(opts, &c.author),
                report.shown(opts, &c.email),
                c.date,
                report.shown(opts, &c.message)
            ));
        }
        if let Some(who) = &f.identity {
            detail.push_str(&format!("\nverified as: {}", report.shown(opts, who)));
        }
        writeln!(
            out,
            r#"    <testcase classname="{}" name="{}">"#,
            escape(&path),
            escape(&name)
        )?;
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            escape(&f.rule),
            escape(&format!("{} found ({})", f.name, f.severity)),
            escape(&detail)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    for e in super::shown_errors(report, opts) {
        writeln!(
            out,
            r#"    <testcase classname="{}" name="read error"><error message="{}"/></testcase>"#,
            escape(&e.path),
            escape(&e.message)
        )?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

/// XML text/attribute escaping; control characters XML 1.0 forbids are dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}
