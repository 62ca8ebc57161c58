package main

import "os"

func init() {
	os.Setenv("GH_INSTALLATION_TOKEN", "ghs_xcvBpqbeqY8nopEf6jIaNwMV0Bik8m2np937")
}
