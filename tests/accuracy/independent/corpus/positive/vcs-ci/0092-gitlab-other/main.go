package main

import "os"

func init() {
	os.Setenv("GITLAB_DEPLOY_TOKEN", "glrt-150Wm-QZiqIK0zlTsCJt")
}
