//! `keyhound init`: a commented starter `.keyhound.toml`, so a team writes
//! its exceptions down once, in the one place every mode reads.

use std::path::{Path, PathBuf};

/// The starter config. Every key is shown, commented out with its default.
pub const STARTER: &str = r#"# keyhound configuration for this repository (https://github.com/keyhound/keyhound).
# Read by every mode: `keyhound scan`, `scan --staged` (the pre-commit hook)
# and `scan --history`. Unknown keys are errors naming the file, line and key.
#
# This file may add rules and allowlists. It may NOT define verification or
# rotation endpoints ([verify], [rotation]): those belong in your own
# ~/.config/keyhound/config.toml, so scanning an untrusted branch can never
# send a secret anywhere.

[scan]
# max_file_size = 10485760          # bytes; larger files are skipped and counted
# threads = 4                       # default: all CPUs
# exclude = ["vendor/", "*.min.js"] # gitignore-style: never scanned

[allowlist]
# Findings here are suppressed (and counted in stats.suppressed), not hidden.
# paths = ["tests/fixtures/", "docs/examples/"]  # gitignore-style, relative to this file
# regexes = ['''^AKIAIOSFODNN7EXAMPLE$''']        # on the secret
# line_regexes = ['''example\.com''']             # on the whole line
# stopwords = ["dummy"]                           # substrings of the secret

[rules]
# disable = ["generic-secret"]                    # built-in rule ids (keyhound rules list)
# extra = ["security/keyhound-rules.toml"]        # more rule files, relative to this file

# An inline rule for your own token format; every rule proves itself with examples
# (check with `keyhound rules check .keyhound.toml`, which checks this whole file).
# [[rule]]
# id = "acme-internal-token"
# name = "ACME internal API token"
# keywords = ["acme_"]
# regex = '''\b(acme_[A-Za-z0-9]{32})\b'''
# min_entropy = 3.5                 # bits per byte: drops placeholders such as acme_XXXX…
# severity = "high"
# [rule.examples]
# positive = [{ text = 'ACME_TOKEN=acme_Q3nV8rT1wZ5yB7cD9fG2hJ4kL6mN0pR2', secret = 'acme_Q3nV8rT1wZ5yB7cD9fG2hJ4kL6mN0pR2' }]
# negative = ['ACME_TOKEN=acme_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'acme_too_short']

# Conditional allowlists (the gitleaks model): all set criteria must hold with "and".
# [[allowlists]]
# description = "test keys in test code"
# condition = "and"
# regex_target = "line"            # secret | match | line
# regexes = ['''TESTKEY''']
# paths = ['''^tests/''']          # regexes on the path
# rules = ["generic-secret"]       # empty: every rule

# Accept what is already there and catch only new leaks:
#   keyhound baseline -o .keyhound-baseline.json
#   keyhound scan --baseline .keyhound-baseline.json
"#;

/// Why `init` did not write the file.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already exists (use --force to overwrite)")]
    Exists(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// The repository root above `dir` (the directory holding `.git`), else `dir`.
pub fn project_root(dir: &Path) -> PathBuf {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map_or_else(|| dir.clone(), Path::to_path_buf)
}

/// Writes the starter config into the project root; returns its path.
pub fn write_starter(dir: &Path, force: bool) -> Result<PathBuf, InitError> {
    let path = project_root(dir).join(crate::settings::REPO_CONFIG_NAME);
    if path.exists() && !force {
        return Err(InitError::Exists(path.display().to_string()));
    }
    std::fs::write(&path, STARTER).map_err(|source| InitError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_as_a_config() {
        let file: crate::settings::ConfigFile = toml::from_str(STARTER).unwrap();
        assert!(file.rule.is_empty() && file.rotation.is_none());
    }
}
