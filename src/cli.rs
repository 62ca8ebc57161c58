//! Command-line definitions (clap) and nothing else: `app/mod.rs` turns these
//! raw arguments into validated options once; the core never sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

/// `--format` of the commands that print either text or JSON (`rules
/// list`, `verify`, `rotation log`); only scans have the report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    Text,
    /// `jsonl` is accepted too (the JSON these commands print is already
    /// one value, or, for `rotation log`, the JSONL as stored).
    #[value(alias = "jsonl")]
    Json,
}

#[derive(Debug, Parser)]
#[command(
    name = "keyhound",
    version,
    about = "Find leaked credentials in files, staged changes and git history — and start their rotation",
    after_help = "Exit codes: 0 no findings · 1 findings (--exit-code) · 2 usage or config error · 3 runtime error · 4 a finding verified live · 5 a rotation failed"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files, a directory, stdin (`-`), the staged changes or the git history.
    Scan(Box<ScanArgs>),
    /// List or check rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Install or remove the git pre-commit hook (`keyhound scan --staged`).
    #[command(subcommand)]
    Hook(HookCommand),
    /// Write a commented starter .keyhound.toml and offer to install the pre-commit hook.
    Init {
        /// Overwrite an existing .keyhound.toml.
        #[arg(long)]
        force: bool,
        /// Install the pre-commit hook without asking.
        #[arg(long, conflicts_with = "no_hook")]
        hook: bool,
        /// Do not install the hook (and do not ask).
        #[arg(long)]
        no_hook: bool,
    },
    /// Write a baseline of the current findings, so later scans
    /// (`scan --baseline FILE`) report only new ones.
    Baseline(Box<BaselineArgs>),
    /// Check one secret, read from stdin (never argv), against its rule's
    /// provider. Exit 4 live, 0 dead, 3 unknown.
    Verify(VerifyArgs),
    /// Start rotation from an earlier scan's JSON report (review first, rotate second).
    Rotate(RotateArgs),
    /// The rotation inventory (add-key), audit log (log), metrics (metrics) and ledger (resolve).
    #[command(subcommand)]
    Rotation(RotationCommand),
    /// Work with JSON reports (merge the shards of an organisation-wide scan).
    #[command(subcommand)]
    Report(ReportCommand),
}

/// `keyhound report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// One JSON report from many: findings deduplicated by fingerprint
    /// (every other place kept in `also_at`), stats summed, errors kept.
    /// The result is input to `keyhound rotate --report`.
    Merge {
        /// JSON reports (`keyhound scan --format json`, or merged ones).
        #[arg(required = true, value_name = "REPORT")]
        reports: Vec<PathBuf>,
        /// Write the merged report to FILE instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// json (one document) or jsonl (one merged finding a line).
        #[arg(long, short = 'f', value_enum, default_value = "json")]
        format: MergeFormat,
    },
}

/// `report merge --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MergeFormat {
    Json,
    Jsonl,
}

/// `keyhound baseline [SOURCE FLAGS] [-o FILE] [--prune]`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub scan: ScanArgs,
    /// Only drop entries of the existing baseline (`--baseline FILE`, or the
    /// `-o FILE` being rewritten) that are no longer found; add nothing.
    #[arg(long)]
    pub prune: bool,
    /// Convert a gitleaks JSON report (`gitleaks … -f json --redact=0`)
    /// into a baseline instead of scanning.
    #[arg(long, value_name = "FILE")]
    pub from_gitleaks_report: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write the pre-commit hook into the repository's hooks directory
    /// (core.hooksPath respected); an existing hook is kept and chained.
    Install {
        /// Rewrite keyhound's hook even if it is already installed.
        #[arg(long)]
        force: bool,
        /// Install for every repository, through a global core.hooksPath.
        #[arg(long)]
        global: bool,
    },
    /// Remove keyhound's pre-commit hook and restore the one it chained.
    Uninstall {
        /// Undo `install --global`.
        #[arg(long)]
        global: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Print every rule: id, severity, keywords.
    List {
        /// Output format (text or json).
        #[arg(long, short = 'f', value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Validate rule files (the built-in ones by default) and run every
    /// example through the real matcher; lists every problem at once.
    Check {
        /// Rule files to check instead of the built-in pack.
        files: Vec<PathBuf>,
        /// Also print which rules fire on other rules' positive examples.
        #[arg(long)]
        overlaps: bool,
    },
}

/// Flags shared by every command that scans.
#[derive(Debug, Args, Clone)]
pub struct ScanArgs {
    /// Files or directories to scan (default `.`), `-` for stdin; with
    /// --history: revisions or ranges (`A..B`).
    pub targets: Vec<String>,

    /// Scan what is staged for the next commit (the pre-commit hook).
    #[arg(long, conflicts_with = "history")]
    pub staged: bool,
    /// Scan the git history (every commit reachable from all refs by default).
    #[arg(long)]
    pub history: bool,
    /// History: only commits reachable from HEAD but not from REV (the PR gate).
    #[arg(long, value_name = "REV", requires = "history")]
    pub since: Option<String>,
    /// History: only commits reachable from REF.
    #[arg(long, value_name = "REF", requires = "history")]
    pub branch: Option<String>,
    /// History: every ref (the default when no revision is given).
    #[arg(long, requires = "history")]
    pub all_refs: bool,
    /// History: also scan blobs no ref reaches (dangling after rebases and amends).
    #[arg(long, requires = "history")]
    pub all_objects: bool,
    /// Repository for --staged/--history (default: the current directory).
    #[arg(long, short = 'C', value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// Scan every repository (local path or bare mirror) listed in FILE,
    /// one a line (`#` comments and blank lines skipped; `-` is stdin), one
    /// after another (README.md "Scanning an organisation").
    #[arg(long, value_name = "FILE", conflicts_with_all = ["staged", "repo"])]
    pub repos_from: Option<PathBuf>,
    /// Scan every directory GLOB matches as a repository (`'mirrors/*/'`,
    /// quoted so the shell leaves it alone; repeatable, with --repos-from too).
    #[arg(long, value_name = "GLOB", conflicts_with_all = ["staged", "repo"])]
    pub repos_glob: Vec<String>,
    /// With --repos-from/--repos-glob: scan only shard I of N (1-based), the
    /// repositories whose path hashes to it; N runs with I = 1..N cover
    /// every repository exactly once.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// With --repos-from/--repos-glob: write one report per repository into
    /// DIR (`<name>.json`, `.sarif`, … by --format) and `summary.json`.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// With --repos-from/--repos-glob: print the repositories this run (this
    /// --shard) would scan, one a line, and scan nothing (to fetch only
    /// them first).
    #[arg(long)]
    pub list_repos: bool,

    /// Output format (gitleaks' `--report-format` is accepted too).
    #[arg(
        long,
        short = 'f',
        value_enum,
        default_value = "text",
        alias = "report-format"
    )]
    pub format: Format,
    /// Write the report to FILE instead of stdout (`-` is stdout; gitleaks'
    /// `-r`/`--report-path` are accepted too).
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        alias = "report-path",
        short_alias = 'r'
    )]
    pub output: Option<PathBuf>,
    /// Show secrets in full (they are redacted by default).
    #[arg(long)]
    pub no_redact: bool,
    /// Exit code when findings are reported (0 makes them non-fatal).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub exit_code: i32,
    /// Colour: auto (only on a terminal), always, never.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: String,

    /// Worker threads (default: number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Skip files larger than this many bytes (default 10 MiB; suffixes K, M, G).
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<String>,
    /// Distinct guessable secrets (passwords, short keys) whose fingerprint
    /// gets the slow hash, in report order (default 64); past them a
    /// fingerprint names the location (README.md "Fingerprint").
    #[arg(long, value_name = "N")]
    pub fingerprint_budget: Option<usize>,
    /// Follow symbolic links while walking directories.
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Do not honour .gitignore/.ignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Do not scan paths matching this gitignore-style glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Suppress findings under paths matching this gitignore-style glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub allow_path: Vec<String>,
    /// Scan with only this rule (repeatable or comma-separated; a rule id
    /// or one of gitleaks' default ids, as gitleaks' --enable-rule).
    #[arg(long = "enable-rule", value_name = "ID", value_delimiter = ',')]
    pub enable_rules: Vec<String>,
    /// Scan without this rule (repeatable or comma-separated).
    #[arg(long = "disable-rule", value_name = "ID", value_delimiter = ',')]
    pub disable_rules: Vec<String>,

    /// Layers of encoding (base64, hex, percent, string escapes) decoded and scanned; 0: none
    /// (default 2; `[scan] decode_depth`).
    #[arg(long, value_name = "N")]
    pub decode_depth: Option<usize>,
    /// Do not unpack archives (zip, jar, whl, tar, tar.gz/bz2/xz/zst, gz, …; `[scan] archives = false`).
    #[arg(long)]
    pub no_archives: bool,
    /// Levels of archives unpacked (an archive in an archive is level 2; default 3).
    #[arg(long, value_name = "N")]
    pub archive_depth: Option<usize>,
    /// Uncompressed bytes read from one archive (default 256M; suffixes K, M, G).
    #[arg(long, value_name = "SIZE")]
    pub max_archive_size: Option<String>,
    /// Uncompressed bytes read from all archives of the scan (default 4G).
    #[arg(long, value_name = "SIZE")]
    pub max_archive_total: Option<String>,
    /// Expansion (uncompressed per compressed byte) past which a member is a bomb (default 100).
    #[arg(long, value_name = "N")]
    pub max_archive_ratio: Option<u64>,

    /// Use this config file instead of the repository's .keyhound.toml (trusted).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Dialect of --config: auto (by shape), keyhound, gitleaks.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "auto")]
    pub config_format: crate::settings::ConfigFormat,
    /// Ignore the repository's .keyhound.toml (or .gitleaks.toml) and .gitleaksignore.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Let the scanned repository's config define verification/rotation endpoints.
    #[arg(long)]
    pub trust_repo_config: bool,
    /// Ignore inline `keyhound:allow` (and peer tools') comments.
    #[arg(long)]
    pub no_inline_ignore: bool,
    /// Report only findings whose fingerprint is not in this baseline
    /// (gitleaks' `-b`/`--baseline-path` are accepted too).
    #[arg(long, value_name = "FILE", alias = "baseline-path", short_alias = 'b')]
    pub baseline: Option<PathBuf>,
    /// List suppressed findings too (marked with their reason).
    #[arg(long)]
    pub show_suppressed: bool,

    /// Check each finding whose rule has a [rule.verify] block against its
    /// provider (live / dead / unknown). Exit code 4 if one is live.
    #[arg(long)]
    pub verify: bool,
    /// Report live findings only (implies --verify).
    #[arg(long)]
    pub only_live: bool,
    /// Point a verification provider at another host (GitHub Enterprise,
    /// GitLab self-managed): https, or http to a loopback address (repeatable).
    #[arg(long = "endpoint", value_name = "PROVIDER=URL")]
    pub endpoints: Vec<String>,

    /// Start the rotation of confirmed leaks through the targets of your
    /// `[rotation]` config (in mode dry-run it only prints what it would send).
    #[arg(long, env = "KEYHOUND_ROTATE", value_parser = clap::builder::BoolishValueParser::new())]
    pub rotate: bool,
    /// Print exactly what --rotate would send, and send nothing (implies --rotate).
    #[arg(long)]
    pub dry_run: bool,
    /// Findings whose key this run's rotation proved dead (state
    /// `verified`) do not fail the run; the others still do.
    #[arg(long)]
    pub fail_on_unrotated: bool,

    /// Also write the scan's metrics (findings by rule and severity) in the
    /// Prometheus text format to FILE, replaced atomically (for
    /// node_exporter's textfile collector: name it `*.prom`).
    #[arg(long, value_name = "FILE")]
    pub metrics: Option<PathBuf>,
    /// Also push the scan's metrics to this Prometheus Pushgateway (https,
    /// or http to a loopback address), group `job=keyhound, command=scan`.
    #[arg(long, value_name = "URL")]
    pub pushgateway: Option<String>,

    #[command(flatten)]
    pub gitleaks: GitleaksFlags,
}

/// gitleaks' flags that users' scripts already pass (issue 15), accepted
/// with the same meaning where keyhound has one.
#[derive(Debug, Args, Clone, Default)]
pub struct GitleaksFlags {
    /// No colour (as `--color never`; the NO_COLOR variable is honoured too).
    #[arg(long)]
    pub no_color: bool,
    /// Accepted for gitleaks scripts: secrets are redacted by default
    /// (`--redact=N` is accepted and redacts fully).
    #[arg(long, value_name = "PERCENT", num_args = 0..=1, require_equals = true, default_missing_value = "100", hide = true)]
    pub redact: Option<u8>,
    /// Accepted for gitleaks scripts (findings are always listed).
    #[arg(long, short = 'v', hide = true)]
    pub verbose: bool,
    /// Accepted for gitleaks scripts (no banner is printed).
    #[arg(long, short = 'q', hide = true)]
    pub quiet: bool,
    /// Accepted for gitleaks scripts (keyhound logs only warnings and errors).
    #[arg(long, short = 'l', value_name = "LEVEL", hide = true)]
    pub log_level: Option<String>,
    /// Skip files larger than N megabytes (gitleaks' name for --max-file-size NM).
    #[arg(long, value_name = "N", conflicts_with = "max_file_size")]
    pub max_target_megabytes: Option<u64>,
}

/// `keyhound rotate --report FILE`: rotation from an earlier scan's report;
/// `keyhound rotate --key NAME --reason TEXT`: an emergency rotation now.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["report", "key"])))]
pub struct RotateArgs {
    /// A JSON report (`keyhound scan --format json -o FILE`; with --no-redact
    /// for targets that need the secret itself, like github-revoke).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["key", "again", "yes"])]
    pub report: Option<PathBuf>,
    /// Emergency: rotate this inventory key ([[rotation.keys]] name) now,
    /// through every target that lists it in `keys` (or --target).
    #[arg(long, value_name = "NAME", requires = "reason")]
    pub key: Option<String>,
    /// With --key: only this target (repeatable).
    #[arg(long = "target", value_name = "ID", requires = "key")]
    pub targets: Vec<String>,
    /// With --key: the key's fingerprint as scans report it (RULE:HASH), so
    /// the ledger entry is the one later scans look up.
    #[arg(long, value_name = "FP", requires = "key")]
    pub fingerprint: Option<String>,
    /// With --key: why (kept in the ledger, the audit log and the events).
    #[arg(long, value_name = "TEXT", requires = "key")]
    pub reason: Option<String>,
    /// With --key: rotate even if the ledger has this rotation done.
    #[arg(long, requires = "key")]
    pub again: bool,
    /// With --key: do not ask (scripts); without it a terminal is asked.
    #[arg(long, short = 'y', requires = "key")]
    pub yes: bool,
    /// A config file to use besides your own (trusted).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print exactly what would be sent, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `keyhound rotation …`: the inventory, its status, the audit log, the ledger.
#[derive(Debug, Subcommand)]
pub enum RotationCommand {
    /// Add a production key no secret manager holds to the live inventory,
    /// as a keyed hash. The key is read from stdin and never stored; a
    /// name added again gets the new value (the old one counts as rotated).
    AddKey {
        /// A name for the key (what targets list in `keys = [...]`).
        #[arg(long)]
        name: String,
        /// Only a finding of this rule (id or glob) matches the key.
        #[arg(long, value_name = "RULE")]
        rule: Option<String>,
        /// A config file to use besides your own (trusted): its
        /// `[rotation.inventory] file` says where the inventory is.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Read every [[rotation.sources]] secret manager into the live
    /// inventory: per secret its path, version, rotation dates and the
    /// keyed hash of its current value (never the value).
    Sync {
        /// A config file to use besides your own (trusted).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Import inventory fields (owner, used_by, environment, criticality,
    /// rotation_frequency, supports_dual_key) from a YAML inventory file.
    Import {
        /// The YAML file: a list of keys, each with `name`, `vault_path` or
        /// `aws_secret`.
        file: PathBuf,
        /// A config file to use besides your own (trusted).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Every inventory key's age, schedule, next due date and state;
    /// exits 1 when a key is overdue or leaked and unrotated, 5 when a
    /// leaked key's rotation failed.
    Status {
        /// text (a table) or json.
        #[arg(long, short = 'f', value_enum, default_value = "text")]
        format: TextOrJson,
        /// Evaluate the schedule at this time instead of now (RFC 3339,
        /// or `+7d` from now): what will be overdue next week.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Also write the rotation metrics (as `rotation metrics` does, at
        /// the time `--at` names) to this file, atomically (node_exporter's
        /// textfile collector).
        #[arg(long, value_name = "FILE")]
        metrics: Option<PathBuf>,
        /// Also push the rotation metrics to this Prometheus Pushgateway.
        #[arg(long, value_name = "URL")]
        pushgateway: Option<String>,
        /// A config file to use besides your own (trusted).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the rotation audit log.
    Log {
        /// text (a table) or json (the JSONL records as stored).
        #[arg(long, short = 'f', value_enum, default_value = "text")]
        format: TextOrJson,
        /// One line per rotation from the ledger: its states in order
        /// (planned → in_flight → done → verified …) and the last detail.
        #[arg(long)]
        lifecycle: bool,
        /// A config file to use besides your own (trusted).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Rotation metrics from the ledger (outcomes per target, each key's
    /// state and last rotation) in the Prometheus text format: to stdout,
    /// to --metrics FILE, or pushed with --pushgateway.
    Metrics {
        /// Write to FILE (replaced atomically; `*.prom` for node_exporter's
        /// textfile collector) instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        metrics: Option<PathBuf>,
        /// Push to this Pushgateway (https, or http to a loopback address),
        /// group `job=keyhound, command=rotation`.
        #[arg(long, value_name = "URL")]
        pushgateway: Option<String>,
        /// A config file to use besides your own (trusted).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Record a human's verdict on an action an interrupted run left in flight.
    Resolve {
        /// The event id (`keyhound rotation log`).
        event_id: String,
        /// It happened (checked at the provider).
        #[arg(long, conflicts_with = "failed", required_unless_present = "failed")]
        done: bool,
        /// It did not happen; the next run may send it again.
        #[arg(long)]
        failed: bool,
        /// Why (kept in the ledger).
        #[arg(long)]
        note: Option<String>,
        /// A config file to use besides your own (trusted).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

/// `keyhound verify --rule ID`: one secret, read from stdin.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The rule whose [rule.verify] block checks the secret (`keyhound rules list`).
    #[arg(long, value_name = "ID")]
    pub rule: String,
    /// Output format (text or json).
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Point a verification provider at another host (repeatable).
    #[arg(long = "endpoint", value_name = "PROVIDER=URL")]
    pub endpoints: Vec<String>,
    /// A config file to use besides your own (trusted).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// A command-line error as keyhound prints it: one line, `keyhound: error:
/// …` like every other error (scripts and CI logs grep for it), made of
/// clap's message and its hints (possible values, a tip) without the usage
/// block; and with every argument that looks like a secret redacted. A key pasted on the command
/// line by mistake (`keyhound verify --rule X ghp_…`) would otherwise be
/// echoed back by "unexpected argument 'ghp_…'" — into terminal
/// scrollback, CI logs and screen shares.
pub fn render_error(err: &clap::Error, argv: &[String]) -> String {
    use clap::error::{ContextKind, ContextValue};
    let unexpected: Vec<&str> = match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => vec![s.as_str()],
        Some(ContextValue::Strings(v)) => v.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let secrets = argv.iter().map(String::as_str).filter(|a| {
        // A stray positional value is the usual shape of a pasted secret;
        // a mistyped flag (`--verfy`) is shown so the user can fix it.
        let stray = unexpected.contains(a) && !a.starts_with('-');
        stray || looks_like_secret(a)
    });
    let redactor = crate::redact::Redactor::new(secrets);
    let text = err.render().to_string();
    let scrubbed = redactor.scrub(&text);
    let parts: Vec<&str> = scrubbed
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let message = parts
        .iter()
        .enumerate()
        .fold(String::new(), |mut m, (i, p)| {
            if i > 0 {
                m.push_str(if p.starts_with("tip:") { "; " } else { " " });
            }
            m.push_str(p);
            m
        });
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    format!(
        "keyhound: error: {} (see --help)\n",
        crate::redact::escape_control(message)
    )
}

/// A built-in rule matches it, or it is long and random enough to be a key.
fn looks_like_secret(arg: &str) -> bool {
    let value = arg.split_once('=').map_or(arg, |(_, v)| v);
    if value.len() >= 16
        && !value.contains(['/', '\\', ' '])
        && crate::fingerprint::estimated_bits(value.as_bytes()) >= 64.0
    {
        return true;
    }
    crate::rules::builtin()
        .ok()
        .and_then(|rules| crate::matcher::Matcher::new(rules).ok())
        .is_some_and(|m| !m.scan(arg.as_bytes()).is_empty())
}
