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
pub use client::install_tls_provider;

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::finding::Finding;
pub use crate::finding::Verification;
pub use crate::rules::verify_spec::*;
use crate::rules::Rule;

pub use client::{Checker, Limits, Outcome};

/// Requests in flight at once, unless `[verify] concurrency` says otherwise.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// Partner candidates tried per multi-part credential (nearest first): a
/// key id next to three secret keys costs at most three requests.
const MAX_PAIR_CANDIDATES: usize = 3;

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
    let u = crate::endpoint::parse(url).map_err(bad)?;
    if u.query().is_some() {
        return Err(bad(format!("{url:?}: no query allowed")));
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
    pub fn resolve<'c>(
        flags: &VerifyFlags,
        configs: impl IntoIterator<Item = &'c VerifyConfig>,
        rules: &[Rule],
        staged: bool,
    ) -> Result<Option<Settings>, VerifyError> {
        let mut enabled = false;
        let mut concurrency = DEFAULT_CONCURRENCY;
        let mut endpoints = HashMap::new();
        for vc in configs {
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
/// passed here); `--only-live` is the app's to apply, which keeps the
/// other findings' secrets for redaction.
pub fn apply(findings: &mut [Finding], rules: &[Rule], settings: &Settings) {
    verify_findings(findings, rules, settings);
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
