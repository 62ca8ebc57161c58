//! A leaked key as rotation sees it: one key however many places it was
//! found in, built from a scan's findings or from an earlier JSON report.
//!
//! The plaintext is kept only in memory, behind a type whose `Debug` does
//! not print it, and only targets that must send it (GitHub revocation, a
//! webhook that opted in) ever read it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::finding::Verification;
use crate::finding::{self, Finding};
use crate::fingerprint;
use crate::redact::Redactor;
use crate::report::contract::{self, JsonFinding, JsonReport};
use crate::rules::Severity;

/// The plaintext of a secret; `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretText(String);

impl SecretText {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An emergency rotation: why, and through which targets.
#[derive(Debug, Clone)]
pub struct Emergency {
    pub reason: String,
    /// The target ids chosen (`--target`, or every target listing the key).
    pub targets: Vec<String>,
}

/// Where a key was (first) found.
#[derive(Debug, Clone, Default)]
pub struct Location {
    pub repository: Option<String>,
    pub git_ref: Option<String>,
    pub source: String,
    pub path: String,
    pub line: usize,
    pub commit: Option<String>,
    pub author: Option<String>,
    pub email: Option<String>,
    /// Commit date, RFC 3339.
    pub date: Option<String>,
}

/// One leaked key.
#[derive(Debug, Clone)]
pub struct Leak {
    pub rule: String,
    pub severity: Severity,
    pub fingerprint: String,
    /// The fingerprint's hash part (README.md "Fingerprint"): names the
    /// key in event ids and the ledger.
    pub key_hash: String,
    /// The hash part an earlier keyhound gave the key, when it differs (a
    /// low-entropy secret) and the secret is known: the ledger of an
    /// earlier run is keyed by it.
    pub legacy_key_hash: Option<String>,
    /// Full sha256, when the secret is known. Matched against the rotation
    /// inventory; sent in a webhook only for a high-entropy secret.
    pub sha256: Option<String>,
    pub secret: Option<SecretText>,
    /// The redacted display form.
    pub hint: String,
    pub verification: Verification,
    pub location: Location,
    pub occurrences: usize,
    /// The latest commit date among the occurrences: the key was still
    /// there then. `None` outside history scans.
    pub leaked_at: Option<jiff::Timestamp>,
    /// The latest committer date among the occurrences: unlike the author
    /// date, amend, rebase and cherry-pick move it. `None` outside history
    /// scans and for reports (which carry the author date only).
    pub committed_at: Option<jiff::Timestamp>,
    /// Every occurrence came from `--staged`.
    pub staged_only: bool,
    /// Set by `keyhound rotate --key`: a human's emergency rotation, not a
    /// finding (no scan, no match, no context gate).
    pub emergency: Option<Emergency>,
    /// Every secret of the leaks built together: a target's error body may
    /// echo any of them (a GitHub 422 lists every token it rejected).
    pub redactor: Arc<Redactor>,
}

impl Leak {
    /// Replaces every copy of the secret in `text`, plain or encoded, by its
    /// redacted form, drops control characters and caps the length:
    /// provider error bodies sometimes echo what they were sent.
    pub fn scrub(&self, text: &str) -> String {
        self.redactor.scrub_answer(text)
    }

    /// Whether the key is guessable (then no fast hash of it leaves the
    /// process), as far as known; an unknown secret counts as guessable.
    pub fn low_entropy(&self) -> bool {
        self.secret
            .as_ref()
            .is_none_or(|s| fingerprint::is_low_entropy(s.expose().as_bytes()))
    }
}

/// The pre-v2 hash part of `secret`'s fingerprint, if it differs from today's.
fn legacy_hash(secret: &str) -> Option<String> {
    let legacy = fingerprint::legacy_key_hash(secret.as_bytes());
    (legacy != fingerprint::key_hash(secret.as_bytes())).then_some(legacy)
}

/// Groups findings by key (the sha256 of the secret); the location is the
/// first finding in report order, the rule the most severe one.
pub fn from_findings(findings: &[Finding], repository: Option<&str>) -> Vec<Leak> {
    let redactor = Arc::new(Redactor::new(findings.iter().map(|f| f.secret.as_str())));
    let mut groups: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    let mut order = Vec::new();
    for f in findings {
        let sha = finding::secret_sha256(f.secret.as_bytes());
        let g = groups.entry(sha.clone()).or_default();
        if g.is_empty() {
            order.push(sha);
        }
        g.push(f);
    }
    order
        .into_iter()
        .map(|sha| {
            let g = &groups[&sha];
            let first = g[0];
            let mut best = first;
            for f in g {
                if f.severity > best.severity {
                    best = f;
                }
            }
            let leaked_at = g
                .iter()
                .filter_map(|f| f.commit.as_ref())
                .filter_map(|c| c.date.parse::<jiff::Timestamp>().ok())
                .max();
            let committed_at = g
                .iter()
                .filter_map(|f| f.commit.as_ref()?.committed.as_ref())
                .filter_map(|d| d.parse::<jiff::Timestamp>().ok())
                .max();
            let verification = if g.iter().any(|f| f.verification == Verification::Live) {
                Verification::Live
            } else {
                best.verification.clone()
            };
            let c = first.commit.as_ref();
            Leak {
                rule: best.rule.clone(),
                severity: best.severity,
                fingerprint: best.fingerprint.clone(),
                key_hash: fingerprint::key_hash(first.secret.as_bytes()),
                legacy_key_hash: legacy_hash(&first.secret),
                sha256: Some(sha.clone()),
                secret: Some(SecretText(first.secret.clone())),
                hint: finding::redact(&first.secret),
                verification,
                location: Location {
                    repository: repository.map(str::to_string),
                    git_ref: None,
                    source: first.source.as_str().to_string(),
                    path: first.path.clone(),
                    line: first.line,
                    commit: c.map(|c| c.id.clone()),
                    author: c.map(|c| c.author.clone()),
                    email: c.map(|c| c.email.clone()),
                    date: c.map(|c| c.date.clone()),
                },
                occurrences: g.len(),
                leaked_at,
                committed_at,
                staged_only: g.iter().all(|f| f.source == finding::SourceKind::Staged),
                emergency: None,
                redactor: redactor.clone(),
            }
        })
        .collect()
}

/// Leaks from a keyhound JSON report (`--format json`). A redacted report
/// identifies keys by fingerprint only; a `--no-redact` one also carries
/// the secret (checked against the fingerprint before it is trusted).
pub fn from_report(doc: &JsonReport, repository: Option<&str>) -> Result<Vec<Leak>, String> {
    if doc.version != contract::VERSION {
        return Err(
            "not a keyhound JSON report (version 1): run `keyhound scan --format json -o FILE`"
                .into(),
        );
    }
    let mut groups: BTreeMap<String, Vec<&JsonFinding>> = BTreeMap::new();
    let mut order = Vec::new();
    for (i, f) in doc.findings.iter().enumerate() {
        if f.fingerprint.is_empty() {
            return Err(format!("finding {i} has no fingerprint"));
        }
        let hash = f
            .fingerprint
            .rsplit_once(':')
            .map(|(_, h)| h)
            .filter(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| format!("finding {i}: fingerprint is not RULE:16HEX"))?
            .to_ascii_lowercase();
        let g = groups.entry(hash.clone()).or_default();
        if g.is_empty() {
            order.push(hash);
        }
        g.push(f);
    }
    let mut out = Vec::new();
    for hash in order {
        let g = &groups[&hash];
        let first = g[0];
        let sev = |v: &JsonFinding| v.severity.parse::<Severity>().unwrap_or_default();
        let mut best = first;
        for v in g {
            if sev(v) > sev(best) {
                best = v;
            }
        }
        // The plaintext, if the report has it and it hashes to the
        // fingerprint (of this or of an earlier keyhound).
        let secret = g.iter().find_map(|v| {
            let text = v.secret.clone();
            let sha = finding::secret_sha256(text.as_bytes());
            (sha[..16] == hash || fingerprint::key_hash(text.as_bytes()) == hash)
                .then_some((text, sha))
        });
        let verification = if g.iter().any(|v| v.verification == "live") {
            Verification::Live
        } else {
            match best.verification.as_str() {
                "dead" => Verification::Dead,
                "unknown" => Verification::Unknown(
                    best.verification_reason
                        .clone()
                        .unwrap_or_else(|| "from report".into()),
                ),
                _ => Verification::NotChecked,
            }
        };
        // A merged report's finding stands for its `also_at` places too.
        let leaked_at = g
            .iter()
            .flat_map(|v| {
                std::iter::once(v.date.as_deref())
                    .chain(v.also_at.iter().map(|l| l.date.as_deref()))
            })
            .flatten()
            .filter_map(|d| d.parse::<jiff::Timestamp>().ok())
            .max();
        out.push(Leak {
            rule: best.rule.clone(),
            severity: sev(best),
            fingerprint: best.fingerprint.clone(),
            key_hash: secret.as_ref().map_or_else(
                || hash.clone(),
                |(t, _)| fingerprint::key_hash(t.as_bytes()),
            ),
            legacy_key_hash: secret.as_ref().and_then(|(t, _)| legacy_hash(t)),
            sha256: secret.as_ref().map(|(_, sha)| sha.clone()),
            hint: secret
                .as_ref()
                .map_or_else(|| first.secret.clone(), |(t, _)| finding::redact(t)),
            secret: secret.map(|(t, _)| SecretText(t)),
            verification,
            location: Location {
                repository: first
                    .repository
                    .clone()
                    .or_else(|| repository.map(str::to_string)),
                git_ref: None,
                source: first.source.clone(),
                path: first.path.clone(),
                line: first.line,
                commit: first.commit.clone(),
                author: first.author.clone(),
                email: first.email.clone(),
                date: first.date.clone(),
            },
            occurrences: g.iter().map(|v| crate::report::merge::occurrences(v)).sum(),
            leaked_at,
            committed_at: None,
            staged_only: g
                .iter()
                .all(|v| v.source == "staged" && v.also_at.iter().all(|l| l.source == "staged")),
            emergency: None,
            redactor: Arc::default(),
        });
    }
    // Every plaintext the report holds (a `--no-redact` one), for scrubbing.
    let redactor = Arc::new(Redactor::new(
        out.iter()
            .filter_map(|l| l.secret.as_ref().map(SecretText::expose)),
    ));
    for l in &mut out {
        l.redactor = redactor.clone();
    }
    Ok(out)
}

/// The leak an emergency rotation of inventory key `key` stands for: known
/// by its sha256 only. `fingerprint` (RULE:HASH, as scans report the key)
/// names it as scans do, so their ledger lookups find this rotation;
/// without it the hash part is the sha256's first 16 hex digits (what a
/// scan gives a high-entropy key).
pub fn emergency(
    key: &super::config::InventoryKey,
    fingerprint: Option<&str>,
    reason: &str,
    targets: Vec<String>,
) -> Result<Leak, String> {
    let sha = key.sha256.to_ascii_lowercase();
    let (rule, hash) = match fingerprint {
        Some(fp) => {
            let (rule, hash) = fp
                .rsplit_once(':')
                .filter(|(r, h)| {
                    !r.is_empty() && h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit())
                })
                .ok_or_else(|| format!("--fingerprint {fp:?}: expected RULE:16HEX"))?;
            (rule.to_string(), hash.to_ascii_lowercase())
        }
        // A rule id names the key as a scan would; a glob cannot.
        None => (
            key.rule
                .clone()
                .filter(|r| !r.contains(['*', '?', '[', '{']))
                .unwrap_or_else(|| "inventory".into()),
            sha[..16].to_string(),
        ),
    };
    Ok(Leak {
        fingerprint: format!("{rule}:{hash}"),
        rule,
        severity: Severity::Critical,
        key_hash: hash,
        legacy_key_hash: None,
        sha256: Some(sha),
        secret: None,
        hint: format!("<inventory key {}>", key.name),
        verification: Verification::NotChecked,
        location: Location {
            source: "emergency".into(),
            path: format!("<inventory key {}>", key.name),
            ..Location::default()
        },
        occurrences: 0,
        leaked_at: None,
        committed_at: None,
        staged_only: false,
        emergency: Some(Emergency {
            reason: reason.to_string(),
            targets,
        }),
        redactor: Arc::default(),
    })
}
