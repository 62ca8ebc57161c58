package main

import "os"

func init() {
	os.Setenv("token", "BQsl~XtwZE9Hb4~Kb46x")
}
