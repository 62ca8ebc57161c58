//! `keyhound scan` over files, directories and stdin: the real binary on
//! real temp trees, every output format parsed back.

mod support;

use serde_json::Value;
use support::*;

fn rule_ids(doc: &Value) -> Vec<String> {
    findings(doc)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn finds_a_github_token_with_json_contract_fields() {
    let t = Tree::new();
    let pat = github_pat("json-contract");
    t.write("src/config.py", format!("import os\n\nTOKEN = \"{pat}\"\n"));
    let (code, doc) = scan_json(t.path(), &["."]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(doc["version"], 1);
    let f = &findings(&doc)[0];
    assert_eq!(f["rule"], "github-pat-classic");
    assert_eq!(f["path"], "src/config.py");
    assert_eq!(f["line"], 3);
    assert_eq!(f["column"], 10);
    assert_eq!(f["source"], "file");
    assert_eq!(f["verification"], "not_checked");
    assert_eq!(f["severity"].as_str().map(|s| !s.is_empty()), Some(true));
    assert!(f["commit"].is_null() && f["in_head"].is_null() && f["author"].is_null());
    let fp = f["fingerprint"].as_str().unwrap();
    assert_eq!(
        fp,
        keyhound::finding::fingerprint("github-pat-classic", pat.as_bytes())
    );
    let secret = f["secret"].as_str().unwrap();
    assert!(
        secret.contains('…') && !secret.contains(&pat[8..]),
        "{secret}"
    );
    for key in ["files", "blobs", "bytes", "duration_ms", "errors"] {
        assert!(doc["stats"][key].is_u64(), "stats.{key}");
    }
    assert!(doc["errors"].as_array().unwrap().is_empty());
}

#[test]
fn clean_tree_exits_zero_and_exit_code_flag_applies() {
    let t = Tree::new();
    t.write("README.md", "nothing secret here\n");
    let (code, doc) = scan_json(t.path(), &[]);
    assert_eq!(code, 0);
    assert!(findings(&doc).is_empty());
    t.write("a.env", format!("GH={}\n", github_pat("exit-code")));
    let o = run(t.path(), &["scan", "--exit-code", "7"]);
    assert_eq!(code_of(&o), 7);
    let o = run(t.path(), &["scan", "--exit-code", "0"]);
    assert_eq!(code_of(&o), 0);
}

fn code_of(o: &std::process::Output) -> i32 {
    support::code(o)
}

#[test]
fn usage_errors_exit_two() {
    let t = Tree::new();
    let o = run(t.path(), &["scan", "--format", "yaml"]);
    assert_eq!(code(&o), 2);
    let o = run(t.path(), &["scan", "--max-file-size", "ten"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--max-file-size"), "{}", stderr(&o));
    t.write("bad.toml", "[scan]\nthreds = 2\n");
    let o = run(t.path(), &["scan", "--config", "bad.toml"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("bad.toml") && err.contains("threds"), "{err}");
    assert_eq!(err.lines().count(), 1, "one-line error: {err}");
}

#[test]
fn missing_path_is_a_runtime_error() {
    let t = Tree::new();
    let (code, doc) = scan_json(t.path(), &["does-not-exist"]);
    assert_eq!(code, 3);
    assert_eq!(doc["errors"][0]["path"], "does-not-exist");
}

#[test]
fn secret_never_printed_without_no_redact() {
    let t = Tree::new();
    let pat = github_pat("redaction");
    let key = aws_key_id("redaction");
    t.write(
        "app.yaml",
        format!("github: {pat}\naws_access_key_id: {key}\n"),
    );
    for format in ["text", "json", "jsonl", "sarif", "csv", "junit"] {
        let o = run(t.path(), &["scan", "--format", format, "--color", "always"]);
        assert_eq!(code(&o), 1, "{format}");
        let out = stdout(&o) + &stderr(&o);
        assert!(!out.contains(&pat), "{format} leaked the token");
        assert!(!out.contains(&key), "{format} leaked the key id");
        if format == "sarif" {
            validate_sarif(&stdout(&o));
        }
    }
    let o = run(t.path(), &["scan", "--format", "json", "--no-redact"]);
    assert!(stdout(&o).contains(&pat));
}

#[test]
fn every_format_parses() {
    let t = Tree::new();
    let pat = github_pat("formats");
    t.write("dir with space/x.txt", format!("token: {pat}\n"));

    let o = run(t.path(), &["scan", "--format", "jsonl"]);
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["path"], "dir with space/x.txt");

    let o = run(t.path(), &["scan", "--format", "sarif"]);
    validate_sarif(&stdout(&o));
    let sarif: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rule = &run0["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "github-pat-classic");
    assert!(rule["name"].is_string() && rule["help"]["text"].is_string());
    let result = &run0["results"][0];
    assert_eq!(result["ruleId"], "github-pat-classic");
    assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "dir%20with%20space/x.txt");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 8);
    let fp = keyhound::finding::fingerprint("github-pat-classic", pat.as_bytes());
    assert_eq!(result["partialFingerprints"]["keyhound/v1"], fp.as_str());

    let o = run(t.path(), &["scan", "--format", "csv"]);
    let text = stdout(&o);
    let mut rows = text.lines();
    assert!(rows
        .next()
        .unwrap()
        .starts_with("rule,name,severity,fingerprint,secret,path,line,column"));
    let row = rows.next().unwrap();
    assert!(
        row.starts_with("github-pat-classic,") && row.contains(&fp),
        "{row}"
    );

    let o = run(t.path(), &["scan", "--format", "junit"]);
    let xml = stdout(&o);
    assert!(xml.starts_with("<?xml"));
    assert!(
        xml.contains(r#"failures="1""#) && xml.contains("<failure"),
        "{xml}"
    );

    let o = run(t.path(), &["scan", "--format", "text"]);
    let text = stdout(&o);
    assert!(
        text.contains("github-pat-classic") && text.contains("dir with space/x.txt:1:8"),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("keyhound: 1 finding"),
        "{text}"
    );
    assert!(!text.contains("\x1b["), "no colour when not a terminal");

    let out = t.join("report.json");
    let o = run(
        t.path(),
        &["scan", "--format", "json", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code(&o), 1);
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(findings(&doc).len(), 1, "the report file is not rescanned");
}

#[test]
fn gitignore_binary_and_oversized_files() {
    let t = Tree::new();
    let pat = github_pat("skips");
    t.write(".gitignore", "ignored/\n");
    t.write("ignored/secret.txt", format!("{pat}\n"));
    let mut binary = b"\x00\x01binary".to_vec();
    binary.extend_from_slice(pat.as_bytes());
    t.write("blob.bin", binary);
    t.write("big.txt", format!("{}\n{pat}\n", "x".repeat(5000)));
    t.write(".env", "NOTHING=here\n");
    let (code, doc) = scan_json(t.path(), &["--max-file-size", "4K"]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["skipped_binary"], 1);
    assert_eq!(doc["stats"]["skipped_too_large"], 1);
    // hidden files are scanned
    t.write(".env", format!("GITHUB_TOKEN={pat}\n"));
    let (_, doc) = scan_json(t.path(), &["--max-file-size", "4K"]);
    assert_eq!(findings(&doc)[0]["path"], ".env");
    // --no-ignore scans the ignored directory too
    let (_, doc) = scan_json(t.path(), &["--no-ignore", "--max-file-size", "4K"]);
    assert_eq!(findings(&doc).len(), 2);
}

#[test]
fn latin1_file_and_empty_file() {
    let t = Tree::new();
    let key = aws_key_id("latin1");
    let mut data = b"# caf\xe9 na\xefve \xff\xfe\n".to_vec();
    data.extend_from_slice(format!("aws_access_key_id = {key}\n").as_bytes());
    t.write("latin1.cfg", data);
    t.write("empty.txt", "");
    let (code, doc) = scan_json(t.path(), &[]);
    assert_eq!(code, 1);
    let f = &findings(&doc)[0];
    assert_eq!(f["path"], "latin1.cfg");
    assert_eq!(f["line"], 2);
    assert!(f["rule"].as_str().unwrap().starts_with("aws"), "{f}");
    assert_eq!(doc["stats"]["files"], 2);
}

#[cfg(unix)]
#[test]
fn unreadable_file_reported_and_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let t = Tree::new();
    t.write("locked.txt", "x\n");
    t.write("open.txt", format!("t = {}\n", github_pat("perm")));
    let locked = t.join("locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = if std::fs::read(&locked).is_err() {
        run(t.path(), &["scan", "--format", "json"])
    } else {
        // Root reads mode-000 files, so run keyhound as `nobody`: a copy of
        // the binary inside the (world-readable) tree, so the checkout's own
        // permissions do not matter.
        let setpriv = std::path::Path::new("/usr/bin/setpriv");
        assert!(
            setpriv.exists(),
            "running as root: setpriv (util-linux) is needed to drop privileges"
        );
        std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let bin = t.join("kh-bin");
        std::fs::copy(env!("CARGO_BIN_EXE_keyhound"), &bin).unwrap();
        clean_env(std::process::Command::new(setpriv), t.path())
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .args([
                "scan",
                "--format",
                "json",
                "--no-config",
                "--exclude",
                "kh-bin",
            ])
            .current_dir(t.path())
            .output()
            .unwrap()
    };
    let doc: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    assert_eq!(code(&o), 1, "findings win over errors in the exit code");
    assert_eq!(findings(&doc).len(), 1, "{doc}");
    assert_eq!(doc["errors"][0]["path"], "locked.txt");
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ermission denied"),
        "{doc}"
    );
    assert_eq!(doc["stats"]["errors"], 1);
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    let t = Tree::new();
    std::fs::create_dir_all(t.join("a/b")).unwrap();
    std::os::unix::fs::symlink(t.join("a"), t.join("a/b/loop")).unwrap();
    t.write("a/secret.txt", format!("{}\n", github_pat("loop")));
    let (code, doc) = scan_json(t.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(findings(&doc).len(), 1);
    let (_, doc) = scan_json(t.path(), &["--follow-symlinks"]);
    assert_eq!(findings(&doc).len(), 1, "{doc}");
    let errs = doc["errors"].as_array().unwrap();
    assert!(
        errs.iter()
            .any(|e| e["message"].as_str().unwrap().contains("loop")),
        "{doc}"
    );
}

#[test]
fn identical_output_on_repeated_runs() {
    let t = Tree::new();
    for i in 0..40 {
        t.write(
            &format!("d{}/f{i}.txt", i % 7),
            format!(
                "a\nk = {}\nb {}\n",
                github_pat(&i.to_string()),
                aws_key_id(&i.to_string())
            ),
        );
    }
    let a = run(t.path(), &["scan", "--format", "jsonl", "--threads", "4"]);
    let b = run(t.path(), &["scan", "--format", "jsonl", "--threads", "1"]);
    assert_eq!(stdout(&a).lines().count(), 80);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn stdin_scan_and_named_files() {
    let t = Tree::new();
    let pat = github_pat("stdin");
    let o = keyhound(t.path())
        .args(["scan", "-", "--format", "json"])
        .write_stdin(format!("line one\nexport GH_TOKEN={pat}\n"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &findings(&doc)[0];
    assert_eq!(f["source"], "stdin");
    assert_eq!(f["line"], 2);
    assert_eq!(
        f["fingerprint"].as_str().unwrap(),
        keyhound::finding::fingerprint("github-pat-classic", pat.as_bytes())
    );

    t.write("one.txt", format!("{pat}\n"))
        .write("two.txt", "clean\n")
        .write("three.txt", format!("{pat}\n"));
    let (_, doc) = scan_json(t.path(), &["one.txt", "two.txt"]);
    assert_eq!(rule_ids(&doc), vec!["github-pat-classic"]);
    assert_eq!(doc["stats"]["files"], 2);
}

#[test]
fn private_key_block_reported_at_first_line() {
    let t = Tree::new();
    let body: String = (0..20)
        .map(|i| format!("{}\n", random_b64(&format!("pem{i}"), 64)))
        .collect();
    let pem = format!(
        "-----BEGIN RSA {}-----\n{body}-----END RSA {}-----\n",
        "PRIVATE KEY", "PRIVATE KEY"
    );
    t.write("deploy/id_rsa", format!("# deploy key\n{pem}"));
    let (code, doc) = scan_json(t.path(), &[]);
    assert_eq!(code, 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["line"], 2);
    assert_eq!(f["column"], 1);
}

#[test]
fn config_rules_allowlists_and_inline_ignores() {
    let t = Tree::new();
    t.write(
        ".keyhound.toml",
        r#"
[allowlist]
paths = ["fixtures/"]

[[rule]]
id = "acme-token"
name = "ACME token"
keywords = ["acme_"]
regex = '''\b(acme_[a-z0-9]{16})\b'''
severity = "critical"
[rule.examples]
positive = ["acme_0123456789abcdef"]
"#,
    );
    t.write("app.txt", "key = acme_0123456789abcdef\n");
    t.write("fixtures/test.txt", "key = acme_fedcba9876543210\n");
    t.write("ok.txt", "key = acme_aaaabbbbccccdddd # keyhound:allow\n");
    let (code, doc) = scan_json(t.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(rule_ids(&doc), vec!["acme-token"]);
    assert_eq!(findings(&doc)[0]["severity"], "critical");
    // fixtures/ by the path allowlist, and the config file's own rule example
    assert_eq!(doc["stats"]["suppressed"]["allowlist"], 2);
    assert_eq!(doc["stats"]["suppressed"]["inline"], 1);
    let (_, doc) = scan_json(t.path(), &["--show-suppressed"]);
    let paths: Vec<&str> = doc["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec![".keyhound.toml", "fixtures/test.txt", "ok.txt"]);
    let (_, doc) = scan_json(t.path(), &["--no-inline-ignore"]);
    assert_eq!(findings(&doc).len(), 2);
    let (code, _) = scan_json(t.path(), &["--no-config"]);
    assert_eq!(code, 0, "without the config the custom rule is gone");
}

#[test]
fn rules_list_and_check() {
    let t = Tree::new();
    let o = run(t.path(), &["rules", "list"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).lines().count() >= 60,
        "the starter pack has 60+ rules"
    );
    let o = run(t.path(), &["rules", "check"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));

    t.write(
        "mine.toml",
        r#"
[[rule]]
id = "broken"
name = "Broken"
keywords = ["zz_"]
regex = '''zz_[a-z]{4}'''
severity = "low"
[rule.examples]
positive = ["nothing here", { text = "zz_abcd", secret = "zz_abce" }]
negative = ["zz_wxyz"]

[[rule]]
id = "broken"
name = "Dup"
keywords = ["yy"]
regex = '''yy[0-9]+'''
severity = "low"
"#,
    );
    let o = run(t.path(), &["rules", "check", "mine.toml"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    for needle in [
        "duplicate id",
        "positive #1",
        "keywords",
        "expected secret",
        "negative #1",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    t.write("bad.toml", "[[rule]]\nid = \"x\"\nname = \"X\"\nkeywords = [\"x\"]\nregex = '(unclosed'\nseverity = \"low\"\n");
    let o = run(t.path(), &["rules", "check", "bad.toml"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("bad.toml") && out.contains("\"x\"") && out.contains("regex"),
        "{out}"
    );
}

/// A secret that spans lines (PEM, PuTTY) is shown by its first line in the
/// text and JUnit reports: that line must be redacted too. Checked for every
/// multi-line built-in rule, on its own positive examples.
#[test]
fn multiline_secrets_are_redacted_in_line_displays() {
    let rules = keyhound::rules::builtin_with_examples().unwrap();
    let t = Tree::new();
    let mut checked = 0;
    for r in rules.iter().filter(|r| r.multiline) {
        for (i, p) in r.examples.positive.iter().enumerate() {
            let Some(secret) = p.secret() else { continue };
            let name = format!("{}-{i}.txt", r.id);
            t.write(&name, p.text());
            for format in ["text", "junit"] {
                let o = run(t.path(), &["scan", &name, "--format", format]);
                assert_eq!(code(&o), 1, "{} {format}: {}", r.id, stdout(&o));
                let out = stdout(&o);
                for line in secret.split("\\n").flat_map(|l| l.split('\n')) {
                    let line = line.trim();
                    if line.len() >= 16 && !line.starts_with("-----") {
                        assert!(!out.contains(line), "{} {format} printed {line:?}", r.id);
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} multi-line examples");
}

// ---- input the scan must not lose: FIFOs, process substitution, UTF-16 ----

/// A FIFO named on the command line is read to its end like `-` and reported
/// under the path given (it used to be skipped with exit 0).
#[test]
fn a_fifo_named_explicitly_is_read_like_stdin() {
    let t = Tree::new();
    let fifo = t.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let pat = github_pat("fifo");
    let writer = {
        let (fifo, pat) = (fifo.clone(), pat.clone());
        std::thread::spawn(move || {
            // Blocks until a reader opens the FIFO.
            let _ = std::fs::write(&fifo, format!("first\nTOKEN={pat}\n"));
        })
    };
    let (code, doc) = scan_json(t.path(), &["pipe"]);
    // If keyhound never opened the FIFO, the writer still waits for a
    // reader: open (and close) one without blocking to release it.
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc_o_nonblock())
        .open(&fifo);
    writer.join().unwrap();
    assert_eq!(code, 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["path"], "pipe");
    assert_eq!(f["line"], 2);
    assert_eq!(f["source"], "file");
    assert_eq!(doc["stats"]["files"], 1, "{doc}");
}

/// `O_NONBLOCK` on Linux (no libc dependency for one constant).
fn libc_o_nonblock() -> i32 {
    0o4000
}

/// `keyhound scan <(cmd)`: bash hands over `/dev/fd/N`, a pipe.
#[test]
fn a_process_substitution_is_read() {
    let t = Tree::new();
    let pat = github_pat("procsub");
    t.write("secret.txt", format!("TOKEN={pat}\n"));
    let bin = assert_cmd::cargo::cargo_bin("keyhound");
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' scan --format json <(cat secret.txt)",
            bin.display()
        ))
        .current_dir(t.path())
        .env("XDG_CONFIG_HOME", t.join(".no-user-config"))
        .env("XDG_STATE_HOME", t.join(".state"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{} {}", stdout(&o), stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &findings(&doc)[0];
    assert!(f["path"].as_str().unwrap().starts_with("/dev/fd/"), "{doc}");
    assert_eq!(f["line"], 1);
}

/// `text` as UTF-16 with a byte-order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// UTF-16 files (Windows editors and PowerShell write them) hold NUL bytes
/// and used to be skipped as binary; they are decoded and scanned, and the
/// line and column are those of the decoded text.
#[test]
fn utf16_files_with_a_bom_are_decoded_and_scanned() {
    let t = Tree::new();
    let le = github_pat("utf16-le");
    let be = github_pat("utf16-be");
    t.write(
        "le.ps1",
        utf16(&format!("# é\r\n$token = \"{le}\"\r\n"), false),
    );
    t.write("be.txt", utf16(&format!("a\nb\n  KEY={be}\n"), true));
    let (rc, doc) = scan_json(t.path(), &["."]);
    assert_eq!(rc, 1, "{doc}");
    assert_eq!(doc["stats"]["skipped_binary"], 0, "{doc}");
    let at = |path: &str| {
        findings(&doc)
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("nothing in {path}: {doc}"))
    };
    let f = at("le.ps1");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(11))
    );
    assert_eq!(
        f["fingerprint"],
        keyhound::finding::fingerprint("github-pat-classic", le.as_bytes())
    );
    let f = at("be.txt");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(7))
    );

    // The same through stdin.
    let o = keyhound(t.path())
        .args(["scan", "--format", "json", "-"])
        .write_stdin(utf16(&format!("x\nTOKEN={le}\n"), false))
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(findings(&doc)[0]["line"], 2, "{doc}");
}

/// The JSON report is one typed contract: what `scan -f json` writes,
/// `keyhound::report::contract::JsonReport` reads back, field for field,
/// and writes again byte for byte (the reader of `rotate --report`).
#[test]
fn json_report_round_trips_through_the_contract_type() {
    let t = Tree::new();
    t.init_repo();
    t.write(
        "app.env",
        format!("GITHUB_TOKEN={}\n", github_pat("contract")),
    );
    t.commit_all("add app.env");
    let o = run(
        t.path(),
        &["scan", "--history", "-f", "json", "--show-suppressed"],
    );
    let text = stdout(&o);
    let doc: keyhound::report::contract::JsonReport =
        serde_json::from_str(&text).expect("the report fits its type");
    assert_eq!(doc.version, 1);
    assert_eq!(doc.findings.len(), 1);
    assert_eq!(doc.findings[0].rule, "github-pat-classic");
    assert_eq!(doc.findings[0].source, "history");
    assert!(doc.findings[0].commit.is_some());
    let again = serde_json::to_string_pretty(&serde_json::to_value(&doc).unwrap()).unwrap();
    assert_eq!(again.trim_end(), text.trim_end());
}
