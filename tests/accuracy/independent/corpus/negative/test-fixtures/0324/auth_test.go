func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "expired", Secret: "sk_test_fake"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
