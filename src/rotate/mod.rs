//! Rotation: on a confirmed leak, start the emergency rotation of the key —
//! once per key per target, signed, audited, and without spreading the
//! secret further. keyhound does not rotate keys itself; it triggers the
//! team's secret manager or rotation job (webhook, Vault/OpenBao, AWS
//! Secrets Manager), or kills the key at its provider (GitHub, GitLab and
//! Slack self-revocation, AWS IAM deactivation).
//!
//! A finding fires a target only if all hold: the run asked for it
//! (`--rotate`, `KEYHOUND_ROTATE=1`, `keyhound rotate --report`); it is not
//! suppressed (the scan already dropped those); it is *confirmed* — verified
//! live, or its keyed hash is the current value of an entry of the live
//! inventory (`rotation sync`, `rotation add-key`; a leak of an older
//! value is reported as already rotated), or its sha256 is a legacy
//! `[[rotation.keys]]` entry, or the
//! target accepts unknown keys and a human said yes on a terminal; it
//! matches the target (rule and path globs, inventory names, minimum
//! severity); the context (`pre-commit`, `ci`, `audit`) is allowed; the
//! ledger has no `done` for it; and `max_actions_per_run` is not reached.
//! In `dry-run` mode (the default) the requests are printed, not sent.
//!
//! Module map: `config` (the `[rotation]` schema), `leak` (findings or a
//! report → one record per key), `event` (ids and payload), `ledger`
//! (once-only state under a file lock), `audit` (the log), `delivery`
//! (HTTP, timeouts, retries), `targets/` (one file per provider),
//! `inventory` (the live key inventory: keyed hashes, history, leaks),
//! `sync` (secret managers → inventory), `status` (age, schedule and
//! state per key), `commands` (the `rotate` and `rotation` subcommands).

pub mod audit;
pub mod commands;
pub mod config;
pub mod delivery;
pub mod event;
pub mod inventory;
pub mod leak;
pub mod ledger;
pub mod metrics;
pub mod status;
pub mod sync;
mod targets;

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Context as _, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::exit::UsageError;
use crate::finding::Verification;
use crate::report::contract::{JsonRotation, JsonRotationTarget};

pub use config::{Context, Mode, Resolved, RotationConfig, TargetConfig};
pub use leak::Leak;

use event::Event;
use ledger::{Entry, Ledger, State};
use targets::{ActionResult, Outcome, Proof, Recovery};

/// Checks a leaked value again at its provider (the rule's verify block),
/// after its rotation; `None` when no check applies. The app layer builds
/// it (verification sits below rotation but needs the ruleset).
pub type Recheck<'a> = &'a dyn Fn(&Leak) -> Option<Verification>;

/// A [`Recheck`] that checks nothing.
pub fn no_recheck(_: &Leak) -> Option<Verification> {
    None
}

/// What the command line asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RotateFlags {
    /// `--rotate` or `KEYHOUND_ROTATE=1`.
    pub rotate: bool,
    /// `--dry-run`: print, never send (implies `--rotate`).
    pub dry_run: bool,
    /// `keyhound rotate --key … --again`: start a rotation the ledger has
    /// settled once more (under a new event id; the ledger says why).
    pub again: bool,
}

impl RotateFlags {
    pub fn requested(self) -> bool {
        self.rotate || self.dry_run
    }
}

/// Counts of one rotation run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub mode: Option<Mode>,
    pub done: usize,
    pub failed: usize,
    pub skipped: usize,
    pub refused: usize,
    pub unresolved: usize,
    pub would_send: usize,
    /// Findings that matched a target but are not confirmed.
    pub unconfirmed: usize,
    /// Proved dead after the rotation.
    pub verified: usize,
    /// Still working after a rotation the target reported done: exit 5.
    pub still_live: usize,
    /// Accepted, not finished at the provider yet.
    pub pending: usize,
    /// Done, with nothing to prove it by.
    pub unverifiable: usize,
    /// Per key (the fingerprint's hash part): what rotation did, for the
    /// reports.
    pub rotations: BTreeMap<String, JsonRotation>,
}

impl Summary {
    /// A rotation failed, was refused by the limit, or is stuck: exit 5.
    /// A dry run fails nothing.
    pub fn failed(&self) -> bool {
        self.mode == Some(Mode::Enforce)
            && self.failed + self.refused + self.unresolved + self.still_live > 0
    }

    /// The rotation of the key of `fingerprint` (`RULE:HASH`), if any.
    pub fn rotation_of(&self, fingerprint: &str) -> Option<&JsonRotation> {
        let hash = fingerprint.rsplit_once(':').map_or(fingerprint, |(_, h)| h);
        self.rotations.get(hash)
    }
}

/// The overall state of a key's rotation: proved dead by one target and
/// failed by none is `verified`; else the most urgent target state.
fn overall_state(targets: &[JsonRotationTarget]) -> String {
    let has = |s: &str| targets.iter().any(|t| t.state == s);
    let failed = ["failed", "refused", "unresolved"].iter().any(|s| has(s));
    let order = [
        "still_live",
        "failed",
        "refused",
        "unresolved",
        "in_flight",
        "pending",
        "done",
        "unverifiable",
        "dry_run",
        "skipped",
    ];
    if !has("still_live") && !failed && has("verified") {
        return "verified".into();
    }
    order
        .iter()
        .find(|s| has(s))
        .map_or_else(|| "skipped".to_string(), |s| s.to_string())
}

/// The context of a run: `pre-commit` for `--staged`, `ci` when `CI` is
/// set (to anything but `false`/`0`), `audit` otherwise.
pub fn context_for(staged: bool) -> Context {
    let ci = std::env::var("CI")
        .map(|v| !v.is_empty() && v != "false" && v != "0")
        .unwrap_or(false);
    if staged {
        Context::PreCommit
    } else if ci {
        Context::Ci
    } else {
        Context::Audit
    }
}

/// Rotation after a scan: leaks from the scan's reported findings; the
/// human-readable account goes to `out` (stderr: stdout holds the report).
/// `repository` is where the findings come from (for the events).
pub fn after_scan(
    resolved: &Resolved,
    findings: &[crate::finding::Finding],
    flags: RotateFlags,
    staged: bool,
    repository: Option<&str>,
    out: &mut dyn Write,
    recheck: Recheck<'_>,
) -> Result<Summary> {
    let leaks = leak::from_findings(findings, repository);
    run(
        resolved,
        &leaks,
        flags,
        context_for(staged),
        out,
        &mut tty_confirm,
        recheck,
    )
}

/// Asks a human on a terminal; no terminal means no.
pub fn confirm_on_terminal(prompt: &str) -> bool {
    tty_confirm(prompt)
}

/// Asks a human on a terminal; no terminal means no.
fn tty_confirm(prompt: &str) -> bool {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{prompt} [y/N] ");
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes")
}

/// One (target, leak) pair that passed every gate but the ledger.
struct Candidate<'a> {
    target: &'a TargetConfig,
    leak: &'a Leak,
    confirmed_by: String,
    event_id: String,
}

/// A target's rule and path globs, compiled.
struct TargetMatcher {
    rules: GlobSet,
    paths: Option<GlobSet>,
}

impl TargetMatcher {
    fn new(t: &TargetConfig) -> Result<TargetMatcher> {
        let build = |globs: &[String]| -> Result<GlobSet> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(
                    Glob::new(g)
                        .map_err(|e| UsageError(format!("target {:?}: glob {g:?}: {e}", t.id)))?,
                );
            }
            Ok(b.build()?)
        };
        Ok(TargetMatcher {
            rules: build(&t.rule_globs())?,
            paths: if t.paths.is_empty() {
                None
            } else {
                Some(build(&t.paths)?)
            },
        })
    }

    fn matches(
        &self,
        t: &TargetConfig,
        cfg: &RotationConfig,
        leak: &Leak,
        live: Option<&Live>,
    ) -> bool {
        if !self.rules.is_match(&leak.rule) || leak.severity < t.min_severity() {
            return false;
        }
        if let Some(p) = &self.paths {
            if !p.is_match(&leak.location.path) {
                return false;
            }
        }
        let current = live.filter(|l| l.current);
        if !t.keys.is_empty() {
            return inventory_match(cfg, leak).is_some_and(|k| t.keys.contains(&k.name))
                || current.is_some_and(|l| t.keys.contains(&l.entry.name));
        }
        // The inventory entry names its secret: a target acting on one
        // secret fires for that secret's leaks only.
        if let Some(acts) = current.and_then(|l| l.entry.acted_on_by(t)) {
            return acts;
        }
        true
    }
}

/// What the live inventory says of one leak.
struct Live {
    entry: inventory::Entry,
    /// The keyed hash of the leaked value.
    hash: String,
    /// The entry's current value (else an older one).
    current: bool,
    /// For an older value: the version it belonged to, when replaced.
    version: Option<String>,
    replaced_at: Option<String>,
}

/// Looks every leak up in the live inventory.
fn live_matches(
    store: &inventory::Store,
    inv: &inventory::Inventory,
    leaks: &[Leak],
) -> Vec<Option<Live>> {
    leaks
        .iter()
        .map(|leak| {
            let hash = match &leak.secret {
                Some(s) => store.hash(s.expose()),
                None => store.hash_of_key_hash(&leak.key_hash),
            };
            match inv.find(&hash, &leak.rule)? {
                inventory::Match::Current(e) => Some(Live {
                    entry: e.clone(),
                    hash,
                    current: true,
                    version: None,
                    replaced_at: None,
                }),
                inventory::Match::Older(e, old) => Some(Live {
                    entry: e.clone(),
                    hash,
                    current: false,
                    version: old.version.clone(),
                    replaced_at: old.replaced_at.clone(),
                }),
            }
        })
        .collect()
}

/// The inventory entry whose hash (and rule, if given) matches the leak.
fn inventory_match<'a>(cfg: &'a RotationConfig, leak: &Leak) -> Option<&'a config::InventoryKey> {
    cfg.keys.iter().find(|k| {
        let sha = k.sha256.to_ascii_lowercase();
        let hash_ok = match &leak.sha256 {
            Some(full) => *full == sha,
            // A redacted report names a guessable key by its slow hash.
            None => {
                sha.starts_with(&leak.key_hash)
                    || crate::fingerprint::key_hash_of_sha256(&sha, true)
                        .is_some_and(|h| h == leak.key_hash)
            }
        };
        let rule_ok = k.rule.as_ref().is_none_or(|r| {
            Glob::new(r)
                .map(|g| g.compile_matcher().is_match(&leak.rule))
                .unwrap_or(false)
        });
        hash_ok && rule_ok
    })
}

/// Everything one run decides and does, written to `out` and the audit log.
pub fn run(
    resolved: &Resolved,
    leaks: &[Leak],
    flags: RotateFlags,
    context: Context,
    out: &mut dyn Write,
    confirm: &mut dyn FnMut(&str) -> bool,
    recheck: Recheck<'_>,
) -> Result<Summary> {
    let cfg = &resolved.config;
    let mode = if flags.dry_run || cfg.mode == Mode::DryRun {
        Mode::DryRun
    } else {
        Mode::Enforce
    };
    let ledger_path = resolved.ledger_path().map_err(UsageError)?;
    let audit_path = resolved.audit_path().map_err(UsageError)?;
    let mut r = Runner {
        cfg,
        mode,
        context,
        out,
        recheck,
        audit: Vec::new(),
        summary: Summary {
            mode: Some(mode),
            ..Summary::default()
        },
    };
    r.line(&format!(
        "keyhound rotation: {} (context {}){}",
        mode.as_str(),
        context,
        if mode == Mode::DryRun {
            " — nothing is sent"
        } else {
            ""
        }
    ))?;

    // The live inventory, if there is one (a scan creates none).
    let store = inventory::Store::existing(resolved).map_err(UsageError)?;
    let inv = store.as_ref().map(|s| s.load()).transpose()?;
    let live: Vec<Option<Live>> = match (&store, &inv) {
        (Some(s), Some(i)) => live_matches(s, i, leaks),
        _ => leaks.iter().map(|_| None).collect(),
    };
    for (leak, l) in leaks.iter().zip(&live) {
        if let Some(l) = l.as_ref().filter(|l| !l.current) {
            r.line(&format!(
                "  already rotated {} — an older value of inventory key {:?}{}{}; its current value is another",
                leak.fingerprint,
                l.entry.name,
                l.version
                    .as_ref()
                    .map(|v| format!(" (version {v})"))
                    .unwrap_or_default(),
                l.replaced_at
                    .as_ref()
                    .map(|t| format!(", replaced at {t}"))
                    .unwrap_or_default(),
            ))?;
        }
    }
    for t in &cfg.targets {
        for k in &t.keys {
            let known = cfg.keys.iter().any(|i| &i.name == k)
                || inv
                    .as_ref()
                    .is_some_and(|i| i.entries.iter().any(|e| &e.name == k));
            if !known {
                r.line(&format!(
                    "  note: target {:?} lists key {k:?}, which is in no inventory (rotation sync, rotation add-key, [[rotation.keys]])",
                    t.id
                ))?;
            }
        }
    }

    // Gates that need no state: match, context, confirmation.
    let mut candidates = Vec::new();
    for t in &cfg.targets {
        let m = TargetMatcher::new(t)?;
        let contexts = cfg.contexts_for(t);
        for (leak, live) in leaks.iter().zip(&live) {
            let live = live.as_ref();
            let event_id = event::event_id(&t.id, &leak.key_hash);
            // A human's emergency: the targets were chosen by name.
            if let Some(em) = &leak.emergency {
                if em.targets.contains(&t.id) {
                    candidates.push(Candidate {
                        target: t,
                        leak,
                        confirmed_by: format!("emergency: {}", em.reason),
                        event_id,
                    });
                }
                continue;
            }
            if !m.matches(t, cfg, leak, live) {
                continue;
            }
            if !contexts.contains(&context) {
                let names: Vec<&str> = contexts.iter().map(|c| c.as_str()).collect();
                r.skip(
                    t,
                    leak,
                    &event_id,
                    &format!(
                        "context {context} is not enabled for this target (contexts = {names:?})"
                    ),
                )?;
                continue;
            }
            let confirmed_by = if let Some(k) = inventory_match(cfg, leak) {
                Some(format!("inventory:{}", k.name))
            } else if let Some(l) = live.filter(|l| l.current) {
                Some(format!("inventory:{}", l.entry.name))
            } else if leak.verification == Verification::Live {
                Some("verification:live".to_string())
            } else if t.accept_unknown && leak.verification != Verification::Dead {
                if mode == Mode::DryRun {
                    Some("human (an enforce run asks on the terminal)".to_string())
                } else if confirm(&format!(
                    "keyhound: rotate {} ({}:{}) through target {:?}? It is neither verified live nor in your inventory.",
                    leak.fingerprint, leak.location.path, leak.location.line, t.id
                )) {
                    Some("human".to_string())
                } else {
                    r.skip(
                        t,
                        leak,
                        &event_id,
                        "not confirmed: accept_unknown needs a human's yes on a terminal",
                    )?;
                    continue;
                }
            } else {
                // A leak of an older value was reported as such above.
                if live.is_none_or(|l| l.current) {
                    r.summary.unconfirmed += 1;
                }
                continue;
            };
            candidates.push(Candidate {
                target: t,
                leak,
                confirmed_by: confirmed_by.unwrap_or_default(),
                event_id,
            });
        }
    }
    if r.summary.unconfirmed > 0 {
        r.line(&format!(
            "  {} finding{} matched a target but {} not confirmed (not verified live, not in the inventory): not rotated",
            r.summary.unconfirmed,
            if r.summary.unconfirmed == 1 { "" } else { "s" },
            if r.summary.unconfirmed == 1 { "is" } else { "are" },
        ))?;
    }

    // Each leak of an entry's current value is remembered with the
    // rotations it starts, for `rotation status` (a commit the hook
    // blocked has not leaked).
    // (entry name, fingerprint, keyed hash, event ids) per leak of a
    // current value.
    let mut recorded: Vec<(String, String, String, Vec<String>)> = Vec::new();
    if context != Context::PreCommit {
        for (leak, l) in leaks.iter().zip(&live) {
            let Some(l) = l.as_ref().filter(|l| l.current) else {
                continue;
            };
            let ids: Vec<String> = candidates
                .iter()
                .filter(|c| std::ptr::eq(c.leak, leak))
                .map(|c| c.event_id.clone())
                .collect();
            recorded.push((
                l.entry.name.clone(),
                leak.fingerprint.clone(),
                l.hash.clone(),
                ids,
            ));
        }
    }
    if let (Some(s), false) = (&store, recorded.is_empty()) {
        s.update(|i| {
            for (name, fingerprint, hash, ids) in &recorded {
                i.record_leak(name, fingerprint, hash, ids);
            }
        })?;
    }
    let confirmed: Vec<(String, Vec<String>)> = recorded
        .into_iter()
        .map(|(name, _, _, ids)| (name, ids))
        .collect();

    let mut ledger = Ledger::open(&ledger_path)?;
    // The ledger and the per-run limit.
    let mut firing = Vec::new();
    {
        let mut locked = ledger.lock()?;
        let mut count = 0;
        for mut c in candidates {
            let legacy = event::legacy_event_id(&c.target.id, c.leak);
            let mut again = None;
            if let Some(e) = locked
                .latest_of(&c.event_id, legacy.as_deref())
                .filter(|e| e.state.settled() && e.state != State::Pending)
                .cloned()
            {
                if !(flags.again && c.leak.emergency.is_some()) {
                    r.already(c.target, c.leak, &c.event_id, &e)?;
                    continue;
                }
                // Once more, under a new id (an idempotency token equal to
                // the first one's would make the provider ignore it).
                let id = event::event_id(
                    &format!("{}#again@{}", c.target.id, ledger::now_rfc3339()),
                    &c.leak.key_hash,
                );
                again = Some(format!(
                    "again after {} ({} at {}): {}",
                    c.event_id,
                    e.state.as_str(),
                    e.time,
                    c.leak
                        .emergency
                        .as_ref()
                        .map_or("", |em| em.reason.as_str())
                ));
                c.event_id = id;
            }
            if count >= cfg.max_actions_per_run {
                r.refuse(&c)?;
                continue;
            }
            count += 1;
            let time = locked
                .event_time(&c.event_id)
                .map(str::to_string)
                .unwrap_or_else(ledger::now_rfc3339);
            // An `in_flight` left by a crashed run stays the latest entry:
            // the enforce step resolves it from the provider's state.
            let pending = matches!(
                locked
                    .latest_of(&c.event_id, legacy.as_deref())
                    .map(|e| e.state),
                Some(State::InFlight | State::Planned | State::Pending)
            );
            if mode == Mode::Enforce && !pending {
                let detail = again.or_else(|| {
                    c.leak
                        .emergency
                        .as_ref()
                        .map(|em| format!("emergency: {}", em.reason))
                });
                locked.append(entry(&c, State::Planned, Some(time.clone()), detail))?;
            }
            firing.push((c, time));
        }
    }

    // Per target, in config order.
    for t in &cfg.targets {
        let group: Vec<&(Candidate, String)> = firing
            .iter()
            .filter(|(c, _)| std::ptr::eq(c.target, t))
            .collect();
        if group.is_empty() {
            continue;
        }
        let events: Vec<Event> = group
            .iter()
            .map(|(c, time)| Event {
                id: c.event_id.clone(),
                time: time.clone(),
                leak: c.leak,
                target: t,
                confirmed_by: c.confirmed_by.clone(),
                context,
                mode,
            })
            .collect();
        if mode == Mode::DryRun {
            r.dry_run(t, &events)?;
        } else {
            r.enforce(t, &events, &mut ledger)?;
        }
    }

    if mode == Mode::Enforce {
        if let Some(s) = &store {
            r.resync(resolved, s, &confirmed, &mut ledger)?;
        }
    }

    for targets in r.summary.rotations.values_mut() {
        targets.state = overall_state(&targets.targets);
    }
    let s = &r.summary;
    let line = if mode == Mode::DryRun {
        format!(
            "  summary: {} would be sent, {} skipped, {} refused",
            s.would_send, s.skipped, s.refused
        )
    } else {
        format!(
            "  summary: {} done ({} verified, {} still live, {} pending, {} unverifiable), {} failed, {} skipped, {} refused, {} unresolved",
            s.done,
            s.verified,
            s.still_live,
            s.pending,
            s.unverifiable,
            s.failed,
            s.skipped,
            s.refused,
            s.unresolved
        )
    };
    r.line(&line)?;
    audit::append(&audit_path, &r.audit).with_context(|| {
        format!(
            "cannot write the rotation audit log {}",
            audit_path.display()
        )
    })?;
    Ok(r.summary)
}

fn entry(
    c: &Candidate<'_>,
    state: State,
    event_time: Option<String>,
    detail: Option<String>,
) -> Entry {
    Entry {
        time: ledger::now_rfc3339(),
        event_id: c.event_id.clone(),
        target: c.target.id.clone(),
        action: targets::action_name(c.target).to_string(),
        fingerprint: c.leak.fingerprint.clone(),
        state,
        event_time,
        detail,
        pid: std::process::id(),
    }
}

fn ev_entry(ev: &Event<'_>, state: State, detail: Option<String>) -> Entry {
    Entry {
        time: ledger::now_rfc3339(),
        event_id: ev.id.clone(),
        target: ev.target.id.clone(),
        action: targets::action_name(ev.target).to_string(),
        fingerprint: ev.leak.fingerprint.clone(),
        state,
        event_time: Some(ev.time.clone()),
        detail,
        pid: std::process::id(),
    }
}

impl Runner<'_> {
    /// After rotations: the inventory entries whose leak a rotation
    /// settled (`done`, `verified`, `unverifiable`) are read again from
    /// their secret manager, so the new value is the current one (a leak
    /// of it is confirmed) and the leaked one is history. An entry no
    /// manager holds (`add-key`) cannot be; the line says so.
    fn resync(
        &mut self,
        resolved: &Resolved,
        store: &inventory::Store,
        confirmed: &[(String, Vec<String>)],
        ledger: &mut Ledger,
    ) -> Result<()> {
        let mut names: Vec<String> = Vec::new();
        {
            let locked = ledger.lock()?;
            for (name, ids) in confirmed {
                let settled = ids.iter().any(|id| {
                    locked.latest(id).is_some_and(|e| {
                        matches!(e.state, State::Done | State::Verified | State::Unverifiable)
                    })
                });
                if settled && !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
        if names.is_empty() {
            return Ok(());
        }
        let before = store.load()?;
        let mut msg = Vec::new();
        sync::sync(resolved, store, Some(&names), &mut msg)?;
        for l in String::from_utf8_lossy(&msg).lines() {
            self.line(&format!("  {}", l.trim_start_matches("keyhound: ")))?;
        }
        let after = store.load()?;
        for name in &names {
            let old = before.entries.iter().find(|e| &e.name == name);
            let new = after.entries.iter().find(|e| &e.name == name);
            let line = match (old, new) {
                (Some(o), Some(_)) if o.source == inventory::Source::Manual => format!(
                    "  inventory   {name}: no secret manager holds it; add its new value with `keyhound rotation add-key --name {name}`"
                ),
                (Some(o), Some(n)) if o.values != n.values => format!(
                    "  re-synced   {name}: the current value is version {} now (the leaked one, version {}, is kept as already rotated)",
                    n.version.as_deref().unwrap_or("?"),
                    o.version.as_deref().unwrap_or("?")
                ),
                _ => format!(
                    "  re-synced   {name}: the manager still shows the leaked value as current (the rotation may not have finished)"
                ),
            };
            self.line(&line)?;
        }
        Ok(())
    }
}

/// The state of one run: output sink, audit records, counts.
struct Runner<'o> {
    cfg: &'o RotationConfig,
    mode: Mode,
    context: Context,
    out: &'o mut dyn Write,
    recheck: Recheck<'o>,
    audit: Vec<audit::Record>,
    summary: Summary,
}

impl Runner<'_> {
    fn line(&mut self, s: &str) -> Result<()> {
        match writeln!(self.out, "{s}") {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        }
    }

    fn record(
        &mut self,
        t: &TargetConfig,
        leak: &Leak,
        event_id: &str,
        outcome: &str,
        res: Option<&ActionResult>,
        message: &str,
    ) {
        self.audit.push(audit::Record {
            time: ledger::now_rfc3339(),
            event_id: event_id.to_string(),
            target: t.id.clone(),
            target_type: t.kind.as_str().to_string(),
            action: targets::action_name(t).to_string(),
            mode: self.mode.as_str().to_string(),
            context: self.context.as_str().to_string(),
            fingerprint: leak.fingerprint.clone(),
            rule: leak.rule.clone(),
            outcome: outcome.to_string(),
            http_status: res.and_then(|r| r.http_status),
            provider_request_id: res.and_then(|r| r.request_id.clone()),
            duration_ms: res.map_or(0, |r| r.duration_ms),
            attempts: res.map_or(0, |r| r.attempts),
            message: (!message.is_empty()).then(|| leak.scrub(message)),
        });
    }

    fn head(t: &TargetConfig, leak: &Leak) -> String {
        format!("{} ({}) for {}", t.id, t.describe(), leak.fingerprint)
    }

    /// Notes `state` of (target, key) for the reports.
    fn view(&mut self, t: &TargetConfig, leak: &Leak, event_id: &str, state: &str, message: &str) {
        let entry = JsonRotationTarget {
            event_id: event_id.to_string(),
            message: leak.scrub(message),
            state: state.to_string(),
            target: t.id.clone(),
            time: ledger::now_rfc3339(),
        };
        let targets = &mut self
            .summary
            .rotations
            .entry(leak.key_hash.clone())
            .or_default()
            .targets;
        match targets.iter_mut().find(|e| e.target == t.id) {
            Some(e) => *e = entry,
            None => targets.push(entry),
        }
    }

    /// The ledger has this rotation settled by an earlier run.
    fn already(&mut self, t: &TargetConfig, leak: &Leak, event_id: &str, e: &Entry) -> Result<()> {
        self.summary.skipped += 1;
        let why = format!("already done at {} (ledger: {})", e.time, e.state.as_str());
        self.record(t, leak, event_id, "skipped", None, &why);
        let detail = e.detail.clone().unwrap_or_else(|| why.clone());
        self.view(t, leak, event_id, e.state.as_str(), &detail);
        self.line(&format!("  skipped     {} — {why}", Self::head(t, leak)))
    }

    fn skip(&mut self, t: &TargetConfig, leak: &Leak, event_id: &str, why: &str) -> Result<()> {
        self.summary.skipped += 1;
        self.record(t, leak, event_id, "skipped", None, why);
        self.view(t, leak, event_id, "skipped", why);
        self.line(&format!("  skipped     {} — {why}", Self::head(t, leak)))
    }

    fn refuse(&mut self, c: &Candidate<'_>) -> Result<()> {
        self.summary.refused += 1;
        let why = format!(
            "refused: max_actions_per_run = {} already reached in this run; a mass event needs a human — review the findings, then raise [rotation] max_actions_per_run or rotate by hand",
            self.cfg.max_actions_per_run
        );
        self.record(c.target, c.leak, &c.event_id, "refused", None, &why);
        self.view(c.target, c.leak, &c.event_id, "refused", &why);
        self.line(&format!(
            "  refused     {} — {why}",
            Self::head(c.target, c.leak)
        ))
    }

    fn dry_run(&mut self, t: &TargetConfig, events: &[Event<'_>]) -> Result<()> {
        for ev in events {
            self.summary.would_send += 1;
            self.view(t, ev.leak, &ev.id, "dry_run", "dry run: nothing sent");
            self.record(
                t,
                ev.leak,
                &ev.id,
                "dry_run",
                None,
                &format!("confirmed by {}", ev.confirmed_by),
            );
            self.line(&format!(
                "  would send  {} [confirmed by {}] event {}",
                Self::head(t, ev.leak),
                ev.confirmed_by,
                ev.id
            ))?;
        }
        for p in targets::preview(t, events) {
            self.line(&format!("    {} {}", p.method, p.url))?;
            for (k, v) in &p.headers {
                self.line(&format!("      {k}: {v}"))?;
            }
            if let Some(b) = &p.body {
                for l in b.lines() {
                    self.line(&format!("      {l}"))?;
                }
            }
        }
        Ok(())
    }

    fn enforce(
        &mut self,
        t: &TargetConfig,
        events: &[Event<'_>],
        ledger: &mut Ledger,
    ) -> Result<()> {
        // The lock is held from the last ledger check until the outcome is
        // written: a concurrent run waits here, then sees `done`.
        let mut locked = ledger.lock()?;
        let mut to_send: Vec<&Event> = Vec::new();
        for ev in events {
            let legacy = event::legacy_event_id(&t.id, ev.leak);
            let latest = locked.latest_of(&ev.id, legacy.as_deref()).cloned();
            match latest.as_ref().map(|e| e.state) {
                // Accepted by an earlier run, finished at the provider since?
                Some(State::Pending) => {
                    match targets::settle_pending(t, &self.cfg.delivery, ev) {
                        Ok(msg) => {
                            locked.append(ev_entry(ev, State::Done, Some(msg.clone())))?;
                            let res = ActionResult {
                                outcome: Outcome::Done,
                                http_status: None,
                                request_id: None,
                                attempts: 0,
                                duration_ms: 0,
                                message: format!("finished since: {msg}"),
                            };
                            self.finish(t, ev, &mut locked, &res)?;
                        }
                        Err(why) => {
                            self.summary.pending += 1;
                            let msg = ev.leak.scrub(&format!("still not finished: {why}"));
                            self.record(t, ev.leak, &ev.id, "pending", None, &msg);
                            self.view(t, ev.leak, &ev.id, "pending", &msg);
                            self.line(&format!(
                                "  {:<11} {} — {msg} [event {}]",
                                "pending",
                                Self::head(t, ev.leak),
                                ev.id
                            ))?;
                        }
                    }
                    continue;
                }
                Some(s) if s.settled() => {
                    let e = latest.clone().expect("a state has an entry");
                    self.already(t, ev.leak, &ev.id, &e)?;
                    continue;
                }
                Some(State::InFlight) => {
                    let since = latest.as_ref().and_then(|e| e.time.parse().ok());
                    match targets::recover(t, &self.cfg.delivery, ev, since) {
                        Recovery::Done(msg) => {
                            locked.append(ev_entry(ev, State::Done, Some(msg.clone())))?;
                            self.finish(
                                t,
                                ev,
                                &mut locked,
                                &ActionResult {
                                    outcome: Outcome::Done,
                                    http_status: None,
                                    request_id: None,
                                    attempts: 0,
                                    duration_ms: 0,
                                    message: format!("recovered: {msg}"),
                                },
                            )?;
                            continue;
                        }
                        Recovery::Unknown(msg) => {
                            self.summary.unresolved += 1;
                            let why = format!(
                                "an earlier run was interrupted while this was in flight and the provider cannot tell whether it happened: {msg}"
                            );
                            self.record(t, ev.leak, &ev.id, "unresolved", None, &why);
                            self.view(t, ev.leak, &ev.id, "unresolved", &why);
                            self.line(&format!(
                                "  unresolved  {} — {why}",
                                Self::head(t, ev.leak)
                            ))?;
                            continue;
                        }
                        Recovery::Resend => {}
                    }
                }
                _ => {}
            }
            to_send.push(ev);
        }
        if to_send.is_empty() {
            return Ok(());
        }
        for ev in &to_send {
            locked.append(ev_entry(ev, State::InFlight, None))?;
        }
        let owned: Vec<Event> = to_send.iter().map(|e| (*e).clone()).collect();
        let results = if targets::batched(t) {
            targets::execute(t, &self.cfg.delivery, &owned)
        } else {
            // One at a time, each outcome written before the next request.
            let mut v = Vec::new();
            for ev in &owned {
                let res = targets::execute(t, &self.cfg.delivery, std::slice::from_ref(ev));
                let res = res
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| ActionResult::failed("no result"));
                locked.append(ev_entry(
                    ev,
                    state_of(res.outcome),
                    Some(ev.leak.scrub(&res.message)),
                ))?;
                v.push(res);
            }
            v
        };
        for (ev, res) in owned.iter().zip(&results) {
            if targets::batched(t) {
                locked.append(ev_entry(
                    ev,
                    state_of(res.outcome),
                    Some(ev.leak.scrub(&res.message)),
                ))?;
            }
            self.finish(t, ev, &mut locked, res)?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        t: &TargetConfig,
        ev: &Event<'_>,
        locked: &mut ledger::Locked<'_>,
        res: &ActionResult,
    ) -> Result<()> {
        match res.outcome {
            Outcome::Done => self.summary.done += 1,
            Outcome::Pending => {
                self.summary.done += 1;
                self.summary.pending += 1;
            }
            Outcome::Failed => self.summary.failed += 1,
            Outcome::Skipped => self.summary.skipped += 1,
        }
        self.view(t, ev.leak, &ev.id, res.outcome.as_str(), &res.message);
        self.record(
            t,
            ev.leak,
            &ev.id,
            res.outcome.as_str(),
            Some(res),
            &res.message,
        );
        let mut detail = Vec::new();
        if let Some(s) = res.http_status {
            detail.push(format!("HTTP {s}"));
        }
        if res.attempts > 0 {
            detail.push(format!(
                "{} attempt{}",
                res.attempts,
                if res.attempts == 1 { "" } else { "s" }
            ));
            detail.push(format!("{} ms", res.duration_ms));
        }
        if let Some(id) = &res.request_id {
            detail.push(format!("request id {id}"));
        }
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", detail.join(", "))
        };
        self.line(&format!(
            "  {:<11} {} — {}{detail} [confirmed by {}; event {}]",
            res.outcome.as_str(),
            Self::head(t, ev.leak),
            ev.leak.scrub(&res.message),
            ev.confirmed_by,
            ev.id
        ))?;
        // A webhook's own delivery is the leak event: no outcome event
        // says it again; only what the proof finds is news.
        let own = matches!(t.kind, config::TargetKind::Webhook(_));
        match res.outcome {
            Outcome::Done => {
                if !own {
                    self.notify(t, ev, locked, "done", &res.message)?;
                }
                self.prove(t, ev, locked)
            }
            Outcome::Pending if !own => self.notify(t, ev, locked, "pending", &res.message),
            Outcome::Failed if !own => self.notify(t, ev, locked, "failed", &res.message),
            _ => Ok(()),
        }
    }

    /// After a `done`: is the leaked value dead? The rule's verify block
    /// first (the value itself, tried at its provider; a live answer is
    /// tried again within `settle_ms`, a receiver's job may take a
    /// moment), then what the target's provider shows.
    fn prove(
        &mut self,
        t: &TargetConfig,
        ev: &Event<'_>,
        locked: &mut ledger::Locked<'_>,
    ) -> Result<()> {
        let started = std::time::Instant::now();
        let bound = std::time::Duration::from_millis(self.cfg.delivery.settle_ms);
        let mut proof = None;
        loop {
            match (self.recheck)(ev.leak) {
                Some(Verification::Dead) => {
                    proof = Some(Proof::Dead(
                        "the rule's verify block: the provider answers dead".into(),
                    ));
                    break;
                }
                Some(Verification::Live) => {
                    if started.elapsed() >= bound {
                        proof = Some(Proof::Live(format!(
                            "the rule's verify block: the provider still answers live {} ms after the rotation",
                            started.elapsed().as_millis()
                        )));
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(500).min(bound));
                }
                _ => break,
            }
        }
        let proof = match proof {
            Some(Proof::Live(m)) => match targets::prove(t, &self.cfg.delivery, ev) {
                // The provider's read contradicts the verify block: the
                // value itself still works, which is what counts.
                Proof::Dead(other) => Proof::Live(format!("{m} (though {other})")),
                _ => Proof::Live(m),
            },
            Some(p) => p,
            None => targets::prove(t, &self.cfg.delivery, ev),
        };
        let (state, kind, msg) = match proof {
            Proof::Dead(m) => (State::Verified, "verified", m),
            Proof::Live(m) => (State::StillLive, "still_live", m),
            Proof::Unverifiable(m) => (State::Unverifiable, "unverifiable", m),
        };
        match state {
            State::Verified => self.summary.verified += 1,
            State::StillLive => self.summary.still_live += 1,
            State::Pending => self.summary.pending += 1,
            _ => self.summary.unverifiable += 1,
        }
        let msg = ev.leak.scrub(&msg);
        locked.append(ev_entry(ev, state, Some(msg.clone())))?;
        self.record(t, ev.leak, &ev.id, kind, None, &msg);
        self.view(t, ev.leak, &ev.id, kind, &msg);
        let label = if state == State::StillLive {
            "STILL LIVE"
        } else {
            kind
        };
        self.line(&format!(
            "  {:<11} {} — {msg} [event {}]",
            label,
            Self::head(t, ev.leak),
            ev.id
        ))?;
        let own = matches!(t.kind, config::TargetKind::Webhook(_));
        if state != State::Unverifiable || !own {
            self.notify(t, ev, locked, kind, &msg)?;
        }
        Ok(())
    }

    /// Delivers outcome event `kind` of this rotation to every webhook
    /// target with `notify` (on by default), once per (rotation, kind,
    /// webhook): the ledger remembers each delivery under its own id.
    fn notify(
        &mut self,
        t: &TargetConfig,
        ev: &Event<'_>,
        locked: &mut ledger::Locked<'_>,
        kind: &str,
        message: &str,
    ) -> Result<()> {
        let notifiers: Vec<&TargetConfig> = self
            .cfg
            .targets
            .iter()
            .filter(|n| matches!(&n.kind, config::TargetKind::Webhook(w) if w.notify))
            .collect();
        for n in notifiers {
            let config::TargetKind::Webhook(w) = &n.kind else {
                continue;
            };
            let id = event::outcome_event_id(&ev.id, kind, &n.id);
            if locked.latest(&id).is_some_and(|e| e.state == State::Done) {
                continue;
            }
            let time = locked
                .event_time(&id)
                .map(str::to_string)
                .unwrap_or_else(ledger::now_rfc3339);
            let payload = ev.outcome_payload(&id, kind, message, &time);
            let res = targets::notify(w, &self.cfg.delivery, &id, &payload, ev);
            let state = if res.outcome == Outcome::Failed {
                State::Failed
            } else {
                State::Done
            };
            locked.append(Entry {
                time: ledger::now_rfc3339(),
                event_id: id.clone(),
                target: n.id.clone(),
                action: "notify".into(),
                fingerprint: ev.leak.fingerprint.clone(),
                state,
                event_time: Some(time),
                detail: Some(format!("keyhound.rotation.{kind} of {} ({})", ev.id, t.id)),
                pid: std::process::id(),
            })?;
            let outcome = if state == State::Done {
                "notified"
            } else {
                "failed"
            };
            let what = format!("keyhound.rotation.{kind} of {} → {}", ev.id, res.message);
            self.record(n, ev.leak, &id, outcome, Some(&res), &what);
            self.line(&format!(
                "  {:<11} {} — keyhound.rotation.{kind} of {} ({}) [event {id}]",
                outcome,
                Self::head(n, ev.leak),
                t.id,
                ev.leak.scrub(&res.message)
            ))?;
        }
        Ok(())
    }
}

/// The ledger state of an action's outcome.
fn state_of(o: Outcome) -> State {
    match o {
        Outcome::Failed => State::Failed,
        Outcome::Pending => State::Pending,
        Outcome::Done | Outcome::Skipped => State::Done,
    }
}
