//! Registry-wide invariants of the built-in rule pack, through the same
//! checker `keyhound rules check` uses.

use keyhound::rule_check as check;
use keyhound::rules;

#[test]
fn builtin_rules_prove_themselves() {
    let report = check::check_builtin();
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(report.rules >= 200, "the pack has {} rules", report.rules);
}

#[test]
fn every_rule_has_keywords_or_says_why() {
    for r in rules::builtin().unwrap() {
        assert!(
            !r.keywords.is_empty() || r.no_keywords.is_some() || r.is_path_rule(),
            "{} has no keywords",
            r.id
        );
        if let Some(v) = &r.verify {
            assert!(v.validate().is_ok(), "{}: verify block", r.id);
        }
    }
}

/// Which rules fire on which other rules' examples, as a reviewed snapshot.
/// `UPDATE_SNAPSHOTS=1 cargo test --test rules` rewrites it.
#[test]
fn rule_overlap_snapshot() {
    let report = check::check_builtin();
    let actual = report.overlaps_text();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/rule-overlaps.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected, actual,
        "rule overlaps changed; review and run UPDATE_SNAPSHOTS=1 cargo test --test rules"
    );
}

/// Path rules (issue 13): a rule without a regex needs a path, and may not
/// carry fields that read content; the error names the rule and the field.
#[test]
fn path_rules_are_validated() {
    let ok = "[[rule]]\nid = \"f\"\nname = \"F\"\npath = '\\.kdbx$'\nseverity = \"high\"\n";
    let parsed = rules::parse_rule_file("t.toml", ok).unwrap();
    assert!(parsed[0].is_path_rule());
    let no_path = "[[rule]]\nid = \"f\"\nname = \"F\"\nseverity = \"high\"\n";
    let e = rules::parse_rule_file("t.toml", no_path)
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"f\"") && e.contains("`regex`"), "{e}");
    let with_keywords = format!("{ok}keywords = [\"x\"]\n");
    let e = rules::parse_rule_file("t.toml", &with_keywords)
        .unwrap_err()
        .to_string();
    assert!(e.contains("`keywords`") && e.contains("path rule"), "{e}");
}

/// `rules list` counts the pack per family (rule file) and in total.
#[test]
fn rules_are_grouped_in_families() {
    let families = rules::builtin_families();
    let all = rules::builtin().unwrap();
    assert_eq!(families.len(), all.len());
    for family in ["files", "generic", "private-keys", "payments"] {
        assert!(
            families.values().any(|f| f == family),
            "no rule in family {family}"
        );
    }
}
