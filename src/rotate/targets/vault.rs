//! `vault`: HashiCorp Vault and OpenBao (same HTTP API). Token or AppRole
//! auth, optional namespace and CA. Actions:
//!
//! - `database-rotate-role`: `POST /v1/{mount}/rotate-role/{role}` for a
//!   database static role. Whether the leaked password is still the
//!   role's current one is read from Vault: `GET {mount}/static-creds/{role}`,
//!   its sha256 compared with the leak's here (the password never leaves
//!   the process); skipped only when they differ. Where that read is not
//!   allowed (or the leak's value is unknown), `last_vault_rotation` of
//!   `GET {mount}/static-roles/{role}` is compared with the leaking
//!   commit's *committer* date (amend and rebase keep the author date),
//!   and the message says which was used. The POST is not idempotent: a
//!   retry after a lost answer first reads `last_vault_rotation`, and a
//!   move counts as success. Afterwards a fresh static-creds read proves
//!   the leaked password is no longer the current one.
//! - `database-rotate-root`: `POST /v1/{mount}/rotate-root/{connection}`.
//! - `lease-revoke-prefix`: `PUT /v1/sys/leases/revoke-prefix/{prefix}`
//!   with `{"sync": true}`, so success means revoked, not queued.
//! - `kv-mark`: `PATCH /v1/{kv_mount}/metadata/{kv_path}` with
//!   `application/merge-patch+json`: only the keyhound keys of
//!   `custom_metadata` change, everything else stays.

use serde_json::json;

use super::{ActionResult, Outcome, Preview, Proof, Recovery};
use crate::rotate::config::{DeliveryConfig, VaultAction, VaultAuth, VaultTarget};
use crate::rotate::delivery::{Client, Request};
use crate::rotate::event::Event;

struct Call {
    method: reqwest::Method,
    path: String,
    content_type: Option<&'static str>,
    body: Option<serde_json::Value>,
}

/// `GET {mount}/static-roles/{role}`: where `last_vault_rotation` is read.
fn static_role_path(mount: &str, role: &str) -> String {
    format!("{}/static-roles/{role}", mount.trim_matches('/'))
}

/// `GET {mount}/static-creds/{role}`: the role's current password.
fn static_creds_path(mount: &str, role: &str) -> String {
    format!("{}/static-creds/{role}", mount.trim_matches('/'))
}

/// What a read of the role's current password says about the leak.
enum Current {
    /// The leaked password is the current one.
    Leaked,
    /// The current password is another one.
    Other,
    /// No read possible (the policy denies it, or the leak's value is
    /// unknown): why.
    NoRead(String),
}

fn call(t: &VaultTarget, ev: &Event<'_>) -> Call {
    match &t.action {
        VaultAction::DatabaseRotateRole { mount, role } => Call {
            method: reqwest::Method::POST,
            path: format!("{}/rotate-role/{role}", mount.trim_matches('/')),
            content_type: None,
            body: None,
        },
        VaultAction::DatabaseRotateRoot { mount, connection } => Call {
            method: reqwest::Method::POST,
            path: format!("{}/rotate-root/{connection}", mount.trim_matches('/')),
            content_type: None,
            body: None,
        },
        VaultAction::LeaseRevokePrefix { prefix } => Call {
            method: reqwest::Method::PUT,
            path: format!("sys/leases/revoke-prefix/{}", prefix.trim_matches('/')),
            content_type: Some("application/json"),
            body: Some(json!({ "sync": true })),
        },
        VaultAction::KvMark { kv_mount, kv_path } => {
            let loc = &ev.leak.location;
            let mut where_ = format!("{}:{}", loc.path, loc.line);
            if let Some(c) = &loc.commit {
                where_.push_str(&format!(" @ {c}"));
            }
            Call {
                method: reqwest::Method::PATCH,
                path: format!(
                    "{}/metadata/{}",
                    kv_mount.trim_matches('/'),
                    kv_path.trim_matches('/')
                ),
                content_type: Some("application/merge-patch+json"),
                body: Some(json!({
                    "custom_metadata": {
                        "keyhound_leak_event": ev.id,
                        "keyhound_leak_time": ev.time,
                        "keyhound_leak_fingerprint": ev.leak.fingerprint,
                        "keyhound_leak_location": where_,
                    }
                })),
            }
        }
    }
}

fn url(t: &VaultTarget, path: &str) -> String {
    format!("{}/v1/{}", t.address.trim_end_matches('/'), path)
}

pub fn preview(t: &VaultTarget, ev: &Event<'_>) -> Vec<Preview> {
    let token = match &t.auth {
        VaultAuth::Token(token) => super::shown_credential(token),
        VaultAuth::AppRole {
            role_id,
            secret_id,
            mount,
        } => format!(
            "<from AppRole login at {}, role_id {}, secret_id {}>",
            url(t, &login_path(mount)),
            super::shown_credential(role_id),
            super::shown_credential(secret_id)
        ),
    };
    let mut headers = vec![("X-Vault-Token".to_string(), token)];
    if let Some(ns) = &t.namespace {
        headers.push(("X-Vault-Namespace".to_string(), ns.clone()));
    }
    let mut out = Vec::new();
    if let VaultAction::DatabaseRotateRole { mount, role } = &t.action {
        out.push(Preview {
            method: "GET".into(),
            url: url(t, &static_creds_path(mount, role)),
            headers: headers.clone(),
            body: Some(
                "(read the current password; its sha256 is compared with the leak's here; skip if it differs)"
                    .into(),
            ),
        });
        out.push(Preview {
            method: "GET".into(),
            url: url(t, &static_role_path(mount, role)),
            headers: headers.clone(),
            body: Some(
                "(only if the password cannot be read: last_vault_rotation vs the commit's committer date)"
                    .into(),
            ),
        });
    }
    let c = call(t, ev);
    if let Some(ct) = c.content_type {
        headers.push(("Content-Type".to_string(), ct.to_string()));
    }
    out.push(Preview {
        method: c.method.to_string(),
        url: url(t, &c.path),
        headers,
        body: c
            .body
            .map(|b| serde_json::to_string_pretty(&b).expect("body serializes")),
    });
    out
}

/// `auth/{approle_mount}/login`.
fn login_path(mount: &str) -> String {
    format!("auth/{}/login", mount.trim_matches('/'))
}

/// A logged-in session: client plus token.
struct Session {
    client: Client,
    token: String,
}

impl Session {
    fn open(t: &VaultTarget, cfg: &DeliveryConfig) -> Result<Session, String> {
        let ca = match &t.ca_cert {
            Some(p) => Some(std::fs::read(p).map_err(|e| format!("ca_cert {}: {e}", p.display()))?),
            None => None,
        };
        let client = Client::new(cfg, ca.as_deref())?;
        let token = match &t.auth {
            VaultAuth::Token(c) => c.resolve()?,
            VaultAuth::AppRole {
                role_id,
                secret_id,
                mount,
            } => {
                let role_id = role_id.resolve()?;
                let secret_id = secret_id.resolve()?;
                let body = serde_json::to_vec(&json!({"role_id": role_id, "secret_id": secret_id}))
                    .expect("login body serializes");
                let login_url = url(t, &login_path(mount));
                let ns = t.namespace.clone();
                let mut build = || {
                    let mut headers =
                        vec![("content-type".to_string(), "application/json".to_string())];
                    if let Some(ns) = &ns {
                        headers.push(("x-vault-namespace".to_string(), ns.clone()));
                    }
                    Ok(Request {
                        method: reqwest::Method::POST,
                        url: login_url.clone(),
                        headers,
                        body: body.clone(),
                    })
                };
                let d = client.send(&mut build, &|_| false);
                if let Some(e) = d.error {
                    // Never echo the login response: it may hold a token.
                    return Err(format!("AppRole login failed: {e}"));
                }
                d.response
                    .and_then(|r| r.json())
                    .and_then(|j| j["auth"]["client_token"].as_str().map(str::to_string))
                    .ok_or("AppRole login answered without auth.client_token")?
            }
        };
        Ok(Session { client, token })
    }

    fn send(&self, t: &VaultTarget, c: &Call) -> crate::rotate::delivery::Delivered {
        self.send_checked(t, c, &mut || None)
    }

    /// [`send`](Self::send), reading the provider's state (`settled`)
    /// before any retry.
    fn send_checked(
        &self,
        t: &VaultTarget,
        c: &Call,
        settled: &mut dyn FnMut() -> Option<String>,
    ) -> crate::rotate::delivery::Delivered {
        let body = c
            .body
            .as_ref()
            .map(|b| serde_json::to_vec(b).expect("body serializes"))
            .unwrap_or_default();
        let u = url(t, &c.path);
        let mut build = || {
            let mut headers = vec![
                ("x-vault-token".to_string(), self.token.clone()),
                ("x-vault-request".to_string(), "true".to_string()),
            ];
            if let Some(ns) = &t.namespace {
                headers.push(("x-vault-namespace".to_string(), ns.clone()));
            }
            if let Some(ct) = c.content_type {
                headers.push(("content-type".to_string(), ct.to_string()));
            }
            Ok(Request {
                method: c.method.clone(),
                url: u.clone(),
                headers,
                body: body.clone(),
            })
        };
        self.client.send_checked(&mut build, &|_| false, settled)
    }

    /// Is the leaked password the role's current one? Read from
    /// static-creds and compared by sha256 here; the password read is
    /// dropped at once.
    fn current(&self, t: &VaultTarget, mount: &str, role: &str, ev: &Event<'_>) -> Current {
        let Some(leaked) = ev.leak.sha256.as_deref() else {
            return Current::NoRead("the leak's value is unknown (a redacted report)".into());
        };
        let d = self.send(
            t,
            &Call {
                method: reqwest::Method::GET,
                path: static_creds_path(mount, role),
                content_type: None,
                body: None,
            },
        );
        if let Some(e) = &d.error {
            return Current::NoRead(
                ev.leak
                    .scrub(&format!("reading {}: {e}", static_creds_path(mount, role))),
            );
        }
        let password = d
            .response
            .as_ref()
            .and_then(|r| r.json())
            .and_then(|j| j["data"]["password"].as_str().map(str::to_string));
        match password {
            Some(pw) if crate::finding::secret_sha256(pw.as_bytes()) == leaked => Current::Leaked,
            Some(_) => Current::Other,
            None => Current::NoRead("static-creds answered without data.password".into()),
        }
    }

    /// `last_vault_rotation` of the static role, and the read's request id.
    fn last_rotation(
        &self,
        t: &VaultTarget,
        mount: &str,
        role: &str,
    ) -> Result<(Option<jiff::Timestamp>, Option<String>), String> {
        let d = self.send(
            t,
            &Call {
                method: reqwest::Method::GET,
                path: static_role_path(mount, role),
                content_type: None,
                body: None,
            },
        );
        if let Some(e) = &d.error {
            let body = d.response.as_ref().map(|r| r.snippet()).unwrap_or_default();
            return Err(format!("reading static role {role}: {e} {body}")
                .trim()
                .to_string());
        }
        let j = d
            .response
            .as_ref()
            .and_then(|r| r.json())
            .unwrap_or_default();
        let last = j["data"]["last_vault_rotation"]
            .as_str()
            .and_then(|s| s.parse::<jiff::Timestamp>().ok());
        Ok((last, j["request_id"].as_str().map(str::to_string)))
    }
}

pub fn execute(t: &VaultTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    let session = match Session::open(t, cfg) {
        Ok(s) => s,
        Err(e) => return ActionResult::failed(ev.leak.scrub(&e)),
    };
    let mut before = None;
    let mut decided = String::new();
    if let VaultAction::DatabaseRotateRole { mount, role } = &t.action {
        let (last, rid) = match session.last_rotation(t, mount, role) {
            Ok(v) => v,
            Err(e) => return ActionResult::failed(ev.leak.scrub(&e)),
        };
        before = last;
        // A human's emergency rotation happens whatever Vault holds.
        let current = if ev.leak.emergency.is_some() {
            decided = "emergency: rotated on request".into();
            None
        } else {
            Some(session.current(t, mount, role, ev))
        };
        match current {
            None => {}
            Some(Current::Leaked) => {
                decided = "the leaked password was current: read static-creds".into();
            }
            Some(Current::Other) => {
                let mut r = ActionResult::skipped(format!(
                    "role already rotated after the leak: the leaked password is not {role}'s current one (read static-creds)"
                ));
                r.request_id = rid;
                return r;
            }
            Some(Current::NoRead(why)) => {
                let leaked = ev.leak.committed_at.or(ev.leak.leaked_at);
                let which = if ev.leak.committed_at.is_some() {
                    "committer date"
                } else {
                    "commit date"
                };
                if let (Some(last), Some(leaked)) = (last, leaked) {
                    // Compare whole seconds: commit dates have no fraction.
                    if last.as_second() > leaked.as_second() {
                        let mut r = ActionResult::skipped(format!(
                            "role already rotated after the leak (no read of the password: {why}; decided by date: last_vault_rotation {} > {which} {leaked})",
                            last.round(jiff::Unit::Second).unwrap_or(last),
                        ));
                        r.request_id = rid;
                        return r;
                    }
                }
                decided = format!("decided by date, no read of the password: {why}");
            }
        }
    }
    let c = call(t, ev);
    let d = match &t.action {
        // Not idempotent: a retry first looks whether the role moved.
        VaultAction::DatabaseRotateRole { mount, role } => {
            session.send_checked(t, &c, &mut || match session.last_rotation(t, mount, role) {
                Ok((Some(after), _)) if before.is_none_or(|b| after > b) => Some(after.to_string()),
                _ => None,
            })
        }
        _ => session.send(t, &c),
    };
    let mut r = ActionResult::from_delivery(&d, ev, "x-vault-request-id", "");
    r.request_id = d
        .response
        .as_ref()
        .and_then(|resp| resp.json())
        .and_then(|j| j["request_id"].as_str().map(str::to_string));
    if r.outcome != Outcome::Done {
        return r;
    }
    r.message = match &t.action {
        VaultAction::DatabaseRotateRole { mount, role } => {
            match session.last_rotation(t, mount, role) {
                Ok((Some(after), rid)) if before.is_none_or(|b| after > b) => {
                    if r.request_id.is_none() {
                        r.request_id = rid;
                    }
                    let at = after.round(jiff::Unit::Second).unwrap_or(after);
                    match &d.settled {
                        Some(_) => format!(
                            "role {role} rotated; the answer was lost, not sent again: last_vault_rotation moved to {at} ({decided})"
                        ),
                        None => format!("role {role} rotated (last_vault_rotation {at}; {decided})"),
                    }
                }
                Ok(_) => {
                    r.outcome = Outcome::Failed;
                    "Vault accepted rotate-role but last_vault_rotation did not move".to_string()
                }
                Err(e) => {
                    r.outcome = Outcome::Failed;
                    ev.leak
                        .scrub(&format!("rotated, but could not confirm: {e}"))
                }
            }
        }
        VaultAction::DatabaseRotateRoot { connection, .. } => {
            format!("root credential of connection {connection} rotated")
        }
        VaultAction::LeaseRevokePrefix { prefix } => {
            format!("leases under {prefix} revoked (sync)")
        }
        VaultAction::KvMark { kv_mount, kv_path } => {
            format!("custom_metadata of {kv_mount}/{kv_path} marked")
        }
    };
    r
}

pub fn recover(
    t: &VaultTarget,
    cfg: &DeliveryConfig,
    ev: &Event<'_>,
    since: Option<jiff::Timestamp>,
) -> Recovery {
    match &t.action {
        VaultAction::DatabaseRotateRole { mount, role } => {
            let session = match Session::open(t, cfg) {
                Ok(s) => s,
                Err(e) => return Recovery::Unknown(ev.leak.scrub(&e)),
            };
            match (session.last_rotation(t, mount, role), since) {
                (Ok((Some(last), _)), Some(since)) if last.as_second() >= since.as_second() => {
                    Recovery::Done(format!(
                        "the interrupted rotation happened (last_vault_rotation {})",
                        last.round(jiff::Unit::Second).unwrap_or(last)
                    ))
                }
                // Not rotated since the request went out: rotating now is the job.
                (Ok(_), Some(_)) => Recovery::Resend,
                (Ok(_), None) => Recovery::Unknown("the ledger entry has no time".into()),
                (Err(e), _) => Recovery::Unknown(ev.leak.scrub(&e)),
            }
        }
        VaultAction::DatabaseRotateRoot { .. } => Recovery::Unknown(
            "rotate-root leaves no trace to check; see Vault's audit device, then `keyhound rotation resolve`".into(),
        ),
        // Revoking revoked leases and re-marking metadata change nothing more.
        _ => Recovery::Resend,
    }
}

/// After a `done`: does the provider show the leaked value dead? For a
/// static role, a fresh static-creds read holding another password.
pub fn prove(t: &VaultTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> Proof {
    let VaultAction::DatabaseRotateRole { mount, role } = &t.action else {
        return Proof::Unverifiable(format!(
            "{} leaves no value keyhound can read back",
            t.action.as_str()
        ));
    };
    let session = match Session::open(t, cfg) {
        Ok(s) => s,
        Err(e) => return Proof::Unverifiable(ev.leak.scrub(&e)),
    };
    match session.current(t, mount, role, ev) {
        Current::Other => Proof::Dead(format!(
            "role {role}'s current password is no longer the leaked one (fresh read of static-creds)"
        )),
        Current::Leaked => Proof::Live(format!(
            "role {role}'s current password is still the leaked one (fresh read of static-creds)"
        )),
        Current::NoRead(why) => Proof::Unverifiable(why),
    }
}

/// A logged-in reader of Vault paths, for `rotation sync` (the same
/// login, namespace, CA and timeouts as the target).
pub struct Reader {
    target: VaultTarget,
    session: Session,
}

/// Why a read failed: denied by policy (the sync notes it and goes on),
/// or anything else.
#[derive(Debug)]
pub enum ReadError {
    Denied(String),
    Other(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Denied(m) | ReadError::Other(m) => f.write_str(m),
        }
    }
}

impl Reader {
    pub fn open(target: VaultTarget, cfg: &DeliveryConfig) -> Result<Reader, String> {
        let session = Session::open(&target, cfg)?;
        Ok(Reader { target, session })
    }

    /// `GET /v1/{path}`: the JSON of a 2xx, `None` for a 404. The answer
    /// is never echoed into an error (it may hold a value).
    pub fn get(&self, path: &str) -> Result<Option<serde_json::Value>, ReadError> {
        let d = self.session.send(
            &self.target,
            &Call {
                method: reqwest::Method::GET,
                path: path.to_string(),
                content_type: None,
                body: None,
            },
        );
        match (d.status(), &d.error) {
            (Some(404), _) => Ok(None),
            (Some(403), _) => Err(ReadError::Denied(format!("GET {path}: permission denied"))),
            (_, None) => d
                .response
                .and_then(|r| r.json())
                .map(Some)
                .ok_or_else(|| ReadError::Other(format!("GET {path}: the answer is not JSON"))),
            (_, Some(e)) => Err(ReadError::Other(format!("GET {path}: {e}"))),
        }
    }
}
