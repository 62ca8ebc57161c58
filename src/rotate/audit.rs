//! The rotation audit log: one JSONL record per decision keyhound took
//! about a confirmed leak — sent, skipped, refused, failed, or (dry run)
//! would send. Append-only, written under a file lock, and it never holds
//! a secret: fingerprints, event ids and provider request ids only; every
//! message is scrubbed of the secret before it gets here.

use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

/// One audit record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// RFC 3339, UTC.
    pub time: String,
    pub event_id: String,
    pub target: String,
    pub target_type: String,
    pub action: String,
    pub mode: String,
    pub context: String,
    pub fingerprint: String,
    pub rule: String,
    /// `done`, `failed`, `skipped`, `refused`, `unresolved`, `dry_run`, a
    /// proof (`verified`, `still_live`, `unverifiable`, `pending`) or
    /// `notified` (an outcome event delivered).
    pub outcome: String,
    #[serde(default)]
    pub http_status: Option<u16>,
    #[serde(default)]
    pub provider_request_id: Option<String>,
    #[serde(default)]
    pub duration_ms: u64,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub message: Option<String>,
}

/// Appends `records` to the audit log at `path` (created with its directory).
pub fn append(path: &Path, records: &[Record]) -> io::Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::ledger::private_dir(dir)?;
    }
    let mut file = super::ledger::private_append(path)?;
    file.lock()?;
    let mut buf = Vec::new();
    for r in records {
        serde_json::to_writer(&mut buf, r)?;
        buf.push(b'\n');
    }
    let result = file.write_all(&buf).and_then(|_| file.sync_data());
    let _ = file.unlock();
    result
}

/// Every record of the audit log (none if it does not exist yet); lines
/// that do not parse are skipped.
pub fn read(path: &Path) -> io::Result<Vec<Record>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// The audit log as a table, for `keyhound rotation log`.
pub fn write_table(records: &[Record], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<20}  {:<9}  {:<8}  {:<10}  {:<20}  {:<22}  {:<38}  {:>4}  {:>6}  event",
        "time", "outcome", "mode", "context", "target", "action", "fingerprint", "http", "ms"
    )?;
    for r in records {
        writeln!(
            out,
            "{:<20}  {:<9}  {:<8}  {:<10}  {:<20}  {:<22}  {:<38}  {:>4}  {:>6}  {}",
            r.time,
            r.outcome,
            r.mode,
            r.context,
            r.target,
            r.action,
            r.fingerprint,
            r.http_status
                .map_or_else(|| "-".to_string(), |s| s.to_string()),
            r.duration_ms,
            r.event_id
        )?;
        if let Some(m) = &r.message {
            writeln!(out, "{:<20}  {m}", "")?;
        }
    }
    Ok(())
}
