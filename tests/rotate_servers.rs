//! Rotation end to end against real servers on 127.0.0.1: OpenBao (the
//! real `bao` binary) with its database secrets engine over a real
//! PostgreSQL, and moto's Secrets Manager with SigV4 checking on. Installed
//! by `.ci/prereqs-servers.sh`; without them these tests skip (saying how to
//! install) — or fail, under `CI=true`.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use support::*;

fn last_rotation(bao: &Bao, role: &str) -> String {
    bao.ok("GET", &format!("database/static-roles/{role}"), None)["data"]["last_vault_rotation"]
        .as_str()
        .unwrap()
        .to_string()
}

fn static_password(bao: &Bao, role: &str) -> String {
    bao.ok("GET", &format!("database/static-creds/{role}"), None)["data"]["password"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn vault_rotates_a_leaked_postgres_password_once_and_audits_it() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    pg.sql("CREATE ROLE orders_app LOGIN PASSWORD 'initial-orders-1'");
    pg.sql("CREATE ROLE reports_app LOGIN PASSWORD 'initial-reports-1'");
    let bao = Bao::start(&bao_bin);
    bao.ok(
        "POST",
        "sys/mounts/database",
        Some(json!({"type": "database"})),
    );
    bao.ok(
        "POST",
        "database/config/orders",
        Some(json!({
            "plugin_name": "postgresql-database-plugin",
            "connection_url": format!("postgresql://{{{{username}}}}:{{{{password}}}}@127.0.0.1:{}/postgres", pg.port),
            "username": "postgres",
            "password": pg.superuser_password,
            "allowed_roles": "*",
        })),
    );
    for (role, user) in [("orders-app", "orders_app"), ("reports-app", "reports_app")] {
        bao.ok(
            "POST",
            &format!("database/static-roles/{role}"),
            Some(json!({"db_name": "orders", "username": user, "rotation_period": "24h"})),
        );
    }
    // A dynamic role whose leases a target revokes.
    bao.ok(
        "POST",
        "database/roles/readonly",
        Some(json!({
            "db_name": "orders",
            "creation_statements": ["CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"],
            "default_ttl": "1h",
        })),
    );
    let dynamic = bao.ok("GET", "database/creds/readonly", None);
    let (dyn_user, dyn_pw) = (
        dynamic["data"]["username"].as_str().unwrap().to_string(),
        dynamic["data"]["password"].as_str().unwrap().to_string(),
    );
    assert!(
        pg.login(&dyn_user, &dyn_pw, "SELECT 1"),
        "dynamic credentials work"
    );
    // The kv-mark target logs in with AppRole, allowed only to patch that
    // one secret's metadata.
    bao.ok("POST", "sys/auth/approle", Some(json!({"type": "approle"})));
    bao.ok(
        "POST",
        "sys/policies/acl/kv-mark",
        Some(json!({"policy": "path \"secret/metadata/apps/orders\" { capabilities = [\"read\", \"patch\"] }"})),
    );
    bao.ok(
        "POST",
        "auth/approle/role/keyhound",
        Some(json!({"token_policies": ["kv-mark"]})),
    );
    let role_id = bao.ok("GET", "auth/approle/role/keyhound/role-id", None)["data"]["role_id"]
        .as_str()
        .unwrap()
        .to_string();
    let secret_id = bao.ok("POST", "auth/approle/role/keyhound/secret-id", None)["data"]
        ["secret_id"]
        .as_str()
        .unwrap()
        .to_string();
    // A KV secret whose metadata already says who owns it.
    bao.ok(
        "POST",
        "secret/data/apps/orders",
        Some(json!({"data": {"url": "see vault"}})),
    );
    bao.ok(
        "POST",
        "secret/metadata/apps/orders",
        Some(json!({"custom_metadata": {"owner": "team-orders"}})),
    );

    let orders_pw = static_password(&bao, "orders-app");
    let reports_pw = static_password(&bao, "reports-app");
    assert!(pg.login("orders_app", &orders_pw, "SELECT 1"));

    // Both passwords are committed, a second after Vault set them.
    std::thread::sleep(Duration::from_millis(1100));
    let home = Tree::new();
    let repo = home.join("repo");
    std::fs::create_dir_all(repo.join("config")).unwrap();
    git_now(&repo, &["init", "-q", "-b", "main"]);
    git_now(&repo, &["config", "user.name", "Ada Lovelace"]);
    git_now(&repo, &["config", "user.email", "ada@example.com"]);
    std::fs::write(
        repo.join("config/database.env"),
        format!(
            "ORDERS_DATABASE_URL=postgresql://orders_app:{orders_pw}@127.0.0.1:{port}/postgres\nREPORTS_DATABASE_URL=postgresql://reports_app:{reports_pw}@127.0.0.1:{port}/postgres\n",
            port = pg.port
        ),
    )
    .unwrap();
    git_now(&repo, &["add", "-A"]);
    git_now(
        &repo,
        &["commit", "-q", "--no-verify", "-m", "add database config"],
    );
    std::fs::remove_file(repo.join("config/database.env")).unwrap();
    git_now(
        &repo,
        &["commit", "-q", "-a", "--no-verify", "-m", "oops, remove it"],
    );

    // Someone already rotated the reports role after the commit: its leaked
    // password is dead, and keyhound must not rotate it again.
    std::thread::sleep(Duration::from_millis(1100));
    bao.ok("POST", "database/rotate-role/reports-app", None);
    assert!(!pg.login("reports_app", &reports_pw, "SELECT 1"));

    // The user's config: targets, then both keys added from stdin.
    let cfg_dir = home.join(".no-user-config/keyhound");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    let secret_id_file = home.join("approle-secret-id");
    std::fs::write(&secret_id_file, format!("{secret_id}\n")).unwrap();
    let target = |id: &str, key: &str, body: &str, token: &str| {
        format!(
            "[[rotation.targets]]\nid = \"{id}\"\ntype = \"vault\"\naddress = \"{}\"\ntoken = \"{token}\"\nkeys = [\"{key}\"]\n{body}\n",
            bao.addr
        )
    };
    let config = [
        "[rotation]\nmode = \"enforce\"\n".to_string(),
        target(
            "orders-db",
            "orders-db",
            "action = \"database-rotate-role\"\nrole = \"orders-app\"",
            "env:KH_TEST_VAULT_TOKEN",
        ),
        target(
            "reports-db",
            "reports-db",
            "action = \"database-rotate-role\"\nrole = \"reports-app\"",
            "env:KH_TEST_VAULT_TOKEN",
        ),
        target(
            "orders-leases",
            "orders-db",
            "action = \"lease-revoke-prefix\"\nprefix = \"database/creds/readonly\"",
            "env:KH_TEST_VAULT_TOKEN",
        ),
        target(
            "orders-kv",
            "orders-db",
            "action = \"kv-mark\"\nkv_path = \"apps/orders\"",
            "APPROLE",
        ),
    ]
    .join("\n");
    let config = config.replace(
        "token = \"APPROLE\"",
        &format!(
            "approle_role_id = \"env:KH_TEST_ROLE_ID\"\napprole_secret_id = \"file:{}\"",
            secret_id_file.display()
        ),
    );
    std::fs::write(cfg_dir.join("config.toml"), config).unwrap();
    for (name, pw) in [("orders-db", &orders_pw), ("reports-db", &reports_pw)] {
        let o = run_env(
            home.path(),
            &[
                "rotation",
                "add-key",
                "--name",
                name,
                "--rule",
                "postgres-*",
            ],
            &[],
            Some(&format!("{pw}\n")),
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let env = [
        ("KH_TEST_VAULT_TOKEN", "root"),
        ("KH_TEST_ROLE_ID", role_id.as_str()),
    ];
    let scan = ["scan", "--history", "--repo", "repo", "--rotate"];

    // Dry run: prints the requests, changes nothing.
    let before = last_rotation(&bao, "orders-app");
    let mut dry = scan.to_vec();
    dry.push("--dry-run");
    let o = run_env(home.path(), &dry, &env, None);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("would send  orders-db (vault database-rotate-role)"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "POST {}/v1/database/rotate-role/orders-app",
            bao.addr
        )),
        "{err}"
    );
    assert!(
        err.contains("X-Vault-Token: <env:KH_TEST_VAULT_TOKEN>"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "PUT {}/v1/sys/leases/revoke-prefix/database/creds/readonly",
            bao.addr
        )),
        "{err}"
    );
    assert!(err.contains("\"sync\": true"), "{err}");
    assert!(
        err.contains("<from AppRole login at") && err.contains("secret_id <file:"),
        "{err}"
    );
    assert!(!err.contains(&secret_id), "{err}");
    assert!(
        !err.contains(&orders_pw) && !err.contains(&reports_pw),
        "{err}"
    );
    assert_eq!(last_rotation(&bao, "orders-app"), before);
    assert!(
        pg.login("orders_app", &orders_pw, "SELECT 1"),
        "dry run changed nothing"
    );

    // Enforce.
    let o = run_env(home.path(), &scan, &env, None);
    assert_eq!(
        code(&o),
        1,
        "findings reported, rotation done: {}",
        stderr(&o)
    );
    let err = stderr(&o);
    assert!(
        err.contains("done        orders-db (vault database-rotate-role)"),
        "{err}"
    );
    assert!(err.contains("role orders-app rotated"), "{err}");
    assert!(
        err.contains("skipped     reports-db (vault database-rotate-role)")
            && err.contains("role already rotated after the leak"),
        "{err}"
    );
    assert!(
        err.contains("done        orders-leases (vault lease-revoke-prefix)"),
        "{err}"
    );
    assert!(
        err.contains("done        orders-kv (vault kv-mark)"),
        "{err}"
    );
    assert!(
        !err.contains(&orders_pw) && !err.contains(&reports_pw),
        "{err}"
    );

    // The leaked password no longer logs in; Vault's new one does.
    assert!(
        !pg.login("orders_app", &orders_pw, "SELECT 1"),
        "leaked password still works"
    );
    let new_pw = static_password(&bao, "orders-app");
    assert_ne!(new_pw, orders_pw);
    assert!(pg.login("orders_app", &new_pw, "SELECT 1"));
    let after = last_rotation(&bao, "orders-app");
    assert_ne!(after, before);
    // The dynamic user is gone (revoked synchronously).
    assert!(
        !pg.login(&dyn_user, &dyn_pw, "SELECT 1"),
        "revoked lease still logs in"
    );
    // The KV metadata gained the leak marks and kept the owner.
    let meta = bao.ok("GET", "secret/metadata/apps/orders", None);
    let cm = &meta["data"]["custom_metadata"];
    assert_eq!(cm["owner"], "team-orders", "{meta}");
    assert!(
        cm["keyhound_leak_event"]
            .as_str()
            .unwrap()
            .starts_with("evt_"),
        "{meta}"
    );
    assert!(
        cm["keyhound_leak_location"]
            .as_str()
            .unwrap()
            .starts_with("config/database.env:1 @ "),
        "{meta}"
    );

    // A second run rotates nothing: the ledger has them done.
    let o = run_env(home.path(), &scan, &env, None);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("already done at").count(), 4, "{err}");
    assert_eq!(last_rotation(&bao, "orders-app"), after);
    assert!(pg.login("orders_app", &new_pw, "SELECT 1"));

    // The audit log holds the events and never the passwords.
    let audit = std::fs::read_to_string(home.join(".state/keyhound/rotation-audit.jsonl")).unwrap();
    let ledger =
        std::fs::read_to_string(home.join(".state/keyhound/rotation-ledger.jsonl")).unwrap();
    for (what, text) in [("audit", &audit), ("ledger", &ledger)] {
        for pw in [&orders_pw, &reports_pw, &new_pw, &secret_id] {
            assert!(
                !text.contains(pw.as_str()),
                "{what} holds a password: {text}"
            );
        }
    }
    let records: Vec<serde_json::Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let done: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["target"] == "orders-db" && r["outcome"] == "done")
        .collect();
    assert_eq!(done.len(), 1, "{audit}");
    assert_eq!(done[0]["action"], "database-rotate-role");
    assert_eq!(done[0]["mode"], "enforce");
    assert_eq!(done[0]["context"], "audit");
    assert_eq!(done[0]["rule"], "postgres-connection-string");
    assert_eq!(done[0]["http_status"], 204);
    assert!(done[0]["provider_request_id"].is_string(), "{}", done[0]);
    let o = run_env(home.path(), &["rotation", "log"], &[], None);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("orders-db"), "{}", stdout(&o));
}

#[test]
fn vault_resolves_an_interrupted_rotation_from_the_provider_state() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    pg.sql("CREATE ROLE billing_app LOGIN PASSWORD 'initial-billing-1'");
    let bao = Bao::start(&bao_bin);
    bao.ok(
        "POST",
        "sys/mounts/database",
        Some(json!({"type": "database"})),
    );
    bao.ok(
        "POST",
        "database/config/billing",
        Some(json!({
            "plugin_name": "postgresql-database-plugin",
            "connection_url": format!("postgresql://{{{{username}}}}:{{{{password}}}}@127.0.0.1:{}/postgres", pg.port),
            "username": "postgres",
            "password": pg.superuser_password,
            "allowed_roles": "*",
        })),
    );
    bao.ok(
        "POST",
        "database/static-roles/billing-app",
        Some(json!({"db_name": "billing", "username": "billing_app", "rotation_period": "24h"})),
    );
    let pw = static_password(&bao, "billing-app");
    let home = Tree::new();
    home.write(
        "app/.env",
        format!(
            "BILLING_DB=postgres://billing_app:{pw}@127.0.0.1:{}/postgres\n",
            pg.port
        ),
    );
    let sha = keyhound::finding::secret_sha256(pw.as_bytes());
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[[rotation.keys]]\nname = \"billing\"\nsha256 = \"{sha}\"\n[[rotation.targets]]\nid = \"billing-db\"\ntype = \"vault\"\naddress = \"{}\"\ntoken = \"env:KH_TEST_VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"billing-app\"\nkeys = [\"billing\"]\n",
            bao.addr
        ),
    );
    // A run that died after sending: the ledger says in flight, and the
    // rotation did happen at the provider.
    let event = keyhound::rotate::event::event_id("billing-db", &sha[..16]);
    let fp = keyhound::finding::fingerprint("postgres-connection-string", pw.as_bytes());
    let since = jiff::Timestamp::now().round(jiff::Unit::Second).unwrap();
    std::fs::create_dir_all(home.join(".state/keyhound")).unwrap();
    std::fs::write(
        home.join(".state/keyhound/rotation-ledger.jsonl"),
        format!(
            "{}\n",
            json!({"time": since.to_string(), "event_id": event, "target": "billing-db", "action": "database-rotate-role", "fingerprint": fp, "state": "in_flight", "event_time": since.to_string(), "pid": 1})
        ),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    bao.ok("POST", "database/rotate-role/billing-app", None);
    let rotated_at = last_rotation(&bao, "billing-app");
    let env = [("KH_TEST_VAULT_TOKEN", "root")];
    let o = run_env(home.path(), &["scan", "app", "--rotate"], &env, None);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("recovered: the interrupted rotation happened"),
        "{}",
        stderr(&o)
    );
    // Not rotated a second time.
    assert_eq!(last_rotation(&bao, "billing-app"), rotated_at);
    let ledger =
        std::fs::read_to_string(home.join(".state/keyhound/rotation-ledger.jsonl")).unwrap();
    let states: Vec<serde_json::Value> = ledger
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["state"].clone())
        .collect();
    // Recovered as done, then proved: a fresh static-creds read shows
    // another password than the leaked one.
    assert_eq!(states, ["in_flight", "done", "verified"]);
}

// ---------------------------------------------------------------------------
// AWS Secrets Manager (moto, SigV4 checked)

const SETUP: &str = r#"
import boto3, json
kw = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **kw)
iam.create_user(UserName="keyhound")
iam.put_user_policy(UserName="keyhound", PolicyName="rotate", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}]}))
k = iam.create_access_key(UserName="keyhound")["AccessKey"]
boto3.client("secretsmanager", **kw).create_secret(Name="prod/orders/api-key", SecretString="v1")
print(json.dumps({"id": k["AccessKeyId"], "secret": k["SecretAccessKey"]}))
"#;

const VERSIONS: &str = r#"
import boto3, json, os
sm = boto3.client("secretsmanager", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id=os.environ["AK"], aws_secret_access_key=os.environ["SK"])
print(json.dumps([v["VersionId"] for v in sm.list_secret_version_ids(SecretId="prod/orders/api-key")["Versions"]]))
"#;

/// A proxy in front of moto: forwards each request and, while `lose` is
/// set, loses the response once (the request reached AWS, the answer never
/// came back: a 502 instead).
fn moto_proxy(upstream: String, lose: Arc<AtomicBool>) -> Server {
    let http = loopback_client();
    Server::start(move |req| {
        let mut fwd = http.post(format!("{upstream}{}", req.target));
        for (name, value) in &req.headers {
            let name = name.to_ascii_lowercase();
            if ["content-length", "connection", "transfer-encoding"].contains(&name.as_str()) {
                continue;
            }
            // The Host header is part of the signature: keep it.
            fwd = fwd.header(name, value.as_str());
        }
        let resp = fwd.body(req.body.clone()).send().unwrap();
        let status = resp.status().as_u16();
        let rid = resp
            .headers()
            .get("x-amzn-requestid")
            .map(|v| v.to_str().unwrap().to_string());
        let text = resp.text().unwrap();
        if lose.swap(false, Ordering::SeqCst) {
            return reply(502, "upstream connection reset");
        }
        let r = reply(status, &text);
        match rid {
            Some(rid) => r.header("x-amzn-RequestId", &rid),
            None => r,
        }
    })
}

/// Each `RotateSecret` request's target and `ClientRequestToken`, as the
/// proxy saw them (the `DescribeSecret` and `GetSecretValue` reads that
/// follow a rotation are left out).
fn seen_by(proxy: &Server) -> Vec<(String, String)> {
    proxy
        .requests()
        .iter()
        .filter(|r| r.header("x-amz-target") == Some("secretsmanager.RotateSecret"))
        .map(|r| {
            let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
            (
                r.header("x-amz-target").unwrap_or_default().to_string(),
                json["ClientRequestToken"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn aws_rotate_secret_is_signed_and_sent_once_with_a_stable_token() {
    let Some(moto_bin) = moto_binary() else {
        return;
    };
    let moto = Moto::start(&moto_bin);
    let keys: serde_json::Value = serde_json::from_str(&moto.python(SETUP, &[])).unwrap();
    let (ak, sk) = (
        keys["id"].as_str().unwrap(),
        keys["secret"].as_str().unwrap(),
    );
    // From now on moto checks every request's SigV4 signature and IAM policy.
    moto.check_auth_after(0);
    let versions = || -> Vec<String> {
        serde_json::from_str(&moto.python(VERSIONS, &[("AK", ak), ("SK", sk)])).unwrap()
    };
    assert_eq!(versions().len(), 1);

    let lose_first = Arc::new(AtomicBool::new(false));
    let proxy = moto_proxy(moto.endpoint.clone(), lose_first.clone());
    let leaked = github_pat("aws-rotation");
    let home = Tree::new();
    home.write(
        "svc/settings.py",
        format!("ORDERS_API_TOKEN = \"{leaked}\"\n"),
    );
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nbackoff_base_ms = 50\nbackoff_cap_ms = 100\n[[rotation.keys]]\nname = \"orders-api\"\nsha256 = \"{}\"\n[[rotation.targets]]\nid = \"orders-secret\"\ntype = \"aws-secrets-manager\"\nregion = \"us-east-1\"\nendpoint = \"{}/\"\nsecret_id = \"prod/orders/api-key\"\naccess_key_id = \"env:KH_AWS_AK\"\nsecret_access_key = \"env:KH_AWS_SK\"\nkeys = [\"orders-api\"]\n",
            keyhound::finding::secret_sha256(leaked.as_bytes()),
            proxy.url()
        ),
    );
    let scan = ["scan", "svc", "--rotate"];

    // Wrong credentials: moto rejects the signature; reported, exit 5.
    let bad_secret = "wrong-secret-access-key-0000000000000000";
    let o = run_env(
        home.path(),
        &scan,
        &[("KH_AWS_AK", ak), ("KH_AWS_SK", bad_secret)],
        None,
    );
    assert_eq!(code(&o), 5, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("failed      orders-secret (aws-secrets-manager)"),
        "{err}"
    );
    assert!(err.contains("HTTP 403"), "{err}");
    assert!(!err.contains(bad_secret) && !err.contains(&leaked), "{err}");
    assert_eq!(versions().len(), 1, "nothing rotated");
    assert_eq!(seen_by(&proxy).len(), 1, "a 403 is not retried");

    // Right credentials, and the first response is lost on the way back:
    // the retry carries the same ClientRequestToken, so one rotation.
    lose_first.store(true, Ordering::SeqCst);
    let o = run_env(
        home.path(),
        &scan,
        &[("KH_AWS_AK", ak), ("KH_AWS_SK", sk)],
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("done        orders-secret (aws-secrets-manager)"),
        "{err}"
    );
    assert!(err.contains("2 attempts"), "{err}");
    let seen = seen_by(&proxy);
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|(t, _)| t == "secretsmanager.RotateSecret"));
    let token = &seen[1].1;
    assert_eq!(token.len(), 36, "{token}");
    assert!(
        seen.iter().all(|(_, t)| t == token),
        "one token for every attempt and run: {seen:?}"
    );
    let v = versions();
    assert_eq!(v.len(), 2, "exactly one new version: {v:?}");
    assert!(
        v.contains(token),
        "the new version is the request token: {v:?}"
    );

    // A third run sends nothing.
    let o = run_env(
        home.path(),
        &scan,
        &[("KH_AWS_AK", ak), ("KH_AWS_SK", sk)],
        None,
    );
    assert!(stderr(&o).contains("already done at"), "{}", stderr(&o));
    assert_eq!(seen_by(&proxy).len(), 3);
    let audit = std::fs::read_to_string(home.join(".state/keyhound/rotation-audit.jsonl")).unwrap();
    assert!(!audit.contains(&leaked) && !audit.contains(sk));
    assert!(audit.contains("\"outcome\":\"done\"") && audit.contains("\"outcome\":\"failed\""));
}

// ---------------------------------------------------------------------------
// Rotation you can trust: decide from Vault's state, never rotate twice,
// prove the leaked value dead, tell the webhook.

/// OpenBao's database engine over `pg`, with static role `role` for the
/// new database user `user`.
fn vault_static_role(pg: &Postgres, bao: &Bao, role: &str, user: &str) {
    pg.sql(&format!(
        "CREATE ROLE {user} LOGIN PASSWORD 'initial-{user}-1'"
    ));
    bao.ok(
        "POST",
        "sys/mounts/database",
        Some(json!({"type": "database"})),
    );
    bao.ok(
        "POST",
        "database/config/app",
        Some(json!({
            "plugin_name": "postgresql-database-plugin",
            "connection_url": format!("postgresql://{{{{username}}}}:{{{{password}}}}@127.0.0.1:{}/postgres", pg.port),
            "username": "postgres",
            "password": pg.superuser_password,
            "allowed_roles": "*",
        })),
    );
    bao.ok(
        "POST",
        &format!("database/static-roles/{role}"),
        Some(json!({"db_name": "app", "username": user, "rotation_period": "24h"})),
    );
}

/// A token for the README's keyhound policy; without `read` on
/// static-creds when `read_creds` is false.
fn keyhound_token(bao: &Bao, role: &str, read_creds: bool) -> String {
    let mut policy = format!(
        "path \"database/static-roles/{role}\" {{ capabilities = [\"read\"] }}\npath \"database/rotate-role/{role}\" {{ capabilities = [\"update\"] }}\n"
    );
    if read_creds {
        policy.push_str(&format!(
            "path \"database/static-creds/{role}\" {{ capabilities = [\"read\"] }}\n"
        ));
    }
    let name = if read_creds {
        "keyhound"
    } else {
        "keyhound-no-read"
    };
    bao.ok(
        "POST",
        &format!("sys/policies/acl/{name}"),
        Some(json!({ "policy": policy })),
    );
    bao.ok(
        "POST",
        "auth/token/create",
        Some(json!({"policies": [name], "no_default_policy": true})),
    )["auth"]["client_token"]
        .as_str()
        .unwrap()
        .to_string()
}

fn ledger_states(home: &Tree) -> Vec<(String, String)> {
    std::fs::read_to_string(home.join(".state/keyhound/rotation-ledger.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["target"].as_str().unwrap().to_string(),
                v["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The webhook receiver of outcome events: every delivery, answered 204.
fn receiver() -> Server {
    Server::start(|_| reply(204, ""))
}

fn event_types(rx: &Server) -> Vec<String> {
    rx.requests()
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn an_amended_commit_of_the_current_password_is_rotated_proved_dead_and_told() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    let bao = Bao::start(&bao_bin);
    vault_static_role(&pg, &bao, "orders-app", "orders_app");
    let token = keyhound_token(&bao, "orders-app", true);

    // T0: a commit with a placeholder. T1: Vault rotates. Then the
    // then-current password goes into the commit with --amend, which keeps
    // the author date T0 (before T1).
    let home = Tree::new();
    let repo = home.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git_now(&repo, &["init", "-q", "-b", "main"]);
    git_now(&repo, &["config", "user.name", "Ada Lovelace"]);
    git_now(&repo, &["config", "user.email", "ada@example.com"]);
    std::fs::write(repo.join("db.env"), "ORDERS_DATABASE_URL=see-vault\n").unwrap();
    git_now(&repo, &["add", "-A"]);
    git_now(&repo, &["commit", "-q", "--no-verify", "-m", "db config"]);
    std::thread::sleep(Duration::from_millis(1100));
    bao.ok("POST", "database/rotate-role/orders-app", None);
    let leaked = static_password(&bao, "orders-app");
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(
        repo.join("db.env"),
        format!(
            "ORDERS_DATABASE_URL=postgresql://orders_app:{leaked}@127.0.0.1:{}/postgres\n",
            pg.port
        ),
    )
    .unwrap();
    git_now(
        &repo,
        &["commit", "-q", "-a", "--amend", "--no-edit", "--no-verify"],
    );
    assert!(pg.login("orders_app", &leaked, "SELECT 1"));

    let rx = receiver();
    let sha = keyhound::finding::secret_sha256(leaked.as_bytes());
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nbackoff_base_ms = 50\n[[rotation.keys]]\nname = \"orders-db\"\nsha256 = \"{sha}\"\n\
             [[rotation.targets]]\nid = \"orders-db\"\ntype = \"vault\"\naddress = \"{}\"\ntoken = \"env:KH_TEST_VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"orders-app\"\nkeys = [\"orders-db\"]\n\
             [[rotation.targets]]\nid = \"team-hook\"\ntype = \"webhook\"\nurl = \"{}/hook\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\nkeys = [\"nobody\"]\n[[rotation.keys]]\nname = \"nobody\"\nsha256 = \"{}\"\n",
            bao.addr,
            rx.url(),
            "0".repeat(64)
        ),
    );
    let whsec = format!("whsec_{}", random_b64("outcome-hook", 24));
    let env = [
        ("KH_TEST_VAULT_TOKEN", token.as_str()),
        ("KH_TEST_WEBHOOK_SECRET", whsec.as_str()),
    ];
    let scan = [
        "scan",
        "--history",
        "--repo",
        "repo",
        "--rotate",
        "-f",
        "json",
    ];
    let o = run_env(home.path(), &scan, &env, None);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(err.contains("done        orders-db"), "{err}");
    assert!(err.contains("read static-creds"), "{err}");
    assert!(err.contains("verified    orders-db"), "{err}");
    assert!(!err.contains(&leaked), "{err}");
    assert!(
        !pg.login("orders_app", &leaked, "SELECT 1"),
        "the leaked password still logs in"
    );
    // The report carries the rotation.
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rot = &doc["findings"][0]["rotation"];
    assert_eq!(rot["state"], "verified", "{doc}");
    assert_eq!(rot["targets"][0]["target"], "orders-db", "{doc}");
    assert!(rot["targets"][0]["event_id"]
        .as_str()
        .unwrap()
        .starts_with("evt_"));
    // The webhook heard done, then verified — signed, once each.
    assert_eq!(
        event_types(&rx),
        ["keyhound.rotation.done", "keyhound.rotation.verified"]
    );
    for r in rx.requests() {
        assert!(r.standard_webhook_ok(&whsec), "{}", r.dump());
        assert!(!r.dump().contains(&leaked));
        assert_eq!(r.json()["data"]["target"], "orders-db");
    }
    let states = ledger_states(&home);
    assert!(
        states.contains(&("orders-db".into(), "verified".into())),
        "{states:?}"
    );
    // Again: nothing rotated, nothing told twice; the report still says verified.
    let before = last_rotation(&bao, "orders-app");
    let o = run_env(home.path(), &scan, &env, None);
    assert!(stderr(&o).contains("already done at"), "{}", stderr(&o));
    assert_eq!(last_rotation(&bao, "orders-app"), before);
    assert_eq!(rx.count(), 2);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["findings"][0]["rotation"]["state"], "verified", "{doc}");
    // With --fail-on-unrotated a verified-rotated finding passes CI.
    let mut pass = scan.to_vec();
    pass.push("--fail-on-unrotated");
    let o = run_env(home.path(), &pass, &env, None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    // Amended once more with Vault's new password, and a token that may
    // not read static-creds: the committer date decides (the author date
    // is still T0, before every rotation), and the output says so.
    let current = static_password(&bao, "orders-app");
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(
        repo.join("db.env"),
        format!(
            "ORDERS_DATABASE_URL=postgresql://orders_app:{current}@127.0.0.1:{}/postgres\n",
            pg.port
        ),
    )
    .unwrap();
    git_now(
        &repo,
        &["commit", "-q", "-a", "--amend", "--no-edit", "--no-verify"],
    );
    let sha2 = keyhound::finding::secret_sha256(current.as_bytes());
    let cfg_path = home.join(".no-user-config/keyhound/config.toml");
    let cfg = std::fs::read_to_string(&cfg_path)
        .unwrap()
        .replace(&sha, &sha2);
    std::fs::write(&cfg_path, cfg).unwrap();
    let no_read = keyhound_token(&bao, "orders-app", false);
    let env = [
        ("KH_TEST_VAULT_TOKEN", no_read.as_str()),
        ("KH_TEST_WEBHOOK_SECRET", whsec.as_str()),
    ];
    let o = run_env(home.path(), &scan, &env, None);
    let err = stderr(&o);
    assert!(err.contains("done        orders-db"), "{err}");
    assert!(err.contains("decided by date"), "{err}");
    assert!(err.contains("unverifiable orders-db"), "{err}");
    assert!(!pg.login("orders_app", &current, "SELECT 1"));
}

#[test]
fn a_lost_answer_to_rotate_role_rotates_once() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    let bao = Bao::start(&bao_bin);
    vault_static_role(&pg, &bao, "billing-app", "billing_app");
    let leaked = static_password(&bao, "billing-app");
    let before = last_rotation(&bao, "billing-app");

    // A proxy in front of OpenBao that forwards everything, and for the
    // first rotate-role forwards it, notes the rotation it caused, and
    // drops the answer.
    let upstream = bao.addr.clone();
    let after_first: Arc<std::sync::Mutex<Option<String>>> = Arc::default();
    let dropped = Arc::new(AtomicBool::new(false));
    let (seen, drop_flag) = (after_first.clone(), dropped.clone());
    let proxy = Server::start(move |req| {
        let http = loopback_client();
        let mut fwd = http.request(
            req.method.parse().unwrap(),
            format!("{upstream}{}", req.target),
        );
        for (name, value) in &req.headers {
            if name.eq_ignore_ascii_case("x-vault-token") {
                fwd = fwd.header("x-vault-token", value.as_str());
            }
        }
        let resp = fwd.body(req.body.clone()).send().unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().unwrap();
        if req.method == "POST"
            && req.target.contains("/rotate-role/")
            && !drop_flag.swap(true, Ordering::SeqCst)
        {
            let j: serde_json::Value = http
                .get(format!("{upstream}/v1/database/static-roles/billing-app"))
                .header("x-vault-token", "root")
                .send()
                .unwrap()
                .json()
                .unwrap();
            *seen.lock().unwrap() = j["data"]["last_vault_rotation"].as_str().map(String::from);
            return reply(502, "").hang_up();
        }
        reply(status, &text)
    });
    let home = Tree::new();
    home.write(
        "app/.env",
        format!(
            "BILLING_DB=postgres://billing_app:{leaked}@127.0.0.1:{}/postgres\n",
            pg.port
        ),
    );
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nbackoff_base_ms = 50\n[[rotation.keys]]\nname = \"billing\"\nsha256 = \"{}\"\n[[rotation.targets]]\nid = \"billing-db\"\ntype = \"vault\"\naddress = \"{}\"\ntoken = \"env:KH_TEST_VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"billing-app\"\nkeys = [\"billing\"]\n",
            keyhound::finding::secret_sha256(leaked.as_bytes()),
            proxy.url()
        ),
    );
    let o = run_env(
        home.path(),
        &["scan", "app", "--rotate"],
        &[("KH_TEST_VAULT_TOKEN", "root")],
        None,
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(dropped.load(Ordering::SeqCst), "the answer was dropped");
    assert!(err.contains("done        billing-db"), "{err}");
    assert!(err.contains("not sent again"), "{err}");
    let posts = proxy
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.target.contains("/rotate-role/"))
        .count();
    assert_eq!(posts, 1, "rotate-role sent once: {err}");
    // last_vault_rotation changed once: from before to what the one
    // forwarded request made it.
    let first = after_first.lock().unwrap().clone().unwrap();
    assert_ne!(first, before);
    assert_eq!(last_rotation(&bao, "billing-app"), first, "rotated twice");
    assert!(!pg.login("billing_app", &leaked, "SELECT 1"));
    assert!(ledger_states(&home).contains(&("billing-db".into(), "verified".into())));
}

#[test]
fn the_emergency_command_rotates_an_inventory_key_once_asks_first_and_again_only_when_told() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    let bao = Bao::start(&bao_bin);
    vault_static_role(&pg, &bao, "payments-app", "payments_app");
    let token = keyhound_token(&bao, "payments-app", true);
    let pw = static_password(&bao, "payments-app");
    let home = Tree::new();
    // The user's own config: the inventory and the Vault target.
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\n[[rotation.keys]]\nname = \"payments-db\"\nsha256 = \"{}\"\n[[rotation.targets]]\nid = \"payments-db\"\ntype = \"vault\"\naddress = \"{}\"\ntoken = \"env:KH_TEST_VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"payments-app\"\nkeys = [\"payments-db\"]\n",
            keyhound::finding::secret_sha256(pw.as_bytes()),
            bao.addr
        ),
    );
    // --config adds the team's webhook, naming the user's inventory key
    // (read besides the user's config, not instead of it).
    let rx = receiver();
    home.write(
        "team.toml",
        format!(
            "[rotation]\n[rotation.delivery]\nbackoff_base_ms = 50\n[[rotation.targets]]\nid = \"team-hook\"\ntype = \"webhook\"\nurl = \"{}/hook\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\nkeys = [\"payments-db\"]\n",
            rx.url()
        ),
    );
    let whsec = format!("whsec_{}", random_b64("emergency-hook", 24));
    let env = [
        ("KH_TEST_VAULT_TOKEN", token.as_str()),
        ("KH_TEST_WEBHOOK_SECRET", whsec.as_str()),
    ];
    let base = [
        "rotate",
        "--config",
        "team.toml",
        "--key",
        "payments-db",
        "--target",
        "payments-db",
        "--reason",
        "laptop with the .env stolen",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    let before = last_rotation(&bao, "payments-app");

    // Not on a terminal and no --yes: the plan, then nothing sent.
    let o = run_env(home.path(), &base, &env, None);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("target: payments-db (vault database-rotate-role)"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    assert_eq!(last_rotation(&bao, "payments-app"), before);

    // On a terminal, a "n" sends nothing either.
    if let Some((c, shown)) = on_a_terminal(home.path(), &base, &env, "n\n") {
        assert_eq!(c, 2, "{shown}");
        assert!(shown.contains("rotate now?"), "{shown}");
        assert_eq!(last_rotation(&bao, "payments-app"), before);
    }

    // --yes: rotated, proved, told — even though the config's mode is the
    // default dry-run (that governs rotation after scans).
    let o = run_env(home.path(), &with(&["--yes"]), &env, None);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}{}", stderr(&o));
    assert!(out.contains("done        payments-db"), "{out}");
    assert!(
        out.contains("emergency: laptop with the .env stolen"),
        "{out}"
    );
    assert!(out.contains("verified    payments-db"), "{out}");
    assert!(!pg.login("payments_app", &pw, "SELECT 1"));
    assert_eq!(
        event_types(&rx),
        ["keyhound.rotation.done", "keyhound.rotation.verified"]
    );
    assert!(rx.requests().iter().all(|r| r.standard_webhook_ok(&whsec)));
    let once = last_rotation(&bao, "payments-app");

    // Again without --again: the ledger has it done.
    let o = run_env(home.path(), &with(&["--yes"]), &env, None);
    assert!(stdout(&o).contains("already done at"), "{}", stdout(&o));
    assert_eq!(last_rotation(&bao, "payments-app"), once);
    assert_eq!(rx.count(), 2);

    // --again: once more, and the ledger says why.
    let o = run_env(home.path(), &with(&["--yes", "--again"]), &env, None);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_ne!(last_rotation(&bao, "payments-app"), once);
    let ledger =
        std::fs::read_to_string(home.join(".state/keyhound/rotation-ledger.jsonl")).unwrap();
    assert!(ledger.contains("again after evt_"), "{ledger}");
    assert!(ledger.contains("laptop with the .env stolen"), "{ledger}");
    assert!(!ledger.contains(&pw));
    let audit = std::fs::read_to_string(home.join(".state/keyhound/rotation-audit.jsonl")).unwrap();
    assert!(audit.contains("emergency"), "{audit}");
    // `rotation log --lifecycle`: each rotation's states in order — the
    // first, the --again one, and each outcome event delivered.
    let o = run_env(home.path(), &["rotation", "log", "--lifecycle"], &[], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let log = stdout(&o);
    assert_eq!(
        log.matches("payments-db  ").count(),
        2,
        "two rotations of payments-db: {log}"
    );
    assert_eq!(
        log.matches("planned → in_flight → done → verified").count(),
        2,
        "{log}"
    );
    assert!(log.contains("team-hook"), "the outcome events: {log}");
    let o = run_env(
        home.path(),
        &["rotation", "log", "--lifecycle", "-f", "json"],
        &[],
        None,
    );
    let rows: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let vault: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["target"] == "payments-db")
        .collect();
    assert_eq!(vault.len(), 2, "{rows:?}");
    assert!(vault.iter().all(|r| r["state"] == "verified"));
    assert!(vault[1]["states"][0] == "planned", "{rows:?}");
}

/// A proxy in front of moto whose `DescribeSecret` answers, while `hide`
/// is set, show no version as `AWSCURRENT` yet: what Secrets Manager shows
/// while a rotation Lambda has not finished (moto has no Lambda here).
fn lambda_not_done_proxy(upstream: String, hide: Arc<AtomicBool>) -> Server {
    let http = loopback_client();
    Server::start(move |req| {
        let mut fwd = http.post(format!("{upstream}{}", req.target));
        for (name, value) in &req.headers {
            let name = name.to_ascii_lowercase();
            if ["content-length", "connection", "transfer-encoding"].contains(&name.as_str()) {
                continue;
            }
            fwd = fwd.header(name, value.as_str());
        }
        let resp = fwd.body(req.body.clone()).send().unwrap();
        let status = resp.status().as_u16();
        let mut text = resp.text().unwrap();
        let describe = req.header("x-amz-target") == Some("secretsmanager.DescribeSecret");
        if describe && hide.load(Ordering::SeqCst) {
            text = text.replace("AWSCURRENT", "AWSPENDING");
        }
        reply(status, &text)
    })
}

#[test]
fn an_aws_rotation_is_pending_until_its_version_is_current_then_verified() {
    let Some(moto_bin) = moto_binary() else {
        return;
    };
    let moto = Moto::start(&moto_bin);
    let keys: serde_json::Value = serde_json::from_str(&moto.python(SETUP, &[])).unwrap();
    let (ak, sk) = (
        keys["id"].as_str().unwrap(),
        keys["secret"].as_str().unwrap(),
    );
    moto.check_auth_after(0);
    let hide = Arc::new(AtomicBool::new(true));
    let proxy = lambda_not_done_proxy(moto.endpoint.clone(), hide.clone());
    let leaked = github_pat("aws-pending");
    let home = Tree::new();
    home.write(
        "svc/settings.py",
        format!("ORDERS_API_TOKEN = \"{leaked}\"\n"),
    );
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nbackoff_base_ms = 50\nsettle_ms = 700\n[[rotation.keys]]\nname = \"orders-api\"\nsha256 = \"{}\"\n[[rotation.targets]]\nid = \"orders-secret\"\ntype = \"aws-secrets-manager\"\nregion = \"us-east-1\"\nendpoint = \"{}/\"\nsecret_id = \"prod/orders/api-key\"\naccess_key_id = \"env:KH_AWS_AK\"\nsecret_access_key = \"env:KH_AWS_SK\"\nkeys = [\"orders-api\"]\n",
            keyhound::finding::secret_sha256(leaked.as_bytes()),
            proxy.url()
        ),
    );
    let env = [("KH_AWS_AK", ak), ("KH_AWS_SK", sk)];
    let scan = ["scan", "svc", "--rotate", "-f", "json"];
    let o = run_env(home.path(), &scan, &env, None);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "pending is not a failure: {err}");
    assert!(err.contains("pending     orders-secret"), "{err}");
    assert!(!err.contains("verified    orders-secret"), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["findings"][0]["rotation"]["state"], "pending", "{doc}");
    // Still not finished: still pending, nothing sent again.
    let o = run_env(home.path(), &scan, &env, None);
    assert!(stderr(&o).contains("still not finished"), "{}", stderr(&o));
    // The Lambda finished: the next run sees AWSCURRENT, then proves it.
    hide.store(false, Ordering::SeqCst);
    let o = run_env(home.path(), &scan, &env, None);
    let err = stderr(&o);
    assert!(err.contains("done        orders-secret"), "{err}");
    assert!(err.contains("verified    orders-secret"), "{err}");
    let rotations = proxy
        .requests()
        .iter()
        .filter(|r| r.header("x-amz-target") == Some("secretsmanager.RotateSecret"))
        .count();
    assert_eq!(rotations, 1, "RotateSecret sent once");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["findings"][0]["rotation"]["state"], "verified", "{doc}");
}

#[test]
fn three_concurrent_runs_rotate_once_and_tell_each_outcome_once() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    let bao = Bao::start(&bao_bin);
    vault_static_role(&pg, &bao, "ledger-app", "ledger_app");
    let pw = static_password(&bao, "ledger-app");
    let rx = receiver();
    let home = Tree::new();
    home.write(
        "app/.env",
        format!(
            "LEDGER_DB=postgres://ledger_app:{pw}@127.0.0.1:{}/postgres\n",
            pg.port
        ),
    );
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[[rotation.keys]]\nname = \"ledger\"\nsha256 = \"{}\"\n[[rotation.targets]]\nid = \"ledger-db\"\ntype = \"vault\"\naddress = \"{}\"\ntoken = \"env:KH_TEST_VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"ledger-app\"\nkeys = [\"ledger\"]\n[[rotation.targets]]\nid = \"team-hook\"\ntype = \"webhook\"\nurl = \"{}/hook\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\nkeys = [\"none\"]\n[[rotation.keys]]\nname = \"none\"\nsha256 = \"{}\"\n",
            keyhound::finding::secret_sha256(pw.as_bytes()),
            bao.addr,
            rx.url(),
            "1".repeat(64)
        ),
    );
    let whsec = format!("whsec_{}", random_b64("concurrent-hook", 24));
    let children: Vec<_> = (0..3)
        .map(|_| {
            keyhound_process(home.path())
                .args(["scan", "app", "--rotate"])
                .env("KH_TEST_VAULT_TOKEN", "root")
                .env("KH_TEST_WEBHOOK_SECRET", &whsec)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let all: String = outs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert_eq!(all.matches("done        ledger-db").count(), 1, "{all}");
    assert_eq!(all.matches("already done at").count(), 2, "{all}");
    assert_eq!(
        event_types(&rx),
        ["keyhound.rotation.done", "keyhound.rotation.verified"],
        "{all}"
    );
    assert!(!pg.login("ledger_app", &pw, "SELECT 1"));
}

const LEAKY: &str = r#"
import boto3, json
kw = dict(endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **kw)
iam.create_user(UserName="leaky")
k = iam.create_access_key(UserName="leaky")["AccessKey"]
iam.create_user(UserName="admin")
iam.put_user_policy(UserName="admin", PolicyName="all", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
a = iam.create_access_key(UserName="admin")["AccessKey"]
print(json.dumps({"id": k["AccessKeyId"], "secret": k["SecretAccessKey"], "admin_id": a["AccessKeyId"], "admin_secret": a["SecretAccessKey"]}))
"#;

const DEACTIVATE: &str = r#"
import boto3, os
boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id=os.environ["AK"], aws_secret_access_key=os.environ["SK"]).delete_access_key(
    UserName="leaky", AccessKeyId=os.environ["LEAKED"])
"#;

#[test]
fn a_leaked_aws_key_pair_deleted_by_the_teams_job_is_verified_dead_with_sts() {
    let Some(moto_bin) = moto_binary() else {
        return;
    };
    let moto = Moto::start(&moto_bin);
    let k: serde_json::Value = serde_json::from_str(&moto.python(LEAKY, &[])).unwrap();
    let s = |n: &str| k[n].as_str().unwrap().to_string();
    let (key_id, secret) = (s("id"), s("secret"));
    moto.check_auth_after(0);
    // The team's rotation job: on the leak event it deletes the key (IAM
    // DeleteAccessKey, signed as an admin; moto's STS ignores Inactive).
    let (endpoint, admin_id, admin_secret, leaked_id) = (
        moto.endpoint.clone(),
        s("admin_id"),
        s("admin_secret"),
        key_id.clone(),
    );
    let rx = Server::start(move |r| {
        if r.json()["type"] == "keyhound.leak.confirmed" {
            let out = std::process::Command::new(venv_python())
                .arg("-c")
                .arg(format!("ENDPOINT = {endpoint:?}\n{DEACTIVATE}"))
                .env("AK", &admin_id)
                .env("SK", &admin_secret)
                .env("LEAKED", &leaked_id)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        reply(204, "")
    });
    let home = Tree::new();
    home.write(
        "deploy/credentials",
        format!("[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n"),
    );
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nsettle_ms = 3000\n[[rotation.targets]]\nid = \"aws-key-job\"\ntype = \"webhook\"\nurl = \"{}/hook\"\nsecret = \"env:KH_TEST_WEBHOOK_SECRET\"\nrules = [\"aws-secret-access-key\"]\n",
            rx.url()
        ),
    );
    let whsec = format!("whsec_{}", random_b64("aws-job-hook", 24));
    let ep = format!("aws={}", moto.endpoint);
    let o = run_env(
        home.path(),
        &[
            "scan",
            "deploy",
            "--verify",
            "--endpoint",
            &ep,
            "--rotate",
            "-f",
            "json",
        ],
        &[("KH_TEST_WEBHOOK_SECRET", whsec.as_str())],
        None,
    );
    let err = stderr(&o);
    // Verified live by STS, the job deleted it, STS now refuses it.
    assert!(err.contains("[confirmed by verification:live"), "{err}");
    assert!(err.contains("verified    aws-key-job"), "{err}");
    assert!(err.contains("the provider answers dead"), "{err}");
    assert!(!err.contains(&secret), "{err}");
    assert_eq!(
        code(&o),
        4,
        "the report still shows the finding as found live: {err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rotated: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rotation"]["state"] == "verified")
        .collect();
    assert_eq!(rotated.len(), 1, "{doc}");
    assert_eq!(rotated[0]["rule"], "aws-secret-access-key");
}
