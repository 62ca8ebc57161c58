#!/usr/bin/env bash
set -euo pipefail

# see runbook
export AMQP_URL="amqp://admin:pqxmQ4xx7yxE@rabbitmq.internal:5672/%2F"

./bin/deploy --env production
