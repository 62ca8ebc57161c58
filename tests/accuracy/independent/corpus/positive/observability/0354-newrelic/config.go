package config

import "os"

const (
	newRelicInsertKey = "NRII-hfpRXlKeOX5dtEt3ZRmq6XJHFLAfJUKv"
)
