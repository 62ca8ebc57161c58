//! Fingerprints: the location-independent name of a secret that reports,
//! SARIF `partialFingerprints`, baselines, the rotation ledger and webhooks
//! carry. README.md "Fingerprint" is the contract.
//!
//! A fingerprint is `<rule>:<16 hex>`. The hex must be the same on every
//! machine (baselines and SARIF alert tracking compare them across runs and
//! clones), so it cannot be salted per machine; and anyone who reads a
//! report may try guesses against it, so for a secret that can be guessed
//! the hash must be slow:
//!
//! - a secret with at least [`LOW_ENTROPY_BITS`] estimated bits (a provider
//!   token, a generated key) keeps the first 16 hex of its sha256: guessing
//!   it is hopeless however fast the hash, and those fingerprints are the
//!   ones every earlier keyhound wrote;
//! - a guessable secret (a password, a short key id) gets the first 16 hex
//!   of PBKDF2-HMAC-SHA256 over its sha256 with a fixed public salt and
//!   [`KDF_ROUNDS`] rounds, so every guess costs an attacker the full KDF.
//!   Hashing the sha256 rather than the secret lets the rotation inventory,
//!   which holds sha256s, recognise such a key in a redacted report.
//!
//! The KDF costs ~15 ms, so it runs once per distinct guessable secret per
//! process (cached) and, in a scan, for at most a budget of distinct
//! guessable secrets: the engine gives a guessable secret a
//! [`provisional`] fingerprint (a process-internal identity, never
//! written out), and the pipeline settles them all at the end of the scan
//! in report order with [`settle`]. Past the budget a secret gets a
//! [`location_fingerprint`], which names where it is, not what it is:
//! without the budget a file of ten thousand distinct passwords would cost
//! minutes of KDF. README.md "Fingerprint" documents the budget.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use sha2::{Digest, Sha256};

/// Secrets estimated below this many bits get the slow hash.
pub const LOW_ENTROPY_BITS: f64 = 96.0;
/// PBKDF2 rounds of the slow fingerprint (cost measured in README.md).
pub const KDF_ROUNDS: u32 = 100_000;
/// The fixed, public salt: it separates keyhound's fingerprints from any
/// other PBKDF2 table; it need not (and, for stability, cannot) be secret.
pub const KDF_SALT: &[u8] = b"keyhound/fingerprint/v2";

/// Distinct guessable secrets a scan gives the slow hash by default.
pub const DEFAULT_SLOW_BUDGET: usize = 64;

/// What marks a provisional fingerprint: `<rule>:pending:<sha256>`. Not a
/// fingerprint any report holds (it is replaced before reports are
/// written), only an identity sources can compare within the process.
const PENDING: &str = ":pending:";

/// The fingerprint a scan gives a secret while it runs: final for a
/// high-entropy secret, provisional (see [`settle`]) for a guessable one,
/// so no scan thread pays the KDF.
pub fn provisional(rule: &str, secret: &[u8]) -> String {
    if is_low_entropy(secret) {
        format!("{rule}{PENDING}{}", secret_sha256(secret))
    } else {
        fingerprint(rule, secret)
    }
}

/// Whether `fp` is a [`provisional`] fingerprint still to be settled.
pub fn is_pending(fp: &str) -> bool {
    fp.contains(PENDING)
}

/// Where a pending secret was found: the inputs of a
/// [`location_fingerprint`].
pub struct Location<'a> {
    pub path: &'a str,
    /// The archive member it is in, if any.
    pub member: Option<&'a str>,
    /// The commit (history) or blob id it was found in, if any.
    pub revision: Option<&'a str>,
    pub line: usize,
    pub column: usize,
}

/// How [`settle`] went: the number of distinct guessable secrets that got
/// the slow hash, and how many past the budget got a location fingerprint.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    pub slow: usize,
    pub past_budget: usize,
}

/// Replaces every provisional fingerprint of `items` (given in report
/// order, with their secret and location) by a final one: the first
/// `budget` distinct guessable secrets get the slow hash (computed in
/// parallel on the current rayon pool), the rest a location fingerprint.
/// Report order makes the choice the same on every run over the same
/// input.
pub fn settle<'a>(
    items: impl IntoIterator<Item = (&'a mut String, &'a [u8], Location<'a>)>,
    budget: usize,
) -> Settled {
    use rayon::prelude::*;
    let items: Vec<_> = items
        .into_iter()
        .filter(|(fp, _, _)| is_pending(fp))
        .collect();
    let shas: Vec<[u8; 32]> = items
        .iter()
        .map(|(_, secret, _)| Sha256::digest(secret).into())
        .collect();
    let mut chosen: Vec<[u8; 32]> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut past = std::collections::HashSet::new();
    for &sha in &shas {
        if seen.contains(&sha) || past.contains(&sha) {
            continue;
        }
        if chosen.len() < budget {
            seen.insert(sha);
            chosen.push(sha);
        } else {
            past.insert(sha);
        }
    }
    chosen.par_iter().for_each(|sha| {
        slow_hash(sha);
    });
    for ((fp, _, at), sha) in items.into_iter().zip(shas) {
        let rule = fp.split_once(PENDING).map_or("", |(r, _)| r).to_string();
        *fp = if seen.contains(&sha) {
            format!("{rule}:{}", slow_hash(&sha))
        } else {
            location_fingerprint(&rule, &at)
        };
    }
    Settled {
        slow: chosen.len(),
        past_budget: past.len(),
    }
}

/// `<rule-id>:<16 hex>` of sha256 over the location only: stable for the
/// same finding across runs, and nothing about the secret in it.
pub fn location_fingerprint(rule: &str, at: &Location<'_>) -> String {
    let mut h = Sha256::new();
    h.update(b"keyhound/location/v1\0");
    for part in [
        at.path.as_bytes(),
        at.member.unwrap_or("").as_bytes(),
        at.revision.unwrap_or("").as_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update((at.line as u64).to_le_bytes());
    h.update((at.column as u64).to_le_bytes());
    format!("{rule}:{}", &hex::encode(h.finalize())[..16])
}

/// Whether this process has already paid the slow hash of `secret` (the
/// baseline's other slow keys are computed only for those: see
/// src/baseline.rs `Baseline::contains`).
pub fn has_slow_hash(secret: &[u8]) -> bool {
    let sha: [u8; 32] = Sha256::digest(secret).into();
    slow_cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains_key(&sha)
}

/// `<rule-id>:<16 hex>`: the same wherever and on whichever machine the
/// secret appears.
pub fn fingerprint(rule: &str, secret: &[u8]) -> String {
    format!("{rule}:{}", key_hash(secret))
}

/// The fingerprint every keyhound before fingerprint v2 wrote:
/// `<rule-id>:<first 16 hex of sha256(secret)>`. Equal to [`fingerprint`]
/// for high-entropy secrets; still accepted in baselines and ledgers.
pub fn legacy_fingerprint(rule: &str, secret: &[u8]) -> String {
    format!("{rule}:{}", legacy_key_hash(secret))
}

/// The hash part of [`fingerprint`].
pub fn key_hash(secret: &[u8]) -> String {
    if is_low_entropy(secret) {
        slow_hash(&Sha256::digest(secret).into())
    } else {
        legacy_key_hash(secret)
    }
}

/// The hash part of [`legacy_fingerprint`].
pub fn legacy_key_hash(secret: &[u8]) -> String {
    secret_sha256(secret)[..16].to_string()
}

/// The hash part a key whose sha256 is `sha` (lowercase hex) would have,
/// given whether it is guessable; `None` if `sha` is not 64 hex.
pub fn key_hash_of_sha256(sha: &str, low_entropy: bool) -> Option<String> {
    let bytes: [u8; 32] = hex::decode(sha).ok()?.try_into().ok()?;
    Some(if low_entropy {
        slow_hash(&bytes)
    } else {
        sha[..16].to_ascii_lowercase()
    })
}

/// Lowercase hex sha256 of the secret (process-internal matching only: a
/// guessable secret's sha256 is never written where others read it).
pub fn secret_sha256(secret: &[u8]) -> String {
    hex::encode(Sha256::digest(secret))
}

/// PBKDF2 over a sha256, cached so a secret found a thousand times pays once.
fn slow_hash(sha: &[u8; 32]) -> String {
    let cache = slow_cache();
    if let Some(h) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(sha) {
        return h.clone();
    }
    let mut out = [0u8; 8];
    pbkdf2_sha256(sha, KDF_SALT, KDF_ROUNDS, &mut out);
    let h = hex::encode(out);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(*sha, h.clone());
    h
}

fn slow_cache() -> &'static Mutex<HashMap<[u8; 32], String>> {
    static CACHE: OnceLock<Mutex<HashMap<[u8; 32], String>>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// PBKDF2-HMAC-SHA256 (RustCrypto; `sha2` uses the CPU's SHA extensions
/// where it has them, and Cargo.toml builds dependencies optimised in debug
/// builds too, so tests pay what releases pay).
pub fn pbkdf2_sha256(password: &[u8], salt: &[u8], rounds: u32, out: &mut [u8]) {
    pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, rounds, out);
}

/// Whether a secret is guessable enough to need the slow hash.
pub fn is_low_entropy(secret: &[u8]) -> bool {
    estimated_bits(secret) < LOW_ENTROPY_BITS
}

/// A conservative guess at how many bits an attacker must search: the
/// smaller of a repetition-aware brute-force estimate and a word-aware one
/// in which a run of letters that reads like a word (`winter`, `Winter`,
/// `WINTER`) costs at most 16 bits however long it is, so passphrases and
/// `Summer2024!` count as the guessable things they are.
pub fn estimated_bits(secret: &[u8]) -> f64 {
    repetition_aware_bits(secret).min(word_aware_bits(secret))
}

/// Brute force over the character classes the secret uses (lowercase,
/// uppercase, digits, other ASCII, other bytes), scaled down by how far
/// its Shannon entropy falls short of the most its length allows: a
/// random 24-character token keeps ~130 bits, `aaaaaaaa…` drops to 0.
///
/// Raw Shannon bits × length would not do: n characters can never show
/// more than log2(n) bits each, so every secret of 20 characters or fewer
/// would count as guessable, and a file dense with random tokens would pay
/// the slow hash for each of them.
fn repetition_aware_bits(secret: &[u8]) -> f64 {
    let n = secret.len();
    if n < 2 {
        return 0.0;
    }
    let charset = charset_size(secret);
    let most = (n as f64).log2().min(charset.log2());
    let ratio = (crate::entropy::shannon(secret) / most).min(1.0);
    ratio * n as f64 * charset.log2()
}

/// How many characters an attacker must try per position.
fn charset_size(secret: &[u8]) -> f64 {
    let has = |f: fn(&u8) -> bool| secret.iter().any(f);
    let mut size = 0.0;
    if has(u8::is_ascii_lowercase) {
        size += 26.0;
    }
    if has(u8::is_ascii_uppercase) {
        size += 26.0;
    }
    if has(u8::is_ascii_digit) {
        size += 10.0;
    }
    if has(|b| b.is_ascii() && !b.is_ascii_alphanumeric()) {
        size += 33.0;
    }
    if has(|b| !b.is_ascii()) {
        size += 128.0;
    }
    f64::max(size, 2.0)
}

fn word_aware_bits(secret: &[u8]) -> f64 {
    let mut bits = 0.0;
    let mut i = 0;
    while i < secret.len() {
        let b = secret[i];
        if b.is_ascii_alphabetic() {
            let start = i;
            while i < secret.len() && secret[i].is_ascii_alphabetic() {
                i += 1;
            }
            let run = &secret[start..i];
            let per_char = run.len() as f64 * 52f64.log2();
            bits += if reads_like_word(run) {
                (run.len() as f64 * 26f64.log2()).min(16.0)
            } else {
                per_char
            };
            continue;
        }
        bits += if b.is_ascii_digit() {
            10f64.log2()
        } else if b.is_ascii() {
            5.0
        } else {
            8.0
        };
        i += 1;
    }
    bits
}

/// lowercase, UPPERCASE or Capitalized, and at least 4 letters: how people
/// write words. Shorter same-case runs are what random tokens are made of
/// (`q7Xk…`); discounting them made random 20-character tokens "guessable"
/// and gave each one the slow hash.
fn reads_like_word(run: &[u8]) -> bool {
    if run.len() < 4 {
        return false;
    }
    let rest = &run[1..];
    rest.iter().all(u8::is_ascii_lowercase) || run.iter().all(u8::is_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_is_the_standard_one() {
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        pbkdf2_sha256(b"password", b"salt", 1000, &mut a);
        pbkdf2::pbkdf2_hmac::<Sha256>(b"password", b"salt", 1000, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn high_entropy_fingerprints_are_unchanged_from_v1() {
        let token = format!("{}{}", "ghp_", "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5");
        assert!(!is_low_entropy(token.as_bytes()));
        assert_eq!(
            fingerprint("github-pat", token.as_bytes()),
            legacy_fingerprint("github-pat", token.as_bytes())
        );
        assert_eq!(legacy_fingerprint("demo", b"abc"), "demo:ba7816bf8f01cfea");
    }

    #[test]
    fn guessable_secrets_get_a_fixed_slow_hash() {
        for pw in [
            "Winter2023pw",
            "Summer2024!",
            "correct horse battery staple",
            "AKIAIOSFODNN7EXAMPLE",
        ] {
            assert!(is_low_entropy(pw.as_bytes()), "{pw}");
        }
        // Random tokens are not guessable, however short their length
        // makes their raw Shannon bits look.
        for token in [
            "q7XkP2mZr9LwT4vB8nYc3JdF",
            "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        ] {
            assert!(!is_low_entropy(token.as_bytes()), "{token}");
        }
        assert!(is_low_entropy(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        // Fixed across machines and releases: a change here breaks every
        // baseline and SARIF alert of a low-entropy secret.
        assert_eq!(
            fingerprint("postgres-url", b"Winter2023pw"),
            "postgres-url:9f7e21683336b9df"
        );
        let fp = fingerprint("postgres-url", b"Winter2023pw");
        assert!(!fp.contains(&secret_sha256(b"Winter2023pw")[..16]));
        let sha = secret_sha256(b"Winter2023pw");
        assert_eq!(
            key_hash_of_sha256(&sha, true).unwrap(),
            fp.rsplit_once(':').unwrap().1
        );
    }
}
