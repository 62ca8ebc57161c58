//! Sensitive files by name (issue 13, section 4): path rules report a file
//! whose path matches whatever it holds — binary keystores included — in
//! directory, staged and history scans; gitleaks path-only rules import as
//! path rules. Real binary on real temp trees and git repositories.

mod support;

use serde_json::Value;
use support::*;

/// (rule, path) of every path-rule finding (rule ids starting `file-`).
fn file_findings(doc: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings(doc)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("file-"))
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

/// Bytes that read as binary (a NUL early) with fake key-store content.
fn binary(seed: &str) -> Vec<u8> {
    let mut b = vec![0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03];
    b.extend_from_slice(random_b64(seed, 256).as_bytes());
    b
}

fn sensitive_tree(t: &Tree) {
    t.write("certs/prod.p12", binary("p12"));
    t.write("android/release.keystore", binary("jks"));
    t.write("ops/team.kdbx", binary("kdbx"));
    t.write(".ssh/id_ed25519", "encrypted or not, a private key file\n");
    t.write(".pgpass", "db.internal:5432:*:app:see-vault\n");
    t.write("infra/terraform.tfstate", "{\"version\": 4}\n");
    // Not sensitive: public half, source files named after the formats.
    t.write(".ssh/id_ed25519.pub", "ssh-ed25519 AAAA comment\n");
    t.write("src/keystore.rs", "// reads keystores\n");
}

fn expected() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("file-java-keystore", "android/release.keystore"),
        ("file-keepass-database", "ops/team.kdbx"),
        ("file-pgpass", ".pgpass"),
        ("file-pkcs12", "certs/prod.p12"),
        ("file-ssh-private-key", ".ssh/id_ed25519"),
        ("file-terraform-state", "infra/terraform.tfstate"),
    ]
    .iter()
    .map(|(r, p)| (r.to_string(), p.to_string()))
    .collect();
    v.sort();
    v
}

#[test]
fn directory_scan_reports_sensitive_files_binary_ones_too() {
    let t = Tree::new();
    sensitive_tree(&t);
    let (code, doc) = scan_json(t.path(), &["."]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(file_findings(&doc), expected(), "{doc}");
    // The finding names the file, never prints its content.
    let f = findings(&doc)
        .iter()
        .find(|f| f["rule"] == "file-pgpass")
        .unwrap();
    assert_eq!(f["line"], 1);
    assert!(!doc.to_string().contains("see-vault"), "{doc}");
}

#[test]
fn fingerprint_follows_the_content() {
    let t = Tree::new();
    t.write("a/x.p12", binary("one"));
    t.write("b/x.p12", binary("one"));
    t.write("c/x.p12", binary("two"));
    let (_, doc) = scan_json(t.path(), &["."]);
    let fp: Vec<&str> = findings(&doc)
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fp.len(), 3, "{doc}");
    assert_eq!(fp[0], fp[1], "same keystore, same fingerprint");
    assert_ne!(fp[0], fp[2], "another keystore, another fingerprint");
}

#[test]
fn staged_and_history_scans_report_sensitive_text_files() {
    let t = Tree::new();
    t.init_repo();
    t.write(".pgpass", "db.internal:5432:*:app:see-vault\n");
    t.write("infra/terraform.tfstate", "{\"version\": 4}\n");
    t.git(&["add", "-A"]);
    let (code, doc) = scan_json(t.path(), &["--staged"]);
    assert_eq!(code, 1, "{doc}");
    let want = vec![
        ("file-pgpass".to_string(), ".pgpass".to_string()),
        (
            "file-terraform-state".to_string(),
            "infra/terraform.tfstate".to_string(),
        ),
    ];
    assert_eq!(file_findings(&doc), want, "{doc}");
    t.commit_all("add state");
    let (code, doc) = scan_json(t.path(), &["--history"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(file_findings(&doc), want, "{doc}");
}

#[test]
fn allowlisted_paths_silence_path_rules() {
    let t = Tree::new();
    t.write("tests/fixtures/client.p12", binary("fixture"));
    t.write(
        ".keyhound.toml",
        "[allowlist]\npaths = [\"tests/fixtures/\"]\n",
    );
    let (code, doc) = scan_json(t.path(), &["."]);
    assert_eq!(code, 0, "{doc}");
}

#[test]
fn gitleaks_path_only_rules_are_imported() {
    let t = Tree::new();
    t.write(
        ".gitleaks.toml",
        "[[rules]]\nid = \"acme-vault\"\ndescription = \"ACME vault file\"\npath = '''\\.acmevault$'''\n",
    );
    t.write("ops/prod.acmevault", binary("acme"));
    t.write("ops/readme.md", "see prod.acmevault\n");
    let (code, doc) = scan_json(t.path(), &["--config", ".gitleaks.toml", "."]);
    assert_eq!(code, 1, "{doc}");
    let got: Vec<(&str, &str)> = findings(&doc)
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    assert!(got.contains(&("acme-vault", "ops/prod.acmevault")), "{doc}");
}

#[test]
fn a_key_file_holding_a_key_is_one_finding() {
    let t = Tree::new();
    let body: String = (0..12)
        .map(|i| format!("{}\n", random_b64(&format!("idrsa{i}"), 64)))
        .collect();
    t.write(
        ".ssh/id_rsa",
        format!(
            "-----BEGIN RSA {k}-----\n{body}-----END RSA {k}-----\n",
            k = "PRIVATE KEY"
        ),
    );
    let (_, doc) = scan_json(t.path(), &["."]);
    let rules: Vec<&str> = findings(&doc)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["private-key-rsa"], "{doc}");
}

/// A keystore is binary: the git sources skip binary blobs for content,
/// but the path rules still see them (src/source/git/mod.rs `scan_data`).
#[test]
fn staged_and_history_scans_report_binary_keystores() {
    let t = Tree::new();
    t.init_repo();
    t.write("deploy/prod.p12", binary("p12-in-git"));
    t.git(&["add", "-A"]);
    let want = vec![("file-pkcs12".to_string(), "deploy/prod.p12".to_string())];
    let (code, doc) = scan_json(t.path(), &["--staged"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(file_findings(&doc), want, "{doc}");
    t.commit_all("add keystore");
    let (code, doc) = scan_json(t.path(), &["--history"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(file_findings(&doc), want, "{doc}");
}
