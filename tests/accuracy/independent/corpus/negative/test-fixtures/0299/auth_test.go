func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "secret", Secret: "test"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
