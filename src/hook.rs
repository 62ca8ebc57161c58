//! `keyhound hook install|uninstall`: puts the pre-commit hook
//! (`hooks/pre-commit`, embedded) where git runs it.
//!
//! - The hooks directory is `core.hooksPath` when set (relative to the work
//!   tree, `~/` expanded), else `<git common dir>/hooks`.
//! - An existing hook that is not keyhound's is kept: it is renamed to
//!   `pre-commit.keyhound-chained`, and the keyhound hook runs it first (its
//!   failure still blocks the commit). `uninstall` puts it back.
//! - A second `install` is a no-op; `--force` rewrites keyhound's own hook
//!   (after an upgrade, or when the recorded binary path moved).
//! - `--global` installs into the global `core.hooksPath` if one is set, or
//!   else into `$XDG_CONFIG_HOME/keyhound/hooks` and points the global
//!   `core.hooksPath` there (in `$GIT_CONFIG_GLOBAL`, or git's usual global
//!   file); that hook also runs each repository's own `.git/hooks/pre-commit`,
//!   which a global hooks path would otherwise silence.
//!
//! The installed script records the absolute path of the `keyhound` binary
//! that installed it (falling back to `$KEYHOUND`, then `PATH`).

use std::fs;
use std::path::{Path, PathBuf};

/// The portable hook script.
pub const SCRIPT: &str = include_str!("../hooks/pre-commit");
/// Marks a hook file as keyhound's.
pub const MARKER: &str = "keyhound-hook v1";
/// Where a pre-existing hook is kept while keyhound's hook is installed.
pub const CHAINED: &str = "pre-commit.keyhound-chained";

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookAction {
    Install { force: bool, global: bool },
    Uninstall { global: bool },
}

/// Why the hook could not be (un)installed.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// Not a repository, or a situation the user must resolve (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written (exit 3).
    #[error("{0}")]
    Io(String),
}

/// Runs `action` for the repository containing `dir` (or globally); returns
/// the one-line message to show.
pub fn run(action: HookAction, dir: &Path) -> Result<String, HookError> {
    match action {
        HookAction::Install {
            force,
            global: false,
        } => {
            let hooks = repo_hooks_dir(dir)?;
            install_into(&hooks, force, false)
        }
        HookAction::Uninstall { global: false } => uninstall_from(&repo_hooks_dir(dir)?),
        HookAction::Install {
            force,
            global: true,
        } => install_global(force),
        HookAction::Uninstall { global: true } => uninstall_global(),
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> HookError {
    HookError::Io(format!("cannot {what} {}: {e}", path.display()))
}

/// The hooks directory git uses for the repository containing `dir`.
fn repo_hooks_dir(dir: &Path) -> Result<PathBuf, HookError> {
    let repo = gix::discover(dir)
        .map_err(|_| HookError::Usage(format!("{}: not a git repository", dir.display())))?;
    if repo.workdir().is_none() {
        // Nothing is ever committed in a bare repository, so git never runs
        // a pre-commit hook there: installing one would protect nothing.
        return Err(HookError::Usage(format!(
            "{}: a bare repository has no commits made in it, so a pre-commit hook would never run; install it in a clone with a work tree",
            dir.display()
        )));
    }
    let configured = repo
        .config_snapshot()
        .string("core.hooksPath")
        .map(|v| v.to_string())
        .filter(|v| !v.is_empty());
    Ok(match configured {
        Some(p) => {
            let base = repo.workdir().unwrap_or_else(|| repo.git_dir());
            base.join(expand_home(&p))
        }
        None => repo.common_dir().join("hooks"),
    })
}

fn expand_home(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(p),
    }
}

fn is_keyhound_hook(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|s| s.contains(MARKER))
}

/// The script with the installing binary's path (and the global flag) filled in.
fn script(global: bool) -> String {
    let exe = std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let quoted = format!("'{}'", exe.replace('\'', r"'\''"));
    let mut s = SCRIPT.replacen("installed=\"\"", &format!("installed={quoted}"), 1);
    if global {
        s = s.replacen("global=\"\"", "global=1", 1);
    }
    s
}

fn install_into(hooks: &Path, force: bool, global: bool) -> Result<String, HookError> {
    let target = hooks.join("pre-commit");
    let chained = hooks.join(CHAINED);
    let mut note = String::new();
    if target.exists() {
        if is_keyhound_hook(&target) {
            if !force {
                return Ok(format!(
                    "keyhound: the pre-commit hook is already installed in {} (nothing to do; --force rewrites it)",
                    hooks.display()
                ));
            }
        } else {
            if chained.exists() {
                return Err(HookError::Usage(format!(
                    "{} exists and so does {}: cannot keep both; move one away and retry",
                    target.display(),
                    chained.display()
                )));
            }
            fs::rename(&target, &chained).map_err(|e| io("move", &target, e))?;
            note = format!(" (the existing hook is kept as {CHAINED} and runs first)");
        }
    }
    fs::create_dir_all(hooks).map_err(|e| io("create", hooks, e))?;
    fs::write(&target, script(global)).map_err(|e| io("write", &target, e))?;
    make_executable(&target)?;
    Ok(format!(
        "keyhound: pre-commit hook installed in {}{note}",
        hooks.display()
    ))
}

fn uninstall_from(hooks: &Path) -> Result<String, HookError> {
    let target = hooks.join("pre-commit");
    let chained = hooks.join(CHAINED);
    if !is_keyhound_hook(&target) {
        return Ok(format!(
            "keyhound: no keyhound pre-commit hook in {} (nothing to do)",
            hooks.display()
        ));
    }
    fs::remove_file(&target).map_err(|e| io("remove", &target, e))?;
    if chained.exists() {
        fs::rename(&chained, &target).map_err(|e| io("restore", &chained, e))?;
        return Ok(format!(
            "keyhound: pre-commit hook removed from {}; the previous hook is restored",
            hooks.display()
        ));
    }
    Ok(format!(
        "keyhound: pre-commit hook removed from {}",
        hooks.display()
    ))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), HookError> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).map_err(|e| io("chmod", path, e))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<(), HookError> {
    Ok(())
}

/// git's global config file: `$GIT_CONFIG_GLOBAL`, else
/// `$XDG_CONFIG_HOME/git/config` if it exists, else `~/.gitconfig`.
fn global_config_path() -> Result<PathBuf, HookError> {
    if let Some(p) = std::env::var_os("GIT_CONFIG_GLOBAL") {
        return Ok(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    if let Some(x) = xdg.map(|x| x.join("git/config")).filter(|p| p.exists()) {
        return Ok(x);
    }
    home.map(|h| h.join(".gitconfig"))
        .ok_or_else(|| HookError::Usage("--global: HOME is not set".into()))
}

/// keyhound's own global hooks directory.
fn keyhound_hooks_dir() -> Result<PathBuf, HookError> {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|c| c.join("keyhound/hooks"))
        .ok_or_else(|| HookError::Usage("--global: neither XDG_CONFIG_HOME nor HOME is set".into()))
}

fn load_global(path: &Path) -> Result<gix::config::File, HookError> {
    if !path.exists() {
        return Ok(gix::config::File::new(gix::config::file::Metadata::from(
            gix::config::Source::User,
        )));
    }
    gix::config::File::from_path_no_includes(path.to_path_buf(), gix::config::Source::User)
        .map_err(|e| HookError::Usage(format!("cannot read {}: {e}", path.display())))
}

fn save_global(path: &Path, file: &gix::config::File) -> Result<(), HookError> {
    // `GIT_CONFIG_GLOBAL=/dev/null` is a common way to isolate git; never
    // write a config through a device or anything else that is not a file.
    if path.exists() && !path.is_file() {
        return Err(HookError::Usage(format!(
            "--global: the global git config {} is not a regular file; set GIT_CONFIG_GLOBAL to a file",
            path.display()
        )));
    }
    let mut buf = Vec::new();
    file.write_to(&mut buf).map_err(|e| io("write", path, e))?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
    }
    fs::write(path, buf).map_err(|e| io("write", path, e))
}

fn install_global(force: bool) -> Result<String, HookError> {
    let cfg_path = global_config_path()?;
    let mut cfg = load_global(&cfg_path)?;
    let ours = keyhound_hooks_dir()?;
    match cfg.string("core.hooksPath").map(|v| v.to_string()) {
        Some(existing) if expand_home(&existing) != ours => {
            // The user already has global hooks: chain into them.
            install_into(&expand_home(&existing), force, false)
        }
        _ => {
            let msg = install_into(&ours, force, true)?;
            cfg.set_raw_value_by("core", None, "hooksPath", ours.to_string_lossy().as_ref())
                .map_err(|e| HookError::Usage(format!("cannot set core.hooksPath: {e}")))?;
            save_global(&cfg_path, &cfg)?;
            Ok(format!(
                "{msg}; core.hooksPath set in {}",
                cfg_path.display()
            ))
        }
    }
}

fn uninstall_global() -> Result<String, HookError> {
    let cfg_path = global_config_path()?;
    let mut cfg = load_global(&cfg_path)?;
    let ours = keyhound_hooks_dir()?;
    match cfg.string("core.hooksPath").map(|v| v.to_string()) {
        Some(existing) if expand_home(&existing) == ours => {
            let msg = uninstall_from(&ours)?;
            remove_hooks_path(&mut cfg);
            save_global(&cfg_path, &cfg)?;
            Ok(format!(
                "{msg}; core.hooksPath removed from {}",
                cfg_path.display()
            ))
        }
        Some(existing) => uninstall_from(&expand_home(&existing)),
        None => Ok("keyhound: no global hooks path is set (nothing to do)".into()),
    }
}

/// Removes `core.hooksPath`, and the `[core]` section too if that leaves it
/// empty (install may have created it; an empty one is litter).
fn remove_hooks_path(cfg: &mut gix::config::File) {
    if let Ok(mut core) = cfg.section_mut("core", None) {
        core.remove("hooksPath");
    }
    let empty: Vec<_> = cfg
        .sections_and_ids_by_name("core")
        .into_iter()
        .flatten()
        .filter(|(section, _)| section.header().subsection_name().is_none())
        .filter(|(section, _)| section.value_names().next().is_none())
        .map(|(_, id)| id)
        .collect();
    for id in empty {
        cfg.remove_section_by_id(id);
    }
}
