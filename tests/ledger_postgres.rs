//! The shared rotation ledger in a real PostgreSQL on 127.0.0.1: many
//! keyhound processes, each a separate "machine" (its own home, state
//! directory and config), each scanning its own git repository, rotate a
//! key they all found once — the database decides, not a local file.

mod support;

use std::path::PathBuf;
use std::process::{Child, Output, Stdio};
use std::time::Duration;

use support::*;

/// The receiver's Standard Webhooks signing secret (built at run time).
fn webhook_secret() -> String {
    use base64::Engine as _;
    let key: Vec<u8> = (0u8..24)
        .map(|i| i.wrapping_mul(53).wrapping_add(7))
        .collect();
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(key)
    )
}

/// A PostgreSQL with a `keyhound` role and database, and the role's password.
struct Db {
    pg: Postgres,
    password: String,
}

impl Db {
    fn start() -> Option<Db> {
        Some(Db::with(Postgres::start(&postgres_bin()?)))
    }

    /// The role may log in over TLS only (see [`Postgres::start_tls`]).
    fn start_tls() -> Option<Db> {
        Some(Db::with(Postgres::start_tls(&postgres_bin()?)))
    }

    fn with(pg: Postgres) -> Db {
        let password = format!("kh-ledger-{}", std::process::id());
        pg.sql(&format!("CREATE ROLE keyhound LOGIN PASSWORD '{password}'"));
        pg.sql("CREATE DATABASE keyhound OWNER keyhound");
        Db { pg, password }
    }

    fn url(&self) -> String {
        format!("postgres://keyhound@127.0.0.1:{}/keyhound", self.pg.port)
    }

    fn rows(&self, sql: &str) -> String {
        self.pg.query("keyhound", sql)
    }
}

/// One machine: a git repository holding the leaked key, a config that
/// points at the shared ledger, a state directory of its own.
struct Machine {
    tree: Tree,
}

impl Machine {
    fn new(name: &str, secret: &str, config: &str) -> Machine {
        let tree = Tree::new();
        tree.write("repo/README.md", format!("# {name}\n"));
        tree.write(
            "repo/deploy/env.sh",
            format!("export GITHUB_TOKEN={secret}\n"),
        );
        let repo = tree.join("repo");
        git_in(&repo, &["init", "-q", "-b", "main"]);
        git_in(&repo, &["add", "-A"]);
        git_in(
            &repo,
            &["commit", "-q", "--no-verify", "-m", "deploy script"],
        );
        tree.write("keyhound.toml", config);
        Machine { tree }
    }

    fn cmd(&self, db: &Db, password: &str) -> std::process::Command {
        let cfg = self.tree.join("keyhound.toml");
        // The machine's home and state; the history of its repository.
        let mut c = keyhound_process(self.tree.path());
        c.current_dir(self.tree.join("repo"))
            .args(["scan", "--history", "--config"])
            .arg(&cfg)
            .arg("--rotate")
            .env("KH_TEST_WEBHOOK_SECRET", webhook_secret())
            .env("KH_TEST_PG_PASSWORD", password)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let _ = db;
        c
    }

    fn spawn(&self, db: &Db) -> Child {
        self.cmd(db, &db.password).spawn().unwrap()
    }

    fn run(&self, db: &Db) -> Output {
        self.cmd(db, &db.password).output().unwrap()
    }

    fn ledger_file(&self) -> PathBuf {
        self.tree.join(".state/keyhound/rotation-ledger.jsonl")
    }
}

/// The config every machine shares: enforce, the key in the inventory, one
/// webhook target, the ledger in PostgreSQL (its password from the
/// environment).
fn config(ledger_url: &str, hook_url: &str, secret: &str, request_timeout_ms: u64) -> String {
    let sha = keyhound::finding::secret_sha256(secret.as_bytes());
    format!(
        "[rotation]\nmode = \"enforce\"\nledger = \"{ledger_url}\"\nledger_password = \"env:KH_TEST_PG_PASSWORD\"\n\n\
         [rotation.delivery]\nconnect_timeout_ms = 2000\nrequest_timeout_ms = {request_timeout_ms}\nbackoff_base_ms = 50\nbackoff_cap_ms = 200\nmax_attempts = 3\nsettle_ms = 0\n\n\
         [[rotation.keys]]\nname = \"org-deploy-token\"\nsha256 = \"{sha}\"\n\n\
         [[rotation.targets]]\nid = \"security-hook\"\ntype = \"webhook\"\nurl = \"{hook_url}\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\n"
    )
}

fn states(db: &Db) -> Vec<String> {
    db.rows("SELECT state FROM keyhound_ledger WHERE action <> 'notify' ORDER BY seq")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn eight_machines_that_find_one_key_rotate_it_once() {
    let Some(db) = Db::start() else { return };
    let pat = github_pat("org-wide-deploy-token");
    // Slow enough that all eight are running while the first one delivers.
    let rx = Server::scripted(
        vec![reply(200, "{}").after(Duration::from_millis(800))],
        reply(200, "{}"),
    );
    let hook = format!("{}/hooks/keyhound", rx.url());
    let cfg = config(&db.url(), &hook, &pat, 5_000);
    let machines: Vec<Machine> = (0..8)
        .map(|i| Machine::new(&format!("service-{i}"), &pat, &cfg))
        .collect();
    let children: Vec<Child> = machines.iter().map(|m| m.spawn(&db)).collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let all: String = outputs.iter().map(stderr).collect();
    for o in &outputs {
        assert_eq!(code(o), 1, "findings, no rotation failure: {all}");
    }
    let deliveries = rx.requests();
    assert_eq!(
        deliveries.len(),
        1,
        "one delivery for eight machines: {all}"
    );
    assert!(deliveries[0].standard_webhook_ok(&webhook_secret()));
    assert_eq!(all.matches("done        security-hook").count(), 1, "{all}");
    assert_eq!(all.matches("already done at").count(), 7, "{all}");
    assert!(!all.contains(&pat), "a run printed the secret: {all}");
    assert!(!all.contains(&db.password), "a run printed the password");
    // The database holds the one rotation; no machine wrote a file ledger.
    assert_eq!(
        db.rows("SELECT count(*) FROM keyhound_ledger WHERE state = 'done'"),
        "1"
    );
    assert_eq!(
        db.rows("SELECT count(DISTINCT event_id) FROM keyhound_ledger"),
        "1"
    );
    assert_eq!(
        states(&db),
        ["planned", "in_flight", "done", "unverifiable"]
    );
    for m in &machines {
        assert!(!m.ledger_file().exists(), "{}", m.ledger_file().display());
    }
    assert_eq!(db.rows("SELECT max(version) FROM keyhound_schema"), "1");
    // The audit log is in the database too: one `done`, seven `skipped`.
    assert_eq!(
        db.rows("SELECT outcome, count(*) FROM keyhound_audit GROUP BY outcome ORDER BY outcome"),
        "done|1\nskipped|7\nunverifiable|1"
    );
    let audit = db.rows("SELECT coalesce(message, '') FROM keyhound_audit");
    assert!(!audit.contains(&pat), "{audit}");
    // `rotation log` reads it back from the database.
    let cfg_path = machines[3].tree.join("keyhound.toml");
    let o = run_env(
        machines[3].tree.path(),
        &["rotation", "log", "--config", cfg_path.to_str().unwrap()],
        &[("KH_TEST_PG_PASSWORD", &db.password)],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).matches("skipped").count(), 7, "{}", stdout(&o));
    let o = run_env(
        machines[5].tree.path(),
        &[
            "rotation",
            "log",
            "--lifecycle",
            "--config",
            cfg_path.to_str().unwrap(),
        ],
        &[("KH_TEST_PG_PASSWORD", &db.password)],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("planned → in_flight → done → unverifiable"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_machine_killed_mid_delivery_is_resolved_by_the_next_run() {
    let Some(db) = Db::start() else { return };
    let pat = github_pat("org-killed-mid-delivery");
    // The first delivery stalls far past the test; the next is answered.
    let rx = Server::scripted(
        vec![reply(200, "{}").after(Duration::from_secs(120))],
        reply(200, "{}"),
    );
    let hook = format!("{}/hooks/keyhound", rx.url());
    let cfg = config(&db.url(), &hook, &pat, 60_000);
    let first = Machine::new("first", &pat, &cfg);
    let second = Machine::new("second", &pat, &cfg);
    let mut dying = first.spawn(&db);
    wait_for("the first delivery", Duration::from_secs(60), || {
        rx.count() == 1
    });
    dying.kill().unwrap();
    dying.wait().unwrap();
    assert_eq!(states(&db), ["planned", "in_flight"]);
    // The next run — another machine — takes the lock the dead one held
    // and resends the same event (a webhook receiver deduplicates by id).
    let o = second.run(&db);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let d = rx.requests();
    assert_eq!(d.len(), 2, "{}", stderr(&o));
    assert_eq!(d[0].header("webhook-id"), d[1].header("webhook-id"));
    // The same event, with its first time kept; the location is the
    // second machine's own finding (another repository, another commit).
    let (a, b) = (d[0].json(), d[1].json());
    assert_eq!(a["id"], b["id"]);
    assert_eq!(a["timestamp"], b["timestamp"]);
    assert_ne!(a["data"]["location"], b["data"]["location"]);
    assert!(
        stderr(&o).contains("done        security-hook"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        states(&db),
        ["planned", "in_flight", "in_flight", "done", "unverifiable"]
    );
    // A third run finds it done.
    let o = first.run(&db);
    assert!(stderr(&o).contains("already done at"), "{}", stderr(&o));
    assert_eq!(rx.count(), 2);
}

#[test]
fn an_unreachable_ledger_fails_the_rotation_with_exit_5_and_sends_nothing() {
    let Some(db) = Db::start() else { return };
    let pat = github_pat("org-unreachable-ledger");
    let rx = Server::scripted(vec![], reply(200, "{}"));
    let hook = format!("{}/hooks/keyhound", rx.url());
    // Nothing listens on this port.
    let nowhere = format!("postgres://keyhound@127.0.0.1:{}/keyhound", free_port());
    let m = Machine::new("offline", &pat, &config(&nowhere, &hook, &pat, 5_000));
    let o = m.run(&db);
    let err = stderr(&o);
    assert_eq!(code(&o), 5, "{err}");
    assert_eq!(
        err.trim().lines().count(),
        2,
        "a header and one error: {err}"
    );
    let last = err.trim().lines().last().unwrap();
    assert!(
        last.starts_with("keyhound: error: rotation ledger postgres://keyhound@127.0.0.1:"),
        "{err}"
    );
    assert!(last.contains("cannot connect"), "{err}");
    assert!(!err.contains(&db.password), "{err}");
    assert!(!err.contains(&pat), "{err}");
    assert_eq!(rx.count(), 0, "nothing sent");
    assert!(!m.ledger_file().exists());

    // The right server, the wrong password: the same, without echoing it.
    let m = Machine::new(
        "wrong-password",
        &pat,
        &config(&db.url(), &hook, &pat, 5_000),
    );
    let o = m.cmd(&db, "not-the-password-42").output().unwrap();
    let err = stderr(&o);
    assert_eq!(code(&o), 5, "{err}");
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("not-the-password-42"), "{err}");
    assert_eq!(rx.count(), 0, "nothing sent");
}

#[test]
fn a_password_in_the_url_is_refused_and_a_newer_schema_is_not_written() {
    let Some(db) = Db::start() else { return };
    let pat = github_pat("org-ledger-config");
    let rx = Server::scripted(vec![], reply(200, "{}"));
    let hook = format!("{}/hooks/keyhound", rx.url());
    let literal = format!(
        "postgres://keyhound:{}@127.0.0.1:{}/keyhound",
        db.password, db.pg.port
    );
    let m = Machine::new("literal", &pat, &config(&literal, &hook, &pat, 5_000));
    let o = m.run(&db);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("literal credential"), "{err}");
    assert!(!err.contains(&db.password), "{err}");

    // The tables made once, a role that may only read and insert runs.
    let ok = Machine::new("ok", &pat, &config(&db.url(), &hook, &pat, 5_000));
    let o = ok.cmd(&db, &db.password).arg("--dry-run").output().unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let worker_pw = format!("kh-worker-{}", std::process::id());
    db.rows(&format!(
        "CREATE ROLE keyhound_worker LOGIN PASSWORD '{worker_pw}'; \
         GRANT SELECT ON keyhound_schema TO keyhound_worker; \
         GRANT SELECT, INSERT ON keyhound_ledger, keyhound_audit TO keyhound_worker; \
         REVOKE CREATE ON SCHEMA public FROM PUBLIC"
    ));
    let worker_url = db.url().replace("keyhound@", "keyhound_worker@");
    let worker = Machine::new("worker", &pat, &config(&worker_url, &hook, &pat, 5_000));
    let o = worker
        .cmd(&db, &worker_pw)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("would send"), "{}", stderr(&o));
    assert_eq!(
        db.rows("SELECT count(*) FROM keyhound_audit WHERE outcome = 'dry_run'"),
        "2"
    );

    // A database a newer keyhound migrated is left alone.
    db.rows("INSERT INTO keyhound_schema (version) VALUES (99)");
    let o = ok.run(&db);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("schema version 99, newer than this keyhound knows (1)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(rx.count(), 0);
    assert_eq!(db.rows("SELECT count(*) FROM keyhound_ledger"), "0");
}

#[test]
fn the_ledger_connects_over_verified_tls() {
    let Some(db) = Db::start_tls() else { return };
    let pat = github_pat("org-ledger-over-tls");
    let rx = Server::scripted(vec![], reply(200, "{}"));
    let hook = format!("{}/hooks/keyhound", rx.url());
    let url = format!("{}?sslmode=require", db.url());
    // Not trusted: the server's certificate is signed by the test's own CA.
    let untrusting = Machine::new("untrusting", &pat, &config(&url, &hook, &pat, 5_000));
    let o = untrusting.run(&db);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(stderr(&o).contains("certificate"), "{}", stderr(&o));
    assert_eq!(rx.count(), 0);
    // A plain connection is refused by the server for this role.
    let plain = format!("{}?sslmode=disable", db.url());
    let m = Machine::new("plain", &pat, &config(&plain, &hook, &pat, 5_000));
    let o = m.run(&db);
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(stderr(&o).contains("pg_hba.conf"), "{}", stderr(&o));
    // With the CA as `ledger_ca` (and by default `sslmode=prefer`): rotated.
    let ca = format!("ledger_ca = \"{}\"\n", db.pg.tls_ca().display());
    let cfg = config(&db.url(), &hook, &pat, 5_000).replacen(
        "\n\n[rotation.delivery]",
        &format!("\n{ca}\n[rotation.delivery]"),
        1,
    );
    let trusting = Machine::new("trusting", &pat, &cfg);
    let o = trusting.run(&db);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("done        security-hook"),
        "{}",
        stderr(&o)
    );
    assert_eq!(rx.count(), 1);
    assert_eq!(
        db.rows("SELECT count(*) FROM keyhound_ledger WHERE state = 'done'"),
        "1"
    );
}
