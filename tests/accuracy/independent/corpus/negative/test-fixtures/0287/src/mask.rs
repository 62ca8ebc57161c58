#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "secret";
        assert_eq!(mask(token), "se…");
    }
}
