package config

import "os"

const (
	dockerhubToken = "dckr_pat_Mi-O2PesEva7MPQnxgkOjry2Vqp"
)
