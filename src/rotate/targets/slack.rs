//! `slack-revoke`: a leaked Slack token revokes itself — `POST
//! {base_url}/api/auth.revoke` with the token in `Authorization: Bearer`
//! (the header Slack's Web API documents; never a form field or query),
//! answered `200` with `{"ok": true, "revoked": true}`. Slack answers
//! errors as `200` with `{"ok": false, "error": …}`: the body decides. The
//! token goes only to `https://slack.com` or the configured base URL
//! (https, or http to a loopback address).
//!
//! A token already revoked answers `invalid_auth` or `token_revoked`: done.
//! The proof is a fresh `auth.test` with the token: the same errors mean
//! it no longer works. Incoming-webhook URLs cannot be revoked by API.

use super::{ActionResult, Outcome, Preview, Proof};
use crate::rotate::config::{DeliveryConfig, RevokeTarget};
use crate::rotate::delivery::{Client, Delivered, Request};
use crate::rotate::event::Event;

const DEFAULT_BASE: &str = "https://slack.com";
/// Bot, user, app-level, refresh and configuration tokens.
const PREFIXES: &[&str] = &[
    "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe.", "xoxe-", "xapp-",
];
/// Errors that mean the token does not authenticate (any more).
const DEAD: &[&str] = &[
    "invalid_auth",
    "token_revoked",
    "account_inactive",
    "token_expired",
];

fn url(t: &RevokeTarget, method: &str) -> String {
    format!(
        "{}/api/{method}",
        t.base_url
            .as_deref()
            .unwrap_or(DEFAULT_BASE)
            .trim_end_matches('/')
    )
}

pub fn preview(t: &RevokeTarget, ev: &Event<'_>) -> Vec<Preview> {
    vec![Preview {
        method: "POST".into(),
        url: url(t, "auth.revoke"),
        headers: vec![(
            "Authorization".into(),
            format!("Bearer <{}: {}>", ev.leak.fingerprint, ev.leak.hint),
        )],
        body: None,
    }]
}

fn token<'e>(ev: &'e Event<'_>) -> Result<&'e str, ActionResult> {
    match &ev.leak.secret {
        None => Err(ActionResult::failed(
            "Slack revocation needs the token itself, and this report is redacted: re-scan with --no-redact",
        )),
        Some(s) if !PREFIXES.iter().any(|p| s.expose().starts_with(p)) => {
            Err(ActionResult::skipped(
                "not a Slack bot or user token (xoxb-, xoxp-, xoxa-, xoxe.xoxb-, xoxe.xoxp-): not sent to Slack",
            ))
        }
        Some(s) => Ok(s.expose()),
    }
}

fn call(
    t: &RevokeTarget,
    cfg: &DeliveryConfig,
    method: &str,
    token: &str,
) -> Result<Delivered, String> {
    let client = Client::new(cfg, None)?;
    let u = url(t, method);
    let mut build = || {
        Ok(Request {
            method: reqwest::Method::POST,
            url: u.clone(),
            headers: vec![
                ("authorization".into(), format!("Bearer {token}")),
                (
                    "content-type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
            ],
            body: Vec::new(),
        })
    };
    Ok(client.send(&mut build, &|_| false))
}

/// `ok` and `error` of a Web API answer.
fn answer(d: &Delivered) -> (Option<bool>, String) {
    let j = d
        .response
        .as_ref()
        .and_then(|r| r.json())
        .unwrap_or_default();
    (
        j["ok"].as_bool(),
        j["error"].as_str().unwrap_or_default().to_string(),
    )
}

pub fn execute(t: &RevokeTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    let token = match token(ev) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let d = match call(t, cfg, "auth.revoke", token) {
        Ok(d) => d,
        Err(e) => return ActionResult::failed(e),
    };
    let mut r = ActionResult::from_delivery(&d, ev, "x-slack-req-id", "");
    if r.outcome != Outcome::Done {
        return r;
    }
    let revoked = d
        .response
        .as_ref()
        .and_then(|r| r.json())
        .is_some_and(|j| j["revoked"] == true);
    match answer(&d) {
        (Some(true), _) if revoked => r.message = "token revoked by Slack (auth.revoke)".into(),
        (Some(false), e) if DEAD.contains(&e.as_str()) => {
            r.message = format!("Slack answers {e}: the token no longer authenticates")
        }
        (_, e) => {
            r.outcome = Outcome::Failed;
            r.message = ev.leak.scrub(&format!(
                "auth.revoke did not revoke the token: {}",
                if e.is_empty() {
                    "no \"revoked\": true in the answer"
                } else {
                    e.as_str()
                }
            ));
        }
    }
    r
}

pub fn prove(t: &RevokeTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> Proof {
    let token = match token(ev) {
        Ok(s) => s,
        Err(r) => return Proof::Unverifiable(r.message),
    };
    let d = match call(t, cfg, "auth.test", token) {
        Ok(d) => d,
        Err(e) => return Proof::Unverifiable(e),
    };
    match answer(&d) {
        (Some(false), e) if DEAD.contains(&e.as_str()) => {
            Proof::Dead(format!("Slack answers {e} for the token (fresh auth.test)"))
        }
        (Some(true), _) => Proof::Live("Slack still accepts the token (fresh auth.test)".into()),
        (_, e) => Proof::Unverifiable(ev.leak.scrub(&format!(
            "auth.test: {} {e}",
            d.error.clone().unwrap_or_default()
        ))),
    }
}
