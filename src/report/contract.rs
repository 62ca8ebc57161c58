//! The JSON report contract (README.md, "The JSON report"), as types: the
//! JSON writer serializes [`JsonReport`], and `keyhound rotate --report`
//! deserializes the very same type, so writer and reader cannot drift.
//!
//! Fields are declared in alphabetical order: the report is printed with
//! sorted keys, byte-identical to what earlier versions printed.

use serde::{Deserialize, Serialize};

use crate::stats::{ScanError, Stats};

/// The version this build writes and reads.
pub const VERSION: u32 = 1;

/// A whole `--format json` report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JsonReport {
    #[serde(default)]
    pub errors: Vec<ScanError>,
    pub findings: Vec<JsonFinding>,
    #[serde(default)]
    pub stats: Stats,
    /// Only with `--show-suppressed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<JsonFinding>,
    pub version: u32,
}

/// Where in a notebook a finding is (`cell` of [`JsonFinding`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct JsonCell {
    /// 1 = the notebook's first cell (markdown cells counted).
    pub index: usize,
    /// Line within the part: the cell's source, or its outputs as one text.
    pub line: usize,
    /// `source` or `output`.
    pub part: String,
}

/// One finding. Strings from scanned data are redacted by the writer
/// (unless `--no-redact`); `secret` is the redacted display form then.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonFinding {
    /// Merged reports (`keyhound report merge`, a multi-repository scan's
    /// combined report): the other places the same key (fingerprint) was
    /// found, sorted; this finding's own place is not repeated. Empty (and
    /// absent) in a one-repository report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<JsonLocation>,
    /// Inside an archive: the (innermost) archive, `path!/…` when nested;
    /// `path` is then `archive!/member`.
    pub archive: Option<String>,
    pub author: Option<String>,
    pub blob: Option<String>,
    /// In a Jupyter notebook: the cell and the line within it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<JsonCell>,
    pub column: usize,
    pub commit: Option<String>,
    pub date: Option<String>,
    /// Found in decoded text: the encodings, outermost first (`base64`,
    /// `hex`, `percent`, `escape`).
    pub decoded: Option<Vec<String>>,
    pub email: Option<String>,
    pub fingerprint: String,
    pub in_head: Option<bool>,
    /// Found in a decoded value assigned to a name (a Kubernetes `Secret`'s
    /// `data:` key, `NAME: <base64>`): that name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub later_commits: Option<usize>,
    pub line: usize,
    /// Inside an archive: the member of `archive`.
    pub member: Option<String>,
    pub message: Option<String>,
    pub name: String,
    pub path: String,
    /// The repository the finding comes from, as listed (`--repos-from`,
    /// `--repos-glob`, normalised); absent in a one-repository scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// What rotation did about this key in this run (`--rotate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation: Option<JsonRotation>,
    pub rule: String,
    pub secret: String,
    pub severity: String,
    /// `file`, `stdin`, `staged`, `history` or `object`.
    pub source: String,
    /// `inline`, `allowlist` or `baseline` (with `--show-suppressed`).
    pub suppressed: Option<String>,
    /// `not_checked`, `live`, `dead` or `unknown`.
    pub verification: String,
    pub verification_reason: Option<String>,
    pub verified_identity: Option<String>,
}

/// A finding's rotation (README.md, "Rotation lifecycle"): the overall
/// state and one entry per target that acted on the key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonRotation {
    /// `verified` when one target proved the leaked value dead and none
    /// failed; else the most urgent state of `targets` (`still_live`,
    /// `failed`, `pending`, `done`, `unverifiable`, `skipped`, `dry_run`).
    pub state: String,
    pub targets: Vec<JsonRotationTarget>,
}

/// One target's part in a finding's rotation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonRotationTarget {
    /// The rotation's event id (the ledger key, the webhook id).
    pub event_id: String,
    /// One line, without the secret.
    pub message: String,
    /// `planned`, `in_flight`, `done`, `pending`, `verified`,
    /// `still_live`, `unverifiable`, `failed`, `skipped`, `refused`,
    /// `unresolved` or `dry_run`.
    pub state: String,
    /// The target id.
    pub target: String,
    /// When this state was reached, RFC 3339 UTC.
    pub time: String,
}

/// One more place of a merged finding's key (`also_at`): where, and the
/// commit that put it there.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonLocation {
    pub author: Option<String>,
    pub column: usize,
    pub commit: Option<String>,
    pub date: Option<String>,
    pub email: Option<String>,
    pub in_head: Option<bool>,
    pub line: usize,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    pub source: String,
}

/// `summary.json` of a multi-repository scan's `--output-dir`: one entry
/// per repository of this run (this shard), in list order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonFleetSummary {
    /// The run's exit code (README.md "Exit codes").
    pub exit_code: i32,
    /// Findings of every repository (not deduplicated).
    pub findings: usize,
    pub repositories: Vec<JsonRepositoryScan>,
    /// `I/N` with `--shard`.
    pub shard: Option<String>,
    /// Every repository's stats, summed.
    pub stats: Stats,
    pub version: u32,
}

/// One repository of a multi-repository scan.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonRepositoryScan {
    pub duration_ms: u64,
    /// Why the repository could not be scanned (it is then also an entry
    /// of its report's `errors`).
    pub error: Option<String>,
    /// Error entries of its report.
    pub errors: usize,
    pub findings: usize,
    /// Its report's file name in the output directory.
    pub report: Option<String>,
    pub repository: String,
}

/// `keyhound rotation status --format json` (README.md, "Monitoring").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonStatus {
    /// RFC 3339 UTC: the time the schedule was evaluated at (`--at`).
    pub at: String,
    pub keys: Vec<JsonKeyStatus>,
    /// Keys per state (`ok`, `due`, `overdue`, `leaked_unrotated`,
    /// `rotation_failed`), every state present.
    pub summary: std::collections::BTreeMap<String, usize>,
    /// When the inventory was last synced, RFC 3339 UTC.
    pub synced_at: Option<String>,
    pub version: u32,
}

/// One inventory key in `rotation status`. No value or hash of one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JsonKeyStatus {
    /// Seconds since `last_rotated` (at `at`).
    pub age_seconds: Option<i64>,
    pub criticality: Option<String>,
    pub environment: Option<String>,
    /// RFC 3339 UTC.
    pub last_rotated: Option<String>,
    pub name: String,
    /// RFC 3339 UTC: the earlier of the manager's next rotation and
    /// `last_rotated` + the rotation period.
    pub next_due: Option<String>,
    pub owner: Option<String>,
    /// The secret manager's path (`secret/apps/orders`,
    /// `database/static-creds/orders-app`, an AWS secret's name).
    pub path: String,
    pub provider: Option<String>,
    /// Why the state is what it is (one line).
    pub reason: String,
    pub rotation_period_seconds: Option<i64>,
    /// `vault-kv`, `vault-database`, `aws-secrets-manager`, `manual`
    /// (`rotation add-key`) or `config` (legacy `[[rotation.keys]]`).
    pub source: String,
    /// The `[[rotation.sources]]` id.
    pub source_id: Option<String>,
    /// `ok`, `due`, `overdue`, `leaked_unrotated` or `rotation_failed`.
    pub state: String,
    pub supports_dual_key: Option<bool>,
    pub used_by: Vec<String>,
    pub version: Option<String>,
}
