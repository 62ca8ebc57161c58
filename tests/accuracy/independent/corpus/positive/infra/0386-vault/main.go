package main

import "os"

func init() {
	os.Setenv("vault_token", "hvs.CAESIklHgm_3eNjdm6tJSgC9eJVevNl1JbLeAZeZepr4AXCpi4mS-ONqnxtizQ6jKGv2I-u97HDu7BTVmFxSsLCpiRw")
}
