//! Zip members (and so `.jar`, `.war`, `.whl`, `.nupkg`, `.apk`, Office
//! XML), read from the central directory of bytes in memory: stored,
//! deflate, deflate64, bzip2, LZMA, xz and zstd members.

use std::io::Cursor;

use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use super::{read_member, ArchiveError, Budget, Limits, Skip, Visitor};

/// Whether a member is compressed with Zstandard (method 93, APPNOTE
/// 4.4.5), which this build of the zip crate names only by number.
#[allow(deprecated)]
fn is_zstd(method: CompressionMethod) -> bool {
    matches!(method, CompressionMethod::Unsupported(93))
}

pub(super) fn visit(
    data: &[u8],
    limits: &Limits,
    budget: &mut Budget<'_>,
    visitor: &mut dyn Visitor,
) -> Result<(), ArchiveError> {
    let mut archive = ZipArchive::new(Cursor::new(data)).map_err(corrupt)?;
    let mut buf = Vec::new();
    for i in 0..archive.len() {
        let (name, skip, compressed) = {
            let raw = archive.by_index_raw(i).map_err(corrupt)?;
            if raw.is_dir() || raw.is_symlink() {
                continue;
            }
            let name = String::from_utf8_lossy(raw.name_raw()).into_owned();
            let skip = if raw.encrypted() {
                Some(Skip::Encrypted)
            } else {
                match raw.compression() {
                    CompressionMethod::Stored
                    | CompressionMethod::Deflated
                    | CompressionMethod::Deflate64
                    | CompressionMethod::Bzip2
                    | CompressionMethod::Lzma
                    | CompressionMethod::Xz => None,
                    other if is_zstd(other) => None,
                    other => Some(Skip::Unsupported(format!("{other:?}"))),
                }
            };
            if raw.size() > raw.compressed_size().saturating_mul(limits.max_ratio)
                && raw.size() > super::RATIO_FLOOR
            {
                return Err(ArchiveError::Bomb {
                    member: name,
                    ratio: limits.max_ratio,
                });
            }
            (name, skip, raw.compressed_size())
        };
        if let Some(why) = skip {
            visitor.skipped(&name, why);
            continue;
        }
        let read = if is_zstd(archive.by_index_raw(i).map_err(corrupt)?.compression()) {
            // The zip crate reads zstd only through the C library: the raw
            // member goes through ruzstd here instead.
            let raw = archive.by_index_raw(i).map_err(corrupt)?;
            let mut file = ruzstd::decoding::StreamingDecoder::new(raw)
                .map_err(|e| ArchiveError::Corrupt(format!("{name}: {e}")))?;
            read_member(&mut file, &name, compressed, limits, budget, &mut buf)?
        } else {
            let mut file = archive.by_index(i).map_err(corrupt)?;
            read_member(&mut file, &name, compressed, limits, budget, &mut buf)?
        };
        if !read {
            visitor.skipped(&name, Skip::TooLarge);
            continue;
        }
        visitor.member(&name, &buf, budget);
    }
    Ok(())
}

fn corrupt(e: ZipError) -> ArchiveError {
    ArchiveError::Corrupt(e.to_string())
}
