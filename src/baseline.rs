//! Baselines: the findings a team has accepted, so a scan reports only new
//! ones.
//!
//! Peers get this wrong in known ways (gitleaks keys on
//! `commit:file:rule:line` and breaks on every rebase; detect-secrets churns
//! with line numbers). A keyhound baseline is keyed by fingerprint only
//! (README.md "Fingerprint") with the rule and paths as information,
//! no line numbers and no commit ids: it survives edits, moves, rebases and
//! squashes, and the sorted, deterministic file rarely conflicts in merges.
//!
//! A low-entropy secret (a human-chosen password) could be brute-forced from
//! a plain hash in a committed file, so its entry is keyed instead by
//! PBKDF2-HMAC-SHA256 over the secret with a per-baseline salt and
//! [`KDF_ROUNDS`] rounds: no precomputed tables, no cross-repository
//! correlation, and every guess costs an attacker the full KDF.
//!
//! Baselines written before fingerprint v2 keep loading: an entry matches
//! a finding by its current fingerprint or by the one earlier releases
//! gave it (`<rule>:<sha256(secret)[..16]>`, `*:<sha256(secret)[..16]>`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::fingerprint;

/// Secrets with fewer estimated bits than this get a salted, slow hash.
pub const LOW_ENTROPY_BITS: f64 = fingerprint::LOW_ENTROPY_BITS;
/// PBKDF2 rounds for low-entropy entries (~20 ms per secret).
pub const KDF_ROUNDS: u32 = 60_000;

/// The file format (`.keyhound-baseline.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub version: u32,
    /// Hex salt for low-entropy entries; public, unique per baseline.
    pub salt: String,
    pub findings: Vec<Entry>,
}

impl BaselineFile {
    /// Reads and parses a baseline file (version 1).
    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let err = |message: String| BaselineError {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| err(format!("not a keyhound baseline: {e}")))?;
        if file.version != 1 {
            return Err(err(format!(
                "unsupported baseline version {}",
                file.version
            )));
        }
        Ok(file)
    }
}

/// One accepted secret.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `rule:hex16` (plain), `rule:kdf:hex16` (salted, low entropy), or
    /// `*:hex16` (any rule; imported from another tool's report).
    pub fingerprint: String,
    /// Information only.
    pub rule: String,
    /// Information only: where it was seen when the baseline was written.
    #[serde(default)]
    pub paths: Vec<String>,
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct BaselineError {
    pub path: String,
    pub message: String,
}

/// A loaded baseline, ready to match findings.
#[derive(Debug, Default)]
pub struct Baseline {
    salt: Vec<u8>,
    keys: BTreeSet<String>,
    /// Rules that have salted entries (only their findings pay for the KDF).
    salted_rules: BTreeSet<String>,
    /// Entry keys that matched something in this run.
    hits: Mutex<BTreeSet<String>>,
    /// fingerprint → salted key, so one secret pays for the KDF once.
    kdf_cache: Mutex<HashMap<String, String>>,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let file = BaselineFile::read(path)?;
        Baseline::from_file(&file).map_err(|message| BaselineError {
            path: path.display().to_string(),
            message,
        })
    }

    pub fn from_file(file: &BaselineFile) -> Result<Self, String> {
        let salt = hex::decode(&file.salt).map_err(|e| format!("salt: {e}"))?;
        let keys: BTreeSet<String> = file
            .findings
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect();
        let salted_rules = keys.iter().filter_map(|k| kdf_rule(k)).collect();
        Ok(Baseline {
            salt,
            keys,
            salted_rules,
            ..Default::default()
        })
    }

    /// Whether the finding's secret is accepted (records the hit).
    pub fn contains(&self, f: &Finding) -> bool {
        let secret = f.secret.as_bytes();
        // The keys that cost a slow hash are tried only for secrets the
        // scan's fingerprint budget covered (src/fingerprint.rs `settle`):
        // past it, a secret is matched by its location fingerprint and its
        // fast legacy keys, and the KDF cost of a run stays bounded.
        let slow_ok = !fingerprint::is_low_entropy(secret) || fingerprint::has_slow_hash(secret);
        let candidates = [
            Some(f.fingerprint.clone()),
            // An entry written when this secret was past the budget.
            fingerprint::is_low_entropy(secret)
                .then(|| fingerprint::location_fingerprint(&f.rule, &f.fingerprint_location())),
            slow_ok.then(|| any_rule_key(secret)),
            // Entries written before fingerprint v2.
            Some(fingerprint::legacy_fingerprint(&f.rule, secret)),
            Some(format!("*:{}", fingerprint::legacy_key_hash(secret))),
            (slow_ok && self.salted_rules.contains(&f.rule)).then(|| self.salted_key(f)),
        ];
        for key in candidates.into_iter().flatten() {
            if self.keys.contains(&key) {
                self.hits
                    .lock()
                    .expect("no panic holding the lock")
                    .insert(key);
                return true;
            }
        }
        false
    }

    fn salted_key(&self, f: &Finding) -> String {
        if let Some(k) = self.kdf_cache.lock().expect("no panic").get(&f.fingerprint) {
            return k.clone();
        }
        let k = salted_fingerprint(&f.rule, f.secret.as_bytes(), &self.salt);
        self.kdf_cache
            .lock()
            .expect("no panic")
            .insert(f.fingerprint.clone(), k.clone());
        k
    }

    /// Entries that matched nothing so far in this run.
    pub fn stale_count(&self) -> usize {
        let hits = self.hits.lock().expect("no panic");
        self.keys.iter().filter(|k| !hits.contains(*k)).count()
    }

    /// The entry keys that matched in this run.
    pub fn hit_keys(&self) -> BTreeSet<String> {
        self.hits.lock().expect("no panic").clone()
    }
}

/// `rule:kdf:hex` → `rule`; other keys → None.
fn kdf_rule(key: &str) -> Option<String> {
    let (rule, rest) = key.split_once(':')?;
    rest.starts_with("kdf:").then(|| rule.to_string())
}

/// Whether a secret is guessable enough to need the salted, slow hash
/// (the estimate of [`fingerprint::estimated_bits`]).
pub fn is_low_entropy(secret: &[u8]) -> bool {
    fingerprint::is_low_entropy(secret)
}

/// `rule:kdf:<hex16 of PBKDF2-HMAC-SHA256(secret, salt, KDF_ROUNDS)>`.
pub fn salted_fingerprint(rule: &str, secret: &[u8], salt: &[u8]) -> String {
    let mut out = [0u8; 32];
    fingerprint::pbkdf2_sha256(secret, salt, KDF_ROUNDS, &mut out);
    format!("{rule}:kdf:{}", &hex::encode(out)[..16])
}

/// `*:<fingerprint hash>`: matches the secret under any rule (imported
/// from another tool's report). The hash part is the fingerprint's, so a
/// guessable secret is behind the slow hash here too.
pub fn any_rule_key(secret: &[u8]) -> String {
    format!("*:{}", fingerprint::key_hash(secret))
}

/// A fresh salt. It is stored in the baseline in the clear: it need not be
/// secret, only unique per baseline, so time, process and place suffice.
pub fn new_salt() -> String {
    let mut h = Sha256::new();
    h.update(format!("{:?}", std::time::SystemTime::now()));
    h.update(std::process::id().to_le_bytes());
    h.update(format!("{:?}", std::env::current_dir().ok()));
    h.update(format!("{:p}", &h));
    hex::encode(&h.finalize()[..16])
}

/// Builds a baseline file from findings: one entry per key, paths merged,
/// everything sorted so the same findings always give the same bytes.
pub fn build(findings: &[Finding], salt: &str) -> BaselineFile {
    let salt_bytes = hex::decode(salt).unwrap_or_default();
    let mut entries: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut salted: BTreeMap<(&str, &str), String> = BTreeMap::new();
    for f in findings {
        let secret = f.secret.as_bytes();
        // Past the scan's fingerprint budget a guessable secret keeps its
        // location fingerprint: the salted key would cost the KDF again.
        let key = if is_low_entropy(secret) && fingerprint::has_slow_hash(secret) {
            salted
                .entry((&f.rule, &f.secret))
                .or_insert_with(|| salted_fingerprint(&f.rule, secret, &salt_bytes))
                .clone()
        } else {
            f.fingerprint.clone()
        };
        entries
            .entry(key)
            .or_insert_with(|| (f.rule.clone(), BTreeSet::new()))
            .1
            .insert(f.path.clone());
    }
    BaselineFile {
        version: 1,
        salt: salt.to_string(),
        findings: entries
            .into_iter()
            .map(|(fingerprint, (rule, paths))| Entry {
                fingerprint,
                rule,
                paths: paths.into_iter().collect(),
            })
            .collect(),
    }
}

/// Serializes deterministically (sorted entries, pretty, trailing newline).
pub fn to_json(file: &BaselineFile) -> String {
    let mut f = file.clone();
    f.findings.sort();
    f.findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let mut s = serde_json::to_string_pretty(&f).expect("baseline serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_entropy_entries_are_salted_and_slow() {
        assert!(is_low_entropy(b"Summer2024!"));
        assert!(!is_low_entropy(b"ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"));
        let k = salted_fingerprint("generic", b"Summer2024!", b"salt");
        assert!(k.starts_with("generic:kdf:"));
        assert!(!k.contains(&fingerprint::secret_sha256(b"Summer2024!")[..16]));
        assert_ne!(
            k,
            salted_fingerprint("generic", b"Summer2024!", b"other salt")
        );
    }

    fn finding(rule: &str, secret: &str) -> Finding {
        Finding {
            rule: rule.into(),
            name: rule.into(),
            severity: crate::rules::Severity::High,
            fingerprint: crate::finding::fingerprint(rule, secret.as_bytes()),
            secret: secret.into(),
            path: "p".into(),
            line: 1,
            column: 1,
            line_text: String::new(),
            matched: secret.into(),
            source: crate::finding::SourceKind::File,
            commit: None,
            blob: None,
            in_head: None,
            later_commits: None,
            verification: crate::finding::Verification::NotChecked,
            identity: None,
            suppressed: None,
            decoded: Vec::new(),
            member: None,
            key: None,
            cell: None,
        }
    }

    #[test]
    fn baselines_written_before_fingerprint_v2_still_match() {
        // A low-entropy secret whose fingerprint changed, under a plain
        // entry of the old form and an imported `*:` entry of the old form.
        let pw = "Winter2023pw";
        let old_sha = &fingerprint::secret_sha256(pw.as_bytes())[..16];
        for key in [format!("postgres-url:{old_sha}"), format!("*:{old_sha}")] {
            let file = BaselineFile {
                version: 1,
                salt: "00".into(),
                findings: vec![Entry {
                    fingerprint: key.clone(),
                    rule: "postgres-url".into(),
                    paths: vec![],
                }],
            };
            let b = Baseline::from_file(&file).unwrap();
            assert!(b.contains(&finding("postgres-url", pw)), "{key}");
            assert!(!b.contains(&finding("postgres-url", "Summer2024pw")));
            assert_eq!(b.stale_count(), 0);
        }
        // A fresh baseline never holds a fast hash of it.
        let built = to_json(&build(&[finding("postgres-url", pw)], "00"));
        assert!(!built.contains(old_sha), "{built}");
        let imported = any_rule_key(pw.as_bytes());
        assert!(!imported.contains(old_sha));
    }
}
