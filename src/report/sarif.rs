//! SARIF 2.1.0 as the OASIS schema and GitHub code scanning accept it: rules
//! with help text and `security-severity`, results with `ruleId`, `level`,
//! a physical location and `partialFingerprints` carrying our
//! location-independent fingerprint, so an alert stays the same alert when
//! its file moves or no longer exists.
//!
//! Locations: every `uri` is a valid RFC 3986 URI reference (everything but
//! unreserved characters and `/` percent-encoded, so `%`, `#`, `?`, spaces,
//! newlines and non-ASCII survive), relative to the root of the repository
//! the file is in (`uriBaseId` `%SRCROOT%`), whatever the working
//! directory; a file outside any repository keeps a path relative to the
//! working directory, or an absolute `file:` URI. What has no file — a
//! commit message, a blob no ref reaches, stdin — still gets a physical
//! location (GitHub rejects a result without one) under its encoded pseudo
//! path (`%3Ccommit%20message%3E`), plus a logical location naming the
//! commit or blob; history findings carry the commit in `properties`.
//! A git scan's run names its repository (the remote's URI, without
//! credentials), HEAD's commit and branch in `versionControlProvenance`.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{json, Value};

use super::{Report, ReportOptions};
use crate::finding::Finding;
use crate::rules::{Rule, Severity};
use crate::source::git::Provenance;

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
    if let Some(r) = report.repository {
        props["repository"] = json!(r);
    }
    if let Some(r) = report.rotation(f) {
        props["rotation"] = json!(r);
    }
    if !f.decoded.is_empty() {
        props["decoded"] = json!(f.decoded);
        message.push_str(&format!(" (decoded: {})", f.decoded.join(", ")));
    }
    if let Some(key) = &f.key {
        props["key"] = json!(report.shown(opts, key));
    }
    if let Some(c) = f.cell {
        props["cell"] = json!({"index": c.cell, "line": c.line, "part": c.part.as_str()});
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
        "locations": [location(f, &report.shown(opts, &f.location()))],
        "partialFingerprints": partial_fingerprints(&f.fingerprint),
        "properties": props,
    })
}

/// `keyhound/v1` is our fingerprint (a contract); `primaryLocationLineHash`
/// is the key GitHub documents for alert tracking. Given here, it is not
/// computed by upload-sarif from the file's line — which fails or changes
/// for a file that is gone from HEAD or moved — so one secret stays one
/// alert across runs.
fn partial_fingerprints(fingerprint: &str) -> Value {
    let hash = fingerprint.rsplit(':').next().unwrap_or(fingerprint);
    json!({ "keyhound/v1": fingerprint, "primaryLocationLineHash": format!("{hash}:1") })
}

/// The result's one location: physical always, logical too for what has no file.
fn location(f: &Finding, shown_path: &str) -> Value {
    let pseudo = is_pseudo_path(f);
    let artifact = if pseudo {
        json!({ "uri": encode(shown_path) })
    } else {
        artifact_location(f, shown_path)
    };
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": { "startLine": f.line.max(1), "startColumn": f.column.max(1) },
        }
    });
    let logical = match (&f.commit, &f.blob) {
        (Some(c), _) if f.path == crate::source::git::COMMIT_MESSAGE_PATH => Some(
            json!({ "name": "message", "fullyQualifiedName": format!("commit {}", c.id), "kind": "commit-message" }),
        ),
        (_, Some(b)) if pseudo => Some(
            json!({ "name": b, "fullyQualifiedName": format!("blob {b}"), "kind": "git-blob" }),
        ),
        _ => None,
    };
    if let Some(l) = logical {
        loc["logicalLocations"] = json!([l]);
    }
    loc
}

/// A name keyhound gives content that is not a file: `<commit message>`,
/// `<object …>`, `<stdin>`.
fn is_pseudo_path(f: &Finding) -> bool {
    use crate::finding::SourceKind;
    matches!(
        f.source,
        SourceKind::History | SourceKind::Object | SourceKind::Stdin
    ) && f.path.starts_with('<')
        && f.path.ends_with('>')
}

/// A file's location: relative to its repository's root for files on disk
/// inside a repository; git paths (history, staged) already are.
fn artifact_location(f: &Finding, shown_path: &str) -> Value {
    use crate::finding::SourceKind;
    if f.source != SourceKind::File || shown_path != f.path {
        // Git paths are repository-relative; a path with a redacted secret
        // in it cannot be resolved on disk.
        return json!({ "uri": encode(shown_path), "uriBaseId": "%SRCROOT%" });
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs = normalize(&cwd.join(&f.path));
    if let Some(root) = abs.parent().and_then(repository_root) {
        if let Ok(rel) = abs.strip_prefix(&root) {
            return json!({ "uri": encode_path(rel), "uriBaseId": "%SRCROOT%" });
        }
    }
    match abs.strip_prefix(&cwd) {
        Ok(rel) if Path::new(&f.path).is_relative() => json!({ "uri": encode_path(rel) }),
        _ => json!({ "uri": format!("file://{}", encode_path(&abs)) }),
    }
}

/// `.` and `..` resolved without touching the file system (a symlinked
/// directory keeps the path the user gave).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The nearest directory at or above `dir` holding `.git` (a directory, or
/// the file of a worktree or submodule).
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// A path as URI path segments joined by `/`.
fn encode_path(p: &Path) -> String {
    let parts: Vec<String> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(encode(&s.to_string_lossy())),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if p.is_absolute() {
        format!("/{joined}")
    } else {
        joined
    }
}

/// RFC 3986 percent-encoding of everything but unreserved characters and
/// `/` (a backslash counts as `/`): the result is a relative reference
/// whatever the name holds (`:` in a first segment would read as a scheme).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One `versionControlDetails`: the repository's URI (the fetch remote's,
/// else the local path's `file:` URI), HEAD's commit and branch, and the
/// repository root as `%SRCROOT%`, which every result's URI is relative to.
fn version_control(p: &Provenance, report: &Report<'_>, opts: ReportOptions) -> Value {
    let uri = match &p.remote {
        Some(r) => {
            let host = if r.host.contains(':') {
                format!("[{}]", r.host)
            } else {
                encode(&r.host)
            };
            let port = r.port.map(|n| format!(":{n}")).unwrap_or_default();
            format!("{}://{host}{port}{}", r.scheme, encode(&r.path))
        }
        None => format!("file://{}", encode_path(&p.local)),
    };
    let mut details = json!({
        "repositoryUri": report.shown(opts, &uri),
        "mappedTo": { "uriBaseId": "%SRCROOT%" },
    });
    if let Some(rev) = &p.revision {
        details["revisionId"] = json!(rev);
    }
    if let Some(b) = &p.branch {
        details["branch"] = json!(report.shown(opts, b));
    }
    details
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
    let mut doc = json!({
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
    if let Some(p) = report.provenance {
        doc["runs"][0]["versionControlProvenance"] = json!([version_control(p, report, opts)]);
    }
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_a_uri_reference_cannot_hold() {
        assert_eq!(encode("src/a b.rs"), "src/a%20b.rs");
        assert_eq!(encode("100%#1?.txt"), "100%25%231%3F.txt");
        assert_eq!(encode("a\nb"), "a%0Ab");
        assert_eq!(encode("c:d\\ä"), "c%3Ad/%C3%A4");
        assert_eq!(encode("<commit message>"), "%3Ccommit%20message%3E");
    }

    #[test]
    fn normalizes_dot_segments() {
        assert_eq!(
            normalize(Path::new("/r/src/../a/./b")),
            PathBuf::from("/r/a/b")
        );
    }
}
