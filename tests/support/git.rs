//! Temp trees and repositories, and the git CLI to build them (tests may
//! use it; the product reads repositories with gix). Every git command runs
//! with an isolated config: no system or global config, a fixed author and
//! committer, a fixed date, and none of an outer git's `GIT_DIR`-style
//! variables (`cargo test` run from a hook must not write to this
//! repository).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The author and committer date of every commit the tests make (history
/// findings report it).
pub const DATE: &str = "2026-01-02T03:04:05Z";
pub const AUTHOR_NAME: &str = "Ada Lovelace";
pub const AUTHOR_EMAIL: &str = "ada@example.com";

/// What an outer git (a hook running `cargo test`) may have set, and
/// `KEYHOUND`, which points the pre-commit hook at another binary.
const LEAKING: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
    "GIT_NAMESPACE",
    "KEYHOUND",
];

/// `git` in `dir` with the isolated config. Keyhound run by a hook of this
/// git sees the same home, config and state directories as
/// [`super::keyhound`] run in `dir`.
pub fn git_command(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", AUTHOR_NAME)
        .env("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL)
        .env("GIT_COMMITTER_NAME", AUTHOR_NAME)
        .env("GIT_COMMITTER_EMAIL", AUTHOR_EMAIL)
        .env("GIT_AUTHOR_DATE", DATE)
        .env("GIT_COMMITTER_DATE", DATE)
        .env("HOME", dir.join(".no-user-config"))
        .env("XDG_CONFIG_HOME", dir.join(".no-user-config"))
        .env("XDG_STATE_HOME", dir.join(".state"));
    for name in LEAKING {
        c.env_remove(name);
    }
    c
}

/// Runs `git args` in `dir` (isolated) without judging the outcome.
pub fn git_output(dir: &Path, args: &[&str]) -> Output {
    git_command(dir).args(args).output().expect("git runs")
}

/// Runs `git args` in `dir` (isolated); panics with git's stderr unless it
/// succeeds; returns stdout.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    checked(args, git_output(dir, args))
}

/// [`git_in`] dated now instead of [`DATE`] (for servers that compare a
/// commit's date with the clock).
pub fn git_now(dir: &Path, args: &[&str]) -> String {
    let mut c = git_command(dir);
    c.args(args)
        .env_remove("GIT_AUTHOR_DATE")
        .env_remove("GIT_COMMITTER_DATE");
    checked(args, c.output().expect("git runs"))
}

fn checked(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A temp directory with helpers to write files and make it a repository.
pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Default for Tree {
    fn default() -> Self {
        Self::new()
    }
}

impl Tree {
    pub fn new() -> Self {
        Tree {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let p = self.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    /// Runs `git` (isolated) in the tree; see [`git_in`].
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    /// `git init` on branch `main`, with the author in the repository's
    /// config too (for git run without [`git_command`], e.g. by a hook).
    pub fn init_repo(&self) -> &Self {
        self.git(&["init", "-q", "-b", "main"]);
        self.git(&["config", "user.name", AUTHOR_NAME]);
        self.git(&["config", "user.email", AUTHOR_EMAIL]);
        self.git(&["config", "commit.gpgsign", "false"]);
        self
    }

    /// Commits everything (hooks skipped); returns the commit id.
    pub fn commit_all(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--no-verify", "-m", message]);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }
}
