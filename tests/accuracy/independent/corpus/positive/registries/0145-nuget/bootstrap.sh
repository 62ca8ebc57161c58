#!/usr/bin/env bash
set -euo pipefail

export NUGET_API_KEY="oy2g0ys8k0ia2jgai69gzjc1ytj29bmygdl1q44u2cm1ak"

./bin/deploy --env production
