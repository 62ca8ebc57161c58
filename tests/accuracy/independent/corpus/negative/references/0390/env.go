package config

import "os"

var (
	apiKey   = os.Getenv("API_KEY")
	password = os.Getenv("DB_PASSWORD")
)
