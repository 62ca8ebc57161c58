//! `aws-secrets-manager`: `RotateSecret` over the AWS JSON 1.1 protocol
//! (`POST /`, `X-Amz-Target: secretsmanager.RotateSecret`), signed with
//! SigV4 afresh for every attempt. `ClientRequestToken` is derived from the
//! event id, so a retry — or a later run resolving a crash — is the same
//! request to Secrets Manager and never rotates twice.

use std::time::SystemTime;

use serde_json::json;

use super::{ActionResult, Outcome, Preview};
use crate::rotate::config::{AwsTarget, DeliveryConfig};
use crate::rotate::delivery::{Client, Request, Response};
use crate::rotate::event::{request_token, Event};

const TARGET_HEADER: &str = "secretsmanager.RotateSecret";
const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

fn endpoint(t: &AwsTarget) -> String {
    t.endpoint
        .clone()
        .unwrap_or_else(|| format!("https://secretsmanager.{}.amazonaws.com/", t.region))
}

fn body(t: &AwsTarget, ev: &Event<'_>) -> serde_json::Value {
    let mut b = json!({
        "SecretId": t.secret_id,
        "ClientRequestToken": request_token(&ev.id),
        "RotateImmediately": true,
    });
    if let Some(arn) = &t.rotation_lambda_arn {
        b["RotationLambdaARN"] = json!(arn);
    }
    b
}

pub fn preview(t: &AwsTarget, ev: &Event<'_>) -> Vec<Preview> {
    vec![Preview {
        method: "POST".into(),
        url: endpoint(t),
        headers: vec![
            ("Content-Type".into(), CONTENT_TYPE.into()),
            ("X-Amz-Target".into(), TARGET_HEADER.into()),
            (
                "Authorization".into(),
                format!(
                    "AWS4-HMAC-SHA256 <SigV4, {} / {}, region {}, service secretsmanager>",
                    super::shown_credential(&t.access_key_id),
                    super::shown_credential(&t.secret_access_key),
                    t.region
                ),
            ),
        ],
        body: Some(serde_json::to_string_pretty(&body(t, ev)).expect("body serializes")),
    }]
}

struct Creds {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

/// Host header value: host plus a non-default port.
fn authority(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

fn signed(url: &str, body: &[u8], region: &str, creds: &Creds) -> Result<Request, String> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("endpoint {url:?}: {e}"))?;
    let mut headers = vec![
        ("host".to_string(), authority(&parsed)),
        ("content-type".to_string(), CONTENT_TYPE.to_string()),
        ("x-amz-target".to_string(), TARGET_HEADER.to_string()),
    ];
    let identity = aws_credential_types::Credentials::new(
        creds.access_key_id.clone(),
        creds.secret_access_key.clone(),
        creds.session_token.clone(),
        None,
        "keyhound",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("secretsmanager")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("SigV4 parameters: {e}"))?
        .into();
    let signable = SignableRequest::new(
        "POST",
        url,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body),
    )
    .map_err(|e| format!("SigV4: {e}"))?;
    let (instructions, _) = sign(signable, &params)
        .map_err(|e| format!("SigV4: {e}"))?
        .into_parts();
    for (name, value) in instructions.headers() {
        headers.push((name.to_string(), value.to_string()));
    }
    Ok(Request {
        method: reqwest::Method::POST,
        url: url.to_string(),
        headers,
        body: body.to_vec(),
    })
}

/// Throttling arrives as a 400 with an error type; it is transient.
fn throttled(r: &Response) -> bool {
    r.status == 400
        && r.json()
            .and_then(|j| j["__type"].as_str().map(str::to_string))
            .is_some_and(|t| t.contains("Throttling") || t.contains("TooManyRequests"))
}

pub fn execute(t: &AwsTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    let (ak, sk, token) = match (
        t.access_key_id.resolve(),
        t.secret_access_key.resolve(),
        t.session_token.as_ref().map(|c| c.resolve()).transpose(),
    ) {
        (Ok(ak), Ok(sk), Ok(token)) => (ak, sk, token),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return ActionResult::failed(e),
    };
    let creds = Creds {
        access_key_id: ak,
        secret_access_key: sk,
        session_token: token,
    };
    let client = match Client::new(cfg, None) {
        Ok(c) => c,
        Err(e) => return ActionResult::failed(e),
    };
    let url = endpoint(t);
    let region = t.region.clone();
    let body = serde_json::to_vec(&body(t, ev)).expect("body serializes");
    let mut build = || signed(&url, &body, &region, &creds);
    let d = client.send(&mut build, &throttled);
    let mut r = ActionResult::from_delivery(&d, ev, "x-amzn-requestid", "");
    if r.outcome == Outcome::Done {
        let version = d
            .response
            .as_ref()
            .and_then(|resp| resp.json())
            .and_then(|j| j["VersionId"].as_str().map(str::to_string))
            .unwrap_or_default();
        r.message = format!(
            "RotateSecret started for {} (version {version})",
            t.secret_id
        );
    }
    r
}
