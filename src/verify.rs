//! Live checks of a secret against its provider, driven by a rule's
//! `[rule.verify]` block. Off unless the user asks (`--verify`).
//!
//! This module owns the verify schema and the outcome type; the HTTP client
//! that performs checks lives here too.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A rule's `[rule.verify]` block.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VerifySpec {
    /// Name used by `--endpoint PROVIDER=URL` to point at another host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    pub request: RequestSpec,
    /// Status codes meaning "the key works".
    #[serde(default)]
    pub live: Vec<u16>,
    /// Status codes meaning "the key is revoked or wrong".
    #[serde(default)]
    pub dead: Vec<u16>,
}

/// The HTTP request that checks a secret; `{secret}` is substituted in
/// headers and body only (never in the URL, which ends up in logs).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    #[serde(default = "default_method")]
    pub method: String,
    pub url: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

fn default_method() -> String {
    "GET".to_string()
}

impl VerifySpec {
    /// Checks the block is safe to use: https, fixed host, secret not in the URL.
    pub fn validate(&self) -> Result<(), String> {
        let url = &self.request.url;
        if !url.starts_with("https://") {
            return Err(format!("request url {url:?} must be https"));
        }
        if url.contains("{secret}") {
            return Err("the secret may not be placed in the URL (use a header or the body)".into());
        }
        let host = url["https://".len()..].split('/').next().unwrap_or("");
        if host.is_empty() || host.contains('{') {
            return Err(format!("request url {url:?} must have a fixed host"));
        }
        Ok(())
    }
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
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verification::Unknown(r) => write!(f, "unknown ({r})"),
            other => f.write_str(other.as_str()),
        }
    }
}
