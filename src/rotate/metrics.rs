//! The rotation part of the metrics snapshot, from what exists today: the
//! ledger's outcomes per target, and per key (the fingerprint's hash part)
//! its most urgent state across targets and its last successful rotation.
//! A key is named by the inventory entry whose hash matches it; a key
//! without one is counted but never labelled (a fingerprint is not a
//! label). Schedules (`due`, `overdue`) and the last sync come from the
//! live inventory when it is kept (issue 17): the caller adds them to the
//! returned [`RotationMetrics`].

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::config::{InventoryKey, RotationConfig};
use super::ledger::{Entry, State};
use crate::metrics::{KeyMetric, KeyState, OutcomeCount, RotationMetrics};

/// The ledger states that are outcomes (not `planned`/`in_flight` steps).
fn is_outcome(s: State) -> bool {
    !matches!(s, State::Planned | State::InFlight)
}

/// What one target's latest entry for a key says about the key.
fn key_state(s: State) -> KeyState {
    match s {
        State::Done | State::Verified | State::Unverifiable => KeyState::Ok,
        State::Planned | State::InFlight | State::Pending => KeyState::Rotating,
        State::Failed => KeyState::RotationFailed,
        State::StillLive => KeyState::LeakedUnrotated,
    }
}

/// A rotation that took effect at the provider.
fn succeeded(s: State) -> bool {
    matches!(s, State::Done | State::Verified | State::Unverifiable)
}

/// The inventory name of the key whose fingerprint hash is `hash` and
/// rule is `rule`, if any: the same match as a leak's (fast hash, or the
/// slow hash of a guessable key), the slow hashes computed once.
struct Names<'a> {
    keys: Vec<(&'a InventoryKey, String, Option<String>)>,
}

impl<'a> Names<'a> {
    fn new(cfg: &'a RotationConfig) -> Self {
        Names {
            keys: cfg
                .keys
                .iter()
                .map(|k| {
                    let sha = k.sha256.to_ascii_lowercase();
                    let slow = crate::fingerprint::key_hash_of_sha256(&sha, true);
                    (k, sha, slow)
                })
                .collect(),
        }
    }

    fn of(&self, rule: &str, hash: &str) -> Option<&'a str> {
        self.keys
            .iter()
            .find(|(k, sha, slow)| {
                let hash_ok = sha.starts_with(hash) || slow.as_deref() == Some(hash);
                let rule_ok = k.rule.as_ref().is_none_or(|r| {
                    globset::Glob::new(r)
                        .map(|g| g.compile_matcher().is_match(rule))
                        .unwrap_or(false)
                });
                hash_ok && rule_ok
            })
            .map(|(k, _, _)| k.name.as_str())
    }
}

/// Rotation metrics from the ledger's `entries` and the inventory of `cfg`.
pub fn from_ledger(cfg: &RotationConfig, entries: &[Entry], now: Timestamp) -> RotationMetrics {
    // Notifications are deliveries of outcome events, not rotations.
    let rotations: Vec<&Entry> = entries.iter().filter(|e| e.action != "notify").collect();
    let mut outcomes: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for e in rotations.iter().filter(|e| is_outcome(e.state)) {
        *outcomes
            .entry((e.target.as_str(), e.state.as_str()))
            .or_default() += 1;
    }
    let names = Names::new(cfg);
    // Per key: the latest entry of each target, the last success.
    struct Seen<'e> {
        rule: &'e str,
        latest: BTreeMap<&'e str, State>,
        last_rotated: Option<Timestamp>,
    }
    let mut keys: BTreeMap<&str, Seen> = BTreeMap::new();
    for e in &rotations {
        let (rule, hash) = e
            .fingerprint
            .rsplit_once(':')
            .unwrap_or(("", e.fingerprint.as_str()));
        let seen = keys.entry(hash).or_insert(Seen {
            rule,
            latest: BTreeMap::new(),
            last_rotated: None,
        });
        seen.latest.insert(e.target.as_str(), e.state);
        if succeeded(e.state) {
            if let Ok(t) = e.time.parse::<Timestamp>() {
                seen.last_rotated = Some(seen.last_rotated.map_or(t, |l| l.max(t)));
            }
        }
    }
    let mut by_name: BTreeMap<String, KeyMetric> = cfg
        .keys
        .iter()
        .map(|k| {
            (
                k.name.clone(),
                KeyMetric {
                    name: Some(k.name.clone()),
                    state: KeyState::Ok,
                    last_rotated: None,
                    next_due: None,
                },
            )
        })
        .collect();
    let mut unnamed = Vec::new();
    for (hash, seen) in &keys {
        let state = seen
            .latest
            .values()
            .map(|s| key_state(*s))
            .max()
            .unwrap_or(KeyState::Ok);
        match names.of(seen.rule, hash) {
            Some(name) => {
                let m = by_name
                    .get_mut(name)
                    .expect("every inventory name is listed");
                m.state = m.state.max(state);
                m.last_rotated = match (m.last_rotated, seen.last_rotated) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            None => unnamed.push(KeyMetric {
                name: None,
                state,
                last_rotated: seen.last_rotated,
                next_due: None,
            }),
        }
    }
    let mut list: Vec<KeyMetric> = by_name.into_values().collect();
    list.extend(unnamed);
    RotationMetrics {
        outcomes: outcomes
            .into_iter()
            .map(|((target, outcome), count)| OutcomeCount {
                target: target.to_string(),
                outcome: outcome.to_string(),
                count,
            })
            .collect(),
        keys: list,
        last_sync: None,
        now: Some(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(target: &str, fp: &str, state: State, time: &str) -> Entry {
        Entry {
            time: time.into(),
            event_id: format!("evt_{target}_{fp}"),
            target: target.into(),
            action: "a".into(),
            fingerprint: fp.into(),
            state,
            event_time: None,
            detail: None,
            pid: 1,
        }
    }

    #[test]
    fn keys_take_the_most_urgent_target_state_and_their_inventory_name() {
        let sha = crate::finding::secret_sha256(b"a-production-key-for-the-test");
        let cfg = RotationConfig {
            keys: vec![
                InventoryKey {
                    name: "orders".into(),
                    sha256: sha.clone(),
                    rule: None,
                },
                InventoryKey {
                    name: "idle".into(),
                    sha256: "1".repeat(64),
                    rule: None,
                },
            ],
            ..Default::default()
        };
        let named = format!("r:{}", &sha[..16]);
        let entries = vec![
            entry("vault", &named, State::InFlight, "2026-12-01T08:00:00Z"),
            entry("vault", &named, State::Done, "2026-12-01T08:00:01Z"),
            entry("vault", &named, State::Verified, "2026-12-01T08:00:02Z"),
            entry("hook", &named, State::Failed, "2026-12-01T08:00:03Z"),
            entry(
                "hook",
                "r:00aa00aa00aa00aa",
                State::StillLive,
                "2026-12-01T08:00:04Z",
            ),
            Entry {
                action: "notify".into(),
                ..entry("hook", &named, State::Done, "2026-12-01T08:00:05Z")
            },
        ];
        let m = from_ledger(&cfg, &entries, "2026-12-01T09:00:00Z".parse().unwrap());
        let count = |t: &str, o: &str| {
            m.outcomes
                .iter()
                .find(|c| c.target == t && c.outcome == o)
                .map_or(0, |c| c.count)
        };
        assert_eq!(count("vault", "done"), 1);
        assert_eq!(count("vault", "verified"), 1);
        assert_eq!(count("vault", "in_flight"), 0);
        assert_eq!(count("hook", "failed"), 1);
        assert_eq!(count("hook", "done"), 0, "notifications are not rotations");
        let orders = m
            .keys
            .iter()
            .find(|k| k.name.as_deref() == Some("orders"))
            .unwrap();
        assert_eq!(orders.state, KeyState::RotationFailed);
        assert_eq!(
            orders.last_rotated,
            Some("2026-12-01T08:00:02Z".parse().unwrap())
        );
        let idle = m
            .keys
            .iter()
            .find(|k| k.name.as_deref() == Some("idle"))
            .unwrap();
        assert_eq!(idle.state, KeyState::Ok);
        let unnamed: Vec<_> = m.keys.iter().filter(|k| k.name.is_none()).collect();
        assert_eq!(unnamed.len(), 1);
        assert_eq!(unnamed[0].state, KeyState::LeakedUnrotated);
    }
}
