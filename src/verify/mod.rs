//! Live checks of a secret against its provider, driven by a rule's
//! `[rule.verify]` block. Off unless the user asks (`--verify`, or
//! `verify = true` in their own config — never for `--staged` unless the
//! flag itself is given).
//!
//! This module owns the verify schema ([`VerifySpec`]), the outcome type
//! ([`Verification`]), the `[verify]` config section ([`VerifyConfig`]) and
//! the run over a scan's findings ([`apply`]); `client.rs` performs one
//! check over HTTP, `aws.rs` signs AWS requests (SigV4), `command.rs` is
//! `keyhound verify`.
//!
//! Safety, each kept here and tested in `tests/verify.rs`: requests go only
//! to the rule's fixed https host or a configured endpoint override (plain
//! http only to a loopback IP); redirects are never followed; 3 s connect and
//! 10 s request timeouts; at most [`DEFAULT_CONCURRENCY`] requests at once;
//! one request per unique secret (or secret pair) per run; a 429 or
//! `Retry-After` makes the provider's host off-limits for the rest of the run
//! and the outcome `unknown (rate limited)`; the secret goes only into
//! headers or the body, never the URL, and no error message carries it.

mod aws;
mod client;
mod command;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::LoadedConfig;
use crate::finding::Finding;
use crate::rules::Rule;

pub use client::{Checker, Limits, Outcome};
pub use command::{run_command, VerifyCommand};

/// Requests in flight at once, unless `[verify] concurrency` says otherwise.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// Partner candidates tried per multi-part credential (nearest first): a
/// key id next to three secret keys costs at most three requests.
const MAX_PAIR_CANDIDATES: usize = 3;

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

const SECRET: &str = "{secret}";
const PAIR: &str = "{pair}";

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

/// Outcome of verifying one secret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Verification {
    #[default]
    NotChecked,
    Live,
    Dead,
    Unknown(String),
}

impl Verification {
    /// The JSON contract's value: `not_checked`, `live`, `dead`, `unknown`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verification::NotChecked => "not_checked",
            Verification::Live => "live",
            Verification::Dead => "dead",
            Verification::Unknown(_) => "unknown",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Verification::Unknown(r) => Some(r),
            _ => None,
        }
    }

    /// Combines the outcomes of several checks of one finding (a key id
    /// tried with several nearby secret keys): live beats unknown beats dead.
    fn merge(self, other: Verification) -> Verification {
        use Verification::*;
        match (self, other) {
            (Live, _) | (_, Live) => Live,
            (Unknown(r), _) | (_, Unknown(r)) => Unknown(r),
            (Dead, _) | (_, Dead) => Dead,
            (NotChecked, NotChecked) => NotChecked,
        }
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verification::Unknown(r) => write!(f, "unknown ({r})"),
            other => f.write_str(other.as_str()),
        }
    }
}

/// A verification setting that cannot be used (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("--endpoint {0:?}: expected PROVIDER=URL, e.g. github=https://ghe.example.com/api/v3")]
    EndpointSyntax(String),
    #[error("endpoint for {provider:?}: {message}")]
    Endpoint { provider: String, message: String },
    #[error("endpoint for unknown provider {provider:?} (known: {known})")]
    UnknownProvider { provider: String, known: String },
    #[error("{path}: [verify]: {message}")]
    Config { path: String, message: String },
}

/// The verification flags of `keyhound scan`, validated.
#[derive(Debug, Clone, Default)]
pub struct VerifyFlags {
    /// `--verify` (or `--only-live`) was given: verify, even for `--staged`.
    pub requested: bool,
    /// `--only-live`: report live findings only.
    pub only_live: bool,
    /// `--endpoint PROVIDER=URL`, in order.
    pub endpoints: Vec<(String, reqwest::Url)>,
}

impl VerifyFlags {
    /// From the raw flags; `--only-live` implies `--verify`.
    pub fn from_cli(
        verify: bool,
        only_live: bool,
        endpoints: &[String],
    ) -> Result<Self, VerifyError> {
        let mut parsed = Vec::new();
        for e in endpoints {
            let (provider, url) = e
                .split_once('=')
                .filter(|(p, u)| !p.is_empty() && !u.is_empty())
                .ok_or_else(|| VerifyError::EndpointSyntax(e.clone()))?;
            parsed.push((provider.to_string(), parse_endpoint(provider, url)?));
        }
        Ok(VerifyFlags {
            requested: verify || only_live,
            only_live,
            endpoints: parsed,
        })
    }
}

/// `[verify]` in the user's config (or `verify = true` at the top level).
///
/// ```toml
/// [verify]
/// enabled = true            # as if --verify were given (never for --staged)
/// concurrency = 8
/// endpoints = { github = "https://ghe.example.com/api/v3", gitlab = "https://gitlab.example.com" }
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyConfig {
    #[serde(default)]
    pub enabled: bool,
    pub concurrency: Option<usize>,
    #[serde(default)]
    pub endpoints: BTreeMap<String, String>,
}

impl VerifyConfig {
    /// Parses a config file's raw `verify` value.
    pub fn from_value(path: &str, v: &toml::Value) -> Result<Self, VerifyError> {
        let bad = |message: String| VerifyError::Config {
            path: path.to_string(),
            message,
        };
        match v {
            toml::Value::Boolean(b) => Ok(VerifyConfig {
                enabled: *b,
                ..VerifyConfig::default()
            }),
            toml::Value::Table(_) => {
                let c: VerifyConfig = v
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
                if c.concurrency == Some(0) {
                    return Err(bad("concurrency must be at least 1".into()));
                }
                Ok(c)
            }
            _ => Err(bad(
                "expected `verify = true|false` or a [verify] table".into()
            )),
        }
    }
}

/// Checks an endpoint override: https anywhere, plain http only to a
/// loopback IP; no credentials, query or fragment (nothing a secret could
/// hide in or leak through).
pub fn parse_endpoint(provider: &str, url: &str) -> Result<reqwest::Url, VerifyError> {
    let bad = |message: String| VerifyError::Endpoint {
        provider: provider.to_string(),
        message,
    };
    let u = reqwest::Url::parse(url).map_err(|e| bad(format!("{url:?}: {e}")))?;
    match u.scheme() {
        "https" => {}
        "http" if client::is_loopback(&u) => {}
        "http" => {
            return Err(bad(format!(
                "{url:?}: plain http is allowed only to a loopback address (127.0.0.1, [::1]); use https"
            )))
        }
        other => return Err(bad(format!("{url:?}: scheme {other:?} (expected https)"))),
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(bad(format!("{url:?}: no host")));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(bad("the URL may not carry credentials".into()));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(bad(format!("{url:?}: no query or fragment allowed")));
    }
    Ok(u)
}

/// Everything a run of checks needs, resolved from flags and configs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub concurrency: usize,
    pub endpoints: HashMap<String, reqwest::Url>,
    pub limits: Limits,
}

impl Settings {
    /// Merges configs (in order, later wins) and flags (win over configs);
    /// `None` when verification is off. `staged`: the pre-commit scan, which
    /// a config's `enabled = true` does not reach.
    pub fn resolve(
        flags: &VerifyFlags,
        configs: &[LoadedConfig],
        rules: &[Rule],
        staged: bool,
    ) -> Result<Option<Settings>, VerifyError> {
        let mut enabled = false;
        let mut concurrency = DEFAULT_CONCURRENCY;
        let mut endpoints = HashMap::new();
        for c in configs {
            let Some(v) = &c.file.verify else { continue };
            let path = c.path.display().to_string();
            let vc = VerifyConfig::from_value(&path, v)?;
            enabled |= vc.enabled;
            if let Some(n) = vc.concurrency {
                concurrency = n;
            }
            for (p, u) in &vc.endpoints {
                endpoints.insert(p.clone(), parse_endpoint(p, u)?);
            }
        }
        for (p, u) in &flags.endpoints {
            endpoints.insert(p.clone(), u.clone());
        }
        let known: Vec<&str> = {
            let mut k: Vec<&str> = rules
                .iter()
                .filter_map(|r| r.verify.as_ref()?.provider.as_deref())
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        let mut names: Vec<&String> = endpoints.keys().collect();
        names.sort();
        for p in names {
            if !known.contains(&p.as_str()) {
                return Err(VerifyError::UnknownProvider {
                    provider: p.clone(),
                    known: known.join(", "),
                });
            }
        }
        let on = flags.requested || (enabled && !staged);
        Ok(on.then(|| Settings {
            concurrency,
            endpoints,
            limits: Limits::default(),
        }))
    }
}

/// Verifies the reported findings in place (suppressed ones are never
/// passed here), then keeps only the live ones if `--only-live`.
pub fn apply(
    findings: &mut Vec<Finding>,
    rules: &[Rule],
    configs: &[LoadedConfig],
    flags: &VerifyFlags,
    staged: bool,
) -> Result<(), VerifyError> {
    let Some(settings) = Settings::resolve(flags, configs, rules, staged)? else {
        return Ok(());
    };
    verify_findings(findings, rules, &settings);
    if flags.only_live {
        findings.retain(|f| f.verification == Verification::Live);
    }
    Ok(())
}

/// One request to make: a rule, its secret and (multi-part) its partner.
struct Job<'r> {
    spec: &'r VerifySpec,
    secret: String,
    pair: Option<String>,
}

/// Where a finding's outcome comes from.
enum Source {
    Jobs(Vec<usize>),
    Fixed(Verification),
}

/// Plans one request per unique (rule, secret, partner), runs them with
/// bounded concurrency, and writes the outcomes back to the findings.
pub fn verify_findings(findings: &mut [Finding], rules: &[Rule], settings: &Settings) {
    let by_id: HashMap<&str, &Rule> = rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut job_index: HashMap<(String, String, Option<String>), usize> = HashMap::new();
    let mut sources: Vec<Option<Source>> = (0..findings.len()).map(|_| None).collect();
    // Partner findings get the outcome of every job their secret was used in.
    let mut partner_jobs: HashMap<usize, Vec<usize>> = HashMap::new();
    fn add_job<'r>(
        jobs: &mut Vec<Job<'r>>,
        index: &mut HashMap<(String, String, Option<String>), usize>,
        key: (String, String, Option<String>),
        job: Job<'r>,
    ) -> usize {
        *index.entry(key).or_insert_with(|| {
            jobs.push(job);
            jobs.len() - 1
        })
    }
    for i in 0..findings.len() {
        let Some(rule) = by_id.get(findings[i].rule.as_str()) else {
            continue;
        };
        let Some(spec) = rule.verify.as_ref() else {
            continue;
        };
        let f = &findings[i];
        if let Some(re) = &spec.secret_regex {
            let ok = regex::Regex::new(re).is_ok_and(|re| re.is_match(&f.secret));
            if !ok {
                sources[i] = Some(Source::Fixed(Verification::Unknown(
                    "not verifiable: this form of the key cannot be checked on its own".into(),
                )));
                continue;
            }
        }
        match &spec.pair {
            None => {
                let key = (f.rule.clone(), f.secret.clone(), None);
                let j = add_job(
                    &mut jobs,
                    &mut job_index,
                    key,
                    Job {
                        spec,
                        secret: f.secret.clone(),
                        pair: None,
                    },
                );
                sources[i] = Some(Source::Jobs(vec![j]));
            }
            Some(pair) => {
                let partners = partners_of(findings, i, pair);
                if partners.is_empty() {
                    sources[i] = Some(Source::Fixed(Verification::Unknown(format!(
                        "no {} within {} lines to pair with",
                        pair.rules.join(" or "),
                        pair.within_lines
                    ))));
                    continue;
                }
                let mut mine = Vec::new();
                for p in partners {
                    let partner_secret = findings[p].secret.clone();
                    let key = (
                        f.rule.clone(),
                        f.secret.clone(),
                        Some(partner_secret.clone()),
                    );
                    let j = add_job(
                        &mut jobs,
                        &mut job_index,
                        key,
                        Job {
                            spec,
                            secret: f.secret.clone(),
                            pair: Some(partner_secret.clone()),
                        },
                    );
                    mine.push(j);
                    // Every finding with this partner secret in the blob shares the outcome.
                    for (k, other) in findings.iter().enumerate() {
                        if pair.rules.contains(&other.rule)
                            && other.secret == partner_secret
                            && same_blob(other, f)
                        {
                            partner_jobs.entry(k).or_default().push(j);
                        }
                    }
                }
                sources[i] = Some(Source::Jobs(mine));
            }
        }
    }
    let outcomes = if jobs.is_empty() {
        Vec::new()
    } else {
        let checker = Checker::new(settings.limits.clone(), settings.endpoints.clone());
        checker.run_all(
            &jobs
                .iter()
                .map(|j| (j.spec, j.secret.as_str(), j.pair.as_deref()))
                .collect::<Vec<_>>(),
            settings.concurrency,
        )
    };
    let merged = |ids: &[usize]| {
        ids.iter()
            .map(|&j| outcomes[j].verification.clone())
            .fold(Verification::NotChecked, Verification::merge)
    };
    for (i, f) in findings.iter_mut().enumerate() {
        let own = match &sources[i] {
            Some(Source::Jobs(ids)) => merged(ids),
            Some(Source::Fixed(v)) => v.clone(),
            None => Verification::NotChecked,
        };
        let from_partners = partner_jobs
            .get(&i)
            .map(|ids| merged(ids))
            .unwrap_or_default();
        f.verification = own.merge(from_partners);
        if f.verification == Verification::Live {
            let ids: &[usize] = match &sources[i] {
                Some(Source::Jobs(ids)) => ids,
                _ => &[],
            };
            f.identity = ids
                .iter()
                .chain(partner_jobs.get(&i).into_iter().flatten())
                .find_map(|&j| outcomes[j].identity.clone());
        }
    }
}

/// Same blob: same source, path, git blob and commit.
fn same_blob(a: &Finding, b: &Finding) -> bool {
    a.source == b.source
        && a.path == b.path
        && a.blob == b.blob
        && a.commit.as_ref().map(|c| &c.id) == b.commit.as_ref().map(|c| &c.id)
}

/// Indices of the partner candidates of finding `i`, nearest first, one per
/// distinct secret, at most [`MAX_PAIR_CANDIDATES`].
fn partners_of(findings: &[Finding], i: usize, pair: &PairSpec) -> Vec<usize> {
    let f = &findings[i];
    let mut c: Vec<(usize, usize)> = findings
        .iter()
        .enumerate()
        .filter(|(j, o)| {
            *j != i
                && pair.rules.contains(&o.rule)
                && same_blob(o, f)
                && o.line.abs_diff(f.line) <= pair.within_lines
        })
        .map(|(j, o)| (o.line.abs_diff(f.line), j))
        .collect();
    c.sort();
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (_, j) in c {
        let s = findings[j].secret.as_str();
        if seen.contains(&s) {
            continue;
        }
        seen.push(s);
        out.push(j);
        if out.len() == MAX_PAIR_CANDIDATES {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(toml_text: &str) -> Result<VerifySpec, String> {
        let s: VerifySpec = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        s.validate().map(|_| s)
    }

    const GOOD: &str = r#"
provider = "github"
request = { url = "https://api.github.com/user", headers = { Authorization = "Bearer {secret}" } }
live = [200]
dead = [401]
"#;

    #[test]
    fn a_plain_block_validates() {
        spec(GOOD).unwrap();
    }

    #[test]
    fn the_secret_may_not_go_into_the_url() {
        let e = spec(
            r#"request = { url = "https://api.example.com/check?key={secret}", headers = { X = "{secret}" } }
live = [200]"#,
        )
        .unwrap_err();
        assert!(e.contains("URL"), "{e}");
    }

    #[test]
    fn http_and_placeholder_hosts_and_mutating_methods_are_refused() {
        for (block, want) in [
            (
                r#"request = { url = "http://api.example.com/", headers = { X = "{secret}" } }
live = [200]"#,
                "https",
            ),
            (
                r#"request = { url = "https://user:pw@api.example.com/", headers = { X = "{secret}" } }
live = [200]"#,
                "credentials",
            ),
            (
                r#"request = { method = "DELETE", url = "https://api.example.com/", headers = { X = "{secret}" } }
live = [200]"#,
                "only GET",
            ),
            (
                r#"request = { url = "https://api.example.com/" }
live = [200]"#,
                "{secret}",
            ),
            (
                r#"request = { url = "https://api.example.com/", headers = { X = "{secret}:{pair}" } }
live = [200]"#,
                "pair",
            ),
            (
                r#"request = { url = "https://api.example.com/", headers = { X = "{secret}" } }"#,
                "nothing can be live",
            ),
        ] {
            let e = spec(block).unwrap_err();
            assert!(e.contains(want), "{block}: {e}");
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = spec(&format!("{GOOD}\nfollow_redirects = true\n")).unwrap_err();
        assert!(e.contains("follow_redirects"), "{e}");
    }

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        assert!(parse_endpoint("github", "https://ghe.example.com/api/v3").is_ok());
        assert!(parse_endpoint("github", "http://127.0.0.1:8080").is_ok());
        assert!(parse_endpoint("github", "http://[::1]:8080/").is_ok());
        for bad in [
            "http://ghe.example.com",
            "http://10.0.0.1",
            "ftp://127.0.0.1",
            "https://u:p@ghe.example.com",
            "https://ghe.example.com/?token=x",
            "not a url",
        ] {
            assert!(parse_endpoint("github", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn endpoint_flag_syntax() {
        let f = VerifyFlags::from_cli(false, true, &["github=http://127.0.0.1:1".into()]).unwrap();
        assert!(f.requested && f.only_live);
        assert_eq!(f.endpoints[0].0, "github");
        assert!(VerifyFlags::from_cli(true, false, &["github".into()]).is_err());
        assert!(VerifyFlags::from_cli(true, false, &["=https://x".into()]).is_err());
    }

    #[test]
    fn verify_config_forms() {
        let t: toml::Value = toml::from_str(
            "enabled = true\nconcurrency = 2\nendpoints = { github = \"https://x\" }",
        )
        .unwrap();
        let c = VerifyConfig::from_value("c.toml", &t).unwrap();
        assert!(c.enabled);
        assert_eq!(c.concurrency, Some(2));
        let c = VerifyConfig::from_value("c.toml", &toml::Value::Boolean(true)).unwrap();
        assert!(c.enabled);
        let t: toml::Value = toml::from_str("enabeld = true").unwrap();
        let e = VerifyConfig::from_value("c.toml", &t)
            .unwrap_err()
            .to_string();
        assert!(e.contains("enabeld") && e.contains("c.toml"), "{e}");
    }

    #[test]
    fn merge_prefers_live_then_unknown() {
        use Verification::*;
        assert_eq!(Dead.merge(Live), Live);
        assert_eq!(Dead.merge(Unknown("x".into())), Unknown("x".into()));
        assert_eq!(NotChecked.merge(Dead), Dead);
        assert_eq!(NotChecked.merge(NotChecked), NotChecked);
    }
}
