//! HTTP delivery for every rotation target: 3 s connect and 10 s request
//! timeouts (configurable), no redirects, and bounded retries with
//! equal-jitter exponential backoff (half the step fixed, half random) on
//! timeouts, connection errors, 429 and 5xx — honouring `Retry-After`.
//! Other 4xx are final: retrying a request the provider rejected only
//! repeats the rejection. The defaults ride out a provider blip of ~20 s
//! for certain ([`guaranteed_wait`]); rotation never runs in a pre-commit
//! hook by default, so nobody waits on that at the keyboard.
//!
//! A request that is not idempotent (Vault's `rotate-role`) goes through
//! [`Client::send_checked`]: before it is sent again after an answer that
//! may have been lost, the provider's state is read, and a change there
//! counts as success — so a dropped response never rotates twice.
//!
//! The request is rebuilt for every attempt (signatures carry a timestamp),
//! but its body must not change: targets build the body once.

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;

use super::config::DeliveryConfig;

/// One HTTP request, as a target builds it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: reqwest::Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A response (body cut at 64 KiB).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The start of the body on one line, for error messages (the caller
    /// scrubs the secret out).
    pub fn snippet(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut s: String = one.chars().take(200).collect();
        if one.chars().count() > 200 {
            s.push('…');
        }
        s
    }
}

/// What happened to a request after all attempts.
#[derive(Debug)]
pub struct Delivered {
    /// The last response, if any arrived.
    pub response: Option<Response>,
    /// `None` when the last response was 2xx; else why it failed.
    pub error: Option<String>,
    pub attempts: u32,
    pub duration: Duration,
    /// The answer was lost but a read of the provider's state showed the
    /// request took effect (what it showed).
    pub settled: Option<String>,
}

impl Delivered {
    pub fn ok(&self) -> bool {
        self.error.is_none()
    }

    pub fn status(&self) -> Option<u16> {
        self.response.as_ref().map(|r| r.status)
    }
}

/// A configured HTTP client plus the retry policy.
pub struct Client {
    http: reqwest::blocking::Client,
    cfg: DeliveryConfig,
}

impl Client {
    /// A client with the configured timeouts; `ca_pem` adds a trusted root.
    pub fn new(cfg: &DeliveryConfig, ca_pem: Option<&[u8]>) -> Result<Client, String> {
        crate::verify::install_tls_provider();
        let mut b = reqwest::blocking::Client::builder()
            .connect_timeout(Duration::from_millis(cfg.connect_timeout_ms))
            .timeout(Duration::from_millis(cfg.request_timeout_ms))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("keyhound/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = ca_pem {
            let cert =
                reqwest::Certificate::from_pem(pem).map_err(|e| format!("CA certificate: {e}"))?;
            b = b.add_root_certificate(cert);
        }
        let http = b
            .build()
            .map_err(|e| format!("cannot build HTTP client: {e}"))?;
        Ok(Client {
            http,
            cfg: cfg.clone(),
        })
    }

    /// Sends the request `build` makes, retrying as the policy allows.
    /// `retryable` may mark further responses as transient (AWS throttling
    /// comes as a 400).
    pub fn send(
        &self,
        build: &mut dyn FnMut() -> Result<Request, String>,
        retryable: &dyn Fn(&Response) -> bool,
    ) -> Delivered {
        self.send_checked(build, retryable, &mut || None)
    }

    /// [`send`](Self::send) for a request that must not take effect twice:
    /// before every retry, `settled` reads the provider's state and says
    /// (`Some(what it saw)`) whether the earlier attempt took effect after
    /// all; then nothing is sent again and the delivery counts as done.
    pub fn send_checked(
        &self,
        build: &mut dyn FnMut() -> Result<Request, String>,
        retryable: &dyn Fn(&Response) -> bool,
        settled: &mut dyn FnMut() -> Option<String>,
    ) -> Delivered {
        let started = Instant::now();
        let budget = Duration::from_millis(self.cfg.max_elapsed_ms);
        let mut attempts = 0;
        let mut last: Option<Response>;
        loop {
            attempts += 1;
            let req = match build() {
                Ok(r) => r,
                Err(e) => {
                    return Delivered {
                        response: None,
                        error: Some(e),
                        attempts: attempts - 1,
                        duration: started.elapsed(),
                        settled: None,
                    }
                }
            };
            let (error, retry_after, transient) = match self.once(req) {
                Ok(resp) => {
                    let status = resp.status;
                    let retry_after = parse_retry_after(&resp);
                    let outcome = if (200..300).contains(&status) {
                        None
                    } else if (300..400).contains(&status) {
                        Some((format!("HTTP {status}: redirects are not followed"), false))
                    } else if status == 429 || status >= 500 || retryable(&resp) {
                        Some((format!("HTTP {status}"), true))
                    } else {
                        Some((format!("HTTP {status}"), false))
                    };
                    last = Some(resp);
                    match outcome {
                        None => {
                            return Delivered {
                                response: last,
                                error: None,
                                attempts,
                                duration: started.elapsed(),
                                settled: None,
                            }
                        }
                        Some((e, t)) => (e, retry_after, t),
                    }
                }
                Err((e, t)) => {
                    last = None;
                    (e, None, t)
                }
            };
            let fail = |error: String, last: Option<Response>| Delivered {
                response: last,
                error: Some(error),
                attempts,
                duration: started.elapsed(),
                settled: None,
            };
            if !transient {
                return fail(error, last);
            }
            if attempts >= self.cfg.max_attempts {
                return fail(format!("{error}; gave up after {attempts} attempts"), last);
            }
            let ceiling = step(&self.cfg, attempts);
            let jitter =
                Duration::from_millis(ceiling / 2 + fastrand::u64(0..=ceiling - ceiling / 2));
            let wait = retry_after.map_or(jitter, |ra| ra.max(jitter));
            if started.elapsed() + wait > budget {
                return fail(
                    format!(
                        "{error}; gave up after {attempts} attempts (next try in {} ms would pass the {} ms retry budget)",
                        wait.as_millis(),
                        budget.as_millis()
                    ),
                    last,
                );
            }
            std::thread::sleep(wait);
            if let Some(seen) = settled() {
                return Delivered {
                    response: last,
                    error: None,
                    attempts,
                    duration: started.elapsed(),
                    settled: Some(seen),
                };
            }
        }
    }

    /// One attempt; an error says whether it is worth retrying.
    fn once(&self, req: Request) -> Result<Response, (String, bool)> {
        let mut rb = self.http.request(req.method, &req.url);
        for (k, v) in &req.headers {
            rb = rb.header(k, v);
        }
        let resp = rb.body(req.body).send().map_err(classify)?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let mut body = Vec::new();
        use std::io::Read;
        resp.take(64 * 1024)
            .read_to_end(&mut body)
            .map_err(|e| (format!("reading the response: {e}"), true))?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// The backoff step after attempt `n` (1-based): base · 2^(n-1), capped.
fn step(cfg: &DeliveryConfig, n: u32) -> u64 {
    cfg.backoff_base_ms
        .saturating_mul(1u64 << (n - 1).min(20))
        .min(cfg.backoff_cap_ms)
}

/// How long the retries of `cfg` keep trying at the least (every jitter
/// at its minimum, within the retry budget): a provider outage shorter
/// than this is always ridden out.
pub fn guaranteed_wait(cfg: &DeliveryConfig) -> Duration {
    let mut total = 0u64;
    for n in 1..cfg.max_attempts {
        let min = step(cfg, n) / 2;
        if total + min > cfg.max_elapsed_ms {
            break;
        }
        total += min;
    }
    Duration::from_millis(total)
}

fn classify(e: reqwest::Error) -> (String, bool) {
    if e.is_timeout() {
        ("timed out".to_string(), true)
    } else if e.is_connect() {
        (format!("cannot connect: {}", root_cause(&e)), true)
    } else if e.is_builder() {
        (format!("bad request: {}", root_cause(&e)), false)
    } else {
        (format!("request failed: {}", root_cause(&e)), true)
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// `Retry-After` as seconds or an HTTP date, capped at 5 minutes.
fn parse_retry_after(resp: &Response) -> Option<Duration> {
    let v = resp.header("retry-after")?;
    let v = v.trim();
    let d = if let Ok(secs) = v.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
        let now = jiff::Timestamp::now();
        let ms = (when.as_millisecond() - now.as_millisecond()).max(0) as u64;
        Duration::from_millis(ms)
    };
    Some(d.min(Duration::from_secs(300)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp_with(h: &str) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", h.parse().unwrap());
        Response {
            status: 429,
            headers,
            body: Vec::new(),
        }
    }

    #[test]
    fn the_default_retries_ride_out_a_twenty_second_blip_within_a_minute() {
        let d = DeliveryConfig::default();
        assert!(
            guaranteed_wait(&d) >= Duration::from_secs(20),
            "{:?}",
            guaranteed_wait(&d)
        );
        assert!(d.max_elapsed_ms <= 60_000);
        // The old defaults (4 attempts, 500 ms base, full jitter) promised
        // nothing; with equal jitter they would promise under 2 s.
        let old = DeliveryConfig {
            max_attempts: 4,
            backoff_base_ms: 500,
            ..d
        };
        assert!(guaranteed_wait(&old) < Duration::from_secs(2));
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(
            parse_retry_after(&resp_with("2")),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse_retry_after(&resp_with("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after(&resp_with("99999")),
            Some(Duration::from_secs(300))
        );
        assert_eq!(parse_retry_after(&resp_with("soon")), None);
    }
}
