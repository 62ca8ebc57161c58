//! Tar members, and gzip streams: a gzip that holds a tar (`.tar.gz`,
//! `.tgz`, a crate file) is read as that tar, any other as one member.

use std::io::Read;

use flate2::read::MultiGzDecoder;

use super::{read_member, ArchiveError, Budget, Limits, Skip, Visitor};

pub(super) fn visit(
    data: &[u8],
    limits: &Limits,
    budget: &mut Budget<'_>,
    visitor: &mut dyn Visitor,
) -> Result<(), ArchiveError> {
    let mut archive = tar::Archive::new(data);
    let entries = archive.entries().map_err(corrupt)?;
    let mut buf = Vec::new();
    for entry in entries {
        let mut entry = entry.map_err(corrupt)?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        // Tar stores members uncompressed: the ratio guard does not apply.
        let size = entry.size();
        if !read_member(&mut entry, &name, size, limits, budget, &mut buf)? {
            visitor.skipped(&name, Skip::TooLarge);
            continue;
        }
        visitor.member(&name, &buf, budget);
    }
    Ok(())
}

/// A gzip stream inflated through the caps (its ratio measured against the
/// whole compressed size), then read as a tar or handed over as one member
/// named after nothing (the caller names it).
pub(super) fn visit_gzip(
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
    let mut reader = MultiGzDecoder::new(data);
    let read = read_member(
        &mut reader as &mut dyn Read,
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
                member: "the gzip stream".to_string(),
                ratio,
            })
        }
        Err(e) => return Err(e),
    }
    if super::kind(&inflated) == Some(super::Kind::Tar) {
        // Charged again member by member: the tar's own bytes are
        // refunded, not counted twice.
        budget.refund(inflated.len() as u64);
        return visit(&inflated, limits, budget, visitor);
    }
    if inflated.len() as u64 > limits.max_member {
        visitor.skipped("", Skip::TooLarge);
        return Ok(());
    }
    visitor.member("", &inflated, budget);
    Ok(())
}

fn corrupt(e: std::io::Error) -> ArchiveError {
    ArchiveError::Corrupt(e.to_string())
}
