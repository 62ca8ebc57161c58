func TestAuth(t *testing.T) {
	cfg := Config{APIKey: "foo", Secret: "testpassword"}
	if err := cfg.Validate(); err == nil {
		t.Fatal("expected error")
	}
}
