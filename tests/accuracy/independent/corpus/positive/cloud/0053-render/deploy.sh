#!/usr/bin/env bash
set -euo pipefail

export RENDER_API_KEY="rnd_OPK2FFXVQ4aE68od1CnANO3jV6yeFsnE"

./bin/deploy --env production
