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
