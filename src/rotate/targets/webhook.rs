//! `webhook`: POST the leak event as JSON, signed with the Standard
//! Webhooks scheme — `webhook-id`, `webhook-timestamp`, and
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` —
//! with `Idempotency-Key` = the event id, and optionally GitHub's
//! `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
//! Retries re-sign with a new timestamp; the body stays byte-identical.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{ActionResult, Preview};
use crate::rotate::config::{DeliveryConfig, WebhookTarget};
use crate::rotate::delivery::{Client, Request};
use crate::rotate::event::Event;

type HmacSha256 = Hmac<Sha256>;

/// The HMAC key of a Standard Webhooks secret: `whsec_` + base64, else
/// the bytes as written. A `whsec_` secret whose rest is not base64 is an
/// error, never silently the raw bytes (the receiver would reject every
/// signature, or worse, accept a key the user did not mean).
pub fn signing_key(secret: &str) -> Result<Vec<u8>, String> {
    match secret.strip_prefix("whsec_") {
        Some(b) => base64::engine::general_purpose::STANDARD
            .decode(b)
            .map_err(|e| {
                format!("the webhook secret starts with whsec_ but the rest is not base64 ({e})")
            }),
        None => Ok(secret.as_bytes().to_vec()),
    }
}

/// `v1,<base64>` over `id.timestamp.body`.
pub fn sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

fn hub_signature(secret: &str, body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn body(t: &WebhookTarget, ev: &Event<'_>) -> Vec<u8> {
    serde_json::to_vec(&ev.payload(t.include_secret)).expect("payload serializes")
}

pub fn preview(t: &WebhookTarget, ev: &Event<'_>) -> Vec<Preview> {
    let mut payload = ev.payload(false);
    if t.include_secret {
        payload["data"]["secret"]["value"] =
            serde_json::json!("<the secret: include_secret = true>");
    }
    let secret = super::shown_credential(&t.secret);
    let mut headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("webhook-id".to_string(), ev.id.clone()),
        (
            "webhook-timestamp".to_string(),
            "<unix seconds at send time>".to_string(),
        ),
        (
            "webhook-signature".to_string(),
            format!("v1,<HMAC-SHA256 keyed with {secret}>"),
        ),
        ("Idempotency-Key".to_string(), ev.id.clone()),
    ];
    if t.hub_signature {
        headers.push((
            "X-Hub-Signature-256".to_string(),
            format!("sha256=<HMAC-SHA256 keyed with {secret}>"),
        ));
    }
    vec![Preview {
        method: "POST".into(),
        url: t.url.clone(),
        headers,
        body: Some(serde_json::to_string_pretty(&payload).expect("payload serializes")),
    }]
}

pub fn execute(t: &WebhookTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    if t.include_secret && ev.leak.secret.is_none() {
        return ActionResult::failed(
            "include_secret is set but the secret is not known (a redacted report): re-scan with --no-redact",
        );
    }
    post(t, cfg, &ev.id, body(t, ev), ev, "delivered")
}

/// POSTs an outcome event (`keyhound.rotation.*`) to a notifying webhook.
pub fn notify(
    t: &WebhookTarget,
    cfg: &DeliveryConfig,
    id: &str,
    payload: &serde_json::Value,
    ev: &Event<'_>,
) -> ActionResult {
    let body = serde_json::to_vec(payload).expect("payload serializes");
    post(t, cfg, id, body, ev, "notified")
}

/// Signs and POSTs `body` as webhook message `id`.
fn post(
    t: &WebhookTarget,
    cfg: &DeliveryConfig,
    id: &str,
    body: Vec<u8>,
    ev: &Event<'_>,
    what: &str,
) -> ActionResult {
    let secret = match t.secret.resolve() {
        Ok(s) => s,
        Err(e) => return ActionResult::failed(e),
    };
    let key = match signing_key(&secret) {
        Ok(k) => k,
        Err(e) => return ActionResult::failed(e),
    };
    let client = match Client::new(cfg, None) {
        Ok(c) => c,
        Err(e) => return ActionResult::failed(e),
    };
    let url = t.url.clone();
    let mut build = || {
        let ts = jiff::Timestamp::now().as_second();
        let mut headers = vec![
            ("content-type".to_string(), "application/json".to_string()),
            ("webhook-id".to_string(), id.to_string()),
            ("webhook-timestamp".to_string(), ts.to_string()),
            ("webhook-signature".to_string(), sign(&key, id, ts, &body)),
            ("idempotency-key".to_string(), id.to_string()),
        ];
        if t.hub_signature {
            headers.push((
                "x-hub-signature-256".to_string(),
                hub_signature(&secret, &body),
            ));
        }
        Ok(Request {
            method: reqwest::Method::POST,
            url: url.clone(),
            headers,
            body: body.clone(),
        })
    };
    let d = client.send(&mut build, &|_| false);
    ActionResult::from_delivery(&d, ev, "x-request-id", what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_webhooks_reference_vector() {
        // The published example of the Standard Webhooks specification.
        let key = signing_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap(); // keyhound:allow (spec test vector)
        let body = br#"{"test": 2432232314}"#;
        let sig = sign(&key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn a_whsec_secret_that_is_not_base64_is_an_error_not_raw_bytes() {
        let e = signing_key("whsec_not*base64!").unwrap_err(); // keyhound:allow (fake test value)
        assert!(e.contains("not base64"), "{e}");
        assert_eq!(signing_key("plain").unwrap(), b"plain");
    }
}
