package main

import "os"

func init() {
	os.Setenv("jwt_secret", "47P0qKS=FpkM3!wRxDr1qQEubx9")
}
