//! A pack entry's delta, read for what it copies: the ranges of its base
//! that a blob stored as a delta takes over unchanged (src/reuse.rs says
//! what a scan does with them).
//!
//! The traversal (src/source/git/pack_order.rs) hands over each object
//! already resolved; the delta itself is read again here, from the entry's
//! compressed bytes in the memory-mapped pack. A delta holds only the
//! instructions and the inserted bytes, so this costs a small part of what
//! resolving the object did.

use gix::odb::pack;
use gix::odb::pack::data::entry::Header;

use crate::reuse::Copy;

/// Where a traversal met an object: its pack, and its offset there.
#[derive(Clone, Copy)]
pub(crate) struct PackEntry<'a> {
    pub bundle: &'a pack::Bundle,
    /// Which of the repository's packs (their order in one traversal).
    pub pack_no: u32,
    pub offset: u64,
    /// How many entries of the pack are stored as deltas of this one.
    pub deltas: u32,
}

/// For each entry of the pack that is the base of other entries' deltas,
/// how many there are: a scan keeps a blob's keyword hits only while
/// deltas of it are still to come. Reads every entry's header (no
/// inflating), ~10 ms for 200k entries.
pub(crate) fn deltas_per_base(bundle: &pack::Bundle) -> rustc_hash::FxHashMap<u64, u32> {
    let mut out = rustc_hash::FxHashMap::default();
    for e in bundle.index.iter() {
        if let Some(base) = base_offset(bundle, e.pack_offset) {
            *out.entry(base).or_insert(0) += 1;
        }
    }
    out
}

/// The pack offset of the delta base of the entry at `offset`, if it is
/// stored as a delta of an entry of the same pack.
fn base_offset(bundle: &pack::Bundle, offset: u64) -> Option<u64> {
    let entry = bundle.pack.entry(offset).ok()?;
    match entry.header {
        Header::OfsDelta { base_distance } => entry.checked_base_pack_offset(base_distance),
        Header::RefDelta { base_id } => {
            let index = &bundle.index;
            Some(index.pack_offset_at_index(index.lookup(base_id)?))
        }
        _ => None,
    }
}

/// Scratch buffers for reading deltas, one set per thread.
#[derive(Default)]
pub(crate) struct Scratch {
    delta: Vec<u8>,
    inflate: gix::zlib::Inflate,
}

/// A delta larger than this is not read again (its blob is scanned in full).
const MAX_DELTA_BYTES: u64 = 64 << 20;

impl PackEntry<'_> {
    /// A key for this entry among all packs of one traversal.
    pub fn key(&self) -> u64 {
        key(self.pack_no, self.offset)
    }

    /// The key of this entry's delta base, if the entry is stored as a
    /// delta of an entry of the same pack.
    pub fn base_key(&self) -> Option<u64> {
        Some(key(self.pack_no, base_offset(self.bundle, self.offset)?))
    }

    /// The ranges this entry copies from its base, with the base's size
    /// as the delta states it; `None` if it is no delta or cannot be read
    /// (then the blob is simply scanned in full).
    pub fn copies(&self, scratch: &mut Scratch) -> Option<(usize, Vec<Copy>)> {
        let entry = self.bundle.pack.entry(self.offset).ok()?;
        if !matches!(
            entry.header,
            Header::OfsDelta { .. } | Header::RefDelta { .. }
        ) || entry.decompressed_size > MAX_DELTA_BYTES
        {
            return None;
        }
        scratch.delta.resize(entry.decompressed_size as usize, 0);
        self.bundle
            .pack
            .decompress_entry(&entry, &mut scratch.inflate, &mut scratch.delta)
            .ok()?;
        parse(&scratch.delta)
    }
}

fn key(pack_no: u32, offset: u64) -> u64 {
    (u64::from(pack_no) << 48) | offset
}

/// The copy instructions of a git delta (the format of `git
/// help format-pack`, "Deltified representation"): the base size, then
/// the copies in order, adjacent ones that continue each other merged.
/// `None` for a malformed delta.
pub(crate) fn parse(delta: &[u8]) -> Option<(usize, Vec<Copy>)> {
    let mut at = 0;
    let base_size = varint(delta, &mut at)?;
    let result_size = varint(delta, &mut at)?;
    let mut to = 0usize;
    let mut copies: Vec<Copy> = Vec::new();
    while at < delta.len() {
        let op = delta[at];
        at += 1;
        if op & 0x80 != 0 {
            let mut from = 0usize;
            let mut len = 0usize;
            for bit in 0..4 {
                if op & (1 << bit) != 0 {
                    from |= usize::from(*delta.get(at)?) << (8 * bit);
                    at += 1;
                }
            }
            for bit in 0..3 {
                if op & (0x10 << bit) != 0 {
                    len |= usize::from(*delta.get(at)?) << (8 * bit);
                    at += 1;
                }
            }
            if len == 0 {
                len = 0x10000;
            }
            match copies.last_mut() {
                Some(last) if last.from + last.len == from && last.to + last.len == to => {
                    last.len += len;
                }
                _ => copies.push(Copy { from, to, len }),
            }
            to = to.checked_add(len)?;
        } else if op != 0 {
            // Insert the next `op` bytes.
            at += usize::from(op);
            to += usize::from(op);
            if at > delta.len() {
                return None;
            }
        } else {
            return None;
        }
    }
    (to == result_size).then_some((base_size, copies))
}

/// A size in the delta header: 7 bits a byte, least significant first.
fn varint(data: &[u8], at: &mut usize) -> Option<usize> {
    let mut value = 0usize;
    let mut shift = 0;
    loop {
        let b = *data.get(*at)?;
        *at += 1;
        value |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_inserts_are_read_and_adjacent_copies_merged() {
        // base 300 bytes, result 12 + 200 + 100 = 312 bytes:
        // copy 0..100 to 0, insert "hello world!", copy 100..200 at 112
        // (continues the first in the base, not in the result), copy
        // 200..300 right after it (continues both: merged).
        let mut d = vec![0xac, 0x02, 0xb8, 0x02];
        d.extend([0x80 | 0x10, 100]); // offset 0, size 100
        d.push(12);
        d.extend_from_slice(b"hello world!");
        d.extend([0x80 | 0x01 | 0x10, 100, 100]); // offset 100, size 100
        d.extend([0x80 | 0x01 | 0x10, 200, 100]); // offset 200, size 100
        let (base, copies) = parse(&d).unwrap();
        assert_eq!(base, 300);
        assert_eq!(
            copies,
            vec![
                Copy {
                    from: 0,
                    to: 0,
                    len: 100
                },
                Copy {
                    from: 100,
                    to: 112,
                    len: 200
                },
            ]
        );
    }

    #[test]
    fn a_copy_of_size_zero_means_64_kib_and_bad_deltas_are_refused() {
        let d = [0x80, 0x80, 0x04, 0x80, 0x80, 0x04, 0x80];
        let (_, copies) = parse(&d).unwrap();
        assert_eq!(copies[0].len, 0x10000);
        assert!(parse(&[5, 5, 0]).is_none(), "op 0 is reserved");
        assert!(parse(&[5, 5, 10, b'a']).is_none(), "insert past the end");
        assert!(
            parse(&[5, 6, 5, 1, 2, 3, 4, 5]).is_none(),
            "wrong result size"
        );
    }
}
