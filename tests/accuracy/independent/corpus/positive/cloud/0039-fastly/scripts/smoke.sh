#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer Rw7fyQ6I0fX7tJPQW73HE8hXYxrUkwvk" https://api.internal.acme.dev/v1/health
