func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "sk_test_fake", Secret: "secret"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
