func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "testpassword", Secret: "letmein"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
