//! Decoding: the encoded runs of a blob (base64 and base64url, hex,
//! percent-encoding, JSON/JavaScript string escapes) turned back into the
//! text they carry, so that every rule can be run over it.
//!
//! One call of [`decode_layer`] finds the runs of one buffer and writes the
//! text of each run that decodes to text into one new buffer, a [`Layer`]:
//! the engine scans it with one matcher call and may decode it again (the
//! depth, `--decode-depth`). Each [`Piece`] of a layer remembers the byte
//! range of its run in the buffer below, so a finding in decoded text is
//! placed at the run that held it.
//!
//! Cost when nothing is encoded is what matters: base64/hex runs are found
//! by classifying 64 bytes at a time into a bit mask with vector compares
//! and finding long runs of set bits with shifts ([`alphabet_runs`]); the
//! first base64 quantum (or hex pair) of a run is decoded without
//! allocating, which rejects nearly every run in source code (identifiers,
//! paths, hashes); percent and escape runs start at a `memchr` hit. Each byte is looked at a
//! bounded number of times, and a layer is never larger than the buffer it
//! was decoded from (every encoding shrinks; a key name copied in front of
//! a base64 value comes from bytes no other run uses), so decoding to a
//! depth `d` reads at most `d + 1` times the input.

use std::ops::Range;

/// Shortest base64 run decoded: 24 characters carry 18 bytes (a password
/// shorter than that, base64-encoded, is not looked for).
pub const MIN_BASE64: usize = 24;
/// Shortest hex run decoded (16 bytes).
pub const MIN_HEX: usize = 32;
/// Shortest escaped string decoded.
const MIN_ESCAPED: usize = 8;
/// Longest key name put in front of a decoded base64 value.
const MAX_KEY: usize = 64;

/// How a run was encoded; the JSON `decoded` field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Base64,
    Hex,
    Percent,
    /// JSON / JavaScript string escapes (`\n`, `\"`, `\/`, `\uXXXX`, `\xXX`).
    Escape,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Base64 => "base64",
            Encoding::Hex => "hex",
            Encoding::Percent => "percent",
            Encoding::Escape => "escape",
        }
    }
}

/// One decoded run: where its text is in the layer, where the run was in
/// the buffer below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub out: Range<usize>,
    pub src: Range<usize>,
    pub encoding: Encoding,
    /// The key name the run was assigned to (`GITHUB_TOKEN: <base64>` in a
    /// Kubernetes `Secret`'s `data:`), in the buffer below.
    pub key: Option<Range<usize>>,
}

/// The decoded text of every run of one buffer, pieces separated by a
/// newline, in the order of `out`.
#[derive(Debug, Default)]
pub struct Layer {
    pub text: Vec<u8>,
    pub pieces: Vec<Piece>,
}

impl Layer {
    /// The piece whose text holds `pos`.
    pub fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.out.end <= pos);
        self.pieces.get(i).filter(|p| p.out.start <= pos)
    }
}

/// Decodes the runs of `data` (see the module doc) that decode to text,
/// writing at most `cap` bytes of decoded text.
pub fn decode_layer(data: &[u8], cap: usize) -> Layer {
    let mut layer = Layer::default();
    let mut runs: Vec<(Range<usize>, Encoding)> = Vec::new();
    alphabet_runs(data, |r| runs.push((r, Encoding::Base64)));
    percent_runs(data, |r| runs.push((r, Encoding::Percent)));
    escape_runs(data, |r| runs.push((r, Encoding::Escape)));
    if runs.is_empty() {
        return layer;
    }
    runs.sort_by_key(|(r, _)| r.start);
    // Key names may be taken from bytes after the previous run only.
    let mut floor = 0;
    let mut scratch = Vec::new();
    for (run, enc) in runs {
        scratch.clear();
        let enc = match enc {
            Encoding::Base64 => match base64_or_hex(&data[run.clone()], &mut scratch) {
                Some(e) => e,
                None => continue,
            },
            Encoding::Percent => {
                percent(&data[run.clone()], &mut scratch);
                Encoding::Percent
            }
            _ => {
                unescape(&data[run.clone()], &mut scratch);
                Encoding::Escape
            }
        };
        if !is_text(&scratch) || scratch == data[run.clone()] {
            continue;
        }
        let key = match enc {
            Encoding::Base64 => key_before(data, floor, run.start),
            _ => None,
        };
        let start = layer.text.len();
        let size = key.as_ref().map_or(0, |k| k.len() + 2) + scratch.len() + 1;
        if start + size > cap {
            break;
        }
        {
            if let Some(key) = key.clone() {
                layer.text.extend_from_slice(&data[key]);
                layer.text.extend_from_slice(b": ");
            }
        }
        layer.text.extend_from_slice(&scratch);
        let end = layer.text.len();
        layer.text.push(b'\n');
        floor = floor.max(run.end);
        layer.pieces.push(Piece {
            out: start..end,
            src: run,
            encoding: enc,
            key,
        });
    }
    layer
}

/// The base64 alphabets (standard and URL-safe) as a table (the
/// reference for tests, and the mask outside x86_64).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
static B64: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
        i += 1;
    }
    t
};

/// Bit `i` set when byte `i` of the 64 is in a base64 alphabet.
#[inline(always)]
fn alphabet_mask(chunk: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        let mut m = 0u64;
        for (k, part) in chunk.chunks_exact(16).enumerate() {
            let part: &[u8; 16] = part.try_into().expect("16 bytes");
            m |= u64::from(sse2::alphabet_mask16(part)) << (16 * k);
        }
        m
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut m = 0u64;
        for (i, &b) in chunk.iter().enumerate() {
            m |= u64::from(B64[usize::from(b)]) << i;
        }
        m
    }
}

/// The alphabet test on 16 bytes at once (SSE2 is part of every x86_64).
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// Bit `i` set when byte `i` is `A-Z`, `a-z`, `0-9`, `+`, `/`, `-` or `_`.
    #[inline(always)]
    pub fn alphabet_mask16(bytes: &[u8; 16]) -> u16 {
        // SAFETY: SSE2 is part of the x86_64 baseline, so these intrinsics
        // are always available; the load reads exactly the 16 bytes of
        // `bytes` (unaligned).
        unsafe {
            let v = _mm_loadu_si128(bytes.as_ptr().cast());
            // `x <= max` for unsigned bytes: `min(x, max) == x`.
            let at_most =
                |x: __m128i, max: i8| _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(max)), x);
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = at_most(_mm_sub_epi8(lower, _mm_set1_epi8(b'a' as i8)), 25);
            let digit = at_most(_mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8)), 9);
            let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let sym = _mm_or_si128(
                _mm_or_si128(eq(b'+'), eq(b'/')),
                _mm_or_si128(eq(b'-'), eq(b'_')),
            );
            let all = _mm_or_si128(_mm_or_si128(letter, digit), sym);
            _mm_movemask_epi8(all) as u16
        }
    }
}

/// Calls `f` with every maximal run of base64-alphabet bytes of at least
/// [`MIN_BASE64`] bytes, in order. The blob is classified 64 bytes at a
/// time into a bit mask (vectorised compares, no branch per byte: source
/// code mixes alphabet and other bytes too finely for a byte-wise branch to
/// be predicted); a run is followed across masks by its length, and runs
/// inside one mask are found with shifts. Most masks cost a handful of
/// integer operations after the compares.
fn alphabet_runs(data: &[u8], mut f: impl FnMut(Range<usize>)) {
    // Bits that start `MIN_BASE64` consecutive set bits within `m`.
    fn long_starts(m: u64) -> u64 {
        let mut s = m & (m >> 1); // 2
        s &= s >> 2; // 4
        s &= s >> 4; // 8
        s &= s >> 8; // 16
        s & (s >> 8) // 24
    }
    const _: () = assert!(MIN_BASE64 == 24, "long_starts counts 24");
    // One mask at `base`, after `run` alphabet bytes; returns the run
    // that reaches the mask's end.
    fn step(m: u64, base: usize, run: usize, f: &mut impl FnMut(Range<usize>)) -> usize {
        if m == u64::MAX {
            return run + 64;
        }
        let lead = m.trailing_ones() as usize;
        if run + lead >= MIN_BASE64 {
            f(base - run..base + lead);
        }
        let top = m.leading_ones() as usize;
        // Runs that start after the first one and end before the last.
        let mut starts = long_starts(m) & (u64::MAX << lead) & (u64::MAX >> top);
        while starts != 0 {
            let i = starts.trailing_zeros() as usize;
            let end = i + (m >> i).trailing_ones() as usize;
            f(base + i..base + end);
            starts &= u64::MAX.checked_shl(end as u32).unwrap_or(0);
        }
        top
    }
    let mut run = 0;
    let mut chunks = data.chunks_exact(64);
    let mut base = 0;
    for chunk in &mut chunks {
        let chunk: &[u8; 64] = chunk.try_into().expect("64 bytes");
        run = step(alphabet_mask(chunk), base, run, &mut f);
        base += 64;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        if run >= MIN_BASE64 {
            f(base - run..base);
        }
    } else {
        // Padded with zeros, which end any run.
        let mut last = [0u8; 64];
        last[..rest.len()].copy_from_slice(rest);
        step(alphabet_mask(&last), base, run, &mut f);
    }
}

/// Decodes an alphabet run: as hex when it is all hex digits (and long
/// enough), else as base64 (either alphabet, padding optional).
fn base64_or_hex(run: &[u8], out: &mut Vec<u8>) -> Option<Encoding> {
    if run.iter().all(u8::is_ascii_hexdigit) {
        if run.len() < MIN_HEX || run.len() % 2 == 1 {
            return None;
        }
        let byte = |pair: &[u8]| hex_value(pair[0]) << 4 | hex_value(pair[1]);
        // Check the first byte before decoding the rest.
        if !is_text(&[byte(run)]) {
            return None;
        }
        out.extend(run.chunks_exact(2).map(byte));
        return Some(Encoding::Hex);
    }
    let mut run = run;
    if run.len() % 4 == 1 {
        run = &run[..run.len() - 1];
    }
    // The first quantum decides most runs (identifiers, paths, words).
    let quantum: &[u8; 4] = run[..4].try_into().expect("runs are longer");
    if !is_text(&decode_quantum(quantum)) {
        return None;
    }
    for q in run.chunks(4) {
        let mut full = [b'A'; 4];
        full[..q.len()].copy_from_slice(q);
        let bytes = decode_quantum(&full);
        // A partial quantum of 2 or 3 symbols carries 1 or 2 bytes.
        let len = if q.len() == 4 { 3 } else { q.len() - 1 };
        out.extend_from_slice(&bytes[..len]);
    }
    Some(Encoding::Base64)
}

/// Four base64 symbols (either alphabet) as the three bytes they carry.
fn decode_quantum(q: &[u8; 4]) -> [u8; 3] {
    let [a, b, c, d] = q.map(sextet);
    [a << 2 | b >> 4, b << 4 | c >> 2, c << 6 | d]
}

/// The value of a base64 symbol of either alphabet (`A-Z a-z 0-9 + /`,
/// URL-safe `-` for `+` and `_` for `/`); other bytes are never passed.
fn sextet(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        _ => 63,
    }
}

/// Decoded bytes worth scanning: UTF-8 without control characters other
/// than tab, newline and carriage return.
fn is_text(b: &[u8]) -> bool {
    b.iter()
        .all(|&c| c >= 0x20 && c != 0x7f || matches!(c, b'\t' | b'\n' | b'\r'))
        && std::str::from_utf8(b).is_ok()
}

/// The key a base64 value is assigned to on its line (`token: <run>`,
/// `"token": "<run>"`, `TOKEN=<run>`), looked for no further back than
/// `floor`: written in front of the decoded text so that rules which need
/// a key name see one.
fn key_before(data: &[u8], floor: usize, start: usize) -> Option<Range<usize>> {
    let mut i = start;
    let mut assigned = false;
    while i > floor && start - i < 8 {
        match data[i - 1] {
            b':' | b'=' => assigned = true,
            b' ' | b'\t' | b'"' | b'\'' => {}
            _ => break,
        }
        i -= 1;
    }
    if !assigned {
        return None;
    }
    let end = i;
    while i > floor
        && end - i < MAX_KEY
        && (data[i - 1].is_ascii_alphanumeric() || matches!(data[i - 1], b'_' | b'-' | b'.'))
    {
        i -= 1;
    }
    (i < end).then_some(i..end)
}

/// Bytes that end a percent-encoded run.
fn ends_percent_run(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\')
}

/// Calls `f` with every maximal run of non-delimiter bytes that holds a
/// `%XX` escape.
fn percent_runs(data: &[u8], mut f: impl FnMut(Range<usize>)) {
    let mut floor = 0;
    for p in memchr::memchr_iter(b'%', data) {
        if p < floor || !(p + 2 < data.len() && is_hex_pair(data[p + 1], data[p + 2])) {
            continue;
        }
        let mut s = p;
        while s > floor && !ends_percent_run(data[s - 1]) {
            s -= 1;
        }
        let mut e = p + 3;
        while e < data.len() && !ends_percent_run(data[e]) {
            e += 1;
        }
        f(s..e);
        floor = e;
    }
}

fn is_hex_pair(a: u8, b: u8) -> bool {
    a.is_ascii_hexdigit() && b.is_ascii_hexdigit()
}

fn hex_value(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    }
}

fn percent(run: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < run.len() {
        if run[i] == b'%' && i + 2 < run.len() && is_hex_pair(run[i + 1], run[i + 2]) {
            out.push(hex_value(run[i + 1]) << 4 | hex_value(run[i + 2]));
            i += 3;
        } else {
            out.push(run[i]);
            i += 1;
        }
    }
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

/// Calls `f` with every quoted string (or, unquoted, the rest of the
/// line) that holds a JSON/JavaScript escape and is at least
/// [`MIN_ESCAPED`] bytes long.
fn escape_runs(data: &[u8], mut f: impl FnMut(Range<usize>)) {
    let mut floor = 0;
    for p in memchr::memchr_iter(b'\\', data) {
        if p < floor || p + 1 >= data.len() {
            continue;
        }
        // Escapes that hide what a rule reads: quotes, slashes, code
        // points. A `\n` alone changes nothing a rule sees on one line
        // (strings in code are full of them), except inside a key block.
        let line_break = matches!(data[p + 1], b'n' | b'r');
        if !line_break && !matches!(data[p + 1], b'"' | b'\'' | b'/' | b'u' | b'x') {
            continue;
        }
        // Back to the opening quote (a quote not escaped) or line start.
        let mut s = p;
        while s > floor {
            let b = data[s - 1];
            if b == b'\n' || (is_quote(b) && !(s >= 2 && data[s - 2] == b'\\')) {
                break;
            }
            s -= 1;
        }
        // Forward to the closing quote, skipping escaped characters.
        let mut e = p;
        while e < data.len() {
            match data[e] {
                b'\\' => e += 2,
                b'\n' => break,
                b if is_quote(b) => break,
                _ => e += 1,
            }
        }
        let e = e.min(data.len());
        let wanted = !line_break
            || data[p..e]
                .windows(2)
                .any(|w| w[0] == b'\\' && matches!(w[1], b'"' | b'\'' | b'/' | b'u' | b'x'))
            || memchr::memmem::find(&data[s..e], b"-----BEGIN").is_some();
        if e - s >= MIN_ESCAPED && wanted {
            f(s..e);
        }
        floor = e.max(p + 2);
    }
}

/// JSON / JavaScript string escapes resolved; an unknown or broken escape
/// is kept as written.
fn unescape(run: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < run.len() {
        let b = run[i];
        if b != b'\\' || i + 1 >= run.len() {
            out.push(b);
            i += 1;
            continue;
        }
        let simple = match run[i + 1] {
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            c @ (b'"' | b'\'' | b'/' | b'\\') => Some(c),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            i += 2;
            continue;
        }
        if let Some((ch, used)) = unicode_escape(&run[i..]) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            i += used;
            continue;
        }
        out.push(b);
        i += 1;
    }
}

/// `\uXXXX` (a surrogate pair as two), `\u{…}` or `\xXX` at the start of
/// `s`: the character and the bytes it took.
fn unicode_escape(s: &[u8]) -> Option<(char, usize)> {
    let hex4 = |h: &[u8]| -> Option<u32> {
        let h = h.get(..4)?;
        h.iter().all(u8::is_ascii_hexdigit).then(|| {
            h.iter()
                .fold(0u32, |a, &b| a << 4 | u32::from(hex_value(b)))
        })
    };
    match s.get(1)? {
        b'x' => {
            let (a, b) = (*s.get(2)?, *s.get(3)?);
            is_hex_pair(a, b).then(|| (char::from(hex_value(a) << 4 | hex_value(b)), 4))
        }
        b'u' if s.get(2) == Some(&b'{') => {
            let close = s.iter().take(12).position(|&b| b == b'}')?;
            let digits = &s[3..close];
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let v = digits
                .iter()
                .fold(0u32, |a, &b| a << 4 | u32::from(hex_value(b)));
            Some((char::from_u32(v)?, close + 1))
        }
        b'u' => {
            let hi = hex4(&s[2..])?;
            if (0xD800..0xDC00).contains(&hi) {
                if s.get(6) == Some(&b'\\') && s.get(7) == Some(&b'u') {
                    let lo = hex4(&s[8..])?;
                    if (0xDC00..0xE000).contains(&lo) {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        return Some((char::from_u32(c)?, 12));
                    }
                }
                return None;
            }
            Some((char::from_u32(hi)?, 6))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;

    /// Every maximal alphabet run of [`super::MIN_BASE64`] bytes or more,
    /// byte by byte: what [`super::alphabet_runs`] must find.
    fn runs_bytewise(data: &[u8]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < data.len() {
            if !super::B64[usize::from(data[i])] {
                i += 1;
                continue;
            }
            let s = i;
            while i < data.len() && super::B64[usize::from(data[i])] {
                i += 1;
            }
            if i - s >= super::MIN_BASE64 {
                out.push(s..i);
            }
        }
        out
    }

    #[test]
    fn alphabet_runs_are_every_long_run_at_every_alignment() {
        let mut rng = fastrand::Rng::with_seed(7);
        for round in 0..2000 {
            // Runs of every length around the minimum, at every offset,
            // separated by 1–3 other bytes.
            // Runs longer than one 64-byte mask too, and any other byte
            // (non-ASCII, and the neighbours of the alphabet's ranges).
            let mut data = vec![b' '; round % 11];
            let size = if round % 4 == 0 { 1500 } else { 400 };
            while data.len() < size {
                let len = if round % 4 == 0 {
                    rng.usize(1..200)
                } else {
                    rng.usize(1..60)
                };
                data.extend((0..len).map(|_| b"aZ09+/_-AzMm"[rng.usize(0..12)]));
                data.extend((0..rng.usize(1..4)).map(|_| match rng.usize(0..6) {
                    0 => rng.u8(..),
                    k => b" .\n\"=@[`{,:"[k + rng.usize(0..6)],
                }));
            }
            let mut got = Vec::new();
            super::alphabet_runs(&data, |r| got.push(r));
            assert_eq!(got, runs_bytewise(&data), "round {round}");
        }
    }

    #[test]
    fn the_alphabet_mask_classifies_every_byte_like_the_table() {
        for b in 0..=255u8 {
            let chunk = [b; 64];
            let want = if super::B64[usize::from(b)] {
                u64::MAX
            } else {
                0
            };
            assert_eq!(super::alphabet_mask(&chunk), want, "byte {b:#x}");
        }
    }

    /// The allocation-free quantum decoder against the base64 crate, on
    /// runs of every length in both alphabets.
    #[test]
    fn base64_runs_decode_as_the_base64_crate_decodes_them() {
        use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode};
        let lenient = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true),
        );
        let mut rng = fastrand::Rng::with_seed(11);
        let symbols = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
        for round in 0..5000 {
            // Mostly the encoding of text (so the run is decoded whole).
            let run: Vec<u8> = if round % 2 == 0 {
                let text: String = (0..rng.usize(18..80)).map(|_| rng.alphanumeric()).collect();
                let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&text);
                let enc = if round % 4 == 0 {
                    enc.replace('-', "+").replace('_', "/")
                } else {
                    enc
                };
                enc.into_bytes()
            } else {
                (0..rng.usize(24..90))
                    .map(|_| symbols[rng.usize(0..symbols.len())])
                    .collect()
            };
            if run.iter().all(u8::is_ascii_hexdigit) {
                continue;
            }
            let mut got = Vec::new();
            let enc = base64_or_hex(&run, &mut got);
            let mut trimmed = &run[..];
            if trimmed.len() % 4 == 1 {
                trimmed = &trimmed[..trimmed.len() - 1];
            }
            let std: Vec<u8> = trimmed
                .iter()
                .map(|&b| match b {
                    b'-' => b'+',
                    b'_' => b'/',
                    b => b,
                })
                .collect();
            let want = lenient.decode(&std).unwrap();
            let first = lenient.decode(&std[..4]).unwrap();
            if is_text(&first) {
                assert_eq!(enc, Some(Encoding::Base64), "{run:?}");
                assert_eq!(got, want, "{}", String::from_utf8_lossy(&run));
            } else {
                assert_eq!(enc, None, "{run:?}");
            }
        }
    }

    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    fn texts(layer: &Layer) -> Vec<(&str, &str)> {
        layer
            .pieces
            .iter()
            .map(|p| {
                (
                    std::str::from_utf8(&layer.text[p.out.clone()]).unwrap(),
                    p.encoding.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn base64_at_any_alignment_with_its_key() {
        let value = "the quick brown fox jumps";
        for pad in 0..40 {
            let data = format!("{}token: {}\n", " ".repeat(pad), b64(value));
            let layer = decode_layer(data.as_bytes(), usize::MAX);
            assert_eq!(
                texts(&layer),
                [(format!("token: {value}").as_str(), "base64")],
                "pad {pad}"
            );
            let p = &layer.pieces[0];
            assert_eq!(&data[p.src.clone()], b64(value).trim_end_matches('='));
        }
    }

    #[test]
    fn url_safe_base64_hex_percent_and_escapes() {
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("a?>?>?>?>?>?>?>?>?>?");
        assert!(url.contains('-') || url.contains('_'), "{url}");
        let data = format!(
            "u={url}\nh={}\np=postgres%3A%2F%2Fu%3Apw%40h\nj=\"line\\none \\u0041\\/x \\ud83d\\ude00\"\n",
            hex::encode("hex encoded text")
        );
        let layer = decode_layer(data.as_bytes(), usize::MAX);
        assert_eq!(
            texts(&layer),
            [
                ("u: a?>?>?>?>?>?>?>?>?>?", "base64"),
                ("hex encoded text", "hex"),
                ("p=postgres://u:pw@h", "percent"),
                ("line\none A/x 😀", "escape"),
            ]
        );
    }

    #[test]
    fn identifiers_paths_hashes_and_binary_are_not_decoded() {
        let data = "AbstractSingletonProxyFactoryBean src/main/java/org/example/Thing.java \
                    da39a3ee5e6b4b0d3255bfef95601890afd80709 AAAAAAAAAAAAAAAAAAAAAAAA \
                    \"short\\n\" 100% done";
        assert!(decode_layer(data.as_bytes(), usize::MAX).pieces.is_empty());
    }

    #[test]
    fn layers_never_grow_and_the_cap_holds() {
        let one = format!("k: {}\n", b64("0123456789abcdefghij"));
        let data = one.repeat(1000);
        let layer = decode_layer(data.as_bytes(), usize::MAX);
        assert_eq!(layer.pieces.len(), 1000);
        assert!(layer.text.len() <= data.len());
        let capped = decode_layer(data.as_bytes(), 100);
        assert!(capped.text.len() <= 100 && capped.pieces.len() < 10);
        assert_eq!(
            layer.piece_at(layer.pieces[7].out.start + 3),
            Some(&layer.pieces[7])
        );
    }
}
