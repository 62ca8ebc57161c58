//! Randomness filters for generic rules: does a value assigned to a
//! secret-like name (`password = …`, `api_key: …`) look like a real secret?
//!
//! Shannon entropy alone cannot tell `getApiKeyFromEnv` (3.6 bits/byte) from
//! `q7Xv2LmP9sKd` (3.6 bits/byte). Real generic findings are dominated by
//! four kinds of non-secrets, each with its own test here:
//!
//! 1. references and templates: `${VAR}`, `{{ x }}`, `os.environ[...]`,
//!    `process.env.X`, `<your-key>`, `%s`;
//! 2. placeholders: `changeme`, `xxxx`, `example`, repeated or sequential
//!    characters;
//! 3. identifiers that are not secrets: UUIDs, hashes on integrity/checksum
//!    lines, git SHAs, paths, URLs, versions, CSS colours, `data:` URIs,
//!    e-mail addresses, numbers;
//! 4. word-like values: identifiers and phrases that split into common words
//!    (an embedded list of ~2,900 words, `randomness/words.txt`).
//!
//! [`plausible_secret`] is called by the matcher for every match of a rule
//! with `generic = true`, after the rule's `min_entropy`.

use std::cell::{Cell, OnceCell};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet;

const WORD_LIST: &str = include_str!("randomness/words.txt");

fn words() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        WORD_LIST
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_ascii_whitespace)
            .collect()
    })
}

/// Whether `secret`, found on `line`, looks like a real random secret.
pub fn plausible_secret(secret: &[u8], line: &[u8]) -> bool {
    let facts = LineFacts::new(line);
    plausible_secret_in(
        secret,
        &Context {
            facts: &facts,
            near: 0..line.len(),
        },
    )
}

/// [`plausible_secret`] with the secret's surroundings as a [`Context`],
/// which many secrets on one line share.
pub fn plausible_secret_in(secret: &[u8], context: &Context<'_, '_>) -> bool {
    let Ok(s) = std::str::from_utf8(secret) else {
        // Non-UTF-8 bytes in a value: binary noise, not a typed secret.
        return false;
    };
    if s.len() < 6 {
        return false;
    }
    !(is_reference(s)
        || has_provider_prefix(s)
        || is_placeholder(s)
        || is_identifier(s, context)
        || is_code_token(s)
        || is_word_like(s)
        || too_uniform(s))
}

/// Words that make a hex value on the same line a hash, not a key.
static HASH_WORDS: Parts = Parts::new(&[
    "integrity",
    "checksum",
    "sha1",
    "sha256",
    "sha512",
    "md5",
    "hash",
    "digest",
    "commit",
    "etag",
    "revision",
    "fingerprint",
    "\"rev\"",
    "rev:",
    "sum",
]);

/// Occurrences, in one line, of the words the identifier checks look for
/// around a secret ("is this hex value on an `integrity` line?"), found
/// once per line and per kind of word, on first use. Many candidates on
/// one line then cost one pass over it, not one each: on a 1 MB minified
/// line with 10k candidates that is the difference between linear and
/// quadratic.
pub struct LineFacts<'a> {
    line: &'a [u8],
    kinds: [OnceCell<Vec<Range<usize>>>; 4],
    examined: Cell<usize>,
}

/// The kinds of words, by index into [`LineFacts::kinds`].
const HASH: usize = 0;
const ARN: usize = 1;
const SECRET_TAG: usize = 2;
const DATA_IMAGE: usize = 3;

fn kind_words(kind: usize) -> &'static Parts {
    static ARN_PARTS: Parts = Parts::new(&["arn:"]);
    static SECRET_TAG_PARTS: Parts = Parts::new(&[":secret:"]);
    static DATA_IMAGE_PARTS: Parts = Parts::new(&["data:image/"]);
    match kind {
        HASH => &HASH_WORDS,
        ARN => &ARN_PARTS,
        SECRET_TAG => &SECRET_TAG_PARTS,
        _ => &DATA_IMAGE_PARTS,
    }
}

impl<'a> LineFacts<'a> {
    pub fn new(line: &'a [u8]) -> Self {
        LineFacts {
            line,
            kinds: Default::default(),
            examined: Cell::new(0),
        }
    }

    /// Bytes read so far, for the matcher's work accounting.
    pub fn examined(&self) -> usize {
        self.examined.get()
    }

    fn count(&self, n: usize) {
        self.examined.set(self.examined.get() + n);
    }

    /// Whether a word of `kind` lies entirely within `range` of the line.
    fn any_within(&self, kind: usize, range: &Range<usize>) -> bool {
        let found = self.kinds[kind].get_or_init(|| {
            self.count(self.line.len());
            automaton(kind_words(kind))
                .find_iter(self.line)
                .map(|m| m.range())
                .collect()
        });
        let first = found.partition_point(|r| r.start < range.start);
        for r in &found[first..] {
            self.count(1);
            if r.start >= range.end {
                break;
            }
            if r.end <= range.end {
                return true;
            }
        }
        false
    }
}

/// Where a secret sits: its line's [`LineFacts`] and the part of the line
/// the checks may read — the whole line, or on a long line a neighbourhood
/// of the secret (the matcher decides, see src/matcher.rs).
pub struct Context<'f, 'a> {
    pub facts: &'f LineFacts<'a>,
    pub near: Range<usize>,
}

impl Context<'_, '_> {
    fn has(&self, kind: usize) -> bool {
        self.facts.any_within(kind, &self.near)
    }

    /// `:secret:<name>` in reach: the secret is the name part of an ARN.
    fn names_arn_secret(&self, lower_secret: &str) -> bool {
        if !(self.has(ARN) && self.has(SECRET_TAG)) {
            return false;
        }
        let text = &self.facts.line[self.near.clone()];
        self.facts.count(text.len());
        let needle = format!(":secret:{lower_secret}");
        memchr::memmem::find(&text.to_ascii_lowercase(), needle.as_bytes()).is_some()
    }
}

/// Source-code tokens that follow `password:`-like names in typed code:
/// paths and types (`::std::os::raw::c_int`), constants (`WIN32_ERROR`,
/// `DBPROMPTOPTIONSENUM`), struct literals (`{SecAuthenticationType`) and
/// member chains (`node.pound_token`). Seen as false positives when
/// scanning ~/.cargo/registry.
fn is_code_token(s: &str) -> bool {
    if s.starts_with(':') || s.starts_with('{') || s.starts_with('(') || s.contains("::") {
        return true;
    }
    // One lowercase word (`fingerprints`, `credentials`): prose, not a key;
    // machine-made secrets mix in digits, capitals or symbols.
    if s.bytes().all(|c| c.is_ascii_lowercase()) {
        return true;
    }
    let b = s.as_bytes();
    let screaming = b
        .iter()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_');
    if screaming && (s.contains('_') || !b.iter().any(u8::is_ascii_digit)) {
        return true;
    }
    let ident = |seg: &str| {
        let mut bytes = seg.bytes();
        bytes
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
            && bytes.all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !seg.bytes().any(|c| c.is_ascii_digit())
    };
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| ident(p))
}

/// Values that carry a provider's own format (a checksum, a signed
/// structure) are judged by that provider's rule alone: if it rejected the
/// value (bad checksum, the public jwt.io example), a generic rule must not
/// report it either.
fn has_provider_prefix(s: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "npm_",
        "eyJ",
        "AKIA",
        "ASIA",
        "sk-ant-",
        "pypi-",
        "AGE-SECRET-KEY-",
    ];
    PREFIXES.iter().any(|p| s.starts_with(p))
}

/// Substrings (lowercase) of code that reads a value from elsewhere.
static REFERENCE_PARTS: Parts = Parts::new(&[
    "${",
    "{{",
    "}}",
    "#{",
    "%(",
    "<%",
    "%>",
    "(",
    ")",
    "[",
    "]",
    "process.env",
    "os.environ",
    "getenv",
    "secrets.",
    "env.",
    "vars.",
    "settings.",
    "config.",
    "self.",
    "this.",
]);

/// Substrings (lowercase) of placeholder values.
static PLACEHOLDER_PARTS: Parts = Parts::new(&[
    "example",
    "sample",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "dummy",
    "redacted",
    "your_",
    "your-",
    "yourkey",
    "yoursecret",
    "yourtoken",
    "xxxx",
    "****",
    "...",
    "…",
    "todo",
    "fixme",
    "replace",
    "insert",
    "fake",
    "mock",
    "lorem",
    "foobar",
    "notasecret",
    "not_a_secret",
    "not-a-secret",
    "password",
    "passwd",
    "secret",
    "qwerty",
    "asdf",
    "12345",
    "abcde",
    "<",
    ">",
]);

/// A list of lowercase substrings, searched for all at once: one
/// Aho-Corasick pass instead of a substring search per entry (the lists
/// run for every candidate secret, and a minified bundle has one every
/// few dozen bytes).
struct Parts {
    words: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl Parts {
    const fn new(words: &'static [&'static str]) -> Self {
        Parts {
            words,
            automaton: OnceLock::new(),
        }
    }
}

/// Whether `s`, ASCII-lowercased, contains one of `parts`.
fn contains_any(parts: &'static Parts, s: &str) -> bool {
    automaton(parts).is_match(s)
}

fn automaton(parts: &'static Parts) -> &'static AhoCorasick {
    parts.automaton.get_or_init(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(parts.words)
            .expect("a short static word list builds")
    })
}

/// Template syntax and code that reads a value from elsewhere.
fn is_reference(s: &str) -> bool {
    const STARTS: &[&str] = &["$", "%", "<", "{", "[", "(", "@", "&", "*", "#{", "!"];
    if STARTS.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    if contains_any(&REFERENCE_PARTS, s) {
        return true;
    }
    // a.b.c member chains made of words: `props.auth.token`.
    if s.contains('.') && s.split('.').all(is_word_like_part) {
        return true;
    }
    false
}

fn is_placeholder(s: &str) -> bool {
    contains_any(&PLACEHOLDER_PARTS, s)
        || has_run(s.as_bytes(), 4)
        || has_sequence(&s.to_ascii_lowercase(), 5)
}

/// `n` identical characters in a row (`aaaa`, `0000`).
fn has_run(s: &[u8], n: usize) -> bool {
    s.windows(n).any(|w| w.iter().all(|&b| b == w[0]))
}

/// `n` consecutive ascending or descending characters (`abcde`, `98765`).
fn has_sequence(s: &str, n: usize) -> bool {
    s.as_bytes().windows(n).any(|w| {
        w.windows(2).all(|p| p[1] == p[0].wrapping_add(1))
            || w.windows(2).all(|p| p[0] == p[1].wrapping_add(1))
    })
}

/// Values with a known non-secret shape.
fn is_identifier(s: &str, context: &Context<'_, '_>) -> bool {
    let b = s.as_bytes();
    // UUID.
    if is_uuid(b) {
        return true;
    }
    // Hashes: hex digests and SRI/`sha512-` strings, on lines that say so.
    let lower = s.to_ascii_lowercase();
    if [
        "sha1-", "sha256-", "sha384-", "sha512-", "sha256:", "sha1:", "md5:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if crate::entropy::is_hex(b) && context.has(HASH) {
        return true;
    }
    // keyhound's own fingerprints (`generic-password:kdf:<16 hex>` in a
    // baseline, a report, a ledger): the slow hash's part reads like a
    // `password: kdf:…` assignment, and a committed baseline must not
    // flag itself.
    if lower
        .strip_prefix("kdf:")
        .is_some_and(|h| h.len() == 16 && crate::entropy::is_hex(h.as_bytes()))
    {
        return true;
    }
    // The name part of an AWS Secrets Manager ARN
    // (`arn:aws:secretsmanager:…:secret:prod/api-AbC123`).
    if context.names_arn_secret(&lower) {
        return true;
    }
    // data: URIs and base64 images.
    if lower.starts_with("data:") || context.has(DATA_IMAGE) {
        return true;
    }
    // URLs (credentials in URLs have their own rule) and paths.
    if s.contains("://")
        || is_absolute_path(s)
        || s.starts_with("./")
        || s.starts_with("../")
        || s.starts_with("~/")
        || s.starts_with('\\')
        || (b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\')
    {
        return true;
    }
    if s.contains('/')
        && s.split('/')
            .filter(|p| !p.is_empty())
            .all(is_word_like_part)
    {
        return true;
    }
    // E-mail addresses and host names made of words.
    if s.contains('@') && s.contains('.') && !s.contains('/') {
        return true;
    }
    // Numbers, versions, dates, IP addresses: digits and separators only.
    let core = s.strip_prefix(['v', 'V']).unwrap_or(s);
    if core
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'_' | b':' | b'+' | b','))
    {
        return true;
    }
    if is_version(core) {
        return true;
    }
    // CSS colours.
    if let Some(hex) = s.strip_prefix('#') {
        if matches!(hex.len(), 3 | 4 | 6 | 8) && crate::entropy::is_hex(hex.as_bytes()) {
            return true;
        }
    }
    // A file name with an extension: `id_rsa.pub`, `service-account.json`.
    if let Some((stem, ext)) = s.rsplit_once('.') {
        if (1..=5).contains(&ext.len())
            && ext.bytes().all(|c| c.is_ascii_lowercase())
            && is_word_like_part(stem)
        {
            return true;
        }
    }
    false
}

/// `/etc/ssl/private/server.key`, `/run/secrets/db`: a leading slash and
/// path-like segments. A base64 secret can start with `/` too (AWS secret
/// keys, Kafka API secrets), so one random segment is not a path.
fn is_absolute_path(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('/') else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    match parts.len() {
        0 => true,
        1 => is_word_like_part(parts[0]) || parts[0].len() < 16,
        n => {
            parts
                .iter()
                .filter(|p| is_word_like_part(p) || p.len() < 12)
                .count()
                * 2
                >= n
        }
    }
}

fn is_uuid(b: &[u8]) -> bool {
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `1.2.3`, `2.0.0-rc.1`, `1.4.2+build.7`.
fn is_version(s: &str) -> bool {
    let main = s.split(['-', '+']).next().unwrap_or(s);
    let parts: Vec<&str> = main.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 6 && p.bytes().all(|c| c.is_ascii_digit()))
}

/// Splits an identifier into its parts: on non-alphanumerics, on
/// lower→upper case changes, and between letters and digits.
fn segments(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=b.len() {
        let boundary = if i == b.len() || !b[i].is_ascii_alphanumeric() {
            true
        } else if start.is_some() {
            let prev = b[i - 1];
            let cur = b[i];
            (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
                || (prev.is_ascii_alphabetic() != cur.is_ascii_alphabetic())
                // "APIKey" → "API", "Key"
                || (prev.is_ascii_uppercase()
                    && cur.is_ascii_uppercase()
                    && b.get(i + 1).is_some_and(u8::is_ascii_lowercase))
        } else {
            false
        };
        if boundary {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
        }
        if i < b.len() && b[i].is_ascii_alphanumeric() && start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Letters of `seg` (lowercase ASCII letters) covered by dictionary words
/// of three or more letters, maximised by dynamic programming.
fn covered_letters(seg: &str) -> usize {
    let w = words();
    let n = seg.len();
    if w.contains(seg) && (n >= 2) {
        return n;
    }
    // best[i]: most letters covered in seg[..i].
    let mut best = vec![0usize; n + 1];
    for i in 1..=n {
        best[i] = best[i - 1];
        for len in 3..=i.min(14) {
            let j = i - len;
            if w.contains(&seg[j..i]) {
                best[i] = best[i].max(best[j] + len);
            }
        }
    }
    best[n]
}

/// Whether the letters of `s` are mostly dictionary words.
fn word_coverage(s: &str) -> (usize, usize) {
    let mut letters = 0;
    let mut covered = 0;
    for seg in segments(s) {
        if !seg.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let lower = seg.to_ascii_lowercase();
        letters += lower.len();
        covered += covered_letters(&lower);
    }
    (letters, covered)
}

fn is_word_like_part(s: &str) -> bool {
    let (letters, covered) = word_coverage(s);
    letters > 0 && covered * 10 >= letters * 7
}

/// Identifiers and phrases: `getApiKeyFromEnv`, `MY_SECRET_NAME`,
/// `correct-horse-battery`, `Summer2024!`.
fn is_word_like(s: &str) -> bool {
    let (letters, covered) = word_coverage(s);
    if letters >= 4 && covered * 10 >= letters * 7 {
        return true;
    }
    // camelCase / PascalCase / snake / kebab / CONSTANT shapes made only of
    // letter runs of 2+ (random strings almost never have this shape).
    let segs = segments(s);
    let only_letters = s
        .bytes()
        .all(|c| c.is_ascii_alphabetic() || c == b'_' || c == b'-');
    if only_letters && segs.len() >= 2 && segs.iter().all(|g| g.len() >= 3) {
        let cased = segs.iter().all(|g| {
            let b = g.as_bytes();
            b[1..].iter().all(u8::is_ascii_lowercase) || b.iter().all(u8::is_ascii_uppercase)
        });
        if cased {
            return true;
        }
    }
    // Identifiers with short or numeric parts: `KspGetTokenFn`,
    // `EcPrivateKeyRfc5915Der`, `token_idx1_backwards`, `id-regCtrl-regToken`.
    // Letter runs of 2+ in identifier case with at least one dictionary word;
    // random strings almost always have a one-letter run somewhere.
    let ident_chars = s
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
    let letter_segs: Vec<&str> = segs
        .iter()
        .copied()
        .filter(|g| g.as_bytes()[0].is_ascii_alphabetic())
        .collect();
    ident_chars
        && letter_segs.len() >= 3
        && letter_segs.iter().all(|g| {
            let b = g.as_bytes();
            b.len() >= 2
                && (b[1..].iter().all(u8::is_ascii_lowercase)
                    || b.iter().all(u8::is_ascii_uppercase))
        })
        && letter_segs
            .iter()
            .any(|g| g.len() >= 3 && words().contains(g.to_ascii_lowercase().as_str()))
}

/// Too few distinct characters for its length (`abababab`, `1a1a1a1a`).
fn too_uniform(s: &str) -> bool {
    let mut seen = [false; 256];
    for &b in s.as_bytes() {
        seen[b as usize] = true;
    }
    let distinct = seen.iter().filter(|&&x| x).count();
    distinct * 3 < s.len().min(30) || distinct < 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_tokens_are_not_secrets() {
        for v in [
            "::std::os::raw::c_int",
            "WIN32_ERROR",
            "DBPROMPTOPTIONSENUM",
            "{SecAuthenticationType",
            "node.pound_token",
            "self.config.secret_key",
        ] {
            assert!(is_code_token(v), "{v}");
        }
        for v in ["X7K2P9Q4LM3N", "nIDTzj9dh?05", "a8f.9dk2Lq", "Gdu0ORMrH?71"] {
            assert!(!is_code_token(v), "{v}");
        }
    }

    fn p(s: &str) -> bool {
        plausible_secret(s.as_bytes(), format!("key = \"{s}\"").as_bytes())
    }

    #[test]
    fn random_values_pass() {
        for s in [
            "q7Xv2LmP9sKdR4tZ",
            "8f14e45fceea167a5a36dedd4bea2543",
            "Zr8#kL2!vQ9@wE4$",
            "aG9zdC1wcm9kLWRiLTAxOnM0ZmVQYXNz",
            "tR7vB2nK9mQ4xZ1wL6pS",
            "k3J9_vQ2-Lm8xN5a",
        ] {
            assert!(p(s), "{s} should be plausible");
        }
    }

    #[test]
    fn references_and_templates_fail() {
        for s in [
            "${DB_PASSWORD}",
            "{{ .Values.secret }}",
            "os.environ[",
            "process.env.API_KEY",
            "<your-api-key>",
            "%s",
            "ENV.fetch(",
            "secrets.GITHUB_TOKEN",
            "props.auth.token",
        ] {
            assert!(!p(s), "{s} should be rejected");
        }
    }

    #[test]
    fn placeholders_fail() {
        for s in [
            "changeme123",
            "xxxxxxxxxxxxxxxx",
            "your_api_key_here",
            "EXAMPLEKEY1234",
            "abcdef123456",
            "aaaaaaaaaaaaaaaa",
            "********",
            "dummy-token-value",
        ] {
            assert!(!p(s), "{s} should be rejected");
        }
    }

    #[test]
    fn identifiers_with_short_or_numeric_parts_fail() {
        assert!(!p("KspGetTokenFn"));
        assert!(!p("EcPrivateKeyRfc5915Der"));
        assert!(!p("token_idx1_backwards"));
        assert!(!p("id-regCtrl-regToken"));
        assert!(p("xDfUKkvpvoLcVnvRsIMLQZ9WKKJZgoF4V0uOfUFR"));
    }

    #[test]
    fn base64_with_a_leading_slash_is_not_a_path() {
        assert!(p("/8P5mBAQUnPcemosSbey27QPQ2X1SLO04IiaNt1l"));
        assert!(p(
            "/4GIlEL3urrAeTUWyJjoJBgxVrKEgAf6a9VdVTspWQirRzKcxPRgsMhPtmxNx56q"
        ));
        assert!(!p("/etc/ssl/private/server.key"));
        assert!(!p("/run/secrets/db_password"));
        assert!(!p("/var/lib/postgresql/data"));
    }

    #[test]
    fn identifiers_fail() {
        let cases = [
            ("123e4567-e89b-12d3-a456-426614174000", "id = \"…\""),
            ("da39a3ee5e6b4b0d3255bfef95601890afd80709", "commit: …"),
            ("sha512-AbC9/xY+zz==", "integrity: …"),
            ("/etc/ssl/private/server.key", "key_file = …"),
            ("https://vault.internal/v1/secret", "url = …"),
            ("1.2.3-beta.4", "token_version = …"),
            ("#ff00aa", "token-color: …"),
            ("ops@example.com", "secret_owner = …"),
            ("service-account.json", "credentials_file = …"),
            ("20240105", "token_date = …"),
        ];
        for (s, line) in cases {
            assert!(!plausible_secret(s.as_bytes(), line.as_bytes()), "{s}");
        }
    }

    #[test]
    fn word_like_values_fail() {
        for s in [
            "getApiKeyFromEnv",
            "MY_SECRET_NAME",
            "authorization_header",
            "correct-horse-battery-staple",
            "SessionTokenProvider",
            "Summer2024!",
            "access_token_expires_in",
        ] {
            assert!(!p(s), "{s} should be rejected");
        }
    }

    #[test]
    fn segments_split_identifiers() {
        assert_eq!(segments("getAPIKey2Env"), ["get", "API", "Key", "2", "Env"]);
        assert_eq!(segments("my_secret-name"), ["my", "secret", "name"]);
    }
}
