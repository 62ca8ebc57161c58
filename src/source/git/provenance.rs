//! Where a git scan's findings come from — the repository's remote, the
//! commit HEAD is at and its branch — for SARIF `versionControlProvenance`,
//! which lets code scanning tie results to a revision even when their file
//! is gone from HEAD. Read through gix; nothing here fails a scan.

use std::path::{Path, PathBuf};

/// A remote's location as parts, without its user name or password (a
/// token in a remote URL's userinfo must never reach a report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteLocation {
    /// `https`, `http`, `ssh` or `git`.
    pub scheme: &'static str,
    pub host: String,
    pub port: Option<u16>,
    /// The path on the host, starting with `/`.
    pub path: String,
}

/// The repository a git scan read, as SARIF's `versionControlDetails` needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The default fetch remote (`origin` unless configured otherwise),
    /// when it is a network location.
    pub remote: Option<RemoteLocation>,
    /// A remote that is a path on this machine, or, without a remote, the
    /// repository's own work tree (or git directory, when bare).
    pub local: PathBuf,
    /// The commit HEAD points at (`None` in a repository without commits).
    pub revision: Option<String>,
    /// HEAD's branch, short (`main`); `None` when HEAD is detached.
    pub branch: Option<String>,
}

/// The provenance of the repository at `dir`, or `None` if it cannot be
/// opened (the scan itself reports that).
pub fn provenance(dir: &Path) -> Option<Provenance> {
    let repo = gix::discover(dir).ok()?;
    let own = repo.workdir().unwrap_or_else(|| repo.git_dir());
    let own = std::fs::canonicalize(own).unwrap_or_else(|_| own.to_path_buf());
    let url = repo
        .find_default_remote(gix::remote::Direction::Fetch)
        .and_then(Result::ok)
        .and_then(|r| r.url(gix::remote::Direction::Fetch).cloned());
    let (remote, local) = match url {
        Some(u) if u.scheme == gix::url::Scheme::File => {
            let p = PathBuf::from(String::from_utf8_lossy(&u.path).into_owned());
            let p = if p.is_relative() { own.join(p) } else { p };
            (None, std::fs::canonicalize(&p).unwrap_or(p))
        }
        Some(u) => (network_location(&u), own),
        None => (None, own),
    };
    Some(Provenance {
        remote,
        local,
        revision: repo.head_id().ok().map(|id| id.to_string()),
        branch: repo
            .head_name()
            .ok()
            .flatten()
            .map(|n| n.shorten().to_string()),
    })
}

/// A network remote's scheme, host, port and path; user and password dropped.
fn network_location(u: &gix::Url) -> Option<RemoteLocation> {
    use gix::url::Scheme;
    let scheme = match u.scheme {
        Scheme::Https => "https",
        Scheme::Http => "http",
        Scheme::Ssh => "ssh",
        Scheme::Git => "git",
        _ => return None,
    };
    let path = String::from_utf8_lossy(&u.path).into_owned();
    Some(RemoteLocation {
        scheme,
        host: u.host()?.to_string(),
        port: u.port,
        path: if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        },
    })
}
