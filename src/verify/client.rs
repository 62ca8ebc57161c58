//! One check over HTTP: build the request from a [`VerifySpec`], send it
//! within the safety limits, classify the answer. Never follows a redirect,
//! never retries, never sleeps: a rate-limited host is skipped for the rest
//! of the run instead of waited for, so a run cannot hang.

use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use reqwest::blocking::{Client, RequestBuilder};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, Url};

use super::{aws, BodyCheck, IdentitySpec, Verification, VerifySpec, PAIR, SECRET};
use crate::redact::Redactor;

/// Makes rustls' `ring` provider the process default, once, before any
/// HTTP client is built (reqwest is built without a provider of its own, to
/// keep aws-lc-sys out of the build). Idempotent; another default already
/// installed is kept.
pub fn install_tls_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Time and size limits of one check.
#[derive(Debug, Clone)]
pub struct Limits {
    /// TCP + TLS connection set-up.
    pub connect_timeout: Duration,
    /// The whole request, body included.
    pub request_timeout: Duration,
    /// Bytes of response body read (enough for every provider's answer).
    pub max_body: usize,
    /// How long a host that answered 429 without a usable `Retry-After`
    /// stays off-limits.
    pub default_retry_after: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(10),
            max_body: 64 << 10,
            default_retry_after: Duration::from_secs(60),
        }
    }
}

/// The result of one check: the status and, when live, who owns the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verification: Verification,
    pub identity: Option<String>,
}

impl Outcome {
    fn unknown(reason: impl Into<String>) -> Self {
        Outcome {
            verification: Verification::Unknown(reason.into()),
            identity: None,
        }
    }
}

/// Sends checks; shared by the worker threads of one run.
pub struct Checker {
    limits: Limits,
    endpoints: HashMap<String, Url>,
    /// For loopback endpoints (tests, local mirrors): no proxy.
    direct: OnceLock<Option<Client>>,
    /// For everything else: the environment's proxy settings apply.
    proxied: OnceLock<Option<Client>>,
    /// Origin → until when it must not be asked again (429, Retry-After).
    blocked: Mutex<HashMap<String, Instant>>,
}

impl Checker {
    pub fn new(limits: Limits, endpoints: HashMap<String, Url>) -> Self {
        Checker {
            limits,
            endpoints,
            direct: OnceLock::new(),
            proxied: OnceLock::new(),
            blocked: Mutex::new(HashMap::new()),
        }
    }

    /// Runs every check with at most `concurrency` in flight; the outcomes
    /// come back in the order of `jobs`.
    pub fn run_all(
        &self,
        jobs: &[(&VerifySpec, &str, Option<&str>)],
        concurrency: usize,
    ) -> Vec<Outcome> {
        let results: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let workers = concurrency.max(1).min(jobs.len());
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(spec, secret, pair)) = jobs.get(i) else {
                        break;
                    };
                    let outcome = self.check(spec, secret, pair);
                    *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
                });
            }
        });
        results
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(|e| e.into_inner())
                    .unwrap_or_else(|| Outcome::unknown("not checked (internal error)"))
            })
            .collect()
    }

    /// One check. Every failure is an `unknown` outcome with a reason that
    /// never contains the secret.
    pub fn check(&self, spec: &VerifySpec, secret: &str, pair: Option<&str>) -> Outcome {
        let url = match self.target_url(spec) {
            Ok(u) => u,
            Err(reason) => return Outcome::unknown(reason),
        };
        let loopback = is_loopback(&url);
        if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
            return Outcome::unknown("refused: plain http to a non-loopback host");
        }
        let origin = url.origin().ascii_serialization();
        if self.is_blocked(&origin) {
            return Outcome::unknown("rate limited");
        }
        let Some(client) = self.client(loopback) else {
            return Outcome::unknown("cannot start the HTTP client");
        };
        let request = match build_request(client, spec, &url, secret, pair) {
            Ok(r) => r,
            Err(reason) => return Outcome::unknown(reason),
        };
        let mut response = match request.send() {
            Ok(r) => r,
            Err(e) => return Outcome::unknown(network_reason(&e)),
        };
        let status = response.status().as_u16();
        let limited = rate_limit_signal(status, response.headers());
        if limited {
            let wait = retry_after(response.headers()).unwrap_or(self.limits.default_retry_after);
            self.block(origin, wait);
        }
        let mut body = Vec::new();
        if spec.request.method.eq_ignore_ascii_case("HEAD") {
            // No body to read.
        } else if let Err(e) = (&mut response)
            .take(self.limits.max_body as u64)
            .read_to_end(&mut body)
        {
            if !limited {
                return Outcome::unknown(
                    if e.kind() == std::io::ErrorKind::TimedOut
                        || e.to_string().contains("timed out")
                    {
                        "timeout"
                    } else {
                        "network: response interrupted"
                    },
                );
            }
        }
        scrubbed(classify(spec, status, limited, &body), secret, pair)
    }

    /// The rule's URL, or the endpoint override's scheme, host and path
    /// prefix followed by the rule URL's path and query.
    fn target_url(&self, spec: &VerifySpec) -> Result<Url, String> {
        let rule_url = Url::parse(&spec.request.url).map_err(|_| "bad request url".to_string())?;
        let Some(base) = spec.provider.as_ref().and_then(|p| self.endpoints.get(p)) else {
            return Ok(rule_url);
        };
        let mut u = base.clone();
        let path = format!("{}{}", base.path().trim_end_matches('/'), rule_url.path());
        u.set_path(&path);
        u.set_query(rule_url.query());
        Ok(u)
    }

    fn client(&self, loopback: bool) -> Option<&Client> {
        let cell = if loopback {
            &self.direct
        } else {
            &self.proxied
        };
        cell.get_or_init(|| {
            install_tls_provider();
            let mut b = Client::builder()
                .connect_timeout(self.limits.connect_timeout)
                .timeout(self.limits.request_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!(
                    "keyhound/",
                    env!("CARGO_PKG_VERSION"),
                    " (secret verification)"
                ));
            if loopback {
                b = b.no_proxy();
            }
            b.build().ok()
        })
        .as_ref()
    }

    fn is_blocked(&self, origin: &str) -> bool {
        let map = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        map.get(origin).is_some_and(|until| Instant::now() < *until)
    }

    fn block(&self, origin: String, wait: Duration) {
        let until = Instant::now() + wait;
        let mut map = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        let e = map.entry(origin).or_insert(until);
        if *e < until {
            *e = until;
        }
    }
}

/// Plain http is only ever sent to a loopback IP literal (one rule for
/// every sender: src/endpoint.rs).
pub use crate::endpoint::is_loopback;

/// `{secret}` and `{pair}` substituted in one pass (a secret that happens to
/// contain `{pair}` is not expanded again).
fn fill(template: &str, secret: &str, pair: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len() + secret.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix(SECRET) {
            out.push_str(secret);
            rest = after;
        } else if let Some(after) = tail.strip_prefix(PAIR) {
            out.push_str(pair.unwrap_or(""));
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn build_request(
    client: &Client,
    spec: &VerifySpec,
    url: &Url,
    secret: &str,
    pair: Option<&str>,
) -> Result<RequestBuilder, String> {
    let r = &spec.request;
    let method = Method::from_bytes(r.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| "bad request method".to_string())?;
    let mut headers = HeaderMap::new();
    for (name, template) in &r.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("bad header name {name:?}"))?;
        let mut value = HeaderValue::from_str(&fill(template, secret, pair)).map_err(|_| {
            "the secret cannot be sent in a header (invalid characters)".to_string()
        })?;
        value.set_sensitive(template.contains(SECRET) || template.contains(PAIR));
        headers.insert(name, value);
    }
    let body: Vec<u8> = if !r.form.is_empty() {
        if !headers.contains_key(CONTENT_TYPE) {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8"),
            );
        }
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                r.form
                    .iter()
                    .map(|(k, v)| (k.as_str(), fill(v, secret, pair))),
            )
            .finish()
            .into_bytes()
    } else {
        r.body
            .as_deref()
            .map(|b| fill(b, secret, pair).into_bytes())
            .unwrap_or_default()
    };
    if let Some(sig) = &r.aws_sigv4 {
        let signing_headers: Vec<(String, String)> = headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let added = aws::sign(&aws::SignInput {
            method: method.as_str(),
            url: url.as_str(),
            headers: &signing_headers,
            body: &body,
            access_key_id: &fill(&sig.access_key_id, secret, pair),
            secret_access_key: &fill(&sig.secret_access_key, secret, pair),
            region: &sig.region,
            service: &sig.service,
            time: SystemTime::now(),
        })?;
        for (k, v) in added {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| "cannot sign the request".to_string())?;
            let mut value =
                HeaderValue::from_str(&v).map_err(|_| "cannot sign the request".to_string())?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
    }
    let mut req = client.request(method, url.clone()).headers(headers);
    if let Some(b) = &r.basic {
        req = req.basic_auth(
            fill(&b.username, secret, pair),
            Some(fill(&b.password, secret, pair)),
        );
    }
    if !body.is_empty() {
        req = req.body(body);
    }
    Ok(req)
}

/// 429, any error status with `Retry-After`, or GitHub's 403 with
/// `x-ratelimit-remaining: 0`.
fn rate_limit_signal(status: u16, headers: &HeaderMap) -> bool {
    if status == 429 {
        return true;
    }
    if status >= 400 && headers.contains_key(RETRY_AFTER) {
        return true;
    }
    status == 403
        && headers
            .get("x-ratelimit-remaining")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0")
}

/// `Retry-After: <seconds>` (an HTTP date falls back to the default).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let secs: u64 = v.parse().ok()?;
    Some(Duration::from_secs(secs.min(24 * 3600)))
}

/// Why a request failed, from the error's kind (never its text, which
/// names the URL).
fn network_reason(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return if e.is_connect() {
            "connect timeout"
        } else {
            "timeout"
        }
        .into();
    }
    if e.is_redirect() {
        return "redirect not followed".into();
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return "network: connection refused".into()
                }
                std::io::ErrorKind::TimedOut => return "timeout".into(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                    return "network: connection reset".into()
                }
                _ => {}
            }
        }
        source = s.source();
    }
    if e.is_connect() {
        "network: cannot connect".into()
    } else {
        "network error".into()
    }
}

/// The outcome with the secret (and its partner) removed from the identity
/// and the reason in every form a provider may echo it (plain, base64,
/// hex, percent-encoded), both capped: an answer is repeated in reports,
/// on stderr and in the rotation audit log.
fn scrubbed(outcome: Outcome, secret: &str, pair: Option<&str>) -> Outcome {
    let r = Redactor::new(std::iter::once(secret).chain(pair));
    let verification = match outcome.verification {
        Verification::Unknown(reason) => Verification::Unknown(r.scrub_answer(&reason)),
        other => other,
    };
    Outcome {
        verification,
        identity: outcome
            .identity
            .map(|id| r.scrub_answer(&id))
            .filter(|id| !id.is_empty()),
    }
}

/// Decides the outcome from the status code and body.
pub(crate) fn classify(spec: &VerifySpec, status: u16, rate_limited: bool, body: &[u8]) -> Outcome {
    if rate_limited {
        return Outcome::unknown("rate limited");
    }
    if (300..400).contains(&status) {
        return Outcome::unknown(format!("redirect not followed (HTTP {status})"));
    }
    if status >= 500 {
        return Outcome::unknown(format!("server error (HTTP {status})"));
    }
    let listed = spec.live.contains(&status) || spec.dead.contains(&status);
    let checks: Vec<&BodyCheck> = spec
        .check
        .iter()
        .filter(|c| {
            if c.status.is_empty() {
                listed
            } else {
                c.status.contains(&status)
            }
        })
        .collect();
    let mut json: Option<serde_json::Value> = None;
    let verification = if checks.is_empty() {
        if spec.live.contains(&status) {
            Verification::Live
        } else if spec.dead.contains(&status) {
            Verification::Dead
        } else {
            return Outcome::unknown(format!("unexpected status (HTTP {status})"));
        }
    } else {
        let Ok(doc) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Outcome::unknown("malformed response body");
        };
        let decided = checks.iter().find_map(|c| {
            let values = pointer_values(&doc, &c.json);
            if values.iter().any(|v| c.live.contains(v)) {
                Some(Verification::Live)
            } else if values.iter().any(|v| c.dead.contains(v)) {
                Some(Verification::Dead)
            } else {
                None
            }
        });
        json = Some(doc);
        match decided {
            Some(v) => v,
            None => return Outcome::unknown(format!("unexpected response body (HTTP {status})")),
        }
    };
    let identity = match (&verification, &spec.identity) {
        (Verification::Live, Some(id)) => extract_identity(id, body, json.as_ref()),
        _ => None,
    };
    Outcome {
        verification,
        identity,
    }
}

fn extract_identity(
    id: &IdentitySpec,
    body: &[u8],
    json: Option<&serde_json::Value>,
) -> Option<String> {
    let raw = if let Some(pointer) = &id.json {
        let parsed;
        let doc = match json {
            Some(d) => d,
            None => {
                parsed = serde_json::from_slice::<serde_json::Value>(body).ok()?;
                &parsed
            }
        };
        match pointer_values(doc, pointer).into_iter().next()? {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => return None,
            other => other.to_string(),
        }
    } else {
        let tag = id.xml.as_deref()?;
        let text = String::from_utf8_lossy(body);
        let open = format!("<{tag}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{tag}>"))? + start;
        text[start..end].trim().to_string()
    };
    // Not cut here: a cut could split an echoed secret so that the
    // scrubber no longer recognises it. `scrubbed` scrubs, then caps.
    let clean: String = raw.chars().filter(|c| !c.is_control()).collect();
    (!clean.is_empty()).then_some(clean)
}

/// JSON pointer lookup where a `*` segment fans out over arrays and objects.
pub(crate) fn pointer_values<'a>(
    doc: &'a serde_json::Value,
    pointer: &str,
) -> Vec<&'a serde_json::Value> {
    let mut current = vec![doc];
    for raw in pointer.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        let mut next = Vec::new();
        for v in current {
            match v {
                serde_json::Value::Array(a) if token == "*" => next.extend(a.iter()),
                serde_json::Value::Object(o) if token == "*" => next.extend(o.values()),
                serde_json::Value::Object(o) => next.extend(o.get(&token)),
                serde_json::Value::Array(a) => {
                    next.extend(token.parse::<usize>().ok().and_then(|i| a.get(i)))
                }
                _ => {}
            }
        }
        current = next;
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slack() -> VerifySpec {
        toml::from_str(
            r#"
provider = "slack"
request = { method = "POST", url = "https://slack.com/api/auth.test", headers = { Authorization = "Bearer {secret}" } }
live = [200]
identity = { json = "/user" }
[[check]]
status = [200]
json = "/ok"
live = [true]
[[check]]
status = [200]
json = "/error"
dead = ["invalid_auth", "token_revoked"]
"#,
        )
        .unwrap()
    }

    #[test]
    fn limits_are_three_and_ten_seconds() {
        let l = Limits::default();
        assert_eq!(l.connect_timeout, Duration::from_secs(3));
        assert_eq!(l.request_timeout, Duration::from_secs(10));
    }

    #[test]
    fn fill_substitutes_once() {
        assert_eq!(
            fill("Bearer {secret}", "s3cr{pair}t", Some("P")),
            "Bearer s3cr{pair}t"
        );
        assert_eq!(fill("{secret}:{pair}", "a", Some("b")), "a:b");
        assert_eq!(fill("{\"k\": \"{secret}\"}", "a", None), "{\"k\": \"a\"}");
    }

    #[test]
    fn body_checks_decide_slack() {
        let s = slack();
        let live = classify(&s, 200, false, br#"{"ok":true,"user":"grace"}"#);
        assert_eq!(live.verification, Verification::Live);
        assert_eq!(live.identity.as_deref(), Some("grace"));
        let dead = classify(&s, 200, false, br#"{"ok":false,"error":"invalid_auth"}"#);
        assert_eq!(dead.verification, Verification::Dead);
        let odd = classify(&s, 200, false, br#"{"ok":false,"error":"fatal_error"}"#);
        assert!(
            matches!(odd.verification, Verification::Unknown(r) if r.contains("unexpected response body"))
        );
        let html = classify(&s, 200, false, b"<html>");
        assert_eq!(
            html.verification,
            Verification::Unknown("malformed response body".into())
        );
    }

    #[test]
    fn status_classes() {
        let s = slack();
        assert_eq!(
            classify(&s, 503, false, b"").verification,
            Verification::Unknown("server error (HTTP 503)".into())
        );
        assert_eq!(
            classify(&s, 429, true, b"").verification,
            Verification::Unknown("rate limited".into())
        );
        assert_eq!(
            classify(&s, 302, false, b"").verification,
            Verification::Unknown("redirect not followed (HTTP 302)".into())
        );
        assert_eq!(
            classify(&s, 418, false, b"").verification,
            Verification::Unknown("unexpected status (HTTP 418)".into())
        );
    }

    #[test]
    fn wildcard_pointer() {
        let doc: serde_json::Value = serde_json::from_str(
            r#"{"error":{"details":[{"@type":"x"},{"reason":"API_KEY_INVALID"}]}}"#,
        )
        .unwrap();
        let v = pointer_values(&doc, "/error/details/*/reason");
        assert_eq!(
            v,
            vec![&serde_json::Value::String("API_KEY_INVALID".into())]
        );
        assert!(pointer_values(&doc, "/error/details/1/reason").len() == 1);
        assert!(pointer_values(&doc, "/nope").is_empty());
    }

    #[test]
    fn xml_identity() {
        let id = IdentitySpec {
            json: None,
            xml: Some("Arn".into()),
        };
        let body = b"<R><Result><Arn>arn:aws:iam::123456789012:user/leaky</Arn></Result></R>";
        assert_eq!(
            extract_identity(&id, body, None).as_deref(),
            Some("arn:aws:iam::123456789012:user/leaky")
        );
    }

    #[test]
    fn an_echoed_secret_never_reaches_the_identity_or_reason() {
        use base64::Engine as _;
        let s = slack();
        let secret = "xoxb-echoed-0123456789";
        let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
        let hexed = hex::encode(secret);
        let body = format!(
            r#"{{"ok":true,"user":"grace {secret} {b64} {hexed} {}"}}"#,
            "x".repeat(300)
        );
        let o = scrubbed(classify(&s, 200, false, body.as_bytes()), secret, None);
        let id = o.identity.unwrap();
        assert!(!id.contains(secret) && !id.contains(&b64[..16]) && !id.contains(&hexed[..16]));
        assert!(id.starts_with("grace "), "{id}");
        assert!(id.chars().count() <= crate::redact::ANSWER_CAP);
        let o = scrubbed(
            Outcome::unknown(format!("provider said {secret}")),
            secret,
            None,
        );
        assert!(!o.verification.reason().unwrap().contains(secret));
    }

    #[test]
    fn rate_limit_signals() {
        let mut h = HeaderMap::new();
        assert!(rate_limit_signal(429, &h));
        assert!(!rate_limit_signal(403, &h));
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        assert!(rate_limit_signal(403, &h));
        h.insert(RETRY_AFTER, HeaderValue::from_static("30"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(30)));
        assert!(rate_limit_signal(503, &h));
        assert!(!rate_limit_signal(200, &h));
    }
}
