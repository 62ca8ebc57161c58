//! What the two accuracy suites share: tallies per family, the table they
//! print, and the thresholds they enforce.

use std::collections::BTreeMap;

/// Counts for one family of labelled files.
#[derive(Default)]
pub struct Tally {
    pub positives: usize,
    pub found: usize,
    pub negatives: usize,
    pub false_positives: usize,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Prints the per-family table (see it with `--nocapture`; it is the point
/// of these suites), the misses and the false positives; fails if overall
/// recall is below 95% or the false-positive rate above 1%. Returns the
/// overall tally.
pub fn report_and_check(
    families: &BTreeMap<String, Tally>,
    misses: &[String],
    false_positives: &[String],
) -> Tally {
    let mut total = Tally::default();
    let mut table =
        String::from("family                  positives  recall   negatives  false-pos\n");
    for (family, t) in families {
        let recall = if t.positives == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", pct(t.found, t.positives))
        };
        let fp = if t.negatives == 0 {
            "-".to_string()
        } else {
            format!("{:.2}%", pct(t.false_positives, t.negatives))
        };
        table.push_str(&format!(
            "{family:<23} {:>9}  {recall:>6}   {:>9}  {fp:>8}\n",
            t.positives, t.negatives
        ));
        total.positives += t.positives;
        total.found += t.found;
        total.negatives += t.negatives;
        total.false_positives += t.false_positives;
    }
    let recall = pct(total.found, total.positives);
    let fp_rate = pct(total.false_positives, total.negatives);
    table.push_str(&format!(
        "{:<23} {:>9}  {:>5.1}%   {:>9}  {:>7.2}%\n",
        "overall", total.positives, recall, total.negatives, fp_rate
    ));
    println!("{table}");
    for m in misses {
        println!("missed: {m}");
    }
    for f in false_positives {
        println!("false positive: {f}");
    }
    assert!(recall >= 95.0, "recall {recall:.1}% < 95%\n{table}");
    assert!(
        fp_rate <= 1.0,
        "false-positive rate {fp_rate:.2}% > 1%\n{table}"
    );
    total
}
