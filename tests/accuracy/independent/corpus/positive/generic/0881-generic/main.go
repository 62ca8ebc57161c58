package main

import "os"

func init() {
	os.Setenv("apiKey", "!yF1FsVHM09bMw6F7x0gO6gNe!")
}
