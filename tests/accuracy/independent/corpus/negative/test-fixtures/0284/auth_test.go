func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "fake-token", Secret: "abc123"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
