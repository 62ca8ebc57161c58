//! Rules prove themselves: one checker, used by `keyhound rules check` and
//! by `cargo test`, runs every example through the real matcher (prefilter,
//! lazy regex, entropy, checksum, randomness, allowlist — not the bare
//! regex) and checks the registry-wide invariants. It lists every problem at
//! once rather than stopping at the first.

use std::collections::BTreeMap;
use std::fmt;

use crate::matcher::{compile_regex_mode, Matcher};
use crate::rules::{parse_rule_file, Rule};

/// One thing wrong with a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(r) => write!(f, "{}: rule {r:?}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// How strict to be. The built-in pack must meet the bar the project sets
/// for itself; a user's rule file only needs to be correct.
#[derive(Debug, Clone, Copy)]
pub struct Strictness {
    pub min_positives: usize,
    pub min_negatives: usize,
    /// Every positive example must name its expected secret.
    pub require_expected_secret: bool,
}

impl Strictness {
    pub const BUILTIN: Strictness = Strictness {
        min_positives: 2,
        min_negatives: 1,
        require_expected_secret: true,
    };
    pub const USER: Strictness = Strictness {
        min_positives: 1,
        min_negatives: 0,
        require_expected_secret: false,
    };
}

/// Summary of a check run.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub rules: usize,
    pub positives: usize,
    pub negatives: usize,
    pub problems: Vec<Problem>,
    /// rule id → ids of *other* rules that also fire on its positive examples.
    pub overlaps: BTreeMap<String, Vec<String>>,
}

impl CheckReport {
    /// The overlap table, one line per rule: `rule-id: other-id, other-id`
    /// — which other rules also fire on this rule's positive examples.
    /// Kept as a snapshot in the repository so overlaps show up in review.
    pub fn overlaps_text(&self) -> String {
        let mut out = String::new();
        for (rule, others) in &self.overlaps {
            let mut others = others.clone();
            others.sort();
            out.push_str(&format!("{rule}: {}\n", others.join(", ")));
        }
        out
    }
}

/// Checks rule files given as (name, text).
pub fn check_files(files: &[(String, String)], strict: Strictness) -> CheckReport {
    check_files_and_rules(files, Vec::new(), Vec::new(), strict)
}

/// [`check_files`], plus rules already parsed (from config files, with the
/// file each comes from) and the problems found reading them.
pub fn check_files_and_rules(
    files: &[(String, String)],
    parsed: Vec<(String, Rule)>,
    problems: Vec<Problem>,
    strict: Strictness,
) -> CheckReport {
    let mut report = CheckReport {
        problems,
        ..CheckReport::default()
    };
    let mut rules: Vec<(String, Rule)> = parsed;
    for (name, text) in files {
        match parse_rule_file(name, text) {
            Ok(rs) => rules.extend(rs.into_iter().map(|r| (name.clone(), r))),
            Err(e) => report.problems.push(Problem {
                file: name.clone(),
                rule: None,
                message: e.to_string(),
            }),
        }
    }
    check_rules(&rules, strict, &mut report);
    report
}

/// Checks the built-in pack.
pub fn check_builtin() -> CheckReport {
    let files: Vec<(String, String)> = crate::rules::BUILTIN_RULE_FILES
        .iter()
        .map(|(n, t)| (format!("rules/{n}"), t.to_string()))
        .collect();
    check_files(&files, Strictness::BUILTIN)
}

fn check_rules(rules: &[(String, Rule)], strict: Strictness, report: &mut CheckReport) {
    report.rules = rules.len();
    let mut problem = |file: &str, rule: &str, message: String| {
        report.problems.push(Problem {
            file: file.to_string(),
            rule: Some(rule.to_string()),
            message,
        })
    };
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut compiles = true;
    for (file, r) in rules {
        if let Some(prev) = seen.insert(&r.id, file) {
            problem(file, &r.id, format!("duplicate id (also in {prev})"));
        }
        if r.is_path_rule() {
            check_path_rule(file, r, strict, &mut problem);
            continue;
        }
        if let Err(e) = compile_regex_mode(&r.regex, r.unicode) {
            compiles = false;
            problem(file, &r.id, format!("regex does not compile: {e}"));
        }
        let ex = &r.examples;
        if ex.positive.len() < strict.min_positives {
            problem(
                file,
                &r.id,
                format!(
                    "needs at least {} positive examples, has {}",
                    strict.min_positives,
                    ex.positive.len()
                ),
            );
        }
        if ex.negative.len() < strict.min_negatives {
            problem(
                file,
                &r.id,
                format!(
                    "needs at least {} negative examples, has {}",
                    strict.min_negatives,
                    ex.negative.len()
                ),
            );
        }
        for (i, p) in ex.positive.iter().enumerate() {
            if strict.require_expected_secret && p.secret().is_none() {
                problem(
                    file,
                    &r.id,
                    format!(
                        "positive #{}: give the expected secret ({{ text = '…', secret = '…' }})",
                        i + 1
                    ),
                );
            }
            let lower = p.text().to_ascii_lowercase();
            if !r.keywords.is_empty()
                && !r
                    .keywords
                    .iter()
                    .any(|k| lower.contains(&k.to_ascii_lowercase()))
            {
                problem(file, &r.id, format!("positive #{}: contains none of the rule's keywords, so the prefilter would drop it", i + 1));
            }
        }
    }
    if !compiles {
        return;
    }
    let matcher = match Matcher::new(rules.iter().map(|(_, r)| r.clone()).collect()) {
        Ok(m) => m,
        Err(e) => {
            report.problems.push(Problem {
                file: "(rules)".into(),
                rule: None,
                message: format!("keyword prefilter: {e}"),
            });
            return;
        }
    };
    for (index, (file, r)) in rules.iter().enumerate() {
        if r.is_path_rule() {
            report.positives += r.examples.positive.len();
            report.negatives += r.examples.negative.len();
            continue;
        }
        for (i, p) in r.examples.positive.iter().enumerate() {
            report.positives += 1;
            let text = p.text().as_bytes();
            let found = matcher.scan(text);
            let own: Vec<&[u8]> = found
                .iter()
                .filter(|m| m.rule == index)
                .map(|m| &text[m.secret.clone()])
                .collect();
            match (own.is_empty(), p.secret()) {
                (true, _) => problem(
                    file,
                    &r.id,
                    format!("positive #{} not found: {:?}", i + 1, p.text()),
                ),
                (false, Some(want)) if !own.contains(&want.as_bytes()) => problem(
                    file,
                    &r.id,
                    format!(
                        "positive #{}: expected secret {want:?}, found {:?}",
                        i + 1,
                        own.iter()
                            .map(|s| String::from_utf8_lossy(s))
                            .collect::<Vec<_>>()
                    ),
                ),
                _ => {}
            }
            for m in &found {
                if m.rule != index {
                    let other = matcher.rule(m.rule).id.clone();
                    let list = report.overlaps.entry(r.id.clone()).or_default();
                    if !list.contains(&other) {
                        list.push(other);
                    }
                }
            }
        }
        for (i, n) in r.examples.negative.iter().enumerate() {
            report.negatives += 1;
            for m in matcher.scan(n.as_bytes()) {
                let by = &matcher.rule(m.rule).id;
                problem(
                    file,
                    &r.id,
                    format!(
                        "negative #{} is matched by rule {by:?} (secret {:?})",
                        i + 1,
                        String::from_utf8_lossy(&n.as_bytes()[m.secret])
                    ),
                );
            }
        }
    }
}

/// A path rule's examples are paths: each positive must match its path
/// regex, no negative may.
fn check_path_rule(
    file: &str,
    r: &Rule,
    strict: Strictness,
    problem: &mut impl FnMut(&str, &str, String),
) {
    let Some(Ok(re)) = r.path.as_deref().map(|p| compile_regex_mode(p, true)) else {
        problem(file, &r.id, "path regex does not compile".into());
        return;
    };
    let ex = &r.examples;
    if ex.positive.len() < strict.min_positives || ex.negative.len() < strict.min_negatives {
        problem(
            file,
            &r.id,
            format!(
                "needs at least {} positive and {} negative example paths, has {} and {}",
                strict.min_positives,
                strict.min_negatives,
                ex.positive.len(),
                ex.negative.len()
            ),
        );
    }
    for (i, p) in ex.positive.iter().enumerate() {
        if !re.is_match(p.text().as_bytes()) {
            problem(
                file,
                &r.id,
                format!("positive #{}: path {:?} does not match", i + 1, p.text()),
            );
        }
    }
    for (i, n) in ex.negative.iter().enumerate() {
        if re.is_match(n.as_bytes()) {
            problem(
                file,
                &r.id,
                format!("negative #{}: path {n:?} matches", i + 1),
            );
        }
    }
}
