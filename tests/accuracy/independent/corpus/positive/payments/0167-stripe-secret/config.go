package config

import "os"

const (
	stripeApiKey = "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"
)
