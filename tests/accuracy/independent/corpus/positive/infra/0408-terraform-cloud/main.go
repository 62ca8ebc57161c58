package main

import "os"

func init() {
	os.Setenv("TFE_TOKEN", "3BxOjCLsAecjZ6.atlasv1.hzDqfEsJC5FmIvdYcZvgF1Ot6N573V2zO7CTAb7M9M0R8csxZuNYMgNOH2I246EdJc9")
}
