//! `aws-iam-deactivate`: the kill switch for a leaked AWS access key. The
//! leak is the access key id (rule `aws-access-key-id`); with the
//! operator's credentials (never the leaked pair), over IAM's Query API
//! (`POST https://iam.amazonaws.com/`, form body, `Version=2010-05-08`,
//! SigV4 for `us-east-1`/`iam`):
//!
//! 1. `GetAccessKeyLastUsed` names the user the key belongs to;
//! 2. `UpdateAccessKey … Status=Inactive` deactivates it (reversible, unlike
//!    `DeleteAccessKey`: the owner can re-enable it once it is replaced);
//! 3. with `quarantine = true`, `PutUserPolicy` attaches the inline policy
//!    `keyhound-quarantine` denying every action to that user.
//!
//! Every step is idempotent (an inactive key set inactive again, a policy
//! put again under its name), so a retry or a crashed run's recovery simply
//! sends again. The proof is a fresh `ListAccessKeys` of the user: the key
//! listed `Inactive`. With `scan --verify`, the rule's own verify block
//! checks first, with `sts:GetCallerIdentity` signed by the leaked pair —
//! which an inactive key fails with `InvalidClientTokenId`.

use super::aws::{signed_post, Creds};
use super::{ActionResult, Outcome, Preview, Proof};
use crate::rotate::config::{AwsIamTarget, DeliveryConfig};
use crate::rotate::delivery::{Client, Delivered, Response};
use crate::rotate::event::Event;

const VERSION: &str = "2010-05-08";
const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";
/// The inline policy `quarantine = true` attaches.
pub const QUARANTINE_POLICY: &str = "keyhound-quarantine";
const DENY_ALL: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"KeyhoundQuarantine","Effect":"Deny","Action":"*","Resource":"*"}]}"#;

fn endpoint(t: &AwsIamTarget) -> String {
    t.endpoint
        .clone()
        .unwrap_or_else(|| "https://iam.amazonaws.com/".to_string())
}

/// IAM is global; its requests are signed for `us-east-1` (a custom
/// endpoint for the target's region).
fn signing_region(t: &AwsIamTarget) -> &str {
    if t.endpoint.is_some() {
        &t.region
    } else {
        "us-east-1"
    }
}

/// The form body, encoded as the AWS SDKs encode it: everything but the
/// RFC 3986 unreserved characters percent-encoded, a space as `+`. (The
/// WHATWG form encoding leaves `*` bare; a server that checks the
/// signature over the form it re-encodes from the parsed fields — moto —
/// would then see another body than the one signed.)
fn form(params: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    params
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A long-term key id (`AKIA` + 16 of [A-Z2-7]); `ASIA` keys are an STS
/// session's and cannot be deactivated.
fn key_kind(s: &str) -> Result<(), &'static str> {
    let body_ok = |rest: &str| {
        rest.len() == 16
            && rest
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    };
    match s.split_at_checked(4) {
        Some(("AKIA", rest)) if body_ok(rest) => Ok(()),
        Some(("ASIA", rest)) if body_ok(rest) => Err(
            "a temporary (ASIA…) key of an STS session cannot be deactivated: revoke the role's sessions (IAM console: Revoke active sessions)",
        ),
        _ => Err(
            "not an AWS access key id (AKIA…): aws-iam-deactivate acts on the aws-access-key-id finding; not sent to AWS",
        ),
    }
}

/// The text of the first `<tag>…</tag>` of an IAM XML answer (its fixed,
/// documented shape: no attributes, no CDATA).
fn xml_text<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].trim())
}

/// Throttling is a 400 with `<Code>Throttling</Code>`: transient.
fn throttled(r: &Response) -> bool {
    r.status == 400
        && xml_text(&String::from_utf8_lossy(&r.body), "Code")
            .is_some_and(|c| c.contains("Throttling"))
}

/// One IAM action with the operator's credentials.
fn call(t: &AwsIamTarget, client: &Client, creds: &Creds, params: &[(&str, &str)]) -> Delivered {
    let url = endpoint(t);
    let body = form(params).into_bytes();
    let region = signing_region(t).to_string();
    let mut build = || {
        signed_post(
            &url,
            &body,
            (&region, "iam"),
            creds,
            vec![("content-type".to_string(), FORM.to_string())],
        )
    };
    client.send(&mut build, &throttled)
}

/// The error of a failed call: the HTTP status with AWS's code and message.
fn failure(d: &Delivered) -> String {
    let body = d
        .response
        .as_ref()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .unwrap_or_default();
    let code = xml_text(&body, "Code").unwrap_or_default();
    let msg = xml_text(&body, "Message").unwrap_or_default();
    let e = d.error.clone().unwrap_or_default();
    [e.as_str(), code, msg]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(": ")
}

fn body_of(d: &Delivered) -> String {
    d.response
        .as_ref()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .unwrap_or_default()
}

pub fn preview(t: &AwsIamTarget, ev: &Event<'_>) -> Vec<Preview> {
    let shown = format!("<{}: {}>", ev.leak.fingerprint, ev.leak.hint);
    let auth = format!(
        "AWS4-HMAC-SHA256 <SigV4, {} / {}, region {}, service iam>",
        super::shown_credential(&t.access_key_id),
        super::shown_credential(&t.secret_access_key),
        signing_region(t)
    );
    let req = |params: &[(&str, &str)]| Preview {
        method: "POST".into(),
        url: endpoint(t),
        headers: vec![
            ("Content-Type".into(), FORM.into()),
            ("Authorization".into(), auth.clone()),
        ],
        // Shown as fields, not percent-encoded: a human reads it.
        body: Some(
            params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    };
    let mut v = vec![
        req(&[
            ("Action", "GetAccessKeyLastUsed"),
            ("Version", VERSION),
            ("AccessKeyId", &shown),
        ]),
        req(&[
            ("Action", "UpdateAccessKey"),
            ("Version", VERSION),
            ("UserName", "<the user GetAccessKeyLastUsed names>"),
            ("AccessKeyId", &shown),
            ("Status", "Inactive"),
        ]),
    ];
    if t.quarantine {
        v.push(req(&[
            ("Action", "PutUserPolicy"),
            ("Version", VERSION),
            ("UserName", "<the user GetAccessKeyLastUsed names>"),
            ("PolicyName", QUARANTINE_POLICY),
            ("PolicyDocument", DENY_ALL),
        ]));
    }
    v
}

/// The leaked key id and a client signed as the operator, or why not.
fn prepare<'e>(
    t: &AwsIamTarget,
    cfg: &DeliveryConfig,
    ev: &'e Event<'_>,
) -> Result<(&'e str, Creds, Client), ActionResult> {
    let Some(secret) = &ev.leak.secret else {
        return Err(ActionResult::failed(
            "deactivating an AWS key needs its access key id, and this report is redacted: re-scan with --no-redact",
        ));
    };
    let key = secret.expose();
    key_kind(key).map_err(ActionResult::skipped)?;
    let creds = Creds::resolve(
        &t.access_key_id,
        &t.secret_access_key,
        t.session_token.as_ref(),
    )
    .map_err(ActionResult::failed)?;
    let client = Client::new(cfg, None).map_err(ActionResult::failed)?;
    Ok((key, creds, client))
}

/// `GetAccessKeyLastUsed`: the key's user, or the failed delivery.
fn owner(
    t: &AwsIamTarget,
    client: &Client,
    creds: &Creds,
    key: &str,
) -> Result<String, Box<Delivered>> {
    let d = call(
        t,
        client,
        creds,
        &[
            ("Action", "GetAccessKeyLastUsed"),
            ("Version", VERSION),
            ("AccessKeyId", key),
        ],
    );
    if d.ok() {
        if let Some(u) = xml_text(&body_of(&d), "UserName").filter(|u| !u.is_empty()) {
            return Ok(u.to_string());
        }
    }
    Err(Box::new(d))
}

pub fn execute(t: &AwsIamTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    let (key, creds, client) = match prepare(t, cfg, ev) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let user = match owner(t, &client, &creds, key) {
        Ok(u) => u,
        Err(d) => {
            let mut r = ActionResult::from_delivery(&d, ev, "x-amzn-requestid", "");
            r.outcome = Outcome::Failed;
            r.message = ev.leak.scrub(&format!(
                "GetAccessKeyLastUsed found no user for the key: {}",
                failure(&d)
            ));
            return r;
        }
    };
    let d = call(
        t,
        &client,
        &creds,
        &[
            ("Action", "UpdateAccessKey"),
            ("Version", VERSION),
            ("UserName", &user),
            ("AccessKeyId", key),
            ("Status", "Inactive"),
        ],
    );
    let mut r = ActionResult::from_delivery(&d, ev, "x-amzn-requestid", "");
    if r.outcome != Outcome::Done {
        r.message = ev
            .leak
            .scrub(&format!("UpdateAccessKey for user {user}: {}", failure(&d)));
        return r;
    }
    r.message = format!("access key of IAM user {user} set Inactive (UpdateAccessKey)");
    if t.quarantine {
        let q = call(
            t,
            &client,
            &creds,
            &[
                ("Action", "PutUserPolicy"),
                ("Version", VERSION),
                ("UserName", &user),
                ("PolicyName", QUARANTINE_POLICY),
                ("PolicyDocument", DENY_ALL),
            ],
        );
        r.attempts += q.attempts;
        if q.ok() {
            r.message
                .push_str(&format!("; deny-all policy {QUARANTINE_POLICY} attached"));
        } else {
            // The next run sends both again: both are idempotent.
            r.outcome = Outcome::Failed;
            r.http_status = q.status();
            r.message = ev.leak.scrub(&format!(
                "{}, but PutUserPolicy {QUARANTINE_POLICY} failed: {}",
                r.message,
                failure(&q)
            ));
        }
    }
    r
}

/// After the deactivation: does a fresh `ListAccessKeys` of the key's user
/// list it `Inactive`?
pub fn prove(t: &AwsIamTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> Proof {
    let (key, creds, client) = match prepare(t, cfg, ev) {
        Ok(p) => p,
        Err(r) => return Proof::Unverifiable(r.message),
    };
    let user = match owner(t, &client, &creds, key) {
        Ok(u) => u,
        Err(d) => {
            return Proof::Unverifiable(
                ev.leak
                    .scrub(&format!("GetAccessKeyLastUsed: {}", failure(&d))),
            )
        }
    };
    let d = call(
        t,
        &client,
        &creds,
        &[
            ("Action", "ListAccessKeys"),
            ("Version", VERSION),
            ("UserName", &user),
        ],
    );
    if !d.ok() {
        return Proof::Unverifiable(ev.leak.scrub(&format!("ListAccessKeys: {}", failure(&d))));
    }
    let body = body_of(&d);
    if !body.contains("<ListAccessKeysResult>") {
        return Proof::Unverifiable("ListAccessKeys answered no ListAccessKeysResult".into());
    }
    // One <member> per key: the one holding this key id says its status.
    let status = body
        .split("<member>")
        .find(|m| xml_text(m, "AccessKeyId") == Some(key))
        .and_then(|m| xml_text(m, "Status"));
    match status {
        Some("Inactive") => Proof::Dead(format!(
            "IAM lists the access key of user {user} Inactive (fresh ListAccessKeys): AWS refuses requests it signs"
        )),
        Some(s) => Proof::Live(format!(
            "IAM lists the access key of user {user} {s} (fresh ListAccessKeys)"
        )),
        None => Proof::Dead(format!(
            "user {user} no longer has the access key (fresh ListAccessKeys)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_long_term_key_ids_are_sent() {
        let id = format!("{}{}", "AKIA", "ABCDEFGHIJ234567");
        assert!(key_kind(&id).is_ok());
        assert!(key_kind(&id.replacen("AKIA", "ASIA", 1))
            .unwrap_err()
            .contains("temporary"));
        assert!(key_kind(&id.to_lowercase()).is_err());
        assert!(key_kind(&format!("{id}X")).is_err());
        assert!(key_kind("AKIA").is_err());
    }

    #[test]
    fn the_form_is_encoded_as_the_sdks_encode_it() {
        assert_eq!(
            form(&[
                ("Action", "PutUserPolicy"),
                ("PolicyDocument", "{\"Action\":\"*\"} a~b")
            ]),
            "Action=PutUserPolicy&PolicyDocument=%7B%22Action%22%3A%22%2A%22%7D+a~b"
        );
    }

    fn parse(text: &str) -> Result<crate::rotate::RotationConfig, String> {
        #[derive(serde::Deserialize)]
        struct F {
            rotation: crate::rotate::RotationConfig,
        }
        let f: F = toml::from_str(text).map_err(|e| e.to_string())?;
        f.rotation.validate()?;
        Ok(f.rotation)
    }

    #[test]
    fn the_config_has_defaults_and_refuses_what_does_not_belong() {
        let base = "[rotation]\n[[rotation.targets]]\nid = \"k\"\ntype = \"aws-iam-deactivate\"\naccess_key_id = \"env:A\"\nsecret_access_key = \"env:S\"\n";
        let c = parse(base).unwrap();
        let crate::rotate::config::TargetKind::AwsIamDeactivate(t) = &c.targets[0].kind else {
            panic!("{:?}", c.targets[0]);
        };
        assert_eq!(t.region, "us-east-1");
        assert!(!t.quarantine);
        assert_eq!(endpoint(t), "https://iam.amazonaws.com/");
        assert_eq!(signing_region(t), "us-east-1");
        let e = parse(&format!("{base}secret_id = \"x\"\n")).unwrap_err();
        assert!(
            e.contains("`secret_id` is not used by a aws-iam-deactivate target"),
            "{e}"
        );
        let e = parse(&format!("{base}endpoint = \"http://iam.example\"\n")).unwrap_err();
        assert!(e.contains("plain http"), "{e}");
        let e = parse(&base.replace("env:S", "a-literal-secret")).unwrap_err();
        assert!(e.contains("literal credential"), "{e}");
        assert!(!e.contains("a-literal-secret"), "{e}");
    }

    #[test]
    fn xml_answers_are_read_by_tag() {
        let body = "<GetAccessKeyLastUsedResponse><GetAccessKeyLastUsedResult><UserName>leaky</UserName></GetAccessKeyLastUsedResult></GetAccessKeyLastUsedResponse>";
        assert_eq!(xml_text(body, "UserName"), Some("leaky"));
        assert_eq!(xml_text(body, "Status"), None);
    }
}
