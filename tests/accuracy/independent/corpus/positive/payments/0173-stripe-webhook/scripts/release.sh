#!/usr/bin/env bash
set -euo pipefail

export STRIPE_WEBHOOK_SECRET="whsec_AxAX3Pcuk6s4VhybCtPzLHD4oXGRnYNg"

./bin/deploy --env production
