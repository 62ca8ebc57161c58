//! `keyhound rotation sync`: reads each `[[rotation.sources]]` secret
//! manager and brings the inventory up to date — per secret its path,
//! version, rotation metadata and the keyed hashes of its current value
//! (src/rotate/inventory.rs); a value that changed since the last sync
//! moves to the entry's history. Values are read, hashed and dropped at
//! once; none is kept, printed or put into an error.
//!
//! - Vault/OpenBao KV v2: `LIST {mount}/metadata/{path}` (recursively),
//!   `GET {mount}/metadata/…` (versions, `custom_metadata` with
//!   `rotated_at`, `next_rotation`, `rotation_period`), `GET
//!   {mount}/data/…` for the current version and up to
//!   [`OLD_VERSIONS`] older ones (kept as already rotated).
//! - Database static roles: `LIST {mount}/static-roles`, `GET
//!   {mount}/static-roles/{role}` (`last_vault_rotation`,
//!   `rotation_period`), `GET {mount}/static-creds/{role}` (the password).
//! - AWS Secrets Manager: `ListSecrets`, `DescribeSecret`
//!   (`LastRotatedDate`, `NextRotationDate`, `RotationRules`), and
//!   `GetSecretValue` (`AWSCURRENT`, `AWSPREVIOUS`) where `read_values` is
//!   on and the policy allows; a JSON value is hashed per field.
//!
//! A secret whose version has not moved since the last sync keeps its
//! hashes: its value is not read again. A read the policy denies is noted on the entry (its leaks cannot be
//! confirmed by value) and the sync goes on; an unreachable source is an
//! error for that source only.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{json, Value as Json};

use super::config::{
    parse_frequency, AwsConn, DeliveryConfig, Resolved, SourceConfig, SourceKind, VaultAction,
    VaultConn,
};
use super::inventory::{self, Entry, Inventory, OldValue, Source, Store, Value};
use super::ledger::now_rfc3339;
use super::targets::aws::{Api, ApiError};
use super::targets::vault::{ReadError, Reader};

/// Older KV versions read per secret.
pub const OLD_VERSIONS: u64 = 3;
/// Secrets read per source at most: a mount of a million secrets needs a
/// narrower `path` or `name_prefix`, not an unbounded run.
pub const MAX_SECRETS: usize = 10_000;

/// One secret as a source shows it now.
#[derive(Debug, Default)]
struct Seen {
    source: Option<Source>,
    version: Option<String>,
    values: Vec<Value>,
    older: Vec<OldValue>,
    last_rotated: Option<String>,
    next_rotation: Option<String>,
    period: Option<i64>,
    note: Option<String>,
    /// The value could not be read (denied): the last known one stays
    /// current.
    unreadable: bool,
}

/// What the inventory already holds: a secret whose version has not
/// moved since the last full sync keeps its hashes, and its value is not
/// read again (fewer reads of secrets, no KDF per guessable value). A
/// re-sync after a rotation always reads.
struct Known<'a> {
    inv: &'a Inventory,
    reuse: bool,
}

impl Known<'_> {
    fn values(&self, source: &Source, version: &Option<String>) -> Option<Vec<Value>> {
        if !self.reuse || version.is_none() {
            return None;
        }
        self.inv
            .entries
            .iter()
            .find(|e| &e.source == source)
            .filter(|e| &e.version == version && !e.values.is_empty() && e.note.is_none())
            .map(|e| e.values.clone())
    }
}

/// Counts of one sync.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Synced {
    pub secrets: usize,
    pub changed: usize,
    pub added: usize,
    pub failed_sources: usize,
}

/// Syncs every source (or, with `only`, the entries of those names:
/// after a rotation), writes the inventory and says what it did to `out`.
pub fn sync(
    resolved: &Resolved,
    store: &Store,
    only: Option<&[String]>,
    out: &mut dyn Write,
) -> anyhow::Result<Synced> {
    let cfg = &resolved.config;
    // Read first (network, no lock), then merge under the lock.
    let current = store.load()?;
    let mut counts = Synced::default();
    let mut read = Vec::new();
    for src in &cfg.sources {
        let wanted = only.map(|names| wanted_in(&current, src, names));
        if wanted.as_ref().is_some_and(Vec::is_empty) {
            continue;
        }
        let known = Known {
            inv: &current,
            reuse: only.is_none(),
        };
        match read_source(src, &cfg.delivery, store, &known, wanted.as_deref()) {
            Ok(seen) => read.extend(seen),
            Err(e) => {
                counts.failed_sources += 1;
                writeln!(out, "keyhound: source {:?}: {e}", src.id)?;
            }
        }
    }
    store.update(|inv| {
        for s in read {
            counts.secrets += 1;
            let (added, changed) = merge(inv, s);
            counts.added += usize::from(added);
            counts.changed += usize::from(changed && !added);
        }
        inv.apply_meta(&cfg.inventory.keys);
        let imported = inv.imported.clone();
        inv.apply_meta(&imported);
        inv.synced_at = Some(now_rfc3339());
    })?;
    Ok(counts)
}

/// The source paths of the entries named `names` that came from `src`.
fn wanted_in(inv: &Inventory, src: &SourceConfig, names: &[String]) -> Vec<Source> {
    inv.entries
        .iter()
        .filter(|e| names.contains(&e.name) && e.source.source_id() == Some(src.id.as_str()))
        .map(|e| e.source.clone())
        .collect()
}

/// Folds what a source shows into the inventory: (added, changed).
fn merge(inv: &mut Inventory, s: Seen) -> (bool, bool) {
    let Some(source) = s.source else {
        return (false, false);
    };
    let added = !inv.entries.iter().any(|e| e.source == source);
    if added {
        inv.entries.push(Entry::new(source.path(), source.clone()));
    }
    let e = inv
        .entries
        .iter_mut()
        .find(|e| e.source == source)
        .expect("just added");
    // A value that could not be read leaves the last known ones current.
    let changed = if s.unreadable {
        false
    } else {
        e.replace_values(s.values, s.version.clone())
    };
    if s.version.is_some() {
        e.version = s.version;
    }
    for old in s.older {
        e.remember(old);
    }
    e.last_rotated = s.last_rotated;
    e.next_rotation = s.next_rotation;
    e.rotation_period_seconds = s.period;
    e.note = s.note;
    e.synced_at = Some(now_rfc3339());
    (added, changed)
}

/// What every reader of one source needs.
struct Ctx<'a> {
    id: &'a str,
    cfg: &'a DeliveryConfig,
    store: &'a Store,
    known: &'a Known<'a>,
}

fn read_source(
    src: &SourceConfig,
    cfg: &DeliveryConfig,
    store: &Store,
    known: &Known<'_>,
    only: Option<&[Source]>,
) -> Result<Vec<Seen>, String> {
    let ctx = Ctx {
        id: &src.id,
        cfg,
        store,
        known,
    };
    match &src.kind {
        SourceKind::VaultKv { conn, mount, path } => read_kv(&ctx, conn, mount, path, only),
        SourceKind::VaultDatabase { conn, mount, roles } => {
            read_database(&ctx, conn, mount, roles, only)
        }
        SourceKind::AwsSecretsManager {
            conn,
            name_prefix,
            read_values,
        } => read_aws(
            &src.id,
            conn,
            name_prefix.as_deref(),
            *read_values,
            cfg,
            store,
            only,
        ),
    }
}

/// A Vault reader for a source (the action is unused: reads only).
fn vault_reader(conn: &VaultConn, cfg: &DeliveryConfig) -> Result<Reader, String> {
    Reader::open(
        conn.as_target(VaultAction::LeaseRevokePrefix {
            prefix: String::new(),
        }),
        cfg,
    )
}

/// `GET {path}?list=true`: the keys (a missing folder lists nothing).
fn list(r: &Reader, path: &str) -> Result<Vec<String>, String> {
    let j = r
        .get(&format!("{path}?list=true"))
        .map_err(|e| e.to_string())?;
    Ok(j.as_ref()
        .and_then(|j| j["data"]["keys"].as_array())
        .map(|a| {
            a.iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// An RFC 3339 time from Vault (any precision), normalised to seconds.
fn vault_time(v: &Json) -> Option<String> {
    let t: jiff::Timestamp = v.as_str()?.parse().ok()?;
    // Vault writes the zero time for "never".
    (t.as_second() > 0).then(|| t.round(jiff::Unit::Second).unwrap_or(t).to_string())
}

/// A period in seconds from a number of seconds or a duration string
/// (`24h`, `30d`, `"86400"`).
fn period(v: &Json) -> Option<i64> {
    match v {
        Json::Number(n) => n.as_i64().filter(|s| *s > 0),
        Json::String(s) => s
            .parse::<i64>()
            .ok()
            .filter(|s| *s > 0)
            .or_else(|| parse_frequency(s).ok()),
        _ => None,
    }
}

/// The KV secrets under `folder` of `mount`, recursively, sorted.
fn kv_paths(r: &Reader, mount: &str, folder: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let top = folder.trim_matches('/').to_string();
    let mut todo = vec![top.clone()];
    while let Some(dir) = todo.pop() {
        let base = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let keys = list(r, &format!("{mount}/metadata/{base}"))?;
        if keys.is_empty() && !dir.is_empty() && dir == top {
            // `path` names one secret, not a folder.
            out.push(dir.clone());
        }
        for k in keys {
            if let Some(sub) = k.strip_suffix('/') {
                todo.push(format!("{base}{sub}"));
            } else {
                out.push(format!("{base}{k}"));
            }
            if out.len() >= MAX_SECRETS {
                return Err(format!(
                    "more than {MAX_SECRETS} secrets under {mount}/{folder}: set a narrower `path`"
                ));
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The string fields of a KV version's `data.data`.
fn kv_fields(j: &Json) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(map) = j["data"]["data"].as_object() {
        for (k, v) in map {
            let s = match v {
                Json::String(s) => s.clone(),
                Json::Null => continue,
                other => other.to_string(),
            };
            out.insert(k.clone(), s);
        }
    }
    out
}

fn read_kv(
    ctx: &Ctx<'_>,
    conn: &VaultConn,
    mount: &str,
    folder: &str,
    only: Option<&[Source]>,
) -> Result<Vec<Seen>, String> {
    let (id, store) = (ctx.id, ctx.store);
    let r = vault_reader(conn, ctx.cfg)?;
    let mount = mount.trim_matches('/');
    let paths: Vec<String> = match only {
        Some(o) => o
            .iter()
            .filter_map(|s| match s {
                Source::VaultKv { path, .. } => Some(path.clone()),
                _ => None,
            })
            .collect(),
        None => kv_paths(&r, mount, folder)?,
    };
    let mut out = Vec::new();
    for path in paths {
        let Some(meta) = r
            .get(&format!("{mount}/metadata/{path}"))
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let m = &meta["data"];
        let current = m["current_version"].as_u64().unwrap_or(0);
        let custom = &m["custom_metadata"];
        let mut seen = Seen {
            source: Some(Source::VaultKv {
                source: id.to_string(),
                address: conn.address.clone(),
                mount: mount.to_string(),
                path: path.clone(),
            }),
            version: (current > 0).then(|| current.to_string()),
            last_rotated: vault_time(&custom["rotated_at"])
                .or_else(|| vault_time(&m["versions"][current.to_string()]["created_time"])),
            next_rotation: vault_time(&custom["next_rotation"]),
            period: period(&custom["rotation_period"])
                .or_else(|| period(&custom["rotation_frequency"])),
            ..Seen::default()
        };
        if let Some(v) = ctx
            .known
            .values(seen.source.as_ref().expect("set above"), &seen.version)
        {
            seen.values = v;
            out.push(seen);
            continue;
        }
        match r.get(&format!("{mount}/data/{path}")) {
            Ok(Some(j)) => {
                seen.values = inventory::hash_fields(store, &kv_fields(&j));
            }
            Ok(None) => seen.note = Some("the current version is deleted".into()),
            Err(ReadError::Denied(m)) => {
                seen.unreadable = true;
                seen.note = Some(format!(
                    "value not readable ({m}): leaks of it cannot be confirmed"
                ))
            }
            Err(ReadError::Other(m)) => return Err(m),
        }
        let oldest = current.saturating_sub(OLD_VERSIONS).max(1);
        for v in (oldest..current).rev() {
            let info = &m["versions"][v.to_string()];
            let gone = info["destroyed"].as_bool().unwrap_or(false)
                || info["deletion_time"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty());
            if gone {
                continue;
            }
            if let Ok(Some(j)) = r.get(&format!("{mount}/data/{path}?version={v}")) {
                for val in inventory::hash_fields(store, &kv_fields(&j)) {
                    seen.older.push(OldValue {
                        field: val.field,
                        hash: val.hash,
                        version: Some(v.to_string()),
                        replaced_at: vault_time(
                            &m["versions"][(v + 1).to_string()]["created_time"],
                        ),
                    });
                }
            }
        }
        out.push(seen);
    }
    Ok(out)
}

fn read_database(
    ctx: &Ctx<'_>,
    conn: &VaultConn,
    mount: &str,
    roles: &[String],
    only: Option<&[Source]>,
) -> Result<Vec<Seen>, String> {
    let (id, store) = (ctx.id, ctx.store);
    let r = vault_reader(conn, ctx.cfg)?;
    let mount = mount.trim_matches('/');
    let roles: Vec<String> = match only {
        Some(o) => o
            .iter()
            .filter_map(|s| match s {
                Source::VaultDatabase { role, .. } => Some(role.clone()),
                _ => None,
            })
            .collect(),
        None if roles.is_empty() => list(&r, &format!("{mount}/static-roles"))?,
        None => roles.to_vec(),
    };
    let mut out = Vec::new();
    for role in roles.into_iter().take(MAX_SECRETS) {
        let Some(j) = r
            .get(&format!("{mount}/static-roles/{role}"))
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let d = &j["data"];
        let last = vault_time(&d["last_vault_rotation"]);
        let mut seen = Seen {
            source: Some(Source::VaultDatabase {
                source: id.to_string(),
                address: conn.address.clone(),
                mount: mount.to_string(),
                role: role.clone(),
            }),
            // Static roles have no version number: the rotation time (as
            // Vault writes it, to the nanosecond) is one.
            version: d["last_vault_rotation"].as_str().map(str::to_string),
            last_rotated: last,
            period: period(&d["rotation_period"]),
            ..Seen::default()
        };
        if let Some(v) = ctx
            .known
            .values(seen.source.as_ref().expect("set above"), &seen.version)
        {
            seen.values = v;
            out.push(seen);
            continue;
        }
        match r.get(&format!("{mount}/static-creds/{role}")) {
            Ok(Some(c)) => {
                let mut fields = BTreeMap::new();
                if let Some(pw) = c["data"]["password"].as_str() {
                    fields.insert("password".to_string(), pw.to_string());
                }
                seen.values = inventory::hash_fields(store, &fields);
            }
            Ok(None) => seen.note = Some("static-creds answered 404".into()),
            Err(ReadError::Denied(m)) => {
                seen.unreadable = true;
                seen.note = Some(format!(
                    "password not readable ({m}): leaks of it cannot be confirmed"
                ))
            }
            Err(ReadError::Other(m)) => return Err(m),
        }
        out.push(seen);
    }
    Ok(out)
}

/// An AWS JSON date (epoch seconds, maybe fractional) as RFC 3339.
fn aws_time(v: &Json) -> Option<String> {
    let secs = v.as_f64()?;
    jiff::Timestamp::from_second(secs.floor() as i64)
        .ok()
        .map(|t| t.to_string())
}

fn read_aws(
    id: &str,
    conn: &AwsConn,
    prefix: Option<&str>,
    read_values: bool,
    cfg: &DeliveryConfig,
    store: &Store,
    only: Option<&[Source]>,
) -> Result<Vec<Seen>, String> {
    let api = Api::open(conn.as_target(""), cfg)?;
    let ids: Vec<String> = match only {
        Some(o) => o
            .iter()
            .filter_map(|s| match s {
                Source::AwsSecretsManager { arn, .. } => Some(arn.clone()),
                _ => None,
            })
            .collect(),
        None => list_secrets(&api, prefix)?,
    };
    let mut out = Vec::new();
    for secret in ids {
        let d = match api.call("DescribeSecret", &json!({ "SecretId": secret })) {
            Ok(d) => d,
            Err(e) if e.kind.contains("ResourceNotFound") => continue,
            Err(e) => return Err(e.message),
        };
        let arn = d["ARN"].as_str().unwrap_or(&secret).to_string();
        let name = d["Name"].as_str().unwrap_or(&secret).to_string();
        let enabled = d["RotationEnabled"].as_bool().unwrap_or(false);
        let mut seen = Seen {
            source: Some(Source::AwsSecretsManager {
                source: id.to_string(),
                region: conn.region.clone(),
                arn: arn.clone(),
                name,
            }),
            last_rotated: aws_time(&d["LastRotatedDate"]).or_else(|| aws_time(&d["CreatedDate"])),
            next_rotation: aws_time(&d["NextRotationDate"]),
            period: if enabled {
                d["RotationRules"]["AutomaticallyAfterDays"]
                    .as_i64()
                    .filter(|n| *n > 0)
                    .map(|n| n * 86_400)
            } else {
                None
            },
            ..Seen::default()
        };
        if !read_values {
            seen.unreadable = true;
            seen.note = Some("read_values = false: leaks of it cannot be confirmed".into());
            out.push(seen);
            continue;
        }
        match api.call("GetSecretValue", &json!({ "SecretId": arn })) {
            Ok(v) => {
                seen.version = v["VersionId"].as_str().map(str::to_string);
                match v["SecretString"].as_str() {
                    Some(text) => {
                        seen.values = inventory::hash_fields(store, &inventory::json_fields(text))
                    }
                    None => seen.note = Some("a binary secret: not hashed".into()),
                }
            }
            // No value under AWSCURRENT (a rotation that set none): nothing
            // is current.
            Err(e) if e.kind.contains("ResourceNotFound") => {
                seen.note = Some("no value under AWSCURRENT".into())
            }
            Err(e) => {
                seen.unreadable = true;
                seen.note = Some(denied_note(&e))
            }
        }
        if let Ok(v) = api.call(
            "GetSecretValue",
            &json!({ "SecretId": arn, "VersionStage": "AWSPREVIOUS" }),
        ) {
            if let Some(text) = v["SecretString"].as_str() {
                for val in inventory::hash_fields(store, &inventory::json_fields(text)) {
                    seen.older.push(OldValue {
                        field: val.field,
                        hash: val.hash,
                        version: v["VersionId"].as_str().map(str::to_string),
                        replaced_at: None,
                    });
                }
            }
        }
        out.push(seen);
    }
    Ok(out)
}

fn denied_note(e: &ApiError) -> String {
    format!(
        "value not readable ({}): leaks of it cannot be confirmed",
        e.message
    )
}

/// `ListSecrets`, every page, the ARNs (names starting with `prefix`).
fn list_secrets(api: &Api, prefix: Option<&str>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = json!({ "MaxResults": 100 });
        if let Some(t) = &token {
            body["NextToken"] = json!(t);
        }
        let page = api.call("ListSecrets", &body).map_err(|e| e.message)?;
        for s in page["SecretList"].as_array().into_iter().flatten() {
            let name = s["Name"].as_str().unwrap_or_default();
            if prefix.is_some_and(|p| !name.starts_with(p)) {
                continue;
            }
            if let Some(arn) = s["ARN"].as_str() {
                out.push(arn.to_string());
            }
        }
        if out.len() > MAX_SECRETS {
            return Err(format!(
                "more than {MAX_SECRETS} secrets: set a `name_prefix`"
            ));
        }
        token = page["NextToken"].as_str().map(str::to_string);
        if token.is_none() {
            return Ok(out);
        }
    }
}
