//! Running the real binary with a clean environment: nothing of the
//! developer's or CI's environment leaks in (no real `HOME`, XDG dirs, git
//! config, `CI`, `KEYHOUND_*`, proxies or `GIT_DIR` of an outer hook), so
//! a test sees the same keyhound on every machine. The user's home and
//! config directory of a run in `cwd` is `cwd/.no-user-config` (write the
//! user's own config at `.no-user-config/keyhound/config.toml`), its state
//! directory `cwd/.state`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Variables passed through from the test's environment: what finding
/// programs (`PATH`) and temp files (`TMPDIR`) need, a backtrace when asked
/// for one, and where a coverage run writes its profiles.
const PASSED_THROUGH: &[&str] = &["PATH", "TMPDIR", "RUST_BACKTRACE", "LLVM_PROFILE_FILE"];

/// Clears `c`'s environment but for [`PASSED_THROUGH`], and gives it a
/// home, config and state directory under `cwd` (created on demand by the
/// test or the program, never by this function) and no system git config.
pub fn clean_env(mut c: Command, cwd: &Path) -> Command {
    c.env_clear();
    for name in PASSED_THROUGH {
        if let Some(v) = std::env::var_os(name) {
            c.env(name, v);
        }
    }
    c.env("HOME", cwd.join(".no-user-config"))
        .env("XDG_CONFIG_HOME", cwd.join(".no-user-config"))
        .env("XDG_STATE_HOME", cwd.join(".state"))
        .env("GIT_CONFIG_NOSYSTEM", "1");
    c
}

/// The real binary as a std `Command` in `cwd` with a clean environment
/// (to `spawn` concurrent runs or pipe its output).
pub fn keyhound_process(cwd: &Path) -> Command {
    let mut c = clean_env(Command::new(env!("CARGO_BIN_EXE_keyhound")), cwd);
    c.current_dir(cwd);
    c
}

/// The real binary as an `assert_cmd` command (for `write_stdin`).
pub fn keyhound(cwd: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(keyhound_process(cwd))
}

/// Runs keyhound with `args` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    run_env(cwd, args, &[], None)
}

/// Runs keyhound with `args` in `cwd`, the extra variables `env`, and
/// `stdin` (or an empty one).
pub fn run_env(cwd: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut c = keyhound(cwd);
    c.args(args).envs(env.iter().copied());
    if let Some(s) = stdin {
        c.write_stdin(s.to_string());
    }
    c.output().expect("keyhound runs")
}

/// Runs keyhound with `args` in `cwd` on a pseudo-terminal (util-linux
/// `script`) with the clean environment plus `env`, typing `input`; returns
/// keyhound's exit code and what the terminal showed (stdout and stderr
/// together). `None` when `script` is missing (a skip; a failure under CI).
pub fn on_a_terminal(
    cwd: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    input: &str,
) -> Option<(i32, String)> {
    if Command::new("script").arg("--version").output().is_err() {
        super::prereq::missing(
            "`script` (util-linux) is needed to run keyhound on a terminal",
            "apt-get install bsdutils",
        );
        return None;
    }
    let quote = |a: &str| format!("'{}'", a.replace('\'', "'\\''"));
    let mut line = quote(env!("CARGO_BIN_EXE_keyhound"));
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    let mut c = clean_env(Command::new("script"), cwd);
    c.args(["-q", "-e", "-c", &line, "/dev/null"])
        .current_dir(cwd)
        // A terminal that says what it is (without `TERM`, programs treat
        // it as dumb and draw no progress bar).
        .env("TERM", "xterm")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("script runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    Some((code(&o), stdout(&o) + &stderr(&o)))
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
