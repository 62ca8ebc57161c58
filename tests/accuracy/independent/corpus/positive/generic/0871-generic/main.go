package main

import "os"

func init() {
	os.Setenv("apiKey", "KVaVoxFPtZ56M3a")
}
