package main

import "os"

func init() {
	os.Setenv("webhook_secret", "fd8f8f8c70ae82e071223732ea252654")
}
