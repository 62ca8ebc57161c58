//! Accuracy across assignment syntaxes and private-key forms (issue 13).
//!
//! A cross product, generated here from the rules themselves: every
//! keyword-context rule (its regex uses the shared `(?&assign)` pattern,
//! `rules::ASSIGN`) and the generic rules, × every way code and
//! configuration write a value next to a name (Makefile, PHP, Perl, Go,
//! Kotlin, C#, Java, PowerShell, XML, INI, JSON, command lines, …). The
//! name and value come from each rule's own first positive example, so a
//! new rule joins the suite without an edit here; the generic rules get
//! fresh fake values built from a seed (tests/support/secrets.rs).
//!
//! Each syntax also has negatives — the same line with a reference or a
//! placeholder in place of the value — that no rule may report.
//!
//! Then private keys in every form (concatenated literals, prefixed lines,
//! JSON-escaped, CRLF, one line, Proc-Type headers, truncated bodies),
//! each built from a fake body.
//!
//! Run with `--nocapture` to see recall per syntax and per family. Fails if
//! any syntax's recall is below 100% or any negative is reported.

mod support;

use std::collections::BTreeMap;

use keyhound::matcher::Matcher;
use keyhound::rules::{self, Rule};
use support::secrets::random_b64;

/// (syntax, template): `{name}` and `{value}` are filled in.
const SYNTAXES: &[(&str, &str)] = &[
    ("env", "{name}={value}\n"),
    ("shell export", "export {name}=\"{value}\"\n"),
    ("makefile :=", "{name} := {value}\n"),
    ("makefile ::=", "{name} ::= {value}\n"),
    ("makefile :::=", "{name} :::= {value}\n"),
    ("makefile ?=", "{name} ?= {value}\n"),
    ("makefile +=", "{name} += {value}\n"),
    ("makefile !=", "{name} != {value}\n"),
    ("php .=", "$cfg['{name}'] .= '{value}';\n"),
    ("php array =>", "    '{name}' => '{value}',\n"),
    ("perl/ruby hash =>", "  :{name} => \"{value}\",\n"),
    ("logstash =>", "    {name} => \"{value}\"\n"),
    ("go :=", "\t{name} := \"{value}\"\n"),
    ("go var string =", "var {name} string = \"{value}\"\n"),
    ("kotlin val", "val {name}: String = \"{value}\"\n"),
    ("swift let", "let {name} = \"{value}\"\n"),
    (
        "c# field",
        "    private const string {name} = \"{value}\";\n",
    ),
    (
        "c# verbatim",
        "    static readonly string {name} = @\"{value}\";\n",
    ),
    (
        "java field",
        "    private static final String {name} = \"{value}\";\n",
    ),
    ("powershell", "${name} = '{value}'\n"),
    ("powershell hashtable", "$h = @{ '{name}' = '{value}' }\n"),
    ("xml element", "  <{name}>{value}</{name}>\n"),
    (
        "xml element, value on its own line",
        "  <{name}>\n    {value}\n  </{name}>\n",
    ),
    (
        "xml add key/value",
        "    <add key=\"{name}\" value=\"{value}\" />\n",
    ),
    ("ini", "{name} = {value}\n"),
    ("ini quoted", "{name} = \"{value}\"\n"),
    ("properties colon", "{name}: {value}\n"),
    ("yaml", "  {name}: \"{value}\"\n"),
    ("json", "  \"{name}\": \"{value}\",\n"),
    ("json escaped", "\"{\\\"{name}\\\":\\\"{value}\\\"}\"\n"),
    ("python raw string", "{name} = r'{value}'\n"),
    ("python dict item", "cfg['{name}'] = '{value}'\n"),
    (
        "call with name",
        "os.environ.setdefault(\"{name}\", \"{value}\")\n",
    ),
    ("setter", "client.set_{name}(\"{value}\")\n"),
    (
        "curl header",
        "curl -H \"{name}: {value}\" https://api.vendor.test/v1\n",
    ),
    ("dockerfile env", "ENV {name}={value}\n"),
    ("compose list", "      - {name}={value}\n"),
    ("ruby symbol", "  {name}: '{value}',\n"),
];

/// Values that are not secrets, put where the value goes.
const NEGATIVE_VALUES: &[&str] = &["${{NAME}}", "<your-{lower}>", "{{ .Values.{lower} }}"];

/// A rule of the cross product: its id, a name its regex accepts, a value.
struct Case {
    rule: String,
    family: String,
    name: String,
    value: String,
}

/// The identifier written just before the secret in `text`: what is left of
/// the text before it once separators and quotes are stripped.
fn name_before(text: &str, secret: &str) -> Option<String> {
    let at = text.find(secret)?;
    let before = text[..at].trim_end_matches(|c: char| " \t\"'=:,>([{$@`".contains(c));
    let name: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

fn family(rule: &Rule) -> String {
    rule.tags.first().cloned().unwrap_or_else(|| "other".into())
}

fn cases(rules: &[Rule]) -> Vec<Case> {
    let mut out = Vec::new();
    for rule in rules {
        if !rule.regex.contains(rules::ASSIGN) {
            continue;
        }
        if rule.generic {
            // Generic rules: several names, values made here.
            let names: &[&str] = if rule.id == "generic-password" {
                &["DB_PASSWORD", "smtpPassword", "admin.passwd"]
            } else {
                &["API_KEY", "clientSecret", "auth_token"]
            };
            for name in names {
                let v = random_b64(&format!("{}{name}", rule.id), 24)
                    .replace(['+', '/'], "x")
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "");
                out.push(Case {
                    rule: rule.id.clone(),
                    family: "generic".into(),
                    name: name.to_string(),
                    value: format!("{v}9Q"),
                });
            }
            continue;
        }
        let example = rule
            .examples
            .positive
            .iter()
            .find_map(|p| Some((name_before(p.text(), p.secret()?)?, p.secret()?)));
        let (name, value) =
            example.unwrap_or_else(|| panic!("{}: no positive example with a name", rule.id));
        out.push(Case {
            rule: rule.id.clone(),
            family: family(rule),
            name,
            value: value.to_string(),
        });
    }
    out
}

/// With `KEYHOUND_DUMP_SYNTAX=DIR`, each positive case is also written to
/// `DIR/<syntax>/<rule>` (with a `.expect` file holding the secret), so
/// another build — or another scanner — can be measured on the same cases.
fn dump(syntax: &str, case: &Case, text: &str) {
    let Some(dir) = std::env::var_os("KEYHOUND_DUMP_SYNTAX") else {
        return;
    };
    let dir = std::path::Path::new(&dir).join(syntax.replace(['/', ' ', ','], "_"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{}.txt", case.rule)), text).unwrap();
    std::fs::write(dir.join(format!("{}.expect", case.rule)), &case.value).unwrap();
}

fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace("{name}", name).replace("{value}", value)
}

#[derive(Default)]
struct Count {
    total: usize,
    found: usize,
}

fn print_table(title: &str, counts: &BTreeMap<String, Count>) {
    println!("{title:<40} cases  recall");
    for (k, c) in counts {
        println!(
            "{k:<40} {:>5}  {:>5.1}%",
            c.total,
            100.0 * c.found as f64 / c.total.max(1) as f64
        );
    }
}

#[test]
fn every_keyword_context_rule_in_every_syntax() {
    let rules = rules::builtin_with_examples().expect("rules load");
    let matcher = Matcher::new(rules::builtin().unwrap()).unwrap();
    let cases = cases(&rules);
    assert!(
        cases.len() >= 50,
        "only {} keyword-context rules",
        cases.len()
    );

    let mut by_syntax: BTreeMap<String, Count> = BTreeMap::new();
    let mut by_family: BTreeMap<String, Count> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for case in &cases {
        for (syntax, template) in SYNTAXES {
            let text = fill(template, &case.name, &case.value);
            dump(syntax, case, &text);
            let found = matcher
                .scan(text.as_bytes())
                .into_iter()
                .any(|m| matcher.rule(m.rule).id == case.rule && text[m.secret] == case.value);
            for c in [
                by_syntax.entry(syntax.to_string()).or_default(),
                by_family.entry(case.family.clone()).or_default(),
            ] {
                c.total += 1;
                c.found += usize::from(found);
            }
            if !found {
                misses.push(format!("{} × {syntax}: {text:?}", case.rule));
            }
            for neg in NEGATIVE_VALUES {
                let value = neg
                    .replace("{NAME}", &case.name.to_ascii_uppercase())
                    .replace("{lower}", &case.name.to_ascii_lowercase());
                let text = fill(template, &case.name, &value);
                let hits = matcher.scan(text.as_bytes());
                if !hits.is_empty() {
                    false_positives.push(format!(
                        "{} × {syntax}: {text:?} ({})",
                        case.rule,
                        matcher.rule(hits[0].rule).id
                    ));
                }
            }
        }
    }
    print_table("syntax", &by_syntax);
    print_table("family", &by_family);
    let total: usize = by_syntax.values().map(|c| c.total).sum();
    println!(
        "{} rules × {} syntaxes = {total} cases, {} missed, {} false positives",
        cases.len(),
        SYNTAXES.len(),
        misses.len(),
        false_positives.len()
    );
    assert!(
        misses.is_empty() && false_positives.is_empty(),
        "misses:\n{}\nfalse positives:\n{}",
        misses.join("\n"),
        false_positives.join("\n")
    );
}

/// A fake PEM body: `lines` lines of 64 base64 characters.
fn pem_body(seed: &str, lines: usize) -> Vec<String> {
    let b = random_b64(seed, 64 * lines);
    let mut out: Vec<String> = (0..lines).map(|i| b[i * 64..(i + 1) * 64].into()).collect();
    out[0].replace_range(0..4, "MIIE");
    out
}

/// (form, text) for one key type's BEGIN/END label.
fn key_forms(label: &str, seed: &str) -> Vec<(&'static str, String)> {
    let body = pem_body(seed, 12);
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let block = |sep: &str, prefix: &str| {
        let mut lines = vec![begin.clone()];
        lines.extend(body.iter().cloned());
        lines.push(end.clone());
        lines
            .iter()
            .map(|l| format!("{prefix}{l}"))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let concat = |open: &str, close: &str, joiner: &str| {
        let mut lines = vec![begin.clone()];
        lines.extend(body.iter().cloned());
        let mut s: Vec<String> = lines
            .iter()
            .map(|l| format!("{open}{l}\\n{close}"))
            .collect();
        s.push(format!("{open}{end}{close}"));
        s.join(joiner)
    };
    vec![
        ("pem", block("\n", "")),
        ("pem crlf", block("\r\n", "")),
        ("pem indented (yaml block)", block("\n", "    ")),
        ("pem extra blank lines", block("\n\n", "")),
        ("pem trailing spaces", block("  \n", "")),
        ("pem one line", block(" ", "")),
        ("pem '# ' comment", block("\n", "# ")),
        ("pem '// ' comment", block("\n", "// ")),
        ("pem ' * ' doc comment", block("\n", " * ")),
        ("pem '> ' quote", block("\n", "> ")),
        (
            "pem log prefix",
            block("\n", "2026-03-01 10:00:00,123 DEBUG ssl: "),
        ),
        (
            "json escaped \\n",
            format!(
                "{{\"name\": \"web\", \"private_key\": \"{}\\n\"}}",
                block("\\n", "")
            ),
        ),
        (
            "java/js concatenation",
            format!("String k = {};", concat("\"", "\"", " +\n    ")),
        ),
        (
            "python implicit concatenation",
            format!("KEY = (\n    {}\n)", concat("\"", "\"", "\n    ")),
        ),
        (
            "c# concatenation",
            format!("var k = {};", concat("@\"", "\"", "\n  + ")),
        ),
    ]
}

#[test]
fn private_keys_in_every_form() {
    let matcher = Matcher::new(rules::builtin().unwrap()).unwrap();
    let labels = [
        "RSA PRIVATE KEY",
        "EC PRIVATE KEY",
        "DSA PRIVATE KEY",
        "PRIVATE KEY",
        "OPENSSH PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
        "PGP PRIVATE KEY BLOCK",
    ];
    let mut by_form: BTreeMap<String, Count> = BTreeMap::new();
    let mut misses = Vec::new();
    let is_key_rule = |id: &str| id.starts_with("private-key") || id.starts_with("putty");
    for label in labels {
        for (form, text) in key_forms(label, label) {
            let hits: Vec<_> = matcher
                .scan(text.as_bytes())
                .into_iter()
                .filter(|m| is_key_rule(&matcher.rule(m.rule).id))
                .collect();
            let c = by_form.entry(form.to_string()).or_default();
            c.total += 1;
            // One key, one finding, at full severity.
            let full =
                hits.len() == 1 && matcher.rule(hits[0].rule).severity >= rules::Severity::High;
            c.found += usize::from(full);
            if !full {
                let ids: Vec<_> = hits.iter().map(|m| &matcher.rule(m.rule).id).collect();
                misses.push(format!("{label} × {form}: {ids:?}"));
            }
        }
    }
    // Encrypted PEM (Proc-Type/DEK-Info) keeps its lower severity.
    let body = pem_body("proc-type", 12).join("\n");
    let text = format!(
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9\n\n{body}\n-----END RSA PRIVATE KEY-----\n"
    );
    let hits = matcher.scan(text.as_bytes());
    let c = by_form.entry("pem proc-type header".into()).or_default();
    c.total += 1;
    if hits.len() == 1 && matcher.rule(hits[0].rule).id == "private-key-rsa-encrypted" {
        c.found += 1;
    } else {
        misses.push(format!("proc-type: {:?}", hits));
    }
    // Truncated: a header and two lines of body, then nothing.
    let body = pem_body("truncated", 2).join("\n");
    for text in [
        format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n"),
        format!("> -----BEGIN OPENSSH PRIVATE KEY-----\n> {body}\n> [...]\n"),
    ] {
        let hits = matcher.scan(text.as_bytes());
        let c = by_form.entry("truncated (medium)".into()).or_default();
        c.total += 1;
        if hits.len() == 1
            && matcher.rule(hits[0].rule).id == "private-key-truncated"
            && matcher.rule(hits[0].rule).severity == rules::Severity::Medium
        {
            c.found += 1;
        } else {
            misses.push(format!("truncated: {text:?}"));
        }
    }
    print_table("private-key form", &by_form);
    assert!(misses.is_empty(), "misses:\n{}", misses.join("\n"));

    // Public keys and placeholders in the same forms stay quiet.
    for (form, text) in key_forms("PUBLIC KEY", "public") {
        assert!(
            matcher.scan(text.as_bytes()).is_empty(),
            "public key × {form}"
        );
    }
    for text in [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----\n",
        "\"-----BEGIN PRIVATE KEY-----\\n<your key>\\n-----END PRIVATE KEY-----\\n\"",
    ] {
        assert!(matcher.scan(text.as_bytes()).is_empty(), "{text:?}");
    }
}
