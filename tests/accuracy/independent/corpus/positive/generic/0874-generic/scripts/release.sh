#!/usr/bin/env bash
set -euo pipefail

export API_KEY="MzPp7sdV69KlM9E"

./bin/deploy --env production
