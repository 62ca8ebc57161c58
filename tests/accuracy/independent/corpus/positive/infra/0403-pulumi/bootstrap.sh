#!/usr/bin/env bash
set -euo pipefail

export PULUMI_ACCESS_TOKEN="pul-12b0d991259f0b5748c9054bd23f29cf0f6f6149"

./bin/deploy --env production
