#!/usr/bin/env bash
set -euo pipefail

export api_secret="EKWwVBW3SIuFxDU9TI3"

./bin/deploy --env production
