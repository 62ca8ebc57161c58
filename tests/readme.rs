//! The README's shell examples run as written: every fenced `sh` block
//! preceded by a `<!-- runnable: exit=N -->` line is run with `bash -e` (the
//! default shell of GitHub Actions and GitLab) in a temp repository — `main`
//! clean, the checked-out branch adding a secret, `origin` pointing at
//! itself — with the built keyhound on PATH, and must exit N.

mod support;

use std::path::Path;
use std::process::Command;

use support::*;

/// (expected exit code, script) of every runnable block.
fn runnable_blocks(readme: &str) -> Vec<(i32, String)> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.trim().strip_prefix("<!-- runnable: exit=") else {
            continue;
        };
        let code: i32 = rest.trim_end_matches("-->").trim().parse().expect("exit=N");
        assert_eq!(
            lines.next().map(str::trim),
            Some("```sh"),
            "a runnable marker precedes a ```sh block"
        );
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        out.push((code, body.join("\n")));
    }
    out
}

fn fixture() -> Tree {
    let t = Tree::new();
    t.init_repo();
    t.write("README.md", "a project\n");
    t.commit_all("main");
    let me = t.path().display().to_string();
    t.git(&["remote", "add", "origin", &me]);
    t.git(&["checkout", "-q", "-b", "feature"]);
    t.write(
        "config.env",
        format!("TOKEN={}\n", github_pat("readme-block")),
    );
    t.commit_all("feature");
    t
}

#[test]
fn the_readmes_runnable_shell_blocks_run_as_written() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let blocks = runnable_blocks(&readme);
    assert!(!blocks.is_empty(), "no runnable block found");
    let bin = Path::new(env!("CARGO_BIN_EXE_keyhound"))
        .parent()
        .unwrap()
        .to_path_buf();
    for (want, script) in blocks {
        let t = fixture();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let o = clean_env(Command::new("bash"), t.path())
            .current_dir(t.path())
            .args(["-e", "-c", &script])
            .env("PATH", path)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        assert_eq!(
            code(&o),
            want,
            "README block:\n{script}\n--- output:\n{}{}",
            stdout(&o),
            stderr(&o)
        );
        if want != 0 {
            // It reached its own error handling rather than dying under -e.
            assert!(
                !stdout(&o).is_empty(),
                "README block printed nothing:\n{script}\n{}",
                stderr(&o)
            );
        }
    }
}
