package config

import "os"

const (
	nugetKey = "oy27iquvqk2ockviulof2dj4eqv1etwoe7dg31yn99qsmk"
)
