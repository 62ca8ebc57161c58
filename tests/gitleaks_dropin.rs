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

#[test]
fn a_repositorys_gitleaks_toml_is_named_not_ignored_silently() {
    let t = Tree::new();
    t.init_repo();
    t.write(".gitleaks.toml", gitleaks_config());
    t.write("a.txt", "nothing\n");
    let o = run(t.path(), &["scan", "."]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains(".gitleaks.toml is not read automatically; pass --config"),
        "{}",
        stderr(&o)
    );
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
