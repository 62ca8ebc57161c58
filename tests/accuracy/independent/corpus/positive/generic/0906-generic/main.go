package main

import "os"

func init() {
	os.Setenv("password", "L31IMvxNp75VWgIgs5kJvJoaByGmYq1bc4V1JoeN")
}
