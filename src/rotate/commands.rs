//! The rotation subcommands, called by the app layer (`app/mod.rs`) with
//! the `[rotation]` settings it resolved: `keyhound rotate --report`,
//! `keyhound rotation add-key`, `sync`, `import`, `status`, `log` and
//! `keyhound rotation resolve`. Output goes to the writers they are given.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::config::{KeyMeta, LedgerLocation};
use super::inventory::{self, Entry as InventoryEntry, Inventory, Source, Store, Value};
use super::ledger::{self, Entry, Ledger, PgLedger, State};
use super::status::{KeyState, KeyStatus};
use super::sync::Synced;
use super::{audit, leak, Resolved, RotateFlags, Summary};
use crate::exit::UsageError;

/// `keyhound rotate --report FILE`: rotation from an earlier scan's JSON
/// report — review first, rotate second.
pub fn rotate_report(
    report: &Path,
    resolved: &Resolved,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<Summary> {
    let text = std::fs::read_to_string(report)
        .with_context(|| format!("cannot read report {}", report.display()))
        .map_err(|e| UsageError(format!("{e:#}")))?;
    let doc: crate::report::contract::JsonReport = serde_json::from_str(&text).map_err(|e| {
        UsageError(format!(
            "{}: not a keyhound JSON report ({}); write one with `keyhound scan --format json -o FILE`",
            report.display(),
            crate::diagnostic::json_error(&e)
        ))
    })?;
    let leaks = leak::from_report(&doc, None)
        .map_err(|e| UsageError(format!("{}: {e}", report.display())))?;
    let staged = !leaks.is_empty() && leaks.iter().all(|l| l.staged_only);
    super::run(
        resolved,
        &leaks,
        RotateFlags {
            rotate: true,
            dry_run,
            again: false,
        },
        super::context_for(staged),
        out,
        &mut super::tty_confirm,
        &super::no_recheck,
    )
}

/// What `keyhound rotate --key` was asked.
pub struct EmergencyRequest<'a> {
    pub key: &'a str,
    pub targets: &'a [String],
    pub fingerprint: Option<&'a str>,
    pub reason: &'a str,
    pub again: bool,
    pub yes: bool,
    pub dry_run: bool,
}

/// `keyhound rotate --key NAME --reason TEXT`: the emergency rotation of
/// an inventory key, now, without a scan — through the targets that list
/// the key in `keys` (or `--target`), gated by the same ledger and audit
/// log as every rotation. Prints the plan, then asks on a terminal
/// (`--yes` in scripts; no terminal and no `--yes` is a usage error).
/// The command is the human's decision: it sends even where `[rotation]
/// mode` is `dry-run` (that mode governs rotation after scans), unless
/// `--dry-run`.
pub fn emergency(
    resolved: &Resolved,
    req: &EmergencyRequest<'_>,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
) -> Result<Summary> {
    let cfg = &resolved.config;
    if req.reason.trim().is_empty() {
        return Err(
            UsageError("--reason may not be empty: say why, for the audit log".into()).into(),
        );
    }
    let key = cfg.keys.iter().find(|k| k.name == req.key).ok_or_else(|| {
        let names: Vec<&str> = cfg.keys.iter().map(|k| k.name.as_str()).collect();
        UsageError(format!(
            "no [[rotation.keys]] entry is named {:?} (known: {})",
            req.key,
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ))
    })?;
    let targets: Vec<String> = if req.targets.is_empty() {
        cfg.targets
            .iter()
            .filter(|t| t.keys.iter().any(|k| k == req.key))
            .map(|t| t.id.clone())
            .collect()
    } else {
        for id in req.targets {
            if !cfg.targets.iter().any(|t| &t.id == id) {
                return Err(UsageError(format!(
                    "--target {id:?}: no such [[rotation.targets]] id"
                ))
                .into());
            }
        }
        req.targets.to_vec()
    };
    if targets.is_empty() {
        return Err(UsageError(format!(
            "no target lists key {:?} in its `keys`: name one with --target ID",
            req.key
        ))
        .into());
    }
    let leak =
        leak::emergency(key, req.fingerprint, req.reason, targets.clone()).map_err(UsageError)?;
    writeln!(
        out,
        "keyhound: emergency rotation of key {:?} ({}, sha256 {}…)",
        key.name,
        leak.fingerprint,
        &key.sha256[..12]
    )?;
    writeln!(out, "  reason: {}", req.reason)?;
    for id in &targets {
        if let Some(t) = cfg.targets.iter().find(|t| &t.id == id) {
            writeln!(out, "  target: {} ({})", t.id, t.describe())?;
        }
    }
    if req.again {
        writeln!(out, "  --again: even if the ledger has it done")?;
    }
    if !req.dry_run && !req.yes && !confirm("keyhound: rotate now?") {
        return Err(UsageError(
            "not confirmed (no terminal, or not yes): nothing sent; add --yes in scripts".into(),
        )
        .into());
    }
    let mut forced = resolved.clone();
    forced.config.mode = super::Mode::Enforce;
    super::run(
        &forced,
        &[leak],
        RotateFlags {
            rotate: true,
            dry_run: req.dry_run,
            again: req.again,
        },
        super::Context::Audit,
        out,
        &mut |_| false,
        &super::no_recheck,
    )
}

/// What `add-key` did.
#[derive(Debug)]
pub struct AddedKey {
    /// The inventory file written.
    pub path: PathBuf,
    /// An entry of that name was there (its value is history now).
    pub replaced: bool,
    /// The key was a URL with credentials: its password part was taken.
    pub from_url: bool,
}

/// `keyhound rotation add-key --name N [--rule R]`: puts the keyed hash of
/// the key read from `key` (stdin) into the live inventory, for a key no
/// secret manager holds. Adding a name again replaces its value (the old
/// one is kept as already rotated). A URL with credentials
/// (`postgresql://u:pw@…`) is taken as its password part, which is what
/// a scan reports. The key itself is never written or printed.
pub fn add_key(store: &Store, name: &str, rule: Option<&str>, key: &str) -> Result<AddedKey> {
    let key = key
        .strip_suffix("\r\n")
        .or_else(|| key.strip_suffix('\n'))
        .unwrap_or(key);
    if key.is_empty() {
        return Err(UsageError("no key on standard input (pipe it in: `printf %s \"$KEY\" | keyhound rotation add-key --name NAME`)".into()).into());
    }
    if name.trim().is_empty() {
        return Err(UsageError("--name may not be empty".into()).into());
    }
    if let Some(r) = rule {
        globset::Glob::new(r).map_err(|e| UsageError(format!("--rule {r:?}: {e}")))?;
    }
    let url_pw = inventory::url_password(key);
    let forms = match &url_pw {
        Some(pw) => inventory::password_forms(pw),
        None => vec![key.to_string()],
    };
    let values: Vec<Value> = forms
        .iter()
        .map(|f| Value {
            field: String::new(),
            hash: store.hash(f),
        })
        .collect();
    let replaced = store.update(|inv| -> Result<bool> {
        if let Some(other) = inv.entries.iter().find(|e| {
            e.name != name
                && e.values
                    .iter()
                    .any(|v| values.iter().any(|n| n.hash == v.hash))
        }) {
            return Err(UsageError(format!(
                "this key is already in the inventory of {} as {:?}",
                store.path().display(),
                other.name
            ))
            .into());
        }
        let now = ledger::now_rfc3339();
        Ok(match inv.entry_mut(name) {
            Some(e) => {
                e.replace_values(values, None);
                e.rule = rule.map(str::to_string);
                e.last_rotated = Some(now.clone());
                e.synced_at = Some(now);
                true
            }
            None => {
                let mut e = InventoryEntry::new(name.to_string(), Source::Manual);
                e.values = values;
                e.rule = rule.map(str::to_string);
                e.synced_at = Some(now);
                inv.entries.push(e);
                false
            }
        })
    })??;
    Ok(AddedKey {
        path: store.path().to_path_buf(),
        replaced,
        from_url: url_pw.is_some(),
    })
}

/// `keyhound rotation sync`: every `[[rotation.sources]]` into the
/// inventory. A source that failed makes the command fail (exit 3) after
/// the others are synced.
pub fn sync(resolved: &Resolved, out: &mut dyn Write) -> Result<Synced> {
    if resolved.config.sources.is_empty() {
        return Err(UsageError(
            "no [[rotation.sources]] in your config: nothing to sync (README.md, \"Live inventory\")".into(),
        )
        .into());
    }
    let store = Store::open(resolved).map_err(UsageError)?;
    let n = super::sync::sync(resolved, &store, None, out)?;
    let inv = store.load()?;
    let noted: Vec<&InventoryEntry> = inv.entries.iter().filter(|e| e.note.is_some()).collect();
    for e in &noted {
        writeln!(
            out,
            "keyhound: {}: {}",
            e.name,
            e.note.as_deref().unwrap_or("")
        )?;
    }
    writeln!(
        out,
        "keyhound: synced {} secret{} from {} source{} ({} new, {} changed) into {}",
        n.secrets,
        if n.secrets == 1 { "" } else { "s" },
        resolved.config.sources.len() - n.failed_sources,
        if resolved.config.sources.len() - n.failed_sources == 1 {
            ""
        } else {
            "s"
        },
        n.added,
        n.changed,
        store.path().display()
    )?;
    if n.failed_sources > 0 {
        anyhow::bail!(
            "{} of {} sources could not be synced (see above)",
            n.failed_sources,
            resolved.config.sources.len()
        );
    }
    Ok(n)
}

/// A YAML inventory file: a list of items, or a mapping with a `keys`
/// (or `inventory`, `secrets`) list.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum YamlInventory {
    List(Vec<KeyMeta>),
    Keyed {
        #[serde(alias = "inventory", alias = "secrets")]
        keys: Vec<KeyMeta>,
    },
}

/// `keyhound rotation import FILE`: the inventory fields (owner,
/// `used_by`, environment, criticality, `rotation_frequency`,
/// `supports_dual_key`) of the YAML file's items, applied to the entries
/// they name now and after every sync. Returns (applied, added, items).
pub fn import(resolved: &Resolved, file: &Path) -> Result<(usize, usize, usize)> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {}", file.display()))
        .map_err(|e| UsageError(format!("{e:#}")))?;
    let doc: YamlInventory = yaml_serde::from_str(&text).map_err(|e| {
        UsageError(format!(
            "{}: not an inventory file ({}); expected a list of keys with name, vault_path or aws_secret, owner, rotation_frequency, …",
            file.display(),
            // The location only: the message may quote the file's text.
            e.location()
                .map(|l| format!("line {}, column {}", l.line(), l.column()))
                .unwrap_or_else(|| "unexpected shape".into())
        ))
    })?;
    let items = match doc {
        YamlInventory::List(v) | YamlInventory::Keyed { keys: v } => v,
    };
    for (i, item) in items.iter().enumerate() {
        if let Some(f) = &item.rotation_frequency {
            crate::rotate::config::parse_frequency(f)
                .map_err(|e| UsageError(format!("{}: item {}: {e}", file.display(), i + 1)))?;
        }
        if item.name.is_none() && item.vault_path.is_none() && item.aws_secret.is_none() {
            return Err(UsageError(format!(
                "{}: item {} needs `name`, `vault_path` or `aws_secret`",
                file.display(),
                i + 1
            ))
            .into());
        }
    }
    let store = Store::open(resolved).map_err(UsageError)?;
    let n = items.len();
    let (applied, added) = store.update(|inv| {
        let counts = inv.apply_meta(&items);
        inv.imported = items;
        counts
    })?;
    Ok((applied, added, n))
}

/// How `rotation status` was asked.
pub struct StatusRequest {
    pub json: bool,
    /// Evaluate the schedule at this time (default: now).
    pub at: Option<jiff::Timestamp>,
}

/// Everything `rotation status` and `rotation metrics` show, from one
/// read of the inventory and the ledger.
struct Reading {
    entries: Vec<Entry>,
    keys: Vec<KeyStatus>,
    synced_at: Option<String>,
    /// The time the schedules were evaluated at.
    now: jiff::Timestamp,
}

/// Reads the inventory and the ledger in force once and evaluates every
/// key's schedule at `at` (default: now).
fn read_status(resolved: &Resolved, at: Option<jiff::Timestamp>) -> Result<Reading> {
    let cfg = &resolved.config;
    let store = Store::existing(resolved).map_err(UsageError)?;
    let inv = match &store {
        Some(s) => s.load()?,
        None => Inventory::default(),
    };
    let entries = ledger_entries(&resolved.ledger_location().map_err(UsageError)?)?;
    let now = at.unwrap_or_else(jiff::Timestamp::now);
    let due_days = cfg
        .inventory
        .due_within_days
        .unwrap_or(super::status::DUE_WITHIN_DAYS);
    let keys = super::status::compute(&super::status::StatusInput {
        inventory: &inv,
        legacy: &cfg.keys,
        ledger: &entries,
        now,
        due_within_seconds: i64::from(due_days) * 86_400,
    });
    Ok(Reading {
        entries,
        keys,
        synced_at: inv.synced_at,
        now,
    })
}

/// `keyhound rotation status`: every key's state as text or JSON, the
/// worst of them (the exit code), and the same reading as metrics (for
/// `--metrics`/`--pushgateway`, at the time `--at` names).
pub fn status(
    resolved: &Resolved,
    req: &StatusRequest,
    out: &mut dyn Write,
) -> Result<(Vec<KeyStatus>, KeyState, crate::metrics::Snapshot)> {
    let reading = read_status(resolved, req.at)?;
    if req.json {
        let doc = super::status::to_json(&reading.keys, reading.now, reading.synced_at.clone());
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).expect("status serializes")
        )?;
    } else {
        super::status::write_text(&reading.keys, out)?;
    }
    let worst = super::status::exit_state(&reading.keys);
    let snapshot = snapshot(resolved, &reading);
    Ok((reading.keys, worst, snapshot))
}

/// The audit log path in force (config `audit_log`, else the state dir).
pub fn audit_path(resolved: Option<&Resolved>) -> Result<PathBuf> {
    let default = Resolved {
        config: Default::default(),
        base: ".".into(),
    };
    Ok(resolved
        .unwrap_or(&default)
        .audit_path()
        .map_err(UsageError)?)
}

/// The ledger in force (config `ledger`, else the state dir's file).
fn ledger_location(resolved: Option<&Resolved>) -> Result<LedgerLocation> {
    let default = Resolved {
        config: Default::default(),
        base: ".".into(),
    };
    Ok(resolved
        .unwrap_or(&default)
        .ledger_location()
        .map_err(UsageError)?)
}

/// Every ledger entry, from the file or the PostgreSQL ledger in force.
fn ledger_entries(location: &LedgerLocation) -> Result<Vec<Entry>> {
    Ok(match location {
        LedgerLocation::File(path) => ledger::read_all(path)
            .with_context(|| format!("cannot read the rotation ledger {}", path.display()))?,
        LedgerLocation::Postgres(pg) => PgLedger::open(pg)?.read_all()?,
    })
}

/// `keyhound rotation log`: the audit log as a table, or its JSONL as stored
/// (for a PostgreSQL ledger: its `keyhound_audit` table, one JSON record a
/// line).
pub fn log(resolved: Option<&Resolved>, json: bool, out: &mut dyn Write) -> Result<usize> {
    if let LedgerLocation::Postgres(pg) = ledger_location(resolved)? {
        let records = PgLedger::open(&pg)?.read_audit()?;
        if json {
            for r in &records {
                writeln!(out, "{}", serde_json::to_string(r)?)?;
            }
        } else if records.is_empty() {
            writeln!(out, "no rotation events in {}", pg.url)?;
        } else {
            audit::write_table(&records, out)?;
        }
        return Ok(records.len());
    }
    let path = audit_path(resolved)?;
    if json {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display())))
            }
        };
        out.write_all(text.as_bytes())?;
        return Ok(text.lines().count());
    }
    let records = audit::read(&path)
        .with_context(|| format!("cannot read the audit log {}", path.display()))?;
    if records.is_empty() {
        writeln!(out, "no rotation events in {}", path.display())?;
        return Ok(0);
    }
    audit::write_table(&records, out)?;
    Ok(records.len())
}

/// `keyhound rotation log --lifecycle`: one line per rotation (event id)
/// from the ledger — first time, target, fingerprint, its states in order
/// and the last detail; `json`: one object per rotation.
pub fn lifecycle(resolved: Option<&Resolved>, json: bool, out: &mut dyn Write) -> Result<usize> {
    let location = ledger_location(resolved)?;
    let entries = ledger_entries(&location)?;
    let mut order: Vec<&str> = Vec::new();
    let mut by_id: std::collections::HashMap<&str, Vec<&Entry>> = Default::default();
    for e in &entries {
        let v = by_id.entry(e.event_id.as_str()).or_default();
        if v.is_empty() {
            order.push(e.event_id.as_str());
        }
        v.push(e);
    }
    if order.is_empty() && !json {
        writeln!(out, "no rotations in {location}")?;
    }
    for id in &order {
        let v = &by_id[id];
        let (first, last) = (v[0], v[v.len() - 1]);
        let states: Vec<&str> = v.iter().map(|e| e.state.as_str()).collect();
        if json {
            let line = serde_json::json!({
                "event_id": id,
                "target": first.target,
                "action": first.action,
                "fingerprint": first.fingerprint,
                "started": first.time,
                "updated": last.time,
                "states": states,
                "state": last.state.as_str(),
                "detail": last.detail,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{}  {:<20}  {:<22}  {}  {}  {}",
                first.time,
                first.target,
                first.action,
                first.fingerprint,
                id,
                states.join(" → ")
            )?;
            if let Some(d) = &last.detail {
                writeln!(out, "{:<20}  {d}", "")?;
            }
        }
    }
    Ok(order.len())
}

/// `keyhound rotation resolve EVENT_ID --done|--failed`: a human's verdict
/// on an action a crashed run left in flight.
pub fn resolve_event(
    resolved: &Resolved,
    event_id: &str,
    done: bool,
    note: Option<&str>,
) -> Result<State> {
    let location = resolved.ledger_location().map_err(UsageError)?;
    let mut l = Ledger::open(&location)?;
    let mut locked = l.lock()?;
    let last = locked
        .latest(event_id)?
        .ok_or_else(|| UsageError(format!("no ledger entry for {event_id} in {location}")))?;
    let state = if done { State::Done } else { State::Failed };
    locked.append(Entry {
        time: ledger::now_rfc3339(),
        state,
        detail: Some(format!(
            "resolved by hand{}",
            note.map(|n| format!(": {n}")).unwrap_or_default()
        )),
        pid: std::process::id(),
        ..last
    })?;
    Ok(state)
}

/// `keyhound rotation metrics` (and `rotation status --metrics`): the
/// ledger's outcomes and each key's rotation state, the live inventory's
/// schedule states merged in, as a metrics snapshot (`src/metrics.rs`
/// writes it).
pub fn metrics(resolved: Option<&Resolved>) -> Result<crate::metrics::Snapshot> {
    let default = Resolved {
        config: Default::default(),
        base: ".".into(),
    };
    let resolved = resolved.unwrap_or(&default);
    Ok(snapshot(resolved, &read_status(resolved, None)?))
}

/// The ledger's outcomes and key states with the inventory's schedule
/// states merged in.
fn snapshot(resolved: &Resolved, reading: &Reading) -> crate::metrics::Snapshot {
    let mut rotation = super::metrics::from_ledger(&resolved.config, &reading.entries, reading.now);
    merge_inventory(&mut rotation, &reading.keys);
    crate::metrics::Snapshot {
        scan: None,
        rotation: Some(rotation),
    }
}

/// Each inventory key's schedule state, last rotation and due date into
/// the ledger's view of the keys; the latest sync as `last_sync`.
fn merge_inventory(rotation: &mut crate::metrics::RotationMetrics, keys: &[KeyStatus]) {
    use crate::metrics::KeyState as M;
    for k in keys {
        rotation.merge_key(crate::metrics::KeyMetric {
            name: Some(k.name.clone()),
            state: match k.state {
                KeyState::Ok => M::Ok,
                KeyState::Due => M::Due,
                KeyState::Overdue => M::Overdue,
                KeyState::LeakedUnrotated => M::LeakedUnrotated,
                KeyState::RotationFailed => M::RotationFailed,
            },
            last_rotated: k.last_rotated,
            next_due: k.next_due,
        });
        rotation.last_sync = rotation.last_sync.max(k.last_synced);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(dir: &Path) -> Resolved {
        let mut r = Resolved {
            config: Default::default(),
            base: dir.to_path_buf(),
        };
        r.config.inventory.file = Some(dir.join("inventory.json"));
        r.config.ledger = Some(dir.join("ledger.jsonl"));
        r
    }

    #[test]
    fn import_reads_the_guides_yaml_shapes_and_applies_them_by_name() {
        let d = tempfile::tempdir().unwrap();
        let r = resolved(d.path());
        let store = Store::open(&r).unwrap();
        add_key(&store, "ci-token", None, "not-a-real-token-0123456789\n").unwrap();
        let yaml = d.path().join("inventory.yaml");
        std::fs::write(
            &yaml,
            "- name: ci-token\n  owner: team-ci\n  used_by: [ci, deploy]\n  rotation_frequency: 90 days\n- aws_secret: prod/x\n  owner: team-x\n",
        )
        .unwrap();
        assert_eq!(import(&r, &yaml).unwrap(), (1, 0, 2));
        let inv = store.load().unwrap();
        assert_eq!(inv.entries[0].meta.owner.as_deref(), Some("team-ci"));
        assert_eq!(inv.entries[0].meta.used_by, ["ci", "deploy"]);
        assert_eq!(inv.imported.len(), 2, "kept for the next sync");
        std::fs::write(&yaml, "keys:\n  - name: other\n    criticality: low\n").unwrap();
        assert_eq!(import(&r, &yaml).unwrap(), (0, 1, 1));
    }

    #[test]
    fn a_bad_yaml_file_is_named_by_its_position_not_its_text() {
        let d = tempfile::tempdir().unwrap();
        let r = resolved(d.path());
        let yaml = d.path().join("inventory.yaml");
        std::fs::write(&yaml, "- name: k\n  password: [unclosed-Sup3rS3cret\n").unwrap();
        let e = import(&r, &yaml).unwrap_err().to_string();
        assert!(e.contains("not an inventory file"), "{e}");
        assert!(!e.contains("Sup3rS3cret"), "{e}");
        std::fs::write(&yaml, "- owner: nobody\n").unwrap();
        let e = import(&r, &yaml).unwrap_err().to_string();
        assert!(e.contains("item 1 needs"), "{e}");
    }

    #[test]
    fn status_of_an_add_key_key_with_a_schedule() {
        let d = tempfile::tempdir().unwrap();
        let mut r = resolved(d.path());
        r.config.inventory.keys.push(KeyMeta {
            name: Some("ci-token".into()),
            rotation_frequency: Some("30d".into()),
            ..KeyMeta::default()
        });
        let store = Store::open(&r).unwrap();
        add_key(&store, "ci-token", None, "not-a-real-token-0123456789").unwrap();
        store
            .update(|i| i.apply_meta(&r.config.inventory.keys))
            .unwrap();
        let mut out = Vec::new();
        let at = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(24 * 31))
            .unwrap();
        let (keys, worst, _) = status(
            &r,
            &StatusRequest {
                json: true,
                at: Some(at),
            },
            &mut out,
        )
        .unwrap();
        assert_eq!(worst, KeyState::Overdue, "{keys:?}");
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["keys"][0]["state"], "overdue");
        assert_eq!(doc["summary"]["overdue"], 1);
        assert!(!String::from_utf8_lossy(&out).contains("not-a-real-token"));
    }
}
