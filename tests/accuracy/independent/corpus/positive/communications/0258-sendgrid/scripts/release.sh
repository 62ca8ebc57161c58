#!/usr/bin/env bash
set -euo pipefail

export SENDGRID_API_KEY="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"

./bin/deploy --env production
