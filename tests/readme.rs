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

/// The README's "Any error is one line on stderr" holds for clap's errors
/// (an unknown flag, a bad value, a missing argument) and for a path that
/// does not exist (a runtime error, exit 3, also listed in the report).
#[test]
fn every_error_is_one_line_on_stderr() {
    let t = Tree::new();
    for (args, want) in [
        (vec!["scan", "--bogus"], 2),
        (vec!["scan", "--format", "xml"], 2),
        (vec!["rotate"], 2),
        (vec!["scan", "does-not-exist"], 3),
        (vec!["scan", "-f", "json", "does-not-exist"], 3),
    ] {
        let o = run(t.path(), &args);
        assert_eq!(code(&o), want, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        assert!(lines[0].starts_with("keyhound: error: "), "{args:?}: {err}");
    }
    let o = run(t.path(), &["scan", "--format", "xml"]);
    assert!(
        stderr(&o).contains("possible values: text, json"),
        "{}",
        stderr(&o)
    );
}

/// The config `keyhound init` writes passes `keyhound rules check` on
/// itself, as its comment says, and so does its example rule once
/// uncommented: the positive is found, the negatives (a placeholder, a
/// short value) are not.
#[test]
fn the_starter_config_passes_its_own_check_with_and_without_its_example_rule() {
    let t = Tree::new();
    t.init_repo();
    let o = run(t.path(), &["init", "--no-hook"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let starter = std::fs::read_to_string(t.join(".keyhound.toml")).unwrap();
    assert!(starter.contains("keyhound rules check .keyhound.toml"));
    let check = |want: &str| {
        let o = run(t.path(), &["rules", "check", ".keyhound.toml"]);
        assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains(want), "{}", stdout(&o));
    };
    check("0 rules, 0 positive and 0 negative examples checked: 0 problems");

    // Uncomment the example rule, from `# [[rule]]` to its negatives.
    let mut inside = false;
    let mut positive = String::new();
    let uncommented: Vec<String> = starter
        .lines()
        .map(|l| {
            inside |= l.starts_with("# [[rule]]");
            if !inside {
                return l.to_string();
            }
            let line = l.strip_prefix("# ").unwrap_or(l).to_string();
            if line.starts_with("positive") {
                positive = line.split('\'').nth(1).unwrap().to_string();
            }
            if line.starts_with("negative") {
                inside = false;
            }
            line
        })
        .collect();
    t.write(".keyhound.toml", uncommented.join("\n"));
    check("1 rules, 1 positive and 2 negative examples checked: 0 problems");
    t.write("app.env", format!("{positive}\n"));
    let (c, doc) = scan_json(t.path(), &["app.env"]);
    assert_eq!(c, 1, "{doc}");
    assert_eq!(findings(&doc)[0]["rule"], "acme-internal-token");
}

/// What the README says about the hook's choice of binary is what the
/// script does: `$KEYHOUND` first, then the installing binary.
#[test]
fn the_hooks_binary_order_is_the_readmes() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains("`$KEYHOUND` if set, else the binary that installed it (its path is recorded in the script), else `keyhound` on `PATH`"),
        "README.md no longer states the hook's binary order"
    );
    let t = Tree::new();
    t.init_repo();
    t.write("README.md", "x\n");
    t.commit_all("initial");
    let o = run(t.path(), &["hook", "install"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let stub = t.join("stub-keyhound");
    std::fs::write(&stub, "#!/bin/sh\necho stub >> \"$0.ran\"\nexit 0\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    t.write(
        "app.env",
        format!("TOKEN={}\n", github_pat("readme-hook-order")),
    );
    t.git(&["add", "app.env"]);
    // Without $KEYHOUND the installing binary blocks the secret …
    let o = git_command(t.path())
        .args(["commit", "-q", "-m", "leak"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "the installed binary did not run");
    // … with it, $KEYHOUND is the one that runs.
    let o = git_command(t.path())
        .args(["commit", "-q", "-m", "leak"])
        .env("KEYHOUND", &stub)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(t.join("stub-keyhound.ran").exists());
}

/// `keyhound baseline -o .keyhound-baseline.json`, then `git add` and
/// commit it through the installed hook: the baseline does not flag
/// itself (its `generic-password:kdf:…` fingerprints read like a
/// `password: kdf…` assignment), and a JSON report does not either.
#[test]
fn a_committed_baseline_passes_the_installed_hook() {
    let t = Tree::new();
    t.init_repo();
    t.write(".gitignore", ".no-user-config/\n.state/\n");
    t.write(
        "app.ini",
        format!(
            "password = \"Tr0ub4dor&3-horse-battery\"\ntoken = {}\n", // keyhound:allow (fake test value)
            github_pat("readme-baseline")
        ),
    );
    t.commit_all("legacy secrets");
    let o = run(t.path(), &["hook", "install"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(t.path(), &["baseline", "-o", ".keyhound-baseline.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let baseline = std::fs::read_to_string(t.join(".keyhound-baseline.json")).unwrap();
    assert!(baseline.contains(":kdf:"), "{baseline}");
    let o = run(
        t.path(),
        &["scan", "-f", "json", "-o", "keyhound.json", "app.ini"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    t.git(&["add", ".keyhound-baseline.json", "keyhound.json"]);
    let o = git_command(t.path())
        .args(["commit", "-q", "-m", "baseline"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the hook blocked keyhound's own files: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let (c, doc) = scan_json(t.path(), &["--baseline", ".keyhound-baseline.json", "."]);
    assert_eq!(c, 0, "{doc}");
}
