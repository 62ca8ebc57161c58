#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer D8i8Q~4Xx1C9N5IZHV_vNdt6lWqRqj.7fo50o8IX" https://api.internal.acme.dev/v1/health
