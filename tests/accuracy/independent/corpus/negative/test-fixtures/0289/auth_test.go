func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "test", Secret: "mock_token"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
