#!/usr/bin/env bash
set -euo pipefail

# prod
export AZURE_CLIENT_SECRET="Nql7Q~fAszXRl4RRB.WYUQy~c0xkZZ1q2bw-kFzp"

./bin/deploy --env production
