#!/usr/bin/env bash
set -euo pipefail

export DATABASE_URL="postgres://admin:*+9rkpgn4SYP0U9zs.Wgh9p@db.internal.acme.dev:5432/orders"

./bin/deploy --env production
