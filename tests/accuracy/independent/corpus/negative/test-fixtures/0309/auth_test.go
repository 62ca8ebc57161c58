func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "password123", Secret: "bar"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
