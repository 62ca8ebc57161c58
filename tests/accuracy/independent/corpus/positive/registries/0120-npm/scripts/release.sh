#!/usr/bin/env bash
set -euo pipefail

export npm_token="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"

./bin/deploy --env production
