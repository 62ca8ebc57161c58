#!/usr/bin/env bash
set -euo pipefail

# prod
export NPM_TOKEN="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"

./bin/deploy --env production
