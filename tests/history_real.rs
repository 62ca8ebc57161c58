//! Differential tests of `scan --history`: the fast path (each pack
//! traversed once along its delta tree, every tree resolved into the tree
//! store, blobs scanned during that traversal) against the reference path
//! that diffs every commit and reads every blob through the object
//! database one by one (`KEYHOUND_HISTORY_BY_ID=1`). Findings, attribution
//! (`commit`, `later_commits`, `in_head`), stats and errors must be
//! identical.
//!
//! Two kinds of history: one built here with the git CLI so the test always
//! runs (files that evolve over hundreds of commits, repacked with long
//! delta chains, secrets that appear, move, leave and come back), and real
//! public repositories when a fetched copy is present
//! (`$KEYHOUND_CORPORA/NAME.git`, default `/work/corpora`; see
//! benches/git.sh for how to get them): skipped with a message otherwise.
//! The progress display is checked here too, on a pseudo-terminal.

mod support;

use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use support::*;

/// `scan --history` of `repo` as JSON, with `env` added.
fn history_of(repo: &Path, env: &[(&str, &str)]) -> (i32, Value, String) {
    let args = [
        "scan",
        "--history",
        "--no-config",
        "--format",
        "json",
        "-C",
        repo.to_str().unwrap(),
    ];
    let o = run_env(repo, &args, env, None);
    let doc: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(&o)));
    (code(&o), doc, stderr(&o))
}

/// The parts of a report that must not depend on how history was read:
/// findings (sorted; the order of equal-rank findings is not a contract),
/// stats without the duration, errors.
fn comparable(doc: &Value) -> (Vec<String>, Value, Vec<String>) {
    let mut findings: Vec<String> = findings(doc).iter().map(|f| f.to_string()).collect();
    findings.sort();
    let mut stats = doc["stats"].clone();
    stats.as_object_mut().unwrap().remove("duration_ms");
    let mut errors: Vec<String> = doc["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| e.to_string()).collect())
        .unwrap_or_default();
    errors.sort();
    (findings, stats, errors)
}

/// Scans `repo` both ways and asserts the reports agree; returns the fast
/// report.
fn assert_same_both_ways(repo: &Path) -> Value {
    let t = Instant::now();
    let (fast_code, fast, fast_err) = history_of(repo, &[]);
    let fast_time = t.elapsed();
    let t = Instant::now();
    let (slow_code, slow, _) = history_of(repo, &[("KEYHOUND_HISTORY_BY_ID", "1")]);
    eprintln!(
        "{}: fast {:.1} s, by id {:.1} s",
        repo.display(),
        fast_time.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    assert_eq!(fast_code, slow_code, "{fast_err}");
    let (ff, fs, fe) = comparable(&fast);
    let (sf, ss, se) = comparable(&slow);
    assert_eq!(fs, ss, "stats differ");
    assert_eq!(fe, se, "errors differ");
    assert_eq!(ff.len(), sf.len(), "number of findings differs");
    for (a, b) in ff.iter().zip(&sf) {
        assert_eq!(a, b, "a finding differs");
    }
    fast
}

/// Pseudo-random source-like lines, distinct per seed.
fn lines(seed: u64, n: usize) -> Vec<String> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            format!(
                "    value_{i} = compute({}, {});",
                state % 1_000_003,
                state >> 44
            )
        })
        .collect()
}

fn pem_block(seed: &str) -> String {
    let body: String = (0..12)
        .map(|i| format!("{}\n", random_b64(&format!("{seed}{i}"), 64)))
        .collect();
    format!(
        "-----BEGIN RSA {}-----\n{body}-----END RSA {}-----\n",
        "PRIVATE KEY", "PRIVATE KEY"
    )
}

/// A history of 420 commits on two branches where a few files evolve a
/// line or two at a time (so a repack stores them as long delta chains),
/// with secrets that are added, shifted by lines inserted above them, moved
/// to another file, removed, and added again; a private key block that
/// sits in an evolving file; a merge; and a binary file that changes.
fn evolving_history() -> Tree {
    let t = Tree::new();
    t.init_repo();
    let pat = github_pat("evolving-main");
    let pat2 = github_pat("evolving-second");
    let key = pem_block("evolving-key");
    let mut s = String::new();
    let mut ts = 1_700_000_000u64;
    let mut mark = 0u32;
    let mut files: Vec<Vec<String>> = (0..6).map(|f| lines(f + 1, 60)).collect();
    let mut last_main = 0u32;
    let mut fork = 0u32;
    let mut side_last = 0u32;
    for n in 1..=420usize {
        let branch_side = (300..340).contains(&n);
        let f = n % files.len();
        let fresh = lines(1000 + n as u64, 1);
        let at = (n * 13) % files[f].len();
        files[f].insert(at, fresh[0].clone());
        if n % 3 == 0 {
            let len = files[f].len();
            files[f].remove((n * 7) % len);
        }
        let mut text = files[f].join("\n");
        text.push('\n');
        if f == 2 && ((50..250).contains(&n) || n >= 380) {
            // The secret line moves down as lines are inserted above it.
            let mut l: Vec<&str> = text.lines().collect();
            let line = format!("    token = \"{pat}\"");
            l.insert((n / 6).min(l.len()), &line);
            text = l.join("\n") + "\n";
        }
        if f == 4 && n >= 100 {
            text.push_str(&key);
        }
        let mut changes = format!(
            "M 100644 inline src/file_{f}.py\ndata {}\n{text}\n",
            text.len()
        );
        if n == 250 {
            // Moved to another file when it left file_2.
            let moved = format!("SECOND = \"{pat2}\"\nFIRST = \"{pat}\"\n");
            changes.push_str(&format!(
                "M 100644 inline conf/moved.env\ndata {}\n{moved}\n",
                moved.len()
            ));
        }
        if n == 320 {
            changes.push_str("D conf/moved.env\n");
        }
        if n % 40 == 0 {
            let mut bin = vec![0u8, 1, 2, 3];
            bin.extend(format!("blob {n} {pat2}").bytes());
            changes.push_str(&format!(
                "M 100644 inline assets/data.bin\ndata {}\n",
                bin.len()
            ));
            // Binary data goes in verbatim.
            changes.push_str(&String::from_utf8(bin).unwrap());
            changes.push('\n');
        }
        ts += 60;
        mark += 1;
        let branch = if branch_side { "side" } else { "main" };
        s.push_str(&format!("commit refs/heads/{branch}\nmark :{mark}\n"));
        s.push_str(&format!(
            "author Ada <ada@example.com> {ts} +0000\ncommitter Ada <ada@example.com> {ts} +0000\n"
        ));
        let msg = format!("change {n}");
        s.push_str(&format!("data {}\n{msg}\n", msg.len()));
        let parent = if branch_side {
            if n == 300 {
                fork = last_main;
                fork
            } else {
                side_last
            }
        } else {
            last_main
        };
        if parent > 0 {
            s.push_str(&format!("from :{parent}\n"));
        }
        if n == 340 {
            s.push_str(&format!("merge :{side_last}\n"));
        }
        s.push_str(&changes);
        if branch_side {
            side_last = mark;
        } else {
            last_main = mark;
        }
    }
    let _ = fork;
    let mut child = git_command(t.path())
        .args(["fast-import", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    t.git(&["checkout", "-q", "main"]);
    // Long delta chains, as real repositories have.
    t.git(&["repack", "-adfq", "--depth=50", "--window=50"]);
    t
}

#[test]
fn built_history_with_long_delta_chains_reads_the_same_both_ways() {
    let t = evolving_history();
    let doc = assert_same_both_ways(t.path());
    assert_eq!(doc["stats"]["commits"], 420, "{doc}");
    // The fast path was really taken: a pack holds (nearly) everything.
    let packs = std::fs::read_dir(t.join(".git/objects/pack"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pack"))
        .count();
    assert_eq!(packs, 1);
    let pat = github_pat("evolving-main");
    let fp = keyhound::finding::fingerprint("github-pat-classic", pat.as_bytes());
    let at_file_2: Vec<&Value> = findings(&doc)
        .iter()
        .filter(|f| f["fingerprint"] == fp.as_str() && f["path"] == "src/file_2.py")
        .collect();
    assert_eq!(at_file_2.len(), 1, "{doc}");
    // Introduced in commit 50 (the first commit >= 50 that touches file 2),
    // re-introduced in every later version of the file while it stayed.
    assert_eq!(at_file_2[0]["message"], "change 50", "{doc}");
    assert!(
        at_file_2[0]["later_commits"].as_u64().unwrap() > 30,
        "{doc}"
    );
    assert_eq!(at_file_2[0]["in_head"], true, "{doc}");
    let moved = findings(&doc)
        .iter()
        .filter(|f| f["path"] == "conf/moved.env")
        .count();
    assert_eq!(moved, 2, "{doc}");
    assert!(
        findings(&doc).iter().any(
            |f| f["path"] == "src/file_4.py" && f["rule"].as_str().unwrap().contains("private")
        ),
        "{doc}"
    );
}

/// Real repositories fetched for the benchmark (never committed).
fn corpus(name: &str) -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("KEYHOUND_CORPORA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/work/corpora".into());
    let repo = dir.join(format!("{name}.git"));
    if repo.join("HEAD").is_file() {
        Some(repo)
    } else {
        eprintln!(
            "skipped: no {} (fetch github:…/{name} and clone it there; see benches/git.sh)",
            repo.display()
        );
        None
    }
}

/// pallets/flask: 5.5k commits. Its snapshot lacks some historical blobs,
/// so the errors are compared too. Larger corpora (cargo, moby) are
/// compared when named in `KEYHOUND_CORPUS_REPOS` (comma-separated): the
/// reference path takes minutes on them.
#[test]
fn real_repositories_read_the_same_both_ways() {
    let names = std::env::var("KEYHOUND_CORPUS_REPOS").unwrap_or_else(|_| "flask".into());
    for name in names.split(',').filter(|n| !n.is_empty()) {
        let Some(repo) = corpus(name) else { continue };
        let doc = assert_same_both_ways(&repo);
        assert!(doc["stats"]["commits"].as_u64().unwrap() > 1000, "{name}");
    }
}

/// What the last frame of each phase showed on the terminal: (phase, count)
/// from the lines the display leaves when a phase is done.
fn phase_counts(screen: &str) -> Vec<(String, u64)> {
    // Terminal control sequences (`ESC [ digits letter`) out.
    let mut plain = String::new();
    let mut chars = screen.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            while chars.next().is_some_and(|d| d.is_ascii_digit() || d == ';') {}
        } else {
            plain.push(c);
        }
    }
    plain
        .split(['\r', '\n'])
        .filter_map(|l| {
            let l = l.trim_start();
            let (name, rest) = l.split_once(": ")?;
            let rest = rest.strip_suffix(" s").unwrap_or(rest);
            if !rest.contains(", done in ") {
                return None;
            }
            let count: String = rest
                .split(['/', ' '])
                .next()?
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            Some((name.trim().to_string(), count.parse().ok()?))
        })
        .collect()
}

#[test]
fn progress_shows_each_phase_with_totals_that_agree_with_the_stats() {
    let t = evolving_history();
    let args = [
        "scan",
        "--history",
        "--no-config",
        "-f",
        "json",
        "-o",
        "report.json",
    ];
    let Some((status, screen)) = on_a_terminal(t.path(), &args, &[], "") else {
        return;
    };
    assert_eq!(status, 1, "{screen}");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(t.join("report.json")).unwrap()).unwrap();
    let stats = &doc["stats"];
    let phases = phase_counts(&screen);
    let count = |name: &str| {
        phases
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name:?} phase in {phases:?}: {screen:?}"))
            .1
    };
    let commits = stats["commits"].as_u64().unwrap();
    assert_eq!(count("walking commits"), commits, "{screen:?}");
    assert_eq!(count("reading commits"), commits);
    assert_eq!(count("diffing commits"), commits);
    let blobs = ["blobs", "skipped_binary", "skipped_too_large"]
        .iter()
        .map(|k| stats[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(count("scanning blobs"), blobs, "{screen:?}");
    // The pack traversal counts every object of the pack against its total.
    let objects = git_in(t.path(), &["count-objects", "-v"])
        .lines()
        .find_map(|l| l.strip_prefix("in-pack: "))
        .unwrap()
        .trim()
        .parse::<u64>()
        .unwrap();
    assert!(count("scanning blobs") <= objects);
    assert!(
        phases
            .iter()
            .any(|(n, c)| n.starts_with("resolving trees") && *c == objects),
        "{phases:?}"
    );
    // A bar with a total, a percentage and an ETA was drawn.
    assert!(screen.contains("%") && screen.contains("ETA"), "{screen:?}");
    assert!(screen.contains("["), "{screen:?}");

    // Nothing of it on a non-terminal.
    let o = run(t.path(), &args);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        !err.contains("done in") && !err.contains('\r') && !err.contains("ETA"),
        "{err}"
    );
}
