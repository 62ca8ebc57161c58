//! The `[rule.verify]` schema: how a rule's secret is checked live at its
//! provider. Part of the rule schema (a rule file carries it); the checks
//! themselves run in `verify/`, which reads these types.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A rule's `[rule.verify]` block.
///
/// ```toml
/// [rule.verify]
/// provider = "slack"                      # name for --endpoint slack=URL
/// request = { method = "POST", url = "https://slack.com/api/auth.test", headers = { Authorization = "Bearer {secret}" } }
/// live = [200]
/// dead = [401]
/// identity = { json = "/user" }           # who the key belongs to (shown by `keyhound verify`)
/// [[rule.verify.check]]                   # a 200 is only live if the body says so
/// status = [200]
/// json = "/ok"
/// live = [true]
/// dead = [false]
/// ```
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VerifySpec {
    /// Name used by `--endpoint PROVIDER=URL` to point at another host
    /// (GitHub Enterprise, GitLab self-managed, a test server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    pub request: RequestSpec,
    /// Status codes meaning "the key works".
    #[serde(default)]
    pub live: Vec<u16>,
    /// Status codes meaning "the key is revoked or wrong".
    #[serde(default)]
    pub dead: Vec<u16>,
    /// Body conditions, tried in order, for providers whose status code
    /// alone does not tell (Slack answers 200 with `{"ok": false}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<BodyCheck>,
    /// Where a live answer names the key's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentitySpec>,
    /// Multi-part credentials: which other finding supplies `{pair}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairSpec>,
    /// Only secrets matching this regex are checked (AWS: `^AKIA`, since
    /// temporary `ASIA` keys need their session token); others are
    /// reported `unknown` without a request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_regex: Option<String>,
}

/// The HTTP request that checks a secret. `{secret}` (and `{pair}` for
/// multi-part credentials) are substituted in headers, body, form values,
/// basic auth and AWS signing keys only — never in the URL, which ends up in
/// logs and proxies.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// GET, HEAD or POST: a check must not change anything.
    #[serde(default = "default_method")]
    pub method: String,
    /// Fixed https URL; an endpoint override replaces its scheme and host
    /// (and prefixes its path).
    pub url: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Raw body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `application/x-www-form-urlencoded` body (instead of `body`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub form: BTreeMap<String, String>,
    /// HTTP basic authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<BasicAuth>,
    /// Sign the request with AWS Signature Version 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_sigv4: Option<AwsSigV4Spec>,
}

/// `basic = { username = "api", password = "{secret}" }`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BasicAuth {
    pub username: String,
    #[serde(default)]
    pub password: String,
}

/// `aws_sigv4 = { access_key_id = "{secret}", secret_access_key = "{pair}", region = "us-east-1", service = "sts" }`
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AwsSigV4Spec {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub region: String,
    pub service: String,
}

/// One `[[rule.verify.check]]`: for a response whose status is in `status`
/// (default: any status listed in `live` or `dead`), the JSON body decides.
/// Checks are tried in order; the first whose value at `json` is listed in
/// its `live` or `dead` wins. When checks apply but none decides, the
/// outcome is `unknown (unexpected response body)`; a body that is not JSON
/// is `unknown (malformed response body)`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BodyCheck {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<u16>,
    /// A JSON pointer (RFC 6901); a `*` segment matches every array
    /// element or object member.
    pub json: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dead: Vec<serde_json::Value>,
}

/// `identity = { json = "/login" }` or `identity = { xml = "Arn" }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IdentitySpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
    /// The text of the first element with this name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml: Option<String>,
}

/// How the parts of a multi-part credential are paired: a reported finding
/// of one of `rules`, in the same blob (same path, same commit) and at most
/// `within_lines` lines away, supplies `{pair}`. The nearest candidates are
/// tried first (at most three); the outcome is given to the partner
/// findings too.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PairSpec {
    pub rules: Vec<String>,
    #[serde(default = "default_within_lines")]
    pub within_lines: usize,
}

fn default_method() -> String {
    "GET".to_string()
}

fn default_within_lines() -> usize {
    5
}

pub const SECRET: &str = "{secret}";
pub const PAIR: &str = "{pair}";

impl RequestSpec {
    /// Every template a secret may be substituted into.
    fn templates(&self) -> Vec<&str> {
        let mut t: Vec<&str> = self.headers.values().map(String::as_str).collect();
        t.extend(self.body.as_deref());
        t.extend(self.form.values().map(String::as_str));
        if let Some(b) = &self.basic {
            t.push(&b.username);
            t.push(&b.password);
        }
        if let Some(a) = &self.aws_sigv4 {
            t.push(&a.access_key_id);
            t.push(&a.secret_access_key);
        }
        t
    }
}

impl VerifySpec {
    /// Checks the block is safe to use: https, fixed host, secret not in the
    /// URL, a non-mutating method, and a schema that can decide an outcome.
    pub fn validate(&self) -> Result<(), String> {
        let url = &self.request.url;
        if !url.starts_with("https://") {
            return Err(format!("request url {url:?} must be https"));
        }
        if url.contains('{') || url.contains('}') {
            return Err(
                "the secret may not be placed in the URL (use a header or the body); the URL takes no placeholders"
                    .into(),
            );
        }
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("request url {url:?}: {e}"))?;
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(format!("request url {url:?} must have a fixed host"));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(format!("request url {url:?} may not carry credentials"));
        }
        if parsed.fragment().is_some() {
            return Err(format!("request url {url:?} may not have a fragment"));
        }
        let method = self.request.method.to_ascii_uppercase();
        if !matches!(method.as_str(), "GET" | "HEAD" | "POST") {
            return Err(format!(
                "request method {:?}: only GET, HEAD and POST (a check must not change anything)",
                self.request.method
            ));
        }
        if self.request.body.is_some() && !self.request.form.is_empty() {
            return Err("request: give `body` or `form`, not both".into());
        }
        if self.request.basic.is_some() && self.request.aws_sigv4.is_some() {
            return Err("request: give `basic` or `aws_sigv4`, not both".into());
        }
        let templates = self.request.templates();
        if !templates.iter().any(|t| t.contains(SECRET)) {
            return Err("request: `{secret}` must appear in a header, the body, the form, basic auth or aws_sigv4".into());
        }
        let uses_pair = templates.iter().any(|t| t.contains(PAIR));
        match (&self.pair, uses_pair) {
            (Some(_), false) => {
                return Err("`pair` is set but the request never uses `{pair}`".into())
            }
            (None, true) => {
                return Err(
                    "the request uses `{pair}` but no `pair` says where it comes from".into(),
                )
            }
            _ => {}
        }
        if let Some(p) = &self.pair {
            if p.rules.is_empty() {
                return Err("pair.rules: name at least one rule".into());
            }
            if p.within_lines > 100 {
                return Err("pair.within_lines: at most 100".into());
            }
        }
        if let Some(p) = &self.provider {
            if !valid_provider(p) {
                return Err(format!(
                    "provider {p:?}: lowercase ASCII letters, digits and '-'"
                ));
            }
        }
        if self.live.is_empty() && !self.check.iter().any(|c| !c.live.is_empty()) {
            return Err("nothing can be live: list status codes in `live` or add a `check` with `live` values".into());
        }
        for c in &self.check {
            if !c.json.is_empty() && !c.json.starts_with('/') {
                return Err(format!(
                    "check.json {:?}: a JSON pointer starts with '/'",
                    c.json
                ));
            }
            if c.live.is_empty() && c.dead.is_empty() {
                return Err(format!("check {:?}: list `live` or `dead` values", c.json));
            }
        }
        if let Some(i) = &self.identity {
            if i.json.is_some() == i.xml.is_some() {
                return Err("identity: give exactly one of `json` or `xml`".into());
            }
        }
        if let Some(r) = &self.secret_regex {
            regex::Regex::new(r).map_err(|e| format!("secret_regex: {e}"))?;
        }
        Ok(())
    }
}

fn valid_provider(p: &str) -> bool {
    !p.is_empty()
        && p.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
