//! The live key inventory: one entry per production secret, kept in a
//! private file (`$XDG_STATE_HOME/keyhound/inventory.json`, `0600`) by
//! `keyhound rotation sync` (from the secret managers), `rotation
//! add-key` (a key no manager holds) and `rotation import` (owner,
//! schedule, … from a YAML inventory file).
//!
//! An entry holds no value and no plain hash of one: each value is stored
//! as a *keyed* hash, HMAC-SHA256 with a random per-installation key
//! (`inventory.key` beside the file, `0600`) over the value's fingerprint
//! hash (src/fingerprint.rs: PBKDF2, 100,000 rounds, for a guessable
//! value; sha256 for a high-entropy one, which no guess reaches). So a
//! copied inventory cannot be checked against a password list without the
//! key and the KDF, and a leak — from a scan, or from a redacted report,
//! which carries only the fingerprint — is confirmed by comparing keyed
//! hashes. Values an entry held before (older KV versions, AWSPREVIOUS,
//! values replaced by a later sync) are kept, with their version, so a
//! leak of an old value is reported as already rotated.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::config::{KeyMeta, Resolved, TargetConfig, TargetKind, VaultAction};
use super::ledger::{now_rfc3339, private_dir};

/// The format version of the inventory file.
pub const VERSION: u32 = 1;
/// Older values kept per entry (the newest first).
const HISTORY: usize = 20;
/// Leaks remembered per entry.
const LEAKS: usize = 20;
/// How long to wait for another run's inventory lock (a sync holds it
/// only while it merges what it read, not while it reads).
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Errors of the inventory file (exit 3), or of its use (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("inventory {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("inventory {path}: not a keyhound inventory ({why})")]
    Format { path: String, why: String },
    #[error("inventory key {path}: {why}")]
    Key { path: String, why: String },
}

/// Where a secret lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Source {
    /// `rotation add-key`: no manager holds it.
    Manual,
    /// A KV v2 secret.
    VaultKv {
        source: String,
        address: String,
        mount: String,
        path: String,
    },
    /// A database static role.
    VaultDatabase {
        source: String,
        address: String,
        mount: String,
        role: String,
    },
    /// An AWS Secrets Manager secret.
    AwsSecretsManager {
        source: String,
        region: String,
        arn: String,
        name: String,
    },
}

impl Source {
    /// The kind, as `status` shows it.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::VaultKv { .. } => "vault-kv",
            Source::VaultDatabase { .. } => "vault-database",
            Source::AwsSecretsManager { .. } => "aws-secrets-manager",
        }
    }

    /// The `[[rotation.sources]]` id it was synced from.
    pub fn source_id(&self) -> Option<&str> {
        match self {
            Source::Manual => None,
            Source::VaultKv { source, .. }
            | Source::VaultDatabase { source, .. }
            | Source::AwsSecretsManager { source, .. } => Some(source),
        }
    }

    /// The path as the guides write it: `secret/apps/orders`,
    /// `database/static-creds/orders-app`, the secret's name.
    pub fn path(&self) -> String {
        match self {
            Source::Manual => String::new(),
            Source::VaultKv { mount, path, .. } => format!("{mount}/{path}"),
            Source::VaultDatabase { mount, role, .. } => format!("{mount}/static-creds/{role}"),
            Source::AwsSecretsManager { name, .. } => name.clone(),
        }
    }

    /// Whether a YAML item's `vault_path` or `aws_secret` names this secret.
    fn is_named_by(&self, meta: &KeyMeta) -> bool {
        let trim = |s: &str| s.trim_matches('/').to_string();
        match (self, meta.vault_path.as_deref(), meta.aws_secret.as_deref()) {
            (Source::VaultKv { mount, path, .. }, Some(v), _) => {
                let v = trim(v);
                v == format!("{mount}/{path}") || v == format!("{mount}/data/{path}")
            }
            (Source::VaultDatabase { mount, role, .. }, Some(v), _) => {
                let v = trim(v);
                v == format!("{mount}/static-creds/{role}")
                    || v == format!("{mount}/static-roles/{role}")
            }
            (Source::AwsSecretsManager { arn, name, .. }, _, Some(a)) => a == arn || a == name,
            _ => false,
        }
    }
}

/// One current value of an entry: which field, and its keyed hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Value {
    /// The JSON/KV field (`""` for a plain value); `FIELD#password` for
    /// the password part of a URL held in FIELD.
    pub field: String,
    pub hash: String,
}

/// A value the entry held before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OldValue {
    pub field: String,
    pub hash: String,
    /// The version it belonged to, where the manager numbers them.
    #[serde(default)]
    pub version: Option<String>,
    /// When keyhound saw it replaced (or, for a version read at sync, `None`).
    #[serde(default)]
    pub replaced_at: Option<String>,
}

/// A leak that confirmed this entry: which value, and the rotations it
/// started (the ledger's event ids), for `status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeakRecord {
    pub fingerprint: String,
    /// The keyed hash of the leaked value.
    pub hash: String,
    pub first_seen: String,
    #[serde(default)]
    pub event_ids: Vec<String>,
}

/// One secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What targets list in `keys` and `status` shows: the `name` of an
    /// inventory item, else the path.
    pub name: String,
    pub source: Source,
    /// The manager's version of the current value (KV v2 version, AWS
    /// version id, a static role's `last_vault_rotation`).
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub values: Vec<Value>,
    #[serde(default)]
    pub history: Vec<OldValue>,
    /// Rule id or glob the leak must be found by (`add-key --rule`).
    #[serde(default)]
    pub rule: Option<String>,
    /// RFC 3339.
    #[serde(default)]
    pub last_rotated: Option<String>,
    /// RFC 3339: the manager's own next rotation (`next_rotation` custom
    /// metadata, AWS `NextRotationDate`).
    #[serde(default)]
    pub next_rotation: Option<String>,
    /// The manager's rotation period (static role `rotation_period`, AWS
    /// `AutomaticallyAfterDays`, KV `rotation_period` metadata).
    #[serde(default)]
    pub rotation_period_seconds: Option<i64>,
    #[serde(default)]
    pub synced_at: Option<String>,
    /// What the last sync could not do (a value it may not read, …).
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub meta: KeyMeta,
    #[serde(default)]
    pub leaks: Vec<LeakRecord>,
}

impl Entry {
    /// A new entry with nothing but its name and source.
    pub fn new(name: String, source: Source) -> Entry {
        Entry {
            name,
            source,
            version: None,
            values: Vec::new(),
            history: Vec::new(),
            rule: None,
            last_rotated: None,
            next_rotation: None,
            rotation_period_seconds: None,
            synced_at: None,
            note: None,
            meta: KeyMeta::default(),
            leaks: Vec::new(),
        }
    }

    /// Replaces the current values by `values` (of `version`); the old
    /// ones that are gone move to the history. Returns whether anything
    /// changed.
    pub fn replace_values(&mut self, values: Vec<Value>, version: Option<String>) -> bool {
        if values == self.values && version == self.version {
            return false;
        }
        let now = now_rfc3339();
        for old in std::mem::take(&mut self.values) {
            if values.iter().any(|v| v.hash == old.hash) {
                continue;
            }
            self.remember(OldValue {
                field: old.field,
                hash: old.hash,
                version: self.version.clone(),
                replaced_at: Some(now.clone()),
            });
        }
        self.values = values;
        self.version = version;
        true
    }

    /// Keeps an older value (once, newest first, at most [`HISTORY`]).
    pub fn remember(&mut self, old: OldValue) {
        if self.values.iter().any(|v| v.hash == old.hash)
            || self.history.iter().any(|h| h.hash == old.hash)
        {
            return;
        }
        self.history.insert(0, old);
        self.history.truncate(HISTORY);
    }

    /// Whether `rule` satisfies the entry's rule glob, if it has one.
    fn rule_ok(&self, rule: &str) -> bool {
        self.rule.as_ref().is_none_or(|r| {
            globset::Glob::new(r)
                .map(|g| g.compile_matcher().is_match(rule))
                .unwrap_or(false)
        })
    }

    /// Whether target `t` acts on this very secret (so a leak this entry
    /// confirms goes to it, and to no target that acts on another one).
    /// `None`: the target acts on no particular secret (a webhook, GitHub
    /// revocation, a lease prefix).
    pub fn acted_on_by(&self, t: &TargetConfig) -> Option<bool> {
        let same_addr = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
        if self.source == Source::Manual {
            return None;
        }
        match &t.kind {
            TargetKind::Vault(v) => match (&v.action, &self.source) {
                (
                    VaultAction::DatabaseRotateRole { mount, role },
                    Source::VaultDatabase {
                        address,
                        mount: m,
                        role: r,
                        ..
                    },
                ) => Some(
                    same_addr(&v.address, address)
                        && mount.trim_matches('/') == m.trim_matches('/')
                        && role == r,
                ),
                (
                    VaultAction::KvMark { kv_mount, kv_path },
                    Source::VaultKv {
                        address,
                        mount,
                        path,
                        ..
                    },
                ) => Some(
                    same_addr(&v.address, address)
                        && kv_mount.trim_matches('/') == mount.trim_matches('/')
                        && kv_path.trim_matches('/') == path.trim_matches('/'),
                ),
                (VaultAction::DatabaseRotateRole { .. } | VaultAction::KvMark { .. }, _) => {
                    Some(false)
                }
                _ => None,
            },
            TargetKind::AwsSecretsManager(a) => Some(match &self.source {
                Source::AwsSecretsManager {
                    region, arn, name, ..
                } => region == &a.region && (&a.secret_id == arn || &a.secret_id == name),
                _ => false,
            }),
            _ => None,
        }
    }
}

/// The inventory file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inventory {
    pub version: u32,
    #[serde(default)]
    pub synced_at: Option<String>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// The items of the last `rotation import`, applied again after each
    /// sync (an item may name a secret the next sync finds first).
    #[serde(default)]
    pub imported: Vec<KeyMeta>,
}

impl Default for Inventory {
    fn default() -> Self {
        Inventory {
            version: VERSION,
            synced_at: None,
            entries: Vec::new(),
            imported: Vec::new(),
        }
    }
}

/// What a leak's keyed hash is in the inventory.
#[derive(Debug, Clone, Copy)]
pub enum Match<'a> {
    /// The entry's current value: the leak is confirmed.
    Current(&'a Entry),
    /// A value the entry held before: already rotated.
    Older(&'a Entry, &'a OldValue),
}

impl Inventory {
    /// The entry whose current value (else an older one) has keyed hash
    /// `hash`, found by a rule the entry accepts.
    pub fn find(&self, hash: &str, rule: &str) -> Option<Match<'_>> {
        let ok = |e: &&Entry| e.rule_ok(rule);
        if let Some(e) = self
            .entries
            .iter()
            .filter(ok)
            .find(|e| e.values.iter().any(|v| v.hash == hash))
        {
            return Some(Match::Current(e));
        }
        self.entries.iter().filter(ok).find_map(|e| {
            e.history
                .iter()
                .find(|h| h.hash == hash)
                .map(|h| Match::Older(e, h))
        })
    }

    pub fn entry_mut(&mut self, name: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.name == name)
    }

    /// Records that `fingerprint` (a leak of the value `hash`) confirmed
    /// entry `name` and started the rotations `event_ids`.
    pub fn record_leak(&mut self, name: &str, fingerprint: &str, hash: &str, event_ids: &[String]) {
        let Some(e) = self.entry_mut(name) else {
            return;
        };
        if let Some(l) = e
            .leaks
            .iter_mut()
            .find(|l| l.fingerprint == fingerprint && l.hash == hash)
        {
            for id in event_ids {
                if !l.event_ids.contains(id) {
                    l.event_ids.push(id.clone());
                }
            }
            return;
        }
        e.leaks.insert(
            0,
            LeakRecord {
                fingerprint: fingerprint.to_string(),
                hash: hash.to_string(),
                first_seen: now_rfc3339(),
                event_ids: event_ids.to_vec(),
            },
        );
        e.leaks.truncate(LEAKS);
    }

    /// Applies inventory items (config or YAML) to the entries they name
    /// (by `vault_path` or `aws_secret`, else by `name`); an item with
    /// only a `name` that names no entry is kept as a manual entry without
    /// a value, so its schedule shows in `status` (an item with a path
    /// waits for the sync that finds its secret). Returns (applied, added).
    pub fn apply_meta(&mut self, items: &[KeyMeta]) -> (usize, usize) {
        let (mut applied, mut added) = (0, 0);
        for item in items {
            let by_path = item.vault_path.is_some() || item.aws_secret.is_some();
            let found = self.entries.iter_mut().find(|e| {
                if by_path {
                    e.source.is_named_by(item)
                } else {
                    item.name.as_deref() == Some(e.name.as_str())
                }
            });
            match found {
                Some(e) => {
                    if let Some(n) = &item.name {
                        e.name = n.clone();
                    }
                    e.meta = item.clone();
                    applied += 1;
                }
                None if by_path => {}
                None => {
                    let Some(name) = &item.name else { continue };
                    let mut e = Entry::new(name.clone(), Source::Manual);
                    e.meta = item.clone();
                    self.entries.push(e);
                    added += 1;
                }
            }
        }
        (applied, added)
    }
}

/// The inventory file and its installation key.
pub struct Store {
    path: PathBuf,
    key: [u8; 32],
}

impl Store {
    /// The store the resolved config names; the key is created (`0600`)
    /// on first use.
    pub fn open(resolved: &Resolved) -> Result<Store, String> {
        let path = resolved.inventory_path()?;
        Store::at(&path).map_err(|e| e.to_string())
    }

    /// The store, only if its file exists (a scan creates nothing).
    pub fn existing(resolved: &Resolved) -> Result<Option<Store>, String> {
        let path = resolved.inventory_path()?;
        if !path.exists() {
            return Ok(None);
        }
        Store::at(&path).map(Some).map_err(|e| e.to_string())
    }

    /// The store at `path` (key at `path` + `.key`).
    pub fn at(path: &Path) -> Result<Store, InventoryError> {
        let key_path = key_path(path);
        // A new key would make every stored hash silently unmatchable.
        if path.exists() && !key_path.exists() {
            return Err(InventoryError::Key {
                path: key_path.display().to_string(),
                why: format!(
                    "missing, and the hashes in {} were made with it: restore it, or delete the inventory and run `keyhound rotation sync` (and add-key) again",
                    path.display()
                ),
            });
        }
        let key = load_or_create_key(&key_path)?;
        Ok(Store {
            path: path.to_path_buf(),
            key,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The keyed hash of a value.
    pub fn hash(&self, value: &str) -> String {
        self.hash_of_key_hash(&crate::fingerprint::key_hash(value.as_bytes()))
    }

    /// The keyed hash of a value whose fingerprint hash part is `key_hash`
    /// (all a redacted report knows of it).
    pub fn hash_of_key_hash(&self, key_hash: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(b"keyhound/inventory/v1\0");
        mac.update(key_hash.to_ascii_lowercase().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The inventory (empty if the file does not exist yet).
    pub fn load(&self) -> Result<Inventory, InventoryError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Inventory::default()),
            Err(source) => {
                return Err(InventoryError::Io {
                    path: self.path.display().to_string(),
                    source,
                })
            }
        };
        let inv: Inventory = serde_json::from_str(&text).map_err(|e| InventoryError::Format {
            path: self.path.display().to_string(),
            why: crate::diagnostic::json_error(&e),
        })?;
        if inv.version != VERSION {
            return Err(InventoryError::Format {
                path: self.path.display().to_string(),
                why: format!("version {}, this keyhound reads {VERSION}", inv.version),
            });
        }
        Ok(inv)
    }

    /// Loads the inventory, lets `change` edit it and writes it back, under
    /// an exclusive lock (on the key file, which is never replaced): two
    /// keyhound runs — a sync and a scan recording a leak — do not lose
    /// each other's changes. Writes nothing if `change` changed nothing.
    pub fn update<T>(&self, change: impl FnOnce(&mut Inventory) -> T) -> Result<T, InventoryError> {
        let lock = self.lock()?;
        let mut inv = self.load()?;
        let before = inv.clone();
        let out = change(&mut inv);
        if inv != before {
            self.save(&inv)?;
        }
        drop(lock);
        Ok(out)
    }

    /// The exclusive lock of the inventory, released on drop.
    fn lock(&self) -> Result<std::fs::File, InventoryError> {
        let path = key_path(&self.path);
        let err = |source| InventoryError::Io {
            path: path.display().to_string(),
            source,
        };
        let f = std::fs::File::open(&path).map_err(err)?;
        let started = std::time::Instant::now();
        loop {
            match f.try_lock() {
                Ok(()) => return Ok(f),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(err(std::io::Error::other(format!(
                        "another keyhound run has held the inventory lock for {} s",
                        LOCK_WAIT.as_secs()
                    ))))
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(err(e)),
            }
        }
    }

    /// Writes the inventory whole (a temp file renamed over the old one,
    /// `0600`): a crash leaves the old or the new file, never half.
    pub fn save(&self, inv: &Inventory) -> Result<(), InventoryError> {
        let err = |source| InventoryError::Io {
            path: self.path.display().to_string(),
            source,
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_dir(dir).map_err(err)?;
        }
        let mut text = serde_json::to_string_pretty(inv).expect("inventory serializes");
        text.push('\n');
        let tmp = self.path.with_extension("json.keyhound-tmp");
        write_private(&tmp, text.as_bytes()).map_err(err)?;
        std::fs::rename(&tmp, &self.path).map_err(err)
    }
}

/// `FILE.key` beside the inventory file.
fn key_path(inventory: &Path) -> PathBuf {
    let mut name = inventory
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "inventory".into());
    name.push(".key");
    inventory.with_file_name(name)
}

/// Creates `path` `0600` (truncating) and writes `bytes`.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// The installation key: 32 random bytes, hex, created `0600` once.
fn load_or_create_key(path: &Path) -> Result<[u8; 32], InventoryError> {
    let err = |why: String| InventoryError::Key {
        path: path.display().to_string(),
        why,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let bytes = hex::decode(text.trim()).map_err(|_| err("not 64 hex digits".into()))?;
            return bytes
                .try_into()
                .map_err(|_| err("not 64 hex digits".into()));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(e.to_string())),
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| err(format!("no randomness from the OS: {e}")))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir(dir).map_err(|e| err(e.to_string()))?;
    }
    // `create_new`: two first runs at once keep one key.
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(mut f) => {
            f.write_all(format!("{}\n", hex::encode(key)).as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(|e| err(e.to_string()))?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create_key(path),
        Err(e) => Err(err(e.to_string())),
    }
}

/// The password part of a URL with credentials (`postgresql://u:pw@h/db`,
/// percent-decoded), if `text` is one: what a scan reports as the secret
/// of a connection string, so what the inventory must hash.
pub fn url_password(text: &str) -> Option<String> {
    let text = text.trim();
    let (scheme, rest) = text.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let (userinfo, _host) = authority.rsplit_once('@')?;
    let (_user, password) = userinfo.split_once(':')?;
    (!password.is_empty()).then(|| password.to_string())
}

/// The forms of a URL's password a leak may show: as written in the URL
/// (what a scan of a connection string reports) and percent-decoded (the
/// password itself), once each.
pub fn password_forms(url_password: &str) -> Vec<String> {
    let mut out = vec![url_password.to_string()];
    if let Ok(d) = String::from_utf8(percent_decode(url_password.as_bytes())) {
        if d != url_password {
            out.push(d);
        }
    }
    out
}

fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' && i + 2 < s.len() {
            let hex = std::str::from_utf8(&s[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// The keyed hashes of a secret's fields: each field's value, and the
/// password part of a field that holds a URL with credentials. `fields`
/// is `("", value)` for a plain value.
pub fn hash_fields(store: &Store, fields: &BTreeMap<String, String>) -> Vec<Value> {
    let mut out = Vec::new();
    for (field, value) in fields {
        if value.is_empty() {
            continue;
        }
        out.push(Value {
            field: field.clone(),
            hash: store.hash(value),
        });
        if let Some(pw) = url_password(value) {
            for (i, form) in password_forms(&pw).iter().enumerate() {
                out.push(Value {
                    field: format!("{field}#password{}", if i == 0 { "" } else { "-decoded" }),
                    hash: store.hash(form),
                });
            }
        }
    }
    out
}

/// The fields of a JSON secret value: a JSON object's top-level values
/// (strings as written, others as JSON), else the whole text as `""`.
pub fn json_fields(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => {
            for (k, v) in map {
                let s = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Null => continue,
                    other => other.to_string(),
                };
                out.insert(k, s);
            }
        }
        _ => {
            out.insert(String::new(), text.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let d = tempfile::tempdir().unwrap();
        let s = Store::at(&d.path().join("inventory.json")).unwrap();
        (d, s)
    }

    #[test]
    fn the_key_is_private_random_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let (d, a) = store();
        let b = Store::at(&d.path().join("inventory.json")).unwrap();
        assert_eq!(a.hash("hunter2"), b.hash("hunter2"), "the key is kept");
        let (_d2, c) = store();
        assert_ne!(
            a.hash("hunter2"),
            c.hash("hunter2"),
            "each installation has its own"
        );
        let mode = std::fs::metadata(d.path().join("inventory.json.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        // Neither the plain sha256 nor the fingerprint is the stored hash.
        let h = a.hash("hunter2");
        assert!(!h.contains(&crate::fingerprint::key_hash(b"hunter2")));
        assert_ne!(h, crate::finding::secret_sha256(b"hunter2"));
    }

    #[test]
    fn an_inventory_without_its_key_is_an_error_not_a_new_key() {
        let (d, s) = store();
        s.save(&Inventory::default()).unwrap();
        std::fs::remove_file(d.path().join("inventory.json.key")).unwrap();
        let e = Store::at(&d.path().join("inventory.json")).err().unwrap();
        assert!(e.to_string().contains("missing"), "{e}");
        assert!(!d.path().join("inventory.json.key").exists());
    }

    #[test]
    fn a_redacted_reports_fingerprint_hash_finds_the_same_entry() {
        let (_d, s) = store();
        let kh = crate::fingerprint::key_hash(b"Summer2024!");
        assert_eq!(s.hash("Summer2024!"), s.hash_of_key_hash(&kh));
    }

    #[test]
    fn a_replaced_value_is_found_as_older_with_its_version() {
        let (_d, s) = store();
        let mut e = Entry::new("db".into(), Source::Manual);
        let v = |x: &str| Value {
            field: String::new(),
            hash: s.hash(x),
        };
        e.replace_values(vec![v("old-pass-1")], Some("1".into()));
        e.replace_values(vec![v("new-pass-2")], Some("2".into()));
        let inv = Inventory {
            entries: vec![e],
            ..Inventory::default()
        };
        assert!(matches!(
            inv.find(&s.hash("new-pass-2"), "r"),
            Some(Match::Current(_))
        ));
        match inv.find(&s.hash("old-pass-1"), "r") {
            Some(Match::Older(_, old)) => assert_eq!(old.version.as_deref(), Some("1")),
            other => panic!("{other:?}"),
        }
        assert!(inv.find(&s.hash("other"), "r").is_none());
    }

    #[test]
    fn url_password_takes_the_password_part() {
        assert_eq!(
            url_password("postgresql://orders_app:p%40ss@127.0.0.1:5432/postgres").as_deref(),
            Some("p%40ss")
        );
        assert_eq!(password_forms("p%40ss"), ["p%40ss", "p@ss"]);
        assert_eq!(password_forms("plain"), ["plain"]);
        assert_eq!(url_password("redis://:pw@h").as_deref(), Some("pw"));
        assert_eq!(url_password("https://example.com/a@b"), None);
        assert_eq!(url_password("not a url"), None);
    }

    #[test]
    fn json_secret_values_are_hashed_per_field() {
        let f = json_fields(r#"{"username":"u","password":"pw","port":5432}"#);
        assert_eq!(f["password"], "pw");
        assert_eq!(f["port"], "5432");
        assert_eq!(json_fields("plain")[""], "plain");
    }
}
