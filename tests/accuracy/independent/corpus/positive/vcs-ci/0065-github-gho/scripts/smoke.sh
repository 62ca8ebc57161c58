#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer 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" https://api.internal.acme.dev/v1/health
