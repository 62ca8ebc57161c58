//! Text in encodings that the binary test would misjudge.
//!
//! The binary test (a NUL byte in the first 8 KiB, as git's) and the rules
//! work on bytes that are UTF-8 or ASCII-compatible. UTF-16 text (what
//! Windows editors and PowerShell's `>` write) holds a NUL byte in every
//! ASCII character, so it would be skipped as binary and a secret in it
//! lost. A file that starts with a UTF-16 or UTF-32 byte-order mark is
//! therefore decoded to UTF-8 before the binary test and the scan; lines
//! and columns of its findings refer to the decoded text (README.md,
//! "Scanning files and directories"). Without a BOM, nothing is guessed.

use std::borrow::Cow;

/// The bytes to judge and scan: `data` decoded to UTF-8 when it starts with
/// a UTF-16 or UTF-32 byte-order mark (the mark dropped, invalid units
/// replaced by U+FFFD), else `data` unchanged.
pub fn decode(data: &[u8]) -> Cow<'_, [u8]> {
    match data {
        // UTF-32LE's mark starts like UTF-16LE's: test it first.
        [0xFF, 0xFE, 0, 0, rest @ ..] => Cow::Owned(utf32(rest, u32::from_le_bytes)),
        [0, 0, 0xFE, 0xFF, rest @ ..] => Cow::Owned(utf32(rest, u32::from_be_bytes)),
        [0xFF, 0xFE, rest @ ..] => Cow::Owned(utf16(rest, u16::from_le_bytes)),
        [0xFE, 0xFF, rest @ ..] => Cow::Owned(utf16(rest, u16::from_be_bytes)),
        _ => Cow::Borrowed(data),
    }
}

fn utf16(data: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = data.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if !data.len().is_multiple_of(2) {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text.into_bytes()
}

fn utf32(data: &[u8], unit: fn([u8; 4]) -> u32) -> Vec<u8> {
    let mut text: String = data
        .chunks_exact(4)
        .map(|c| char::from_u32(unit([c[0], c[1], c[2], c[3]])))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if !data.len().is_multiple_of(4) {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le16(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        s.encode_utf16().for_each(|u| v.extend(u.to_le_bytes()));
        v
    }

    #[test]
    fn utf16_both_orders_and_utf32() {
        assert_eq!(&*decode(&le16("a=é\n")), "a=é\n".as_bytes());
        let mut be = vec![0xFE, 0xFF];
        "x😀"
            .encode_utf16()
            .for_each(|u| be.extend(u.to_be_bytes()));
        assert_eq!(&*decode(&be), "x😀".as_bytes());
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        "k=v"
            .chars()
            .for_each(|c| le32.extend((c as u32).to_le_bytes()));
        assert_eq!(&*decode(&le32), b"k=v");
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        "k".chars()
            .for_each(|c| be32.extend((c as u32).to_be_bytes()));
        assert_eq!(&*decode(&be32), b"k");
    }

    #[test]
    fn other_bytes_pass_through_unchanged() {
        for data in [
            &b"plain"[..],
            b"\xEF\xBB\xBFutf-8 bom",
            b"",
            b"\xFF",
            b"\x00\x01",
        ] {
            assert!(matches!(decode(data), Cow::Borrowed(d) if d == data));
        }
    }

    #[test]
    fn broken_units_become_replacement_characters() {
        // A lone high surrogate, then an odd trailing byte.
        let data = [0xFF, 0xFE, 0x00, 0xD8, b'a', 0, b'z'];
        assert_eq!(
            String::from_utf8(decode(&data).into_owned()).unwrap(),
            "\u{FFFD}a\u{FFFD}"
        );
        // A code point past U+10FFFF in UTF-32.
        let data = [0xFF, 0xFE, 0, 0, 0, 0, 0x11, 0];
        assert_eq!(&*decode(&data), "\u{FFFD}".as_bytes());
    }
}
