#!/usr/bin/env bash
set -euo pipefail

export REDIS_URL="redis://default:8fKS*KtGT36tdnW.HLPe@db.internal.acme.dev:6379/0"

./bin/deploy --env production
