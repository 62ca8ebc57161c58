//! SARIF 2.1.0 as GitHub code scanning accepts it: rules with help text and
//! `security-severity`, results with `ruleId`, `level`, a physical location
//! and `partialFingerprints` carrying our location-independent fingerprint,
//! so an alert stays the same alert when its file moves.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Report, ReportOptions};
use crate::finding::Finding;
use crate::rules::{Rule, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub maps this 0–10 score to its own critical/high/medium/low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "2.0",
    }
}

fn rule_json(id: &str, f: &Finding, rule: Option<&Rule>) -> Value {
    let help = rule.map_or(f.name.as_str(), Rule::help);
    let mut tags = vec!["security".to_string(), "secret".to_string()];
    if let Some(r) = rule {
        tags.extend(r.tags.iter().cloned());
    }
    json!({
        "id": id,
        "name": f.name,
        "shortDescription": { "text": f.name },
        "fullDescription": { "text": help },
        "help": {
            "text": format!("{help}\n\nRotate the secret at its provider, then remove it from the code (and history). If it is a false positive, add `keyhound:allow` on the line or an allowlist entry to .keyhound.toml."),
        },
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": { "tags": tags, "security-severity": security_severity(f.severity), "precision": "high" },
    })
}

fn result_json(f: &Finding, rule_index: usize, report: &Report<'_>, opts: ReportOptions) -> Value {
    let mut message = format!("{} found: {}", f.name, f.display_secret(opts.redact));
    if let Some(c) = &f.commit {
        message.push_str(&format!(
            " (introduced in {} by {})",
            &c.id[..c.id.len().min(12)],
            report.shown(opts, &c.author)
        ));
    }
    let mut props = json!({
        "fingerprint": f.fingerprint,
        "severity": f.severity.as_str(),
        "source": f.source.as_str(),
        "verification": f.verification.as_str(),
    });
    if let Some(c) = &f.commit {
        props["commit"] = json!(c.id);
        props["author"] = json!(report.shown(opts, &c.author));
        props["date"] = json!(c.date);
    }
    if let Some(h) = f.in_head {
        props["in_head"] = json!(h);
    }
    if !f.decoded.is_empty() {
        props["decoded"] = json!(f.decoded);
        message.push_str(&format!(" (decoded: {})", f.decoded.join(", ")));
    }
    if let (Some(a), Some(m)) = (f.archive(), f.member_name()) {
        props["archive"] = json!(report.shown(opts, &a));
        props["member"] = json!(report.shown(opts, m));
    }
    json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&report.shown(opts, &f.location())) },
                "region": { "startLine": f.line, "startColumn": f.column },
            }
        }],
        "partialFingerprints": { "keyhound/v1": f.fingerprint },
        "properties": props,
    })
}

/// SARIF wants URI references: forward slashes, percent-encoded spaces.
fn uri(path: &str) -> String {
    path.replace('\\', "/").replace(' ', "%20")
}

pub fn write(report: &Report<'_>, opts: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let by_id: BTreeMap<&str, &Rule> = report.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for f in report.findings {
        if !index.contains_key(f.rule.as_str()) {
            index.insert(&f.rule, rules.len());
            rules.push(rule_json(&f.rule, f, by_id.get(f.rule.as_str()).copied()));
        }
    }
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result_json(f, index[f.rule.as_str()], report, opts))
        .collect();
    let notifications: Vec<Value> = super::shown_errors(report, opts)
        .iter()
        .map(|e| json!({ "level": "warning", "message": { "text": format!("{}: {}", e.path, e.message) } }))
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "keyhound",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/keyhound/keyhound",
                "rules": rules,
            }},
            "results": results,
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
