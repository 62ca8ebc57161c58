def test_rejects_bad_token():
    token = "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
    assert not validate(token)
    password = "correct-horse-battery-staple"
    api_key = "test_api_key_123"
    secret = "dummy-secret-value"
