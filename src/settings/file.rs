//! `.keyhound.toml`: discovery, schema, and the trust boundary between the
//! user's own config and a scanned repository's config.
//!
//! Two kinds of config exist. The *user's* config
//! (`$XDG_CONFIG_HOME/keyhound/config.toml`, or an explicit `--config FILE`)
//! is trusted: it may define verification endpoints and rotation targets.
//! A *repository's* `.keyhound.toml` is found automatically and may add rules
//! and allowlists, but anything that could send a secret over the network is
//! refused unless the user passes `--trust-repo-config` — scanning an
//! untrusted pull request must not be able to exfiltrate what it finds.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::filter::AllowlistConfig;
use crate::rules::{self, ConditionalAllowlist, Rule};

/// The file name searched for at the repository root / scanned directory.
pub const REPO_CONFIG_NAME: &str = ".keyhound.toml";

/// One config file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub scan: ScanConfig,
    #[serde(default)]
    pub allowlist: AllowlistConfig,
    #[serde(default)]
    pub rules: RulesConfig,
    /// Inline rules, same schema as the files in `rules/`.
    #[serde(default, rename = "rule")]
    pub rule: Vec<Rule>,
    /// Conditional allowlists (see [`ConditionalAllowlist`]).
    #[serde(default)]
    pub allowlists: Vec<ConditionalAllowlist>,
    /// Verification settings (endpoints are trusted-only).
    #[serde(default)]
    pub verify: Option<toml::Value>,
    /// Rotation settings (trusted-only).
    #[serde(default)]
    pub rotation: Option<crate::rotate::config::RotationConfig>,
}

/// `[scan]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    pub max_file_size: Option<u64>,
    pub threads: Option<usize>,
    /// Distinct guessable secrets given the slow fingerprint hash
    /// (src/fingerprint.rs `settle`).
    pub fingerprint_budget: Option<usize>,
    /// `--decode-depth`.
    pub decode_depth: Option<usize>,
    /// `false`: `--no-archives`.
    pub archives: Option<bool>,
    /// `--archive-depth`.
    pub archive_depth: Option<usize>,
    /// `--max-archive-size`, in bytes.
    pub max_archive_size: Option<u64>,
    /// `--max-archive-total`, in bytes.
    pub max_archive_total: Option<u64>,
    /// `--max-archive-ratio`.
    pub max_archive_ratio: Option<u64>,
    /// gitignore-style globs of paths not to scan at all.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[rules]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Use the built-in rule pack (default true).
    #[serde(default)]
    pub builtin: Option<bool>,
    /// Rule ids to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// More rule files, relative to the config file.
    #[serde(default)]
    pub extra: Vec<PathBuf>,
}

/// A config file that cannot be used: names the file and, from the TOML
/// parser, the line and the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error(transparent)]
    Rule(#[from] rules::RuleError),
}

/// Where a config came from, which decides what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// The user's own config or an explicit `--config`.
    User,
    /// Found inside the scanned repository.
    Repository,
}

/// A parsed config file and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub path: PathBuf,
    pub trust: Trust,
    pub file: ConfigFile,
    /// Things in the file that were understood only in part (imports).
    pub warnings: Vec<String>,
    /// `[verify]` (or `verify = true`), parsed and checked at load.
    pub verify: Option<crate::verify::VerifyConfig>,
    /// Untrusted configs: the directory every file they name must be in
    /// (the repository root); `None` for trusted configs.
    pub confined_to: Option<PathBuf>,
}

/// A repository config found by discovery, and the repository root that
/// bounds what it may name.
#[derive(Debug, Clone)]
pub struct RepoConfig {
    pub path: PathBuf,
    pub root: PathBuf,
}

/// The dialect of a config file (`--config-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ConfigFormat {
    /// Decide by the file's shape.
    #[default]
    Auto,
    Keyhound,
    /// A gitleaks/Betterleaks `.gitleaks.toml`.
    Gitleaks,
}

impl LoadedConfig {
    /// Reads and parses `path` (a keyhound config).
    pub fn load(path: &Path, trust: Trust) -> Result<Self, ConfigError> {
        Self::load_as(path, trust, ConfigFormat::Keyhound)
    }

    /// Reads and parses `path` in the given (or detected) dialect.
    pub fn load_as(path: &Path, trust: Trust, format: ConfigFormat) -> Result<Self, ConfigError> {
        let display = path.display().to_string();
        let invalid = |message: String| ConfigError::Invalid {
            path: display.clone(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| invalid(e.to_string()))?;
        let format = match format {
            ConfigFormat::Auto if super::gitleaks_import::looks_like_gitleaks(&text) => {
                ConfigFormat::Gitleaks
            }
            ConfigFormat::Auto => ConfigFormat::Keyhound,
            f => f,
        };
        let (file, warnings) = if format == ConfigFormat::Gitleaks {
            super::gitleaks_import::convert_file(path)
                .map_err(|e| invalid(format!("gitleaks config: {e}")))?
        } else {
            let file: ConfigFile = toml::from_str(&text)
                .map_err(|e| invalid(crate::diagnostic::toml_error(&text, &e)))?;
            // A target may name a key of another file's inventory (the
            // user's own, beside --config): the merged section is checked
            // as a whole in `merge_rotation`.
            if let Some(r) = &file.rotation {
                r.validate_partial_inventory().map_err(&invalid)?;
            }
            (file, Vec::new())
        };
        let verify = match &file.verify {
            Some(v) => Some(
                crate::verify::VerifyConfig::from_value(&display, v)
                    .map_err(|e| invalid(e.to_string()))?,
            ),
            None => None,
        };
        Ok(LoadedConfig {
            path: path.to_path_buf(),
            trust,
            file,
            warnings,
            verify,
            confined_to: None,
        })
    }

    /// Loads a repository's own config (untrusted input: the PR gate scans
    /// attackers' branches). The file itself, resolved through symlinks,
    /// must lie inside the repository, and so must every file it names;
    /// anything else is an error that names the key, never the content.
    pub fn load_repository(found: &RepoConfig) -> Result<Self, ConfigError> {
        let root = std::fs::canonicalize(&found.root).unwrap_or_else(|_| found.root.clone());
        confine(&found.path, &root, &found.path, "the config file itself")?;
        let mut c = Self::load(&found.path, Trust::Repository)?;
        c.confined_to = Some(root);
        Ok(c)
    }

    /// Refuses network-reaching sections in an untrusted repository config.
    pub fn check_trust(&self, trust_repo_config: bool) -> Result<(), ConfigError> {
        if self.trust == Trust::Repository && !trust_repo_config {
            let mut sections = Vec::new();
            if self.file.verify.is_some() {
                sections.push("[verify]");
            }
            if self.file.rotation.is_some() {
                sections.push("[rotation]");
            }
            if self.file.rule.iter().any(|r| r.verify.is_some()) {
                sections.push("[rule.verify]");
            }
            if !sections.is_empty() {
                return Err(ConfigError::Invalid {
                    path: self.path.display().to_string(),
                    message: format!(
                        "this repository config defines {} (verification or rotation endpoints); a scanned repository may not send secrets anywhere — move it to your own config ($XDG_CONFIG_HOME/keyhound/config.toml or --config), or pass --trust-repo-config if you trust this repository",
                        sections.join(", ")
                    ),
                });
            }
        }
        Ok(())
    }

    /// The extra rules this config brings: `[[rule]]` entries and `[rules]
    /// extra` files. An untrusted repository config may not bring rules that
    /// verify (they would send what they find to a host it chose).
    pub fn rules(&self, trust_repo_config: bool) -> Result<Vec<Rule>, ConfigError> {
        let rules = self.rules_unchecked()?;
        if self.trust == Trust::Repository && !trust_repo_config {
            if let Some(r) = rules.iter().find(|r| r.verify.is_some()) {
                return Err(ConfigError::Invalid {
                    path: self.path.display().to_string(),
                    message: format!(
                        "rule {:?} has a [rule.verify] block; a scanned repository's config may not send secrets anywhere — pass --trust-repo-config if you trust this repository",
                        r.id
                    ),
                });
            }
        }
        Ok(rules)
    }

    fn rules_unchecked(&self) -> Result<Vec<Rule>, ConfigError> {
        let display = self.path.display().to_string();
        let mut out: Vec<Rule> = Vec::new();
        for rule in &self.file.rule {
            rules::validate_rule(&display, rule)?;
            out.push(rule.clone());
        }
        let base = self.path.parent().unwrap_or(Path::new("."));
        for (i, extra) in self.file.rules.extra.iter().enumerate() {
            let file = base.join(extra);
            if let Some(root) = &self.confined_to {
                confine(&file, root, &self.path, &format!("[rules] extra[{i}]"))?;
            }
            out.extend(rules::load_rule_file(&file)?);
        }
        Ok(out)
    }
}

/// Refuses a file an untrusted config names unless it resolves (symlinks
/// included) to a path inside `root`. The message names the config and the
/// key, never the path's content.
fn confine(file: &Path, root: &Path, config: &Path, key: &str) -> Result<(), ConfigError> {
    let outside = || {
        ConfigError::Invalid {
        path: config.display().to_string(),
        message: format!(
            "{key} names a file outside the repository ({}); a repository config may only name files inside the repository",
            file.display()
        ),
    }
    };
    match std::fs::canonicalize(file) {
        Ok(real) if real.starts_with(root) => Ok(()),
        Ok(_) => Err(outside()),
        // Missing files fail later with "cannot read"; a dangling symlink
        // or a path through `..` that cannot be resolved is refused here.
        Err(_)
            if file
                .components()
                .any(|c| c == std::path::Component::ParentDir) =>
        {
            Err(outside())
        }
        Err(_) if file.is_absolute() => Err(outside()),
        Err(_) => Ok(()),
    }
}

/// The user's own config file, if one exists.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    let p = base.join("keyhound").join("config.toml");
    p.is_file().then_some(p)
}

/// The repository config for a scan rooted at `start`: `.keyhound.toml` in
/// `start` or the nearest ancestor, stopping at the repository root. The
/// root (the directory holding `.git`, else the config's own directory)
/// bounds what the config may name.
pub fn find_repo_config(start: &Path) -> Option<RepoConfig> {
    let path = find_upwards(start, REPO_CONFIG_NAME)?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let root = dir
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map_or(dir.clone(), Path::to_path_buf);
    Some(RepoConfig { path, root })
}

/// `name` in `start` (or its directory, for a file) or the nearest ancestor,
/// not looking above the directory that holds `.git`.
pub fn find_upwards(start: &Path, name: &str) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?.to_path_buf()
    } else {
        start.to_path_buf()
    };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    for dir in start.ancestors() {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".keyhound.toml");
        std::fs::write(&p, "[allowlist]\npaths = []\n\n[scan]\nthreds = 4\n").unwrap();
        let e = LoadedConfig::load(&p, Trust::Repository)
            .unwrap_err()
            .to_string();
        assert!(e.contains(".keyhound.toml"), "{e}");
        assert!(e.contains("line 5"), "{e}");
        assert!(e.contains("threds"), "{e}");
    }

    #[test]
    fn repo_config_cannot_define_rotation_without_trust() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".keyhound.toml");
        std::fs::write(&p, "[rotation]\nmode = \"enforce\"\n").unwrap();
        let c = LoadedConfig::load(&p, Trust::Repository).unwrap();
        let e = c.check_trust(false).unwrap_err().to_string();
        assert!(e.contains("--trust-repo-config"), "{e}");
        assert!(c.check_trust(true).is_ok());
        let user = LoadedConfig::load(&p, Trust::User).unwrap();
        assert!(user.check_trust(false).is_ok());
    }
}
