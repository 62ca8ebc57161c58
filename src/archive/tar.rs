//! Tar members (a tar inside a compressed stream comes here from
//! `stream.rs` once inflated).

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

fn corrupt(e: std::io::Error) -> ArchiveError {
    ArchiveError::Corrupt(e.to_string())
}
