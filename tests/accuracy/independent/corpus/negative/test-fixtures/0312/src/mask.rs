#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "mock_token";
        assert_eq!(mask(token), "mo…");
    }
}
