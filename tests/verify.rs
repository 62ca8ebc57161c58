//! Live verification (`--verify`, `keyhound verify`): the real binary against
//! real HTTP servers on 127.0.0.1 that answer as each provider documents,
//! and against moto's STS for AWS SigV4. Every safety rule has a test here.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::*;

// ---------------------------------------------------------------------------
// Helpers.

/// Writes the user's own config (trusted) for runs in `t`.
fn user_config(t: &Tree, text: &str) {
    t.write(".no-user-config/keyhound/config.toml", text);
}

fn by_path<'a>(doc: &'a Value, path: &str, rule: &str) -> &'a Value {
    findings(doc)
        .iter()
        .find(|f| f["path"] == path && f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {path}: {doc}"))
}

fn verification(f: &Value) -> (String, Option<String>) {
    (
        f["verification"].as_str().unwrap().to_string(),
        f["verification_reason"].as_str().map(str::to_string),
    )
}

/// The n-th positive example secret of a built-in rule (fake, reviewed).
fn example(rule: &str, n: usize) -> (String, String) {
    let rules = keyhound::rules::builtin_with_examples().unwrap();
    let r = rules
        .iter()
        .find(|r| r.id == rule)
        .unwrap_or_else(|| panic!("no built-in rule {rule}"));
    let p = r
        .examples
        .positive
        .iter()
        .filter(|p| p.secret().is_some())
        .nth(n)
        .unwrap_or_else(|| panic!("rule {rule} has no positive example #{n} with a secret"));
    (p.text().to_string(), p.secret().unwrap().to_string())
}

fn endpoint(provider: &str, s: &Server) -> String {
    format!("{provider}={}", s.url())
}

// ---------------------------------------------------------------------------
// Each provider's verify block against a server that answers as documented.

type Presented = fn(&Request) -> Option<String>;

struct Provider {
    provider: &'static str,
    rule: &'static str,
    method: &'static str,
    target: &'static str,
    /// The credential as the provider reads it from the request.
    presented: Presented,
    live: (u16, &'static str),
    dead: (u16, &'static str),
}

fn providers() -> Vec<Provider> {
    let bearer: Presented = |r| r.bearer();
    let gh_user = |rule| Provider {
        provider: "github",
        rule,
        method: "GET",
        target: "/user",
        presented: bearer,
        live: (200, r#"{"login":"octocat","id":1}"#),
        dead: (401, r#"{"message":"Bad credentials"}"#),
    };
    let slack = |rule| Provider {
        provider: "slack",
        rule,
        method: "POST",
        target: "/api/auth.test",
        presented: bearer,
        live: (
            200,
            r#"{"ok":true,"url":"https://example.slack.com/","team":"Example","user":"grace","team_id":"T1","user_id":"W1"}"#,
        ),
        dead: (200, r#"{"ok":false,"error":"invalid_auth"}"#),
    };
    let stripe = |rule| Provider {
        provider: "stripe",
        rule,
        method: "GET",
        target: "/v1/balance",
        presented: bearer,
        live: (200, r#"{"object":"balance","available":[]}"#),
        dead: (
            401,
            r#"{"error":{"message":"Invalid API Key provided","type":"invalid_request_error"}}"#,
        ),
    };
    let openai = |rule| Provider {
        provider: "openai",
        rule,
        method: "GET",
        target: "/v1/models",
        presented: bearer,
        live: (200, r#"{"object":"list","data":[]}"#),
        dead: (
            401,
            r#"{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}"#,
        ),
    };
    let hf = |rule| Provider {
        provider: "huggingface",
        rule,
        method: "GET",
        target: "/api/whoami-v2",
        presented: bearer,
        live: (200, r#"{"type":"user","name":"hubot"}"#),
        dead: (
            401,
            r#"{"error":"Invalid credentials in Authorization header"}"#,
        ),
    };
    let mailgun = |rule| Provider {
        provider: "mailgun",
        rule,
        method: "GET",
        target: "/v3/domains?limit=1",
        presented: |r| r.basic()?.strip_prefix("api:").map(str::to_string),
        live: (200, r#"{"total_count":0,"items":[]}"#),
        dead: (401, "Forbidden"),
    };
    let npm = |rule| Provider {
        provider: "npm",
        rule,
        method: "GET",
        target: "/-/whoami",
        presented: bearer,
        live: (200, r#"{"username":"npmuser"}"#),
        dead: (401, r#"{}"#),
    };
    let digitalocean = |rule| Provider {
        provider: "digitalocean",
        rule,
        method: "GET",
        target: "/v2/account",
        presented: bearer,
        live: (
            200,
            r#"{"account":{"email":"ops@example.com","status":"active"}}"#,
        ),
        dead: (
            401,
            r#"{"id":"Unauthorized","message":"Unable to authenticate you"}"#,
        ),
    };
    vec![
        gh_user("github-pat-classic"),
        gh_user("github-oauth-token"),
        gh_user("github-user-to-server-token"),
        gh_user("github-pat-fine-grained"),
        Provider {
            provider: "github",
            rule: "github-server-to-server-token",
            method: "GET",
            target: "/installation/repositories?per_page=1",
            presented: bearer,
            live: (200, r#"{"total_count":1,"repositories":[]}"#),
            dead: (401, r#"{"message":"Bad credentials"}"#),
        },
        Provider {
            provider: "gitlab",
            rule: "gitlab-pat",
            method: "GET",
            target: "/api/v4/personal_access_tokens/self",
            presented: |r| r.header("private-token").map(str::to_string),
            live: (
                200,
                r#"{"id":4,"name":"ci","revoked":false,"active":true,"scopes":["api"]}"#,
            ),
            dead: (401, r#"{"message":"401 Unauthorized"}"#),
        },
        Provider {
            provider: "gitlab",
            rule: "gitlab-runner-token",
            method: "POST",
            target: "/api/v4/runners/verify",
            presented: |r| r.form("token"),
            live: (
                200,
                r#"{"id":12345,"token":"glrt-…","token_expires_at":null}"#,
            ),
            dead: (403, r#"{"message":"403 Forbidden"}"#),
        },
        slack("slack-bot-token"),
        slack("slack-user-token"),
        slack("slack-app-token"),
        slack("slack-legacy-token"),
        stripe("stripe-secret-key-live"),
        stripe("stripe-restricted-key-live"),
        stripe("stripe-secret-key-test"),
        stripe("stripe-restricted-key-test"),
        openai("openai-api-key"),
        openai("openai-project-key"),
        openai("openai-service-account-key"),
        Provider {
            provider: "anthropic",
            rule: "anthropic-api-key",
            method: "GET",
            target: "/v1/models?limit=1",
            presented: |r| {
                // The API refuses a request without its version header.
                r.header("anthropic-version")?;
                r.header("x-api-key").map(str::to_string)
            },
            live: (200, r#"{"data":[],"has_more":false}"#),
            dead: (
                401,
                r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#,
            ),
        },
        hf("huggingface-access-token"),
        hf("huggingface-org-token"),
        Provider {
            provider: "sendgrid",
            rule: "sendgrid-api-key",
            method: "GET",
            target: "/v3/scopes",
            presented: bearer,
            live: (200, r#"{"scopes":["mail.send"]}"#),
            dead: (
                401,
                r#"{"errors":[{"field":null,"message":"authorization required"}]}"#,
            ),
        },
        mailgun("mailgun-api-key"),
        mailgun("mailgun-api-key-legacy"),
        npm("npm-access-token"),
        npm("npm-legacy-auth-token"),
        digitalocean("digitalocean-personal-access-token"),
        digitalocean("digitalocean-oauth-token"),
        Provider {
            provider: "google",
            rule: "google-api-key",
            method: "GET",
            target: "/v1beta/models?pageSize=1",
            presented: |r| r.header("x-goog-api-key").map(str::to_string),
            live: (200, r#"{"models":[]}"#),
            dead: (
                400,
                r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#,
            ),
        },
    ]
}

fn emulate(p: &Provider, live_secret: String) -> Server {
    let (method, target, presented, live, dead) = (p.method, p.target, p.presented, p.live, p.dead);
    Server::start(move |r| {
        if r.method != method || r.target != target {
            return reply(404, r#"{"message":"Not Found"}"#);
        }
        if presented(r).as_deref() == Some(live_secret.as_str()) {
            reply(live.0, live.1)
        } else {
            reply(dead.0, dead.1)
        }
    })
}

#[test]
fn every_provider_block_reads_live_and_dead_as_documented() {
    let rules = keyhound::rules::builtin_with_examples().unwrap();
    for p in providers() {
        let rule = rules
            .iter()
            .find(|r| r.id == p.rule)
            .unwrap_or_else(|| panic!("rule {}", p.rule));
        let spec = rule
            .verify
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no verify block", p.rule));
        assert_eq!(spec.provider.as_deref(), Some(p.provider), "{}", p.rule);
        let (live_text, live_secret) = example(p.rule, 0);
        let (dead_text, dead_secret) = example(p.rule, 1);
        let server = emulate(&p, live_secret.clone());
        let t = Tree::new();
        t.write("live.txt", format!("{live_text}\n"));
        t.write("dead.txt", format!("{dead_text}\n"));
        let (code, doc) = scan_json(
            t.path(),
            &[
                "--verify",
                "--endpoint",
                &endpoint(p.provider, &server),
                ".",
            ],
        );
        let live = verification(by_path(&doc, "live.txt", p.rule));
        let dead = verification(by_path(&doc, "dead.txt", p.rule));
        assert_eq!(live, ("live".into(), None), "{}: {doc}", p.rule);
        assert_eq!(dead, ("dead".into(), None), "{}: {doc}", p.rule);
        assert_eq!(code, 4, "{}: a live finding exits 4", p.rule);
        let reqs = server.requests();
        assert_eq!(
            reqs.len(),
            2,
            "{}: one request per secret: {reqs:?}",
            p.rule
        );
        for r in &reqs {
            assert!(
                !r.target.contains(&live_secret) && !r.target.contains(&dead_secret),
                "{}: the secret is never in the URL: {}",
                p.rule,
                r.target
            );
        }
    }
}

#[test]
fn datadog_block_reads_the_validate_body() {
    let rules = keyhound::rules::builtin_with_examples().unwrap();
    let Some(rule) = rules
        .iter()
        .find(|r| r.id.starts_with("datadog") && r.verify.is_some())
    else {
        eprintln!("skipped: no built-in Datadog rule with a verify block yet");
        return;
    };
    let (live_text, live_secret) = example(&rule.id, 0);
    let (dead_text, _) = example(&rule.id, 1);
    let server = Server::start(move |r| {
        if r.target != "/api/v1/validate" {
            return reply(404, "{}");
        }
        if r.header("dd-api-key") == Some(live_secret.as_str()) {
            reply(200, r#"{"valid":true}"#)
        } else {
            reply(403, r#"{"errors":["Forbidden"]}"#)
        }
    });
    let t = Tree::new();
    t.write("live.txt", format!("{live_text}\n"));
    t.write("dead.txt", format!("{dead_text}\n"));
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("datadog", &server), "."],
    );
    assert_eq!(verification(by_path(&doc, "live.txt", &rule.id)).0, "live");
    assert_eq!(verification(by_path(&doc, "dead.txt", &rule.id)).0, "dead");
}

#[test]
fn twilio_key_sid_is_paired_with_the_secret_next_to_it() {
    let (_, sid) = example("twilio-api-key-sid", 0);
    let (_, secret) = example("twilio-auth-token", 0);
    let (_, other) = example("twilio-auth-token", 1);
    let want = format!("{sid}:{secret}");
    let server = Server::start(move |r| {
        if r.target != "/2010-04-01/Accounts.json?PageSize=1" {
            return reply(404, "{}");
        }
        if r.basic().as_deref() == Some(want.as_str()) {
            reply(200, r#"{"accounts":[{"sid":"AC0","status":"active"}]}"#)
        } else {
            reply(
                401,
                r#"{"code":20003,"message":"Authenticate","status":401}"#,
            )
        }
    });
    let t = Tree::new();
    t.write(
        "good.env",
        format!("TWILIO_API_KEY={sid}\nTWILIO_API_SECRET={secret}\n"),
    );
    t.write(
        "bad.env",
        format!("TWILIO_API_KEY={sid}\nTWILIO_API_SECRET={other}\n"),
    );
    t.write(
        "alone.env",
        format!("TWILIO_API_KEY={sid}\n\n\n\n\n\n\n\nTWILIO_API_SECRET={other}\n"),
    );
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("twilio", &server), "."],
    );
    assert_eq!(
        verification(by_path(&doc, "good.env", "twilio-api-key-sid")).0,
        "live",
        "{doc}"
    );
    assert_eq!(
        verification(by_path(&doc, "good.env", "twilio-auth-token")).0,
        "live",
        "{doc}"
    );
    assert_eq!(
        verification(by_path(&doc, "bad.env", "twilio-api-key-sid")).0,
        "dead",
        "{doc}"
    );
    let (status, reason) = verification(by_path(&doc, "alone.env", "twilio-api-key-sid"));
    assert_eq!(status, "unknown");
    assert!(reason.unwrap().contains("within 5 lines"));
    assert_eq!(server.count(), 2, "good and bad pairs only");
}

#[test]
fn an_endpoint_with_a_path_prefix_serves_github_enterprise() {
    let pat = github_pat("ghe");
    let live = pat.clone();
    let server = Server::start(move |r| {
        if r.target == "/api/v3/user" && r.bearer().as_deref() == Some(live.as_str()) {
            reply(200, r#"{"login":"octocat"}"#)
        } else {
            reply(404, "{}")
        }
    });
    let t = Tree::new();
    t.write("a.env", format!("GH={pat}\n"));
    let ep = format!("github={}/api/v3/", server.url());
    let (_, doc) = scan_json(t.path(), &["--verify", "--endpoint", &ep, "."]);
    let f = by_path(&doc, "a.env", "github-pat-classic");
    assert_eq!(verification(f).0, "live", "{doc}");
    assert_eq!(
        f["verified_identity"], "octocat",
        "the owner reaches the scan report"
    );
}

// ---------------------------------------------------------------------------
// Failures: each one an `unknown` with its reason, never a crash or a hang.

fn github_failure(answer: Reply) -> ((String, Option<String>), Duration, Server, String) {
    let pat = github_pat(&format!("failure-{}-{}", answer.status, answer.body));
    let server = Server::start(move |_| answer.clone());
    let t = Tree::new();
    t.write("a.env", format!("GH={pat}\n"));
    let started = Instant::now();
    let o = run(
        t.path(),
        &[
            "scan",
            "--format",
            "json",
            "--verify",
            "--endpoint",
            &endpoint("github", &server),
            ".",
        ],
    );
    let elapsed = started.elapsed();
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        !all.contains(&pat),
        "the secret never appears in the output"
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(code(&o), 1, "unknown is not live: {doc}");
    (
        verification(by_path(&doc, "a.env", "github-pat-classic")),
        elapsed,
        server,
        pat,
    )
}

#[test]
fn a_server_error_is_unknown() {
    let (v, _, _, _) = github_failure(reply(500, r#"{"message":"oops"}"#));
    assert_eq!(
        v,
        ("unknown".into(), Some("server error (HTTP 500)".into()))
    );
}

#[test]
fn too_many_requests_with_retry_after_is_unknown_rate_limited() {
    let (v, elapsed, _, _) =
        github_failure(reply(429, r#"{"message":"slow down"}"#).header("Retry-After", "3600"));
    assert_eq!(v, ("unknown".into(), Some("rate limited".into())));
    assert!(
        elapsed < Duration::from_secs(8),
        "Retry-After is not slept through: {elapsed:?}"
    );
}

#[test]
fn github_secondary_rate_limit_is_unknown_rate_limited() {
    let (v, _, _, _) = github_failure(
        reply(403, r#"{"message":"API rate limit exceeded"}"#).header("x-ratelimit-remaining", "0"),
    );
    assert_eq!(v, ("unknown".into(), Some("rate limited".into())));
}

#[test]
fn an_unexpected_status_is_unknown() {
    let (v, _, _, _) = github_failure(reply(418, "{}"));
    assert_eq!(
        v,
        (
            "unknown".into(),
            Some("unexpected status (HTTP 418)".into())
        )
    );
}

#[test]
fn a_slow_server_times_out_after_ten_seconds() {
    let (v, elapsed, _, _) =
        github_failure(reply(200, r#"{"login":"x"}"#).after(Duration::from_secs(14)));
    assert_eq!(v, ("unknown".into(), Some("timeout".into())));
    assert!(
        elapsed >= Duration::from_secs(9) && elapsed < Duration::from_secs(13),
        "10 s request timeout, took {elapsed:?}"
    );
}

#[test]
fn redirects_are_not_followed() {
    let elsewhere = Server::start(|_| reply(200, r#"{"login":"thief"}"#));
    let location = format!("{}/user", elsewhere.url());
    let (v, _, _, _) = github_failure(reply(302, "").header("Location", &location));
    assert_eq!(
        v,
        (
            "unknown".into(),
            Some("redirect not followed (HTTP 302)".into())
        )
    );
    assert_eq!(elsewhere.count(), 0, "the redirect target saw nothing");
}

#[test]
fn a_refused_connection_is_unknown_network() {
    let port = free_port();
    let pat = github_pat("refused");
    let t = Tree::new();
    t.write("a.env", format!("GH={pat}\n"));
    let ep = format!("github=http://127.0.0.1:{port}");
    let o = run(
        t.path(),
        &[
            "scan",
            "--format",
            "json",
            "--verify",
            "--endpoint",
            &ep,
            ".",
        ],
    );
    assert!(!format!("{}{}", stdout(&o), stderr(&o)).contains(&pat));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        verification(by_path(&doc, "a.env", "github-pat-classic")),
        ("unknown".into(), Some("network: connection refused".into()))
    );
}

#[test]
fn a_malformed_body_is_unknown() {
    let (text, _) = example("slack-bot-token", 0);
    let server = Server::start(|_| reply(200, "<html>upstream error</html>"));
    let t = Tree::new();
    t.write("a.env", format!("{text}\n"));
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("slack", &server), "."],
    );
    assert_eq!(
        verification(by_path(&doc, "a.env", "slack-bot-token")),
        ("unknown".into(), Some("malformed response body".into()))
    );
    // A body that parses but says neither live nor dead is unknown too.
    let server = Server::start(|_| reply(200, r#"{"ok":false,"error":"internal_error"}"#));
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("slack", &server), "."],
    );
    assert_eq!(
        verification(by_path(&doc, "a.env", "slack-bot-token")),
        (
            "unknown".into(),
            Some("unexpected response body (HTTP 200)".into())
        )
    );
}

// ---------------------------------------------------------------------------
// Safety.

#[test]
fn nothing_is_sent_unless_asked() {
    let pat = github_pat("off-by-default");
    let server = github_user_api(&pat);
    let t = Tree::new();
    t.write("a.env", format!("GH={pat}\n"));
    // The user's config names an endpoint but does not turn verification on.
    user_config(
        &t,
        &format!(
            "[verify]\nendpoints = {{ github = \"{}\" }}\n",
            server.url()
        ),
    );
    let (code, doc) = scan_json(t.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        verification(by_path(&doc, "a.env", "github-pat-classic")).0,
        "not_checked"
    );
    assert_eq!(server.count(), 0);
    // `verify = true` in the user's own config turns it on for a directory scan.
    user_config(
        &t,
        &format!(
            "[verify]\nenabled = true\nendpoints = {{ github = \"{}\" }}\n",
            server.url()
        ),
    );
    let (code, doc) = scan_json(t.path(), &["."]);
    assert_eq!(code, 4);
    assert_eq!(
        verification(by_path(&doc, "a.env", "github-pat-classic")).0,
        "live"
    );
    assert_eq!(server.count(), 1);
}

#[test]
fn staged_scans_verify_only_when_the_flag_is_given() {
    let pat = github_pat("staged");
    let server = github_user_api(&pat);
    let t = Tree::new();
    t.init_repo();
    t.write("README.md", "hello\n");
    t.commit_all("init");
    t.write("a.env", format!("GH={pat}\n"));
    t.git(&["add", "a.env"]);
    user_config(
        &t,
        &format!(
            "[verify]\nenabled = true\nendpoints = {{ github = \"{}\" }}\n",
            server.url()
        ),
    );
    let (code, doc) = scan_json(t.path(), &["--staged"]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(
        verification(by_path(&doc, "a.env", "github-pat-classic")).0,
        "not_checked"
    );
    assert_eq!(
        server.count(),
        0,
        "the pre-commit hook never reaches the network because of a config"
    );
    let (code, doc) = scan_json(t.path(), &["--staged", "--verify"]);
    assert_eq!(code, 4, "{doc}");
    assert_eq!(
        verification(by_path(&doc, "a.env", "github-pat-classic")).0,
        "live"
    );
    assert_eq!(server.count(), 1);
}

#[test]
fn an_untrusted_repository_config_cannot_send_secrets_anywhere() {
    let pat = github_pat("untrusted");
    let server = github_user_api(&pat);
    let t = Tree::new();
    t.init_repo();
    t.write("a.env", format!("GH={pat}\n"));
    t.write(
        ".keyhound.toml",
        format!(
            "[verify]\nenabled = true\nendpoints = {{ github = \"{}\" }}\n",
            server.url()
        ),
    );
    let o = run(t.path(), &["scan", "--verify", "."]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("--trust-repo-config"), "{}", stderr(&o));
    assert_eq!(server.count(), 0, "no request was made");
    let o = run(t.path(), &["scan", "."]);
    assert_eq!(code(&o), 2);
    assert_eq!(server.count(), 0);

    // A repository rule with its own verify block is refused the same way,
    // even when the user points its provider at a server.
    t.write(
        ".keyhound.toml",
        r#"[[rule]]
id = "repo-token"
name = "Repository token"
keywords = ["repotok_"]
regex = '''\b(repotok_[a-z0-9]{20})\b'''
severity = "high"
[rule.verify]
provider = "github"
request = { url = "https://api.github.com/user", headers = { Authorization = "Bearer {secret}" } }
live = [200]
"#,
    );
    t.write("b.env", "T=repotok_abcdefghij0123456789\n");
    let o = run(
        t.path(),
        &[
            "scan",
            "--verify",
            "--endpoint",
            &endpoint("github", &server),
            ".",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(server.count(), 0, "no request was made");

    // Trusting the repository explicitly is the user's decision.
    t.write(
        ".keyhound.toml",
        format!(
            "[verify]\nendpoints = {{ github = \"{}\" }}\n",
            server.url()
        ),
    );
    let (code, doc) = scan_json(t.path(), &["--verify", "--trust-repo-config", "."]);
    assert_eq!(code, 4, "{doc}");
    assert_eq!(server.count(), 1);
}

#[test]
fn plain_http_only_to_loopback_and_only_known_providers() {
    let t = Tree::new();
    t.write("a.env", format!("GH={}\n", github_pat("http")));
    let o = run(
        t.path(),
        &[
            "scan",
            "--verify",
            "--endpoint",
            "github=http://192.0.2.10:8080",
            ".",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("loopback"), "{}", stderr(&o));
    let o = run(
        t.path(),
        &[
            "scan",
            "--verify",
            "--endpoint",
            "githubb=https://ghe.example.com",
            ".",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("unknown provider \"githubb\""),
        "{}",
        stderr(&o)
    );
    let o = run(
        t.path(),
        &[
            "scan",
            "--verify",
            "--endpoint",
            "github=https://u:p@ghe.example.com",
            ".",
        ],
    );
    assert_eq!(code(&o), 2);
    let o = run(t.path(), &["scan", "--verify", "--endpoint", "github", "."]);
    assert_eq!(code(&o), 2);
    // A rule whose verify URL is not https, or puts the secret in the URL, does not load.
    for (url, why) in [
        ("http://api.example.com/check", "https"),
        ("https://api.example.com/check?key={secret}", "URL"),
    ] {
        t.write(
            "rules.toml",
            format!(
                r#"[[rule]]
id = "my-token"
name = "Mine"
keywords = ["mytok_"]
regex = '''\b(mytok_[a-z0-9]{{20}})\b'''
severity = "high"
[rule.verify]
request = {{ url = "{url}", headers = {{ X = "{{secret}}" }} }}
live = [200]
"#
            ),
        );
        let o = run(t.path(), &["rules", "check", "rules.toml"]);
        assert_ne!(code(&o), 0, "{url}");
        assert!(
            stdout(&o).contains(why) || stderr(&o).contains(why),
            "{url}: {}{}",
            stdout(&o),
            stderr(&o)
        );
    }
}

#[test]
fn one_request_per_unique_secret() {
    let pat = github_pat("dedupe");
    let server = github_user_api(&pat);
    let t = Tree::new();
    for f in ["a.env", "b/c.env", "d.txt"] {
        t.write(f, format!("TOKEN={pat}\n"));
    }
    let (code, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("github", &server), "."],
    );
    assert_eq!(code, 4);
    let live = findings(&doc)
        .iter()
        .filter(|f| f["verification"] == "live")
        .count();
    assert_eq!(live, 3, "{doc}");
    assert_eq!(server.count(), 1, "cached by fingerprint");
}

#[test]
fn concurrency_is_bounded() {
    let server = Server::start(|_| {
        reply(401, r#"{"message":"Bad credentials"}"#).after(Duration::from_millis(300))
    });
    let t = Tree::new();
    let body: String = (0..20)
        .map(|i| format!("T{i}={}\n", github_pat(&format!("conc-{i}"))))
        .collect();
    t.write("many.env", body);
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("github", &server), "."],
    );
    assert_eq!(server.count(), 20);
    assert!(
        findings(&doc).iter().all(|f| f["verification"] == "dead"),
        "{doc}"
    );
    let max = server.max_in_flight();
    assert!(
        (2..=8).contains(&max),
        "default concurrency 8, saw {max} at once"
    );

    let server2 = Server::start(|_| reply(401, "{}").after(Duration::from_millis(200)));
    user_config(&t, "[verify]\nconcurrency = 2\n");
    let _ = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("github", &server2), "."],
    );
    assert_eq!(server2.count(), 20);
    assert!(server2.max_in_flight() <= 2);
}

#[test]
fn a_rate_limited_host_is_not_asked_again_in_the_same_run() {
    let server =
        Server::start(|_| reply(429, r#"{"message":"rate limited"}"#).header("Retry-After", "120"));
    let t = Tree::new();
    let body: String = (0..3)
        .map(|i| format!("T{i}={}\n", github_pat(&format!("rl-{i}"))))
        .collect();
    t.write("a.env", body);
    user_config(&t, "[verify]\nconcurrency = 1\n");
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("github", &server), "."],
    );
    assert_eq!(server.count(), 1, "Retry-After respected");
    for f in findings(&doc) {
        assert_eq!(
            verification(f),
            ("unknown".into(), Some("rate limited".into()))
        );
    }
}

#[test]
fn the_secret_travels_in_a_header_only() {
    let pat = github_pat("header-only");
    let server = github_user_api(&pat);
    let t = Tree::new();
    t.write("a.env", format!("GH={pat}\n"));
    let o = run(
        t.path(),
        &[
            "scan",
            "--verify",
            "--endpoint",
            &endpoint("github", &server),
            ".",
        ],
    );
    assert_eq!(code(&o), 4);
    assert!(
        stdout(&o).contains("LIVE KEY"),
        "text output marks live keys: {}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains(&pat) && !stderr(&o).contains(&pat));
    let r = &server.requests()[0];
    assert!(!r.target.contains(&pat) && r.body.is_empty());
    assert_eq!(
        r.dump().matches(&pat).count(),
        1,
        "exactly once, in the header"
    );
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {pat}").as_str())
    );
    assert!(r.header("user-agent").unwrap().starts_with("keyhound/"));
}

#[test]
fn only_live_reports_live_findings_and_exits_four() {
    let live = github_pat("only-live-1");
    let dead = github_pat("only-live-2");
    let server = github_user_api(&live);
    let t = Tree::new();
    t.write("a.env", format!("A={live}\n"));
    t.write("b.env", format!("B={dead}\n"));
    let (code, doc) = scan_json(
        t.path(),
        &[
            "--only-live",
            "--endpoint",
            &endpoint("github", &server),
            ".",
        ],
    );
    assert_eq!(code, 4);
    let f = findings(&doc);
    assert_eq!(f.len(), 1, "{doc}");
    assert_eq!(f[0]["path"], "a.env");
    // No live finding: nothing reported, exit 0.
    let t2 = Tree::new();
    t2.write("b.env", format!("B={dead}\n"));
    let (code, doc) = scan_json(
        t2.path(),
        &[
            "--only-live",
            "--endpoint",
            &endpoint("github", &server),
            ".",
        ],
    );
    assert_eq!(code, 0, "{doc}");
    assert!(findings(&doc).is_empty());
}

#[test]
fn suppressed_findings_are_never_verified() {
    let pat = github_pat("suppressed");
    let server = github_user_api(&pat);
    let t = Tree::new();
    t.write("a.env", format!("GH={pat} # keyhound:allow\n"));
    let (code, _) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("github", &server), "."],
    );
    assert_eq!(code, 0);
    assert_eq!(server.count(), 0);
}

// ---------------------------------------------------------------------------
// `keyhound verify`: one secret from stdin.

fn verify_cmd(cwd: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    keyhound(cwd)
        .args(&all)
        .write_stdin(stdin.to_string())
        .output()
        .unwrap()
}

#[test]
fn verify_command_reads_stdin_and_prints_the_status() {
    let pat = github_pat("verify-cmd");
    let server = github_user_api(&pat);
    let t = Tree::new();
    let ep = endpoint("github", &server);
    let o = verify_cmd(
        t.path(),
        &["--rule", "github-pat-classic", "--endpoint", &ep],
        &format!("{pat}\n"),
    );
    assert_eq!(code(&o), 4, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "live (octocat)");
    let o = verify_cmd(
        t.path(),
        &[
            "--rule",
            "github-pat-classic",
            "--endpoint",
            &ep,
            "--format",
            "json",
        ],
        &format!("{pat}\n"),
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["verification"], "live");
    assert_eq!(doc["identity"], "octocat");
    assert_eq!(doc["rule"], "github-pat-classic");
    assert_eq!(
        doc["fingerprint"],
        keyhound::finding::fingerprint("github-pat-classic", pat.as_bytes())
    );
    assert!(!stdout(&o).contains(&pat));
    let o = verify_cmd(
        t.path(),
        &["--rule", "github-pat-classic", "--endpoint", &ep],
        &github_pat("other"),
    );
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).trim(), "dead");
    assert_eq!(server.count(), 3);
}

#[test]
fn verify_command_refuses_bad_input() {
    let t = Tree::new();
    for (args, stdin, want) in [
        (vec!["--rule", "no-such-rule"], "x\n", "no rule has id"),
        (
            vec!["--rule", "github-refresh-token"],
            "x\n",
            "no [rule.verify]",
        ),
        (
            vec!["--rule", "github-pat-classic"],
            "",
            "exactly one secret",
        ),
        (
            vec!["--rule", "github-pat-classic"],
            "a\nb\n",
            "exactly one secret",
        ),
        (vec!["--rule", "aws-access-key-id"], "AKIA\n", "two lines"),
        (
            vec!["--rule", "github-pat-classic", "--format", "sarif"],
            "a\n",
            "possible values: text, json",
        ),
    ] {
        let o = verify_cmd(t.path(), &args, stdin);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    // The secret is never an argument: there is no flag for it.
    let o = keyhound(t.path())
        .args(["verify", "--rule", "github-pat-classic", "ghp_x"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
}

#[test]
fn verify_command_unknown_exits_three() {
    let server = Server::start(|_| reply(503, "{}"));
    let t = Tree::new();
    let o = verify_cmd(
        t.path(),
        &[
            "--rule",
            "github-pat-classic",
            "--endpoint",
            &endpoint("github", &server),
        ],
        &github_pat("unknown-cmd"),
    );
    assert_eq!(code(&o), 3);
    assert_eq!(stdout(&o).trim(), "unknown (server error (HTTP 503))");
}

// ---------------------------------------------------------------------------
// AWS: SigV4 checked by a real signature checker (moto's STS).

fn http_post(url: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut r = loopback_client().post(url).body(body.to_string());
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    let resp = r.send().unwrap();
    resp.text().unwrap()
}

fn xml_text(doc: &str, tag: &str) -> String {
    let start = doc
        .find(&format!("<{tag}>"))
        .unwrap_or_else(|| panic!("no <{tag}> in {doc}"))
        + tag.len()
        + 2;
    let end = doc[start..].find(&format!("</{tag}>")).unwrap() + start;
    doc[start..end].to_string()
}

/// Creates an IAM user and an access key in moto, then turns
/// authentication on: moto is told (through its own control API) to let
/// exactly these two set-up calls through unauthenticated, and to check
/// every SigV4 signature after them.
fn moto_access_key(moto: &Moto) -> (String, String) {
    moto.check_auth_after(2);
    let scope = "AWS4-HMAC-SHA256 Credential=AKIASETUPSETUPSETUP0/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";
    let form = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Authorization", scope),
    ];
    http_post(
        &moto.endpoint,
        &form,
        "Action=CreateUser&UserName=leaky&Version=2010-05-08",
    );
    let doc = http_post(
        &moto.endpoint,
        &form,
        "Action=CreateAccessKey&UserName=leaky&Version=2010-05-08",
    );
    (
        xml_text(&doc, "AccessKeyId"),
        xml_text(&doc, "SecretAccessKey"),
    )
}

#[test]
fn aws_pair_is_checked_with_sigv4_against_sts() {
    let Some(bin) = moto_binary() else { return };
    let moto = Moto::start(&bin);
    let (key_id, secret) = moto_access_key(&moto);
    let ep = format!("aws={}", moto.endpoint);

    // `keyhound verify`: the key id, then its secret, on stdin.
    let t = Tree::new();
    let o = verify_cmd(
        t.path(),
        &[
            "--rule",
            "aws-access-key-id",
            "--endpoint",
            &ep,
            "--format",
            "json",
        ],
        &format!("{key_id}\n{secret}\n"),
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", stderr(&o)));
    assert_eq!(doc["verification"], "live", "{doc}");
    assert_eq!(doc["identity"], "arn:aws:iam::123456789012:user/leaky");
    assert_eq!(code(&o), 4);

    // A wrong secret key: the signature does not match → dead.
    let wrong = random_b64("wrong-aws-secret", 40);
    let o = verify_cmd(
        t.path(),
        &["--rule", "aws-access-key-id", "--endpoint", &ep],
        &format!("{key_id}\n{wrong}\n"),
    );
    assert_eq!(stdout(&o).trim(), "dead", "{}", stderr(&o));
    assert_eq!(code(&o), 0);

    // A scan pairs the key id with the secret key found next to it, and
    // gives both findings the outcome.
    t.write(
        "live/credentials",
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"),
    );
    t.write(
        "dead/credentials",
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {wrong}\n"),
    );
    t.write(
        "csv/keys.csv",
        format!("User,Access key ID,Secret access key\nleaky,{key_id},{secret}\n"),
    );
    let (code, doc) = scan_json(t.path(), &["--verify", "--endpoint", &ep, "."]);
    assert_eq!(code, 4, "{doc}");
    assert_eq!(
        verification(by_path(&doc, "live/credentials", "aws-access-key-id")).0,
        "live",
        "{doc}"
    );
    assert_eq!(
        verification(by_path(&doc, "live/credentials", "aws-secret-access-key")).0,
        "live",
        "{doc}"
    );
    assert_eq!(
        verification(by_path(&doc, "dead/credentials", "aws-access-key-id")).0,
        "dead",
        "{doc}"
    );
    assert_eq!(
        verification(by_path(&doc, "dead/credentials", "aws-secret-access-key")).0,
        "dead",
        "{doc}"
    );
    assert_eq!(
        verification(by_path(&doc, "csv/keys.csv", "aws-credentials-pair")).0,
        "live",
        "{doc}"
    );
    let out = serde_json::to_string(&doc).unwrap();
    assert!(!out.contains(&secret), "the secret key is never printed");
}

#[test]
fn aws_temporary_keys_and_lone_key_ids_are_not_sent() {
    let server = Server::start(|_| reply(200, "<Arn>x</Arn>"));
    let t = Tree::new();
    let temp = aws_key_id("temporary").replacen("AKIA", "ASIA", 1);
    t.write(
        "a.env",
        format!(
            "AWS_ACCESS_KEY_ID={temp}\nAWS_SECRET_ACCESS_KEY={}\n",
            random_b64("tmp-secret", 40)
        ),
    );
    t.write(
        "b.env",
        format!("AWS_ACCESS_KEY_ID={}\n", aws_key_id("lonely")),
    );
    let (_, doc) = scan_json(
        t.path(),
        &["--verify", "--endpoint", &endpoint("aws", &server), "."],
    );
    let (s, r) = verification(by_path(&doc, "a.env", "aws-access-key-id"));
    assert_eq!(s, "unknown");
    assert!(r.unwrap().contains("not verifiable"));
    let (s, r) = verification(by_path(&doc, "b.env", "aws-access-key-id"));
    assert_eq!(s, "unknown");
    assert!(r
        .unwrap()
        .contains("no aws-secret-access-key or aws-credentials-pair"));
    assert_eq!(server.count(), 0);
}
