//! The rotation subcommands, called by the app layer (`app/mod.rs`) with
//! the `[rotation]` settings it resolved: `keyhound rotate --report`,
//! `keyhound rotation add-key`, `keyhound rotation log` and
//! `keyhound rotation resolve`. Output goes to the writers they are given.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::config::LedgerLocation;
use super::ledger::{self, Entry, Ledger, PgLedger, State};
use super::{audit, leak, Resolved, RotateFlags, RotationConfig, Summary};
use crate::exit::UsageError;
use crate::finding;

/// The part of a config file `add-key` reads and checks: its `[rotation]`
/// (the rest of the file is the settings layer's, and is left as written).
#[derive(serde::Deserialize)]
struct RotationPart {
    rotation: Option<RotationConfig>,
}

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

/// Where `add-key` writes: `--config FILE`, else the user's config path
/// (`user_config`, if it exists; else created under the config directory).
pub fn inventory_path(explicit: Option<&Path>, user_config: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = user_config {
        return Ok(p);
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .ok_or_else(|| {
            UsageError(
                "cannot find your config directory: set XDG_CONFIG_HOME or HOME, or pass --config"
                    .into(),
            )
        })?;
    Ok(base.join("keyhound").join("config.toml"))
}

/// `keyhound rotation add-key --name N [--rule R]`: appends the hash of the
/// key read from `key` (stdin) to the inventory. Returns the file and the
/// hash. The key itself is never written or printed.
pub fn add_key(path: &Path, name: &str, rule: Option<&str>, key: &str) -> Result<String> {
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
    let sha = finding::secret_sha256(key.as_bytes());
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display())))
        }
    };
    if !existing.is_empty() {
        let current: RotationPart = toml::from_str(&existing).map_err(|e| {
            let msg = crate::diagnostic::toml_error(&existing, &e);
            UsageError(format!("{}: {msg}", path.display()))
        })?;
        if let Some(k) = current
            .rotation
            .as_ref()
            .and_then(|r| r.keys.iter().find(|k| k.sha256.eq_ignore_ascii_case(&sha)))
        {
            return Err(UsageError(format!(
                "this key is already in the inventory of {} as {:?}",
                path.display(),
                k.name
            ))
            .into());
        }
    }
    let mut text = existing.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str("[[rotation.keys]]\n");
    text.push_str(&format!(
        "name = {}\n",
        toml::Value::String(name.to_string())
    ));
    text.push_str(&format!("sha256 = \"{sha}\"\n"));
    if let Some(r) = rule {
        text.push_str(&format!("rule = {}\n", toml::Value::String(r.to_string())));
    }
    // The result must still load, with the same checks as every run.
    let parsed: RotationPart = toml::from_str(&text).map_err(|e| {
        let msg = crate::diagnostic::toml_error(&text, &e);
        UsageError(format!(
            "{}: cannot add the key to this file: {msg}",
            path.display()
        ))
    })?;
    if let Some(r) = &parsed.rotation {
        r.validate_partial_inventory()
            .map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let tmp = path.with_extension("toml.keyhound-tmp");
    std::fs::write(&tmp, &text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(sha)
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
    let entries = match &location {
        LedgerLocation::File(path) => ledger::read_all(path)
            .with_context(|| format!("cannot read the rotation ledger {}", path.display()))?,
        LedgerLocation::Postgres(pg) => PgLedger::open(pg)?.read_all()?,
    };
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
