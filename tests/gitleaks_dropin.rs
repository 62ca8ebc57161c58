//! keyhound as a drop-in for gitleaks users: a config with the constructs
//! of gitleaks' official config imports end to end (a file written here
//! with the same RE2 constructs — literal braces, `\z`, `(?s:…)`, Unicode
//! classes, POSIX classes, `\x60` — not gitleaks' file), `useDefault` with
//! `disabledRules` maps onto keyhound's rules, gitleaks' command-line flags
//! work unchanged, and gitleaks' rule ids keep `.gitleaksignore` entries
//! and reports usable as baselines.

mod support;

use serde_json::Value;
use support::*;

/// A gitleaks config using RE2 syntax that Rust's regex reads differently.
fn gitleaks_config() -> String {
    r#"title = "team config"

[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "templated-token"
description = "A token next to a CI template expression"
regex = '''\$?{{[^}]+}}\s*=\s*['"\x60]?(tt_[a-z0-9]{20})\z'''
secretGroup = 1
keywords = ["tt_"]

[[rules]]
id = "import-block-key"
description = "A key in an import { } block"
regex = '''import[ \t]+{[^}]*(ik_[[:alnum:]]{16})[^}]*}'''
secretGroup = 1
keywords = ["ik_"]

[[rules]]
id = "unicode-label-key"
description = "A key after a label in any script"
regex = '''(?i)\p{L}+[ \t]*:[ \t]*(uk_[\w.-]{0,50}?[0-9]{4})(?s:.){0,10}'''
secretGroup = 1
keywords = ["uk_"]

  [[rules.allowlists]]
  regexTarget = "line"
  regexes = ['''example{2}''']
"#
    .to_string()
}

fn findings_of(doc: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings(doc)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_config_with_the_official_configs_re2_constructs_imports_and_finds() {
    let t = Tree::new();
    t.init_repo();
    t.write(".gitleaks.toml", gitleaks_config());
    t.write(
        "ci.env",
        format!("${{{{ secrets.X }}}} = \"tt_{}\n", "a1b2c3d4e5f6g7h8i9j0"),
    );
    t.write(
        "mod.js",
        format!("import {{ ik_{} }} from 'x'\n", "Ab3dEf7hIj1lMn5p"),
    );
    t.write(
        "labels.txt",
        "schlüssel: uk_q.w-e1234\nlabel: uk_zz1234 exampleee\n",
    );
    // generic-api-key is disabled: keyhound's generic rules stand in and are off.
    t.write("app.cfg", "password = \"Tr0ub4dor&3-horse-battery\"\n"); // keyhound:allow (fake test value)
    let o = run(
        t.path(),
        &["scan", "-c", ".gitleaks.toml", "--format", "json", "."],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(!err.contains("disabledRules"), "{err}");
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        findings_of(&doc),
        [
            ("import-block-key".to_string(), "mod.js".to_string()),
            ("templated-token".to_string(), "ci.env".to_string()),
            ("unicode-label-key".to_string(), "labels.txt".to_string()),
        ],
        "{err}"
    );
}

/// A repository's `.gitleaks.toml` is its config when it has no
/// `.keyhound.toml` (as gitleaks reads it from the scanned directory),
/// under the same trust rules: what `[extend] path` names must be inside
/// the repository. Beside a `.keyhound.toml` it is not read, and a warning
/// says so.
#[test]
fn a_repositorys_gitleaks_toml_is_read_as_its_untrusted_config() {
    let t = Tree::new();
    t.init_repo();
    t.write(".gitleaks.toml", gitleaks_config());
    t.write(
        "mod.js",
        format!("import {{ ik_{} }} from 'x'\n", "Ab3dEf7hIj1lMn5p"),
    );
    t.write("app.cfg", "password = \"Tr0ub4dor&3-horse-battery\"\n"); // keyhound:allow (fake test value)
    t.write(
        "a.env",
        format!("TOKEN={}\n", github_pat("dropin-repo-config")),
    );
    let o = run(t.path(), &["scan", "--format", "json", "."]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Its rule, keyhound's built-ins (useDefault), not the generic ones
    // (disabledRules = ["generic-api-key"]).
    assert_eq!(
        findings_of(&doc),
        [
            ("github-pat-classic".to_string(), "a.env".to_string()),
            ("import-block-key".to_string(), "mod.js".to_string()),
        ],
        "{}",
        stderr(&o)
    );
    // A bare file name as the target finds it too.
    let (c, doc) = scan_json(t.path(), &["mod.js"]);
    assert_eq!(c, 1, "{doc}");

    // [extend] path outside the repository: refused, naming the key.
    let outside = Tree::new();
    outside.write("base.toml", "[[rules]]\nid = \"x\"\nregex = 'x'\n");
    for target in [".", "mod.js"] {
        t.write(
            ".gitleaks.toml",
            format!(
                "[extend]\npath = \"{}\"\n",
                outside.join("base.toml").display()
            ),
        );
        let o = run(t.path(), &["scan", target]);
        assert_eq!(code(&o), 2, "{target}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("[extend] path names a file outside the repository"),
            "{}",
            stderr(&o)
        );
    }
    // Inside it, extending works.
    t.write("security/base.toml", gitleaks_config());
    t.write(
        ".gitleaks.toml",
        "[extend]\npath = \"security/base.toml\"\n",
    );
    let (c, doc) = scan_json(t.path(), &["mod.js"]);
    assert_eq!(c, 1, "{doc}");

    // With a .keyhound.toml, that is the config, and the warning says so.
    t.write(".gitleaks.toml", gitleaks_config());
    t.write(".keyhound.toml", "[rules]\ndisable = []\n");
    let o = run(t.path(), &["scan", "--format", "json", "mod.js"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(".gitleaks.toml is not read: ") && stderr(&o).contains("--config"),
        "{}",
        stderr(&o)
    );
}

/// A `.gitleaks.toml` that only allowlists (no rules, no useDefault) keeps
/// keyhound's built-in rules, and one with rules but no useDefault says
/// that only its rules run.
#[test]
fn a_repositorys_gitleaks_toml_without_use_default_is_explained() {
    let t = Tree::new();
    t.init_repo();
    t.write(
        "a.env",
        format!("TOKEN={}\n", github_pat("dropin-nodefault")),
    );
    t.write(".gitleaks.toml", "[allowlist]\npaths = ['^vendor/']\n");
    let o = run(t.path(), &["scan", "a.env"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("keyhound's built-in rules apply"),
        "{}",
        stderr(&o)
    );
    t.write(
        ".gitleaks.toml",
        "[[rules]]\nid = \"acme\"\nregex = 'acme_[a-z]{8}'\nkeywords = [\"acme_\"]\n",
    );
    let o = run(t.path(), &["scan", "a.env"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("only its 1 rules run"),
        "{}",
        stderr(&o)
    );
}

/// gitleaks ranks a rule whose id says `generic` below the others: a
/// `ghp_` token assigned to `token` is `github-pat`, not `generic-api-key`,
/// whichever comes first in the file (gitleaks' own config lists
/// `generic-api-key` before `github-pat`), so `.gitleaksignore` entries
/// written for gitleaks keep matching.
#[test]
fn an_imported_generic_rule_gives_way_to_the_specific_one() {
    let generic = r#"[[rules]]
id = "generic-api-key"
description = "Generic API key"
regex = '(?i)(?:token|key|secret)\s*=\s*([\w.=-]{10,150})'
secretGroup = 1
entropy = 3.5
keywords = ["token", "key", "secret"]
"#;
    let specific = r#"[[rules]]
id = "github-pat"
description = "GitHub Personal Access Token"
regex = 'ghp_[0-9a-zA-Z]{36}'
keywords = ["ghp_"]
"#;
    let t = Tree::new();
    t.init_repo();
    t.write("a.env", format!("token = {}\n", github_pat("dropin-rank")));
    t.write(
        "other.env",
        format!(
            "secret = {}\n",
            random_b64("dropin-rank", 24).replace(['+', '/'], "x")
        ),
    );
    for (name, config) in [
        ("generic-first.toml", format!("{generic}\n{specific}")),
        ("specific-first.toml", format!("{specific}\n{generic}")),
    ] {
        t.write(name, &config);
        let args = ["scan", "-c", name, "--format", "json", "a.env", "other.env"];
        let o = run(t.path(), &args);
        assert_eq!(code(&o), 1, "{name}: {}", stderr(&o));
        let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(
            findings_of(&doc),
            [
                ("generic-api-key".to_string(), "other.env".to_string()),
                ("github-pat".to_string(), "a.env".to_string()),
            ],
            "{name}"
        );
        t.write(
            ".gitleaksignore",
            "a.env:github-pat:1\nother.env:generic-api-key:1\n",
        );
        let o = run(t.path(), &["scan", "-c", name, "a.env", "other.env"]);
        assert_eq!(code(&o), 0, "{name}: {}", stdout(&o));
        std::fs::remove_file(t.join(".gitleaksignore")).unwrap();
    }
}

/// `--enable-rule` (only these) and `--disable-rule` (not these), by
/// keyhound id or gitleaks' default id, repeatable or comma-separated; an
/// id no rule has is a one-line usage error.
#[test]
fn enable_and_disable_rule_flags() {
    let t = Tree::new();
    t.write(
        "a.env",
        format!(
            "TOKEN={}\nAWS_ACCESS_KEY_ID={}\n",
            github_pat("dropin-select"),
            aws_key_id("dropin-select")
        ),
    );
    let rules = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("a.env");
        let (_, doc) = scan_json(t.path(), &all);
        let mut r: Vec<String> = findings(&doc)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        r.sort();
        r
    };
    assert_eq!(rules(&[]), ["aws-access-key-id", "github-pat-classic"]);
    for only_github in [
        vec!["--enable-rule", "github-pat-classic"],
        vec!["--enable-rule", "github-pat"],
        vec!["--disable-rule", "aws-access-key-id"],
        vec!["--disable-rule", "aws-access-token"],
        vec![
            "--enable-rule",
            "github-pat,aws-access-token",
            "--disable-rule",
            "aws-access-key-id",
        ],
    ] {
        assert_eq!(
            rules(&only_github),
            ["github-pat-classic"],
            "{only_github:?}"
        );
    }
    assert_eq!(
        rules(&[
            "--enable-rule",
            "github-pat",
            "--enable-rule",
            "aws-access-key-id"
        ]),
        ["aws-access-key-id", "github-pat-classic"]
    );
    for bad in [
        vec!["scan", "--enable-rule", "no-such-rule", "a.env"],
        vec!["scan", "--disable-rule", "github-pat-clasic", "a.env"],
    ] {
        let o = run(t.path(), &bad);
        assert_eq!(code(&o), 2, "{bad:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
        assert!(stderr(&o).contains("no rule has this id"), "{}", stderr(&o));
    }
}

#[test]
fn gitleaks_flags_work_unchanged() {
    let t = Tree::new();
    t.init_repo();
    t.write("a.txt", format!("token = {}\n", github_pat("dropin-flags")));
    // -r - / -o - are stdout, not a file named `-`.
    for args in [
        vec![
            "scan",
            "-r",
            "-",
            "--report-format",
            "json",
            "--redact",
            "--no-color",
            "-v",
            "-l",
            "info",
            ".",
        ],
        vec![
            "scan",
            "--report-path",
            "-",
            "-f",
            "json",
            "--redact=100",
            "-q",
            ".",
        ],
        vec![
            "scan",
            "-o",
            "-",
            "--format",
            "json",
            "--log-level",
            "warn",
            ".",
        ],
    ] {
        let o = run(t.path(), &args);
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        let doc: Value =
            serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert_eq!(findings(&doc).len(), 1);
        assert!(!t.join("-").exists(), "{args:?} wrote a file named -");
    }
    // --max-target-megabytes is megabytes; a unitless --max-file-size warns.
    let o = run(t.path(), &["scan", "--max-target-megabytes", "1", "."]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let big = format!(
        "{}token = {}\n",
        "x\n".repeat(600_000),
        github_pat("dropin-big")
    );
    t.write("big.txt", big);
    let (c, doc) = scan_json(t.path(), &["--max-target-megabytes", "1", "big.txt"]);
    assert_eq!(c, 0, "{doc}");
    assert_eq!(doc["stats"]["skipped_too_large"], 1, "{doc}");
    let (c, _) = scan_json(t.path(), &["--max-target-megabytes", "2", "big.txt"]);
    assert_eq!(c, 1);
    let o = run(t.path(), &["scan", "--max-file-size", "25", "."]);
    assert!(
        stderr(&o).contains("--max-file-size 25 is 25 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn no_color_and_the_no_color_variable_turn_colour_off_on_a_terminal() {
    let t = Tree::new();
    t.write("a.txt", format!("token = {}\n", github_pat("dropin-color")));
    let Some((_, coloured)) = on_a_terminal(t.path(), &["scan", "."], &[], "") else {
        return;
    };
    assert!(
        coloured.contains('\u{1b}'),
        "the text report is coloured on a terminal"
    );
    let (_, plain) = on_a_terminal(t.path(), &["scan", "."], &[("NO_COLOR", "1")], "").unwrap();
    assert!(!plain.contains("\u{1b}["), "{plain:?}");
    let (_, plain) = on_a_terminal(t.path(), &["scan", "--no-color", "."], &[], "").unwrap();
    assert!(!plain.contains("\u{1b}["), "{plain:?}");
}

#[test]
fn gitleaks_rule_ids_keep_ignore_entries_and_reports_working() {
    let t = Tree::new();
    t.init_repo();
    let pat = github_pat("dropin-ids");
    t.write("a.txt", format!("token = {pat}\n"));
    // An entry for another of gitleaks' rules at the same place does not apply.
    t.write(".gitleaksignore", "a.txt:aws-access-token:1\n");
    let (c, _) = scan_json(t.path(), &["."]);
    assert_eq!(c, 1);
    t.write(".gitleaksignore", "a.txt:github-pat:1\n");
    let (c, doc) = scan_json(t.path(), &["."]);
    assert_eq!(c, 0, "{doc}");
    std::fs::remove_file(t.join(".gitleaksignore")).unwrap();

    // A gitleaks report is a baseline (-b / --baseline-path).
    let report = serde_json::json!([{
        "RuleID": "github-pat", "Secret": pat, "File": "a.txt", "StartLine": 1,
        "Description": "GitHub Personal Access Token", "Match": "token = …", "Fingerprint": "a.txt:github-pat:1"
    }]);
    t.write("gitleaks-report.json", report.to_string());
    for flag in ["-b", "--baseline-path", "--baseline"] {
        let o = run(t.path(), &["scan", flag, "gitleaks-report.json", "a.txt"]);
        assert_eq!(code(&o), 0, "{flag}: {}{}", stdout(&o), stderr(&o));
    }
}
