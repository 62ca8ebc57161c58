//! The integration tests' small vocabulary: temp trees and repositories,
//! fake secrets built at run time (so this repository holds none), and
//! running the real binary.
#![allow(dead_code)]

pub mod accuracy;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// A fake but well-formed GitHub classic PAT (valid CRC32 checksum) made
/// from `seed`, so each test gets its own secret.
pub fn github_pat(seed: &str) -> String {
    let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut state: u64 = 0xcbf29ce484222325;
    for b in seed.bytes() {
        state = (state ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    let random: String = (0..30)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % 62) as usize] as char
        })
        .collect();
    let check = keyhound::rules::checksum::base62(u64::from(crc32fast::hash(random.as_bytes())), 6);
    format!("{}{random}{check}", "ghp_")
}

/// `n` pseudo-random base64 characters from `seed` (fake key material).
pub fn random_b64(seed: &str, n: usize) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state: u64 = 0x2545f4914f6cdd1d;
    for b in seed.bytes() {
        state = (state ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % 64) as usize] as char
        })
        .collect()
}

/// A fake AWS access key id: `AKIA` + 16 characters of [A-Z2-7].
pub fn aws_key_id(seed: &str) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut state: u64 = 0x9e3779b97f4a7c15;
    for b in seed.bytes() {
        state = (state ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    let body: String = (0..16)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % 32) as usize] as char
        })
        .collect();
    format!("{}{body}", "AKIA")
}

/// A temp directory with helpers to write files.
pub struct Tree {
    pub dir: tempfile::TempDir,
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

    /// Runs `git` in the tree (tests may use the git CLI to build fixtures).
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    pub fn init_repo(&self) -> &Self {
        self.git(&["init", "-q", "-b", "main"]);
        self.git(&["config", "user.name", "Ada Lovelace"]);
        self.git(&["config", "user.email", "ada@example.com"]);
        self.git(&["config", "commit.gpgsign", "false"]);
        self
    }

    pub fn commit_all(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--no-verify", "-m", message]);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }
}

pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
        .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The real binary, with a clean environment for config discovery.
pub fn keyhound(cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("keyhound").expect("binary built");
    c.current_dir(cwd)
        .env("XDG_CONFIG_HOME", cwd.join(".no-user-config"))
        .env("XDG_STATE_HOME", cwd.join(".state"))
        .env_remove("CI")
        .env_remove("KEYHOUND_ROTATE");
    c
}

/// Runs keyhound with `args` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    keyhound(cwd).args(args).output().expect("keyhound runs")
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a scan with `--format json` and parses the document.
pub fn scan_json(cwd: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["scan", "--format", "json"];
    all.extend_from_slice(args);
    let o = run(cwd, &all);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stdout: {} stderr: {}",
            stdout(&o),
            stderr(&o)
        )
    });
    (code(&o), doc)
}

pub fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("findings array")
}
