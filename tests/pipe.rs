//! A reader that closes the pipe early (`keyhound scan -f csv | head -1`)
//! ends the output quietly, in every format: no "Broken pipe" error and
//! no exit 3 (README.md, "Exit codes").

mod support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use support::*;

#[test]
fn every_format_exits_quietly_on_a_closed_pipe() {
    let t = Tree::new();
    // Enough findings that no format fits in the pipe's buffer.
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!("TOKEN_{i}={}\n", github_pat(&format!("pipe-{i}"))));
    }
    t.write("many.env", &text);
    for format in ["text", "json", "jsonl", "sarif", "csv", "junit"] {
        let mut child = keyhound_process(t.path())
            .args(["scan", "--no-config", "-f", format, "many.env"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is gone: the rest of the report hits a closed pipe.
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!first.is_empty(), "{format}: no output");
        assert!(
            !err.to_lowercase().contains("broken pipe"),
            "{format}: {err}"
        );
        assert_eq!(code(&o), 1, "{format}: findings, not an error: {err}");
    }
}
