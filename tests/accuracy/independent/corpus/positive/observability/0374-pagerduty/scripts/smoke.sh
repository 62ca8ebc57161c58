#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer fbdttrnY9f5hqbGSx_m8" https://api.internal.acme.dev/v1/health
