//! Checksums and structural checks that some token formats carry. A
//! look-alike string (a test fixture, a random identifier with the right
//! prefix, `ghp_` followed by 36 `X`) almost never passes them, so checking
//! removes false positives at no recall cost: a real token always passes.
//!
//! Each scheme is written from the issuer's public description:
//! - GitHub (github.blog, 2021-04-05, "Behind GitHub's new authentication
//!   token formats"): `pfx_` + 30 random base62 characters + the CRC32 of
//!   those 30 characters in base62 (alphabet `0-9A-Za-z`), left-padded with
//!   `0` to 6 characters.
//! - npm (github.blog, 2021-09-23, "npm's new access token format"): the
//!   same construction with the `npm_` prefix.
//! - JWT (RFC 7519): header and payload are base64url JSON objects and the
//!   header names an `alg`.
//! - HTTP basic credentials (RFC 7617): base64 of `user:password`.
//! - age (age-encryption.org/v1): `AGE-SECRET-KEY-1…` is Bech32 (BIP-173)
//!   with the human-readable part `age-secret-key-`.

use base64::Engine;
use serde::{Deserialize, Serialize};

/// The checksum schemes a rule can name in its `checksum` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checksum {
    /// GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`): the last six
    /// characters are the base62 CRC32 of the 30 random characters before them.
    Github,
    /// npm access tokens (`npm_`): same construction as GitHub's.
    Npm,
    /// JSON Web Tokens: header and payload decode to JSON objects, the
    /// header has an `alg`.
    Jwt,
    /// Bech32 strings (age secret keys): the BIP-173 checksum holds.
    Bech32,
    /// HTTP basic credentials (`"auth"` in a Docker config.json): base64 of
    /// printable `user:password`, the password not an obvious placeholder.
    BasicAuth,
}

/// Whether `secret` carries a valid checksum of the given kind.
pub fn is_valid(kind: Checksum, secret: &[u8]) -> bool {
    match kind {
        Checksum::Github => crc32_base62(secret, 4),
        Checksum::Npm => secret.starts_with(b"npm_") && crc32_base62(secret, 4),
        Checksum::Jwt => jwt(secret),
        Checksum::Bech32 => bech32(secret),
        Checksum::BasicAuth => basic_auth(secret),
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

/// `prefix` bytes, then 30 random characters, then their CRC32 in 6 base62
/// characters (GitHub and npm).
fn crc32_base62(secret: &[u8], prefix: usize) -> bool {
    let Some(body) = secret.get(prefix..) else {
        return false;
    };
    if body.len() != 36 || !body.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let (random, check) = body.split_at(30);
    base62(u64::from(crc32fast::hash(random)), 6).as_bytes() == check
}

fn b64url_json_object(part: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    // Some encoders keep the '=' padding; the spec drops it.
    let trimmed = part.strip_suffix(b"==").or_else(|| part.strip_suffix(b"="));
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(trimmed.unwrap_or(part))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

fn jwt(secret: &[u8]) -> bool {
    let mut parts = secret.split(|&b| b == b'.');
    let (Some(header), Some(payload), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    if parts.next().is_some() || signature.is_empty() {
        return false;
    }
    let Some(header) = b64url_json_object(header) else {
        return false;
    };
    let alg_ok = header
        .get("alg")
        .and_then(|a| a.as_str())
        .is_some_and(|a| !a.eq_ignore_ascii_case("none"));
    alg_ok && b64url_json_object(payload).is_some()
}

fn basic_auth(secret: &[u8]) -> bool {
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(secret) else {
        return false;
    };
    if !bytes.iter().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let Some(colon) = bytes.iter().position(|&b| b == b':') else {
        return false;
    };
    let (user, password) = (&bytes[..colon], &bytes[colon + 1..]);
    let placeholder = [
        &b"password"[..],
        b"pass",
        b"passwd",
        b"secret",
        b"changeme",
        b"token",
        // RFC 7617's (and every tutorial's) example pair, Aladdin:open sesame.
        b"open sesame",
        b"opensesame",
    ]
    .iter()
    .any(|p| password.eq_ignore_ascii_case(p));
    !user.is_empty()
        && password.len() >= 6
        && !placeholder
        && !password.starts_with(b"$")
        && !password.starts_with(b"<")
}

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// BIP-173 Bech32, case-insensitive but not mixed-case.
fn bech32(secret: &[u8]) -> bool {
    let has_lower = secret.iter().any(u8::is_ascii_lowercase);
    let has_upper = secret.iter().any(u8::is_ascii_uppercase);
    if has_lower && has_upper {
        return false;
    }
    let lower = secret.to_ascii_lowercase();
    let Some(sep) = lower.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    if hrp.is_empty() || data.len() < 6 {
        return false;
    }
    let mut values: Vec<u8> = hrp.iter().map(|&c| c >> 5).collect();
    values.push(0);
    values.extend(hrp.iter().map(|&c| c & 31));
    for &c in data {
        let Some(v) = BECH32_CHARSET.iter().position(|&x| x == c) else {
            return false;
        };
        values.push(v as u8);
    }
    bech32_polymod(&values) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(prefix: &str, random: &str) -> String {
        format!(
            "{prefix}{random}{}",
            base62(u64::from(crc32fast::hash(random.as_bytes())), 6)
        )
    }

    #[test]
    fn github_checksum_matches_the_published_example() {
        // The example token from the format's public write-ups.
        assert!(is_valid(
            Checksum::Github,
            b"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"
        ));
    }

    #[test]
    fn github_checksum_round_trip() {
        let t = token("ghp_", "abcdefghijklmnopqrstuvwxyzABCD");
        assert!(is_valid(Checksum::Github, t.as_bytes()));
        let mut bad = t.clone().into_bytes();
        bad[10] = b'Z';
        assert!(!is_valid(Checksum::Github, &bad));
        assert!(!is_valid(
            Checksum::Github,
            b"ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
        ));
        assert!(!is_valid(Checksum::Github, b"ghp_short"));
    }

    #[test]
    fn npm_checksum() {
        let t = token("npm_", "Q2w3E4r5T6y7U8i9O0pAsDfGhJkLzX");
        assert!(is_valid(Checksum::Npm, t.as_bytes()));
        assert!(!is_valid(
            Checksum::Npm,
            t.replace("npm_", "ghp_").as_bytes()
        ));
    }

    #[test]
    fn jwt_structure() {
        let ok = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
        assert!(is_valid(Checksum::Jwt, ok.as_bytes()));
        // alg none, payload not JSON, two parts.
        assert!(!is_valid(
            Checksum::Jwt,
            b"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhYmMifQ.c2ln"
        ));
        assert!(!is_valid(
            Checksum::Jwt,
            b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJh.c2ln"
        ));
        assert!(!is_valid(
            Checksum::Jwt,
            b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMifQ"
        ));
    }

    #[test]
    fn basic_auth_pairs() {
        // "deploy:Zx81kQp0vT" and "username:password".
        assert!(is_valid(Checksum::BasicAuth, b"ZGVwbG95Olp4ODFrUXAwdlQ="));
        assert!(!is_valid(Checksum::BasicAuth, b"dXNlcm5hbWU6cGFzc3dvcmQ="));
        assert!(!is_valid(Checksum::BasicAuth, b"bm8tY29sb24taGVyZQ=="));
        // "Aladdin:open sesame", RFC 7617's example.
        assert!(!is_valid(Checksum::BasicAuth, b"QWxhZGRpbjpvcGVuc2VzYW1l"));
        assert!(!is_valid(Checksum::BasicAuth, b"not base64!"));
    }

    #[test]
    fn bech32_checksum() {
        // BIP-173 test vectors.
        assert!(is_valid(Checksum::Bech32, b"A12UEL5L"));
        assert!(is_valid(
            Checksum::Bech32,
            b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
        ));
        assert!(!is_valid(Checksum::Bech32, b"A12UEL5M"));
        assert!(!is_valid(Checksum::Bech32, b"a12UEL5L"));
    }
}
