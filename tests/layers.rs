//! The module structure stays as designed (docs/ARCHITECTURE.md): every
//! top-level module of `src/` may use only modules below it in [`LAYERS`].
//! A `use crate::x` (or any `crate::x::…` path in code) that points upward
//! or sideways fails this test, so no import cycle can come back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Top-level modules, bottom first. A module may depend only on modules
/// that come before it.
const LAYERS: &[&str] = &[
    // Shared, dependency-free building blocks.
    "exit",
    "stats",
    "entropy",
    "diagnostic",
    "endpoint",
    "randomness",
    "redact",
    "fingerprint",
    "decode",
    "archive",
    "notebook",
    "reuse",
    // The rule schema, then what a finding is.
    "rules",
    "finding",
    // Where bytes come from: sources hand blobs to a `source::BlobScanner`.
    "source",
    // Matching and suppression.
    "matcher",
    "rule_check",
    "baseline",
    "gitleaks",
    "filter",
    "engine",
    // Where findings go.
    "report",
    "verify",
    // Metrics: a snapshot type and its writers; rotation fills it from the ledger.
    "metrics",
    "rotate",
    // Config files and flags → one plan per run.
    "settings",
    "fleet",
    "pipeline",
    // Commands.
    "hook",
    "init",
    "cli",
    "app",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`None` for the
/// crate roots `lib.rs` and `main.rs`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// Every `crate::name` in the code of a file (comments skipped), with
/// `use crate::{a, b::c}` groups expanded.
fn crate_refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.push(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[test]
fn modules_depend_only_on_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rank: BTreeMap<&str, usize> = LAYERS.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(&own) = rank.get(module.as_str()) else {
            problems.push(format!(
                "{}: module `{module}` is not in LAYERS (tests/layers.rs)",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for dep in crate_refs(&text) {
            if dep == module {
                continue;
            }
            match rank.get(dep.as_str()) {
                Some(&r) if r < own => {}
                Some(_) => problems.push(format!(
                    "{}: `{module}` uses `crate::{dep}`, which is not below it",
                    file.display()
                )),
                None => problems.push(format!(
                    "{}: `crate::{dep}` is not a known top-level module",
                    file.display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_module_in_lib_rs_has_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    for m in &declared {
        assert!(
            LAYERS.contains(m),
            "src/lib.rs declares `{m}`, missing from LAYERS"
        );
    }
    for m in LAYERS {
        assert!(
            declared.contains(m),
            "LAYERS names `{m}`, not declared in src/lib.rs"
        );
    }
}

#[test]
fn the_reference_scanner_sees_groups_and_skips_comments() {
    let refs = crate_refs(
        "use crate::{finding::Finding, rules};\n// crate::app\nlet x = crate::exit::ExitCode::OK;",
    );
    assert_eq!(refs, vec!["finding", "rules", "exit"]);
}
