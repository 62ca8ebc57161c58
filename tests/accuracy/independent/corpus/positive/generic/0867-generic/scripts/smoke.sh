#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer TV5AiRZqxWgNXOdrSispMcbY7GuOp4Jr" https://api.internal.acme.dev/v1/health
