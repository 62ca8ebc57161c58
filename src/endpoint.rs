//! The one network-safety rule for every URL keyhound sends to (verify
//! endpoints, rotation targets): https anywhere, plain http only to a
//! loopback IP literal (127.0.0.0/8, `[::1]`; not the name `localhost`,
//! which a hosts file can point anywhere), and no credentials or fragment
//! in the URL, where a secret could hide or leak.

use reqwest::Url;

/// Is the URL's host a loopback IP literal.
pub fn is_loopback(u: &Url) -> bool {
    u.host_str()
        .map(|h| h.trim_start_matches('[').trim_end_matches(']'))
        .and_then(|h| h.parse::<std::net::IpAddr>().ok())
        .is_some_and(|ip| ip.is_loopback())
}

/// Parses and checks a URL against the rule above; the message says what
/// is wrong and quotes the URL (URLs here never carry secrets: ones with
/// credentials are refused without being echoed).
pub fn parse(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw).map_err(|e| format!("{raw:?}: {e}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the URL may not carry credentials".into());
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "{raw:?}: plain http is allowed only to a loopback address (127.0.0.1, [::1]); use https"
            ))
        }
        other => return Err(format!("{raw:?}: scheme {other:?} (expected https)")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{raw:?}: no host"));
    }
    if url.fragment().is_some() {
        return Err(format!("{raw:?}: no fragment allowed"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_to_loopback_ips() {
        assert!(parse("https://api.example.com/x").is_ok());
        assert!(parse("http://127.0.0.1:8200/").is_ok());
        assert!(parse("http://127.1.2.3/").is_ok());
        assert!(parse("http://[::1]:80/").is_ok());
        assert!(parse("http://localhost/").is_err());
        assert!(parse("http://example.com/").is_err());
        assert!(parse("ftp://127.0.0.1/").is_err());
        assert!(parse("https://user:pw@example.com/").is_err());
        assert!(!parse("https://user:hunter2@example.com/")
            .unwrap_err()
            .contains("hunter2"));
        assert!(parse("https://example.com/#frag").is_err());
    }
}
