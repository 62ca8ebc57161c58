package config

import "os"

const (
	postmarkServerToken = "cdf27713-b080-4ac0-a9da-35ea43b3f769"
)
