#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer I4mMkmyXfmchZCRM76vydEw7RF9oYOFN" https://api.internal.acme.dev/v1/health
