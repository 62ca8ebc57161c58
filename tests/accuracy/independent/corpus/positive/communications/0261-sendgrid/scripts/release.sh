#!/usr/bin/env bash
set -euo pipefail

export SENDGRID_API_KEY="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"

./bin/deploy --env production
