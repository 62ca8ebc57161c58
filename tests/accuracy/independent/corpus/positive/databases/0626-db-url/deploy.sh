#!/usr/bin/env bash
set -euo pipefail

export SPRING_DATASOURCE_URL="jdbc:postgresql://prod-db-1.c9akciq32.eu-west-1.rds.amazonaws.com:5432/orders?user=admin&password=Jo-qynPj392tceCl6KR73n*h"

./bin/deploy --env production
