#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "abc123";
        assert_eq!(mask(token), "ab…");
    }
}
