//! `aws-secrets-manager`: `RotateSecret` over the AWS JSON 1.1 protocol
//! (`POST /`, `X-Amz-Target: secretsmanager.RotateSecret`), signed with
//! SigV4 afresh for every attempt. `ClientRequestToken` is derived from the
//! event id, so a retry — or a later run resolving a crash — is the same
//! request to Secrets Manager and never rotates twice.
//!
//! `RotateSecret` is asynchronous (the rotation Lambda runs later): after
//! it is accepted, `DescribeSecret` is polled (within
//! `[rotation.delivery] settle_ms`) until the new version is `AWSCURRENT`;
//! until then the rotation is `pending`, not `done`. The proof is a fresh
//! `GetSecretValue`: a current value other than the leaked one (compared
//! here, by sha256 or containment) means the leak is dead.

use std::time::SystemTime;

use serde_json::json;

use super::{ActionResult, Outcome, Preview, Proof};
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

pub(super) struct Creds {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl Creds {
    /// Reads the three credential references now.
    pub fn resolve(
        id: &crate::rotate::config::CredentialRef,
        secret: &crate::rotate::config::CredentialRef,
        token: Option<&crate::rotate::config::CredentialRef>,
    ) -> Result<Creds, String> {
        Ok(Creds {
            access_key_id: id.resolve()?,
            secret_access_key: secret.resolve()?,
            session_token: token.map(|c| c.resolve()).transpose()?,
        })
    }
}

/// Host header value: host plus a non-default port.
fn authority(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

fn signed(
    url: &str,
    body: &[u8],
    region: &str,
    creds: &Creds,
    target: &str,
) -> Result<Request, String> {
    signed_post(
        url,
        body,
        (region, "secretsmanager"),
        creds,
        vec![
            ("content-type".to_string(), CONTENT_TYPE.to_string()),
            ("x-amz-target".to_string(), target.to_string()),
        ],
    )
}

/// A `POST` of `body` with `headers`, signed with SigV4 for `(region,
/// service)` now (a retry signs afresh: the signature carries the time).
pub(super) fn signed_post(
    url: &str,
    body: &[u8],
    (region, service): (&str, &str),
    creds: &Creds,
    mut headers: Vec<(String, String)>,
) -> Result<Request, String> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("endpoint {url:?}: {e}"))?;
    headers.insert(0, ("host".to_string(), authority(&parsed)));
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
        .name(service)
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

fn creds(t: &AwsTarget) -> Result<Creds, String> {
    Creds::resolve(
        &t.access_key_id,
        &t.secret_access_key,
        t.session_token.as_ref(),
    )
}

/// One Secrets Manager call (`op` is the `X-Amz-Target` suffix).
fn call(
    t: &AwsTarget,
    client: &Client,
    creds: &Creds,
    op: &str,
    body: &serde_json::Value,
) -> crate::rotate::delivery::Delivered {
    let url = endpoint(t);
    let target = format!("secretsmanager.{op}");
    let body = serde_json::to_vec(body).expect("body serializes");
    let mut build = || signed(&url, &body, &t.region, creds, &target);
    client.send(&mut build, &throttled)
}

pub fn execute(t: &AwsTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> ActionResult {
    let creds = match creds(t) {
        Ok(c) => c,
        Err(e) => return ActionResult::failed(e),
    };
    let client = match Client::new(cfg, None) {
        Ok(c) => c,
        Err(e) => return ActionResult::failed(e),
    };
    let d = call(t, &client, &creds, "RotateSecret", &body(t, ev));
    let mut r = ActionResult::from_delivery(&d, ev, "x-amzn-requestid", "");
    if r.outcome == Outcome::Done {
        let version = d
            .response
            .as_ref()
            .and_then(|resp| resp.json())
            .and_then(|j| j["VersionId"].as_str().map(str::to_string))
            .unwrap_or_else(|| request_token(&ev.id));
        match settle(t, cfg, &client, &creds, &version) {
            Ok(()) => {
                r.message = format!(
                    "RotateSecret done for {} (version {version} is AWSCURRENT)",
                    t.secret_id
                )
            }
            Err(why) => {
                r.outcome = Outcome::Pending;
                r.message = format!(
                    "RotateSecret accepted for {} (version {version}), not finished: {why}",
                    t.secret_id
                );
            }
        }
    }
    r
}

/// Polls `DescribeSecret` until `version` is `AWSCURRENT`, within
/// `settle_ms`; the error says what it last saw.
fn settle(
    t: &AwsTarget,
    cfg: &DeliveryConfig,
    client: &Client,
    creds: &Creds,
    version: &str,
) -> Result<(), String> {
    let started = std::time::Instant::now();
    let bound = std::time::Duration::from_millis(cfg.settle_ms);
    loop {
        let d = call(
            t,
            client,
            creds,
            "DescribeSecret",
            &json!({"SecretId": t.secret_id}),
        );
        let seen = match (&d.error, d.response.as_ref().and_then(|r| r.json())) {
            (None, Some(j)) => {
                let stages = &j["VersionIdsToStages"][version];
                if stages
                    .as_array()
                    .is_some_and(|a| a.iter().any(|s| s == "AWSCURRENT"))
                {
                    return Ok(());
                }
                format!("version stages {stages}")
            }
            (Some(e), _) => format!("DescribeSecret: {e}"),
            (None, None) => "DescribeSecret answered no JSON".to_string(),
        };
        if started.elapsed() >= bound {
            return Err(format!("{seen} after {} ms", bound.as_millis()));
        }
        std::thread::sleep(std::time::Duration::from_millis(500).min(bound));
    }
}

/// A `pending` rotation of an earlier run: is its version (the request
/// token) `AWSCURRENT` now?
pub fn settle_pending(
    t: &AwsTarget,
    cfg: &DeliveryConfig,
    ev: &Event<'_>,
) -> Result<String, String> {
    let creds = creds(t)?;
    let client = Client::new(cfg, None)?;
    let version = request_token(&ev.id);
    settle(t, cfg, &client, &creds, &version)?;
    Ok(format!(
        "version {version} of {} is AWSCURRENT",
        t.secret_id
    ))
}

/// After a rotation: is the secret's current value another than the leak?
pub fn prove(t: &AwsTarget, cfg: &DeliveryConfig, ev: &Event<'_>) -> Proof {
    let (creds, client) = match (creds(t), Client::new(cfg, None)) {
        (Ok(c), Ok(cl)) => (c, cl),
        (Err(e), _) | (_, Err(e)) => return Proof::Unverifiable(e),
    };
    let Some(leaked) = ev.leak.sha256.as_deref() else {
        return Proof::Unverifiable("the leak's value is unknown (a redacted report)".into());
    };
    let d = call(
        t,
        &client,
        &creds,
        "GetSecretValue",
        &json!({"SecretId": t.secret_id}),
    );
    if let Some(e) = &d.error {
        let body = d
            .response
            .as_ref()
            .and_then(|r| r.json())
            .unwrap_or_default();
        let kind = body["__type"].as_str().unwrap_or_default();
        let msg = body["message"].as_str().unwrap_or_default();
        // No value under AWSCURRENT: whatever was leaked is not current.
        if kind.contains("ResourceNotFound") && msg.contains("AWSCURRENT") {
            return Proof::Dead(format!(
                "{}'s current version holds no value: the leaked one is not current (fresh GetSecretValue)",
                t.secret_id
            ));
        }
        return Proof::Unverifiable(ev.leak.scrub(&format!("GetSecretValue: {e} {kind}")));
    }
    let Some(current) = d
        .response
        .as_ref()
        .and_then(|r| r.json())
        .and_then(|j| j["SecretString"].as_str().map(str::to_string))
    else {
        return Proof::Unverifiable("GetSecretValue answered without SecretString".into());
    };
    let same = crate::finding::secret_sha256(current.as_bytes()) == leaked
        || ev
            .leak
            .secret
            .as_ref()
            .is_some_and(|s| current.contains(s.expose()));
    if same {
        Proof::Live(format!(
            "{}'s current value still holds the leaked one (fresh GetSecretValue)",
            t.secret_id
        ))
    } else {
        Proof::Dead(format!(
            "{}'s current value is no longer the leaked one (fresh GetSecretValue)",
            t.secret_id
        ))
    }
}

/// A Secrets Manager client for `rotation sync`: signed calls with the
/// target's credentials and endpoint.
pub struct Api {
    target: AwsTarget,
    client: Client,
    creds: Creds,
}

/// A failed call: the error `__type` (`AccessDeniedException`, …) and a
/// message that never holds the answer's body.
#[derive(Debug)]
pub struct ApiError {
    pub kind: String,
    pub message: String,
}

impl Api {
    pub fn open(target: AwsTarget, cfg: &DeliveryConfig) -> Result<Api, String> {
        Ok(Api {
            creds: creds(&target)?,
            client: Client::new(cfg, None)?,
            target,
        })
    }

    /// One call (`op` is the `X-Amz-Target` suffix), its JSON answer.
    pub fn call(&self, op: &str, body: &serde_json::Value) -> Result<serde_json::Value, ApiError> {
        let d = call(&self.target, &self.client, &self.creds, op, body);
        let json = d.response.as_ref().and_then(|r| r.json());
        match &d.error {
            None => json.ok_or_else(|| ApiError {
                kind: String::new(),
                message: format!("{op}: the answer is not JSON"),
            }),
            Some(e) => {
                let kind = json
                    .as_ref()
                    .and_then(|j| j["__type"].as_str())
                    .unwrap_or_default()
                    .rsplit('#')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                Err(ApiError {
                    message: format!("{op}: {e} {kind}").trim().to_string(),
                    kind,
                })
            }
        }
    }
}
