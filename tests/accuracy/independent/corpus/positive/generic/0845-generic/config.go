package config

import "os"

const (
	sessionSecret = "=a1fZFO3yDj1_N~kNV"
)
