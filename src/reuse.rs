//! What a blob stored as a delta of another can take over from the scan
//! of that other blob.
//!
//! Git stores most versions of a file as a delta against another version
//! (its base): a list of byte ranges copied from the base and of literal
//! bytes inserted. A keyword occurrence that lies well inside a copied
//! range is an occurrence the base's scan already found, moved to a new
//! offset; only the inserted bytes and the seams between ranges need a
//! keyword search. A history audit of a real repository re-stores the same
//! lines in hundreds of versions, so this skips most of the keyword
//! automaton's work (README.md "Git benchmarks"). The matcher consumes and
//! produces [`KeywordHits`] (`Matcher::scan_reusing` in src/matcher.rs);
//! git's delta format is read in src/source/git/delta.rs.
//!
//! Plain data only: this module sits below both the sources and the
//! matcher.

/// `len` bytes at `from` in the base are the bytes at `to` in the derived
/// blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copy {
    pub from: usize,
    pub to: usize,
    pub len: usize,
}

/// One keyword occurrence the matcher reported: its pattern index and the
/// span it reported (`end` may reach past the keyword, never past its
/// line; see `Matcher::for_each_hit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeywordHit {
    pub start: u32,
    pub end: u32,
    pub pattern: u32,
}

/// What a blob derived from a scanned blob reuses: the base's keyword
/// hits, by start, its length, and whether decoding found encoded text in
/// it (if not, only a derived blob's changed lines are decoded; see
/// `decode_changed_lines` in src/engine.rs). Only meaningful to the engine
/// and matcher that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordHits {
    pub hits: Vec<KeywordHit>,
    pub len: usize,
    /// Whether the first decoded layer had pieces (`true` when unknown).
    pub encoded: bool,
}

impl Default for KeywordHits {
    fn default() -> Self {
        KeywordHits {
            hits: Vec::new(),
            len: 0,
            encoded: true,
        }
    }
}

/// A blob's delta base's hits and the ranges the blob copies from it, in
/// order of `to` (as a delta lists them).
#[derive(Debug, Clone, Copy)]
pub struct Derived<'a> {
    pub base: &'a KeywordHits,
    pub copies: &'a [Copy],
}

impl Derived<'_> {
    /// Whether the copies fit the base and a blob of `len` bytes, in
    /// order and without overlap (a corrupt delta is then scanned in full).
    pub fn fits(&self, len: usize) -> bool {
        let mut at = 0;
        self.copies.iter().all(|c| {
            let ok = c.to >= at
                && c.from
                    .checked_add(c.len)
                    .is_some_and(|e| e <= self.base.len)
                && c.to.checked_add(c.len).is_some_and(|e| e <= len);
            at = c.to + c.len;
            ok
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_must_fit_base_and_blob_in_order() {
        let base = KeywordHits {
            len: 10,
            ..KeywordHits::default()
        };
        let ok = [
            Copy {
                from: 0,
                to: 0,
                len: 4,
            },
            Copy {
                from: 6,
                to: 5,
                len: 4,
            },
        ];
        let d = Derived {
            base: &base,
            copies: &ok,
        };
        assert!(d.fits(9));
        assert!(!d.fits(8), "second copy ends past the blob");
        let past_base = [Copy {
            from: 8,
            to: 0,
            len: 4,
        }];
        assert!(!Derived {
            base: &base,
            copies: &past_base
        }
        .fits(9));
        let backwards = [ok[1], ok[0]];
        assert!(!Derived {
            base: &base,
            copies: &backwards
        }
        .fits(9));
    }
}
