//! `keyhound scan --staged` and `--history` on real repositories built with
//! the git CLI in temp dirs.

mod support;

use serde_json::Value;
use support::*;

const RULE: &str = "github-pat-classic";

fn fp(secret: &str) -> String {
    keyhound::finding::fingerprint(RULE, secret.as_bytes())
}

/// A repository with one clean commit.
fn repo() -> Tree {
    let t = Tree::new();
    t.init_repo();
    t.write("README.md", "hello\n");
    t.write("src/app.py", "import os\n\nprint('hi')\n");
    t.commit_all("initial");
    t
}

fn staged(t: &Tree) -> (i32, Value) {
    scan_json(t.path(), &["--staged"])
}

fn history(t: &Tree, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["--history"];
    args.extend_from_slice(extra);
    scan_json(t.path(), &args)
}

fn paths(doc: &Value) -> Vec<String> {
    findings(doc)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// The finding at `path` (the first, if several).
fn finding_at<'a>(doc: &'a Value, path: &str) -> &'a Value {
    findings(doc)
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no finding at {path}: {doc}"))
}

fn errors(doc: &Value) -> &Vec<Value> {
    doc["errors"].as_array().expect("errors array")
}

// ---- --staged ----

#[test]
fn staged_secret_is_blocked_with_the_staged_line() {
    let t = repo();
    let pat = github_pat("staged-basic");
    t.write(
        "src/app.py",
        format!("import os\n\nTOKEN = \"{pat}\"\nprint('hi')\n"),
    );
    t.git(&["add", "src/app.py"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["path"], "src/app.py");
    assert_eq!(f["line"], 3);
    assert_eq!(f["column"], 10);
    assert_eq!(f["source"], "staged");
    assert_eq!(f["fingerprint"], fp(&pat));
    assert!(f["commit"].is_null());
    assert_eq!(findings(&doc).len(), 1);
}

#[test]
fn clean_staged_change_exits_zero() {
    let t = repo();
    t.write("src/app.py", "import os\n\nprint('hello')\n");
    t.write("docs/new.md", "# docs\n");
    t.git(&["add", "-A"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["files"], 2);
    assert!(errors(&doc).is_empty());
}

#[test]
fn partially_staged_file_reports_only_what_is_staged() {
    let t = repo();
    t.write("src/app.py", "import os\n\nprint('hello')\n");
    t.git(&["add", "src/app.py"]);
    // The secret is only in the work tree: not part of the commit.
    t.write(
        "src/app.py",
        format!(
            "import os\n\nprint('hello')\nT = \"{}\"\n",
            github_pat("worktree-only")
        ),
    );
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "{doc}");
    // And the other way round: staged secret, work tree already cleaned.
    let pat = github_pat("staged-only");
    t.write("src/app.py", format!("T = \"{pat}\"\n"));
    t.git(&["add", "src/app.py"]);
    t.write("src/app.py", "clean\n");
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc)[0]["fingerprint"], fp(&pat));
}

#[test]
fn secret_already_in_head_is_not_reported_again() {
    let t = Tree::new();
    t.init_repo();
    let old = github_pat("already-in-head");
    t.write("config.env", format!("A=1\nOLD={old}\n"));
    t.commit_all("with an old secret");
    // Modify the file: the old secret moves to another line.
    t.write("config.env", format!("# header\nA=2\nOLD={old}\n"));
    t.git(&["add", "config.env"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "{doc}");
    // A new secret in the same file is reported, the old one still not.
    let new = github_pat("new-next-to-old");
    t.write(
        "config.env",
        format!("# header\nA=2\nOLD={old}\nNEW={new}\n"),
    );
    t.git(&["add", "config.env"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc).len(), 1, "{doc}");
    assert_eq!(findings(&doc)[0]["fingerprint"], fp(&new));
    assert_eq!(findings(&doc)[0]["line"], 4);
}

#[test]
fn first_commit_with_unborn_head() {
    let t = Tree::new();
    t.init_repo();
    let pat = github_pat("unborn");
    t.write("a.txt", format!("x\n{pat}\n"));
    t.write("b.txt", "clean\n");
    t.git(&["add", "-A"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(paths(&doc), vec!["a.txt"]);
    assert_eq!(findings(&doc)[0]["line"], 2);
    // An empty index on an unborn HEAD: nothing to do.
    let e = Tree::new();
    e.init_repo();
    let (code, doc) = staged(&e);
    assert_eq!(code, 0, "{doc}");
}

#[test]
fn renamed_file_keeps_its_old_secret_silent() {
    let t = Tree::new();
    t.init_repo();
    let pat = github_pat("rename");
    t.write("old/name.env", format!("KEY={pat}\nA=1\nB=2\nC=3\n"));
    t.commit_all("secret");
    t.git(&["mv", "old/name.env", "renamed.env"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "pure rename: {doc}");
    // Rename with a modification.
    t.write("renamed.env", format!("KEY={pat}\nA=1\nB=2\nC=4\n"));
    t.git(&["add", "-A"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "rename + edit: {doc}");
    // A new secret in the renamed file is still caught.
    let new = github_pat("rename-new");
    t.write(
        "renamed.env",
        format!("KEY={pat}\nA=1\nB=2\nC=4\nN={new}\n"),
    );
    t.git(&["add", "-A"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc).len(), 1);
    assert_eq!(findings(&doc)[0]["fingerprint"], fp(&new));
    assert_eq!(findings(&doc)[0]["path"], "renamed.env");
}

#[test]
fn binary_symlink_deleted_and_intent_to_add_are_skipped() {
    let t = repo();
    let pat = github_pat("binary");
    let mut bin = b"\x00\x01binary".to_vec();
    bin.extend_from_slice(pat.as_bytes());
    t.write("blob.bin", bin);
    std::os::unix::fs::symlink(format!("/tmp/{pat}"), t.join("link")).unwrap();
    t.git(&["rm", "-q", "README.md"]);
    t.write("later.env", format!("K={}\n", github_pat("intent-to-add")));
    t.git(&["add", "blob.bin", "link"]);
    t.git(&["add", "-N", "later.env"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["skipped_binary"], 1, "{doc}");
    assert!(errors(&doc).is_empty(), "{doc}");
}

#[test]
fn submodule_entry_is_skipped() {
    let sub = repo();
    let t = repo();
    let out = git_command(t.path())
        .args(["-c", "protocol.file.allow=always", "submodule", "add", "-q"])
        .arg(sub.path())
        .arg("vendor/sub")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "{doc}");
    assert!(errors(&doc).is_empty(), "{doc}");
    // .gitmodules was added and scanned; the gitlink was not.
    assert_eq!(doc["stats"]["files"], 1, "{doc}");
}

#[test]
fn merge_conflict_scans_both_sides() {
    let t = Tree::new();
    t.init_repo();
    t.write("settings.env", "A=1\n");
    t.commit_all("base");
    t.git(&["checkout", "-q", "-b", "feature"]);
    let pat = github_pat("merge-theirs");
    t.write("settings.env", format!("A=2\nTOKEN={pat}\n"));
    t.commit_all("feature adds a token");
    t.git(&["checkout", "-q", "main"]);
    t.write("settings.env", "A=3\n");
    t.commit_all("main changes A");
    let out = git_output(t.path(), &["merge", "-q", "feature"]);
    assert!(!out.status.success(), "the merge must conflict");
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc).len(), 1, "{doc}");
    assert_eq!(findings(&doc)[0]["fingerprint"], fp(&pat));
    assert_eq!(findings(&doc)[0]["path"], "settings.env");
}

#[test]
fn bare_repository_and_non_repository_exit_two() {
    let t = repo();
    let bare = Tree::new();
    git_in(
        bare.path(),
        &["clone", "-q", "--bare", t.path().to_str().unwrap(), "b.git"],
    );
    let o = run(&bare.join("b.git"), &["scan", "--staged"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("bare"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let none = Tree::new();
    let o = run(none.path(), &["scan", "--staged"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a git repository"),
        "{}",
        stderr(&o)
    );
    let o = run(none.path(), &["scan", "--history"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

#[test]
fn partial_clone_with_a_missing_blob_is_a_runtime_error_naming_the_path() {
    let src = Tree::new();
    src.init_repo();
    src.write("keys/a.env", "A=1\n");
    src.commit_all("one");
    src.write("keys/a.env", "A=2\n");
    src.commit_all("two");
    src.git(&["config", "uploadpack.allowFilter", "true"]);
    let t = Tree::new();
    let url = format!("file://{}", src.path().display());
    git_in(
        t.path(),
        &[
            "clone",
            "-q",
            "--no-checkout",
            "--filter=blob:none",
            &url,
            "clone",
        ],
    );
    let clone = t.join("clone");
    // Stage the first commit's version, whose blob was never fetched; no
    // promisor can fetch it any more.
    git_in(
        &clone,
        &["remote", "set-url", "origin", "file:///nonexistent"],
    );
    git_in(&clone, &["read-tree", "HEAD~1"]);
    let (code, doc) = scan_json(&clone, &["--staged"]);
    assert_eq!(code, 3, "{doc}");
    assert_eq!(errors(&doc)[0]["path"], "keys/a.env", "{doc}");
}

// ---- --history ----

#[test]
fn history_attributes_to_the_introducing_commit_and_knows_it_left_head() {
    let t = repo();
    let pat = github_pat("history-c2");
    t.write("deploy.sh", format!("#!/bin/sh\nexport GH={pat}\n"));
    let c2 = t.commit_all("add deploy script");
    t.write("deploy.sh", format!("#!/bin/sh\nset -e\nexport GH={pat}\n"));
    t.commit_all("set -e");
    t.write("deploy.sh", "#!/bin/sh\nset -e\nexport GH=$GH_TOKEN\n");
    t.commit_all("read the token from the environment");
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc).len(), 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["commit"], c2.as_str());
    assert_eq!(f["in_head"], false);
    assert_eq!(f["later_commits"], 1);
    assert_eq!(f["path"], "deploy.sh");
    assert_eq!(f["line"], 2);
    assert_eq!(f["source"], "history");
    assert_eq!(f["author"], "Ada Lovelace");
    assert_eq!(f["email"], "ada@example.com");
    assert_eq!(f["date"], "2026-01-02T03:04:05Z");
    assert_eq!(f["message"], "add deploy script");
    assert_eq!(doc["stats"]["commits"], 4);
    assert_eq!(doc["stats"]["shallow"], false);
}

#[test]
fn history_same_secret_in_two_files_is_two_findings_one_fingerprint() {
    let t = repo();
    let pat = github_pat("two-files");
    t.write("a.env", format!("K={pat}\n"));
    t.write("b/c.env", format!("X=1\nK={pat}\n"));
    t.commit_all("two copies");
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    let mut p = paths(&doc);
    p.sort();
    assert_eq!(p, vec!["a.env", "b/c.env"]);
    let fps: Vec<_> = findings(&doc)
        .iter()
        .map(|f| f["fingerprint"].clone())
        .collect();
    assert_eq!(fps[0], fps[1]);
    assert!(findings(&doc).iter().all(|f| f["in_head"] == true));
}

#[test]
fn since_excludes_older_commits_and_ranges_work() {
    let t = repo();
    let old = github_pat("since-old");
    t.write("old.env", format!("K={old}\n"));
    t.commit_all("old secret");
    t.git(&["tag", "base"]);
    let new = github_pat("since-new");
    t.write("new.env", format!("K={new}\n"));
    let c = t.commit_all("new secret");
    let (code, doc) = history(&t, &["--since", "base"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(paths(&doc), vec!["new.env"], "{doc}");
    assert_eq!(findings(&doc)[0]["commit"], c.as_str());
    assert_eq!(doc["stats"]["commits"], 1);
    let (_, doc) = history(&t, &["base..HEAD"]);
    assert_eq!(paths(&doc), vec!["new.env"], "{doc}");
    let (_, doc) = history(&t, &["base"]);
    assert_eq!(paths(&doc), vec!["old.env"], "{doc}");
    let o = run(t.path(), &["scan", "--history", "--since", "no-such-rev"]);
    assert_eq!(support::code(&o), 2, "{}", stderr(&o));
}

#[test]
fn shallow_clone_stops_at_the_boundary_and_says_so() {
    let src = repo();
    let pat = github_pat("shallow");
    src.write("s.env", format!("K={pat}\n"));
    src.commit_all("secret");
    src.write("t.txt", "more\n");
    src.commit_all("more");
    let t = Tree::new();
    let url = format!("file://{}", src.path().display());
    git_in(t.path(), &["clone", "-q", "--depth", "1", &url, "c"]);
    let (code, doc) = scan_json(&t.join("c"), &["--history"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(doc["stats"]["shallow"], true, "{doc}");
    assert_eq!(doc["stats"]["commits"], 1, "{doc}");
    assert!(errors(&doc).is_empty(), "{doc}");
    assert_eq!(paths(&doc), vec!["s.env"]);
}

#[test]
fn unreachable_blob_only_with_all_objects() {
    let t = repo();
    let pat = github_pat("dangling");
    t.write("tmp.env", format!("K={pat}\n"));
    let id = t.git(&["hash-object", "-w", "tmp.env"]).trim().to_string();
    std::fs::remove_file(t.join("tmp.env")).unwrap();
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 0, "{doc}");
    let (code, doc) = history(&t, &["--all-objects"]);
    assert_eq!(code, 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["source"], "object");
    assert_eq!(f["blob"], id.as_str());
    assert!(f["commit"].is_null());
    assert_eq!(f["fingerprint"], fp(&pat));
}

#[test]
fn secret_in_a_commit_message() {
    let t = repo();
    let pat = github_pat("message");
    t.write("x.txt", "x\n");
    let c = t.commit_all(&format!("use token {pat} for now"));
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["path"], "<commit message>");
    assert_eq!(f["commit"], c.as_str());
    assert_eq!(f["line"], 1);
}

#[test]
fn history_of_a_bare_repository() {
    let t = repo();
    let pat = github_pat("bare-history");
    t.write("k.env", format!("K={pat}\n"));
    t.commit_all("k");
    let bare = Tree::new();
    git_in(
        bare.path(),
        &["clone", "-q", "--bare", t.path().to_str().unwrap(), "b.git"],
    );
    let (code, doc) = scan_json(&bare.join("b.git"), &["--history"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc)[0]["in_head"], true);
}

#[test]
fn same_fingerprint_via_directory_stdin_staged_and_history() {
    let t = Tree::new();
    t.init_repo();
    let pat = github_pat("four-ways");
    let text = format!("# config\nTOKEN = \"{pat}\"\n");
    t.write("conf.py", &text);
    t.git(&["add", "conf.py"]);
    let (_, staged_doc) = staged(&t);
    t.commit_all("conf");
    let (_, dir_doc) = scan_json(t.path(), &["."]);
    let (_, hist_doc) = history(&t, &[]);
    let o = keyhound(t.path())
        .args(["scan", "--format", "json", "-"])
        .write_stdin(text.as_bytes())
        .output()
        .unwrap();
    let stdin_doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let expected = fp(&pat);
    for (name, doc) in [
        ("staged", &staged_doc),
        ("dir", &dir_doc),
        ("history", &hist_doc),
        ("stdin", &stdin_doc),
    ] {
        let f = findings(doc);
        assert_eq!(f.len(), 1, "{name}: {doc}");
        assert_eq!(f[0]["fingerprint"], expected, "{name}");
        assert_eq!(f[0]["line"], 2, "{name}");
    }
}

// ---- history read in pack order, and damaged objects ----

/// Distinct text for a file, so git's delta search pairs versions of the
/// same file rather than different files.
fn file_text(i: usize, version: usize) -> String {
    let mut state = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut text = format!("// module {i}\n");
    for line in 0..40 + version {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(&format!("let v{line} = {};\n", state % 1_000_003));
    }
    text
}

/// A history of 30 commits over 300 files (every commit edits 20 of them),
/// with one secret added in commit 5 and removed in commit 20 and one
/// added in commit 12 that stays. Returns the tree and the two commits.
fn long_history() -> (Tree, String, String) {
    let t = Tree::new();
    t.init_repo();
    let gone = github_pat("pack-order-gone");
    let stays = github_pat("pack-order-stays");
    let (mut c5, mut c12) = (String::new(), String::new());
    for n in 1..=30usize {
        let range = if n == 1 {
            0..300
        } else {
            (n * 7 % 280)..(n * 7 % 280 + 20)
        };
        for i in range {
            let mut text = file_text(i, n);
            if i == 7 && (5..20).contains(&n) {
                text.push_str(&format!("TOKEN = \"{gone}\"\n"));
            }
            if i == 100 && n >= 12 {
                text.push_str(&format!("TOKEN = \"{stays}\"\n"));
            }
            t.write(&format!("src/mod_{i}.rs"), text);
        }
        if n == 5 || n == 20 {
            t.write("src/mod_7.rs", {
                let mut text = file_text(7, n);
                if n == 5 {
                    text.push_str(&format!("TOKEN = \"{gone}\"\n"));
                }
                text
            });
        }
        if n == 12 {
            t.write(
                "src/mod_100.rs",
                format!("{}TOKEN = \"{stays}\"\n", file_text(100, n)),
            );
        }
        let c = t.commit_all(&format!("commit {n}"));
        match n {
            5 => c5 = c,
            12 => c12 = c,
            _ => {}
        }
    }
    (t, c5, c12)
}

fn pack_dir(t: &Tree) -> std::path::PathBuf {
    t.join(".git/objects/pack")
}

#[test]
fn history_reads_the_same_from_loose_objects_and_from_a_pack() {
    let (t, c5, c12) = long_history();
    let (code, loose) = history(&t, &[]);
    assert_eq!(code, 1, "{loose}");
    t.git(&["gc", "-q", "--prune=now"]);
    assert!(
        std::fs::read_dir(pack_dir(&t))
            .unwrap()
            .flatten()
            .any(|e| { e.path().extension().is_some_and(|x| x == "pack") }),
        "git gc wrote a pack"
    );
    let o = run(t.path(), &["scan", "--history", "--format", "json"]);
    assert_eq!(support::code(&o), 1, "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let packed: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(findings(&packed), findings(&loose));
    for key in ["blobs", "bytes", "files", "commits"] {
        assert_eq!(packed["stats"][key], loose["stats"][key], "{key}");
    }
    let gone = finding_at(&packed, "src/mod_7.rs");
    assert_eq!(gone["commit"], c5.as_str());
    assert_eq!(gone["in_head"], false);
    let stays = finding_at(&packed, "src/mod_100.rs");
    assert_eq!(stays["commit"], c12.as_str());
    assert_eq!(stays["in_head"], true);
    assert_eq!(findings(&packed).len(), 2, "{packed}");
}

/// The pack offset of object `id`, from `git show-index`.
fn pack_offset(t: &Tree, id: &str) -> (std::path::PathBuf, u64) {
    for e in std::fs::read_dir(pack_dir(t)).unwrap().flatten() {
        let idx = e.path();
        if idx.extension().is_none_or(|x| x != "idx") {
            continue;
        }
        let out = git_command(t.path())
            .args(["show-index"])
            .stdin(std::fs::File::open(&idx).unwrap())
            .output()
            .unwrap();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            let mut parts = line.split_whitespace();
            let offset = parts.next().unwrap().parse().unwrap();
            if parts.next() == Some(id) {
                return (idx.with_extension("pack"), offset);
            }
        }
    }
    panic!("{id} is in no pack");
}

#[test]
fn damaged_pack_entry_is_an_error_and_the_rest_is_still_scanned() {
    let (t, _, c12) = long_history();
    t.git(&["gc", "-q", "--prune=now"]);
    let victim = t
        .git(&["rev-parse", "HEAD:src/mod_200.rs"])
        .trim()
        .to_string();
    let (pack, offset) = pack_offset(&t, &victim);
    let mut bytes = std::fs::read(&pack).unwrap();
    for b in &mut bytes[offset as usize + 12..offset as usize + 40] {
        *b ^= 0x5a;
    }
    let mut perms = std::fs::metadata(&pack).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&pack, perms).unwrap();
    std::fs::write(&pack, bytes).unwrap();

    let o = run(t.path(), &["scan", "--history", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    // The pack could not be read in one pass; its blobs were read one by
    // one, the damaged one became an error, and the secrets were found.
    assert!(stderr(&o).contains("read one by one"), "{}", stderr(&o));
    assert!(
        errors(&doc).iter().any(|e| e["path"] == "src/mod_200.rs"),
        "{doc}"
    );
    assert_eq!(support::code(&o), 1, "{doc}");
    let stays = finding_at(&doc, "src/mod_100.rs");
    assert_eq!(stays["commit"], c12.as_str());
    assert!(paths(&doc).contains(&"src/mod_7.rs".to_string()), "{doc}");
}

#[test]
fn damaged_loose_blob_is_an_error_and_the_scan_goes_on() {
    let t = repo();
    let pat = github_pat("loose-damage");
    t.write("k.env", format!("K={pat}\n"));
    t.write("victim.txt", "plain text that will be damaged\n");
    t.commit_all("two files");
    let id = t.git(&["rev-parse", "HEAD:victim.txt"]).trim().to_string();
    let path = t.join(&format!(".git/objects/{}/{}", &id[..2], &id[2..]));
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, b"this is not zlib data at all").unwrap();
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    assert!(
        errors(&doc).iter().any(|e| e["path"] == "victim.txt"),
        "{doc}"
    );
    assert_eq!(paths(&doc), vec!["k.env"], "{doc}");
}

/// Builds a 330-commit history with `git fast-import`: a main line that
/// edits 40 files in 7 directories, turns a file into a directory, flips an
/// executable bit, adds a symlink and a submodule entry, and merges a side
/// branch whose merge commit itself adds a secret. Secrets land at known
/// commits. Returns the tree and the secrets planted.
fn imported_history() -> (Tree, Vec<String>) {
    let t = Tree::new();
    t.init_repo();
    let mut secrets = Vec::new();
    let mut s = String::new();
    let mut ts = 1_700_000_000u64;
    let mut mark = 0u32;
    let mut commit = |s: &mut String,
                      branch: &str,
                      msg: &str,
                      from: Option<u32>,
                      merge: Option<u32>,
                      changes: &str| {
        mark += 1;
        ts += 60;
        s.push_str(&format!("commit refs/heads/{branch}\nmark :{mark}\n"));
        s.push_str(&format!(
            "author Ada <ada@example.com> {ts} +0000\ncommitter Ada <ada@example.com> {ts} +0000\n"
        ));
        s.push_str(&format!("data {}\n{msg}\n", msg.len()));
        if let Some(f) = from {
            s.push_str(&format!("from :{f}\n"));
        }
        if let Some(m) = merge {
            s.push_str(&format!("merge :{m}\n"));
        }
        s.push_str(changes);
        mark
    };
    let inline = |mode: &str, path: &str, data: &str| {
        format!("M {mode} inline {path}\ndata {}\n{data}\n", data.len())
    };
    let run_pat = github_pat("imported-run");
    let run_sh = format!("#!/bin/sh\nexport GH={run_pat}\n");
    secrets.push(run_pat);
    let mut last = 0;
    let mut fork = 0;
    for n in 1..=300usize {
        let mut ch = String::new();
        let i = n % 40;
        let mut text = file_text(i, n);
        if n % 25 == 0 {
            text.push_str(&format!("marker = pathtok_{n:016x}\n"));
        }
        if n % 50 == 0 {
            let pat = github_pat(&format!("imported-{n}"));
            text.push_str(&format!("TOKEN = \"{pat}\"\n"));
            secrets.push(pat);
        }
        ch.push_str(&inline("100644", &format!("d{}/f{i}.txt", i % 7), &text));
        match n {
            10 => ch.push_str(&inline("100644", "k", "a file first\n")),
            120 => {
                ch.push_str("D k\n");
                ch.push_str(&inline("100644", "k/inner.txt", &run_sh));
            }
            20 => ch.push_str(&inline("100644", "run.sh", &run_sh)),
            130 => ch.push_str(&inline("100755", "run.sh", &run_sh)),
            140 => ch.push_str(&inline("120000", "link", "d1/f1.txt")),
            150 => ch.push_str("M 160000 0123456789012345678901234567890123456789 sub\n"),
            _ => {}
        }
        last = commit(
            &mut s,
            "main",
            &format!("main {n}"),
            (n > 1).then_some(last),
            None,
            &ch,
        );
        if n == 200 {
            fork = last;
        }
    }
    let mut side = fork;
    for n in 1..=20usize {
        let mut text = file_text(100 + n, n);
        if n == 7 {
            let pat = github_pat("imported-side");
            text.push_str(&format!("TOKEN = \"{pat}\"\n"));
            secrets.push(pat);
        }
        let ch = inline("100644", &format!("side/s{n}.txt"), &text);
        side = commit(&mut s, "side", &format!("side {n}"), Some(side), None, &ch);
    }
    let pat = github_pat("imported-merge");
    secrets.push(pat.clone());
    let ch = inline("100644", "merge-note.txt", &format!("TOKEN = \"{pat}\"\n"));
    last = commit(&mut s, "main", "merge side", Some(last), Some(side), &ch);
    for n in 1..=9usize {
        let ch = inline("100644", "d0/after.txt", &file_text(200, n));
        last = commit(&mut s, "main", &format!("after {n}"), Some(last), None, &ch);
    }
    let mut child = git_command(t.path())
        .args(["fast-import", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    t.git(&["checkout", "-q", "main"]);
    (t, secrets)
}

#[test]
fn long_history_diffs_the_same_from_a_pack_as_object_by_object() {
    let (t, secrets) = imported_history();
    // fast-import writes a pack; unpacking it gives loose objects, which the
    // history scan diffs one object at a time.
    let packs: Vec<_> = std::fs::read_dir(pack_dir(&t))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pack"))
        .collect();
    let (code, packed) = history(&t, &[]);
    assert_eq!(code, 1, "{packed}");
    for p in &packs {
        let data = std::fs::read(p).unwrap();
        std::fs::remove_file(p).unwrap();
        std::fs::remove_file(p.with_extension("idx")).unwrap();
        let mut child = git_command(t.path())
            .args(["unpack-objects", "-q"])
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&data).unwrap();
        assert!(child.wait().unwrap().success());
    }
    let (code, loose) = history(&t, &[]);
    assert_eq!(code, 1, "{loose}");
    assert_eq!(findings(&packed), findings(&loose));
    for key in ["blobs", "bytes", "files", "commits", "skipped_binary"] {
        assert_eq!(packed["stats"][key], loose["stats"][key], "{key}");
    }
    assert_eq!(packed["stats"]["commits"], 330);
    let found: Vec<String> = findings(&packed)
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    for pat in &secrets {
        assert!(found.contains(&fp(pat)), "{pat} not found: {packed}");
    }
    let merge_note = finding_at(&packed, "merge-note.txt");
    assert_eq!(merge_note["message"], "merge side");
    // The same blob at run.sh (added, then made executable) and at
    // k/inner.txt (where a file became a directory).
    let at = |path: &str| finding_at(&packed, path);
    assert_eq!(at("run.sh")["message"], "main 20");
    assert_eq!(at("run.sh")["later_commits"], 1);
    assert_eq!(at("k/inner.txt")["message"], "main 120");
}

#[test]
fn long_history_with_a_path_limited_rule_judges_each_blob_by_its_path() {
    let (t, _) = imported_history();
    let conf = Tree::new();
    conf.write(
        "kh.toml",
        r#"
[[rule]]
id = "path-token"
name = "token that counts only under d1/"
keywords = ["pathtok_"]
regex = '''\b(pathtok_[0-9a-f]{16})\b'''
path = '''^d1/'''
severity = "high"
[rule.examples]
positive = []
"#,
    );
    let conf_path = conf.join("kh.toml");
    let args = ["--config", conf_path.to_str().unwrap()];
    let (code, packed) = history(&t, &args);
    assert_eq!(code, 1, "{packed}");
    let hits: Vec<&Value> = findings(&packed)
        .iter()
        .filter(|f| f["rule"] == "path-token")
        .collect();
    assert_eq!(hits.len(), 1, "{packed}");
    assert_eq!(hits[0]["path"], "d1/f15.txt");
    assert_eq!(hits[0]["message"], "main 175");
}

#[test]
fn history_progress_bar_only_on_a_terminal() {
    let t = repo();
    t.write("more.txt", "more\n");
    t.commit_all("more");
    // `script` runs keyhound on a pseudo-terminal and records its output.
    let args = [
        "scan",
        "--history",
        "--no-config",
        "-f",
        "json",
        "-o",
        "/dev/null",
    ];
    let Some((status, on_tty)) = on_a_terminal(t.path(), &args, &[], "") else {
        return;
    };
    assert_eq!(status, 0, "{on_tty}");
    assert!(on_tty.contains("scanning blobs"), "{on_tty}");
    let piped = run(
        t.path(),
        &[
            "scan",
            "--history",
            "--no-config",
            "-f",
            "json",
            "-o",
            "/dev/null",
        ],
    );
    let err = stderr(&piped);
    assert!(err.contains("2 commits"), "{err}");
    assert!(
        !err.contains("scanning blobs") && !err.contains('\r'),
        "{err}"
    );
}

// ---- history audits walk the real object graph; UTF-16; SHA-256 ----

/// c1 clean, c2 adds a secret, c3 removes it, c4 more work: returns the
/// repository and the ids of c1..c4.
fn leak_then_cleanup() -> (Tree, String, [String; 4]) {
    let t = repo();
    let pat = github_pat("replace-graft");
    let c1 = t.git(&["rev-parse", "HEAD"]).trim().to_string();
    t.write("deploy.env", format!("TOKEN={pat}\n"));
    let c2 = t.commit_all("add deploy settings");
    t.write("deploy.env", "TOKEN=\n");
    let c3 = t.commit_all("cleanup");
    t.write("README.md", "hello again\n");
    let c4 = t.commit_all("docs");
    (t, pat, [c1, c2, c3, c4])
}

/// `git replace --graft c3 c1` makes git (and gix, by default) see c1 as
/// c3's parent, hiding c2 and its secret. The audit reads the real parents.
#[test]
fn replace_graft_does_not_hide_the_commit_that_added_a_secret() {
    let (t, pat, [c1, c2, c3, _]) = leak_then_cleanup();
    t.git(&["replace", "--graft", &c3, &c1]);
    // git itself now hides c2.
    assert!(!t.git(&["log", "--format=%H"]).contains(&c2));
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    let f = finding_at(&doc, "deploy.env");
    assert_eq!(f["commit"], c2.as_str());
    assert_eq!(f["fingerprint"], fp(&pat));
    assert_eq!(f["in_head"], false);
    // The four real commits, plus the replacement commit that
    // refs/replace/ points at (scanned too: it is an object in the repo).
    assert_eq!(doc["stats"]["commits"], 5, "{doc}");
    // The same when the range is HEAD only.
    let (code, doc) = history(&t, &["--branch", "main"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(finding_at(&doc, "deploy.env")["commit"], c2.as_str());
    assert_eq!(doc["stats"]["commits"], 4, "{doc}");
}

/// The deprecated `.git/info/grafts` file does not hide commits either.
#[test]
fn info_grafts_do_not_hide_the_commit_that_added_a_secret() {
    let (t, _pat, [c1, c2, c3, _]) = leak_then_cleanup();
    std::fs::create_dir_all(t.join(".git/info")).unwrap();
    std::fs::write(t.join(".git/info/grafts"), format!("{c3} {c1}\n")).unwrap();
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(finding_at(&doc, "deploy.env")["commit"], c2.as_str());
    assert_eq!(doc["stats"]["commits"], 4, "{doc}");
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// A UTF-16 file (with a BOM) is decoded in the staged and history scans,
/// with lines of the decoded text.
#[test]
fn utf16_blobs_are_decoded_in_staged_and_history_scans() {
    let t = repo();
    let pat = github_pat("utf16-git");
    t.write(
        "setup.ps1",
        utf16le(&format!("# setup\r\n$t = \"{pat}\"\r\n")),
    );
    t.git(&["add", "setup.ps1"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    let f = finding_at(&doc, "setup.ps1");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(7))
    );
    assert_eq!(f["fingerprint"], fp(&pat));

    let c = t.commit_all("setup script");
    // Staged again with the secret already in HEAD: nothing new.
    t.write(
        "setup.ps1",
        utf16le(&format!("# setup v2\r\n$t = \"{pat}\"\r\n")),
    );
    t.git(&["add", "setup.ps1"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 0, "{doc}");

    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    let f = finding_at(&doc, "setup.ps1");
    assert_eq!(f["commit"], c.as_str());
    assert_eq!(f["line"], 2);
    assert_eq!(f["in_head"], true);
    assert_eq!(doc["stats"]["skipped_binary"], 0, "{doc}");
}

/// Repositories in the SHA-256 object format scan like SHA-1 ones.
#[test]
fn sha256_repositories_are_scanned() {
    let t = Tree::new();
    t.git(&["init", "-q", "-b", "main", "--object-format=sha256"]);
    t.git(&["config", "user.name", "Ada Lovelace"]);
    t.git(&["config", "user.email", "ada@example.com"]);
    t.write("README.md", "hello\n");
    t.commit_all("initial");
    let pat = github_pat("sha256");
    t.write("app.env", format!("A=1\nTOKEN={pat}\n"));
    t.git(&["add", "app.env"]);
    let (code, doc) = staged(&t);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(finding_at(&doc, "app.env")["line"], 2);
    let c = t.commit_all("settings");
    assert_eq!(c.len(), 64);
    let (code, doc) = history(&t, &[]);
    assert_eq!(code, 1, "{doc}");
    let f = finding_at(&doc, "app.env");
    assert_eq!(f["commit"], c.as_str());
    assert_eq!(f["blob"].as_str().map(str::len), Some(64), "{f}");
    assert_eq!(doc["stats"]["commits"], 2, "{doc}");
    // A packed SHA-256 history reads the same.
    t.git(&["gc", "-q"]);
    let (code, packed) = history(&t, &[]);
    assert_eq!(code, 1, "{packed}");
    assert_eq!(finding_at(&packed, "app.env")["commit"], c.as_str());
}
