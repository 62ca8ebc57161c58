//! The `[rotation]` section of the user's config: mode, limits, state
//! files, the key inventory and the targets, checked once at load time.
//!
//! Credentials are never written in the config itself: a credential field
//! takes `env:NAME` or `file:PATH`, and a literal value is a load error, so
//! a config file can be shared or committed without leaking what it guards.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::rules::Severity;

/// `[rotation]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotationConfig {
    /// `dry-run` (default): print what would be sent. `enforce`: send it.
    #[serde(default)]
    pub mode: Mode,
    /// At most this many actions are fired in one run (default 5); a mass
    /// event needs a human.
    #[serde(default = "default_max_actions")]
    pub max_actions_per_run: usize,
    /// Contexts in which rotation may fire, for targets that do not say
    /// (default: `ci` and `audit`; a blocked pre-commit has not leaked yet).
    #[serde(default)]
    pub contexts: Option<Vec<Context>>,
    /// The ledger file (default `$XDG_STATE_HOME/keyhound/rotation-ledger.jsonl`).
    #[serde(default)]
    pub ledger: Option<PathBuf>,
    /// The audit log (default `$XDG_STATE_HOME/keyhound/rotation-audit.jsonl`).
    #[serde(default)]
    pub audit_log: Option<PathBuf>,
    #[serde(default)]
    pub delivery: DeliveryConfig,
    /// Known production keys, by sha256: a match confirms a leak offline.
    /// Legacy: the live inventory (`[rotation.inventory]`, `rotation sync`,
    /// `rotation add-key`) holds keyed hashes instead.
    #[serde(default)]
    pub keys: Vec<InventoryKey>,
    #[serde(default)]
    pub targets: Vec<TargetConfig>,
    /// `[[rotation.sources]]`: the secret managers `rotation sync` reads.
    #[serde(default)]
    pub sources: Vec<SourceConfig>,
    /// `[rotation.inventory]`: where the live inventory is kept, and the
    /// inventory fields of its keys.
    #[serde(default)]
    pub inventory: InventoryConfig,
}

/// `[rotation.inventory]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InventoryConfig {
    /// The inventory file (default `$XDG_STATE_HOME/keyhound/inventory.json`).
    #[serde(default)]
    pub file: Option<PathBuf>,
    /// A key is `due` this many days before its next rotation (default 7).
    #[serde(default)]
    pub due_within_days: Option<u32>,
    /// `[[rotation.inventory.keys]]`: owner, schedule, … of inventory keys,
    /// the same fields as a YAML inventory file (`rotation import`).
    #[serde(default)]
    pub keys: Vec<KeyMeta>,
}

/// The inventory fields of one key, as the rotation guides list them;
/// from `[[rotation.inventory.keys]]` or a YAML inventory file. An item
/// applies to the synced entry with its `name`, `vault_path` or
/// `aws_secret` (ARN or name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The provider the key belongs to (`postgres`, `stripe`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The services that use the key (one name or a list).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub used_by: Vec<String>,
    /// `low`, `medium`, `high`, `critical` (free text, shown as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criticality: Option<String>,
    /// How often the key must be rotated: `30d`, `12h`, `2w`, `90 days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_frequency: Option<String>,
    /// Whether two keys can be valid at once during a rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports_dual_key: Option<bool>,
    /// The Vault/OpenBao path of the key: `secret/apps/orders` (KV v2,
    /// `secret/data/…` too) or `database/static-creds/orders-app`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_path: Option<String>,
    /// The AWS Secrets Manager secret (ARN or name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_secret: Option<String>,
}

/// A string or a list of strings.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Parses a rotation frequency (`30d`, `12h`, `2w`, `90 days`, `45m`,
/// `3600s`, or a bare number of days) into seconds.
pub fn parse_frequency(text: &str) -> Result<i64, String> {
    let t = text.trim().to_ascii_lowercase();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let unit = t[digits.len()..].trim();
    let n: i64 = digits.parse().map_err(|_| {
        format!("rotation_frequency {text:?}: expected a number and a unit (30d, 12h, 2w)")
    })?;
    let scale = match unit {
        "" | "d" | "day" | "days" => 86_400,
        "w" | "week" | "weeks" => 7 * 86_400,
        "h" | "hour" | "hours" => 3_600,
        "m" | "min" | "minutes" => 60,
        "s" | "sec" | "seconds" => 1,
        _ => {
            return Err(format!(
                "rotation_frequency {text:?}: unknown unit {unit:?} (s, m, h, d, w)"
            ))
        }
    };
    if n == 0 {
        return Err(format!("rotation_frequency {text:?} must be more than 0"));
    }
    Ok(n.saturating_mul(scale))
}

/// `[[rotation.sources]]`: one secret manager `rotation sync` reads.
#[derive(Debug, Clone)]
pub struct SourceConfig {
    /// Stable id: names the source in the inventory and in `status`.
    pub id: String,
    pub kind: SourceKind,
}

/// What a source reads.
#[derive(Debug, Clone)]
pub enum SourceKind {
    /// `type = "vault-kv"`: the KV v2 secrets under `path` of `mount`.
    VaultKv {
        conn: VaultConn,
        mount: String,
        /// A folder (listed recursively) or `""` for the whole mount.
        path: String,
    },
    /// `type = "vault-database"`: the static roles of a database mount.
    VaultDatabase {
        conn: VaultConn,
        mount: String,
        /// The roles to read; every static role of the mount if empty.
        roles: Vec<String>,
    },
    /// `type = "aws-secrets-manager"`: every secret (or those whose name
    /// starts with `name_prefix`).
    AwsSecretsManager {
        conn: AwsConn,
        name_prefix: Option<String>,
        /// `GetSecretValue` (off: metadata only; leaks are then not
        /// confirmed by these secrets).
        read_values: bool,
    },
}

impl SourceKind {
    /// The `type` as written in the config.
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceKind::VaultKv { .. } => "vault-kv",
            SourceKind::VaultDatabase { .. } => "vault-database",
            SourceKind::AwsSecretsManager { .. } => "aws-secrets-manager",
        }
    }
}

/// How to reach a Vault/OpenBao server: the fields of a vault target
/// without its action.
#[derive(Debug, Clone)]
pub struct VaultConn {
    pub address: String,
    pub auth: VaultAuth,
    pub namespace: Option<String>,
    pub ca_cert: Option<PathBuf>,
}

/// How to reach AWS Secrets Manager.
#[derive(Debug, Clone)]
pub struct AwsConn {
    pub region: String,
    pub endpoint: Option<String>,
    pub access_key_id: CredentialRef,
    pub secret_access_key: CredentialRef,
    pub session_token: Option<CredentialRef>,
}

impl VaultConn {
    /// A vault target with this connection (the clients take targets).
    pub fn as_target(&self, action: VaultAction) -> VaultTarget {
        VaultTarget {
            address: self.address.clone(),
            auth: self.auth.clone(),
            namespace: self.namespace.clone(),
            ca_cert: self.ca_cert.clone(),
            action,
        }
    }
}

impl AwsConn {
    /// An aws target with this connection, for `secret_id`.
    pub fn as_target(&self, secret_id: &str) -> AwsTarget {
        AwsTarget {
            region: self.region.clone(),
            endpoint: self.endpoint.clone(),
            secret_id: secret_id.to_string(),
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: self.session_token.clone(),
            rotation_lambda_arn: None,
        }
    }
}

/// The `type` of a source.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum SourceType {
    VaultKv,
    VaultDatabase,
    AwsSecretsManager,
}

impl<'de> Deserialize<'de> for SourceConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let table = toml::Table::deserialize(d)?;
        SourceConfig::read(Fields { table }).map_err(serde::de::Error::custom)
    }
}

impl SourceConfig {
    fn read(mut f: Fields) -> Result<SourceConfig, String> {
        let id: String = f.need("id", "[[rotation.sources]]")?;
        Self::read_rest(id.clone(), f).map_err(|e| format!("[[rotation.sources]] `{id}`: {e}"))
    }

    fn read_rest(id: String, mut f: Fields) -> Result<SourceConfig, String> {
        let ty: SourceType = f
            .take("type")?
            .ok_or("a source needs `type` (vault-kv, vault-database or aws-secrets-manager)")?;
        let vault = |f: &mut Fields, owner: &str| -> Result<VaultConn, String> {
            Ok(VaultConn {
                address: f.need("address", owner)?,
                auth: VaultAuth::read(f)?,
                namespace: f.take("namespace")?,
                ca_cert: f.take("ca_cert")?,
            })
        };
        let kind = match ty {
            SourceType::VaultKv => SourceKind::VaultKv {
                conn: vault(&mut f, "a vault-kv source")?,
                mount: f.take("mount")?.unwrap_or_else(|| "secret".into()),
                path: f.take("path")?.unwrap_or_default(),
            },
            SourceType::VaultDatabase => SourceKind::VaultDatabase {
                conn: vault(&mut f, "a vault-database source")?,
                mount: f.take("mount")?.unwrap_or_else(|| "database".into()),
                roles: f.take("roles")?.unwrap_or_default(),
            },
            SourceType::AwsSecretsManager => {
                let owner = "an aws-secrets-manager source";
                SourceKind::AwsSecretsManager {
                    conn: AwsConn {
                        region: f.need("region", owner)?,
                        endpoint: f.take("endpoint")?,
                        access_key_id: f.need("access_key_id", owner)?,
                        secret_access_key: f.need("secret_access_key", owner)?,
                        session_token: f.take("session_token")?,
                    },
                    name_prefix: f.take("name_prefix")?,
                    read_values: f.take("read_values")?.unwrap_or(true),
                }
            }
        };
        f.finish(&format!("a {} source", kind.as_str()))?;
        Ok(SourceConfig { id, kind })
    }

    fn check(&self) -> Result<(), String> {
        match &self.kind {
            SourceKind::VaultKv { conn, mount, path } => {
                check_url(&conn.address)?;
                check_path_segment("mount", mount)?;
                if !path.is_empty() {
                    check_path_segment("path", path)?;
                }
                Ok(())
            }
            SourceKind::VaultDatabase { conn, mount, roles } => {
                check_url(&conn.address)?;
                check_path_segment("mount", mount)?;
                for r in roles {
                    check_path_segment("roles", r)?;
                }
                Ok(())
            }
            SourceKind::AwsSecretsManager { conn, .. } => {
                check_region(&conn.region)?;
                conn.endpoint.as_deref().map_or(Ok(()), check_url)
            }
        }
    }
}

fn default_max_actions() -> usize {
    5
}

/// `dry-run` or `enforce`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    #[default]
    DryRun,
    Enforce,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::DryRun => "dry-run",
            Mode::Enforce => "enforce",
        }
    }
}

/// Where keyhound runs: decides whether rotation may fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// `scan --staged`: the commit is blocked, the key has not leaked yet.
    PreCommit,
    /// `CI=true`.
    Ci,
    /// Anything else: a human or a scheduled job auditing a repository.
    Audit,
}

impl Context {
    pub fn as_str(self) -> &'static str {
        match self {
            Context::PreCommit => "pre-commit",
            Context::Ci => "ci",
            Context::Audit => "audit",
        }
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `[rotation.delivery]`: timeouts and the retry budget of every HTTP call.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryConfig {
    #[serde(default = "d_connect")]
    pub connect_timeout_ms: u64,
    #[serde(default = "d_request")]
    pub request_timeout_ms: u64,
    /// Attempts per request, the first included.
    #[serde(default = "d_attempts")]
    pub max_attempts: u32,
    /// No new attempt starts after this much time since the first.
    #[serde(default = "d_elapsed")]
    pub max_elapsed_ms: u64,
    #[serde(default = "d_base")]
    pub backoff_base_ms: u64,
    #[serde(default = "d_cap")]
    pub backoff_cap_ms: u64,
    /// How long to wait, after a rotation was accepted, for it to show:
    /// an asynchronous rotation to finish (else `pending`), a rotated key
    /// to stop working (else `still_live`).
    #[serde(default = "d_settle")]
    pub settle_ms: u64,
}

fn d_connect() -> u64 {
    3_000
}
fn d_request() -> u64 {
    10_000
}
fn d_attempts() -> u32 {
    8
}
fn d_elapsed() -> u64 {
    60_000
}
fn d_base() -> u64 {
    1_000
}
fn d_cap() -> u64 {
    10_000
}
fn d_settle() -> u64 {
    10_000
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            connect_timeout_ms: d_connect(),
            request_timeout_ms: d_request(),
            max_attempts: d_attempts(),
            max_elapsed_ms: d_elapsed(),
            backoff_base_ms: d_base(),
            backoff_cap_ms: d_cap(),
            settle_ms: d_settle(),
        }
    }
}

/// `[[rotation.keys]]`: one production key, by hash (`keyhound rotation add-key`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InventoryKey {
    pub name: String,
    /// Lowercase hex sha256 of the key.
    pub sha256: String,
    /// Rule id (or glob) the key must be found by; any rule if absent.
    #[serde(default)]
    pub rule: Option<String>,
}

const LITERAL_CREDENTIAL: &str =
    "a literal credential is not allowed in config; write env:NAME or file:PATH";

/// A credential reference: `env:NAME` or `file:PATH`, never the value.
#[derive(Clone, PartialEq, Eq)]
pub enum CredentialRef {
    Env(String),
    File(PathBuf),
}

impl fmt::Debug for CredentialRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for CredentialRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialRef::Env(n) => write!(f, "env:{n}"),
            CredentialRef::File(p) => write!(f, "file:{}", p.display()),
        }
    }
}

impl CredentialRef {
    /// Reads the credential now (trailing newline of a file trimmed).
    pub fn resolve(&self) -> Result<String, String> {
        let value = match self {
            CredentialRef::Env(name) => {
                std::env::var(name).map_err(|_| format!("credential env:{name} is not set"))?
            }
            CredentialRef::File(p) => std::fs::read_to_string(p)
                .map_err(|e| format!("credential file:{}: {e}", p.display()))?
                .trim_end_matches(['\n', '\r'])
                .to_string(),
        };
        if value.is_empty() {
            return Err(format!("credential {self} is empty"));
        }
        Ok(value)
    }
}

impl<'de> Deserialize<'de> for CredentialRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if let Some(name) = s.strip_prefix("env:") {
            if name.is_empty() {
                return Err(serde::de::Error::custom("env: needs a variable name"));
            }
            return Ok(CredentialRef::Env(name.to_string()));
        }
        if let Some(path) = s.strip_prefix("file:") {
            if path.is_empty() {
                return Err(serde::de::Error::custom("file: needs a path"));
            }
            return Ok(CredentialRef::File(PathBuf::from(path)));
        }
        // Never echo the value: it is probably the credential itself.
        Err(serde::de::Error::custom(LITERAL_CREDENTIAL))
    }
}

/// `[[rotation.targets]]`: the fields every target has, and in `kind` the
/// fields of its `type` — each required one present, no field of another
/// type (a load error otherwise, see [`Fields`]).
#[derive(Debug, Clone)]
pub struct TargetConfig {
    /// Stable id: part of every event id, so renaming a target re-arms it.
    pub id: String,
    /// Rule-id globs; `["*"]` by default.
    pub rules: Option<Vec<String>>,
    /// gitignore-style path globs; any path if empty.
    pub paths: Vec<String>,
    /// Inventory key names: the target fires only for these keys.
    pub keys: Vec<String>,
    pub min_severity: Option<Severity>,
    pub contexts: Option<Vec<Context>>,
    /// Also fire for findings that are neither live nor in the inventory,
    /// once a human confirms on a terminal.
    pub accept_unknown: bool,
    pub kind: TargetKind,
}

/// The `type` of a target, with the fields that type uses.
#[derive(Debug, Clone)]
pub enum TargetKind {
    Webhook(WebhookTarget),
    Vault(VaultTarget),
    AwsSecretsManager(AwsTarget),
    GithubRevoke(GithubTarget),
    AwsIamDeactivate(AwsIamTarget),
    GitlabRevoke(RevokeTarget),
    SlackRevoke(RevokeTarget),
}

impl TargetKind {
    /// The `type` as written in the config.
    pub fn as_str(&self) -> &'static str {
        match self {
            TargetKind::Webhook(_) => TargetType::Webhook.as_str(),
            TargetKind::Vault(_) => TargetType::Vault.as_str(),
            TargetKind::AwsSecretsManager(_) => TargetType::AwsSecretsManager.as_str(),
            TargetKind::GithubRevoke(_) => TargetType::GithubRevoke.as_str(),
            TargetKind::AwsIamDeactivate(_) => TargetType::AwsIamDeactivate.as_str(),
            TargetKind::GitlabRevoke(_) => TargetType::GitlabRevoke.as_str(),
            TargetKind::SlackRevoke(_) => TargetType::SlackRevoke.as_str(),
        }
    }
}

/// `type = "webhook"`.
#[derive(Debug, Clone)]
pub struct WebhookTarget {
    pub url: String,
    /// Standard Webhooks signing secret (`whsec_…` base64, or raw bytes).
    pub secret: CredentialRef,
    /// Also send GitHub-style `X-Hub-Signature-256`.
    pub hub_signature: bool,
    /// Put the plaintext secret in the payload (off: sha256 and a hint only).
    pub include_secret: bool,
    /// Also receive the outcome events of the other targets'
    /// rotations (`keyhound.rotation.done`, `.verified`, `.failed`, …);
    /// on unless `notify = false`.
    pub notify: bool,
}

/// `type = "vault"` (HashiCorp Vault or OpenBao).
#[derive(Debug, Clone)]
pub struct VaultTarget {
    pub address: String,
    pub auth: VaultAuth,
    pub namespace: Option<String>,
    pub ca_cert: Option<PathBuf>,
    pub action: VaultAction,
}

/// How a vault target logs in: `token`, or `approle_role_id` and
/// `approle_secret_id` (never both ways).
#[derive(Debug, Clone)]
pub enum VaultAuth {
    Token(CredentialRef),
    AppRole {
        role_id: CredentialRef,
        secret_id: CredentialRef,
        /// `approle_mount` (default `approle`).
        mount: String,
    },
}

/// What a `vault` target does, with the paths that action needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultAction {
    /// `POST {mount}/rotate-role/{role}`: a database static role.
    DatabaseRotateRole { mount: String, role: String },
    /// `POST {mount}/rotate-root/{connection}`: the engine's own credential.
    DatabaseRotateRoot { mount: String, connection: String },
    /// `PUT sys/leases/revoke-prefix/{prefix}` with `sync: true`.
    LeaseRevokePrefix { prefix: String },
    /// `PATCH {kv_mount}/metadata/{kv_path}`: custom_metadata marks the leak.
    KvMark { kv_mount: String, kv_path: String },
}

impl VaultAction {
    /// The `action` as written in the config.
    pub fn as_str(&self) -> &'static str {
        self.name().as_str()
    }

    fn name(&self) -> ActionName {
        match self {
            VaultAction::DatabaseRotateRole { .. } => ActionName::DatabaseRotateRole,
            VaultAction::DatabaseRotateRoot { .. } => ActionName::DatabaseRotateRoot,
            VaultAction::LeaseRevokePrefix { .. } => ActionName::LeaseRevokePrefix,
            VaultAction::KvMark { .. } => ActionName::KvMark,
        }
    }

    /// The configured Vault path pieces, by field name.
    fn paths(&self) -> Vec<(&'static str, &str)> {
        match self {
            VaultAction::DatabaseRotateRole { mount, role } => {
                vec![("mount", mount), ("role", role)]
            }
            VaultAction::DatabaseRotateRoot { mount, connection } => {
                vec![("mount", mount), ("connection", connection)]
            }
            VaultAction::LeaseRevokePrefix { prefix } => vec![("prefix", prefix)],
            VaultAction::KvMark { kv_mount, kv_path } => {
                vec![("kv_mount", kv_mount), ("kv_path", kv_path)]
            }
        }
    }
}

/// `type = "aws-secrets-manager"`.
#[derive(Debug, Clone)]
pub struct AwsTarget {
    pub region: String,
    /// Another endpoint than `https://secretsmanager.{region}.amazonaws.com/`.
    pub endpoint: Option<String>,
    pub secret_id: String,
    pub access_key_id: CredentialRef,
    pub secret_access_key: CredentialRef,
    pub session_token: Option<CredentialRef>,
    pub rotation_lambda_arn: Option<String>,
}

/// `type = "github-revoke"`.
#[derive(Debug, Clone)]
pub struct GithubTarget {
    /// Default `https://api.github.com`.
    pub base_url: Option<String>,
}

/// `type = "aws-iam-deactivate"`: the provider's kill switch for a leaked
/// access key id (IAM `UpdateAccessKey` to `Inactive`), signed with the
/// operator's credentials.
#[derive(Debug, Clone)]
pub struct AwsIamTarget {
    /// The region STS is reached in and requests are signed for (IAM is
    /// global: `us-east-1`); default `us-east-1`.
    pub region: String,
    /// One endpoint for IAM and STS instead of `https://iam.amazonaws.com/`
    /// (LocalStack, moto).
    pub endpoint: Option<String>,
    pub access_key_id: CredentialRef,
    pub secret_access_key: CredentialRef,
    pub session_token: Option<CredentialRef>,
    /// Also attach the inline deny-all policy `keyhound-quarantine` to the
    /// key's user (every key and the console of that user stop working).
    pub quarantine: bool,
}

/// `type = "gitlab-revoke"` and `type = "slack-revoke"`: the leaked token
/// revokes itself at its provider.
#[derive(Debug, Clone)]
pub struct RevokeTarget {
    /// Default `https://gitlab.com` / `https://slack.com`; a self-managed
    /// GitLab's URL.
    pub base_url: Option<String>,
}

/// The `type` key's values.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum TargetType {
    Webhook,
    Vault,
    AwsSecretsManager,
    GithubRevoke,
    AwsIamDeactivate,
    GitlabRevoke,
    SlackRevoke,
}

impl TargetType {
    fn as_str(self) -> &'static str {
        match self {
            TargetType::Webhook => "webhook",
            TargetType::Vault => "vault",
            TargetType::AwsSecretsManager => "aws-secrets-manager",
            TargetType::GithubRevoke => "github-revoke",
            TargetType::AwsIamDeactivate => "aws-iam-deactivate",
            TargetType::GitlabRevoke => "gitlab-revoke",
            TargetType::SlackRevoke => "slack-revoke",
        }
    }
}

/// The `action` key's values.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ActionName {
    DatabaseRotateRole,
    DatabaseRotateRoot,
    LeaseRevokePrefix,
    KvMark,
}

impl ActionName {
    fn as_str(self) -> &'static str {
        match self {
            ActionName::DatabaseRotateRole => "database-rotate-role",
            ActionName::DatabaseRotateRoot => "database-rotate-root",
            ActionName::LeaseRevokePrefix => "lease-revoke-prefix",
            ActionName::KvMark => "kv-mark",
        }
    }
}

/// The keys of one `[[rotation.targets]]` table, taken out one by one as
/// the target's type reads its fields: a key still there at the end
/// belongs to no field of that type. One reader instead of
/// `deny_unknown_fields` structs because the common fields and the type's
/// fields share one table (serde's `flatten` cannot deny unknown keys),
/// and so that the errors say which type or action wanted what.
struct Fields {
    table: toml::Table,
}

impl Fields {
    /// `name`'s value, if written.
    fn take<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, String> {
        self.table
            .remove(name)
            .map(|v| T::deserialize(v).map_err(|e| format!("`{name}`: {}", e.message())))
            .transpose()
    }

    /// `name`'s value, which `owner` ("a webhook target") cannot do without.
    fn need<T: DeserializeOwned>(&mut self, name: &str, owner: &str) -> Result<T, String> {
        self.take(name)?
            .ok_or_else(|| format!("{owner} needs `{name}`"))
    }

    /// A switch, off unless written.
    fn flag(&mut self, name: &str) -> Result<bool, String> {
        Ok(self.take(name)?.unwrap_or(false))
    }

    /// Every key was some field of `owner`.
    fn finish(self, owner: &str) -> Result<(), String> {
        match self.table.keys().next() {
            Some(k) => Err(format!("field `{k}` is not used by {owner}")),
            None => Ok(()),
        }
    }
}

impl<'de> Deserialize<'de> for TargetConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let table = toml::Table::deserialize(d)?;
        TargetConfig::read(Fields { table }).map_err(serde::de::Error::custom)
    }
}

impl TargetConfig {
    fn read(mut f: Fields) -> Result<TargetConfig, String> {
        let id: String = f.need("id", "[[rotation.targets]]")?;
        // Backquotes, not quotes: config errors drop every quoted run
        // (src/diagnostic.rs), and the id is what says which target.
        Self::read_rest(id.clone(), f).map_err(|e| format!("[[rotation.targets]] `{id}`: {e}"))
    }

    fn read_rest(id: String, mut f: Fields) -> Result<TargetConfig, String> {
        let ty: TargetType = f.take("type")?.ok_or(
            "a target needs `type` (webhook, vault, aws-secrets-manager, github-revoke, aws-iam-deactivate, gitlab-revoke or slack-revoke)",
        )?;
        let rules = f.take("rules")?;
        let paths = f.take("paths")?.unwrap_or_default();
        let keys = f.take("keys")?.unwrap_or_default();
        let min_severity = f.take("min_severity")?;
        let contexts = f.take("contexts")?;
        let accept_unknown = f.flag("accept_unknown")?;
        let owner = format!("a {} target", ty.as_str());
        let kind = match ty {
            TargetType::Webhook => TargetKind::Webhook(WebhookTarget::read(&mut f, &owner)?),
            TargetType::Vault => TargetKind::Vault(VaultTarget::read(&mut f, &owner)?),
            TargetType::AwsSecretsManager => {
                TargetKind::AwsSecretsManager(AwsTarget::read(&mut f, &owner)?)
            }
            TargetType::GithubRevoke => TargetKind::GithubRevoke(GithubTarget {
                base_url: f.take("base_url")?,
            }),
            TargetType::AwsIamDeactivate => {
                TargetKind::AwsIamDeactivate(AwsIamTarget::read(&mut f, &owner)?)
            }
            TargetType::GitlabRevoke => TargetKind::GitlabRevoke(RevokeTarget {
                base_url: f.take("base_url")?,
            }),
            TargetType::SlackRevoke => TargetKind::SlackRevoke(RevokeTarget {
                base_url: f.take("base_url")?,
            }),
        };
        match &kind {
            TargetKind::Vault(v) => f.finish(&format!("{owner} with action {}", v.action.as_str())),
            _ => f.finish(&owner),
        }?;
        Ok(TargetConfig {
            id,
            rules,
            paths,
            keys,
            min_severity,
            contexts,
            accept_unknown,
            kind,
        })
    }
}

impl WebhookTarget {
    fn read(f: &mut Fields, owner: &str) -> Result<Self, String> {
        Ok(WebhookTarget {
            url: f.need("url", owner)?,
            secret: f.need("secret", owner)?,
            hub_signature: f.flag("hub_signature")?,
            include_secret: f.flag("include_secret")?,
            notify: f.take("notify")?.unwrap_or(true),
        })
    }
}

impl VaultTarget {
    fn read(f: &mut Fields, owner: &str) -> Result<Self, String> {
        Ok(VaultTarget {
            address: f.need("address", owner)?,
            auth: VaultAuth::read(f)?,
            namespace: f.take("namespace")?,
            ca_cert: f.take("ca_cert")?,
            action: VaultAction::read(f)?,
        })
    }
}

impl VaultAuth {
    fn read(f: &mut Fields) -> Result<Self, String> {
        let token = f.take("token")?;
        let role_id = f.take("approle_role_id")?;
        let secret_id = f.take("approle_secret_id")?;
        let mount: Option<String> = f.take("approle_mount")?;
        match (token, role_id, secret_id) {
            (Some(_), None, None) if mount.is_some() => {
                Err("field `approle_mount` is not used with `token`".into())
            }
            (Some(token), None, None) => Ok(VaultAuth::Token(token)),
            (None, Some(role_id), Some(secret_id)) => Ok(VaultAuth::AppRole {
                role_id,
                secret_id,
                mount: mount.unwrap_or_else(|| "approle".into()),
            }),
            _ => {
                Err("give either `token` or both `approle_role_id` and `approle_secret_id`".into())
            }
        }
    }
}

impl VaultAction {
    fn read(f: &mut Fields) -> Result<Self, String> {
        let name: ActionName = f.take("action")?.ok_or(
            "a vault target needs `action` (database-rotate-role, database-rotate-root, lease-revoke-prefix or kv-mark)",
        )?;
        let owner = format!("action {}", name.as_str());
        let mount = |f: &mut Fields| -> Result<String, String> {
            Ok(f.take("mount")?.unwrap_or_else(|| "database".into()))
        };
        Ok(match name {
            ActionName::DatabaseRotateRole => VaultAction::DatabaseRotateRole {
                mount: mount(f)?,
                role: f.need("role", &owner)?,
            },
            ActionName::DatabaseRotateRoot => VaultAction::DatabaseRotateRoot {
                mount: mount(f)?,
                connection: f.need("connection", &owner)?,
            },
            ActionName::LeaseRevokePrefix => VaultAction::LeaseRevokePrefix {
                prefix: f.need("prefix", &owner)?,
            },
            ActionName::KvMark => VaultAction::KvMark {
                kv_mount: f.take("kv_mount")?.unwrap_or_else(|| "secret".into()),
                kv_path: f.need("kv_path", &owner)?,
            },
        })
    }
}

impl AwsTarget {
    fn read(f: &mut Fields, owner: &str) -> Result<Self, String> {
        Ok(AwsTarget {
            region: f.need("region", owner)?,
            endpoint: f.take("endpoint")?,
            secret_id: f.need("secret_id", owner)?,
            access_key_id: f.need("access_key_id", owner)?,
            secret_access_key: f.need("secret_access_key", owner)?,
            session_token: f.take("session_token")?,
            rotation_lambda_arn: f.take("rotation_lambda_arn")?,
        })
    }
}

impl AwsIamTarget {
    fn read(f: &mut Fields, owner: &str) -> Result<Self, String> {
        Ok(AwsIamTarget {
            region: f.take("region")?.unwrap_or_else(|| "us-east-1".into()),
            endpoint: f.take("endpoint")?,
            access_key_id: f.need("access_key_id", owner)?,
            secret_access_key: f.need("secret_access_key", owner)?,
            session_token: f.take("session_token")?,
            quarantine: f.flag("quarantine")?,
        })
    }
}

/// An AWS region name: lowercase letters, digits and dashes.
fn check_region(region: &str) -> Result<(), String> {
    let valid = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    if region.is_empty() || !region.bytes().all(valid) {
        return Err(format!("region {region:?} is not an AWS region name"));
    }
    Ok(())
}

impl RotationConfig {
    /// Checks what the target types cannot check alone: unique ids,
    /// globs, URLs (https only, except loopback), Vault paths, inventory
    /// hashes. A target's `keys` may name keys of the live inventory
    /// file, which a config load does not read: a name found nowhere is
    /// reported by the rotation run instead.
    pub fn validate(&self) -> Result<(), String> {
        self.check()
    }

    /// [`validate`](Self::validate) (kept for callers that add keys one
    /// at a time).
    pub fn validate_partial_inventory(&self) -> Result<(), String> {
        self.check()
    }

    fn check(&self) -> Result<(), String> {
        if self.max_actions_per_run == 0 {
            return Err("[rotation] max_actions_per_run must be at least 1".into());
        }
        if self.delivery.max_attempts == 0 {
            return Err("[rotation.delivery] max_attempts must be at least 1".into());
        }
        let mut names = std::collections::HashSet::new();
        for k in &self.keys {
            if k.name.trim().is_empty() {
                return Err("[[rotation.keys]] name may not be empty".into());
            }
            if !names.insert(k.name.as_str()) {
                return Err(format!("[[rotation.keys]] name {:?} is used twice", k.name));
            }
            if k.sha256.len() != 64 || !k.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "[[rotation.keys]] {:?}: sha256 must be 64 hex characters",
                    k.name
                ));
            }
            if let Some(r) = &k.rule {
                globset::Glob::new(r)
                    .map_err(|e| format!("[[rotation.keys]] {:?}: rule {r:?}: {e}", k.name))?;
            }
        }
        let mut sources = std::collections::HashSet::new();
        for s in &self.sources {
            if s.id.trim().is_empty() {
                return Err("[[rotation.sources]] id may not be empty".into());
            }
            if !sources.insert(s.id.as_str()) {
                return Err(format!("[[rotation.sources]] id {:?} is used twice", s.id));
            }
            s.check()
                .map_err(|e| format!("[[rotation.sources]] {:?}: {e}", s.id))?;
        }
        for k in &self.inventory.keys {
            if let Some(f) = &k.rotation_frequency {
                parse_frequency(f).map_err(|e| format!("[[rotation.inventory.keys]]: {e}"))?;
            }
            if k.name.is_none() && k.vault_path.is_none() && k.aws_secret.is_none() {
                return Err(
                    "[[rotation.inventory.keys]]: each key needs `name`, `vault_path` or `aws_secret`"
                        .into(),
                );
            }
        }
        let mut ids = std::collections::HashSet::new();
        for t in &self.targets {
            if t.id.trim().is_empty() {
                return Err("[[rotation.targets]] id may not be empty".into());
            }
            if !ids.insert(t.id.as_str()) {
                return Err(format!("[[rotation.targets]] id {:?} is used twice", t.id));
            }
            t.check()
                .map_err(|e| format!("[[rotation.targets]] {:?}: {e}", t.id))?;
        }
        Ok(())
    }

    /// The contexts a target may fire in.
    pub fn contexts_for(&self, t: &TargetConfig) -> Vec<Context> {
        t.contexts
            .clone()
            .or_else(|| self.contexts.clone())
            .unwrap_or_else(|| vec![Context::Ci, Context::Audit])
    }
}

impl TargetConfig {
    fn check(&self) -> Result<(), String> {
        for g in self.rules.iter().flatten() {
            globset::Glob::new(g).map_err(|e| format!("rules: {g:?}: {e}"))?;
        }
        match &self.kind {
            TargetKind::Webhook(w) => {
                check_url(&w.url)?;
                // A secret readable now is checked now: a `whsec_` key that
                // is not base64 would sign nothing the receiver accepts.
                if let Ok(secret) = w.secret.resolve() {
                    if let Some(b) = secret.strip_prefix("whsec_") {
                        use base64::Engine as _;
                        base64::engine::general_purpose::STANDARD
                            .decode(b)
                            .map_err(|_| {
                                format!(
                                    "secret {}: starts with whsec_ but the rest is not base64",
                                    w.secret
                                )
                            })?;
                    }
                }
                Ok(())
            }
            TargetKind::Vault(v) => {
                check_url(&v.address)?;
                if let VaultAuth::AppRole { mount, .. } = &v.auth {
                    check_path_segment("approle_mount", mount)?;
                }
                for (name, value) in v.action.paths() {
                    check_path_segment(name, value)?;
                }
                Ok(())
            }
            TargetKind::AwsSecretsManager(a) => {
                check_region(&a.region)?;
                a.endpoint.as_deref().map_or(Ok(()), check_url)
            }
            TargetKind::AwsIamDeactivate(a) => {
                check_region(&a.region)?;
                a.endpoint.as_deref().map_or(Ok(()), check_url)
            }
            TargetKind::GithubRevoke(g) => g.base_url.as_deref().map_or(Ok(()), check_url),
            TargetKind::GitlabRevoke(g) | TargetKind::SlackRevoke(g) => {
                g.base_url.as_deref().map_or(Ok(()), check_url)
            }
        }
    }

    /// The rule globs (default: every rule).
    pub fn rule_globs(&self) -> Vec<String> {
        self.rules.clone().unwrap_or_else(|| vec!["*".to_string()])
    }

    /// The default minimum severity is `medium`.
    pub fn min_severity(&self) -> Severity {
        self.min_severity.unwrap_or(Severity::Medium)
    }

    /// A short description of what the target does, for output.
    pub fn describe(&self) -> String {
        match &self.kind {
            TargetKind::Vault(v) => format!("vault {}", v.action.as_str()),
            k => k.as_str().to_string(),
        }
    }
}

/// https, or http to a loopback IP; no credentials or fragment in the URL
/// (the one rule of src/endpoint.rs).
pub fn check_url(raw: &str) -> Result<(), String> {
    crate::endpoint::parse(raw)
        .map(|_| ())
        .map_err(|e| format!("url: {e}"))
}

/// A Vault path piece: no `..`, no query, no leading slash surprises.
fn check_path_segment(name: &str, v: &str) -> Result<(), String> {
    let bad = v.is_empty()
        || v.split('/').any(|s| s == ".." || s == ".")
        || v.contains(['?', '#', '%', ' ', '\\']);
    if bad {
        return Err(format!("`{name}` = {v:?} is not a plain Vault path"));
    }
    Ok(())
}

/// Where rotation keeps its state: `$XDG_STATE_HOME/keyhound`, else
/// `~/.local/state/keyhound`.
pub fn state_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("state")))
        .map(|p| p.join("keyhound"))
}

/// The rotation config in force and the directory its relative paths are
/// relative to.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub config: RotationConfig,
    pub base: PathBuf,
}

impl Resolved {
    pub fn ledger_path(&self) -> Result<PathBuf, String> {
        self.state_file(self.config.ledger.as_deref(), "rotation-ledger.jsonl")
    }

    pub fn audit_path(&self) -> Result<PathBuf, String> {
        self.state_file(self.config.audit_log.as_deref(), "rotation-audit.jsonl")
    }

    /// The live inventory file (`[rotation.inventory] file`, else the
    /// state directory's `inventory.json`).
    pub fn inventory_path(&self) -> Result<PathBuf, String> {
        self.state_file(self.config.inventory.file.as_deref(), "inventory.json")
    }

    fn state_file(&self, configured: Option<&Path>, default: &str) -> Result<PathBuf, String> {
        match configured {
            Some(p) if p.is_absolute() => Ok(p.to_path_buf()),
            Some(p) => Ok(self.base.join(p)),
            None => state_dir()
                .map(|d| d.join(default))
                .ok_or_else(|| "cannot find a state directory: set XDG_STATE_HOME or HOME".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RotationConfig, String> {
        #[derive(Deserialize)]
        struct F {
            rotation: RotationConfig,
        }
        let f: F = toml::from_str(text).map_err(|e| crate::diagnostic::toml_error(text, &e))?;
        f.rotation.validate()?;
        Ok(f.rotation)
    }

    #[test]
    fn literal_credential_is_refused_without_echoing_it() {
        let e = parse(
            "[rotation]\n[[rotation.targets]]\nid = \"w\"\ntype = \"webhook\"\nurl = \"https://h.example/x\"\nsecret = \"whsec_c2VjcmV0\"\n", // keyhound:allow (fake test value)
        )
        .unwrap_err();
        assert!(e.contains("literal credential"), "{e}");
        // The target's table is read as a whole, so the position is its
        // `[[rotation.targets]]` line; the target and the field are named.
        assert!(e.contains("line 2"), "{e}");
        assert!(e.contains("`w`: `secret`:"), "{e}");
        assert!(!e.contains("c2VjcmV0"), "{e}");
    }

    #[test]
    fn fields_must_fit_the_type() {
        let e = parse(
            "[rotation]\n[[rotation.targets]]\nid = \"w\"\ntype = \"webhook\"\nurl = \"https://h.example/x\"\nsecret = \"env:S\"\nrole = \"r\"\n",
        )
        .unwrap_err();
        assert!(e.contains("`role` is not used by a webhook target"), "{e}");
        let e = parse(
            "[rotation]\n[[rotation.targets]]\nid = \"v\"\ntype = \"vault\"\naddress = \"https://v.example\"\ntoken = \"env:T\"\naction = \"database-rotate-role\"\n",
        )
        .unwrap_err();
        assert!(e.contains("needs `role`"), "{e}");
        let e = parse(
            "[rotation]\n[[rotation.targets]]\nid = \"v\"\ntype = \"vault\"\naddress = \"https://v.example\"\naction = \"kv-mark\"\nkv_path = \"a\"\n",
        )
        .unwrap_err();
        assert!(e.contains("either `token`"), "{e}");
    }

    #[test]
    fn fields_must_fit_the_action() {
        let vault = "[rotation]\n[[rotation.targets]]\nid = \"v\"\ntype = \"vault\"\naddress = \"https://v.example\"\ntoken = \"env:T\"\n";
        let e = parse(&format!(
            "{vault}action = \"lease-revoke-prefix\"\nprefix = \"database/creds/app\"\nrole = \"r\"\n"
        ))
        .unwrap_err();
        assert!(
            e.contains("`role` is not used by a vault target with action lease-revoke-prefix"),
            "{e}"
        );
        let e = parse(&format!(
            "{vault}action = \"kv-mark\"\nkv_path = \"a\"\nurl = \"https://h.example\"\n"
        ))
        .unwrap_err();
        assert!(e.contains("`url` is not used by a vault target"), "{e}");
        let e = parse(&format!("{vault}kv_path = \"a\"\n")).unwrap_err();
        assert!(e.contains("a vault target needs `action`"), "{e}");
        let e = parse(&format!(
            "{vault}action = \"kv-mark\"\napprole_mount = \"ar\"\nkv_path = \"a\"\n"
        ))
        .unwrap_err();
        assert!(
            e.contains("`approle_mount` is not used with `token`"),
            "{e}"
        );
        let e = parse(&format!(
            "{vault}action = \"kv-mark\"\nkv_path = \"../a\"\n"
        ))
        .unwrap_err();
        assert!(e.contains("`kv_path`"), "{e}");
        assert!(e.contains("not a plain Vault path"), "{e}");
        let e =
            parse("[rotation]\n[[rotation.targets]]\nid = \"w\"\nurl = \"https://h.example/x\"\n")
                .unwrap_err();
        assert!(e.contains("`w`"), "{e}");
        assert!(e.contains("needs `type`"), "{e}");
        let e = parse(
            "[rotation]\n[[rotation.targets]]\nid = \"a\"\ntype = \"aws-secrets-manager\"\nregion = \"eu-west-1\"\nsecret_id = \"s\"\naccess_key_id = \"env:A\"\n",
        )
        .unwrap_err();
        assert!(e.contains("target needs `secret_access_key`"), "{e}");
    }

    #[test]
    fn the_parsed_target_is_typed_with_defaults_filled_in() {
        let c = parse(
            "[rotation]\n[[rotation.targets]]\nid = \"v\"\ntype = \"vault\"\naddress = \"https://v.example\"\napprole_role_id = \"env:R\"\napprole_secret_id = \"file:/s\"\naction = \"database-rotate-role\"\nrole = \"orders\"\n",
        )
        .unwrap();
        let t = &c.targets[0];
        assert_eq!(t.describe(), "vault database-rotate-role");
        let TargetKind::Vault(v) = &t.kind else {
            panic!("{t:?}")
        };
        assert_eq!(
            v.action,
            VaultAction::DatabaseRotateRole {
                mount: "database".into(),
                role: "orders".into()
            }
        );
        match &v.auth {
            VaultAuth::AppRole {
                role_id,
                secret_id,
                mount,
            } => {
                assert_eq!(role_id, &CredentialRef::Env("R".into()));
                assert_eq!(secret_id, &CredentialRef::File("/s".into()));
                assert_eq!(mount, "approle");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(check_url("https://hooks.example.com/x").is_ok());
        assert!(check_url("http://127.0.0.1:8080/x").is_ok());
        assert!(check_url("http://[::1]:8080/x").is_ok());
        assert!(check_url("http://localhost/x").is_err());
        assert!(check_url("http://hooks.example.com/x").is_err());
        assert!(check_url("http://10.0.0.1/x").is_err());
        assert!(check_url("ftp://127.0.0.1/x").is_err());
        assert!(check_url("https://user:pw@h.example/x").is_err());
    }

    #[test]
    fn defaults() {
        let c = parse("[rotation]\n").unwrap();
        assert_eq!(c.mode, Mode::DryRun);
        assert_eq!(c.max_actions_per_run, 5);
        assert_eq!(c.delivery.connect_timeout_ms, 3000);
        assert_eq!(c.delivery.request_timeout_ms, 10000);
    }

    #[test]
    fn sources_read_their_own_fields_only() {
        let c = parse(
            "[rotation]\n[[rotation.sources]]\nid = \"kv\"\ntype = \"vault-kv\"\naddress = \"https://v.example\"\ntoken = \"env:T\"\npath = \"apps\"\n[[rotation.sources]]\nid = \"aws\"\ntype = \"aws-secrets-manager\"\nregion = \"eu-west-1\"\naccess_key_id = \"env:A\"\nsecret_access_key = \"env:S\"\n",
        )
        .unwrap();
        match &c.sources[0].kind {
            SourceKind::VaultKv { mount, path, .. } => {
                assert_eq!((mount.as_str(), path.as_str()), ("secret", "apps"))
            }
            other => panic!("{other:?}"),
        }
        match &c.sources[1].kind {
            SourceKind::AwsSecretsManager { read_values, .. } => assert!(*read_values),
            other => panic!("{other:?}"),
        }
        let e = parse("[rotation]\n[[rotation.sources]]\nid = \"kv\"\ntype = \"vault-kv\"\naddress = \"https://v.example\"\ntoken = \"env:T\"\nrole = \"r\"\n").unwrap_err();
        assert!(e.contains("`role` is not used by a vault-kv source"), "{e}");
        let e = parse("[rotation]\n[[rotation.sources]]\nid = \"db\"\ntype = \"vault-database\"\naddress = \"https://v.example\"\ntoken = \"hvs.literal-token-value\"\n").unwrap_err();
        assert!(e.contains("literal credential"), "{e}");
        assert!(!e.contains("literal-token-value"), "{e}");
        let e = parse("[rotation]\n[[rotation.sources]]\nid = \"db\"\ntype = \"vault-database\"\naddress = \"http://v.example\"\ntoken = \"env:T\"\n").unwrap_err();
        assert!(e.contains("loopback"), "{e}");
        let e = parse("[rotation]\n[[rotation.sources]]\nid = \"db\"\ntype = \"vault-database\"\naddress = \"https://v.example\"\ntoken = \"env:T\"\nroles = [\"../x\"]\n").unwrap_err();
        assert!(e.contains("not a plain Vault path"), "{e}");
    }

    #[test]
    fn inventory_items_are_checked_at_load() {
        let e = parse("[rotation]\n[[rotation.inventory.keys]]\nname = \"k\"\nrotation_frequency = \"monthly\"\n").unwrap_err();
        assert!(e.contains("rotation_frequency"), "{e}");
        let e = parse("[rotation]\n[[rotation.inventory.keys]]\nowner = \"o\"\n").unwrap_err();
        assert!(
            e.contains("needs `name`, `vault_path` or `aws_secret`"),
            "{e}"
        );
        let c = parse("[rotation]\n[[rotation.inventory.keys]]\nname = \"k\"\nused_by = \"api\"\n")
            .unwrap();
        assert_eq!(c.inventory.keys[0].used_by, ["api"]);
    }

    #[test]
    fn frequencies() {
        assert_eq!(parse_frequency("30d"), Ok(30 * 86_400));
        assert_eq!(parse_frequency("90 days"), Ok(90 * 86_400));
        assert_eq!(parse_frequency("2w"), Ok(14 * 86_400));
        assert_eq!(parse_frequency("12h"), Ok(12 * 3_600));
        assert_eq!(parse_frequency("7"), Ok(7 * 86_400));
        assert!(parse_frequency("0d").is_err());
        assert!(parse_frequency("d").is_err());
        assert!(parse_frequency("3 fortnights").is_err());
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e = parse("[rotation]\nmod = \"enforce\"\n").unwrap_err();
        assert!(e.contains("mod"), "{e}");
    }
}
