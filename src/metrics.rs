//! Prometheus metrics: a typed [`Snapshot`] of what keyhound knows (a scan's
//! findings; the rotation ledger's outcomes and each inventory key's state),
//! written in the Prometheus text exposition format 0.0.4 — to a file
//! replaced atomically (node_exporter's textfile collector reads `*.prom`
//! files and must never see half of one) or `PUT` to a Pushgateway.
//!
//! The format is written here rather than with `prometheus-client`: that
//! crate writes OpenMetrics (`# EOF`, `_created` series), which neither the
//! textfile collector nor the Pushgateway's text parser takes as 0.0.4, and
//! its registry of live counters has nothing to count in a process that
//! exits after one scan. The whole format keyhound needs is `# HELP`,
//! `# TYPE` and `name{label="value"} number` lines with three escapes.
//!
//! No label ever carries a secret, a hash or a fingerprint: findings are
//! labelled by rule id and severity, rotations by target id and outcome,
//! keys by their inventory name (a key without one is only counted).

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;

use crate::rules::Severity;

/// Everything one write exposes.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub scan: Option<ScanMetrics>,
    pub rotation: Option<RotationMetrics>,
}

/// What one scan found.
#[derive(Debug, Clone)]
pub struct ScanMetrics {
    pub finished_at: Timestamp,
    pub duration: Duration,
    pub bytes: u64,
    pub errors: u64,
    /// Reported (not suppressed) findings per rule and severity.
    pub findings: Vec<FindingCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingCount {
    pub rule: String,
    pub severity: Severity,
    pub count: u64,
}

/// What the rotation ledger (and, when kept, the inventory) shows.
#[derive(Debug, Clone, Default)]
pub struct RotationMetrics {
    /// Outcomes recorded in the ledger, per target: a counter over the
    /// ledger's life (it is append-only).
    pub outcomes: Vec<OutcomeCount>,
    /// One entry per key: every inventory key, and every other key the
    /// ledger has rotated (those without a `name`).
    pub keys: Vec<KeyMetric>,
    /// When the inventory was last read from the secret managers.
    pub last_sync: Option<Timestamp>,
    /// "Now" for the ages (the time of the write).
    pub now: Option<Timestamp>,
}

impl RotationMetrics {
    /// Adds what another source knows of a key (the live inventory's
    /// schedule, say) to the entry of the same name, or lists it: the more
    /// urgent state wins, the later last rotation, the given next due date.
    pub fn merge_key(&mut self, k: KeyMetric) {
        let same = self
            .keys
            .iter_mut()
            .find(|m| m.name.is_some() && m.name == k.name);
        match same {
            Some(m) => {
                m.state = m.state.max(k.state);
                m.last_rotated = m.last_rotated.max(k.last_rotated);
                m.next_due = k.next_due.or(m.next_due);
            }
            None => self.keys.push(k),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeCount {
    pub target: String,
    /// A ledger state: `done`, `pending`, `verified`, `unverifiable`,
    /// `failed`, `still_live`.
    pub outcome: String,
    pub count: u64,
}

/// One key's rotation state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMetric {
    /// The inventory name; `None` for a key known only by its fingerprint
    /// (counted in the totals, never labelled).
    pub name: Option<String>,
    pub state: KeyState,
    pub last_rotated: Option<Timestamp>,
    pub next_due: Option<Timestamp>,
}

/// A key's state, most urgent last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyState {
    Ok,
    /// A rotation is on its way (in flight, or accepted and pending).
    Rotating,
    /// Its schedule says rotate now.
    Due,
    /// Past its schedule.
    Overdue,
    /// The last rotation failed.
    RotationFailed,
    /// Leaked, and the leaked value still works (a rotation reported done
    /// but the value was proved live, or none has run).
    LeakedUnrotated,
}

impl KeyState {
    pub const ALL: [KeyState; 6] = [
        KeyState::Ok,
        KeyState::Rotating,
        KeyState::Due,
        KeyState::Overdue,
        KeyState::RotationFailed,
        KeyState::LeakedUnrotated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Ok => "ok",
            KeyState::Rotating => "rotating",
            KeyState::Due => "due",
            KeyState::Overdue => "overdue",
            KeyState::RotationFailed => "rotation_failed",
            KeyState::LeakedUnrotated => "leaked_unrotated",
        }
    }

    /// A leaked value may still work.
    pub fn leaked(self) -> bool {
        matches!(
            self,
            KeyState::Rotating | KeyState::RotationFailed | KeyState::LeakedUnrotated
        )
    }
}

/// Errors of writing or pushing metrics.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("cannot write metrics to {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("--pushgateway: {0}")]
    Url(String),
    #[error("pushing metrics to {url}: {message}")]
    Push { url: String, message: String },
}

// ---------------------------------------------------------------------------
// The text format

/// One metric family as it is written.
struct Family<'a> {
    name: &'a str,
    help: &'a str,
    kind: &'a str,
    samples: Vec<(Vec<(&'a str, String)>, f64)>,
}

/// `\` `"` and newline, escaped as the exposition format says for label values.
fn escape_label(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s
}

/// A sample value: integers without a fraction, the rest as Rust prints
/// them (shortest round-trip), `NaN`/`+Inf`/`-Inf` spelled as the format does.
fn number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn write_family(out: &mut String, f: &Family<'_>) {
    out.push_str(&format!("# HELP {} {}\n", f.name, f.help));
    out.push_str(&format!("# TYPE {} {}\n", f.name, f.kind));
    let mut lines: Vec<String> = f
        .samples
        .iter()
        .map(|(labels, v)| {
            let mut line = f.name.to_string();
            if !labels.is_empty() {
                let parts: Vec<String> = labels
                    .iter()
                    .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
                    .collect();
                line.push_str(&format!("{{{}}}", parts.join(",")));
            }
            line.push(' ');
            line.push_str(&number(*v));
            line
        })
        .collect();
    lines.sort();
    lines.dedup();
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
}

fn seconds(t: Timestamp) -> f64 {
    t.as_second() as f64
}

impl Snapshot {
    /// The snapshot in the text exposition format 0.0.4.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for f in self.families() {
            write_family(&mut out, &f);
        }
        out
    }

    fn families(&self) -> Vec<Family<'_>> {
        let mut v = Vec::new();
        if let Some(s) = &self.scan {
            v.extend(scan_families(s));
        }
        if let Some(r) = &self.rotation {
            v.extend(rotation_families(r));
        }
        v
    }
}

fn scan_families(s: &ScanMetrics) -> Vec<Family<'_>> {
    // Findings of one rule and severity summed (a caller may list a rule twice).
    let mut by: std::collections::BTreeMap<(&str, &str), u64> = Default::default();
    for f in &s.findings {
        *by.entry((f.rule.as_str(), f.severity.as_str()))
            .or_default() += f.count;
    }
    vec![
        Family {
            name: "keyhound_findings",
            help: "Findings the last scan reported (suppressed ones not counted), by rule and severity.",
            kind: "gauge",
            samples: by
                .into_iter()
                .map(|((rule, sev), n)| {
                    (
                        vec![("rule", rule.to_string()), ("severity", sev.to_string())],
                        n as f64,
                    )
                })
                .collect(),
        },
        Family {
            name: "keyhound_scan_timestamp_seconds",
            help: "When the last scan finished (Unix time).",
            kind: "gauge",
            samples: vec![(vec![], seconds(s.finished_at))],
        },
        Family {
            name: "keyhound_scan_duration_seconds",
            help: "How long the last scan took.",
            kind: "gauge",
            samples: vec![(vec![], s.duration.as_secs_f64())],
        },
        Family {
            name: "keyhound_scan_bytes",
            help: "Bytes the last scan read.",
            kind: "gauge",
            samples: vec![(vec![], s.bytes as f64)],
        },
        Family {
            name: "keyhound_scan_errors",
            help: "Files or blobs the last scan could not read.",
            kind: "gauge",
            samples: vec![(vec![], s.errors as f64)],
        },
    ]
}

fn rotation_families(r: &RotationMetrics) -> Vec<Family<'_>> {
    let mut outcomes: std::collections::BTreeMap<(&str, &str), u64> = Default::default();
    for o in &r.outcomes {
        *outcomes
            .entry((o.target.as_str(), o.outcome.as_str()))
            .or_default() += o.count;
    }
    let named: Vec<(&str, &KeyMetric)> = r
        .keys
        .iter()
        .filter_map(|k| k.name.as_deref().map(|n| (n, k)))
        .collect();
    let count = |f: &dyn Fn(&KeyMetric) -> bool| r.keys.iter().filter(|k| f(k)).count() as f64;
    let mut v = vec![
        Family {
            name: "keyhound_rotations_total",
            help: "Rotation outcomes the rotation ledger has recorded, by target and outcome.",
            kind: "counter",
            samples: outcomes
                .into_iter()
                .map(|((t, o), n)| {
                    (
                        vec![("target", t.to_string()), ("outcome", o.to_string())],
                        n as f64,
                    )
                })
                .collect(),
        },
        Family {
            name: "keyhound_keys",
            help: "Keys known to keyhound (inventory keys and keys it has rotated), by state.",
            kind: "gauge",
            samples: KeyState::ALL
                .iter()
                .map(|s| {
                    (
                        vec![("state", s.as_str().to_string())],
                        count(&|k| k.state == *s),
                    )
                })
                .collect(),
        },
        Family {
            name: "keyhound_keys_overdue",
            help: "Keys past their rotation schedule.",
            kind: "gauge",
            samples: vec![(vec![], count(&|k| k.state == KeyState::Overdue))],
        },
        Family {
            name: "keyhound_keys_leaked_unrotated",
            help: "Leaked keys whose leaked value may still work (rotation failed, in progress, or proved live).",
            kind: "gauge",
            samples: vec![(vec![], count(&|k| k.state.leaked()))],
        },
        Family {
            name: "keyhound_key_state",
            help: "1 for the state each named key is in.",
            kind: "gauge",
            samples: named
                .iter()
                .map(|(n, k)| {
                    (
                        vec![("key", n.to_string()), ("state", k.state.as_str().to_string())],
                        1.0,
                    )
                })
                .collect(),
        },
        Family {
            name: "keyhound_key_last_rotation_timestamp_seconds",
            help: "When each named key was last rotated successfully (Unix time).",
            kind: "gauge",
            samples: named
                .iter()
                .filter_map(|(n, k)| {
                    k.last_rotated
                        .map(|t| (vec![("key", n.to_string())], seconds(t)))
                })
                .collect(),
        },
        Family {
            name: "keyhound_key_next_rotation_timestamp_seconds",
            help: "When each named key is next due for rotation (Unix time).",
            kind: "gauge",
            samples: named
                .iter()
                .filter_map(|(n, k)| k.next_due.map(|t| (vec![("key", n.to_string())], seconds(t))))
                .collect(),
        },
    ];
    if let Some(now) = r.now {
        v.push(Family {
            name: "keyhound_key_rotation_age_seconds",
            help: "Seconds from each named key's last successful rotation to when these metrics were written (alert on time() - keyhound_key_last_rotation_timestamp_seconds for a live age).",
            kind: "gauge",
            samples: named
                .iter()
                .filter_map(|(n, k)| {
                    k.last_rotated.map(|t| {
                        (
                            vec![("key", n.to_string())],
                            (now.as_second() - t.as_second()).max(0) as f64,
                        )
                    })
                })
                .collect(),
        });
    }
    if let Some(t) = r.last_sync {
        v.push(Family {
            name: "keyhound_inventory_last_sync_timestamp_seconds",
            help: "When the key inventory was last read from the secret managers (Unix time).",
            kind: "gauge",
            samples: vec![(vec![], seconds(t))],
        });
    }
    v
}

// ---------------------------------------------------------------------------
// Where metrics go

/// Replaces `path` with `text` atomically: written to a hidden temporary
/// file beside it (not `*.prom`, so the textfile collector skips it),
/// synced, then renamed over `path`.
pub fn write_file(path: &Path, text: &str) -> Result<(), MetricsError> {
    let err = |source| MetricsError::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "metrics".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

/// The URL a push goes to: `base` as given when it already names a group
/// (`…/metrics/job/NAME…`), else `base/metrics/job/keyhound/command/{command}`
/// (one group per command, so a scan's push does not replace the rotation
/// metrics and the other way round).
pub fn push_url(base: &str, command: &str) -> Result<String, MetricsError> {
    let url = crate::endpoint::parse(base).map_err(MetricsError::Url)?;
    if url.query().is_some() {
        return Err(MetricsError::Url(format!("{base:?}: no query allowed")));
    }
    if url.path().contains("/metrics/job/") {
        return Ok(url.to_string());
    }
    Ok(format!(
        "{}/metrics/job/keyhound/command/{command}",
        url.as_str().trim_end_matches('/')
    ))
}

/// `PUT`s `text` to a Pushgateway group (replacing what the group held):
/// 10 s timeout, no redirects, no retries (a monitoring push that fails is
/// reported, and the next run pushes again).
pub fn push(base: &str, command: &str, text: &str) -> Result<String, MetricsError> {
    let url = push_url(base, command)?;
    crate::verify::install_tls_provider();
    let fail = |message: String| MetricsError::Push {
        url: url.clone(),
        message,
    };
    let client = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(3))
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("keyhound/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let resp = client
        .put(&url)
        .header("Content-Type", "text/plain; version=0.0.4")
        .body(text.to_string())
        .send()
        .map_err(|e| fail(e.to_string()))?;
    let status = resp.status();
    if !status.is_success() {
        let body: String = resp.text().unwrap_or_default().chars().take(200).collect();
        return Err(fail(format!("HTTP {}: {}", status.as_u16(), body.trim())));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn label_values_are_escaped_and_samples_sorted() {
        let s = Snapshot {
            scan: Some(ScanMetrics {
                finished_at: ts("2026-12-01T10:00:00Z"),
                duration: Duration::from_millis(1500),
                bytes: 10,
                errors: 0,
                findings: vec![
                    FindingCount {
                        rule: "z-rule".into(),
                        severity: Severity::Low,
                        count: 1,
                    },
                    FindingCount {
                        rule: "a\"b\\c\nd".into(),
                        severity: Severity::High,
                        count: 2,
                    },
                    FindingCount {
                        rule: "z-rule".into(),
                        severity: Severity::Low,
                        count: 2,
                    },
                ],
            }),
            rotation: None,
        };
        let text = s.render();
        assert!(
            text.contains("keyhound_findings{rule=\"a\\\"b\\\\c\\nd\",severity=\"high\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("keyhound_findings{rule=\"z-rule\",severity=\"low\"} 3\n"),
            "{text}"
        );
        let a = text.find("rule=\"a").unwrap();
        let z = text.find("rule=\"z").unwrap();
        assert!(a < z, "{text}");
        assert!(text.contains("keyhound_scan_timestamp_seconds 1796119200\n"));
        assert!(text.contains("keyhound_scan_duration_seconds 1.5\n"));
        assert!(text.contains("# TYPE keyhound_findings gauge\n"));
    }

    #[test]
    fn keys_are_counted_by_state_and_only_named_ones_get_series() {
        let r = RotationMetrics {
            outcomes: vec![OutcomeCount {
                target: "vault".into(),
                outcome: "failed".into(),
                count: 2,
            }],
            keys: vec![
                KeyMetric {
                    name: Some("orders-db".into()),
                    state: KeyState::Ok,
                    last_rotated: Some(ts("2026-12-01T09:00:00Z")),
                    next_due: None,
                },
                KeyMetric {
                    name: None,
                    state: KeyState::RotationFailed,
                    last_rotated: None,
                    next_due: None,
                },
                KeyMetric {
                    name: Some("billing".into()),
                    state: KeyState::Overdue,
                    last_rotated: None,
                    next_due: Some(ts("2026-11-01T00:00:00Z")),
                },
            ],
            last_sync: None,
            now: Some(ts("2026-12-01T10:00:00Z")),
        };
        let text = Snapshot {
            scan: None,
            rotation: Some(r),
        }
        .render();
        for want in [
            "keyhound_rotations_total{target=\"vault\",outcome=\"failed\"} 2\n",
            "keyhound_keys{state=\"rotation_failed\"} 1\n",
            "keyhound_keys{state=\"ok\"} 1\n",
            "keyhound_keys{state=\"leaked_unrotated\"} 0\n",
            "keyhound_keys_overdue 1\n",
            "keyhound_keys_leaked_unrotated 1\n",
            "keyhound_key_state{key=\"billing\",state=\"overdue\"} 1\n",
            "keyhound_key_rotation_age_seconds{key=\"orders-db\"} 3600\n",
            "# TYPE keyhound_rotations_total counter\n",
        ] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
        assert_eq!(text.matches("keyhound_key_state{").count(), 2, "{text}");
        assert!(!text.contains("last_sync"), "{text}");
    }

    #[test]
    fn another_sources_view_of_a_key_merges_by_name() {
        let key = |name: &str, state, last: Option<&str>, next: Option<&str>| KeyMetric {
            name: Some(name.into()),
            state,
            last_rotated: last.map(ts),
            next_due: next.map(ts),
        };
        let mut r = RotationMetrics {
            keys: vec![key(
                "a",
                KeyState::RotationFailed,
                Some("2026-11-01T00:00:00Z"),
                None,
            )],
            ..Default::default()
        };
        r.merge_key(key(
            "a",
            KeyState::Overdue,
            Some("2026-11-05T00:00:00Z"),
            Some("2026-11-30T00:00:00Z"),
        ));
        r.merge_key(key("b", KeyState::Due, None, None));
        assert_eq!(r.keys.len(), 2);
        assert_eq!(r.keys[0].state, KeyState::RotationFailed, "the more urgent");
        assert_eq!(r.keys[0].last_rotated, Some(ts("2026-11-05T00:00:00Z")));
        assert_eq!(r.keys[0].next_due, Some(ts("2026-11-30T00:00:00Z")));
        assert_eq!(r.keys[1].state, KeyState::Due);
    }

    #[test]
    fn push_urls_name_a_group_and_follow_the_endpoint_rule() {
        assert_eq!(
            push_url("http://127.0.0.1:9091", "scan").unwrap(),
            "http://127.0.0.1:9091/metrics/job/keyhound/command/scan"
        );
        assert_eq!(
            push_url("https://pgw.example/metrics/job/ci/instance/a", "scan").unwrap(),
            "https://pgw.example/metrics/job/ci/instance/a"
        );
        assert!(push_url("http://pgw.example:9091", "scan").is_err());
        assert!(push_url("https://u:p@pgw.example", "scan").is_err());
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("keyhound.prom");
        write_file(&p, "a 1\n").unwrap();
        write_file(&p, "a 2\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a 2\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        let e = write_file(&dir.path().join("no/such/dir/x.prom"), "").unwrap_err();
        assert!(e.to_string().contains("cannot write metrics"), "{e}");
    }
}
