//! AWS Signature Version 4 for verify requests (STS `GetCallerIdentity`),
//! with the `aws-sigv4` crate rather than the whole SDK. The signature goes
//! into headers (`Authorization`, `X-Amz-Date`), never into the query string.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign as sigv4_sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;

/// What to sign.
pub(super) struct SignInput<'a> {
    pub method: &'a str,
    pub url: &'a str,
    /// Headers the request will carry (signed along; `host` is implied).
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub region: &'a str,
    pub service: &'a str,
    pub time: SystemTime,
}

/// The headers to add to the request. Errors never carry key material.
pub(super) fn sign(input: &SignInput<'_>) -> Result<Vec<(String, String)>, String> {
    let identity = Credentials::new(
        input.access_key_id,
        input.secret_access_key,
        None,
        None,
        "keyhound-verify",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(input.region)
        .name(input.service)
        .time(input.time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|_| "cannot sign the request".to_string())?
        .into();
    let request = SignableRequest::new(
        input.method,
        input.url,
        input.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(input.body),
    )
    .map_err(|_| "cannot sign the request".to_string())?;
    let (instructions, _signature) = sigv4_sign(request, &params)
        .map_err(|_| "cannot sign the request".to_string())?
        .into_parts();
    Ok(instructions
        .headers()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_into_headers_only() {
        let h = sign(&SignInput {
            method: "POST",
            url: "https://sts.amazonaws.com/",
            headers: &[(
                "content-type".into(),
                "application/x-www-form-urlencoded; charset=utf-8".into(),
            )],
            body: b"Action=GetCallerIdentity&Version=2011-06-15",
            access_key_id: "AKIDEXAMPLE",
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            region: "us-east-1",
            service: "sts",
            time: SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000),
        })
        .unwrap();
        let auth = &h
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .unwrap()
            .1;
        assert!(
            auth.starts_with(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/sts/aws4_request"
            ),
            "{auth}"
        );
        assert!(
            !auth.contains("wJalrXUtnFEMI"),
            "the secret key is never sent"
        );
        assert!(h.iter().any(|(k, _)| k.eq_ignore_ascii_case("x-amz-date")));
    }
}
