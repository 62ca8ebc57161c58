//! Redaction: everything keyhound prints about a secret goes through here.
//!
//! - [`redact`] is the display form of one secret (a hint, never the secret).
//! - [`Redactor`] removes a *set* of secrets from any text: every secret of a
//!   run (reported, suppressed, found in a commit message) in a report, or
//!   the one secret of a provider answer in verification and rotation. It
//!   knows the encoded forms a provider or a file may carry a secret in:
//!   plain, base64 (standard and URL alphabets, padded or not, at any offset
//!   inside a longer base64 run, as in `Basic base64(user:token)`), hex
//!   (either case), percent-encoded and JSON-escaped.
//! - [`escape_control`] makes untrusted text safe for a terminal.
//!
//! README.md "Output formats" is the contract these functions keep.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::borrow::Cow;
use std::fmt::Write as _;

use base64::Engine as _;

/// Most characters of a provider answer (an identity, an error body) that
/// keyhound repeats: enough to name an account, too little to carry a
/// document full of tokens.
pub const ANSWER_CAP: usize = 200;

/// A display form that identifies a secret to a human without revealing it:
/// at most a fifth of its characters and never more than 6, two thirds of
/// them at the front. A 40-character `ghp_` token shows `ghp_…Xy`, a
/// 20-character password 4 characters (`Win…w`), an 8-character one 1
/// (`p…`); below 5 characters nothing but `…`.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    let (head, tail) = revealed(n);
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[n - tail..]);
    out
}

/// How many leading and trailing characters [`redact`] shows of `n`.
fn revealed(n: usize) -> (usize, usize) {
    let total = (n / 5).min(6);
    let tail = total / 3;
    (total - tail, tail)
}

/// Characters that end a token: where a cut line's partial edge stops.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '`' | ',' | ';' | '<' | '>' | '(' | ')' | '[' | ']' | '{' | '}'
        )
}

/// Removes a set of secrets, in every form listed in the module doc, from
/// text: each occurrence becomes the secret's [`redact`] hint.
///
/// A table of exact forms, not an automaton: a run can hold tens of
/// thousands of secrets (a minified line dense with findings), and an
/// Aho-Corasick automaton over their ~12 forms each took longer to build
/// than the scan took to find them. Forms of [`PREFIX`] bytes or more are
/// bucketed by their first [`PREFIX`] bytes, with the distinct lengths in
/// each bucket; shorter forms are few. Building is linear in the forms'
/// size, and a scrub costs one hash probe per text byte (plus one per
/// distinct form length where a prefix matches).
#[derive(Default)]
pub struct Redactor {
    /// Every form → index into `hints`.
    forms: HashMap<Box<[u8]>, usize>,
    /// First [`PREFIX`] bytes of the long forms → their distinct lengths,
    /// longest first.
    long: HashMap<[u8; PREFIX], Vec<usize>>,
    /// Distinct lengths of the forms shorter than [`PREFIX`], longest first.
    short: Vec<usize>,
    hints: Vec<String>,
    /// The secrets' lines that hold a delimiter: a cut line edge may leave
    /// a piece of one of them that the generic edge rule would not remove.
    delimited: Vec<String>,
}

/// The bucket key length of [`Redactor`]'s long forms.
const PREFIX: usize = 8;

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.hints.len())
    }
}

impl Redactor {
    /// A redactor for `secrets` (duplicates and empty strings are ignored).
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut r = Redactor::default();
        let mut seen: FxHashSet<&str> = Default::default();
        for s in secrets {
            if s.is_empty() || !seen.insert(s) {
                continue;
            }
            let idx = r.hints.len();
            r.hints.push(redact(s));
            for form in forms(s) {
                r.add_form(form.into_bytes(), idx);
            }
            for piece in s.split('\n').map(|l| l.trim_end_matches('\r')) {
                if piece.contains(is_delimiter) {
                    r.delimited.push(piece.to_string());
                }
            }
        }
        for lens in r.long.values_mut() {
            lens.sort_unstable_by(|a, b| b.cmp(a));
            lens.dedup();
        }
        r.short.sort_unstable_by(|a, b| b.cmp(a));
        r.short.dedup();
        r
    }

    /// Adds one form of the secret whose hint is `idx`; the first secret to
    /// claim a form keeps it.
    fn add_form(&mut self, form: Vec<u8>, idx: usize) {
        let len = form.len();
        if self.forms.contains_key(form.as_slice()) {
            return;
        }
        match form.first_chunk::<PREFIX>() {
            Some(prefix) => self.long.entry(*prefix).or_default().push(len),
            None => self.short.push(len),
        }
        self.forms.insert(form.into_boxed_slice(), idx);
    }

    /// Whether there is nothing to remove.
    pub fn is_empty(&self) -> bool {
        self.hints.is_empty()
    }

    /// The length of the longest form that starts at `at`, if any.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        let rest = &text[at..];
        let probe = |len: usize| {
            rest.get(..len)
                .and_then(|piece| self.forms.get(piece))
                .map(|&idx| (len, idx))
        };
        if let Some(lens) = rest.first_chunk::<PREFIX>().and_then(|p| self.long.get(p)) {
            if let Some(hit) = lens.iter().find_map(|&len| probe(len)) {
                return Some(hit);
            }
        }
        self.short.iter().find_map(|&len| probe(len))
    }

    /// `text` with every occurrence of every secret replaced by its hint:
    /// leftmost first, the longest form where several start at one place.
    pub fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.forms.is_empty() {
            return Cow::Borrowed(text);
        }
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut last, mut at) = (0, 0);
        while at < bytes.len() {
            // A form is whole UTF-8, so a match starts and ends at a char
            // boundary and the slices below are valid.
            match self.longest_at(bytes, at) {
                Some((len, idx)) => {
                    out.push_str(&text[last..at]);
                    out.push_str(&self.hints[idx]);
                    at += len;
                    last = at;
                }
                None => at += 1,
            }
        }
        if last == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }

    /// A provider answer as keyhound may repeat it: scrubbed, control
    /// characters dropped, at most [`ANSWER_CAP`] characters.
    pub fn scrub_answer(&self, text: &str) -> String {
        let clean: String = self
            .scrub(text)
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        cap(clean.trim(), ANSWER_CAP)
    }

    /// A finding's context line: scrubbed, and where the line was cut (a
    /// leading or trailing `…`, see README.md "Output formats") the token
    /// touching the cut is dropped too, since it may be the visible half of
    /// a secret whose other half was cut away.
    pub fn scrub_line(&self, line: &str) -> String {
        let scrubbed = self.scrub(line);
        let mut s: &str = &scrubbed;
        let cut_front = s.starts_with('…');
        let cut_back = s.ends_with('…') && s.chars().count() > 1;
        if cut_front {
            s = &s['…'.len_utf8()..];
        }
        if cut_back {
            s = &s[..s.len() - '…'.len_utf8()];
        }
        if cut_front {
            let generic = s.find(is_delimiter).unwrap_or(s.len());
            let known = self
                .delimited
                .iter()
                .map(|p| overlap_suffix_prefix(p, s))
                .max()
                .unwrap_or(0);
            s = &s[generic.max(known)..];
        }
        if cut_back {
            let generic = s
                .char_indices()
                .rfind(|&(_, c)| is_delimiter(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let known = self
                .delimited
                .iter()
                .map(|p| overlap_suffix_prefix(s, p))
                .max()
                .unwrap_or(0);
            s = &s[..generic.min(s.len() - known)];
        }
        let mut out = String::with_capacity(s.len() + 6);
        if cut_front {
            out.push('…');
        }
        out.push_str(s);
        if cut_back {
            out.push('…');
        }
        out
    }
}

/// The longest `k` such that the last `k` bytes of `a` equal the first `k`
/// of `b` (both at character boundaries).
fn overlap_suffix_prefix(a: &str, b: &str) -> usize {
    let max = a.len().min(b.len());
    (1..=max)
        .rev()
        .find(|&k| {
            a.is_char_boundary(a.len() - k)
                && b.is_char_boundary(k)
                && a.as_bytes()[a.len() - k..] == b.as_bytes()[..k]
        })
        .unwrap_or(0)
}

/// At most `max` characters of `s`, `…` marking a cut.
pub fn cap(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Encoded forms shorter than this are not searched for: they would match
/// innocent text, and so short a piece of an encoding reveals little.
const MIN_ENCODED: usize = 8;

/// Every form of `secret` a text may carry it in.
fn forms(secret: &str) -> Vec<String> {
    let bytes = secret.as_bytes();
    let mut out: Vec<String> = vec![secret.to_string()];
    // A multi-line secret (a PEM key) is shown line by line in context lines.
    if secret.contains('\n') {
        out.extend(
            secret
                .split('\n')
                .map(|l| l.trim_end_matches('\r').to_string())
                .filter(|l| !l.is_empty()),
        );
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let padded = b64.encode(bytes);
    out.push(padded.replace('+', "-").replace('/', "_"));
    out.push(padded);
    for offset in 0..3 {
        let core = base64_core(bytes, offset);
        if core.len() >= MIN_ENCODED {
            out.push(core.replace('+', "-").replace('/', "_"));
            out.push(core);
        }
    }
    let hex = hex::encode(bytes);
    out.push(hex.to_ascii_uppercase());
    out.push(hex);
    let pct = percent_encode(bytes);
    out.push(lowercase_escapes(&pct));
    out.push(pct);
    out.push(form_urlencoded::byte_serialize(bytes).collect());
    let json = serde_json::to_string(secret).unwrap_or_default();
    if json.len() >= 2 {
        out.push(json[1..json.len() - 1].to_string());
    }
    out.retain(|f| !f.is_empty() && (f == secret || f.len() >= MIN_ENCODED || !f.is_ascii()));
    out.sort();
    out.dedup();
    out
}

/// The base64 characters that depend only on `bytes` when they sit
/// `offset` bytes (mod 3) into a longer encoded run.
fn base64_core(bytes: &[u8], offset: usize) -> String {
    let mut padded = vec![0u8; offset];
    padded.extend_from_slice(bytes);
    let enc = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&padded);
    let (from_bit, to_bit) = (8 * offset, 8 * (offset + bytes.len()));
    enc.char_indices()
        .filter(|(i, _)| 6 * i >= from_bit && 6 * i + 6 <= to_bit)
        .map(|(_, c)| c)
        .collect()
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `%2F` → `%2f`: some encoders write lowercase hex digits.
fn lowercase_escapes(pct: &str) -> String {
    let mut out = String::with_capacity(pct.len());
    let mut chars = pct.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            out.extend(chars.by_ref().take(2).map(|h| h.to_ascii_lowercase()));
        }
    }
    out
}

/// Untrusted text made safe for a terminal: C0 controls (tab excepted),
/// DEL, C1 controls and the bidirectional overrides become visible escapes
/// (`\n`, `\x1b`, `\u{202e}`), so file contents and names can neither move
/// the cursor, set the window title nor split a line.
pub fn escape_control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    #[test]
    fn redaction_reveals_at_most_a_fifth_and_six_characters() {
        let token = format!("{}{}", "ghp_", "abcdefghijklmnopqrstuvwxyz0123456789");
        assert_eq!(redact(&token), "ghp_…89");
        assert_eq!(redact("password"), "p…");
        assert_eq!(redact("abc"), "…");
        let pw = "Winter2023pwWinter20"; // 20 characters
        let r = redact(pw);
        assert_eq!(r, "Win…0");
        assert!(r.chars().filter(|&c| c != '…').count() <= 4);
        for n in 0..100 {
            let s: String = "x".repeat(n);
            let shown = redact(&s).chars().count() - 1;
            assert!(shown <= n / 5 && shown <= 6, "n={n} shows {shown}");
        }
    }

    #[test]
    fn the_scrubber_removes_every_encoding() {
        let secret = "Winter2023pw+/x";
        let r = Redactor::new([secret]);
        let hexed = hex::encode(secret);
        let samples = [
            format!("token={secret}!"),
            format!("echo {}", b64(secret)),
            format!("echo {}", b64(secret).trim_end_matches('=')),
            format!(
                "url {}",
                b64(secret)
                    .replace('+', "-")
                    .replace('/', "_")
                    .trim_end_matches('=')
            ),
            format!("hex {hexed} / {}", hexed.to_uppercase()),
            "pct Winter2023pw%2B%2Fx and Winter2023pw%2b%2fx".to_string(),
            // Inside a longer base64 run at every offset (HTTP Basic auth).
            format!("Basic {}", b64(&format!("user:{secret}"))),
            format!("Basic {}", b64(&format!("us:{secret}"))),
            format!("Basic {}", b64(&format!("u:{secret}"))),
        ];
        for s in &samples {
            let out = r.scrub(s);
            assert!(!out.contains(secret), "{out}");
            assert!(!out.contains(&b64(secret)[..12]), "{s} -> {out}");
            assert!(!out.contains(&hexed[..12]), "{s} -> {out}");
            assert!(!out.contains("Winter2023"), "{s} -> {out}");
            assert!(out.contains('…'), "{s} -> {out}");
        }
        // Unrelated text is untouched and borrowed.
        assert!(matches!(r.scrub("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn answers_are_capped_and_lose_control_characters() {
        let r = Redactor::new(["s3cr3t-value"]);
        let long = format!("\x1b]0;{}\x07{}", "s3cr3t-value", "a".repeat(500));
        let out = r.scrub_answer(&long);
        assert!(!out.contains("s3cr3t"));
        assert!(!out.contains('\x1b'));
        assert_eq!(out.chars().count(), ANSWER_CAP);
    }

    #[test]
    fn a_secret_cut_at_a_line_edge_is_dropped() {
        let secret = format!("{}{}", "AKIA", "ABCDEFGHIJKLMNOP");
        let secret = secret.as_str();
        let r = Redactor::new([secret]);
        let line = format!("…{} key=x other", &secret[7..]);
        assert_eq!(r.scrub_line(&line), "… key=x other");
        let line = format!("x = 1 y={}…", &secret[..9]);
        assert_eq!(r.scrub_line(&line), "x = 1 …");
        // A known secret holding spaces is cut where it overlaps the edge.
        let spaced = "correct horse battery staple";
        let r = Redactor::new([spaced]);
        let line = "a = 1 pw=correct horse batt…";
        assert_eq!(r.scrub_line(line), "a = 1 pw=…");
        let line = "…ttery staple; b = 2";
        assert_eq!(r.scrub_line(line), "…; b = 2");
        // Whole secrets anywhere in the line are replaced.
        let line = format!("k={secret} j={secret}");
        assert_eq!(r.scrub_line(&line), line);
        let r = Redactor::new([secret]);
        assert_eq!(r.scrub_line(&line), "k=AKI…P j=AKI…P");
    }

    #[test]
    fn every_line_of_a_multiline_secret_is_redacted() {
        let pem =
            "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf\n-----END KEY-----";
        let r = Redactor::new([pem]);
        let out = r.scrub_line("MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf");
        assert!(!out.contains("AKj34"), "{out}");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_control("a\tb"), "a\tb");
        assert_eq!(escape_control("x\x1b]0;pwned\x07y"), "x\\x1b]0;pwned\\x07y");
        assert_eq!(escape_control("\x1b[2J"), "\\x1b[2J");
        assert_eq!(escape_control("dir/evil\nname"), "dir/evil\\nname");
        assert_eq!(escape_control("\u{9b}31m\u{7f}"), "\\x9b31m\\x7f");
        assert_eq!(escape_control("a\u{202e}b"), "a\\u{202e}b");
        assert!(matches!(escape_control("plain ü"), Cow::Borrowed(_)));
    }
}
