//! Error text that says *where* a mistake is — line, column, key, field —
//! and never quotes the source around it.
//!
//! Config and rule files are untrusted input that may hold secrets (a token
//! typed into the wrong key, an allowlist regex that spells out a real key),
//! and their errors end up in CI logs. The TOML and regex parsers' own
//! messages print the offending source line and serde's print the offending
//! value, so every such error is rebuilt here from positions and kinds
//! (README.md, "Configuration").

use std::fmt::Write as _;

/// Longest key name quoted in an error; anything longer is cut.
const MAX_KEY: usize = 64;

/// A TOML parse or schema error as one line: `line L, column C: key `K`:
/// message`, with every quoted value removed from the parser's message.
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let mut out = String::new();
    if let Some(span) = e.span() {
        let at = span.start.min(text.len());
        let (line, column) = line_column(text, at);
        let _ = write!(out, "line {line}, column {column}: ");
        if let Some(key) = key_before(text, at) {
            let _ = write!(out, "key `{key}`: ");
        }
    }
    out.push_str(&scrub_values(e.message()));
    out
}

/// A JSON document that does not parse or does not fit its type, with the
/// offending values removed (a `--no-redact` report holds secrets).
pub fn json_error(e: &serde_json::Error) -> String {
    scrub_values(&e.to_string())
}

/// A regex that does not parse, as `field: kind (at column C)` (no field
/// prefix when `field` is empty),
/// without the pattern (which may spell out a secret).
pub fn regex_error(field: &str, pattern: &str, unicode: bool) -> Option<String> {
    let mut parser = regex_syntax::ParserBuilder::new()
        .unicode(unicode)
        .utf8(false)
        .build();
    let what = match parser.parse(pattern) {
        Ok(_) => return None,
        Err(regex_syntax::Error::Parse(e)) => {
            format!(
                "invalid regex: {} (at column {})",
                e.kind(),
                e.span().start.column
            )
        }
        Err(regex_syntax::Error::Translate(e)) => {
            format!(
                "invalid regex: {} (at column {})",
                e.kind(),
                e.span().start.column
            )
        }
        Err(_) => "invalid regex".to_string(),
    };
    Some(if field.is_empty() {
        what
    } else {
        format!("{field}: {what}")
    })
}

/// The message of a regex that parsed but failed to compile (too big):
/// regex's own message for that case quotes no pattern, but keep to kinds.
pub fn regex_compile_error(field: &str, e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!("{field}: the regex compiles to more than the {limit}-byte limit; simplify it (fewer or smaller repetitions)")
        }
        _ => format!("{field}: invalid regex"),
    }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The bare key of the `key = value` assignment that byte `at` falls in,
/// if the line has that shape. Only key characters are returned, so a value
/// can never come out of it.
fn key_before(text: &str, at: usize) -> Option<String> {
    let at = floor_char_boundary(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let (lhs, _) = line.split_once('=')?;
    let key = lhs.trim().trim_matches(|c| c == '"' || c == '\'');
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    if key.is_empty() || !key.chars().all(is_key_char) {
        return None;
    }
    Some(key.chars().take(MAX_KEY).collect())
}

/// serde's messages quote the bad value (`invalid type: string "…",
/// expected usize`); drop every quoted run and keep the shape.
fn scrub_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                // Skip to the closing quote (with escapes); an unclosed
                // quote drops the rest.
                let mut escaped = false;
                for d in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    }
                }
                out.push_str("(value)");
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Scan {
        threads: Option<usize>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct File {
        scan: Scan,
    }

    #[test]
    fn a_value_in_the_wrong_key_is_not_quoted() {
        // Built at run time: the repository holds no token-shaped literal.
        let value = format!("{}{}", "glpat-", "Zq9xTT3kWm4VbN7cR2yH");
        let text = format!("[scan]\nthreads = \"{value}\"\n");
        let e = toml::from_str::<File>(&text).unwrap_err();
        let raw = e.to_string();
        assert!(raw.contains(&value), "toml quotes it: {raw}");
        let msg = toml_error(&text, &e);
        assert!(!msg.contains(&value), "{msg}");
        assert!(!msg.contains("glpat"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("key `threads`"), "{msg}");
        assert!(!msg.contains('\n'), "{msg}");
    }

    #[test]
    fn a_syntax_error_names_the_place_only() {
        let text = format!(
            "[scan]\nthreads = 4 {}{}\n",
            "glpat-", "Zq9xTT3kWm4VbN7cR2yH"
        );
        let e = toml::from_str::<File>(&text).unwrap_err();
        let msg = toml_error(&text, &e);
        assert!(!msg.contains("Zq9x"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
    }

    #[test]
    fn unknown_keys_are_still_named() {
        let text = "[scan]\nthreds = 4\n";
        let e = toml::from_str::<File>(text).unwrap_err();
        let msg = toml_error(text, &e);
        assert!(msg.contains("threds"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
    }

    #[test]
    fn regex_errors_do_not_print_the_pattern() {
        let pattern = format!("^{}{}(", "sk_live_", "Zq9xTT3kWm4VbN7cR2yH");
        let msg = regex_error("allowlist.regexes[0]", &pattern, false).unwrap();
        assert!(!msg.contains("Zq9x"), "{msg}");
        assert!(msg.contains("allowlist.regexes[0]"), "{msg}");
        assert!(msg.contains("column"), "{msg}");
        assert!(regex_error("f", "^ok$", false).is_none());
    }

    #[test]
    fn multibyte_text_does_not_panic() {
        assert_eq!(line_column("é\nü=1", 5), (2, 2));
        assert_eq!(line_column("é\nü=1", 4), (2, 1));
        assert_eq!(key_before("é = 1", 1), None);
        assert_eq!(scrub_values("a \"unterminated"), "a (value)");
    }
}
