//! The pre-commit framework's hooks (.pre-commit-hooks.yaml) run by the
//! real `pre-commit` (PyPI) on a temp repository, and the Python wheel
//! (pyproject.toml, maturin `bindings = "bin"`) built, installed into a
//! fresh venv and used by those hooks.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::*;

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A hooks repository holding this repository's .pre-commit-hooks.yaml;
/// returns it and its HEAD (a `rev:` that is not a mutable branch).
fn hooks_repo() -> (Tree, String) {
    let t = Tree::new();
    t.init_repo();
    t.write(
        ".pre-commit-hooks.yaml",
        std::fs::read(repo_file(".pre-commit-hooks.yaml")).unwrap(),
    );
    let sha = t.commit_all("hooks");
    (t, sha)
}

/// A project with a secret already committed and a pre-commit config
/// using `hooks`.
fn project(hooks: &Tree, rev: &str, ids: &[&str]) -> Tree {
    let t = Tree::new();
    t.init_repo();
    t.write(
        "old.txt",
        format!("token = {}\n", github_pat("precommit-old")),
    );
    let list: Vec<String> = ids.iter().map(|i| format!("      - id: {i}\n")).collect();
    t.write(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n{}",
            hooks.path().display(),
            list.concat()
        ),
    );
    t.commit_all("project");
    t
}

/// `pre-commit args` in `t` (git isolated as in `support::git`), with
/// keyhound found through `bin_dir`.
fn pre_commit(t: &Tree, bin_dir: &Path, args: &[&str]) -> Option<Output> {
    let pc = venv_tool("pre-commit")?;
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new(pc);
    c.current_dir(t.path())
        .args(args)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", t.join(".pre-commit-home"))
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", t.join(".no-user-config"))
        .env("XDG_CONFIG_HOME", t.join(".no-user-config"))
        .env("XDG_STATE_HOME", t.join(".state"));
    for v in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "KEYHOUND"] {
        c.env_remove(v);
    }
    Some(c.output().expect("pre-commit runs"))
}

fn built_bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_keyhound"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn both(o: &Output) -> String {
    stdout(o) + &stderr(o)
}

#[test]
fn the_files_hook_finds_a_committed_secret_that_the_staged_hook_does_not() {
    let (hooks, rev) = hooks_repo();
    let t = project(&hooks, &rev, &["keyhound-system", "keyhound-files-system"]);
    let bin = built_bin_dir();
    let Some(staged) = pre_commit(&t, &bin, &["run", "keyhound-system", "--all-files"]) else {
        return;
    };
    // By design: nothing is staged, so the staged check passes.
    assert!(staged.status.success(), "{}", both(&staged));
    let files = pre_commit(&t, &bin, &["run", "keyhound-files-system", "--all-files"]).unwrap();
    assert!(!files.status.success(), "{}", both(&files));
    assert!(both(&files).contains("old.txt"), "{}", both(&files));
    assert!(
        both(&files).contains("github-pat-classic"),
        "{}",
        both(&files)
    );
}

#[test]
fn the_staged_hook_blocks_a_commit_that_adds_a_secret() {
    let (hooks, rev) = hooks_repo();
    let t = project(&hooks, &rev, &["keyhound-system"]);
    let bin = built_bin_dir();
    let Some(install) = pre_commit(&t, &bin, &["install"]) else {
        return;
    };
    assert!(install.status.success(), "{}", both(&install));
    t.write("clean.txt", "nothing secret\n");
    t.git(&["add", "clean.txt"]);
    let ok = pre_commit(&t, &bin, &["run"]).unwrap();
    assert!(ok.status.success(), "{}", both(&ok));
    t.write(
        "new.txt",
        format!("token = {}\n", github_pat("precommit-new")),
    );
    t.git(&["add", "new.txt"]);
    let blocked = pre_commit(&t, &bin, &["run"]).unwrap();
    assert!(!blocked.status.success(), "{}", both(&blocked));
    assert!(both(&blocked).contains("new.txt"), "{}", both(&blocked));
}

#[test]
fn the_wheel_installs_into_a_fresh_venv_and_runs_the_hooks() {
    let Some(maturin) = venv_tool("maturin") else {
        return;
    };
    let Some(python) = venv_tool("python") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    // The project's own target directory: the dependencies cargo test
    // already built are reused, and only keyhound itself is rebuilt (a
    // separate directory cost a cold build of every dependency, most of
    // CI's time budget). The dev profile keeps it quick; a published wheel
    // would carry --release.
    let build = Command::new(maturin)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CARGO_TARGET_DIR", repo_file("target"))
        .args(["build", "--profile", "dev", "--locked", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(build.status.success(), "maturin: {}", both(&build));
    let wheel = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("a wheel");
    let venv = out.path().join("venv");
    let mk = Command::new(python)
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .unwrap();
    assert!(mk.status.success(), "{}", both(&mk));
    let pip = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(&wheel)
        .output()
        .unwrap();
    assert!(pip.status.success(), "{}", both(&pip));
    let v = Command::new(venv.join("bin/keyhound"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(stdout(&v).starts_with("keyhound "), "{}", both(&v));

    let (hooks, rev) = hooks_repo();
    let t = project(&hooks, &rev, &["keyhound-files-system"]);
    let files = pre_commit(&t, &venv.join("bin"), &["run", "--all-files"]).unwrap();
    assert!(!files.status.success(), "{}", both(&files));
    assert!(both(&files).contains("old.txt"), "{}", both(&files));
}
