#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "sk_test_fake";
        assert_eq!(mask(token), "sk…");
    }
}
