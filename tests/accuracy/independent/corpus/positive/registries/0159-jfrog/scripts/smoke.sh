#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer AKCphVtSaZ9hUR3LlMqnIgUkKhy0E4pFOjG5JyFb2Lk8nV3kSeFF0NwTxfn6mrVZL6X4GL8Ye" https://api.internal.acme.dev/v1/health
