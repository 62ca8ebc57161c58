//! `Finding`: a match placed in the world (path, line, column, commit), its
//! location-independent fingerprint, and redaction for display.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::rules::Severity;

/// Where a blob came from; the JSON `source` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKind {
    /// A file found by walking a directory or named on the command line.
    File,
    Stdin,
    Staged,
    History,
    /// A blob no ref reaches (`--all-objects`).
    Object,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::File => "file",
            SourceKind::Stdin => "stdin",
            SourceKind::Staged => "staged",
            SourceKind::History => "history",
            SourceKind::Object => "object",
        }
    }
}

/// The commit that introduced a finding (history scans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    pub id: String,
    pub author: String,
    pub email: String,
    /// RFC 3339, UTC.
    pub date: String,
    /// First line of the commit message.
    pub message: String,
}

/// Why a finding is not reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Suppression {
    /// A `keyhound:allow` (or a peer tool's) comment on the line.
    Inline,
    /// A path, secret or line allowlist of the config.
    Allowlist,
    /// The fingerprint is in the baseline.
    Baseline,
}

impl Suppression {
    pub fn as_str(self) -> &'static str {
        match self {
            Suppression::Inline => "inline",
            Suppression::Allowlist => "allowlist",
            Suppression::Baseline => "baseline",
        }
    }
}

/// One secret found at one place.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    pub fingerprint: String,
    /// The secret itself. Reports redact it unless told not to.
    pub secret: String,
    /// Path of the file (`-` for stdin).
    pub path: String,
    /// 1-based line and column (column counts characters) of the secret.
    pub line: usize,
    pub column: usize,
    /// The whole line the secret starts on (for display; redacted there).
    pub line_text: String,
    /// The whole regex match (allowlists may test it), at most 1 KiB.
    pub matched: String,
    pub source: SourceKind,
    pub commit: Option<CommitInfo>,
    /// Git blob id, when the content came from git.
    pub blob: Option<String>,
    /// History: is the secret still in HEAD's version of the file.
    pub in_head: Option<bool>,
    /// History: later commits that re-introduced the same secret at the same path.
    pub later_commits: Option<usize>,
    pub verification: Verification,
    /// Who the key belongs to, as its provider reported when verified live
    /// (a login, an account ARN); never the secret.
    pub identity: Option<String>,
    pub suppressed: Option<Suppression>,
}

/// `<rule-id>:<first 16 hex of sha256(secret)>`: the same wherever the
/// secret appears, so baselines and the rotation ledger survive moves.
pub fn fingerprint(rule: &str, secret: &[u8]) -> String {
    format!("{rule}:{}", &secret_sha256(secret)[..16])
}

/// Lowercase hex sha256 of the secret.
pub fn secret_sha256(secret: &[u8]) -> String {
    hex::encode(Sha256::digest(secret))
}

/// A display form that identifies a secret to a human without revealing it:
/// a quarter of it (at most 6 characters) at the front, an eighth (at most 3)
/// at the back. `ghp_` + 36 → `ghp_ab…9Xy`; an 8-character password → `pa…d`.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    let head = (n / 4).min(6);
    let tail = (n / 8).min(3);
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[n - tail..]);
    out
}

impl Finding {
    /// The secret as reports show it.
    pub fn display_secret(&self, redact_secrets: bool) -> String {
        if redact_secrets {
            redact(&self.secret)
        } else {
            self.secret.clone()
        }
    }

    /// The line as reports show it: the secret replaced by its redacted form.
    ///
    /// The line holds only the secret's first line: a secret that spans lines
    /// (a PEM or PuTTY key body) is redacted by that first line, or its
    /// first line of key material would be printed in the clear.
    pub fn display_line(&self, redact_secrets: bool) -> String {
        let line = self.line_text.trim_end_matches('\r');
        let shown = self.secret.split('\n').next().unwrap_or("");
        let shown = shown.trim_end_matches('\r');
        if redact_secrets && !shown.is_empty() {
            line.replace(shown, &redact(shown))
        } else {
            line.to_string()
        }
    }

    /// Deterministic report order: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, Option<&str>) {
        (
            &self.path,
            self.line,
            self.column,
            &self.rule,
            self.commit.as_ref().map(|c| c.id.as_str()),
        )
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

    /// Combines the outcomes of several checks of one finding (a key id
    /// tried with several nearby secret keys): live beats unknown beats dead.
    pub fn merge(self, other: Verification) -> Verification {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_shape() {
        let f = fingerprint("demo", b"abc");
        assert_eq!(f, "demo:ba7816bf8f01cfea");
    }

    #[test]
    fn redaction_hides_most_of_the_secret() {
        let s = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
        let r = redact(s);
        assert_eq!(r, "ghp_ab…789");
        assert_eq!(redact("password"), "pa…d");
        assert_eq!(redact("abc"), "…");
    }
}
