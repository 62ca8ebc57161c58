//! What a test does when something it needs from the machine is missing (a
//! server binary, `script(1)`): skip with a message saying how to install
//! it — except under `CI=true`, where `.ci/run` installed everything, so a
//! missing piece fails the test instead of hiding it.

use std::path::PathBuf;

/// `CI` is set to something other than empty, `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skips (prints `SKIPPED: {what}; {install}` and returns) or, under CI,
/// panics with the same text.
pub fn missing(what: &str, install: &str) {
    let msg = format!("{what}; install it with: {install}");
    if in_ci() {
        panic!("CI=true and a test prerequisite is missing: {msg}");
    }
    eprintln!("SKIPPED: {msg}");
}

/// The first of `candidates` that is a file, or `None` after [`missing`].
pub fn require(name: &str, candidates: &[PathBuf], install: &str) -> Option<PathBuf> {
    if let Some(p) = candidates.iter().find(|p| p.is_file()) {
        return Some(p.clone());
    }
    let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
    missing(
        &format!("{name} not found (looked in {})", looked.join(", ")),
        install,
    );
    None
}
