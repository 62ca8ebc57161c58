package main

import "os"

func init() {
	os.Setenv("npm_token", "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")
}
