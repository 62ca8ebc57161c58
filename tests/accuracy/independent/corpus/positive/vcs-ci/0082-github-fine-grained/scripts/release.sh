#!/usr/bin/env bash
set -euo pipefail

export GITHUB_PAT="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"

./bin/deploy --env production
