//! Kill switches at the provider, through the real binary: GitLab's and
//! Slack's self-revocation against loopback servers that implement the
//! documented request and response shapes and refuse anything else, and
//! `aws-iam-deactivate` against moto's IAM with SigV4 checking on, for an
//! AWS key leaked in a commit of a real git repository.

mod support;

use std::sync::{Arc, Mutex};

use support::*;

fn sha(s: &str) -> String {
    keyhound::finding::secret_sha256(s.as_bytes())
}

/// `n` letters and digits from `seed`.
fn alnum(seed: &str, n: usize) -> String {
    random_b64(seed, n * 2)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(n)
        .collect()
}

fn digits(seed: &str, n: usize) -> String {
    random_b64(seed, n * 8)
        .chars()
        .filter(char::is_ascii_digit)
        .take(n)
        .collect()
}

/// A fake GitLab access token.
fn gitlab_token(seed: &str) -> String {
    format!("{}{}", "glpat-", alnum(seed, 20))
}

/// A fake Slack bot token.
fn slack_token(seed: &str) -> String {
    format!(
        "{}{}-{}-{}",
        "xoxb-",
        digits(&format!("{seed}1"), 12),
        digits(&format!("{seed}2"), 13),
        alnum(seed, 24)
    )
}

fn config(keys: &[(&str, &str)], target: &str) -> String {
    let mut c = "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nmax_attempts = 2\nbackoff_base_ms = 50\nsettle_ms = 500\n\n".to_string();
    for (name, secret) in keys {
        c.push_str(&format!(
            "[[rotation.keys]]\nname = \"{name}\"\nsha256 = \"{}\"\n\n",
            sha(secret)
        ));
    }
    c.push_str(target);
    c
}

fn assert_no_secret(what: &str, text: &str, secret: &str) {
    assert!(!text.contains(secret), "{what} contains the secret: {text}");
}

/// The token appears nowhere in the request but in `header`.
fn only_in_header(r: &Request, header: &str, value: &str, secret: &str) -> bool {
    let elsewhere = r.target.contains(secret)
        || r.text().contains(secret)
        || r.headers
            .iter()
            .any(|(k, v)| !k.eq_ignore_ascii_case(header) && v.contains(secret));
    !elsewhere && r.header(header) == Some(value)
}

/// GitLab's `personal_access_tokens/self` as documented: `DELETE` revokes
/// the token of the `PRIVATE-TOKEN` header (204), `GET` describes it
/// (200 with `active`); an unknown or revoked token is 401, a token
/// anywhere else 400, any other request 404.
fn gitlab_api(live: Vec<String>) -> (Server, Arc<Mutex<Vec<String>>>) {
    let live = Arc::new(Mutex::new(live));
    let state = live.clone();
    let server = Server::start(move |r| {
        if r.target != "/api/v4/personal_access_tokens/self" {
            return reply(404, r#"{"message":"404 Not Found"}"#);
        }
        let token = r.header("private-token").unwrap_or_default().to_string();
        if !r.body.is_empty() || r.header("authorization").is_some() {
            return reply(400, r#"{"message":"400 Bad request"}"#);
        }
        let mut live = state.lock().unwrap();
        let known = live.contains(&token);
        match (r.method.as_str(), known) {
            (_, false) => reply(401, r#"{"message":"401 Unauthorized"}"#),
            ("DELETE", true) => {
                live.retain(|t| t != &token);
                reply(204, "").header("X-Request-Id", "gl-req-1")
            }
            ("GET", true) => reply(
                200,
                r#"{"id":42,"name":"deploy","revoked":false,"active":true,"scopes":["api"]}"#,
            ),
            _ => reply(405, r#"{"message":"405 Method Not Allowed"}"#),
        }
    });
    (server, live)
}

#[test]
fn a_leaked_gitlab_token_revokes_itself_once_and_is_proved_dead() {
    let token = gitlab_token("killswitch-gitlab");
    let t = Tree::new();
    t.write("repo/.gitlab-ci.env", format!("GITLAB_TOKEN={token}\n"));
    let (api, live) = gitlab_api(vec![token.clone()]);
    t.write(
        ".no-user-config/keyhound/config.toml",
        config(
            &[("gitlab-deploy", &token)],
            &format!(
                "[[rotation.targets]]\nid = \"gitlab\"\ntype = \"gitlab-revoke\"\nrules = [\"gitlab-*\"]\nbase_url = \"{}\"\n",
                api.url()
            ),
        ),
    );

    // A dry run shows the request, token shown by fingerprint, and sends nothing.
    let o = run(t.path(), &["scan", "repo", "--dry-run"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "DELETE {}/api/v4/personal_access_tokens/self",
            api.url()
        )),
        "{err}"
    );
    assert!(err.contains("PRIVATE-TOKEN: <gitlab-pat:"), "{err}");
    assert_no_secret("dry run", &err, &token);
    assert_eq!(api.count(), 0);

    let o = run(t.path(), &["scan", "repo", "--rotate"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(err.contains("done        gitlab (gitlab-revoke)"), "{err}");
    assert!(err.contains("token revoked by GitLab"), "{err}");
    assert!(err.contains("request id gl-req-1"), "{err}");
    assert!(err.contains("verified    gitlab"), "{err}");
    assert!(err.contains("GitLab answers 401 for the token"), "{err}");
    assert!(live.lock().unwrap().is_empty(), "the token is revoked");
    let reqs = api.requests();
    let methods: Vec<&str> = reqs.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["DELETE", "GET"]);
    for r in &reqs {
        assert!(
            only_in_header(r, "private-token", &token, &token),
            "{}",
            r.dump()
        );
    }
    assert_no_secret("stderr", &err, &token);
    for f in ["rotation-ledger.jsonl", "rotation-audit.jsonl"] {
        let text = std::fs::read_to_string(t.join(".state/keyhound").join(f)).unwrap();
        assert_no_secret(f, &text, &token);
    }

    // Once: the next scan finds the ledger's verdict and sends nothing.
    let o = run(t.path(), &["scan", "repo", "--rotate"]);
    assert!(stderr(&o).contains("(ledger: verified)"), "{}", stderr(&o));
    assert_eq!(api.count(), 2);
}

#[test]
fn self_revocation_is_https_only_and_sends_only_tokens_of_its_provider() {
    let t = Tree::new();
    let pat = github_pat("killswitch-not-gitlab");
    t.write("repo/a.env", format!("GITHUB_TOKEN={pat}\n"));
    for (ty, url) in [
        ("gitlab-revoke", "http://gitlab.example.com"),
        ("slack-revoke", "http://slack.example.com"),
    ] {
        t.write(
            ".no-user-config/keyhound/config.toml",
            config(
                &[],
                &format!(
                    "[[rotation.targets]]\nid = \"x\"\ntype = \"{ty}\"\nbase_url = \"{url}\"\n"
                ),
            ),
        );
        let o = run(t.path(), &["scan", "repo", "--rotate"]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(
            stderr(&o).contains("plain http is allowed only to a loopback"),
            "{}",
            stderr(&o)
        );
    }
    // A GitHub token matched by a target of another provider is not sent there.
    let (api, _) = gitlab_api(vec![]);
    let slack = slack_api(vec![]).0;
    t.write(
        ".no-user-config/keyhound/config.toml",
        config(
            &[("gh", &pat)],
            &format!(
                "[[rotation.targets]]\nid = \"gitlab\"\ntype = \"gitlab-revoke\"\nbase_url = \"{}\"\n\n[[rotation.targets]]\nid = \"slack\"\ntype = \"slack-revoke\"\nbase_url = \"{}\"\n",
                api.url(),
                slack.url()
            ),
        ),
    );
    let o = run(t.path(), &["scan", "repo", "--rotate"]);
    let err = stderr(&o);
    assert!(
        err.contains("not a GitLab access token (glpat-): not sent to GitLab"),
        "{err}"
    );
    assert!(err.contains("not a Slack bot or user token"), "{err}");
    assert_eq!(api.count() + slack.count(), 0, "{err}");
}

/// Slack's Web API as documented: `POST /api/auth.revoke` and
/// `/api/auth.test` take the token from `Authorization: Bearer` and answer
/// 200 with `ok`; an unknown or revoked token is `invalid_auth`, no token
/// `not_authed`, a token in the body or query `invalid_arguments` (this
/// server's refusal: keyhound must use the header), any other path 404.
fn slack_api(live: Vec<String>) -> (Server, Arc<Mutex<Vec<String>>>) {
    let live = Arc::new(Mutex::new(live));
    let state = live.clone();
    let server = Server::start(move |r| {
        let path = r.target.split('?').next().unwrap_or_default();
        if r.method != "POST" || !["/api/auth.revoke", "/api/auth.test"].contains(&path) {
            return reply(404, "");
        }
        if r.target.contains('?') || r.form("token").is_some() || !r.body.is_empty() {
            return reply(200, r#"{"ok":false,"error":"invalid_arguments"}"#);
        }
        let Some(token) = r.bearer() else {
            return reply(200, r#"{"ok":false,"error":"not_authed"}"#);
        };
        let mut live = state.lock().unwrap();
        if !live.contains(&token) {
            return reply(200, r#"{"ok":false,"error":"invalid_auth"}"#);
        }
        if path == "/api/auth.revoke" {
            live.retain(|t| t != &token);
            reply(200, r#"{"ok":true,"revoked":true}"#).header("x-slack-req-id", "sl-req-1")
        } else {
            reply(
                200,
                r#"{"ok":true,"url":"https://example.slack.com/","team":"T","user":"bot"}"#,
            )
        }
    });
    (server, live)
}

#[test]
fn a_leaked_slack_token_revokes_itself_and_one_already_revoked_counts_as_done() {
    let live_token = slack_token("killswitch-slack-live");
    let gone_token = slack_token("killswitch-slack-gone");
    let t = Tree::new();
    t.write("repo/bot.env", format!("SLACK_BOT_TOKEN={live_token}\n"));
    t.write("repo/old.env", format!("SLACK_BOT_TOKEN={gone_token}\n"));
    let (api, live) = slack_api(vec![live_token.clone()]);
    t.write(
        ".no-user-config/keyhound/config.toml",
        config(
            &[("bot", &live_token), ("old-bot", &gone_token)],
            &format!(
                "[[rotation.targets]]\nid = \"slack\"\ntype = \"slack-revoke\"\nrules = [\"slack-*\"]\nbase_url = \"{}\"\n",
                api.url()
            ),
        ),
    );
    let o = run(t.path(), &["scan", "repo", "--rotate"]);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(
        err.contains("token revoked by Slack (auth.revoke)"),
        "{err}"
    );
    assert!(err.contains("request id sl-req-1"), "{err}");
    assert!(
        err.contains("Slack answers invalid_auth: the token no longer authenticates"),
        "{err}"
    );
    assert_eq!(err.matches("verified    slack").count(), 2, "{err}");
    assert!(live.lock().unwrap().is_empty());
    let reqs = api.requests();
    assert_eq!(reqs.len(), 4, "a revoke and an auth.test per token");
    for r in &reqs {
        let token = if r.bearer().as_deref() == Some(live_token.as_str()) {
            &live_token
        } else {
            &gone_token
        };
        assert!(
            only_in_header(r, "authorization", &format!("Bearer {token}"), token),
            "{}",
            r.dump()
        );
    }
    assert_no_secret("stderr", &err, &live_token);
    assert_no_secret("stderr", &err, &gone_token);
}

// ---------------------------------------------------------------------------
// AWS

const SETUP: &str = r#"
import boto3, json
kw = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **kw)
iam.create_user(UserName="leaky")
k = iam.create_access_key(UserName="leaky")["AccessKey"]
iam.create_user(UserName="security")
iam.put_user_policy(UserName="security", PolicyName="kill-switch", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:GetAccessKeyLastUsed", "iam:UpdateAccessKey", "iam:PutUserPolicy", "iam:ListAccessKeys"], "Resource": "*"}]}))
a = iam.create_access_key(UserName="security")["AccessKey"]
iam.create_user(UserName="auditor")
iam.put_user_policy(UserName="auditor", PolicyName="read", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:List*", "iam:Get*"], "Resource": "*"}]}))
r = iam.create_access_key(UserName="auditor")["AccessKey"]
print(json.dumps({"id": k["AccessKeyId"], "secret": k["SecretAccessKey"], "admin_id": a["AccessKeyId"], "admin_secret": a["SecretAccessKey"], "auditor_id": r["AccessKeyId"], "auditor_secret": r["SecretAccessKey"]}))
"#;

const STATE: &str = r#"
import boto3, json, os
iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id=os.environ["AK"], aws_secret_access_key=os.environ["SK"])
keys = iam.list_access_keys(UserName="leaky")["AccessKeyMetadata"]
policy = iam.get_user_policy(UserName="leaky", PolicyName="keyhound-quarantine")["PolicyDocument"]
print(json.dumps({"status": {k["AccessKeyId"]: k["Status"] for k in keys}, "policy": policy}))
"#;

const STATE_STATUS: &str = r#"
import boto3, os
iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id=os.environ["AK"], aws_secret_access_key=os.environ["SK"])
print(iam.list_access_keys(UserName="leaky")["AccessKeyMetadata"][0]["Status"])
"#;

/// STS in front of moto, as AWS documents it for an inactive key: moto
/// accepts requests signed with an `Inactive` key (its SigV4 check ignores
/// the status), AWS answers them `403 InvalidClientTokenId`. This proxy
/// reads the key's status from moto's own state and answers as AWS does;
/// everything else goes to moto unchanged.
fn sts_as_aws(moto: String) -> Server {
    let http = loopback_client();
    Server::start(move |req| {
        let auth = req.header("authorization").unwrap_or_default();
        let key_id = auth
            .split("Credential=")
            .nth(1)
            .and_then(|c| c.split('/').next())
            .unwrap_or_default()
            .to_string();
        let state: serde_json::Value = http
            .get(format!("{moto}/moto-api/data.json"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let inactive = state["iam"]["AccessKey"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|k| k["access_key_id"] == key_id.as_str() && k["status"] == "Inactive");
        if inactive {
            return Reply {
                headers: vec![("Content-Type".into(), "text/xml".into())],
                ..reply(
                    403,
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>1</RequestId></ErrorResponse>",
                )
            };
        }
        let mut fwd = http.post(format!("{moto}{}", req.target));
        for (name, value) in &req.headers {
            let name = name.to_ascii_lowercase();
            if ["content-length", "connection", "transfer-encoding"].contains(&name.as_str()) {
                continue;
            }
            fwd = fwd.header(name, value.as_str());
        }
        let resp = fwd.body(req.body.clone()).send().unwrap();
        let status = resp.status().as_u16();
        Reply {
            headers: vec![("Content-Type".into(), "text/xml".into())],
            ..reply(status, &resp.text().unwrap())
        }
    })
}

#[test]
fn an_aws_key_leaked_in_a_commit_is_deactivated_quarantined_and_verified_dead_with_sts() {
    let Some(moto_bin) = moto_binary() else {
        return;
    };
    let moto = Moto::start(&moto_bin);
    let k: serde_json::Value = serde_json::from_str(&moto.python(SETUP, &[])).unwrap();
    let s = |n: &str| k[n].as_str().unwrap().to_string();
    let (key_id, secret, admin_id, admin_secret) =
        (s("id"), s("secret"), s("admin_id"), s("admin_secret"));
    // From here on moto checks every signature and IAM policy.
    moto.check_auth_after(0);
    let sts = sts_as_aws(moto.endpoint.clone());

    let home = Tree::new();
    let repo = home.join("repo");
    std::fs::create_dir_all(repo.join("deploy")).unwrap();
    git_now(&repo, &["init", "-q", "-b", "main"]);
    git_now(&repo, &["config", "user.name", "Ada Lovelace"]);
    git_now(&repo, &["config", "user.email", "ada@example.com"]);
    std::fs::write(
        repo.join("deploy/credentials"),
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"),
    )
    .unwrap();
    git_now(&repo, &["add", "-A"]);
    git_now(
        &repo,
        &["commit", "-q", "--no-verify", "-m", "deploy credentials"],
    );
    std::fs::remove_file(repo.join("deploy/credentials")).unwrap();
    git_now(
        &repo,
        &["commit", "-q", "-a", "--no-verify", "-m", "remove them"],
    );

    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nsettle_ms = 3000\nbackoff_base_ms = 100\n[[rotation.targets]]\nid = \"aws-kill\"\ntype = \"aws-iam-deactivate\"\nrules = [\"aws-access-key-id\"]\nendpoint = \"{}\"\naccess_key_id = \"env:KH_TEST_AWS_ID\"\nsecret_access_key = \"env:KH_TEST_AWS_SECRET\"\nquarantine = true\n",
            moto.endpoint
        ),
    );
    let ep = format!("aws={}", sts.url());
    let env = [
        ("KH_TEST_AWS_ID", admin_id.as_str()),
        ("KH_TEST_AWS_SECRET", admin_secret.as_str()),
    ];
    let args = [
        "scan",
        "--history",
        "-C",
        "repo",
        "--verify",
        "--endpoint",
        &ep,
        "--rotate",
    ];
    // A dry run shows the three IAM requests, the key by its fingerprint.
    let mut dry = args.to_vec();
    dry[7] = "--dry-run";
    let o = run_env(home.path(), &dry, &env, None);
    let err = stderr(&o);
    for want in [
        "Action=GetAccessKeyLastUsed",
        "Action=UpdateAccessKey",
        "Status=Inactive",
        "PolicyName=keyhound-quarantine",
        "AccessKeyId=<aws-access-key-id:",
        "<env:KH_TEST_AWS_ID> / <env:KH_TEST_AWS_SECRET>, region us-east-1, service iam",
    ] {
        assert!(err.contains(want), "missing {want:?}: {err}");
    }
    assert_no_secret("dry run", &err, &key_id);
    assert!(
        moto.python(
            STATE_STATUS,
            &[("AK", &s("auditor_id")), ("SK", &s("auditor_secret"))]
        )
        .trim()
            == "Active",
        "the dry run changed nothing"
    );

    let o = run_env(home.path(), &args, &env, None);
    let err = stderr(&o);
    assert!(err.contains("[confirmed by verification:live"), "{err}");
    assert!(
        err.contains("access key of IAM user leaky set Inactive (UpdateAccessKey); deny-all policy keyhound-quarantine attached"),
        "{err}"
    );
    // Proved by the rule's own check: STS, signed with the leaked pair.
    assert!(err.contains("verified    aws-kill"), "{err}");
    assert!(err.contains("the provider answers dead"), "{err}");
    assert_no_secret("stderr", &err, &secret);
    assert_no_secret("stderr", &err, &key_id);
    for f in ["rotation-ledger.jsonl", "rotation-audit.jsonl"] {
        let text = std::fs::read_to_string(home.join(".state/keyhound").join(f)).unwrap();
        assert_no_secret(f, &text, &key_id);
        assert_no_secret(f, &text, &secret);
    }

    // moto's IAM shows it: the key Inactive, the deny-all policy on its user.
    let state: serde_json::Value = serde_json::from_str(&moto.python(
        STATE,
        &[("AK", &s("auditor_id")), ("SK", &s("auditor_secret"))],
    ))
    .unwrap();
    assert_eq!(state["status"][&key_id], "Inactive", "{state}");
    assert_eq!(state["policy"]["Statement"][0]["Effect"], "Deny", "{state}");
    assert_eq!(state["policy"]["Statement"][0]["Action"], "*", "{state}");

    // Once: to a second scan the key verifies dead, so nothing confirms it
    // and nothing is sent.
    let o = run_env(home.path(), &args, &env, None);
    let err = stderr(&o);
    assert!(
        err.contains("1 finding matched a target but is not confirmed"),
        "{err}"
    );
    assert!(!err.contains("aws-kill (aws-iam-deactivate)"), "{err}");

    // Without the STS check the target's own proof reads IAM back.
    let fresh = Tree::new();
    fresh.write(
        "deploy/credentials",
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"),
    );
    fresh.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[[rotation.keys]]\nname = \"leaky\"\nsha256 = \"{}\"\n[[rotation.targets]]\nid = \"aws-kill\"\ntype = \"aws-iam-deactivate\"\nrules = [\"aws-access-key-id\"]\nendpoint = \"{}\"\naccess_key_id = \"env:KH_TEST_AWS_ID\"\nsecret_access_key = \"env:KH_TEST_AWS_SECRET\"\n",
            sha(&key_id),
            moto.endpoint
        ),
    );
    let o = run_env(fresh.path(), &["scan", "deploy", "--rotate"], &env, None);
    let err = stderr(&o);
    assert!(err.contains("[confirmed by inventory:leaky"), "{err}");
    assert!(err.contains("verified    aws-kill"), "{err}");
    assert!(
        err.contains("IAM lists the access key of user leaky Inactive (fresh ListAccessKeys)"),
        "{err}"
    );
    // Wrong operator credentials: moto refuses the signature, nothing is done.
    let cfg = std::fs::read_to_string(fresh.join(".no-user-config/keyhound/config.toml")).unwrap();
    fresh.write(
        ".no-user-config/keyhound/config.toml",
        cfg.replace("id = \"aws-kill\"", "id = \"aws-kill-2\""),
    );
    let o = run_env(
        fresh.path(),
        &["scan", "deploy", "--rotate"],
        &[
            ("KH_TEST_AWS_ID", admin_id.as_str()),
            ("KH_TEST_AWS_SECRET", "wrong"),
        ],
        None,
    );
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("SignatureDoesNotMatch"),
        "{}",
        stderr(&o)
    );
}
