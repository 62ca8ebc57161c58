//! The repository list of an organisation-wide scan (README.md "Scanning
//! an organisation"): `--repos-from FILE` lines and `--repos-glob`
//! matches, normalised and deduplicated; `--shard I/N`; and each
//! repository's report name in `--output-dir`.
//!
//! Everything here is a function of the list alone, never of the machine:
//! a repository's shard is a hash of its normalised path (not its position
//! in the list, so adding a repository moves no other), and its report
//! name is decided over the whole list before sharding, so every shard
//! and a single process name the same repository alike.

use std::path::{Component, Path};

use sha2::{Digest, Sha256};

/// A mistake in the list or the flags that select from it (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum FleetError {
    #[error("--shard {0:?}: expected I/N with 1 <= I <= N (e.g. --shard 2/8)")]
    Shard(String),
    #[error("--repos-glob {pattern:?}: {message}")]
    Glob { pattern: String, message: String },
    #[error("{0}")]
    Empty(String),
}

/// `--shard I/N`: this run scans the repositories whose [`shard_of`] is `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = FleetError;
    fn from_str(s: &str) -> Result<Self, FleetError> {
        let bad = || FleetError::Shard(s.to_string());
        let (i, n) = s.trim().split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The shard (1-based) of a normalised path among `count`: the first 8
/// bytes of its sha256, big-endian, modulo `count`, plus one.
pub fn shard_of(normalised: &str, count: u64) -> u64 {
    let digest = Sha256::digest(normalised.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % count.max(1) + 1
}

/// A path as the list names it, lexically normalised (no file system
/// access: machines mount the same mirrors at the same relative place, not
/// the same inode): `.` components and repeated or trailing slashes
/// dropped. `..` is kept (it may cross a symbolic link).
pub fn normalise(entry: &str) -> String {
    let p = Path::new(entry.trim());
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in p.components() {
        match c {
            Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::Prefix(x) => parts.push(x.as_os_str().to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(x) => parts.push(x.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// The entries of a `--repos-from` file: one path per line; blank lines
/// and lines starting with `#` skipped.
pub fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The directories `pattern` matches (gitignore-free glob: `*`, `?`,
/// `[…]`, `{a,b}`, `**`; `*` does not cross `/`), normalised and sorted.
/// A matched directory is not searched further; hidden names match only a
/// pattern that names a hidden component itself.
pub fn expand_glob(pattern: &str) -> Result<Vec<String>, FleetError> {
    let norm = normalise(pattern);
    let err = |message: String| FleetError::Glob {
        pattern: pattern.to_string(),
        message,
    };
    let matcher = globset::GlobBuilder::new(&norm)
        .literal_separator(true)
        .build()
        .map_err(|e| err(e.kind().to_string()))?
        .compile_matcher();
    let parts: Vec<&str> = norm.split('/').collect();
    let is_meta = |c: &str| c.contains(['*', '?', '[', '{']);
    let literal = parts.iter().take_while(|c| !is_meta(c)).count();
    if literal == parts.len() {
        return Ok(if Path::new(&norm).is_dir() {
            vec![norm]
        } else {
            Vec::new()
        });
    }
    let base = match parts[..literal].join("/") {
        b if b.is_empty() && norm.starts_with('/') => "/".to_string(),
        b if b.is_empty() => ".".to_string(),
        b => b,
    };
    let rest = &parts[literal..];
    // `**` may match any depth; the bound stops a symbolic-link loop.
    let depth = if rest.iter().any(|c| c.contains("**")) {
        32
    } else {
        rest.len()
    };
    let hidden_ok = rest.iter().any(|c| c.starts_with('.'));
    let mut found = Vec::new();
    walk(&base, depth, hidden_ok, &matcher, &mut found);
    found.sort();
    Ok(found)
}

fn walk(dir: &str, depth: usize, hidden_ok: bool, m: &globset::GlobMatcher, out: &mut Vec<String>) {
    if depth == 0 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| hidden_ok || !n.starts_with('.'))
        .collect();
    names.sort();
    for name in names {
        let path = match dir {
            "." => name,
            "/" => format!("/{name}"),
            d => format!("{d}/{name}"),
        };
        if !Path::new(&path).is_dir() {
            continue;
        }
        if m.is_match(&path) {
            out.push(path);
        } else {
            walk(&path, depth - 1, hidden_ok, m, out);
        }
    }
}

/// One repository of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// The normalised path: what is opened, hashed for the shard, and
    /// reported as `repository`.
    pub path: String,
    /// The report's file name without extension, unique in the list.
    pub stem: String,
}

/// The name `summary.json` takes in the output directory: no repository's
/// report may be called that.
pub const SUMMARY_STEM: &str = "summary";

/// The repositories of `entries` (deduplicated, first occurrence kept)
/// that `shard` selects, with report names decided over all of `entries`.
pub fn plan(entries: &[String], shard: Option<Shard>) -> Vec<Repo> {
    let mut seen = std::collections::HashSet::new();
    let paths: Vec<String> = entries
        .iter()
        .map(|e| normalise(e))
        .filter(|p| seen.insert(p.clone()))
        .collect();
    let bases: Vec<String> = paths.iter().map(|p| base_name(p)).collect();
    let mut count: std::collections::HashMap<String, usize> = Default::default();
    count.insert(SUMMARY_STEM.into(), 1);
    for b in &bases {
        *count.entry(b.to_ascii_lowercase()).or_default() += 1;
    }
    paths
        .into_iter()
        .zip(bases)
        .map(|(path, base)| {
            // A name two repositories (or the summary) would share, compared
            // without case (macOS, Windows): each gets its path's hash.
            let stem = if count[&base.to_ascii_lowercase()] > 1 {
                let hash = hex::encode(&Sha256::digest(path.as_bytes())[..4]);
                format!("{base}-{hash}")
            } else {
                base
            };
            Repo { path, stem }
        })
        .filter(|r| shard.is_none_or(|s| shard_of(&r.path, s.count) == s.index))
        .collect()
}

/// `mirrors/flask.git` → `flask`; `src/app/.git` → `app`; characters
/// other than letters, digits, `.`, `_`, `-` become `_`.
fn base_name(path: &str) -> String {
    let mut parts = path.rsplit('/').filter(|c| !c.is_empty() && *c != "..");
    let mut last = parts.next().unwrap_or("");
    if last == ".git" {
        last = parts.next().unwrap_or("");
    }
    let last = last
        .strip_suffix(".git")
        .filter(|s| !s.is_empty())
        .unwrap_or(last);
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with('.') {
        name.replace_range(..1, "_");
    }
    if name.is_empty() {
        name = "repository".into();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_lexically() {
        assert_eq!(normalise("./mirrors//a.git/"), "mirrors/a.git");
        assert_eq!(normalise("/srv/m/./b/"), "/srv/m/b");
        assert_eq!(normalise("../x"), "../x");
        assert_eq!(normalise("./"), ".");
    }

    #[test]
    fn shards_cover_each_repository_once() {
        let entries: Vec<String> = (0..200).map(|i| format!("m/r{i}.git")).collect();
        let all = plan(&entries, None);
        let mut seen = Vec::new();
        for i in 1..=7 {
            seen.extend(plan(&entries, Some(Shard { index: i, count: 7 })));
        }
        seen.sort_by(|a, b| a.path.cmp(&b.path));
        let mut want = all.clone();
        want.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(seen, want);
    }

    #[test]
    fn the_shard_is_the_paths_not_its_position() {
        let a = vec!["x/one".to_string(), "x/two".into()];
        let b = vec!["x/two".to_string(), "x/one/".into()];
        let s = Some(Shard { index: 1, count: 2 });
        let names = |v: Vec<Repo>| v.into_iter().map(|r| r.path).collect::<Vec<_>>();
        let mut l = names(plan(&a, s));
        let mut r = names(plan(&b, s));
        l.sort();
        r.sort();
        assert_eq!(l, r);
    }

    #[test]
    fn colliding_names_get_a_hash_everywhere() {
        let entries = vec![
            "a/app.git".to_string(),
            "b/App".into(),
            "c/flask.git".into(),
            "d/summary".into(),
            "a/app.git/".into(),
        ];
        let repos = plan(&entries, None);
        assert_eq!(repos.len(), 4);
        assert!(repos[0].stem.starts_with("app-") && repos[0].stem.len() == 12);
        assert!(repos[1].stem.starts_with("App-"));
        assert_ne!(repos[0].stem, repos[1].stem);
        assert_eq!(repos[2].stem, "flask");
        assert!(repos[3].stem.starts_with("summary-"));
        // The same names in whichever shard a repository lands.
        for i in 1..=3 {
            for r in plan(&entries, Some(Shard { index: i, count: 3 })) {
                assert!(repos.contains(&r));
            }
        }
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(
            "2/8".parse::<Shard>().unwrap(),
            Shard { index: 2, count: 8 }
        );
        for bad in ["0/3", "4/3", "1", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn list_files_skip_comments_and_blanks() {
        assert_eq!(
            parse_list("# org\n\n a.git \n#b\nc/\n"),
            vec!["a.git".to_string(), "c/".into()]
        );
    }
}
