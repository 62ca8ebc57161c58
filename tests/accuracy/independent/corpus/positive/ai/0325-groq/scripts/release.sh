#!/usr/bin/env bash
set -euo pipefail

export GROQ_API_KEY="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"

./bin/deploy --env production
