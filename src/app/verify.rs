//! `keyhound verify --rule ID`: checks one secret read from stdin (never
//! from argv, which every user of the machine sees in `ps`).
//!
//! Exit codes: 4 live, 0 dead, 3 unknown (the check could not decide),
//! 2 usage (unknown rule, rule without a verify block, bad input).

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::TextOrJson;
use crate::exit::{ExitCode, UsageError};
use crate::finding::fingerprint;
use crate::verify::{Checker, Outcome, Settings, Verification, VerifyFlags};

/// Most input read from stdin: one secret (two for a pair) plus newlines.
const MAX_INPUT: u64 = 64 << 10;

/// Validated options of `keyhound verify`.
#[derive(Debug, Clone)]
pub struct VerifyCommand {
    pub rule: String,
    pub json: bool,
    pub flags: VerifyFlags,
    /// `--config FILE` (trusted, like the user's own config).
    pub config: Option<PathBuf>,
}

impl VerifyCommand {
    pub fn new(
        rule: &str,
        format: TextOrJson,
        endpoints: &[String],
        config: Option<PathBuf>,
    ) -> Result<Self, UsageError> {
        let json = format == TextOrJson::Json;
        Ok(VerifyCommand {
            rule: rule.to_string(),
            json,
            flags: VerifyFlags::from_cli(true, false, endpoints)
                .map_err(UsageError::from_display)?,
            config,
        })
    }
}

/// Runs `keyhound verify`: reads the secret from `input`, writes the result
/// to `out`.
pub fn run_command(
    cmd: &VerifyCommand,
    input: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let configs = crate::settings::trusted_configs(cmd.config.as_deref())?;
    let (rules, _) = crate::settings::ruleset(&configs, false)?;
    let settings = Settings::resolve(
        &cmd.flags,
        configs.iter().filter_map(|c| c.verify.as_ref()),
        &rules,
        false,
    )?
    .expect("verification is requested");
    let rule = rules.iter().find(|r| r.id == cmd.rule).ok_or_else(|| {
        UsageError(format!(
            "no rule has id {:?} (see `keyhound rules list`)",
            cmd.rule
        ))
    })?;
    let spec = rule.verify.as_ref().ok_or_else(|| {
        UsageError(format!(
            "rule {:?} has no [rule.verify] block: it cannot be verified",
            rule.id
        ))
    })?;
    let mut text = String::new();
    input
        .take(MAX_INPUT)
        .read_to_string(&mut text)
        .map_err(|e| UsageError(format!("cannot read the secret from stdin: {e}")))?;
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let want = if spec.pair.is_some() { 2 } else { 1 };
    if lines.len() != want {
        let what = match &spec.pair {
            Some(p) => format!(
                "two lines on stdin: the {} secret, then its partner ({})",
                rule.id,
                p.rules.join(" or ")
            ),
            None => "exactly one secret on stdin".to_string(),
        };
        return Err(UsageError(format!(
            "keyhound verify --rule {}: expected {what}, got {} non-empty lines",
            rule.id,
            lines.len()
        ))
        .into());
    }
    let (secret, pair) = (lines[0], lines.get(1).copied());
    let skip = spec
        .secret_regex
        .as_ref()
        .is_some_and(|re| !regex::Regex::new(re).is_ok_and(|re| re.is_match(secret)));
    let outcome = if skip {
        Outcome {
            verification: Verification::Unknown(
                "not verifiable: this form of the key cannot be checked on its own".into(),
            ),
            identity: None,
        }
    } else {
        Checker::new(settings.limits.clone(), settings.endpoints.clone()).check(spec, secret, pair)
    };
    let v = &outcome.verification;
    let written = if cmd.json {
        let doc = serde_json::json!({
            "rule": rule.id,
            "fingerprint": fingerprint(&rule.id, secret.as_bytes()),
            "verification": v.as_str(),
            "verification_reason": v.reason(),
            "identity": outcome.identity,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out))
    } else {
        match &outcome.identity {
            Some(id) => writeln!(out, "{v} ({id})"),
            None => writeln!(out, "{v}"),
        }
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(match v {
        Verification::Live => ExitCode::LIVE,
        Verification::Dead => ExitCode::OK,
        _ => ExitCode::RUNTIME,
    })
}
