//! `keyhound hook install|uninstall` and the pre-commit script, with real
//! `git commit`s that the hook blocks or lets through.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::*;

/// `git commit` with hooks enabled.
fn commit(dir: &Path, msg: &str) -> Output {
    git_output(dir, &["commit", "-q", "-m", msg])
}

fn repo() -> Tree {
    let t = Tree::new();
    t.init_repo();
    t.write(".gitignore", ".no-user-config/\n.state/\n");
    t.write("README.md", "hello\n");
    t.commit_all("initial");
    t
}

fn hook_path(t: &Tree) -> std::path::PathBuf {
    t.join(".git/hooks/pre-commit")
}

fn install(t: &Tree, extra: &[&str]) -> Output {
    let mut args = vec!["hook", "install"];
    args.extend_from_slice(extra);
    run(t.path(), &args)
}

#[test]
fn installed_hook_blocks_a_secret_and_passes_a_clean_commit() {
    let t = repo();
    let o = install(&t, &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(hook_path(&t).exists());

    t.write("clean.txt", "nothing to see\n");
    t.git(&["add", "clean.txt"]);
    let o = commit(t.path(), "clean");
    assert!(o.status.success(), "clean commit blocked: {}", stderr(&o));

    let pat = github_pat("hook-blocks");
    t.write("app.env", format!("A=1\nTOKEN={pat}\n"));
    t.git(&["add", "app.env"]);
    let o = commit(t.path(), "leak");
    assert!(!o.status.success(), "the secret was committed");
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("app.env:2"), "{all}");
    assert!(all.contains("git commit --no-verify"), "{all}");
    assert!(!all.contains(&pat), "the hook output must redact: {all}");
    // Nothing was committed.
    assert_eq!(t.git(&["log", "--format=%s", "-1"]).trim(), "clean");
}

#[test]
fn commit_all_is_checked_through_gits_temporary_index() {
    let t = repo();
    install(&t, &[]);
    // Tracked file modified but not staged: `git commit -a` stages it into
    // a temporary index (GIT_INDEX_FILE) that the hook must read.
    t.write("README.md", format!("hello\n{}\n", github_pat("commit-a")));
    let o = git_output(t.path(), &["commit", "-q", "-a", "-m", "all"]);
    assert!(!o.status.success(), "commit -a let a secret through");
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("README.md:2"), "{all}");
}

#[test]
fn existing_hook_is_chained_and_restored_and_second_install_is_a_noop() {
    let t = repo();
    let original = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/chained-ran\"\nexit 0\n";
    std::fs::write(hook_path(&t), original).unwrap();
    make_exec(&hook_path(&t));

    let o = install(&t, &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("kept"), "{}", stderr(&o));
    let installed = std::fs::read(hook_path(&t)).unwrap();
    let o = install(&t, &[]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("already installed"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(hook_path(&t)).unwrap(),
        installed,
        "second install changed the hook"
    );

    // A clean commit runs the chained hook and passes.
    t.write("a.txt", "a\n");
    t.git(&["add", "a.txt"]);
    let o = commit(t.path(), "a");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        t.join(".git/chained-ran").exists(),
        "the chained hook did not run"
    );

    // The chained hook's failure still blocks.
    std::fs::write(
        t.join(".git/hooks/pre-commit.keyhound-chained"),
        "#!/bin/sh\necho no >&2\nexit 1\n",
    )
    .unwrap();
    t.write("b.txt", "b\n");
    t.git(&["add", "b.txt"]);
    let o = commit(t.path(), "b");
    assert!(!o.status.success(), "a failing chained hook must block");
    std::fs::write(t.join(".git/hooks/pre-commit.keyhound-chained"), original).unwrap();

    // Uninstall restores the original hook byte for byte.
    let o = run(t.path(), &["hook", "uninstall"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(hook_path(&t)).unwrap(), original);
    assert!(!t.join(".git/hooks/pre-commit.keyhound-chained").exists());
    // With keyhound gone a secret is no longer blocked (the hook is really off).
    t.write("s.env", format!("K={}\n", github_pat("after-uninstall")));
    t.git(&["add", "s.env"]);
    let o = commit(t.path(), "s");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn core_hooks_path_is_respected() {
    let t = repo();
    t.git(&["config", "core.hooksPath", "githooks"]);
    let o = install(&t, &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(t.join("githooks/pre-commit").exists());
    assert!(!hook_path(&t).exists());
    t.write("k.env", format!("K={}\n", github_pat("hooks-path")));
    t.git(&["add", "k.env"]);
    let o = commit(t.path(), "k");
    assert!(!o.status.success(), "hook in core.hooksPath did not run");
}

#[test]
fn internal_error_fails_closed_with_a_one_line_reason() {
    let t = repo();
    install(&t, &[]);
    // A broken repository config makes keyhound exit 2.
    t.write(".keyhound.toml", "[scan]\nthreds = 2\n");
    t.write("a.txt", "a\n");
    t.git(&["add", "a.txt"]);
    let o = commit(t.path(), "a");
    assert!(
        !o.status.success(),
        "an internal error let the commit through"
    );
    let err = stderr(&o);
    assert!(
        err.contains("commit blocked") && err.contains("git commit --no-verify"),
        "{err}"
    );
    assert!(err.contains("exit 2"), "{err}");
}

#[test]
fn hook_script_without_keyhound_blocks_and_says_so() {
    let t = repo();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("hooks/pre-commit");
    let o = Command::new("sh")
        .arg(&script)
        .current_dir(t.path())
        .env("PATH", "/usr/bin:/bin")
        .env_remove("KEYHOUND")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not installed") && err.contains("--no-verify"),
        "{err}"
    );
}

#[test]
fn global_install_uses_a_global_hooks_path_and_uninstall_undoes_it() {
    let t = repo();
    let home = Tree::new();
    let gitconfig = home.join("gitconfig");
    let xdg = home.join("xdg");
    let kh = |args: &[&str]| {
        keyhound(t.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", &gitconfig)
            .env("XDG_CONFIG_HOME", &xdg)
            .output()
            .unwrap()
    };
    let o = kh(&["hook", "install", "--global"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let cfg = std::fs::read_to_string(&gitconfig).unwrap();
    assert!(cfg.contains("hooksPath"), "{cfg}");
    assert!(xdg.join("keyhound/hooks/pre-commit").exists());

    let git = |args: &[&str]| {
        git_command(t.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", &gitconfig)
            .env("XDG_CONFIG_HOME", &xdg)
            .output()
            .unwrap()
    };
    t.write("g.env", format!("K={}\n", github_pat("global")));
    assert!(git(&["add", "g.env"]).status.success());
    let o = git(&["commit", "-q", "-m", "g"]);
    assert!(!o.status.success(), "the global hook did not block");

    let o = kh(&["hook", "uninstall", "--global"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let cfg = std::fs::read_to_string(&gitconfig).unwrap();
    assert!(!cfg.contains("hooksPath"), "{cfg}");
    let o = git(&["commit", "-q", "-m", "g"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn make_exec(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A bare repository has no commits made in it: a pre-commit hook there
/// would never run, so installing one is an error, not a silent success.
#[test]
fn install_in_a_bare_repository_is_an_error() {
    let t = Tree::new();
    t.git(&["init", "-q", "--bare", "repo.git"]);
    let bare = t.join("repo.git");
    let o = run(&bare, &["hook", "install"]);
    assert_eq!(code(&o), 2, "{} {}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bare repository"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!bare.join("hooks/pre-commit").exists());
    let o = run(&bare, &["hook", "uninstall"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// `uninstall --global` takes out what `install --global` put in, and no
/// more: an empty `[core]` it leaves behind is gone, other settings stay.
#[test]
fn global_uninstall_leaves_no_empty_core_section() {
    let t = repo();
    let home = Tree::new();
    let gitconfig = home.join("gitconfig");
    let xdg = home.join("xdg");
    let kh = |args: &[&str]| {
        keyhound(t.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", &gitconfig)
            .env("XDG_CONFIG_HOME", &xdg)
            .output()
            .unwrap()
    };
    std::fs::write(&gitconfig, "[user]\n\tname = Ada\n").unwrap();
    assert_eq!(code(&kh(&["hook", "install", "--global"])), 0);
    let o = kh(&["hook", "uninstall", "--global"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let cfg = std::fs::read_to_string(&gitconfig).unwrap();
    assert!(!cfg.contains("[core]"), "{cfg:?}");
    assert!(cfg.contains("name = Ada"), "{cfg:?}");

    // A [core] with other keys keeps them.
    std::fs::write(&gitconfig, "[core]\n\teditor = vi\n").unwrap();
    assert_eq!(code(&kh(&["hook", "install", "--global"])), 0);
    assert_eq!(code(&kh(&["hook", "uninstall", "--global"])), 0);
    let cfg = std::fs::read_to_string(&gitconfig).unwrap();
    assert!(
        cfg.contains("[core]") && cfg.contains("editor = vi"),
        "{cfg:?}"
    );
    assert!(!cfg.contains("hooksPath"), "{cfg:?}");
}
