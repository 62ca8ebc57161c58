//! Long lines (minified bundles) are searched in windows around keyword
//! hits, not whole (README.md, "How matching works"): the real binary must
//! find on one long line exactly what it finds in the same content split
//! over many lines, with columns counted on the long line. The linearity
//! itself is proven by counting work in src/matcher.rs and src/engine.rs.

mod support;

use serde_json::Value;
use support::*;

/// One planted secret: the rule that must find it and its text.
struct Planted {
    rule: &'static str,
    secret: String,
}

/// Pieces of content (secrets, keyword noise, keyword-free filler of
/// varied lengths so windows sometimes merge and sometimes stand alone),
/// and the secrets planted in them.
fn content() -> (Vec<String>, Vec<Planted>) {
    let mut pieces = Vec::new();
    let mut planted = Vec::new();
    let alnum = |seed: &str, n: usize| -> String {
        random_b64(seed, n * 2)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(n)
            .collect()
    };
    for i in 0..120 {
        let seed = format!("linear-{i}");
        let (piece, rule, secret) = match i % 4 {
            0 => {
                let s = alnum(&seed, 24);
                (format!("cfg.auth_token = \"{s}\";"), "generic-secret", s)
            }
            1 => {
                let s = github_pat(&seed);
                (format!("const gh = \"{s}\";"), "github-pat-classic", s)
            }
            2 => {
                // The keyword (`://`) is inside the match, after its start.
                let s = alnum(&seed, 16);
                (
                    format!("u = \"https://deploy-bot:{s}@git.internal.test/x.git\";"),
                    "url-basic-auth",
                    s,
                )
            }
            _ => {
                // generic-secret's longest match: a 24-character name
                // suffix and a 256-character value, so the match ends at
                // the far edge of the window around its keyword.
                let s = alnum(&seed, 256);
                (
                    format!("o.api_key_{}=\"{s}\";", "x".repeat(24 - 1)),
                    "generic-secret",
                    s,
                )
            }
        };
        pieces.push(piece);
        planted.push(Planted { rule, secret });
        // Keyword hits that are not findings, densely.
        pieces.push("a.tokenType=n;n.secret=e.secretValue,".repeat(i % 5));
        // Filler: none, a few hundred bytes (windows merge), or more than a
        // window's reach (windows stand alone).
        pieces.push("v=1;".repeat([0, 80, 1200, 2][i % 4]));
    }
    pieces.retain(|p| !p.is_empty());
    (pieces, planted)
}

fn scan(t: &Tree, file: &str) -> Vec<Value> {
    let (code, doc) = scan_json(t.path(), &[file, "--no-config", "--max-file-size", "100M"]);
    assert_eq!(code, 1, "{doc}");
    findings(&doc).clone()
}

#[test]
fn a_long_line_yields_the_findings_of_the_same_content_over_many_lines() {
    let (pieces, planted) = content();
    let long = pieces.join(" ");
    assert!(long.len() > 100_000 && !long.contains('\n'));
    let t = Tree::new();
    t.write("long.min.js", &long);
    t.write("split.js", pieces.join("\n"));

    let key = |f: &Value| {
        (
            f["rule"].as_str().unwrap().to_string(),
            f["fingerprint"].as_str().unwrap().to_string(),
        )
    };
    let on_long: Vec<_> = scan(&t, "long.min.js").iter().map(key).collect();
    let split = scan(&t, "split.js");
    let on_split: Vec<_> = split.iter().map(key).collect();
    assert_eq!(on_long, on_split);

    // Every planted secret is found, by its rule, on the long line too.
    for p in &planted {
        let fp = keyhound::finding::fingerprint(p.rule, p.secret.as_bytes());
        assert!(
            on_long.iter().any(|(r, f)| r == p.rule && *f == fp),
            "{} not found on the long line",
            p.rule
        );
    }
}

#[test]
fn columns_on_a_long_line_count_from_the_line_start() {
    let (pieces, planted) = content();
    let long = pieces.join(" ");
    let t = Tree::new();
    t.write("long.min.js", &long);
    let found = scan(&t, "long.min.js");
    for p in &planted {
        let fp = keyhound::finding::fingerprint(p.rule, p.secret.as_bytes());
        let f = found
            .iter()
            .find(|f| f["fingerprint"] == fp.as_str())
            .unwrap_or_else(|| panic!("{} not found", p.rule));
        let offset = long.find(&p.secret).unwrap();
        assert_eq!(f["line"], 1);
        assert_eq!(f["column"], offset + 1, "{}", p.rule);
    }
}

#[test]
fn an_allow_comment_anywhere_on_a_long_line_still_covers_it() {
    let (pieces, _) = content();
    let t = Tree::new();
    t.write(
        "long.min.js",
        format!("{} // keyhound:allow\nlet x = 1;\n", pieces.join(" ")),
    );
    let (code, doc) = scan_json(
        t.path(),
        &["long.min.js", "--no-config", "--max-file-size", "100M"],
    );
    assert_eq!(code, 0, "{doc}");
    assert!(findings(&doc).is_empty());
    assert!(doc["stats"]["suppressed"]["inline"].as_u64().unwrap() >= 120);
}
