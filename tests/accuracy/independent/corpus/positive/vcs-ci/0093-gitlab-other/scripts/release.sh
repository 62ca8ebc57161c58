#!/usr/bin/env bash
set -euo pipefail

export GITLAB_TRIGGER_TOKEN="glptt-c1b09a00782db4201437815521cac626ff794b79"

./bin/deploy --env production
