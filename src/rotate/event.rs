//! The leak event: its stable id (the ledger key, the webhook id, the
//! idempotency key, the AWS ClientRequestToken) and the JSON payload that
//! describes it without the secret.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::config::{Context, Mode, TargetConfig};
use super::leak::Leak;

/// `evt_` + 32 hex: a hash of the target id and the key's hash, so the
/// same key leaking again (anywhere, in any run) maps to the same event
/// for that target, and renaming the target re-arms it.
pub fn event_id(target_id: &str, key_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"keyhound/rotation/v1\0");
    h.update(target_id.as_bytes());
    h.update(b"\0");
    h.update(key_hash.as_bytes());
    format!("evt_{}", &hex::encode(h.finalize())[..32])
}

/// The event id as a UUID-shaped string (36 characters), for APIs that
/// want a 32–64 character idempotency token.
pub fn request_token(event_id: &str) -> String {
    let h = event_id.trim_start_matches("evt_");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The event id an earlier keyhound gave this (target, key), when the
/// key's fingerprint changed since (README.md "Fingerprint"): the ledger
/// is asked for both, so a key rotated before is not rotated again.
pub fn legacy_event_id(target_id: &str, leak: &Leak) -> Option<String> {
    leak.legacy_key_hash
        .as_deref()
        .map(|h| event_id(target_id, h))
}

/// One leak about to be acted on by one target.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub id: String,
    /// RFC 3339; fixed for the life of the event (reused from the ledger).
    pub time: String,
    pub leak: &'a Leak,
    pub target: &'a TargetConfig,
    /// `verification:live`, `inventory:NAME` or `human`.
    pub confirmed_by: String,
    pub context: Context,
    pub mode: Mode,
}

/// The event type every payload carries.
pub const EVENT_TYPE: &str = "keyhound.leak.confirmed";

/// The id of the outcome event `kind` (`done`, `verified`, …) of the
/// rotation `rotation_id`, as delivered to `notifier`: stable, so the
/// ledger delivers it once and a receiver can deduplicate it.
pub fn outcome_event_id(rotation_id: &str, kind: &str, notifier: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"keyhound/rotation-outcome/v1\0");
    h.update(rotation_id.as_bytes());
    h.update(b"\0");
    h.update(kind.as_bytes());
    h.update(b"\0");
    h.update(notifier.as_bytes());
    format!("evt_{}", &hex::encode(h.finalize())[..32])
}

impl Event<'_> {
    /// The payload of outcome event `id`: the rotation reached `state`
    /// (`keyhound.rotation.<state>`), with `message` (scrubbed).
    pub fn outcome_payload(&self, id: &str, state: &str, message: &str, time: &str) -> Value {
        let l = self.leak;
        json!({
            "type": format!("keyhound.rotation.{state}"),
            "id": id,
            "timestamp": time,
            "data": {
                "event_id": id,
                "rotation_event_id": self.id,
                "target": self.target.id,
                "target_type": self.target.kind.as_str(),
                "state": state,
                "message": l.scrub(message),
                "rule": l.rule,
                "fingerprint": l.fingerprint,
                "context": self.context.as_str(),
                "location": {
                    "repository": l.location.repository,
                    "commit": l.location.commit,
                    "path": l.location.path,
                    "line": l.location.line,
                },
            }
        })
    }

    /// The payload: the Standard Webhooks envelope (`type`, `timestamp`,
    /// `data`) plus the id. The secret appears only if `plaintext` (the
    /// target opted in); otherwise as sha256 and a short hint.
    pub fn payload(&self, plaintext: bool) -> Value {
        let l = self.leak;
        let loc = &l.location;
        // A fast hash of a guessable secret would let any receiver of the
        // webhook test guesses cheaply: only high-entropy keys carry one.
        let sha256 = if l.low_entropy() {
            None
        } else {
            l.sha256.as_deref()
        };
        let mut secret = json!({
            "sha256": sha256,
            "hint": l.hint,
        });
        if plaintext {
            secret["value"] = json!(l.secret.as_ref().map(|s| s.expose()));
        }
        json!({
            "type": EVENT_TYPE,
            "id": self.id,
            "timestamp": self.time,
            "data": {
                "event_id": self.id,
                "target": self.target.id,
                "mode": self.mode.as_str(),
                "context": self.context.as_str(),
                "rule": l.rule,
                "severity": l.severity.as_str(),
                "fingerprint": l.fingerprint,
                "verification": l.verification.as_str(),
                "confirmed_by": self.confirmed_by,
                "secret": secret,
                "occurrences": l.occurrences,
                "location": {
                    "repository": loc.repository,
                    "ref": loc.git_ref,
                    "commit": loc.commit,
                    "path": loc.path,
                    "line": loc.line,
                    "source": loc.source,
                },
                "commit_author": loc.author.as_ref().map(|a| json!({
                    "name": a,
                    "email": loc.email,
                    "date": loc.date,
                })),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct_per_target() {
        let a = event_id("vault-orders", "0123456789abcdef");
        assert_eq!(a, event_id("vault-orders", "0123456789abcdef"));
        assert_ne!(a, event_id("webhook", "0123456789abcdef"));
        assert_eq!(a.len(), 36);
        let t = request_token(&a);
        assert_eq!(t.len(), 36);
        assert_eq!(t.replace('-', ""), a["evt_".len()..]);
    }
}
