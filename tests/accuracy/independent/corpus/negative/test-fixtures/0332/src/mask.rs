#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "dummy-api-key";
        assert_eq!(mask(token), "du…");
    }
}
