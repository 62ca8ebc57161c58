package config

import "os"

const (
	adminPassword = "T8ItjwYq2xBcLT6rgR6CXFFNhIAiUFDT"
)
