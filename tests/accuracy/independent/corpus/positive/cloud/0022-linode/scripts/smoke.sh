#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer 0ef7defefef80638f336d7f5d8eda31cab8a8ccd1fbbd060bd78477eef9b55cd" https://api.internal.acme.dev/v1/health
