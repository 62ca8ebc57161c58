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

/// Encoded and packed (README.md, "Encoded and packed secrets"): every
/// labelled file of the corpus again, carried the ways secrets travel — as
/// a base64 Kubernetes `data:` value, percent-encoded, as one JSON string
/// (a notebook cell), as a zip member and as a `.tar.gz` member — through
/// the real engine. A positive counts as found when its own rule reports
/// exactly its secret; a negative as a false positive when anything is
/// reported. Same thresholds as the plain suite.
#[test]
fn accuracy_encoded_and_packed() {
    use base64::Engine as _;
    use keyhound::engine::{BlobMeta, Engine};
    use keyhound::filter::{Filter, FilterSpec};
    use std::io::Write as _;

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy/corpus");
    let labels: Vec<Label> =
        serde_json::from_slice(&std::fs::read(root.join("labels.json")).expect("labels.json"))
            .expect("labels.json parses");
    let rules = keyhound::rules::builtin().expect("built-in rules load");
    let filter = Filter::new(FilterSpec {
        rules: &rules,
        ..FilterSpec::default()
    })
    .expect("filter builds");
    let engine = Engine::new(Matcher::new(rules.clone()).expect("matcher"), filter);

    // A form gets the content and the file's name (an archive member keeps it).
    type Form = fn(&[u8], &str) -> Vec<u8>;
    let forms: [(&str, Form); 5] = [
        ("k8s-base64", |d, _| {
            let v = base64::engine::general_purpose::STANDARD.encode(d);
            format!("kind: Secret\ndata:\n  config: {v}\n").into_bytes()
        }),
        ("percent", |d, _| {
            let mut out = Vec::new();
            for &b in d {
                if b.is_ascii_alphanumeric() || b"._~-".contains(&b) {
                    out.push(b);
                } else {
                    out.extend(format!("%{b:02X}").bytes());
                }
            }
            out
        }),
        ("json-string", |d, _| {
            let s = String::from_utf8_lossy(d);
            serde_json::to_vec(&serde_json::json!({ "source": s })).unwrap()
        }),
        ("zip", |d, name| {
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(d).unwrap();
            w.finish().unwrap().into_inner()
        }),
        ("tar.gz", |d, name| {
            let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let mut tar = tar::Builder::new(gz);
            let mut h = tar::Header::new_gnu();
            h.set_size(d.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            tar.append_data(&mut h, name, d).unwrap();
            tar.into_inner().unwrap().finish().unwrap()
        }),
    ];
    let mut families: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for label in &labels {
        let data = std::fs::read(root.join(&label.path)).expect("corpus file");
        for (form, encode) in &forms {
            let blob = encode(&data, &label.path);
            let meta = BlobMeta {
                path: "corpus.bin",
                source: keyhound::finding::SourceKind::File,
                blob: None,
            };
            let found = engine.scan_blob(&blob, &meta);
            let t = families.entry(form.to_string()).or_default();
            if label.positive {
                t.positives += 1;
                let rule = label.rule.as_deref().unwrap_or_default();
                let secret = label.secret.as_deref().unwrap_or_default();
                if found.iter().any(|f| f.rule == rule && f.secret == secret) {
                    t.found += 1;
                } else {
                    misses.push(format!("{} as {form} (expected {rule})", label.path));
                }
            } else {
                t.negatives += 1;
                if !found.is_empty() {
                    t.false_positives += 1;
                    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
                    false_positives.push(format!(
                        "{} as {form} ({})",
                        label.path,
                        rules.join(", ")
                    ));
                }
            }
        }
    }
    report_and_check(&families, &misses, &false_positives);
}
