//! Encoded and packed secrets (README.md, "Encoded and packed secrets"):
//! Kubernetes Secret manifests, percent-encoded URLs, double encodings,
//! notebooks, and archives (jar, tar.gz in git history and the index,
//! nesting, bombs, traversal names, encryption, truncation), with the real
//! binary on real files built here.

mod support;

use std::io::Write as _;
use std::process::Command;

use base64::Engine as _;
use serde_json::Value;
use support::*;

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn pem(seed: &str) -> String {
    let body: String = (0..12)
        .map(|i| format!("{}\n", random_b64(&format!("{seed}{i}"), 64)))
        .collect();
    format!(
        "-----BEGIN RSA {k}-----\n{body}-----END RSA {k}-----\n",
        k = "PRIVATE KEY"
    )
}

fn by_rule<'d>(doc: &'d Value, rule: &str) -> Vec<&'d Value> {
    findings(doc).iter().filter(|f| f["rule"] == rule).collect()
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn tar_gz_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, name, *data).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap()
}

#[test]
fn kubernetes_secret_manifest_base64_token_and_key() {
    let t = Tree::new();
    let pat = github_pat("k8s-manifest");
    let key = pem("k8s-pem");
    let manifest = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\n\
         apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  \
         GITHUB_TOKEN: {}\n  tls.key: {}\n",
        b64(&pat),
        b64(&key)
    );
    t.write("deploy/secret.yaml", &manifest);
    t.write("plain.env", format!("GITHUB_TOKEN={pat}\n"));
    let (code, doc) = scan_json(t.path(), &["--no-config", "--no-redact"]);
    assert_eq!(code, 1, "{doc}");
    let gh = by_rule(&doc, "github-pat-classic");
    let encoded = gh
        .iter()
        .find(|f| f["path"] == "deploy/secret.yaml")
        .expect("{doc}");
    let plain = gh.iter().find(|f| f["path"] == "plain.env").expect("{doc}");
    assert_eq!(encoded["line"], 12);
    assert_eq!(encoded["column"], 17);
    assert_eq!(encoded["secret"], pat.as_str());
    assert_eq!(encoded["decoded"], serde_json::json!(["base64"]));
    // The manifest's key name comes with it.
    assert_eq!(encoded["key"], "GITHUB_TOKEN");
    assert_eq!(plain["decoded"], Value::Null);
    assert_eq!(plain.get("key"), None);
    // One secret, one fingerprint: a baseline entry matches both forms.
    assert_eq!(encoded["fingerprint"], plain["fingerprint"]);
    let rsa = by_rule(&doc, "private-key-rsa");
    assert_eq!(rsa.len(), 1, "{doc}");
    assert_eq!(rsa[0]["line"], 13);
    assert_eq!(rsa[0]["decoded"], serde_json::json!(["base64"]));
    assert_eq!(rsa[0]["key"], "tls.key");

    // The text report says so, and redacts the encoded form on the line.
    let o = run(t.path(), &["scan", "--no-config", "deploy"]);
    let text = stdout(&o);
    assert!(text.contains("decoded     base64"), "{text}");
    assert!(text.contains("key         GITHUB_TOKEN"), "{text}");
    assert!(!text.contains(&b64(&pat)[..20]), "{text}");
    assert!(!text.contains(&pat), "{text}");
    // SARIF carries it as a property.
    let o = run(t.path(), &["scan", "--no-config", "-f", "sarif", "deploy"]);
    let sarif: Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .all(|r| r["properties"]["decoded"] == serde_json::json!(["base64"])));

    // Off with --decode-depth 0: only the generic rule sees the base64 text.
    let (_, doc) = scan_json(t.path(), &["--no-config", "--decode-depth", "0", "deploy"]);
    assert!(by_rule(&doc, "github-pat-classic").is_empty(), "{doc}");
    assert!(by_rule(&doc, "private-key-rsa").is_empty(), "{doc}");
}

#[test]
fn percent_encoded_database_url() {
    let t = Tree::new();
    let pw = random_b64("pct-db", 40)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(18)
        .collect::<String>();
    t.write(
        ".env",
        format!("DATABASE_URL=postgresql%3A%2F%2Fapp%3A{pw}%40db.internal%3A5432%2Fprod\n"),
    );
    let (code, doc) = scan_json(t.path(), &["--no-config", "--no-redact"]);
    assert_eq!(code, 1, "{doc}");
    let f = by_rule(&doc, "postgres-connection-string");
    assert_eq!(f.len(), 1, "{doc}");
    assert_eq!(f[0]["secret"], pw.as_str());
    assert_eq!(f[0]["decoded"], serde_json::json!(["percent"]));
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn double_encoding_needs_depth_two() {
    let t = Tree::new();
    let pat = github_pat("double");
    t.write("values.yaml", format!("blob: {}\n", b64(&b64(&pat))));
    let (code, doc) = scan_json(t.path(), &["--no-config"]);
    assert_eq!(code, 1, "{doc}");
    let f = by_rule(&doc, "github-pat-classic");
    assert_eq!(f[0]["decoded"], serde_json::json!(["base64", "base64"]));
    let (code, doc) = scan_json(t.path(), &["--no-config", "--decode-depth", "1"]);
    assert_eq!(code, 0, "{doc}");
}

#[test]
fn notebook_code_cell_and_output() {
    let t = Tree::new();
    let password: String = random_b64("nb-pass", 40)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(20)
        .collect();
    let api: String = random_b64("nb-api", 60)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    // As Jupyter writes it: one JSON string per source line.
    let nb = serde_json::json!({
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Setup\n"]},
            {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [
                {"name": "stdout", "output_type": "stream", "text": [format!("config: {{\"api_key\": \"{api}\"}}\n")]}
            ], "source": ["import db\n", format!("db.connect(password=\"{password}\")\n")]}
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    });
    let text = serde_json::to_string_pretty(&nb).unwrap();
    t.write("analysis.ipynb", &text);
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (code, doc) = scan_json(t.path(), &["--no-config", "--no-redact"]);
    assert_eq!(code, 1, "{doc}");
    let pw = findings(&doc)
        .iter()
        .find(|f| f["secret"] == password.as_str());
    let pw = pw.unwrap_or_else(|| panic!("password not found: {doc}"));
    assert_eq!(pw["line"], line_of(&password));
    // The assignment syntax reads JSON-escaped quotes itself (rules'
    // `(?&assign)`), so the plain match may win over the decoded one.
    assert!(
        pw["decoded"].is_null() || pw["decoded"] == serde_json::json!(["escape"]),
        "{pw}"
    );
    let key = findings(&doc).iter().find(|f| f["secret"] == api.as_str());
    let key = key.unwrap_or_else(|| panic!("output key not found: {doc}"));
    assert_eq!(key["line"], line_of(&api));
    // Placed in the notebook as its user sees it: second cell (the first is
    // markdown), second source line; the output's first line.
    assert_eq!(
        pw["cell"],
        serde_json::json!({"index": 2, "line": 2, "part": "source"})
    );
    assert_eq!(
        key["cell"],
        serde_json::json!({"index": 2, "line": 1, "part": "output"})
    );
    let o = run(t.path(), &["scan", "--no-config"]);
    assert!(
        stdout(&o).contains("notebook    cell 2, source line 2"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn jar_member_reported_with_archive_and_member() {
    let t = Tree::new();
    let pat = github_pat("jar");
    let yml = format!("spring:\n  profiles: prod\ngithub:\n  token: {pat}\n");
    t.write(
        "app.jar",
        zip_of(&[
            ("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n"),
            ("BOOT-INF/classes/application.yml", yml.as_bytes()),
        ]),
    );
    t.write("plain.txt", format!("{pat}\n"));
    let (code, doc) = scan_json(t.path(), &["--no-config"]);
    assert_eq!(code, 1, "{doc}");
    let f = findings(&doc)
        .iter()
        .find(|f| f["archive"] == "app.jar")
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(f["path"], "app.jar!/BOOT-INF/classes/application.yml");
    assert_eq!(f["member"], "BOOT-INF/classes/application.yml");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(10))
    );
    let plain = findings(&doc)
        .iter()
        .find(|f| f["path"] == "plain.txt")
        .unwrap();
    assert_eq!(f["fingerprint"], plain["fingerprint"]);
    assert_eq!(doc["stats"]["archives"], 1);
    assert_eq!(doc["stats"]["archive_members"], 2);
    let o = run(t.path(), &["scan", "--no-config", "app.jar"]);
    assert!(
        stdout(&o).contains("app.jar!/BOOT-INF/classes/application.yml:4:10"),
        "{}",
        stdout(&o)
    );
    let (code, doc) = scan_json(t.path(), &["--no-config", "--no-archives", "app.jar"]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["skipped_binary"], 1);
}

#[test]
fn tar_gz_in_history_and_in_the_index() {
    let t = Tree::new();
    t.init_repo();
    let pat = github_pat("tgz-history");
    t.write(
        "vendor/pkg-1.0.tgz",
        tar_gz_of(&[
            ("pkg/README", b"hello\n"),
            ("pkg/.env", format!("X=1\nTOKEN={pat}\n").as_bytes()),
        ]),
    );
    t.git(&["add", "-A"]);
    let (code, doc) = scan_json(t.path(), &["--staged", "--no-config"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc)[0]["path"], "vendor/pkg-1.0.tgz!/pkg/.env");
    t.commit_all("vendor a package");
    std::fs::remove_file(t.join("vendor/pkg-1.0.tgz")).unwrap();
    t.commit_all("drop it");
    let (code, doc) = scan_json(t.path(), &["--history", "--no-config"]);
    assert_eq!(code, 1, "{doc}");
    let f = &findings(&doc)[0];
    assert_eq!(f["path"], "vendor/pkg-1.0.tgz!/pkg/.env");
    assert_eq!(f["archive"], "vendor/pkg-1.0.tgz");
    assert_eq!(f["member"], "pkg/.env");
    assert_eq!(f["line"], 2);
    assert_eq!(f["in_head"], false);
    assert!(f["commit"].is_string());
}

#[test]
fn nesting_beyond_the_depth_is_skipped_with_a_warning() {
    let t = Tree::new();
    let pat = github_pat("nested");
    let inner = zip_of(&[("conf/app.properties", format!("token={pat}\n").as_bytes())]);
    let middle = tar_gz_of(&[("lib/inner.jar", &inner)]);
    t.write("outer.zip", zip_of(&[("dist/middle.tgz", &middle)]));
    let (code, doc) = scan_json(t.path(), &["--no-config"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(
        findings(&doc)[0]["path"],
        "outer.zip!/dist/middle.tgz!/lib/inner.jar!/conf/app.properties"
    );
    assert_eq!(
        findings(&doc)[0]["archive"],
        "outer.zip!/dist/middle.tgz!/lib/inner.jar"
    );
    let o = run(t.path(), &["scan", "--no-config", "--archive-depth", "2"]);
    assert_eq!(support::code(&o), 0, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("outer.zip!/dist/middle.tgz!/lib/inner.jar: archive nested deeper than --archive-depth 2"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn zip_bomb_ends_with_an_error_naming_it_and_the_scan_goes_on() {
    let t = Tree::new();
    let pat = github_pat("bomb");
    let zeros = vec![0u8; 64 << 20];
    t.write(
        "bomb.zip",
        zip_of(&[
            ("first.txt", format!("{pat}\n").as_bytes()),
            ("zeros.bin", &zeros),
        ]),
    );
    t.write("other.txt", format!("{}\n", github_pat("after-bomb")));
    let started = std::time::Instant::now();
    let (code, doc) = scan_json(t.path(), &["--no-config", "--max-file-size", "100M"]);
    assert!(started.elapsed().as_secs() < 30);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc).len(), 2, "{doc}");
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{doc}");
    assert_eq!(errors[0]["path"], "bomb.zip");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("compression bomb"),
        "{doc}"
    );
    // Alone, the bomb makes the exit code 3 (something could not be read).
    std::fs::remove_file(t.join("other.txt")).unwrap();
    t.write("bomb.zip", zip_of(&[("zeros.bin", &zeros)]));
    let (code, doc) = scan_json(t.path(), &["--no-config", "--max-file-size", "100M"]);
    assert_eq!(code, 3, "{doc}");
}

#[test]
fn traversal_names_are_only_names() {
    let t = Tree::new();
    let pat = github_pat("traversal");
    let scan_dir = t.join("scan");
    std::fs::create_dir_all(&scan_dir).unwrap();
    t.write(
        "scan/evil.zip",
        zip_of(&[("../../etc/x", format!("{pat}\n").as_bytes())]),
    );
    let (code, doc) = scan_json(&scan_dir, &["--no-config"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc)[0]["path"], "evil.zip!/../../etc/x");
    assert_eq!(findings(&doc)[0]["member"], "../../etc/x");
    // Nothing was written next to the scanned tree.
    assert!(!t.join("etc").exists());
    assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 1);
    assert_eq!(std::fs::read_dir(&scan_dir).unwrap().count(), 1);
}

#[test]
fn encrypted_members_are_skipped_with_a_warning() {
    let Some(zip_cli) = prereq::require(
        "zip",
        &["/usr/bin/zip".into(), "/usr/local/bin/zip".into()],
        "apt-get install zip",
    ) else {
        return;
    };
    let t = Tree::new();
    t.write("secret.txt", format!("{}\n", github_pat("encrypted")));
    let o = Command::new(zip_cli)
        .current_dir(t.path())
        .args(["-q", "-P", "hunter2", "locked.zip", "secret.txt"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    std::fs::remove_file(t.join("secret.txt")).unwrap();
    let o = run(t.path(), &["scan", "--no-config"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(
        stderr(&o).contains("locked.zip!/secret.txt: encrypted; not scanned"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn truncated_archive_is_an_error_and_the_scan_goes_on() {
    let t = Tree::new();
    let jar = zip_of(&[(
        "a.yml",
        format!("t: {}\n", github_pat("trunc-in")).as_bytes(),
    )]);
    t.write("broken.jar", &jar[..jar.len() - 30]);
    let gz = tar_gz_of(&[(
        "x/.env",
        format!("T={}\n", github_pat("trunc-gz"))
            .repeat(200)
            .as_bytes(),
    )]);
    t.write("broken.tgz", &gz[..gz.len() / 2]);
    t.write("ok.txt", format!("{}\n", github_pat("trunc-ok")));
    let (code, doc) = scan_json(t.path(), &["--no-config"]);
    assert_eq!(code, 1, "{doc}");
    assert!(
        findings(&doc).iter().any(|f| f["path"] == "ok.txt"),
        "{doc}"
    );
    let errs: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(errs, ["broken.jar", "broken.tgz"], "{doc}");
}

/// Runs `tool args…` in `dir`, asserting success.
fn sh(dir: &std::path::Path, tool: &std::path::Path, args: &[&str]) {
    let o = Command::new(tool)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{tool:?} {args:?}: {o:?}");
}

#[test]
fn bzip2_xz_and_zstd_streams_and_tarballs() {
    let tools: Vec<_> = ["bzip2", "xz", "zstd", "tar"]
        .iter()
        .map(|t| {
            prereq::require(
                t,
                &[format!("/usr/bin/{t}").into(), format!("/bin/{t}").into()],
                "apt-get install bzip2 xz-utils zstd tar",
            )
        })
        .collect();
    let [Some(bzip2), Some(xz), Some(zstd), Some(tar)] = &tools[..] else {
        return;
    };
    let t = Tree::new();
    t.init_repo();
    let pats: Vec<String> = ["bz2", "xz", "zst", "tbz", "txz", "tzst"]
        .iter()
        .map(|s| github_pat(&format!("stream-{s}")))
        .collect();
    // One file per stream format, made by each format's own tool.
    t.write("build/a.env", format!("X=1\nTOKEN={}\n", pats[0]));
    t.write("build/b.env", format!("X=1\nTOKEN={}\n", pats[1]));
    t.write("build/c.env", format!("X=1\nTOKEN={}\n", pats[2]));
    sh(&t.join("build"), bzip2, &["a.env"]);
    sh(&t.join("build"), xz, &["b.env"]);
    sh(&t.join("build"), zstd, &["-q", "--rm", "c.env"]);
    for (i, (ext, flag)) in [("tar.bz2", "-j"), ("tar.xz", "-J"), ("tar.zst", "--zstd")]
        .iter()
        .enumerate()
    {
        t.write("pkg/.env", format!("TOKEN={}\n", pats[3 + i]));
        std::fs::create_dir_all(t.join("vendor")).unwrap();
        sh(
            t.path(),
            tar,
            &["-c", flag, "-f", &format!("vendor/p.{ext}"), "pkg"],
        );
    }
    std::fs::remove_dir_all(t.join("pkg")).unwrap();
    let (code, doc) = scan_json(t.path(), &["--no-config", "--no-redact"]);
    assert_eq!(code, 1, "{doc}");
    let at = |secret: &str| -> String {
        let f = findings(&doc).iter().find(|f| f["secret"] == secret);
        f.unwrap_or_else(|| panic!("{secret} not found: {doc}"))["path"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(at(&pats[0]), "build/a.env.bz2!/a.env");
    assert_eq!(at(&pats[1]), "build/b.env.xz!/b.env");
    assert_eq!(at(&pats[2]), "build/c.env.zst!/c.env");
    assert_eq!(at(&pats[3]), "vendor/p.tar.bz2!/pkg/.env");
    assert_eq!(at(&pats[4]), "vendor/p.tar.xz!/pkg/.env");
    assert_eq!(at(&pats[5]), "vendor/p.tar.zst!/pkg/.env");
    assert_eq!(doc["stats"]["archives"], 6, "{doc}");

    // The same blobs in history, committed and deleted.
    t.commit_all("vendor");
    std::fs::remove_dir_all(t.join("vendor")).unwrap();
    std::fs::remove_dir_all(t.join("build")).unwrap();
    t.commit_all("drop");
    let (code, doc) = scan_json(t.path(), &["--history", "--no-config"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(findings(&doc).len(), 6, "{doc}");
}

/// A zip whose one member `name` holds `body` compressed with `method`
/// (APPNOTE 4.4.5 number) as `compressed`: the zip crate and Info-ZIP
/// write no zstd members, so the container is built here, field by field.
fn zip_with_method(name: &str, body: &[u8], method: u16, compressed: &[u8]) -> Vec<u8> {
    let crc = crc32fast::hash(body);
    let mut header = Vec::new();
    let common = |h: &mut Vec<u8>| {
        h.extend_from_slice(&20u16.to_le_bytes()); // version needed
        h.extend_from_slice(&0u16.to_le_bytes()); // flags
        h.extend_from_slice(&method.to_le_bytes());
        h.extend_from_slice(&0u32.to_le_bytes()); // time, date
        h.extend_from_slice(&crc.to_le_bytes());
        h.extend_from_slice(&(compressed.len() as u32).to_le_bytes());
        h.extend_from_slice(&(body.len() as u32).to_le_bytes());
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes()); // extra length
    };
    header.extend_from_slice(b"PK\x03\x04");
    common(&mut header);
    header.extend_from_slice(name.as_bytes());
    header.extend_from_slice(compressed);
    let cd_at = header.len() as u32;
    let mut cd = b"PK\x01\x02".to_vec();
    cd.extend_from_slice(&20u16.to_le_bytes()); // version made by
    common(&mut cd);
    cd.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
    cd.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    cd.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    cd.extend_from_slice(name.as_bytes());
    let mut end = b"PK\x05\x06".to_vec();
    end.extend_from_slice(&[0; 4]);
    end.extend_from_slice(&1u16.to_le_bytes());
    end.extend_from_slice(&1u16.to_le_bytes());
    end.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    end.extend_from_slice(&cd_at.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    [header, cd, end].concat()
}

#[test]
fn zip_members_in_bzip2_lzma_and_zstd() {
    let t = Tree::new();
    let pats: Vec<String> = ["bzip2", "lzma", "zstd"]
        .iter()
        .map(|s| github_pat(&format!("zip-{s}")))
        .collect();
    // Python's zipfile writes bzip2 (12) and LZMA (14) members.
    let script = format!(
        "import zipfile\n\
         for name, method, pat in [('b.zip', zipfile.ZIP_BZIP2, '{}'), ('l.zip', zipfile.ZIP_LZMA, '{}')]:\n\
         \x20   with zipfile.ZipFile(name, 'w', method) as z:\n\
         \x20       z.writestr('conf/app.yml', 'github:\\n  token: ' + pat + '\\n')\n",
        pats[0], pats[1]
    );
    let o = Command::new("python3")
        .current_dir(t.path())
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    if let Some(zstd) = prereq::require("zstd", &["/usr/bin/zstd".into()], "apt-get install zstd") {
        let body = format!("github:\n  token: {}\n", pats[2]);
        t.write("body.yml", &body);
        sh(t.path(), &zstd, &["-q", "--rm", "body.yml"]);
        let compressed = std::fs::read(t.join("body.yml.zst")).unwrap();
        std::fs::remove_file(t.join("body.yml.zst")).unwrap();
        t.write(
            "z.zip",
            zip_with_method("conf/app.yml", body.as_bytes(), 93, &compressed),
        );
    }
    let (code, doc) = scan_json(t.path(), &["--no-config", "--no-redact"]);
    assert_eq!(code, 1, "{doc}");
    for (pat, zip) in pats.iter().zip(["b.zip", "l.zip", "z.zip"]) {
        let f = findings(&doc).iter().find(|f| f["secret"] == pat.as_str());
        let f = f.unwrap_or_else(|| panic!("{zip}: not found: {doc}"));
        assert_eq!(f["path"], format!("{zip}!/conf/app.yml"));
        assert_eq!(f["line"], 2);
    }
}

#[test]
fn scan_config_keys_set_decoding_and_archives_and_flags_win() {
    let t = Tree::new();
    let pat = github_pat("config-keys");
    t.write(
        "secret.yaml",
        format!("data:\n  GITHUB_TOKEN: {}\n", b64(&pat)),
    );
    t.write(
        "pkg.zip",
        zip_of(&[("app.env", format!("TOKEN={pat}\n").as_bytes())]),
    );
    let found = |args: &[&str]| -> Vec<String> {
        let (_, doc) = scan_json(t.path(), args);
        let mut paths: Vec<String> = by_rule(&doc, "github-pat-classic")
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(found(&[]), ["pkg.zip!/app.env", "secret.yaml"]);
    t.write(
        ".keyhound.toml",
        "[scan]\ndecode_depth = 0\narchives = false\n",
    );
    assert!(found(&[]).is_empty());
    // A flag wins over the config.
    assert_eq!(found(&["--decode-depth", "1"]), ["secret.yaml"]);
    t.write(".keyhound.toml", "[scan]\narchive_depth = 0\n");
    let o = run(t.path(), &["scan"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("archive_depth must be at least 1"),
        "{}",
        stderr(&o)
    );
}
