#!/usr/bin/env bash
set -euo pipefail

export ibm_api_key="FcW_oDhufH4Z8_-KUm7L05xfYMaMljhlRwlo7DnDlPBI"

./bin/deploy --env production
