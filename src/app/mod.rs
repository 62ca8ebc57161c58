//! The application layer: turns parsed CLI arguments into a request, has
//! the settings layer resolve it into a plan, and runs it one way:
//! pipeline → verify → rotate → report. The other subcommands (`verify`,
//! `rotate`, `rotation`, `baseline`, `rules`, `hook`, `init`) live here
//! beside it. Only this module, `main.rs` and `report/` print; exit codes
//! are decided in one place, [`exit_code_for`] (docs/ARCHITECTURE.md).

mod fleet;
mod progress;
mod scan;
mod verify;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::baseline::{self, Baseline, BaselineFile};
use crate::cli::{BaselineArgs, Cli, Command, RulesCommand, ScanArgs, TextOrJson};
use crate::exit::{ExitCode, UsageError};
use crate::rule_check::{self as check, Strictness};
use crate::settings::{ConfigChoice, HistoryRange, ScanRequest, SettingsError, Target};

pub use scan::ScanOutput;
pub use verify::{run_command as verify_command, VerifyCommand};

/// The exit code for an error that ended the run: typed errors of the
/// settings layer, the git sources' usage errors and the app's own
/// [`UsageError`]s are exit 2; anything else is a runtime error (exit 3).
pub fn exit_code_for(err: &anyhow::Error) -> ExitCode {
    let usage = |e: &(dyn std::error::Error + 'static)| {
        e.is::<UsageError>()
            || e.is::<SettingsError>()
            || matches!(
                e.downcast_ref::<crate::source::git::GitError>(),
                Some(crate::source::git::GitError::Usage(_))
            )
    };
    // The shared ledger is out of reach (or failed): the rotation the run
    // owed did not happen, and nothing was sent.
    let database = |e: &(dyn std::error::Error + 'static)| {
        matches!(
            e.downcast_ref::<crate::rotate::ledger::LedgerError>(),
            Some(crate::rotate::ledger::LedgerError::Database { .. })
        )
    };
    if err.chain().any(usage) {
        ExitCode::USAGE
    } else if err.chain().any(database) {
        ExitCode::ROTATION_FAILED
    } else {
        ExitCode::RUNTIME
    }
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => scan::run(&args),
        Command::Rules(RulesCommand::List { format }) => rules_list(format),
        Command::Rules(RulesCommand::Check { files, overlaps }) => rules_check(&files, overlaps),
        Command::Baseline(args) => baseline_command(&args),
        Command::Init {
            force,
            hook,
            no_hook,
        } => init_command(force, hook, no_hook),
        Command::Hook(cmd) => hook_command(cmd),
        Command::Rotate(a) => rotate_command(&a),
        Command::Rotation(cmd) => rotation_command(cmd),
        Command::Report(crate::cli::ReportCommand::Merge {
            reports,
            output,
            format,
        }) => report_merge(&reports, output.as_deref(), format),
        Command::Verify(a) => verify::run_command(
            &VerifyCommand::new(&a.rule, a.format, &a.endpoints, a.config)?,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
        ),
    }
}

/// `keyhound hook install|uninstall`: one line on stderr.
#[allow(clippy::print_stderr)]
fn hook_command(cmd: crate::cli::HookCommand) -> Result<ExitCode> {
    use crate::hook::{HookAction, HookError};
    let action = match cmd {
        crate::cli::HookCommand::Install { force, global } => HookAction::Install { force, global },
        crate::cli::HookCommand::Uninstall { global } => HookAction::Uninstall { global },
    };
    match crate::hook::run(action, std::path::Path::new(".")) {
        Ok(msg) => {
            eprintln!("{msg}");
            Ok(ExitCode::OK)
        }
        Err(HookError::Usage(m)) => Err(UsageError(m).into()),
        Err(e) => Err(e.into()),
    }
}

/// `keyhound init`: the starter config, then the hook — installed when
/// asked (`--hook`), or after a yes on a terminal; never silently.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn init_command(force: bool, hook: bool, no_hook: bool) -> Result<ExitCode> {
    let cwd = PathBuf::from(".");
    let path = crate::init::write_starter(&cwd, force).map_err(UsageError::from_display)?;
    println!("keyhound: wrote {}", path.display());
    let in_repo = crate::init::project_root(&cwd).join(".git").exists();
    let install = if no_hook || !in_repo {
        false
    } else if hook {
        true
    } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        eprint!("Install the keyhound pre-commit hook in this repository? [Y/n] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        !answer.trim().to_ascii_lowercase().starts_with('n')
    } else {
        false
    };
    if install {
        let msg = crate::hook::run(
            crate::hook::HookAction::Install {
                force: false,
                global: false,
            },
            &cwd,
        )
        .map_err(|e| UsageError(e.to_string()))?;
        println!("keyhound: {msg}");
    } else if in_repo {
        println!("keyhound: to block secrets before they are committed: keyhound hook install");
    }
    Ok(ExitCode::OK)
}

/// `keyhound baseline`: scan (or read a gitleaks report), then write the
/// accepted findings. An existing baseline keeps its salt, so rewriting it
/// changes only the entries that changed.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn baseline_command(a: &BaselineArgs) -> Result<ExitCode> {
    if fleet::requested(&a.scan) {
        return Err(UsageError(
            "keyhound baseline takes one repository (-C DIR), not --repos-from/--repos-glob".into(),
        )
        .into());
    }
    fleet::refuse_fleet_flags(&a.scan)?;
    if a.scan.metrics.is_some() || a.scan.pushgateway.is_some() {
        return Err(UsageError(
            "--metrics and --pushgateway belong to `keyhound scan` and `keyhound rotation metrics`, not `baseline`".into(),
        )
        .into());
    }
    let mut request = scan_request(&a.scan)?;
    let existing_path = a
        .scan
        .baseline
        .clone()
        .or_else(|| a.scan.output.clone().filter(|p| p.exists()));
    let existing: Option<BaselineFile> = existing_path
        .as_deref()
        .map(BaselineFile::read)
        .transpose()
        .map_err(UsageError::from_display)?;
    let salt = existing
        .as_ref()
        .map_or_else(baseline::new_salt, |e| e.salt.clone());
    let file = if let Some(report) = &a.from_gitleaks_report {
        let entries = crate::gitleaks::baseline_entries_from_report(report)
            .map_err(|e| UsageError(format!("{e:#}")))?;
        let mut file = existing.unwrap_or(BaselineFile {
            version: 1,
            salt,
            findings: Vec::new(),
        });
        file.findings.extend(entries);
        file
    } else {
        request.baseline = None;
        let result = scan::scan_and_verify(&request)?.result;
        if a.prune {
            let Some(old) = existing else {
                return Err(UsageError(
                    "--prune needs the existing baseline: --baseline FILE or -o FILE".into(),
                )
                .into());
            };
            let matcher = Baseline::from_file(&old).map_err(UsageError)?;
            for f in &result.findings {
                matcher.contains(f);
            }
            let hits = matcher.hit_keys();
            let before = old.findings.len();
            let findings: Vec<_> = old
                .findings
                .into_iter()
                .filter(|e| hits.contains(&e.fingerprint))
                .collect();
            eprintln!(
                "keyhound: pruned {} stale baseline entries",
                before - findings.len()
            );
            BaselineFile { findings, ..old }
        } else {
            baseline::build(&result.findings, &salt)
        }
    };
    let json = baseline::to_json(&file);
    match &a.scan.output {
        Some(p) => std::fs::write(p, &json)
            .with_context(|| format!("cannot write baseline {}", p.display()))?,
        None => ignore_broken_pipe(std::io::stdout().lock().write_all(json.as_bytes()))?,
    }
    eprintln!("keyhound: baseline with {} entries", file.findings.len());
    Ok(ExitCode::OK)
}

/// Checks the scan flags' syntax into a [`ScanRequest`]; what they mean
/// together with the config files is the settings layer's to resolve.
pub fn scan_request(a: &ScanArgs) -> Result<ScanRequest> {
    let repo = a.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    let target = if a.staged {
        if !a.targets.is_empty() {
            return Err(UsageError("--staged takes no paths (it scans the index)".into()).into());
        }
        Target::Staged(repo)
    } else if a.history {
        Target::History(
            repo,
            HistoryRange {
                since: a.since.clone(),
                revs: a.targets.clone(),
                branch: a.branch.clone(),
                all_objects: a.all_objects,
            },
        )
    } else if a.targets.iter().any(|t| t == "-") {
        if a.targets.len() > 1 {
            return Err(UsageError("`-` (stdin) cannot be combined with paths".into()).into());
        }
        Target::Stdin
    } else if a.targets.is_empty() {
        Target::Paths(vec![PathBuf::from(".")])
    } else {
        Target::Paths(a.targets.iter().map(PathBuf::from).collect())
    };
    let max_file_size = a
        .max_file_size
        .as_deref()
        .map(parse_size)
        .transpose()
        .map_err(UsageError)?
        .or(a.gitleaks.max_target_megabytes.map(|mb| mb << 20));
    warn_tiny_unitless_size(a.max_file_size.as_deref());
    let unpack = unpack_flags(a)?;
    if a.threads == Some(0) {
        return Err(UsageError("--threads must be at least 1".into()).into());
    }
    Ok(ScanRequest {
        target,
        unpack,
        threads: a.threads,
        max_file_size,
        fingerprint_budget: a.fingerprint_budget,
        follow_symlinks: a.follow_symlinks,
        respect_ignore: !a.no_ignore,
        exclude: a.exclude.clone(),
        allow_paths: a.allow_path.clone(),
        config: ConfigChoice {
            explicit: a.config.clone(),
            no_repo_config: a.no_config,
            trust_repo_config: a.trust_repo_config,
            format: a.config_format,
        },
        inline_ignore: !a.no_inline_ignore,
        baseline: a.baseline.clone(),
        select: crate::settings::RuleSelection {
            enable: a.enable_rules.clone(),
            disable: a.disable_rules.clone(),
        },
        verify: crate::verify::VerifyFlags::from_cli(a.verify, a.only_live, &a.endpoints)
            .map_err(UsageError::from_display)?,
        rotate: crate::rotate::RotateFlags {
            rotate: a.rotate,
            dry_run: a.dry_run,
            again: false,
        },
    })
}

/// A unitless `--max-file-size 25` is 25 bytes, which skips nearly every
/// file: likely meant as megabytes (gitleaks' `--max-target-megabytes`).
#[allow(clippy::print_stderr)]
fn warn_tiny_unitless_size(given: Option<&str>) {
    if let Some(s) = given.map(str::trim) {
        if s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u64>().is_ok_and(|n| n < 1024) {
            eprintln!(
                "keyhound: warning: --max-file-size {s} is {s} bytes and skips almost every file; did you mean {s}M?"
            );
        }
    }
}

/// `--decode-depth`, `--no-archives`, `--archive-depth`, the archive caps,
/// as given: the plan resolves them with the `[scan]` keys
/// (src/settings/mod.rs `unpack_plan`).
fn unpack_flags(a: &ScanArgs) -> Result<crate::settings::UnpackFlags> {
    let size = |s: &Option<String>| s.as_deref().map(parse_size).transpose().map_err(UsageError);
    Ok(crate::settings::UnpackFlags {
        decode_depth: a.decode_depth,
        archives: a.no_archives.then_some(false),
        archive_depth: a.archive_depth,
        max_archive_size: size(&a.max_archive_size)?,
        max_archive_total: size(&a.max_archive_total)?,
        max_archive_ratio: a.max_archive_ratio,
    })
}

/// `10485760`, `512K`, `10M`, `1G` (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("--max-file-size {s:?}: unknown suffix {c:?}")),
            };
            (&s[..i], m)
        }
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(mult))
        .map_err(|_| format!("--max-file-size {s:?}: expected a number of bytes, e.g. 10M"))
}

#[allow(clippy::print_stdout)]
fn rules_list(format: TextOrJson) -> Result<ExitCode> {
    let rules = crate::rules::builtin().map_err(UsageError::from_display)?;
    let families = crate::rules::builtin_families();
    let family = |r: &crate::rules::Rule| families.get(&r.id).map_or("other", String::as_str);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match format {
        TextOrJson::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "name": r.name, "family": family(r), "severity": r.severity.as_str(), "keywords": r.keywords, "path": r.path, "verify": r.verify.is_some()}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        TextOrJson::Text => {
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            rules
                .iter()
                .try_for_each(|r| {
                    *counts.entry(family(r)).or_default() += 1;
                    let matches_on = if r.is_path_rule() {
                        format!("path {}", r.path.as_deref().unwrap_or_default())
                    } else {
                        r.keywords.join(",")
                    };
                    writeln!(
                        out,
                        "{:<40} {:<9} {:<15} {matches_on}",
                        r.id,
                        r.severity.as_str(),
                        family(r),
                    )
                })
                .and_then(|_| {
                    writeln!(out)?;
                    for (f, n) in &counts {
                        writeln!(out, "{f:<20} {n:>4} rules")?;
                    }
                    writeln!(out, "{:<20} {:>4} rules", "total", rules.len())
                })
        }
    };
    ignore_broken_pipe(result)?;
    Ok(ExitCode::OK)
}

#[allow(clippy::print_stdout)]
fn rules_check(files: &[PathBuf], overlaps: bool) -> Result<ExitCode> {
    let report = if files.is_empty() {
        check::check_builtin()
    } else {
        let mut loaded = Vec::new();
        let mut parsed = Vec::new();
        let mut problems = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("cannot read rule file {}", f.display()))
                .map_err(|e| UsageError(format!("{e:#}")))?;
            let name = f.display().to_string();
            if is_config_file(&text) {
                match config_rules(f) {
                    Ok(rules) => parsed.extend(rules.into_iter().map(|r| (name.clone(), r))),
                    Err(e) => problems.push(check::Problem {
                        file: name,
                        rule: None,
                        message: e.to_string(),
                    }),
                }
            } else {
                loaded.push((name, text));
            }
        }
        check::check_files_and_rules(&loaded, parsed, problems, Strictness::USER)
    };
    for p in &report.problems {
        println!("{p}");
    }
    if overlaps {
        print!("{}", report.overlaps_text());
    }
    println!(
        "{} rules, {} positive and {} negative examples checked: {} problem{}",
        report.rules,
        report.positives,
        report.negatives,
        report.problems.len(),
        if report.problems.len() == 1 { "" } else { "s" }
    );
    Ok(if report.problems.is_empty() {
        ExitCode::OK
    } else {
        ExitCode::FINDINGS
    })
}

/// A config file (`.keyhound.toml`, a gitleaks config) rather than a rule
/// file: it has tables besides `[[rule]]`, or is gitleaks-shaped.
fn is_config_file(text: &str) -> bool {
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    table.keys().any(|k| k != "rule") || crate::settings::gitleaks_import::looks_like_gitleaks(text)
}

/// The rules a config file brings (`[[rule]]` and `[rules] extra`, or a
/// gitleaks config's `[[rules]]`), parsed and validated as a scan would.
fn config_rules(path: &std::path::Path) -> Result<Vec<crate::rules::Rule>, SettingsError> {
    let c = crate::settings::LoadedConfig::load_as(
        path,
        crate::settings::Trust::User,
        crate::settings::ConfigFormat::Auto,
    )?;
    Ok(c.rules(true)?)
}

pub(crate) fn ignore_broken_pipe(r: std::io::Result<()>) -> std::io::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `snapshot` to `file` (atomically) and pushes it to `pushgateway`
/// (group `command`), as asked; a failure is a runtime error (exit 3)
/// after the report, which is already written.
#[allow(clippy::print_stderr)]
pub(crate) fn emit_metrics(
    snapshot: &crate::metrics::Snapshot,
    file: Option<&std::path::Path>,
    pushgateway: Option<&str>,
    command: &str,
) -> Result<()> {
    if file.is_none() && pushgateway.is_none() {
        return Ok(());
    }
    let text = snapshot.render();
    if let Some(p) = file {
        crate::metrics::write_file(p, &text)?;
    }
    if let Some(url) = pushgateway {
        let to = crate::metrics::push(url, command, &text)?;
        eprintln!("keyhound: metrics pushed to {to}");
    }
    Ok(())
}

/// `keyhound rotate --report FILE` or `--key NAME`: exit 5 if a rotation failed.
fn rotate_command(a: &crate::cli::RotateArgs) -> Result<ExitCode> {
    let resolved = crate::settings::trusted_rotation(a.config.as_deref())?
        .ok_or_else(crate::settings::no_rotation_config)?;
    let out = &mut std::io::stdout().lock();
    let summary = match (&a.report, &a.key) {
        (Some(report), _) => {
            crate::rotate::commands::rotate_report(report, &resolved, a.dry_run, out)?
        }
        (None, Some(key)) => crate::rotate::commands::emergency(
            &resolved,
            &crate::rotate::commands::EmergencyRequest {
                key,
                targets: &a.targets,
                fingerprint: a.fingerprint.as_deref(),
                reason: a.reason.as_deref().unwrap_or_default(),
                again: a.again,
                yes: a.yes,
                dry_run: a.dry_run,
            },
            out,
            &mut crate::rotate::confirm_on_terminal,
        )?,
        (None, None) => unreachable!("clap requires --report or --key"),
    };
    Ok(if summary.failed() {
        ExitCode::ROTATION_FAILED
    } else {
        ExitCode::OK
    })
}

/// The `[rotation]` in force, or the defaults (state directory, no
/// targets) for the commands that work without one.
fn rotation_or_default(config: Option<&std::path::Path>) -> Result<crate::rotate::Resolved> {
    Ok(
        crate::settings::trusted_rotation(config)?.unwrap_or_else(|| crate::rotate::Resolved {
            config: Default::default(),
            base: ".".into(),
        }),
    )
}

/// `--at`: RFC 3339, or `+N{s,m,h,d,w}` from now.
fn parse_at(text: &str) -> Result<jiff::Timestamp> {
    if let Some(rel) = text.strip_prefix('+') {
        let secs = crate::rotate::config::parse_frequency(rel)
            .map_err(|_| UsageError(format!("--at {text:?}: expected +N with s, m, h, d or w")))?;
        return Ok(jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_secs(secs))
            .map_err(|e| UsageError(format!("--at {text:?}: {e}")))?);
    }
    Ok(text.parse().map_err(|e| {
        UsageError(format!(
            "--at {text:?}: not an RFC 3339 time (2026-12-01T00:00:00Z) nor +N: {e}"
        ))
    })?)
}

/// `keyhound rotation add-key|sync|import|status|log|resolve`.
#[allow(clippy::print_stderr)]
fn rotation_command(cmd: crate::cli::RotationCommand) -> Result<ExitCode> {
    use crate::cli::RotationCommand;
    use crate::rotate::commands;
    match cmd {
        RotationCommand::AddKey { name, rule, config } => {
            let resolved = rotation_or_default(config.as_deref())?;
            let store = crate::rotate::inventory::Store::open(&resolved).map_err(UsageError)?;
            let mut key = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut key)
                .context("cannot read the key from stdin")?;
            let added = commands::add_key(&store, &name, rule.as_deref(), &key)?;
            if added.from_url {
                eprintln!(
                    "keyhound: note: the key is a URL with credentials; its password part is what is stored (a scan reports that part)"
                );
            }
            eprintln!(
                "keyhound: {} key {name:?} (keyed hash) in {}",
                if added.replaced {
                    "replaced the value of"
                } else {
                    "added"
                },
                added.path.display()
            );
        }
        RotationCommand::Sync { config } => {
            let resolved = rotation_or_default(config.as_deref())?;
            commands::sync(&resolved, &mut std::io::stderr().lock())?;
        }
        RotationCommand::Import { file, config } => {
            let resolved = rotation_or_default(config.as_deref())?;
            let (applied, added, items) = commands::import(&resolved, &file)?;
            eprintln!(
                "keyhound: imported {items} item{} from {}: {applied} applied to inventory keys, {added} added without a value{}",
                if items == 1 { "" } else { "s" },
                file.display(),
                if items > applied + added {
                    format!(
                        ", {} waiting for the `rotation sync` that finds their secret",
                        items - applied - added
                    )
                } else {
                    String::new()
                }
            );
        }
        RotationCommand::Status {
            format,
            at,
            metrics,
            pushgateway,
            config,
        } => {
            if let Some(url) = &pushgateway {
                crate::metrics::push_url(url, "rotation").map_err(UsageError::from_display)?;
            }
            let resolved = rotation_or_default(config.as_deref())?;
            let at = at.as_deref().map(parse_at).transpose()?;
            let out = &mut std::io::stdout().lock();
            let (_, worst, snapshot) = commands::status(
                &resolved,
                &commands::StatusRequest {
                    json: format == TextOrJson::Json,
                    at,
                },
                out,
            )?;
            if metrics.is_some() || pushgateway.is_some() {
                emit_metrics(
                    &snapshot,
                    metrics.as_deref(),
                    pushgateway.as_deref(),
                    "rotation",
                )?;
            }
            use crate::rotate::status::KeyState;
            return Ok(match worst {
                KeyState::RotationFailed => ExitCode::ROTATION_FAILED,
                KeyState::Overdue | KeyState::LeakedUnrotated => ExitCode::FINDINGS,
                KeyState::Ok | KeyState::Due => ExitCode::OK,
            });
        }
        RotationCommand::Log {
            format,
            lifecycle,
            config,
        } => {
            let json = format == TextOrJson::Json;
            let resolved = crate::settings::trusted_rotation(config.as_deref())?;
            let out = &mut std::io::stdout().lock();
            let written = if lifecycle {
                commands::lifecycle(resolved.as_ref(), json, out)
            } else {
                commands::log(resolved.as_ref(), json, out)
            };
            // A reader that stops early (`| head`) ends the log quietly.
            if let Err(e) = written {
                let closed = e.chain().any(|c| {
                    c.downcast_ref::<std::io::Error>()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                });
                if !closed {
                    return Err(e);
                }
            }
        }
        RotationCommand::Metrics {
            metrics,
            pushgateway,
            config,
        } => {
            if let Some(url) = &pushgateway {
                crate::metrics::push_url(url, "rotation").map_err(UsageError::from_display)?;
            }
            let resolved = crate::settings::trusted_rotation(config.as_deref())?;
            let snapshot = commands::metrics(resolved.as_ref())?;
            let to_stdout = metrics.is_none() && pushgateway.is_none();
            emit_metrics(
                &snapshot,
                metrics.as_deref(),
                pushgateway.as_deref(),
                "rotation",
            )?;
            if to_stdout {
                ignore_broken_pipe(
                    std::io::stdout()
                        .lock()
                        .write_all(snapshot.render().as_bytes()),
                )?;
            }
        }
        RotationCommand::Resolve {
            event_id,
            done,
            failed: _,
            note,
            config,
        } => {
            let resolved = crate::settings::trusted_rotation(config.as_deref())?
                .ok_or_else(crate::settings::no_rotation_config)?;
            let state = commands::resolve_event(&resolved, &event_id, done, note.as_deref())?;
            eprintln!("keyhound: {event_id} marked {}", state.as_str());
        }
    }
    Ok(ExitCode::OK)
}

/// A multi-repository scan's `summary.json` (a `repositories` list, and
/// `findings` a count, not a list).
fn is_fleet_summary(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
        !v.get("findings").is_some_and(|f| f.is_array())
            && v.get("repositories").is_some_and(|r| r.is_array())
    })
}

/// `keyhound report merge REPORT…`: one JSON report from many
/// (README.md "Scanning an organisation"). Exit 0 once written; an
/// unreadable input or one of another contract version is exit 2.
#[allow(clippy::print_stderr)]
fn report_merge(
    reports: &[PathBuf],
    output: Option<&std::path::Path>,
    format: crate::cli::MergeFormat,
) -> Result<ExitCode> {
    let mut docs = Vec::with_capacity(reports.len());
    for path in reports {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read report {}", path.display()))
            .map_err(|e| UsageError(format!("{e:#}")))?;
        if is_fleet_summary(&text) {
            // `DIR/*.json` of an --output-dir names its summary.json too.
            eprintln!(
                "keyhound: {}: a scan summary, not a report: skipped",
                path.display()
            );
            continue;
        }
        let doc: crate::report::contract::JsonReport =
            serde_json::from_str(&text).map_err(|e| {
                UsageError(format!(
                    "{}: not a keyhound JSON report ({})",
                    path.display(),
                    crate::diagnostic::json_error(&e)
                ))
            })?;
        if doc.version != crate::report::contract::VERSION {
            return Err(UsageError(format!(
                "{}: report version {}; this keyhound reads version {}",
                path.display(),
                doc.version,
                crate::report::contract::VERSION
            ))
            .into());
        }
        docs.push(doc);
    }
    let merged = crate::report::merge::merge(docs).map_err(UsageError::from_display)?;
    let mut buf = Vec::new();
    match format {
        crate::cli::MergeFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &serde_json::to_value(&merged)?)?;
            buf.push(b'\n');
        }
        crate::cli::MergeFormat::Jsonl => {
            for f in merged.findings.iter().chain(&merged.suppressed) {
                serde_json::to_writer(&mut buf, f)?;
                buf.push(b'\n');
            }
        }
    }
    match output.filter(|p| *p != std::path::Path::new("-")) {
        Some(p) => std::fs::write(p, &buf)
            .with_context(|| format!("cannot write merged report {}", p.display()))?,
        None => ignore_broken_pipe(std::io::stdout().lock().write_all(&buf))?,
    }
    Ok(ExitCode::OK)
}
