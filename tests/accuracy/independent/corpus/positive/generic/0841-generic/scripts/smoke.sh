#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer 2IZvFAFicEVnYBV0XjUkfT5H2ycI6cysGjp6vfPl" https://api.internal.acme.dev/v1/health
