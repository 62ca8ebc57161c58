#!/usr/bin/env bash
set -euo pipefail

export signing_secret="72e8f8a90b7bd1bf593c52f36f9c6321d1587202862d710e"

./bin/deploy --env production
