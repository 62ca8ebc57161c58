//! Organisation-wide scans (README.md "Scanning an organisation", issue
//! 18): `--repos-from`/`--repos-glob` over real repositories built with
//! the git CLI, `--shard`, `report merge`, `rotate --report` of a merged
//! report against a recording webhook receiver, and the documented
//! schedulers (the Actions workflow through actionlint, the Kubernetes
//! Job's command run for every index, the GNU parallel line).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::*;

const REPOS: usize = 20;

/// `REPOS` repositories under `org/` (every other one a bare mirror,
/// `repo-NN.git`), each with its own key and every fourth one with the
/// organisation's shared deploy key; one broken repository (a HEAD that
/// lost its objects); and `repos.txt` listing them all with comments and
/// blank lines.
struct Org {
    tree: Tree,
    shared: String,
    n: usize,
}

impl Org {
    fn new() -> Org {
        Org::sized(REPOS)
    }

    /// `n` repositories instead of `REPOS` (the tests that need fewer).
    fn sized(n: usize) -> Org {
        let tree = Tree::new();
        let shared = github_pat("fleet-shared-deploy-key");
        let mut list = String::from("# the organisation's repositories\n\n");
        for i in 0..n {
            let work = Tree::new();
            work.init_repo();
            work.write("README.md", format!("repository {i}\n"));
            work.commit_all("start");
            let mut env = format!("TOKEN={}\n", github_pat(&format!("fleet-{i}")));
            if i % 4 == 0 {
                env.push_str(&format!("DEPLOY_KEY={shared}\n"));
            }
            work.write("deploy/env.sh", env);
            work.commit_all("add deploy config");
            let rel = if i % 2 == 0 {
                format!("org/repo-{i:02}.git")
            } else {
                format!("org/repo-{i:02}")
            };
            let mut args = vec!["clone", "-q"];
            if i % 2 == 0 {
                args.push("--bare");
            }
            let src = work.path().to_str().unwrap().to_string();
            let dst = tree.join(&rel).to_str().unwrap().to_string();
            args.extend([src.as_str(), dst.as_str()]);
            git_in(tree.path(), &args);
            list.push_str(&format!("{rel}\n"));
            if i == 7 {
                list.push_str("   \n# the broken one\n");
            }
        }
        // A mirror that lost its objects: its refs name commits that are
        // not there.
        let broken = Tree::new();
        broken.init_repo();
        broken.write("a.txt", "a\n");
        broken.commit_all("a");
        git_in(
            tree.path(),
            &["clone", "-q", broken.path().to_str().unwrap(), "org/broken"],
        );
        let objects = tree.join("org/broken/.git/objects");
        for e in std::fs::read_dir(&objects).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            if name.len() == 2 || name == "pack" {
                std::fs::remove_dir_all(&p).unwrap();
            }
        }
        list.push_str("org/broken\n");
        std::fs::write(tree.join("repos.txt"), list).unwrap();
        Org { tree, shared, n }
    }

    fn path(&self) -> &Path {
        self.tree.path()
    }

    fn all(&self) -> BTreeSet<String> {
        let mut all: BTreeSet<String> = (0..self.n)
            .map(|i| {
                if i % 2 == 0 {
                    format!("org/repo-{i:02}.git")
                } else {
                    format!("org/repo-{i:02}")
                }
            })
            .collect();
        all.insert("org/broken".into());
        all
    }
}

/// A webhook signing secret, `whsec_` + base64, built at run time.
fn webhook_secret() -> String {
    format!("{}_{}", "whsec", random_b64("fleet-webhook", 32))
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", p.display()))
}

/// A report without what legitimately differs between runs: timing.
fn comparable(mut doc: Value) -> Value {
    doc["stats"]["duration_ms"] = Value::Null;
    doc
}

#[test]
fn repos_from_scans_twenty_repositories_and_reports_the_broken_one() {
    let org = Org::new();
    let o = run(
        org.path(),
        &[
            "scan",
            "--history",
            "--repos-from",
            "repos.txt",
            "--format",
            "json",
            "--output-dir",
            "reports",
        ],
    );
    // Findings take precedence over the broken repository's error (exit 3).
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        o.stdout.is_empty(),
        "with --output-dir alone stdout stays empty"
    );
    let err = stderr(&o);
    assert!(err.contains("[21/21] org/broken: 0 findings"), "{err}");
    assert!(
        err.contains("21 repositories: 25 findings in 20, 0 could not be scanned"),
        "{err}"
    );
    let summary = read_json(&org.tree.join("reports/summary.json"));
    assert_eq!(summary["exit_code"], 1);
    assert_eq!(summary["findings"], 25);
    let repos = summary["repositories"].as_array().unwrap();
    assert_eq!(repos.len(), REPOS + 1);
    for (i, r) in repos.iter().enumerate().take(REPOS) {
        let name = format!("repo-{i:02}");
        assert_eq!(r["report"], format!("{name}.json"), "{r}");
        let report = read_json(&org.tree.join("reports").join(format!("{name}.json")));
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(findings.len(), if i % 4 == 0 { 2 } else { 1 }, "{report}");
        let own = keyhound::finding::secret_sha256(github_pat(&format!("fleet-{i}")).as_bytes());
        assert!(
            findings
                .iter()
                .any(|f| f["fingerprint"].as_str().unwrap().ends_with(&own[..16])),
            "repository {i}'s own key: {report}"
        );
        for f in findings {
            assert_eq!(f["repository"], r["repository"], "{f}");
            assert_eq!(f["path"], "deploy/env.sh");
        }
    }
    let broken = &repos[REPOS];
    assert_eq!(broken["repository"], "org/broken");
    assert!(broken["errors"].as_u64() >= Some(1), "{broken}");
    let report = read_json(&org.tree.join("reports/broken.json"));
    let errors = report["errors"].as_array().unwrap();
    assert!(!errors.is_empty(), "{report}");
    assert!(
        errors.iter().all(|e| e["repository"] == "org/broken"),
        "{report}"
    );
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot read its object"),
        "{report}"
    );
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);

    // Without a finding anywhere, the broken repository makes it exit 3.
    std::fs::create_dir_all(org.tree.join("not-a-repo")).unwrap();
    std::fs::write(org.tree.join("two.txt"), "org/broken\nnot-a-repo\n").unwrap();
    let o = run(
        org.path(),
        &["scan", "--history", "--repos-from", "two.txt"],
    );
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[2/2] not-a-repo: could not be scanned"),
        "{}",
        stderr(&o)
    );
    // And every repository clean: exit 0.
    let clean = Tree::new();
    clean.init_repo();
    clean.write("a.txt", "nothing\n");
    clean.commit_all("a");
    std::fs::write(
        org.tree.join("clean.txt"),
        format!("{}\n", clean.path().display()),
    )
    .unwrap();
    let o = run(
        org.path(),
        &["scan", "--history", "--repos-from", "clean.txt"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn shards_cover_every_repository_once_and_merge_into_the_single_process_report() {
    let org = Org::new();
    let single = org.tree.join("single.json");
    let o = run(
        org.path(),
        &[
            "scan",
            "--history",
            "--repos-from",
            "repos.txt",
            "--format",
            "json",
            "-o",
            single.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let single = read_json(&single);
    // The shared key is one finding with its other four places in `also_at`.
    let shared_hash = keyhound::finding::secret_sha256(org.shared.as_bytes());
    let shared: Vec<&Value> = single["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["fingerprint"]
                .as_str()
                .unwrap()
                .ends_with(&shared_hash[..16])
        })
        .collect();
    assert_eq!(shared.len(), 1, "{single}");
    assert_eq!(shared[0]["repository"], "org/repo-00.git");
    let also: Vec<&str> = shared[0]["also_at"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["repository"].as_str().unwrap())
        .collect();
    assert_eq!(
        also,
        [
            "org/repo-04.git",
            "org/repo-08.git",
            "org/repo-12.git",
            "org/repo-16.git"
        ]
    );
    assert_eq!(single["findings"].as_array().unwrap().len(), REPOS + 1);
    assert!(!single["errors"].as_array().unwrap().is_empty());

    const N: usize = 3;
    let mut seen = Vec::new();
    let mut shard_reports = Vec::new();
    for i in 1..=N {
        let report = format!("shard-{i}.json");
        let o = run(
            org.path(),
            &[
                "scan",
                "--history",
                "--repos-from",
                "repos.txt",
                "--shard",
                &format!("{i}/{N}"),
                "--format",
                "json",
                "-o",
                &report,
                "--output-dir",
                &format!("reports/shard-{i}"),
            ],
        );
        assert!(matches!(code(&o), 0 | 1 | 3), "{}", stderr(&o));
        let summary = read_json(&org.tree.join(&format!("reports/shard-{i}/summary.json")));
        assert_eq!(summary["shard"], format!("{i}/{N}"));
        for r in summary["repositories"].as_array().unwrap() {
            seen.push(r["repository"].as_str().unwrap().to_string());
        }
        // --list-repos names the same repositories, in the same order.
        let o = run(
            org.path(),
            &[
                "scan",
                "--history",
                "--repos-from",
                "repos.txt",
                "--shard",
                &format!("{i}/{N}"),
                "--list-repos",
            ],
        );
        let listed: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
        let from_summary: Vec<String> = summary["repositories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["repository"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(listed, from_summary);
        shard_reports.push(report);
    }
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(
        seen.len(),
        unique.len(),
        "a repository in two shards: {seen:?}"
    );
    assert_eq!(unique, org.all(), "every repository in some shard");

    // merge(shards) == the single process's combined report.
    let mut args = vec!["report", "merge", "-o", "merged.json"];
    args.extend(shard_reports.iter().map(String::as_str));
    let o = run(org.path(), &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let merged = read_json(&org.tree.join("merged.json"));
    assert_eq!(comparable(merged.clone()), comparable(single.clone()));

    // And so is the merge of every per-repository report of the shards'
    // output directories (their summary.json files are skipped).
    let mut files: Vec<String> = Vec::new();
    for i in 1..=N {
        for e in std::fs::read_dir(org.tree.join(&format!("reports/shard-{i}"))).unwrap() {
            files.push(e.unwrap().path().to_str().unwrap().to_string());
        }
    }
    let mut args = vec!["report", "merge"];
    args.extend(files.iter().map(String::as_str));
    let o = run(org.path(), &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("a scan summary, not a report: skipped"));
    let per_repo: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(comparable(per_repo), comparable(single));
}

#[test]
fn merge_reads_reports_of_other_versions_of_the_contract() {
    let t = Tree::new();
    // An older keyhound's report (no `repository`, no `also_at`, stats
    // without the archive counters) and a newer one's (a field this build
    // does not know): both merge.
    let pat = github_pat("fleet-versions");
    let hash = &keyhound::finding::secret_sha256(pat.as_bytes())[..16];
    let old = serde_json::json!({
        "version": 1,
        "findings": [{"rule": "github-pat-classic", "fingerprint": format!("github-pat-classic:{hash}"),
                      "path": "a.env", "line": 1, "column": 7, "severity": "critical",
                      "source": "file", "verification": "not_checked", "secret": "ghp_…x"}],
        "stats": {"files": 1, "blobs": 1, "bytes": 50, "duration_ms": 3, "errors": 0},
    });
    let newer = serde_json::json!({
        "version": 1,
        "findings": [{"rule": "github-pat-classic", "fingerprint": format!("github-pat-classic:{hash}"),
                      "path": "b.env", "line": 2, "column": 1, "severity": "critical",
                      "source": "history", "verification": "live", "secret": "ghp_…x",
                      "repository": "org/b", "confidence": 0.9}],
        "stats": {"files": 2, "blobs": 2, "bytes": 70, "duration_ms": 4, "errors": 1,
                  "some_new_counter": 5},
        "errors": [{"path": "x", "message": "unreadable"}],
        "generator": {"name": "keyhound", "version": "9.9.9"},
    });
    t.write("old.json", old.to_string());
    t.write("new.json", newer.to_string());
    let o = run(t.path(), &["report", "merge", "old.json", "new.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m: Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &m["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{m}");
    assert_eq!(f[0]["path"], "a.env");
    assert_eq!(f[0]["verification"], "live", "a live verdict anywhere wins");
    assert_eq!(f[0]["also_at"][0]["path"], "b.env");
    assert_eq!(f[0]["also_at"][0]["repository"], "org/b");
    assert_eq!(m["stats"]["files"], 3);
    assert_eq!(m["stats"]["bytes"], 120);
    assert_eq!(m["errors"][0]["message"], "unreadable");

    // Another contract version and a file that is no report: exit 2.
    t.write("v2.json", r#"{"version": 2, "findings": []}"#);
    let o = run(t.path(), &["report", "merge", "old.json", "v2.json"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("report version 2"), "{}", stderr(&o));
    t.write("junk.json", "[1, 2]");
    let o = run(t.path(), &["report", "merge", "junk.json"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a keyhound JSON report"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_merged_report_rotates_a_key_found_in_many_repositories_once() {
    let org = Org::sized(8);
    let o = run(
        org.path(),
        &[
            "scan",
            "--history",
            "--repos-glob",
            "org/*/",
            "--format",
            "json",
            "-o",
            "org.json",
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let server = Server::scripted(vec![], reply(200, "{}"));
    let url = format!("{}/hooks/keyhound", server.url());
    let cfg = format!(
        "[rotation]\nmode = \"enforce\"\n\n[rotation.delivery]\nrequest_timeout_ms = 1000\n\
         backoff_base_ms = 50\nbackoff_cap_ms = 200\nmax_attempts = 3\nsettle_ms = 600\n\n[[rotation.keys]]\nname = \"deploy\"\nsha256 = \"{}\"\n\n\
         [[rotation.targets]]\nid = \"security-hook\"\ntype = \"webhook\"\nurl = \"{url}\"\n\
         secret = \"env:KH_TEST_WEBHOOK_SECRET\"\n",
        keyhound::finding::secret_sha256(org.shared.as_bytes())
    );
    org.tree.write("rotation.toml", cfg);
    let o = keyhound_process(org.path())
        .args([
            "rotate",
            "--report",
            "org.json",
            "--config",
            "rotation.toml",
        ])
        .env("KH_TEST_WEBHOOK_SECRET", webhook_secret())
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "one delivery for the one shared key");
    let body: Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(body["data"]["occurrences"], 2, "{body}");
    assert_eq!(
        body["data"]["location"]["repository"], "org/repo-00.git",
        "{body}"
    );
}

#[test]
fn repos_glob_names_reports_without_collisions_and_flags_are_checked() {
    let t = Tree::new();
    for dir in ["a/app", "b/app", "c/lib.git"] {
        let w = Tree::new();
        w.init_repo();
        w.write("k.env", format!("K={}\n", github_pat(dir)));
        w.commit_all("k");
        git_in(
            t.path(),
            &[
                "clone",
                "-q",
                "--bare",
                w.path().to_str().unwrap(),
                &format!("m/{dir}"),
            ],
        );
    }
    std::fs::create_dir_all(t.join("m/.hidden/x")).unwrap();
    let o = run(
        t.path(),
        &[
            "scan",
            "--history",
            "--repos-glob",
            "m/*/*/",
            "-f",
            "sarif",
            "--output-dir",
            "out",
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(t.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(
        names[0].starts_with("app-") && names[0].ends_with(".sarif"),
        "{names:?}"
    );
    assert!(
        names[1].starts_with("app-") && names[1] != names[0],
        "{names:?}"
    );
    assert_eq!(names[2..], ["lib.sarif", "summary.json"]);
    let sarif = read_json(&t.join("out").join(&names[2]));
    assert_eq!(
        sarif["runs"][0]["results"][0]["properties"]["repository"],
        "m/c/lib.git"
    );

    // The combined SARIF: one run per repository.
    let o = run(
        t.path(),
        &["scan", "--history", "--repos-glob", "m/*/*/", "-f", "sarif"],
    );
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(log["runs"].as_array().unwrap().len(), 3);

    for (args, want) in [
        (
            &["scan", "--history", "--shard", "1/2"][..],
            "--shard needs a repository list",
        ),
        (
            &[
                "scan",
                "--history",
                "--repos-glob",
                "m/*/*/",
                "--shard",
                "3/2",
            ],
            "--shard \"3/2\"",
        ),
        (
            &["scan", "--history", "--repos-glob", "m/*/*/", "-f", "csv"],
            "needs --output-dir",
        ),
        (
            &["scan", "--history", "--repos-from", "missing.txt"],
            "cannot read --repos-from",
        ),
        (
            &["scan", "--history", "--repos-glob", "nothing/*"],
            "no repositories",
        ),
    ] {
        let o = run(t.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

// ---------------------------------------------------------------------------
// The documented schedulers.

fn doc(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(rel)
}

#[test]
fn actionlint_accepts_the_organisation_audit_workflow() {
    let Some(bin) = venv_tool("actionlint") else {
        return;
    };
    let t = Tree::new();
    t.init_repo();
    t.write(
        ".github/workflows/org-audit.yml",
        std::fs::read(doc("org-audit-github-actions.yml")).unwrap(),
    );
    let o = Command::new(bin)
        .current_dir(t.path())
        .args([
            "-no-color",
            "-ignore",
            "is deprecated",
            ".github/workflows/org-audit.yml",
        ])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "actionlint:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// The manifest's documents as JSON (PyYAML of the integrations venv).
fn yaml_documents(path: &Path) -> Option<Vec<Value>> {
    let python = venv_tool("python")?;
    let o = Command::new(python)
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(o.status.success(), "not YAML: {}", stderr(&o));
    Some(serde_json::from_slice(&o.stdout).unwrap())
}

#[test]
fn the_kubernetes_indexed_job_shards_by_completion_index() {
    let Some(docs) = yaml_documents(&doc("org-audit-k8s-job.yaml")) else {
        return;
    };
    assert_eq!(docs.len(), 1);
    let job = &docs[0];
    assert_eq!(job["apiVersion"], "batch/v1");
    assert_eq!(job["kind"], "Job");
    let spec = &job["spec"];
    assert_eq!(spec["completionMode"], "Indexed");
    let n = spec["completions"].as_u64().unwrap();
    assert_eq!(spec["parallelism"].as_u64(), Some(n));
    let pod = &spec["template"]["spec"];
    assert_eq!(pod["restartPolicy"], "Never");
    let c = &pod["containers"][0];
    assert_eq!(c["command"], serde_json::json!(["sh", "-c"]));
    let script = c["args"][0].as_str().unwrap();
    assert!(script.contains("JOB_COMPLETION_INDEX"), "{script}");
    assert!(
        script.contains(&format!("/{n}\"")),
        "the shard count is the completions: {script}"
    );
    let mounts: BTreeSet<&str> = c["volumeMounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["mountPath"].as_str().unwrap())
        .collect();
    for p in ["/mirrors", "/reports", "/etc/keyhound"] {
        assert!(mounts.contains(p), "{p} mounted: {mounts:?}");
    }

    // Run the pod's command for every index, with the mounts in a temp
    // dir and a dry-run rotation config: together they scan each
    // repository once.
    let org = Org::sized(8);
    let root = org.path();
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::write(
        root.join("etc/rotation.toml"),
        "[rotation]\nmode = \"dry-run\"\n\n[[rotation.targets]]\nid = \"hook\"\ntype = \"webhook\"\n\
         url = \"https://hooks.example.com/keyhound\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\n",
    )
    .unwrap();
    let list = std::fs::read_to_string(root.join("repos.txt")).unwrap();
    let absolute: String = list
        .lines()
        .map(|l| {
            if l.starts_with("org/") {
                format!("{}/{l}\n", root.display())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(root.join("repos.txt"), absolute).unwrap();
    let local = script
        .replace("/mirrors/", &format!("{}/", root.display()))
        .replace("/reports/", &format!("{}/reports/", root.display()))
        .replace("/etc/keyhound/", &format!("{}/etc/", root.display()));
    let bin = Path::new(env!("CARGO_BIN_EXE_keyhound")).parent().unwrap();
    let mut seen = Vec::new();
    for index in 0..n {
        let o = clean_env(Command::new("sh"), root)
            .current_dir(root)
            .args(["-c", &local])
            .env("JOB_COMPLETION_INDEX", index.to_string())
            .env("KH_TEST_WEBHOOK_SECRET", webhook_secret())
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .output()
            .unwrap();
        // Findings do not fail a pod; the broken repository's pod exits 3.
        assert!(matches!(code(&o), 0 | 3), "index {index}: {}", stderr(&o));
        let summary = read_json(&root.join(format!("reports/shard-{}/summary.json", index + 1)));
        for r in summary["repositories"].as_array().unwrap() {
            seen.push(r["repository"].as_str().unwrap().to_string());
        }
    }
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(seen.len(), unique.len(), "{seen:?}");
    let want: BTreeSet<String> = org
        .all()
        .iter()
        .map(|r| format!("{}/{r}", root.display()))
        .collect();
    assert_eq!(unique, want);
}

#[test]
fn the_gnu_parallel_line_of_the_readme_covers_every_repository() {
    if Command::new("parallel").arg("--version").output().is_err() {
        missing("GNU parallel is needed", "bash .ci/prereqs-fleet.sh");
        return;
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("parallel ") && l.contains("--shard {}/"))
        .expect("the README's GNU parallel line");
    let org = Org::sized(8);
    let bin = Path::new(env!("CARGO_BIN_EXE_keyhound")).parent().unwrap();
    let o = clean_env(Command::new("bash"), org.path())
        .current_dir(org.path())
        .args(["-c", line])
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .output()
        .unwrap();
    let n: usize = line
        .split("::: ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .count();
    let mut seen = Vec::new();
    let mut failed = 0;
    for i in 1..=n {
        let summary = read_json(&org.tree.join(&format!("reports/shard-{i}/summary.json")));
        for r in summary["repositories"].as_array().unwrap() {
            seen.push(r["repository"].as_str().unwrap().to_string());
        }
        if summary["exit_code"] != 0 {
            failed += 1;
        }
    }
    // parallel's exit code is the number of shards that exited non-zero
    // (findings, or the broken repository's errors).
    assert!(failed > 0);
    assert_eq!(code(&o), failed, "{}{}", stdout(&o), stderr(&o));
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(seen.len(), unique.len(), "{seen:?}");
    assert_eq!(unique, org.all());
}
