//! Independent accuracy suite (issue 4).
//!
//! `tests/accuracy.rs` measures the rule pack against corpora derived from
//! the rules' own examples, which is circular. This suite uses a corpus
//! written from the providers' documented key formats without reading the
//! rules (`tests/accuracy/independent/generate.py`; the generated files and
//! `labels.json` are committed, so no Python is needed at test time).
//!
//! It runs the real binary (`keyhound scan DIR --format json --no-config`)
//! and matches findings to labels:
//! - a positive is found when a finding in its file, on one of its labelled
//!   lines, reports a secret equal to or containing the expected secret;
//! - a negative file with any finding is a false positive.
//!
//! Prints recall and false-positive rate per family and overall, lists the
//! misses and false positives, and fails if overall recall < 95% or the
//! false-positive rate > 1%.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;
use support::accuracy::{report_and_check, Tally};

#[derive(serde::Deserialize)]
struct Positive {
    file: String,
    family: String,
    provider: String,
    secret: String,
    line: u64,
    end_line: u64,
}

#[derive(serde::Deserialize)]
struct Negative {
    file: String,
    family: String,
}

#[derive(serde::Deserialize)]
struct Labels {
    positives: Vec<Positive>,
    negatives: Vec<Negative>,
}

/// (rule, line, secret) per corpus-relative path.
fn findings_by_file(doc: &Value, root: &Path) -> HashMap<String, Vec<(String, u64, String)>> {
    let mut out: HashMap<String, Vec<(String, u64, String)>> = HashMap::new();
    for f in support::findings(doc) {
        let path = f["path"].as_str().expect("finding path");
        let rel = Path::new(path)
            .strip_prefix(root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| path.to_string());
        out.entry(rel).or_default().push((
            f["rule"].as_str().unwrap_or_default().to_string(),
            f["line"].as_u64().unwrap_or_default(),
            f["secret"].as_str().unwrap_or_default().to_string(),
        ));
    }
    out
}

fn short(s: &str) -> String {
    let head: String = s.chars().take(24).collect();
    if head.len() < s.len() {
        format!("{head}…")
    } else {
        head
    }
}

#[test]
fn independent_corpus_recall_and_false_positives() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy/independent/corpus");
    let labels: Labels =
        serde_json::from_slice(&std::fs::read(root.join("labels.json")).expect("labels.json"))
            .expect("labels.json parses");
    assert!(
        labels.positives.len() >= 600 && labels.negatives.len() >= 600,
        "corpus too small"
    );

    let root_arg = root.to_string_lossy().into_owned();
    let (code, doc) = support::scan_json(
        &root,
        &[
            &root_arg,
            "--no-config",
            "--no-redact",
            "--no-ignore",
            "--exit-code",
            "0",
        ],
    );
    assert_eq!(code, 0, "scan failed: {doc}");
    let found = findings_by_file(&doc, &root);
    let none = Vec::new();

    let mut families: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for p in &labels.positives {
        let t = families.entry(p.family.clone()).or_default();
        t.positives += 1;
        let in_file = found.get(&p.file).unwrap_or(&none);
        let hit = in_file
            .iter()
            .any(|(_, line, s)| (p.line..=p.end_line).contains(line) && s.contains(&p.secret));
        if hit {
            t.found += 1;
        } else {
            let got: Vec<String> = in_file
                .iter()
                .map(|(r, l, s)| format!("{r}@{l}={}", short(s)))
                .collect();
            misses.push(format!(
                "{} [{}] expected {} at line {} — findings: {}",
                p.file,
                p.provider,
                short(&p.secret),
                p.line,
                if got.is_empty() {
                    "none".to_string()
                } else {
                    got.join(", ")
                }
            ));
        }
    }
    let mut false_positives = Vec::new();
    for n in &labels.negatives {
        let t = families.entry(format!("neg/{}", n.family)).or_default();
        t.negatives += 1;
        if let Some(fs) = found.get(&n.file).filter(|fs| !fs.is_empty()) {
            t.false_positives += 1;
            let got: Vec<String> = fs
                .iter()
                .map(|(r, l, s)| format!("{r}@{l}={}", short(s)))
                .collect();
            false_positives.push(format!("{} — {}", n.file, got.join(", ")));
        }
    }

    report_and_check(&families, &misses, &false_positives);
}
