//! Nothing prints a secret unless `--no-redact` (README.md "Output
//! formats", "Fingerprint"). One table of places a secret can hide —
//! several secrets on one line, a commit message, a file name, a provider
//! answer that echoes the token, a rotation target's error body — run
//! through every output format of directory, staged and history scans,
//! `keyhound verify`, a rotation (its stderr, ledger and audit log) and a
//! mistyped command line; no output may hold any planted secret, nor its
//! base64, base64url or hex forms, nor a fast hash of the guessable one.
//! With `--no-redact` the secrets do appear, so the scan really sees them.

mod support;

use std::path::Path;
use std::process::Output;

use base64::Engine as _;
use support::*;

/// The planted secrets, built at run time (this file holds none).
struct Secrets {
    ghp: String,
    /// A second GitHub token, only ever in a commit message.
    ghp_message: String,
    akid: String,
    slack: String,
    pem: String,
    /// A guessable password, in a postgres URL.
    password: String,
}

impl Secrets {
    fn new() -> Self {
        let digits = |seed: u64, n: usize| -> String {
            let mut s = seed;
            (0..n)
                .map(|_| {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from(b'0' + ((s >> 33) % 10) as u8)
                })
                .collect()
        };
        let alnum: String = random_b64("slack-body", 60)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(24)
            .collect();
        let body: Vec<String> = (0..4)
            .map(|i| random_b64(&format!("pem-line-{i}"), 64))
            .collect();
        Secrets {
            ghp: github_pat("redaction-shared-line"),
            ghp_message: github_pat("redaction-commit-message"),
            akid: aws_key_id("redaction"),
            slack: format!("{}-{}-{}-{alnum}", "xoxb", digits(7, 12), digits(11, 13)),
            pem: format!(
                "-----BEGIN {k}-----\n{}\n-----END {k}-----",
                body.join("\n"),
                k = "RSA PRIVATE KEY"
            ),
            password: format!("{}{}", "Winter", "2023pw"),
        }
    }

    fn all(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("github token", &self.ghp),
            ("github token in a message", &self.ghp_message),
            ("aws key id", &self.akid),
            ("slack token", &self.slack),
            ("pem key", &self.pem),
            ("password", &self.password),
        ]
    }

    /// Every string that must never be printed: each secret (each line of
    /// the PEM), its encodings, and fast hashes of the guessable one.
    fn forbidden(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (what, s) in self.all() {
            let b64 = base64::engine::general_purpose::STANDARD.encode(s);
            let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
            let hex = hex::encode(s);
            for (form, v) in [
                ("plain", s.to_string()),
                ("base64", b64.trim_end_matches('=').to_string()),
                ("base64url", url),
                ("hex", hex.clone()),
                ("HEX", hex.to_uppercase()),
            ] {
                out.push((format!("{what} ({form})"), v));
            }
            for (i, line) in s
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.starts_with("-----"))
            {
                out.push((format!("{what} line {i}"), line.to_string()));
            }
        }
        // The guessable password: no unsalted sha256 (the fingerprint of
        // earlier releases, the webhook's `sha256`) may be printed.
        let sha = keyhound::fingerprint::secret_sha256(self.password.as_bytes());
        out.push(("sha256(password)[..16]".into(), sha[..16].to_string()));
        out.push(("sha256(password)".into(), sha));
        out
    }

    /// The shared-line file: every secret on the same few lines.
    fn env_file(&self) -> String {
        format!(
            "AWS_ACCESS_KEY_ID={} GITHUB_TOKEN={} SLACK_BOT_TOKEN={}\n\
             DATABASE_URL=postgres://app:{}@db.internal:5432/app backup={}\n",
            self.akid, self.ghp, self.slack, self.password, self.ghp
        )
    }
}

/// Collects, per case, the forbidden strings found in its output, so one
/// run reports every leaking case at once.
struct Leaks<'f> {
    forbidden: &'f [(String, String)],
    found: Vec<String>,
}

impl<'f> Leaks<'f> {
    fn new(forbidden: &'f [(String, String)]) -> Self {
        Leaks {
            forbidden,
            found: Vec::new(),
        }
    }

    fn check(&mut self, case: &str, text: &str) {
        let leaks: Vec<&str> = self
            .forbidden
            .iter()
            .filter(|(_, v)| text.contains(v.as_str()))
            .map(|(what, _)| what.as_str())
            .collect();
        if !leaks.is_empty() {
            self.found
                .push(format!("{case}: leaks {leaks:?} in:\n{text}"));
        }
    }

    fn assert_none(&self) {
        let cases: Vec<&str> = self
            .found
            .iter()
            .map(|f| f.split(':').next().unwrap_or(""))
            .collect();
        assert!(
            self.found.is_empty(),
            "{} cases leak: {cases:?}\n\n{}",
            self.found.len(),
            self.found.join("\n\n")
        );
    }
}

/// Fails naming every forbidden string found in `text`.
fn assert_clean(case: &str, text: &str, forbidden: &[(String, String)]) {
    let mut l = Leaks::new(forbidden);
    l.check(case, text);
    l.assert_none();
}

fn both(o: &Output) -> String {
    format!("--- stdout\n{}\n--- stderr\n{}", stdout(o), stderr(o))
}

/// A provider stand-in on 127.0.0.1 that echoes what it is sent: GitHub's
/// `GET /user` answers live with the bearer token (plain and base64) as
/// the login; anything else (a rotation webhook) fails with a body that
/// echoes every planted secret.
struct Echo {
    _server: Server,
    url: String,
}

impl Echo {
    fn start(secrets: &Secrets) -> Echo {
        // Every secret the directory scan finds (the message-only token is
        // not one of them: nothing can know it for a secret there).
        let echo_all: String = secrets
            .all()
            .iter()
            .filter(|(what, _)| !what.contains("message"))
            .map(|(_, s)| {
                format!(
                    "{s} {} ",
                    base64::engine::general_purpose::STANDARD.encode(s)
                )
            })
            .collect();
        let server = Server::start(move |req| {
            if req.target == "/user" {
                let bearer = req.bearer().unwrap_or_default();
                let b64 = base64::engine::general_purpose::STANDARD.encode(&bearer);
                let hexed = hex::encode(&bearer);
                let doc = serde_json::json!({ "login": format!("octocat {bearer} {b64} {hexed}") });
                reply(200, &doc.to_string())
            } else {
                reply(500, &format!("rejected: {echo_all}"))
            }
        });
        let url = server.url();
        Echo {
            _server: server,
            url,
        }
    }
}

/// The repository every scan reads: the shared-line `.env`, a PEM key, a
/// file whose name is a secret, and commits whose messages hold secrets.
fn plant(t: &Tree, s: &Secrets) {
    t.init_repo();
    t.write("README.md", "demo\n");
    t.commit_all("initial");
    t.write(".env", s.env_file());
    t.write("keys/deploy.pem", format!("{}\n", s.pem));
    t.write(
        &format!("tokens/{}.txt", s.slack),
        format!("token: {}\n", s.slack),
    );
    t.commit_all(&format!("rotate token {} for deploy", s.ghp_message));
    t.write("notes.txt", "see the deploy docs\n");
    t.commit_all(&format!(
        "db is postgres://app:{}@db.internal/app",
        s.password
    ));
    // Staged on top: the same shared line again, in a new file.
    t.write("staged.env", s.env_file());
    t.git(&["add", "staged.env"]);
}

const FORMATS: [&str; 6] = ["text", "json", "jsonl", "sarif", "csv", "junit"];

/// The scans of the table: a directory walk, the staged changes, the history.
fn scans() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("directory", vec!["."]),
        ("staged", vec!["--staged"]),
        ("history", vec!["--history"]),
    ]
}

#[test]
fn no_output_of_any_kind_holds_a_secret() {
    let s = Secrets::new();
    let forbidden = s.forbidden();
    let t = Tree::new();
    plant(&t, &s);
    let echo = Echo::start(&s);
    let mut leaks = Leaks::new(&forbidden);

    // Reports: every format of every scan, with suppressed findings listed
    // too and a file that fails to read.
    for (scan, args) in scans() {
        for format in FORMATS {
            let mut all = vec!["scan", "--format", format, "--show-suppressed"];
            all.extend(&args);
            let o = run(t.path(), &all);
            assert_eq!(code(&o), 1, "{scan} {format}: {}", both(&o));
            leaks.check(&format!("{scan} --format {format}"), &both(&o));
            if format == "sarif" {
                validate_sarif(&stdout(&o));
            }
        }
    }

    // A provider answer that echoes the token (plain, base64, hex), in the
    // text and JSON reports and `keyhound verify`.
    let ep = format!("github={}", echo.url);
    for format in ["text", "json"] {
        let o = run(
            t.path(),
            &[
                "scan",
                "--format",
                format,
                "--verify",
                "--endpoint",
                &ep,
                ".env",
            ],
        );
        assert_eq!(code(&o), 4, "verify {format}: {}", both(&o));
        assert!(stdout(&o).contains("octocat"), "{}", both(&o));
        leaks.check(&format!("scan --verify --format {format}"), &both(&o));
    }
    for format in ["text", "json"] {
        let o = keyhound(t.path())
            .args([
                "verify",
                "--rule",
                "github-pat-classic",
                "--format",
                format,
                "--endpoint",
                &ep,
            ])
            .write_stdin(format!("{}\n", s.ghp))
            .output()
            .unwrap();
        assert_eq!(code(&o), 4, "keyhound verify {format}: {}", both(&o));
        leaks.check(&format!("keyhound verify --format {format}"), &both(&o));
    }

    // A rotation whose target answers with every secret in its error body:
    // stderr, the ledger and the audit log.
    let keys: String = s
        .all()
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            format!(
                "[[rotation.keys]]\nname = \"k{i}\"\nsha256 = \"{}\"\n\n",
                keyhound::fingerprint::secret_sha256(v.as_bytes())
            )
        })
        .collect();
    t.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n\n[rotation.delivery]\nrequest_timeout_ms = 1000\n\
             backoff_base_ms = 10\nbackoff_cap_ms = 20\nmax_attempts = 1\n\n{keys}\
             [[rotation.targets]]\nid = \"hook\"\ntype = \"webhook\"\nurl = \"{}/hook\"\n\
             secret = \"env:KH_TEST_WEBHOOK_SECRET\"\nmin_severity = \"low\"\n",
            echo.url
        ),
    );
    let o = keyhound(t.path())
        .args(["scan", "--format", "json", "--rotate", "."])
        .env(
            "KH_TEST_WEBHOOK_SECRET",
            format!("whsec_{}", random_b64("whsec", 32)),
        )
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(err.contains("hook"), "the rotation ran: {}", both(&o));
    leaks.check("scan --rotate", &both(&o));
    let state = t.join(".state/keyhound");
    let ledger = std::fs::read_to_string(state.join("rotation-ledger.jsonl")).unwrap();
    let audit = std::fs::read_to_string(state.join("rotation-audit.jsonl")).unwrap();
    assert!(
        audit.contains("rejected"),
        "the echo reached the audit log: {audit}"
    );
    leaks.check("rotation ledger", &ledger);
    leaks.check("rotation audit log", &audit);
    std::fs::remove_file(t.join(".no-user-config/keyhound/config.toml")).unwrap();

    // A secret typed on the command line by mistake is not echoed.
    let o = run(
        t.path(),
        &["verify", "--rule", "github-pat-classic", &s.ghp],
    );
    assert_eq!(code(&o), 2, "{}", both(&o));
    assert!(stderr(&o).contains("unexpected argument"), "{}", both(&o));
    leaks.check("argv", &both(&o));

    // Config errors: a secret typed into the wrong key, and a broken
    // allowlist regex that spells one out (tests/trust.rs has the rest).
    for (what, text) in [
        (
            "config error: wrong type",
            format!("[scan]\nthreads = \"{}\"\n", s.ghp),
        ),
        (
            "config error: regex",
            format!("[allowlist]\nregexes = ['''^{}(''']\n", s.slack),
        ),
    ] {
        t.write(".keyhound.toml", &text);
        let o = run(t.path(), &["scan", "--format", "json", "."]);
        assert_eq!(code(&o), 2, "{what}: {}", both(&o));
        leaks.check(what, &both(&o));
    }
    std::fs::remove_file(t.join(".keyhound.toml")).unwrap();

    leaks.assert_none();

    // The control: without redaction the same scans show the secrets.
    for (scan, args) in scans() {
        let mut all = vec!["scan", "--format", "json", "--no-redact"];
        all.extend(&args);
        let text = both(&run(t.path(), &all));
        for (what, v) in s.all() {
            let expected = match (scan, what) {
                // Everything is somewhere in the history; the message-only
                // token nowhere else; the index adds only the shared line.
                ("history", _) => true,
                (_, "github token in a message") => false,
                ("staged", "pem key") => false,
                _ => true,
            };
            let first_line = v.lines().next().unwrap();
            let shown = text.contains(v) || (what == "pem key" && text.contains(first_line));
            assert_eq!(shown, expected, "{scan} --no-redact shows {what}: {text}");
        }
    }
}

#[test]
fn text_output_escapes_control_characters_from_contents_and_names() {
    let s = Secrets::new();
    let t = Tree::new();
    let name = "evil\x1b]0;pwned\x07\nname.env";
    t.write(
        name,
        format!("\x1b[2J\x1b[31mGITHUB_TOKEN={}\u{9b}0m\n", s.ghp),
    );
    let o = run(t.path(), &["scan", "--format", "text", "."]);
    assert_eq!(code(&o), 1, "{}", both(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\x1b') && !out.contains('\x07') && !out.contains('\u{9b}'),
        "{out:?}"
    );
    let location = out
        .lines()
        .find(|l| l.trim_start().starts_with("location"))
        .expect("a location line");
    assert!(
        location.contains("evil\\x1b]0;pwned\\x07\\nname.env:1:"),
        "one location line, escaped: {location:?}"
    );
    assert_clean("control characters", &out, &s.forbidden());
}

/// A scan of one file, for the fingerprint checks.
fn scan_one(dir: &Path, text: &str) -> serde_json::Value {
    std::fs::write(dir.join("db.env"), text).unwrap();
    let (_, doc) = scan_json(dir, &["db.env"]);
    doc
}

#[test]
fn fingerprints_of_guessable_secrets_are_slow_and_stable() {
    let s = Secrets::new();
    let t = Tree::new();
    let doc = scan_one(
        t.path(),
        &format!(
            "DATABASE_URL=postgres://app:{}@db.internal:5432/app\n",
            s.password
        ),
    );
    let f = &findings(&doc)[0];
    // Fixed across machines: the same value src/fingerprint.rs pins.
    assert_eq!(
        f["fingerprint"],
        format!(
            "{}:{}",
            f["rule"].as_str().unwrap(),
            keyhound::fingerprint::key_hash(s.password.as_bytes())
        )
    );
    let sha = keyhound::fingerprint::secret_sha256(s.password.as_bytes());
    assert!(!f["fingerprint"].as_str().unwrap().contains(&sha[..16]));
    // A token keeps its earlier fingerprint (baselines and SARIF alerts).
    let doc = scan_one(t.path(), &format!("GITHUB_TOKEN={}\n", s.ghp));
    let sha = keyhound::fingerprint::secret_sha256(s.ghp.as_bytes());
    assert_eq!(
        findings(&doc)[0]["fingerprint"],
        format!("github-pat-classic:{}", &sha[..16])
    );
}

/// The slow hash costs ~15 ms per distinct guessable secret, so a scan
/// gives it to a budget of them (in report order) and a location
/// fingerprint to the rest (src/fingerprint.rs `settle`): stable across
/// runs, nothing of the secret in it, a warning that says so, and a
/// baseline written past the budget still matches.
#[test]
fn fingerprint_budget_bounds_the_slow_hash_and_stays_stable() {
    let t = Tree::new();
    // Guessable passwords built for the test: a word, digits, a suffix.
    let pw: Vec<String> = ["Harbor", "Lantern", "Meadow"]
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{w}{}{}x", 4711 + i, "pw"))
        .collect();
    for p in &pw {
        assert!(keyhound::fingerprint::is_low_entropy(p.as_bytes()), "{p}");
    }
    let text: String = pw
        .iter()
        .chain(std::iter::once(&pw[0]))
        .enumerate()
        .map(|(i, p)| format!("DB_{i}=postgres://app:{p}@db{i}.internal:5432/app\n"))
        .collect();
    t.write("db.env", &text);
    let fps = |args: &[&str]| -> (Vec<String>, String) {
        let mut all = vec!["scan", "--format", "json", "db.env"];
        all.extend_from_slice(args);
        let o = run(t.path(), &all);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let fps = findings(&doc)
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        (fps, stderr(&o))
    };
    let slow = |p: &str| keyhound::fingerprint::key_hash(p.as_bytes());
    let (full, err) = fps(&[]);
    assert_eq!(full.len(), 4, "{full:?}");
    assert!(!err.contains("fingerprint-budget"), "{err}");
    for (fp, p) in full.iter().zip(pw.iter().chain(std::iter::once(&pw[0]))) {
        assert!(
            fp.ends_with(&slow(p)),
            "{fp} is the slow hash of its secret"
        );
    }
    let (capped, err) = fps(&["--fingerprint-budget", "2"]);
    assert!(
        err.contains("1 guessable secret(s) past the first 2"),
        "{err}"
    );
    // The first two distinct secrets (and the repeat of the first) keep
    // their fingerprints; the third names its location, not its value.
    assert_eq!(capped[0], full[0]);
    assert_eq!(capped[1], full[1]);
    assert_eq!(capped[3], full[3]);
    assert_ne!(capped[2], full[2]);
    let sha = keyhound::fingerprint::secret_sha256(pw[2].as_bytes());
    assert!(!capped[2].contains(&sha[..16]));
    assert!(!capped.iter().any(|f| f.contains("pending")), "{capped:?}");
    assert_eq!(fps(&["--fingerprint-budget", "2"]).0, capped, "stable");
    // A baseline written under the small budget accepts every finding
    // under the default one.
    let o = run(
        t.path(),
        &[
            "baseline",
            "--fingerprint-budget",
            "2",
            "-o",
            "base.json",
            "db.env",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (code, doc) = scan_json(t.path(), &["--baseline", "base.json", "db.env"]);
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["stats"]["suppressed"]["baseline"], 4, "{doc}");
}
