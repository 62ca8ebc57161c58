//! Archives: the members of a zip (and every zip-based format: `.jar`,
//! `.war`, `.whl`, `.nupkg`, `.apk`, `.docx`/`.xlsx`/`.pptx`), tar, or
//! compressed-stream blob (gzip, bzip2, xz, zstd: `.gz`, `.tgz`,
//! `.tar.bz2`, `.tar.xz`, `.tar.zst`, …), handed one by one to a
//! [`Visitor`] as bytes in memory.
//!
//! Safety is the point of this module (README.md, "Archives"):
//! - nothing is written to disk and member names are never used as paths:
//!   a name is only a string in a report (`../../etc/x` is reported as is);
//! - every member is read through a limit: at most the member cap
//!   (`--max-file-size`), the archive's remaining budget
//!   ([`Limits::max_archive`]) and the scan's remaining budget (shared by
//!   all threads), so no archive makes keyhound read more than the caps;
//! - a member (or a compressed stream) that expands more than
//!   [`Limits::max_ratio`] times its compressed size, past
//!   [`RATIO_FLOOR`] bytes, is a compression bomb: the archive ends there
//!   with [`ArchiveError::Bomb`], what was read before is kept;
//! - an encrypted member, a member in a compression method this build does
//!   not read, or one over the member cap is reported as skipped.
//!
//! Which blobs are archives is decided by magic bytes ([`kind`]), never by
//! the file name.

mod stream;
mod tar;
mod zip;

use std::sync::atomic::{AtomicU64, Ordering};

/// Expansion below this many bytes never counts as a bomb (small files
/// of one repeated byte compress a thousandfold and are harmless).
pub const RATIO_FLOOR: u64 = 1 << 20;

/// An archive format recognised by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Zip,
    Tar,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

/// The archive format `data` starts with, if any.
pub fn kind(data: &[u8]) -> Option<Kind> {
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        Some(Kind::Zip)
    } else if data.starts_with(b"\x1f\x8b\x08") {
        Some(Kind::Gzip)
    } else if is_bzip2(data) {
        Some(Kind::Bzip2)
    } else if data.starts_with(b"\xfd7zXZ\x00") {
        Some(Kind::Xz)
    } else if data.starts_with(b"\x28\xb5\x2f\xfd") {
        Some(Kind::Zstd)
    } else if data.get(257..262) == Some(b"ustar") {
        Some(Kind::Tar)
    } else {
        None
    }
}

/// `BZh`, a block size digit, then the magic of a first block (or of the
/// end of an empty stream): three letters alone are too common in text.
fn is_bzip2(data: &[u8]) -> bool {
    matches!(data, [b'B', b'Z', b'h', b'1'..=b'9', rest @ ..]
        if rest.starts_with(b"\x31\x41\x59\x26\x53\x59")
            || rest.starts_with(b"\x17\x72\x45\x38\x50\x90"))
}

/// The caps of one scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest member read (the scan's `--max-file-size`).
    pub max_member: u64,
    /// Uncompressed bytes read from one top-level archive, nested ones
    /// included.
    pub max_archive: u64,
    /// Uncompressed bytes per compressed byte before a member is a bomb.
    pub max_ratio: u64,
}

/// Uncompressed bytes still allowed: this archive's and the scan's.
pub struct Budget<'a> {
    archive_left: u64,
    scan_left: &'a AtomicU64,
}

impl<'a> Budget<'a> {
    /// A fresh budget for one top-level archive.
    pub fn new(limits: &Limits, scan_left: &'a AtomicU64) -> Self {
        Budget {
            archive_left: limits.max_archive,
            scan_left,
        }
    }

    /// How many bytes a read may take now.
    fn available(&self) -> u64 {
        self.archive_left
            .min(self.scan_left.load(Ordering::Relaxed))
    }

    /// Gives back `n` bytes charged before (a stream read whole and then
    /// read again member by member).
    fn refund(&mut self, n: u64) {
        self.archive_left = self.archive_left.saturating_add(n);
        let _ = self
            .scan_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                Some(left.saturating_add(n))
            });
    }

    /// Charges `n` bytes read; an error names the cap that ran out.
    fn charge(&mut self, n: u64) -> Result<(), ArchiveError> {
        if n > self.archive_left {
            self.archive_left = 0;
            return Err(ArchiveError::ArchiveCap);
        }
        self.archive_left -= n;
        let took = self
            .scan_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(n)
            });
        if took.is_err() {
            self.scan_left.store(0, Ordering::Relaxed);
            return Err(ArchiveError::ScanCap);
        }
        Ok(())
    }
}

/// Why a member was not scanned (the archive goes on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Encrypted,
    /// A compression method this build does not read.
    Unsupported(String),
    /// Larger than the member cap.
    TooLarge,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Encrypted => f.write_str("encrypted"),
            Skip::Unsupported(m) => write!(f, "compressed with {m}, which keyhound does not read"),
            Skip::TooLarge => f.write_str("larger than --max-file-size"),
        }
    }
}

/// Why an archive could not be read to its end (what was read is kept).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    #[error("corrupt or truncated archive: {0}")]
    Corrupt(String),
    #[error(
        "compression bomb guard: {member} expands more than {ratio}x; rest of the archive not read"
    )]
    Bomb { member: String, ratio: u64 },
    #[error("archive larger than --max-archive-size when unpacked; rest of the archive not read")]
    ArchiveCap,
    #[error("the scan's --max-archive-total was used up; rest of the archive not read")]
    ScanCap,
}

/// What an archive's members are handed to.
pub trait Visitor {
    /// One member's bytes. `budget` is the archive's, for nested archives.
    fn member(&mut self, name: &str, data: &[u8], budget: &mut Budget<'_>);
    /// A member that was not read.
    fn skipped(&mut self, name: &str, why: Skip);
}

/// Hands every file member of `data` (of format `kind`) to `visitor`, in
/// archive order, within `limits` and `budget`.
pub fn visit(
    data: &[u8],
    kind: Kind,
    limits: &Limits,
    budget: &mut Budget<'_>,
    visitor: &mut dyn Visitor,
) -> Result<(), ArchiveError> {
    match kind {
        Kind::Zip => zip::visit(data, limits, budget, visitor),
        Kind::Tar => tar::visit(data, limits, budget, visitor),
        Kind::Gzip | Kind::Bzip2 | Kind::Xz | Kind::Zstd => {
            stream::visit(kind, data, limits, budget, visitor)
        }
    }
}

/// Reads `reader` to its end into `buf` through the caps: `Ok(false)` when
/// it is longer than the member cap (the member is skipped), an error when
/// an archive or scan cap ran out or the bytes expand more than the ratio
/// over `compressed`.
fn read_member(
    reader: &mut dyn std::io::Read,
    name: &str,
    compressed: u64,
    limits: &Limits,
    budget: &mut Budget<'_>,
    buf: &mut Vec<u8>,
) -> Result<bool, ArchiveError> {
    use std::io::Read as _;
    buf.clear();
    let ratio_cap = compressed.saturating_mul(limits.max_ratio).max(RATIO_FLOOR);
    let limit = limits.max_member.min(budget.available()).min(ratio_cap);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(buf)
        .map_err(|e| match name {
            "" => ArchiveError::Corrupt(e.to_string()),
            _ => ArchiveError::Corrupt(format!("{name}: {e}")),
        })?;
    let n = buf.len() as u64;
    if n > ratio_cap {
        return Err(ArchiveError::Bomb {
            member: name.to_string(),
            ratio: limits.max_ratio,
        });
    }
    if n > limits.max_member {
        // Counted: the bytes were inflated.
        budget.charge(n)?;
        return Ok(false);
    }
    budget.charge(n)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[derive(Default)]
    struct Collect {
        members: Vec<(String, Vec<u8>)>,
        skipped: Vec<(String, Skip)>,
    }

    impl Visitor for Collect {
        fn member(&mut self, name: &str, data: &[u8], _: &mut Budget<'_>) {
            self.members.push((name.to_string(), data.to_vec()));
        }
        fn skipped(&mut self, name: &str, why: Skip) {
            self.skipped.push((name.to_string(), why));
        }
    }

    const LIMITS: Limits = Limits {
        max_member: 10 << 20,
        max_archive: 64 << 20,
        max_ratio: 100,
    };

    fn run(data: &[u8]) -> (Collect, Result<(), ArchiveError>) {
        let left = AtomicU64::new(u64::MAX);
        let mut budget = Budget::new(&LIMITS, &left);
        let mut c = Collect::default();
        let kind = kind(data).expect("an archive");
        let r = visit(data, kind, &LIMITS, &mut budget, &mut c);
        (c, r)
    }

    fn zip_of(files: &[(&str, &[u8])], method: ::zip::CompressionMethod) -> Vec<u8> {
        let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = ::zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, data) in files {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_members_in_order_names_as_written() {
        let z = zip_of(
            &[("a/b.yml", b"k: v"), ("../../etc/x", b"y")],
            ::zip::CompressionMethod::Deflated,
        );
        let (c, r) = run(&z);
        r.unwrap();
        assert_eq!(
            c.members,
            [
                ("a/b.yml".to_string(), b"k: v".to_vec()),
                ("../../etc/x".to_string(), b"y".to_vec())
            ]
        );
    }

    #[test]
    fn a_zip_bomb_stops_at_the_ratio_and_keeps_what_came_before() {
        let zeros = vec![0u8; 8 << 20];
        let z = zip_of(
            &[("first.txt", b"ok"), ("bomb.bin", &zeros)],
            ::zip::CompressionMethod::Deflated,
        );
        let (c, r) = run(&z);
        assert_eq!(c.members.len(), 1);
        assert!(
            matches!(r, Err(ArchiveError::Bomb { ref member, .. }) if member == "bomb.bin"),
            "{r:?}"
        );
    }

    #[test]
    fn truncated_archives_are_errors() {
        let z = zip_of(&[("a", b"x")], ::zip::CompressionMethod::Stored);
        let (_, r) = run(&z[..z.len() - 10]);
        assert!(matches!(r, Err(ArchiveError::Corrupt(_))), "{r:?}");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&b"token=abc\n".repeat(1000)).unwrap();
        let gz = gz.finish().unwrap();
        let (_, r) = run(&gz[..gz.len() / 2]);
        assert!(matches!(r, Err(ArchiveError::Corrupt(_))), "{r:?}");
    }

    #[test]
    fn the_archive_cap_ends_the_archive() {
        let big = vec![b'a'; 1000];
        let z = zip_of(
            &[("1", &big), ("2", &big), ("3", &big)],
            ::zip::CompressionMethod::Stored,
        );
        let limits = Limits {
            max_archive: 2500,
            ..LIMITS
        };
        let left = AtomicU64::new(u64::MAX);
        let mut budget = Budget::new(&limits, &left);
        let mut c = Collect::default();
        let r = visit(&z, Kind::Zip, &limits, &mut budget, &mut c);
        assert_eq!(c.members.len(), 2);
        assert_eq!(r, Err(ArchiveError::ArchiveCap));
    }
}
