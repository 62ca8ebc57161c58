//! Randomness filters for generic rules (placeholder until the rule-pack work lands).

/// Whether `secret`, found on `line`, looks like a real random secret.
pub fn plausible_secret(_secret: &[u8], _line: &[u8]) -> bool {
    true
}
