//! Accuracy suite (issue 4): runs the built-in rule pack through the real
//! matcher over a labelled corpus of realistic files and measures recall
//! and false-positive rate per rule family.
//!
//! The corpus lives in `tests/accuracy/corpus/` and is produced by
//! `tests/accuracy/generate.py` (deterministic; regenerate after changing
//! rules). `labels.json` says, for each file, whether it holds a secret and,
//! if so, which rule must find which exact secret. A positive counts as found
//! only when its own rule reports exactly that secret; a negative counts as a
//! false positive when any rule reports anything in it.
//!
//! Fails if overall recall < 95% or the false-positive rate > 1%.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use keyhound::matcher::Matcher;
use support::accuracy::{report_and_check, Tally};

#[derive(serde::Deserialize)]
struct Label {
    path: String,
    positive: bool,
    family: String,
    rule: Option<String>,
    secret: Option<String>,
}

#[test]
fn accuracy_per_family() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy/corpus");
    let labels: Vec<Label> =
        serde_json::from_slice(&std::fs::read(root.join("labels.json")).expect("labels.json"))
            .expect("labels.json parses");
    let matcher = Matcher::new(keyhound::rules::builtin().expect("built-in rules load"))
        .expect("matcher builds");

    let mut families: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for label in &labels {
        let data = std::fs::read(root.join(&label.path)).expect("corpus file");
        let found: Vec<(String, Vec<u8>)> = matcher
            .scan(&data)
            .into_iter()
            .map(|m| {
                (
                    matcher.rule(m.rule).id.clone(),
                    data[m.secret.clone()].to_vec(),
                )
            })
            .collect();
        let t = families.entry(label.family.clone()).or_default();
        if label.positive {
            t.positives += 1;
            let rule = label.rule.as_deref().unwrap_or_default();
            let secret = label.secret.as_deref().unwrap_or_default().as_bytes();
            if found.iter().any(|(r, s)| r == rule && s == secret) {
                t.found += 1;
            } else {
                misses.push(format!("{} (expected {rule})", label.path));
            }
        } else {
            t.negatives += 1;
            if !found.is_empty() {
                t.false_positives += 1;
                let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
                false_positives.push(format!("{} ({})", label.path, rules.join(", ")));
            }
        }
    }

    assert!(
        labels.iter().filter(|l| l.positive).count() >= 600
            && labels.iter().filter(|l| !l.positive).count() >= 600,
        "corpus too small"
    );
    report_and_check(&families, &misses, &false_positives);
}
