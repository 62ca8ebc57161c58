#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer 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" https://api.internal.acme.dev/v1/health
