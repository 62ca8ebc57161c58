//! The history and staged scans on a small repository generated from the
//! input: two commits whose file contents and messages are input bytes (in
//! SHA-1 or SHA-256 object format, by the first byte), and an index that
//! stages the first commit's version against HEAD. The harness builds the
//! repository with `git fast-import` (a test fixture; keyhound itself reads
//! it through gix only).
#![no_main]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use keyhound::engine::Engine;
use keyhound::filter::{Filter, FilterSpec};
use keyhound::matcher::Matcher;
use keyhound::source::git::{scan_history, scan_staged, HistoryOptions};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let rules = keyhound::rules::builtin().expect("built-in rules load");
    let filter = Filter::new(FilterSpec {
        rules: &rules,
        inline: true,
        ..Default::default()
    })
    .expect("an empty filter builds");
    Engine::new(Matcher::new(rules).expect("prefilter builds"), filter)
});

fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> bool {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("git runs");
    if let Some(input) = stdin {
        let _ = child.stdin.take().expect("piped").write_all(input);
    }
    drop(child.stdin.take());
    child.wait().is_ok_and(|s| s.success())
}

fn data_block(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(format!("data {}\n", bytes.len()).as_bytes());
    out.extend_from_slice(bytes);
    out.push(b'\n');
}

/// A fast-import stream: commit 1 adds `a.txt` = first half; commit 2 sets
/// `a.txt` = everything and adds `dir/b.txt` = first half.
fn stream(data: &[u8]) -> Vec<u8> {
    let half = &data[..data.len() / 2];
    let mut s = Vec::new();
    s.extend_from_slice(b"blob\nmark :1\n");
    data_block(&mut s, half);
    s.extend_from_slice(b"blob\nmark :2\n");
    data_block(&mut s, data);
    s.extend_from_slice(b"commit refs/heads/main\nmark :3\n");
    s.extend_from_slice(b"committer Fuzz <fuzz@example.com> 1700000000 +0000\n");
    data_block(&mut s, half);
    s.extend_from_slice(b"M 100644 :1 a.txt\n");
    s.extend_from_slice(b"commit refs/heads/main\nmark :4\n");
    s.extend_from_slice(b"committer Fuzz <fuzz@example.com> 1700000001 +0000\n");
    data_block(&mut s, &data[data.len() / 2..]);
    s.extend_from_slice(b"from :3\nM 100644 :2 a.txt\nM 100644 :1 dir/b.txt\n");
    s
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, data)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let format = if first & 1 == 1 { "sha256" } else { "sha1" };
    let init = ["init", "-q", "-b", "main", "--object-format", format];
    if !git(dir.path(), &init, None)
        || !git(dir.path(), &["fast-import", "--quiet"], Some(&stream(data)))
        || !git(dir.path(), &["read-tree", "HEAD~1"], None)
    {
        return; // git refused the input (not keyhound's concern)
    }
    let opts = HistoryOptions {
        max_file_size: 1 << 20,
        all_objects: true,
        ..Default::default()
    };
    let out = scan_history(&*ENGINE, dir.path(), &opts, &keyhound::source::Silent)
        .expect("a valid repository scans");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.stats.commits, 2);
    let out = scan_staged(&*ENGINE, dir.path(), 1 << 20).expect("a valid repository scans");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
});
