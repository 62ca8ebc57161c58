//! Compressed streams — gzip (`.gz`, `.tar.gz`/`.tgz`, a crate file),
//! bzip2 (`.bz2`, `.tar.bz2`), xz (`.xz`, `.tar.xz`) and zstd (`.zst`,
//! `.tar.zst`): inflated through the caps, then read as the tar they hold
//! or handed over as one member named after nothing (the caller names it).
//!
//! Every decoder is pure Rust (flate2's miniz backend, `bzip2` on
//! libbz2-rs-sys, `lzma-rust2`, `ruzstd`): no C toolchain at install time.

use std::io::Read;

use super::{read_member, ArchiveError, Budget, Kind, Limits, Skip, Visitor};

/// A reader that inflates the stream `data` of format `kind`.
fn decoder<'a>(kind: Kind, data: &'a [u8]) -> Result<Box<dyn Read + 'a>, ArchiveError> {
    Ok(match kind {
        Kind::Gzip => Box::new(flate2::read::MultiGzDecoder::new(data)),
        Kind::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(data)),
        Kind::Xz => Box::new(lzma_rust2::XzReader::new(data, true)),
        Kind::Zstd => Box::new(
            ruzstd::decoding::StreamingDecoder::new(data)
                .map_err(|e| ArchiveError::Corrupt(e.to_string()))?,
        ),
        Kind::Zip | Kind::Tar => unreachable!("not a compressed stream"),
    })
}

/// The name a stream's bomb is reported under.
fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::Gzip => "the gzip stream",
        Kind::Bzip2 => "the bzip2 stream",
        Kind::Xz => "the xz stream",
        Kind::Zstd => "the zstd stream",
        Kind::Zip | Kind::Tar => "the archive",
    }
}

/// Inflates the stream `data` (its ratio measured against the whole
/// compressed size) and visits the tar inside, or the one member.
pub(super) fn visit(
    kind: Kind,
    data: &[u8],
    limits: &Limits,
    budget: &mut Budget<'_>,
    visitor: &mut dyn Visitor,
) -> Result<(), ArchiveError> {
    let mut inflated = Vec::new();
    let whole = Limits {
        // The tar inside is one stream: its size is bounded by the archive
        // cap; its members by the member cap below.
        max_member: limits.max_archive,
        ..*limits
    };
    let mut reader = decoder(kind, data)?;
    let read = read_member(
        &mut reader,
        "",
        data.len() as u64,
        &whole,
        budget,
        &mut inflated,
    );
    match read {
        Ok(true) => {}
        Ok(false) => return Err(ArchiveError::ArchiveCap),
        Err(ArchiveError::Bomb { ratio, .. }) => {
            return Err(ArchiveError::Bomb {
                member: what(kind).to_string(),
                ratio,
            })
        }
        Err(e) => return Err(e),
    }
    if super::kind(&inflated) == Some(Kind::Tar) {
        // Charged again member by member: the tar's own bytes are
        // refunded, not counted twice.
        budget.refund(inflated.len() as u64);
        return super::tar::visit(&inflated, limits, budget, visitor);
    }
    if inflated.len() as u64 > limits.max_member {
        visitor.skipped("", Skip::TooLarge);
        return Ok(());
    }
    visitor.member("", &inflated, budget);
    Ok(())
}
