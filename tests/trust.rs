//! A scanned repository cannot reach outside itself, and config mistakes
//! are reported before anything is scanned or sent, without quoting the
//! source (README.md, "Configuration"). Each test runs the real binary on a
//! real repository; each failed on the code before the settings layer.

mod support;

use std::path::Path;
use std::process::Command;
use support::*;

/// A repository with one committed GitHub token, and a file outside it
/// holding a credential-looking line (what `~/.aws/credentials` looks like).
fn repo_and_outside() -> (Tree, Tree, String) {
    let t = Tree::new();
    t.init_repo();
    let token = github_pat("trust-repo");
    t.write("app.env", format!("GITHUB_TOKEN={token}\n"));
    t.commit_all("app");
    let outside = Tree::new();
    let secret = format!("aws_secret_access_key = {}", random_b64("outside", 40));
    outside.write("credentials", format!("[default]\n{secret}\n"));
    (t, outside, secret)
}

fn assert_refused_without_content(o: &std::process::Output, secret: &str, key: &str) {
    let err = stderr(o);
    assert_eq!(code(o), 2, "{err}");
    assert!(err.contains(key), "names the key {key}: {err}");
    assert!(!err.contains(secret), "printed the outside file: {err}");
    assert!(!err.contains("aws_secret_access_key"), "{err}");
    assert!(stdout(o).is_empty(), "nothing scanned: {}", stdout(o));
}

#[test]
fn extra_rule_file_outside_the_repository_is_refused() {
    let (t, outside, secret) = repo_and_outside();
    let abs = outside.join("credentials");
    t.write(
        ".keyhound.toml",
        format!("[rules]\nextra = [{:?}]\n", abs.display().to_string()),
    );
    // A bare file name as the target too: its parent is the empty path,
    // which once made the repository root empty and everything "inside".
    for target in [".", "app.env"] {
        let o = run(t.path(), &["scan", target]);
        assert_refused_without_content(&o, &secret, "[rules] extra[0]");
    }
}

#[test]
fn extra_rule_file_reached_through_dotdot_is_refused() {
    let (t, outside, secret) = repo_and_outside();
    let rel = pathdiff(t.path(), &outside.join("credentials"));
    t.write(".keyhound.toml", format!("[rules]\nextra = [{rel:?}]\n"));
    let o = run(t.path(), &["scan", "--history"]);
    assert_refused_without_content(&o, &secret, "[rules] extra[0]");
}

#[test]
fn extra_rule_file_that_is_a_symlink_out_is_refused() {
    let (t, outside, secret) = repo_and_outside();
    std::os::unix::fs::symlink(outside.join("credentials"), t.join("rules.toml")).unwrap();
    t.write(".keyhound.toml", "[rules]\nextra = [\"rules.toml\"]\n");
    let o = run(t.path(), &["scan", "."]);
    assert_refused_without_content(&o, &secret, "[rules] extra[0]");
}

#[test]
fn repository_config_that_is_a_symlink_out_is_refused() {
    let (t, outside, secret) = repo_and_outside();
    std::os::unix::fs::symlink(outside.join("credentials"), t.join(".keyhound.toml")).unwrap();
    let o = run(t.path(), &["scan", "--staged"]);
    assert_refused_without_content(&o, &secret, "config file itself");
}

#[test]
fn the_users_own_config_may_name_files_anywhere() {
    let (t, outside, _) = repo_and_outside();
    outside.write(
        "rules.toml",
        "[[rule]]\nid = \"acme-token\"\nname = \"Acme\"\nkeywords = [\"acme_\"]\nregex = '''\\b(acme_[a-z0-9]{16})\\b'''\nseverity = \"high\"\n",
    );
    let user = Tree::new();
    user.write(
        "my.toml",
        format!(
            "[rules]\nextra = [{:?}]\n",
            outside.join("rules.toml").display().to_string()
        ),
    );
    t.write("x.txt", "key = acme_0123456789abcdef\n");
    let my = user.join("my.toml");
    let (c, doc) = scan_json(t.path(), &["--config", my.to_str().unwrap(), "x.txt"]);
    assert_eq!(c, 1);
    assert_eq!(findings(&doc)[0]["rule"], "acme-token");
}

#[test]
fn a_repository_rule_may_not_replace_a_built_in_one() {
    let (t, _, _) = repo_and_outside();
    let rule = "[[rule]]\nid = \"github-pat-classic\"\nname = \"mine\"\nkeywords = [\"zzzz\"]\nregex = '''zzzz([0-9]{4})'''\nseverity = \"low\"\n";
    t.write(".keyhound.toml", rule);
    let o = run(t.path(), &["scan", "app.env"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("github-pat-classic"), "{err}");
    assert!(err.contains("built-in"), "{err}");
    // The user's own config may, with a warning.
    let user = Tree::new();
    user.write("mine.toml", rule);
    let mine = user.join("mine.toml");
    let o = run(
        t.path(),
        &["scan", "--config", mine.to_str().unwrap(), "app.env"],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "the built-in rule is replaced: {err}");
    assert!(err.contains("warning") && err.contains("replaces"), "{err}");
}

#[test]
fn a_rule_too_big_to_compile_fails_at_load_not_with_a_panic() {
    let (t, _, _) = repo_and_outside();
    // Parses fine, compiles to far more than the regex size limit.
    t.write(
        ".keyhound.toml",
        "[[rule]]\nid = \"huge\"\nname = \"Huge\"\nkeywords = [\"github\"]\nregex = '''(\\w{1000}){1000}'''\nseverity = \"low\"\n",
    );
    let o = run(t.path(), &["scan", "app.env"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("huge") && err.contains("regex"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn rotate_without_a_rotation_section_fails_before_scanning() {
    let (t, _, _) = repo_and_outside();
    let o = run(
        t.path(),
        &["scan", "--history", "--all-refs", "--rotate", "-f", "json"],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("[rotation]"), "{err}");
    assert!(stdout(&o).is_empty(), "no report: the scan never ran");
}

#[test]
fn a_verify_typo_fails_before_scanning_or_sending() {
    let (t, _, _) = repo_and_outside();
    let user = Tree::new();
    // A listener that would see a request if one were made.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    user.write(
        "keyhound/config.toml",
        format!(
            "[verify]\nenabeld = true\nendpoints = {{ github = \"http://127.0.0.1:{port}\" }}\n"
        ),
    );
    let args = ["scan", ".", "--verify", "-f", "json"];
    let o = keyhound(t.path())
        .env("XDG_CONFIG_HOME", user.path())
        .args(args)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("enabeld"), "{err}");
    assert!(stdout(&o).is_empty(), "no report: the scan never ran");
    assert!(listener.accept().is_err(), "a request was sent");
    // Not one scanned file was opened: the error came first.
    if let Some(trace) = traced_opens(t.path(), user.path(), &args) {
        assert!(trace.contains("keyhound/config.toml"), "strace saw the run");
        assert!(!trace.contains("app.env"), "the scan ran before the error");
    }
}

#[test]
fn config_errors_never_quote_the_source() {
    let (t, _, _) = repo_and_outside();
    let token = github_pat("in-a-config");
    for (name, text) in [
        ("wrong type", format!("[scan]\nthreads = \"{token}\"\n")),
        ("syntax", format!("[scan]\nthreads = 4 {token}\n")),
        (
            "allowlist regex",
            format!("[allowlist]\nregexes = ['''^{token}(''']\n"),
        ),
        (
            "rule regex",
            format!("[[rule]]\nid = \"r\"\nname = \"R\"\nkeywords = [\"x\"]\nregex = '''{token}['''\nseverity = \"low\"\n"),
        ),
    ] {
        t.write(".keyhound.toml", &text);
        let o = run(t.path(), &["scan", "app.env"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{name}: {err}");
        assert!(err.contains(".keyhound.toml"), "{name}: {err}");
        assert!(!err.contains(&token), "{name}: printed the token: {err}");
        assert!(!err.contains(&token[..12]), "{name}: printed part of it: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: one line: {err}");
    }
}

#[test]
fn an_explicit_config_adds_rotation_targets_to_the_users_own() {
    let (t, _, _) = repo_and_outside();
    let user = Tree::new();
    user.write(
        "keyhound/config.toml",
        "[rotation]\n[[rotation.targets]]\nid = \"mine\"\ntype = \"webhook\"\nurl = \"https://hooks.example.com/a\"\nsecret = \"env:NOPE\"\nrules = [\"github-*\"]\naccept_unknown = true\n",
    );
    let extra = Tree::new();
    extra.write(
        "team.toml",
        "[rotation]\n[[rotation.targets]]\nid = \"team\"\ntype = \"webhook\"\nurl = \"https://hooks.example.com/b\"\nsecret = \"env:NOPE\"\nrules = [\"github-*\"]\naccept_unknown = true\n",
    );
    let team = extra.join("team.toml");
    let o = keyhound(t.path())
        .env("XDG_CONFIG_HOME", user.path())
        .args([
            "scan",
            "--history",
            "--dry-run",
            "--config",
            team.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(err.contains("mine"), "the user's target is kept: {err}");
    assert!(err.contains("team"), "{err}");
}

/// Each config file is read once per run (strace counts the opens).
#[test]
fn config_is_read_once_per_run() {
    let Some(strace) = which("strace") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace is missing (apt-get install strace)"
        );
        eprintln!("skipped: strace is not installed (apt-get install strace)");
        return;
    };
    let (t, _, _) = repo_and_outside();
    let user = Tree::new();
    user.write(
        "keyhound/config.toml",
        "[rotation]\n[[rotation.targets]]\nid = \"mine\"\ntype = \"webhook\"\nurl = \"https://hooks.example.com/a\"\nsecret = \"env:NOPE\"\nrules = [\"github-*\"]\naccept_unknown = true\n",
    );
    t.write(".keyhound.toml", "[allowlist]\nstopwords = [\"dummy\"]\n");
    let _ = strace;
    let args = ["scan", "--history", "--dry-run"];
    let Some(trace) = traced_opens(t.path(), user.path(), &args) else {
        return;
    };
    let opens = |name: &str| {
        trace
            .lines()
            .filter(|l| l.contains(name) && !l.contains("ENOENT"))
            .count()
    };
    assert_eq!(opens("keyhound/config.toml"), 1, "{trace}");
    assert_eq!(opens(".keyhound.toml"), 1, "{trace}");
}

/// The files keyhound opened (strace's `openat` lines), running `args` in
/// `cwd` with `config_home` as XDG_CONFIG_HOME; `None` without strace
/// (outside CI).
fn traced_opens(cwd: &Path, config_home: &Path, args: &[&str]) -> Option<String> {
    let Some(strace) = which("strace") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace is missing (apt-get install strace)"
        );
        eprintln!("strace is not installed: open checks skipped (apt-get install strace)");
        return None;
    };
    let log = cwd
        .join("..")
        .join(format!("strace-{}.log", std::process::id()));
    let bin = assert_cmd::cargo::cargo_bin("keyhound");
    Command::new(strace)
        .args(["-f", "-e", "trace=open,openat", "-o"])
        .arg(&log)
        .arg(&bin)
        .args(args)
        .current_dir(cwd)
        .env("XDG_CONFIG_HOME", config_home)
        .env("XDG_STATE_HOME", cwd.join(".state"))
        .env_remove("CI")
        .output()
        .unwrap();
    let trace = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_file(&log);
    Some(trace)
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// `to` relative to `from` through `..` (both absolute).
fn pathdiff(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_c: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to_c).take_while(|(a, b)| a == b).count();
    let mut out = vec![".."; from.len() - common].join("/");
    for c in &to_c[common..] {
        out.push('/');
        out.push_str(c.as_os_str().to_str().unwrap());
    }
    out
}

#[test]
fn a_target_id_in_both_your_config_and_the_explicit_one_is_an_error() {
    let (t, _, _) = repo_and_outside();
    let target = "[rotation]\n[[rotation.targets]]\nid = \"same\"\ntype = \"webhook\"\nurl = \"https://hooks.example.com/a\"\nsecret = \"env:NOPE\"\n";
    let user = Tree::new();
    user.write("keyhound/config.toml", target);
    let extra = Tree::new();
    extra.write("team.toml", target);
    let team = extra.join("team.toml");
    let o = keyhound(t.path())
        .env("XDG_CONFIG_HOME", user.path())
        .args([
            "scan",
            "--history",
            "--dry-run",
            "--config",
            team.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("same") && err.contains("twice"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing scanned");
}
