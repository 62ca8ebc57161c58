//! Baselines: the findings a team has accepted, keyed by fingerprint so
//! they survive edits, moves, rebases and squashes.

use std::collections::BTreeSet;

use crate::finding::Finding;

/// A loaded baseline.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    fingerprints: BTreeSet<String>,
}

impl Baseline {
    pub fn contains(&self, f: &Finding) -> bool {
        self.fingerprints.contains(&f.fingerprint)
    }
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct BaselineError {
    pub path: String,
    pub message: String,
}

#[derive(serde::Deserialize)]
struct BaselineFile {
    #[serde(default)]
    findings: Vec<BaselineEntry>,
}

#[derive(serde::Deserialize)]
struct BaselineEntry {
    fingerprint: String,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &std::path::Path) -> Result<Self, BaselineError> {
        let err = |message: String| BaselineError {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
        Ok(Baseline {
            fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Entries that suppressed nothing in this scan.
    pub fn stale_count(&self, suppressed: &[Finding]) -> usize {
        let hit: BTreeSet<&str> = suppressed
            .iter()
            .filter(|f| f.suppressed == Some(crate::finding::Suppression::Baseline))
            .map(|f| f.fingerprint.as_str())
            .collect();
        self.fingerprints
            .iter()
            .filter(|f| !hit.contains(f.as_str()))
            .count()
    }
}
