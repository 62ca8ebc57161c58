#!/usr/bin/env bash
set -euo pipefail

export access_key="c41nTqnTJVm1gpxy0ypzf1zV"

./bin/deploy --env production
