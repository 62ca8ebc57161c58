#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "password";
        assert_eq!(mask(token), "pa…");
    }
}
