//! Rotation targets: what each one sends, how it knows it worked, how it
//! resolves a request that a crashed run left in flight, and what a dry run
//! shows instead of sending.

pub(super) mod aws;
mod github;
mod gitlab;
mod iam;
mod slack;
pub(super) mod vault;
mod webhook;

use super::config::{DeliveryConfig, TargetConfig, TargetKind};
use super::delivery::Delivered;
use super::event::Event;

/// How one action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Accepted; the provider finishes it later.
    Pending,
    Failed,
    /// Nothing needed doing (e.g. the role was already rotated after the leak).
    Skipped,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Pending => "pending",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

/// The result of one action, with what the audit log records.
#[derive(Debug, Clone)]
pub struct ActionResult {
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    pub attempts: u32,
    pub duration_ms: u64,
    /// One line, scrubbed of the secret.
    pub message: String,
}

impl ActionResult {
    pub fn failed(message: impl Into<String>) -> Self {
        ActionResult {
            outcome: Outcome::Failed,
            http_status: None,
            request_id: None,
            attempts: 0,
            duration_ms: 0,
            message: message.into(),
        }
    }

    pub fn skipped(message: impl Into<String>) -> Self {
        ActionResult {
            outcome: Outcome::Skipped,
            ..ActionResult::failed(message)
        }
    }

    /// From a delivery: done on 2xx, failed otherwise (with the provider's
    /// error, scrubbed of the secret).
    fn from_delivery(d: &Delivered, ev: &Event<'_>, request_id_header: &str, what: &str) -> Self {
        let request_id = d
            .response
            .as_ref()
            .and_then(|r| r.header(request_id_header));
        let (outcome, message) = match &d.error {
            None => (Outcome::Done, what.to_string()),
            Some(e) => {
                let body = d
                    .response
                    .as_ref()
                    .map(|r| r.snippet())
                    .filter(|s| !s.is_empty())
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default();
                (Outcome::Failed, ev.leak.scrub(&format!("{e}{body}")))
            }
        };
        ActionResult {
            outcome,
            http_status: d.status(),
            request_id,
            attempts: d.attempts,
            duration_ms: d.duration.as_millis() as u64,
            message,
        }
    }
}

/// What a crashed run's in-flight action turned out to be.
#[derive(Debug, Clone)]
pub enum Recovery {
    /// The provider shows it happened.
    Done(String),
    /// Sending again is safe (idempotent by id, or checked not to have happened).
    Resend,
    /// Cannot tell: a human must check the provider.
    Unknown(String),
}

/// What the provider shows about the leaked value after a `done`.
#[derive(Debug, Clone)]
pub enum Proof {
    /// The leaked value no longer works (or is no longer the current one).
    Dead(String),
    /// The leaked value is still the current one.
    Live(String),
    /// Nothing to read back.
    Unverifiable(String),
}

/// After a `done`, what the target's provider shows about the leaked value.
pub fn prove(t: &TargetConfig, cfg: &DeliveryConfig, ev: &Event<'_>) -> Proof {
    match &t.kind {
        TargetKind::Vault(v) => vault::prove(v, cfg, ev),
        TargetKind::AwsSecretsManager(a) => aws::prove(a, cfg, ev),
        TargetKind::Webhook(_) => Proof::Unverifiable(
            "a webhook's receiver rotates out of sight; only the rule's verify block can tell"
                .into(),
        ),
        TargetKind::GithubRevoke(_) => Proof::Unverifiable(
            "GitHub does not answer for a revoked token; only the rule's verify block can tell"
                .into(),
        ),
        TargetKind::AwsIamDeactivate(a) => iam::prove(a, cfg, ev),
        TargetKind::GitlabRevoke(g) => gitlab::prove(g, cfg, ev),
        TargetKind::SlackRevoke(s) => slack::prove(s, cfg, ev),
    }
}

/// A request a dry run shows instead of sending.
#[derive(Debug, Clone)]
pub struct Preview {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

/// The action name the ledger and the audit log record.
pub fn action_name(t: &TargetConfig) -> &'static str {
    match &t.kind {
        TargetKind::Webhook(_) => "webhook-post",
        TargetKind::Vault(v) => v.action.as_str(),
        TargetKind::AwsSecretsManager(_) => "rotate-secret",
        TargetKind::GithubRevoke(_) => "credentials-revoke",
        TargetKind::AwsIamDeactivate(_) => "update-access-key",
        TargetKind::GitlabRevoke(_) => "revoke-token-self",
        TargetKind::SlackRevoke(_) => "auth-revoke",
    }
}

/// Does this target send its events in one request.
pub fn batched(t: &TargetConfig) -> bool {
    matches!(t.kind, TargetKind::GithubRevoke(_))
}

/// What a dry run prints for these events.
pub fn preview(t: &TargetConfig, events: &[Event<'_>]) -> Vec<Preview> {
    match &t.kind {
        TargetKind::Webhook(w) => events.iter().flat_map(|e| webhook::preview(w, e)).collect(),
        TargetKind::Vault(v) => events.iter().flat_map(|e| vault::preview(v, e)).collect(),
        TargetKind::AwsSecretsManager(a) => {
            events.iter().flat_map(|e| aws::preview(a, e)).collect()
        }
        TargetKind::GithubRevoke(g) => github::preview(g, events),
        TargetKind::AwsIamDeactivate(a) => events.iter().flat_map(|e| iam::preview(a, e)).collect(),
        TargetKind::GitlabRevoke(g) => events.iter().flat_map(|e| gitlab::preview(g, e)).collect(),
        TargetKind::SlackRevoke(s) => events.iter().flat_map(|e| slack::preview(s, e)).collect(),
    }
}

/// Sends. One result per event, in order.
pub fn execute(t: &TargetConfig, cfg: &DeliveryConfig, events: &[Event<'_>]) -> Vec<ActionResult> {
    match &t.kind {
        TargetKind::Webhook(w) => events.iter().map(|e| webhook::execute(w, cfg, e)).collect(),
        TargetKind::Vault(v) => events.iter().map(|e| vault::execute(v, cfg, e)).collect(),
        TargetKind::AwsSecretsManager(a) => {
            events.iter().map(|e| aws::execute(a, cfg, e)).collect()
        }
        TargetKind::GithubRevoke(g) => github::execute(g, cfg, events),
        TargetKind::AwsIamDeactivate(a) => events.iter().map(|e| iam::execute(a, cfg, e)).collect(),
        TargetKind::GitlabRevoke(g) => events.iter().map(|e| gitlab::execute(g, cfg, e)).collect(),
        TargetKind::SlackRevoke(s) => events.iter().map(|e| slack::execute(s, cfg, e)).collect(),
    }
}

/// Whether a rotation an earlier run left `pending` has finished at the
/// provider: what shows it, or what it still shows.
pub fn settle_pending(
    t: &TargetConfig,
    cfg: &DeliveryConfig,
    ev: &Event<'_>,
) -> Result<String, String> {
    match &t.kind {
        TargetKind::AwsSecretsManager(a) => aws::settle_pending(a, cfg, ev),
        _ => Ok("nothing left pending".into()),
    }
}

/// Delivers an outcome event to a notifying webhook.
pub fn notify(
    w: &super::config::WebhookTarget,
    cfg: &DeliveryConfig,
    id: &str,
    payload: &serde_json::Value,
    ev: &Event<'_>,
) -> ActionResult {
    webhook::notify(w, cfg, id, payload, ev)
}

/// Resolves an action a crashed run left `in_flight` since `since`.
pub fn recover(
    t: &TargetConfig,
    cfg: &DeliveryConfig,
    ev: &Event<'_>,
    since: Option<jiff::Timestamp>,
) -> Recovery {
    match &t.kind {
        // Same webhook-id / Idempotency-Key: receivers deduplicate.
        TargetKind::Webhook(_) => Recovery::Resend,
        TargetKind::Vault(v) => vault::recover(v, cfg, ev, since),
        // Same ClientRequestToken: Secrets Manager does not rotate twice.
        TargetKind::AwsSecretsManager(_) => Recovery::Resend,
        // Revoking a revoked token changes nothing; neither does
        // deactivating an inactive key or putting the same policy again.
        TargetKind::GithubRevoke(_)
        | TargetKind::GitlabRevoke(_)
        | TargetKind::SlackRevoke(_)
        | TargetKind::AwsIamDeactivate(_) => Recovery::Resend,
    }
}

/// `Authorization`-like header values as a dry run shows them.
fn shown_credential(c: &super::config::CredentialRef) -> String {
    format!("<{c}>")
}
