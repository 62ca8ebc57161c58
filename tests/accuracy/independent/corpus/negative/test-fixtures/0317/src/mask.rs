#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "invalid-token";
        assert_eq!(mask(token), "in…");
    }
}
