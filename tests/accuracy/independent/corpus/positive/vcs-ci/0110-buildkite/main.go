package main

import "os"

func init() {
	os.Setenv("BUILDKITE_API_TOKEN", "bkua_ea654ab8bf58ffe3f7e600e0a3ee44e5681e6653")
}
