#!/usr/bin/env bash
set -euo pipefail

# rotated 2024-03-11
export DATABASE_URL="postgresql://app:IPaZONWApV64+e.0~YrU@mysql-primary.svc.cluster.local/app?sslmode=require"

./bin/deploy --env production
