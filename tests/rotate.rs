//! Rotation through the real binary against real HTTP servers on
//! 127.0.0.1: a Standard Webhooks receiver that verifies signatures and
//! counts deliveries, and a mock of GitHub's documented credential
//! revocation API. (OpenBao/PostgreSQL and moto: tests/rotate_servers.rs.)

mod support;

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use support::*;

/// The receiver's signing secret, `whsec_` + base64 (built at run time).
fn webhook_secret() -> &'static str {
    static S: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        use base64::Engine as _;
        let key: Vec<u8> = (0u8..24)
            .map(|i| i.wrapping_mul(37).wrapping_add(11))
            .collect();
        format!(
            "whsec_{}",
            base64::engine::general_purpose::STANDARD.encode(key)
        )
    });
    S.as_str()
}

/// The webhook receiver: the recording server and the URL targets post to.
struct Receiver {
    server: Server,
    url: String,
}

impl Receiver {
    /// Answers `script` in order, then 200.
    fn start(script: Vec<Reply>) -> Receiver {
        let server = Server::scripted(script, reply(200, "{}"));
        let url = format!("{}/hooks/keyhound", server.url());
        Receiver { server, url }
    }

    /// Every delivery so far.
    fn all(&self) -> Vec<Request> {
        self.server.requests()
    }
}

/// The Standard Webhooks signature of `d` verifies with the receiver's secret.
fn signed(d: &Request) -> bool {
    d.standard_webhook_ok(webhook_secret())
}

/// A scanned directory `repo/` holding `secrets`, and a user config file
/// outside it.
struct Setup {
    tree: Tree,
}

impl Setup {
    fn new(secrets: &[&str]) -> Setup {
        let tree = Tree::new();
        for (i, s) in secrets.iter().enumerate() {
            tree.write(
                &format!("repo/deploy/env{i}.sh"),
                format!("export GITHUB_TOKEN={s}\n"),
            );
        }
        Setup { tree }
    }

    fn config(&self, text: &str) -> PathBuf {
        let p = self.tree.join("keyhound.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    fn cmd(&self, args: &[&str]) -> std::process::Command {
        let mut c = keyhound_process(self.tree.path());
        c.args(args).env("KH_TEST_WEBHOOK_SECRET", webhook_secret());
        c
    }

    fn scan_rotate(&self, extra: &[&str]) -> Output {
        let cfg = self.tree.join("keyhound.toml");
        let mut args = vec![
            "scan",
            "repo",
            "--config",
            cfg.to_str().unwrap(),
            "--rotate",
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    fn state(&self, name: &str) -> String {
        std::fs::read_to_string(self.tree.join(".state/keyhound").join(name)).unwrap_or_default()
    }
}

fn sha(s: &str) -> String {
    keyhound::finding::secret_sha256(s.as_bytes())
}

fn webhook_config(url: &str, keys: &[(&str, &str)], extra: &str) -> String {
    let mut c = format!(
        "[rotation]\nmode = \"enforce\"\n{extra}\n[rotation.delivery]\nrequest_timeout_ms = 1000\nbackoff_base_ms = 50\nbackoff_cap_ms = 200\nmax_attempts = 3\nsettle_ms = 600\n\n"
    );
    for (name, secret) in keys {
        c.push_str(&format!(
            "[[rotation.keys]]\nname = \"{name}\"\nsha256 = \"{}\"\n\n",
            sha(secret)
        ));
    }
    c.push_str(&format!(
        "[[rotation.targets]]\nid = \"security-hook\"\ntype = \"webhook\"\nurl = \"{url}\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\nhub_signature = true\n"
    ));
    c
}

fn assert_no_secret(what: &str, text: &str, secret: &str) {
    assert!(!text.contains(secret), "{what} contains the secret: {text}");
}

#[test]
fn webhook_success_is_signed_once_and_audited_without_the_secret() {
    let pat = github_pat("rotate-success");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));

    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "findings, rotation done: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("keyhound rotation: enforce (context audit)"),
        "{err}"
    );
    assert!(err.contains("done        security-hook (webhook)"), "{err}");
    assert_no_secret("stderr", &err, &pat);
    assert_no_secret("stdout", &stdout(&o), &pat);

    let d = rx.all();
    assert_eq!(d.len(), 1, "one delivery");
    let d = &d[0];
    assert!(signed(d), "Standard Webhooks signature verifies");
    let id = d.header("webhook-id").unwrap().to_string();
    assert!(id.starts_with("evt_"));
    assert_eq!(d.header("idempotency-key"), Some(id.as_str()));
    assert_eq!(d.header("content-type"), Some("application/json"));
    // GitHub-style signature: HMAC of the body keyed with the secret as written.
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(webhook_secret().as_bytes()).unwrap();
    mac.update(&d.body);
    let hub = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(d.header("x-hub-signature-256"), Some(hub.as_str()));

    assert_no_secret("payload", &String::from_utf8_lossy(&d.body), &pat);
    let p = d.json();
    assert_eq!(p["type"], "keyhound.leak.confirmed");
    assert_eq!(p["id"], id.as_str());
    let data = &p["data"];
    assert_eq!(data["target"], "security-hook");
    assert_eq!(data["mode"], "enforce");
    assert_eq!(data["context"], "audit");
    assert_eq!(data["rule"], "github-pat-classic");
    assert_eq!(data["severity"], "critical");
    assert_eq!(data["confirmed_by"], "inventory:deploy-token");
    assert_eq!(data["verification"], "not_checked");
    assert_eq!(data["secret"]["sha256"], sha(&pat).as_str());
    assert!(data["secret"]["hint"].as_str().unwrap().contains('…'));
    assert!(data["secret"].get("value").is_none());
    assert_eq!(data["location"]["path"], "repo/deploy/env0.sh");
    assert_eq!(data["location"]["line"], 1);
    assert_eq!(
        data["fingerprint"],
        keyhound::finding::fingerprint("github-pat-classic", pat.as_bytes()).as_str()
    );

    let audit = s.state("rotation-audit.jsonl");
    assert_no_secret("audit log", &audit, &pat);
    let records: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let outcomes: Vec<&str> = records
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    // Delivered, then the proof: without --verify nothing can tell.
    assert_eq!(outcomes, ["done", "unverifiable"]);
    let rec = &records[0];
    assert_eq!(rec["event_id"], id.as_str());
    assert_eq!(rec["target"], "security-hook");
    assert_eq!(rec["action"], "webhook-post");
    assert_eq!(rec["mode"], "enforce");
    assert_eq!(rec["context"], "audit");
    assert_eq!(rec["http_status"], 200);
    assert_eq!(rec["attempts"], 1);
    assert!(rec["duration_ms"].is_u64());
    let ledger = s.state("rotation-ledger.jsonl");
    assert_no_secret("ledger", &ledger, &pat);
    let states: Vec<String> = ledger
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["state"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(states, ["planned", "in_flight", "done", "unverifiable"]);

    // A second run rotates nothing: the ledger says done.
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("already done at"), "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1, "no second delivery");

    // `keyhound rotation log` shows both decisions.
    let cfg = s.tree.join("keyhound.toml");
    let o = s.run(&["rotation", "log", "--config", cfg.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let log = stdout(&o);
    assert!(
        log.contains("done") && log.contains("skipped") && log.contains(&id),
        "{log}"
    );
    assert_no_secret("rotation log", &log, &pat);
}

#[test]
fn webhook_500_then_success_is_one_event_with_a_byte_identical_body() {
    let pat = github_pat("rotate-500");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![reply(500, "{}"), reply(503, "{}")]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = rx.all();
    assert_eq!(d.len(), 3, "two 5xx retried, then delivered");
    assert!(d.iter().all(signed));
    assert!(d
        .iter()
        .all(|x| x.header("webhook-id") == d[0].header("webhook-id")));
    assert!(d.iter().all(|x| x.body == d[0].body), "byte-identical body");
    let audit = s.state("rotation-audit.jsonl");
    let done: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["outcome"] == "done")
        .collect();
    assert_eq!(done.len(), 1, "one rotation: {audit}");
    assert_eq!(done[0]["attempts"], 3);
}

#[test]
fn webhook_429_honours_retry_after() {
    let pat = github_pat("rotate-429");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![reply(429, "slow down").header("Retry-After", "1")]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = rx.all();
    assert_eq!(d.len(), 2);
    let gap = d[1].at - d[0].at;
    assert!(
        gap >= Duration::from_millis(950),
        "waited {gap:?}, Retry-After was 1 s"
    );
    assert_eq!(d[0].body, d[1].body);
}

#[test]
fn webhook_timeout_is_retried_with_the_same_event() {
    let pat = github_pat("rotate-timeout");
    let s = Setup::new(&[&pat]);
    // The client's request timeout is 1 s.
    let rx = Receiver::start(vec![reply(200, "{}").after(Duration::from_millis(1800))]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = rx.all();
    assert_eq!(d.len(), 2, "timed out once, then delivered");
    assert_eq!(d[0].header("webhook-id"), d[1].header("webhook-id"));
    assert_eq!(d[0].body, d[1].body);
    assert!(stderr(&o).contains("2 attempts"), "{}", stderr(&o));
}

#[test]
fn webhook_that_always_times_out_fails_the_run_with_exit_5() {
    let pat = github_pat("rotate-timeout-always");
    let s = Setup::new(&[&pat]);
    let slow = reply(200, "{}").after(Duration::from_millis(1300));
    let rx = Receiver::start(vec![slow.clone(), slow.clone(), slow]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("timed out; gave up after 3 attempts"),
        "{}",
        stderr(&o)
    );
    assert_eq!(rx.all().len(), 3, "max_attempts = 3");
}

#[test]
fn webhook_400_is_not_retried_and_fails_with_exit_5() {
    let pat = github_pat("rotate-400");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![reply(400, "{}")]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("failed      security-hook"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("HTTP 400"), "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1, "no retry on 400");
    let audit = s.state("rotation-audit.jsonl");
    let rec: serde_json::Value = serde_json::from_str(audit.lines().last().unwrap()).unwrap();
    assert_eq!(rec["outcome"], "failed");
    assert_eq!(rec["http_status"], 400);
    // A failed rotation is tried again by the next run (it did not happen).
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(rx.all().len(), 2);
}

#[test]
fn two_concurrent_runs_deliver_once() {
    let pat = github_pat("rotate-concurrent");
    let s = Setup::new(&[&pat]);
    // A slow receiver widens the window in which both runs are active.
    let rx = Receiver::start(vec![reply(200, "{}").after(Duration::from_millis(600))]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let cfg = s.tree.join("keyhound.toml");
    let args = [
        "scan",
        "repo",
        "--config",
        cfg.to_str().unwrap(),
        "--rotate",
    ];
    let a = s
        .cmd(&args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let b = s
        .cmd(&args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(code(&a), 1, "{}", stderr(&a));
    assert_eq!(code(&b), 1, "{}", stderr(&b));
    assert_eq!(rx.all().len(), 1, "one delivery for two runs");
    let both = stderr(&a) + &stderr(&b);
    assert_eq!(
        both.matches("done        security-hook").count(),
        1,
        "{both}"
    );
    assert_eq!(both.matches("already done at").count(), 1, "{both}");
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let pat = github_pat("rotate-dry");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    // mode defaults to dry-run.
    let cfg =
        webhook_config(&rx.url, &[("deploy-token", &pat)], "").replace("mode = \"enforce\"\n", "");
    s.config(&cfg);
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("keyhound rotation: dry-run (context audit) — nothing is sent"),
        "{err}"
    );
    assert!(err.contains("would send  security-hook (webhook)"), "{err}");
    assert!(err.contains(&format!("POST {}", rx.url)), "{err}");
    assert!(
        err.contains("webhook-signature: v1,<HMAC-SHA256 keyed with <env:KH_TEST_WEBHOOK_SECRET>>"),
        "{err}"
    );
    assert!(err.contains(&sha(&pat)), "{err}");
    assert_no_secret("dry run", &err, &pat);
    assert!(rx.all().is_empty(), "nothing sent");

    // --dry-run overrides an enforce config.
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&["--dry-run"]);
    assert!(stderr(&o).contains("would send"), "{}", stderr(&o));
    assert!(rx.all().is_empty(), "nothing sent");
    // And KEYHOUND_ROTATE=1 asks for rotation like --rotate does.
    let cfgp = s.tree.join("keyhound.toml");
    let o = s
        .cmd(&["scan", "repo", "--config", cfgp.to_str().unwrap()])
        .env("KEYHOUND_ROTATE", "1")
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("done        security-hook"),
        "{}",
        stderr(&o)
    );
    assert_eq!(rx.all().len(), 1);
}

#[test]
fn unconfirmed_findings_and_disallowed_contexts_do_not_fire() {
    let pat = github_pat("rotate-unconfirmed");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    // Not in the inventory, not verified: not confirmed.
    s.config(&webhook_config(&rx.url, &[], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 finding matched a target but is not confirmed"),
        "{}",
        stderr(&o)
    );
    assert!(rx.all().is_empty());

    // In the inventory, but the target only fires in CI.
    s.config(&webhook_config(
        &rx.url,
        &[("deploy-token", &pat)],
        "contexts = [\"ci\"]",
    ));
    let o = s.scan_rotate(&[]);
    assert!(
        stderr(&o).contains("context audit is not enabled for this target"),
        "{}",
        stderr(&o)
    );
    assert!(rx.all().is_empty());
    // With CI=true it does, and says so in the payload.
    let cfg = s.tree.join("keyhound.toml");
    let o = s
        .cmd(&[
            "scan",
            "repo",
            "--config",
            cfg.to_str().unwrap(),
            "--rotate",
        ])
        .env("CI", "true")
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = rx.all();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].json()["data"]["context"], "ci");
}

#[test]
fn a_blocked_pre_commit_does_not_rotate_by_default() {
    let pat = github_pat("rotate-staged");
    let tree = Tree::new();
    tree.init_repo();
    tree.write("README.md", "hello\n");
    tree.commit_all("init");
    tree.write("deploy.sh", format!("export GITHUB_TOKEN={pat}\n"));
    tree.git(&["add", "deploy.sh"]);
    let rx = Receiver::start(vec![]);
    let cfg = tree.join(".no-user-config/keyhound/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, webhook_config(&rx.url, &[("deploy-token", &pat)], "")).unwrap();
    let o = keyhound(tree.path())
        .args(["scan", "--staged", "--rotate"])
        .env("KH_TEST_WEBHOOK_SECRET", webhook_secret())
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "the commit stays blocked: {}", stderr(&o));
    assert!(
        stderr(&o).contains("context pre-commit is not enabled"),
        "{}",
        stderr(&o)
    );
    assert!(rx.all().is_empty());
}

#[test]
fn max_actions_per_run_refuses_the_rest() {
    let pats: Vec<String> = (0..3)
        .map(|i| github_pat(&format!("rotate-mass-{i}")))
        .collect();
    let refs: Vec<&str> = pats.iter().map(String::as_str).collect();
    let s = Setup::new(&refs);
    let rx = Receiver::start(vec![]);
    let keys: Vec<(String, &str)> = pats
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("k{i}"), p.as_str()))
        .collect();
    let keys: Vec<(&str, &str)> = keys.iter().map(|(n, p)| (n.as_str(), *p)).collect();
    s.config(&webhook_config(&rx.url, &keys, "max_actions_per_run = 1"));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1);
    assert_eq!(
        stderr(&o)
            .matches("refused: max_actions_per_run = 1")
            .count(),
        2,
        "{}",
        stderr(&o)
    );
}

#[test]
fn literal_credentials_in_config_are_a_load_error_that_does_not_echo_them() {
    let pat = github_pat("rotate-literal");
    let s = Setup::new(&[&pat]);
    let cfg = webhook_config("https://hooks.example.com/x", &[], "")
        .replace("env:KH_TEST_WEBHOOK_SECRET", "whsec_bGl0ZXJhbHNlY3JldA=="); // keyhound:allow (test literal)
    s.config(&cfg);
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("a literal credential is not allowed"), "{err}");
    assert!(!err.contains("bGl0ZXJhbHNlY3JldA"), "{err}");
    // And plain http to a non-loopback host is refused.
    s.config(&webhook_config("http://hooks.example.com/x", &[], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("plain http is allowed only to a loopback address"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rotate_without_a_rotation_config_is_a_usage_error() {
    let pat = github_pat("rotate-noconfig");
    let s = Setup::new(&[&pat]);
    let o = s.run(&["scan", "repo", "--rotate"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--rotate needs a [rotation] section"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn add_key_stores_the_hash_only_and_confirms_the_leak() {
    let pat = github_pat("rotate-add-key");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    let cfg = s.config(&webhook_config(&rx.url, &[], ""));
    let mut c = s.cmd(&[
        "rotation",
        "add-key",
        "--name",
        "ci-token",
        "--rule",
        "github-*",
        "--config",
        cfg.to_str().unwrap(),
    ]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{pat}\n").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("added key \"ci-token\""),
        "{}",
        stderr(&o)
    );
    // The live inventory holds a keyed hash: neither the key, nor its
    // sha256, nor its fingerprint hash; the config is left as written.
    let before = std::fs::read_to_string(&cfg).unwrap();
    assert!(!before.contains(&sha(&pat)), "{before}");
    let inv = s.state("inventory.json");
    assert!(inv.contains("\"name\": \"ci-token\""), "{inv}");
    assert!(inv.contains("\"rule\": \"github-*\""), "{inv}");
    assert!(!inv.contains(&sha(&pat)), "{inv}");
    assert!(
        !inv.contains(&keyhound::fingerprint::key_hash(pat.as_bytes())),
        "{inv}"
    );
    assert_no_secret("inventory", &inv, &pat);
    assert_no_secret("add-key output", &(stdout(&o) + &stderr(&o)), &pat);
    use std::os::unix::fs::PermissionsExt;
    for f in ["inventory.json", "inventory.json.key"] {
        let mode = std::fs::metadata(s.tree.join(".state/keyhound").join(f))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{f}");
    }
    let o = s.scan_rotate(&[]);
    assert!(stderr(&o).contains("inventory:ci-token"), "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1);
}

/// Runs `rotation add-key --name NAME` with `key` on stdin.
fn add_key(s: &Setup, name: &str, key: &str) -> Output {
    let mut c = s.cmd(&["rotation", "add-key", "--name", name]);
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(key.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn add_key_again_replaces_the_value_and_a_url_gives_its_password() {
    let old = github_pat("rotate-add-key-old");
    let new = github_pat("rotate-add-key-new");
    let s = Setup::new(&[&old]);
    let rx = Receiver::start(vec![]);
    s.config(&webhook_config(&rx.url, &[], ""));
    let o = add_key(&s, "ci-token", &old);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Once "name is used twice"; now the new value replaces the old one.
    let o = add_key(&s, "ci-token", &new);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("replaced the value of key \"ci-token\""),
        "{}",
        stderr(&o)
    );
    // The repository holds the old value: already rotated, nothing sent.
    let o = s.scan_rotate(&[]);
    let err = stderr(&o);
    assert!(err.contains("already rotated"), "{err}");
    assert!(err.contains("\"ci-token\""), "{err}");
    assert!(!err.contains("inventory:ci-token"), "{err}");
    assert!(rx.all().is_empty());
    // A connection URL piped in whole: its password part is stored, with a note.
    let pw = format!("Pg{}", &sha("url-pw")[..20]);
    let o = add_key(
        &s,
        "orders-db",
        &format!("postgresql://orders_app:{pw}@db.internal:5432/orders\n"),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("password part"), "{}", stderr(&o));
    assert_no_secret("add-key output", &stderr(&o), &pw);
    let t = Tree::new();
    t.write(
        "db.env",
        format!("DATABASE_URL=postgresql://orders_app:{pw}@db.internal:5432/orders\n"),
    );
    let cfg = s.tree.join("keyhound.toml");
    let o = s.run(&[
        "scan",
        t.path().to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(
        stderr(&o).contains("[confirmed by inventory:orders-db]"),
        "{}",
        stderr(&o)
    );
    assert_no_secret("scan output", &(stdout(&o) + &stderr(&o)), &pw);
    // The dry run leaves the leak unrotated: `rotation status` says so and fails.
    let o = s.run(&["rotation", "status"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("LEAKED_UNROTATED"), "{}", stdout(&o));
    assert_no_secret("status", &stdout(&o), &pw);
}

#[test]
fn a_redacted_report_is_confirmed_by_the_live_inventory() {
    let pat = github_pat("rotate-report-inventory");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    let cfg = s.config(&webhook_config(&rx.url, &[], ""));
    let o = add_key(&s, "deploy-token", &pat);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report = s.tree.join("report.json");
    let o = s.run(&["scan", "repo", "-f", "json", "-o", report.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let text = std::fs::read_to_string(&report).unwrap();
    assert_no_secret("report", &text, &pat);
    // The report carries the fingerprint only; the keyed hash is built on it.
    let o = s.run(&[
        "rotate",
        "--report",
        report.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("[confirmed by inventory:deploy-token;"),
        "{}",
        stdout(&o)
    );
    assert_eq!(rx.all().len(), 1);
}

#[test]
fn rotate_from_a_reviewed_report() {
    let pat = github_pat("rotate-report");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    let cfg = s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let report = s.tree.join("report.json");
    // A redacted report: the key is identified by its fingerprint.
    let o = s.run(&[
        "scan",
        "repo",
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(rx.all().is_empty(), "a scan without --rotate sends nothing");
    let o = s.run(&[
        "rotate",
        "--report",
        report.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("would send"), "{}", stdout(&o));
    assert!(rx.all().is_empty());
    let o = s.run(&[
        "rotate",
        "--report",
        report.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("done        security-hook"),
        "{}",
        stdout(&o)
    );
    let d = rx.all();
    assert_eq!(d.len(), 1);
    assert!(signed(&d[0]));
    // The same event id as a scan --rotate would use: a later scan skips it.
    let o = s.scan_rotate(&[]);
    assert!(stderr(&o).contains("already done at"), "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1);
}

// ---------------------------------------------------------------------------
// GitHub credential revocation, against a local mock of the documented API.

/// GitHub's `POST /credentials/revoke` as documented: 403 if
/// authenticated, 422 if the body is not `{"credentials": [1..=1000
/// strings]}`, else 202; 404 for any other request. Every answer carries an
/// `X-GitHub-Request-Id`.
fn github_revoke_api() -> Server {
    Server::start(|r| {
        let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
        let valid = json["credentials"]
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.len() <= 1000 && a.iter().all(|c| c.is_string()));
        let status = if r.method != "POST" || r.target != "/credentials/revoke" {
            404
        } else if r.header("authorization").is_some() {
            403
        } else if !valid {
            422
        } else {
            202
        };
        reply(status, "{}").header("X-GitHub-Request-Id", "ABCD:1234")
    })
}

fn github_config(base: &str, keys: &[(&str, &str)]) -> String {
    let mut c = "[rotation]\nmode = \"enforce\"\n\n".to_string();
    for (name, secret) in keys {
        c.push_str(&format!(
            "[[rotation.keys]]\nname = \"{name}\"\nsha256 = \"{}\"\n\n",
            sha(secret)
        ));
    }
    c.push_str(&format!(
        "[[rotation.targets]]\nid = \"github\"\ntype = \"github-revoke\"\nrules = [\"github-*\"]\nbase_url = \"{base}\"\n"
    ));
    c
}

#[test]
fn github_revocation_batches_tokens_in_one_documented_request() {
    let a = github_pat("rotate-gh-a");
    let b = github_pat("rotate-gh-b");
    let s = Setup::new(&[&a, &b]);
    let gh = github_revoke_api();
    s.config(&github_config(&gh.url(), &[("a", &a), ("b", &b)]));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.matches("done        github (github-revoke)").count(),
        2,
        "{err}"
    );
    assert!(err.contains("request id ABCD:1234"), "{err}");
    assert!(err.contains("2 tokens in the request"), "{err}");
    assert_no_secret("stderr", &err, &a);
    assert_no_secret("stderr", &err, &b);
    let reqs = gh.requests();
    assert_eq!(reqs.len(), 1, "one batched request");
    let body = reqs[0].json();
    let h = |n: &str| reqs[0].header(n);
    assert_eq!(h("accept"), Some("application/vnd.github+json"));
    assert_eq!(h("x-github-api-version"), Some("2022-11-28"));
    assert_eq!(h("authorization"), None, "the API is unauthenticated");
    let mut sent: Vec<&str> = body["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    sent.sort();
    let mut want = vec![a.as_str(), b.as_str()];
    want.sort();
    assert_eq!(sent, want);
    let audit = s.state("rotation-audit.jsonl");
    assert_no_secret("audit", &audit, &a);
    assert_no_secret("audit", &audit, &b);
    assert_eq!(audit.matches("\"http_status\":202").count(), 2, "{audit}");
    assert_eq!(
        audit
            .matches("\"provider_request_id\":\"ABCD:1234\"")
            .count(),
        2
    );
}

#[test]
fn github_revocation_needs_the_token_so_a_redacted_report_fails_cleanly() {
    let pat = github_pat("rotate-gh-redacted");
    let s = Setup::new(&[&pat]);
    let gh = github_revoke_api();
    let cfg = s.config(&github_config(&gh.url(), &[("t", &pat)]));
    let report = s.tree.join("report.json");
    s.run(&[
        "scan",
        "repo",
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]);
    let o = s.run(&[
        "rotate",
        "--report",
        report.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 5, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("re-scan with --no-redact"),
        "{}",
        stdout(&o)
    );
    assert_eq!(gh.count(), 0);
    // With the secret in the report, it goes through.
    s.run(&[
        "scan",
        "repo",
        "--format",
        "json",
        "--no-redact",
        "-o",
        report.to_str().unwrap(),
    ]);
    let o = s.run(&[
        "rotate",
        "--report",
        report.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(gh.count(), 1);
    assert_no_secret("stdout", &stdout(&o), &pat);
}

#[test]
fn a_key_verified_live_is_confirmed_without_the_inventory() {
    let live = github_pat("rotate-live");
    let dead = github_pat("rotate-dead");
    let s = Setup::new(&[&live, &dead]);
    let api = github_user_api(&live);
    let endpoint = format!("github={}", api.url());
    let rx = Receiver::start(vec![]);
    let cfg = s.config(&webhook_config(&rx.url, &[], ""));
    let o = s.run(&[
        "scan",
        "repo",
        "--config",
        cfg.to_str().unwrap(),
        "--verify",
        "--endpoint",
        &endpoint,
        "--rotate",
    ]);
    drop(api);
    // The receiver answered 200 and changed nothing: the key still works
    // at GitHub after the rotation, which is a failure (exit 5) and an
    // alert, not a done.
    assert_eq!(code(&o), 5, "a live finding: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("[confirmed by verification:live"), "{err}");
    assert!(err.contains("STILL LIVE  security-hook"), "{err}");
    assert!(
        err.contains("1 finding matched a target but is not confirmed"),
        "the dead one: {err}"
    );
    let d = rx.all();
    assert_eq!(d.len(), 2, "only the live key fires, then the alert");
    let data = d[0].json()["data"].clone();
    assert_eq!(data["verification"], "live");
    assert_eq!(data["confirmed_by"], "verification:live");
    assert_eq!(data["secret"]["sha256"], sha(&live).as_str());
    assert!(signed(&d[1]));
    assert_eq!(d[1].json()["type"], "keyhound.rotation.still_live");
    assert_eq!(d[1].json()["data"]["rotation_event_id"], d[0].json()["id"]);
    let ledger = s.state("rotation-ledger.jsonl");
    assert!(ledger.contains("\"state\":\"still_live\""), "{ledger}");
}

/// GitHub's `GET /user`, live for `token` until the webhook receiver got
/// the leak event (the team's job revoked it); the receiver itself.
fn revoking_receiver(token: &str) -> (Server, Server) {
    let revoked = Arc::new(AtomicBool::new(false));
    let flag = revoked.clone();
    let token = token.to_string();
    let api = Server::start(move |r| {
        if r.bearer().as_deref() == Some(token.as_str()) && !flag.load(Ordering::SeqCst) {
            reply(200, r#"{"login":"octocat","id":1}"#)
        } else {
            reply(401, r#"{"message":"Bad credentials"}"#)
        }
    });
    let rx = Server::start(move |r| {
        if r.json()["type"] == "keyhound.leak.confirmed" {
            revoked.store(true, Ordering::SeqCst);
        }
        reply(200, "{}")
    });
    (api, rx)
}

#[test]
fn a_rotation_whose_key_stops_working_is_verified_and_passes_with_fail_on_unrotated() {
    let live = github_pat("rotate-verified");
    let s = Setup::new(&[&live]);
    let (api, rx) = revoking_receiver(&live);
    let endpoint = format!("github={}", api.url());
    let cfg = s.config(&webhook_config(
        &format!("{}/hook", rx.url()),
        &[("deploy-token", &live)],
        "",
    ));
    let args = [
        "scan",
        "repo",
        "--config",
        cfg.to_str().unwrap(),
        "--verify",
        "--endpoint",
        &endpoint,
        "--rotate",
        "--fail-on-unrotated",
        "-f",
        "sarif",
    ];
    let o = s.run(&args);
    let err = stderr(&o);
    // The finding was verified live, but its rotation proved it dead.
    assert_eq!(code(&o), 0, "{err}");
    assert!(err.contains("verified    security-hook"), "{err}");
    let types: Vec<String> = rx
        .requests()
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        types,
        ["keyhound.leak.confirmed", "keyhound.rotation.verified"]
    );
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rot = &sarif["runs"][0]["results"][0]["properties"]["rotation"];
    assert_eq!(rot["state"], "verified", "{sarif}");
    assert_eq!(rot["targets"][0]["target"], "security-hook");
    // The next run finds the key dead and the ledger's rotation verified;
    // the text report shows it under the finding, and without the flag
    // the finding still fails the run (the commit still holds it).
    let o = s.run(&args[..8]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("rotation    verified"),
        "{}",
        stdout(&o)
    );
    assert_eq!(rx.count(), 2, "nothing sent twice");
}

#[test]
fn state_files_are_private_and_a_whsec_secret_that_is_not_base64_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let pat = github_pat("rotate-modes");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let dir = s.tree.join(".state/keyhound");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("rotation-ledger.jsonl")), 0o600);
    assert_eq!(mode(&dir.join("rotation-audit.jsonl")), 0o600);

    // `whsec_` then something that is not base64: a load error, nothing sent.
    let o = s
        .cmd(&[
            "scan",
            "repo",
            "--config",
            s.tree.join("keyhound.toml").to_str().unwrap(),
            "--rotate",
        ])
        .env("KH_TEST_WEBHOOK_SECRET", ["whsec_", "not*base64!"].concat())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("not base64"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("not*base64"), "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1);

    // `rotation log | head -1` ends quietly.
    let mut c = s.cmd(&[
        "rotation",
        "log",
        "--config",
        s.tree.join("keyhound.toml").to_str().unwrap(),
    ]);
    let audit = s.tree.join(".state/keyhound/rotation-audit.jsonl");
    let line = std::fs::read_to_string(&audit).unwrap();
    std::fs::write(&audit, line.repeat(4000)).unwrap();
    let mut child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("Broken pipe"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_human_can_resolve_an_event_in_the_ledger() {
    let pat = github_pat("rotate-resolve");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![reply(400, "{}")]);
    let cfg = s.config(&webhook_config(&rx.url, &[("deploy-token", &pat)], ""));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    let id = rx.all()[0].header("webhook-id").unwrap().to_string();
    // Rotated by hand after the failure: tell keyhound.
    let o = s.run(&[
        "rotation",
        "resolve",
        &id,
        "--done",
        "--note",
        "rotated by hand",
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("marked done"), "{}", stderr(&o));
    let o = s.scan_rotate(&[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("already done at"), "{}", stderr(&o));
    assert_eq!(rx.all().len(), 1, "not sent again");
    let ledger = s.state("rotation-ledger.jsonl");
    assert!(
        ledger.contains("resolved by hand: rotated by hand"),
        "{ledger}"
    );
    // An unknown event id is a usage error.
    let o = s.run(&[
        "rotation",
        "resolve",
        "evt_nope",
        "--failed",
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// Runs keyhound on a pseudo-terminal, typing `answer`; what it showed.
fn on_a_terminal_in(s: &Setup, args: &[&str], answer: &str) -> Option<String> {
    let env = [("KH_TEST_WEBHOOK_SECRET", webhook_secret())];
    on_a_terminal(s.tree.path(), args, &env, answer).map(|(_, shown)| shown)
}

#[test]
fn accept_unknown_asks_a_human_on_a_terminal() {
    let pat = github_pat("rotate-human");
    let s = Setup::new(&[&pat]);
    let rx = Receiver::start(vec![]);
    let cfg = webhook_config(&rx.url, &[], "").replace(
        "hub_signature = true\n",
        "hub_signature = true\naccept_unknown = true\n",
    );
    let cfgp = s.config(&cfg);
    let args = [
        "scan",
        "repo",
        "--config",
        cfgp.to_str().unwrap(),
        "--rotate",
    ];
    // Without a terminal nobody can say yes: nothing is sent.
    let o = s.run(&args);
    assert!(
        stderr(&o).contains("accept_unknown needs a human's yes on a terminal"),
        "{}",
        stderr(&o)
    );
    assert!(rx.all().is_empty());
    // On a terminal, "n" sends nothing and "y" sends it.
    let Some(out) = on_a_terminal_in(&s, &args, "n\n") else {
        return;
    };
    assert!(
        out.contains("It is neither verified live nor in your inventory. [y/N]"),
        "{out}"
    );
    assert!(rx.all().is_empty(), "{out}");
    let out = on_a_terminal_in(&s, &args, "y\n").unwrap();
    assert!(out.contains("[confirmed by human;"), "{out}");
    let d = rx.all();
    assert_eq!(d.len(), 1, "{out}");
    assert_eq!(d[0].json()["data"]["confirmed_by"], "human");
}
