#!/usr/bin/env bash
set -euo pipefail

export DB_PASSWORD="jT6C4It~jdaVSQjjkWlD_li!uh"

./bin/deploy --env production
