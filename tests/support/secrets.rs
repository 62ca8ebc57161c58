//! Fake secrets built at run time from a seed, so each test gets its own
//! and this repository holds none (README.md: keyhound scans itself clean).

/// `n` characters of `alphabet` from an xorshift stream seeded by FNV-1a
/// over `seed`, starting from `init` (one per kind, so equal seeds give
/// unrelated secrets of different kinds).
fn pseudo_random(seed: &str, init: u64, alphabet: &[u8], n: usize) -> String {
    let mut state = init;
    for b in seed.bytes() {
        state = (state ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % alphabet.len() as u64) as usize] as char
        })
        .collect()
}

/// A fake but well-formed GitHub classic PAT (valid CRC32 checksum) made
/// from `seed`.
pub fn github_pat(seed: &str) -> String {
    let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let random = pseudo_random(seed, 0xcbf29ce484222325, alphabet, 30);
    let check = keyhound::rules::checksum::base62(u64::from(crc32fast::hash(random.as_bytes())), 6);
    format!("{}{random}{check}", "ghp_")
}

/// `n` pseudo-random base64 characters from `seed` (fake key material).
pub fn random_b64(seed: &str, n: usize) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    pseudo_random(seed, 0x2545f4914f6cdd1d, alphabet, n)
}

/// A fake AWS access key id: `AKIA` + 16 characters of [A-Z2-7].
pub fn aws_key_id(seed: &str) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    format!(
        "{}{}",
        "AKIA",
        pseudo_random(seed, 0x9e3779b97f4a7c15, alphabet, 16)
    )
}
