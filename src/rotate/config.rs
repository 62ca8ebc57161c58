//! The `[rotation]` section of the user's config: mode, limits, state
//! files, the key inventory and the targets, checked once at load time.
//!
//! Credentials are never written in the config itself: a credential field
//! takes `env:NAME` or `file:PATH`, and a literal value is a load error, so
//! a config file can be shared or committed without leaking what it guards.

use std::fmt;
use std::path::{Path, PathBuf};

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
    #[serde(default)]
    pub keys: Vec<InventoryKey>,
    #[serde(default)]
    pub targets: Vec<TargetConfig>,
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
}

fn d_connect() -> u64 {
    3_000
}
fn d_request() -> u64 {
    10_000
}
fn d_attempts() -> u32 {
    4
}
fn d_elapsed() -> u64 {
    60_000
}
fn d_base() -> u64 {
    500
}
fn d_cap() -> u64 {
    8_000
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

/// `[[rotation.targets]]` exactly as written; `TargetConfig::validate`
/// checks that the fields fit the `type`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    /// Stable id: part of every event id, so renaming a target re-arms it.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: TargetKind,
    /// Rule-id globs; `["*"]` by default.
    #[serde(default)]
    pub rules: Option<Vec<String>>,
    /// gitignore-style path globs; any path if absent.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Inventory key names: the target fires only for these keys.
    #[serde(default)]
    pub keys: Vec<String>,
    #[serde(default)]
    pub min_severity: Option<Severity>,
    #[serde(default)]
    pub contexts: Option<Vec<Context>>,
    /// Also fire for findings that are neither live nor in the inventory,
    /// once a human confirms on a terminal.
    #[serde(default)]
    pub accept_unknown: bool,

    // webhook
    pub url: Option<String>,
    /// Standard Webhooks signing secret (`whsec_…` base64, or raw bytes).
    pub secret: Option<CredentialRef>,
    /// Also send GitHub-style `X-Hub-Signature-256`.
    #[serde(default)]
    pub hub_signature: bool,
    /// Put the plaintext secret in the payload (off: sha256 and a hint only).
    #[serde(default)]
    pub include_secret: bool,

    // vault
    pub address: Option<String>,
    pub token: Option<CredentialRef>,
    pub approle_role_id: Option<CredentialRef>,
    pub approle_secret_id: Option<CredentialRef>,
    pub approle_mount: Option<String>,
    pub namespace: Option<String>,
    pub ca_cert: Option<PathBuf>,
    pub action: Option<VaultAction>,
    /// Database secrets engine mount (default `database`).
    pub mount: Option<String>,
    pub role: Option<String>,
    pub connection: Option<String>,
    pub prefix: Option<String>,
    pub kv_mount: Option<String>,
    pub kv_path: Option<String>,

    // aws-secrets-manager
    pub region: Option<String>,
    pub endpoint: Option<String>,
    pub secret_id: Option<String>,
    pub access_key_id: Option<CredentialRef>,
    pub secret_access_key: Option<CredentialRef>,
    pub session_token: Option<CredentialRef>,
    pub rotation_lambda_arn: Option<String>,

    // github-revoke
    pub base_url: Option<String>,
}

/// The `type` of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    Webhook,
    Vault,
    AwsSecretsManager,
    GithubRevoke,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Webhook => "webhook",
            TargetKind::Vault => "vault",
            TargetKind::AwsSecretsManager => "aws-secrets-manager",
            TargetKind::GithubRevoke => "github-revoke",
        }
    }
}

/// What a `vault` target does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VaultAction {
    /// `POST {mount}/rotate-role/{role}`: a database static role.
    DatabaseRotateRole,
    /// `POST {mount}/rotate-root/{connection}`: the engine's own credential.
    DatabaseRotateRoot,
    /// `PUT sys/leases/revoke-prefix/{prefix}` with `sync: true`.
    LeaseRevokePrefix,
    /// `PATCH {kv_mount}/metadata/{kv_path}`: custom_metadata marks the leak.
    KvMark,
}

impl VaultAction {
    pub fn as_str(self) -> &'static str {
        match self {
            VaultAction::DatabaseRotateRole => "database-rotate-role",
            VaultAction::DatabaseRotateRoot => "database-rotate-root",
            VaultAction::LeaseRevokePrefix => "lease-revoke-prefix",
            VaultAction::KvMark => "kv-mark",
        }
    }
}

impl RotationConfig {
    /// Checks everything that does not need the network: unique ids, the
    /// fields each target type needs (and no others), URLs (https only,
    /// except loopback), inventory hashes.
    pub fn validate(&self) -> Result<(), String> {
        self.check(true)
    }

    /// [`validate`](Self::validate), except that targets may name keys not
    /// in the inventory yet (`add-key` adds them one at a time).
    pub fn validate_partial_inventory(&self) -> Result<(), String> {
        self.check(false)
    }

    fn check(&self, keys_must_exist: bool) -> Result<(), String> {
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
        let mut ids = std::collections::HashSet::new();
        for t in &self.targets {
            if t.id.trim().is_empty() {
                return Err("[[rotation.targets]] id may not be empty".into());
            }
            if !ids.insert(t.id.as_str()) {
                return Err(format!("[[rotation.targets]] id {:?} is used twice", t.id));
            }
            t.validate(self, keys_must_exist)
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
    fn validate(&self, all: &RotationConfig, keys_must_exist: bool) -> Result<(), String> {
        for g in self.rules.iter().flatten() {
            globset::Glob::new(g).map_err(|e| format!("rules: {g:?}: {e}"))?;
        }
        for k in &self.keys {
            if keys_must_exist && !all.keys.iter().any(|i| &i.name == k) {
                return Err(format!("keys: no [[rotation.keys]] entry is named {k:?}"));
            }
        }
        let set = |name: &'static str, present: bool| (name, present);
        let fields = [
            set("url", self.url.is_some()),
            set("secret", self.secret.is_some()),
            set("hub_signature", self.hub_signature),
            set("include_secret", self.include_secret),
            set("address", self.address.is_some()),
            set("token", self.token.is_some()),
            set("approle_role_id", self.approle_role_id.is_some()),
            set("approle_secret_id", self.approle_secret_id.is_some()),
            set("approle_mount", self.approle_mount.is_some()),
            set("namespace", self.namespace.is_some()),
            set("ca_cert", self.ca_cert.is_some()),
            set("action", self.action.is_some()),
            set("mount", self.mount.is_some()),
            set("role", self.role.is_some()),
            set("connection", self.connection.is_some()),
            set("prefix", self.prefix.is_some()),
            set("kv_mount", self.kv_mount.is_some()),
            set("kv_path", self.kv_path.is_some()),
            set("region", self.region.is_some()),
            set("endpoint", self.endpoint.is_some()),
            set("secret_id", self.secret_id.is_some()),
            set("access_key_id", self.access_key_id.is_some()),
            set("secret_access_key", self.secret_access_key.is_some()),
            set("session_token", self.session_token.is_some()),
            set("rotation_lambda_arn", self.rotation_lambda_arn.is_some()),
            set("base_url", self.base_url.is_some()),
        ];
        let allowed: &[&str] = match self.kind {
            TargetKind::Webhook => &["url", "secret", "hub_signature", "include_secret"],
            TargetKind::Vault => &[
                "address",
                "token",
                "approle_role_id",
                "approle_secret_id",
                "approle_mount",
                "namespace",
                "ca_cert",
                "action",
                "mount",
                "role",
                "connection",
                "prefix",
                "kv_mount",
                "kv_path",
            ],
            TargetKind::AwsSecretsManager => &[
                "region",
                "endpoint",
                "secret_id",
                "access_key_id",
                "secret_access_key",
                "session_token",
                "rotation_lambda_arn",
            ],
            TargetKind::GithubRevoke => &["base_url"],
        };
        for (name, present) in fields {
            if present && !allowed.contains(&name) {
                return Err(format!(
                    "field `{name}` is not used by a {} target",
                    self.kind.as_str()
                ));
            }
        }
        let need = |v: bool, name: &str| -> Result<(), String> {
            if v {
                Ok(())
            } else {
                Err(format!("a {} target needs `{name}`", self.kind.as_str()))
            }
        };
        match self.kind {
            TargetKind::Webhook => {
                need(self.url.is_some(), "url")?;
                need(self.secret.is_some(), "secret")?;
                check_url(self.url.as_deref().unwrap_or_default())?;
            }
            TargetKind::Vault => {
                need(self.address.is_some(), "address")?;
                check_url(self.address.as_deref().unwrap_or_default())?;
                match (&self.token, &self.approle_role_id, &self.approle_secret_id) {
                    (Some(_), None, None) | (None, Some(_), Some(_)) => {}
                    _ => {
                        return Err(
                            "give either `token` or both `approle_role_id` and `approle_secret_id`"
                                .into(),
                        )
                    }
                }
                let action = self.action.ok_or_else(|| {
                    "a vault target needs `action` (database-rotate-role, database-rotate-root, lease-revoke-prefix or kv-mark)".to_string()
                })?;
                type Fields<'a> = &'a [(&'a str, bool)];
                let (needed, unused): (Fields, Fields) = match action {
                    VaultAction::DatabaseRotateRole => (
                        &[("role", self.role.is_some())],
                        &[
                            ("connection", self.connection.is_some()),
                            ("prefix", self.prefix.is_some()),
                            ("kv_mount", self.kv_mount.is_some()),
                            ("kv_path", self.kv_path.is_some()),
                        ],
                    ),
                    VaultAction::DatabaseRotateRoot => (
                        &[("connection", self.connection.is_some())],
                        &[
                            ("role", self.role.is_some()),
                            ("prefix", self.prefix.is_some()),
                            ("kv_mount", self.kv_mount.is_some()),
                            ("kv_path", self.kv_path.is_some()),
                        ],
                    ),
                    VaultAction::LeaseRevokePrefix => (
                        &[("prefix", self.prefix.is_some())],
                        &[
                            ("role", self.role.is_some()),
                            ("connection", self.connection.is_some()),
                            ("mount", self.mount.is_some()),
                            ("kv_mount", self.kv_mount.is_some()),
                            ("kv_path", self.kv_path.is_some()),
                        ],
                    ),
                    VaultAction::KvMark => (
                        &[("kv_path", self.kv_path.is_some())],
                        &[
                            ("role", self.role.is_some()),
                            ("connection", self.connection.is_some()),
                            ("prefix", self.prefix.is_some()),
                            ("mount", self.mount.is_some()),
                        ],
                    ),
                };
                for (name, present) in needed {
                    if !present {
                        return Err(format!("action {} needs `{name}`", action.as_str()));
                    }
                }
                for (name, present) in unused {
                    if *present {
                        return Err(format!(
                            "field `{name}` is not used by action {}",
                            action.as_str()
                        ));
                    }
                }
                for (name, v) in [
                    ("mount", &self.mount),
                    ("role", &self.role),
                    ("connection", &self.connection),
                    ("prefix", &self.prefix),
                    ("kv_mount", &self.kv_mount),
                    ("kv_path", &self.kv_path),
                    ("approle_mount", &self.approle_mount),
                ] {
                    if let Some(v) = v {
                        check_path_segment(name, v)?;
                    }
                }
            }
            TargetKind::AwsSecretsManager => {
                need(self.region.is_some(), "region")?;
                need(self.secret_id.is_some(), "secret_id")?;
                need(self.access_key_id.is_some(), "access_key_id")?;
                need(self.secret_access_key.is_some(), "secret_access_key")?;
                let region = self.region.as_deref().unwrap_or_default();
                if region.is_empty()
                    || !region
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    return Err(format!("region {region:?} is not an AWS region name"));
                }
                if let Some(e) = &self.endpoint {
                    check_url(e)?;
                }
            }
            TargetKind::GithubRevoke => {
                if let Some(u) = &self.base_url {
                    check_url(u)?;
                }
            }
        }
        Ok(())
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
        match self.kind {
            TargetKind::Vault => format!("vault {}", self.action.map_or("?", VaultAction::as_str)),
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
            "[rotation]\n[[rotation.targets]]\nid = \"w\"\ntype = \"webhook\"\nurl = \"https://h.example/x\"\nsecret = \"whsec_c2VjcmV0\"\n",
        )
        .unwrap_err();
        assert!(e.contains("literal credential"), "{e}");
        assert!(e.contains("line 6"), "{e}");
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
    fn unknown_field_is_an_error() {
        let e = parse("[rotation]\nmod = \"enforce\"\n").unwrap_err();
        assert!(e.contains("mod"), "{e}");
    }
}
