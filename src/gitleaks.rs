//! Migration from gitleaks and Betterleaks: their reports become keyhound
//! baselines, and their `.gitleaksignore` entries are honoured.
//! (Config import lives in [`crate::settings::gitleaks_import`].)

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::baseline::{any_rule_key, Entry};
use crate::finding::Finding;

/// One finding of a gitleaks JSON report (the fields we use).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ReportFinding {
    #[serde(rename = "RuleID")]
    rule_id: String,
    secret: String,
    #[serde(default)]
    file: String,
}

/// Baseline entries for every secret of a gitleaks JSON report. gitleaks'
/// rule ids are not ours, so each entry is keyed `*:<hash>`: the secret is
/// accepted under whichever keyhound rule finds it.
pub fn baseline_entries_from_report(path: &Path) -> Result<Vec<Entry>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read gitleaks report {}", path.display()))?;
    let findings: Vec<ReportFinding> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a gitleaks JSON report", path.display()))?;
    let mut out = Vec::new();
    for f in findings {
        if f.secret.is_empty() || f.secret == "REDACTED" {
            bail!(
                "{}: secrets are redacted in this report; rerun gitleaks with --redact=0 (the baseline stores only hashes)",
                path.display()
            );
        }
        out.push(Entry {
            fingerprint: any_rule_key(f.secret.as_bytes()),
            rule: format!("gitleaks:{}", f.rule_id),
            paths: if f.file.is_empty() {
                vec![]
            } else {
                vec![f.file]
            },
        });
    }
    Ok(out)
}

/// gitleaks' default rule ids (the `RuleID` of its reports and the rule
/// part of `.gitleaksignore` lines) and the keyhound rules that find the
/// same credentials. Used where a gitleaks user names a rule: the
/// `disabledRules` of an imported config, `.gitleaksignore` entries.
const DEFAULT_RULE_IDS: &[(&str, &[&str])] = &[
    (
        "age-secret-key",
        &["age-secret-key", "age-secret-key-lowercase"],
    ),
    ("anthropic-api-key", &["anthropic-api-key"]),
    ("anthropic-admin-api-key", &["anthropic-admin-key"]),
    ("aws-access-token", &["aws-access-key-id"]),
    ("databricks-api-token", &["databricks-token"]),
    ("digitalocean-access-token", &["digitalocean-oauth-token"]),
    ("digitalocean-pat", &["digitalocean-personal-access-token"]),
    (
        "digitalocean-refresh-token",
        &["digitalocean-refresh-token"],
    ),
    ("discord-api-token", &["discord-bot-token"]),
    ("doppler-api-token", &["doppler-token"]),
    ("dynatrace-api-token", &["dynatrace-token"]),
    ("gcp-api-key", &["google-api-key"]),
    (
        "generic-api-key",
        &["generic-secret", "generic-password", "generic-bearer-token"],
    ),
    (
        "github-app-token",
        &[
            "github-user-to-server-token",
            "github-server-to-server-token",
        ],
    ),
    ("github-fine-grained-pat", &["github-pat-fine-grained"]),
    ("github-oauth", &["github-oauth-token"]),
    ("github-pat", &["github-pat-classic"]),
    ("github-refresh-token", &["github-refresh-token"]),
    ("gitlab-pat", &["gitlab-pat"]),
    ("gitlab-ptt", &["gitlab-pipeline-trigger-token"]),
    ("gitlab-rrt", &["gitlab-runner-registration-token"]),
    ("hashicorp-tf-api-token", &["terraform-cloud-token"]),
    ("heroku-api-key", &["heroku-api-key", "heroku-api-token"]),
    ("jwt", &["jwt"]),
    ("linear-api-key", &["linear-api-key"]),
    ("mailchimp-api-key", &["mailchimp-api-key"]),
    ("npm-access-token", &["npm-access-token"]),
    ("openai-api-key", &["openai-api-key", "openai-project-key"]),
    (
        "private-key",
        &[
            "private-key-rsa",
            "private-key-ec",
            "private-key-dsa",
            "private-key-openssh",
            "private-key-pkcs8",
            "private-key-pkcs8-encrypted",
            "private-key-pgp",
        ],
    ),
    ("pypi-upload-token", &["pypi-api-token"]),
    ("sendgrid-api-token", &["sendgrid-api-key"]),
    ("shopify-access-token", &["shopify-access-token"]),
    ("shopify-custom-access-token", &["shopify-custom-app-token"]),
    (
        "shopify-private-app-access-token",
        &["shopify-private-app-token"],
    ),
    ("shopify-shared-secret", &["shopify-shared-secret"]),
    ("slack-app-token", &["slack-app-token"]),
    ("slack-bot-token", &["slack-bot-token"]),
    ("slack-user-token", &["slack-user-token"]),
    ("slack-webhook-url", &["slack-webhook-url"]),
    (
        "stripe-access-token",
        &[
            "stripe-secret-key-live",
            "stripe-restricted-key-live",
            "stripe-secret-key-test",
            "stripe-restricted-key-test",
        ],
    ),
    ("telegram-bot-api-token", &["telegram-bot-token"]),
    ("twilio-api-key", &["twilio-api-key-sid"]),
    ("vault-batch-token", &["vault-batch-token"]),
    ("vault-service-token", &["vault-service-token"]),
];

/// The keyhound rules that stand in for gitleaks' default rule `id`
/// (empty when keyhound has no counterpart, or `id` is not gitleaks').
pub fn keyhound_rules_for(id: &str) -> &'static [&'static str] {
    DEFAULT_RULE_IDS
        .iter()
        .find(|(g, _)| *g == id)
        .map_or(&[], |(_, k)| k)
}

/// One line of a `.gitleaksignore`: `[commit:]path:rule:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreEntry {
    pub commit: Option<String>,
    pub path: String,
    pub rule: String,
    pub line: usize,
}

/// Parses a `.gitleaksignore`; comments and blank lines are skipped, and a
/// line that does not have the positional form is reported, not dropped.
pub fn parse_ignore(text: &str) -> (Vec<IgnoreEntry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_ignore_line(line) {
            Some(e) => entries.push(e),
            None => bad.push(format!(
                ".gitleaksignore line {}: {line:?} is not [commit:]path:rule:line; ignored",
                n + 1
            )),
        }
    }
    (entries, bad)
}

fn parse_ignore_line(line: &str) -> Option<IgnoreEntry> {
    let mut parts = line.rsplitn(3, ':');
    let line_no: usize = parts.next()?.parse().ok()?;
    let rule = parts.next()?.to_string();
    let rest = parts.next()?;
    let (commit, path) = match rest.split_once(':') {
        Some((c, p)) if c.len() >= 7 && c.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (Some(c.to_ascii_lowercase()), p.to_string())
        }
        _ => (None, rest.to_string()),
    };
    Some(IgnoreEntry {
        commit,
        path,
        rule,
        line: line_no,
    })
}

impl IgnoreEntry {
    /// Matches on path and line, the commit when both sides have one, and
    /// the rule when the entry's rule id is a keyhound rule id
    /// (`known_rule`) or one of gitleaks' default ids (through
    /// [`keyhound_rules_for`]: a `github-pat` entry keeps matching the
    /// `github-pat-classic` finding at its place, and only that).
    pub fn matches(&self, f: &Finding, known_rule: bool) -> bool {
        if self.path != f.path || self.line != f.line {
            return false;
        }
        if known_rule && self.rule != f.rule {
            return false;
        }
        let stand_ins = keyhound_rules_for(&self.rule);
        if !known_rule && !stand_ins.is_empty() && !stand_ins.contains(&f.rule.as_str()) {
            return false;
        }
        match (&self.commit, &f.commit) {
            (Some(mine), Some(c)) => c.id.starts_with(mine.as_str()),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_lines() {
        let (e, bad) = parse_ignore(
            "# comment\ncd5226711335c68be1e720b318b7bc3135a30eb2:src/a.go:aws-key:23\nsrc/b.go:generic:7\nnonsense\n",
        );
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].commit.as_deref(),
            Some("cd5226711335c68be1e720b318b7bc3135a30eb2")
        );
        assert_eq!(e[0].path, "src/a.go");
        assert_eq!(e[1].commit, None);
        assert_eq!(e[1].line, 7);
        assert_eq!(bad.len(), 1);
    }
}
