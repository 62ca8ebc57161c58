//! The live inventory against real servers on 127.0.0.1 (issue 17): the
//! README's worked example with `rotation sync` instead of `add-key` —
//! OpenBao's database engine over a real PostgreSQL, a leak confirmed by
//! the synced entry, rotated, re-synced, and a second leak (of the new
//! password) confirmed and rotated while the first is reported as already
//! rotated; and `rotation status` showing overdue keys from real OpenBao
//! KV metadata and a real AWS Secrets Manager `NextRotationDate` (moto).
//! Installed by `.ci/prereqs-servers.sh`; without them these tests skip —
//! or fail, under `CI=true`.

mod support;

use serde_json::json;
use support::*;

fn static_password(bao: &Bao, role: &str) -> String {
    bao.ok("GET", &format!("database/static-creds/{role}"), None)["data"]["password"]
        .as_str()
        .unwrap()
        .to_string()
}

fn last_rotation(bao: &Bao, role: &str) -> String {
    bao.ok("GET", &format!("database/static-roles/{role}"), None)["data"]["last_vault_rotation"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The README's Vault setup: the database engine over `pg`, static role
/// `orders-app` for database user `orders_app`, and the README's keyhound
/// policy (which is also all `rotation sync` needs for one role).
fn readme_setup(pg: &Postgres, bao: &Bao) -> String {
    pg.sql("CREATE ROLE orders_app LOGIN PASSWORD 'set-by-vault-later'");
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
            "allowed_roles": "orders-app",
        })),
    );
    bao.ok(
        "POST",
        "database/static-roles/orders-app",
        Some(json!({"db_name": "orders", "username": "orders_app", "rotation_period": "24h"})),
    );
    let policy = "path \"database/static-roles/orders-app\" { capabilities = [\"read\"] }\n\
                  path \"database/static-creds/orders-app\" { capabilities = [\"read\"] }\n\
                  path \"database/rotate-role/orders-app\"  { capabilities = [\"update\"] }\n";
    bao.ok(
        "POST",
        "sys/policies/acl/keyhound",
        Some(json!({ "policy": policy })),
    );
    bao.ok(
        "POST",
        "auth/token/create",
        Some(json!({"policies": ["keyhound"], "no_default_policy": true})),
    )["auth"]["client_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Neither the secrets nor their sha256 in `text`.
fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!text.contains(s), "{what} holds a secret: {text}");
        let sha = keyhound::finding::secret_sha256(s.as_bytes());
        assert!(!text.contains(&sha), "{what} holds a sha256: {text}");
    }
}

/// Not even the fingerprint hash of a value that never leaked (a leak's
/// fingerprint is what reports and the ledger name it by).
fn assert_unnamed(what: &str, text: &str, secret: &str) {
    assert_clean(what, text, &[secret]);
    let fp = keyhound::fingerprint::key_hash(secret.as_bytes());
    assert!(
        !text.contains(&fp),
        "{what} holds a fingerprint hash: {text}"
    );
}

#[test]
fn the_worked_example_with_sync_confirms_rotates_resyncs_and_confirms_the_next_leak() {
    let (Some(bao_bin), Some(pg_bin)) = (bao_binary(), postgres_bin()) else {
        return;
    };
    let pg = Postgres::start(&pg_bin);
    let bao = Bao::start(&bao_bin);
    let token = readme_setup(&pg, &bao);
    let home = Tree::new();
    // No [[rotation.keys]], no `keys = [...]`: the synced entry names the
    // secret, and the target acting on it is the one that fires. A target
    // acting on another role must not (its token could not even read it).
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nbackoff_base_ms = 50\n\
             [[rotation.sources]]\nid = \"bao-db\"\ntype = \"vault-database\"\naddress = \"{a}\"\ntoken = \"env:VAULT_TOKEN\"\nroles = [\"orders-app\"]\n\
             [[rotation.inventory.keys]]\nname = \"orders-db\"\nvault_path = \"database/static-creds/orders-app\"\nowner = \"team-orders\"\nused_by = [\"orders-api\"]\nenvironment = \"production\"\ncriticality = \"high\"\nrotation_frequency = \"30d\"\nsupports_dual_key = false\n\
             [[rotation.targets]]\nid = \"orders-db\"\ntype = \"vault\"\naddress = \"{a}\"\ntoken = \"env:VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"orders-app\"\n\
             [[rotation.targets]]\nid = \"reports-db\"\ntype = \"vault\"\naddress = \"{a}\"\ntoken = \"env:VAULT_TOKEN\"\naction = \"database-rotate-role\"\nrole = \"reports-app\"\n",
            a = bao.addr
        ),
    );
    let env = [("VAULT_TOKEN", token.as_str())];
    let o = run_env(home.path(), &["rotation", "sync"], &env, None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("synced 1 secret from 1 source (1 new, 0 changed)"),
        "{}",
        stderr(&o)
    );
    let first = static_password(&bao, "orders-app");
    let inventory =
        || std::fs::read_to_string(home.join(".state/keyhound/inventory.json")).unwrap();
    assert_unnamed("inventory", &inventory(), &first);
    assert!(
        inventory().contains("\"name\": \"orders-db\""),
        "{}",
        inventory()
    );

    // The status: the guides' inventory fields, Vault's last rotation.
    let o = run_env(
        home.path(),
        &["rotation", "status", "-f", "json"],
        &env,
        None,
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let k = &doc["keys"][0];
    assert_eq!(k["name"], "orders-db", "{doc}");
    assert_eq!(k["source"], "vault-database");
    assert_eq!(k["path"], "database/static-creds/orders-app");
    assert_eq!(k["owner"], "team-orders");
    assert_eq!(k["used_by"], json!(["orders-api"]));
    assert_eq!(k["state"], "ok");
    let vault_last: jiff::Timestamp = last_rotation(&bao, "orders-app").parse().unwrap();
    let shown: jiff::Timestamp = k["last_rotated"].as_str().unwrap().parse().unwrap();
    assert!(
        (shown.as_second() - vault_last.as_second()).abs() <= 1,
        "{k}"
    );
    // The inventory's 30d beats Vault's 24h rotation_period.
    assert_eq!(k["rotation_period_seconds"], 30 * 86_400);

    // The password is committed, then the file deleted: the README's story.
    let repo = home.join("repo");
    std::fs::create_dir_all(repo.join("config")).unwrap();
    git_now(&repo, &["init", "-q", "-b", "main"]);
    git_now(&repo, &["config", "user.name", "Ada Lovelace"]);
    git_now(&repo, &["config", "user.email", "ada@example.com"]);
    let url = |pw: &str| {
        format!(
            "ORDERS_DATABASE_URL=postgresql://orders_app:{pw}@127.0.0.1:{}/postgres\n",
            pg.port
        )
    };
    std::fs::write(repo.join("config/database.env"), url(&first)).unwrap();
    git_now(&repo, &["add", "-A"]);
    git_now(&repo, &["commit", "-q", "--no-verify", "-m", "db config"]);
    git_now(&repo, &["rm", "-q", "config/database.env"]);
    git_now(&repo, &["commit", "-q", "--no-verify", "-m", "oops"]);
    assert!(pg.login("orders_app", &first, "SELECT 1"));
    let initial = last_rotation(&bao, "orders-app");
    let scan = ["scan", "--history", "--repo", "repo", "--rotate"];
    let o = run_env(home.path(), &scan, &env, None);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(err.contains("[confirmed by inventory:orders-db;"), "{err}");
    assert!(err.contains("done        orders-db"), "{err}");
    assert!(err.contains("verified    orders-db"), "{err}");
    assert!(err.contains("re-synced   orders-db"), "{err}");
    assert!(
        !err.contains("reports-db"),
        "the other role's target fired: {err}"
    );
    assert!(!pg.login("orders_app", &first, "SELECT 1"));
    let second = static_password(&bao, "orders-app");
    assert_ne!(first, second);
    assert_clean("inventory after the rotation", &inventory(), &[&first]);
    assert_unnamed("inventory after the rotation", &inventory(), &second);

    // Someone commits the new password too. The old leak is history; the
    // new one is confirmed by the re-synced entry and rotated.
    let rotated_at = last_rotation(&bao, "orders-app");
    std::fs::create_dir_all(repo.join("config")).unwrap();
    std::fs::write(repo.join("config/database.env"), url(&second)).unwrap();
    git_now(&repo, &["add", "-A"]);
    git_now(&repo, &["commit", "-q", "--no-verify", "-m", "again"]);
    let o = run_env(home.path(), &scan, &env, None);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    // The first password belonged to the role's version before the
    // rotation (static roles have no number: their last rotation time).
    assert!(
        err.contains("already rotated postgres-connection-string:"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "an older value of inventory key \"orders-db\" (version {initial})"
        )),
        "{err}"
    );
    assert!(!err.contains("not confirmed"), "{err}");
    assert_eq!(
        err.matches("done        orders-db").count(),
        1,
        "the new leak rotated once, the old one not again: {err}"
    );
    assert!(err.contains("verified    orders-db"), "{err}");
    assert!(!pg.login("orders_app", &second, "SELECT 1"));
    assert_ne!(last_rotation(&bao, "orders-app"), rotated_at);
    assert_clean("scan output", &err, &[&first, &second]);
    assert_clean(
        "inventory after the second rotation",
        &inventory(),
        &[&first, &second],
    );
    assert_unnamed(
        "inventory after the second rotation",
        &inventory(),
        &static_password(&bao, "orders-app"),
    );

    // Both leaks are rotated and proved dead: nothing to alarm on.
    let o = run_env(home.path(), &["rotation", "status"], &env, None);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("1 key: 1 ok"), "{}", stdout(&o));
}

const AWS_SETUP: &str = r#"
import boto3, json, os
sm = boto3.client("secretsmanager", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id="setup", aws_secret_access_key="setup")
sm.create_secret(Name="prod/payments/api", SecretString=json.dumps({"user": "payments", "token": os.environ["OLD"]}))
# Rotation on, every day, without a Lambda: moto keeps the value and sets NextRotationDate.
sm.rotate_secret(SecretId="prod/payments/api", RotationRules={"AutomaticallyAfterDays": 1}, RotateImmediately=False)
sm.put_secret_value(SecretId="prod/payments/api", SecretString=json.dumps({"user": "payments", "token": os.environ["NEW"]}))
d = sm.describe_secret(SecretId="prod/payments/api")
print(json.dumps({"next": d["NextRotationDate"].timestamp(), "arn": d["ARN"]}))
"#;

#[test]
fn status_shows_overdue_keys_from_openbao_kv_metadata_and_moto_next_rotation_date() {
    let (Some(bao_bin), Some(moto_bin)) = (bao_binary(), moto_binary()) else {
        return;
    };
    let bao = Bao::start(&bao_bin);
    let moto = Moto::start(&moto_bin);
    let now = jiff::Timestamp::now();
    let days = |n: i64| {
        now.checked_add(jiff::SignedDuration::from_hours(24 * n))
            .unwrap()
            .round(jiff::Unit::Second)
            .unwrap()
            .to_string()
    };
    // KV v2 (the dev server mounts it at secret/): one key whose metadata
    // says its rotation was due five days ago, one rotated on schedule
    // (two versions: the first is history).
    let orders = github_pat("inventory-kv-orders");
    bao.ok(
        "POST",
        "secret/data/apps/orders",
        Some(json!({"data": {"api_token": orders}})),
    );
    bao.ok(
        "POST",
        "secret/metadata/apps/orders",
        Some(json!({"custom_metadata": {"rotated_at": days(-35), "next_rotation": days(-5), "owner": "team-orders"}})),
    );
    let billing_v1 = github_pat("inventory-kv-billing-1");
    let billing_v2 = github_pat("inventory-kv-billing-2");
    for v in [&billing_v1, &billing_v2] {
        bao.ok(
            "POST",
            "secret/data/apps/billing",
            Some(json!({"data": {"api_token": v}})),
        );
    }
    bao.ok(
        "POST",
        "secret/metadata/apps/billing",
        Some(json!({"custom_metadata": {"rotated_at": days(0), "next_rotation": days(60)}})),
    );
    let (old, new) = (
        github_pat("inventory-aws-old"),
        github_pat("inventory-aws-new"),
    );
    let made: serde_json::Value = serde_json::from_str(
        &moto.python(AWS_SETUP, &[("OLD", old.as_str()), ("NEW", new.as_str())]),
    )
    .unwrap();
    let next_rotation =
        jiff::Timestamp::from_second(made["next"].as_f64().unwrap() as i64).unwrap();

    let home = Tree::new();
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\n[rotation.delivery]\nbackoff_base_ms = 50\n\
             [[rotation.sources]]\nid = \"bao-kv\"\ntype = \"vault-kv\"\naddress = \"{}\"\ntoken = \"env:VAULT_TOKEN\"\nmount = \"secret\"\npath = \"apps\"\n\
             [[rotation.sources]]\nid = \"aws\"\ntype = \"aws-secrets-manager\"\nregion = \"us-east-1\"\nendpoint = \"{}/\"\naccess_key_id = \"env:KH_AWS_AK\"\nsecret_access_key = \"env:KH_AWS_SK\"\n",
            bao.addr, moto.endpoint
        ),
    );
    // A YAML inventory in the guides' shape names the AWS key's owner.
    home.write(
        "inventory.yaml",
        "keys:\n  - name: payments-api\n    aws_secret: prod/payments/api\n    owner: team-payments\n    used_by: payments-service\n    criticality: critical\n    supports_dual_key: true\n",
    );
    let env = [
        ("VAULT_TOKEN", "root"),
        ("KH_AWS_AK", "testing"),
        ("KH_AWS_SK", "testing"),
    ];
    let o = run_env(
        home.path(),
        &["rotation", "import", "inventory.yaml"],
        &env,
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 1 item"), "{}", stderr(&o));
    let o = run_env(home.path(), &["rotation", "sync"], &env, None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("synced 3 secrets from 2 sources (3 new, 0 changed)"),
        "{}",
        stderr(&o)
    );
    // A second sync with nothing changed reads no value again: with a
    // token that may read metadata only, it still syncs without a note;
    // a new version is read (and, denied, noted) for that secret only.
    bao.ok(
        "POST",
        "sys/policies/acl/metadata-only",
        Some(
            json!({"policy": "path \"secret/metadata/*\" { capabilities = [\"read\", \"list\"] }"}),
        ),
    );
    let meta_token = bao.ok(
        "POST",
        "auth/token/create",
        Some(json!({"policies": ["metadata-only"], "no_default_policy": true})),
    )["auth"]["client_token"]
        .as_str()
        .unwrap()
        .to_string();
    let meta_env = [
        ("VAULT_TOKEN", meta_token.as_str()),
        ("KH_AWS_AK", "testing"),
        ("KH_AWS_SK", "testing"),
    ];
    let o = run_env(home.path(), &["rotation", "sync"], &meta_env, None);
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "{err}");
    assert!(err.contains("(0 new, 0 changed)"), "{err}");
    assert!(
        !err.contains("not readable"),
        "a value was read again: {err}"
    );
    let docs = github_pat("inventory-kv-docs");
    bao.ok(
        "POST",
        "secret/data/apps/docs",
        Some(json!({"data": {"api_token": docs}})),
    );
    let o = run_env(home.path(), &["rotation", "sync"], &meta_env, None);
    let err = stderr(&o);
    assert!(
        err.contains("secret/apps/docs: value not readable"),
        "{err}"
    );
    assert_eq!(err.matches("not readable").count(), 1, "{err}");
    let all = [&orders, &billing_v1, &billing_v2, &old, &new, &docs];
    let inv = std::fs::read_to_string(home.join(".state/keyhound/inventory.json")).unwrap();
    for s in all {
        assert_unnamed("inventory", &inv, s);
    }

    let status = |extra: &[&str]| {
        let mut args = vec!["rotation", "status", "-f", "json"];
        args.extend_from_slice(extra);
        let o = run_env(home.path(), &args, &env, None);
        let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        (code(&o), doc)
    };
    let key = |doc: &serde_json::Value, name: &str| -> serde_json::Value {
        doc["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .unwrap_or_else(|| panic!("no key {name}: {doc}"))
            .clone()
    };
    let (c, doc) = status(&[]);
    assert_eq!(c, 1, "an overdue key fails the monitor: {doc}");
    let o = key(&doc, "secret/apps/orders");
    assert_eq!(o["state"], "overdue", "{o}");
    assert_eq!(o["next_due"], days(-5), "{o}");
    assert_eq!(o["last_rotated"], days(-35), "{o}");
    assert_eq!(o["source_id"], "bao-kv");
    assert_eq!(o["version"], "1");
    let b = key(&doc, "secret/apps/billing");
    assert_eq!(b["state"], "ok", "{b}");
    assert_eq!(b["version"], "2");
    // moto's NextRotationDate (a day from now) is within the 7 days: due.
    let p = key(&doc, "payments-api");
    assert_eq!(p["state"], "due", "{p}");
    assert_eq!(p["next_due"], next_rotation.to_string(), "{p}");
    assert_eq!(p["owner"], "team-payments");
    assert_eq!(p["source"], "aws-secrets-manager");
    assert_eq!(p["rotation_period_seconds"], 86_400);
    assert_eq!(doc["summary"]["overdue"], 1, "{doc}");
    // Two days on, the AWS key is overdue too.
    let (c, doc) = status(&["--at", "+2d"]);
    assert_eq!(c, 1);
    assert_eq!(key(&doc, "payments-api")["state"], "overdue", "{doc}");
    let text = run_env(home.path(), &["rotation", "status"], &env, None);
    let text = stdout(&text);
    assert!(text.contains("OVERDUE"), "{text}");
    assert!(text.contains("rotation was due at"), "{text}");
    // The same states as Prometheus metrics, for the textfile collector.
    let prom = home.path().join("rotation.prom");
    let o = run_env(
        home.path(),
        &["rotation", "status", "--metrics", prom.to_str().unwrap()],
        &env,
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let metrics = std::fs::read_to_string(&prom).unwrap();
    assert!(metrics.contains("keyhound_keys_overdue 1\n"), "{metrics}");
    assert!(
        metrics.contains("keyhound_key_state{key=\"secret/apps/orders\",state=\"overdue\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("keyhound_key_state{key=\"payments-api\",state=\"due\"} 1"),
        "{metrics}"
    );
    if let Some(promtool) = tools::promtool() {
        let (ok, out) = tools::run_promtool(&promtool, &["check", "metrics"], &metrics);
        assert!(ok, "{out}\n{metrics}");
    }
    for s in all {
        assert_clean("status", &text, &[s]);
        assert_clean("status json", &doc.to_string(), &[s]);
        assert_clean("status metrics", &metrics, &[s]);
    }

    // Leaks: billing's first version and the AWS key's previous value are
    // already rotated (with their versions); the AWS key's current value
    // is confirmed, and without a rotation it is leaked and unrotated.
    home.write(
        "leaks/settings.py",
        format!("BILLING_TOKEN = \"{billing_v1}\"\nPAYMENTS_OLD = \"{old}\"\nPAYMENTS_TOKEN = \"{new}\"\n"),
    );
    let o = run_env(home.path(), &["scan", "leaks", "--dry-run"], &env, None);
    let err = stderr(&o);
    assert!(
        err.contains("an older value of inventory key \"secret/apps/billing\" (version 1)"),
        "{err}"
    );
    assert!(
        err.contains("an older value of inventory key \"payments-api\" (version "),
        "{err}"
    );
    for s in all {
        assert_clean("scan output", &err, &[s]);
    }
    let (c, doc) = status(&[]);
    assert_eq!(c, 1);
    assert_eq!(
        key(&doc, "payments-api")["state"],
        "leaked_unrotated",
        "{doc}"
    );
    assert_eq!(key(&doc, "secret/apps/billing")["state"], "ok", "{doc}");
}

const AWS_TWO: &str = r#"
import boto3, json, os
sm = boto3.client("secretsmanager", endpoint_url=ENDPOINT, region_name="us-east-1",
    aws_access_key_id="setup", aws_secret_access_key="setup")
a = sm.create_secret(Name="prod/orders/api", SecretString=json.dumps({"token": os.environ["ORDERS"]}))["ARN"]
sm.create_secret(Name="prod/other/api", SecretString="other-" + "x" * 20)
print(a)
"#;

#[test]
fn a_leak_confirmed_by_a_synced_aws_secret_goes_to_the_target_of_its_arn_only() {
    let Some(moto_bin) = moto_binary() else {
        return;
    };
    let moto = Moto::start(&moto_bin);
    let leaked = github_pat("inventory-aws-orders");
    let arn = moto.python(AWS_TWO, &[("ORDERS", leaked.as_str())]);
    let arn = arn.trim();
    let home = Tree::new();
    let target = |id: &str, secret: &str| {
        format!(
            "[[rotation.targets]]\nid = \"{id}\"\ntype = \"aws-secrets-manager\"\nregion = \"us-east-1\"\nendpoint = \"{}/\"\nsecret_id = \"{secret}\"\naccess_key_id = \"env:KH_AWS_AK\"\nsecret_access_key = \"env:KH_AWS_SK\"\n",
            moto.endpoint
        )
    };
    home.write(
        ".no-user-config/keyhound/config.toml",
        format!(
            "[rotation]\nmode = \"enforce\"\n[rotation.delivery]\nbackoff_base_ms = 50\nsettle_ms = 700\n\
             [[rotation.sources]]\nid = \"aws\"\ntype = \"aws-secrets-manager\"\nregion = \"us-east-1\"\nendpoint = \"{}/\"\naccess_key_id = \"env:KH_AWS_AK\"\nsecret_access_key = \"env:KH_AWS_SK\"\n{}{}",
            moto.endpoint,
            target("other-secret", "prod/other/api"),
            target("orders-secret", arn),
        ),
    );
    let env = [("KH_AWS_AK", "testing"), ("KH_AWS_SK", "testing")];
    let o = run_env(home.path(), &["rotation", "sync"], &env, None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    home.write(
        "svc/settings.py",
        format!("ORDERS_API_TOKEN = \"{leaked}\"\n"),
    );
    let o = run_env(home.path(), &["scan", "svc", "--rotate"], &env, None);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(
        err.contains("done        orders-secret"),
        "the ARN's target: {err}"
    );
    assert!(
        err.contains("[confirmed by inventory:prod/orders/api;"),
        "{err}"
    );
    assert!(err.contains("verified    orders-secret"), "{err}");
    assert!(
        !err.contains("other-secret"),
        "another secret's target fired: {err}"
    );
    assert!(err.contains("re-synced   prod/orders/api"), "{err}");
    assert!(!err.contains(&leaked), "{err}");
    // The re-synced entry holds the rotation's version; the leaked value
    // is history, so a second scan finds it already rotated.
    let o = run_env(home.path(), &["scan", "svc", "--rotate"], &env, None);
    let err = stderr(&o);
    assert!(err.contains("already rotated github-pat-classic:"), "{err}");
    assert!(!err.contains("done        orders-secret"), "{err}");
    let o = run_env(
        home.path(),
        &["rotation", "status", "-f", "json"],
        &env,
        None,
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}
