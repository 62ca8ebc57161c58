package config

import "os"

const (
	hfToken = "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"
)
