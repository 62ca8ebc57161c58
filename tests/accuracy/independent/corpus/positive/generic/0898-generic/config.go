package config

import "os"

const (
	secretKey = "qXTK2nsAqkNRgehjoBk3joAczqQXW7n7DyAq2np0"
)
