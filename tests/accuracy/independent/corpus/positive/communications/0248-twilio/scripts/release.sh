#!/usr/bin/env bash
set -euo pipefail

export TWILIO_AUTH_TOKEN="519b3346364352c918eba90091bc29fe"

./bin/deploy --env production
