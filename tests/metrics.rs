//! Prometheus metrics through the real binary, checked by the real
//! `promtool` and pushed to a real Pushgateway on 127.0.0.1 (both from
//! `.ci/prereqs-prometheus.sh`); the example alert rules of
//! `docs/alerts.yml` checked and unit-tested by `promtool`.

mod support;

use std::path::Path;

use support::*;

fn sha(s: &str) -> String {
    keyhound::finding::secret_sha256(s.as_bytes())
}

/// The sample lines of `family` (exactly that name) in `text`.
fn samples<'a>(text: &'a str, family: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| {
            l.strip_prefix(family)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .collect()
}

fn assert_promtool_ok(promtool: &Path, text: &str) {
    let (ok, out) = run_promtool(promtool, &["check", "metrics"], text);
    assert!(ok, "promtool check metrics: {out}\n{text}");
}

fn assert_nothing_secret(text: &str, secret: &str, rule: &str) {
    assert!(
        !text.contains(secret),
        "the secret is in the metrics:\n{text}"
    );
    let fp = keyhound::finding::fingerprint(rule, secret.as_bytes());
    let hash = fp.rsplit_once(':').unwrap().1;
    assert!(
        !text.contains(hash),
        "a fingerprint is in the metrics:\n{text}"
    );
    assert!(
        !text.contains(&sha(secret)[..16]),
        "a hash is in the metrics:\n{text}"
    );
}

#[test]
fn scan_metrics_go_to_an_atomic_textfile_that_promtool_accepts() {
    let Some(promtool) = promtool() else {
        return;
    };
    let t = Tree::new();
    let a = github_pat("metrics-a");
    let b = github_pat("metrics-b");
    t.write("repo/a.env", format!("GITHUB_TOKEN={a}\n"));
    t.write("repo/b.env", format!("GITHUB_TOKEN={b}\n"));
    t.write(
        "textfile/other.prom",
        "# an existing collector file stays\n",
    );
    let prom = t.join("textfile/keyhound-scan.prom");
    let o = run(
        t.path(),
        &["scan", "repo", "--metrics", prom.to_str().unwrap()],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let text = std::fs::read_to_string(&prom).unwrap();
    assert_promtool_ok(&promtool, &text);
    let findings = samples(&text, "keyhound_findings");
    assert_eq!(
        findings,
        ["keyhound_findings{rule=\"github-pat-classic\",severity=\"critical\"} 2"],
        "{text}"
    );
    assert_eq!(
        samples(&text, "keyhound_scan_errors"),
        ["keyhound_scan_errors 0"]
    );
    let ts: i64 = samples(&text, "keyhound_scan_timestamp_seconds")[0]
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (jiff::Timestamp::now().as_second() - ts).abs() < 120,
        "{text}"
    );
    assert_nothing_secret(&text, &a, "github-pat-classic");
    assert_nothing_secret(&text, &b, "github-pat-classic");
    // Only the two collector files: no temporary file left beside them.
    let mut names: Vec<String> = std::fs::read_dir(t.join("textfile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["keyhound-scan.prom", "other.prom"]);

    // A clean scan rewrites the file: the findings are gone.
    std::fs::remove_file(t.join("repo/a.env")).unwrap();
    std::fs::remove_file(t.join("repo/b.env")).unwrap();
    let o = run(
        t.path(),
        &["scan", "repo", "--metrics", prom.to_str().unwrap()],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&prom).unwrap();
    assert_promtool_ok(&promtool, &text);
    assert!(samples(&text, "keyhound_findings").is_empty(), "{text}");
}

#[test]
fn a_pushgateway_url_must_be_https_or_loopback_and_is_checked_before_the_scan() {
    let t = Tree::new();
    t.write(
        "repo/a.env",
        format!("GITHUB_TOKEN={}\n", github_pat("metrics-url")),
    );
    let o = run(
        t.path(),
        &[
            "scan",
            "repo",
            "--pushgateway",
            "http://pushgateway.example:9091",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("plain http is allowed only to a loopback"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty(), "no scan ran: {}", stdout(&o));
}

fn webhook_secret() -> String {
    format!("whsec_{}", random_b64("metrics-hook", 24))
}

/// Two inventory keys: `deploy-token`'s webhook answers 200, `ci-token`'s
/// answers 400 (a final failure).
fn rotation_config(t: &Tree, ok: &Server, bad: &Server, keys: &[(&str, &str)]) {
    let mut c = "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nmax_attempts = 1\nsettle_ms = 100\n\n".to_string();
    for (name, secret) in keys {
        c.push_str(&format!(
            "[[rotation.keys]]\nname = \"{name}\"\nsha256 = \"{}\"\n\n",
            sha(secret)
        ));
    }
    for (id, url, key) in [
        ("deploy-hook", ok.url(), "deploy-token"),
        ("ci-hook", bad.url(), "ci-token"),
    ] {
        c.push_str(&format!(
            "[[rotation.targets]]\nid = \"{id}\"\ntype = \"webhook\"\nurl = \"{url}/hook\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\nkeys = [\"{key}\"]\nnotify = false\n\n"
        ));
    }
    t.write(".no-user-config/keyhound/config.toml", c);
}

#[test]
fn rotation_and_scan_metrics_arrive_in_a_real_pushgateway() {
    let (Some(promtool), Some(pgw_bin)) = (promtool(), pushgateway_binary()) else {
        return;
    };
    let pgw = Pushgateway::start(&pgw_bin);
    let t = Tree::new();
    let deploy = github_pat("metrics-deploy");
    let ci = github_pat("metrics-ci");
    t.write("repo/deploy.env", format!("GITHUB_TOKEN={deploy}\n"));
    t.write("repo/ci.env", format!("GITHUB_TOKEN={ci}\n"));
    let ok = Server::scripted(vec![], reply(200, "{}"));
    let bad = Server::scripted(vec![], reply(400, "{\"error\":\"no\"}"));
    rotation_config(
        &t,
        &ok,
        &bad,
        &[
            ("deploy-token", &deploy),
            ("ci-token", &ci),
            ("idle-token", "an-idle-key-never-leaked-1234"),
        ],
    );
    let whsec = webhook_secret();
    let env = [("KH_TEST_WEBHOOK_SECRET", whsec.as_str())];
    let o = run_env(
        t.path(),
        &["scan", "repo", "--rotate", "--pushgateway", &pgw.url],
        &env,
        None,
    );
    assert_eq!(code(&o), 5, "the ci-token rotation failed: {}", stderr(&o));
    assert!(stderr(&o).contains("metrics pushed to"), "{}", stderr(&o));
    assert_eq!(ok.count(), 1);
    assert_eq!(bad.count(), 1);

    // The ledger's metrics, to stdout: what promtool checks.
    let o = run_env(t.path(), &["rotation", "metrics"], &env, None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert_promtool_ok(&promtool, &text);
    for want in [
        "keyhound_rotations_total{target=\"deploy-hook\",outcome=\"done\"} 1",
        "keyhound_rotations_total{target=\"deploy-hook\",outcome=\"unverifiable\"} 1",
        "keyhound_rotations_total{target=\"ci-hook\",outcome=\"failed\"} 1",
        "keyhound_key_state{key=\"deploy-token\",state=\"ok\"} 1",
        "keyhound_key_state{key=\"ci-token\",state=\"rotation_failed\"} 1",
        "keyhound_key_state{key=\"idle-token\",state=\"ok\"} 1",
        "keyhound_keys{state=\"rotation_failed\"} 1",
        "keyhound_keys_leaked_unrotated 1",
        "keyhound_keys_overdue 0",
    ] {
        assert!(
            text.lines().any(|l| l == want),
            "missing {want:?} in\n{text}"
        );
    }
    let last = samples(&text, "keyhound_key_last_rotation_timestamp_seconds");
    assert_eq!(last.len(), 1, "only deploy-token was rotated: {text}");
    assert!(
        last[0].starts_with("keyhound_key_last_rotation_timestamp_seconds{key=\"deploy-token\"} ")
    );
    assert_nothing_secret(&text, &deploy, "github-pat-classic");
    assert_nothing_secret(&text, &ci, "github-pat-classic");

    // Pushed, then scraped back: both groups, with the Pushgateway's labels.
    let o = run_env(
        t.path(),
        &["rotation", "metrics", "--pushgateway", &pgw.url],
        &env,
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "pushed, not printed: {}", stdout(&o));
    let scraped = pgw.scrape();
    let has = |family: &str, labels: &[&str], value: &str| {
        samples(&scraped, family)
            .iter()
            .any(|l| labels.iter().all(|x| l.contains(x)) && l.ends_with(&format!(" {value}")))
    };
    assert!(
        has(
            "keyhound_findings",
            &[
                "job=\"keyhound\"",
                "command=\"scan\"",
                "rule=\"github-pat-classic\"",
                "severity=\"critical\""
            ],
            "2"
        ),
        "{scraped}"
    );
    assert!(
        has(
            "keyhound_rotations_total",
            &[
                "job=\"keyhound\"",
                "command=\"rotation\"",
                "target=\"ci-hook\"",
                "outcome=\"failed\""
            ],
            "1"
        ),
        "{scraped}"
    );
    assert!(
        has(
            "keyhound_keys_leaked_unrotated",
            &["command=\"rotation\""],
            "1"
        ),
        "{scraped}"
    );
    // The Pushgateway took both pushes as valid (it records the time of each).
    assert_eq!(
        samples(&scraped, "push_failure_time_seconds")
            .iter()
            .filter(|l| l.contains("job=\"keyhound\"") && !l.ends_with(" 0"))
            .count(),
        0,
        "{scraped}"
    );
    assert_nothing_secret(&scraped, &deploy, "github-pat-classic");

    // A clean scan's push replaces the scan group: its findings are gone,
    // the rotation group is untouched.
    std::fs::remove_file(t.join("repo/deploy.env")).unwrap();
    std::fs::remove_file(t.join("repo/ci.env")).unwrap();
    let o = run_env(
        t.path(),
        &["scan", "repo", "--pushgateway", &pgw.url],
        &env,
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let scraped = pgw.scrape();
    assert!(
        samples(&scraped, "keyhound_findings").is_empty(),
        "{scraped}"
    );
    assert_eq!(
        samples(&scraped, "keyhound_scan_errors")
            .iter()
            .filter(|l| l.contains("command=\"scan\""))
            .count(),
        1,
        "{scraped}"
    );
    assert!(
        samples(&scraped, "keyhound_rotations_total")
            .iter()
            .any(|l| l.contains("command=\"rotation\"")),
        "{scraped}"
    );

    // The Pushgateway's own checks: a push it rejects is an error.
    let o = run_env(
        t.path(),
        &[
            "rotation",
            "metrics",
            "--pushgateway",
            &format!("{}/metrics/job/", pgw.url),
        ],
        &env,
        None,
    );
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert!(stderr(&o).contains("pushing metrics to"), "{}", stderr(&o));
}

#[test]
fn the_example_alert_rules_pass_promtool_and_their_unit_tests() {
    let Some(promtool) = promtool() else {
        return;
    };
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let (ok, out) = run_promtool(
        &promtool,
        &["check", "rules", docs.join("alerts.yml").to_str().unwrap()],
        "",
    );
    assert!(ok, "{out}");
    assert!(out.contains("SUCCESS: 5 rules found"), "{out}");
    let out = std::process::Command::new(&promtool)
        .args(["test", "rules", "alerts_test.yml"])
        .current_dir(&docs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
