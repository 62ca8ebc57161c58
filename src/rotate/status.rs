//! `keyhound rotation status`: every inventory key with its age, schedule,
//! next due date and state, computed by [`compute`] as plain data
//! ([`KeyStatus`]) that the text and JSON writers here — and a metrics
//! writer — turn into output. A daily CI job or cron that runs it is the
//! rotation monitor: its exit code is non-zero when a key is overdue or a
//! leaked key is still live ([`exit_state`]).
//!
//! The states, most urgent first:
//! - `rotation_failed`: a leak of the key's current value started a
//!   rotation whose latest ledger state is `failed` or `still_live`;
//! - `leaked_unrotated`: a leak of the current value is recorded and no
//!   rotation proved it dead (a dry run, no target, a rotation still
//!   pending, or done while the inventory still holds the leaked value);
//! - `overdue`: the next due date has passed;
//! - `due`: it comes within `[rotation.inventory] due_within_days` (7);
//! - `ok`.
//!
//! The next due date is the earlier of the manager's own next rotation
//! (`next_rotation` KV metadata, AWS `NextRotationDate`) and the last
//! rotation plus the period (the inventory's `rotation_frequency`, else
//! the manager's: a static role's `rotation_period`, AWS
//! `AutomaticallyAfterDays`).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use jiff::Timestamp;
use serde::Serialize;

use super::config::{parse_frequency, InventoryKey};
use super::inventory::{Entry, Inventory};
use super::ledger::{self, State};
use crate::report::contract::{JsonKeyStatus, JsonStatus};

/// Default of `[rotation.inventory] due_within_days`.
pub const DUE_WITHIN_DAYS: u32 = 7;

/// The state of one key, least urgent first (`Ord` is urgency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    Ok,
    Due,
    Overdue,
    LeakedUnrotated,
    RotationFailed,
}

impl KeyState {
    pub const ALL: [KeyState; 5] = [
        KeyState::Ok,
        KeyState::Due,
        KeyState::Overdue,
        KeyState::LeakedUnrotated,
        KeyState::RotationFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Ok => "ok",
            KeyState::Due => "due",
            KeyState::Overdue => "overdue",
            KeyState::LeakedUnrotated => "leaked_unrotated",
            KeyState::RotationFailed => "rotation_failed",
        }
    }

    /// Whether this state makes `rotation status` exit non-zero.
    pub fn alarming(self) -> bool {
        self >= KeyState::Overdue
    }
}

/// One key's status: what a text, JSON or metrics writer needs. Holds no
/// value and no hash of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStatus {
    pub name: String,
    /// `vault-kv`, `vault-database`, `aws-secrets-manager`, `manual`, `config`.
    pub source: &'static str,
    /// The `[[rotation.sources]]` id.
    pub source_id: Option<String>,
    pub path: String,
    pub version: Option<String>,
    pub last_rotated: Option<Timestamp>,
    /// Seconds from `last_rotated` to the evaluation time.
    pub age_seconds: Option<i64>,
    pub rotation_period_seconds: Option<i64>,
    pub next_due: Option<Timestamp>,
    pub state: KeyState,
    /// One line: why the state is what it is.
    pub reason: String,
    pub last_synced: Option<Timestamp>,
    pub provider: Option<String>,
    pub environment: Option<String>,
    pub owner: Option<String>,
    pub used_by: Vec<String>,
    pub criticality: Option<String>,
    pub supports_dual_key: Option<bool>,
}

/// What [`compute`] reads.
pub struct StatusInput<'a> {
    pub inventory: &'a Inventory,
    /// Legacy `[[rotation.keys]]` (no schedule: always `ok`).
    pub legacy: &'a [InventoryKey],
    /// The rotation ledger's entries, in file order.
    pub ledger: &'a [ledger::Entry],
    /// The time to evaluate the schedule at.
    pub now: Timestamp,
    /// A key is `due` this long before its next due date.
    pub due_within_seconds: i64,
}

/// Every key's status, in inventory order, legacy keys last.
pub fn compute(input: &StatusInput<'_>) -> Vec<KeyStatus> {
    let mut latest: HashMap<&str, State> = HashMap::new();
    for e in input.ledger {
        latest.insert(e.event_id.as_str(), e.state);
    }
    let mut out: Vec<KeyStatus> = input
        .inventory
        .entries
        .iter()
        .map(|e| of_entry(e, &latest, input))
        .collect();
    for k in input.legacy {
        if out.iter().any(|s| s.name == k.name) {
            continue;
        }
        out.push(KeyStatus {
            name: k.name.clone(),
            source: "config",
            source_id: None,
            path: String::new(),
            version: None,
            last_rotated: None,
            age_seconds: None,
            rotation_period_seconds: None,
            next_due: None,
            state: KeyState::Ok,
            reason: "legacy [[rotation.keys]] entry: no schedule".into(),
            last_synced: None,
            provider: None,
            environment: None,
            owner: None,
            used_by: Vec::new(),
            criticality: None,
            supports_dual_key: None,
        });
    }
    out
}

fn parse_time(s: &Option<String>) -> Option<Timestamp> {
    s.as_deref().and_then(|t| t.parse().ok())
}

/// Days, one decimal, for reasons.
fn days(secs: i64) -> String {
    format!("{:.1} days", secs as f64 / 86_400.0)
}

fn of_entry(e: &Entry, latest: &HashMap<&str, State>, input: &StatusInput<'_>) -> KeyStatus {
    let now = input.now;
    let last_rotated = parse_time(&e.last_rotated);
    let synced = parse_time(&e.synced_at);
    let period = e
        .meta
        .rotation_frequency
        .as_deref()
        .and_then(|f| parse_frequency(f).ok())
        .or(e.rotation_period_seconds);
    let base = last_rotated.or(synced);
    let by_period = match (base, period) {
        (Some(b), Some(p)) => b.checked_add(jiff::SignedDuration::from_secs(p)).ok(),
        _ => None,
    };
    let next_due = match (parse_time(&e.next_rotation), by_period) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let (mut state, mut reason) = match next_due {
        None => (KeyState::Ok, "no schedule".to_string()),
        Some(due) => {
            let left = due.as_second() - now.as_second();
            if left < 0 {
                (
                    KeyState::Overdue,
                    format!("rotation was due at {due} ({} ago)", days(-left)),
                )
            } else if left <= input.due_within_seconds {
                (
                    KeyState::Due,
                    format!("rotation due at {due} (in {})", days(left)),
                )
            } else {
                (KeyState::Ok, format!("next rotation due at {due}"))
            }
        }
    };
    if let Some((s, r)) = leak_state(e, latest) {
        if s > state {
            state = s;
            reason = r;
        }
    }
    if state == KeyState::Ok {
        if let Some(n) = &e.note {
            reason = format!("{reason}; {n}");
        }
    }
    KeyStatus {
        name: e.name.clone(),
        source: e.source.kind(),
        source_id: e.source.source_id().map(str::to_string),
        path: e.source.path(),
        version: e.version.clone(),
        last_rotated,
        age_seconds: last_rotated.map(|t| now.as_second() - t.as_second()),
        rotation_period_seconds: period,
        next_due,
        state,
        reason,
        last_synced: synced,
        provider: e.meta.provider.clone(),
        environment: e.meta.environment.clone(),
        owner: e.meta.owner.clone(),
        used_by: e.meta.used_by.clone(),
        criticality: e.meta.criticality.clone(),
        supports_dual_key: e.meta.supports_dual_key,
    }
}

/// The state a recorded leak of the entry's *current* value gives it.
fn leak_state(e: &Entry, latest: &HashMap<&str, State>) -> Option<(KeyState, String)> {
    let mut worst: Option<(KeyState, String)> = None;
    for l in &e.leaks {
        if !e.values.iter().any(|v| v.hash == l.hash) {
            continue;
        }
        let states: Vec<State> = l
            .event_ids
            .iter()
            .filter_map(|id| latest.get(id.as_str()).copied())
            .collect();
        let found = if states.contains(&State::Verified) {
            continue;
        } else if let Some(s) = states
            .iter()
            .find(|s| matches!(s, State::Failed | State::StillLive))
        {
            (
                KeyState::RotationFailed,
                format!(
                    "leak {} (seen {}): its rotation is {}",
                    l.fingerprint,
                    l.first_seen,
                    s.as_str()
                ),
            )
        } else {
            let how = match states.last() {
                None => "no rotation started (dry run, or no target acts on it)".to_string(),
                Some(s) => format!(
                    "rotation {}, the inventory still holds the leaked value",
                    s.as_str()
                ),
            };
            (
                KeyState::LeakedUnrotated,
                format!("leak {} (seen {}): {how}", l.fingerprint, l.first_seen),
            )
        };
        if worst.as_ref().is_none_or(|(w, _)| found.0 > *w) {
            worst = Some(found);
        }
    }
    worst
}

/// The most urgent state of `keys` (`Ok` when there are none).
pub fn exit_state(keys: &[KeyStatus]) -> KeyState {
    keys.iter().map(|k| k.state).max().unwrap_or(KeyState::Ok)
}

/// Keys per state, every state present.
pub fn summary(keys: &[KeyStatus]) -> BTreeMap<String, usize> {
    let mut m: BTreeMap<String, usize> = KeyState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), 0))
        .collect();
    for k in keys {
        *m.entry(k.state.as_str().to_string()).or_default() += 1;
    }
    m
}

/// The JSON document of `rotation status --format json`.
pub fn to_json(keys: &[KeyStatus], at: Timestamp, synced_at: Option<String>) -> JsonStatus {
    let ts = |t: Option<Timestamp>| t.map(|t| t.to_string());
    JsonStatus {
        at: at.to_string(),
        keys: keys
            .iter()
            .map(|k| JsonKeyStatus {
                age_seconds: k.age_seconds,
                criticality: k.criticality.clone(),
                environment: k.environment.clone(),
                last_rotated: ts(k.last_rotated),
                name: k.name.clone(),
                next_due: ts(k.next_due),
                owner: k.owner.clone(),
                path: k.path.clone(),
                provider: k.provider.clone(),
                reason: k.reason.clone(),
                rotation_period_seconds: k.rotation_period_seconds,
                source: k.source.to_string(),
                source_id: k.source_id.clone(),
                state: k.state.as_str().to_string(),
                supports_dual_key: k.supports_dual_key,
                used_by: k.used_by.clone(),
                version: k.version.clone(),
            })
            .collect(),
        summary: summary(keys),
        synced_at,
        version: crate::report::contract::VERSION,
    }
}

/// The text table: one line per key, the reason under each that is not ok,
/// and a summary line.
pub fn write_text(keys: &[KeyStatus], out: &mut dyn Write) -> std::io::Result<()> {
    if keys.is_empty() {
        writeln!(
            out,
            "no inventory keys: run `keyhound rotation sync` (with [[rotation.sources]]) or `keyhound rotation add-key`"
        )?;
        return Ok(());
    }
    let short = |t: Option<Timestamp>| {
        t.map(|t| t.strftime("%Y-%m-%dT%H:%MZ").to_string())
            .unwrap_or_else(|| "-".into())
    };
    let age = |s: Option<i64>| s.map(days).unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "{:<18} {:<32} {:<26} {:<19} {:<12} {:<19} {:<16} path",
        "state", "name", "source", "last rotated", "age", "next due", "version"
    )?;
    for k in keys {
        let source = match &k.source_id {
            Some(id) => format!("{}:{id}", k.source),
            None => k.source.to_string(),
        };
        let state = if k.state.alarming() {
            k.state.as_str().to_ascii_uppercase()
        } else {
            k.state.as_str().to_string()
        };
        let version: String = k
            .version
            .as_deref()
            .unwrap_or("-")
            .chars()
            .take(16)
            .collect();
        writeln!(
            out,
            "{:<18} {:<32} {:<26} {:<19} {:<12} {:<19} {:<16} {}",
            state,
            k.name,
            source,
            short(k.last_rotated),
            age(k.age_seconds),
            short(k.next_due),
            version,
            k.path
        )?;
        if k.state != KeyState::Ok {
            writeln!(out, "{:<18} {}", "", k.reason)?;
        }
    }
    let s = summary(keys);
    writeln!(
        out,
        "{} key{}: {} ok, {} due, {} overdue, {} leaked and unrotated, {} rotation failed",
        keys.len(),
        if keys.len() == 1 { "" } else { "s" },
        s["ok"],
        s["due"],
        s["overdue"],
        s["leaked_unrotated"],
        s["rotation_failed"]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rotate::inventory::{LeakRecord, Source, Value};

    fn entry(last: &str, freq: Option<&str>) -> Entry {
        let mut e = Entry::new("k".into(), Source::Manual);
        e.last_rotated = Some(last.into());
        e.meta.rotation_frequency = freq.map(str::to_string);
        e.values = vec![Value {
            field: String::new(),
            hash: "h1".into(),
        }];
        e
    }

    fn run(entries: Vec<Entry>, ledger: &[ledger::Entry], now: &str) -> Vec<KeyStatus> {
        let inv = Inventory {
            entries,
            ..Inventory::default()
        };
        compute(&StatusInput {
            inventory: &inv,
            legacy: &[],
            ledger,
            now: now.parse().unwrap(),
            due_within_seconds: 7 * 86_400,
        })
    }

    #[test]
    fn the_schedule_gives_ok_due_and_overdue() {
        let e = entry("2026-01-01T00:00:00Z", Some("30d"));
        let s = run(vec![e.clone()], &[], "2026-01-10T00:00:00Z");
        assert_eq!(s[0].state, KeyState::Ok);
        assert_eq!(s[0].age_seconds, Some(9 * 86_400));
        assert_eq!(s[0].next_due.unwrap().to_string(), "2026-01-31T00:00:00Z");
        let s = run(vec![e.clone()], &[], "2026-01-27T00:00:00Z");
        assert_eq!(s[0].state, KeyState::Due);
        let s = run(vec![e], &[], "2026-02-01T00:00:00Z");
        assert_eq!(s[0].state, KeyState::Overdue, "{}", s[0].reason);
        assert!(s[0].reason.contains("1.0 days ago"), "{}", s[0].reason);
    }

    #[test]
    fn the_managers_next_rotation_counts_when_earlier() {
        let mut e = entry("2026-01-01T00:00:00Z", Some("90d"));
        e.next_rotation = Some("2026-01-05T00:00:00Z".into());
        let s = run(vec![e], &[], "2026-01-06T00:00:00Z");
        assert_eq!(s[0].state, KeyState::Overdue);
    }

    #[test]
    fn a_leak_of_the_current_value_is_unrotated_until_verified() {
        let mut e = entry("2026-01-01T00:00:00Z", None);
        e.leaks.push(LeakRecord {
            fingerprint: "r:0123456789abcdef".into(),
            hash: "h1".into(),
            first_seen: "2026-01-02T00:00:00Z".into(),
            event_ids: vec!["evt_1".into()],
        });
        let at = "2026-01-03T00:00:00Z";
        assert_eq!(
            run(vec![e.clone()], &[], at)[0].state,
            KeyState::LeakedUnrotated
        );
        let le = |state| ledger::Entry {
            time: at.into(),
            event_id: "evt_1".into(),
            target: "t".into(),
            action: "a".into(),
            fingerprint: "r:0123456789abcdef".into(),
            state,
            event_time: None,
            detail: None,
            pid: 1,
        };
        let s = run(vec![e.clone()], &[le(State::Failed)], at);
        assert_eq!(s[0].state, KeyState::RotationFailed);
        assert_eq!(exit_state(&s), KeyState::RotationFailed);
        let s = run(vec![e.clone()], &[le(State::Done), le(State::Verified)], at);
        assert_eq!(s[0].state, KeyState::Ok);
        // A leak of a value the key no longer holds is history.
        e.values[0].hash = "h2".into();
        assert_eq!(run(vec![e], &[], at)[0].state, KeyState::Ok);
    }
}
