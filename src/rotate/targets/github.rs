//! `github-revoke`: GitHub's credential revocation API —
//! `POST {base_url}/credentials/revoke` with `{"credentials": [...]}`,
//! unauthenticated (an authenticated call gets 403), at most 1000 tokens a
//! request, `202 Accepted` on success, `422` when validation fails or the
//! endpoint is rate-limited. The one target that must send the plaintext:
//! only GitHub token formats are ever sent, and only to the configured host.

use serde_json::json;

use super::{ActionResult, Outcome, Preview};
use crate::rotate::config::{DeliveryConfig, GithubTarget};
use crate::rotate::delivery::{Client, Request};
use crate::rotate::event::Event;

const DEFAULT_BASE: &str = "https://api.github.com";
/// The documented maximum per request.
const BATCH: usize = 1000;
/// Token prefixes the API accepts.
const PREFIXES: &[&str] = &["ghp_", "github_pat_", "gho_", "ghu_", "ghr_"];

fn url(t: &GithubTarget) -> String {
    format!(
        "{}/credentials/revoke",
        t.base_url
            .as_deref()
            .unwrap_or(DEFAULT_BASE)
            .trim_end_matches('/')
    )
}

fn headers() -> Vec<(String, String)> {
    vec![
        ("accept".into(), "application/vnd.github+json".into()),
        ("x-github-api-version".into(), "2022-11-28".into()),
        ("content-type".into(), "application/json".into()),
    ]
}

fn is_github_token(s: &str) -> bool {
    PREFIXES.iter().any(|p| s.starts_with(p))
}

pub fn preview(t: &GithubTarget, events: &[Event<'_>]) -> Vec<Preview> {
    events
        .chunks(BATCH)
        .map(|chunk| {
            let shown: Vec<String> = chunk
                .iter()
                .map(|e| format!("<{}: {}>", e.leak.fingerprint, e.leak.hint))
                .collect();
            Preview {
                method: "POST".into(),
                url: url(t),
                headers: headers(),
                body: Some(
                    serde_json::to_string_pretty(&json!({ "credentials": shown }))
                        .expect("body serializes"),
                ),
            }
        })
        .collect()
}

pub fn execute(t: &GithubTarget, cfg: &DeliveryConfig, events: &[Event<'_>]) -> Vec<ActionResult> {
    let mut results: Vec<Option<ActionResult>> = vec![None; events.len()];
    let mut sendable = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match &e.leak.secret {
            None => {
                results[i] = Some(ActionResult::failed(
                    "GitHub revocation needs the token itself, and this report is redacted: re-scan with --no-redact",
                ))
            }
            Some(s) if !is_github_token(s.expose()) => {
                results[i] = Some(ActionResult::skipped(
                    "not a GitHub token format (ghp_, github_pat_, gho_, ghu_, ghr_): not sent to GitHub",
                ))
            }
            Some(_) => sendable.push(i),
        }
    }
    let client = match Client::new(cfg, None) {
        Ok(c) => Some(c),
        Err(e) => {
            for &i in &sendable {
                results[i] = Some(ActionResult::failed(e.clone()));
            }
            None
        }
    };
    if let Some(client) = client {
        for chunk in sendable.chunks(BATCH) {
            let tokens: Vec<&str> = chunk
                .iter()
                .filter_map(|&i| events[i].leak.secret.as_ref().map(|s| s.expose()))
                .collect();
            let body =
                serde_json::to_vec(&json!({ "credentials": tokens })).expect("body serializes");
            let u = url(t);
            let mut build = || {
                Ok(Request {
                    method: reqwest::Method::POST,
                    url: u.clone(),
                    headers: headers(),
                    body: body.clone(),
                })
            };
            let d = client.send(&mut build, &|_| false);
            for &i in chunk {
                let ev = &events[i];
                let mut r = ActionResult::from_delivery(&d, ev, "x-github-request-id", "");
                // A 422 body may list the tokens it rejected: scrub them all.
                for &j in chunk {
                    r.message = events[j].leak.scrub(&r.message);
                }
                if r.outcome == Outcome::Done {
                    r.message = format!(
                        "revocation accepted by GitHub ({} token{} in the request)",
                        chunk.len(),
                        if chunk.len() == 1 { "" } else { "s" }
                    );
                }
                results[i] = Some(r);
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| ActionResult::failed("not attempted")))
        .collect()
}
