//! Checksums that some token formats carry. A look-alike string (a test
//! fixture, a random identifier with the right prefix) almost never has a
//! valid checksum, so checking it removes false positives at no recall cost.

use serde::{Deserialize, Serialize};

/// The checksum schemes a rule can name in its `checksum` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checksum {
    /// GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`): the last six
    /// characters are the base62 CRC32 of the 30 random characters before them.
    Github,
}

/// Whether `secret` carries a valid checksum of the given kind.
pub fn is_valid(kind: Checksum, secret: &[u8]) -> bool {
    match kind {
        Checksum::Github => github(secret),
    }
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Encodes `n` in base62, left-padded with '0' to `width` characters.
pub fn base62(mut n: u64, width: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        out.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8(out).expect("base62 is ASCII")
}

fn github(secret: &[u8]) -> bool {
    let Some(body) = secret.get(4..) else {
        return false;
    };
    if body.len() != 36 {
        return false;
    }
    let (random, check) = body.split_at(30);
    base62(u64::from(crc32fast::hash(random)), 6).as_bytes() == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_checksum_round_trip() {
        let random = "abcdefghijklmnopqrstuvwxyzABCD";
        let token = format!("ghp_{random}{}", base62(u64::from(crc32fast::hash(random.as_bytes())), 6));
        assert!(is_valid(Checksum::Github, token.as_bytes()));
        let mut bad = token.clone().into_bytes();
        bad[10] = b'Z';
        assert!(!is_valid(Checksum::Github, &bad));
    }
}
