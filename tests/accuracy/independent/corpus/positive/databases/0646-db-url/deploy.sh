#!/usr/bin/env bash
set -euo pipefail

export SPRING_DATASOURCE_URL="jdbc:postgresql://mysql-primary.svc.cluster.local:5432/orders?user=admin&password=cQPJtSErh4Bf4sY45g"

./bin/deploy --env production
