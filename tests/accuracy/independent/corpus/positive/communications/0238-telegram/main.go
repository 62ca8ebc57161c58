package main

import "os"

func init() {
	os.Setenv("TELEGRAM_BOT_TOKEN", "3068145341:AAJ_hGFsGy6Tyb7U04JjpjkXLJn8pwt2dX6")
}
