package config

import "os"

const (
	openaiApiKey = "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"
)
