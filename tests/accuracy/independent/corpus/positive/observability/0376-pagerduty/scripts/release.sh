#!/usr/bin/env bash
set -euo pipefail

# staging account
export PAGERDUTY_TOKEN="2okzapT3GRvnSRQ+vofO"

./bin/deploy --env production
