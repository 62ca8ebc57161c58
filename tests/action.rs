//! The GitHub Action (action.yml and its scripts in .github/action/), checked
//! with the ecosystem's real tools and run against real repositories:
//! actionlint on the action's metadata through an example workflow that
//! uses it (`uses: ./`), shellcheck on every `run:` block and script, and
//! the scan step on each event kind, with a clone the way actions/checkout
//! makes it (one shallow commit).

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::*;

const ZERO: &str = "0000000000000000000000000000000000000000";

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A git repository holding this repository's action.yml and .github/
/// (actionlint wants to run inside one), with action.yml replaced by
/// `action` when given.
fn action_checkout(action: Option<&str>) -> Tree {
    let t = Tree::new();
    t.init_repo();
    let yml = std::fs::read_to_string(repo_file("action.yml")).unwrap();
    t.write("action.yml", action.unwrap_or(&yml));
    for rel in [
        "workflows/keyhound.yml",
        "action/scan.sh",
        "action/install.sh",
        "action/verdict.sh",
    ] {
        t.write(
            &format!(".github/{rel}"),
            std::fs::read(repo_file(&format!(".github/{rel}"))).unwrap(),
        );
    }
    t
}

fn actionlint(t: &Tree) -> Option<Output> {
    let bin = venv_tool("actionlint")?;
    Some(
        Command::new(bin)
            .current_dir(t.path())
            .args([
                "-no-color",
                "-ignore",
                "is deprecated",
                ".github/workflows/keyhound.yml",
            ])
            .output()
            .unwrap(),
    )
}

#[test]
fn actionlint_accepts_the_action_and_the_example_workflow() {
    let t = action_checkout(None);
    let Some(out) = actionlint(&t) else { return };
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn actionlint_rejects_an_action_yml_that_is_not_yaml() {
    // The shipped bug: an unquoted description containing `: `.
    let yml = std::fs::read_to_string(repo_file("action.yml")).unwrap();
    let broken = yml.replace(
        "description: \"Upload the SARIF report to GitHub code scanning (needs `security-events: write`).\"",
        "description: Upload the SARIF report to GitHub code scanning (needs `security-events: write`).",
    );
    assert_ne!(broken, yml, "the test's replacement must apply");
    let t = action_checkout(Some(&broken));
    let Some(out) = actionlint(&t) else { return };
    assert!(!out.status.success());
    assert!(
        stdout(&out).contains("could not parse action metadata"),
        "{}",
        stdout(&out)
    );
}

/// Every `run:` block of action.yml (expressions replaced by a word, as the
/// runner substitutes them), via PyYAML of the integrations venv.
fn run_blocks() -> Option<Vec<String>> {
    let python = venv_tool("python")?;
    let out = Command::new(python)
        .args([
            "-c",
            "import json,sys,yaml; a=yaml.safe_load(open(sys.argv[1])); \
             print(json.dumps([s['run'] for s in a['runs']['steps'] if 'run' in s]))",
        ])
        .arg(repo_file("action.yml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let blocks: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    let expr = regex::Regex::new(r"\$\{\{[^}]*\}\}").unwrap();
    Some(
        blocks
            .iter()
            .map(|b| expr.replace_all(b, "EXPR").into_owned())
            .collect(),
    )
}

#[test]
fn shellcheck_passes_every_run_block_and_script() {
    let Some(sc) = shellcheck() else { return };
    let Some(blocks) = run_blocks() else { return };
    assert!(blocks.len() >= 4, "{blocks:?}");
    let t = Tree::new();
    let mut files = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let name = format!("run-{i}.sh");
        t.write(&name, format!("#!/usr/bin/env bash\n{b}"));
        files.push(t.join(&name));
    }
    for rel in [
        ".github/action/scan.sh",
        ".github/action/install.sh",
        ".github/action/verdict.sh",
        "hooks/pre-commit",
        ".ci/prereqs-integrations.sh",
        ".ci/prereqs-prometheus.sh",
    ] {
        files.push(repo_file(rel));
    }
    let out = Command::new(sc)
        .args(["-s", "bash"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "shellcheck:\n{}", stdout(&out));
}

/// origin (bare) with `main` holding secret A, and `feature` adding secret
/// B on top of it.
struct Remote {
    _dir: Tree,
    url: String,
    main: String,
    feature: String,
}

fn remote() -> Remote {
    let dir = Tree::new();
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    let w = |args: &[&str]| git_in(&work, args);
    w(&["init", "-q", "-b", "main"]);
    let a = github_pat("action-main");
    let b = github_pat("action-feature");
    std::fs::write(work.join("old.txt"), format!("token = \"{a}\"\n")).unwrap();
    w(&["add", "-A"]);
    w(&["commit", "-q", "-m", "main"]);
    let main = w(&["rev-parse", "HEAD"]).trim().to_string();
    w(&["checkout", "-q", "-b", "feature"]);
    std::fs::write(work.join("new.txt"), format!("token = \"{b}\"\n")).unwrap();
    w(&["add", "-A"]);
    w(&["commit", "-q", "-m", "feature"]);
    let feature = w(&["rev-parse", "HEAD"]).trim().to_string();
    git_in(dir.path(), &["clone", "-q", "--bare", "work", "origin.git"]);
    let url = format!("file://{}", dir.join("origin.git").display());
    Remote {
        _dir: dir,
        url,
        main,
        feature,
    }
}

/// A runner's checkout of `sha`: one shallow commit, detached, as
/// actions/checkout leaves it.
fn checkout(r: &Remote, sha: &str) -> Tree {
    let t = Tree::new();
    t.init_repo();
    t.git(&["remote", "add", "origin", &r.url]);
    t.git(&["fetch", "-q", "--depth", "1", "origin", sha]);
    t.git(&["checkout", "-q", "--detach", "FETCH_HEAD"]);
    t
}

struct Step {
    out: Output,
    outputs: HashMap<String, String>,
    sarif: String,
}

/// Runs .github/action/scan.sh in `t` with the event's variables.
fn scan_step(t: &Tree, env: &[(&str, &str)]) -> Step {
    let gh_out = t.join(".gh-output");
    let mut c = clean_env(Command::new("bash"), t.path());
    c.current_dir(t.path())
        .arg(repo_file(".github/action/scan.sh"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("KEYHOUND", env!("CARGO_BIN_EXE_keyhound"))
        .env("GITHUB_OUTPUT", &gh_out)
        .env("DEFAULT_BRANCH", "main")
        .env("SARIF", t.join("keyhound.sarif"))
        .envs(env.iter().copied());
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "scan.sh: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let outputs = std::fs::read_to_string(&gh_out)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let sarif =
        std::fs::read_to_string(t.join("keyhound.sarif")).expect("a SARIF is always written");
    validate_sarif(&sarif);
    Step {
        out,
        outputs,
        sarif,
    }
}

/// Whether the step's SARIF reports the secret of main (old.txt) and that
/// of feature (new.txt).
fn found(s: &Step) -> (bool, bool) {
    let doc: serde_json::Value = serde_json::from_str(&s.sarif).unwrap();
    let files: Vec<String> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|res| res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].to_string())
        .collect();
    (
        files.iter().any(|f| f.contains("old.txt")),
        files.iter().any(|f| f.contains("new.txt")),
    )
}

#[test]
fn a_new_branch_push_scans_only_what_the_default_branch_lacks() {
    let r = remote();
    let t = checkout(&r, &r.feature);
    let s = scan_step(
        &t,
        &[
            ("EVENT", "push"),
            ("BEFORE", ZERO),
            ("AFTER", &r.feature),
            ("REF_NAME", "feature"),
        ],
    );
    assert_eq!(
        found(&s),
        (false, true),
        "{}{}",
        stdout(&s.out),
        stderr(&s.out)
    );
    assert_eq!(s.outputs["outcome"], "leaks");
    assert_eq!(s.outputs["exit-code"], "1");
    assert!(
        s.outputs["range"].ends_with(&format!("..{}", r.feature)),
        "{:?}",
        s.outputs
    );
}

#[test]
fn a_force_push_whose_before_is_gone_says_why_and_uses_the_default_branch() {
    let r = remote();
    let t = checkout(&r, &r.feature);
    let gone = "1234567890123456789012345678901234567890";
    let s = scan_step(
        &t,
        &[
            ("EVENT", "push"),
            ("BEFORE", gone),
            ("AFTER", &r.feature),
            ("REF_NAME", "feature"),
        ],
    );
    let text = stdout(&s.out);
    assert!(
        text.contains(&format!(
            "::warning title=keyhound::git fetch origin {gone} failed:"
        )),
        "{text}"
    );
    assert_eq!(found(&s), (false, true), "{text}");
    assert_eq!(s.outputs["outcome"], "leaks");
}

#[test]
fn a_pull_request_and_a_merge_group_scan_base_to_head() {
    let r = remote();
    let t = checkout(&r, &r.feature);
    let pr = scan_step(
        &t,
        &[
            ("EVENT", "pull_request"),
            ("BASE_SHA", &r.main),
            ("HEAD_SHA", &r.feature),
        ],
    );
    assert_eq!(pr.outputs["range"], format!("{}..{}", r.main, r.feature));
    assert_eq!(found(&pr), (false, true));
    let t = checkout(&r, &r.feature);
    let mg = scan_step(
        &t,
        &[
            ("EVENT", "merge_group"),
            ("MG_BASE", &r.main),
            ("MG_HEAD", &r.feature),
        ],
    );
    assert_eq!(mg.outputs["range"], format!("{}..{}", r.main, r.feature));
    assert_eq!(found(&mg), (false, true));
}

#[test]
fn a_scheduled_run_on_the_default_branch_checks_the_files_as_they_are() {
    let r = remote();
    let t = checkout(&r, &r.main);
    for event in ["schedule", "workflow_dispatch"] {
        let s = scan_step(
            &t,
            &[("EVENT", event), ("AFTER", &r.main), ("REF_NAME", "main")],
        );
        assert_eq!(s.outputs["range"], "", "{event}");
        assert_eq!(found(&s), (true, false), "{event}: {}", stdout(&s.out));
    }
}

#[test]
fn an_error_gives_a_valid_sarif_and_is_not_called_a_leak() {
    let r = remote();
    let t = checkout(&r, &r.feature);
    let s = scan_step(
        &t,
        &[
            ("EVENT", "push"),
            ("BEFORE", &r.main),
            ("AFTER", &r.feature),
            ("ARGS", "--no-such-flag"),
        ],
    );
    assert_eq!(s.outputs["outcome"], "error");
    assert_eq!(s.outputs["exit-code"], "2");
    assert!(
        s.outputs["error"].contains("--no-such-flag"),
        "{:?}",
        s.outputs
    );
    if let Some(errors) = multitool_errors(&t.join("keyhound.sarif")) {
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let doc: serde_json::Value = serde_json::from_str(&s.sarif).unwrap();
    let note = &doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(note["message"]["text"]
        .as_str()
        .unwrap()
        .contains("--no-such-flag"));
    let verdict = clean_env(Command::new("bash"), t.path())
        .arg(repo_file(".github/action/verdict.sh"))
        .env("CODE", &s.outputs["exit-code"])
        .env("OUTCOME", &s.outputs["outcome"])
        .env("ERROR", &s.outputs["error"])
        .output()
        .unwrap();
    assert_eq!(code(&verdict), 2);
    let text = stdout(&verdict);
    assert!(
        text.contains("could not complete the scan") && !text.contains("leaked"),
        "{text}"
    );
}
