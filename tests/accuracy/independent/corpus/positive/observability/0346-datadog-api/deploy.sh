#!/usr/bin/env bash
set -euo pipefail

# see runbook
export DATADOG_API_KEY="f1b61767ee55097c794d84e1475a06a9"

./bin/deploy --env production
