//! `Finding`: a match placed in the world (path, line, column, commit), its
//! location-independent fingerprint, and redaction for display.

use std::fmt;

use crate::redact::Redactor;
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
    /// RFC 3339, UTC: the author date (kept by amend, rebase, cherry-pick).
    pub date: String,
    /// The committer date, RFC 3339 UTC: when the commit was last written
    /// (rotation's fallback for "was this rotated after the leak").
    pub committed: Option<String>,
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
    /// Found in decoded text: the encodings of the run it was in, outermost
    /// first (`["percent", "base64"]`); empty for plain text.
    pub decoded: Vec<&'static str>,
    /// Found in an archive at `path`: the member (`BOOT-INF/app.yml`, or
    /// `lib/inner.jar!/app.yml` in a nested archive).
    pub member: Option<String>,
    /// Found in a decoded value assigned to a name (`GITHUB_TOKEN:
    /// <base64>` under a Kubernetes `Secret`'s `data:`): that name.
    pub key: Option<String>,
    /// Found in a Jupyter notebook's cell: which, and the line in it.
    pub cell: Option<crate::notebook::CellPlace>,
}

pub use crate::fingerprint::{fingerprint, secret_sha256};
pub use crate::redact::redact;

impl Finding {
    /// The secret as reports show it.
    pub fn display_secret(&self, redact_secrets: bool) -> String {
        if redact_secrets {
            redact(&self.secret)
        } else {
            self.secret.clone()
        }
    }

    /// The line as reports show it: every secret `redactor` knows (a
    /// report's redactor knows every secret of the run) and this finding's
    /// own secret replaced by their redacted forms, and a token cut by the
    /// line's truncation dropped (see [`Redactor::scrub_line`]).
    ///
    /// The line holds only the secret's first line: a secret that spans lines
    /// (a PEM or PuTTY key body) is redacted by that first line, or its
    /// first line of key material would be printed in the clear.
    pub fn display_line(&self, redactor: &Redactor, redact_secrets: bool) -> String {
        let line = self.line_text.trim_end_matches('\r');
        if !redact_secrets {
            return line.to_string();
        }
        let shown = self.secret.split('\n').next().unwrap_or("");
        let shown = shown.trim_end_matches('\r');
        let own = if shown.is_empty() {
            line.to_string()
        } else {
            line.replace(shown, &redact(shown))
        };
        redactor.scrub_line(&own)
    }

    /// Where this finding is, as a location fingerprint names it
    /// (src/fingerprint.rs `location_fingerprint`).
    pub fn fingerprint_location(&self) -> crate::fingerprint::Location<'_> {
        crate::fingerprint::Location {
            path: &self.path,
            member: self.member.as_deref(),
            revision: self
                .commit
                .as_ref()
                .map(|c| c.id.as_str())
                .or(self.blob.as_deref()),
            line: self.line,
            column: self.column,
        }
    }

    /// Where the finding is as reports show it: the path, and inside an
    /// archive `path!/member`.
    pub fn location(&self) -> std::borrow::Cow<'_, str> {
        match &self.member {
            Some(m) => format!("{}!/{m}", self.path).into(),
            None => self.path.as_str().into(),
        }
    }

    /// The archive holding the finding (the innermost one when nested):
    /// everything of [`Finding::location`] before the last `!/`.
    pub fn archive(&self) -> Option<String> {
        let loc = self.location();
        self.member
            .as_ref()
            .and_then(|_| loc.rsplit_once("!/").map(|(a, _)| a.to_string()))
    }

    /// The member inside [`Finding::archive`].
    pub fn member_name(&self) -> Option<&str> {
        self.member
            .as_deref()
            .map(|m| m.rsplit_once("!/").map_or(m, |(_, n)| n))
    }

    /// Deterministic report order: path, member, line, column, rule.
    pub fn sort_key(&self) -> (&str, Option<&str>, usize, usize, &str, Option<&str>) {
        (
            &self.path,
            self.member.as_deref(),
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

    fn finding(secret: &str, line: &str) -> Finding {
        Finding {
            rule: "r".into(),
            name: "R".into(),
            severity: Severity::High,
            fingerprint: fingerprint("r", secret.as_bytes()),
            secret: secret.into(),
            path: "p".into(),
            line: 1,
            column: 1,
            line_text: line.into(),
            matched: secret.into(),
            source: SourceKind::File,
            commit: None,
            blob: None,
            in_head: None,
            later_commits: None,
            verification: Verification::NotChecked,
            identity: None,
            suppressed: None,
            decoded: Vec::new(),
            member: None,
            key: None,
            cell: None,
        }
    }

    #[test]
    fn a_line_shows_no_secret_of_the_run() {
        let a = &format!("{}{}", "AKIA", "QWERTYUIOPASDFGH");
        let b = format!("{}{}", "ghp_", "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5");
        let f = finding(a, &format!("AWS_ACCESS_KEY_ID={a} GITHUB_TOKEN={b}"));
        let r = Redactor::new([a.as_str(), b.as_str()]);
        let shown = f.display_line(&r, true);
        assert!(!shown.contains(a) && !shown.contains(&b), "{shown}");
        assert_eq!(shown, "AWS_ACCESS_KEY_ID=AKI…H GITHUB_TOKEN=ghp_…Y5");
        // The own secret is redacted even by an empty redactor.
        assert!(!f.display_line(&Redactor::default(), true).contains(a));
        assert!(f.display_line(&r, false).contains(&b));
    }
}
