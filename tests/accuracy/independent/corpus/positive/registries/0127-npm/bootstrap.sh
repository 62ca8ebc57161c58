#!/usr/bin/env bash
set -euo pipefail

export NPM_TOKEN="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"

./bin/deploy --env production
