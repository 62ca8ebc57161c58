//! `gitlab-revoke`: a leaked GitLab access token (personal, project or
//! group: all `glpat-`) revokes itself — `DELETE
//! {base_url}/api/v4/personal_access_tokens/self` with the token in the
//! `PRIVATE-TOKEN` header, the only place GitLab's REST API documents for
//! it; `204 No Content` on success. The token is sent only there: to
//! `https://gitlab.com` or the configured base URL of a self-managed
//! GitLab (https, or http to a loopback address), never in a URL or body.
//!
//! Revoking is idempotent in effect: a token already revoked answers `401`,
//! which is what a revoked token does — done. The proof is a fresh `GET
//! …/personal_access_tokens/self` with the token: `401` (or `"active":
//! false`) means it no longer works.

use super::{ActionResult, Outcome, Preview, Proof};
use crate::rotate::config::{DeliveryConfig, RevokeTarget};
use crate::rotate::delivery::{Client, Request};
use crate::rotate::event::Event;

const DEFAULT_BASE: &str = "https://gitlab.com";
const PREFIX: &str = "glpat-";
const HEADER: &str = "private-token";

fn url(t: &RevokeTarget) -> String {
    format!(
        "{}/api/v4/personal_access_tokens/self",
        t.base_url
            .as_deref()
            .unwrap_or(DEFAULT_BASE)
            .trim_end_matches('/')
    )
}

pub fn preview(t: &RevokeTarget, ev: &Event<'_>) -> Vec<Preview> {
    vec![Preview {
        method: "DELETE".into(),
        url: url(t),
        headers: vec![(
            "PRIVATE-TOKEN".into(),
            format!("<{}: {}>", ev.leak.fingerprint, ev.leak.hint),
        )],
        body: None,
    }]
}

/// The token, if it is one to send to GitLab.
fn token<'e>(ev: &'e Event<'_>) -> Result<&'e str, ActionResult> {
    match &ev.leak.secret {
        None => Err(ActionResult::failed(
            "GitLab revocation needs the token itself, and this report is redacted: re-scan with --no-redact",
        )),
        Some(s) if !s.expose().starts_with(PREFIX) => Err(ActionResult::skipped(
            "not a GitLab access token (glpat-): not sent to GitLab",
        )),
        Some(s) => Ok(s.expose()),
    }
}

fn send(
    t: &RevokeTarget,
    cfg: &DeliveryConfig,
    method: reqwest::Method,
    token: &str,
) -> Result<crate::rotate::delivery::Delivered, String> {
    let client = Client::new(cfg, None)?;
    let u = url(t);
    let mut build = || {
        Ok(Request {
            method: method.clone(),
            url: u.clone(),
            headers: vec![(HEADER.into(), token.to_string())],
            body: Vec::new(),
        })
    };
    Ok(client.send(&mut build, &|_| false))
}

pub fn execute(t: &RevokeTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    let token = match token(ev) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let d = match send(t, cfg, reqwest::Method::DELETE, token) {
        Ok(d) => d,
        Err(e) => return ActionResult::failed(e),
    };
    let mut r = ActionResult::from_delivery(&d, ev, "x-request-id", "");
    match d.status() {
        Some(204) | Some(200) => {
            r.message = "token revoked by GitLab (DELETE personal_access_tokens/self)".into()
        }
        Some(401) => {
            r.outcome = Outcome::Done;
            r.message =
                "GitLab answers 401 for the token: already revoked or expired, it no longer authenticates"
                    .into();
        }
        _ => {}
    }
    r
}

pub fn prove(t: &RevokeTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> Proof {
    let token = match token(ev) {
        Ok(s) => s,
        Err(r) => return Proof::Unverifiable(r.message),
    };
    let d = match send(t, cfg, reqwest::Method::GET, token) {
        Ok(d) => d,
        Err(e) => return Proof::Unverifiable(e),
    };
    let active = d
        .response
        .as_ref()
        .and_then(|r| r.json())
        .and_then(|j| j["active"].as_bool());
    match (d.status(), active) {
        (Some(401), _) => Proof::Dead(
            "GitLab answers 401 for the token (fresh GET personal_access_tokens/self)".into(),
        ),
        (Some(200), Some(false)) => Proof::Dead(
            "GitLab lists the token inactive (fresh GET personal_access_tokens/self)".into(),
        ),
        (Some(200), _) => Proof::Live(
            "GitLab still accepts the token (fresh GET personal_access_tokens/self)".into(),
        ),
        _ => Proof::Unverifiable(ev.leak.scrub(&format!(
            "GET personal_access_tokens/self: {}",
            d.error.clone().unwrap_or_default()
        ))),
    }
}
