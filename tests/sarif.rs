//! Every kind of SARIF keyhound writes, validated against the OASIS SARIF
//! 2.1.0 schema with `format` checked (`tests/support/tools.rs`), and the
//! locations GitHub code scanning needs: URIs relative to the repository
//! root whatever the working directory, encoded names, a physical location
//! for what has no file, and alert fingerprints that do not need the file.

mod support;

use serde_json::Value;
use support::*;

fn sarif(cwd: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Value {
    let mut all = vec!["scan", "--format", "sarif"];
    all.extend_from_slice(args);
    let o = run_env(cwd, &all, &[], stdin);
    assert!(matches!(code(&o), 0 | 1 | 3), "{}", stderr(&o));
    let text = stdout(&o);
    validate_sarif(&text);
    serde_json::from_str(&text).unwrap()
}

fn results(doc: &Value) -> &Vec<Value> {
    doc["runs"][0]["results"].as_array().unwrap()
}

fn artifact(r: &Value) -> &Value {
    &r["locations"][0]["physicalLocation"]["artifactLocation"]
}

fn uris(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = results(doc)
        .iter()
        .map(|r| artifact(r)["uri"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn uris_are_relative_to_the_repository_root_from_any_directory() {
    let t = Tree::new();
    t.init_repo();
    t.write(
        "src/config.rs",
        format!("let t = \"{}\";\n", github_pat("sarif-sub")),
    );
    let from_src = sarif(&t.join("src"), &["."], None);
    assert_eq!(uris(&from_src), ["src/config.rs"]);
    assert_eq!(artifact(&results(&from_src)[0])["uriBaseId"], "%SRCROOT%");
    let abs = t.join("src/config.rs").display().to_string();
    let absolute = sarif(&std::env::temp_dir(), &[&abs], None);
    assert_eq!(uris(&absolute), ["src/config.rs"]);
}

#[test]
fn names_with_percent_hash_newline_and_unicode_are_encoded() {
    let t = Tree::new();
    t.init_repo();
    for (i, name) in ["100%.txt", "a#b?.txt", "line\nbreak.txt", "ключ.txt"]
        .iter()
        .enumerate()
    {
        t.write(
            name,
            format!("token = \"{}\"\n", github_pat(&format!("sarif-enc-{i}"))),
        );
    }
    let doc = sarif(t.path(), &["."], None);
    assert_eq!(
        uris(&doc),
        [
            "%D0%BA%D0%BB%D1%8E%D1%87.txt",
            "100%25.txt",
            "a%23b%3F.txt",
            "line%0Abreak.txt"
        ]
    );
}

#[test]
fn stdin_commit_messages_and_unreachable_objects_have_valid_locations() {
    let t = Tree::new();
    t.init_repo();
    let stdin = sarif(
        t.path(),
        &["-"],
        Some(&format!("k = \"{}\"\n", github_pat("sarif-stdin"))),
    );
    assert_eq!(uris(&stdin), ["%3Cstdin%3E"]);

    t.write(
        "gone.txt",
        format!("k = \"{}\"\n", github_pat("sarif-deleted")),
    );
    t.commit_all(&format!("add it\n\ntoken {}", github_pat("sarif-message")));
    t.git(&["rm", "-q", "gone.txt"]);
    let head = t.commit_all("remove it");
    // A blob only a dropped commit reached.
    t.write(
        "lost.txt",
        format!("k = \"{}\"\n", github_pat("sarif-lost")),
    );
    t.commit_all("to be dropped");
    t.git(&["reset", "-q", "--hard", &head]);
    t.git(&["reflog", "expire", "--expire=now", "--all"]);

    let doc = sarif(t.path(), &["--history", "--all-objects"], None);
    let all = uris(&doc);
    assert!(all.contains(&"gone.txt".to_string()), "{all:?}");
    assert!(
        all.contains(&"%3Ccommit%20message%3E".to_string()),
        "{all:?}"
    );
    assert!(all.iter().any(|u| u.starts_with("%3Cobject%20")), "{all:?}");
    for r in results(&doc) {
        assert!(
            r["partialFingerprints"]["primaryLocationLineHash"].is_string(),
            "{r}"
        );
        assert!(r["partialFingerprints"]["keyhound/v1"].is_string(), "{r}");
        let uri = artifact(r)["uri"].as_str().unwrap();
        if uri.starts_with("%3C") {
            let logical = &r["locations"][0]["logicalLocations"][0];
            assert!(logical["fullyQualifiedName"].is_string(), "{r}");
        }
        if uri == "gone.txt" || uri.starts_with("%3Ccommit") {
            assert_eq!(r["properties"]["commit"].as_str().unwrap().len(), 40, "{r}");
        }
    }
}

#[test]
fn scan_errors_are_valid_tool_notifications() {
    let t = Tree::new();
    t.write("ok.txt", "nothing here\n");
    let missing = t.join("missing.txt").display().to_string();
    let o = run(t.path(), &["scan", "--format", "sarif", "ok.txt", &missing]);
    let text = stdout(&o);
    if !text.trim().is_empty() {
        validate_sarif(&text);
    }
}

#[test]
fn microsoft_sarif_multitool_with_github_rules_accepts_the_reports() {
    let t = Tree::new();
    t.init_repo();
    t.write(
        "src/a b.rs",
        format!("let t = \"{}\";\n", github_pat("sarif-mt")),
    );
    t.commit_all(&format!("add\n\ntoken {}", github_pat("sarif-mt-msg")));
    for (name, args) in [
        ("dir.sarif", vec!["."]),
        ("history.sarif", vec!["--history"]),
    ] {
        let mut all = vec!["scan", "--format", "sarif", "-o", name];
        all.extend(args);
        let o = run(t.path(), &all);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let Some(errors) = multitool_errors(&t.join(name)) else {
            return;
        };
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

/// History and staged runs name their repository in
/// `versionControlProvenance`: the fetch remote's URI without its
/// credentials, HEAD's commit and branch, the root as `%SRCROOT%`; without
/// a remote, the repository's `file:` URI. A directory scan has none.
#[test]
fn git_runs_carry_version_control_provenance() {
    let t = Tree::new();
    t.init_repo();
    t.write("a.env", format!("k = \"{}\"\n", github_pat("sarif-vcp")));
    let head = t.commit_all("add");
    let provenance = |args: &[&str]| {
        let doc = sarif(t.path(), args, None);
        doc["runs"][0]["versionControlProvenance"].clone()
    };
    let local = provenance(&["--history"]);
    let root = std::fs::canonicalize(t.path()).unwrap();
    assert_eq!(
        local[0]["repositoryUri"],
        format!("file://{}", root.display()),
        "{local}"
    );
    assert_eq!(local[0]["revisionId"], head.as_str());
    assert_eq!(local[0]["branch"], "main");
    assert_eq!(local[0]["mappedTo"]["uriBaseId"], "%SRCROOT%");

    // A token in the remote's URL never reaches the report.
    let token = random_b64("sarif-vcp-token", 20).replace(['+', '/'], "x");
    let url = format!("https://ci:{token}@git.example.com/acme/widgets.git");
    t.git(&["remote", "add", "origin", &url]);
    t.write(
        "b.env",
        format!("k = \"{}\"\n", github_pat("sarif-vcp-staged")),
    );
    t.git(&["add", "b.env"]);
    for args in [vec!["--history"], vec!["--staged"]] {
        let p = provenance(&args);
        assert_eq!(
            p[0]["repositoryUri"], "https://git.example.com/acme/widgets.git",
            "{args:?}: {p}"
        );
        assert_eq!(p[0]["revisionId"], head.as_str(), "{args:?}");
        assert!(!p.to_string().contains(&token));
    }
    t.git(&[
        "remote",
        "set-url",
        "origin",
        "git@github.com:acme/widgets.git",
    ]);
    t.git(&["checkout", "-q", "--detach"]);
    let p = provenance(&["--history"]);
    assert_eq!(p[0]["repositoryUri"], "ssh://github.com/acme/widgets.git");
    assert!(p[0].get("branch").is_none(), "detached HEAD: {p}");

    assert!(provenance(&["."]).is_null());
}
