#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret() {
        let token = "hunter2";
        assert_eq!(mask(token), "hu…");
    }
}
