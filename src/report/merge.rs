//! `keyhound report merge`: one JSON report from many (the shards of an
//! organisation-wide audit, README.md "Scanning an organisation").
//!
//! Findings are grouped by fingerprint — one key, one finding — and no
//! place is lost: the group's first place (in the order repository, path,
//! line, column, commit) is the finding itself, every other distinct place
//! goes to its `also_at`. The result does not depend on how the inputs
//! were split or ordered: merging merged reports flattens their `also_at`
//! again, so `merge(shards) == merge(everything)`. Stats are summed,
//! errors kept (sorted, exact duplicates once).

use std::collections::{BTreeMap, BTreeSet};

use super::contract::{JsonFinding, JsonLocation, JsonReport, VERSION};
use crate::stats::Stats;

/// Why a document cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("report version {0}; this keyhound reads version {VERSION}")]
    Version(u32),
}

/// A finding's own place, as an `also_at` entry.
pub fn location_of(f: &JsonFinding) -> JsonLocation {
    JsonLocation {
        author: f.author.clone(),
        column: f.column,
        commit: f.commit.clone(),
        date: f.date.clone(),
        email: f.email.clone(),
        in_head: f.in_head,
        line: f.line,
        path: f.path.clone(),
        repository: f.repository.clone(),
        source: f.source.clone(),
    }
}

/// The order places are compared in: repository, path, line, column, commit.
fn place_key(l: &JsonLocation) -> (&Option<String>, &str, usize, usize, &Option<String>) {
    (&l.repository, &l.path, l.line, l.column, &l.commit)
}

/// How sure a verification is: a live key outranks every other verdict.
fn verdict_rank(v: &str) -> u8 {
    match v {
        "live" => 3,
        "dead" => 2,
        "unknown" => 1,
        _ => 0,
    }
}

/// Merges the findings of one list (`findings` or `suppressed`).
fn merge_findings(all: Vec<JsonFinding>) -> Vec<JsonFinding> {
    let mut groups: BTreeMap<String, Vec<JsonFinding>> = BTreeMap::new();
    for f in all {
        groups.entry(f.fingerprint.clone()).or_default().push(f);
    }
    let mut out: Vec<JsonFinding> = groups.into_values().map(merge_group).collect();
    out.sort_by(|a, b| {
        let (la, lb) = (location_of(a), location_of(b));
        place_key(&la)
            .cmp(&place_key(&lb))
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    out
}

/// One key's findings → one finding with every other place in `also_at`.
fn merge_group(mut group: Vec<JsonFinding>) -> JsonFinding {
    let mut places: BTreeSet<JsonLocation> = BTreeSet::new();
    for f in &mut group {
        places.extend(std::mem::take(&mut f.also_at));
        places.insert(location_of(f));
    }
    group.sort_by(|a, b| place_key(&location_of(a)).cmp(&place_key(&location_of(b))));
    let best_verdict = group
        .iter()
        .enumerate()
        .max_by_key(|(i, f)| (verdict_rank(&f.verification), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let rotation = group.iter().find_map(|f| f.rotation.clone());
    let verdict = group[best_verdict].clone();
    let mut first = group.swap_remove(0);
    first.verification = verdict.verification;
    first.verification_reason = verdict.verification_reason;
    first.verified_identity = verdict.verified_identity;
    first.rotation = rotation;
    let own = location_of(&first);
    let mut also: Vec<JsonLocation> = places.into_iter().filter(|l| *l != own).collect();
    also.sort_by(|a, b| place_key(a).cmp(&place_key(b)).then_with(|| a.cmp(b)));
    first.also_at = also;
    first
}

/// One report from `reports`: findings (and suppressed findings) merged by
/// fingerprint, stats summed, errors kept.
pub fn merge(reports: Vec<JsonReport>) -> Result<JsonReport, MergeError> {
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    let mut errors = Vec::new();
    let mut stats = Stats::default();
    for r in reports {
        if r.version != VERSION {
            return Err(MergeError::Version(r.version));
        }
        findings.extend(r.findings);
        suppressed.extend(r.suppressed);
        errors.extend(r.errors);
        stats.add(&r.stats);
    }
    errors.sort();
    errors.dedup();
    stats.errors = errors.len() as u64;
    Ok(JsonReport {
        errors,
        findings: merge_findings(findings),
        stats,
        suppressed: merge_findings(suppressed),
        version: VERSION,
    })
}

/// Occurrences a (merged) finding stands for: itself and its `also_at`.
pub fn occurrences(f: &JsonFinding) -> usize {
    1 + f.also_at.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(fp: &str, repo: &str, path: &str, line: usize) -> JsonFinding {
        JsonFinding {
            fingerprint: fp.into(),
            repository: Some(repo.into()),
            path: path.into(),
            line,
            column: 1,
            rule: fp.split(':').next().unwrap().into(),
            source: "history".into(),
            verification: "not_checked".into(),
            ..Default::default()
        }
    }

    fn report(findings: Vec<JsonFinding>) -> JsonReport {
        JsonReport {
            errors: Vec::new(),
            findings,
            stats: Stats {
                files: 1,
                ..Default::default()
            },
            suppressed: Vec::new(),
            version: VERSION,
        }
    }

    #[test]
    fn one_key_in_two_repositories_is_one_finding_with_both_places() {
        let a = report(vec![
            finding("r:1", "b", "x", 2),
            finding("r:2", "b", "y", 1),
        ]);
        let b = report(vec![finding("r:1", "a", "z", 9)]);
        let m = merge(vec![a, b]).unwrap();
        assert_eq!(m.findings.len(), 2);
        let k = m.findings.iter().find(|f| f.fingerprint == "r:1").unwrap();
        assert_eq!(k.repository.as_deref(), Some("a"));
        assert_eq!(k.also_at.len(), 1);
        assert_eq!(k.also_at[0].repository.as_deref(), Some("b"));
        assert_eq!(m.stats.files, 2);
    }

    #[test]
    fn merging_is_independent_of_split_and_order() {
        let all = [
            finding("r:1", "a", "x", 1),
            finding("r:1", "c", "x", 1),
            finding("r:1", "b", "x", 1),
            finding("r:2", "c", "q", 3),
        ];
        let whole = merge(vec![report(all.to_vec())]).unwrap();
        let left = merge(vec![report(vec![all[2].clone(), all[3].clone()])]).unwrap();
        let right = merge(vec![report(vec![all[1].clone(), all[0].clone()])]).unwrap();
        let twice = merge(vec![right, left]).unwrap();
        let json = |r: &JsonReport| serde_json::to_string(&r.findings).unwrap();
        assert_eq!(json(&whole), json(&twice));
        // The same report twice adds no place.
        let again = merge(vec![whole.clone(), whole.clone()]).unwrap();
        assert_eq!(json(&whole), json(&again));
    }

    #[test]
    fn a_live_verdict_anywhere_wins() {
        let mut live = finding("r:1", "b", "x", 1);
        live.verification = "live".into();
        let m = merge(vec![report(vec![finding("r:1", "a", "x", 1), live])]).unwrap();
        assert_eq!(m.findings[0].verification, "live");
        assert_eq!(m.findings[0].repository.as_deref(), Some("a"));
    }

    #[test]
    fn another_version_is_refused() {
        let mut r = report(Vec::new());
        r.version = 2;
        assert!(matches!(merge(vec![r]), Err(MergeError::Version(2))));
    }
}
